#include "domain/graph/search_scratch.hpp"

#include <algorithm>
#include <iterator>
#include <utility>

namespace enishi::graph {
namespace {

// Below this size ratio a merge pass is cheapest; above it, binary searches of the longer list
// for each entry of the shorter one.
constexpr size_t kGallopRatio = 32;

struct ThreadScratch {
  SearchScratch scratch;
  bool leased = false;
};

ThreadScratch& ThisThreadScratch() {
  thread_local ThreadScratch thread_scratch;
  return thread_scratch;
}

}  // namespace

void NodeLabels::Prepare(size_t node_count) {
  for (NodeIndex node : touched_) labels_[node] = kUnset;
  touched_.clear();
  if (labels_.size() < node_count) labels_.resize(node_count, kUnset);
}

void NodeBitset::Prepare(size_t node_count) { words_.assign((node_count + 63) / 64, 0); }

void NodeScores::Prepare(size_t node_count) {
  for (NodeIndex node : touched_) tallies_[node] = {};
  touched_.clear();
  if (tallies_.size() < node_count) tallies_.resize(node_count);
}

ScratchLease::ScratchLease() {
  ThreadScratch& thread_scratch = ThisThreadScratch();
  if (thread_scratch.leased) {
    own_ = std::make_unique<SearchScratch>();
    scratch_ = own_.get();
  } else {
    thread_scratch.leased = true;
    scratch_ = &thread_scratch.scratch;
  }
}

ScratchLease::~ScratchLease() {
  if (!own_) ThisThreadScratch().leased = false;
}

void IntersectSorted(std::span<const NodeIndex> a, std::span<const NodeIndex> b,
                     std::vector<NodeIndex>& out) {
  if (a.size() > b.size()) std::swap(a, b);
  if (a.size() * kGallopRatio < b.size()) {
    auto from = b.begin();
    for (NodeIndex node : a) {
      from = std::lower_bound(from, b.end(), node);
      if (from == b.end()) return;
      if (*from == node) out.push_back(node);
    }
    return;
  }
  std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
}

}  // namespace enishi::graph
