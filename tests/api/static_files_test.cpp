#include "api/static_files.hpp"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "api/middleware.hpp"

namespace enishi::api {
namespace {

namespace fs = std::filesystem;

// A throwaway web root:  <tmp>/web/{index.html, assets/..., ...}  and  <tmp>/secret.txt
class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "enishi_static_XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    base_ = pattern;
    root_ = base_ / "web";
    Write("index.html", "<!doctype html><title>Enishi</title>");
    Write("assets/index-1a2b3c.js", "console.log(1)");
    Write("assets/index-4d5e6f.css", "body{}");
    Write("assets/logo.svg", "<svg/>");
    Write("favicon.ico", "ico");
    Write("manifest.webmanifest", "{}");
    Write("fonts/noto.woff2", "woff2");
    Write("robots.txt", "User-agent: *");
    Write("assets/index-1a2b3c.js.map", "{}");
    Write("photo.JPG", "jpg");
    Write("data.bin", "bin");
    Write(".env", "SECRET=1");
    std::ofstream(base_ / "secret.txt") << "top secret";
    fs::create_symlink(base_ / "secret.txt", root_ / "escape.txt");
    fs::create_symlink(root_ / "robots.txt", root_ / "alias.txt");
    fs::create_directory_symlink(base_, root_ / "up");
  }
  void TearDown() override { fs::remove_all(base_); }

  void Write(const std::string& relative, const std::string& content) {
    fs::create_directories((root_ / relative).parent_path());
    std::ofstream(root_ / relative) << content;
  }

  Response Get(std::string_view path,
               std::vector<std::pair<std::string, std::string>> headers = {}) {
    Request request;
    request.target = std::string(path);
    request.headers = std::move(headers);
    return StaticFiles(root_.string()).Serve(request, path);
  }

  std::string Canonical(const std::string& relative) {
    return fs::canonical(root_ / relative).string();
  }

  fs::path base_;
  fs::path root_;
};

TEST_F(StaticFilesTest, ServesFilesByPathWithTheirMimeType) {
  struct Case {
    std::string_view path;
    std::string_view file;
    std::string_view type;
  };
  for (const Case& c : {
           Case{"/assets/index-1a2b3c.js", "assets/index-1a2b3c.js",
                "text/javascript; charset=utf-8"},
           Case{"/assets/index-4d5e6f.css", "assets/index-4d5e6f.css", "text/css; charset=utf-8"},
           Case{"/assets/logo.svg", "assets/logo.svg", "image/svg+xml"},
           Case{"/favicon.ico", "favicon.ico", "image/x-icon"},
           Case{"/manifest.webmanifest", "manifest.webmanifest", "application/manifest+json"},
           Case{"/fonts/noto.woff2", "fonts/noto.woff2", "font/woff2"},
           Case{"/robots.txt", "robots.txt", "text/plain; charset=utf-8"},
           Case{"/assets/index-1a2b3c.js.map", "assets/index-1a2b3c.js.map", "application/json"},
           Case{"/photo.JPG", "photo.JPG", "image/jpeg"},
           Case{"/data.bin", "data.bin", "application/octet-stream"},
           Case{"/index.html", "index.html", "text/html; charset=utf-8"},
           Case{"/alias.txt", "robots.txt", "text/plain; charset=utf-8"},  // Symlink inside.
       }) {
    Response response = Get(c.path);
    EXPECT_EQ(response.status, 200) << c.path;
    EXPECT_EQ(response.file_path, Canonical(std::string(c.file))) << c.path;
    EXPECT_EQ(ResponseHeader(response, "Content-Type"), c.type) << c.path;
    EXPECT_TRUE(response.body.empty()) << c.path;
  }
}

TEST_F(StaticFilesTest, HashedAssetsAreImmutableAndTheRestRevalidated) {
  EXPECT_EQ(ResponseHeader(Get("/assets/index-1a2b3c.js"), "Cache-Control"),
            "public, max-age=31536000, immutable");
  EXPECT_EQ(ResponseHeader(Get("/"), "Cache-Control"), "no-cache");
  EXPECT_EQ(ResponseHeader(Get("/index.html"), "Cache-Control"), "no-cache");
  EXPECT_EQ(ResponseHeader(Get("/robots.txt"), "Cache-Control"), "no-cache");
}

