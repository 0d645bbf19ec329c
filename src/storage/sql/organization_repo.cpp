#include "storage/sql/organization_repo.hpp"

#include <algorithm>
#include <string>
#include <tuple>
#include <utility>

#include "storage/sql/search_repo.hpp"
#include "storage/sql/sql_codec.hpp"

namespace enishi::storage::sql {
namespace {

using organizations::Company;
using organizations::OrganizationNames;
using organizations::School;

constexpr std::string_view kInsertCompany =
    "INSERT INTO companies (id, name_ja, name_zh, name_en, name_reading, parent_id, created_at) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7)";
constexpr std::string_view kInsertCompanyNameKey =
    "INSERT INTO company_name_keys (company_id, kind, search_key, name_length) "
    "VALUES ($1, $2, $3, $4)";
constexpr std::string_view kSelectCompanyExists = "SELECT id FROM companies WHERE id = $1";
// A domain the company already has is left alone; whose it is tells the caller the rest.
constexpr std::string_view kInsertCompanyDomain =
    "INSERT INTO company_domains (domain, company_id, sort_order) VALUES ($1, $2, "
    "(SELECT COALESCE(MAX(sort_order), -1) + 1 FROM company_domains WHERE company_id = $2)) "
    "ON CONFLICT (domain) DO NOTHING";
constexpr std::string_view kSelectDomainOwner =
    "SELECT company_id FROM company_domains WHERE domain = $1";
// Run once from each side of the link.
constexpr std::string_view kInsertCompanyAffiliate =
    "INSERT INTO company_affiliates (company_id, affiliate_id, sort_order) VALUES ($1, $2, "
    "(SELECT COALESCE(MAX(sort_order), -1) + 1 FROM company_affiliates WHERE company_id = $1)) "
    "ON CONFLICT DO NOTHING";
// Serialises changes to the company tree on PostgreSQL, so that two concurrent links cannot
// close a cycle that neither saw. SQLite has one writer. The key spells "company" in ASCII.
constexpr std::string_view kLockCompanyTree = "SELECT pg_advisory_xact_lock($1)";
constexpr int64_t kCompanyTreeLockKey = 0x636f6d70616e79;
// Finds $2 among $1 and its ancestors. UNION rather than UNION ALL stops at a repeated row,
// so even a cycle could not make it run forever.
constexpr std::string_view kSelectIsAncestorOrSelf =
    "WITH RECURSIVE up(id) AS ("
    "SELECT CAST($1 AS BIGINT) "
    "UNION "
    "SELECT c.parent_id FROM companies c JOIN up ON c.id = up.id WHERE c.parent_id IS NOT NULL) "
    "SELECT id FROM up WHERE id = $2";
constexpr std::string_view kUpdateCompanyParent =
    "UPDATE companies SET parent_id = $2 WHERE id = $1";

// The rows of the companies in `chosen(id, shortest)`, ordered by `shortest` then id, each
// company's row (part 0) followed by its domains (part 1) and affiliates (part 2) in order.
// Only the first branch names or casts its columns: PostgreSQL types the others from it.
constexpr char kCompanyRows[] =
    "SELECT 0 AS part, ch.shortest AS shortest, c.id AS id, 0 AS item, c.name_ja, c.name_zh, "
    "c.name_en, c.name_reading, c.parent_id, c.created_at, CAST(NULL AS TEXT), "
    "CAST(NULL AS BIGINT) "
    "FROM chosen ch JOIN companies c ON c.id = ch.id "
    "UNION ALL "
    "SELECT 1, ch.shortest, d.company_id, d.sort_order, NULL, NULL, NULL, NULL, NULL, NULL, "
    "d.domain, NULL FROM chosen ch JOIN company_domains d ON d.company_id = ch.id "
    "UNION ALL "
    "SELECT 2, ch.shortest, a.company_id, a.sort_order, NULL, NULL, NULL, NULL, NULL, NULL, NULL, "
    "a.affiliate_id FROM chosen ch JOIN company_affiliates a ON a.company_id = ch.id "
    "ORDER BY shortest, id, part, item";
// The columns of kCompanyRows that QueryCompanies reads.
constexpr int kPart = 0;
constexpr int kId = 2;
constexpr int kNameJa = 4;
constexpr int kNameZh = 5;
constexpr int kNameEn = 6;
constexpr int kReading = 7;
constexpr int kParent = 8;
constexpr int kCreatedAt = 9;
constexpr int kDomain = 10;
constexpr int kAffiliate = 11;
constexpr auto kFindCompaniesText = SqlConcat(
    "WITH RECURSIVE ", kIdListCte,
    ", chosen(id, shortest) AS (SELECT id, 0 FROM companies WHERE id IN (SELECT id FROM ids)) ",
    kCompanyRows);
constexpr std::string_view kFindCompanies = SqlText(kFindCompaniesText);
constexpr auto kFindCompaniesByDomainsText =
    SqlConcat("WITH RECURSIVE ", kTextListCte,
              ", chosen(id, shortest) AS (SELECT id, 0 FROM companies WHERE id IN ("
              "SELECT company_id FROM company_domains WHERE domain IN ("
              "SELECT item FROM texts WHERE item IS NOT NULL))) ",
              kCompanyRows);
constexpr std::string_view kFindCompaniesByDomains = SqlText(kFindCompaniesByDomainsText);
// The companies the positions of member $1 name (part 0), their domains (part 1) and
// affiliates (part 2), in no particular order: a shared CTE and ORDER BY would each cost a
// temporary B-tree, so LoadCompaniesOfPositions puts the rows in kCompanyRows order itself.
constexpr std::string_view kFindCompaniesOfPositions =
    "SELECT 0 AS part, c.id AS id, 0 AS item, c.name_ja, c.name_zh, c.name_en, c.name_reading, "
    "c.parent_id, c.created_at, CAST(NULL AS TEXT), CAST(NULL AS BIGINT) FROM companies c "
    "WHERE c.id IN (SELECT company_id FROM positions WHERE member_id = $1) "
    "UNION ALL "
    "SELECT 1, d.company_id, d.sort_order, NULL, NULL, NULL, NULL, NULL, NULL, d.domain, NULL "
    "FROM company_domains d "
    "WHERE d.company_id IN (SELECT company_id FROM positions WHERE member_id = $1) "
    "UNION ALL "
    "SELECT 2, a.company_id, a.sort_order, NULL, NULL, NULL, NULL, NULL, NULL, NULL, "
    "a.affiliate_id FROM company_affiliates a "
    "WHERE a.company_id IN (SELECT company_id FROM positions WHERE member_id = $1)";
// A company matches when any of its names does, and ranks by its shortest matching name.
constexpr auto kSearchCompaniesText = SqlConcat(
    "WITH chosen(id, shortest) AS (SELECT company_id, MIN(name_length) FROM company_name_keys "
    "WHERE search_key LIKE $1 ESCAPE '\\' GROUP BY company_id "
    "ORDER BY MIN(name_length), company_id LIMIT $2) ",
    kCompanyRows);
constexpr std::string_view kSearchCompanies = SqlText(kSearchCompaniesText);

// The seeds that exist, their ancestors, and the affiliates of all of those.
constexpr auto kExpandCompanyGroupText = SqlConcat(
    "WITH RECURSIVE ", kIdListCte,
    ", lineage(id) AS ("
    "SELECT id FROM companies WHERE id IN (SELECT id FROM ids) "
    "UNION "
    "SELECT c.parent_id FROM companies c JOIN lineage l ON c.id = l.id "
    "WHERE c.parent_id IS NOT NULL) "
    "SELECT id FROM lineage "
    "UNION "
    "SELECT a.affiliate_id FROM company_affiliates a JOIN lineage l ON a.company_id = l.id "
    "ORDER BY 1");
constexpr std::string_view kExpandCompanyGroup = SqlText(kExpandCompanyGroupText);

constexpr std::string_view kInsertSchool =
    "INSERT INTO schools (id, name_ja, name_zh, name_en, name_reading, country, created_at) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7)";
constexpr std::string_view kInsertSchoolNameKey =
    "INSERT INTO school_name_keys (school_id, kind, search_key, name_length) "
    "VALUES ($1, $2, $3, $4)";
constexpr auto kFindSchoolsText = SqlConcat(
    "WITH RECURSIVE ", kIdListCte,
    " SELECT id, name_ja, name_zh, name_en, name_reading, country, created_at FROM schools "
    "WHERE id IN (SELECT id FROM ids) ORDER BY id");
constexpr std::string_view kFindSchools = SqlText(kFindSchoolsText);
constexpr std::string_view kFindSchoolsOfEducation =
    "SELECT id, name_ja, name_zh, name_en, name_reading, country, created_at FROM schools "
    "WHERE id IN (SELECT school_id FROM education WHERE member_id = $1) ORDER BY id";
constexpr std::string_view kSearchSchools =
    "SELECT s.id, s.name_ja, s.name_zh, s.name_en, s.name_reading, s.country, s.created_at "
    "FROM schools s JOIN (SELECT school_id, MIN(name_length) AS shortest FROM school_name_keys "
    "WHERE search_key LIKE $1 ESCAPE '\\' GROUP BY school_id) m ON m.school_id = s.id "
    "ORDER BY m.shortest, s.id LIMIT $2";

// Inserts a search key for each name given, with `insert_key` taking ($1 owner, $2 kind,
// $3 key, $4 length in characters).
Result<void> InsertNameKeys(SqlConnection& db, std::string_view insert_key, int64_t owner,
                            const OrganizationNames& names) {
  for (auto [kind, name] : {std::pair<std::string_view, std::string_view>{"ja", names.ja},
                            {"zh", names.zh},
                            {"en", names.en},
                            {"reading", names.reading}}) {
    if (name.empty()) continue;
    ENISHI_TRY(db.Execute(insert_key, {owner, kind, AsciiLower(name), CodePoints(name)}));
  }
  return Ok();
}

Result<bool> CompanyExists(SqlConnection& db, CompanyId company) {
  bool found = false;
  ENISHI_TRY(db.Query(kSelectCompanyExists, {Key(company)}, [&](const SqlRow&) { found = true; }));
  return found;
}

Result<void> ExpectCompany(SqlConnection& db, CompanyId company) {
  auto exists = CompanyExists(db, company);
  if (!exists) return exists.error();
  if (!*exists) return NotFound("company not found");
  return Ok();
}

// kAlreadyExists when another company has the domain; adding one of its own again is a no-op.
Result<void> AddDomain(SqlConnection& db, CompanyId company, std::string_view domain) {
  std::string key = AsciiLower(domain);
  auto inserted = db.Execute(kInsertCompanyDomain, {key, Key(company)});
  if (!inserted) return inserted.error();
  if (*inserted > 0) return Ok();
  auto owner = QueryOptional<CompanyId>(db, kSelectDomainOwner, {key}, [](const SqlRow& row) {
    return std::optional(RowReader(row).Id<CompanyId>());
  });
  if (!owner) return owner.error();
  if (*owner != company) return AlreadyExists("another company verified this domain", "domain");
  return Ok();
}

// kFailedPrecondition for a company and itself; a link already there is a no-op.
Result<void> AddAffiliate(SqlConnection& db, CompanyId company, CompanyId affiliate) {
  if (company == affiliate) return FailedPrecondition("a company cannot be its own affiliate");
  ENISHI_TRY(db.Execute(kInsertCompanyAffiliate, {Key(company), Key(affiliate)}));
  ENISHI_TRY(db.Execute(kInsertCompanyAffiliate, {Key(affiliate), Key(company)}));
  return Ok();
}

// Assembles the rows of kCompanyRows into companies, in row order.
Result<std::vector<Company>> QueryCompanies(SqlConnection& db, std::string_view sql,
                                            SqlParams params) {
  std::vector<Company> companies;
  ENISHI_TRY(db.Query(sql, params, [&](const SqlRow& row) {
    int64_t part = row.Int64(kPart);
    CompanyId id(static_cast<uint64_t>(row.Int64(kId)));
    if (part == 0) {
      Company& company = companies.emplace_back();
      company.id = id;
      company.names = {row.Text(kNameJa), row.Text(kNameZh), row.Text(kNameEn), row.Text(kReading)};
      if (!row.IsNull(kParent))
        company.parent = CompanyId(static_cast<uint64_t>(row.Int64(kParent)));
      company.created_at = FromMicros(row.Int64(kCreatedAt));
    } else if (!companies.empty() && companies.back().id == id) {
      if (part == 1) companies.back().domains.push_back(row.Text(kDomain));
      if (part == 2) {
        companies.back().affiliates.emplace_back(static_cast<uint64_t>(row.Int64(kAffiliate)));
      }
    }
  }));
  return companies;
}

std::optional<School> DecodeSchool(const SqlRow& row) {
  RowReader r(row);
  School school;
  school.id = r.Id<SchoolId>();
  school.names.ja = r.Text();
  school.names.zh = r.Text();
  school.names.en = r.Text();
  school.names.reading = r.Text();
  school.country = r.Text();
  school.created_at = r.Time();
  return school;
}

}  // namespace

Result<std::vector<Company>> LoadCompaniesOfPositions(SqlConnection& db, MemberId member) {
  struct Row {
    int64_t id;
    int64_t part;
    int64_t item;
    Company company;        // Part 0.
    std::string domain;     // Part 1.
    int64_t affiliate = 0;  // Part 2.
  };
  std::vector<Row> rows;
  ENISHI_TRY(db.Query(kFindCompaniesOfPositions, {Key(member)}, [&](const SqlRow& row) {
    Row& r = rows.emplace_back(Row{row.Int64(1), row.Int64(0), row.Int64(2), {}, {}, 0});
    if (r.part == 0) {
      r.company.id = CompanyId(static_cast<uint64_t>(r.id));
      r.company.names = {row.Text(3), row.Text(4), row.Text(5), row.Text(6)};
      if (!row.IsNull(7)) r.company.parent = CompanyId(static_cast<uint64_t>(row.Int64(7)));
      r.company.created_at = FromMicros(row.Int64(8));
    } else if (r.part == 1) {
      r.domain = row.Text(9);
    } else {
      r.affiliate = row.Int64(10);
    }
  }));
  std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
    return std::tie(a.id, a.part, a.item) < std::tie(b.id, b.part, b.item);
  });
  std::vector<Company> companies;
  for (Row& r : rows) {
    if (r.part == 0) {
      companies.push_back(std::move(r.company));
    } else if (!companies.empty() && Key(companies.back().id) == r.id) {
      if (r.part == 1) companies.back().domains.push_back(std::move(r.domain));
      if (r.part == 2) companies.back().affiliates.emplace_back(static_cast<uint64_t>(r.affiliate));
    }
  }
  return companies;
}

