// Property tests: on many seeded random graphs, before and after random sequences of changes,
// every query of the index must give exactly what plain breadth-first search over
// ReferenceGraph gives. A failure names its seed; rerun just that one by narrowing the loop.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "domain/graph/graph_builder.hpp"
#include "domain/graph/graph_index.hpp"
#include "domain/graph/search.hpp"
#include "domain/graph/snapshot.hpp"
#include "graph/graph_fixtures.hpp"

namespace enishi::graph {
namespace {

using testing::ReferenceGraph;

constexpr uint64_t kStaticSeeds = 150;
constexpr uint64_t kDynamicSeeds = 60;
constexpr int kChangesPerGraph = 80;
constexpr size_t kUncapped = 1'000'000;

// mt19937_64's sequence is fixed by the standard; std:: distributions are not, so draws are
// made by hand.
class PropertyRng {
 public:
  explicit PropertyRng(uint64_t seed) : engine_(seed) {}
  uint64_t Below(uint64_t n) { return engine_() % n; }
  bool Chance(double p) { return static_cast<double>(engine_() >> 11) * 0x1.0p-53 < p; }
  Strength Rating() { return static_cast<Strength>(Below(kMaxStrength + 1)); }

 private:
  std::mt19937_64 engine_;
};

// Random members of a random graph, its reference model, and the index built from it.
struct RandomNetwork {
  std::vector<MemberId> members;
  ReferenceGraph reference;
  std::shared_ptr<const CsrGraph> graph;
};

// Ids far apart and out of order, so that node numbering and id order differ.
std::vector<MemberId> RandomMembers(size_t count, PropertyRng& rng) {
  std::vector<MemberId> members;
  while (members.size() < count) {
    MemberId candidate(1 + rng.Below(uint64_t{1} << 40));
    if (std::find(members.begin(), members.end(), candidate) == members.end()) {
      members.push_back(candidate);
    }
  }
  return members;
}

RandomNetwork MakeRandomNetwork(PropertyRng& rng) {
  RandomNetwork network;
  network.members = RandomMembers(2 + rng.Below(19), rng);
  double density = 0.05 + static_cast<double>(rng.Below(35)) / 100;
  GraphBuilder builder;
  for (size_t i = 0; i < network.members.size(); ++i) {
    for (size_t j = i + 1; j < network.members.size(); ++j) {
      if (!rng.Chance(density)) continue;
      MemberId a = network.members[i], b = network.members[j];
      if (rng.Chance(0.5)) std::swap(a, b);
      Strength a_rates_b = rng.Rating(), b_rates_a = rng.Rating();
      EXPECT_TRUE(builder.AddConnection(a, b, a_rates_b, b_rates_a));
      network.reference.Add(a, b);
      network.reference.Rate(a, b, a_rates_b);
      network.reference.Rate(b, a, b_rates_a);
    }
  }
  network.graph = std::move(builder).Build();
  return network;
}

// A random subset of members, as a predicate (the subset is fixed when it is made).
MemberPredicate RandomSubset(const std::vector<MemberId>& members, double share, PropertyRng& rng) {
  if (rng.Chance(0.25)) return {};  // Sometimes no predicate at all.
  std::set<MemberId> chosen;
  for (MemberId member : members) {
    if (rng.Chance(share)) chosen.insert(member);
  }
  return [chosen](MemberId member) { return chosen.count(member) > 0; };
}

void ExpectSameSuggestions(const std::vector<Suggestion>& actual,
                           const std::vector<Suggestion>& expected) {
  ASSERT_EQ(actual.size(), expected.size());
  for (size_t i = 0; i < actual.size(); ++i) {
    EXPECT_EQ(actual[i].member, expected[i].member) << "rank " << i;
    EXPECT_EQ(actual[i].score, expected[i].score) << "rank " << i;
    EXPECT_EQ(actual[i].mutual_count, expected[i].mutual_count) << "rank " << i;
  }
}

// Every query from each of `viewers` to every member (and one stranger) against the reference.
void ExpectMatchesReference(const Snapshot& snapshot, const ReferenceGraph& reference,
                            std::vector<MemberId> members, const std::vector<MemberId>& viewers,
                            PropertyRng& rng) {
  members.push_back(MemberId((uint64_t{1} << 40) + 7));  // Never connected.
  MemberPredicate can_see = RandomSubset(members, 0.7, rng);
  MemberPredicate discoverable = RandomSubset(members, 0.8, rng);

  for (MemberId viewer : viewers) {
    SCOPED_TRACE("viewer " + std::to_string(viewer.value()));
    // All at once (the third ring marked when that is cheaper) and one by one (each member's
    // connections looked at).
    std::vector<Degree> degrees = Degrees(snapshot, viewer, members);
    for (size_t i = 0; i < members.size(); ++i) {
      EXPECT_EQ(degrees[i], reference.DegreeOf(viewer, members[i])) << "member " << i;
      EXPECT_EQ(Degrees(snapshot, viewer, {&members[i], 1}), std::vector{degrees[i]})
          << "member " << i << " alone";
    }

    size_t limit = 1 + rng.Below(6);
    ExpectSameSuggestions(Suggestions(snapshot, viewer, limit, discoverable, can_see),
                          reference.Suggestions(viewer, limit, discoverable, can_see));

    for (MemberId other : members) {
      SCOPED_TRACE("other " + std::to_string(other.value()));
      EXPECT_EQ(Mutuals(snapshot, viewer, other, can_see),
                reference.Mutuals(viewer, other, can_see));
      int max_hops = 1 + static_cast<int>(rng.Below(4));
      Paths paths = ShortestPaths(snapshot, viewer, other, {max_hops, kUncapped}, can_see);
      EXPECT_EQ(paths.paths, reference.ShortestPaths(viewer, other, max_hops, can_see));
      EXPECT_FALSE(paths.truncated);
    }
    EXPECT_EQ(Neighbors(snapshot, viewer), reference.Neighbors(viewer));
    if (::testing::Test::HasFailure()) return;
  }
}

TEST(SearchProperty, MatchesBreadthFirstSearchOnRandomGraphs) {
  for (uint64_t seed = 1; seed <= kStaticSeeds; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    PropertyRng rng(seed);
    RandomNetwork network = MakeRandomNetwork(rng);
    ExpectMatchesReference(Snapshot(network.graph), network.reference, network.members,
                           network.members, rng);
    if (HasFailure()) return;
  }
}

TEST(SearchProperty, CappedPathsAreADistinctSubsetOfAllShortestPaths) {
  for (uint64_t seed = 1; seed <= kStaticSeeds; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    PropertyRng rng(seed);
    RandomNetwork network = MakeRandomNetwork(rng);
    Snapshot snapshot(network.graph);
    for (MemberId from : network.members) {
      for (MemberId to : network.members) {
        size_t cap = 1 + rng.Below(3);
        Paths capped = ShortestPaths(snapshot, from, to, {3, cap});
        auto all = network.reference.ShortestPaths(from, to, 3, {});
        ASSERT_EQ(capped.paths.size(), std::min(cap, all.size()));
        EXPECT_EQ(capped.truncated, all.size() > cap);
        EXPECT_TRUE(std::is_sorted(capped.paths.begin(), capped.paths.end()));
        EXPECT_EQ(std::adjacent_find(capped.paths.begin(), capped.paths.end()), capped.paths.end());
        for (const auto& path : capped.paths) {
          EXPECT_TRUE(std::binary_search(all.begin(), all.end(), path));
        }
      }
    }
    if (HasFailure()) return;
  }
}

TEST(SearchProperty, MatchesBreadthFirstSearchThroughRandomChanges) {
  for (uint64_t seed = 1; seed <= kDynamicSeeds; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    PropertyRng rng(seed);
    RandomNetwork network = MakeRandomNetwork(rng);
    // A small overlay limit, so that changes land in overlays and in folded bases alike.
    GraphIndex index(network.graph, {.overlay_node_limit = 1 + rng.Below(6)});
    ReferenceGraph& reference = network.reference;
    // Members added on the fly join the pool.
    std::vector<MemberId> pool = network.members;
    for (MemberId newcomer : RandomMembers(3, rng)) pool.push_back(newcomer);

    for (int step = 0; step < kChangesPerGraph; ++step) {
      SCOPED_TRACE("step " + std::to_string(step));
      MemberId a = pool[rng.Below(pool.size())];
      MemberId b = pool[rng.Below(pool.size())];
      if (a == b) continue;
      uint64_t change = rng.Below(10);
      if (change < 5) {
        ASSERT_TRUE(index.AddConnection(a, b));
        if (!reference.StrengthOf(a, b)) reference.Add(a, b);
      } else if (change < 8) {
        ASSERT_TRUE(index.RemoveConnection(a, b));
        reference.Remove(a, b);
      } else {
        Strength rating = rng.Rating();
        Result<void> rated = index.SetStrength(a, b, rating);
        ASSERT_EQ(rated.has_value(), reference.StrengthOf(a, b).has_value());
        if (rated) reference.Rate(a, b, rating);
      }
      std::shared_ptr<const Snapshot> snapshot = index.snapshot();
      size_t entries = 0;
      for (NodeIndex node = 0; node < snapshot->node_count(); ++node) {
        entries += snapshot->Adjacent(node).size();
      }
      ASSERT_EQ(entries, snapshot->entry_count());
      ExpectMatchesReference(*snapshot, reference, pool, {a, pool[rng.Below(pool.size())]}, rng);
      if (HasFailure()) return;
    }
    ExpectMatchesReference(*index.snapshot(), reference, pool, pool, rng);
    index.Compact();
    ExpectMatchesReference(*index.snapshot(), reference, pool, pool, rng);
    if (HasFailure()) return;
  }
}

}  // namespace
}  // namespace enishi::graph
