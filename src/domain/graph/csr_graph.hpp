#pragma once
// CsrGraph: an immutable, compressed adjacency structure of every connection (compressed
// sparse rows). Node u's connections are neighbors_[offsets_[u] .. offsets_[u + 1]), sorted by
// NodeIndex so that two lists intersect in one merge pass; strengths_ runs alongside and holds
// u's private rating of each. A connection is two directed entries, one per side, each costing
// 5 bytes (a 4-byte NodeIndex and a 1-byte Strength) plus a share of the offsets.
//
// Built by GraphBuilder or by compacting a Snapshot; shared by snapshots through
// shared_ptr<const CsrGraph>. Immutable, so any number of threads may read it.

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "domain/graph/node_numbering.hpp"

namespace enishi::graph {

// How well one member knows a connection, in their own private rating: 1 (barely) to 5 (very
// well), or kUnrated. Each side of a connection rates the other independently.
using Strength = uint8_t;
inline constexpr Strength kUnrated = 0;
inline constexpr Strength kMaxStrength = 5;

// One node's connections: nodes sorted ascending, strengths[i] the node's rating of nodes[i].
// Views into a CsrGraph or a Snapshot; valid as long as that is alive.
struct Adjacency {
  std::span<const NodeIndex> nodes;
  std::span<const Strength> strengths;

  size_t size() const { return nodes.size(); }
  bool empty() const { return nodes.empty(); }
};

class CsrGraph {
 public:
  // An empty graph.
  CsrGraph();
  // REQUIRES: offsets.size() == numbering.size() + 1, offsets ascending from 0 to
  // neighbors.size(), strengths.size() == neighbors.size(); each node's list sorted, without
  // duplicates or itself, and symmetric (v in u's list exactly when u is in v's).
  CsrGraph(NodeNumbering numbering, std::vector<uint64_t> offsets, std::vector<NodeIndex> neighbors,
           std::vector<Strength> strengths);

  CsrGraph(const CsrGraph&) = delete;
  CsrGraph& operator=(const CsrGraph&) = delete;

  size_t node_count() const { return numbering_.size(); }
  // Directed entries: twice the number of connections.
  size_t entry_count() const { return neighbors_.size(); }
  const NodeNumbering& numbering() const { return numbering_; }

  // REQUIRES: node < node_count().
  Adjacency Adjacent(NodeIndex node) const {
    size_t begin = offsets_[node];
    size_t count = offsets_[node + 1] - begin;
    return {{neighbors_.data() + begin, count}, {strengths_.data() + begin, count}};
  }

  // Bytes of the adjacency arrays (offsets, neighbours, strengths) and of everything held,
  // numbering included.
  size_t adjacency_bytes() const;
  size_t memory_bytes() const;

 private:
  NodeNumbering numbering_;
  std::vector<uint64_t> offsets_;     // node_count() + 1 entries.
  std::vector<NodeIndex> neighbors_;  // Every node's list, one after the other.
  std::vector<Strength> strengths_;   // Parallel to neighbors_.
};

}  // namespace enishi::graph
