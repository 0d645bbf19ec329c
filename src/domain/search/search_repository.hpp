#pragma once
// The storage port of people search (F28). Implemented once for both backends in
// storage/sql/search_repo.cpp: SQLite matches substrings through an FTS5 trigram index,
// PostgreSQL through pg_trgm, and both give exactly the rows the matching rule below names,
// so that the two stores answer the same query with the same members.
//
// A member's entries are written by ProfileRepository::PutProfile, in its transaction. Only
// members who let themselves be searched (Discoverability::searchable) are ever returned. Rows
// come with their audience: the search service, not the store, decides who may see them.
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

struct TextRow {
  MemberId member;
  Field field = Field::kName;
  std::string audience;  // As stored: privacy::ParseAudience reads it.
  std::string form;
};

struct FacetRow {
  MemberId member;
  Field field = Field::kCompany;
  std::string audience;
  std::string value;
  std::optional<int> until_month{};
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

  // The text rows of searchable members whose form matches `term` (a form of one query term)
  // by the matching rule; only rows of field `only` when given, and only rows of the members
  // `among` when it is not empty (the candidates an earlier requirement left).
  virtual Result<std::vector<TextRow>> MatchTexts(std::string_view term,
                                                  std::optional<Field> only,
                                                  std::span<const MemberId> among) = 0;
  // The facet rows of searchable members of `field` whose value is one of `values`; only rows
  // of the members `among` when it is not empty.
  virtual Result<std::vector<FacetRow>> MatchFacets(Field field,
                                                    std::span<const std::string> values,
                                                    std::span<const MemberId> among) = 0;
  // The companies or schools one of whose name forms matches `term` by the matching rule.
  virtual Result<std::vector<uint64_t>> MatchOrganizations(OrganizationKind kind,
                                                           std::string_view term) = 0;
  // Everything of the viewer's standing with others that audiences ask, in one read.
  virtual Result<ViewerStandings> StandingsOf(MemberId viewer) = 0;

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
