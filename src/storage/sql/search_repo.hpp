#pragma once
// search::SearchRepository over any SqlDatabase, written once for both backends: the queries
// differ only in how a substring is found (FTS5 trigram MATCH on SQLite, LIKE over pg_trgm on
// PostgreSQL), and both recheck the match exactly, so their answers are the same rows.
// Thread-safe; does not own the database. Each operation reports its timing as
// "search.<method_in_snake_case>".

#include <optional>

#include "domain/search/search_repository.hpp"
#include "domain/search/text_forms.hpp"
#include "storage/sql/operation_runner.hpp"
#include "storage/sql/sql_database.hpp"

namespace enishi::storage::sql {

// Replaces `member`'s index rows with the entries of `profile` within the caller's write unit:
// PutProfile calls it, so that the index never outlives the audiences it was made from.
// Without `forms` the member's rows are deleted instead, and MembersToIndex finds them later.
Result<void> WriteMemberEntries(SqlConnection& db, const profiles::Profile& profile,
                                const search::TextForms* forms);
// Indexes `member` as their profile stands when they have no entries yet (a member who never
// saved a profile turning search on), within the caller's write unit. Nothing without `forms`.
Result<void> IndexIfMissing(SqlConnection& db, MemberId member, const search::TextForms* forms);
// The same for a company or school just created.
Result<void> WriteOrganizationForms(SqlConnection& db, search::OrganizationKind kind, uint64_t id,
                                    const organizations::OrganizationNames& names,
                                    const search::TextForms* forms);

class SqlSearchRepository final : public search::SearchRepository {
 public:
  SqlSearchRepository(SqlDatabase& database, OperationObserver observer)
      : dialect_(database.dialect()), run_(database, std::move(observer)) {}

  Result<std::vector<search::TextRow>> MatchTexts(std::string_view term,
                                                  std::optional<search::Field> only,
                                                  std::span<const MemberId> among) override;
  Result<std::vector<search::FacetRow>> MatchFacets(search::Field field,
                                                    std::span<const std::string> values,
                                                    std::span<const MemberId> among) override;
  Result<std::vector<uint64_t>> MatchOrganizations(search::OrganizationKind kind,
                                                   std::string_view term) override;
  Result<search::ViewerStandings> StandingsOf(MemberId viewer) override;

  Result<std::vector<MemberId>> MembersToIndex(size_t limit) override;
  Result<bool> PutMemberEntries(MemberId member, const search::MemberEntries& entries) override;
  Result<std::vector<search::UnindexedOrganization>> OrganizationsToIndex(size_t limit) override;
  Result<void> PutOrganizationForms(const search::OrganizationForms& forms) override;

 private:
  const Dialect dialect_;
  OperationRunner run_;
};

}  // namespace enishi::storage::sql
