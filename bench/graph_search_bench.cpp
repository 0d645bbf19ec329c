// The graph index against its targets at 1M members / 50M connections, on one core: degree
// badges for a page of 50 members (p99 < 0.5 ms), all shortest paths of up to 3 hops capped at
// 100 (p99 < 1 ms), mutual connections (p99 < 50 us), the best introduction routes to a member
// two or three hops away out of all shortest routes (p99 < 2 ms), at most 8 bytes per directed
// adjacency entry; plus suggestions, build time from an edge list, and overlay writes.
//
// In the same run every query is also answered by plain breadth-first search from the source
// over the same snapshot: the reference. The two must agree, answer for answer.
//
// ENISHI_GRAPH_BENCH_SIZES picks the networks (comma-separated): "100k" is 100k members with
// 2.5M connections, "1m" is 1M with 50M; the default is 100k. Each query benchmark runs a fixed,
// seeded set of queries, one per iteration, timed one by one; p50_us and p99_us are their
// percentiles. A summary table follows the usual output.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "bench_rng.hpp"
#include "percentiles.hpp"
#include "domain/graph/connection_source.hpp"
#include "domain/graph/graph_builder.hpp"
#include "domain/graph/graph_index.hpp"
#include "domain/graph/routes.hpp"
#include "domain/graph/search.hpp"
#include "domain/graph/snapshot.hpp"
#include "tools/gen_graph.hpp"