Result<std::vector<School>> LoadSchoolsOfEducation(SqlConnection& db, MemberId member) {
  return QueryAll<School>(db, kFindSchoolsOfEducation, {Key(member)}, DecodeSchool);
}

Result<void> SqlOrganizationRepository::CreateCompany(const Company& c) {
  return run_.Write("organizations.create_company", [&](SqlConnection& db) -> Result<void> {
    // A parent or affiliate that does not exist fails its foreign key: kFailedPrecondition.
    ENISHI_TRY(
        db.Execute(kInsertCompany, {Key(c.id), c.names.ja, c.names.zh, c.names.en, c.names.reading,
                                    KeyOrNull(c.parent), ToMicros(c.created_at)}));
    ENISHI_TRY(InsertNameKeys(db, kInsertCompanyNameKey, Key(c.id), c.names));
    for (const std::string& domain : c.domains) ENISHI_TRY(AddDomain(db, c.id, domain));
    for (CompanyId affiliate : c.affiliates) ENISHI_TRY(AddAffiliate(db, c.id, affiliate));
    return WriteOrganizationForms(db, search::OrganizationKind::kCompany, c.id.value(), c.names,
                                  text_forms_);
  });
}

Result<std::vector<Company>> SqlOrganizationRepository::FindCompanies(
    const std::vector<CompanyId>& ids) {
  return run_.Read("organizations.find_companies",
                   [&](SqlConnection& db) -> Result<std::vector<Company>> {
                     std::string list = IdList(ids);
                     if (list.empty()) return std::vector<Company>();
                     return QueryCompanies(db, kFindCompanies, {list});
                   });
}

