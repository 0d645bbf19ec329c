#include "domain/graph/routes.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <memory>
#include <random>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "domain/graph/graph_builder.hpp"
#include "domain/graph/graph_index.hpp"
#include "domain/graph/snapshot.hpp"
#include "graph/graph_fixtures.hpp"

namespace enishi::graph {
namespace {

using testing::Ids;
using testing::ReferenceGraph;

constexpr uint64_t kRequester = 1, kTarget = 2, kUnknown = 99;

// A predicate under which the given members hide their connection lists.
MemberPredicate Hiding(std::set<uint64_t> hidden) {
  return [hidden](MemberId member) { return !hidden.count(member.value()); };
}

IntermediaryBonus Bonuses(std::map<uint64_t, int32_t> bonuses) {
  return [bonuses](MemberId member) {
    auto it = bonuses.find(member.value());
    return it == bonuses.end() ? 0 : it->second;
  };
}

std::vector<Route> Rank(const Snapshot& graph, uint64_t requester, uint64_t target,
                        RouteLimits limits = {}, const MemberPredicate& can_see = {},
                        const IntermediaryBonus& bonus = {}) {
  return RankRoutes(graph, MemberId(requester), MemberId(target), limits, can_see, bonus);
}

// Routes as their intermediaries, in order.
using RouteList = std::vector<std::vector<MemberId>>;

RouteList Intermediaries(const std::vector<Route>& routes) {
  RouteList all;
  for (const Route& route : routes) all.push_back(route.intermediaries);
  return all;
}

std::vector<int64_t> Scores(const std::vector<Route>& routes) {
  std::vector<int64_t> scores;
  for (const Route& route : routes) scores.push_back(route.score);
  return scores;
}

// The requester reaches the target through 10, 11 and 12:
//   10: ties 5+5 = 10 and 4+4 = 8; score 1000 * 8 + 100 * 18 = 9800.
//   11: ties unrated (2+2 = 4) and 5+5 = 10; 4000 + 1400 = 5400: the best sum, the weakest tie.
//   12: ties 3+3 = 6 and 3+3 = 6; 6000 + 1200 = 7200.
Snapshot TwoHopNetwork() {
  return Snapshot(testing::BuildGraph({{kRequester, 10, 5, 5},
                                       {10, kTarget, 4, 4},
                                       {kRequester, 11},
                                       {11, kTarget, 5, 5},
                                       {kRequester, 12, 3, 3},
                                       {12, kTarget, 3, 3}}));
}

// The requester reaches the target, three hops away, along 10-20, 10-21 and 11-21:
//   10-20: ties 5+5, 4+4, 5+5 = 10, 8, 10: 8000 + 2800 = 10800.
//   10-21: ties 10, 2+3 = 5, 3+3 = 6: 5000 + 2100 = 7100.
//   11-21: ties 4+4 = 8, 4+4 = 8, 6: 6000 + 2200 = 8200.
Snapshot ThreeHopNetwork() {
  return Snapshot(testing::BuildGraph({{kRequester, 10, 5, 5},
                                       {kRequester, 11, 4, 4},
                                       {10, 20, 4, 4},
                                       {10, 21, 2, 3},
                                       {11, 21, 4, 4},
                                       {20, kTarget, 5, 5},
                                       {21, kTarget, 3, 3}}));
}

TEST(RankRoutes, TwoHopRoutesRankByBothSidesRatings) {
  Snapshot graph = TwoHopNetwork();
  std::vector<Route> routes = Rank(graph, kRequester, kTarget);
  EXPECT_EQ(Intermediaries(routes), (RouteList{Ids({10}), Ids({12}), Ids({11})}));
  EXPECT_EQ(Scores(routes), (std::vector<int64_t>{9800, 7200, 5400}));
  // Ties are scored the same from either end.
  EXPECT_EQ(Rank(graph, kTarget, kRequester), routes);
}

TEST(RankRoutes, ARouteIsAsGoodAsItsWeakestTie) {
  // 11 is rated best overall (sum 14) but has the weakest tie (4); 12 has sum 12 and min 6.
  Snapshot graph = TwoHopNetwork();
  std::vector<Route> routes = Rank(graph, kRequester, kTarget);
  ASSERT_EQ(routes.size(), 3u);
  EXPECT_EQ(routes[1].intermediaries, Ids({12}));
  EXPECT_EQ(routes[2].intermediaries, Ids({11}));

  // One tie rated 1 by both sides pulls a route below one unrated (2) all round.
  Snapshot weak(testing::BuildGraph(
      {{kRequester, 10, 5, 5}, {10, kTarget, 1, 1}, {kRequester, 11}, {11, kTarget}}));
  EXPECT_EQ(Intermediaries(Rank(weak, kRequester, kTarget)), (RouteList{Ids({11}), Ids({10})}));
}

TEST(RankRoutes, BonusesReorderRoutesOfEqualTies) {
  // 10 and 11: ties 4 and 4, 4800. 12: ties 5 and 5, 6000.
  Snapshot graph(testing::BuildGraph({{kRequester, 10},
                                      {10, kTarget},
                                      {kRequester, 11},
                                      {11, kTarget},
                                      {kRequester, 12, 3, 2},
                                      {12, kTarget, 2, 3}}));
  // Equal ties go by id.
  EXPECT_EQ(Intermediaries(Rank(graph, kRequester, kTarget)),
            (RouteList{Ids({12}), Ids({10}), Ids({11})}));
  std::vector<Route> routes = Rank(graph, kRequester, kTarget, {}, {}, Bonuses({{11, 300}}));
  EXPECT_EQ(Intermediaries(routes), (RouteList{Ids({12}), Ids({11}), Ids({10})}));
  EXPECT_EQ(routes[1].score, 4000 + 800 + 300);
  // A bonus in the expected range does not make up for a weaker tie.
  EXPECT_EQ(Rank(graph, kRequester, kTarget, {}, {}, Bonuses({{10, 500}}))[0].intermediaries,
            Ids({12}));
}

TEST(RankRoutes, ThreeHopChainsAreFoundAndRanked) {
  Snapshot graph = ThreeHopNetwork();
  std::vector<Route> routes = Rank(graph, kRequester, kTarget);
  EXPECT_EQ(Intermediaries(routes), (RouteList{Ids({10, 20}), Ids({11, 21}), Ids({10, 21})}));
  EXPECT_EQ(Scores(routes), (std::vector<int64_t>{10800, 8200, 7100}));

  // From the other end, the same chains in the other direction.
  std::vector<Route> back = Rank(graph, kTarget, kRequester);
  EXPECT_EQ(Intermediaries(back), (RouteList{Ids({20, 10}), Ids({21, 11}), Ids({21, 10})}));
  EXPECT_EQ(Scores(back), Scores(routes));

  // Both intermediaries' bonuses count.
  routes = Rank(graph, kRequester, kTarget, {}, {}, Bonuses({{10, 450}, {21, 400}}));
  EXPECT_EQ(Intermediaries(routes), (RouteList{Ids({10, 20}), Ids({11, 21}), Ids({10, 21})}));
  EXPECT_EQ(Scores(routes), (std::vector<int64_t>{10800 + 450, 8200 + 400, 7100 + 450 + 400}));
}

TEST(RankRoutes, OnlyRoutesOfTheShortestLengthAreRanked) {
  // A strong three-hop chain does not displace a weak two-hop route.
  Snapshot graph(testing::BuildGraph({{kRequester, 10, 1, 1},
                                      {10, kTarget, 1, 1},
                                      {kRequester, 11, 5, 5},
                                      {11, 20, 5, 5},
                                      {20, kTarget, 5, 5}}));
  EXPECT_EQ(Intermediaries(Rank(graph, kRequester, kTarget)), (RouteList{Ids({10})}));
}

TEST(RankRoutes, MembersWhoHideTheirListsAreNeverIntermediaries) {
  Snapshot two = TwoHopNetwork();
  EXPECT_EQ(Intermediaries(Rank(two, kRequester, kTarget, {}, Hiding({10}))),
            (RouteList{Ids({12}), Ids({11})}));
  // The endpoints' own settings do not matter.
  EXPECT_EQ(Rank(two, kRequester, kTarget, {}, Hiding({kRequester, kTarget})).size(), 3u);

  Snapshot three = ThreeHopNetwork();
  EXPECT_EQ(Intermediaries(Rank(three, kRequester, kTarget, {}, Hiding({20}))),
            (RouteList{Ids({11, 21}), Ids({10, 21})}));
  EXPECT_EQ(Intermediaries(Rank(three, kRequester, kTarget, {}, Hiding({11}))),
            (RouteList{Ids({10, 20}), Ids({10, 21})}));
  EXPECT_TRUE(Rank(three, kRequester, kTarget, {}, Hiding({10, 11})).empty());
  EXPECT_TRUE(Rank(three, kTarget, kRequester, {}, Hiding({20, 21})).empty());
}

TEST(RankRoutes, ARouteThroughAHiddenListAloneYieldsNothing) {
  Snapshot graph(testing::BuildGraph({{kRequester, 10, 5, 5}, {10, kTarget, 5, 5}}));
  ASSERT_EQ(Rank(graph, kRequester, kTarget).size(), 1u);
  EXPECT_TRUE(Rank(graph, kRequester, kTarget, {}, Hiding({10})).empty());

  // With a visible three-hop chain beside it, that chain is the shortest visible route.
  Snapshot longer(testing::BuildGraph(
      {{kRequester, 10}, {10, kTarget}, {kRequester, 11}, {11, 20}, {20, kTarget}}));
  EXPECT_EQ(Intermediaries(Rank(longer, kRequester, kTarget, {}, Hiding({10}))),
            (RouteList{Ids({11, 20})}));
  EXPECT_TRUE(Rank(longer, kRequester, kTarget, {.max_hops = 2}, Hiding({10})).empty());
}

TEST(RankRoutes, NoRoutesToAConnectionSelfUnknownOrFarTarget) {
  Snapshot graph(testing::BuildGraph(
      {{kRequester, 10}, {10, 20}, {20, 30}, {30, 40}, {kRequester, kTarget}, {kTarget, 10}}));
  EXPECT_TRUE(Rank(graph, kRequester, kTarget).empty());  // A connection, though 10 knows both.
  EXPECT_TRUE(Rank(graph, kRequester, kRequester).empty());
  EXPECT_TRUE(Rank(graph, kRequester, kUnknown).empty());
  EXPECT_TRUE(Rank(graph, kUnknown, kRequester).empty());
  EXPECT_TRUE(Rank(graph, kRequester, 40).empty());  // Four hops.
  EXPECT_EQ(Rank(graph, kRequester, 30).size(), 1u);
  EXPECT_TRUE(Rank(graph, kRequester, 30, {.max_hops = 2}).empty());
}

TEST(RankRoutes, ReturnsAtMostMaxRoutes) {
  Snapshot graph = TwoHopNetwork();
  EXPECT_EQ(Intermediaries(Rank(graph, kRequester, kTarget, {.max_routes = 2})),
            (RouteList{Ids({10}), Ids({12})}));
  EXPECT_TRUE(Rank(graph, kRequester, kTarget, {.max_routes = 0}).empty());
  EXPECT_EQ(Intermediaries(Rank(ThreeHopNetwork(), kTarget, kRequester, {.max_routes = 1})),
            (RouteList{Ids({20, 10})}));
}

TEST(RankRoutes, EqualScoresGoByIdsEvenAtTheLimit) {
  // Two chains of equal score; the one with the higher ids is numbered, and so met, first.
  Snapshot graph(testing::BuildGraph({{kRequester, 11, 5, 5},
                                      {11, 21, 5, 5},
                                      {21, kTarget, 5, 5},
                                      {kRequester, 10, 5, 5},
                                      {10, 20, 5, 5},
                                      {20, kTarget, 5, 5}}));
  EXPECT_EQ(Intermediaries(Rank(graph, kRequester, kTarget, {.max_routes = 1})),
            (RouteList{Ids({10, 20})}));
  EXPECT_EQ(Intermediaries(Rank(graph, kTarget, kRequester, {.max_routes = 1})),
            (RouteList{Ids({20, 10})}));
}

TEST(RankRoutes, CallbacksAreAskedOncePerMemberOnlyAboutRoutes) {
  // 30 is a hidden mutual connection, so the routes are the four chains 10|11 - 20|21.
  Snapshot graph(testing::BuildGraph({{kRequester, 10},
                                      {kRequester, 11},
                                      {kRequester, 30},
                                      {kTarget, 30},
                                      {10, 20},
                                      {10, 21},
                                      {11, 20},
                                      {11, 21},
                                      {20, kTarget},
                                      {21, kTarget},
                                      {kRequester, 40}}));
  std::map<uint64_t, int> asked, bonused;
  MemberPredicate can_see = [&](MemberId member) {
    ++asked[member.value()];
    return member.value() != 30;
  };
  IntermediaryBonus bonus = [&](MemberId member) {
    ++bonused[member.value()];
    return 0;
  };
  EXPECT_EQ(Rank(graph, kRequester, kTarget, {}, can_see, bonus).size(), 4u);
  for (auto [member, count] : asked) EXPECT_EQ(count, 1) << "member " << member;
  EXPECT_EQ(bonused, (std::map<uint64_t, int>{{10, 1}, {11, 1}, {20, 1}, {21, 1}}));
}

// --- Against brute force on random graphs ---

constexpr uint64_t kSeeds = 200;

// mt19937_64's sequence is fixed by the standard; std:: distributions are not.
class Rng {
 public:
  explicit Rng(uint64_t seed) : engine_(seed) {}
  uint64_t Below(uint64_t n) { return engine_() % n; }
  bool Chance(double p) { return static_cast<double>(engine_() >> 11) * 0x1.0p-53 < p; }
  Strength Rating() { return static_cast<Strength>(Below(kMaxStrength + 1)); }

