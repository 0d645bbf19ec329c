// The signed-in member's endpoints: /me (GET, PATCH, DELETE), /me/password, /me/export,
// /sessions and /sessions/{id}, through Api::Handle.

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "api_test_fixture.hpp"

namespace enishi::api::testing {
namespace {

class AccountApiTest : public ApiTest {
 protected:
  Response Patch(const json& body, const Headers& headers) {
    return SendJson(Method::kPatch, "/api/v1/me", body, headers);
  }
  Response Delete(std::string target, const Headers& headers, std::optional<json> body = {}) {
    if (body) return SendJson(Method::kDelete, std::move(target), *body, headers);
    return Send(MakeRequest(Method::kDelete, std::move(target), {}, headers));
  }
  json Sessions(const Headers& headers) {
    Response response = Get("/api/v1/sessions", headers);
    EXPECT_EQ(response.status, 200) << response.body;
    return Body(response)["sessions"];
  }
  std::string CurrentSessionId(const Headers& headers) {
    for (const json& session : Sessions(headers)) {
      if (session["current"] == true) return session["id"];
    }
    ADD_FAILURE() << "no current session";
    return {};
  }
};

TEST_F(AccountApiTest, MeAnswersTheMemberForCookieOrBearer) {
  Browser browser = SignUpBrowser("ana@example.com");
  Response response = Get("/api/v1/me", browser.Cookies());
  ASSERT_EQ(response.status, 200);
  json me = Body(response);
  EXPECT_EQ(JsonKeys(me), kMeKeys);
  EXPECT_EQ(me["login"], "ana@example.com");

  std::string token = SignUpApiClient("api@example.com");
  EXPECT_EQ(Body(Get("/api/v1/me", Bearer(token)))["login"], "api@example.com");
}

TEST_F(AccountApiTest, MemberRoutesNeedAValidSession) {
  struct Case {
    Method method;
    std::string target;
  };
  for (const Headers& credentials :
       {Headers{}, Headers{{"cookie", "enishi_session=forged"}},
        Headers{{"authorization", "Bearer forged"}}, Headers{{"authorization", "Basic YTpi"}}}) {
    for (const Case& c : {Case{Method::kGet, "/api/v1/me"}, Case{Method::kGet, "/api/v1/sessions"},
                          Case{Method::kGet, "/api/v1/me/export"},
                          Case{Method::kDelete, "/api/v1/sessions/0000000000001"}}) {
      Response response = Send(MakeRequest(c.method, c.target, {}, credentials));
      EXPECT_EQ(response.status, 401) << c.target;
      EXPECT_EQ(ErrorOf(response),
                json({{"code", "unauthenticated"}, {"message", "sign in first"}}));
      EXPECT_EQ(Header(response, "WWW-Authenticate"), "Bearer realm=\"enishi\"");
    }
  }
}

TEST_F(AccountApiTest, ASessionExpires) {
  Browser browser = SignUpBrowser("ana@example.com");
  clock_.Advance(std::chrono::hours(24 * 31));
  EXPECT_EQ(Get("/api/v1/me", browser.Cookies()).status, 401);
}

TEST_F(AccountApiTest, PatchMeChangesNameAndLocale) {
  Browser browser = SignUpBrowser("ana@example.com");
  Response response =
      Patch({{"display_name", "Ana T."}, {"locale", "zh-Hans"}}, browser.CookiesAndCsrf());
  ASSERT_EQ(response.status, 200) << response.body;
  json me = Body(response);
  EXPECT_EQ(JsonKeys(me), kMeKeys);
  EXPECT_EQ(me["display_name"], "Ana T.");
  EXPECT_EQ(me["locale"], "zh-Hans");
  EXPECT_EQ(Body(Get("/api/v1/me", browser.Cookies()))["display_name"], "Ana T.");

  Response only_locale = Patch({{"locale", "en"}}, browser.CookiesAndCsrf());
  ASSERT_EQ(only_locale.status, 200);
  EXPECT_EQ(Body(only_locale)["display_name"], "Ana T.");
  EXPECT_EQ(Body(only_locale)["locale"], "en");
}

TEST_F(AccountApiTest, PatchMeRefusesFieldsItMayNotSet) {
  Browser browser = SignUpBrowser("ana@example.com");
  for (std::string field : {"login", "id", "created_at", "password_hash", "login_kind"}) {
    Response response = Patch({{"display_name", "X"}, {field, "x"}}, browser.CookiesAndCsrf());
    EXPECT_EQ(response.status, 400);
    EXPECT_EQ(ErrorOf(response), json({{"code", "invalid_argument"},
                                       {"message", "unknown field \"" + field + "\""},
                                       {"field", field}}));
  }
  EXPECT_EQ(Body(Get("/api/v1/me", browser.Cookies()))["display_name"], "Ana Tanaka");
}

TEST_F(AccountApiTest, PatchMeValidatesValues) {
  Browser browser = SignUpBrowser("ana@example.com");
  Response bad_locale = Patch({{"locale", "de"}}, browser.CookiesAndCsrf());
  EXPECT_EQ(bad_locale.status, 400);
  EXPECT_EQ(ErrorOf(bad_locale)["field"], "locale");
  Response bad_type = Patch({{"display_name", json::array()}}, browser.CookiesAndCsrf());
  EXPECT_EQ(bad_type.status, 400);
  EXPECT_EQ(ErrorOf(bad_type)["field"], "display_name");
}

TEST_F(AccountApiTest, ChangePasswordRevokesOtherSessions) {
  Browser first = SignUpBrowser("ana@example.com");
  Browser second = LogInBrowser("ana@example.com");
  Response response = Post(
      "/api/v1/me/password",
      {{"current_password", std::string(kPassword)}, {"new_password", "a much better passphrase"}},
      first.CookiesAndCsrf());
  EXPECT_EQ(response.status, 204) << response.body;
  EXPECT_EQ(Get("/api/v1/me", first.Cookies()).status, 200);
  EXPECT_EQ(Get("/api/v1/me", second.Cookies()).status, 401);
  EXPECT_EQ(Post("/api/v1/login",
                 {{"login", "ana@example.com"}, {"password", "a much better passphrase"}})
                .status,
            200);
}

TEST_F(AccountApiTest, ChangePasswordNamesTheFieldAtFault) {
  Browser browser = SignUpBrowser("ana@example.com");
  Response wrong = Post("/api/v1/me/password",
                        {{"current_password", "not it"}, {"new_password", "a fine new passphrase"}},
                        browser.CookiesAndCsrf());
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(ErrorOf(wrong)["code"], "unauthenticated");
  EXPECT_EQ(ErrorOf(wrong)["field"], "current_password");
  Response weak = Post("/api/v1/me/password",
                       {{"current_password", std::string(kPassword)}, {"new_password", "short"}},
                       browser.CookiesAndCsrf());
  EXPECT_EQ(weak.status, 400);
  EXPECT_EQ(ErrorOf(weak)["field"], "new_password");
  Response missing =
      Post("/api/v1/me/password", {{"new_password", "whatever it is"}}, browser.CookiesAndCsrf());
  EXPECT_EQ(ErrorOf(missing)["field"], "current_password");
  EXPECT_EQ(Get("/api/v1/me", browser.Cookies()).status, 200);  // Still signed in.
}

TEST_F(AccountApiTest, SessionsListMarksTheCurrentOne) {
  Browser first = SignUpBrowser("ana@example.com");
  Request with_agent =
      MakeRequest(Method::kPost, "/api/v1/login",
                  json({{"login", "ana@example.com"}, {"password", std::string(kPassword)}}).dump(),
                  {{"content-type", "application/json"}, {"user-agent", "Firefox/140"}});
  Browser second = BrowserFrom(Send(with_agent));

  json sessions = Sessions(second.Cookies());
  ASSERT_EQ(sessions.size(), 2u);
  int current = 0;
  for (const json& session : sessions) {
    EXPECT_EQ(JsonKeys(session), (std::set<std::string>{"id", "kind", "created_at", "last_seen_at",
                                                        "user_agent", "current"}));
    EXPECT_EQ(session["kind"], "browser");
    if (session["current"] == true) {
      ++current;
      EXPECT_EQ(session["user_agent"], "Firefox/140");
    }
  }
  EXPECT_EQ(current, 1);
  EXPECT_NE(CurrentSessionId(first.Cookies()), CurrentSessionId(second.Cookies()));
}

TEST_F(AccountApiTest, RevokeSessionEndsAnotherSession) {
  Browser first = SignUpBrowser("ana@example.com");
  Browser second = LogInBrowser("ana@example.com");
  std::string second_id = CurrentSessionId(second.Cookies());
  Response response = Delete("/api/v1/sessions/" + second_id, first.CookiesAndCsrf());
  EXPECT_EQ(response.status, 204);
  EXPECT_TRUE(SetCookies(response).empty());  // Not the caller's own session.
  EXPECT_EQ(Get("/api/v1/me", second.Cookies()).status, 401);
  EXPECT_EQ(Sessions(first.Cookies()).size(), 1u);
}

TEST_F(AccountApiTest, RevokingTheCurrentSessionClearsCookies) {
  Browser browser = SignUpBrowser("ana@example.com");
  Response response =
      Delete("/api/v1/sessions/" + CurrentSessionId(browser.Cookies()), browser.CookiesAndCsrf());
  EXPECT_EQ(response.status, 204);
  EXPECT_EQ(SetCookies(response).size(), 2u);
  EXPECT_EQ(Get("/api/v1/me", browser.Cookies()).status, 401);
}

TEST_F(AccountApiTest, AnotherMembersSessionIsNotFound) {
  Browser ana = SignUpBrowser("ana@example.com");
  Browser bo = SignUpBrowser("bo@example.com");
  std::string bos_session = CurrentSessionId(bo.Cookies());
  Response theirs = Delete("/api/v1/sessions/" + bos_session, ana.CookiesAndCsrf());
  Response unknown = Delete("/api/v1/sessions/0000000000001", ana.CookiesAndCsrf());
  Response malformed = Delete("/api/v1/sessions/not-an-id", ana.CookiesAndCsrf());
  for (const Response* response : {&theirs, &unknown, &malformed}) {
    EXPECT_EQ(response->status, 404);
    EXPECT_EQ(ErrorOf(*response)["code"], "not_found");
  }
  // "Not allowed" and "does not exist" are indistinguishable.
  EXPECT_EQ(theirs.body, unknown.body);
  EXPECT_EQ(Get("/api/v1/me", bo.Cookies()).status, 200);
}

TEST_F(AccountApiTest, ExportIsAnAttachmentOfNamedFieldsOnly) {
  Browser browser = SignUpBrowser("ana@example.com");
  Response response = Get("/api/v1/me/export", browser.Cookies());
  ASSERT_EQ(response.status, 200) << response.body;
  EXPECT_EQ(Header(response, "Content-Disposition"), "attachment; filename=\"enishi-export.json\"");
  EXPECT_EQ(Header(response, "Content-Type"), "application/json");
  EXPECT_EQ(Header(response, "Cache-Control"), "no-store");
  json body = Body(response);
  EXPECT_EQ(JsonKeys(body),
            (std::set<std::string>{"exported_at", "account", "sessions", "profile", "privacy",
                                   "circles", "work_emails", "personas", "relationships"}));
  EXPECT_EQ(JsonKeys(body["account"]), kMeKeys);
  ASSERT_EQ(body["sessions"].size(), 1u);
  EXPECT_EQ(JsonKeys(body["sessions"][0]),
            (std::set<std::string>{"id", "kind", "created_at", "last_seen_at", "user_agent",
                                   "expires_at"}));
  // No secret in any form: not the token, the CSRF token, or any hash.
  for (const std::string& secret :
       {browser.session, browser.csrf, std::string("argon2"), std::string("hash")}) {
    EXPECT_EQ(response.body.find(secret), std::string::npos) << secret;
  }
}

TEST_F(AccountApiTest, DeleteMeNeedsThePassword) {
  Browser browser = SignUpBrowser("ana@example.com");
  Response wrong = Delete("/api/v1/me", browser.CookiesAndCsrf(), json{{"password", "nope"}});
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(ErrorOf(wrong)["code"], "unauthenticated");
  EXPECT_EQ(ErrorOf(wrong)["field"], "password");
  Response missing = Delete("/api/v1/me", browser.CookiesAndCsrf(), json::object());
  EXPECT_EQ(missing.status, 400);
  EXPECT_EQ(ErrorOf(missing)["field"], "password");
  Response no_body = Delete("/api/v1/me", browser.CookiesAndCsrf());
  EXPECT_EQ(no_body.status, 415);
  EXPECT_EQ(Get("/api/v1/me", browser.Cookies()).status, 200);
}

TEST_F(AccountApiTest, DeleteMeRemovesTheAccount) {
  Browser browser = SignUpBrowser("ana@example.com");
  Response response =
      Delete("/api/v1/me", browser.CookiesAndCsrf(), json{{"password", std::string(kPassword)}});
  EXPECT_EQ(response.status, 204) << response.body;
  EXPECT_EQ(SetCookies(response).size(), 3u);  // Session, CSRF and device cookies all go.
  EXPECT_TRUE(SetCookies(response)["enishi_device"].starts_with("enishi_device=; "));
  EXPECT_EQ(Get("/api/v1/me", browser.Cookies()).status, 401);
  EXPECT_EQ(
      Post("/api/v1/login", {{"login", "ana@example.com"}, {"password", std::string(kPassword)}})
          .status,
      401);
}

TEST_F(AccountApiTest, BearerClientsNeedNoCsrfToken) {
  std::string token = SignUpApiClient("api@example.com");
  Response patched = Patch({{"display_name", "Bot"}}, Bearer(token));
  EXPECT_EQ(patched.status, 200);
  EXPECT_EQ(Delete("/api/v1/me", Bearer(token), json{{"password", std::string(kPassword)}}).status,
            204);
}

TEST_F(AccountApiTest, AStoreOutageIs503WithoutDetail) {
  Browser browser = SignUpBrowser("ana@example.com");
  store_->FailFromNthCall(1, ErrorCode::kUnavailable);
  Response response = Get("/api/v1/me", browser.Cookies());
  EXPECT_EQ(response.status, 503);
  EXPECT_EQ(ErrorOf(response),
            json({{"code", "unavailable"},
                  {"message", "the service is temporarily unavailable; retry later"}}));
  store_->Heal();
  EXPECT_EQ(Get("/api/v1/me", browser.Cookies()).status, 200);
}

TEST_F(AccountApiTest, AnInternalErrorIs500WithGenericText) {
  Browser browser = SignUpBrowser("ana@example.com");
  store_->FailFromNthCall(1, ErrorCode::kInternal);
  Response response = Get("/api/v1/sessions", browser.Cookies());
  EXPECT_EQ(response.status, 500);
  EXPECT_EQ(ErrorOf(response), json({{"code", "internal"}, {"message", "internal error"}}));
}

}  // namespace
}  // namespace enishi::api::testing
