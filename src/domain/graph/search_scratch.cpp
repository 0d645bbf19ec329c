#include "domain/graph/search_scratch.hpp"

namespace enishi::graph {
namespace {

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

}  // namespace enishi::graph
