#pragma once
// The fixture of the ProfileService tests: a real in-memory SQLite store behind FaultyStore
// (which records every repository call, for the query-count tests, and injects failures),
// FakeRelationships for distances and stages (circles come from the store), FakeImageProcessor,
// the outbox as mailer, and a FakeClock at 2026-01-01T00:00:00Z.

#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <regex>
#include <string>
#include <utility>
#include <vector>

#include "crypto/random.hpp"
#include "domain/accounts/account.hpp"
#include "domain/accounts/account_repository.hpp"
#include "domain/mail/outbox_mailer.hpp"
#include "domain/organizations/organization_repository.hpp"
#include "domain/privacy/relationships.hpp"
#include "domain/profiles/profile_defaults.hpp"
#include "domain/profiles/profile_repository.hpp"
#include "domain/profiles/profile_service.hpp"
#include "support/fake_clock.hpp"
#include "support/fake_image_processor.hpp"
#include "support/fake_relationships.hpp"
#include "support/faulty_store.hpp"
#include "support/test_store.hpp"

namespace enishi::profiles {

using organizations::Company;
using organizations::School;
using privacy::Relationship;
using privacy::Stage;

inline const Audience kPublic = Audience::Of(AudienceKind::kPublic);
inline const Audience kMembers = Audience::Of(AudienceKind::kMembers);
inline const Audience kNetwork2 = Audience::Of(AudienceKind::kNetwork2);
inline const Audience kGreeted = Audience::Of(AudienceKind::kGreeted);
inline const Audience kConversing = Audience::Of(AudienceKind::kConversing);
inline const Audience kConnections = Audience::Of(AudienceKind::kConnections);
inline const Audience kTrusted = Audience::Of(AudienceKind::kTrusted);
inline const Audience kOnlyMe = Audience::Of(AudienceKind::kOnlyMe);

inline Relationship Rel(int distance, Stage stage, bool trusted = false) {
  Relationship relationship;
  relationship.distance = distance;
  relationship.stage = stage;
  relationship.trusted = trusted;
  return relationship;
}
inline Relationship SecondDegree() { return Rel(2, Stage::kNone); }
inline Relationship Connected() { return Rel(1, Stage::kConnected); }

inline std::vector<std::string> SkillNames(const std::vector<Skill>& skills) {
  std::vector<std::string> names;
  for (const Skill& skill : skills) names.push_back(skill.name);
  return names;
}

inline std::vector<CompanyId> CompanyIds(const std::vector<Company>& companies) {
  std::vector<CompanyId> ids;
  for (const Company& company : companies) ids.push_back(company.id);
  std::sort(ids.begin(), ids.end());
  return ids;
}

// Two views are the same when every field and the resolved organisations are.
inline void ExpectSameView(const ResolvedView& a, const ResolvedView& b, const std::string& what) {
  EXPECT_EQ(a.view.member, b.view.member) << what;
  EXPECT_EQ(a.view.display_name, b.view.display_name) << what;
  EXPECT_EQ(a.view.name, b.view.name) << what;
  EXPECT_EQ(a.view.headline, b.view.headline) << what;
  EXPECT_EQ(a.view.about, b.view.about) << what;
  EXPECT_EQ(a.view.location, b.view.location) << what;
  EXPECT_EQ(a.view.photo, b.view.photo) << what;
  EXPECT_EQ(a.view.career, b.view.career) << what;
  EXPECT_EQ(a.view.positions, b.view.positions) << what;
  EXPECT_EQ(a.view.education, b.view.education) << what;
  EXPECT_EQ(a.view.languages, b.view.languages) << what;
  EXPECT_EQ(a.view.skills, b.view.skills) << what;
  EXPECT_EQ(a.view.links, b.view.links) << what;
  EXPECT_EQ(a.view.contacts, b.view.contacts) << what;
  EXPECT_EQ(CompanyIds(a.companies), CompanyIds(b.companies)) << what;
  EXPECT_EQ(a.schools.size(), b.schools.size()) << what;
}

inline void ExpectSameError(const Error& a, const Error& b, const std::string& what) {
  EXPECT_EQ(a.code, b.code) << what;
  EXPECT_EQ(a.message, b.message) << what;
  EXPECT_EQ(a.field, b.field) << what;
  EXPECT_EQ(a.retry_after, b.retry_after) << what;
}

class ProfileServiceTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(crypto::Initialize()); }

  // A member with an account and no saved profile. Logins starting with '+' are phone numbers.
  MemberId NewMember(std::string display_name = "田中 花子", std::string login = {}) {
    if (login.empty()) login = "m" + std::to_string(++members_) + "@example.com";
    accounts::Account account;
    account.id = crypto::RandomId<MemberId>();
    account.login_kind = login.starts_with('+') ? accounts::LoginKind::kPhone
                                                : accounts::LoginKind::kEmail;
    account.login = std::move(login);
    account.display_name = std::move(display_name);
    account.locale = "ja";
    account.password_hash = "$argon2id$not-a-real-hash";
    account.created_at = clock_.Now();
    EXPECT_TRUE(store_.inner().accounts().CreateAccount(account));
    return account.id;
  }

  CompanyId NewCompany(std::string en, std::vector<std::string> domains = {},
                       CompanyId parent = {}, std::vector<CompanyId> affiliates = {}) {
    Company company;
    company.id = crypto::RandomId<CompanyId>();
    company.names.en = std::move(en);
    company.domains = std::move(domains);
    company.parent = parent;
    company.affiliates = std::move(affiliates);
    company.created_at = clock_.Now();
    auto created = store_.inner().organizations().CreateCompany(company);
    EXPECT_TRUE(created) << created.error().message;
    return company.id;
  }

  SchoolId NewSchool(std::string en) {
    School school;
    school.id = crypto::RandomId<SchoolId>();
    school.names.en = std::move(en);
    school.country = "JP";
    school.created_at = clock_.Now();
    EXPECT_TRUE(store_.inner().organizations().CreateSchool(school));
    return school.id;
  }

  static Position CurrentAt(CompanyId company, Audience audience = kConnections,
                            std::string title = "エンジニア") {
    Position position;
    position.company = company;
    position.title = std::move(title);
    position.function = JobFunction::kEngineering;
    position.seniority = Seniority::kSenior;
    position.start = {2020, 4};
    position.audience = audience;
    return position;
  }
  static Position EndedAt(CompanyId company, YearMonth end, Audience audience = kConnections) {
    Position position = CurrentAt(company, audience);
    position.start = {2015, 4};
    position.end = end;
    return position;
  }
  static Education StudiedAt(SchoolId school, Audience audience = kConnections) {
    Education education;
    education.school = school;
    education.degree = "学士";
    education.field = "情報科学";
    education.country = "JP";
    education.start = {2010, 4};
    education.end = YearMonth{2014, 3};
    education.audience = audience;
    return education;
  }

  // The member's profile as it is stored now.
  Profile Stored(MemberId member) {
    auto profile = store_.inner().profiles().FindProfile(member);
    EXPECT_TRUE(profile && *profile);
    return profile && *profile ? **profile : Profile{};
  }

  // Saves `draft` through the service; the test fails if it is refused.
  Profile Save(MemberId owner, Profile draft) {
    auto saved = service_.Update(owner, std::move(draft));
    EXPECT_TRUE(saved) << saved.error().field << ": " << saved.error().message;
    return saved ? saved->profile : Profile{};
  }

  // Open to offers, shown to connections, with a current position at `employer`.
  Profile JobSeeker(MemberId owner, CompanyId employer, Audience career = kConnections) {
    Profile p = Stored(owner);
    p.headline = {"シニアエンジニア", kMembers};
    p.career = {{JobSeeking::kOpen, {"SRE"}, {"東京"}, 8000000, 12000000, "JPY"}, career};
    p.positions = {CurrentAt(employer)};
    return Save(owner, std::move(p));
  }

  void SetShield(MemberId owner, std::vector<CompanyId> companies, bool hide_profile = false) {
    Shield shield;
    shield.companies = std::move(companies);
    shield.hide_profile = hide_profile;
    auto updated = service_.UpdatePrivacy(owner, {}, shield);
    ASSERT_TRUE(updated) << updated.error().message;
  }

  void SetDiscoverability(MemberId owner, Discoverability discoverability) {
    auto privacy = service_.GetPrivacy(owner);
    ASSERT_TRUE(privacy);
    auto updated = service_.UpdatePrivacy(owner, discoverability, privacy->settings.shield);
    ASSERT_TRUE(updated) << updated.error().message;
  }

  // `viewer`'s view of `member`, which must exist.
  ResolvedView MustView(const Viewer& viewer, MemberId member) {
    auto view = service_.View(viewer, member);
    EXPECT_TRUE(view) << view.error().message;
    return view ? std::move(view).value() : ResolvedView{};
  }

  // True when `viewer` is shown `member`'s career.
  bool SeesCareer(MemberId viewer, MemberId member) {
    auto view = service_.View(Viewer::Of(viewer), member);
    EXPECT_TRUE(view) << view.error().message;
    return view && view->view.career.has_value();
  }

  std::vector<mail::Message> Outbox() {
    auto messages = store_.inner().outbox().ListRecent(1000);
    EXPECT_TRUE(messages);
    return messages ? *messages : std::vector<mail::Message>{};
  }

  // The six-digit code in the newest message.
  std::string LastCode() {
    auto messages = Outbox();
    if (messages.empty()) return "";
    std::smatch match;
    static const std::regex kCode("[0-9]{6}");
    if (!std::regex_search(messages.back().body, match, kCode)) return "";
    return match.str();
  }

  // Verifies `email` as `member`'s work email through the outbox.
  void VerifyWorkEmail(MemberId member, const std::string& email) {
    auto started = service_.StartWorkEmailVerification(member, email);
    ASSERT_TRUE(started) << started.error().message;
    auto confirmed = service_.ConfirmWorkEmail(member, LastCode());
    ASSERT_TRUE(confirmed) << confirmed.error().message;
  }

  // The repository calls made since `from` (an earlier size of calls()).
  std::vector<std::string> CallsSince(size_t from) {
    auto calls = store_.calls();
    return {calls.begin() + static_cast<std::ptrdiff_t>(from), calls.end()};
  }

  int members_ = 0;
  testing::FakeClock clock_;
  testing::FaultyStore store_{testing::MakeTestStore()};
  testing::FakeRelationships relationships_{store_.profiles()};
  testing::FakeImageProcessor image_processor_;
  mail::OutboxMailer mailer_{store_.outbox()};
  ProfileService service_{store_.profiles(), store_.organizations(), store_.images(),
                          image_processor_,  relationships_,         mailer_,
                          clock_};
};

}  // namespace enishi::profiles
