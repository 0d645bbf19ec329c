// Image uploads (Body::kImage routes) through Api::Handle: their body checks, and the body
// limits Api::BodyLimitFor gives http/. The routes are found in the table, not named here.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "api/routes.hpp"
#include "api_test_fixture.hpp"
#include "domain/media/image.hpp"

namespace enishi::api::testing {
namespace {

// A path each image route matches: its pattern with every {parameter} filled in.
std::vector<std::pair<Method, std::string>> ImageRoutes() {
  std::vector<std::pair<Method, std::string>> routes;
  for (const Route& route : RouteTable()) {
    if (route.body != Body::kImage) continue;
    std::string path;
    for (size_t i = 0; i < route.pattern.size(); ++i) {
      if (route.pattern[i] == '{') {
        path += "x";
        i = route.pattern.find('}', i);
      } else {
        path += route.pattern[i];
      }
    }
    routes.emplace_back(route.method, std::move(path));
  }
  return routes;
}

class ImageBodyTest : public ApiTest {};

TEST_F(ImageBodyTest, ImageRoutesTakeUploadsAndEverythingElseTheConfiguredLimit) {
  ApiOptions options = TestApiOptions();
  options.max_body_bytes = 4096;
  Configure(options);
  ASSERT_FALSE(ImageRoutes().empty());
  for (const auto& [method, path] : ImageRoutes()) {
    EXPECT_EQ(api_->BodyLimitFor(method, path), media::kMaxUploadBytes) << path;
    EXPECT_EQ(api_->BodyLimitFor(method, path + "?size=large"), media::kMaxUploadBytes) << path;
  }
  EXPECT_EQ(api_->BodyLimitFor(Method::kPost, "/api/v1/login"), 4096u);
  EXPECT_EQ(api_->BodyLimitFor(Method::kPatch, "/api/v1/me"), 4096u);
  EXPECT_EQ(api_->BodyLimitFor(Method::kPost, "/api/v1/no-such-thing"), 4096u);
  EXPECT_EQ(api_->BodyLimitFor(Method::kGet, "/index.html"), 4096u);
  EXPECT_EQ(api_->BodyLimitFor(Method::kOther, "*"), 4096u);
}

TEST_F(ImageBodyTest, UploadsNeedAnImageContentTypeAndABody) {
  std::string token = SignUpApiClient("photo@example.com");
  for (const auto& [method, path] : ImageRoutes()) {
    auto upload = [&, &method = method, &path = path](std::string body, Headers headers) {
      return Send(MakeRequest(method, path, std::move(body), Join(Bearer(token), headers)));
    };
    Response json = upload("{}", {{"content-type", "application/json"}});
    EXPECT_EQ(json.status, 415) << path;
    EXPECT_EQ(ErrorOf(json)["code"], "unsupported_media_type");
    EXPECT_NE(StringAt(ErrorOf(json), "message").find("image/jpeg, image/png or image/webp"),
              std::string::npos);
    EXPECT_EQ(upload("GIF89a", {{"content-type", "image/gif"}}).status, 415) << path;
    EXPECT_EQ(upload("\xFF\xD8\xFF", {}).status, 415) << path;

    Response empty = upload("", {{"content-type", "image/jpeg"}});
    EXPECT_EQ(empty.status, 400) << path;
    EXPECT_EQ(ErrorOf(empty)["field"], "image");

    Response huge =
        upload(std::string(media::kMaxUploadBytes + 1, 'x'), {{"content-type", "image/png"}});
    EXPECT_EQ(huge.status, 413) << path;

    // Signing in comes first: an anonymous upload learns nothing about its body.
    Response anonymous = Send(MakeRequest(method, path, "", {{"content-type", "text/plain"}}));
    EXPECT_EQ(anonymous.status, 401) << path;
  }
}

}  // namespace
}  // namespace enishi::api::testing
