#pragma once
// The questions the graph index answers (F13–F15), each over one consistent Snapshot: degree
// badges, mutual connections, shortest paths and people-you-may-know suggestions, plus plain
// look-ups of one member's connections.
//
// Privacy (DESIGN.md §5). The caller decides whose connection list the viewer may see and says
// so through `can_see_connections_of`. Every answer that names intermediaries (mutuals, paths,
// suggestions) passes only through members for whom it answers true, so a member who hides
// their list is never shown as a mutual, a path node or the reason for a suggestion; every edge
// named then lies on a list the viewer may see. Endpoints are named by the caller and exempt.
// An empty predicate means every list is visible. Degree badges ignore the predicate: a badge
// names nobody, and the `network2` audience and the inbound filters need the true distance.
//
// Thread-safety: any number of threads may call these at once. Each thread keeps working memory
// of about 12 bytes per node between calls. Predicates run on the calling thread, at most once
// per member per call; they may query the graph again, but should be cheap (an in-memory
// look-up) because a search may ask about thousands of members.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <vector>

#include "core/ids.hpp"
#include "domain/graph/csr_graph.hpp"
#include "domain/graph/snapshot.hpp"

namespace enishi::graph {

// A yes/no question about one member, answered by the caller for the viewer at hand.
using MemberPredicate = std::function<bool(MemberId member)>;

// The degree badge of one member as a viewer sees it.
enum class Degree : uint8_t {
  kSelf = 0,
  kFirst = 1,   // A connection.
  kSecond = 2,  // A connection of a connection.
  kThird = 3,
  kBeyond = 4,  // Further than three hops, not connected at all, or unknown to the index.
};

// The badge of each of `members` (in the same order) for `viewer`. Meant for a page of members
// at a time: the viewer's two-hop neighbourhood is marked once for the whole batch.
std::vector<Degree> Degrees(const Snapshot& graph, MemberId viewer,
                            std::span<const MemberId> members);

// Connections that a and b share, sorted by id; empty when a == b or either is unknown.
std::vector<MemberId> Mutuals(const Snapshot& graph, MemberId a, MemberId b,
                              const MemberPredicate& can_see_connections_of = {});

inline constexpr int kMaxPathHops = 6;

struct PathLimits {
  int max_hops = 3;        // REQUIRES: 0 <= max_hops <= kMaxPathHops.
  size_t max_paths = 100;  // REQUIRES: > 0.
};

struct Paths {
  // Each path runs from the source to the target, both included; all have the same, shortest,
  // length. Sorted by member ids, node by node.
  std::vector<std::vector<MemberId>> paths;
  // True when more shortest paths exist than max_paths; which ones were kept is unspecified but
  // the same for the same snapshot.
  bool truncated = false;

  // Connections between source and target; nullopt when there is no path within the limit.
  std::optional<int> hops() const {
    if (paths.empty()) return std::nullopt;
    return static_cast<int>(paths.front().size()) - 1;
  }
};

// Every shortest path from `from` to `to` of at most limits.max_hops connections whose
// intermediaries all pass can_see_connections_of, up to limits.max_paths of them. Searches from
// both ends, expanding the cheaper side, so the work is that of two half-depth searches. When
// from == to the one path is {from}.
Paths ShortestPaths(const Snapshot& graph, MemberId from, MemberId to,
                    const PathLimits& limits = {},
                    const MemberPredicate& can_see_connections_of = {});

struct Suggestion {
  MemberId member;
  uint32_t score = 0;         // Sum of SuggestionWeight over the mutual connections counted.
  uint32_t mutual_count = 0;  // Mutual connections counted.
};

// How much a mutual connection counts towards a suggestion: the viewer's own rating of them,
// so that people known through close ties come first. An unrated tie counts as 2: most ties
// go unrated, and an explicit 1 ("barely know them") should count for less.
inline constexpr uint32_t SuggestionWeight(Strength viewer_rating) {
  return viewer_rating == kUnrated ? 2 : viewer_rating;
}

// People the viewer may know: connections of the viewer's connections who are not yet
// connected to the viewer, best first (score, then mutual count, then id), at most `limit`.
// Only mutual connections passing can_see_connections_of count, and only members passing
// `discoverable` are suggested (the caller excludes whoever may not be found by the viewer,
// blocks included). An empty `discoverable` admits everyone.
std::vector<Suggestion> Suggestions(const Snapshot& graph, MemberId viewer, size_t limit,
                                    const MemberPredicate& discoverable = {},
                                    const MemberPredicate& can_see_connections_of = {});

// One of a member's connections, with the member's own private rating of it.
struct Connection {
  MemberId member;
  Strength strength = kUnrated;

  friend bool operator==(const Connection&, const Connection&) = default;
};

// The member's connections sorted by id; empty for an unknown member. Whether the viewer may
// see them is the caller's decision.
std::vector<Connection> Neighbors(const Snapshot& graph, MemberId member);
size_t ConnectionCount(const Snapshot& graph, MemberId member);
// `from`'s rating of `to`, or nullopt when they are not connected.
std::optional<Strength> StrengthOf(const Snapshot& graph, MemberId from, MemberId to);

}  // namespace enishi::graph
