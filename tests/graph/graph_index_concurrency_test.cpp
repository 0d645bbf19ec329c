// Readers querying while writers change the graph. Run under ThreadSanitizer for the full
// check; on its own it still proves that readers only ever see whole changes.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <functional>
#include <optional>
#include <set>
#include <thread>
#include <utility>
#include <vector>

#include "domain/graph/graph_index.hpp"

namespace enishi::graph {
namespace {

constexpr uint64_t kRingSize = 300;
constexpr int kWriters = 2;
constexpr int kReaders = 3;
constexpr int kChangesPerWriter = 100000;

// The one rating writers ever give from -> to, so readers can tell a torn value.
Strength RatingOf(MemberId from, MemberId to) {
  return static_cast<Strength>(1 + (from.value() * 3 + to.value()) % kMaxStrength);
}

// Checks what must hold in every published state: lists sorted and symmetric, counts adding
// up, ratings either unset or the writers' one value.
void ExpectConsistent(const Snapshot& snapshot) {
  size_t entries = 0;
  for (NodeIndex node = 0; node < snapshot.node_count(); ++node) {
    Adjacency adjacency = snapshot.Adjacent(node);
    entries += adjacency.size();
    ASSERT_TRUE(std::adjacent_find(adjacency.nodes.begin(), adjacency.nodes.end(),
                                   std::greater_equal<>()) == adjacency.nodes.end());
    for (size_t i = 0; i < adjacency.size(); ++i) {
      NodeIndex other = adjacency.nodes[i];
      Adjacency back = snapshot.Adjacent(other);
      ASSERT_TRUE(std::binary_search(back.nodes.begin(), back.nodes.end(), node));
      Strength rating = adjacency.strengths[i];
      ASSERT_TRUE(rating == kUnrated ||
                  rating == RatingOf(snapshot.MemberAt(node), snapshot.MemberAt(other)));
    }
  }
  ASSERT_EQ(entries, snapshot.entry_count());
}

MemberId RingMember(uint64_t i) { return MemberId(1 + i % kRingSize); }

// The chords (member id pairs, lower first) a writer has left in place.
using Chords = std::set<std::pair<uint64_t, uint64_t>>;

// Adds, removes and rates random chords across the ring, keeping `chords` in step.
void ChangeChords(GraphIndex& index, int writer, Chords& chords) {
  uint64_t state = 0x5EED0000 + static_cast<uint64_t>(writer);
  auto next = [&state] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return state >> 33;
  };
  for (int change = 0; change < kChangesPerWriter; ++change) {
    // A chord between ring positions at least two apart; each writer owns the chords whose
    // positions add up to its parity, so no two writers touch the same one.
    uint64_t a = next() % kRingSize;
    uint64_t b = (a + 2 + next() % (kRingSize - 3)) % kRingSize;
    if ((a + b) % kWriters != static_cast<uint64_t>(writer)) continue;
    MemberId from = RingMember(a), to = RingMember(b);
    std::pair<uint64_t, uint64_t> key = std::minmax(from.value(), to.value());
    switch (next() % 3) {
      case 0:
        ASSERT_TRUE(index.AddConnection(from, to));
        chords.insert(key);
        break;
      case 1:
        ASSERT_TRUE(index.RemoveConnection(from, to));
        chords.erase(key);
        break;
      default:
        if (chords.count(key)) {
          ASSERT_TRUE(index.SetStrength(from, to, RatingOf(from, to)));
        }
    }
  }
}

TEST(GraphIndexConcurrency, ReadersSeeOnlyWholeChangesWhileWritersWork) {
  // A ring that never changes, plus chords that the writers add, remove and rate. A small
  // overlay limit makes writers fold new bases all the time.
  GraphIndex index({.overlay_node_limit = 24});
  for (uint64_t i = 0; i < kRingSize; ++i) {
    ASSERT_TRUE(index.AddConnection(RingMember(i), RingMember(i + 1)));
  }

  std::atomic<int> writers_left{kWriters};
  std::vector<Chords> chords(kWriters);
  std::vector<std::thread> threads;
  for (int writer = 0; writer < kWriters; ++writer) {
    threads.emplace_back([&, writer] {
      ChangeChords(index, writer, chords[writer]);
      writers_left.fetch_sub(1);
    });
  }

  for (int reader = 0; reader < kReaders; ++reader) {
    threads.emplace_back([&, reader] {
      uint64_t i = static_cast<uint64_t>(reader);
      do {
        ExpectConsistent(*index.snapshot());
        // Ring neighbours stay connected through every change.
        MemberId next = RingMember(i + 1);
        ASSERT_EQ(index.Degrees(RingMember(i), {&next, 1})[0], Degree::kFirst);
        std::optional<int> hops = index.ShortestPaths(RingMember(i), RingMember(i + 2)).hops();
        ASSERT_TRUE(hops == 1 || hops == 2);
        EXPECT_GE(index.Mutuals(RingMember(i), RingMember(i + 2)).size(), 1u);
        ++i;
      } while (writers_left.load() > 0);
    });
  }
  for (std::thread& thread : threads) thread.join();

  // The final state is the ring plus every chord the writers left in place.
  std::shared_ptr<const Snapshot> final_state = index.snapshot();
  ExpectConsistent(*final_state);
  size_t chord_count = chords[0].size() + chords[1].size();
  EXPECT_EQ(final_state->connection_count(), kRingSize + chord_count);
  for (const auto& owned : chords) {
    for (auto [a, b] : owned) EXPECT_TRUE(index.StrengthOf(MemberId(a), MemberId(b)));
  }
}

}  // namespace
}  // namespace enishi::graph
