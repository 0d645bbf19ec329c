#pragma once
// Helpers for the graph index tests: building a graph from a short edge list, and
// ReferenceGraph, a deliberately plain model (ordered maps and textbook breadth-first search)
// that the index's answers are checked against.

#include <algorithm>
#include <cstdint>
#include <deque>
#include <initializer_list>
#include <map>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "core/check.hpp"
#include "core/ids.hpp"
#include "domain/graph/csr_graph.hpp"
#include "domain/graph/graph_builder.hpp"
#include "domain/graph/search.hpp"

namespace enishi::graph::testing {

// One connection of a test graph, with each side's rating of the other.
struct TestEdge {
  uint64_t a;
  uint64_t b;
  Strength a_rates_b = kUnrated;
  Strength b_rates_a = kUnrated;
};

inline std::shared_ptr<const CsrGraph> BuildGraph(std::initializer_list<TestEdge> edges) {
  GraphBuilder builder;
  for (const TestEdge& edge : edges) {
    Result<void> added =
        builder.AddConnection(MemberId(edge.a), MemberId(edge.b), edge.a_rates_b, edge.b_rates_a);
    ENISHI_CHECK(added.has_value(), "test edge rejected");
  }
  return std::move(builder).Build();
}

// Paths as ShortestPaths lists them.
using PathList = std::vector<std::vector<MemberId>>;

inline std::vector<MemberId> Ids(std::initializer_list<uint64_t> values) {
  std::vector<MemberId> ids;
  for (uint64_t value : values) ids.emplace_back(value);
  return ids;
}

class ReferenceGraph {
 public:
  using Path = std::vector<MemberId>;

  void Add(MemberId a, MemberId b) {
    adjacency_[a].emplace(b, kUnrated);
    adjacency_[b].emplace(a, kUnrated);
  }
  void Remove(MemberId a, MemberId b) {
    if (auto it = adjacency_.find(a); it != adjacency_.end()) it->second.erase(b);
    if (auto it = adjacency_.find(b); it != adjacency_.end()) it->second.erase(a);
  }
  void Rate(MemberId from, MemberId to, Strength strength) { adjacency_[from][to] = strength; }

  std::optional<Strength> StrengthOf(MemberId from, MemberId to) const {
    auto list = adjacency_.find(from);
    if (list == adjacency_.end()) return std::nullopt;
    auto it = list->second.find(to);
    if (it == list->second.end()) return std::nullopt;
    return it->second;
  }

  std::vector<Connection> Neighbors(MemberId member) const {
    std::vector<Connection> connections;
    if (auto list = adjacency_.find(member); list != adjacency_.end()) {
      for (auto [other, strength] : list->second) connections.push_back({other, strength});
    }
    return connections;
  }

  // Hop counts from `from` of every member within max_hops, passing only through members that
  // `can_pass` admits (and never through `stop`).
  std::map<MemberId, int> Distances(MemberId from, int max_hops, const MemberPredicate& can_pass,
                                    std::optional<MemberId> stop = std::nullopt) const {
    std::map<MemberId, int> distance{{from, 0}};
    std::deque<MemberId> queue{from};
    while (!queue.empty()) {
      MemberId node = queue.front();
      queue.pop_front();
      int hops = distance[node];
      if (hops == max_hops) continue;
      bool endpoint = node == from;
      if (!endpoint && (node == stop || (can_pass && !can_pass(node)))) continue;
      for (const Connection& next : Neighbors(node)) {
        if (distance.emplace(next.member, hops + 1).second) queue.push_back(next.member);
      }
    }
    return distance;
  }

  Degree DegreeOf(MemberId viewer, MemberId member) const {
    auto distance = Distances(viewer, 3, {});
    auto it = distance.find(member);
    if (it == distance.end()) return Degree::kBeyond;
    return static_cast<Degree>(it->second);
  }

  std::vector<MemberId> Mutuals(MemberId a, MemberId b, const MemberPredicate& can_see) const {
    std::vector<MemberId> mutuals;
    if (a == b) return mutuals;
    for (const Connection& connection : Neighbors(a)) {
      if (StrengthOf(connection.member, b) && (!can_see || can_see(connection.member))) {
        mutuals.push_back(connection.member);
      }
    }
    return mutuals;
  }

  // Every shortest path within max_hops, sorted: distances by BFS from `from`, then every walk
  // back from `to` through members one hop closer each time.
  std::vector<Path> ShortestPaths(MemberId from, MemberId to, int max_hops,
                                  const MemberPredicate& can_pass) const {
    if (from == to) return {{from}};
    auto distance = Distances(from, max_hops, can_pass, to);
    if (!distance.count(to)) return {};
    std::vector<Path> paths;
    Path reversed{to};
    WalkBack(distance, from, can_pass, reversed, paths);
    std::sort(paths.begin(), paths.end());
    return paths;
  }

  // People-you-may-know by brute force over every member two hops away.
  std::vector<Suggestion> Suggestions(MemberId viewer, size_t limit,
                                      const MemberPredicate& discoverable,
                                      const MemberPredicate& can_see) const {
    std::map<MemberId, Suggestion> scored;
    for (const Connection& mutual : Neighbors(viewer)) {
      if (can_see && !can_see(mutual.member)) continue;
      for (const Connection& candidate : Neighbors(mutual.member)) {
        if (candidate.member == viewer || StrengthOf(viewer, candidate.member)) continue;
        Suggestion& suggestion = scored[candidate.member];
        suggestion.member = candidate.member;
        suggestion.score += SuggestionWeight(mutual.strength);
        ++suggestion.mutual_count;
      }
    }
    std::vector<Suggestion> ranked;
    for (const auto& [member, suggestion] : scored) {
      if (!discoverable || discoverable(member)) ranked.push_back(suggestion);
    }
    std::sort(ranked.begin(), ranked.end(), [](const Suggestion& x, const Suggestion& y) {
      if (x.score != y.score) return x.score > y.score;
      if (x.mutual_count != y.mutual_count) return x.mutual_count > y.mutual_count;
      return x.member < y.member;
    });
    if (ranked.size() > limit) ranked.resize(limit);
    return ranked;
  }

  std::vector<MemberId> members() const {
    std::vector<MemberId> all;
    for (const auto& [member, list] : adjacency_) all.push_back(member);
    return all;
  }

 private:
  void WalkBack(const std::map<MemberId, int>& distance, MemberId from,
                const MemberPredicate& can_pass, Path& reversed, std::vector<Path>& paths) const {
    MemberId node = reversed.back();
    if (node == from) {
      paths.emplace_back(reversed.rbegin(), reversed.rend());
      return;
    }
    int hops = distance.at(node);
    for (const Connection& previous : Neighbors(node)) {
      auto it = distance.find(previous.member);
      if (it == distance.end() || it->second != hops - 1) continue;
      if (previous.member != from && can_pass && !can_pass(previous.member)) continue;
      reversed.push_back(previous.member);
      WalkBack(distance, from, can_pass, reversed, paths);
      reversed.pop_back();
    }
  }

  std::map<MemberId, std::map<MemberId, Strength>> adjacency_;
};

}  // namespace enishi::graph::testing
