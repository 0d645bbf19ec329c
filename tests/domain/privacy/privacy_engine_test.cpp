// The privacy engine, pure: Allows() over every audience and every viewer class, ViewProfile()
// and ShieldMatters(). The expected table below is written from DESIGN.md §5, not from the
// code: public is anyone; members is any signed-in member; network2 is within two degrees;
// greeted / conversing / connections / trusted need the viewer's stage with the member to be at
// least that (greeting → conversation → connection → trusted, principle 4); circle:<id> is the
// members of that circle; only_me is the member alone. The owner sees everything.

#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/privacy/audience.hpp"
#include "domain/privacy/privacy_engine.hpp"
#include "domain/profiles/profile.hpp"
#include "domain/profiles/profile_defaults.hpp"

namespace enishi::privacy {
namespace {

using profiles::CareerPreferences;
using profiles::Contact;
using profiles::ContactKind;
using profiles::Education;
using profiles::JobSeeking;
using profiles::Language;
using profiles::Link;
using profiles::PersonName;
using profiles::Position;
using profiles::Profile;
using profiles::Skill;
using profiles::YearMonth;

const CircleId kCircle(0x51);
const CircleId kOtherCircle(0x52);

// Every audience, named as on the wire.
std::vector<std::pair<std::string, Audience>> AllAudiences() {
  return {
      {"public", Audience::Of(AudienceKind::kPublic)},
      {"members", Audience::Of(AudienceKind::kMembers)},
      {"network2", Audience::Of(AudienceKind::kNetwork2)},
      {"greeted", Audience::Of(AudienceKind::kGreeted)},
      {"conversing", Audience::Of(AudienceKind::kConversing)},
      {"connections", Audience::Of(AudienceKind::kConnections)},
      {"trusted", Audience::Of(AudienceKind::kTrusted)},
      {"circle", Audience::Circle(kCircle)},
      {"only_me", Audience::Of(AudienceKind::kOnlyMe)},
  };
}

Relationship Rel(int distance, Stage stage, bool trusted = false, std::vector<CircleId> circles = {}) {
  Relationship relationship;
  relationship.distance = distance;
  relationship.stage = stage;
  relationship.trusted = trusted;
  relationship.circles = std::move(circles);
  return relationship;
}

struct ViewerRow {
  std::string name;
  ViewerContext context;
  std::vector<std::string> sees;  // The audiences this viewer belongs to.
};

std::vector<ViewerRow> ViewerTable() {
  const std::vector<std::string> everything = {"public",      "members", "network2",
                                               "greeted",     "conversing", "connections",
                                               "trusted",     "circle",  "only_me"};
  return {
      {"signed out", ViewerContext::SignedOut(), {"public"}},
      {"member stranger", ViewerContext::Member(Rel(0, Stage::kNone), false),
       {"public", "members"}},
      {"distance 2", ViewerContext::Member(Rel(2, Stage::kNone), false),
       {"public", "members", "network2"}},
      {"distance 3 or more (unknown)", ViewerContext::Member(Rel(0, Stage::kNone), false),
       {"public", "members"}},
      {"distance 1, no stage", ViewerContext::Member(Rel(1, Stage::kNone), false),
       {"public", "members", "network2"}},
      {"distance 1, greeted", ViewerContext::Member(Rel(1, Stage::kGreeted), false),
       {"public", "members", "network2", "greeted"}},
      {"distance 1, conversing", ViewerContext::Member(Rel(1, Stage::kConversing), false),
       {"public", "members", "network2", "greeted", "conversing"}},
      {"distance 1, connected", ViewerContext::Member(Rel(1, Stage::kConnected), false),
       {"public", "members", "network2", "greeted", "conversing", "connections"}},
      {"trusted connection", ViewerContext::Member(Rel(1, Stage::kConnected, true), false),
       {"public", "members", "network2", "greeted", "conversing", "connections", "trusted"}},
      // A greeting does not make a stranger part of one's network.
      {"greeted stranger (distance unknown)", ViewerContext::Member(Rel(0, Stage::kGreeted), false),
       {"public", "members", "greeted"}},
      {"conversing, distance 2", ViewerContext::Member(Rel(2, Stage::kConversing), false),
       {"public", "members", "network2", "greeted", "conversing"}},
      // Trusted is the stage after connection (principle 4): a trusted mark on someone who is
      // not (or no longer) a connection does not reach the trusted stage.
      {"trusted mark without connection", ViewerContext::Member(Rel(0, Stage::kGreeted, true), false),
       {"public", "members", "greeted"}},
      {"stranger in the circle", ViewerContext::Member(Rel(0, Stage::kNone, false, {kCircle}), false),
       {"public", "members", "circle"}},
      {"stranger in another circle",
       ViewerContext::Member(Rel(0, Stage::kNone, false, {kOtherCircle}), false),
       {"public", "members"}},
      {"connection in both circles",
       ViewerContext::Member(Rel(1, Stage::kConnected, false, {kOtherCircle, kCircle}), false),
       {"public", "members", "network2", "greeted", "conversing", "connections", "circle"}},
      // The shield is about job-related data, not audiences: Allows() ignores it.
      {"shielded connection", ViewerContext::Member(Rel(1, Stage::kConnected), true),
       {"public", "members", "network2", "greeted", "conversing", "connections"}},
      {"owner", ViewerContext::Owner(), everything},
  };
}

TEST(PrivacyEngineAllowsTest, EveryAudienceForEveryViewerClass) {
  for (const ViewerRow& row : ViewerTable()) {
    for (const auto& [audience_name, audience] : AllAudiences()) {
      bool expected = std::find(row.sees.begin(), row.sees.end(), audience_name) != row.sees.end();
      EXPECT_EQ(Allows(audience, row.context), expected)
          << "viewer: " << row.name << ", audience: " << audience_name;
    }
  }
}

TEST(PrivacyEngineAllowsTest, ACircleAudienceNeverMatchesAnInvalidCircle) {
  // A viewer whose relationship lists no circle is in no circle, whatever id the audience has.
  EXPECT_FALSE(Allows(Audience::Circle(CircleId()), ViewerContext::Member(Rel(1, Stage::kConnected), false)));
  EXPECT_FALSE(Allows(Audience::Circle(kCircle), ViewerContext::SignedOut()));
}

TEST(AudienceTest, ParsesAndFormatsEveryKind) {
  for (const auto& [name, audience] : AllAudiences()) {
    std::string text = FormatAudience(audience);
    if (audience.kind == AudienceKind::kCircle) {
      EXPECT_EQ(text, "circle:" + kCircle.ToString());
    } else {
      EXPECT_EQ(text, name);
    }
    auto parsed = ParseAudience(text);
    ASSERT_TRUE(parsed) << text;
    EXPECT_EQ(*parsed, audience) << text;
  }
}

TEST(AudienceTest, RefusesAnythingElse) {
  for (std::string_view text :
       {"", "Public", "PUBLIC", "everyone", "connection", "only-me", "network", "circle:",
        "circle:0000000000000", "circle:not-an-id", "circle", " public", "public "}) {
    EXPECT_FALSE(ParseAudience(text)) << "'" << text << "'";
  }
}

// --- ViewProfile.

const Audience kPublic = Audience::Of(AudienceKind::kPublic);
const Audience kMembers = Audience::Of(AudienceKind::kMembers);
const Audience kConnections = Audience::Of(AudienceKind::kConnections);
const Audience kOnlyMe = Audience::Of(AudienceKind::kOnlyMe);

// A profile with every field given, every field and entry at `audience`.
Profile FullProfile(Audience audience) {
  Profile p;
  p.member = MemberId(0x1001);
  p.display_name = {"田中 愛子", audience};
  p.name = {{"田中", "愛子", "たなか", "あいこ", "Tanaka", "Aiko"}, audience};
  p.headline = {"エンジニア", audience};
  p.about = {"東京で働いています。", audience};
  p.location = {"東京", audience};
  p.photo = {ImageId(0x77), audience};
  p.career = {{JobSeeking::kOpen, {"SRE"}, {"東京"}, 8000000, 12000000, "JPY"}, audience};
  p.positions = {{EntryId(1), CompanyId(0x201), "エンジニア", profiles::JobFunction::kEngineering,
                  profiles::Seniority::kSenior, {2020, 4}, std::nullopt, "", audience}};
  p.education = {{EntryId(2), SchoolId(0x301), "学士", "情報", "JP", {2010, 4},
                  YearMonth{2014, 3}, audience}};
  p.languages = {{EntryId(3), "ja", profiles::Proficiency::kNative, audience}};
  p.skills = {{EntryId(4), "C++", audience}};
  p.links = {{EntryId(5), profiles::LinkKind::kLink, "Blog", "https://example.com", "", audience}};
  p.contacts = {{EntryId(6), ContactKind::kEmail, "aiko@example.com", audience}};
  return p;
}

ViewerContext Connection() { return ViewerContext::Member(Rel(1, Stage::kConnected), false); }
ViewerContext Stranger() { return ViewerContext::Member(Rel(0, Stage::kNone), false); }
ViewerContext ShieldedConnection() {
  return ViewerContext::Member(Rel(1, Stage::kConnected), true);
}

TEST(ViewProfileTest, EverythingVisibleIsCopied) {
  Profile p = FullProfile(kPublic);
  auto view = ViewProfile(p, false, ViewerContext::SignedOut());
  ASSERT_TRUE(view);
  EXPECT_EQ(view->member, p.member);
  EXPECT_EQ(view->display_name, p.display_name.value);
  EXPECT_EQ(view->name, p.name.value);
  EXPECT_EQ(view->headline, p.headline.value);
  EXPECT_EQ(view->about, p.about.value);
  EXPECT_EQ(view->location, p.location.value);
  EXPECT_EQ(view->photo, p.photo.value);
  EXPECT_EQ(view->career, p.career.value);
  EXPECT_EQ(view->positions, p.positions);
  EXPECT_EQ(view->education, p.education);
  EXPECT_EQ(view->languages, p.languages);
  EXPECT_EQ(view->skills, p.skills);
  EXPECT_EQ(view->links, p.links);
  EXPECT_EQ(view->contacts, p.contacts);
  EXPECT_FALSE(view->empty());
}

TEST(ViewProfileTest, HiddenFieldsAreAbsent) {
  Profile p = FullProfile(kConnections);
  p.display_name.audience = kMembers;
  auto view = ViewProfile(p, false, Stranger());
  ASSERT_TRUE(view);
  EXPECT_EQ(view->member, p.member);
  EXPECT_EQ(view->display_name, "田中 愛子");
  EXPECT_FALSE(view->name);
  EXPECT_FALSE(view->headline);
  EXPECT_FALSE(view->about);
  EXPECT_FALSE(view->location);
  EXPECT_FALSE(view->photo);
  EXPECT_FALSE(view->career);
  EXPECT_TRUE(view->positions.empty());
  EXPECT_TRUE(view->education.empty());
  EXPECT_TRUE(view->languages.empty());
  EXPECT_TRUE(view->skills.empty());
  EXPECT_TRUE(view->links.empty());
  EXPECT_TRUE(view->contacts.empty());
}

TEST(ViewProfileTest, HiddenEntriesAreRemovedAndTheOthersKeepTheirOrder) {
  Profile p = FullProfile(kPublic);
  p.skills = {{EntryId(11), "public-1", kPublic},
              {EntryId(12), "connections", kConnections},
              {EntryId(13), "members", kMembers},
              {EntryId(14), "only-me", kOnlyMe},
              {EntryId(15), "circle", Audience::Circle(kCircle)},
              {EntryId(16), "public-2", kPublic}};
  p.positions.push_back(p.positions[0]);
  p.positions[1].id = EntryId(21);
  p.positions[1].audience = kOnlyMe;
  auto view = ViewProfile(p, false, Stranger());
  ASSERT_TRUE(view);
  std::vector<std::string> names;
  for (const Skill& skill : view->skills) names.push_back(skill.name);
  EXPECT_EQ(names, (std::vector<std::string>{"public-1", "members", "public-2"}));
  ASSERT_EQ(view->positions.size(), 1u);
  EXPECT_EQ(view->positions[0].id, EntryId(1));

  auto owner = ViewProfile(p, false, ViewerContext::Owner());
  ASSERT_TRUE(owner);
  EXPECT_EQ(owner->skills, p.skills);
  EXPECT_EQ(owner->positions, p.positions);
}

TEST(ViewProfileTest, EmptyStringsAndAnEmptyNameAreNotShown) {
  Profile p = FullProfile(kPublic);
  p.headline.value = "";
  p.about.value = "";
  p.location.value = "";
  p.name.value = PersonName{};
  p.photo.value.reset();
  auto view = ViewProfile(p, false, ViewerContext::SignedOut());
  ASSERT_TRUE(view);
  EXPECT_FALSE(view->headline);
  EXPECT_FALSE(view->about);
  EXPECT_FALSE(view->location);
  EXPECT_FALSE(view->name);
  EXPECT_FALSE(view->photo);
  EXPECT_TRUE(view->display_name);
}

TEST(ViewProfileTest, ANameWithOnlyALatinFormIsShown) {
  Profile p = FullProfile(kPublic);
  p.name.value = PersonName{};
  p.name.value.latin_given = "Aiko";
  auto view = ViewProfile(p, false, ViewerContext::SignedOut());
  ASSERT_TRUE(view);
  ASSERT_TRUE(view->name);
  EXPECT_EQ(view->name->latin_given, "Aiko");
}

TEST(ViewProfileTest, AViewWithNothingVisibleIsNullopt) {
  EXPECT_FALSE(ViewProfile(FullProfile(kOnlyMe), false, Connection()));
  EXPECT_FALSE(ViewProfile(FullProfile(kMembers), false, ViewerContext::SignedOut()));
  EXPECT_FALSE(ViewProfile(FullProfile(kConnections), false, Stranger()));
  // Visible but empty is still nothing.
  Profile p = FullProfile(kOnlyMe);
  p.headline = {"", kPublic};
  p.about = {"", kPublic};
  EXPECT_FALSE(ViewProfile(p, false, ViewerContext::SignedOut()));
  // One visible entry is enough.
  p.skills[0].audience = kPublic;
  auto view = ViewProfile(p, false, ViewerContext::SignedOut());
  ASSERT_TRUE(view);
  EXPECT_EQ(view->skills.size(), 1u);
}

TEST(ViewProfileTest, TheOwnerSeesEverythingEvenAnEmptyProfile) {
  Profile p = FullProfile(kOnlyMe);
  auto view = ViewProfile(p, true, ViewerContext::Owner());
  ASSERT_TRUE(view);
  EXPECT_EQ(view->career, p.career.value);
  EXPECT_EQ(view->contacts, p.contacts);
  EXPECT_EQ(view->name, p.name.value);

  // A profile with nothing given is still the owner's to see (the career always has a status).
  Profile empty;
  empty.member = MemberId(9);
  empty.display_name = {"", kOnlyMe};
  auto own = ViewProfile(empty, false, ViewerContext::Owner());
  ASSERT_TRUE(own);
  EXPECT_FALSE(own->display_name);
  EXPECT_TRUE(own->positions.empty());
  EXPECT_EQ(own->career, CareerPreferences{});
  EXPECT_FALSE(ViewProfile(empty, false, Connection()));
}

TEST(ViewProfileTest, AShieldedViewerNeverGetsTheCareerWhateverItsAudience) {
  for (const auto& [name, audience] : AllAudiences()) {
    Profile p = FullProfile(kPublic);
    p.career.audience = audience;
    auto view = ViewProfile(p, false, ShieldedConnection());
    ASSERT_TRUE(view) << name;
    EXPECT_FALSE(view->career) << name;
    // Everything else is unaffected.
    EXPECT_EQ(view->positions, p.positions) << name;
    EXPECT_EQ(view->headline, p.headline.value) << name;
  }
  // Even a trusted connection in every circle.
  Profile p = FullProfile(kPublic);
  p.career.audience = Audience::Circle(kCircle);
  auto view = ViewProfile(
      p, false, ViewerContext::Member(Rel(1, Stage::kConnected, true, {kCircle}), true));
  ASSERT_TRUE(view);
  EXPECT_FALSE(view->career);
}

TEST(ViewProfileTest, ACareerThatIsTheOnlyVisibleThingMakesAShieldedViewNullopt) {
  Profile p = FullProfile(kOnlyMe);
  p.career.audience = kPublic;
  EXPECT_TRUE(ViewProfile(p, false, Connection()));
  EXPECT_FALSE(ViewProfile(p, false, ShieldedConnection()));
}

TEST(ViewProfileTest, HideFromShieldedGivesNulloptOnlyForShieldedMembers) {
  Profile p = FullProfile(kPublic);
  EXPECT_FALSE(ViewProfile(p, true, ShieldedConnection()));
  EXPECT_FALSE(ViewProfile(p, true, ViewerContext::Member(Rel(0, Stage::kNone), true)));
  EXPECT_TRUE(ViewProfile(p, true, Connection()));
  EXPECT_TRUE(ViewProfile(p, true, Stranger()));
  EXPECT_TRUE(ViewProfile(p, true, ViewerContext::SignedOut()));
  EXPECT_TRUE(ViewProfile(p, true, ViewerContext::Owner()));
  // Without hide_from_shielded, the shielded viewer gets everything but the career.
  auto view = ViewProfile(p, false, ShieldedConnection());
  ASSERT_TRUE(view);
  EXPECT_FALSE(view->career);
  EXPECT_TRUE(view->headline);
}

TEST(ViewProfileTest, TheDefaultProfileShowsMembersTheDisplayNameOnly) {
  Profile p = profiles::DefaultProfile(MemberId(5), "佐藤 健");
  EXPECT_FALSE(ViewProfile(p, false, ViewerContext::SignedOut()));
  auto member = ViewProfile(p, false, Stranger());
  ASSERT_TRUE(member);
  EXPECT_EQ(member->display_name, "佐藤 健");
  // Whatever a new member types without choosing an audience reaches connections only; the
  // headline reaches members; contacts and career stay with the member.
  p.headline.value = "営業";
  p.about.value = "自己紹介";
  p.location.value = "大阪";
  p.career.value.status = JobSeeking::kActivelyLooking;
  member = ViewProfile(p, false, Stranger());
  ASSERT_TRUE(member);
  EXPECT_EQ(member->headline, "営業");
  EXPECT_FALSE(member->about);
  EXPECT_FALSE(member->location);
  EXPECT_FALSE(member->career);
  auto second = ViewProfile(p, false, ViewerContext::Member(Rel(2, Stage::kNone), false));
  ASSERT_TRUE(second);
  EXPECT_FALSE(second->about);
  auto connection = ViewProfile(p, false, Connection());
  ASSERT_TRUE(connection);
  EXPECT_EQ(connection->about, "自己紹介");
  EXPECT_EQ(connection->location, "大阪");
  EXPECT_FALSE(connection->career);
}

TEST(ProfileDefaultsTest, DefaultsAreNarrow) {
  Profile p = profiles::DefaultProfile(MemberId(5), "佐藤 健");
  EXPECT_EQ(p.member, MemberId(5));
  EXPECT_EQ(p.display_name.value, "佐藤 健");
  EXPECT_EQ(p.display_name.audience, kMembers);
  EXPECT_EQ(p.headline.audience, kMembers);
  EXPECT_EQ(p.name.audience, kConnections);
  EXPECT_EQ(p.about.audience, kConnections);
  EXPECT_EQ(p.location.audience, kConnections);
  EXPECT_EQ(p.photo.audience, kConnections);
  EXPECT_EQ(p.career.audience, kOnlyMe);
  EXPECT_EQ(profiles::kDefaultAudience, kConnections);
  EXPECT_EQ(profiles::kDefaultPrivateAudience, kOnlyMe);
  EXPECT_TRUE(p.positions.empty());
  EXPECT_FALSE(p.photo.value);
}

// --- ShieldMatters.

TEST(ShieldMattersTest, OnlyForAMemberWhoCouldSeeTheCareerOrWhenTheProfileHidesFromShielded) {
  Profile p = FullProfile(kPublic);
  p.career.audience = kConnections;
  EXPECT_TRUE(ShieldMatters(p, false, Connection()));
  EXPECT_FALSE(ShieldMatters(p, false, Stranger()));  // Could not see the career anyway.
  EXPECT_TRUE(ShieldMatters(p, true, Stranger()));    // But the whole profile may be hidden.
  EXPECT_FALSE(ShieldMatters(p, true, ViewerContext::SignedOut()));
  EXPECT_FALSE(ShieldMatters(p, true, ViewerContext::Owner()));
  p.career.audience = kOnlyMe;
  EXPECT_FALSE(ShieldMatters(p, false, ViewerContext::Member(Rel(1, Stage::kConnected, true, {kCircle}), false)));
  EXPECT_TRUE(ShieldMatters(p, true, Connection()));
  p.career.audience = Audience::Circle(kCircle);
  EXPECT_TRUE(ShieldMatters(p, false, ViewerContext::Member(Rel(0, Stage::kNone, false, {kCircle}), false)));
  EXPECT_FALSE(ShieldMatters(p, false, ViewerContext::Member(Rel(0, Stage::kNone, false, {kOtherCircle}), false)));
}

TEST(ShieldMattersTest, WhenItDoesNotMatterTheShieldChangesNothing) {
  // The service skips the shield lookup when ShieldMatters() is false; the view must then be
  // the same whether or not the viewer is shielded.
  for (bool hide : {false, true}) {
    for (const auto& [career_name, career] : AllAudiences()) {
      Profile p = FullProfile(kMembers);
      p.career.audience = career;
      for (const ViewerRow& row : ViewerTable()) {
        if (row.context.kind != ViewerContext::Kind::kMember) continue;
        ViewerContext plain = row.context;
        plain.shielded = false;
        if (ShieldMatters(p, hide, plain)) continue;
        ViewerContext shielded = plain;
        shielded.shielded = true;
        auto a = ViewProfile(p, hide, plain);
        auto b = ViewProfile(p, hide, shielded);
        ASSERT_EQ(a.has_value(), b.has_value()) << row.name << " / " << career_name;
        if (a) {
          EXPECT_EQ(a->career, b->career) << row.name << " / " << career_name;
        }
      }
    }
  }
}

}  // namespace
}  // namespace enishi::privacy
