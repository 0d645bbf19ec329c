#include "domain/graph/search.hpp"

#include <gtest/gtest.h>

#include <set>
#include <vector>

#include "domain/graph/graph_builder.hpp"
#include "domain/graph/snapshot.hpp"
#include "graph/graph_fixtures.hpp"

namespace enishi::graph {
namespace {

using testing::Ids;
using testing::PathList;

// Members of the test network.
constexpr uint64_t kAlice = 1, kBob = 2, kCarol = 3, kDave = 4, kErin = 5, kFrank = 6, kGrace = 7,
                   kHeidi = 8, kIvan = 9, kJudy = 10, kStranger = 99;

// The test network; Alice rates Bob 5 and leaves Carol unrated, all other ties are unrated.
//
//           ivan
//            |
//   alice - bob - dave - erin - frank - grace - heidi
//       \    |    /
//        \   |   /
//          carol
//            |
//           judy
class SearchTest : public ::testing::Test {
 protected:
  SearchTest()
      : graph_(testing::BuildGraph({{kAlice, kBob, 5, 0},
                                    {kAlice, kCarol},
                                    {kBob, kCarol},
                                    {kBob, kDave},
                                    {kCarol, kDave},
                                    {kDave, kErin},
                                    {kErin, kFrank},
                                    {kFrank, kGrace},
                                    {kGrace, kHeidi},
                                    {kBob, kIvan},
                                    {kCarol, kJudy}})) {}

  // A predicate under which the given members hide their connection lists.
  static MemberPredicate Hiding(std::set<uint64_t> hidden) {
    return [hidden](MemberId member) { return !hidden.count(member.value()); };
  }

  PathList PathsBetween(uint64_t from, uint64_t to, PathLimits limits = {},
                        const MemberPredicate& can_see = {}) {
    return ShortestPaths(graph_, MemberId(from), MemberId(to), limits, can_see).paths;
  }