Result<std::vector<Company>> SqlOrganizationRepository::FindCompaniesByDomains(
    const std::vector<std::string>& domains) {
  return run_.Read("organizations.find_companies_by_domains",
                   [&](SqlConnection& db) -> Result<std::vector<Company>> {
                     std::vector<std::string> keys;
                     for (const std::string& domain : domains) keys.push_back(AsciiLower(domain));
                     std::string list = TextList(keys);
                     if (list.empty()) return std::vector<Company>();
                     return QueryCompanies(db, kFindCompaniesByDomains, {list});
                   });
}

Result<std::vector<Company>> SqlOrganizationRepository::SearchCompanies(std::string_view prefix,
                                                                        int limit) {
  return run_.Read(
      "organizations.search_companies", [&](SqlConnection& db) -> Result<std::vector<Company>> {
        // A negative LIMIT means "no limit" to SQLite and is an error to PostgreSQL.
        if (limit < 1) return std::vector<Company>();
        return QueryCompanies(db, kSearchCompanies, {LikePrefix(AsciiLower(prefix)), limit});
      });
}

Result<std::vector<CompanyId>> SqlOrganizationRepository::ExpandCompanyGroup(
    const std::vector<CompanyId>& seeds) {
  return run_.Read("organizations.expand_company_group",
                   [&](SqlConnection& db) -> Result<std::vector<CompanyId>> {
                     std::string list = IdList(seeds);
                     if (list.empty()) return std::vector<CompanyId>();
                     return QueryAll<CompanyId>(
                         db, kExpandCompanyGroup, {list}, [](const SqlRow& row) {
                           return std::optional(RowReader(row).Id<CompanyId>());
                         });
                   });
}

