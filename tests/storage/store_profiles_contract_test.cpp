// The storage contract of profiles, privacy settings, circles, work emails, companies and
// schools, personas and images: the same typed suite as store_contract_test.cpp, on every
// backend, each test from an empty, migrated database.

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "domain/profiles/profile_defaults.hpp"
#include "storage/sql/migrator.hpp"
#include "storage/sql/sql_store.hpp"
#include "storage/store_contract_fixture.hpp"

namespace enishi::storage {
namespace {

using namespace contract;  // NOLINT: the suite's vocabulary.
using media::Image;
using organizations::Company;
using organizations::School;
using personas::Persona;
using privacy::Audience;
using privacy::AudienceKind;
using profiles::Circle;
using profiles::Contact;
using profiles::ContactKind;
using profiles::Education;
using profiles::JobFunction;
using profiles::JobSeeking;
using profiles::Language;
using profiles::Link;
using profiles::LinkKind;
using profiles::NameOrder;
using profiles::PendingEmailVerification;
using profiles::Position;
using profiles::PrivacySettings;
using profiles::Proficiency;
using profiles::Profile;
using profiles::Seniority;
using profiles::Skill;
using profiles::VerifiedEmail;
using profiles::YearMonth;

const Audience kPublic = Audience::Of(AudienceKind::kPublic);
const Audience kConnections = Audience::Of(AudienceKind::kConnections);
const Audience kOnlyMe = Audience::Of(AudienceKind::kOnlyMe);

Company MakeCompany(uint64_t id, std::string ja, std::string zh, std::string en,
                    std::string reading = "") {
  Company company;
  company.id = CompanyId(id);
  company.names = {std::move(ja), std::move(zh), std::move(en), std::move(reading)};
  company.created_at = kT0;
  return company;
}

School MakeSchool(uint64_t id, std::string ja, std::string en, std::string country = "JP") {
  School school;
  school.id = SchoolId(id);
  school.names = {std::move(ja), "", std::move(en), ""};
  school.country = std::move(country);
  school.created_at = kT0;
  return school;
}

Image MakeImage(uint64_t id, std::string bytes = std::string("\xff\xd8\xff\x00jpeg", 8)) {
  return {ImageId(id), "image/jpeg", std::move(bytes), kT0};
}

// A profile with every field set and several entries in each list, in Japanese and Chinese.
// Its positions are at `company` (current) and `other` (ended), its education at `school`.
Profile MakeFullProfile(MemberId member, CompanyId company, CompanyId other, SchoolId school,
                        std::optional<ImageId> photo) {
  Profile p;
  p.member = member;
  p.display_name = {"田中 愛子", kPublic};
  p.name = {{"田中", "愛子", "たなか", "あいこ", "Tanaka", "Aiko", NameOrder::kFamilyFirst},
            kConnections};
  p.headline = {"ソフトウェアエンジニア · 软件工程师", Audience::Of(AudienceKind::kMembers)};
  p.about = {"東京で分散システムを作っています。\n我在东京工作。", Audience::Circle(CircleId(77))};
  p.location = {"東京都", Audience::Of(AudienceKind::kNetwork2)};
  p.photo = {photo, Audience::Of(AudienceKind::kGreeted)};
  p.career = {{JobSeeking::kOpen,
               {"バックエンド", "SRE"},
               {"東京", "上海", "Remote"},
               8000000,
               12000000,
               "JPY"},
              kOnlyMe};
  p.positions = {
      {EntryId(11),
       company,
       "シニアエンジニア",
       JobFunction::kEngineering,
       Seniority::kSenior,
       {2022, 4},
       std::nullopt,
       "決済基盤の設計",
       kConnections},
      {EntryId(12),
       other,
       "研究员",
       JobFunction::kResearch,
       Seniority::kEntry,
       {2018, 1},
       YearMonth{2022, 3},
       "",
       Audience::Of(AudienceKind::kTrusted)},
      {EntryId(13),
       other,
       "Intern",
       JobFunction::kHumanResources,
       Seniority::kIntern,
       {2017, 7},
       YearMonth{2017, 12},
       "summer",
       kOnlyMe},
  };
  p.education = {
      {EntryId(21), school, "修士", "情報科学", "JP", {2016, 4}, YearMonth{2018, 3}, kPublic},
      {EntryId(22),
       school,
       "学士",
       "计算机",
       "CN",
       {2012, 9},
       YearMonth{2016, 6},
       Audience::Of(AudienceKind::kConversing)},
  };
  p.languages = {
      {EntryId(31), "ja", Proficiency::kNative, kPublic},
      {EntryId(32), "zh-Hans", Proficiency::kProfessional, kConnections},
      {EntryId(33), "en", Proficiency::kElementary, kOnlyMe},
  };
  p.skills = {{EntryId(41), "C++", kPublic},
              {EntryId(42), "分散システム", kConnections},
              {EntryId(43), "PostgreSQL", kPublic}};
  p.links = {
      {EntryId(51), LinkKind::kProject, "縁", "https://example.com/enishi", "説明", kPublic},
      {EntryId(52), LinkKind::kLink, "Blog", "https://example.com/blog", "", kConnections},
  };
  p.contacts = {
      {EntryId(61), ContactKind::kEmail, "aiko@example.com", kOnlyMe},
      {EntryId(62), ContactKind::kWeChat, "aiko_wx", kConnections},
      {EntryId(63), ContactKind::kLine, "aiko.line", kConnections},
      {EntryId(64), ContactKind::kPhone, "+819012345678", kOnlyMe},
  };
  p.updated_at = kT0 + hours(3);
  return p;
}

std::vector<CompanyId> IdsOf(const std::vector<Company>& companies) {
  std::vector<CompanyId> ids;
  for (const Company& c : companies) ids.push_back(c.id);
  return ids;
}

std::vector<Company> SortedById(std::vector<Company> companies) {
  std::sort(companies.begin(), companies.end(),
            [](const Company& a, const Company& b) { return a.id < b.id; });
  return companies;
}

Persona MakePersona(uint64_t id, MemberId owner, std::string handle, Timestamp created = kT0) {
  return {PersonaId(id), owner, std::move(handle), "趣味: 写真", std::nullopt, created};
}

// Counts the statements run through it, so tests can see how many queries an operation takes.
class CountingDatabase final : public sql::SqlDatabase {
 public:
  explicit CountingDatabase(std::unique_ptr<sql::SqlDatabase> inner) : inner_(std::move(inner)) {}

  sql::Dialect dialect() const override { return inner_->dialect(); }
  std::string_view backend() const override { return inner_->backend(); }
  Result<void> Read(const sql::SqlUnit& unit) override {
    return inner_->Read([&](sql::SqlConnection& c) {
      Counting counting(c, statements_);
      return unit(counting);
    });
  }
  Result<void> Write(const sql::SqlUnit& unit) override {
    return inner_->Write([&](sql::SqlConnection& c) {
      Counting counting(c, statements_);
      return unit(counting);
    });
  }
  Result<std::unique_ptr<cluster::ChangeListener>> Listen(
      std::string_view channel, cluster::ChangeListener::Handlers handlers) override {
    return inner_->Listen(channel, std::move(handlers));
  }
  void Close() override { inner_->Close(); }

  int64_t statements() const { return statements_.load(); }

 private:
  class Counting final : public sql::SqlConnection {
   public:
    Counting(sql::SqlConnection& inner, std::atomic<int64_t>& count)
        : inner_(inner), count_(count) {}
    Result<int64_t> Execute(std::string_view sql, sql::SqlParams params) override {
      ++count_;
      return inner_.Execute(sql, params);
    }
    Result<void> Query(std::string_view sql, sql::SqlParams params,
                       const sql::RowCallback& on_row) override {
      ++count_;
      return inner_.Query(sql, params, on_row);
    }
    Result<void> ExecuteScript(std::string_view sql) override {
      ++count_;
      return inner_.ExecuteScript(sql);
    }
    Result<void> Notify(std::string_view channel, std::string_view message) override {
      ++count_;
      return inner_.Notify(channel, message);
    }

   private:
    sql::SqlConnection& inner_;
    std::atomic<int64_t>& count_;
  };

  std::unique_ptr<sql::SqlDatabase> inner_;
  std::atomic<int64_t> statements_{0};
};

template <class Backend>
class ProfileStoreContract : public StoreContract<Backend> {
 protected:
  // Two companies and a school that profiles can name.
  void AddOrganizations() {
    EXPECT_OK(this->organizations().CreateCompany(MakeCompany(501, "ソニー", "索尼", "Sony")));
    EXPECT_OK(this->organizations().CreateCompany(MakeCompany(502, "", "华为", "Huawei")));
    EXPECT_OK(this->organizations().CreateSchool(MakeSchool(601, "東京大学", "UTokyo")));
  }

