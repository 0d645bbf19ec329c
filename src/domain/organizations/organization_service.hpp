#pragma once
// Use cases of companies and schools: typing one offers the existing entity, and a member may
// add one that is missing. Domains, parents and affiliates are set by administrators
// (`enishi admin`), since they decide who the employer shield covers.
// Thread-safe; the repository must outlive the service. Every method may also fail with the
// repository's kUnavailable or kInternal.

#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "domain/organizations/organization.hpp"
#include "domain/organizations/organization_repository.hpp"

namespace enishi::organizations {

inline constexpr int kMaxSuggestions = 10;

class OrganizationService {
 public:
  OrganizationService(OrganizationRepository& repository, const Clock& clock)
      : repository_(repository), clock_(clock) {}

  // Up to kMaxSuggestions companies whose name starts with `prefix`. kInvalidArgument (field
  // "q") for an empty, over-long or control-character prefix.
  Result<std::vector<Company>> SuggestCompanies(std::string_view prefix);
  Result<std::vector<School>> SuggestSchools(std::string_view prefix);
  // kNotFound when there is no such company or school.
  Result<Company> GetCompany(CompanyId id);
  Result<School> GetSchool(SchoolId id);
  // A new company or school from its names (field "names.ja"... on a bad name).
  Result<Company> CreateCompany(OrganizationNames names);
  Result<School> CreateSchool(OrganizationNames names, std::string country);

  // Administration. Domains are lowercased; kInvalidArgument for a malformed domain.
  Result<void> AddDomain(CompanyId company, std::string_view domain);
  Result<void> SetParent(CompanyId company, CompanyId parent);
  Result<void> AddAffiliate(CompanyId company, CompanyId affiliate);

 private:
  OrganizationRepository& repository_;
  const Clock& clock_;
};

// Names trimmed in place; at least one name, each at most 200 characters, the reading at most
// 200. Field names are prefixed with "names.".
Result<void> NormalizeNames(OrganizationNames& names);

}  // namespace enishi::organizations
