// ProfileService: View for every viewer class, "not allowed" answered as "does not exist",
// organisations resolved for visible entries only, photos, links, lookups, and a bounded number
// of repository calls whatever the size of the profile.

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <string>
#include <vector>

#include "profile_service_fixture.hpp"

namespace enishi::profiles {
namespace {

class ProfileViewTest : public ProfileServiceTest {
 protected:
  void SetUp() override {
    ProfileServiceTest::SetUp();
    owner_ = NewMember("山田 太郎");
    circle_member_ = NewMember();
    other_circle_member_ = NewMember();
    auto circle = service_.CreateCircle(owner_, "大学の友人", {circle_member_});
    ASSERT_TRUE(circle);
    circle_ = circle->id;
    auto other = service_.CreateCircle(owner_, "元同僚", {other_circle_member_});
    ASSERT_TRUE(other);

    // One skill per audience, named after it; every field at its own audience.
    Profile p = Stored(owner_);
    p.display_name = {"山田 太郎", kMembers};
    p.name = {{"山田", "太郎", "やまだ", "たろう", "Yamada", "Taro"}, kNetwork2};
    p.headline = {"営業部長", kPublic};
    p.about = {"自己紹介", kConversing};
    p.location = {"大阪", kGreeted};
    p.career = {{JobSeeking::kOpen, {}, {}, std::nullopt, std::nullopt, ""}, kTrusted};
    const std::pair<const char*, Audience> skills[] = {
        {"public", kPublic},         {"members", kMembers},         {"network2", kNetwork2},
        {"greeted", kGreeted},       {"conversing", kConversing},   {"connections", kConnections},
        {"trusted", kTrusted},       {"circle", Audience::Circle(circle_)}, {"only_me", kOnlyMe}};
    for (const auto& [name, audience] : skills) p.skills.push_back({EntryId(), name, audience});
    Save(owner_, p);
  }

  MemberId Viewing(const Relationship& relationship) {
    MemberId viewer = NewMember();
    relationships_.Set(owner_, viewer, relationship);
    return viewer;
  }

  MemberId owner_;
  MemberId circle_member_;
  MemberId other_circle_member_;
  CircleId circle_;
};

TEST_F(ProfileViewTest, EveryViewerClassSeesExactlyItsAudiences) {
  struct Row {
    std::string name;
    Viewer viewer;
    std::vector<std::string> skills;
  };
  const Row rows[] = {
      {"signed out", Viewer::SignedOut(), {"public"}},
      {"member stranger", Viewer::Of(Viewing({})), {"public", "members"}},
      {"distance 2", Viewer::Of(Viewing(SecondDegree())), {"public", "members", "network2"}},
      {"greeted", Viewer::Of(Viewing(Rel(1, Stage::kGreeted))),
       {"public", "members", "network2", "greeted"}},
      {"conversing", Viewer::Of(Viewing(Rel(1, Stage::kConversing))),
       {"public", "members", "network2", "greeted", "conversing"}},
      {"connected", Viewer::Of(Viewing(Connected())),
       {"public", "members", "network2", "greeted", "conversing", "connections"}},
      {"trusted", Viewer::Of(Viewing(Rel(1, Stage::kConnected, true))),
       {"public", "members", "network2", "greeted", "conversing", "connections", "trusted"}},
      {"in the circle", Viewer::Of(circle_member_), {"public", "members", "circle"}},
      {"in another circle", Viewer::Of(other_circle_member_), {"public", "members"}},
      {"owner", Viewer::Of(owner_),
       {"public", "members", "network2", "greeted", "conversing", "connections", "trusted",
        "circle", "only_me"}},
  };
  for (const Row& row : rows) {
    auto view = service_.View(row.viewer, owner_);
    ASSERT_TRUE(view) << row.name << ": " << view.error().message;
    EXPECT_EQ(SkillNames(view->view.skills), row.skills) << row.name;
    auto sees = [&](const std::string& audience) {
      return std::find(row.skills.begin(), row.skills.end(), audience) != row.skills.end();
    };
    EXPECT_EQ(view->view.member, owner_) << row.name;
    EXPECT_EQ(view->view.display_name.has_value(), sees("members")) << row.name;
    EXPECT_EQ(view->view.headline, "営業部長") << row.name;
    EXPECT_EQ(view->view.name.has_value(), sees("network2")) << row.name;
    EXPECT_EQ(view->view.location.has_value(), sees("greeted")) << row.name;
    EXPECT_EQ(view->view.about.has_value(), sees("conversing")) << row.name;
    EXPECT_EQ(view->view.career.has_value(), sees("trusted")) << row.name;
  }
}

TEST_F(ProfileViewTest, AnUnknownMemberAndAMemberWhoShowsNothingGetTheSameAnswer) {
  MemberId hidden = NewMember();
  Profile p = Stored(hidden);
  p.display_name.audience = kOnlyMe;
  p.headline = {"見せない", kConnections};
  Save(hidden, p);
  MemberId stranger = NewMember();

  auto unknown = service_.View(Viewer::Of(stranger), crypto::RandomId<MemberId>());
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);
  auto nothing = service_.View(Viewer::Of(stranger), hidden);
  ASSERT_FALSE(nothing);
  ExpectSameError(nothing.error(), unknown.error(), "stranger");