  Profile PutFullProfile(MemberId member, std::optional<ImageId> photo = std::nullopt) {
    Profile profile = MakeFullProfile(member, CompanyId(501), CompanyId(502), SchoolId(601), photo);
    EXPECT_OK(this->profiles().PutProfile(profile));
    return profile;
  }
};

TYPED_TEST_SUITE(ProfileStoreContract, Backends, BackendNames);

// --- Profiles.

TYPED_TEST(ProfileStoreContract, AnAccountWithoutAProfileHasTheDefaultOne) {
  Account a = this->SignUp(1001, "a@example.com");
  EXPECT_EQ(Value(this->profiles().FindProfile(a.id)), profiles::DefaultProfile(a.id, "Aiko"));
  EXPECT_EQ(Value(this->profiles().FindProfile(MemberId(4242))), std::nullopt);
}

TYPED_TEST(ProfileStoreContract, AFullProfileRoundTrips) {
  Account a = this->SignUp(1001, "a@example.com");
  this->AddOrganizations();
  EXPECT_OK(this->images().Put(MakeImage(701)));
  Profile profile = this->PutFullProfile(a.id, ImageId(701));
  EXPECT_EQ(Value(this->profiles().FindProfile(a.id)), profile);
  // The display name is the account's.
  EXPECT_EQ(Value(this->accounts().FindAccount(a.id))->display_name, "田中 愛子");
}

TYPED_TEST(ProfileStoreContract, EmptyValuesAndExtremeMonthsRoundTrip) {
  Account a = this->SignUp(1001, "a@example.com");
  this->AddOrganizations();
  Profile profile = profiles::DefaultProfile(a.id, "");
  profile.name.value.order = NameOrder::kGivenFirst;
  profile.career.value.salary_min = 0;  // Zero is not "none".
  profile.positions = {{EntryId(1),
                        CompanyId(501),
                        "",
                        JobFunction::kOther,
                        Seniority::kExecutive,
                        {1, 1},
                        YearMonth{9999, 12},
                        "",
                        kPublic},
                       {EntryId(2),
                        CompanyId(501),
                        "",
                        JobFunction::kOther,
                        Seniority::kMid,
                        {},
                        std::nullopt,
                        "",
                        kPublic}};  // The default month, {0, 0}.
  EXPECT_OK(this->profiles().PutProfile(profile));
  EXPECT_EQ(Value(this->profiles().FindProfile(a.id)), profile);
}

TYPED_TEST(ProfileStoreContract, PutProfileReplacesEveryList) {
  Account a = this->SignUp(1001, "a@example.com");
  this->AddOrganizations();
  Profile first = this->PutFullProfile(a.id);

  Profile second = first;
  second.display_name.value = "Aiko T.";
  second.headline.value = "";
  second.career.value.roles = {"マネージャー"};
  second.career.value.locations.clear();
  second.career.value.salary_min.reset();
  second.career.value.salary_max.reset();
  std::swap(second.positions[0], second.positions[2]);  // Reordered, ids kept.
  second.positions[1].end = YearMonth{2023, 9};
  second.education.clear();
  second.languages.resize(1);
  second.skills.push_back({EntryId(44), "Rust", kOnlyMe});
  second.links.clear();
  second.contacts.erase(second.contacts.begin());
  second.updated_at = kT0 + days(1);
  EXPECT_OK(this->profiles().PutProfile(second));
  EXPECT_EQ(Value(this->profiles().FindProfile(a.id)), second);
  EXPECT_EQ(Value(this->accounts().FindAccount(a.id))->display_name, "Aiko T.");
}

TYPED_TEST(ProfileStoreContract, ProfilesOfMembersAreKeptApart) {
  Account a = this->SignUp(1001, "a@example.com");
  Account b = this->SignUp(1003, "b@example.com");
  this->AddOrganizations();
  Profile pa = this->PutFullProfile(a.id);
  Profile pb = this->PutFullProfile(b.id);  // The same entry ids as a's.
  pb.skills = {{EntryId(41), "Go", kPublic}};
  EXPECT_OK(this->profiles().PutProfile(pb));
  EXPECT_EQ(Value(this->profiles().FindProfile(a.id)), pa);
  EXPECT_EQ(Value(this->profiles().FindProfile(b.id)), pb);
}

TYPED_TEST(ProfileStoreContract, PutProfileNamingAMissingCompanySchoolOrPhotoWritesNothing) {
  Account a = this->SignUp(1001, "a@example.com");
  this->AddOrganizations();
  Profile saved = this->PutFullProfile(a.id);

  Profile bad_company = saved;
  bad_company.display_name.value = "Changed";
  bad_company.headline.value = "Changed";
  bad_company.positions.back().company = CompanyId(9999);
  EXPECT_ERROR(this->profiles().PutProfile(bad_company), ErrorCode::kFailedPrecondition);

  Profile bad_school = saved;
  bad_school.display_name.value = "Changed";
  bad_school.education.back().school = SchoolId(9999);
  EXPECT_ERROR(this->profiles().PutProfile(bad_school), ErrorCode::kFailedPrecondition);

  Profile bad_photo = saved;
  bad_photo.photo.value = ImageId(9999);
  EXPECT_ERROR(this->profiles().PutProfile(bad_photo), ErrorCode::kFailedPrecondition);

  EXPECT_EQ(Value(this->profiles().FindProfile(a.id)), saved);
  EXPECT_EQ(Value(this->accounts().FindAccount(a.id))->display_name, saved.display_name.value);

  // A first profile that fails leaves the default in place.
  Account b = this->SignUp(1003, "b@example.com");
  Profile first = bad_company;
  first.member = b.id;
  EXPECT_ERROR(this->profiles().PutProfile(first), ErrorCode::kFailedPrecondition);
  EXPECT_EQ(Value(this->profiles().FindProfile(b.id)), profiles::DefaultProfile(b.id, "Aiko"));
}

TYPED_TEST(ProfileStoreContract, PutProfileForAMissingAccountIsNotFound) {
  this->AddOrganizations();
  Profile profile =
      MakeFullProfile(MemberId(4242), CompanyId(501), CompanyId(502), SchoolId(601), std::nullopt);
  EXPECT_ERROR(this->profiles().PutProfile(profile), ErrorCode::kNotFound);
  EXPECT_EQ(Value(this->profiles().FindProfile(MemberId(4242))), std::nullopt);
}

TYPED_TEST(ProfileStoreContract, FindProfileRunsAFixedNumberOfStatements) {
  // The same database through a wrapper that counts statements (a fresh one for :memory:).
  auto opened = sql::OpenDatabase(this->options_);
  ASSERT_TRUE(opened.has_value());
  ASSERT_TRUE(sql::RunMigrations(**opened).has_value());
  auto counting = std::make_unique<CountingDatabase>(std::move(opened).value());
  CountingDatabase& counter = *counting;
  sql::SqlStore store(std::move(counting), {});

  Account a = MakeAccount(1001, "a@example.com");
  ASSERT_TRUE(store.accounts().CreateAccount(a).has_value());
  EXPECT_OK(store.organizations().CreateCompany(MakeCompany(501, "ソニー", "", "Sony")));
  EXPECT_OK(store.organizations().CreateCompany(MakeCompany(502, "", "华为", "")));
  EXPECT_OK(store.organizations().CreateSchool(MakeSchool(601, "東京大学", "")));
  auto statements_of_find = [&](MemberId member) {
    int64_t before = counter.statements();
    EXPECT_OK(store.profiles().FindProfile(member));
    return counter.statements() - before;
  };
  EXPECT_EQ(statements_of_find(MemberId(4242)), 1);
  EXPECT_EQ(statements_of_find(a.id), 1);  // The default profile.

  Profile small = MakeFullProfile(a.id, CompanyId(501), CompanyId(502), SchoolId(601), {});
  small.positions.resize(1);
  small.languages.resize(1);
  small.contacts.resize(1);
  EXPECT_OK(store.profiles().PutProfile(small));
  EXPECT_EQ(statements_of_find(a.id), 2);  // The profile row, then every list in one query.
  Account b = MakeAccount(1003, "b@example.com");
  ASSERT_TRUE(store.accounts().CreateAccount(b).has_value());
  auto statements_of_view = [&](MemberId member) {
    int64_t before = counter.statements();
    EXPECT_OK(store.profiles().FindProfileForView(member, b.id, std::nullopt));
    return counter.statements() - before;
  };
  const int64_t view_of_small = statements_of_view(a.id);

  Profile large = MakeFullProfile(a.id, CompanyId(501), CompanyId(502), SchoolId(601), {});
  for (uint64_t i = 100; i < 130; ++i) {
    large.positions.push_back({EntryId(i),
                               CompanyId(501),
                               "t",
                               JobFunction::kSales,
                               Seniority::kLead,
                               {2000, 1},
                               std::nullopt,
                               "",
                               kPublic});
    large.skills.push_back({EntryId(i), "skill " + std::to_string(i), kPublic});
    large.career.value.roles.push_back("role " + std::to_string(i));
  }
  EXPECT_OK(store.profiles().PutProfile(large));
  EXPECT_EQ(statements_of_find(a.id), 2);
  EXPECT_EQ(statements_of_view(a.id), view_of_small);
  // Revisions with circles and standing, profile (2), settings (2), companies, schools.
  EXPECT_LE(view_of_small, 7);
  // A copy at the current revision needs only the revisions and the pair, in one statement.
  auto current = Value(store.profiles().FindProfileForView(a.id, b.id, std::nullopt))->revision;
  int64_t before = counter.statements();
  EXPECT_OK(store.profiles().FindProfileForView(a.id, b.id, current));
  EXPECT_EQ(counter.statements() - before, 1);
  EXPECT_EQ(Value(store.profiles().FindProfile(a.id)), large);
  store.Close();
}

// --- Deleting an account.

TYPED_TEST(ProfileStoreContract, FindProfileForViewReadsWhatAViewNeedsTogether) {
  Account a = this->SignUp(1001, "a@example.com");
  Account b = this->SignUp(1003, "b@example.com");
  this->AddOrganizations();
  EXPECT_OK(this->images().Put(MakeImage(701)));
  auto view = [&](MemberId member, std::optional<MemberId> viewer) {
    return Value(this->profiles().FindProfileForView(member, viewer, std::nullopt));
  };
  EXPECT_EQ(view(MemberId(4242), b.id), std::nullopt);

  // Never saved: the default profile and settings, no organisations.
  auto fresh = view(a.id, b.id);
  ASSERT_TRUE(fresh.has_value() && fresh->data.has_value());
  EXPECT_EQ(fresh->data->profile, Value(this->profiles().FindProfile(a.id)));
  EXPECT_EQ(fresh->data->settings, PrivacySettings{});
  EXPECT_TRUE(fresh->data->companies.empty());
  EXPECT_TRUE(fresh->data->schools.empty());
  EXPECT_TRUE(fresh->viewer_circles.empty());
  ASSERT_TRUE(fresh->viewer_standing.has_value());
  EXPECT_EQ(fresh->viewer_standing->stage, privacy::Stage::kNone);
  EXPECT_FALSE(fresh->viewer_standing->blocked);

  Profile profile = this->PutFullProfile(a.id, ImageId(701));
  PrivacySettings settings;
  settings.discoverability = {true, false, true};
  settings.shield.companies = {CompanyId(502)};
  settings.shield.hide_profile = true;
  settings.profile_link = "k3y-a";
  EXPECT_OK(this->profiles().PutSettings(a.id, settings));
  EXPECT_OK(this->profiles().PutCircle(a.id, {CircleId(801), "友達", {b.id}}));
  EXPECT_OK(this->profiles().PutCircle(a.id, {CircleId(802), "空", {}}));
  EXPECT_OK(this->profiles().PutCircle(a.id, {CircleId(803), "同僚", {b.id}}));
  EXPECT_OK(this->profiles().PutCircle(b.id, {CircleId(804), "b's", {a.id}}));
  EXPECT_OK(this->relationships().Connect(a.id, b.id, relationships::Provenance::kMetInPerson, kT0));

  auto found = view(a.id, b.id);
  ASSERT_TRUE(found.has_value() && found->data.has_value());
  EXPECT_EQ(found->data->profile, profile);
  EXPECT_EQ(found->data->settings, settings);
  std::vector<CompanyId> company_ids;
  for (const auto& position : profile.positions) company_ids.push_back(position.company);
  std::vector<SchoolId> school_ids;
  for (const auto& education : profile.education) school_ids.push_back(education.school);
  ASSERT_FALSE(company_ids.empty());
  ASSERT_FALSE(school_ids.empty());
  // Every organisation the entries name, as FindCompanies and FindSchools give them.
  EXPECT_EQ(found->data->companies, Value(this->organizations().FindCompanies(company_ids)));
  EXPECT_EQ(found->data->schools, Value(this->organizations().FindSchools(school_ids)));
  EXPECT_EQ(found->viewer_circles, (std::vector<CircleId>{CircleId(801), CircleId(803)}));
  EXPECT_EQ(found->viewer_circles, Value(this->profiles().CirclesHolding(a.id, b.id)));
  // The pair's standing, as FindStanding gives it.
  ASSERT_TRUE(found->viewer_standing.has_value());
  EXPECT_EQ(found->viewer_standing->stage, privacy::Stage::kConnected);
  EXPECT_OK(this->relationships().PutBlock({b.id, a.id, kT0}));
  auto blocked = view(a.id, b.id);
  ASSERT_TRUE(blocked.has_value() && blocked->viewer_standing.has_value());
  EXPECT_TRUE(blocked->viewer_standing->blocked);
  EXPECT_EQ(blocked->viewer_standing->blocked,
            Value(this->relationships().FindStanding(a.id, b.id)).blocked);
  // Nothing of a pair without a viewer, nor for the member themself.
  for (std::optional<MemberId> nobody : {std::optional<MemberId>(), std::optional(a.id)}) {
    auto alone = view(a.id, nobody);
    ASSERT_TRUE(alone.has_value());
    EXPECT_TRUE(alone->viewer_circles.empty());
    EXPECT_FALSE(alone->viewer_standing.has_value());
  }
}

// A copy read at the current revision is not read again; every write a view reads changes the
// revision, in its own transaction, whichever repository makes it.
TYPED_TEST(ProfileStoreContract, EveryWriteAViewReadsChangesTheRevision) {
  Account a = this->SignUp(1001, "a@example.com");
  Account b = this->SignUp(1003, "b@example.com");
  this->AddOrganizations();
  EXPECT_OK(this->images().Put(MakeImage(701)));
  auto read = [&](std::optional<profiles::ProfileRevision> known) {
    auto found = Value(this->profiles().FindProfileForView(a.id, b.id, known));
    EXPECT_TRUE(found.has_value());
    return found.value_or(profiles::ProfileForView{});
  };
  profiles::ProfileRevision current = read(std::nullopt).revision;
  // Current: only the revision and the pair are read.
  auto again = read(current);
  EXPECT_EQ(again.revision, current);
  EXPECT_FALSE(again.data.has_value());
  EXPECT_TRUE(again.viewer_standing.has_value());

  // Each write must change the revision; the data read with the new one shows the write.
  auto expect_revised = [&](const char* write) {
    SCOPED_TRACE(write);
    auto after = read(current);
    EXPECT_NE(after.revision, current);
    EXPECT_TRUE(after.data.has_value());
    current = after.revision;
    EXPECT_FALSE(read(current).data.has_value());
  };
  Profile profile = this->PutFullProfile(a.id, ImageId(701));
  expect_revised("profile");
  profile.skills.pop_back();
  profile.headline.audience = kOnlyMe;
  EXPECT_OK(this->profiles().PutProfile(profile));
  expect_revised("profile edited");
  PrivacySettings settings;
  settings.shield.hide_profile = true;
  EXPECT_OK(this->profiles().PutSettings(a.id, settings));
  expect_revised("settings");
  settings.shield.companies = {CompanyId(502)};
  EXPECT_OK(this->profiles().PutSettings(a.id, settings));
  expect_revised("shield");
  EXPECT_OK(this->accounts().UpdateAccountSettings(a.id, "Aiko 2", "ja"));
  expect_revised("display name");
  EXPECT_OK(this->images().Delete(ImageId(701)));
  expect_revised("photo deleted");
  EXPECT_OK(this->organizations().AddCompanyDomain(CompanyId(501), "sony.example"));
  expect_revised("company domain");
  EXPECT_OK(this->organizations().AddCompanyAffiliate(CompanyId(501), CompanyId(502)));
  expect_revised("company affiliate");
  EXPECT_OK(this->organizations().SetCompanyParent(CompanyId(502), CompanyId(501)));
  expect_revised("company parent");

  // What is read per view anyway leaves the copy current.
  EXPECT_OK(this->profiles().PutCircle(a.id, {CircleId(801), "友達", {b.id}}));
  EXPECT_OK(this->relationships().PutBlock({b.id, a.id, kT0}));
  EXPECT_FALSE(read(current).data.has_value());
  EXPECT_EQ(read(current).viewer_circles, (std::vector<CircleId>{CircleId(801)}));
  EXPECT_TRUE(read(current).viewer_standing->blocked);

  // Another member's writes revise only the organisations they touch.
  this->PutFullProfile(b.id);
  EXPECT_FALSE(read(current).data.has_value());

  EXPECT_OK(this->accounts().DeleteAccount(a.id));
  EXPECT_EQ(Value(this->profiles().FindProfileForView(a.id, b.id, current)), std::nullopt);
}

TYPED_TEST(ProfileStoreContract, DeleteAccountRemovesEverythingTheMemberOwned) {
  Account a = this->SignUp(1001, "a@example.com");
  Account b = this->SignUp(1003, "b@example.com");
  this->AddOrganizations();
  EXPECT_OK(this->images().Put(MakeImage(701)));  // a's photo.
  EXPECT_OK(this->images().Put(MakeImage(702)));  // a's persona avatar.
  EXPECT_OK(this->images().Put(MakeImage(703)));  // b's photo.
  this->PutFullProfile(a.id, ImageId(701));
  Profile pb = this->PutFullProfile(b.id, ImageId(703));
  PrivacySettings settings;
  settings.discoverability.findable_by_email = true;
  settings.shield.companies = {CompanyId(501)};
  settings.profile_link = "link-a";
  EXPECT_OK(this->profiles().PutSettings(a.id, settings));
  EXPECT_OK(this->profiles().PutCircle(a.id, {CircleId(801), "友達", {b.id}}));
  EXPECT_OK(this->profiles().PutCircle(b.id, {CircleId(802), "同僚", {a.id}}));
  EXPECT_OK(this->profiles().CompleteEmailVerification(a.id, {"a@sony.co.jp", "sony.co.jp", kT0}));
  EXPECT_OK(this->profiles().PutPendingEmailVerification(
      {a.id, "a@huawei.com", "hash", 5, kT0 + minutes(10)}));
  Persona persona = MakePersona(901, a.id, "kumo");
  persona.avatar = ImageId(702);
  EXPECT_OK(this->personas().CreatePersona(persona, 5));

  EXPECT_OK(this->accounts().DeleteAccount(a.id));

  EXPECT_EQ(Value(this->profiles().FindProfile(a.id)), std::nullopt);
  EXPECT_EQ(Value(this->images().Find(ImageId(701))), std::nullopt);
  EXPECT_EQ(Value(this->images().Find(ImageId(702))), std::nullopt);
  EXPECT_EQ(Value(this->profiles().FindSettings(a.id)), PrivacySettings{});
  EXPECT_EQ(Value(this->profiles().FindMemberByProfileLink("link-a")), std::nullopt);
  EXPECT_EQ(Value(this->profiles().FindDiscoverableByLogin("a@example.com")), std::nullopt);
  EXPECT_TRUE(Value(this->profiles().ListCircles(a.id)).empty());
  EXPECT_TRUE(Value(this->profiles().ListVerifiedEmails(a.id)).empty());
  EXPECT_EQ(Value(this->profiles().FindPendingEmailVerification(a.id)), std::nullopt);
  EXPECT_TRUE(Value(this->personas().ListPersonas(a.id)).empty());
  EXPECT_EQ(Value(this->personas().FindPersona(PersonaId(901))), std::nullopt);
  EXPECT_TRUE(Value(this->profiles().AffiliatedCompanies(a.id, {2000, 1})).empty());
  // The handle is free again.
  EXPECT_OK(this->personas().CreatePersona(MakePersona(902, b.id, "KUMO"), 5));
  // b keeps everything, minus a in b's circle.
  EXPECT_EQ(Value(this->profiles().FindProfile(b.id)), pb);
  EXPECT_TRUE(Value(this->images().Find(ImageId(703))).has_value());
  auto circles = Value(this->profiles().ListCircles(b.id));
  ASSERT_EQ(circles.size(), 1u);
  EXPECT_TRUE(circles[0].members.empty());
  // No row of a's is left in any table, lists included.
  for (auto [table, column] : std::vector<std::pair<std::string_view, std::string_view>>{
           {"profiles", "member_id"},
           {"career_targets", "member_id"},
           {"positions", "member_id"},
           {"education", "member_id"},
           {"languages", "member_id"},
           {"skills", "member_id"},
           {"links", "member_id"},
           {"contacts", "member_id"},
           {"privacy_settings", "member_id"},
           {"shield_companies", "member_id"},
           {"circles", "owner_id"},
           {"circle_members", "member_id"},
           {"verified_emails", "member_id"},
           {"pending_email_verifications", "member_id"},
           {"personas", "owner_id"}}) {
    auto rows = this->CountRows(table, column, a.id);
    if (rows) {
      EXPECT_EQ(*rows, 0) << table;
    }
  }
  EXPECT_EQ(this->CountRows("positions", "member_id", b.id).value_or(3), 3);
}

// --- Privacy settings.

TYPED_TEST(ProfileStoreContract, SettingsAreDefaultUntilSavedThenRoundTrip) {
  Account a = this->SignUp(1001, "a@example.com");
  Account b = this->SignUp(1003, "b@example.com");
  this->AddOrganizations();
  EXPECT_EQ(Value(this->profiles().FindSettings(a.id)), PrivacySettings{});

  PrivacySettings settings;
  settings.discoverability = {true, true, false};
  settings.shield.companies = {CompanyId(502), CompanyId(501), CompanyId(502)};
  settings.shield.hide_profile = true;
  settings.profile_link = "k3y-a";
  EXPECT_OK(this->profiles().PutSettings(a.id, settings));
  PrivacySettings expected = settings;
  expected.shield.companies = {CompanyId(502), CompanyId(501)};  // Once each, first place.
  EXPECT_EQ(Value(this->profiles().FindSettings(a.id)), expected);

  PrivacySettings changed;
  changed.discoverability = {false, false, true};
  changed.shield.companies = {CompanyId(501)};
  changed.profile_link = "k3y-a2";
  EXPECT_OK(this->profiles().PutSettings(a.id, changed));
  EXPECT_EQ(Value(this->profiles().FindSettings(a.id)), changed);

  // Members without a link do not collide over the empty one.
  EXPECT_OK(this->profiles().PutSettings(b.id, PrivacySettings{}));
  Account c = this->SignUp(1005, "c@example.com");
  EXPECT_OK(this->profiles().PutSettings(c.id, PrivacySettings{}));
  EXPECT_EQ(Value(this->profiles().FindSettings(c.id)), PrivacySettings{});
}

TYPED_TEST(ProfileStoreContract, PutSettingsRefusesMissingAccountsCompaniesAndTakenLinks) {
  Account a = this->SignUp(1001, "a@example.com");
  Account b = this->SignUp(1003, "b@example.com");
  this->AddOrganizations();
  PrivacySettings settings;
  settings.profile_link = "link-a";
  EXPECT_ERROR(this->profiles().PutSettings(MemberId(4242), settings), ErrorCode::kNotFound);
  EXPECT_OK(this->profiles().PutSettings(a.id, settings));

  PrivacySettings unknown_company = settings;
  unknown_company.discoverability.searchable = true;
  unknown_company.shield.companies = {CompanyId(501), CompanyId(9999)};
  EXPECT_ERROR(this->profiles().PutSettings(a.id, unknown_company), ErrorCode::kFailedPrecondition);
  EXPECT_EQ(Value(this->profiles().FindSettings(a.id)), settings);

  EXPECT_ERROR(this->profiles().PutSettings(b.id, settings), ErrorCode::kAlreadyExists);
  EXPECT_EQ(Value(this->profiles().FindSettings(b.id)), PrivacySettings{});
}

TYPED_TEST(ProfileStoreContract, ProfileLinksFindTheirMemberUntilRotated) {
  Account a = this->SignUp(1001, "a@example.com");
  PrivacySettings settings;
  settings.profile_link = "first-token";
  EXPECT_OK(this->profiles().PutSettings(a.id, settings));
  EXPECT_EQ(Value(this->profiles().FindMemberByProfileLink("first-token")), a.id);
  settings.profile_link = "second-token";
  EXPECT_OK(this->profiles().PutSettings(a.id, settings));
  EXPECT_EQ(Value(this->profiles().FindMemberByProfileLink("first-token")), std::nullopt);
  EXPECT_EQ(Value(this->profiles().FindMemberByProfileLink("second-token")), a.id);
  EXPECT_EQ(Value(this->profiles().FindMemberByProfileLink("")), std::nullopt);
  EXPECT_EQ(Value(this->profiles().FindMemberByProfileLink("SECOND-TOKEN")), std::nullopt);
}

TYPED_TEST(ProfileStoreContract, DiscoverabilityByLoginFollowsTheFlagOfTheLoginKind) {
  Account email = this->SignUp(1001, "a@example.com");
  Account phone = MakeAccount(1003, "+819012345678");
  phone.login_kind = LoginKind::kPhone;
  EXPECT_OK(this->accounts().CreateAccount(phone));
  Account quiet = this->SignUp(1005, "c@example.com");
  auto find = [&](std::string_view login) {
    return Value(this->profiles().FindDiscoverableByLogin(login));
  };
  EXPECT_EQ(find("a@example.com"), std::nullopt);  // Never saved: off.

  PrivacySettings by_phone_only;
  by_phone_only.discoverability.findable_by_phone = true;
  EXPECT_OK(this->profiles().PutSettings(email.id, by_phone_only));
  EXPECT_OK(this->profiles().PutSettings(phone.id, by_phone_only));
  EXPECT_EQ(find("a@example.com"), std::nullopt);
  EXPECT_EQ(find("+819012345678"), phone.id);

  PrivacySettings by_email_only;
  by_email_only.discoverability.findable_by_email = true;
  by_email_only.discoverability.searchable = true;
  EXPECT_OK(this->profiles().PutSettings(email.id, by_email_only));
  EXPECT_OK(this->profiles().PutSettings(phone.id, by_email_only));
  EXPECT_EQ(find("a@example.com"), email.id);
  EXPECT_EQ(find("+819012345678"), std::nullopt);

  EXPECT_OK(this->profiles().PutSettings(quiet.id, PrivacySettings{}));
  EXPECT_EQ(find("c@example.com"), std::nullopt);
  EXPECT_EQ(find("A@example.com"), std::nullopt);
  EXPECT_EQ(find("nobody@example.com"), std::nullopt);
}

// --- Circles.

TYPED_TEST(ProfileStoreContract, CirclesRoundTripOldestFirstAndReplaceInPlace) {
  Account owner = this->SignUp(1001, "a@example.com");
  Account b = this->SignUp(1003, "b@example.com");
  Account c = this->SignUp(1005, "c@example.com");
  EXPECT_TRUE(Value(this->profiles().ListCircles(owner.id)).empty());
  // Ids deliberately not in creation order.
  Circle friends{CircleId(900), "友達", {c.id, b.id, c.id}};
  Circle colleagues{CircleId(100), "同事", {c.id}};
  Circle empty{CircleId(500), "空", {}};
  EXPECT_OK(this->profiles().PutCircle(owner.id, friends));
  EXPECT_OK(this->profiles().PutCircle(owner.id, colleagues));
  EXPECT_OK(this->profiles().PutCircle(owner.id, empty));
  friends.members = {c.id, b.id};  // Once each.
  EXPECT_EQ(Value(this->profiles().ListCircles(owner.id)),
            (std::vector<Circle>{friends, colleagues, empty}));
  EXPECT_EQ(Value(this->profiles().CirclesHolding(owner.id, c.id)),
            (std::vector<CircleId>{CircleId(900), CircleId(100)}));
  EXPECT_EQ(Value(this->profiles().CirclesHolding(owner.id, b.id)),
            (std::vector<CircleId>{CircleId(900)}));

  Circle renamed{CircleId(900), "親友", {b.id}};
  EXPECT_OK(this->profiles().PutCircle(owner.id, renamed));
  EXPECT_EQ(Value(this->profiles().ListCircles(owner.id)),
            (std::vector<Circle>{renamed, colleagues, empty}));
  EXPECT_EQ(Value(this->profiles().CirclesHolding(owner.id, c.id)),
            (std::vector<CircleId>{CircleId(100)}));
  EXPECT_TRUE(Value(this->profiles().CirclesHolding(b.id, owner.id)).empty());
  EXPECT_TRUE(Value(this->profiles().ListCircles(b.id)).empty());
}

TYPED_TEST(ProfileStoreContract, CirclesOfOthersAndMissingMembersAreRefused) {
  Account owner = this->SignUp(1001, "a@example.com");
  Account other = this->SignUp(1003, "b@example.com");
  Circle mine{CircleId(10), "mine", {other.id}};
  EXPECT_OK(this->profiles().PutCircle(owner.id, mine));
  EXPECT_ERROR(this->profiles().PutCircle(other.id, {CircleId(10), "stolen", {}}),
               ErrorCode::kNotFound);
  EXPECT_ERROR(this->profiles().PutCircle(owner.id, {CircleId(10), "x", {other.id, MemberId(9)}}),
               ErrorCode::kFailedPrecondition);
  EXPECT_ERROR(this->profiles().PutCircle(owner.id, {CircleId(11), "new", {MemberId(9)}}),
               ErrorCode::kFailedPrecondition);
  EXPECT_EQ(Value(this->profiles().ListCircles(owner.id)), std::vector<Circle>{mine});
  EXPECT_TRUE(Value(this->profiles().ListCircles(other.id)).empty());

  EXPECT_FALSE(Value(this->profiles().DeleteCircle(other.id, CircleId(10))));
  EXPECT_TRUE(Value(this->profiles().DeleteCircle(owner.id, CircleId(10))));
  EXPECT_FALSE(Value(this->profiles().DeleteCircle(owner.id, CircleId(10))));
  EXPECT_TRUE(Value(this->profiles().ListCircles(owner.id)).empty());
  EXPECT_TRUE(Value(this->profiles().CirclesHolding(owner.id, other.id)).empty());
}

// --- Work-email verification and affiliations.

TYPED_TEST(ProfileStoreContract, EmailVerificationFlow) {
  Account a = this->SignUp(1001, "a@example.com");
  Account b = this->SignUp(1003, "b@example.com");
  EXPECT_EQ(Value(this->profiles().FindPendingEmailVerification(a.id)), std::nullopt);
  EXPECT_OK(this->profiles().PutPendingEmailVerification(
      {a.id, "aiko@sony.co.jp", "hash-1", 2, kT0 + minutes(10)}));
  auto pending = Value(this->profiles().FindPendingEmailVerification(a.id));
  ASSERT_TRUE(pending.has_value());
  EXPECT_EQ(pending->member, a.id);
  EXPECT_EQ(pending->email, "aiko@sony.co.jp");
  EXPECT_EQ(pending->code_hash, "hash-1");
  EXPECT_EQ(pending->attempts_left, 2);
  EXPECT_EQ(pending->expires_at, kT0 + minutes(10));
  for (int expected : {1, 0, 0}) {
    EXPECT_OK(this->profiles().SpendEmailVerificationAttempt(a.id));
    EXPECT_EQ(Value(this->profiles().FindPendingEmailVerification(a.id))->attempts_left, expected);
  }
  EXPECT_OK(this->profiles().SpendEmailVerificationAttempt(b.id));  // None: no-op.

  // A new request replaces the old one.
  EXPECT_OK(this->profiles().PutPendingEmailVerification(
      {a.id, "aiko@huawei.com", "hash-2", 5, kT0 + minutes(20)}));
  pending = Value(this->profiles().FindPendingEmailVerification(a.id));
  EXPECT_EQ(pending->email, "aiko@huawei.com");
  EXPECT_EQ(pending->attempts_left, 5);

  VerifiedEmail huawei{"aiko@huawei.com", "huawei.com", kT0 + minutes(1)};
  EXPECT_OK(this->profiles().CompleteEmailVerification(a.id, huawei));
  EXPECT_EQ(Value(this->profiles().FindPendingEmailVerification(a.id)), std::nullopt);
  VerifiedEmail sony{"aiko@sony.co.jp", "sony.co.jp", kT0 + minutes(2)};
  EXPECT_OK(this->profiles().CompleteEmailVerification(a.id, sony));
  EXPECT_EQ(Value(this->profiles().ListVerifiedEmails(a.id)),
            (std::vector<VerifiedEmail>{huawei, sony}));
  // Verifying again refreshes the time; the address stays listed once.
  huawei.verified_at = kT0 + hours(1);
  EXPECT_OK(this->profiles().CompleteEmailVerification(a.id, huawei));
  EXPECT_EQ(Value(this->profiles().ListVerifiedEmails(a.id)),
            (std::vector<VerifiedEmail>{sony, huawei}));
  EXPECT_TRUE(Value(this->profiles().ListVerifiedEmails(b.id)).empty());

  EXPECT_FALSE(Value(this->profiles().DeleteVerifiedEmail(b.id, "aiko@sony.co.jp")));
  EXPECT_TRUE(Value(this->profiles().DeleteVerifiedEmail(a.id, "aiko@sony.co.jp")));
  EXPECT_FALSE(Value(this->profiles().DeleteVerifiedEmail(a.id, "aiko@sony.co.jp")));
  EXPECT_EQ(Value(this->profiles().ListVerifiedEmails(a.id)), std::vector<VerifiedEmail>{huawei});
}

TYPED_TEST(ProfileStoreContract, AffiliatedCompaniesAreCurrentRecentAndVerifiedOnes) {
  Account a = this->SignUp(1001, "a@example.com");
  Account b = this->SignUp(1003, "b@example.com");
  for (uint64_t id : {501, 502, 503, 504, 505, 506, 507}) {
    EXPECT_OK(
        this->organizations().CreateCompany(MakeCompany(id, "", "", "C" + std::to_string(id))));
  }
  EXPECT_OK(this->organizations().AddCompanyDomain(CompanyId(505), "sony.co.jp"));
  EXPECT_OK(this->organizations().AddCompanyDomain(CompanyId(506), "huawei.com"));
  EXPECT_OK(this->organizations().AddCompanyDomain(CompanyId(501), "current.example"));
  EXPECT_OK(this->organizations().AddCompanyDomain(CompanyId(507), "b.example"));
  Profile p = profiles::DefaultProfile(a.id, "Aiko");
  auto position = [](uint64_t id, uint64_t company, std::optional<YearMonth> end) {
    return Position{EntryId(id),     CompanyId(company), "",  JobFunction::kOther,
                    Seniority::kMid, {2010, 1},          end, "",
                    kOnlyMe};
  };
  p.positions = {position(1, 501, std::nullopt),         // Current.
                 position(2, 502, YearMonth{2025, 1}),   // Ended in the month itself.
                 position(3, 503, YearMonth{2024, 12}),  // Ended the month before.
                 position(4, 504, YearMonth{2025, 6})};  // Recent.
  EXPECT_OK(this->profiles().PutProfile(p));
  // The domain is matched whatever its case; the company at 501 is also reached through its
  // domain and is listed once.
  EXPECT_OK(this->profiles().CompleteEmailVerification(a.id, {"a@Sony.CO.JP", "Sony.CO.JP", kT0}));
  EXPECT_OK(this->profiles().CompleteEmailVerification(
      a.id, {"a@current.example", "current.example", kT0}));
  EXPECT_OK(this->profiles().CompleteEmailVerification(b.id, {"b@huawei.com", "huawei.com", kT0}));

  EXPECT_EQ(
      Value(this->profiles().AffiliatedCompanies(a.id, {2025, 1})),
      (std::vector<CompanyId>{CompanyId(501), CompanyId(502), CompanyId(504), CompanyId(505)}));
  EXPECT_EQ(Value(this->profiles().AffiliatedCompanies(a.id, {2026, 1})),
            (std::vector<CompanyId>{CompanyId(501), CompanyId(505)}));
  EXPECT_EQ(Value(this->profiles().AffiliatedCompanies(a.id, {2000, 1})),
            (std::vector<CompanyId>{CompanyId(501), CompanyId(502), CompanyId(503), CompanyId(504),
                                    CompanyId(505)}));
  EXPECT_EQ(Value(this->profiles().AffiliatedCompanies(b.id, {2025, 1})),
            std::vector<CompanyId>{CompanyId(506)});
  EXPECT_TRUE(Value(this->profiles().AffiliatedCompanies(MemberId(4242), {2025, 1})).empty());
}

// --- Companies and schools.

TYPED_TEST(ProfileStoreContract, CompaniesRoundTripWithDomainsParentAndAffiliates) {
  Company parent = MakeCompany(501, "ソニーグループ", "索尼集团", "Sony Group", "そにーぐるーぷ");
  Company affiliate = MakeCompany(502, "ソニー銀行", "", "Sony Bank");
  EXPECT_OK(this->organizations().CreateCompany(parent));
  EXPECT_OK(this->organizations().CreateCompany(affiliate));
  Company sony = MakeCompany(503, "ソニー", "索尼", "Sony", "そにー");
  sony.parent = parent.id;
  sony.affiliates = {affiliate.id};
  sony.domains = {"Sony.CO.JP", "sony.com", "sony.com"};
  EXPECT_OK(this->organizations().CreateCompany(sony));

  sony.domains = {"sony.co.jp", "sony.com"};  // Lower case, once each, in order.
  affiliate.affiliates = {sony.id};           // Symmetric.
  auto found = SortedById(Value(this->organizations().FindCompanies(
      {CompanyId(9999), sony.id, parent.id, affiliate.id, sony.id})));
  EXPECT_EQ(found, (std::vector<Company>{parent, affiliate, sony}));
  EXPECT_TRUE(Value(this->organizations().FindCompanies({})).empty());
  EXPECT_TRUE(Value(this->organizations().FindCompanies({CompanyId(9999)})).empty());
}

TYPED_TEST(ProfileStoreContract, CreateCompanyThatFailsWritesNothing) {
  Company sony = MakeCompany(501, "ソニー", "", "Sony");
  sony.domains = {"sony.co.jp"};
  EXPECT_OK(this->organizations().CreateCompany(sony));

  Company taken_domain = MakeCompany(502, "", "", "Fake");
  taken_domain.domains = {"fake.example", "SONY.co.jp"};
  EXPECT_ERROR(this->organizations().CreateCompany(taken_domain), ErrorCode::kAlreadyExists);
  Company missing_parent = MakeCompany(503, "", "", "Orphan");
  missing_parent.parent = CompanyId(9999);
  missing_parent.domains = {"orphan.example"};
  EXPECT_ERROR(this->organizations().CreateCompany(missing_parent), ErrorCode::kFailedPrecondition);
  Company missing_affiliate = MakeCompany(504, "", "", "Lonely");
  missing_affiliate.affiliates = {sony.id, CompanyId(9999)};
  EXPECT_ERROR(this->organizations().CreateCompany(missing_affiliate),
               ErrorCode::kFailedPrecondition);
  Company self_affiliate = MakeCompany(505, "", "", "Self");
  self_affiliate.affiliates = {CompanyId(505)};
  EXPECT_ERROR(this->organizations().CreateCompany(self_affiliate), ErrorCode::kFailedPrecondition);
  EXPECT_ERROR(this->organizations().CreateCompany(MakeCompany(501, "", "", "Same id")),
               ErrorCode::kAlreadyExists);

  EXPECT_TRUE(Value(this->organizations().FindCompanies(
                        {CompanyId(502), CompanyId(503), CompanyId(504), CompanyId(505)}))
                  .empty());
  EXPECT_EQ(Value(this->organizations().FindCompanies({sony.id})), std::vector<Company>{sony});
  EXPECT_TRUE(Value(this->organizations().SearchCompanies("fake", 10)).empty());
  EXPECT_TRUE(Value(this->organizations().FindCompaniesByDomains({"fake.example"})).empty());
}

TYPED_TEST(ProfileStoreContract, CompaniesAreFoundByTheirDomains) {
  Company sony = MakeCompany(501, "ソニー", "", "Sony");
  sony.domains = {"sony.co.jp", "sony.com"};
  Company huawei = MakeCompany(502, "", "华为", "Huawei");
  huawei.domains = {"huawei.com"};
  EXPECT_OK(this->organizations().CreateCompany(sony));
  EXPECT_OK(this->organizations().CreateCompany(huawei));
  EXPECT_OK(this->organizations().CreateCompany(MakeCompany(503, "", "", "No domain")));
  EXPECT_EQ(Value(this->organizations().FindCompaniesByDomains(
                {"SONY.com", "sony.co.jp", "unknown.example", "例え.jp"})),
            std::vector<Company>{sony});
  EXPECT_EQ(
      SortedById(Value(this->organizations().FindCompaniesByDomains({"huawei.com", "sony.com"}))),
      (std::vector<Company>{sony, huawei}));
  EXPECT_TRUE(Value(this->organizations().FindCompaniesByDomains({})).empty());
  EXPECT_TRUE(Value(this->organizations().FindCompaniesByDomains({""})).empty());
  EXPECT_TRUE(Value(this->organizations().FindCompaniesByDomains({"sony"})).empty());
}

TYPED_TEST(ProfileStoreContract, AddCompanyDomainAppendsOrRefuses) {
  EXPECT_OK(this->organizations().CreateCompany(MakeCompany(501, "", "", "Sony")));
  EXPECT_OK(this->organizations().CreateCompany(MakeCompany(502, "", "", "Other")));
  EXPECT_OK(this->organizations().AddCompanyDomain(CompanyId(501), "sony.co.jp"));
  EXPECT_OK(this->organizations().AddCompanyDomain(CompanyId(501), "SONY.COM"));
  EXPECT_OK(this->organizations().AddCompanyDomain(CompanyId(501), "sony.co.jp"));  // No-op.
  EXPECT_ERROR(this->organizations().AddCompanyDomain(CompanyId(502), "Sony.co.jp"),
               ErrorCode::kAlreadyExists);
  EXPECT_ERROR(this->organizations().AddCompanyDomain(CompanyId(9999), "new.example"),
               ErrorCode::kNotFound);
  auto found = Value(this->organizations().FindCompanies({CompanyId(501), CompanyId(502)}));
  found = SortedById(found);
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].domains, (std::vector<std::string>{"sony.co.jp", "sony.com"}));
  EXPECT_TRUE(found[1].domains.empty());
  EXPECT_TRUE(Value(this->organizations().FindCompaniesByDomains({"new.example"})).empty());
}

