#pragma once
// Nearest-rank percentiles of timed samples, as every benchmark here reports them.

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <vector>

namespace enishi::bench {

// The nearest-rank `p` percentile (0 < p <= 1) of `sorted`: the smallest sample with at least
// p of all samples at or below it. REQUIRES: `sorted` is sorted and not empty.
inline double NearestRank(const std::vector<double>& sorted, double p) {
  size_t index = static_cast<size_t>(std::ceil(p * static_cast<double>(sorted.size())));
  return sorted[std::clamp<size_t>(index, 1, sorted.size()) - 1];
}

}  // namespace enishi::bench
