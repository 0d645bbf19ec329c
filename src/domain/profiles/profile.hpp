#pragma once
// Value types of a member's profile (F2) and of the settings that guard it (F4, F5).
// Every field and every list entry carries its own Audience; a Profile is the owner's whole
// record and never leaves the domain layer unfiltered: readers get a ProfileView from the
// privacy engine (privacy/privacy_engine.hpp).

#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/ids.hpp"
#include "domain/privacy/audience.hpp"

namespace enishi::profiles {

using privacy::Audience;
using privacy::AudienceKind;

// A calendar month, as positions and schools are dated.
struct YearMonth {
  int year = 0;
  int month = 0;  // 1..12
  friend auto operator<=>(const YearMonth&, const YearMonth&) = default;
};

// A value and who may see it.
template <class T>
struct Visible {
  T value{};
  Audience audience;
  friend bool operator==(const Visible&, const Visible&) = default;
};

enum class NameOrder { kFamilyFirst, kGivenFirst };

// A person's name as written in their own script, its reading (furigana or pinyin) and a Latin
// form. Japanese and Chinese names are shown family name first.
struct PersonName {
  std::string family;
  std::string given;
  std::string family_reading;
  std::string given_reading;
  std::string latin_family;
  std::string latin_given;
  NameOrder order = NameOrder::kFamilyFirst;
  friend bool operator==(const PersonName&, const PersonName&) = default;
};

enum class JobFunction {
  kEngineering, kDesign, kProduct, kResearch, kOperations, kFinance, kLegal, kMarketing,
  kSales, kRecruiting, kHeadhunting, kHumanResources, kEducation, kHealthcare, kConsulting,
  kManagement, kOther,
};

// From intern to executive, in rank order (introductions compare levels).
enum class Seniority { kIntern, kEntry, kMid, kSenior, kLead, kManager, kDirector, kExecutive };

struct Position {
  EntryId id;
  CompanyId company;
  std::string title;
  JobFunction function = JobFunction::kOther;
  Seniority seniority = Seniority::kMid;
  YearMonth start;
  std::optional<YearMonth> end;  // None: current.
  std::string description;
  Audience audience;
  friend bool operator==(const Position&, const Position&) = default;
};

struct Education {
  EntryId id;
  SchoolId school;
  std::string degree;  // "BSc", "学士", "硕士"...
  std::string field;   // Field of study.
  std::string country;  // ISO 3166-1 alpha-2, "JP".
  YearMonth start;
  std::optional<YearMonth> end;
  Audience audience;
  friend bool operator==(const Education&, const Education&) = default;
};

enum class Proficiency { kElementary, kWorking, kProfessional, kNative };

struct Language {
  EntryId id;
  std::string language;  // BCP 47 tag: "ja", "zh-Hans", "en".
  Proficiency proficiency = Proficiency::kWorking;
  Audience audience;
  friend bool operator==(const Language&, const Language&) = default;
};

struct Skill {
  EntryId id;
  std::string name;
  Audience audience;
  friend bool operator==(const Skill&, const Skill&) = default;
};

enum class LinkKind { kProject, kLink };

struct Link {
  EntryId id;
  LinkKind kind = LinkKind::kLink;
  std::string title;
  std::string url;  // http or https.
  std::string description;
  Audience audience;
  friend bool operator==(const Link&, const Link&) = default;
};

enum class ContactKind { kEmail, kPhone, kLine, kWeChat };

struct Contact {
  EntryId id;
  ContactKind kind = ContactKind::kEmail;
  std::string value;
  Audience audience;
  friend bool operator==(const Contact&, const Contact&) = default;
};

enum class JobSeeking { kNotLooking, kOpen, kActivelyLooking };

// Job-seeking status and what the member is looking for. Job-related: the employer shield
// hides all of it from anyone affiliated with a shielded company, whatever the audience says.
struct CareerPreferences {
  JobSeeking status = JobSeeking::kNotLooking;
  std::vector<std::string> roles;
  std::vector<std::string> locations;
  std::optional<int64_t> salary_min;  // Yearly, in `salary_currency`.
  std::optional<int64_t> salary_max;
  std::string salary_currency;  // ISO 4217: "JPY", "CNY", "USD"; empty without a band.
  friend bool operator==(const CareerPreferences&, const CareerPreferences&) = default;
};

// The member's profile as its owner edits it. Empty strings mean "not given".
struct Profile {
  MemberId member;
  Visible<std::string> display_name;  // Mirrors the account's display name.
  Visible<PersonName> name;
  Visible<std::string> headline;
  Visible<std::string> about;
  Visible<std::string> location;
  Visible<std::optional<ImageId>> photo;
  Visible<CareerPreferences> career;
  std::vector<Position> positions;
  std::vector<Education> education;
  std::vector<Language> languages;
  std::vector<Skill> skills;
  std::vector<Link> links;
  std::vector<Contact> contacts;
  Timestamp updated_at;
  friend bool operator==(const Profile&, const Profile&) = default;
};

// Who may find the member, and how (F5). Everything is off until the member opts in.
struct Discoverability {
  bool searchable = false;
  bool findable_by_email = false;
  bool findable_by_phone = false;
  friend bool operator==(const Discoverability&, const Discoverability&) = default;
};

// The employer shield (F4). The current employers are always shielded; `companies` adds more.
struct Shield {
  std::vector<CompanyId> companies;
  bool hide_profile = false;  // Shielded viewers find no profile at all.
  friend bool operator==(const Shield&, const Shield&) = default;
};

// The member's private settings: seen by the owner only, never part of any view.
struct PrivacySettings {
  Discoverability discoverability;
  Shield shield;
  std::string profile_link;  // The current token of the rotatable profile link.
  friend bool operator==(const PrivacySettings&, const PrivacySettings&) = default;
};

// A list the member keeps, usable as an audience ("circle:<id>").
struct Circle {
  CircleId id;
  std::string name;
  std::vector<MemberId> members;
  friend bool operator==(const Circle&, const Circle&) = default;
};

// A work email the member proved they read (F25): its domain affiliates them with the
// companies that verified the domain.
struct VerifiedEmail {
  std::string email;
  std::string domain;
  Timestamp verified_at;
  friend bool operator==(const VerifiedEmail&, const VerifiedEmail&) = default;
};

// A six-digit code sent to a work email, waiting to be entered. One per member at a time.
struct PendingEmailVerification {
  MemberId member;
  std::string email;
  std::string code_hash;  // SHA-256 hex of the code.
  int attempts_left = 0;
  Timestamp expires_at;
};

}  // namespace enishi::profiles
