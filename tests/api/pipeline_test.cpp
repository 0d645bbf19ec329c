// The middleware of Api::Handle: routing errors, security headers, caching, CSRF, Origin,
// credentials, rate limits, access log and metrics.

#include <gtest/gtest.h>
#include <stdlib.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "api_test_fixture.hpp"

namespace enishi::api::testing {
namespace {

class PipelineTest : public ApiTest {};

void ExpectSecurityHeaders(const Response& response, bool secure) {
  EXPECT_EQ(Header(response, "X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(Header(response, "Referrer-Policy"), "no-referrer");
  EXPECT_EQ(Header(response, "X-Frame-Options"), "DENY");
  EXPECT_EQ(Header(response, "Content-Security-Policy"),
            std::string(kDefaultContentSecurityPolicy));
  EXPECT_EQ(Header(response, "Strict-Transport-Security").empty(), !secure);
}

TEST_F(PipelineTest, UnknownApiPathsAre404Json) {
  for (std::string target : {"/api/v1/nope", "/api/v2/me", "/api/v1/me/", "/api", "/api/",
                             "/api/v1/sessions/", "/api/v1/nope?x=1"}) {
    Response response = Get(target);
    EXPECT_EQ(response.status, 404) << target;
    EXPECT_EQ(ErrorOf(response), json({{"code", "not_found"}, {"message", "no such endpoint"}}));
    EXPECT_EQ(Header(response, "Content-Type"), "application/json");
  }
}

TEST_F(PipelineTest, KnownPathsWithAnotherMethodAre405WithAllow) {
  Response response = Send(MakeRequest(Method::kPut, "/api/v1/me"));
  EXPECT_EQ(response.status, 405);
  EXPECT_EQ(Header(response, "Allow"), "GET, HEAD, PATCH, DELETE");
  EXPECT_EQ(ErrorOf(response),
            json({{"code", "method_not_allowed"},
                  {"message", "PUT is not allowed here; use GET, HEAD, PATCH, DELETE"}}));
  EXPECT_EQ(Header(Send(MakeRequest(Method::kGet, "/api/v1/login")), "Allow"), "POST");
  EXPECT_EQ(Send(MakeRequest(Method::kOther, "/healthz")).status, 405);
  EXPECT_EQ(Send(MakeRequest(Method::kOptions, "/api/v1/signup")).status, 405);
}

TEST_F(PipelineTest, TargetsThatAreNotPathsAre400) {
  for (std::string target : {"*", "http://evil.example/api/v1/me", "", "?x"}) {
    Response response = Get(target);
    EXPECT_EQ(response.status, 400) << target;
    EXPECT_EQ(ErrorOf(response)["code"], "invalid_argument");
  }
}

TEST_F(PipelineTest, EveryAnswerCarriesSecurityHeaders) {
  Browser browser = SignUpBrowser("ana@example.com");
  for (bool secure : {false, true}) {
    for (Request request :
         {MakeRequest(Method::kGet, "/api/v1/me", {}, browser.Cookies()),
          MakeRequest(Method::kGet, "/api/v1/me"), MakeRequest(Method::kGet, "/api/v1/nope"),
          MakeRequest(Method::kPut, "/api/v1/me"), MakeRequest(Method::kGet, "/healthz"),
          MakeRequest(Method::kGet, "/"), MakeRequest(Method::kGet, "/missing.js"),
          MakeRequest(Method::kPost, "/api/v1/signup", "x")}) {
      request.secure = secure;
      SCOPED_TRACE(request.target);
      ExpectSecurityHeaders(Send(request), secure);
    }
  }
}

TEST_F(PipelineTest, ApiAnswersAreNeverStored) {
  Browser browser = SignUpBrowser("ana@example.com");
  for (Response response :
       {Get("/api/v1/me", browser.Cookies()), Get("/api/v1/me"), Get("/api/v1/nope"),
        Get("/api/v1/openapi.json"), Send(MakeRequest(Method::kPut, "/api/v1/me")),
        StartSignup("bo@example.com"), Get("/healthz"), Get("/metrics")}) {
    EXPECT_EQ(Header(response, "Cache-Control"), "no-store") << response.body;
  }
}

TEST_F(PipelineTest, HeadIsAnsweredAsGet) {
  // http/ drops the body of a HEAD answer after taking its Content-Length from it.
  Response head = Send(MakeRequest(Method::kHead, "/healthz"));
  Response get = Get("/healthz");
  EXPECT_EQ(head.status, 200);
  EXPECT_EQ(head.headers, get.headers);
  EXPECT_EQ(head.body, get.body);
}

TEST_F(PipelineTest, CookieWritesNeedTheSessionsCsrfToken) {
  Browser browser = SignUpBrowser("ana@example.com");
  json patch = {{"display_name", "Mallory was here"}};
  Response missing = SendJson(Method::kPatch, "/api/v1/me", patch, browser.Cookies());
  EXPECT_EQ(missing.status, 403);
  EXPECT_EQ(ErrorOf(missing),
            json({{"code", "permission_denied"}, {"message", "missing or wrong CSRF token"}}));

  Headers wrong = Join(browser.Cookies(), {{"x-csrf-token", browser.csrf + "x"}});
  EXPECT_EQ(SendJson(Method::kPatch, "/api/v1/me", patch, wrong).status, 403);
  Headers other = Join(browser.Cookies(), {{"x-csrf-token", SignUpBrowser("bo@example.com").csrf}});
  EXPECT_EQ(SendJson(Method::kPatch, "/api/v1/me", patch, other).status, 403);
  Headers empty = Join(browser.Cookies(), {{"x-csrf-token", ""}});
  EXPECT_EQ(SendJson(Method::kPatch, "/api/v1/me", patch, empty).status, 403);
  EXPECT_EQ(Body(Get("/api/v1/me", browser.Cookies()))["display_name"], "Ana Tanaka");

  EXPECT_EQ(SendJson(Method::kPatch, "/api/v1/me", patch, browser.CookiesAndCsrf()).status, 200);
  // Safe methods need no token.
  EXPECT_EQ(Get("/api/v1/sessions", browser.Cookies()).status, 200);
}

TEST_F(PipelineTest, TokensWorkOnlyTheWayTheyWereIssued) {
  Browser browser = SignUpBrowser("ana@example.com");
  std::string token = SignUpApiClient("api@example.com");
  // A browser's session token replayed as a bearer token would skip the CSRF check.
  EXPECT_EQ(Get("/api/v1/me", Bearer(browser.session)).status, 401);
  EXPECT_EQ(Get("/api/v1/me", {{"cookie", "enishi_session=" + token}}).status, 401);
  EXPECT_EQ(Get("/api/v1/me", Bearer(token)).status, 200);
}

TEST_F(PipelineTest, ForeignOriginsCannotWrite) {
  Headers evil = {{"host", "enishi.example"}, {"origin", "https://evil.example"}};
  // Login CSRF: refused before the credentials are even looked at.
  Response login = Post("/api/v1/login", {{"login", "a@example.com"}, {"password", "x"}}, evil);
  EXPECT_EQ(login.status, 403);
  EXPECT_EQ(ErrorOf(login), json({{"code", "permission_denied"},
                                  {"message", "requests from this origin are not allowed"}}));
  EXPECT_EQ(StartSignup("ok@example.com").status, 202);
  size_t outbox = OutboxSize();
  EXPECT_EQ(Post("/api/v1/signup",
                 {{"login", "x@example.com"},
                  {"password", std::string(kPassword)},
                  {"display_name", "X"},
                  {"locale", "en"}},
                 evil)
                .status,
            403);
  EXPECT_EQ(OutboxSize(), outbox);
  // Even with a bearer token: the Origin check does not depend on credentials.
  std::string token = SignUpApiClient("api@example.com");
  EXPECT_EQ(
      SendJson(Method::kPatch, "/api/v1/me", {{"locale", "en"}}, Join(Bearer(token), evil)).status,
      403);
  // Reads are not refused: a cross-origin page cannot read the answer anyway.
  EXPECT_EQ(Get("/api/v1/me", Join(Bearer(token), evil)).status, 200);
}

TEST_F(PipelineTest, OwnAndConfiguredOriginsMayWrite) {
  Headers own = {{"host", "enishi.example:8080"}, {"origin", "http://enishi.example:8080"}};
  EXPECT_EQ(Post("/api/v1/login", {{"login", "a@example.com"}, {"password", "x"}}, own).status,
            401);
  ApiOptions options = TestApiOptions();
  options.allowed_origins = {"https://app.enishi.example"};
  Configure(options);
  Headers configured = {{"host", "api.enishi.example"}, {"origin", "https://app.enishi.example"}};
  EXPECT_EQ(
      Post("/api/v1/login", {{"login", "a@example.com"}, {"password", "x"}}, configured).status,
      401);
}

TEST_F(PipelineTest, ClientsAreRateLimitedByAddress) {
  ApiOptions options = TestApiOptions();
  options.rate_limits.per_client = {.per_minute = 6, .burst = 3};
  Configure(options);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(Get("/api/v1/openapi.json").status, 200) << i;
  Response limited = Get("/api/v1/nope");  // Unknown paths count too.
  EXPECT_EQ(limited.status, 429);
  EXPECT_EQ(Header(limited, "Retry-After"), "10");
  EXPECT_EQ(ErrorOf(limited),
            json({{"code", "resource_exhausted"}, {"message", "too many requests; slow down"}}));
  // Another address, and anything outside /api, are not affected.
  Request other = MakeRequest(Method::kGet, "/api/v1/openapi.json");
  other.client_ip = "203.0.113.9";
  EXPECT_EQ(Send(other).status, 200);
  EXPECT_EQ(Get("/healthz").status, 200);
  EXPECT_EQ(Get("/").status, 200);
  clock_.Advance(std::chrono::seconds(10));
  EXPECT_EQ(Get("/api/v1/openapi.json").status, 200);
}

TEST_F(PipelineTest, MembersAreRateLimitedAcrossAddresses) {
  std::string token = SignUpApiClient("api@example.com");
  ApiOptions options = TestApiOptions();
  options.rate_limits.per_account = {.per_minute = 60, .burst = 2};
  Configure(options);
  for (int i = 0; i < 3; ++i) {
    Request request = MakeRequest(Method::kGet, "/api/v1/me", {}, Bearer(token));
    request.client_ip = "203.0.113." + std::to_string(i);
    Response response = Send(request);
    EXPECT_EQ(response.status, i < 2 ? 200 : 429) << i;
    if (i == 2) {
      EXPECT_EQ(Header(response, "Retry-After"), "1");
    }
  }
}

TEST_F(PipelineTest, ABodyWhereNoneIsExpectedIs400) {
  Browser browser = SignUpBrowser("ana@example.com");
  Response response = Send(MakeRequest(Method::kGet, "/api/v1/me", "{}", browser.Cookies()));
  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(ErrorOf(response)["message"], "this endpoint takes no request body");
}

TEST_F(PipelineTest, TheAccessLogNamesTheRouteNeverTheRawPath) {
  Browser browser = SignUpBrowser("ana@example.com");
  Browser second = LogInBrowser("ana@example.com");
  std::string id;
  json sessions = Body(Get("/api/v1/sessions", second.Cookies()))["sessions"];
  for (const json& session : sessions) {
    if (session["current"] == true) id = session["id"];
  }
  Request request = MakeRequest(Method::kDelete, "/api/v1/sessions/" + id + "?secret=shh", {},
                                browser.CookiesAndCsrf());
  request.request_id = "req-42";
  ::testing::internal::CaptureStderr();
  EXPECT_EQ(Send(request).status, 204);
  std::string log = ::testing::internal::GetCapturedStderr();
  EXPECT_NE(log.find("\"event\":\"http_request\""), std::string::npos) << log;
  EXPECT_NE(log.find("\"method\":\"DELETE\""), std::string::npos) << log;
  EXPECT_NE(log.find("\"route\":\"/api/v1/sessions/{id}\""), std::string::npos) << log;
  EXPECT_NE(log.find("\"status\":204"), std::string::npos) << log;
  EXPECT_NE(log.find("\"request_id\":\"req-42\""), std::string::npos) << log;
  EXPECT_NE(log.find("\"client_ip\":\"198.51.100.7\""), std::string::npos) << log;
  EXPECT_NE(log.find("\"duration_ms\":"), std::string::npos) << log;
  for (const std::string& secret : {id, browser.session, browser.csrf, std::string("shh")}) {
    EXPECT_EQ(log.find(secret), std::string::npos) << secret;
  }
  // One line per request.
  size_t first = log.find("\"event\":\"http_request\"");
  EXPECT_EQ(log.find("\"event\":\"http_request\"", first + 1), std::string::npos) << log;
}

TEST_F(PipelineTest, RequestsAreCountedByRouteMethodAndStatus) {
  Get("/api/v1/me");
  Get("/api/v1/me");
  Get("/api/v1/sessions/abc");
  Get("/no/such/page.js");
  std::string text = Get("/metrics").body;
  EXPECT_NE(text.find("enishi_http_requests_total{route=\"/api/v1/me\",method=\"GET\","
                      "status=\"401\"} 2"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("enishi_http_requests_total{route=\"/api/v1/sessions/{id}\","
                      "method=\"GET\",status=\"405\"} 1"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("enishi_http_requests_total{route=\"static\",method=\"GET\","
                      "status=\"404\"} 1"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("enishi_http_request_duration_seconds_count{route=\"/api/v1/me\"} 2"),
            std::string::npos)
      << text;
  EXPECT_EQ(text.find("abc"), std::string::npos);
}

TEST_F(PipelineTest, ServesTheWebClientOutsideApi) {
  std::string pattern = (std::filesystem::temp_directory_path() / "enishi_web_XXXXXX").string();
  ASSERT_NE(mkdtemp(pattern.data()), nullptr);
  std::filesystem::path root = pattern;
  std::filesystem::create_directories(root / "assets");
  std::ofstream(root / "index.html") << "<!doctype html>";
  std::ofstream(root / "assets" / "app-abc123.js") << "1";
  ApiOptions options = TestApiOptions();
  options.web_root = root.string();
  Configure(options);

  Response index = Get("/settings");
  EXPECT_EQ(index.status, 200);
  EXPECT_EQ(index.file_path, std::filesystem::canonical(root / "index.html").string());
  EXPECT_EQ(Header(index, "Cache-Control"), "no-cache");
  ExpectSecurityHeaders(index, false);

  Response asset = Get("/assets/app-abc123.js");
  EXPECT_EQ(Header(asset, "Cache-Control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(Header(asset, "Content-Type"), "text/javascript; charset=utf-8");

  Response head = Send(MakeRequest(Method::kHead, "/"));
  EXPECT_EQ(head.status, 200);
  EXPECT_FALSE(head.file_path.empty());

  Response post = Send(MakeRequest(Method::kPost, "/settings"));
  EXPECT_EQ(post.status, 405);
  EXPECT_EQ(Header(post, "Allow"), "GET, HEAD");

  // /api never falls back to the client, and traversal never leaves the root.
  EXPECT_EQ(Get("/api/v1/settings").status, 404);
  for (std::string target : {"/../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd",
                             "/assets/../../etc/passwd", "/assets/%2e%2e/%2e%2e/x.js"}) {
    Response response = Get(target);
    EXPECT_EQ(response.status, 404) << target;
    EXPECT_TRUE(response.file_path.empty()) << target;
  }
  std::filesystem::remove_all(root);
}

TEST_F(PipelineTest, HandlesConcurrentRequests) {
  constexpr int kThreads = 8;
  std::vector<std::string> tokens;
  for (int t = 0; t < kThreads; ++t) {
    tokens.push_back(SignUpApiClient("client" + std::to_string(t) + "@example.com"));
  }
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 50; ++i) {
        Request me = MakeRequest(Method::kGet, "/api/v1/me", {}, Bearer(tokens[t]));
        Request metrics = MakeRequest(Method::kGet, "/metrics");
        Request patch = MakeRequest(
            Method::kPatch, "/api/v1/me", json({{"display_name", "T" + std::to_string(i)}}).dump(),
            Join(Bearer(tokens[t]), {{"content-type", "application/json"}}));
        if (api_->Handle(me).status != 200 || api_->Handle(metrics).status != 200 ||
            api_->Handle(patch).status != 200) {
          ++failures;
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0);
}

}  // namespace
}  // namespace enishi::api::testing