  auto unknown_signed_out = service_.View(Viewer::SignedOut(), crypto::RandomId<MemberId>());
  ASSERT_FALSE(unknown_signed_out);
  // A default profile shows signed-out visitors nothing.
  auto default_signed_out = service_.View(Viewer::SignedOut(), NewMember());
  ASSERT_FALSE(default_signed_out);
  ExpectSameError(default_signed_out.error(), unknown_signed_out.error(), "signed out");
  ExpectSameError(unknown_signed_out.error(), unknown.error(), "signed out vs member");

  // The owner always sees their own profile, even an empty one.
  auto own = service_.View(Viewer::Of(hidden), hidden);
  ASSERT_TRUE(own);
  EXPECT_EQ(own->view.display_name, "田中 花子");
}

TEST_F(ProfileViewTest, OrganisationsAreResolvedForVisibleEntriesOnly) {
  CompanyId shown = NewCompany("Shown KK");
  CompanyId hidden = NewCompany("Hidden KK");
  SchoolId school = NewSchool("Hidden University");
  Profile p = Stored(owner_);
  p.positions = {CurrentAt(shown, kMembers), EndedAt(hidden, {2019, 3}, kConnections)};
  p.education = {StudiedAt(school, kConnections)};
  Save(owner_, p);

  ResolvedView stranger = MustView(Viewer::Of(NewMember()), owner_);
  ASSERT_EQ(stranger.view.positions.size(), 1u);
  EXPECT_EQ(stranger.view.positions[0].company, shown);
  EXPECT_EQ(CompanyIds(stranger.companies), std::vector<CompanyId>{shown});
  EXPECT_TRUE(stranger.view.education.empty());
  EXPECT_TRUE(stranger.schools.empty());

  ResolvedView connection = MustView(Viewer::Of(Viewing(Connected())), owner_);
  EXPECT_EQ(connection.view.positions.size(), 2u);
  std::vector<CompanyId> both = {shown, hidden};
  std::sort(both.begin(), both.end());
  EXPECT_EQ(CompanyIds(connection.companies), both);
  ASSERT_EQ(connection.schools.size(), 1u);
  EXPECT_EQ(connection.schools[0].id, school);
  EXPECT_EQ(connection.schools[0].names.en, "Hidden University");
}

TEST_F(ProfileViewTest, ACircleAudienceFollowsTheCirclesMembership) {
  MemberId newcomer = NewMember();
  EXPECT_EQ(SkillNames(MustView(Viewer::Of(newcomer), owner_).view.skills),
            (std::vector<std::string>{"public", "members"}));
  auto updated = service_.UpdateCircle(owner_, circle_, "大学の友人", {circle_member_, newcomer});
  ASSERT_TRUE(updated) << updated.error().message;
  EXPECT_EQ(SkillNames(MustView(Viewer::Of(newcomer), owner_).view.skills),
            (std::vector<std::string>{"public", "members", "circle"}));
  ASSERT_TRUE(service_.UpdateCircle(owner_, circle_, "大学の友人", {newcomer}));
  EXPECT_EQ(SkillNames(MustView(Viewer::Of(circle_member_), owner_).view.skills),
            (std::vector<std::string>{"public", "members"}));
}

TEST_F(ProfileViewTest, DeletingACircleHidesItsFieldsFromItsFormerMembers) {
  Profile p = Stored(owner_);
  p.about.audience = Audience::Circle(circle_);
  p.contacts = {{EntryId(), ContactKind::kLine, "taro.line", Audience::Circle(circle_)}};
  Save(owner_, p);
  ResolvedView before = MustView(Viewer::Of(circle_member_), owner_);
  EXPECT_EQ(before.view.about, "自己紹介");
  EXPECT_EQ(before.view.contacts.size(), 1u);

  ASSERT_TRUE(service_.DeleteCircle(owner_, circle_));
  ResolvedView after = MustView(Viewer::Of(circle_member_), owner_);
  EXPECT_FALSE(after.view.about);
  EXPECT_TRUE(after.view.contacts.empty());
  EXPECT_EQ(SkillNames(after.view.skills), (std::vector<std::string>{"public", "members"}));
  // The audience now reaches nobody: not even a connection.
  EXPECT_EQ(MustView(Viewer::Of(Viewing(Rel(1, Stage::kConnected, true))), owner_)
                .view.contacts.size(),
            0u);
  // The owner keeps the entries, now shown to nobody but them, and can save as before.
  auto own = service_.GetOwn(owner_);
  ASSERT_TRUE(own);
  ASSERT_EQ(own->profile.contacts.size(), 1u);
  EXPECT_EQ(own->profile.contacts[0].audience, Audience::Of(AudienceKind::kOnlyMe));
  EXPECT_EQ(own->profile.about.audience, Audience::Of(AudienceKind::kOnlyMe));
  auto resave = service_.Update(owner_, own->profile);
  EXPECT_TRUE(resave) << resave.error().message;
}

TEST_F(ProfileViewTest, ARelationshipSourceFailureFailsClosed) {
  MemberId viewer = Viewing(Connected());
  relationships_.FailWith(ErrorCode::kUnavailable);
  auto view = service_.View(Viewer::Of(viewer), owner_);
  ASSERT_FALSE(view);
  EXPECT_EQ(view.error().code, ErrorCode::kUnavailable);
  // Signed-out visitors and the owner need no relationship.
  EXPECT_TRUE(service_.View(Viewer::SignedOut(), owner_));
  EXPECT_TRUE(service_.View(Viewer::Of(owner_), owner_));
  relationships_.Heal();
  EXPECT_TRUE(service_.View(Viewer::Of(viewer), owner_));
}

TEST_F(ProfileViewTest, AStoreFailureIsNeverAnEmptyView) {
  MemberId viewer = Viewing(Connected());
  // The profile, its settings and the viewer's circles are read together.
  for (const char* operation : {"profiles.find_profile_for_view"}) {
    store_.FailNthCall(1, ErrorCode::kUnavailable, operation);
    auto view = service_.View(Viewer::Of(viewer), owner_);
    ASSERT_FALSE(view) << operation;
    EXPECT_EQ(view.error().code, ErrorCode::kUnavailable) << operation;
    store_.Heal();
  }
}

// --- Photos.

TEST_F(ProfileViewTest, SetPhotoStoresTheProcessedImageAndReplacesTheOldOne) {
  auto first = service_.SetPhoto(owner_, testing::FakeJpeg("first"));
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_EQ(Stored(owner_).photo.value, *first);
  auto image = store_.inner().images().Find(*first);
  ASSERT_TRUE(image && *image);
  EXPECT_EQ((*image)->bytes, testing::FakeJpeg("first"));
  EXPECT_EQ((*image)->content_type, "image/jpeg");

  auto second = service_.SetPhoto(owner_, testing::FakeJpeg("second"));
  ASSERT_TRUE(second);
  EXPECT_NE(*second, *first);
  EXPECT_EQ(Stored(owner_).photo.value, *second);
  auto old = store_.inner().images().Find(*first);
  ASSERT_TRUE(old);
  EXPECT_FALSE(*old) << "the replaced photo is deleted";
  EXPECT_EQ(image_processor_.calls(), 2);
}

TEST_F(ProfileViewTest, SetPhotoRefusesWhatIsNotAnImageAndWritesNothing) {
  ASSERT_TRUE(service_.SetPhoto(owner_, testing::FakeJpeg("kept")));
  Profile before = Stored(owner_);
  for (std::string upload : {std::string(), std::string("GIF89a"), std::string("\x89PNG\r\n")}) {
    size_t calls = store_.calls().size();
    auto set = service_.SetPhoto(owner_, upload);
    ASSERT_FALSE(set);
    EXPECT_EQ(set.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(set.error().field, "image");
    EXPECT_TRUE(CallsSince(calls).empty()) << "nothing read or written";
  }
  EXPECT_EQ(Stored(owner_), before);
}

TEST_F(ProfileViewTest, SetPhotoThatCannotBeSavedLeavesTheOldPhotoAndNoOrphan) {
  auto kept = service_.SetPhoto(owner_, testing::FakeJpeg("kept"));
  ASSERT_TRUE(kept);
  store_.FailNthCall(1, ErrorCode::kUnavailable, "profiles.put_profile");
  size_t calls = store_.calls().size();
  auto set = service_.SetPhoto(owner_, testing::FakeJpeg("lost"));
  ASSERT_FALSE(set);
  EXPECT_EQ(set.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(Stored(owner_).photo.value, *kept);
  auto still = store_.inner().images().Find(*kept);
  ASSERT_TRUE(still && *still);
  // The image put for the failed attempt was deleted again.
  std::vector<std::string> made = CallsSince(calls);
  EXPECT_EQ(std::count(made.begin(), made.end(), "images.put"), 1);
  EXPECT_EQ(std::count(made.begin(), made.end(), "images.delete"), 1);
}

TEST_F(ProfileViewTest, RemovePhotoDeletesTheImage) {
  auto photo = service_.SetPhoto(owner_, testing::FakeJpeg());
  ASSERT_TRUE(photo);
  ASSERT_TRUE(service_.RemovePhoto(owner_));
  EXPECT_FALSE(Stored(owner_).photo.value);
  auto gone = store_.inner().images().Find(*photo);
  ASSERT_TRUE(gone);
  EXPECT_FALSE(*gone);
  EXPECT_TRUE(service_.RemovePhoto(owner_)) << "removing no photo is fine";
  auto unknown = service_.RemovePhoto(crypto::RandomId<MemberId>());
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);
}

TEST_F(ProfileViewTest, PhotoFollowsItsAudience) {
  auto photo = service_.SetPhoto(owner_, testing::FakeJpeg("face"));
  ASSERT_TRUE(photo);
  Profile p = Stored(owner_);
  p.photo.audience = kConnections;
  Save(owner_, p);

  auto connection = service_.Photo(Viewer::Of(Viewing(Connected())), owner_);
  ASSERT_TRUE(connection) << connection.error().message;
  EXPECT_EQ(connection->bytes, testing::FakeJpeg("face"));
  EXPECT_TRUE(service_.Photo(Viewer::Of(owner_), owner_));

  auto stranger = service_.Photo(Viewer::Of(NewMember()), owner_);
  ASSERT_FALSE(stranger);
  EXPECT_EQ(stranger.error().code, ErrorCode::kNotFound);
  auto none = service_.Photo(Viewer::Of(owner_), NewMember());  // Has no photo.
  ASSERT_FALSE(none);
  ExpectSameError(stranger.error(), none.error(), "hidden photo vs no photo");
  EXPECT_FALSE(MustView(Viewer::Of(NewMember()), owner_).view.photo);
}

// --- Profile links and lookups.

TEST_F(ProfileViewTest, TheProfileLinkShowsTheProfileAndStopsWorkingWhenRotated) {
  auto privacy = service_.GetPrivacy(owner_);
  ASSERT_TRUE(privacy);
  std::string link = privacy->settings.profile_link;
  ASSERT_GE(link.size(), 16u);
  auto again = service_.GetPrivacy(owner_);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->settings.profile_link, link) << "reading the settings keeps the link";

  auto by_link = service_.ViewByLink(Viewer::Of(NewMember()), link);
  ASSERT_TRUE(by_link) << by_link.error().message;
  EXPECT_EQ(by_link->view.member, owner_);
  // The link is a way in, not an audience: a stranger with it sees what a stranger sees.
  EXPECT_EQ(SkillNames(by_link->view.skills), (std::vector<std::string>{"public", "members"}));

  auto rotated = service_.RotateProfileLink(owner_);
  ASSERT_TRUE(rotated);
  std::string fresh = rotated->settings.profile_link;
  EXPECT_NE(fresh, link);
  auto old = service_.ViewByLink(Viewer::Of(NewMember()), link);
  ASSERT_FALSE(old);
  auto unknown = service_.View(Viewer::Of(NewMember()), crypto::RandomId<MemberId>());
  ASSERT_FALSE(unknown);
  ExpectSameError(old.error(), unknown.error(), "rotated link");
  auto garbage = service_.ViewByLink(Viewer::SignedOut(), "no-such-link");
  ASSERT_FALSE(garbage);
  ExpectSameError(garbage.error(), unknown.error(), "unknown link");
  EXPECT_TRUE(service_.ViewByLink(Viewer::SignedOut(), fresh));
  // Updating the other settings keeps the link.
  SetShield(owner_, {});
  auto kept = service_.GetPrivacy(owner_);
  ASSERT_TRUE(kept);
  EXPECT_EQ(kept->settings.profile_link, fresh);
}

TEST_F(ProfileViewTest, LookupFindsOnlyMembersWhoOptedIn) {
  MemberId by_email = NewMember("Email Member", "hanako@example.com");
  MemberId by_phone = NewMember("Phone Member", "+819012345678");
  Profile p = Stored(by_email);
  p.headline = {"見える", kMembers};
  Save(by_email, p);
  MemberId viewer = NewMember();

  auto unknown = service_.Lookup(Viewer::Of(viewer), "nobody@example.com");
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);
  // Not findable by default: the same answer as for nobody.
  for (const char* login : {"hanako@example.com", "+819012345678"}) {
    auto hidden = service_.Lookup(Viewer::Of(viewer), login);
    ASSERT_FALSE(hidden) << login;
    ExpectSameError(hidden.error(), unknown.error(), login);
  }

