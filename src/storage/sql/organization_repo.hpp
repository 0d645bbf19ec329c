#pragma once
// organizations::OrganizationRepository over any SqlDatabase, written once for both backends.
// Thread-safe. Does not own the database, which must outlive it. Errors are those of the port
// (domain/organizations/organization_repository.hpp); each operation reports its timing as
// "organizations.<method_in_snake_case>".
//
// Domains are stored with ASCII letters lower-cased, and names are searched the same way.
// Making a company its own affiliate is kFailedPrecondition; SetCompanyParent with an invalid
// parent removes the parent. Lists of ids or domains travel as one parameter (IdList() and
// TextList() in sql_codec.hpp), so every read is one query.

#include "domain/organizations/organization_repository.hpp"
#include "domain/search/text_forms.hpp"
#include "storage/sql/operation_runner.hpp"

namespace enishi::storage::sql {

// For other repositories that read organisations within a unit of their own, one query each,
// in the order FindCompanies and FindSchools give: the companies the positions of `member`
// name, and the schools their education entries name.
Result<std::vector<organizations::Company>> LoadCompaniesOfPositions(SqlConnection& db,
                                                                     MemberId member);
Result<std::vector<organizations::School>> LoadSchoolsOfEducation(SqlConnection& db,
                                                                  MemberId member);

class SqlOrganizationRepository final : public organizations::OrganizationRepository {
 public:
  // `text_forms` may be null (StoreOptions::text_forms): new companies and schools then wait
  // for SearchService::IndexPending to be searchable by name.
  SqlOrganizationRepository(SqlDatabase& database, OperationObserver observer,
                            const search::TextForms* text_forms)
      : dialect_(database.dialect()), run_(database, std::move(observer)), text_forms_(text_forms) {}

  Result<void> CreateCompany(const organizations::Company& company) override;
  Result<std::vector<organizations::Company>> FindCompanies(
      const std::vector<CompanyId>& ids) override;
  Result<std::vector<organizations::Company>> FindCompaniesByDomains(
      const std::vector<std::string>& domains) override;
  Result<std::vector<organizations::Company>> SearchCompanies(std::string_view prefix,
                                                              int limit) override;
  Result<std::vector<CompanyId>> ExpandCompanyGroup(const std::vector<CompanyId>& seeds) override;
  Result<void> AddCompanyDomain(CompanyId company, std::string_view domain) override;
  Result<void> SetCompanyParent(CompanyId company, CompanyId parent) override;
  Result<void> AddCompanyAffiliate(CompanyId company, CompanyId affiliate) override;

  Result<void> CreateSchool(const organizations::School& school) override;
  Result<std::vector<organizations::School>> FindSchools(const std::vector<SchoolId>& ids) override;
  Result<std::vector<organizations::School>> SearchSchools(std::string_view prefix,
                                                           int limit) override;

 private:
  const Dialect dialect_;
  OperationRunner run_;
  const search::TextForms* text_forms_;
};

}  // namespace enishi::storage::sql