Result<void> SqlOrganizationRepository::AddCompanyDomain(CompanyId company,
                                                         std::string_view domain) {
  return run_.Write("organizations.add_company_domain", [&](SqlConnection& db) -> Result<void> {
    ENISHI_TRY(ExpectCompany(db, company));
    return AddDomain(db, company, domain);
  });
}

Result<void> SqlOrganizationRepository::SetCompanyParent(CompanyId company, CompanyId parent) {
  return run_.Write("organizations.set_company_parent", [&](SqlConnection& db) -> Result<void> {
    if (dialect_ == Dialect::kPostgres) {
      ENISHI_TRY(db.Execute(kLockCompanyTree, {kCompanyTreeLockKey}));
    }
    ENISHI_TRY(ExpectCompany(db, company));
    if (parent.valid()) {
      ENISHI_TRY(ExpectCompany(db, parent));
      bool cycle = false;
      ENISHI_TRY(db.Query(kSelectIsAncestorOrSelf, {Key(parent), Key(company)},
                          [&](const SqlRow&) { cycle = true; }));
      if (cycle) return FailedPrecondition("a company cannot be its own ancestor");
    }
    ENISHI_TRY(db.Execute(kUpdateCompanyParent, {Key(company), KeyOrNull(parent)}));
    return Ok();
  });
}