  SetDiscoverability(by_email, {.searchable = false, .findable_by_email = true,
                                .findable_by_phone = false});
  SetDiscoverability(by_phone, {.searchable = false, .findable_by_email = true,
                                .findable_by_phone = false});
  auto found = service_.Lookup(Viewer::Of(viewer), " Hanako@Example.COM ");
  ASSERT_TRUE(found) << found.error().message;
  EXPECT_EQ(found->view.member, by_email);
  EXPECT_EQ(found->view.headline, "見える");
  // findable_by_email does not make a phone login findable.
  auto phone = service_.Lookup(Viewer::Of(viewer), "+81 90-1234-5678");
  ASSERT_FALSE(phone);
  ExpectSameError(phone.error(), unknown.error(), "phone login, email opt-in");

  SetDiscoverability(by_phone, {.searchable = false, .findable_by_email = false,
                                .findable_by_phone = true});
  auto by_number = service_.Lookup(Viewer::Of(viewer), "＋８１ ９０－１２３４－５６７８");
  ASSERT_TRUE(by_number) << by_number.error().message;
  EXPECT_EQ(by_number->view.member, by_phone);

  auto garbage = service_.Lookup(Viewer::Of(viewer), "not a login");
  ASSERT_FALSE(garbage);
  ExpectSameError(garbage.error(), unknown.error(), "not a login");

