#include "domain/graph/snapshot.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "domain/graph/search.hpp"
#include "graph/graph_fixtures.hpp"

namespace enishi::graph {
namespace {

using testing::BuildGraph;

std::vector<MemberId> ConnectionsOf(const Snapshot& snapshot, uint64_t member) {
  std::vector<MemberId> members;
  for (const Connection& connection : Neighbors(snapshot, MemberId(member))) {
    members.push_back(connection.member);
  }
  return members;
}

TEST(Snapshot, EditsACopyAndLeavesTheOriginalAlone) {
  Snapshot original(BuildGraph({{1, 2}, {2, 3}}));
  Snapshot edited = original;
  NodeIndex one = *edited.IndexOf(MemberId(1));
  NodeIndex three = *edited.IndexOf(MemberId(3));
  EXPECT_TRUE(edited.SetEntry(one, three, 4));
  EXPECT_TRUE(edited.SetEntry(three, one, 0));

  EXPECT_EQ(ConnectionsOf(edited, 1), testing::Ids({2, 3}));
  EXPECT_EQ(ConnectionsOf(original, 1), testing::Ids({2}));
  EXPECT_EQ(edited.connection_count(), 3u);
  EXPECT_EQ(original.connection_count(), 2u);
  EXPECT_EQ(edited.overlay().changed_node_count(), 2u);
  EXPECT_TRUE(original.overlay().empty());
}

TEST(Snapshot, ReportsWhetherAnEditChangedAnything) {
  Snapshot snapshot(BuildGraph({{1, 2, 3, 0}}));
  NodeIndex one = *snapshot.IndexOf(MemberId(1));
  NodeIndex two = *snapshot.IndexOf(MemberId(2));
  EXPECT_FALSE(snapshot.SetEntry(one, two, 3));
  EXPECT_TRUE(snapshot.SetEntry(one, two, 5));
  EXPECT_EQ(StrengthOf(snapshot, MemberId(1), MemberId(2)), 5);
  EXPECT_EQ(snapshot.connection_count(), 1u);  // A new rating is not a new connection.
  EXPECT_TRUE(snapshot.EraseEntry(one, two));
  EXPECT_FALSE(snapshot.EraseEntry(one, two));
}

TEST(Snapshot, NumbersNewMembersAfterTheBase) {
  Snapshot snapshot(BuildGraph({{1, 2}}));
  NodeIndex newcomer = snapshot.Intern(MemberId(77));
  EXPECT_EQ(newcomer, 2u);
  EXPECT_EQ(snapshot.Intern(MemberId(77)), 2u);
  EXPECT_EQ(snapshot.node_count(), 3u);
  EXPECT_EQ(snapshot.MemberAt(newcomer), MemberId(77));
  EXPECT_EQ(snapshot.IndexOf(MemberId(77)), newcomer);
  EXPECT_TRUE(snapshot.Adjacent(newcomer).empty());
}

TEST(Snapshot, CompactionFoldsTheOverlayAndKeepsIndices) {
  Snapshot snapshot(BuildGraph({{1, 2}, {2, 3}, {3, 4}}));
  NodeIndex two = *snapshot.IndexOf(MemberId(2));
  NodeIndex three = *snapshot.IndexOf(MemberId(3));
  NodeIndex five = snapshot.Intern(MemberId(5));
  snapshot.EraseEntry(two, three);
  snapshot.EraseEntry(three, two);
  snapshot.SetEntry(five, two, 1);
  snapshot.SetEntry(two, five, 2);

  Snapshot compacted = snapshot.Compacted();
  EXPECT_TRUE(compacted.overlay().empty());
  EXPECT_EQ(compacted.base().node_count(), 5u);
  EXPECT_EQ(compacted.IndexOf(MemberId(5)), five);
  EXPECT_EQ(compacted.connection_count(), snapshot.connection_count());
  for (uint64_t member = 1; member <= 5; ++member) {
    EXPECT_EQ(Neighbors(compacted, MemberId(member)), Neighbors(snapshot, MemberId(member)))
        << "member " << member;
  }
  EXPECT_EQ(StrengthOf(compacted, MemberId(2), MemberId(5)), 2);
}

TEST(Snapshot, FindsEveryChangedNodeAmongMany) {
  // Enough changed nodes that the overlay's bit filter has collisions; the unchanged nodes
  // must still read from the base.
  GraphBuilder builder;
  for (uint64_t member = 1; member <= 3000; ++member) {
    ASSERT_TRUE(builder.AddConnection(MemberId(member), MemberId(member + 100000)));
  }
  Snapshot snapshot(std::move(builder).Build());
  for (uint64_t member = 2; member <= 3000; member += 2) {
    NodeIndex even = *snapshot.IndexOf(MemberId(member));
    NodeIndex odd = *snapshot.IndexOf(MemberId(member - 1));
    snapshot.SetEntry(even, odd, 1);
    snapshot.SetEntry(odd, even, 1);
  }
  EXPECT_EQ(snapshot.overlay().changed_node_count(), 3000u);
  for (uint64_t member = 1; member <= 3000; ++member) {
    ASSERT_EQ(ConnectionCount(snapshot, MemberId(member)), 2u) << member;
    ASSERT_EQ(ConnectionCount(snapshot, MemberId(member + 100000)), 1u) << member;
  }
}

}  // namespace
}  // namespace enishi::graph