namespace enishi::graph {
namespace {

using Clock = std::chrono::steady_clock;

struct NetworkSize {
  std::string name;
  size_t members;
  size_t connections;
  // The reference takes tens of milliseconds per query at 1M; fewer samples keep the run short.
  size_t reference_queries;
};

const NetworkSize kSizes[] = {{"100k", 100'000, 2'500'000, 1000},
                              {"1m", 1'000'000, 50'000'000, 200}};

constexpr size_t kQueries = 1000;
constexpr size_t kPageSize = 50;
constexpr size_t kSuggestionLimit = 20;
constexpr PathLimits kPathLimits{3, 100};
constexpr RouteLimits kRouteLimits{10, 3};
// Recent changes held in the overlay while the queries run, as between two folds in production.
constexpr size_t kOverlayChanges = 2000;
constexpr double kHiddenListShare = 0.10;      // Members who hide their connection list.
constexpr double kUndiscoverableShare = 0.20;  // Members the viewer may not be suggested.
constexpr double kBonusShare = 0.30;           // Members with an introduction bonus (0 to 500).
constexpr uint64_t kSeed = 42;

using bench::Rng;

// One network and everything its benchmarks share: the index, the snapshot the reference
// searches, the privacy predicates and the seeded query sets.
struct Workload {
  NetworkSize size;
  std::vector<MemberId> members;
  std::vector<ConnectionRecord> edge_list;  // As a store would hand it over.
  std::unique_ptr<GraphIndex> index;
  std::shared_ptr<const Snapshot> snapshot;  // The index's state once the overlay is in place.
  double build_seconds = 0;
  std::vector<double> write_micros;

  std::unordered_set<MemberId> hidden_lists;
  std::unordered_set<MemberId> undiscoverable;
  MemberPredicate can_see_connections_of;
  MemberPredicate discoverable;
  std::unordered_map<MemberId, int32_t> bonuses;
  IntermediaryBonus bonus;

  std::vector<MemberId> viewers;
  std::vector<std::vector<MemberId>> pages;
  std::vector<std::pair<MemberId, MemberId>> random_pairs;   // For paths.
  std::vector<std::pair<MemberId, MemberId>> two_hop_pairs;  // For mutuals.
  // For routes: (requester, target) exactly two and three hops apart.
  std::vector<std::pair<MemberId, MemberId>> route_pairs_2;
  std::vector<std::pair<MemberId, MemberId>> route_pairs_3;

  // Each index benchmark's answers, for the reference to check against.
  std::map<std::string, std::vector<std::vector<uint64_t>>> index_answers;
};

Workload& CurrentWorkload(const NetworkSize& size, bool with_index);

// --- Building ---

double Seconds(Clock::duration duration) { return std::chrono::duration<double>(duration).count(); }

void BuildIndex(Workload& workload) {
  Clock::time_point start = Clock::now();
  GraphBuilder builder;
  builder.Reserve(workload.members.size(), workload.edge_list.size());
  for (const ConnectionRecord& record : workload.edge_list) {
    Result<void> added =
        builder.AddConnection(record.a, record.b, record.a_rates_b, record.b_rates_a);
    if (!added) std::abort();  // The generator only makes valid connections.
  }
  workload.index = std::make_unique<GraphIndex>(std::move(builder).Build());
  workload.build_seconds = Seconds(Clock::now() - start);
}

MemberId RandomMember(const Workload& workload, Rng& rng) {
  return workload.members[rng.Below(workload.members.size())];
}

// A member two hops from `from` by a random walk (so busy members come up more, as they do
// when people browse), or nullopt on a dead end.
std::optional<MemberId> TwoHopsFrom(const Snapshot& graph, MemberId from, Rng& rng) {
  std::span<const NodeIndex> first = graph.Adjacent(*graph.IndexOf(from)).nodes;
  if (first.empty()) return std::nullopt;
  std::span<const NodeIndex> second = graph.Adjacent(first[rng.Below(first.size())]).nodes;
  MemberId to = graph.MemberAt(second[rng.Below(second.size())]);
  if (to == from) return std::nullopt;
  return to;
}

// New connections close triangles (friends of friends meet); removals are random.
void ApplyOverlayChanges(Workload& workload, Rng& rng) {
  for (size_t change = 0; change < kOverlayChanges; ++change) {
    std::shared_ptr<const Snapshot> current = workload.index->snapshot();
    const Snapshot& graph = *current;
    MemberId a = RandomMember(workload, rng);
    std::optional<MemberId> b = TwoHopsFrom(graph, a, rng);
    if (!b) continue;
    bool remove = change % 4 == 3;
    if (remove) b = graph.MemberAt(graph.Adjacent(*graph.IndexOf(a)).nodes[0]);
    Clock::time_point start = Clock::now();
    Result<void> done =
        remove ? workload.index->RemoveConnection(a, *b) : workload.index->AddConnection(a, *b);
    workload.write_micros.push_back(Seconds(Clock::now() - start) * 1e6);
    if (!done) std::abort();
  }
}

// A member `steps` connections from `from` by a random walk, if it ends exactly that many hops
// away; nullopt otherwise.
std::optional<MemberId> WalkExactly(const Snapshot& graph, MemberId from, int steps, Rng& rng) {
  NodeIndex node = *graph.IndexOf(from);
  for (int step = 0; step < steps; ++step) {
    std::span<const NodeIndex> next = graph.Adjacent(node).nodes;
    if (next.empty()) return std::nullopt;
    node = next[rng.Below(next.size())];
  }
  MemberId to = graph.MemberAt(node);
  if (Degrees(graph, from, {&to, 1})[0] != static_cast<Degree>(steps)) return std::nullopt;
  return to;
}

// Drawn from a generator of their own, so that the other query sets stay as they were.
void PrepareRouteQueries(Workload& workload) {
  Rng rng(kSeed + 1);
  for (MemberId member : workload.members) {
    if (rng.Chance(kBonusShare)) workload.bonuses[member] = static_cast<int32_t>(rng.Below(501));
  }
  workload.bonus = [&bonuses = workload.bonuses](MemberId member) {
    auto it = bonuses.find(member);
    return it == bonuses.end() ? 0 : it->second;
  };
  for (auto [steps, pairs] :
       {std::pair{2, &workload.route_pairs_2}, std::pair{3, &workload.route_pairs_3}}) {
    while (pairs->size() < kQueries) {
      MemberId from = RandomMember(workload, rng);
      if (std::optional<MemberId> to = WalkExactly(*workload.snapshot, from, steps, rng)) {
        pairs->emplace_back(from, *to);
      }
    }
  }
}

void PrepareQueries(Workload& workload) {
  Rng rng(kSeed);
  ApplyOverlayChanges(workload, rng);
  workload.snapshot = workload.index->snapshot();

  for (MemberId member : workload.members) {
    if (rng.Chance(kHiddenListShare)) workload.hidden_lists.insert(member);
    if (rng.Chance(kUndiscoverableShare)) workload.undiscoverable.insert(member);
  }
  workload.can_see_connections_of = [&hidden = workload.hidden_lists](MemberId member) {
    return !hidden.count(member);
  };
  workload.discoverable = [&undiscoverable = workload.undiscoverable](MemberId member) {
    return !undiscoverable.count(member);
  };

  for (size_t i = 0; i < kQueries; ++i) {
    workload.viewers.push_back(RandomMember(workload, rng));
    std::vector<MemberId>& page = workload.pages.emplace_back();
    for (size_t j = 0; j < kPageSize; ++j) page.push_back(RandomMember(workload, rng));
    workload.random_pairs.emplace_back(RandomMember(workload, rng), RandomMember(workload, rng));
    std::optional<MemberId> two_hops;
    MemberId from;
    while (!two_hops) {
      from = RandomMember(workload, rng);
      two_hops = TwoHopsFrom(*workload.snapshot, from, rng);
    }
    workload.two_hop_pairs.emplace_back(from, *two_hops);
  }
  PrepareRouteQueries(workload);
}

// The workload of `size`, made on first use; the previous size's is dropped first to bound
// memory. Without `with_index`, only the network is made.
Workload& CurrentWorkload(const NetworkSize& size, bool with_index) {
  static std::unique_ptr<Workload> current;
  if (!current || current->size.name != size.name) {
    current.reset();
    current = std::make_unique<Workload>();
    current->size = size;
    std::fprintf(stderr, "generating %s: %zu members, %zu connections...\n", size.name.c_str(),
                 size.members, size.connections);
    Clock::time_point start = Clock::now();
    tools::GeneratedNetwork network =
        tools::GenerateNetwork({size.members, size.connections, kSeed});
    std::fprintf(stderr, "generated in %.1f s\n", Seconds(Clock::now() - start));
    current->edge_list.reserve(network.connections.size());
    for (const tools::GeneratedConnection& connection : network.connections) {
      current->edge_list.push_back({network.members[connection.a], network.members[connection.b],
                                    connection.a_rates_b, connection.b_rates_a});
    }
    current->members = std::move(network.members);
  }
  if (with_index && !current->index) {
    BuildIndex(*current);
    PrepareQueries(*current);
  }
  return *current;
}

// --- The reference: plain breadth-first search ---

// Breadth-first search from one source over a snapshot: a FIFO queue and a hop count per
// node, nothing more. Reused between searches; Start() clears what the last one reached.
class BreadthFirstSearch {
 public:
  static constexpr uint8_t kUnreached = 0xFF;

  explicit BreadthFirstSearch(const Snapshot& graph)
      : graph_(graph), hops_(graph.node_count(), kUnreached) {}

  const Snapshot& graph() const { return graph_; }

  void Start(NodeIndex source) {
    for (NodeIndex node : queue_) hops_[node] = kUnreached;
    queue_.clear();
    head_ = 0;
    Reach(source, 0);
  }
  // The next node in breadth-first order, or nullopt when none is left.
  std::optional<NodeIndex> Pop() {
    if (head_ == queue_.size()) return std::nullopt;
    return queue_[head_++];
  }
  // Marks `node` reached at `hops` and queues it, unless already reached. Returns true if new.
  bool Reach(NodeIndex node, int hops) {
    if (hops_[node] != kUnreached) return false;
    hops_[node] = static_cast<uint8_t>(hops);
    queue_.push_back(node);
    return true;
  }
  int hops(NodeIndex node) const { return hops_[node]; }
  bool reached(NodeIndex node) const { return hops_[node] != kUnreached; }

 private:
  const Snapshot& graph_;
  std::vector<uint8_t> hops_;
  std::vector<NodeIndex> queue_;  // Every node reached, in order; head_ is the next to expand.
  size_t head_ = 0;
};

std::vector<Degree> ReferenceDegrees(BreadthFirstSearch& bfs, MemberId viewer,
                                     const std::vector<MemberId>& page) {
  const Snapshot& graph = bfs.graph();
  std::vector<NodeIndex> targets;
  for (MemberId member : page) targets.push_back(*graph.IndexOf(member));
  auto all_reached = [&] {
    return std::all_of(targets.begin(), targets.end(),
                       [&](NodeIndex node) { return bfs.reached(node); });
  };
  bfs.Start(*graph.IndexOf(viewer));
  int level = 0;
  while (std::optional<NodeIndex> node = bfs.Pop()) {
    int hops = bfs.hops(*node);
    if (hops != level) {  // A level is complete: stop early once every target is placed.
      level = hops;
      if (hops == 3 || all_reached()) break;
    }
    for (NodeIndex next : graph.Adjacent(*node).nodes) bfs.Reach(next, hops + 1);
  }
  std::vector<Degree> degrees;
  for (NodeIndex target : targets) {
    degrees.push_back(bfs.reached(target) ? static_cast<Degree>(bfs.hops(target))
                                          : Degree::kBeyond);
  }
  return degrees;
}

bool Passable(const Workload& workload, NodeIndex node) {
  return workload.can_see_connections_of(workload.snapshot->MemberAt(node));
}

// Walks back from `node` to the source through nodes one hop closer each time.
void WalkBack(const Workload& workload, const BreadthFirstSearch& bfs, NodeIndex source,
              std::vector<NodeIndex>& reversed, Paths& paths) {
  NodeIndex node = reversed.back();
  if (node == source) {
    if (paths.paths.size() == kPathLimits.max_paths) {
      paths.truncated = true;
      return;
    }
    std::vector<MemberId>& path = paths.paths.emplace_back();
    for (auto it = reversed.rbegin(); it != reversed.rend(); ++it) {
      path.push_back(workload.snapshot->MemberAt(*it));
    }
    return;
  }
  for (NodeIndex previous : bfs.graph().Adjacent(node).nodes) {
    if (paths.truncated) return;
    if (!bfs.reached(previous) || bfs.hops(previous) != bfs.hops(node) - 1) continue;
    if (previous != source && !Passable(workload, previous)) continue;
    reversed.push_back(previous);
    WalkBack(workload, bfs, source, reversed, paths);
    reversed.pop_back();
  }
}

Paths ReferencePaths(const Workload& workload, BreadthFirstSearch& bfs, MemberId from,
                     MemberId to) {
  const Snapshot& graph = bfs.graph();
  NodeIndex source = *graph.IndexOf(from), target = *graph.IndexOf(to);
  if (source == target) return {{{from}}, false};
  bfs.Start(source);
  bool found = false;
  while (std::optional<NodeIndex> node = bfs.Pop()) {
    int hops = bfs.hops(*node);
    if (hops == kPathLimits.max_hops) break;
    if (*node != source && !Passable(workload, *node)) continue;
    for (NodeIndex next : graph.Adjacent(*node).nodes) {
      if (bfs.Reach(next, hops + 1) && next == target) found = true;
    }
    if (found) break;  // Every node one hop closer than the target is already reached.
  }
  Paths paths;
  if (!found) return paths;
  std::vector<NodeIndex> reversed{target};
  WalkBack(workload, bfs, source, reversed, paths);
  std::sort(paths.paths.begin(), paths.paths.end());
  return paths;
}

std::vector<MemberId> ReferenceMutuals(const Workload& workload, BreadthFirstSearch& bfs,
                                       MemberId a, MemberId b) {
  const Snapshot& graph = bfs.graph();
  NodeIndex target = *graph.IndexOf(b);
  std::vector<MemberId> mutuals;
  bfs.Start(*graph.IndexOf(a));
  while (std::optional<NodeIndex> node = bfs.Pop()) {
    int hops = bfs.hops(*node);
    if (hops == 2) break;
    bool passable = hops == 0 || Passable(workload, *node);
    for (NodeIndex next : graph.Adjacent(*node).nodes) {
      bfs.Reach(next, hops + 1);
      if (hops == 1 && next == target && passable) mutuals.push_back(graph.MemberAt(*node));
    }
  }
  std::sort(mutuals.begin(), mutuals.end());
  return mutuals;
}

std::vector<Suggestion> ReferenceSuggestions(const Workload& workload, BreadthFirstSearch& bfs,
                                             MemberId viewer) {
  const Snapshot& graph = bfs.graph();
  NodeIndex source = *graph.IndexOf(viewer);
  Adjacency first = graph.Adjacent(source);
  std::map<NodeIndex, Suggestion> scored;
  bfs.Start(source);
  while (std::optional<NodeIndex> node = bfs.Pop()) {
    int hops = bfs.hops(*node);
    if (hops == 2) break;
    if (hops == 1 && !Passable(workload, *node)) continue;
    uint32_t weight = 0;
    if (hops == 1) {
      auto at = std::lower_bound(first.nodes.begin(), first.nodes.end(), *node);
      weight = SuggestionWeight(first.strengths[static_cast<size_t>(at - first.nodes.begin())]);
    }
    for (NodeIndex next : graph.Adjacent(*node).nodes) {
      bfs.Reach(next, hops + 1);
      if (hops == 1 && bfs.hops(next) == 2) {
        Suggestion& suggestion = scored[next];
        suggestion.member = graph.MemberAt(next);
        suggestion.score += weight;
        ++suggestion.mutual_count;
      }
    }
  }
  std::vector<Suggestion> ranked;
  for (const auto& [node, suggestion] : scored) {
    if (workload.discoverable(suggestion.member)) ranked.push_back(suggestion);
  }
  std::sort(ranked.begin(), ranked.end(), [](const Suggestion& x, const Suggestion& y) {
    if (x.score != y.score) return x.score > y.score;
    if (x.mutual_count != y.mutual_count) return x.mutual_count > y.mutual_count;
    return x.member < y.member;
  });
  if (ranked.size() > kSuggestionLimit) ranked.resize(kSuggestionLimit);
  return ranked;
}

// `from`'s rating of `to`. REQUIRES: they are connected.
Strength RatingOf(const Snapshot& graph, NodeIndex from, NodeIndex to) {
  Adjacency list = graph.Adjacent(from);
  auto at = std::lower_bound(list.nodes.begin(), list.nodes.end(), to);
  return list.strengths[static_cast<size_t>(at - list.nodes.begin())];
}

// Calls `visit` with every shortest path from the search's source back to `reversed`'s first
// node (target first), through nodes one hop closer each time.
template <class Visit>
void WalkBackAll(const Workload& workload, const BreadthFirstSearch& bfs, NodeIndex source,
                 std::vector<NodeIndex>& reversed, const Visit& visit) {
  NodeIndex node = reversed.back();
  if (node == source) {
    visit(reversed);
    return;
  }
  for (NodeIndex previous : bfs.graph().Adjacent(node).nodes) {
    if (!bfs.reached(previous) || bfs.hops(previous) != bfs.hops(node) - 1) continue;
    if (previous != source && !Passable(workload, previous)) continue;
    reversed.push_back(previous);
    WalkBackAll(workload, bfs, source, reversed, visit);
    reversed.pop_back();
  }
}

// Every shortest route by breadth-first search from the requester, each scored by the formula
// in routes.hpp, all sorted, the best kept.
std::vector<Route> ReferenceRoutes(const Workload& workload, BreadthFirstSearch& bfs, MemberId from,
                                   MemberId to) {
  const Snapshot& graph = bfs.graph();
  NodeIndex source = *graph.IndexOf(from), target = *graph.IndexOf(to);
  bfs.Start(source);
  bool found = false;
  while (std::optional<NodeIndex> node = bfs.Pop()) {
    int hops = bfs.hops(*node);
    if (hops == kRouteLimits.max_hops) break;
    if (*node != source && !Passable(workload, *node)) continue;
    for (NodeIndex next : graph.Adjacent(*node).nodes) {
      if (bfs.Reach(next, hops + 1) && next == target) found = true;
    }
    if (found) break;  // Every node one hop closer than the target is already reached.
  }
  std::vector<Route> routes;
  if (!found || bfs.hops(target) < 2) return routes;
  std::vector<NodeIndex> reversed{target};
  WalkBackAll(workload, bfs, source, reversed, [&](const std::vector<NodeIndex>& path) {
    int64_t weakest = std::numeric_limits<int64_t>::max(), sum = 0;
    for (size_t i = 0; i + 1 < path.size(); ++i) {
      int64_t tie = SuggestionWeight(RatingOf(graph, path[i], path[i + 1])) +
                    SuggestionWeight(RatingOf(graph, path[i + 1], path[i]));
      weakest = std::min(weakest, tie);
      sum += tie;
    }
    Route& route = routes.emplace_back();
    route.score = 1000 * weakest + 100 * sum;
    for (size_t i = path.size() - 2; i > 0; --i) {  // Back to front: from the requester.
      route.intermediaries.push_back(graph.MemberAt(path[i]));
      route.score += workload.bonus(route.intermediaries.back());
    }
  });
  std::sort(routes.begin(), routes.end(), [](const Route& x, const Route& y) {
    if (x.score != y.score) return x.score > y.score;
    return x.intermediaries < y.intermediaries;
  });
  if (routes.size() > kRouteLimits.max_routes) routes.resize(kRouteLimits.max_routes);
  return routes;
}

// --- Answers, compared as flat digests ---

using Digest = std::vector<uint64_t>;

Digest DigestOf(const std::vector<Degree>& degrees) {
  Digest digest;
  for (Degree degree : degrees) digest.push_back(static_cast<uint64_t>(degree));
  return digest;
}
Digest DigestOf(const std::vector<MemberId>& members) {
  Digest digest;
  for (MemberId member : members) digest.push_back(member.value());
  return digest;
}
// Length and count always; the paths themselves only when complete, since which of many
// paths a capped answer keeps is up to each search.
Digest DigestOf(const Paths& paths) {
  Digest digest{static_cast<uint64_t>(paths.hops().value_or(-1)), paths.paths.size(),
                paths.truncated};
  if (!paths.truncated) {
    for (const auto& path : paths.paths) {
      for (MemberId member : path) digest.push_back(member.value());
    }
  }
  return digest;
}
Digest DigestOf(const std::vector<Suggestion>& suggestions) {
  Digest digest;
  for (const Suggestion& suggestion : suggestions) {
    digest.insert(digest.end(),
                  {suggestion.member.value(), suggestion.score, suggestion.mutual_count});
  }
  return digest;
}

// Per route: the number of intermediaries, their ids, the score.
Digest DigestOf(const std::vector<Route>& routes) {
  Digest digest;
  for (const Route& route : routes) {
    digest.push_back(route.intermediaries.size());
    for (MemberId member : route.intermediaries) digest.push_back(member.value());
    digest.push_back(static_cast<uint64_t>(route.score));
  }
  return digest;
}

// --- Timing and the summary ---

struct Percentiles {
  double p50_us = 0;
  double p99_us = 0;
};

// Nearest-rank percentiles.
Percentiles PercentilesOf(std::vector<double> micros) {
  if (micros.empty()) return {};
  std::sort(micros.begin(), micros.end());
  return {bench::NearestRank(micros, 0.50), bench::NearestRank(micros, 0.99)};
}

// Results by size, then by row of the summary.
std::map<std::string, std::map<std::string, Percentiles>> g_latencies;
std::map<std::string, std::vector<std::string>> g_notes;

void Report(benchmark::State& state, const std::string& size, const std::string& row,
            const std::vector<double>& micros) {
  Percentiles percentiles = PercentilesOf(micros);
  state.counters["p50_us"] = percentiles.p50_us;
  state.counters["p99_us"] = percentiles.p99_us;
  g_latencies[size][row] = percentiles;
}

// Runs query(i) once per iteration, timing each alone; returns the answers' digests.
template <class Query>
std::vector<Digest> TimeQueries(benchmark::State& state, const std::string& size,
                                const std::string& row, Query query) {
  std::vector<double> micros;
  std::vector<Digest> digests;
  size_t i = 0;
  for (auto _ : state) {
    Clock::time_point start = Clock::now();
    auto answer = query(i++);
    double seconds = Seconds(Clock::now() - start);
    benchmark::DoNotOptimize(answer);
    state.SetIterationTime(seconds);
    micros.push_back(seconds * 1e6);
    digests.push_back(DigestOf(answer));
  }
  Report(state, size, row, micros);
  return digests;
}

// What a set of answers held, for the summary: it explains the costs (a page of members
// mostly three hops away, paths mostly three hops long).
using Describe = std::string (*)(const std::vector<Digest>& answers);

std::string Shares(const std::vector<std::pair<std::string, size_t>>& counts) {
  size_t total = 0;
  for (const auto& [label, count] : counts) total += count;
  std::string text;
  for (const auto& [label, count] : counts) {
    char share[64];
    std::snprintf(
        share, sizeof share, "%s%s %.1f%%", text.empty() ? "" : ", ", label.c_str(),
        100.0 * static_cast<double>(count) / static_cast<double>(std::max<size_t>(total, 1)));
    text += share;
  }
  return text;
}

std::string DescribeBadges(const std::vector<Digest>& answers) {
  std::vector<std::pair<std::string, size_t>> counts = {
      {"self", 0}, {"1st", 0}, {"2nd", 0}, {"3rd", 0}, {"beyond", 0}};
  for (const Digest& badges : answers) {
    for (uint64_t badge : badges) ++counts[badge].second;
  }
  return "badges " + Shares(counts);
}

std::string DescribePaths(const std::vector<Digest>& answers) {
  std::vector<std::pair<std::string, size_t>> counts = {
      {"none within 3 hops", 0}, {"1 hop", 0}, {"2 hops", 0}, {"3 hops", 0}};
  size_t truncated = 0;
  for (const Digest& paths : answers) {
    ++counts[paths[1] == 0 ? 0 : paths[0]].second;
    truncated += paths[2];
  }
  return "pairs " + Shares(counts) + "; capped at 100 paths: " + std::to_string(truncated);
}

std::string DescribeMutuals(const std::vector<Digest>& answers) {
  std::vector<size_t> counts;
  for (const Digest& mutuals : answers) counts.push_back(mutuals.size());
  std::sort(counts.begin(), counts.end());
  return "mutual connections per pair: p50 " + std::to_string(counts[counts.size() / 2]) +
         ", p99 " + std::to_string(counts[counts.size() * 99 / 100]) + ", max " +
         std::to_string(counts.back());
}

std::string DescribeRoutes(const std::vector<Digest>& answers) {
  std::vector<std::pair<std::string, size_t>> lengths = {{"none", 0}, {"2 hops", 0}, {"3 hops", 0}};
  std::vector<std::pair<std::string, size_t>> counts = {
      {std::to_string(kRouteLimits.max_routes) + " routes", 0}, {"fewer", 0}};
  for (const Digest& routes : answers) {
    ++lengths[routes.empty() ? 0 : routes[0]].second;  // routes[0]: the first one's intermediaries.
    size_t route_count = 0;
    for (size_t i = 0; i < routes.size(); i += routes[i] + 2) ++route_count;
    ++counts[route_count == kRouteLimits.max_routes ? 0 : 1].second;
  }
  return "routes " + Shares(lengths) + "; " + Shares(counts);
}

// Registers one kind of query twice: answered by the index, then by the reference, which
// checks that its answers are the index's.
template <class IndexQuery, class ReferenceQuery>
void RegisterQuery(const NetworkSize& size, const std::string& kind, Describe describe,
                   IndexQuery index_query, ReferenceQuery reference_query) {
  benchmark::RegisterBenchmark((kind + "/index/" + size.name).c_str(),
                               [=](benchmark::State& state) {
                                 Workload& workload = CurrentWorkload(size, true);
                                 std::vector<Digest>& answers = workload.index_answers[kind];
                                 answers = TimeQueries(
                                     state, size.name, kind + " index",
                                     [&](size_t i) { return index_query(workload, i); });
                                 if (describe)
                                   g_notes[size.name].push_back(kind + ": " + describe(answers));
                               })
      ->Iterations(static_cast<benchmark::IterationCount>(kQueries))
      ->UseManualTime()
      ->Unit(benchmark::kMicrosecond);
  benchmark::RegisterBenchmark(
      (kind + "/bfs/" + size.name).c_str(),
      [=](benchmark::State& state) {
        Workload& workload = CurrentWorkload(size, true);
        BreadthFirstSearch bfs(*workload.snapshot);
        std::vector<Digest> answers = TimeQueries(state, size.name, kind + " bfs", [&](size_t i) {
          return reference_query(workload, bfs, i);
        });
        auto index_answers = workload.index_answers.find(kind);
        if (index_answers == workload.index_answers.end()) return;
        for (size_t i = 0; i < answers.size(); ++i) {
          if (answers[i] != index_answers->second[i]) {
            state.SkipWithError(
                ("query " + std::to_string(i) + ": the index and BFS disagree").c_str());
            return;
          }
        }
      })
      ->Iterations(static_cast<benchmark::IterationCount>(size.reference_queries))
      ->UseManualTime()
      ->Unit(benchmark::kMicrosecond);
}

size_t PeakResidentBytes() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::stoul(line.substr(6)) * 1024;
  }
  return 0;
}

void RegisterSize(const NetworkSize& size) {
  benchmark::RegisterBenchmark(("Build/" + size.name).c_str(),
                               [size](benchmark::State& state) {
                                 Workload& workload = CurrentWorkload(size, false);
                                 for (auto _ : state) {
                                   workload.index.reset();
                                   BuildIndex(workload);
                                   state.SetIterationTime(workload.build_seconds);
                                 }
                                 PrepareQueries(workload);
                                 state.counters["connections_per_s"] =
                                     static_cast<double>(size.connections) / workload.build_seconds;
                                 char note[100];
                                 std::snprintf(note, sizeof note,
                                               "build from the edge list: %.2f s",
                                               workload.build_seconds);
                                 g_notes[size.name].push_back(note);
                               })
      ->Iterations(1)
      ->UseManualTime()
      ->Unit(benchmark::kMillisecond);

  benchmark::RegisterBenchmark(("Memory/" + size.name).c_str(), [size](benchmark::State& state) {
    Workload& workload = CurrentWorkload(size, true);
    const Snapshot& graph = *workload.snapshot;
    for (auto _ : state) benchmark::DoNotOptimize(graph.entry_count());
    double entries = static_cast<double>(graph.entry_count());
    double adjacency = static_cast<double>(graph.base().adjacency_bytes()) /
                       static_cast<double>(graph.base().entry_count());
    double total = static_cast<double>(graph.memory_bytes()) / entries;
    std::vector<size_t> degrees;
    for (NodeIndex node = 0; node < graph.node_count(); ++node) {
      degrees.push_back(graph.Adjacent(node).size());
    }
    std::sort(degrees.begin(), degrees.end());
    state.counters["directed_entries"] = entries;
    state.counters["bytes_per_entry"] = adjacency;
    state.counters["bytes_per_entry_all"] = total;
    state.counters["degree_p50"] = static_cast<double>(degrees[degrees.size() / 2]);
    state.counters["degree_p99"] = static_cast<double>(degrees[degrees.size() * 99 / 100]);
    state.counters["degree_max"] = static_cast<double>(degrees.back());
    state.counters["peak_rss_gib"] = static_cast<double>(PeakResidentBytes()) / (1 << 30);
    char note[200];
    std::snprintf(note, sizeof note,
                  "%.2f bytes per directed entry in the CSR (%.2f with ids and overlay); "
                  "degree p50 %zu, p99 %zu, max %zu",
                  adjacency, total, degrees[degrees.size() / 2], degrees[degrees.size() * 99 / 100],
                  degrees.back());
    g_notes[size.name].push_back(note);
  })->Iterations(1);

  benchmark::RegisterBenchmark(("OverlayWrites/" + size.name).c_str(), [size](benchmark::State&
                                                                                  state) {
    Workload& workload = CurrentWorkload(size, true);
    for (auto _ : state) benchmark::DoNotOptimize(workload.index);
    Report(state, size.name, "write (overlay)", workload.write_micros);
    state.counters["changed_nodes"] =
        static_cast<double>(workload.snapshot->overlay().changed_node_count());
  })->Iterations(1);

  benchmark::RegisterBenchmark(("Compact/" + size.name).c_str(),
                               [size](benchmark::State& state) {
                                 Workload& workload = CurrentWorkload(size, true);
                                 for (auto _ : state) {
                                   Clock::time_point start = Clock::now();
                                   Snapshot compacted = workload.snapshot->Compacted();
                                   state.SetIterationTime(Seconds(Clock::now() - start));
                                   benchmark::DoNotOptimize(compacted);
                                 }
                               })
      ->Iterations(1)
      ->UseManualTime()
      ->Unit(benchmark::kMillisecond);

  RegisterQuery(
      size, "DegreesPage50", DescribeBadges,
      [](Workload& w, size_t i) { return w.index->Degrees(w.viewers[i], w.pages[i]); },
      [](Workload& w, BreadthFirstSearch& bfs, size_t i) {
        return ReferenceDegrees(bfs, w.viewers[i], w.pages[i]);
      });
  RegisterQuery(
      size, "ShortestPaths", DescribePaths,
      [](Workload& w, size_t i) {
        auto [from, to] = w.random_pairs[i];
        return w.index->ShortestPaths(from, to, kPathLimits, w.can_see_connections_of);
      },
      [](Workload& w, BreadthFirstSearch& bfs, size_t i) {
        auto [from, to] = w.random_pairs[i];
        return ReferencePaths(w, bfs, from, to);
      });
  RegisterQuery(
      size, "Mutuals", DescribeMutuals,
      [](Workload& w, size_t i) {
        auto [a, b] = w.two_hop_pairs[i];
        return w.index->Mutuals(a, b, w.can_see_connections_of);
      },
      [](Workload& w, BreadthFirstSearch& bfs, size_t i) {
        auto [a, b] = w.two_hop_pairs[i];
        return ReferenceMutuals(w, bfs, a, b);
      });
  RegisterQuery(
      size, "Suggestions", nullptr,
      [](Workload& w, size_t i) {
        return w.index->Suggestions(w.viewers[i], kSuggestionLimit, w.discoverable,
                                    w.can_see_connections_of);
      },
      [](Workload& w, BreadthFirstSearch& bfs, size_t i) {
        return ReferenceSuggestions(w, bfs, w.viewers[i]);
      });
  for (auto [kind, pairs] : {std::pair{"RankRoutes2Hops", &Workload::route_pairs_2},
                             std::pair{"RankRoutes3Hops", &Workload::route_pairs_3}}) {
    RegisterQuery(
        size, kind, DescribeRoutes,
        [pairs = pairs](Workload& w, size_t i) {
          auto [requester, target] = (w.*pairs)[i];
          return RankRoutes(*w.index->snapshot(), requester, target, kRouteLimits,
                            w.can_see_connections_of, w.bonus);
        },
        [pairs = pairs](Workload& w, BreadthFirstSearch& bfs, size_t i) {
          auto [requester, target] = (w.*pairs)[i];
          return ReferenceRoutes(w, bfs, requester, target);
        });
  }
}

std::vector<NetworkSize> SelectedSizes() {
  const char* wanted = std::getenv("ENISHI_GRAPH_BENCH_SIZES");
  std::string list = wanted ? wanted : "100k";
  std::vector<NetworkSize> sizes;
  std::stringstream names(list);
  std::string name;
  while (std::getline(names, name, ',')) {
    auto size = std::find_if(std::begin(kSizes), std::end(kSizes),
                             [&](const NetworkSize& s) { return s.name == name; });
    if (size == std::end(kSizes)) {
      std::fprintf(stderr, "unknown size '%s' in ENISHI_GRAPH_BENCH_SIZES (100k, 1m)\n",
                   name.c_str());
      std::exit(2);
    }
    sizes.push_back(*size);
  }
  return sizes;
}

void PrintSummary(const std::vector<NetworkSize>& sizes) {
  static const char* const kKinds[] = {"DegreesPage50", "ShortestPaths",   "Mutuals",
                                       "Suggestions",   "RankRoutes2Hops", "RankRoutes3Hops"};
  for (const NetworkSize& size : sizes) {
    auto& rows = g_latencies[size.name];
    std::printf("\n%s: %zu members, %zu connections\n\n", size.name.c_str(), size.members,
                size.connections);
    std::printf(
        "| query | index p50 | index p99 | BFS p50 | BFS p99 | BFS/index p50 | "
        "BFS/index p99 |\n|---|---|---|---|---|---|---|\n");
    for (const char* kind : kKinds) {
      if (!rows.count(std::string(kind) + " index")) continue;
      Percentiles index = rows[std::string(kind) + " index"];
      Percentiles bfs = rows[std::string(kind) + " bfs"];
      std::printf("| %s | %.1f us | %.1f us | %.1f us | %.1f us | %.0fx | %.0fx |\n", kind,
                  index.p50_us, index.p99_us, bfs.p50_us, bfs.p99_us, bfs.p50_us / index.p50_us,
                  bfs.p99_us / index.p99_us);
    }
    if (rows.count("write (overlay)")) {
      std::printf("\nwrites into the overlay: p50 %.1f us, p99 %.1f us\n",
                  rows["write (overlay)"].p50_us, rows["write (overlay)"].p99_us);
    }
    for (const std::string& note : g_notes[size.name]) std::printf("%s\n", note.c_str());
  }
}

}  // namespace
}  // namespace enishi::graph

int main(int argc, char** argv) {
  using namespace enishi::graph;
  benchmark::Initialize(&argc, argv);
  std::vector<NetworkSize> sizes = SelectedSizes();
  for (const NetworkSize& size : sizes) RegisterSize(size);
  benchmark::RunSpecifiedBenchmarks();
  PrintSummary(sizes);
  benchmark::Shutdown();
  return 0;
}
