// POST /api/v1/signup, /signup/verify, /login and /logout through Api::Handle.

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "api_test_fixture.hpp"

namespace enishi::api::testing {
namespace {

class SignupLoginTest : public ApiTest {};

TEST_F(SignupLoginTest, SignupAcceptsAndSendsACode) {
  Response response = StartSignup("ana@example.com");
  EXPECT_EQ(response.status, 202);
  EXPECT_EQ(Body(response), json({{"status", "verification_sent"}}));
  EXPECT_EQ(LastCode("ana@example.com").size(), 6u);
}

TEST_F(SignupLoginTest, SignupAnswersTheSameForNewAndTakenLogins) {
  SignUpBrowser("taken@example.com");
  size_t before = OutboxSize();
  Response taken = StartSignup("taken@example.com");
  Response fresh = StartSignup("fresh@example.com");
  EXPECT_EQ(taken.status, fresh.status);
  EXPECT_EQ(taken.headers, fresh.headers);
  EXPECT_EQ(taken.body, fresh.body);
  // The same work too: one message each (a code to the new login, a notice to the owner).
  EXPECT_EQ(OutboxSize(), before + 2);
}

TEST_F(SignupLoginTest, SignupNamesTheInvalidField) {
  struct Case {
    json body;
    std::string field;
  };
  json valid = {{"login", "ana@example.com"},
                {"password", std::string(kPassword)},
                {"display_name", "Ana"},
                {"locale", "en"}};
  auto with = [&](std::string key, json value) {
    json body = valid;
    body[key] = std::move(value);
    return body;
  };
  for (const Case& c : {
           Case{with("login", "not-a-login"), "login"},
           Case{with("password", "short"), "password"},
           Case{with("password", "password"), "password"},  // Common passwords are refused.
           Case{with("display_name", ""), "display_name"},
           Case{with("display_name", std::string(101, 'x')), "display_name"},
           Case{with("locale", "fr"), "locale"},
       }) {
    Response response = Post("/api/v1/signup", c.body);
    EXPECT_EQ(response.status, 400) << c.body;
    json error = ErrorOf(response);
    EXPECT_EQ(error["code"], "invalid_argument") << c.body;
    EXPECT_EQ(error["field"], c.field) << c.body << " -> " << response.body;
  }
}

TEST_F(SignupLoginTest, SignupRefusesBadShapesNamingTheField) {
  json valid = {{"login", "ana@example.com"},
                {"password", std::string(kPassword)},
                {"display_name", "Ana"},
                {"locale", "en"}};
  struct Case {
    json body;
    std::string field;
    std::string message;
  };
  json missing = valid;
  missing.erase("password");
  json wrong_type = valid;
  wrong_type["display_name"] = 42;
  json with_id = valid;
  with_id["id"] = "0000000000001";
  json with_created = valid;
  with_created["created_at"] = "2020-01-01T00:00:00Z";
  json oversized = valid;
  oversized["display_name"] = std::string(5000, 'x');
  for (const Case& c : {
           Case{missing, "password", "missing field \"password\""},
           Case{wrong_type, "display_name", "field \"display_name\" must be a string"},
           Case{with_id, "id", "unknown field \"id\""},
           Case{with_created, "created_at", "unknown field \"created_at\""},
           Case{oversized, "display_name",
                "field \"display_name\" is too long (at most 1024 bytes)"},
       }) {
    Response response = Post("/api/v1/signup", c.body);
    EXPECT_EQ(response.status, 400);
    EXPECT_EQ(ErrorOf(response),
              json({{"code", "invalid_argument"}, {"message", c.message}, {"field", c.field}}));
  }
  EXPECT_EQ(OutboxSize(), 0u);  // Nothing reached the service.
}

TEST_F(SignupLoginTest, SignupRefusesMalformedBodies) {
  Headers json_type = {{"content-type", "application/json"}};
  struct Case {
    std::string body;
    std::string message_part;
    std::string field;
  };
  for (const Case& c : {
           Case{"{\"login\": \"a\",", "line 1, column 15", ""},
           Case{R"({"login":"a","login":"b"})", "duplicate key \"login\"", "login"},
           Case{"{\"login\":\"\xc3\x28\"}", "not valid UTF-8 (byte 10)", ""},
           Case{"[]", "must be a JSON object", ""},
           Case{"", "empty", ""},
           Case{"{\"a\":" + std::string(64, '[') + std::string(64, ']') + "}", "nested deeper", ""},
       }) {
    Response response = PostRaw("/api/v1/signup", c.body, json_type);
    EXPECT_EQ(response.status, 400) << c.body;
    json error = ErrorOf(response);
    EXPECT_EQ(error["code"], "invalid_argument");
    EXPECT_NE(error["message"].get<std::string>().find(c.message_part), std::string::npos)
        << error["message"];
    EXPECT_EQ(StringAt(error, "field"), c.field);
  }
}

TEST_F(SignupLoginTest, SignupRefusesOtherMediaTypes) {
  std::string body = R"({"login":"a@example.com"})";
  for (Headers headers : {Headers{}, Headers{{"content-type", "text/plain"}},
                          Headers{{"content-type", "application/x-www-form-urlencoded"}},
                          Headers{{"content-type", "application/json; charset=latin1"}}}) {
    Response response = PostRaw("/api/v1/signup", body, headers);
    EXPECT_EQ(response.status, 415);
    EXPECT_EQ(ErrorOf(response)["code"], "unsupported_media_type");
  }
  EXPECT_EQ(
      PostRaw("/api/v1/signup", body, {{"content-type", "application/json; charset=utf-8"}}).status,
      400);  // Accepted as JSON; then refused for its missing fields.
}

TEST_F(SignupLoginTest, VerifyGivesABrowserItsCookies) {
  ASSERT_EQ(StartSignup("ana@example.com").status, 202);
  Response response = Post("/api/v1/signup/verify",
                           {{"login", "ana@example.com"}, {"code", LastCode("ana@example.com")}});
  ASSERT_EQ(response.status, 201) << response.body;
  json body = Body(response);
  EXPECT_EQ(JsonKeys(body), std::set<std::string>{"member"});
  json member = body["member"];
  EXPECT_EQ(JsonKeys(member), kMeKeys);
  EXPECT_EQ(member["login"], "ana@example.com");
  EXPECT_EQ(member["login_kind"], "email");
  EXPECT_EQ(member["display_name"], "Ana Tanaka");
  EXPECT_EQ(member["locale"], "ja");
  EXPECT_EQ(member["created_at"], "2026-01-01T00:00:00Z");
  EXPECT_EQ(member["id"].get<std::string>().size(), 13u);

  auto cookies = SetCookies(response);
  auto values = CookieValues(response);
  ASSERT_EQ(cookies.size(), 3u);
  EXPECT_GE(values["enishi_session"].size(), 32u);
  EXPECT_GE(values["enishi_csrf"].size(), 16u);
  EXPECT_EQ(cookies["enishi_session"], "enishi_session=" + values["enishi_session"] +
                                           "; Path=/; Max-Age=2592000; HttpOnly; SameSite=Lax");
  EXPECT_EQ(cookies["enishi_csrf"],
            "enishi_csrf=" + values["enishi_csrf"] + "; Path=/; Max-Age=2592000; SameSite=Lax");
  // The device cookie outlives sessions: 400 days.
  EXPECT_FALSE(values["enishi_device"].empty());
  EXPECT_EQ(cookies["enishi_device"], "enishi_device=" + values["enishi_device"] +
                                          "; Path=/; Max-Age=34560000; HttpOnly; SameSite=Lax");
  // The token never appears in the body of a browser answer.
  EXPECT_EQ(response.body.find(values["enishi_session"]), std::string::npos);
}

TEST_F(SignupLoginTest, CookiesAreSecureOverTls) {
  ASSERT_EQ(StartSignup("ana@example.com").status, 202);
  Request request = MakeRequest(
      Method::kPost, "/api/v1/signup/verify",
      json({{"login", "ana@example.com"}, {"code", LastCode("ana@example.com")}}).dump(),
      {{"content-type", "application/json"}});
  request.secure = true;
  Response response = Send(request);
  ASSERT_EQ(response.status, 201);
  for (const auto& [name, line] : SetCookies(response)) {
    EXPECT_TRUE(line.ends_with("; Secure")) << line;
  }
  EXPECT_EQ(Header(response, "Strict-Transport-Security"), "max-age=31536000");
}

TEST_F(SignupLoginTest, VerifyGivesAnApiClientATokenAndNoCookies) {
  ASSERT_EQ(StartSignup("api@example.com").status, 202);
  Response response = Post(
      "/api/v1/signup/verify",
      {{"login", "api@example.com"}, {"code", LastCode("api@example.com")}, {"client", "api"}});
  ASSERT_EQ(response.status, 201);
  json body = Body(response);
  EXPECT_EQ(JsonKeys(body), (std::set<std::string>{"member", "token"}));
  EXPECT_TRUE(SetCookies(response).empty());
  EXPECT_EQ(Get("/api/v1/me", Bearer(body["token"])).status, 200);
}

TEST_F(SignupLoginTest, VerifyRefusesAWrongCode) {
  ASSERT_EQ(StartSignup("ana@example.com").status, 202);
  std::string code = LastCode("ana@example.com");
  std::string wrong = code == "000000" ? "111111" : "000000";
  Response response =
      Post("/api/v1/signup/verify", {{"login", "ana@example.com"}, {"code", wrong}});
  EXPECT_EQ(response.status, 401);
  EXPECT_EQ(ErrorOf(response),
            json({{"code", "unauthenticated"}, {"message", "invalid or expired code"}}));
  // An unknown login answers the same.
  Response unknown =
      Post("/api/v1/signup/verify", {{"login", "nobody@example.com"}, {"code", "123456"}});
  EXPECT_EQ(unknown.status, 401);
  EXPECT_EQ(unknown.body, response.body);
}

TEST_F(SignupLoginTest, VerifyAndLoginRefuseAnUnknownClientKind) {
  for (std::string path : {"/api/v1/signup/verify", "/api/v1/login"}) {
    json body = {{"login", "ana@example.com"}, {"client", "robot"}};
    body[path.ends_with("verify") ? "code" : "password"] = "123456";
    Response response = Post(path, body);
    EXPECT_EQ(response.status, 400);
    EXPECT_EQ(ErrorOf(response), json({{"code", "invalid_argument"},
                                       {"message", "client must be \"browser\" or \"api\""},
                                       {"field", "client"}}));
  }
}

TEST_F(SignupLoginTest, LoginGivesABrowserCookiesAndAnApiClientAToken) {
  SignUpBrowser("ana@example.com");
  Response browser =
      Post("/api/v1/login", {{"login", "ana@example.com"}, {"password", std::string(kPassword)}});
  ASSERT_EQ(browser.status, 200);
  EXPECT_EQ(JsonKeys(Body(browser)), std::set<std::string>{"member"});
  EXPECT_EQ(JsonKeys(Body(browser)["member"]), kMeKeys);
  EXPECT_EQ(SetCookies(browser).size(), 3u);

  Response api =
      Post("/api/v1/login",
           {{"login", "ana@example.com"}, {"password", std::string(kPassword)}, {"client", "api"}});
  ASSERT_EQ(api.status, 200);
  EXPECT_TRUE(SetCookies(api).empty());
  EXPECT_FALSE(StringAt(Body(api), "token").empty());
}

TEST_F(SignupLoginTest, LoginFailuresLookTheSameForUnknownLoginAndWrongPassword) {
  SignUpBrowser("ana@example.com");
  Response wrong_password =
      Post("/api/v1/login", {{"login", "ana@example.com"}, {"password", "not the password"}});
  Response unknown_login =
      Post("/api/v1/login", {{"login", "nobody@example.com"}, {"password", "not the password"}});
  EXPECT_EQ(wrong_password.status, 401);
  EXPECT_EQ(wrong_password.status, unknown_login.status);
  EXPECT_EQ(wrong_password.headers, unknown_login.headers);
  EXPECT_EQ(wrong_password.body, unknown_login.body);
  EXPECT_EQ(ErrorOf(wrong_password),
            json({{"code", "unauthenticated"}, {"message", "invalid login or password"}}));
}

TEST_F(SignupLoginTest, LogoutEndsTheSessionAndClearsCookies) {
  Browser browser = SignUpBrowser("ana@example.com");
  Response response =
      Send(MakeRequest(Method::kPost, "/api/v1/logout", {}, browser.CookiesAndCsrf()));
  EXPECT_EQ(response.status, 204);
  EXPECT_TRUE(response.body.empty());
  auto cookies = SetCookies(response);
  EXPECT_EQ(cookies["enishi_session"],
            "enishi_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax");
  EXPECT_EQ(cookies["enishi_csrf"], "enishi_csrf=; Path=/; Max-Age=0; SameSite=Lax");
  EXPECT_EQ(cookies.count("enishi_device"), 0u);  // It outlives sessions.
  EXPECT_EQ(Get("/api/v1/me", browser.Cookies()).status, 401);
}

TEST_F(SignupLoginTest, LogoutWithoutASessionStillClearsCookies) {
  Response response = Send(MakeRequest(Method::kPost, "/api/v1/logout", {},
                                       {{"cookie", "enishi_session=stale; enishi_csrf=x"}}));
  EXPECT_EQ(response.status, 204);
  EXPECT_EQ(SetCookies(response).size(), 2u);
}

TEST_F(SignupLoginTest, LogoutNeedsTheCsrfTokenOfALiveSession) {
  Browser browser = SignUpBrowser("ana@example.com");
  Response response = Send(MakeRequest(Method::kPost, "/api/v1/logout", {}, browser.Cookies()));
  EXPECT_EQ(response.status, 403);
  EXPECT_EQ(Get("/api/v1/me", browser.Cookies()).status, 200);
}

TEST_F(SignupLoginTest, LogoutOfABearerTokenSetsNoCookies) {
  std::string token = SignUpApiClient("api@example.com");
  Response response = Send(MakeRequest(Method::kPost, "/api/v1/logout", {}, Bearer(token)));
  EXPECT_EQ(response.status, 204);
  EXPECT_TRUE(SetCookies(response).empty());
  EXPECT_EQ(Get("/api/v1/me", Bearer(token)).status, 401);
}

TEST_F(SignupLoginTest, LogoutTakesNoBody) {
  Response response = Send(
      MakeRequest(Method::kPost, "/api/v1/logout", "{}", {{"content-type", "application/json"}}));
  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(ErrorOf(response)["message"], "this endpoint takes no request body");
}

}  // namespace
}  // namespace enishi::api::testing
