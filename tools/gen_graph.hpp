#pragma once
// A deterministic generator of synthetic professional networks, for the graph index's tests
// and benchmarks. Members belong to a company, a school and a city whose sizes follow Zipf
// laws; each member has a heavy-tailed appetite for connections (Pareto, capped like real
// networks cap connection counts); a connection joins two members of the same company, school
// or city, or two members anywhere, the busier members more often. Each side rates the other
// 1-5 (closer for colleagues and classmates) or leaves it unrated.
//
// The same shape and seed always give the same network, on any platform. 1M members and 50M
// connections take about 30 s on one core and 1.1 GB of memory at the peak.

#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/ids.hpp"

namespace enishi::tools {

struct NetworkShape {
  size_t members = 100'000;
  // REQUIRES: at most members * (members - 1) / 4, so that the network is far from complete.
  size_t connections = 2'500'000;
  uint64_t seed = 1;
};

// A connection between members[a] and members[b], with each side's private rating of the other
// (0 for unrated, else 1-5).
struct GeneratedConnection {
  uint32_t a;
  uint32_t b;
  uint8_t a_rates_b;
  uint8_t b_rates_a;
};

struct GeneratedNetwork {
  std::vector<MemberId> members;  // Distinct random 63-bit ids.
  // Exactly shape.connections, no duplicates or self-connections, in random order (as a store
  // scan would give them: nothing sorted for the loader to rely on).
  std::vector<GeneratedConnection> connections;
};

GeneratedNetwork GenerateNetwork(const NetworkShape& shape);

}  // namespace enishi::tools