TYPED_TEST(ProfileStoreContract, SetCompanyParentRefusesCyclesAndMissingCompanies) {
  for (uint64_t id : {501, 502, 503, 504}) {
    EXPECT_OK(
        this->organizations().CreateCompany(MakeCompany(id, "", "", "C" + std::to_string(id))));
  }
  auto parent_of = [&](uint64_t id) {
    auto found = Value(this->organizations().FindCompanies({CompanyId(id)}));
    return found.empty() ? CompanyId(9999) : found[0].parent;
  };
  // 503 -> 502 -> 501.
  EXPECT_OK(this->organizations().SetCompanyParent(CompanyId(502), CompanyId(501)));
  EXPECT_OK(this->organizations().SetCompanyParent(CompanyId(503), CompanyId(502)));
  EXPECT_EQ(parent_of(503), CompanyId(502));
  EXPECT_ERROR(this->organizations().SetCompanyParent(CompanyId(501), CompanyId(503)),
               ErrorCode::kFailedPrecondition);
  EXPECT_ERROR(this->organizations().SetCompanyParent(CompanyId(501), CompanyId(501)),
               ErrorCode::kFailedPrecondition);
  EXPECT_ERROR(this->organizations().SetCompanyParent(CompanyId(9999), CompanyId(501)),
               ErrorCode::kNotFound);
  EXPECT_ERROR(this->organizations().SetCompanyParent(CompanyId(501), CompanyId(9999)),
               ErrorCode::kNotFound);
  EXPECT_EQ(parent_of(501), CompanyId());
  // Moving a subtree elsewhere is fine; so is removing a parent.
  EXPECT_OK(this->organizations().SetCompanyParent(CompanyId(502), CompanyId(504)));
  EXPECT_EQ(parent_of(502), CompanyId(504));
  EXPECT_OK(this->organizations().SetCompanyParent(CompanyId(501), CompanyId(503)));
  EXPECT_OK(this->organizations().SetCompanyParent(CompanyId(503), CompanyId()));
  EXPECT_EQ(parent_of(503), CompanyId());
}

