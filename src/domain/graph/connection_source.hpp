#pragma once
// ConnectionSource: the port through which the graph index loads every connection at start-up.
// The store implements it (graph/ knows nothing of storage); tests implement it over a vector.

#include <functional>

#include "core/ids.hpp"
#include "core/result.hpp"
#include "domain/graph/csr_graph.hpp"

namespace enishi::graph {

// One connection with each side's private rating of the other (kUnrated or 1..kMaxStrength).
struct ConnectionRecord {
  MemberId a;
  MemberId b;
  Strength a_rates_b = kUnrated;
  Strength b_rates_a = kUnrated;
};

class ConnectionSource {
 public:
  virtual ~ConnectionSource() = default;

  // Calls `visit` once for every current connection, in any order, from one consistent view of
  // the store. Returns the first error met while reading (kUnavailable, kInternal); a visit that
  // fails ends the scan with its error.
  virtual Result<void> ForEachConnection(
      const std::function<Result<void>(const ConnectionRecord&)>& visit) = 0;
};

}  // namespace enishi::graph
