#pragma once
// Working memory for the searches in search.hpp and routes.hpp, sized to the graph and reused
// between searches on the same thread, so that a query allocates nothing proportional to the
// graph; and the small helpers those searches share. Internal to graph/.
//
// Each thread owns one SearchScratch; ScratchLease borrows it for one search. A predicate that
// queries the graph again from inside a search gets a fresh scratch of its own instead.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "domain/graph/node_numbering.hpp"

namespace enishi::graph {

// A small label per node, with the set nodes remembered so that clearing costs only as much
// as the search that set them.
class NodeLabels {
 public:
  static constexpr uint8_t kUnset = 0xFF;

  // Clears every label and makes room for node_count nodes.
  void Prepare(size_t node_count);

  uint8_t operator[](NodeIndex node) const { return labels_[node]; }
  bool IsSet(NodeIndex node) const { return labels_[node] != kUnset; }
  // REQUIRES: label != kUnset.
  void Set(NodeIndex node, uint8_t label) {
    if (labels_[node] == kUnset) touched_.push_back(node);
    labels_[node] = label;
  }
  // Nodes set since Prepare(), in the order first set.
  const std::vector<NodeIndex>& set_nodes() const { return touched_; }

 private:
  std::vector<uint8_t> labels_;
  std::vector<NodeIndex> touched_;
};

// One bit per node, cleared wholesale. Beats NodeLabels when a search marks a large
// neighbourhood: a million nodes take 125 KiB, which stays in cache.
class NodeBitset {
 public:
  // Clears every bit and makes room for node_count nodes.
  void Prepare(size_t node_count);

  bool Test(NodeIndex node) const { return (words_[node / 64] >> (node % 64)) & 1; }
  void Set(NodeIndex node) { words_[node / 64] |= uint64_t{1} << (node % 64); }

 private:
  std::vector<uint64_t> words_;
};

// Per-node sums for ranking suggestions. A node's score and count sit side by side, so that
// adding to them touches one cache line.
class NodeScores {
 public:
  void Prepare(size_t node_count);

  void Add(NodeIndex node, uint32_t weight) {
    Tally& tally = tallies_[node];
    if (tally.count == 0) touched_.push_back(node);
    tally.score += weight;
    ++tally.count;
  }
  uint32_t score(NodeIndex node) const { return tallies_[node].score; }
  uint32_t count(NodeIndex node) const { return tallies_[node].count; }
  const std::vector<NodeIndex>& scored_nodes() const { return touched_; }

 private:
  struct Tally {
    uint32_t score = 0;
    uint32_t count = 0;
  };
  std::vector<Tally> tallies_;
  std::vector<NodeIndex> touched_;
};

struct SearchScratch {
  // Degrees: within two hops of the viewer. Suggestions: excluded nodes. Routes: one end's
  // connections.
  NodeBitset near;
  // Degrees, for many members at once: within three hops.
  NodeBitset within_three;
  // Shortest paths: the nodes each side reached (tested in the inner loop, so kept small) and
  // their hop counts from that side's end (read only to list the paths).
  NodeBitset forward_reached;
  NodeBitset backward_reached;
  NodeLabels forward_hops;
  NodeLabels backward_hops;
  NodeLabels usable;  // Memoised answers of the caller's intermediary predicate.
  NodeScores scores;  // Suggestions.
};

// Appends the nodes present in both sorted lists, in ascending order.
void IntersectSorted(std::span<const NodeIndex> a, std::span<const NodeIndex> b,
                     std::vector<NodeIndex>& out);

// Borrows the calling thread's SearchScratch for the lifetime of the lease.
class ScratchLease {
 public:
  ScratchLease();
  ~ScratchLease();
  ScratchLease(const ScratchLease&) = delete;
  ScratchLease& operator=(const ScratchLease&) = delete;

  SearchScratch& operator*() { return *scratch_; }
  SearchScratch* operator->() { return scratch_; }

 private:
  std::unique_ptr<SearchScratch> own_;  // Set only when the thread's scratch was in use.
  SearchScratch* scratch_;
};

}  // namespace enishi::graph
