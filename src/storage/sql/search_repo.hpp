#pragma once
// search::SearchRepository over any SqlDatabase, written once for both backends: the queries
// differ only in how a substring of a form is found (FTS5 trigram MATCH on SQLite, LIKE over
// pg_trgm on PostgreSQL) and in the store's clock for revisions; both recheck the match
// exactly, so their answers are the same forms.
// Thread-safe; does not own the database. Each operation reports its timing as
// "search.<method_in_snake_case>".

#include <optional>

#include "domain/search/search_repository.hpp"
#include "domain/search/text_forms.hpp"
#include "storage/sql/operation_runner.hpp"
#include "storage/sql/sql_database.hpp"

namespace enishi::storage::sql {

// Replaces `member`'s index rows with the entries of `profile` within the caller's write unit,
// and revises the member: PutProfile calls it, so that the index never outlives the audiences
// it was made from. Without `forms` the member's rows are deleted instead, and MembersToIndex
// finds them later.
Result<void> WriteMemberEntries(SqlConnection& db, Dialect dialect,
                                const profiles::Profile& profile, const search::TextForms* forms);
// After `member`'s searchable setting was written, within the caller's write unit: revises an
// indexed member, so that every server hears of it, or indexes `member` as their profile stands
// (a member who never saved a profile turning search on; nothing without `forms`).
Result<void> SearchableChanged(SqlConnection& db, Dialect dialect, MemberId member,
                               bool searchable, const search::TextForms* forms);
// The same for a company or school just created.
Result<void> WriteOrganizationForms(SqlConnection& db, search::OrganizationKind kind, uint64_t id,
                                    const organizations::OrganizationNames& names,
                                    const search::TextForms* forms);

class SqlSearchRepository final : public search::SearchRepository {
 public:
  SqlSearchRepository(SqlDatabase& database, OperationObserver observer)
      : dialect_(database.dialect()), run_(database, std::move(observer)) {}

  Result<std::vector<std::string>> MatchForms(std::string_view term) override;
  Result<std::vector<uint64_t>> MatchOrganizations(search::OrganizationKind kind,
                                                   std::string_view term) override;
  Result<search::ViewerStandings> StandingsOf(MemberId viewer) override;

  Result<int64_t> LatestRevision() override;
  int64_t RevisionSlack() const override;
  Result<std::vector<search::IndexedMember>> SearchableMembers(MemberId after,
                                                               size_t limit) override;
  Result<std::vector<search::MemberRevision>> RevisedSince(int64_t revision,
                                                           size_t limit) override;
  Result<std::vector<search::IndexedMember>> MembersIndexed(
      std::span<const MemberId> members) override;

  Result<std::vector<MemberId>> MembersToIndex(size_t limit) override;
  Result<bool> PutMemberEntries(MemberId member, const search::MemberEntries& entries) override;
  Result<std::vector<search::UnindexedOrganization>> OrganizationsToIndex(size_t limit) override;
  Result<void> PutOrganizationForms(const search::OrganizationForms& forms) override;

 private:
  const Dialect dialect_;
  OperationRunner run_;
};

}  // namespace enishi::storage::sql
