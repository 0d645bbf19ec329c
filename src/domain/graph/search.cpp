#include "domain/graph/search.hpp"

#include <algorithm>
#include <utility>

#include "domain/graph/search_scratch.hpp"

namespace enishi::graph {
namespace {

bool Contains(std::span<const NodeIndex> sorted, NodeIndex node) {
  return std::binary_search(sorted.begin(), sorted.end(), node);
}

// A candidate for a suggestion before its id is looked up.
struct Candidate {
  uint32_t score;
  uint32_t mutual_count;
  NodeIndex node;
};

// Higher score first, then more mutual connections. Ties go to the lower id, decided later.
bool RanksBelow(const Candidate& a, const Candidate& b) {
  if (a.score != b.score) return a.score < b.score;
  return a.mutual_count < b.mutual_count;
}

}  // namespace

std::vector<Degree> Degrees(const Snapshot& graph, MemberId viewer,
                            std::span<const MemberId> members) {
  std::vector<Degree> degrees(members.size(), Degree::kBeyond);
  std::optional<NodeIndex> source = graph.IndexOf(viewer);

  // First the answers that need no search: the viewer, unknown members, connections.
  Adjacency first = source ? graph.Adjacent(*source) : Adjacency{};
  std::vector<std::pair<size_t, NodeIndex>> pending;  // (position in members, node)
  for (size_t i = 0; i < members.size(); ++i) {
    if (members[i] == viewer) {
      degrees[i] = Degree::kSelf;
      continue;
    }
    std::optional<NodeIndex> node = source ? graph.IndexOf(members[i]) : std::nullopt;
    if (!node) continue;
    if (Contains(first.nodes, *node)) {
      degrees[i] = Degree::kFirst;
    } else {
      pending.emplace_back(i, *node);
    }
  }
  if (pending.empty()) return degrees;

  // Mark everything within two hops once; then a member is second degree when marked, and third
  // when one of their connections is. Looking around each member costs a read of their
  // connections; when there are many members, marking the third ring once may cost less.
  ScratchLease scratch;
  NodeBitset& near = scratch->near;
  near.Prepare(graph.node_count());
  near.Set(*source);
  std::vector<NodeIndex> second_ring;
  size_t third_ring_cost = 0;  // Connections of the second ring, to read to mark the third.
  for (NodeIndex connection : first.nodes) near.Set(connection);
  for (NodeIndex connection : first.nodes) {
    for (NodeIndex second : graph.Adjacent(connection).nodes) {
      if (near.Test(second)) continue;
      near.Set(second);
      second_ring.push_back(second);
      third_ring_cost += graph.Adjacent(second).size();
    }
  }
  // Reading one member's connections misses the cache a few times; marking, about once per
  // connection.
  constexpr size_t kMarksPerMemberLookedAround = 4;
  const bool mark_third_ring = third_ring_cost < pending.size() * kMarksPerMemberLookedAround;
  NodeBitset& within_three = scratch->within_three;
  if (mark_third_ring) {
    within_three.Prepare(graph.node_count());
    for (NodeIndex second : second_ring) {
      for (NodeIndex third : graph.Adjacent(second).nodes) within_three.Set(third);
    }
  }
  for (auto [position, node] : pending) {
    if (near.Test(node)) {
      degrees[position] = Degree::kSecond;
      continue;
    }
    bool third = false;
    if (mark_third_ring) {
      third = within_three.Test(node);
    } else {
      std::span<const NodeIndex> around = graph.Adjacent(node).nodes;
      third = std::any_of(around.begin(), around.end(), [&](NodeIndex n) { return near.Test(n); });
    }
    if (third) degrees[position] = Degree::kThird;
  }
  return degrees;
}

std::vector<MemberId> Mutuals(const Snapshot& graph, MemberId a, MemberId b,
                              const MemberPredicate& can_see_connections_of) {
  std::optional<NodeIndex> node_a = graph.IndexOf(a);
  std::optional<NodeIndex> node_b = graph.IndexOf(b);
  if (!node_a || !node_b || *node_a == *node_b) return {};

  std::vector<NodeIndex> shared;
  IntersectSorted(graph.Adjacent(*node_a).nodes, graph.Adjacent(*node_b).nodes, shared);
  std::vector<MemberId> mutuals;
  mutuals.reserve(shared.size());
  for (NodeIndex node : shared) {
    MemberId member = graph.MemberAt(node);
    if (!can_see_connections_of || can_see_connections_of(member)) mutuals.push_back(member);
  }
  std::sort(mutuals.begin(), mutuals.end());
  return mutuals;
}

std::vector<Suggestion> Suggestions(const Snapshot& graph, MemberId viewer, size_t limit,
                                    const MemberPredicate& discoverable,
                                    const MemberPredicate& can_see_connections_of) {
  std::optional<NodeIndex> source = graph.IndexOf(viewer);
  if (!source || limit == 0) return {};
  Adjacency first = graph.Adjacent(*source);

  ScratchLease scratch;
  NodeBitset& known = scratch->near;  // The viewer and their connections: never suggested.
  known.Prepare(graph.node_count());
  known.Set(*source);
  for (NodeIndex connection : first.nodes) known.Set(connection);

  NodeScores& scores = scratch->scores;
  scores.Prepare(graph.node_count());
  for (size_t i = 0; i < first.size(); ++i) {
    NodeIndex mutual = first.nodes[i];
    if (can_see_connections_of && !can_see_connections_of(graph.MemberAt(mutual))) continue;
    uint32_t weight = SuggestionWeight(first.strengths[i]);
    for (NodeIndex candidate : graph.Adjacent(mutual).nodes) {
      if (!known.Test(candidate)) scores.Add(candidate, weight);
    }
  }

  // A heap rather than a sort: only the best few are popped. Ids are looked up only for them,
  // one group of equally ranked candidates at a time, and sorted to break the tie.
  std::vector<Candidate> candidates;
  candidates.reserve(scores.scored_nodes().size());
  for (NodeIndex node : scores.scored_nodes()) {
    candidates.push_back({scores.score(node), scores.count(node), node});
  }
  std::make_heap(candidates.begin(), candidates.end(), RanksBelow);
  std::vector<Suggestion> suggestions;
  std::vector<Suggestion> tied;
  auto end = candidates.end();
  while (end != candidates.begin() && suggestions.size() < limit) {
    Candidate best = candidates.front();
    tied.clear();
    while (end != candidates.begin() && !RanksBelow(candidates.front(), best)) {
      std::pop_heap(candidates.begin(), end, RanksBelow);
      --end;
      tied.push_back({graph.MemberAt(end->node), end->score, end->mutual_count});
    }
    std::sort(tied.begin(), tied.end(),
              [](const Suggestion& x, const Suggestion& y) { return x.member < y.member; });
    for (const Suggestion& suggestion : tied) {
      if (suggestions.size() == limit) break;
      if (!discoverable || discoverable(suggestion.member)) suggestions.push_back(suggestion);
    }
  }
  return suggestions;
}

std::vector<Connection> Neighbors(const Snapshot& graph, MemberId member) {
  std::optional<NodeIndex> node = graph.IndexOf(member);
  if (!node) return {};
  Adjacency adjacency = graph.Adjacent(*node);
  std::vector<Connection> connections;
  connections.reserve(adjacency.size());
  for (size_t i = 0; i < adjacency.size(); ++i) {
    connections.push_back({graph.MemberAt(adjacency.nodes[i]), adjacency.strengths[i]});
  }
  std::sort(connections.begin(), connections.end(),
            [](const Connection& x, const Connection& y) { return x.member < y.member; });
  return connections;
}

size_t ConnectionCount(const Snapshot& graph, MemberId member) {
  std::optional<NodeIndex> node = graph.IndexOf(member);
  return node ? graph.Adjacent(*node).size() : 0;
}

std::optional<Strength> StrengthOf(const Snapshot& graph, MemberId from, MemberId to) {
  std::optional<NodeIndex> node_from = graph.IndexOf(from);
  std::optional<NodeIndex> node_to = graph.IndexOf(to);
  if (!node_from || !node_to) return std::nullopt;
  Adjacency adjacency = graph.Adjacent(*node_from);
  auto at = std::lower_bound(adjacency.nodes.begin(), adjacency.nodes.end(), *node_to);
  if (at == adjacency.nodes.end() || *at != *node_to) return std::nullopt;
  return adjacency.strengths[static_cast<size_t>(at - adjacency.nodes.begin())];
}

}  // namespace enishi::graph