TYPED_TEST(ProfileStoreContract, AffiliatesAreSymmetric) {
  for (uint64_t id : {501, 502, 503}) {
    EXPECT_OK(
        this->organizations().CreateCompany(MakeCompany(id, "", "", "C" + std::to_string(id))));
  }
  EXPECT_OK(this->organizations().AddCompanyAffiliate(CompanyId(501), CompanyId(502)));
  EXPECT_OK(this->organizations().AddCompanyAffiliate(CompanyId(503), CompanyId(501)));
  EXPECT_OK(this->organizations().AddCompanyAffiliate(CompanyId(502), CompanyId(501)));  // No-op.
  EXPECT_ERROR(this->organizations().AddCompanyAffiliate(CompanyId(501), CompanyId(501)),
               ErrorCode::kFailedPrecondition);
  EXPECT_ERROR(this->organizations().AddCompanyAffiliate(CompanyId(501), CompanyId(9999)),
               ErrorCode::kNotFound);
  EXPECT_ERROR(this->organizations().AddCompanyAffiliate(CompanyId(9999), CompanyId(501)),
               ErrorCode::kNotFound);
  auto found = SortedById(
      Value(this->organizations().FindCompanies({CompanyId(501), CompanyId(502), CompanyId(503)})));
  ASSERT_EQ(found.size(), 3u);
  EXPECT_EQ(found[0].affiliates, (std::vector<CompanyId>{CompanyId(502), CompanyId(503)}));
  EXPECT_EQ(found[1].affiliates, std::vector<CompanyId>{CompanyId(501)});
  EXPECT_EQ(found[2].affiliates, std::vector<CompanyId>{CompanyId(501)});
}

