// The employer shield (F4) and verified affiliation (F25) through Api::Handle: anyone
// affiliated with a shielded company (a current or recent position, or a verified work email
// at one of its domains) never sees the member's career data, and with hide_profile sees no
// profile at all: the same 404 as an unknown member. Companies' domains, parents and
// affiliates are set through the OrganizationRepository, as an administrator would.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "profile_fixture.hpp"

namespace enishi::api::testing {
namespace {

// The fake clock starts at 2026-01-01: a position that ended in 2025-07 ended 6 months ago,
// one that ended in 2024-07, 18 months ago.
class EmployerShieldApiTest : public ProfileApiTestBase {
 protected:
  void SetUp() override {
    parent_ = NewCompany("Holding", {"holding.example"});
    employer_ = NewCompany("Employer", {"employer.example"}, parent_.id);
    affiliate_ = NewCompany("Affiliate");
    ASSERT_TRUE(store_->organizations().AddCompanyAffiliate(employer_.id, affiliate_.id));
    unrelated_ = NewCompany("Unrelated", {"unrelated.example"});
    named_ = NewCompany("Named");
    ana_ = NewMember("ana@example.com", "Ana Tanaka");

    // Ana is open to offers, and says so to every member; her profile is otherwise public.
    json profile = MinimalProfile("Ana Tanaka");
    profile["headline"] = Audienced("Engineer", "members");
    profile["career"] = Audienced({{"status", "actively_looking"}, {"roles", {"CTO"}}}, "members");
    profile["positions"] = {
        PositionEntry(employer_.id, "Engineer", "2021-04", "members"),
        PositionEntry(unrelated_.id, "Intern", "2019-04", "members", "2020-03")};
    SaveProfile(ana_, profile);
  }

  // A member whose own profile shows `positions`, and who signs up as `login`.
  Member Colleague(const std::string& login, const json& positions) {
    Member member = NewMember(login, "Colleague");
    json profile = MinimalProfile("Colleague");
    profile["positions"] = positions;
    SaveProfile(member, profile);
    return member;
  }

  // True when `viewer` sees Ana's career; fails when they do not see Ana at all.
  bool SeesCareer(const Member& viewer) {
    Response response = View(viewer.auth, ana_.id);
    EXPECT_EQ(response.status, 200) << response.body;
    json view = Body(response);
    EXPECT_EQ(view["headline"], "Engineer") << "the shield hides job data only";
    EXPECT_GE(view["positions"].size(), 2u) << "positions are not job-seeking data";
    return view.contains("career");
  }

  void HideProfile(bool hide, json companies = json::array()) {
    Response response = PutPrivacy(
        ana_, {{"discoverability", json::object()},
               {"shield", {{"companies", std::move(companies)}, {"hide_profile", hide}}}});
    ASSERT_EQ(response.status, 200) << response.body;
  }

