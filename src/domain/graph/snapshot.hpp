#pragma once
// Snapshot: one consistent state of the graph index, a shared base CsrGraph plus an EdgeOverlay
// of the changes made since. Every query runs on a Snapshot; GraphIndex publishes a new one per
// change and readers keep theirs for as long as they like.
//
// Value type. A published snapshot (shared_ptr<const Snapshot>) is immutable and safe to read
// from any number of threads. The editing methods are for a writer working on its own copy
// before publishing it; they are not thread-safe.

#include <cstddef>
#include <memory>
#include <optional>

#include "core/ids.hpp"
#include "domain/graph/csr_graph.hpp"
#include "domain/graph/edge_overlay.hpp"
#include "domain/graph/node_numbering.hpp"

namespace enishi::graph {

class Snapshot {
 public:
  // An empty graph.
  Snapshot();
  // REQUIRES: base is not null.
  explicit Snapshot(std::shared_ptr<const CsrGraph> base);

  // Nodes are numbered densely: every NodeIndex below node_count() is valid.
  size_t node_count() const { return base_->node_count() + overlay_.added_member_count(); }
  // Directed entries, two per connection.
  size_t entry_count() const { return entry_count_; }
  size_t connection_count() const { return entry_count_ / 2; }

  std::optional<NodeIndex> IndexOf(MemberId member) const;
  // REQUIRES: node < node_count().
  MemberId MemberAt(NodeIndex node) const;
  // REQUIRES: node < node_count(). The view lives as long as this snapshot.
  Adjacency Adjacent(NodeIndex node) const {
    if (const EdgeOverlay::NodeList* list = overlay_.Find(node)) return list->view();
    if (node < base_->node_count()) return base_->Adjacent(node);
    return {};
  }

  const CsrGraph& base() const { return *base_; }
  const EdgeOverlay& overlay() const { return overlay_; }
  // Bytes held by the base and the overlay.
  size_t memory_bytes() const { return base_->memory_bytes() + overlay_.memory_bytes(); }

  // --- Editing, on an unpublished copy. ---

  // The member's index, numbering it when new. REQUIRES: member.valid().
  NodeIndex Intern(MemberId member);
  // Adds the directed entry from -> to with `strength`, or changes the strength of the one
  // there. Returns false when nothing changed. REQUIRES: both below node_count(), from != to.
  bool SetEntry(NodeIndex from, NodeIndex to, Strength strength);
  // Removes the directed entry from -> to. Returns false when there was none.
  // REQUIRES: both below node_count().
  bool EraseEntry(NodeIndex from, NodeIndex to);

  // The same graph with the overlay folded into a new base, and an empty overlay. Node indices
  // are kept. Costs a full copy of the adjacency arrays.
  Snapshot Compacted() const;

 private:
  std::shared_ptr<const CsrGraph> base_;
  EdgeOverlay overlay_;
  size_t entry_count_ = 0;
};

}  // namespace enishi::graph
