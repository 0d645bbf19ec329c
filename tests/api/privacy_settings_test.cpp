// Privacy settings through Api::Handle: discoverability and lookup by login, the rotatable
// profile link, circles as audiences, and work-email verification through the outbox.

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "profile_fixture.hpp"

namespace enishi::api::testing {
namespace {

using privacy::Stage;

class PrivacySettingsApiTest : public ProfileApiTestBase {
 protected:
  void SetUp() override {
    ana_ = NewMember("ana@example.com", "Ana Tanaka");
    bo_ = NewMember("bo@example.com", "Bo");
  }

  static json Settings(bool email, bool phone, json companies = json::array(), bool hide = false) {
    return {{"discoverability",
             {{"searchable", false}, {"findable_by_email", email}, {"findable_by_phone", phone}}},
            {"shield", {{"companies", std::move(companies)}, {"hide_profile", hide}}}};
  }

  Response Lookup(const std::string& login, const Headers& viewer) {
    return Post("/api/v1/members/lookup", {{"login", login}}, viewer);
  }

  Member ana_;
  Member bo_;
};

TEST_F(PrivacySettingsApiTest, DefaultsAreOffWithAProfileLink) {
  json privacy = Privacy(ana_);
  EXPECT_EQ(JsonKeys(privacy),
            (std::set<std::string>{"discoverability", "shield", "profile_link"}));
  EXPECT_EQ(
      privacy["discoverability"],
      json({{"searchable", false}, {"findable_by_email", false}, {"findable_by_phone", false}}));
  EXPECT_EQ(
      privacy["shield"],
      json({{"companies", json::array()}, {"automatic", json::array()}, {"hide_profile", false}}));
  std::string link = StringAt(privacy, "profile_link");
  EXPECT_GE(link.size(), 16u);
  // The link is stable until rotated.
  EXPECT_EQ(Privacy(ana_)["profile_link"], link);
}

TEST_F(PrivacySettingsApiTest, SettingsAreStoredAndShieldCompaniesResolved) {
  organizations::Company employer = NewCompany("Employer");
  organizations::Company rival = NewCompany("Rival");
  json profile = MinimalProfile();
  profile["positions"] =
      json::array({PositionEntry(employer.id, "Engineer", "2020-01", "connections")});
  SaveProfile(ana_, profile);
  std::string link = StringAt(Privacy(ana_), "profile_link");

  Response response = PutPrivacy(ana_, Settings(true, false, {rival.id.ToString()}, true));
  ASSERT_EQ(response.status, 200) << response.body;
  json privacy = Body(response);
  EXPECT_EQ(privacy, Privacy(ana_));
  EXPECT_EQ(privacy["discoverability"]["findable_by_email"], true);
  EXPECT_EQ(privacy["shield"]["hide_profile"], true);
  EXPECT_EQ(privacy["shield"]["companies"],
            json({{{"id", rival.id.ToString()}, {"names", {{"en", "Rival"}}}}}));
  EXPECT_EQ(privacy["shield"]["automatic"],
            json({{{"id", employer.id.ToString()}, {"names", {{"en", "Employer"}}}}}));
  EXPECT_EQ(privacy["profile_link"], link) << "settings keep the link";
}

TEST_F(PrivacySettingsApiTest, BadSettingsAreRefusedNamingTheField) {
  organizations::Company rival = NewCompany("Rival");
  ASSERT_EQ(PutPrivacy(ana_, Settings(false, true, {rival.id.ToString()})).status, 200);
  json before = Privacy(ana_);
  struct Case {
    std::string field;
    json body;
  };
  json unknown_company = Settings(true, true, {crypto::RandomId<CompanyId>().ToString()});
  json malformed_company = Settings(true, true, {rival.id.ToString(), "Rival Inc."});
  json wrong_type = Settings(true, true);
  wrong_type["discoverability"]["searchable"] = "yes";
  json verified = Settings(true, true);
  verified["shield"]["verified"] = true;
  json automatic = Settings(true, true);
  automatic["shield"]["automatic"] = json::array();
  json link = Settings(true, true);
  link["profile_link"] = "my-vanity-link";
  json missing = Settings(true, true);
  missing.erase("shield");
  json companies_not_list = Settings(true, true);
  companies_not_list["shield"]["companies"] = rival.id.ToString();
  for (const Case& c :
       {Case{"shield.companies[0]", unknown_company},
        Case{"shield.companies[1]", malformed_company},
        Case{"discoverability.searchable", wrong_type}, Case{"shield.verified", verified},
        Case{"shield.automatic", automatic}, Case{"profile_link", link}, Case{"shield", missing},
        Case{"shield.companies", companies_not_list}}) {
    SCOPED_TRACE(c.field);
    Response response = PutPrivacy(ana_, c.body);
    EXPECT_EQ(response.status, 400) << response.body;
    EXPECT_EQ(StringAt(ErrorOf(response), "field"), c.field) << response.body;
    EXPECT_EQ(Privacy(ana_), before);
  }
}

TEST_F(PrivacySettingsApiTest, TheProfileLinkShowsTheProfileUntilRotated) {
  json profile = MinimalProfile("Ana Tanaka");
  profile["headline"] = Audienced("Engineer", "public");
  SaveProfile(ana_, profile);
  std::string link = StringAt(Privacy(ana_), "profile_link");

  for (const Headers& viewer : {Headers{}, bo_.auth}) {
    Response by_link = Get("/api/v1/profile-links/" + link, viewer);
    ASSERT_EQ(by_link.status, 200) << by_link.body;
    EXPECT_EQ(by_link.body, View(viewer, ana_.id).body);
  }
  EXPECT_EQ(Body(Get("/api/v1/profile-links/" + link))["headline"], "Engineer");
  EXPECT_FALSE(Body(Get("/api/v1/profile-links/" + link)).contains("display_name"))
      << "the link shows only what the viewer may see";

  Response rotated = Send(MakeRequest(Method::kPost, "/api/v1/me/profile-link", {}, ana_.auth));
  ASSERT_EQ(rotated.status, 200) << rotated.body;
  std::string new_link = StringAt(Body(rotated), "profile_link");
  EXPECT_NE(new_link, link);
  EXPECT_EQ(Privacy(ana_)["profile_link"], new_link);
  EXPECT_EQ(Get("/api/v1/profile-links/" + new_link, bo_.auth).status, 200);
  // The old link is dead, exactly like one that never existed.
  for (const Headers& viewer : {Headers{}, bo_.auth}) {
    Response old = Get("/api/v1/profile-links/" + link, viewer);
    EXPECT_EQ(old.status, 404);
    ExpectSameAnswer(old, Get("/api/v1/profile-links/" + crypto::RandomToken(16), viewer),
                     "rotated link");
    ExpectSameAnswer(old, Get("/api/v1/profile-links/x", viewer), "short token");
  }
}

TEST_F(PrivacySettingsApiTest, ALinkToAProfileTheViewerMayNotSeeIsA404) {
  json hidden = MinimalProfile();
  hidden["display_name"]["audience"] = "connections";
  hidden["headline"]["audience"] = "connections";
  SaveProfile(ana_, hidden);
  std::string link = StringAt(Privacy(ana_), "profile_link");
  ExpectSameAnswer(Get("/api/v1/profile-links/" + link, bo_.auth),
                   Get("/api/v1/profile-links/" + crypto::RandomToken(16), bo_.auth),
                   "a link the viewer may see nothing through");
  relationships_.Set(ana_.id, bo_.id, {.distance = 1, .stage = Stage::kConnected});
  EXPECT_EQ(Get("/api/v1/profile-links/" + link, bo_.auth).status, 200);
}

TEST_F(PrivacySettingsApiTest, LookupFindsOnlyThoseWhoOptedIn) {
  Member phone = NewMember("+819012345678", "Phone Person");
  Response unknown = Lookup("nobody@example.com", bo_.auth);
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(ErrorOf(unknown)["code"], "not_found");

  // Not opted in: the same answer as nobody at all, whatever the form of the login.
  for (const std::string& login : {std::string("ana@example.com"), std::string(" ANA@example.com "),
                                   std::string("+81 90 1234 5678"), std::string("+819012345678")}) {
    ExpectSameAnswer(Lookup(login, bo_.auth), unknown, login);
  }
  ExpectSameAnswer(Lookup("ana@example.com", {}), Lookup("nobody@example.com", {}), "signed out");

  ASSERT_EQ(PutPrivacy(ana_, Settings(true, false)).status, 200);
  Response found = Lookup(" Ana@Example.com", bo_.auth);
  ASSERT_EQ(found.status, 200) << found.body;
  EXPECT_EQ(found.body, View(bo_.auth, ana_.id).body);
  // Found, but nothing of Ana is visible signed out: still the 404 of nobody.
  ExpectSameAnswer(Lookup("ana@example.com", {}), Lookup("nobody@example.com", {}),
                   "opted in, but not visible to the caller");

  // findable_by_email does not make a phone login findable, nor the reverse.
  ASSERT_EQ(PutPrivacy(phone, Settings(true, false)).status, 200);
  ExpectSameAnswer(Lookup("+81 90 1234 5678", bo_.auth), unknown, "phone, email opt-in");
  ASSERT_EQ(PutPrivacy(phone, Settings(false, true)).status, 200);
  EXPECT_EQ(Lookup("+81-90-1234-5678", bo_.auth).status, 200);
  ASSERT_EQ(PutPrivacy(ana_, Settings(false, true)).status, 200);
  ExpectSameAnswer(Lookup("ana@example.com", bo_.auth), unknown, "email, phone opt-in");

  // Bad requests.
  EXPECT_EQ(Post("/api/v1/members/lookup", {{"login", 5}}, bo_.auth).status, 400);
  Response extra = Post("/api/v1/members/lookup", {{"login", "a@b.c"}, {"id", "x"}}, bo_.auth);
  EXPECT_EQ(extra.status, 400);
  EXPECT_EQ(StringAt(ErrorOf(extra), "field"), "id");
}

TEST_F(PrivacySettingsApiTest, CirclesAreAudiences) {
  Member cy = NewMember("cy@example.com", "Cy");
  std::string circle = NewCircle(ana_, "  Old classmates ", {bo_.id, bo_.id});
  json circles = Body(Get("/api/v1/me/circles", ana_.auth));
  EXPECT_EQ(
      circles,
      json({{"circles",
             {{{"id", circle}, {"name", "Old classmates"}, {"members", {bo_.id.ToString()}}}}}}));

  json profile = MinimalProfile();
  profile["about"] = Audienced("Only for classmates", "circle:" + circle);
  SaveProfile(ana_, profile);
  EXPECT_EQ(Body(View(bo_.auth, ana_.id))["about"], "Only for classmates");
  EXPECT_FALSE(Body(View(cy.auth, ana_.id)).contains("about"));

  // Membership changes take effect on the very next request.
  Response moved = Put("/api/v1/me/circles/" + circle,
                       {{"name", "Classmates"}, {"members", {cy.id.ToString()}}}, ana_.auth);
  ASSERT_EQ(moved.status, 200) << moved.body;
  EXPECT_EQ(Body(moved)["members"], json({cy.id.ToString()}));
  EXPECT_FALSE(Body(View(bo_.auth, ana_.id)).contains("about"));
  EXPECT_EQ(Body(View(cy.auth, ana_.id))["about"], "Only for classmates");

  // A deleted circle's fields are shown to nobody else.
  EXPECT_EQ(Delete("/api/v1/me/circles/" + circle, ana_.auth).status, 204);
  EXPECT_FALSE(Body(View(cy.auth, ana_.id)).contains("about"));
  EXPECT_EQ(Body(Get("/api/v1/me/circles", ana_.auth)), json({{"circles", json::array()}}));
  EXPECT_EQ(OwnProfile(ana_)["about"]["value"], "Only for classmates");
  // What the circle saw is now the owner's alone, and the profile saves back unchanged.
  EXPECT_EQ(OwnProfile(ana_)["about"]["audience"], "only_me");
  EXPECT_EQ(SaveProfile(ana_, AsPutBody(OwnProfile(ana_)))["about"]["audience"], "only_me");
}

TEST_F(PrivacySettingsApiTest, AnotherMembersCircleIsAnUnknownCircle) {
  std::string bos = NewCircle(bo_, "Bo's", {ana_.id});
  std::string random = crypto::RandomId<CircleId>().ToString();
  json body = {{"name", "mine now"}, {"members", json::array()}};
  Response unknown = Put("/api/v1/me/circles/" + random, body, ana_.auth);
  EXPECT_EQ(unknown.status, 404);
  ExpectSameAnswer(Put("/api/v1/me/circles/" + bos, body, ana_.auth), unknown, "put");
  ExpectSameAnswer(Put("/api/v1/me/circles/nope", body, ana_.auth), unknown, "malformed");
  Response unknown_delete = Delete("/api/v1/me/circles/" + random, ana_.auth);
  EXPECT_EQ(unknown_delete.status, 404);
  ExpectSameAnswer(Delete("/api/v1/me/circles/" + bos, ana_.auth), unknown_delete, "delete");
  // Bo's circle is untouched.
  EXPECT_EQ(Body(Get("/api/v1/me/circles", bo_.auth))["circles"][0]["name"], "Bo's");
  EXPECT_EQ(Body(Get("/api/v1/me/circles", ana_.auth))["circles"], json::array());
}

TEST_F(PrivacySettingsApiTest, BadCirclesAreRefusedNamingTheField) {
  struct Case {
    std::string field;
    json body;
  };
  for (const Case& c :
       {Case{"name", {{"name", ""}, {"members", json::array()}}},
        Case{"name", {{"name", std::string(61, 'n')}, {"members", json::array()}}},
        Case{"members", {{"name", "x"}, {"members", {crypto::RandomId<MemberId>().ToString()}}}},
        Case{"members[1]", {{"name", "x"}, {"members", {bo_.id.ToString(), "bo"}}}},
        Case{"members", {{"name", "x"}}},
        Case{"id", {{"name", "x"}, {"members", json::array()}, {"id", "0000000000001"}}}}) {
    SCOPED_TRACE(c.field);
    Response response = Post("/api/v1/me/circles", c.body, ana_.auth);
    EXPECT_EQ(response.status, 400) << response.body;
    EXPECT_EQ(StringAt(ErrorOf(response), "field"), c.field) << response.body;
  }
  EXPECT_EQ(Body(Get("/api/v1/me/circles", ana_.auth))["circles"], json::array());
}

// --- Work emails (F25).

class WorkEmailApiTest : public PrivacySettingsApiTest {
 protected:
  Response Start(const std::string& email) {
    return Post("/api/v1/me/work-emails", {{"email", email}}, ana_.auth);
  }
  Response Verify(const std::string& code) {
    return Post("/api/v1/me/work-emails/verify", {{"code", code}}, ana_.auth);
  }
  static std::string WrongCode(const std::string& code) {
    std::string wrong = code;
    wrong[0] = wrong[0] == '9' ? '0' : static_cast<char>(wrong[0] + 1);
    return wrong;
  }
  json List() {
    Response response = Get("/api/v1/me/work-emails", ana_.auth);
    EXPECT_EQ(response.status, 200) << response.body;
    return Body(response);
  }
  void ExpectCodeRefused(const Response& response) {
    EXPECT_EQ(response.status, 400) << response.body;
    json error = ErrorOf(response);
    EXPECT_EQ(error["code"], "invalid_argument");
    EXPECT_EQ(StringAt(error, "field"), "code");
  }
};

TEST_F(WorkEmailApiTest, ACodeThroughTheOutboxVerifiesTheAddress) {
  organizations::Company sony = NewCompany("Sony", {"sony.example"});
  EXPECT_EQ(List(), json({{"verified", json::array()}, {"pending", nullptr}}));

  Response started = Start(" Ana.Tanaka@Sony.example ");
  ASSERT_EQ(started.status, 202) << started.body;
  json body = Body(started);
  EXPECT_EQ(body["status"], "verification_sent");
  EXPECT_EQ(body["expires_at"], "2026-01-01T00:10:00Z");
  EXPECT_EQ(List()["pending"],
            json({{"email", "ana.tanaka@sony.example"}, {"expires_at", "2026-01-01T00:10:00Z"}}));
  std::string code = LastCode("ana.tanaka@sony.example");
  ASSERT_EQ(code.size(), 6u);
  EXPECT_EQ(started.body.find(code), std::string::npos);
  EXPECT_EQ(List().dump().find(code), std::string::npos) << "the code never leaves by the API";

  ExpectCodeRefused(Verify(WrongCode(code)));
  clock_.Advance(std::chrono::minutes(3));
  Response verified = Verify(code);
  ASSERT_EQ(verified.status, 200) << verified.body;
  json email = Body(verified);
  EXPECT_EQ(email,
            json({{"email", "ana.tanaka@sony.example"},
                  {"domain", "sony.example"},
                  {"verified_at", "2026-01-01T00:03:00Z"},
                  {"companies", {{{"id", sony.id.ToString()}, {"names", {{"en", "Sony"}}}}}}}));
  EXPECT_EQ(List(), json({{"verified", json::array({email})}, {"pending", nullptr}}));

  // Single use.
  ExpectCodeRefused(Verify(code));

  // Forgetting it.
  Response unknown = Delete("/api/v1/me/work-emails/nobody%40sony.example", ana_.auth);
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(Delete("/api/v1/me/work-emails/ana.tanaka%40sony.example", ana_.auth).status, 204);
  EXPECT_EQ(List()["verified"], json::array());
  ExpectSameAnswer(Delete("/api/v1/me/work-emails/ana.tanaka%40sony.example", ana_.auth), unknown,
                   "deleted twice");
}

TEST_F(WorkEmailApiTest, AnExpiredCodeIsRefused) {
  ASSERT_EQ(Start("ana@corp.example").status, 202);
  std::string code = LastCode("ana@corp.example");
  clock_.Advance(std::chrono::minutes(10) + std::chrono::seconds(1));
  ExpectCodeRefused(Verify(code));
  EXPECT_EQ(List(), json({{"verified", json::array()}, {"pending", nullptr}}));
}

TEST_F(WorkEmailApiTest, FiveWrongCodesSpendTheCode) {
  ASSERT_EQ(Start("ana@corp.example").status, 202);
  std::string code = LastCode("ana@corp.example");
  for (int i = 0; i < 5; ++i) ExpectCodeRefused(Verify(WrongCode(code)));
  ExpectCodeRefused(Verify(code));
}

TEST_F(WorkEmailApiTest, ANewCodeReplacesTheOldOne) {
  ASSERT_EQ(Start("ana@corp.example").status, 202);
  std::string first = LastCode("ana@corp.example");
  // Not again within a minute: nobody's mailbox can be flooded through us.
  Response again = Start("ana@corp.example");
  EXPECT_EQ(again.status, 429);
  EXPECT_FALSE(Header(again, "Retry-After").empty());
  clock_.Advance(std::chrono::seconds(61));
  ASSERT_EQ(Start("ana@other.example").status, 202);
  std::string second = LastCode("ana@other.example");
  if (first != second) ExpectCodeRefused(Verify(first));
  Response verified = Verify(second);
  ASSERT_EQ(verified.status, 200) << verified.body;
  EXPECT_EQ(Body(verified)["email"], "ana@other.example");
  EXPECT_EQ(Body(verified)["companies"], json::array());
}

TEST_F(WorkEmailApiTest, BadRequestsNameTheField) {
  for (const std::string& email : {std::string("not an email"), std::string("+81 90 1234 5678"),
                                   std::string(""), std::string(400, 'a') + "@x.example"}) {
    Response response = Start(email);
    EXPECT_EQ(response.status, 400) << email;
    EXPECT_EQ(StringAt(ErrorOf(response), "field"), "email") << email;
  }
  for (const std::string& code :
       {std::string("12345"), std::string("abcdef"), std::string("1234567"), std::string("")}) {
    ExpectCodeRefused(Verify(code));
  }
  ExpectCodeRefused(Verify("123456"));  // Nothing pending.
  Response verified_flag =
      Post("/api/v1/me/work-emails", {{"email", "a@corp.example"}, {"verified", true}}, ana_.auth);
  EXPECT_EQ(verified_flag.status, 400);
  EXPECT_EQ(StringAt(ErrorOf(verified_flag), "field"), "verified");
  EXPECT_EQ(List(), json({{"verified", json::array()}, {"pending", nullptr}}));
}

TEST_F(WorkEmailApiTest, AnotherMembersCodeDoesNotVerifyMine) {
  ASSERT_EQ(Post("/api/v1/me/work-emails", {{"email", "bo@corp.example"}}, bo_.auth).status, 202);
  std::string bos = LastCode("bo@corp.example");
  ExpectCodeRefused(Verify(bos));
  EXPECT_EQ(Post("/api/v1/me/work-emails/verify", {{"code", bos}}, bo_.auth).status, 200);
  EXPECT_EQ(List()["verified"], json::array());
}

}  // namespace
}  // namespace enishi::api::testing