 private:
  std::mt19937_64 engine_;
};

int64_t ReferenceTie(const ReferenceGraph& reference, MemberId a, MemberId b) {
  return SuggestionWeight(*reference.StrengthOf(a, b)) +
         SuggestionWeight(*reference.StrengthOf(b, a));
}

// Every shortest path by plain breadth-first search, scored by the formula in routes.hpp,
// sorted best first and cut to the limit.
std::vector<Route> BruteForceRoutes(const ReferenceGraph& reference, MemberId from, MemberId to,
                                    const RouteLimits& limits, const MemberPredicate& can_see,
                                    const std::map<MemberId, int32_t>& bonuses) {
  std::vector<Route> routes;
  for (const auto& path : reference.ShortestPaths(from, to, limits.max_hops, can_see)) {
    if (path.size() < 3) break;  // The requester or a connection.
    Route& route = routes.emplace_back();
    route.intermediaries.assign(path.begin() + 1, path.end() - 1);
    int64_t weakest = 100, sum = 0;
    for (size_t i = 0; i + 1 < path.size(); ++i) {
      int64_t tie = ReferenceTie(reference, path[i], path[i + 1]);
      weakest = std::min(weakest, tie);
      sum += tie;
    }
    route.score = 1000 * weakest + 100 * sum;
    for (MemberId member : route.intermediaries) {
      if (auto it = bonuses.find(member); it != bonuses.end()) route.score += it->second;
    }
  }
  std::sort(routes.begin(), routes.end(), [](const Route& a, const Route& b) {
    if (a.score != b.score) return a.score > b.score;
    return a.intermediaries < b.intermediaries;
  });
  if (routes.size() > limits.max_routes) routes.resize(limits.max_routes);
  return routes;
}

TEST(RankRoutes, MatchesBruteForceOnRandomGraphs) {
  size_t two_hop_answers = 0, three_hop_answers = 0, cut_answers = 0;
  for (uint64_t seed = 1; seed <= kSeeds; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    Rng rng(seed);
    // Ids out of order, so that node numbering and id order differ.
    std::vector<MemberId> members;
    size_t count = 4 + rng.Below(27);
    while (members.size() < count) {
      MemberId candidate(1 + rng.Below(1000));
      if (std::find(members.begin(), members.end(), candidate) == members.end()) {
        members.push_back(candidate);
      }
    }
    // Some connections go through the index after it is built, so that lists come from the
    // overlay as well as from the base.
    double density = 0.05 + static_cast<double>(rng.Below(25)) / 100;
    GraphBuilder builder;
    std::vector<testing::TestEdge> later;
    ReferenceGraph reference;
    for (size_t i = 0; i < members.size(); ++i) {
      for (size_t j = i + 1; j < members.size(); ++j) {
        if (!rng.Chance(density)) continue;
        testing::TestEdge edge{members[i].value(), members[j].value(), rng.Rating(), rng.Rating()};
        reference.Add(members[i], members[j]);
        reference.Rate(members[i], members[j], edge.a_rates_b);
        reference.Rate(members[j], members[i], edge.b_rates_a);
        if (rng.Chance(0.3)) {
          later.push_back(edge);
        } else {
          ASSERT_TRUE(builder.AddConnection(MemberId(edge.a), MemberId(edge.b), edge.a_rates_b,
                                            edge.b_rates_a));
        }
      }
    }
    GraphIndex index(std::move(builder).Build(), {.overlay_node_limit = 1000});
    for (const testing::TestEdge& edge : later) {
      ASSERT_TRUE(index.AddConnection(MemberId(edge.a), MemberId(edge.b)));
      ASSERT_TRUE(index.SetStrength(MemberId(edge.a), MemberId(edge.b), edge.a_rates_b));
      ASSERT_TRUE(index.SetStrength(MemberId(edge.b), MemberId(edge.a), edge.b_rates_a));
    }
    std::shared_ptr<const Snapshot> snapshot = index.snapshot();

    std::set<MemberId> hidden;
    for (MemberId member : members) {
      if (rng.Chance(0.2)) hidden.insert(member);
    }
    std::map<MemberId, int32_t> bonuses;
    bool with_bonus = rng.Chance(0.7);
    for (MemberId member : members) {
      if (with_bonus && rng.Chance(0.5)) bonuses[member] = static_cast<int32_t>(rng.Below(501));
    }
    MemberPredicate can_see = [&](MemberId member) { return !hidden.count(member); };

    for (MemberId from : members) {
      for (MemberId to : members) {
        RouteLimits limits{1 + rng.Below(rng.Chance(0.3) ? 100 : 4), rng.Chance(0.2) ? 2 : 3};
        // Each callback at most once per member, the bonus only for members on a route.
        std::map<MemberId, int> asked, bonused;
        MemberPredicate counted_can_see = [&](MemberId member) {
          ++asked[member];
          return can_see(member);
        };
        IntermediaryBonus bonus;
        if (with_bonus) {
          bonus = [&](MemberId member) {
            ++bonused[member];
            auto it = bonuses.find(member);
            return it == bonuses.end() ? 0 : it->second;
          };
        }
        std::vector<Route> routes = RankRoutes(*snapshot, from, to, limits, counted_can_see, bonus);
        std::vector<Route> all =
            BruteForceRoutes(reference, from, to, {1000, limits.max_hops}, can_see, bonuses);
        std::vector<Route> expected(all.begin(),
                                    all.begin() + std::min(all.size(), limits.max_routes));
        ASSERT_EQ(routes, expected) << "from " << from.value() << " to " << to.value()
                                    << ", max_routes " << limits.max_routes;

        std::set<MemberId> on_routes;
        for (const Route& route : all) {
          on_routes.insert(route.intermediaries.begin(), route.intermediaries.end());
        }
        for (auto [member, times] : asked) ASSERT_EQ(times, 1) << member.value();
        for (auto [member, times] : bonused) {
          ASSERT_EQ(times, 1) << member.value();
          ASSERT_TRUE(on_routes.count(member)) << member.value();
        }
        if (routes.empty()) continue;
        ++(routes[0].intermediaries.size() == 1 ? two_hop_answers : three_hop_answers);
        if (all.size() > limits.max_routes) ++cut_answers;
      }
    }
  }
  // The comparison covered both lengths and answers cut to the limit.
  EXPECT_GT(two_hop_answers, 5000u);
  EXPECT_GT(three_hop_answers, 3000u);
  EXPECT_GT(cut_answers, 1000u);
}

}  // namespace
}  // namespace enishi::graph
