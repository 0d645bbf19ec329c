#include "domain/graph/graph_index.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <vector>

#include "domain/graph/connection_source.hpp"
#include "graph/graph_fixtures.hpp"

namespace enishi::graph {
namespace {

using testing::Ids;

// A ConnectionSource over a vector, optionally failing after a number of records.
class VectorSource final : public ConnectionSource {
 public:
  explicit VectorSource(std::vector<ConnectionRecord> records) : records_(std::move(records)) {}

  void FailAfter(size_t records) { fail_after_ = records; }

  Result<void> ForEachConnection(
      const std::function<Result<void>(const ConnectionRecord&)>& visit) override {
    for (size_t i = 0; i < records_.size(); ++i) {
      if (i == fail_after_) return Unavailable("store went away");
      ENISHI_TRY(visit(records_[i]));
    }
    return Ok();
  }

 private:
  std::vector<ConnectionRecord> records_;
  size_t fail_after_ = SIZE_MAX;
};

MemberId M(uint64_t value) { return MemberId(value); }

TEST(GraphIndex, StartsEmpty) {
  GraphIndex index;
  EXPECT_EQ(index.snapshot()->connection_count(), 0u);
  EXPECT_EQ(index.ConnectionCount(M(1)), 0u);
  EXPECT_TRUE(index.Neighbors(M(1)).empty());
}

TEST(GraphIndex, AddsAndRemovesConnectionsIdempotently) {
  GraphIndex index;
  ASSERT_TRUE(index.AddConnection(M(1), M(2)));
  ASSERT_TRUE(index.AddConnection(M(2), M(1)));
  ASSERT_TRUE(index.AddConnection(M(2), M(3)));
  EXPECT_EQ(index.snapshot()->connection_count(), 2u);
  EXPECT_EQ(index.Mutuals(M(1), M(3)), Ids({2}));
  EXPECT_EQ(index.ShortestPaths(M(1), M(3)).hops(), 2);

  ASSERT_TRUE(index.RemoveConnection(M(2), M(1)));
  ASSERT_TRUE(index.RemoveConnection(M(2), M(1)));
  ASSERT_TRUE(index.RemoveConnection(M(7), M(8)));  // Never connected, never seen.
  EXPECT_EQ(index.snapshot()->connection_count(), 1u);
  EXPECT_EQ(index.ConnectionCount(M(1)), 0u);
  MemberId three = M(3);
  EXPECT_EQ(index.Degrees(M(1), {&three, 1}), std::vector{Degree::kBeyond});
}

TEST(GraphIndex, RejectsSelfConnectionsAndInvalidIds) {
  GraphIndex index;
  EXPECT_EQ(index.AddConnection(M(1), M(1)).error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(index.AddConnection(MemberId(), M(1)).error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(index.snapshot()->node_count(), 0u);
}

TEST(GraphIndex, KeepsEachSidesRatingPrivateToThatSide) {
  GraphIndex index;
  ASSERT_TRUE(index.AddConnection(M(1), M(2)));
  ASSERT_TRUE(index.SetStrength(M(1), M(2), 5));
  ASSERT_TRUE(index.SetStrength(M(2), M(1), 2));
  EXPECT_EQ(index.StrengthOf(M(1), M(2)), 5);
  EXPECT_EQ(index.StrengthOf(M(2), M(1)), 2);
  // Adding the connection again keeps the ratings; kUnrated clears one.
  ASSERT_TRUE(index.AddConnection(M(1), M(2)));
  EXPECT_EQ(index.StrengthOf(M(1), M(2)), 5);
  ASSERT_TRUE(index.SetStrength(M(1), M(2), kUnrated));
  EXPECT_EQ(index.StrengthOf(M(1), M(2)), kUnrated);
}

TEST(GraphIndex, RefusesRatingsOutOfRangeOrWithoutAConnection) {
  GraphIndex index;
  ASSERT_TRUE(index.AddConnection(M(1), M(2)));
  EXPECT_EQ(index.SetStrength(M(1), M(2), 6).error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(index.SetStrength(M(1), M(3), 3).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(index.SetStrength(M(1), M(1), 3).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(index.StrengthOf(M(1), M(2)), kUnrated);
}

TEST(GraphIndex, ASnapshotNeverChangesUnderItsReader) {
  GraphIndex index(testing::BuildGraph({{1, 2}, {2, 3}}));
  std::shared_ptr<const Snapshot> before = index.snapshot();
  ASSERT_TRUE(index.AddConnection(M(1), M(3)));
  ASSERT_TRUE(index.RemoveConnection(M(1), M(2)));
  index.Compact();
  EXPECT_EQ(Neighbors(*before, M(1)), (std::vector<Connection>{{M(2), kUnrated}}));
  EXPECT_EQ(index.Neighbors(M(1)), (std::vector<Connection>{{M(3), kUnrated}}));
}

TEST(GraphIndex, FoldsTheOverlayOnceItPassesTheLimit) {
  GraphIndex index(testing::BuildGraph({{1, 2}}), {.overlay_node_limit = 4});
  ASSERT_TRUE(index.AddConnection(M(1), M(3)));  // Changes 1 and 3.
  ASSERT_TRUE(index.AddConnection(M(4), M(5)));  // 4 changed nodes: still within the limit.
  EXPECT_EQ(index.snapshot()->overlay().changed_node_count(), 4u);
  EXPECT_EQ(index.snapshot()->base().entry_count(), 2u);

  ASSERT_TRUE(index.AddConnection(M(2), M(5)));  // 6 > 4: folded into a new base.
  std::shared_ptr<const Snapshot> folded = index.snapshot();
  EXPECT_TRUE(folded->overlay().empty());
  EXPECT_EQ(folded->base().entry_count(), 8u);
  EXPECT_EQ(folded->base().node_count(), 5u);
  EXPECT_EQ(index.ShortestPaths(M(3), M(4)).hops(), std::nullopt);
  EXPECT_EQ(index.ShortestPaths(M(3), M(4), {.max_hops = 4}).paths,
            (testing::PathList{Ids({3, 1, 2, 5, 4})}));
}

TEST(GraphIndex, RemovingAMemberRemovesEachOfTheirConnections) {
  GraphIndex index(testing::BuildGraph({{1, 2}, {1, 3}, {2, 3}}));
  ASSERT_TRUE(index.AddConnection(M(1), M(4)));
  index.RemoveMember(M(1));
  EXPECT_EQ(index.ConnectionCount(M(1)), 0u);
  EXPECT_EQ(index.ConnectionCount(M(4)), 0u);
  EXPECT_EQ(index.Neighbors(M(2)), (std::vector<Connection>{{M(3), kUnrated}}));
  index.RemoveMember(M(1));  // Nothing left to do.
  index.RemoveMember(M(99));
  EXPECT_EQ(index.snapshot()->connection_count(), 1u);
}

TEST(GraphIndex, CompactsOnRequest) {
  GraphIndex index;
  ASSERT_TRUE(index.AddConnection(M(1), M(2)));
  EXPECT_FALSE(index.snapshot()->overlay().empty());
  index.Compact();
  EXPECT_TRUE(index.snapshot()->overlay().empty());
  EXPECT_EQ(index.Neighbors(M(2)), (std::vector<Connection>{{M(1), kUnrated}}));
}

TEST(GraphIndex, LoadsEveryConnectionFromTheSource) {
  GraphIndex index;
  ASSERT_TRUE(index.AddConnection(M(8), M(9)));
  VectorSource source({{M(1), M(2), 4, 1}, {M(2), M(3), 0, 5}});
  ASSERT_TRUE(index.Load(source));
  EXPECT_EQ(index.snapshot()->connection_count(), 2u);
  EXPECT_EQ(index.ConnectionCount(M(8)), 0u);  // Replaced, not merged.
  EXPECT_EQ(index.StrengthOf(M(1), M(2)), 4);
  EXPECT_EQ(index.StrengthOf(M(3), M(2)), 5);
}

TEST(GraphIndex, AFailedLoadLeavesTheIndexAsItWas) {
  GraphIndex index;
  ASSERT_TRUE(index.AddConnection(M(8), M(9)));

  VectorSource failing({{M(1), M(2)}, {M(2), M(3)}});
  failing.FailAfter(1);
  Result<void> loaded = index.Load(failing);
  ASSERT_FALSE(loaded);
  EXPECT_EQ(loaded.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(loaded.error().message, "loading the graph index: store went away");

  VectorSource bad({{M(1), M(2)}, {M(4), M(4)}});
  loaded = index.Load(bad);
  ASSERT_FALSE(loaded);
  EXPECT_EQ(loaded.error().code, ErrorCode::kInvalidArgument);

  EXPECT_EQ(index.Neighbors(M(8)), (std::vector<Connection>{{M(9), kUnrated}}));
  EXPECT_EQ(index.ConnectionCount(M(1)), 0u);
}

// A source that stops after its first connection until the test lets it go on.
class PausingSource final : public ConnectionSource {
 public:
  explicit PausingSource(std::vector<ConnectionRecord> records) : records_(std::move(records)) {}

  Result<void> ForEachConnection(
      const std::function<Result<void>(const ConnectionRecord&)>& visit) override {
    for (size_t i = 0; i < records_.size(); ++i) {
      ENISHI_TRY(visit(records_[i]));
      if (i == 0) {
        paused_.set_value();
        resume_.get_future().wait();
      }
    }
    return Ok();
  }

  std::promise<void> paused_;
  std::promise<void> resume_;

 private:
  std::vector<ConnectionRecord> records_;
};

TEST(GraphIndex, WritesDuringALoadNeitherWaitForItNorGetLost) {
  GraphIndex index;
  ASSERT_TRUE(index.AddConnection(M(8), M(9)));
  PausingSource source({{M(1), M(2)}, {M(3), M(4)}, {M(10), M(3)}, {M(10), M(11)}});
  std::future<void> paused = source.paused_.get_future();
  std::future<Result<void>> loading =
      std::async(std::launch::async, [&] { return index.Load(source); });
  paused.wait();

  // Mid-scan: (1, 2) is read, (3, 4) is not yet. None of these waits for the load (a write
  // that did would hang here until the test's timeout).
  ASSERT_TRUE(index.AddConnection(M(5), M(6)));
  ASSERT_TRUE(index.RemoveConnection(M(1), M(2)));  // Not in the old graph; in the new one.
  ASSERT_TRUE(index.RemoveConnection(M(8), M(9)));
  // A deleted member's connections go from the loaded graph too, though the old one had none.
  index.RemoveMember(M(10));
  // The old graph has no (3, 4) to rate; the loaded one will.
  EXPECT_EQ(index.SetStrength(M(3), M(4), 5).error().code, ErrorCode::kNotFound);
  // Readers still see the graph as it was before the load, with these writes.
  EXPECT_EQ(index.ConnectionCount(M(5)), 1u);
  EXPECT_EQ(index.ConnectionCount(M(8)), 0u);
  source.resume_.set_value();

  ASSERT_EQ(loading.wait_for(std::chrono::seconds(10)), std::future_status::ready);
  ASSERT_TRUE(loading.get());
  EXPECT_EQ(index.StrengthOf(M(5), M(6)), kUnrated);
  EXPECT_EQ(index.ConnectionCount(M(1)), 0u);
  EXPECT_EQ(index.ConnectionCount(M(8)), 0u);
  EXPECT_EQ(index.StrengthOf(M(3), M(4)), 5);
  EXPECT_EQ(index.ConnectionCount(M(10)), 0u);
  EXPECT_EQ(index.ConnectionCount(M(11)), 0u);
  EXPECT_EQ(index.snapshot()->connection_count(), 2u);

  // Once the load is done, writes are no longer recorded for it.
  ASSERT_TRUE(index.AddConnection(M(1), M(7)));
  EXPECT_EQ(index.snapshot()->connection_count(), 3u);
}

}  // namespace
}  // namespace enishi::graph
