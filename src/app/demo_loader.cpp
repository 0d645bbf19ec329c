#include "app/demo_loader.hpp"

#include <algorithm>
#include <map>
#include <string_view>
#include <utility>

#include "crypto/hash.hpp"
#include "crypto/random.hpp"
#include "domain/accounts/account_repository.hpp"
#include "domain/organizations/organization_repository.hpp"
#include "domain/profiles/profile_defaults.hpp"
#include "domain/profiles/profile_repository.hpp"
#include "domain/relationships/relationship_repository.hpp"

namespace enishi::app {
namespace {

using namespace enishi::profiles;
using privacy::Audience;
using privacy::AudienceKind;

// A stable, opaque id for a demo company or school: the first 63 bits of SHA-256 of its key.
template <class IdType>
IdType IdFromKey(std::string_view kind, std::string_view key) {
  std::string hex = crypto::Sha256Hex(std::string(kind) + ":" + std::string(key));
  uint64_t value = std::stoull(hex.substr(0, 16), nullptr, 16) >> 1;
  return IdType(value == 0 ? 1 : value);
}

JobFunction FunctionOf(std::string_view name) {
  static const std::map<std::string_view, JobFunction> kFunctions = {
      {"engineering", JobFunction::kEngineering}, {"sales", JobFunction::kSales},
      {"recruiting", JobFunction::kRecruiting},   {"headhunting", JobFunction::kHeadhunting},
      {"marketing", JobFunction::kMarketing},     {"finance", JobFunction::kFinance},
      {"design", JobFunction::kDesign},           {"operations", JobFunction::kOperations},
      {"research", JobFunction::kResearch},       {"executive", JobFunction::kManagement},
  };
  auto it = kFunctions.find(name);
  return it == kFunctions.end() ? JobFunction::kOther : it->second;
}

Seniority SeniorityOf(int level) {
  static constexpr Seniority kLevels[] = {Seniority::kIntern,  Seniority::kEntry,
                                          Seniority::kMid,     Seniority::kSenior,
                                          Seniority::kManager, Seniority::kDirector,
                                          Seniority::kExecutive};
  return kLevels[std::clamp(level, 0, 6)];
}

Proficiency ProficiencyOf(std::string_view level) {
  if (level == "native") return Proficiency::kNative;
  if (level == "fluent" || level == "professional") return Proficiency::kProfessional;
  if (level == "conversational") return Proficiency::kWorking;
  return Proficiency::kElementary;
}

Audience Of(AudienceKind kind) { return Audience::Of(kind); }

// FNV-1a: the same number for the same key on every machine, unlike std::hash.
uint64_t StableHash(std::string_view key) {
  uint64_t hash = 14695981039346656037ull;
  for (char c : key) hash = (hash ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  return hash;
}

// Demo members choose different audiences, as real ones would: every fourth shows their career
// to all members, every third keeps their schools to connections, and so on.
Profile ProfileOf(const demo::Person& person, MemberId member, Timestamp now) {
  uint64_t n = StableHash(person.key);
  Profile profile = DefaultProfile(member, person.display_name);
  profile.name.value = {person.name.family,        person.name.given,
                        person.name.family_reading, person.name.given_reading,
                        person.name.family_latin,   person.name.given_latin,
                        person.name.family_name_first ? NameOrder::kFamilyFirst
                                                      : NameOrder::kGivenFirst};
  profile.name.audience = Of(AudienceKind::kMembers);
  profile.headline.value = person.headline;
  profile.location = {person.city, Of(n % 2 == 0 ? AudienceKind::kMembers : AudienceKind::kNetwork2)};
  for (const demo::Position& position : person.positions) {
    Position entry;
    entry.id = crypto::RandomId<EntryId>();
    entry.company = IdFromKey<CompanyId>("company", position.company_key);
    entry.title = position.title;
    entry.function = FunctionOf(position.function);
    entry.seniority = SeniorityOf(position.seniority);
    entry.start = {position.start_year, position.start_month};
    if (position.end_year != 0) entry.end = YearMonth{position.end_year, position.end_month};
    entry.audience = Of(n % 4 == 0 ? AudienceKind::kMembers : AudienceKind::kNetwork2);
    profile.positions.push_back(std::move(entry));
  }
  for (const demo::Education& education : person.education) {
    Education entry;
    entry.id = crypto::RandomId<EntryId>();
    entry.school = IdFromKey<SchoolId>("school", education.school_key);
    entry.degree = education.degree;
    entry.field = education.field;
    entry.start = {education.start_year, 4};
    entry.end = YearMonth{education.end_year, 3};
    entry.audience = Of(n % 3 == 0 ? AudienceKind::kConnections : AudienceKind::kMembers);
    profile.education.push_back(std::move(entry));
  }
  for (const std::string& language : person.languages) {
    size_t colon = language.find(':');
    profile.languages.push_back({crypto::RandomId<EntryId>(), language.substr(0, colon),
                                 ProficiencyOf(language.substr(colon + 1)),
                                 Of(AudienceKind::kMembers)});
  }
  for (const std::string& skill : person.skills) {
    profile.skills.push_back({crypto::RandomId<EntryId>(), skill, Of(AudienceKind::kMembers)});
  }
  if (person.login.find('@') != std::string::npos) {
    profile.contacts.push_back({crypto::RandomId<EntryId>(), ContactKind::kEmail, person.login,
                                Of(AudienceKind::kConnections)});
  }
  if (n % 5 == 0) {
    profile.career = {{JobSeeking::kOpen, {person.headline}, {person.city}, {}, {}, ""},
                      Of(AudienceKind::kConnections)};
  }
  profile.updated_at = now;
  return profile;
}

Result<void> StoreCompanies(organizations::OrganizationRepository& repository,
                            const demo::World& world, Timestamp now) {
  // Parents first, so each child's parent exists when it is created.
  for (bool parents : {true, false}) {
    for (const demo::Company& company : world.companies) {
      if (company.parent_key.empty() != parents) continue;
      organizations::Company entity;
      entity.id = IdFromKey<CompanyId>("company", company.key);
      entity.names = {company.name_ja, company.name_zh, company.name_en, ""};
      entity.domains = company.email_domains;
      if (!company.parent_key.empty()) {
        entity.parent = IdFromKey<CompanyId>("company", company.parent_key);
      }
      entity.created_at = now;
      auto created = repository.CreateCompany(entity);
      if (!created && created.error().code != ErrorCode::kAlreadyExists) return created.error();
    }
  }
  for (const demo::School& school : world.schools) {
    organizations::School entity{IdFromKey<SchoolId>("school", school.key),
                                 {school.name_ja, school.name_zh, school.name_en, ""},
                                 school.country,
                                 now};
    auto created = repository.CreateSchool(entity);
    if (!created && created.error().code != ErrorCode::kAlreadyExists) return created.error();
  }
  return Ok();
}

// Whether two people worked at one company or studied at one school.
bool ShareAPlace(const demo::Person& a, const demo::Person& b) {
  auto worked_at = [](const demo::Person& person, const std::string& company) {
    return std::any_of(person.positions.begin(), person.positions.end(),
                       [&](const demo::Position& p) { return p.company_key == company; });
  };
  auto studied_at = [](const demo::Person& person, const std::string& school) {
    return std::any_of(person.education.begin(), person.education.end(),
                       [&](const demo::Education& e) { return e.school_key == school; });
  };
  return std::any_of(a.positions.begin(), a.positions.end(),
                     [&](const demo::Position& p) { return worked_at(b, p.company_key); }) ||
         std::any_of(a.education.begin(), a.education.end(),
                     [&](const demo::Education& e) { return studied_at(b, e.school_key); });
}

// Ties among the people created now, as colleagues and classmates make them: two who share a
// company or school are connected one time in three and have greeted each other one time in
// six; anyone else is connected one time in sixty. Each side rates some of its connections.
Result<void> ConnectDemoPeople(relationships::RelationshipRepository& repository,
                               const std::vector<std::pair<const demo::Person*, MemberId>>& people,
                               Timestamp now) {
  for (size_t i = 0; i < people.size(); ++i) {
    for (size_t j = i + 1; j < people.size(); ++j) {
      const auto& [a, a_id] = people[i];
      const auto& [b, b_id] = people[j];
      uint64_t roll = StableHash(a->key + "~" + b->key) % 60;
      bool together = ShareAPlace(*a, *b);
      if (roll < (together ? 20u : 1u)) {
        auto provenance = together ? relationships::Provenance::kSameGroup
                                   : relationships::Provenance::kMetInPerson;
        ENISHI_TRY(repository.Connect(a_id, b_id, provenance, now));
        if (roll % 3 == 0) {
          ENISHI_TRY(repository.UpdateTie(a_id, b_id, static_cast<int>(roll % 5) + 1, "", false));
        }
      } else if (together && roll < 30) {
        ENISHI_TRY(repository.RaiseStage(a_id, b_id, relationships::Stage::kGreeted, now));
      }
    }
  }
  return Ok();
}

}  // namespace

Result<DemoLoadCounts> LoadDemoWorld(storage::Store& store, const demo::World& world,
                                     const std::string& password_hash, const Clock& clock) {
  Timestamp now = clock.Now();
  ENISHI_TRY(StoreCompanies(store.organizations(), world, now));
  DemoLoadCounts counts;
  std::vector<std::pair<const demo::Person*, MemberId>> newcomers;
  for (size_t index = 0; index < world.people.size(); ++index) {
    const demo::Person& person = world.people[index];
    accounts::Account account;
    account.id = crypto::RandomId<MemberId>();
    account.login = person.login;
    account.login_kind =
        person.login.starts_with('+') ? accounts::LoginKind::kPhone : accounts::LoginKind::kEmail;
    account.display_name = person.display_name;
    account.locale = person.locale;
    account.password_hash = password_hash;
    account.created_at = now;
    if (auto created = store.accounts().CreateAccount(account); !created) {
      if (created.error().code != ErrorCode::kAlreadyExists) return created.error();
      ++counts.existing;
      continue;
    }
    ENISHI_TRY(store.profiles().PutProfile(ProfileOf(person, account.id, now)));
    // Most demo members let themselves be searched; every fifth does not, so that search
    // meets both.
    profiles::PrivacySettings settings;
    settings.discoverability.searchable = index % 5 != 4;
    ENISHI_TRY(store.profiles().PutSettings(account.id, settings));
    newcomers.emplace_back(&person, account.id);
    ++counts.created;
  }
  ENISHI_TRY(ConnectDemoPeople(store.relationships(), newcomers, now));
  return counts;
}

}  // namespace enishi::app