  Snapshot graph_;
};

TEST_F(SearchTest, DegreesGiveEachMembersBadge) {
  struct Case {
    uint64_t viewer;
    uint64_t member;
    Degree expected;
  };
  const Case cases[] = {
      {kAlice, kAlice, Degree::kSelf},       {kAlice, kBob, Degree::kFirst},
      {kAlice, kDave, Degree::kSecond},      {kAlice, kIvan, Degree::kSecond},
      {kAlice, kErin, Degree::kThird},       {kAlice, kFrank, Degree::kBeyond},
      {kAlice, kHeidi, Degree::kBeyond},     {kAlice, kStranger, Degree::kBeyond},
      {kHeidi, kFrank, Degree::kSecond},     {kStranger, kAlice, Degree::kBeyond},
      {kStranger, kStranger, Degree::kSelf}, {kIvan, kJudy, Degree::kThird},
  };
  for (const Case& c : cases) {
    MemberId member(c.member);
    EXPECT_EQ(Degrees(graph_, MemberId(c.viewer), {&member, 1}), std::vector{c.expected})
        << "viewer " << c.viewer << ", member " << c.member;
  }
}

TEST_F(SearchTest, DegreesAnswerAWholePageInOrder) {
  auto page = Ids({kErin, kAlice, kStranger, kBob, kJudy, kFrank});
  EXPECT_EQ(Degrees(graph_, MemberId(kAlice), page),
            (std::vector{Degree::kThird, Degree::kSelf, Degree::kBeyond, Degree::kFirst,
                         Degree::kSecond, Degree::kBeyond}));
}

TEST_F(SearchTest, MutualsAreTheSharedConnectionsSortedById) {
  EXPECT_EQ(Mutuals(graph_, MemberId(kAlice), MemberId(kDave)), Ids({kBob, kCarol}));
  EXPECT_EQ(Mutuals(graph_, MemberId(kDave), MemberId(kAlice)), Ids({kBob, kCarol}));
  EXPECT_EQ(Mutuals(graph_, MemberId(kAlice), MemberId(kBob)), Ids({kCarol}));
  EXPECT_TRUE(Mutuals(graph_, MemberId(kAlice), MemberId(kErin)).empty());
  EXPECT_TRUE(Mutuals(graph_, MemberId(kAlice), MemberId(kAlice)).empty());
  EXPECT_TRUE(Mutuals(graph_, MemberId(kAlice), MemberId(kStranger)).empty());
}

TEST_F(SearchTest, MutualsLeaveOutMembersWhoHideTheirConnections) {
  EXPECT_EQ(Mutuals(graph_, MemberId(kAlice), MemberId(kDave), Hiding({kBob})), Ids({kCarol}));
  // Hiding one's own list does not hide one as an endpoint.
  EXPECT_EQ(Mutuals(graph_, MemberId(kAlice), MemberId(kDave), Hiding({kAlice, kDave})),
            Ids({kBob, kCarol}));
}

TEST_F(SearchTest, MutualsOfAHubAndASmallList) {
  // Lists 50 times apart in length take the binary-search path.
  GraphBuilder builder;
  for (uint64_t member = 1000; member < 1200; ++member) {
    ASSERT_TRUE(builder.AddConnection(MemberId(1), MemberId(member)));
  }
  for (uint64_t member : {1003, 1150, 1199, 5000}) {
    ASSERT_TRUE(builder.AddConnection(MemberId(2), MemberId(member)));
  }
  Snapshot graph(std::move(builder).Build());
  EXPECT_EQ(Mutuals(graph, MemberId(1), MemberId(2)), Ids({1003, 1150, 1199}));
}

TEST_F(SearchTest, ShortestPathsListEveryShortestPath) {
  EXPECT_EQ(PathsBetween(kAlice, kErin),
            (PathList{Ids({kAlice, kBob, kDave, kErin}), Ids({kAlice, kCarol, kDave, kErin})}));
  EXPECT_EQ(PathsBetween(kAlice, kDave),
            (PathList{Ids({kAlice, kBob, kDave}), Ids({kAlice, kCarol, kDave})}));
  EXPECT_EQ(PathsBetween(kErin, kAlice),
            (PathList{Ids({kErin, kDave, kBob, kAlice}), Ids({kErin, kDave, kCarol, kAlice})}));
  EXPECT_EQ(PathsBetween(kAlice, kBob), (PathList{Ids({kAlice, kBob})}));
  EXPECT_EQ(PathsBetween(kAlice, kAlice), (PathList{Ids({kAlice})}));
}

TEST_F(SearchTest, ShortestPathsStopAtTheHopLimit) {
  EXPECT_TRUE(PathsBetween(kAlice, kFrank).empty());
  EXPECT_EQ(PathsBetween(kAlice, kFrank, {.max_hops = 4}).size(), 2u);
  EXPECT_TRUE(PathsBetween(kAlice, kDave, {.max_hops = 1}).empty());
  EXPECT_TRUE(PathsBetween(kAlice, kStranger).empty());
  Paths none = ShortestPaths(graph_, MemberId(kAlice), MemberId(kHeidi));
  EXPECT_EQ(none.hops(), std::nullopt);
  EXPECT_FALSE(none.truncated);
}

TEST_F(SearchTest, ShortestPathsReportTruncation) {
  Paths capped = ShortestPaths(graph_, MemberId(kAlice), MemberId(kErin), {.max_paths = 1});
  EXPECT_EQ(capped.hops(), 3);
  EXPECT_EQ(capped.paths.size(), 1u);
  EXPECT_TRUE(capped.truncated);
  EXPECT_FALSE(
      ShortestPaths(graph_, MemberId(kAlice), MemberId(kErin), {.max_paths = 2}).truncated);
}

TEST_F(SearchTest, ShortestPathsPassOnlyThroughVisibleConnectionLists) {
  EXPECT_EQ(PathsBetween(kAlice, kErin, {}, Hiding({kBob})),
            (PathList{Ids({kAlice, kCarol, kDave, kErin})}));
  EXPECT_TRUE(PathsBetween(kAlice, kErin, {}, Hiding({kDave})).empty());
  // The endpoints' own settings do not matter; the viewer already knows who they are.
  EXPECT_EQ(PathsBetween(kAlice, kErin, {}, Hiding({kAlice, kErin})).size(), 2u);
  // With Bob and Carol hidden Alice reaches nobody, however far the search may go.
  EXPECT_TRUE(PathsBetween(kAlice, kDave, {.max_hops = 6}, Hiding({kBob, kCarol})).empty());
}

TEST_F(SearchTest, ShortestPathsTakeALongerVisibleRouteWhenTheShortOneIsHidden) {
  // Ivan reaches Judy in two hops through Bob, or in three through Grace and Heidi.
  Snapshot graph(testing::BuildGraph(
      {{kIvan, kBob}, {kBob, kJudy}, {kIvan, kGrace}, {kGrace, kHeidi}, {kHeidi, kJudy}}));
  EXPECT_EQ(ShortestPaths(graph, MemberId(kIvan), MemberId(kJudy)).hops(), 2);
  auto paths = ShortestPaths(graph, MemberId(kIvan), MemberId(kJudy), {}, Hiding({kBob})).paths;
  EXPECT_EQ(paths, (PathList{Ids({kIvan, kGrace, kHeidi, kJudy})}));
}

TEST_F(SearchTest, PredicatesMayQueryTheGraphThemselves) {
  // A caller's visibility rule built on the index itself ("lists are visible to 2nd degree").
  MemberPredicate within_two = [&](MemberId member) {
    Degree degree = Degrees(graph_, MemberId(kAlice), {&member, 1})[0];
    return degree <= Degree::kSecond;
  };
  EXPECT_EQ(PathsBetween(kAlice, kErin, {}, within_two).size(), 2u);
  EXPECT_EQ(Suggestions(graph_, MemberId(kAlice), 5, within_two, within_two).size(), 3u);
}

TEST_F(SearchTest, SuggestionsRankFriendsOfFriendsByTheViewersRatings) {
  auto suggested = Suggestions(graph_, MemberId(kAlice), 10);
  // Dave through Bob (rated 5) and Carol (unrated, 2); Ivan through Bob; Judy through Carol.
  ASSERT_EQ(suggested.size(), 3u);
  EXPECT_EQ(suggested[0].member, MemberId(kDave));
  EXPECT_EQ(suggested[0].score, 7u);
  EXPECT_EQ(suggested[0].mutual_count, 2u);
  EXPECT_EQ(suggested[1].member, MemberId(kIvan));
  EXPECT_EQ(suggested[1].score, 5u);
  EXPECT_EQ(suggested[2].member, MemberId(kJudy));
  EXPECT_EQ(suggested[2].score, 2u);
  EXPECT_EQ(Suggestions(graph_, MemberId(kAlice), 1).size(), 1u);
}

TEST_F(SearchTest, SuggestionsOnlyNameDiscoverableMembersThroughVisibleLists) {
  auto discoverable = Hiding({kIvan});
  auto suggested = Suggestions(graph_, MemberId(kAlice), 10, discoverable);
  ASSERT_EQ(suggested.size(), 2u);
  EXPECT_EQ(suggested[0].member, MemberId(kDave));
  EXPECT_EQ(suggested[1].member, MemberId(kJudy));

  // Bob hides his list: neither Ivan nor Bob's half of Dave's score may show.
  suggested = Suggestions(graph_, MemberId(kAlice), 10, {}, Hiding({kBob}));
  ASSERT_EQ(suggested.size(), 2u);
  EXPECT_EQ(suggested[0].member, MemberId(kDave));  // Ties with Judy; the lower id first.
  EXPECT_EQ(suggested[0].score, 2u);
  EXPECT_EQ(suggested[1].member, MemberId(kJudy));
}

TEST_F(SearchTest, SuggestionsForAnUnknownViewerOrNoRoomAreEmpty) {
  EXPECT_TRUE(Suggestions(graph_, MemberId(kStranger), 10).empty());
  EXPECT_TRUE(Suggestions(graph_, MemberId(kAlice), 0).empty());
}

TEST_F(SearchTest, NeighborsCarryTheMembersOwnRatings) {
  EXPECT_EQ(Neighbors(graph_, MemberId(kAlice)),
            (std::vector<Connection>{{MemberId(kBob), 5}, {MemberId(kCarol), kUnrated}}));
  EXPECT_EQ(ConnectionCount(graph_, MemberId(kDave)), 3u);
  EXPECT_EQ(ConnectionCount(graph_, MemberId(kStranger)), 0u);
  EXPECT_EQ(StrengthOf(graph_, MemberId(kAlice), MemberId(kBob)), 5);
  EXPECT_EQ(StrengthOf(graph_, MemberId(kBob), MemberId(kAlice)), kUnrated);
  EXPECT_EQ(StrengthOf(graph_, MemberId(kAlice), MemberId(kDave)), std::nullopt);
}

}  // namespace
}  // namespace enishi::graph