  organizations::Company parent_, employer_, affiliate_, unrelated_, named_;
  Member ana_;
};

TEST_F(EmployerShieldApiTest, AffiliatedViewersNeverSeeCareerData) {
  struct Case {
    std::string who;
    json positions;
    bool shielded;
  };
  std::vector<Case> cases = {
      {"at the current employer",
       json::array({PositionEntry(employer_.id, "Manager", "2018-01", "public")}), true},
      {"at its parent company",
       json::array({PositionEntry(parent_.id, "Director", "2018-01", "public")}), true},
      {"at an affiliate", json::array({PositionEntry(affiliate_.id, "HR", "2018-01", "public")}),
       true},
      {"left the employer 6 months ago",
       json::array({PositionEntry(employer_.id, "HR", "2018-01", "public", "2025-07")}), true},
      {"left the employer exactly 12 months ago",
       json::array({PositionEntry(employer_.id, "HR", "2018-01", "public", "2025-01")}), true},
      {"left the employer 18 months ago",
       json::array({PositionEntry(employer_.id, "HR", "2018-01", "public", "2024-07")}), false},
      {"at a former employer of Ana",
       json::array({PositionEntry(unrelated_.id, "HR", "2018-01", "public")}), false},
      {"shows the position to nobody",
       json::array({PositionEntry(employer_.id, "Spy", "2018-01", "only_me")}), true},
      {"at no company", json::array(), false},
  };
  int i = 0;
  for (const Case& c : cases) {
    SCOPED_TRACE(c.who);
    Member viewer = Colleague("viewer" + std::to_string(i++) + "@example.com", c.positions);
    EXPECT_EQ(SeesCareer(viewer), !c.shielded);
    // And the preview names them the same way, as far as Ana can see their positions.
    if (c.positions.empty() || c.positions[0]["audience"] != "only_me") {
      Response preview =
          Get("/api/v1/me/profile/preview?as=member:" + viewer.id.ToString(), ana_.auth);
      ASSERT_EQ(preview.status, 200) << preview.body;
      EXPECT_EQ(Body(preview)["profile"], Body(View(viewer.auth, ana_.id)));
    }
  }
}

TEST_F(EmployerShieldApiTest, AVerifiedWorkEmailAtACompanyDomainShields) {
  Member viewer = Colleague("quiet@example.com", json::array());
  EXPECT_TRUE(SeesCareer(viewer));
  // A work email at an unrelated company's domain changes nothing.
  VerifyWorkEmail(viewer, "quiet@unrelated.example");
  EXPECT_TRUE(SeesCareer(viewer));
  clock_.Advance(std::chrono::seconds(61));
  // One at the employer's domain does, at once.
  VerifyWorkEmail(viewer, "quiet@employer.example");
  EXPECT_FALSE(SeesCareer(viewer));
  // And at the parent's, after forgetting the employer's.
  ASSERT_EQ(Delete("/api/v1/me/work-emails/quiet%40employer.example", viewer.auth).status, 204);
  EXPECT_TRUE(SeesCareer(viewer));
  clock_.Advance(std::chrono::seconds(61));
  VerifyWorkEmail(viewer, "quiet@holding.example");
  EXPECT_FALSE(SeesCareer(viewer));
}

TEST_F(EmployerShieldApiTest, AnUnverifiedWorkEmailDoesNotShield) {
  Member viewer = Colleague("pending@example.com", json::array());
  ASSERT_EQ(
      Post("/api/v1/me/work-emails", {{"email", "pending@employer.example"}}, viewer.auth).status,
      202);
  EXPECT_TRUE(SeesCareer(viewer));
}

TEST_F(EmployerShieldApiTest, NamedCompaniesAreShieldedToo) {
  Member viewer =
      Colleague("named@example.com",
                json::array({PositionEntry(named_.id, "Recruiter", "2020-01", "public")}));
  EXPECT_TRUE(SeesCareer(viewer));
  HideProfile(false, {named_.id.ToString()});
  EXPECT_FALSE(SeesCareer(viewer));
  HideProfile(false);
  EXPECT_TRUE(SeesCareer(viewer));
}

TEST_F(EmployerShieldApiTest, ChangingJobsMovesTheShieldAtOnce) {
  Member old_boss = Colleague(
      "boss@example.com", json::array({PositionEntry(employer_.id, "Boss", "2010-01", "public")}));
  Member new_boss = Colleague(
      "new@example.com", json::array({PositionEntry(unrelated_.id, "Boss", "2010-01", "public")}));
  EXPECT_FALSE(SeesCareer(old_boss));
  EXPECT_TRUE(SeesCareer(new_boss));
  json profile = AsPutBody(OwnProfile(ana_));
  profile["positions"][0]["end"] = "2025-12";
  profile["positions"].push_back(PositionEntry(unrelated_.id, "Lead", "2026-01", "members"));
  SaveProfile(ana_, profile);
  EXPECT_FALSE(SeesCareer(new_boss));
  // The old employer is no longer shielded automatically.
  EXPECT_TRUE(SeesCareer(old_boss));
}

TEST_F(EmployerShieldApiTest, HideProfileMakesTheMemberUnknownToTheShielded) {
  Member colleague =
      Colleague("colleague@example.com",
                json::array({PositionEntry(employer_.id, "Manager", "2018-01", "public")}));
  Member affiliate =
      Colleague("affiliate@example.com",
                json::array({PositionEntry(affiliate_.id, "Manager", "2018-01", "public")}));
  Member outsider = Colleague("outsider@example.com", json::array());
  ASSERT_EQ(UploadPhoto(ana_, FakeJpeg("ana")).status, 200);
  json profile = AsPutBody(OwnProfile(ana_));
  profile["photo"]["audience"] = "members";
  SaveProfile(ana_, profile);
  relationships_.Set(
      ana_.id, colleague.id,
      {.distance = 1, .stage = privacy::Stage::kConnected, .trusted = true, .circles = {}});
  HideProfile(true);
  std::string link = StringAt(Privacy(ana_), "profile_link");

  for (const Member* viewer : {&colleague, &affiliate}) {
    SCOPED_TRACE(viewer->login);
    ExpectSameAnswer(View(viewer->auth, ana_.id), UnknownMember(viewer->auth), "profile");
    ExpectSameAnswer(
        Get("/api/v1/members/" + ana_.id.ToString() + "/photo", viewer->auth),
        Get("/api/v1/members/" + crypto::RandomId<MemberId>().ToString() + "/photo", viewer->auth),
        "photo");
    ExpectSameAnswer(Get("/api/v1/profile-links/" + link, viewer->auth),
                     Get("/api/v1/profile-links/" + crypto::RandomToken(16), viewer->auth),
                     "profile link");
    Response preview =
        Get("/api/v1/me/profile/preview?as=member:" + viewer->id.ToString(), ana_.auth);
    EXPECT_EQ(Body(preview)["profile"], nullptr);
  }
  // Discoverable by email, still unknown to them.
  ASSERT_EQ(PutPrivacy(ana_, {{"discoverability", {{"findable_by_email", true}}},
                              {"shield", {{"companies", json::array()}, {"hide_profile", true}}}})
                .status,
            200);
  ExpectSameAnswer(
      Post("/api/v1/members/lookup", {{"login", ana_.login}}, colleague.auth),
      Post("/api/v1/members/lookup", {{"login", "nobody@example.com"}}, colleague.auth), "lookup");
  EXPECT_EQ(Post("/api/v1/members/lookup", {{"login", ana_.login}}, outsider.auth).status, 200);
  EXPECT_EQ(Body(Get("/api/v1/me/profile/preview?as=employer", ana_.auth))["profile"], nullptr);
  // Everyone else still sees her, career included.
  EXPECT_TRUE(SeesCareer(outsider));
  EXPECT_EQ(Get("/api/v1/members/" + ana_.id.ToString() + "/photo", outsider.auth).status, 200);
}

TEST_F(EmployerShieldApiTest, TheShieldedSeeTheRestOfAProfileSharedWithAllMembers) {
  json profile = AsPutBody(OwnProfile(ana_));
  profile["career"]["audience"] = "members";
  SaveProfile(ana_, profile);
  Member colleague =
      Colleague("colleague@example.com",
                json::array({PositionEntry(employer_.id, "Manager", "2018-01", "public")}));
  EXPECT_FALSE(SeesCareer(colleague));
  // Signed out, nobody can be told apart from a colleague: career data is for members only.
  EXPECT_FALSE(Body(View({}, ana_.id)).contains("career"));
  EXPECT_FALSE(
      Body(Get("/api/v1/me/profile/preview?as=employer", ana_.auth))["profile"].contains("career"));
}

TEST_F(EmployerShieldApiTest, CareerCannotBePublic) {
  json profile = AsPutBody(OwnProfile(ana_));
  profile["career"]["audience"] = "public";
  auto answer = Put("/api/v1/me/profile", profile, ana_.auth);
  EXPECT_EQ(answer.status, 400);
  EXPECT_EQ(Body(answer)["error"]["field"], "career.audience");
}

}  // namespace
}  // namespace enishi::api::testing
