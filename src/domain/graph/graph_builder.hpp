#pragma once
// GraphBuilder: builds a CsrGraph from a list of connections in one pass, for loading the whole
// graph at start-up. Far cheaper than adding the same connections one by one to a GraphIndex:
// each connection costs 12 bytes while building and the lists are sorted once at the end.
//
//   GraphBuilder builder;
//   builder.Reserve(members, connections);
//   for (...) ENISHI_TRY(builder.AddConnection(a, b, a_rates_b, b_rates_a));
//   std::shared_ptr<const CsrGraph> graph = std::move(builder).Build();
//
// Not thread-safe; one builder per thread.

#include <cstddef>
#include <memory>
#include <vector>

#include "core/ids.hpp"
#include "core/result.hpp"
#include "domain/graph/csr_graph.hpp"
#include "domain/graph/node_numbering.hpp"

namespace enishi::graph {

class GraphBuilder {
 public:
  GraphBuilder() = default;
  GraphBuilder(const GraphBuilder&) = delete;
  GraphBuilder& operator=(const GraphBuilder&) = delete;

  // Sizes the buffers for about this many members and connections.
  void Reserve(size_t members, size_t connections);

  // Adds the connection between a and b, with each side's private rating of the other
  // (kUnrated or 1..kMaxStrength). A connection given twice is kept once, with the higher
  // rating on each side. Errors: kInvalidArgument for an invalid id, a == b, or a rating
  // above kMaxStrength; nothing is added then.
  Result<void> AddConnection(MemberId a, MemberId b, Strength a_rates_b = kUnrated,
                             Strength b_rates_a = kUnrated);

  // Connections added so far, duplicates included.
  size_t connection_count() const { return connections_.size() + staged_.size(); }

  // The graph of every connection added. Consumes the builder.
  std::shared_ptr<const CsrGraph> Build() &&;

 private:
  // Connections are staged and their ids numbered a batch at a time (NodeNumbering::InternAll),
  // which overlaps the cache misses of numbering a large graph.
  static constexpr size_t kBatch = 4096;

  struct StagedConnection {
    MemberId a;
    MemberId b;
    Strength a_rates_b;
    Strength b_rates_a;
  };
  struct PendingConnection {
    NodeIndex a;
    NodeIndex b;
    Strength a_rates_b;
    Strength b_rates_a;
  };

  void NumberStaged();

  NodeNumbering numbering_;
  std::vector<StagedConnection> staged_;  // At most kBatch.
  std::vector<PendingConnection> connections_;
};

}  // namespace enishi::graph
