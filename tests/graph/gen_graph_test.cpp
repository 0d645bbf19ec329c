#include "tools/gen_graph.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <vector>

#include "domain/graph/graph_builder.hpp"
#include "domain/graph/search.hpp"
#include "domain/graph/snapshot.hpp"

namespace enishi::tools {
namespace {

constexpr NetworkShape kSmallNetwork{.members = 20'000, .connections = 200'000, .seed = 7};

TEST(GenerateNetwork, GivesTheSameNetworkForTheSameSeed) {
  GeneratedNetwork first = GenerateNetwork(kSmallNetwork);
  GeneratedNetwork again = GenerateNetwork(kSmallNetwork);
  NetworkShape other_shape = kSmallNetwork;
  other_shape.seed = 8;
  GeneratedNetwork other = GenerateNetwork(other_shape);

  EXPECT_EQ(first.members, again.members);
  ASSERT_EQ(first.connections.size(), again.connections.size());
  EXPECT_TRUE(std::equal(first.connections.begin(), first.connections.end(),
                         again.connections.begin(), [](const auto& x, const auto& y) {
                           return x.a == y.a && x.b == y.b && x.a_rates_b == y.a_rates_b &&
                                  x.b_rates_a == y.b_rates_a;
                         }));
  EXPECT_NE(first.members, other.members);
}

TEST(GenerateNetwork, GivesExactlyTheConnectionsAskedForAndNoRepeats) {
  GeneratedNetwork network = GenerateNetwork(kSmallNetwork);
  ASSERT_EQ(network.members.size(), kSmallNetwork.members);
  ASSERT_EQ(network.connections.size(), kSmallNetwork.connections);

  std::set<MemberId> ids(network.members.begin(), network.members.end());
  EXPECT_EQ(ids.size(), network.members.size());
  EXPECT_FALSE(ids.count(MemberId()));

  std::vector<uint64_t> pairs;
  for (const GeneratedConnection& connection : network.connections) {
    ASSERT_NE(connection.a, connection.b);
    ASSERT_LT(std::max(connection.a, connection.b), network.members.size());
    ASSERT_LE(connection.a_rates_b, 5);
    ASSERT_LE(connection.b_rates_a, 5);
    pairs.push_back((uint64_t{std::min(connection.a, connection.b)} << 32) |
                    std::max(connection.a, connection.b));
  }
  std::sort(pairs.begin(), pairs.end());
  EXPECT_EQ(std::adjacent_find(pairs.begin(), pairs.end()), pairs.end());
}

TEST(GenerateNetwork, HasHeavyTailedDegreesAndClusteredNeighbourhoods) {
  GeneratedNetwork network = GenerateNetwork(kSmallNetwork);
  graph::GraphBuilder builder;
  for (const GeneratedConnection& connection : network.connections) {
    ASSERT_TRUE(builder.AddConnection(network.members[connection.a], network.members[connection.b],
                                      connection.a_rates_b, connection.b_rates_a));
  }
  graph::Snapshot snapshot(std::move(builder).Build());

  std::vector<size_t> degrees;
  for (graph::NodeIndex node = 0; node < snapshot.node_count(); ++node) {
    degrees.push_back(snapshot.Adjacent(node).size());
  }
  std::sort(degrees.begin(), degrees.end());
  double mean = 2.0 * kSmallNetwork.connections / kSmallNetwork.members;
  EXPECT_LT(degrees[degrees.size() / 2], mean);  // Most members have fewer than average...
  EXPECT_GT(degrees.back(), 10 * mean);          // ... and a few have very many.

  // Communities make friends of friends likely to be friends: far more closed triangles than
  // in a random graph of the same density (where the share would be about mean / members).
  size_t closed = 0, open = 0;
  for (graph::NodeIndex node = 0; node < 200; ++node) {
    std::span<const graph::NodeIndex> around = snapshot.Adjacent(node).nodes;
    for (size_t i = 0; i + 1 < around.size() && i < 20; ++i) {
      std::span<const graph::NodeIndex> next = snapshot.Adjacent(around[i]).nodes;
      bool linked = std::binary_search(next.begin(), next.end(), around[i + 1]);
      (linked ? closed : open) += 1;
    }
  }
  double clustering = static_cast<double>(closed) / static_cast<double>(closed + open);
  EXPECT_GT(clustering, 10 * mean / kSmallNetwork.members);
}

}  // namespace
}  // namespace enishi::tools
