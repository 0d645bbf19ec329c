#include "domain/organizations/organization_service.hpp"

#include <algorithm>
#include <string>

#include "crypto/random.hpp"
#include "domain/accounts/text.hpp"
#include "domain/profiles/profile_validation.hpp"

namespace enishi::organizations {
namespace {

constexpr size_t kMaxName = 200;
constexpr size_t kMaxPrefix = 100;

Result<std::string> NormalizePrefix(std::string_view prefix) {
  return profiles::NormalizeLine(prefix, kMaxPrefix, "q");
}

// Lowercase letters, digits, inner hyphens; two or more labels.
bool IsDomain(std::string_view domain) {
  if (domain.empty() || domain.size() > 253 || domain.find('.') == std::string_view::npos) {
    return false;
  }
  size_t start = 0;
  while (start <= domain.size()) {
    size_t end = std::min(domain.find('.', start), domain.size());
    std::string_view label = domain.substr(start, end - start);
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') {
      return false;
    }
    if (!std::all_of(label.begin(), label.end(), [](char c) {
          return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
        })) {
      return false;
    }
    start = end + 1;
  }
  return true;
}

template <class Org, class IdType, class Find>
Result<Org> FindOne(IdType id, Find find, const char* what) {
  auto found = find(std::vector<IdType>{id});
  if (!found) return found.error();
  if (found->empty()) return NotFound(std::string(what) + " not found");
  return std::move(found->front());
}

}  // namespace

Result<void> NormalizeNames(OrganizationNames& names) {
  for (auto [name, field] : {std::pair{&names.ja, "names.ja"}, std::pair{&names.zh, "names.zh"},
                             std::pair{&names.en, "names.en"},
                             std::pair{&names.reading, "names.reading"}}) {
    if (name->empty()) continue;
    auto normalized = profiles::NormalizeLine(*name, kMaxName, field);
    if (!normalized) return normalized.error();
    *name = std::move(normalized).value();
  }
  if (names.ja.empty() && names.zh.empty() && names.en.empty()) {
    return InvalidArgument("names needs at least one of ja, zh and en", "names");
  }
  return Ok();
}

Result<std::vector<Company>> OrganizationService::SuggestCompanies(std::string_view prefix) {
  auto normalized = NormalizePrefix(prefix);
  if (!normalized) return normalized.error();
  return repository_.SearchCompanies(*normalized, kMaxSuggestions);
}

Result<std::vector<School>> OrganizationService::SuggestSchools(std::string_view prefix) {
  auto normalized = NormalizePrefix(prefix);
  if (!normalized) return normalized.error();
  return repository_.SearchSchools(*normalized, kMaxSuggestions);
}

Result<Company> OrganizationService::GetCompany(CompanyId id) {
  return FindOne<Company>(id, [&](const auto& ids) { return repository_.FindCompanies(ids); },
                          "company");
}

Result<School> OrganizationService::GetSchool(SchoolId id) {
  return FindOne<School>(id, [&](const auto& ids) { return repository_.FindSchools(ids); },
                         "school");
}

Result<Company> OrganizationService::CreateCompany(OrganizationNames names) {
  ENISHI_TRY(NormalizeNames(names));
  Company company;
  company.id = crypto::RandomId<CompanyId>();
  company.names = std::move(names);
  company.created_at = clock_.Now();
  ENISHI_TRY(repository_.CreateCompany(company));
  return company;
}

Result<School> OrganizationService::CreateSchool(OrganizationNames names, std::string country) {
  ENISHI_TRY(NormalizeNames(names));
  bool valid_country = country.empty() || (country.size() == 2 && std::all_of(country.begin(),
                                               country.end(),
                                               [](char c) { return c >= 'A' && c <= 'Z'; }));
  if (!valid_country) return InvalidArgument("country must be an ISO 3166 code", "country");
  School school;
  school.id = crypto::RandomId<SchoolId>();
  school.names = std::move(names);
  school.country = std::move(country);
  school.created_at = clock_.Now();
  ENISHI_TRY(repository_.CreateSchool(school));
  return school;
}

Result<void> OrganizationService::AddDomain(CompanyId company, std::string_view domain) {
  std::string lower;
  for (char c : domain) lower.push_back(accounts::AsciiLower(c));
  if (!IsDomain(lower)) return InvalidArgument("not a valid domain", "domain");
  return repository_.AddCompanyDomain(company, lower);
}

Result<void> OrganizationService::SetParent(CompanyId company, CompanyId parent) {
  if (company == parent) return FailedPrecondition("a company cannot be its own parent");
  return repository_.SetCompanyParent(company, parent);
}

Result<void> OrganizationService::AddAffiliate(CompanyId company, CompanyId affiliate) {
  if (company == affiliate) return FailedPrecondition("a company cannot be its own affiliate");
  return repository_.AddCompanyAffiliate(company, affiliate);
}

}  // namespace enishi::organizations
