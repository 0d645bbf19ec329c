#pragma once
// The storage port for companies and schools. Thread-safe. kUnavailable when the store cannot
// be reached (nothing written), kInternal for anything unexpected.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/ids.hpp"
#include "core/result.hpp"
#include "domain/organizations/organization.hpp"

namespace enishi::organizations {

class OrganizationRepository {
 public:
  virtual ~OrganizationRepository() = default;

  // Creates the company with its domains, parent and affiliates (each affiliate also lists the
  // new company). kAlreadyExists when a domain is already verified by another company;
  // kFailedPrecondition when the parent or an affiliate does not exist. Nothing written on error.
  virtual Result<void> CreateCompany(const Company& company) = 0;
  // The companies among `ids` that exist, in no particular order. One query.
  virtual Result<std::vector<Company>> FindCompanies(const std::vector<CompanyId>& ids) = 0;
  // The companies that verified any of `domains`, each with all its domains. One query.
  virtual Result<std::vector<Company>> FindCompaniesByDomains(
      const std::vector<std::string>& domains) = 0;
  // Up to `limit` companies whose name in any language, or reading, starts with `prefix`
  // (case-insensitively for Latin letters), shortest name first.
  virtual Result<std::vector<Company>> SearchCompanies(std::string_view prefix, int limit) = 0;
  // `seeds`, their parents transitively, and the affiliates of all of those: the companies an
  // employer shield on `seeds` covers. One query.
  virtual Result<std::vector<CompanyId>> ExpandCompanyGroup(const std::vector<CompanyId>& seeds) = 0;
  // kNotFound when a company does not exist; kAlreadyExists when another company verified the
  // domain; kFailedPrecondition when the link would make a company its own ancestor.
  virtual Result<void> AddCompanyDomain(CompanyId company, std::string_view domain) = 0;
  virtual Result<void> SetCompanyParent(CompanyId company, CompanyId parent) = 0;
  virtual Result<void> AddCompanyAffiliate(CompanyId company, CompanyId affiliate) = 0;

  virtual Result<void> CreateSchool(const School& school) = 0;
  virtual Result<std::vector<School>> FindSchools(const std::vector<SchoolId>& ids) = 0;
  virtual Result<std::vector<School>> SearchSchools(std::string_view prefix, int limit) = 0;
};

}  // namespace enishi::organizations