TYPED_TEST(ProfileStoreContract, ExpandCompanyGroupFollowsParentsThenAffiliates) {
  // 501 <- 502 <- 503 <- 504 (parent chains); affiliates: 505~502, 506~503, 507~501,
  // 508~505 (an affiliate's affiliate: not covered); 509 unrelated.
  for (uint64_t id = 501; id <= 509; ++id) {
    EXPECT_OK(
        this->organizations().CreateCompany(MakeCompany(id, "", "", "C" + std::to_string(id))));
  }
  EXPECT_OK(this->organizations().SetCompanyParent(CompanyId(502), CompanyId(501)));
  EXPECT_OK(this->organizations().SetCompanyParent(CompanyId(503), CompanyId(502)));
  EXPECT_OK(this->organizations().SetCompanyParent(CompanyId(504), CompanyId(503)));
  EXPECT_OK(this->organizations().AddCompanyAffiliate(CompanyId(505), CompanyId(502)));
  EXPECT_OK(this->organizations().AddCompanyAffiliate(CompanyId(506), CompanyId(503)));
  EXPECT_OK(this->organizations().AddCompanyAffiliate(CompanyId(507), CompanyId(501)));
  EXPECT_OK(this->organizations().AddCompanyAffiliate(CompanyId(508), CompanyId(505)));
  auto expand = [&](std::vector<CompanyId> seeds) {
    return Value(this->organizations().ExpandCompanyGroup(seeds));
  };
  std::vector<CompanyId> ids;
  for (uint64_t id : {501, 502, 503, 505, 506, 507}) ids.emplace_back(id);
  EXPECT_EQ(expand({CompanyId(503)}), ids);  // Not its child 504, nor 508.
  EXPECT_EQ(expand({CompanyId(503), CompanyId(502), CompanyId(9999), CompanyId(503)}), ids);
  EXPECT_EQ(expand({CompanyId(509)}), std::vector<CompanyId>{CompanyId(509)});
  EXPECT_EQ(expand({CompanyId(505)}),
            (std::vector<CompanyId>{CompanyId(502), CompanyId(505), CompanyId(508)}));
  EXPECT_TRUE(expand({}).empty());
  EXPECT_TRUE(expand({CompanyId(9999)}).empty());
}

