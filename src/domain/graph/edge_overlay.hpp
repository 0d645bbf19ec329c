#pragma once
// EdgeOverlay: what changed since a snapshot's base CsrGraph was built. It holds the complete
// current list of every node whose connections changed (replacing that node's base list), and
// the members the base never numbered. Keeping whole lists rather than individual edge changes
// lets readers get any node's connections as one sorted span, with no merging per read.
//
// Value type with cheap copies: lists are shared, immutable, between copies. A writer copies
// the overlay, changes the copy and publishes it in a new Snapshot; a published overlay is never
// changed, so any number of threads may read it. Not safe to change while others read.

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "core/ids.hpp"
#include "domain/graph/csr_graph.hpp"
#include "domain/graph/node_numbering.hpp"

namespace enishi::graph {

class EdgeOverlay {
 public:
  // A changed node's whole list, in the same shape as a CsrGraph row.
  struct NodeList {
    std::vector<NodeIndex> nodes;  // Sorted ascending.
    std::vector<Strength> strengths;

    Adjacency view() const { return {nodes, strengths}; }
  };
  using ChangedNode = std::pair<NodeIndex, std::shared_ptr<const NodeList>>;

  bool empty() const { return changed_.empty() && added_.size() == 0; }
  size_t changed_node_count() const { return changed_.size(); }
  size_t added_member_count() const { return added_.size(); }

  // The replacement list of `node`, or nullptr when its base list still holds. Most nodes are
  // unchanged, so a small bit filter answers for them before any search.
  const NodeList* Find(NodeIndex node) const {
    if (changed_.empty() || !MayHaveChanged(node)) return nullptr;
    return FindChanged(node);
  }

  // Replaces `node`'s list (its base list, or an earlier replacement).
  void Replace(NodeIndex node, NodeList list);

  // Members numbered after the base: the i-th added member has index base_node_count + i.
  std::optional<size_t> FindAdded(MemberId member) const { return added_.Find(member); }
  MemberId AddedMember(size_t i) const { return added_.MemberAt(static_cast<NodeIndex>(i)); }
  // Returns i for the member. REQUIRES: member.valid().
  size_t AddMember(MemberId member) { return added_.Intern(member); }

  // Bytes held by this overlay, counting shared lists in full.
  size_t memory_bytes() const;

 private:
  static constexpr size_t kFilterBits = 1 << 16;

  static size_t FilterBit(NodeIndex node) {
    return static_cast<size_t>((node * 0x9E3779B97F4A7C15ULL) >> 48);
  }
  bool MayHaveChanged(NodeIndex node) const {
    size_t bit = FilterBit(node);
    return (changed_filter_[bit / 64] >> (bit % 64)) & 1;
  }
  const NodeList* FindChanged(NodeIndex node) const;

  std::vector<ChangedNode> changed_;  // Sorted by node.
  // One bit per hash of a changed node: a clear bit proves the node unchanged.
  std::array<uint64_t, kFilterBits / 64> changed_filter_{};
  NodeNumbering added_;
};

}  // namespace enishi::graph
