#include "domain/graph/graph_builder.hpp"

#include <algorithm>
#include <cstdint>
#include <utility>

namespace enishi::graph {
namespace {

// A directed entry packed so that sorting orders by neighbour, then by rating: the last entry
// of a run of duplicates carries the highest rating.
uint64_t PackEntry(NodeIndex neighbor, Strength strength) {
  return (uint64_t{neighbor} << 8) | strength;
}
NodeIndex EntryNeighbor(uint64_t entry) { return static_cast<NodeIndex>(entry >> 8); }
Strength EntryStrength(uint64_t entry) { return static_cast<Strength>(entry & 0xFF); }

}  // namespace

void GraphBuilder::Reserve(size_t members, size_t connections) {
  numbering_.Reserve(members);
  connections_.reserve(connections);
}

Result<void> GraphBuilder::AddConnection(MemberId a, MemberId b, Strength a_rates_b,
                                         Strength b_rates_a) {
  if (!a.valid() || !b.valid()) return InvalidArgument("a connection needs two valid members");
  if (a == b) return InvalidArgument("a member cannot be connected to themself");
  if (a_rates_b > kMaxStrength || b_rates_a > kMaxStrength) {
    return InvalidArgument("a rating is between 1 and 5", "strength");
  }
  staged_.push_back({a, b, a_rates_b, b_rates_a});
  if (staged_.size() == kBatch) NumberStaged();
  return Ok();
}

void GraphBuilder::NumberStaged() {
  std::vector<MemberId> ids;
  ids.reserve(2 * staged_.size());
  for (const StagedConnection& connection : staged_) {
    ids.push_back(connection.a);
    ids.push_back(connection.b);
  }
  std::vector<NodeIndex> indices(ids.size());
  numbering_.InternAll(ids, indices);
  for (size_t i = 0; i < staged_.size(); ++i) {
    connections_.push_back(
        {indices[2 * i], indices[2 * i + 1], staged_[i].a_rates_b, staged_[i].b_rates_a});
  }
  staged_.clear();
}

std::shared_ptr<const CsrGraph> GraphBuilder::Build() && {
  NumberStaged();
  size_t node_count = numbering_.size();

  // Counting pass, then each entry straight into its node's slice.
  std::vector<uint64_t> offsets(node_count + 1, 0);
  for (const PendingConnection& connection : connections_) {
    ++offsets[connection.a + 1];
    ++offsets[connection.b + 1];
  }
  for (size_t node = 0; node < node_count; ++node) offsets[node + 1] += offsets[node];

  std::vector<NodeIndex> neighbors(offsets.back());
  std::vector<Strength> strengths(offsets.back());
  {
    std::vector<uint64_t> next(offsets.begin(), offsets.end() - 1);
    for (const PendingConnection& connection : connections_) {
      uint64_t at_a = next[connection.a]++;
      neighbors[at_a] = connection.b;
      strengths[at_a] = connection.a_rates_b;
      uint64_t at_b = next[connection.b]++;
      neighbors[at_b] = connection.a;
      strengths[at_b] = connection.b_rates_a;
    }
  }
  // The input is no longer needed; give its memory back before sorting.
  std::vector<PendingConnection>().swap(connections_);

  // Sort each list and drop duplicates, compacting in place: a node's output never starts
  // after its input, so writing behind the read position is safe.
  std::vector<uint64_t> packed;
  uint64_t write = 0;
  for (size_t node = 0; node < node_count; ++node) {
    uint64_t begin = offsets[node];
    uint64_t end = offsets[node + 1];
    packed.clear();
    for (uint64_t i = begin; i < end; ++i) packed.push_back(PackEntry(neighbors[i], strengths[i]));
    std::sort(packed.begin(), packed.end());
    offsets[node] = write;
    for (size_t i = 0; i < packed.size(); ++i) {
      bool last_of_run =
          i + 1 == packed.size() || EntryNeighbor(packed[i + 1]) != EntryNeighbor(packed[i]);
      if (!last_of_run) continue;
      neighbors[write] = EntryNeighbor(packed[i]);
      strengths[write] = EntryStrength(packed[i]);
      ++write;
    }
  }
  offsets[node_count] = write;
  if (write != neighbors.size()) {
    neighbors.resize(write);
    neighbors.shrink_to_fit();
    strengths.resize(write);
    strengths.shrink_to_fit();
  }
  return std::make_shared<const CsrGraph>(std::move(numbering_), std::move(offsets),
                                          std::move(neighbors), std::move(strengths));
}

}  // namespace enishi::graph
