#pragma once
// People search (F28, DESIGN.md §5): members found by name in any script, by headline,
// company, school, skill, language and location, narrowed by filters, ranked by relevance and
// network distance.
//
// The store keeps every member's entries and names the forms a word matches; the postings are
// read from memory (search_index.hpp): loaded with LoadIndex, or by the first search, and
// brought up to date with the store's revisions before each search, so that a search sees
// every change committed before it began, on any server.
//
// Privacy: only members who opted in to search (F5) are candidates, and a query term or filter
// counts only where it matches a field or entry the privacy engine lets the searcher see: the
// audience of every index row is checked for the searcher before it may match, rank or count,
// so a hidden value changes neither which members are found nor their order. Each member of
// the page is then read through ProfileService::View, whose answer is what the searcher gets;
// a member it refuses (blocked, hidden from the searcher's employer) is left out.
//
// Synchronous; thread-safe; the ports must outlive the service.

#include <cstddef>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/ids.hpp"
#include "core/result.hpp"
#include "domain/graph/search.hpp"
#include "domain/profiles/profile.hpp"
#include "domain/profiles/profile_repository.hpp"
#include "domain/profiles/profile_service.hpp"
#include "domain/search/search_entry.hpp"
#include "domain/search/search_index.hpp"
#include "domain/search/search_repository.hpp"
#include "domain/search/text_forms.hpp"

namespace enishi::relationships {
class RelationshipService;
}  // namespace enishi::relationships

namespace enishi::search {

struct SearchLimits {
  static constexpr size_t kMaxQueryChars = 100;   // The query and each text filter.
  static constexpr size_t kMaxTerms = 5;          // Words of a query.
  static constexpr int kDefaultPageSize = 20;
  static constexpr int kMaxPageSize = 50;
  // Results reachable by paging: scraping the whole network through one broad query is not.
  static constexpr int kMaxDepth = 100;
};

// A search as the searcher asks it. Text is matched through its search forms; filters left
// empty do not narrow.
struct MemberQuery {
  std::string text;
  std::optional<CompanyId> company{};
  std::optional<SchoolId> school{};
  std::string location{};  // Matched like a query term, against the location alone.
  std::string language{};  // A BCP 47 tag; its primary subtag is compared.
  std::string skill{};     // Compared whole with each skill, through their first forms.
  std::optional<profiles::Seniority> seniority{};  // Of a position held now.
  std::vector<graph::Degree> degrees{};           // kFirst, kSecond, kThird; empty: any.
  int limit = SearchLimits::kDefaultPageSize;
  std::string cursor{};  // From the previous page's next_cursor; empty for the first page.
};

struct MemberHit {
  MemberId member;
  graph::Degree degree = graph::Degree::kBeyond;
  std::vector<Field> matched;  // The fields the terms matched, as the searcher may see them.
  profiles::ResolvedView view;  // What the searcher may see of the member.
  size_t mutual_count = 0;      // Mutual connections the searcher may see as such.
};

struct MemberPage {
  std::vector<MemberHit> hits;
  std::optional<std::string> next_cursor;  // None on the last page or at kMaxDepth.
};

class SearchService {
 public:
  SearchService(SearchRepository& store, profiles::ProfileRepository& profiles,
                profiles::ProfileService& profile_views,
                relationships::RelationshipService& relationships, const TextForms& forms,
                const Clock& clock);

  // One page of the members `viewer` finds with `query`. kInvalidArgument naming the field
  // ("q": empty, over kMaxQueryChars, control characters, too many words, nothing searchable;
  // "location", "skill", "language": over-long or unusable; "limit"; "cursor": not one this
  // service gave, or beyond kMaxDepth).
  Result<MemberPage> SearchMembers(MemberId viewer, const MemberQuery& query);
  // The errors SearchMembers would give `query` before reading anything, so that a caller can
  // refuse bad input before counting a search against a quota.
  Result<void> Check(const MemberQuery& query) const;

  // Loads the postings from the store; searches load them first otherwise.
  Result<void> LoadIndex();

  // Indexes up to `batch` members whose entries are missing or stale, and companies and
  // schools without forms; returns how many it indexed. Run at start-up and then now and then.
  Result<size_t> IndexPending(size_t batch);

 private:
  // Members read from the store at a time, when loading or catching up.
  static constexpr size_t kLoadPage = 1000;

  // Brings the postings up to date with the store, loading them when they never were.
  Result<void> CatchUp();
  // With catch_up_mutex_ held.
  Result<void> LoadLocked();
  Result<void> CatchUpLocked();

  SearchRepository& store_;
  profiles::ProfileRepository& profiles_;
  profiles::ProfileService& profile_views_;
  relationships::RelationshipService& relationships_;
  const TextForms& forms_;
  const Clock& clock_;
  SearchIndex index_;
  std::mutex catch_up_mutex_;  // One loader at a time; guards the two below.
  int64_t seen_revision_ = 0;
  bool loaded_ = false;
};

}  // namespace enishi::search
