// ProfileService: Update (entry ids, organisations, validation, nothing written on any error),
// GetOwn, and circles.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "profile_service_fixture.hpp"

namespace enishi::profiles {
namespace {

class ProfileUpdateTest : public ProfileServiceTest {
 protected:
  void SetUp() override {
    ProfileServiceTest::SetUp();
    owner_ = NewMember("王 小明");
    company_ = NewCompany("Acme");
    other_company_ = NewCompany("Globex");
    school_ = NewSchool("Fudan");
  }

  // A draft with one new entry in every list.
  Profile FullDraft() {
    Profile p = Stored(owner_);
    p.display_name = {"\u3000王 小明 ", kMembers};
    p.name = {{"王", "小明", "wáng", "xiǎomíng", "Wang", "Xiaoming", NameOrder::kFamilyFirst},
              kMembers};
    p.headline = {"高级工程师", kMembers};
    p.about = {"我在上海工作。\n喜欢围棋。", kConnections};
    p.location = {"上海", kNetwork2};
    p.career = {{JobSeeking::kOpen, {"架构师"}, {"上海"}, 800000, 1200000, "CNY"}, kConnections};
    p.positions = {CurrentAt(company_), EndedAt(other_company_, {2019, 12})};
    p.education = {StudiedAt(school_)};
    p.languages = {{EntryId(), "zh-Hans", Proficiency::kNative, kPublic}};
    p.skills = {{EntryId(), "分布式系统", kPublic}};
    p.links = {{EntryId(), LinkKind::kProject, "网关", "https://example.com/gateway", "", kMembers}};
    p.contacts = {{EntryId(), ContactKind::kWeChat, "wang_xm", kConnections}};
    return p;
  }

  // Expects `draft` refused with kInvalidArgument naming `field`, and nothing written.
  void ExpectRefused(Profile draft, const std::string& field, const std::string& what) {
    Profile before = Stored(owner_);
    size_t outbox = Outbox().size();
    auto updated = service_.Update(owner_, std::move(draft));
    ASSERT_FALSE(updated) << what;
    EXPECT_EQ(updated.error().code, ErrorCode::kInvalidArgument) << what;
    EXPECT_EQ(updated.error().field, field) << what << ": " << updated.error().message;
    EXPECT_EQ(Stored(owner_), before) << what << ": nothing written";
    EXPECT_EQ(Outbox().size(), outbox) << what;
  }