  // Found still means seen through the engine: a profile that shows the viewer nothing is not
  // found at all.
  Profile hidden = Stored(by_email);
  hidden.display_name.audience = kOnlyMe;
  hidden.headline.audience = kOnlyMe;
  Save(by_email, hidden);
  auto invisible = service_.Lookup(Viewer::Of(viewer), "hanako@example.com");
  ASSERT_FALSE(invisible);
  ExpectSameError(invisible.error(), unknown.error(), "opted in but shows nothing");
}

// --- No N+1: the repository calls of a view do not grow with the profile.

class ProfileViewQueryCountTest : public ProfileServiceTest {
 protected:
  // A member with `n` entries in every list, each position at its own company and each school
  // its own, all visible to members and connections. Written straight to the store: the read
  // path is under test, not the list limits.
  MemberId MemberWithEntries(int n) {
    MemberId member = NewMember();
    Profile p = Stored(member);
    p.headline = {"見出し", kMembers};
    p.career = {{JobSeeking::kOpen, {}, {}, std::nullopt, std::nullopt, ""}, kConnections};
    for (int i = 0; i < n; ++i) {
      auto id = [](int) { return crypto::RandomId<EntryId>(); };
      Position position = CurrentAt(NewCompany("Company " + std::to_string(i)), kNetwork2);
      position.id = id(1);
      p.positions.push_back(position);
      Education education = StudiedAt(NewSchool("School " + std::to_string(i)), kNetwork2);
      education.id = id(2);
      p.education.push_back(education);
      p.languages.push_back({id(3), "ja", Proficiency::kNative, kNetwork2});
      p.skills.push_back({id(4), "skill " + std::to_string(i), kNetwork2});
      p.links.push_back({id(5), LinkKind::kLink, "t", "https://example.com", "", kNetwork2});
      p.contacts.push_back({id(6), ContactKind::kLine, "line" + std::to_string(i), kConnections});
    }
    EXPECT_TRUE(store_.inner().profiles().PutProfile(p));
    return member;
  }

