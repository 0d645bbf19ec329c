// RankRoutes from routes.hpp. Two-hop routes come from intersecting the endpoints' lists.
// Three-hop chains come from marking one endpoint's connections and reading the lists of the
// other endpoint's connections against the marks, from whichever end reads less; each chain is
// scored as it is found and only the best few are kept.
#include "domain/graph/routes.hpp"

#include <algorithm>
#include <initializer_list>
#include <limits>
#include <optional>
#include <span>

#include "core/check.hpp"
#include "domain/graph/search_scratch.hpp"

namespace enishi::graph {
namespace {

// `list`'s owner's rating of `node`. REQUIRES: node is in the list.
Strength RatingIn(Adjacency list, NodeIndex node) {
  auto at = std::lower_bound(list.nodes.begin(), list.nodes.end(), node);
  return list.strengths[static_cast<size_t>(at - list.nodes.begin())];
}

int32_t TieScore(Strength a_rates_b, Strength b_rates_a) {
  return static_cast<int32_t>(SuggestionWeight(a_rates_b) + SuggestionWeight(b_rates_a));
}

// The score of a route with these ties, before bonuses.
int64_t TiesScore(std::initializer_list<int32_t> ties) {
  int64_t sum = 0;
  for (int32_t tie : ties) sum += tie;
  return 1000 * int64_t{std::min(ties)} + 100 * sum;
}

// A route found: its score and intermediaries in order from the requester (`second` is
// invalid on a two-hop route).
struct FoundRoute {
  int64_t score;
  MemberId first;
  MemberId second;
};

// Higher score first, then lower ids.
bool Better(const FoundRoute& a, const FoundRoute& b) {
  if (a.score != b.score) return a.score > b.score;
  if (a.first != b.first) return a.first < b.first;
  return a.second < b.second;
}

// The best `limit` routes offered. A heap whose top is the worst kept, so that a route costs
// O(log limit) and most are turned away by one comparison.
class TopRoutes {
 public:
  explicit TopRoutes(size_t limit) : limit_(limit) {}

  void Offer(const FoundRoute& found) {
    if (heap_.size() < limit_) {
      heap_.push_back(found);
      std::push_heap(heap_.begin(), heap_.end(), Better);
    } else if (Better(found, heap_.front())) {
      std::pop_heap(heap_.begin(), heap_.end(), Better);
      heap_.back() = found;
      std::push_heap(heap_.begin(), heap_.end(), Better);
    }
  }
  std::vector<Route> Sorted() {
    std::sort(heap_.begin(), heap_.end(), Better);
    std::vector<Route> routes;
    routes.reserve(heap_.size());
    for (const FoundRoute& found : heap_) {
      Route& route = routes.emplace_back();
      route.intermediaries.push_back(found.first);
      if (found.second.valid()) route.intermediaries.push_back(found.second);
      route.score = found.score;
    }
    return routes;
  }

 private:
  size_t limit_;
  std::vector<FoundRoute> heap_;
};

class RouteSearch {
 public:
  RouteSearch(const Snapshot& graph, SearchScratch& scratch, const MemberPredicate& can_pass,
              const IntermediaryBonus& bonus, NodeIndex requester, NodeIndex target)
      : graph_(graph),
        scratch_(scratch),
        can_pass_(can_pass),
        bonus_(bonus),
        requester_(requester),
        target_(target) {
    scratch_.usable.Prepare(graph.node_count());
  }

  std::vector<Route> Run(const RouteLimits& limits) {
    TopRoutes top(limits.max_routes);
    if (!TwoHops(top) && limits.max_hops == 3) ThreeHops(top);
    return top.Sorted();
  }

 private:
  // What a three-hop search learns about a connection of the marked end, once.
  struct MarkedNeighbour {
    enum class State : uint8_t { kUnknown, kHidden, kUsable };
    State state = State::kUnknown;
    int32_t tie = 0;  // With the marked end.
    int32_t bonus = 0;
    MemberId member;
  };
  // A connection of the scanned end's connection that is also one of the marked end's.
  struct Hit {
    NodeIndex node;
    Strength rating;  // The scanned connection's rating of it.
  };

  bool CanPassThrough(NodeIndex node) {
    if (!can_pass_) return true;
    NodeLabels& usable = scratch_.usable;
    if (!usable.IsSet(node)) usable.Set(node, can_pass_(graph_.MemberAt(node)) ? 1 : 0);
    return usable[node] == 1;
  }
  int32_t BonusOf(MemberId member) const { return bonus_ ? bonus_(member) : 0; }

  // Offers every two-hop route; returns whether there was one.
  bool TwoHops(TopRoutes& top) {
    Adjacency from = graph_.Adjacent(requester_);
    Adjacency to = graph_.Adjacent(target_);
    std::vector<NodeIndex> shared;
    IntersectSorted(from.nodes, to.nodes, shared);
    bool found = false;
    for (NodeIndex middle : shared) {
      if (!CanPassThrough(middle)) continue;
      found = true;
      Adjacency around = graph_.Adjacent(middle);
      int64_t score = TiesScore({TieScore(RatingIn(from, middle), RatingIn(around, requester_)),
                                 TieScore(RatingIn(around, target_), RatingIn(to, middle))});
      MemberId member = graph_.MemberAt(middle);
      top.Offer({score + BonusOf(member), member, MemberId()});
    }
    return found;
  }