TYPED_TEST(ProfileStoreContract, SearchCompaniesMatchesAnyNamePrefixShortestFirst) {
  EXPECT_OK(this->organizations().CreateCompany(
      MakeCompany(501, "ソニーグループ", "索尼集团", "Sony Group", "そにーぐるーぷ")));
  EXPECT_OK(
      this->organizations().CreateCompany(MakeCompany(502, "ソニー", "索尼", "Sony", "そにー")));
  EXPECT_OK(this->organizations().CreateCompany(MakeCompany(503, "", "", "Sonar")));
  EXPECT_OK(this->organizations().CreateCompany(MakeCompany(504, "", "", "100%_Pure")));
  EXPECT_OK(this->organizations().CreateCompany(MakeCompany(505, "", "", "100 Percent")));
  EXPECT_OK(this->organizations().CreateCompany(MakeCompany(506, "", "", "a\\b")));
  auto search = [&](std::string_view prefix, int limit = 10) {
    return IdsOf(Value(this->organizations().SearchCompanies(prefix, limit)));
  };
  using Ids = std::vector<CompanyId>;
  EXPECT_EQ(search("son"), (Ids{CompanyId(502), CompanyId(503), CompanyId(501)}));
  EXPECT_EQ(search("SONY"), (Ids{CompanyId(502), CompanyId(501)}));
  EXPECT_EQ(search("sony g"), Ids{CompanyId(501)});
  EXPECT_EQ(search("ソニー"), (Ids{CompanyId(502), CompanyId(501)}));
  EXPECT_EQ(search("ソニーグ"), Ids{CompanyId(501)});
  EXPECT_EQ(search("索尼"), (Ids{CompanyId(502), CompanyId(501)}));
  EXPECT_EQ(search("そに"), (Ids{CompanyId(502), CompanyId(501)}));
  EXPECT_EQ(search("ニー"), Ids{});  // A prefix, not a substring.
  EXPECT_EQ(search("100%"), Ids{CompanyId(504)});
  EXPECT_EQ(search("100_"), Ids{});
  EXPECT_EQ(search("100%_"), Ids{CompanyId(504)});
  EXPECT_EQ(search("%"), Ids{});
  EXPECT_EQ(search("a\\"), Ids{CompanyId(506)});
  EXPECT_EQ(search("son", 2), (Ids{CompanyId(502), CompanyId(503)}));
  EXPECT_EQ(search("son", 0), Ids{});
  EXPECT_EQ(search("", 3).size(), 3u);
  // Found companies come whole.
  auto sony = Value(this->organizations().SearchCompanies("ソニー", 1));
  ASSERT_EQ(sony.size(), 1u);
  EXPECT_EQ(sony[0], MakeCompany(502, "ソニー", "索尼", "Sony", "そにー"));
}

