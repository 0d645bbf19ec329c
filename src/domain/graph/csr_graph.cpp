#include "domain/graph/csr_graph.hpp"

#include <utility>

#include "core/check.hpp"

namespace enishi::graph {

CsrGraph::CsrGraph() : offsets_(1, 0) {}

CsrGraph::CsrGraph(NodeNumbering numbering, std::vector<uint64_t> offsets,
                   std::vector<NodeIndex> neighbors, std::vector<Strength> strengths)
    : numbering_(std::move(numbering)),
      offsets_(std::move(offsets)),
      neighbors_(std::move(neighbors)),
      strengths_(std::move(strengths)) {
  // The cheap half of the contract; sortedness and symmetry are the builders' to keep.
  ENISHI_CHECK(offsets_.size() == numbering_.size() + 1, "one offset per node, plus the end");
  ENISHI_CHECK(offsets_.front() == 0 && offsets_.back() == neighbors_.size(),
               "offsets must span the neighbour array");
  ENISHI_CHECK(strengths_.size() == neighbors_.size(), "one strength per neighbour");
}

size_t CsrGraph::adjacency_bytes() const {
  return offsets_.capacity() * sizeof(uint64_t) + neighbors_.capacity() * sizeof(NodeIndex) +
         strengths_.capacity() * sizeof(Strength);
}

size_t CsrGraph::memory_bytes() const { return adjacency_bytes() + numbering_.memory_bytes(); }

}  // namespace enishi::graph
