#pragma once
// The storage port of people search (F28). Implemented once for both backends in
// storage/sql/search_repo.cpp. The store keeps each member's entries, written by
// ProfileRepository::PutProfile in its transaction, and matches query terms against the
// distinct forms of all entries: SQLite through an FTS5 trigram index, PostgreSQL through
// pg_trgm, both giving exactly the forms the matching rule below names. The search service
// keeps the postings in memory (search_index.hpp), loaded and kept up to date from here.
//
// Only members who let themselves be searched (Discoverability::searchable) are ever loaded.
// Rows come with their audience: the search service, not the store, decides who may see them.
//
// Thread-safe. kUnavailable when the store cannot be reached, kInternal for anything else.

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/ids.hpp"
#include "core/result.hpp"
#include "domain/organizations/organization.hpp"
#include "domain/privacy/relationships.hpp"
#include "domain/search/search_entry.hpp"

namespace enishi::search {

// The matching rule: a term of fewer than kSubstringMinChars characters matches a form it
// begins; a longer one matches a form that contains it anywhere. (Trigram indexes cannot find
// shorter substrings, and a one- or two-character term inside every word would find everyone.)
inline constexpr size_t kSubstringMinChars = 3;

// One of a member's entries as stored: a text's form or a facet's value, with its audience.
struct IndexRow {
  bool is_facet = false;
  Field field = Field::kName;
  std::string audience;  // As stored: privacy::ParseAudience reads it.
  std::string value;
  std::optional<int> until_month{};  // Facets only: FacetEntry::until_month.
};

// A member's entries as the store has them at `revision`.
struct IndexedMember {
  MemberId member;
  // When the entries or the searchable setting last changed, on the store's clock
  // (microseconds). A member's revisions only grow; across members they grow in the order of
  // the changes, give or take a transaction's length.
  int64_t revision = 0;
  bool searchable = false;  // False: no rows, and the member is not to be found.
  std::vector<IndexRow> rows{};
};

struct MemberRevision {
  MemberId member;
  int64_t revision = 0;
};

// How a member stands with the viewer, from the member's side, as the privacy engine needs it
// for each candidate: the store's half of privacy::Relationship (the graph index gives the
// distance).
struct Standing {
  MemberId member;
  privacy::Stage stage = privacy::Stage::kNone;
  bool trusted = false;  // The member trusts the viewer.
};

struct ViewerStandings {
  std::vector<Standing> ties;              // Members with a tie to the viewer, by member id.
  std::vector<MemberId> blocked;           // Blocked by or blocking the viewer, sorted.
  std::vector<std::pair<MemberId, CircleId>> circles;  // (owner, circle) holding the viewer.
};

struct UnindexedOrganization {
  OrganizationKind kind = OrganizationKind::kCompany;
  uint64_t id = 0;
  organizations::OrganizationNames names;
};

class SearchRepository {
 public:
  virtual ~SearchRepository() = default;

  // The distinct forms of all members' text entries that match `term` (a form of one query
  // term) by the matching rule, in byte order. A form no entry holds any more may be among them.
  virtual Result<std::vector<std::string>> MatchForms(std::string_view term) = 0;
  // The companies or schools one of whose name forms matches `term` by the matching rule.
  virtual Result<std::vector<uint64_t>> MatchOrganizations(OrganizationKind kind,
                                                           std::string_view term) = 0;
  // Everything of the viewer's standing with others that audiences ask, in one read.
  virtual Result<ViewerStandings> StandingsOf(MemberId viewer) = 0;

  // --- Loading the postings ---

  // The largest revision so far (0 when there is none).
  virtual Result<int64_t> LatestRevision() = 0;
  // Searchable members after `after` in id order, with their rows, at most `limit`.
  virtual Result<std::vector<IndexedMember>> SearchableMembers(MemberId after, size_t limit) = 0;
  // How far a change's revision may lie below that of a change committed before it: 0 where
  // writers take turns (SQLite); a few seconds where they work side by side (PostgreSQL).
  virtual int64_t RevisionSlack() const = 0;
  // Members revised after `revision`, by revision, at most `limit`; a deleted account's
  // removal is a revision too.
  virtual Result<std::vector<MemberRevision>> RevisedSince(int64_t revision, size_t limit) = 0;
  // `members` as the store has them now: the searchable ones with their rows, the others
  // (search turned off) without. Members the store no longer indexes are left out.
  virtual Result<std::vector<IndexedMember>> MembersIndexed(std::span<const MemberId> members) = 0;

  // --- Keeping the index whole ---

  // Members whose entries are missing or older than their profile or display name (written
  // before this index existed, or by a store opened without text forms), at most `limit`.
  virtual Result<std::vector<MemberId>> MembersToIndex(size_t limit) = 0;
  // Replaces the member's entries, unless their profile changed since `entries` were derived
  // from it (then the newer write's entries stand). False when nothing was written.
  virtual Result<bool> PutMemberEntries(MemberId member, const MemberEntries& entries) = 0;
  // Companies and schools without forms yet (created before this index existed), at most
  // `limit` of each kind.
  virtual Result<std::vector<UnindexedOrganization>> OrganizationsToIndex(size_t limit) = 0;
  virtual Result<void> PutOrganizationForms(const OrganizationForms& forms) = 0;
};

}  // namespace enishi::search
