// ProfileService: the employer shield (F4) over declared and verified affiliations (F25), the
// whole-profile hiding, and view-as previews (F6) produced by the same engine as real views.
//
// The fake clock reads 2026-01-01, so "the last 12 months" reaches back to 2025-01.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "profile_service_fixture.hpp"

namespace enishi::profiles {
namespace {

class EmployerShieldTest : public ProfileServiceTest {
 protected:
  void SetUp() override {
    ProfileServiceTest::SetUp();
    employer_ = NewCompany("Employer KK", {"employer.example"});
    owner_ = NewMember("鈴木 一郎");
    JobSeeker(owner_, employer_);
  }

  // A connection of the owner whose profile declares `positions`.
  MemberId ConnectionWith(std::vector<Position> positions) {
    MemberId viewer = NewMember();
    if (!positions.empty()) {
      Profile p = Stored(viewer);
      p.positions = std::move(positions);
      Save(viewer, p);
    }
    relationships_.Set(owner_, viewer, Connected());
    return viewer;
  }

  CompanyId employer_;
  MemberId owner_;
};

TEST_F(EmployerShieldTest, AColleagueAtTheCurrentEmployerSeesNoCareer) {
  MemberId colleague = ConnectionWith({CurrentAt(employer_)});
  MemberId outsider = ConnectionWith({CurrentAt(NewCompany("Elsewhere"))});
  MemberId nobody = ConnectionWith({});
  EXPECT_FALSE(SeesCareer(colleague, owner_));
  EXPECT_TRUE(SeesCareer(outsider, owner_));
  EXPECT_TRUE(SeesCareer(nobody, owner_));
  // Everything else the colleague may see is still there.
  ResolvedView view = MustView(Viewer::Of(colleague), owner_);
  EXPECT_EQ(view.view.headline, "シニアエンジニア");
  EXPECT_EQ(view.view.positions.size(), 1u);
}

TEST_F(EmployerShieldTest, TheShieldOverridesEveryAudienceEvenTrustedAndCircles) {
  MemberId colleague = ConnectionWith({CurrentAt(employer_, kOnlyMe)});
  relationships_.Set(owner_, colleague, Rel(1, Stage::kConnected, true));
  auto circle = service_.CreateCircle(owner_, "信頼", {colleague});
  ASSERT_TRUE(circle);
  // Career is never public (validation refuses it); every other audience is overridden.
  for (Audience audience : {kMembers, kConnections, kTrusted, Audience::Circle(circle->id)}) {
    Profile p = Stored(owner_);
    p.career.audience = audience;
    Save(owner_, p);
    EXPECT_FALSE(SeesCareer(colleague, owner_)) << privacy::FormatAudience(audience);
  }
}

TEST_F(EmployerShieldTest, TheParentChainAndAffiliatesAreShielded) {
  CompanyId holding = NewCompany("Holding");
  CompanyId group = NewCompany("Group", {}, holding);
  CompanyId holding_affiliate = NewCompany("Holding affiliate", {}, {}, {holding});
  CompanyId subsidiary = NewCompany("Subsidiary", {}, group);
  CompanyId subsidiary_affiliate = NewCompany("Subsidiary affiliate", {}, {}, {subsidiary});
  CompanyId unrelated = NewCompany("Unrelated");
  // The owner works at the subsidiary now; the employer of the fixture is a past one.
  Profile p = Stored(owner_);
  p.positions = {CurrentAt(subsidiary), EndedAt(employer_, {2020, 3})};
  Save(owner_, p);

  struct Case {
    std::string name;
    CompanyId company;
    bool shielded;
  };
  const Case cases[] = {
      {"the current employer", subsidiary, true},
      {"its parent", group, true},
      {"its grandparent", holding, true},
      {"an affiliate of the employer", subsidiary_affiliate, true},
      {"an affiliate of the grandparent", holding_affiliate, true},
      {"an unrelated company", unrelated, false},
      // Only current employers are shielded automatically.
      {"a past employer of the owner", employer_, false},
  };
  for (const Case& c : cases) {
    MemberId viewer = ConnectionWith({CurrentAt(c.company)});
    EXPECT_EQ(SeesCareer(viewer, owner_), !c.shielded) << c.name;
  }
}

TEST_F(EmployerShieldTest, CompaniesTheMemberNamesAreShieldedWithTheirParents) {
  CompanyId rival_parent = NewCompany("Rival Holdings");
  CompanyId rival = NewCompany("Rival", {}, rival_parent);
  MemberId at_rival = ConnectionWith({CurrentAt(rival)});
  MemberId at_rival_parent = ConnectionWith({CurrentAt(rival_parent)});
  EXPECT_TRUE(SeesCareer(at_rival, owner_));
  EXPECT_TRUE(SeesCareer(at_rival_parent, owner_));

  SetShield(owner_, {rival});
  EXPECT_FALSE(SeesCareer(at_rival, owner_));
  EXPECT_FALSE(SeesCareer(at_rival_parent, owner_));
  auto privacy = service_.GetPrivacy(owner_);
  ASSERT_TRUE(privacy);
  EXPECT_EQ(CompanyIds(privacy->shielded), std::vector<CompanyId>{rival});
  EXPECT_EQ(CompanyIds(privacy->automatic), std::vector<CompanyId>{employer_});

  // A change takes effect on the very next view.
  SetShield(owner_, {});
  EXPECT_TRUE(SeesCareer(at_rival, owner_));
}

TEST_F(EmployerShieldTest, ShieldSettingsRefuseUnknownCompaniesNamingTheField) {
  CompanyId rival = NewCompany("Rival");
  Shield shield;
  shield.companies = {rival, crypto::RandomId<CompanyId>()};
  auto updated = service_.UpdatePrivacy(owner_, {}, shield);
  ASSERT_FALSE(updated);
  EXPECT_EQ(updated.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(updated.error().field, "shield.companies[1]");
  auto privacy = service_.GetPrivacy(owner_);
  ASSERT_TRUE(privacy);
  EXPECT_TRUE(privacy->settings.shield.companies.empty()) << "nothing written";

  shield.companies.assign(51, rival);
  updated = service_.UpdatePrivacy(owner_, {}, shield);
  ASSERT_FALSE(updated);
  EXPECT_EQ(updated.error().field, "shield.companies");
}

TEST_F(EmployerShieldTest, APositionWithAnEndStillAheadIsCurrentAndShielded) {
  // A fixed-term contract or a notice period: the member still works there (2026-01 now).
  Profile p = Stored(owner_);
  p.positions = {EndedAt(employer_, {2026, 6})};
  Save(owner_, p);
  MemberId colleague = ConnectionWith({CurrentAt(employer_)});
  EXPECT_FALSE(SeesCareer(colleague, owner_));
  auto privacy = service_.GetPrivacy(owner_);
  ASSERT_TRUE(privacy);
  EXPECT_EQ(CompanyIds(privacy->automatic), std::vector<CompanyId>{employer_});
  // Ending this month: still there.
  p.positions = {EndedAt(employer_, {2026, 1})};
  Save(owner_, p);
  EXPECT_FALSE(SeesCareer(colleague, owner_));
  // Ended last month: a past employer, no longer shielded automatically.
  p.positions = {EndedAt(employer_, {2025, 12})};
  Save(owner_, p);
  EXPECT_TRUE(SeesCareer(colleague, owner_));
}

TEST_F(EmployerShieldTest, RecentPositionsAffiliateForTwelveMonths) {
  // 2026-01 now: ended 11 months ago is 2025-02, 12 months ago 2025-01, 13 months ago 2024-12.
  MemberId left_11 = ConnectionWith({EndedAt(employer_, {2025, 2})});
  MemberId left_12 = ConnectionWith({EndedAt(employer_, {2025, 1})});
  MemberId left_13 = ConnectionWith({EndedAt(employer_, {2024, 12})});
  EXPECT_FALSE(SeesCareer(left_11, owner_)) << "ended 11 months ago";
  EXPECT_FALSE(SeesCareer(left_12, owner_)) << "ended 12 months ago";
  EXPECT_TRUE(SeesCareer(left_13, owner_)) << "ended 13 months ago";

  // Time passes: a year and a month later, the 11-month-old position no longer counts.
  clock_.Advance(std::chrono::days(365 + 31));
  EXPECT_TRUE(SeesCareer(left_11, owner_));
}

TEST_F(EmployerShieldTest, AHiddenPositionStillAffiliatesItsHolder) {
  // The viewer hides their employer from everyone; the shield still knows.
  MemberId viewer = ConnectionWith({CurrentAt(employer_, kOnlyMe)});
  EXPECT_FALSE(SeesCareer(viewer, owner_));
}

TEST_F(EmployerShieldTest, AVerifiedWorkEmailAtTheEmployersDomainAffiliates) {
  MemberId viewer = ConnectionWith({});
  EXPECT_TRUE(SeesCareer(viewer, owner_));
  VerifyWorkEmail(viewer, "taro@Employer.Example");
  EXPECT_FALSE(SeesCareer(viewer, owner_));
  // A domain of no company affiliates with nothing.
  MemberId freelancer = ConnectionWith({});
  VerifyWorkEmail(freelancer, "me@freelance.example");
  EXPECT_TRUE(SeesCareer(freelancer, owner_));
  // Removing the verified email ends the affiliation.
  ASSERT_TRUE(service_.RemoveWorkEmail(viewer, "taro@employer.example"));
  EXPECT_TRUE(SeesCareer(viewer, owner_));
}

TEST_F(EmployerShieldTest, AVerifiedEmailAtAParentsDomainAffiliates) {
  CompanyId parent = NewCompany("Parent", {"parent.example"});
  CompanyId child = NewCompany("Child", {}, parent);
  Profile p = Stored(owner_);
  p.positions = {CurrentAt(child)};
  Save(owner_, p);
  MemberId viewer = ConnectionWith({});
  VerifyWorkEmail(viewer, "a@parent.example");
  EXPECT_FALSE(SeesCareer(viewer, owner_));
}

TEST_F(EmployerShieldTest, HideProfileAnswersShieldedMembersAsIfNobodyWereThere) {
  SetShield(owner_, {}, /*hide_profile=*/true);
  MemberId colleague = NewMember();  // A stranger, affiliated by a current position.
  Profile p = Stored(colleague);
  p.positions = {CurrentAt(employer_, kOnlyMe)};
  Save(colleague, p);
  MemberId stranger = NewMember();

  auto hidden = service_.View(Viewer::Of(colleague), owner_);
  ASSERT_FALSE(hidden);
  auto unknown = service_.View(Viewer::Of(colleague), crypto::RandomId<MemberId>());
  ASSERT_FALSE(unknown);
  ExpectSameError(hidden.error(), unknown.error(), "hidden from a shielded member");
  auto photo = service_.Photo(Viewer::Of(colleague), owner_);
  ASSERT_FALSE(photo);
  ExpectSameError(photo.error(), unknown.error(), "photo of a hidden profile");

  // Unshielded members and signed-out visitors see what their audiences allow.
  ResolvedView seen = MustView(Viewer::Of(stranger), owner_);
  EXPECT_EQ(seen.view.headline, "シニアエンジニア");
  EXPECT_FALSE(seen.view.career);
  EXPECT_TRUE(service_.View(Viewer::Of(owner_), owner_));
}

// --- View as (F6): a preview equals the real view of a viewer in the same position.

class PreviewTest : public EmployerShieldTest {
 protected:
  void SetUp() override {
    EmployerShieldTest::SetUp();
    school_ = NewSchool("Kyoto University");
    Profile p = Stored(owner_);
    p.name = {{"鈴木", "一郎", "すずき", "いちろう", "Suzuki", "Ichiro"}, kNetwork2};
    p.about = {"自己紹介", kMembers};
    p.location = {"京都", kPublic};
    p.positions = {CurrentAt(employer_, kConnections), EndedAt(NewCompany("Past"), {2019, 3}, kMembers)};
    p.education = {StudiedAt(school_, kNetwork2)};
    p.skills = {{EntryId(), "public", kPublic}, {EntryId(), "members", kMembers},
                {EntryId(), "network2", kNetwork2}, {EntryId(), "connections", kConnections}};
    p.contacts = {{EntryId(), ContactKind::kLine, "ichiro.line", kConnections}};
    p.career.audience = kMembers;
    Save(owner_, p);
  }

  ResolvedView MustPreview(const PreviewAs& as) {
    auto preview = service_.Preview(owner_, as);
    EXPECT_TRUE(preview) << preview.error().message;
    EXPECT_TRUE(preview && *preview) << "preview shows something";
    return preview && *preview ? **preview : ResolvedView{};
  }

  SchoolId school_;
};

TEST_F(PreviewTest, EveryPreviewKindEqualsTheRealViewOfSuchAViewer) {
  MemberId stranger = NewMember();
  MemberId second = NewMember();
  relationships_.Set(owner_, second, SecondDegree());
  MemberId connection = NewMember();
  relationships_.Set(owner_, connection, Connected());
  MemberId colleague = NewMember();  // A stranger at the employer.
  Profile at_employer = Stored(colleague);
  at_employer.positions = {CurrentAt(employer_, kMembers)};
  Save(colleague, at_employer);
  MemberId named = NewMember();
  relationships_.Set(owner_, named, Rel(1, Stage::kConversing));

  struct Case {
    std::string name;
    PreviewAs as;
    Viewer viewer;
  };
  const Case cases[] = {
      {"signed out", {PreviewKind::kSignedOut, {}}, Viewer::SignedOut()},
      {"member", {PreviewKind::kMember, {}}, Viewer::Of(stranger)},
      {"2nd degree", {PreviewKind::kNetwork2, {}}, Viewer::Of(second)},
      {"connection", {PreviewKind::kConnection, {}}, Viewer::Of(connection)},
      {"someone at my employer", {PreviewKind::kEmployer, {}}, Viewer::Of(colleague)},
      {"a named member", {PreviewKind::kNamedMember, named}, Viewer::Of(named)},
  };
  for (const Case& c : cases) {
    size_t outbox = Outbox().size();
    ResolvedView preview = MustPreview(c.as);
    ResolvedView real = MustView(c.viewer, owner_);
    ExpectSameView(preview, real, c.name);
    EXPECT_EQ(Outbox().size(), outbox) << c.name << ": a preview announces nothing";
  }
  // The cases differ from one another, so the comparison above means something.
  EXPECT_EQ(SkillNames(MustPreview({PreviewKind::kSignedOut, {}}).view.skills),
            std::vector<std::string>{"public"});
  EXPECT_EQ(SkillNames(MustPreview({PreviewKind::kConnection, {}}).view.skills).size(), 4u);
  EXPECT_TRUE(MustPreview({PreviewKind::kMember, {}}).view.career);
  EXPECT_FALSE(MustPreview({PreviewKind::kEmployer, {}}).view.career);
}

TEST_F(PreviewTest, APreviewOfNothingIsNulloptWhereTheRealViewIsNotFound) {
  Profile p = Stored(owner_);
  p.location.audience = kMembers;
  for (Skill& skill : p.skills) {
    if (skill.audience == kPublic) skill.audience = kMembers;
  }
  Save(owner_, p);
  auto preview = service_.Preview(owner_, {PreviewKind::kSignedOut, {}});
  ASSERT_TRUE(preview) << preview.error().message;
  EXPECT_FALSE(*preview);
  auto real = service_.View(Viewer::SignedOut(), owner_);
  ASSERT_FALSE(real);
  EXPECT_EQ(real.error().code, ErrorCode::kNotFound);
}

TEST_F(PreviewTest, HideProfilePreviewsAsNothingForSomeoneAtMyEmployer) {
  SetShield(owner_, {}, /*hide_profile=*/true);
  auto preview = service_.Preview(owner_, {PreviewKind::kEmployer, {}});
  ASSERT_TRUE(preview);
  EXPECT_FALSE(*preview);
  auto member = service_.Preview(owner_, {PreviewKind::kMember, {}});
  ASSERT_TRUE(member);
  EXPECT_TRUE(*member);
}

TEST_F(PreviewTest, ANamedMemberWithAVisibleCurrentPositionAtMyEmployerPreviewsShielded) {
  MemberId named = NewMember();
  Profile n = Stored(named);
  n.positions = {CurrentAt(employer_, kMembers)};
  Save(named, n);
  relationships_.Set(owner_, named, Connected());
  ResolvedView preview = MustPreview({PreviewKind::kNamedMember, named});
  EXPECT_FALSE(preview.view.career);
  ExpectSameView(preview, MustView(Viewer::Of(named), owner_), "named colleague");
}

// The named member's affiliation is theirs to hide: the preview judges the shield by what the
// owner may see of the named member, so a colleague whose current position at the owner's
// employer is hidden from the owner previews as unshielded (career shown), although the real
// view by that colleague withholds the career. The preview never tells the owner more about the
// named member than the owner may see.
TEST_F(PreviewTest, NamedPreviewDoesNotRevealAHiddenAffiliationSoItStillShowsTheCareer) {
  MemberId named = NewMember();
  Profile n = Stored(named);
  n.headline = {"見える見出し", kMembers};
  n.positions = {CurrentAt(employer_, kOnlyMe)};
  Save(named, n);
  relationships_.Set(owner_, named, Connected());

  ResolvedView preview = MustPreview({PreviewKind::kNamedMember, named});
  EXPECT_TRUE(preview.view.career) << "the hidden affiliation is not revealed";
  ResolvedView real = MustView(Viewer::Of(named), owner_);
  EXPECT_FALSE(real.view.career) << "the real view is still shielded";
  // Apart from the career, the preview is the real view.
  ResolvedView without_career = preview;
  without_career.view.career.reset();
  ExpectSameView(without_career, real, "named, hidden affiliation");
}

TEST_F(PreviewTest, NamedPreviewDoesNotRevealAVerifiedWorkEmailEither) {
  MemberId named = NewMember();
  Profile n = Stored(named);
  n.headline = {"見える見出し", kMembers};
  Save(named, n);
  VerifyWorkEmail(named, "x@employer.example");
  relationships_.Set(owner_, named, Connected());
  EXPECT_TRUE(MustPreview({PreviewKind::kNamedMember, named}).view.career);
  EXPECT_FALSE(MustView(Viewer::Of(named), owner_).view.career);
}

TEST_F(PreviewTest, NamedPreviewOfAnUnknownMemberOrOneselfIsNotFound) {
  auto unknown = service_.Preview(owner_, {PreviewKind::kNamedMember, crypto::RandomId<MemberId>()});
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);
  auto self = service_.Preview(owner_, {PreviewKind::kNamedMember, owner_});
  ASSERT_FALSE(self);
  ExpectSameError(self.error(), unknown.error(), "self");
  auto none = service_.Preview(owner_, {PreviewKind::kNamedMember, MemberId()});
  ASSERT_FALSE(none);
  ExpectSameError(none.error(), unknown.error(), "no id");
  auto no_owner = service_.Preview(crypto::RandomId<MemberId>(), {PreviewKind::kSignedOut, {}});
  ASSERT_FALSE(no_owner);
  EXPECT_EQ(no_owner.error().code, ErrorCode::kNotFound);
}

TEST_F(PreviewTest, NamedPreviewOfAMemberWhoHidesEverythingFromTheOwnerStillWorks) {
  // The named member shows the owner nothing: the preview treats them as unshielded rather
  // than failing, and uses the owner's relationship with them.
  MemberId named = NewMember();
  Profile n = Stored(named);
  n.display_name.audience = kOnlyMe;
  n.positions = {CurrentAt(employer_, kOnlyMe)};
  Save(named, n);
  relationships_.Set(owner_, named, SecondDegree());
  ResolvedView preview = MustPreview({PreviewKind::kNamedMember, named});
  EXPECT_EQ(SkillNames(preview.view.skills),
            (std::vector<std::string>{"public", "members", "network2"}));
}

}  // namespace
}  // namespace enishi::profiles
