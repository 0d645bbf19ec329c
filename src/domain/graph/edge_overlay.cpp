#include "domain/graph/edge_overlay.hpp"

#include <algorithm>

namespace enishi::graph {
namespace {

bool NodeBefore(const EdgeOverlay::ChangedNode& changed, NodeIndex node) {
  return changed.first < node;
}

}  // namespace

void EdgeOverlay::Replace(NodeIndex node, NodeList list) {
  auto shared = std::make_shared<const NodeList>(std::move(list));
  auto at = std::lower_bound(changed_.begin(), changed_.end(), node, NodeBefore);
  if (at != changed_.end() && at->first == node) {
    at->second = std::move(shared);
    return;
  }
  changed_.emplace(at, node, std::move(shared));
  size_t bit = FilterBit(node);
  changed_filter_[bit / 64] |= uint64_t{1} << (bit % 64);
}

const EdgeOverlay::NodeList* EdgeOverlay::FindChanged(NodeIndex node) const {
  auto at = std::lower_bound(changed_.begin(), changed_.end(), node, NodeBefore);
  if (at == changed_.end() || at->first != node) return nullptr;
  return at->second.get();
}

size_t EdgeOverlay::memory_bytes() const {
  size_t bytes =
      changed_.capacity() * sizeof(ChangedNode) + sizeof(changed_filter_) + added_.memory_bytes();
  for (const auto& [node, list] : changed_) {
    bytes += sizeof(NodeList) + list->nodes.capacity() * sizeof(NodeIndex) +
             list->strengths.capacity() * sizeof(Strength);
  }
  return bytes;
}

}  // namespace enishi::graph
