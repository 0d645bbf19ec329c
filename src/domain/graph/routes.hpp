#pragma once
// Introduction routes: who could introduce a member to someone two or three hops away, best
// first. For a target two hops away a route is requester → I → target; for one three hops away
// it is the chain requester → I1 → I2 → target.
//
// Scoring. How well two members know each other is the tie score of their connection: the sum
// of both sides' private ratings of it, each weighted as SuggestionWeight does (kUnrated counts
// 2), so 2 to 10. A route is as good as its weakest tie:
//   score = 1000 * min(tie scores) + 100 * sum(tie scores) + sum(bonus(intermediary)).
// The score is for ordering only and must never be shown: it would give the ratings away.
//
// Privacy and thread-safety: as search.hpp. Intermediaries pass can_see_connections_of (every
// tie on a route then lies on a list the requester may see); the endpoints are exempt. The
// bonus runs on the calling thread, at most once per member per call and only for members on
// some route; it may query the graph again.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <vector>

#include "core/ids.hpp"
#include "domain/graph/search.hpp"
#include "domain/graph/snapshot.hpp"

namespace enishi::graph {

// A caller-supplied bonus for an intermediary, from facts outside the graph (seniority fit with
// the target, a shared company or school, how they answered introductions before). Expected in
// 0..500, so that it reorders routes of similar strength without outweighing a weaker tie. An
// empty function counts 0 for everyone.
using IntermediaryBonus = std::function<int32_t(MemberId intermediary)>;

struct RouteLimits {
  size_t max_routes = 10;  // The best this many are returned.
  int max_hops = 3;        // REQUIRES: 2 or 3.
};

struct Route {
  std::vector<MemberId> intermediaries;  // 1 (two hops) or 2 (three hops), from the requester.
  int64_t score = 0;                     // Higher is better. For ordering only; never shown.

  friend bool operator==(const Route&, const Route&) = default;
};

// The best routes from `requester` to `target`, at most limits.max_routes of them, best first;
// equal scores go by the intermediaries' ids, in order from the requester. Every route of the
// shortest length through intermediaries that pass can_see_connections_of is considered, not a
// sample, and only routes of that length are returned. Empty when the target is the requester,
// a connection of theirs, unknown, or farther than limits.max_hops along such routes. The same
// snapshot and callbacks always give the same answer.
std::vector<Route> RankRoutes(const Snapshot& graph, MemberId requester, MemberId target,
                              const RouteLimits& limits = {},
                              const MemberPredicate& can_see_connections_of = {},
                              const IntermediaryBonus& bonus = {});

}  // namespace enishi::graph