TEST_F(StaticFilesTest, RootAndClientRoutesServeTheIndex) {
  for (std::string_view path :
       {"/", "/settings", "/login", "/members/abc/profile", "//", "/assets"}) {
    Response response = Get(path);
    EXPECT_EQ(response.status, 200) << path;
    EXPECT_EQ(response.file_path, Canonical("index.html")) << path;
    EXPECT_EQ(ResponseHeader(response, "Cache-Control"), "no-cache") << path;
  }
}

TEST_F(StaticFilesTest, MissingFilesWithAnExtensionAre404Json) {
  for (std::string_view path : {"/missing.js", "/assets/index-000000.js", "/x/y.png"}) {
    Response response = Get(path);
    EXPECT_EQ(response.status, 404) << path;
    EXPECT_TRUE(response.file_path.empty());
    EXPECT_EQ(response.body, R"({"error":{"code":"not_found","message":"no such page"}})");
  }
}

TEST_F(StaticFilesTest, NeverLeavesTheRoot) {
  for (std::string_view path : {"/../secret.txt",
                                "/../../etc/passwd",
                                "/assets/../../secret.txt",
                                "/%2e%2e/secret.txt",
                                "/%2E%2E/secret.txt",
                                "/assets/%2e%2e/%2e%2e/secret.txt",
                                "/..%2fsecret.txt",
                                "/..%2Fsecret.txt",
                                "/..%5csecret.txt",
                                "/..\\secret.txt",
                                "/escape.txt",
                                "/up/secret.txt",
                                "/up/web/index.html",
                                "/index.html%00.js",
                                "/%00",
                                "/.env",
                                "/assets/./index-1a2b3c.js",
                                "/%",
                                "/%zz",
                                "/a%2",
                                "/%252e%252e/secret.txt",
                                "/assets/..",
                                "/.."}) {
    Response response = Get(path);
    EXPECT_TRUE(response.status == 404 || response.file_path == Canonical("index.html"))
        << path << " -> " << response.status << " " << response.file_path;
    EXPECT_EQ(response.file_path.find("secret"), std::string::npos) << path;
  }
  EXPECT_EQ(Get("/../secret.txt").status, 404);
  EXPECT_EQ(Get("/escape.txt").status, 404);
  EXPECT_EQ(Get("/.env").status, 404);
}

TEST_F(StaticFilesTest, AnswersNotModifiedForAMatchingETag) {
  Response first = Get("/robots.txt");
  std::string etag(ResponseHeader(first, "ETag"));
  ASSERT_FALSE(etag.empty());
  EXPECT_TRUE(etag.starts_with("W/\""));
  for (std::string value : {etag, "\"other\", " + etag, etag.substr(2), std::string("*")}) {
    Response again = Get("/robots.txt", {{"if-none-match", value}});
    EXPECT_EQ(again.status, 304) << value;
    EXPECT_TRUE(again.file_path.empty());
    EXPECT_EQ(ResponseHeader(again, "ETag"), etag);
  }
  EXPECT_EQ(Get("/robots.txt", {{"if-none-match", "W/\"nope\""}}).status, 200);
}

TEST_F(StaticFilesTest, WithoutABuiltClientPagesExplainHowToBuildIt) {
  fs::remove(root_ / "index.html");
  for (std::string_view path : {"/", "/settings"}) {
    Response response = Get(path);
    EXPECT_EQ(response.status, 200) << path;
    EXPECT_EQ(ResponseHeader(response, "Content-Type"), "text/plain; charset=utf-8");
    EXPECT_NE(response.body.find("not built"), std::string::npos);
    EXPECT_NE(response.body.find("make"), std::string::npos);
  }
  EXPECT_EQ(Get("/missing.js").status, 404);

  Request request;
  for (std::string root : {"", "/nonexistent/enishi/web"}) {
    Response response = StaticFiles(root).Serve(request, "/");
    EXPECT_EQ(response.status, 200);
    EXPECT_NE(response.body.find("not built"), std::string::npos);
  }
}

TEST(MimeType, KnowsTheClientsFileTypes) {
  EXPECT_EQ(MimeType("a.mjs"), "text/javascript; charset=utf-8");
  EXPECT_EQ(MimeType("a.png"), "image/png");
  EXPECT_EQ(MimeType("a.jpeg"), "image/jpeg");
  EXPECT_EQ(MimeType("a.webp"), "image/webp");
  EXPECT_EQ(MimeType("a.json"), "application/json");
  EXPECT_EQ(MimeType("README"), "application/octet-stream");
  EXPECT_EQ(MimeType("a.HTML"), "text/html; charset=utf-8");
}

}  // namespace
}  // namespace enishi::api
