#include "domain/graph/graph_builder.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "domain/graph/csr_graph.hpp"
#include "domain/graph/node_numbering.hpp"
#include "graph/graph_fixtures.hpp"

namespace enishi::graph {
namespace {

using testing::BuildGraph;

std::vector<NodeIndex> ListOf(const CsrGraph& graph, uint64_t member) {
  Adjacency adjacency = graph.Adjacent(*graph.numbering().Find(MemberId(member)));
  return {adjacency.nodes.begin(), adjacency.nodes.end()};
}

TEST(NodeNumbering, NumbersMembersInOrderOfFirstAppearance) {
  NodeNumbering numbering;
  EXPECT_EQ(numbering.Intern(MemberId(900)), 0u);
  EXPECT_EQ(numbering.Intern(MemberId(7)), 1u);
  EXPECT_EQ(numbering.Intern(MemberId(900)), 0u);
  EXPECT_EQ(numbering.size(), 2u);
  EXPECT_EQ(numbering.MemberAt(1), MemberId(7));
  EXPECT_EQ(numbering.Find(MemberId(8)), std::nullopt);
  EXPECT_EQ(numbering.Find(MemberId()), std::nullopt);
}

TEST(NodeNumbering, FindsEveryMemberAcrossRehashes) {
  NodeNumbering numbering;
  // Sequential ids and random-looking ones, as tests and the store produce.
  for (uint64_t i = 1; i <= 5000; ++i) numbering.Intern(MemberId(i));
  for (uint64_t i = 1; i <= 5000; ++i) numbering.Intern(MemberId(i * 0x9E3779B97F4A7C1ULL >> 1));
  for (uint64_t i = 1; i <= 5000; ++i) {
    ASSERT_EQ(numbering.Find(MemberId(i)), i - 1);
    ASSERT_EQ(numbering.Find(MemberId(i * 0x9E3779B97F4A7C1ULL >> 1)), 5000 + i - 1);
  }
}

TEST(GraphBuilder, BuildsSortedSymmetricListsWithEachSidesRating) {
  auto graph = BuildGraph({{10, 30, 5, 1}, {10, 20, 2, 0}, {30, 20, 4, 3}});
  ASSERT_EQ(graph->node_count(), 3u);
  EXPECT_EQ(graph->entry_count(), 6u);
  // Numbered by first appearance: 10 -> 0, 30 -> 1, 20 -> 2.
  EXPECT_EQ(ListOf(*graph, 10), (std::vector<NodeIndex>{1, 2}));
  EXPECT_EQ(ListOf(*graph, 30), (std::vector<NodeIndex>{0, 2}));
  EXPECT_EQ(ListOf(*graph, 20), (std::vector<NodeIndex>{0, 1}));
  Adjacency of_10 = graph->Adjacent(0);
  EXPECT_EQ(of_10.strengths[0], 5);  // 10's rating of 30.
  EXPECT_EQ(of_10.strengths[1], 2);  // 10's rating of 20.
  Adjacency of_30 = graph->Adjacent(1);
  EXPECT_EQ(of_30.strengths[0], 1);  // 30's rating of 10.
  EXPECT_EQ(of_30.strengths[1], 4);  // 30's rating of 20.
}

TEST(GraphBuilder, KeepsADuplicateConnectionOnceWithTheHigherRatings) {
  // 1 rates 2 as 3, then 4, then leaves it unrated; 2 rates 1 unrated, then 1, then 2.
  auto graph = BuildGraph({{1, 2, 3, 0}, {2, 1, 1, 4}, {1, 2, 0, 2}});
  EXPECT_EQ(graph->entry_count(), 2u);
  EXPECT_EQ(graph->Adjacent(0).strengths[0], 4);
  EXPECT_EQ(graph->Adjacent(1).strengths[0], 2);
}

TEST(GraphBuilder, RejectsBadConnectionsAndAddsNothing) {
  GraphBuilder builder;
  EXPECT_EQ(builder.AddConnection(MemberId(1), MemberId(1)).error().code,
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(builder.AddConnection(MemberId(), MemberId(2)).error().code,
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(builder.AddConnection(MemberId(1), MemberId(2), 6, 0).error().code,
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(builder.connection_count(), 0u);
  auto graph = std::move(builder).Build();
  EXPECT_EQ(graph->node_count(), 0u);
}

TEST(CsrGraph, CostsFiveBytesPerDirectedEntryPlusOffsets) {
  GraphBuilder builder;
  for (uint64_t a = 1; a <= 100; ++a) {
    for (uint64_t b = a + 1; b <= 100; ++b)
      ASSERT_TRUE(builder.AddConnection(MemberId(a), MemberId(b)));
  }
  auto graph = std::move(builder).Build();
  ASSERT_EQ(graph->entry_count(), 100u * 99u);
  double per_entry = static_cast<double>(graph->adjacency_bytes()) / graph->entry_count();
  EXPECT_LT(per_entry, 5.1);
}

}  // namespace
}  // namespace enishi::graph
