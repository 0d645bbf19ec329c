#include "domain/graph/node_numbering.hpp"

#include <algorithm>
#include <bit>
#include <limits>

#include "core/check.hpp"

namespace enishi::graph {
namespace {

constexpr size_t kMinSlots = 16;

// Ids from the store are random, but tests and imports may use small sequential numbers:
// Fibonacci hashing spreads both over the table.
// REQUIRES: slot_count is a power of two.
size_t HashMember(uint64_t member, size_t slot_count) {
  int bits = std::countr_zero(slot_count);
  return static_cast<size_t>((member * 0x9E3779B97F4A7C15ULL) >> (64 - bits));
}

}  // namespace

std::optional<NodeIndex> NodeNumbering::Find(MemberId member) const {
  if (slots_.empty() || !member.valid()) return std::nullopt;
  const Slot& slot = slots_[SlotOf(member)];
  if (slot.member == 0) return std::nullopt;
  return slot.index;
}

NodeIndex NodeNumbering::Intern(MemberId member) {
  ENISHI_CHECK(member.valid(), "a graph node needs a valid member id");
  EnsureSlots(members_.size() + 1);
  Slot& slot = slots_[SlotOf(member)];
  if (slot.member != 0) return slot.index;
  ENISHI_CHECK(members_.size() < std::numeric_limits<NodeIndex>::max(), "too many graph nodes");
  slot.member = member.value();
  slot.index = static_cast<NodeIndex>(members_.size());
  members_.push_back(member);
  return slot.index;
}

void NodeNumbering::InternAll(std::span<const MemberId> members, std::span<NodeIndex> indices) {
  ENISHI_CHECK(indices.size() == members.size(), "one index per member");
  constexpr size_t kAhead = 16;
  for (size_t i = 0; i < members.size(); ++i) {
    // A rehash in between makes a fetch useless, not wrong.
    if (i + kAhead < members.size() && !slots_.empty()) {
      __builtin_prefetch(&slots_[HashMember(members[i + kAhead].value(), slots_.size())]);
    }
    indices[i] = Intern(members[i]);
  }
}

void NodeNumbering::Reserve(size_t members) {
  members_.reserve(members);
  EnsureSlots(members);
}

size_t NodeNumbering::memory_bytes() const {
  return members_.capacity() * sizeof(MemberId) + slots_.capacity() * sizeof(Slot);
}

// The slot holding `member`, or the empty slot where it belongs.
size_t NodeNumbering::SlotOf(MemberId member) const {
  size_t mask = slots_.size() - 1;
  size_t at = HashMember(member.value(), slots_.size());
  while (slots_[at].member != 0 && slots_[at].member != member.value()) at = (at + 1) & mask;
  return at;
}

void NodeNumbering::EnsureSlots(size_t members) {
  if (2 * members > slots_.size()) Rehash(std::bit_ceil(std::max(kMinSlots, 2 * members)));
}

void NodeNumbering::Rehash(size_t slot_count) {
  slots_.assign(slot_count, Slot{});
  for (size_t index = 0; index < members_.size(); ++index) {
    Slot& slot = slots_[SlotOf(members_[index])];
    slot.member = members_[index].value();
    slot.index = static_cast<NodeIndex>(index);
  }
}

}  // namespace enishi::graph