Result<void> SqlOrganizationRepository::AddCompanyAffiliate(CompanyId company,
                                                            CompanyId affiliate) {
  return run_.Write("organizations.add_company_affiliate", [&](SqlConnection& db) -> Result<void> {
    ENISHI_TRY(ExpectCompany(db, company));
    ENISHI_TRY(ExpectCompany(db, affiliate));
    return AddAffiliate(db, company, affiliate);
  });
}

Result<void> SqlOrganizationRepository::CreateSchool(const School& s) {
  return run_.Write("organizations.create_school", [&](SqlConnection& db) -> Result<void> {
    ENISHI_TRY(db.Execute(kInsertSchool, {Key(s.id), s.names.ja, s.names.zh, s.names.en,
                                          s.names.reading, s.country, ToMicros(s.created_at)}));
    ENISHI_TRY(InsertNameKeys(db, kInsertSchoolNameKey, Key(s.id), s.names));
    return WriteOrganizationForms(db, search::OrganizationKind::kSchool, s.id.value(), s.names,
                                  text_forms_);
  });
}

Result<std::vector<School>> SqlOrganizationRepository::FindSchools(
    const std::vector<SchoolId>& ids) {
  return run_.Read("organizations.find_schools",
                   [&](SqlConnection& db) -> Result<std::vector<School>> {
                     std::string list = IdList(ids);
                     if (list.empty()) return std::vector<School>();
                     return QueryAll<School>(db, kFindSchools, {list}, DecodeSchool);
                   });
}

Result<std::vector<School>> SqlOrganizationRepository::SearchSchools(std::string_view prefix,
                                                                     int limit) {
  return run_.Read("organizations.search_schools",
                   [&](SqlConnection& db) -> Result<std::vector<School>> {
                     if (limit < 1) return std::vector<School>();
                     return QueryAll<School>(db, kSearchSchools,
                                             {LikePrefix(AsciiLower(prefix)), limit}, DecodeSchool);
                   });
}

}  // namespace enishi::storage::sql