  // The repository calls and relationship lookups of one view.
  std::pair<std::vector<std::string>, int> CallsOfView(const Viewer& viewer, MemberId member,
                                                       size_t expected_positions) {
    size_t calls = store_.calls().size();
    int relationship_calls = relationships_.calls();
    auto view = service_.View(viewer, member);
    EXPECT_TRUE(view) << view.error().message;
    if (view) {
      EXPECT_EQ(view->view.positions.size(), expected_positions);
    }
    return {CallsSince(calls), relationships_.calls() - relationship_calls};
  }
};

TEST_F(ProfileViewQueryCountTest, AViewTakesAsManyRepositoryCallsForFortyEntriesAsForOne) {
  MemberId small = MemberWithEntries(1);
  MemberId large = MemberWithEntries(40);
  CompanyId employer = NewCompany("Employer");

  struct ViewerCase {
    std::string name;
    std::function<Viewer(MemberId)> make;
    bool sees_entries;
  };
  const ViewerCase cases[] = {
      {"signed out", [](MemberId) { return Viewer::SignedOut(); }, false},
      {"distance 2",
       [&](MemberId member) {
         MemberId viewer = NewMember();
         relationships_.Set(member, viewer, SecondDegree());
         return Viewer::Of(viewer);
       },
       true},
      // A connection can see the career, so the shield is consulted too.
      {"connection at some company",
       [&](MemberId member) {
         MemberId viewer = NewMember();
         Profile p = Stored(viewer);
         p.positions = {CurrentAt(employer)};
         Save(viewer, p);
         relationships_.Set(member, viewer, Connected());
         return Viewer::Of(viewer);
       },
       true},
      {"owner", [](MemberId member) { return Viewer::Of(member); }, true},
  };
  for (const ViewerCase& c : cases) {
    if (c.name == "signed out") {
      // Nothing is public: both are "not found", after the same calls.
      size_t calls = store_.calls().size();
      EXPECT_FALSE(service_.View(c.make(small), small));
      auto small_calls = CallsSince(calls);
      calls = store_.calls().size();
      EXPECT_FALSE(service_.View(c.make(large), large));
      EXPECT_EQ(CallsSince(calls), small_calls) << c.name;
      continue;
    }
    Viewer small_viewer = c.make(small);
    Viewer large_viewer = c.make(large);
    auto [small_calls, small_relationships] = CallsOfView(small_viewer, small, 1);
    auto [large_calls, large_relationships] = CallsOfView(large_viewer, large, 40);
    EXPECT_EQ(large_calls, small_calls) << c.name;
    EXPECT_EQ(large_relationships, small_relationships) << c.name;
    EXPECT_LE(large_relationships, 1) << c.name;
    EXPECT_LE(large_calls.size(), 8u) << c.name;
  }
}