TYPED_TEST(ProfileStoreContract, SchoolsRoundTripAndAreSearchedByPrefix) {
  School todai = MakeSchool(601, "東京大学", "The University of Tokyo");
  School tokyo_tech = MakeSchool(602, "東京工業大学", "Tokyo Institute of Technology");
  School tsinghua = MakeSchool(603, "", "Tsinghua University", "CN");
  tsinghua.names.zh = "清华大学";
  tsinghua.names.reading = "qinghua daxue";
  for (const School& s : {todai, tokyo_tech, tsinghua}) {
    EXPECT_OK(this->organizations().CreateSchool(s));
  }
  EXPECT_ERROR(this->organizations().CreateSchool(MakeSchool(601, "", "Again")),
               ErrorCode::kAlreadyExists);
  EXPECT_EQ(Value(this->organizations().FindSchools({SchoolId(603), SchoolId(9), SchoolId(601)})),
            (std::vector<School>{todai, tsinghua}));
  EXPECT_TRUE(Value(this->organizations().FindSchools({})).empty());
  auto search = [&](std::string_view prefix, int limit = 10) {
    std::vector<SchoolId> ids;
    for (const School& s : Value(this->organizations().SearchSchools(prefix, limit))) {
      ids.push_back(s.id);
    }
    return ids;
  };
  EXPECT_EQ(search("東京"), (std::vector<SchoolId>{SchoolId(601), SchoolId(602)}));
  EXPECT_EQ(search("東京", 1), std::vector<SchoolId>{SchoolId(601)});
  EXPECT_EQ(search("清华"), std::vector<SchoolId>{SchoolId(603)});
  EXPECT_EQ(search("QING"), std::vector<SchoolId>{SchoolId(603)});
  EXPECT_EQ(search("tokyo"), std::vector<SchoolId>{SchoolId(602)});
  EXPECT_EQ(search("_"), std::vector<SchoolId>{});
  EXPECT_EQ(search("t", 0), std::vector<SchoolId>{});
}

// --- Personas.

TYPED_TEST(ProfileStoreContract, PersonasRoundTripOldestFirst) {
  Account a = this->SignUp(1001, "a@example.com");
  Account b = this->SignUp(1003, "b@example.com");
  EXPECT_OK(this->images().Put(MakeImage(701)));
  Persona later = MakePersona(902, a.id, "雲", kT0 + hours(1));
  later.avatar = ImageId(701);
  Persona first = MakePersona(903, a.id, "Kumo", kT0);
  Persona theirs = MakePersona(901, b.id, "kaze", kT0);
  EXPECT_OK(this->personas().CreatePersona(later, 5));
  EXPECT_OK(this->personas().CreatePersona(first, 5));
  EXPECT_OK(this->personas().CreatePersona(theirs, 5));
  EXPECT_EQ(Value(this->personas().ListPersonas(a.id)), (std::vector<Persona>{first, later}));
  EXPECT_EQ(Value(this->personas().FindPersona(later.id)), later);
  EXPECT_EQ(Value(this->personas().FindPersona(PersonaId(9999))), std::nullopt);
  EXPECT_TRUE(Value(this->personas().ListPersonas(MemberId(4242))).empty());
  // An avatar must be a stored image; an owner must be an account.
  Persona bad_avatar = MakePersona(904, a.id, "bad");
  bad_avatar.avatar = ImageId(9999);
  EXPECT_ERROR(this->personas().CreatePersona(bad_avatar, 5), ErrorCode::kFailedPrecondition);
  EXPECT_ERROR(this->personas().CreatePersona(MakePersona(905, MemberId(4242), "x"), 5),
               ErrorCode::kFailedPrecondition);
  EXPECT_EQ(Value(this->personas().ListPersonas(a.id)).size(), 2u);
}