  // Entries of the lists of `end`'s connections, counted until past `cap`.
  uint64_t ScanCost(NodeIndex end, uint64_t cap) const {
    uint64_t cost = 0;
    for (NodeIndex node : graph_.Adjacent(end).nodes) {
      cost += graph_.Adjacent(node).size();
      if (cost > cap) break;
    }
    return cost;
  }

  // The end to scan from. The chains are the same read from either end, so it is the one whose
  // connections' lists are shorter in all; counting the longer stops once it is the longer.
  NodeIndex EndToScan() const {
    bool requester_smaller = graph_.Adjacent(requester_).size() <= graph_.Adjacent(target_).size();
    NodeIndex smaller = requester_smaller ? requester_ : target_;
    NodeIndex larger = requester_smaller ? target_ : requester_;
    uint64_t smaller_cost = ScanCost(smaller, std::numeric_limits<uint64_t>::max());
    return ScanCost(larger, smaller_cost) < smaller_cost ? larger : smaller;
  }

  // Offers every three-hop chain. REQUIRES: no two-hop route through a visible list.
  void ThreeHops(TopRoutes& top) {
    NodeIndex scanned_end = EndToScan();
    marked_end_ = scanned_end == requester_ ? target_ : requester_;
    marked_ = graph_.Adjacent(marked_end_);
    NodeBitset& is_marked = scratch_.near;
    is_marked.Prepare(graph_.node_count());
    for (NodeIndex node : marked_.nodes) is_marked.Set(node);
    marked_neighbours_.assign(marked_.size(), {});

    Adjacency scanned = graph_.Adjacent(scanned_end);
    std::vector<Hit> hits;
    for (size_t i = 0; i < scanned.size(); ++i) {
      NodeIndex near = scanned.nodes[i];
      if (!CanPassThrough(near)) continue;
      Adjacency around = graph_.Adjacent(near);
      hits.clear();
      for (size_t j = 0; j < around.size(); ++j) {
        if (is_marked.Test(around.nodes[j])) hits.push_back({around.nodes[j], around.strengths[j]});
      }
      if (hits.empty()) continue;
      int32_t near_tie = TieScore(scanned.strengths[i], RatingIn(around, scanned_end));
      OfferChains(near, near_tie, hits, scanned_end == requester_, top);
    }
  }

  // Offers the chains through `near`, a connection of the scanned end, and each of `hits`.
  void OfferChains(NodeIndex near, int32_t near_tie, const std::vector<Hit>& hits,
                   bool from_requester, TopRoutes& top) {
    MemberId near_member;
    int32_t near_bonus = 0;
    for (const Hit& hit : hits) {
      const MarkedNeighbour& far = MarkedNeighbourAt(hit.node);
      if (far.state == MarkedNeighbour::State::kHidden) continue;
      if (!near_member.valid()) {
        near_member = graph_.MemberAt(near);
        near_bonus = BonusOf(near_member);
      }
      int32_t middle_tie = TieScore(hit.rating, RatingIn(graph_.Adjacent(hit.node), near));
      int64_t score = TiesScore({near_tie, middle_tie, far.tie}) + near_bonus + far.bonus;
      if (from_requester) {
        top.Offer({score, near_member, far.member});
      } else {
        top.Offer({score, far.member, near_member});
      }
    }
  }

  // What a chain needs of `node`, a connection of the marked end: learnt on its first hit, so
  // that the predicate and the bonus are asked only about members on a chain.
  const MarkedNeighbour& MarkedNeighbourAt(NodeIndex node) {
    auto at = std::lower_bound(marked_.nodes.begin(), marked_.nodes.end(), node);
    size_t position = static_cast<size_t>(at - marked_.nodes.begin());
    MarkedNeighbour& neighbour = marked_neighbours_[position];
    if (neighbour.state != MarkedNeighbour::State::kUnknown) return neighbour;
    if (!CanPassThrough(node)) {
      neighbour.state = MarkedNeighbour::State::kHidden;
      return neighbour;
    }
    neighbour.state = MarkedNeighbour::State::kUsable;
    neighbour.tie =
        TieScore(marked_.strengths[position], RatingIn(graph_.Adjacent(node), marked_end_));
    neighbour.member = graph_.MemberAt(node);
    neighbour.bonus = BonusOf(neighbour.member);
    return neighbour;
  }

  const Snapshot& graph_;
  SearchScratch& scratch_;
  const MemberPredicate& can_pass_;
  const IntermediaryBonus& bonus_;
  NodeIndex requester_;
  NodeIndex target_;
  // Three hops: the end whose connections are marked, its list, and what is known of each.
  NodeIndex marked_end_ = 0;
  Adjacency marked_;
  std::vector<MarkedNeighbour> marked_neighbours_;  // Parallel to marked_.
};

}  // namespace

std::vector<Route> RankRoutes(const Snapshot& graph, MemberId requester, MemberId target,
                              const RouteLimits& limits,
                              const MemberPredicate& can_see_connections_of,
                              const IntermediaryBonus& bonus) {
  ENISHI_CHECK(limits.max_hops == 2 || limits.max_hops == 3, "max_hops must be 2 or 3");
  if (requester == target || limits.max_routes == 0) return {};
  std::optional<NodeIndex> source = graph.IndexOf(requester);
  std::optional<NodeIndex> destination = graph.IndexOf(target);
  if (!source || !destination) return {};
  std::span<const NodeIndex> connections = graph.Adjacent(*source).nodes;
  if (std::binary_search(connections.begin(), connections.end(), *destination)) return {};

  ScratchLease scratch;
  return RouteSearch(graph, *scratch, can_see_connections_of, bonus, *source, *destination)
      .Run(limits);
}

}  // namespace enishi::graph