  MemberId owner_;
  CompanyId company_;
  CompanyId other_company_;
  SchoolId school_;
};

TEST_F(ProfileUpdateTest, SavesTheWholeProfileNormalisedWithIdsAndOrganisations) {
  clock_.Advance(std::chrono::hours(5));
  auto updated = service_.Update(owner_, FullDraft());
  ASSERT_TRUE(updated) << updated.error().field << ": " << updated.error().message;
  const Profile& saved = updated->profile;
  EXPECT_EQ(saved.member, owner_);
  EXPECT_EQ(saved.display_name.value, "王 小明");  // Trimmed.
  EXPECT_EQ(saved.updated_at, clock_.Now());
  for (const Position& position : saved.positions) EXPECT_TRUE(position.id.valid());
  EXPECT_TRUE(saved.education[0].id.valid());
  EXPECT_TRUE(saved.languages[0].id.valid());
  EXPECT_TRUE(saved.skills[0].id.valid());
  EXPECT_TRUE(saved.links[0].id.valid());
  EXPECT_TRUE(saved.contacts[0].id.valid());
  EXPECT_NE(saved.positions[0].id, saved.positions[1].id);
  std::vector<CompanyId> companies = {company_, other_company_};
  std::sort(companies.begin(), companies.end());
  EXPECT_EQ(CompanyIds(updated->companies), companies);
  ASSERT_EQ(updated->schools.size(), 1u);
  EXPECT_EQ(updated->schools[0].id, school_);

  // What the store holds is what Update returned, and GetOwn returns it too.
  EXPECT_EQ(Stored(owner_), saved);
  auto own = service_.GetOwn(owner_);
  ASSERT_TRUE(own);
  EXPECT_EQ(own->profile, saved);
  EXPECT_EQ(CompanyIds(own->companies), companies);
  EXPECT_EQ(own->schools.size(), 1u);
  // Profile edits are never announced to anyone.
  EXPECT_TRUE(Outbox().empty());
}

TEST_F(ProfileUpdateTest, KeepsTheIdsOfExistingEntriesAndGivesNewOnesFreshIds) {
  Profile saved = Save(owner_, FullDraft());
  EntryId first = saved.positions[0].id;
  EntryId second = saved.positions[1].id;
  EntryId skill = saved.skills[0].id;

  Profile next = saved;
  std::swap(next.positions[0], next.positions[1]);
  next.positions[0].title = "改名";
  next.positions.push_back(CurrentAt(company_, kPublic, "兼任"));
  next.skills.push_back({EntryId(), "Go", kPublic});
  Profile again = Save(owner_, next);
  ASSERT_EQ(again.positions.size(), 3u);
  EXPECT_EQ(again.positions[0].id, second);
  EXPECT_EQ(again.positions[0].title, "改名");
  EXPECT_EQ(again.positions[1].id, first);
  EXPECT_TRUE(again.positions[2].id.valid());
  EXPECT_NE(again.positions[2].id, first);
  EXPECT_NE(again.positions[2].id, second);
  EXPECT_EQ(again.skills[0].id, skill);
  EXPECT_TRUE(again.skills[1].id.valid());
  EXPECT_EQ(Stored(owner_), again);

  // Dropping an entry deletes it; its id cannot be brought back.
  Profile fewer = again;
  fewer.positions.erase(fewer.positions.begin());
  Save(owner_, fewer);
  Profile resurrect = Stored(owner_);
  resurrect.positions.push_back(again.positions[0]);
  ExpectRefused(resurrect, "positions[2].id", "a deleted entry's id");
}

TEST_F(ProfileUpdateTest, RefusesUnknownAndForeignEntryIds) {
  Profile saved = Save(owner_, FullDraft());
  MemberId other = NewMember();
  Profile theirs = Stored(other);
  theirs.skills = {{EntryId(), "foreign", kPublic}};
  theirs.contacts = {{EntryId(), ContactKind::kLine, "their.line", kPublic}};
  theirs = Save(other, theirs);

  Profile draft = saved;
  draft.positions[1].id = crypto::RandomId<EntryId>();
  ExpectRefused(draft, "positions[1].id", "an unknown position id");

  draft = saved;
  draft.skills.push_back(theirs.skills[0]);
  ExpectRefused(draft, "skills[1].id", "another member's skill id");

  draft = saved;
  draft.contacts[0].id = theirs.contacts[0].id;
  ExpectRefused(draft, "contacts[0].id", "another member's contact id");

  // An id of one list is not an id of another.
  draft = saved;
  draft.links[0].id = saved.skills[0].id;
  ExpectRefused(draft, "links[0].id", "a skill id on a link");

  draft = saved;
  draft.positions[1].id = draft.positions[0].id;
  ExpectRefused(draft, "positions[1].id", "the same id twice");

  // The other member's profile is untouched.
  EXPECT_EQ(Stored(other), theirs);
}

TEST_F(ProfileUpdateTest, RefusesUnknownCompaniesAndSchoolsNamingTheField) {
  Profile draft = FullDraft();
  draft.positions[1].company = crypto::RandomId<CompanyId>();
  ExpectRefused(draft, "positions[1].company_id", "an unknown company");

  draft = FullDraft();
  draft.positions[0].company = CompanyId();
  ExpectRefused(draft, "positions[0].company_id", "no company");

  draft = FullDraft();
  draft.education.push_back(StudiedAt(crypto::RandomId<SchoolId>()));
  ExpectRefused(draft, "education[1].school_id", "an unknown school");

  // A company id is not a school id, even with the same number.
  draft = FullDraft();
  draft.education[0].school = SchoolId(company_.value());
  ExpectRefused(draft, "education[0].school_id", "a company id as a school");
}

TEST_F(ProfileUpdateTest, WritesNothingOnAValidationError) {
  Save(owner_, FullDraft());
  Profile draft = Stored(owner_);
  draft.headline.value = "新しい見出し";  // Valid, but the draft fails elsewhere.
  draft.positions[0].end = YearMonth{2019, 1};  // Before its start.
  ExpectRefused(draft, "positions[0].end", "end before start");

  draft = Stored(owner_);
  draft.positions[0].start = {2026, 2};
  ExpectRefused(draft, "positions[0].start", "a start next month");

  draft = Stored(owner_);
  draft.links[0].url = "javascript:alert(1)";
  ExpectRefused(draft, "links[0].url", "a javascript: URL");

  draft = Stored(owner_);
  draft.about.audience = Audience::Circle(crypto::RandomId<CircleId>());
  ExpectRefused(draft, "about.audience", "an unknown circle");

  draft = Stored(owner_);
  draft.headline.value = std::string(201, 'x');
  ExpectRefused(draft, "headline.value", "an over-long headline");
}

TEST_F(ProfileUpdateTest, WritesNothingWhenTheStoreFails) {
  Profile before = Save(owner_, FullDraft());
  Profile draft = before;
  draft.headline.value = "変更";
  for (const char* operation :
       {"profiles.find_profile", "profiles.list_circles", "organizations.find_companies",
        "organizations.find_schools", "profiles.put_profile"}) {
    store_.FailNthCall(1, ErrorCode::kUnavailable, operation);
    auto updated = service_.Update(owner_, draft);
    ASSERT_FALSE(updated) << operation;
    EXPECT_EQ(updated.error().code, ErrorCode::kUnavailable) << operation;
    store_.Heal();
    EXPECT_EQ(Stored(owner_), before) << operation;
  }
}

TEST_F(ProfileUpdateTest, TheClientCannotSetTheMemberThePhotoOrTheUpdateTime) {
  auto photo = service_.SetPhoto(owner_, testing::FakeJpeg());
  ASSERT_TRUE(photo);
  MemberId victim = NewMember("被害者");
  Profile victim_before = Stored(victim);

  Profile draft = FullDraft();
  draft.member = victim;
  draft.photo.value = crypto::RandomId<ImageId>();
  draft.updated_at = Timestamp{};
  Profile saved = Save(owner_, draft);
  EXPECT_EQ(saved.member, owner_);
  EXPECT_EQ(saved.photo.value, *photo);
  EXPECT_EQ(saved.updated_at, clock_.Now());
  EXPECT_EQ(Stored(victim), victim_before);
  EXPECT_EQ(Stored(owner_).photo.value, *photo);

  // Removing the photo from the draft does not remove it either; only RemovePhoto does.
  draft = Stored(owner_);
  draft.photo.value.reset();
  EXPECT_EQ(Save(owner_, draft).photo.value, *photo);
}

TEST_F(ProfileUpdateTest, UnknownMembersAreNotFound) {
  MemberId unknown = crypto::RandomId<MemberId>();
  auto updated = service_.Update(unknown, FullDraft());
  ASSERT_FALSE(updated);
  EXPECT_EQ(updated.error().code, ErrorCode::kNotFound);
  auto own = service_.GetOwn(unknown);
  ASSERT_FALSE(own);
  EXPECT_EQ(own.error().code, ErrorCode::kNotFound);
}

TEST_F(ProfileUpdateTest, GetOwnOfANewMemberIsTheDefaultProfile) {
  auto own = service_.GetOwn(owner_);
  ASSERT_TRUE(own);
  Profile expected = DefaultProfile(owner_, "王 小明");
  EXPECT_EQ(own->profile.member, owner_);
  EXPECT_EQ(own->profile.display_name, expected.display_name);
  EXPECT_EQ(own->profile.headline, expected.headline);
  EXPECT_EQ(own->profile.career, expected.career);
  EXPECT_EQ(own->profile.about, expected.about);
  EXPECT_TRUE(own->profile.positions.empty());
  EXPECT_TRUE(own->companies.empty());
}

// --- Circles.

TEST_F(ProfileUpdateTest, CirclesAreCreatedUpdatedListedAndDeleted) {
  MemberId a = NewMember();
  MemberId b = NewMember();
  auto created = service_.CreateCircle(owner_, "\u3000大学の友人 ", {b, a, b});
  ASSERT_TRUE(created) << created.error().message;
  EXPECT_TRUE(created->id.valid());
  EXPECT_EQ(created->name, "大学の友人");
  std::vector<MemberId> both = {a, b};
  std::sort(both.begin(), both.end());
  EXPECT_EQ(created->members, both) << "members are unique";

  auto second = service_.CreateCircle(owner_, "元同僚", {});
  ASSERT_TRUE(second);
  EXPECT_NE(second->id, created->id);

  auto listed = service_.ListCircles(owner_);
  ASSERT_TRUE(listed);
  ASSERT_EQ(listed->size(), 2u);
  EXPECT_EQ((*listed)[0].id, created->id) << "oldest first";
  EXPECT_EQ((*listed)[0].name, "大学の友人");
  std::vector<MemberId> members = (*listed)[0].members;
  std::sort(members.begin(), members.end());
  EXPECT_EQ(members, both);

  auto renamed = service_.UpdateCircle(owner_, created->id, "親友", {a});
  ASSERT_TRUE(renamed) << renamed.error().message;
  listed = service_.ListCircles(owner_);
  ASSERT_TRUE(listed);
  ASSERT_EQ(listed->size(), 2u);
  EXPECT_EQ((*listed)[0].name, "親友");
  EXPECT_EQ((*listed)[0].members, std::vector<MemberId>{a});

  ASSERT_TRUE(service_.DeleteCircle(owner_, created->id));
  listed = service_.ListCircles(owner_);
  ASSERT_TRUE(listed);
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ((*listed)[0].id, second->id);
  auto again = service_.DeleteCircle(owner_, created->id);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kNotFound);
}

TEST_F(ProfileUpdateTest, CirclesRefuseBadNamesAndUnknownMembers) {
  for (std::string name : {std::string(""), std::string("\u3000"), std::string(61, 'x'),
                           std::string("友\n人")}) {
    auto created = service_.CreateCircle(owner_, name, {});
    ASSERT_FALSE(created) << name;
    EXPECT_EQ(created.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(created.error().field, "name");
  }
  auto unknown = service_.CreateCircle(owner_, "友人", {NewMember(), crypto::RandomId<MemberId>()});
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(unknown.error().field, "members");
  std::vector<MemberId> too_many(1001);
  for (MemberId& id : too_many) id = crypto::RandomId<MemberId>();
  auto crowded = service_.CreateCircle(owner_, "多すぎ", too_many);
  ASSERT_FALSE(crowded);
  EXPECT_EQ(crowded.error().field, "members");
  auto listed = service_.ListCircles(owner_);
  ASSERT_TRUE(listed);
  EXPECT_TRUE(listed->empty()) << "nothing written";
}

TEST_F(ProfileUpdateTest, AnotherMembersCircleIsNotFoundAndUntouched) {
  MemberId other = NewMember();
  MemberId friend_of_other = NewMember();
  auto theirs = service_.CreateCircle(other, "their circle", {friend_of_other});
  ASSERT_TRUE(theirs);

  auto update = service_.UpdateCircle(owner_, theirs->id, "hijacked", {});
  ASSERT_FALSE(update);
  EXPECT_EQ(update.error().code, ErrorCode::kNotFound);
  auto remove = service_.DeleteCircle(owner_, theirs->id);
  ASSERT_FALSE(remove);
  EXPECT_EQ(remove.error().code, ErrorCode::kNotFound);
  auto unknown = service_.DeleteCircle(owner_, crypto::RandomId<CircleId>());
  ASSERT_FALSE(unknown);
  ExpectSameError(remove.error(), unknown.error(), "another's circle vs none");

  auto listed = service_.ListCircles(other);
  ASSERT_TRUE(listed);
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ((*listed)[0], *theirs);
  // Nor can the owner use it as an audience.
  Profile draft = Stored(owner_);
  draft.headline = {"x", Audience::Circle(theirs->id)};
  ExpectRefused(draft, "headline.audience", "another member's circle as audience");
}

TEST_F(ProfileUpdateTest, UpdatingACircleThatDoesNotExistIsNotFoundAndCreatesNothing) {
  // ProfileService::UpdateCircle promises kNotFound when the owner has no such circle; it must
  // not create one with an id the client chose.
  CircleId chosen = crypto::RandomId<CircleId>();
  auto update = service_.UpdateCircle(owner_, chosen, "勝手に", {});
  ASSERT_FALSE(update);
  EXPECT_EQ(update.error().code, ErrorCode::kNotFound);
  auto listed = service_.ListCircles(owner_);
  ASSERT_TRUE(listed);
  EXPECT_TRUE(listed->empty());
}

}  // namespace
}  // namespace enishi::profiles
