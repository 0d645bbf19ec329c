// ShortestPaths from search.hpp: a bidirectional breadth-first search that expands, level by
// level, whichever side is cheaper, then lists the paths through the nodes where the two
// searches met.
#include <algorithm>
#include <optional>
#include <utility>
#include <vector>

#include "core/check.hpp"
#include "domain/graph/search.hpp"
#include "domain/graph/search_scratch.hpp"

namespace enishi::graph {
namespace {

// The nodes one side of the search has reached, labelled with their hop count from its root.
struct SearchSide {
  NodeIndex root;
  NodeBitset& reached;
  NodeLabels& hops;
  std::vector<NodeIndex> frontier;  // The nodes at `depth` hops.
  int depth = 0;
  std::optional<uint64_t> frontier_cost = std::nullopt;  // Entries to read to expand it.

  void Reach(NodeIndex node, int node_hops) {
    reached.Set(node);
    hops.Set(node, static_cast<uint8_t>(node_hops));
  }
};

class PathSearch {
 public:
  PathSearch(const Snapshot& graph, SearchScratch& scratch, const MemberPredicate& can_pass,
             NodeIndex from, NodeIndex to)
      : graph_(graph),
        can_pass_(can_pass),
        passable_(scratch.usable),
        from_{from, scratch.forward_reached, scratch.forward_hops, {from}},
        to_{to, scratch.backward_reached, scratch.backward_hops, {to}} {
    size_t node_count = graph.node_count();
    for (SearchSide* side : {&from_, &to_}) {
      side->reached.Prepare(node_count);
      side->hops.Prepare(node_count);
      side->Reach(side->root, 0);
    }
    passable_.Prepare(node_count);
  }

  Paths Run(const PathLimits& limits) {
    while (from_.depth + to_.depth < limits.max_hops) {
      bool forward = ExpansionCost(from_) <= ExpansionCost(to_);
      SearchSide& side = forward ? from_ : to_;
      SearchSide& other = forward ? to_ : from_;
      bool last_level = side.depth + 1 + other.depth == limits.max_hops;
      std::vector<NodeIndex> meeting = Expand(side, other, last_level);
      if (!meeting.empty()) return ListPaths(meeting, limits.max_paths);
      if (side.frontier.empty()) break;  // Nothing further on this side: no path at all.
    }
    return {};
  }

 private:
  // True when `node` may sit inside a path: not an endpoint, and the viewer may see its list.
  bool CanPassThrough(NodeIndex node) {
    if (node == from_.root || node == to_.root) return false;
    if (!can_pass_) return true;
    if (!passable_.IsSet(node)) passable_.Set(node, can_pass_(graph_.MemberAt(node)) ? 1 : 0);
    return passable_[node] == 1;
  }
  bool CanLeave(const SearchSide& side, NodeIndex node) {
    return node == side.root || CanPassThrough(node);
  }

  uint64_t ExpansionCost(SearchSide& side) const {
    if (!side.frontier_cost) {
      side.frontier_cost = 0;
      for (NodeIndex node : side.frontier) *side.frontier_cost += graph_.Adjacent(node).size();
    }
    return *side.frontier_cost;
  }

  // Advances `side` by one hop and returns the nodes where it met `other`. On the last level
  // allowed, only meeting nodes are labelled: nothing will be expanded from there.
  std::vector<NodeIndex> Expand(SearchSide& side, SearchSide& other, bool last_level) {
    int next_depth = side.depth + 1;
    std::vector<NodeIndex> next;
    std::vector<NodeIndex> meeting;
    for (NodeIndex node : side.frontier) {
      if (!CanLeave(side, node)) continue;
      for (NodeIndex reached : graph_.Adjacent(node).nodes) {
        if (side.reached.Test(reached)) continue;
        bool meets = other.reached.Test(reached) && CanLeave(other, reached);
        if (last_level && !meets) continue;
        side.Reach(reached, next_depth);
        next.push_back(reached);
        if (meets) meeting.push_back(reached);
      }
    }
    side.frontier = std::move(next);
    side.frontier_cost.reset();
    side.depth = next_depth;
    return meeting;
  }

  // Calls emit with each shortest path from `node` back to side.root (node first), as long as
  // emit returns true. Returns false once emit has.
  template <class Emit>
  bool WalkBack(const SearchSide& side, NodeIndex node, std::vector<NodeIndex>& path,
                const Emit& emit) {
    path.push_back(node);
    bool more = true;
    if (node == side.root) {
      more = emit(path);
    } else {
      uint8_t previous = static_cast<uint8_t>(side.hops[node] - 1);
      for (NodeIndex step : graph_.Adjacent(node).nodes) {
        if (side.hops[step] != previous || !CanLeave(side, step)) continue;
        more = WalkBack(side, step, path, emit);
        if (!more) break;
      }
    }
    path.pop_back();
    return more;
  }

  // Every shortest path is one half-path from the source to a meeting node joined to one from
  // there to the target.
  Paths ListPaths(std::vector<NodeIndex> meeting, size_t max_paths) {
    std::sort(meeting.begin(), meeting.end());
    Paths result;
    std::vector<std::vector<NodeIndex>> found;
    std::vector<NodeIndex> walk;
    for (NodeIndex middle : meeting) {
      // The halves towards the target, as many as could be used.
      std::vector<std::vector<NodeIndex>> to_halves;
      WalkBack(to_, middle, walk, [&](const std::vector<NodeIndex>& half) {
        to_halves.push_back(half);
        return to_halves.size() <= max_paths;
      });
      bool more = WalkBack(from_, middle, walk, [&](const std::vector<NodeIndex>& from_half) {
        for (const auto& to_half : to_halves) {
          if (found.size() == max_paths) {
            result.truncated = true;
            return false;
          }
          std::vector<NodeIndex>& path = found.emplace_back(from_half.rbegin(), from_half.rend());
          path.insert(path.end(), to_half.begin() + 1, to_half.end());
        }
        return true;
      });
      if (!more) break;
    }

    result.paths.reserve(found.size());
    for (const auto& nodes : found) {
      std::vector<MemberId>& members = result.paths.emplace_back();
      members.reserve(nodes.size());
      for (NodeIndex node : nodes) members.push_back(graph_.MemberAt(node));
    }
    std::sort(result.paths.begin(), result.paths.end());
    return result;
  }

  const Snapshot& graph_;
  const MemberPredicate& can_pass_;
  NodeLabels& passable_;  // 1 or 0: the predicate's answer for each node asked about.
  SearchSide from_;
  SearchSide to_;
};

}  // namespace

Paths ShortestPaths(const Snapshot& graph, MemberId from, MemberId to, const PathLimits& limits,
                    const MemberPredicate& can_see_connections_of) {
  ENISHI_CHECK(limits.max_hops >= 0 && limits.max_hops <= kMaxPathHops, "max_hops out of range");
  ENISHI_CHECK(limits.max_paths > 0, "max_paths must be positive");
  if (from == to) return {{{from}}, false};
  std::optional<NodeIndex> source = graph.IndexOf(from);
  std::optional<NodeIndex> target = graph.IndexOf(to);
  if (!source || !target) return {};

  ScratchLease scratch;
  return PathSearch(graph, *scratch, can_see_connections_of, *source, *target).Run(limits);
}

}  // namespace enishi::graph
