#pragma once
// Dense numbering of members inside the graph index: MemberId (a random 63-bit number) to a
// NodeIndex in [0, size()) and back, so that adjacency lists and per-search marks can be flat
// arrays indexed by node. Numbers are handed out in order of first appearance and never reused.
//
// Value type, not thread-safe: the graph index copies a numbering when it builds a new snapshot
// and never changes one that readers can see.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "core/ids.hpp"

namespace enishi::graph {

// A member's position in one graph index. Meaningful only inside graph/; never stored or sent.
using NodeIndex = uint32_t;

class NodeNumbering {
 public:
  NodeNumbering() = default;

  size_t size() const { return members_.size(); }

  // The member's index, or nullopt when it was never numbered.
  std::optional<NodeIndex> Find(MemberId member) const;

  // REQUIRES: index < size().
  MemberId MemberAt(NodeIndex index) const { return members_[index]; }

  // The member's index, numbering it next when it is new. REQUIRES: member.valid() and fewer
  // than 2^32 - 1 members.
  NodeIndex Intern(MemberId member);
  // Intern() for each of `members` into `indices`, in order. Faster for a long run of ids:
  // table slots are fetched ahead, overlapping the cache misses that dominate look-ups in a
  // large table. REQUIRES: indices.size() == members.size(); as Intern().
  void InternAll(std::span<const MemberId> members, std::span<NodeIndex> indices);

  void Reserve(size_t members);

  // Heap bytes held, for the memory report.
  size_t memory_bytes() const;

 private:
  // Open addressing with linear probing; a zero key marks an empty slot (no valid MemberId is 0).
  struct Slot {
    uint64_t member = 0;
    NodeIndex index = 0;
  };

  size_t SlotOf(MemberId member) const;
  // Grows the table, if need be, to hold `members` members at most half full.
  void EnsureSlots(size_t members);
  void Rehash(size_t slot_count);

  std::vector<MemberId> members_;  // NodeIndex -> MemberId.
  std::vector<Slot> slots_;        // MemberId -> NodeIndex; a power of two, at most half full.
};

}  // namespace enishi::graph