TYPED_TEST(ProfileStoreContract, CreatePersonaStopsAtTheMaximum) {
  Account a = this->SignUp(1001, "a@example.com");
  Account b = this->SignUp(1003, "b@example.com");
  EXPECT_OK(this->personas().CreatePersona(MakePersona(901, a.id, "one"), 2));
  EXPECT_OK(this->personas().CreatePersona(MakePersona(902, a.id, "two"), 2));
  auto third = this->personas().CreatePersona(MakePersona(903, a.id, "three"), 2);
  ASSERT_FALSE(third.has_value());
  EXPECT_EQ(third.error().code, ErrorCode::kResourceExhausted);
  EXPECT_EQ(third.error().retry_after, seconds(0));
  EXPECT_EQ(Value(this->personas().FindPersona(PersonaId(903))), std::nullopt);
  EXPECT_OK(this->personas().CreatePersona(MakePersona(904, b.id, "three"), 2));
  EXPECT_TRUE(Value(this->personas().DeletePersona(a.id, PersonaId(901))));
  EXPECT_OK(this->personas().CreatePersona(MakePersona(903, a.id, "three-a"), 2));
}

TYPED_TEST(ProfileStoreContract, ConcurrentCreatePersonaNeverExceedsTheMaximum) {
  Account a = this->SignUp(1001, "a@example.com");
  constexpr int kThreads = 8;
  constexpr int kMax = 3;
  std::atomic<int> created{0};
  std::atomic<int> refused{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      auto done = this->personas().CreatePersona(
          MakePersona(900 + static_cast<uint64_t>(t), a.id, "p" + std::to_string(t)), kMax);
      if (done) {
        ++created;
      } else if (done.error().code == ErrorCode::kResourceExhausted) {
        ++refused;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(created.load(), kMax);
  EXPECT_EQ(refused.load(), kThreads - kMax);
  EXPECT_EQ(Value(this->personas().ListPersonas(a.id)).size(), size_t{kMax});
}

TYPED_TEST(ProfileStoreContract, HandlesAreUniqueRegardlessOfCase) {
  Account a = this->SignUp(1001, "a@example.com");
  Account b = this->SignUp(1003, "b@example.com");
  EXPECT_OK(this->personas().CreatePersona(MakePersona(901, a.id, "Kumo_1"), 5));
  for (MemberId owner : {a.id, b.id}) {
    auto taken = this->personas().CreatePersona(MakePersona(902, owner, "kUMO_1"), 5);
    ASSERT_FALSE(taken.has_value());
    EXPECT_EQ(taken.error().code, ErrorCode::kAlreadyExists);
    EXPECT_EQ(taken.error().field, "handle");
  }
  EXPECT_OK(this->personas().CreatePersona(MakePersona(903, b.id, "雲"), 5));
  EXPECT_ERROR(this->personas().CreatePersona(MakePersona(904, a.id, "雲"), 5),
               ErrorCode::kAlreadyExists);
  EXPECT_EQ(Value(this->personas().ListPersonas(a.id)).size(), 1u);
  EXPECT_EQ(Value(this->personas().ListPersonas(b.id)).size(), 1u);
}

TYPED_TEST(ProfileStoreContract, UpdatePersonaChecksOwnerAndHandle) {
  Account a = this->SignUp(1001, "a@example.com");
  Account b = this->SignUp(1003, "b@example.com");
  EXPECT_OK(this->images().Put(MakeImage(701)));
  Persona mine = MakePersona(901, a.id, "kumo");
  EXPECT_OK(this->personas().CreatePersona(mine, 5));
  EXPECT_OK(this->personas().CreatePersona(MakePersona(902, b.id, "kaze"), 5));

  mine.handle = "KUMO";  // Its own handle in another case.
  mine.bio = "新しい自己紹介";
  mine.avatar = ImageId(701);
  EXPECT_OK(this->personas().UpdatePersona(mine));
  EXPECT_EQ(Value(this->personas().FindPersona(mine.id)), mine);

  Persona taken = mine;
  taken.handle = "Kaze";
  auto refused = this->personas().UpdatePersona(taken);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, ErrorCode::kAlreadyExists);
  EXPECT_EQ(refused.error().field, "handle");

  Persona not_theirs = mine;
  not_theirs.owner = b.id;
  not_theirs.handle = "stolen";
  EXPECT_ERROR(this->personas().UpdatePersona(not_theirs), ErrorCode::kNotFound);
  Persona unknown = MakePersona(9999, a.id, "ghost");
  EXPECT_ERROR(this->personas().UpdatePersona(unknown), ErrorCode::kNotFound);
  EXPECT_EQ(Value(this->personas().FindPersona(mine.id)), mine);

  mine.avatar.reset();
  EXPECT_OK(this->personas().UpdatePersona(mine));
  EXPECT_EQ(Value(this->personas().FindPersona(mine.id)), mine);
}

TYPED_TEST(ProfileStoreContract, DeletePersonaDeletesItsAvatarToo) {
  Account a = this->SignUp(1001, "a@example.com");
  Account b = this->SignUp(1003, "b@example.com");
  EXPECT_OK(this->images().Put(MakeImage(701)));
  Persona persona = MakePersona(901, a.id, "kumo");
  persona.avatar = ImageId(701);
  EXPECT_OK(this->personas().CreatePersona(persona, 5));
  EXPECT_FALSE(Value(this->personas().DeletePersona(b.id, persona.id)));
  EXPECT_TRUE(Value(this->images().Find(ImageId(701))).has_value());
  EXPECT_TRUE(Value(this->personas().DeletePersona(a.id, persona.id)));
  EXPECT_EQ(Value(this->personas().FindPersona(persona.id)), std::nullopt);
  EXPECT_EQ(Value(this->images().Find(ImageId(701))), std::nullopt);
  EXPECT_FALSE(Value(this->personas().DeletePersona(a.id, persona.id)));
}

// --- Images.

TYPED_TEST(ProfileStoreContract, ImagesKeepTheirBytesExactly) {
  std::string every_byte;
  for (int i = 0; i < 256; ++i) every_byte += static_cast<char>(i);
  const std::vector<std::string> payloads = {std::string("\x00\xff\x00", 3), every_byte,
                                             std::string(300000, '\xff'), "", "\\x00ff"};
  uint64_t id = 700;
  for (const std::string& bytes : payloads) {
    Image image = MakeImage(++id, bytes);
    EXPECT_OK(this->images().Put(image));
    auto found = Value(this->images().Find(image.id));
    ASSERT_TRUE(found.has_value());
    EXPECT_EQ(found->id, image.id);
    EXPECT_EQ(found->content_type, "image/jpeg");
    EXPECT_EQ(found->bytes, bytes) << "payload of " << bytes.size() << " bytes";
    EXPECT_EQ(found->created_at, kT0);
  }
  EXPECT_EQ(Value(this->images().Find(ImageId(9999))), std::nullopt);
}

TYPED_TEST(ProfileStoreContract, PutReplacesAnImageAndDeleteClearsItsUses) {
  Account a = this->SignUp(1001, "a@example.com");
  this->AddOrganizations();
  EXPECT_OK(this->images().Put(MakeImage(701, "old")));
  Image replaced{ImageId(701), "image/webp", std::string("new\0", 4), kT0 + hours(1)};
  EXPECT_OK(this->images().Put(replaced));
  auto found = Value(this->images().Find(ImageId(701)));
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->content_type, "image/webp");
  EXPECT_EQ(found->bytes, replaced.bytes);
  EXPECT_EQ(found->created_at, replaced.created_at);

  Profile profile = this->PutFullProfile(a.id, ImageId(701));
  EXPECT_OK(this->images().Delete(ImageId(701)));
  EXPECT_OK(this->images().Delete(ImageId(701)));  // Absent: no-op.
  EXPECT_EQ(Value(this->images().Find(ImageId(701))), std::nullopt);
  profile.photo.value.reset();
  EXPECT_EQ(Value(this->profiles().FindProfile(a.id)), profile);
}

TYPED_TEST(ProfileStoreContract, ObserverNamesTheNewOperations) {
  {
    std::lock_guard lock(this->observed_mutex_);
    this->observed_.clear();
  }
  EXPECT_OK(this->profiles().FindProfile(MemberId(1)));
  EXPECT_FALSE(this->profiles().PutSettings(MemberId(1), {}).has_value());
  EXPECT_OK(this->organizations().SearchCompanies("a", 1));
  EXPECT_OK(this->personas().ListPersonas(MemberId(1)));
  EXPECT_OK(this->images().Find(ImageId(1)));
  std::lock_guard lock(this->observed_mutex_);
  EXPECT_EQ(this->observed_,
            (std::vector<std::pair<std::string, bool>>{{"profiles.find_profile", true},
                                                       {"profiles.put_settings", false},
                                                       {"organizations.search_companies", true},
                                                       {"personas.list_personas", true},
                                                       {"images.find", true}}));
}

TYPED_TEST(ProfileStoreContract, ProfilesSurviveReopening) {
  if (!TypeParam::kPersistent) GTEST_SKIP() << "an in-memory database ends with its store";
  Account a = this->SignUp(1001, "a@example.com");
  this->AddOrganizations();
  EXPECT_OK(this->images().Put(MakeImage(701)));
  Profile profile = this->PutFullProfile(a.id, ImageId(701));
  this->store_.reset();
  this->Open();
  EXPECT_EQ(Value(this->profiles().FindProfile(a.id)), profile);
  EXPECT_EQ(Value(this->images().Find(ImageId(701)))->bytes, MakeImage(701).bytes);
}

}  // namespace
}  // namespace enishi::storage