TEST_F(ProfileViewQueryCountTest, TheShieldCostsTwoCallsAndOnlyWhenItMatters) {
  MemberId member = MemberWithEntries(3);
  MemberId second = NewMember();
  relationships_.Set(member, second, SecondDegree());
  MemberId connection = NewMember();
  relationships_.Set(member, connection, Connected());

  // A 2nd-degree viewer cannot see the career (connections only): no shield lookup.
  std::vector<std::string> plain = CallsOfView(Viewer::Of(second), member, 3).first;
  EXPECT_EQ(std::count(plain.begin(), plain.end(), "organizations.expand_company_group"), 0);
  EXPECT_EQ(std::count(plain.begin(), plain.end(), "profiles.affiliated_companies"), 0);
  // A connection can: the shield is looked up once.
  std::vector<std::string> shielded = CallsOfView(Viewer::Of(connection), member, 3).first;
  EXPECT_EQ(std::count(shielded.begin(), shielded.end(), "organizations.expand_company_group"), 1);
  EXPECT_EQ(std::count(shielded.begin(), shielded.end(), "profiles.affiliated_companies"), 1);
  EXPECT_EQ(shielded.size(), plain.size() + 2);
}

// The service keeps viewed profiles in memory; a write through anything else that shares the
// store (another server, an `enishi` command) shows in the very next view.
TEST_F(ProfileViewTest, AViewFromMemoryFollowsWritesMadeElsewhere) {
  const Viewer viewer = Viewer::Of(Viewing(SecondDegree()));
  CompanyId employer = NewCompany("Employer");
  Profile p = Stored(owner_);
  p.positions = {CurrentAt(employer, kMembers)};
  Save(owner_, p);
  EXPECT_EQ(MustView(viewer, owner_).view.headline, "営業部長");
  ASSERT_EQ(MustView(viewer, owner_).companies.size(), 1u);

  profiles::ProfileRepository& elsewhere = store_.inner().profiles();
  p = Stored(owner_);
  p.headline.audience = kOnlyMe;
  ASSERT_TRUE(elsewhere.PutProfile(p));
  EXPECT_EQ(MustView(viewer, owner_).view.headline, std::nullopt);

  ASSERT_TRUE(store_.inner().accounts().UpdateAccountSettings(owner_, "山田 次郎", "ja"));
  EXPECT_EQ(MustView(viewer, owner_).view.display_name, "山田 次郎");

  ASSERT_TRUE(store_.inner().organizations().AddCompanyDomain(employer, "employer.example"));
  EXPECT_EQ(MustView(viewer, owner_).companies.at(0).domains,
            std::vector<std::string>{"employer.example"});

  PrivacySettings settings;
  settings.shield.hide_profile = true;
  settings.shield.companies = {employer};
  ASSERT_TRUE(elsewhere.PutSettings(owner_, settings));
  // Now working there, the viewer sees nothing, the same as for no such member.
  Profile at_employer = Stored(viewer.member.value());
  at_employer.positions = {CurrentAt(employer)};
  ASSERT_TRUE(elsewhere.PutProfile(at_employer));
  EXPECT_EQ(service_.View(viewer, owner_).error().code, ErrorCode::kNotFound);

  ASSERT_TRUE(store_.inner().accounts().DeleteAccount(owner_));
  EXPECT_EQ(service_.View(Viewer::SignedOut(), owner_).error().code, ErrorCode::kNotFound);
}

}  // namespace
}  // namespace enishi::profiles
