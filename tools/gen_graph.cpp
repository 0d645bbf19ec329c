#include "tools/gen_graph.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
#include <utility>

#include "core/check.hpp"

namespace enishi::tools {
namespace {

// How a connection comes about: through a shared company, school or city, or anywhere.
constexpr double kThroughCompany = 0.40;
constexpr double kThroughSchool = 0.15;
constexpr double kThroughCity = 0.25;

// Community counts per member and Zipf exponents: a few large employers and many small ones,
// flatter school sizes, a handful of big cities.
constexpr double kMembersPerCompany = 25;
constexpr double kMembersPerSchool = 200;
constexpr double kMembersPerCity = 5000;
constexpr double kCompanyZipf = 0.8;
constexpr double kSchoolZipf = 0.6;
constexpr double kCityZipf = 1.0;

// Connection appetite: Pareto with this tail exponent, capped at this multiple of the mean.
// At an average of 100 connections the busiest members get 10,000-20,000, the order of the
// caps professional networks impose.
constexpr double kAppetiteTail = 2.5;
constexpr double kAppetiteCapOverMean = 300;

// Share of ratings left unset, and the rating spread (1..5) of other ties; colleagues and
// classmates rate one step higher.
constexpr double kUnratedShare = 0.2;
constexpr double kRatingWeights[5] = {0.15, 0.25, 0.30, 0.20, 0.10};

uint64_t SplitMix64(uint64_t& state) {
  uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

// xoshiro256**: fast, and the same sequence everywhere, unlike std:: distributions.
class Rng {
 public:
  explicit Rng(uint64_t seed) {
    for (uint64_t& word : state_) word = SplitMix64(seed);
  }

  uint64_t Next() {
    uint64_t result = std::rotl(state_[1] * 5, 7) * 9;
    uint64_t t = state_[1] << 17;
    state_[2] ^= state_[0];
    state_[3] ^= state_[1];
    state_[1] ^= state_[2];
    state_[0] ^= state_[3];
    state_[2] ^= t;
    state_[3] = std::rotl(state_[3], 45);
    return result;
  }
  // Uniform in [0, 1).
  double Uniform() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
  // Uniform in [0, n), n > 0 (Lemire's multiply-shift; the tiny bias is irrelevant here).
  uint32_t Below(uint32_t n) { return static_cast<uint32_t>(((Next() >> 32) * uint64_t{n}) >> 32); }

 private:
  uint64_t state_[4];
};

// Walker's alias method: draws i with probability weights[i] / sum(weights) in O(1).
class AliasTable {
 public:
  explicit AliasTable(const std::vector<double>& weights)
      : accept_(weights.size(), 1.0), alias_(weights.size()) {
    double total = 0;
    for (double weight : weights) total += weight;
    size_t count = weights.size();
    std::vector<double> scaled(count);
    std::vector<uint32_t> small, large;
    for (size_t i = 0; i < count; ++i) {
      scaled[i] = weights[i] * static_cast<double>(count) / total;
      (scaled[i] < 1.0 ? small : large).push_back(static_cast<uint32_t>(i));
    }
    while (!small.empty() && !large.empty()) {
      uint32_t low = small.back();
      small.pop_back();
      uint32_t high = large.back();
      accept_[low] = scaled[low];
      alias_[low] = high;
      scaled[high] -= 1.0 - scaled[low];
      if (scaled[high] < 1.0) {
        large.pop_back();
        small.push_back(high);
      }
    }
    for (uint32_t i = 0; i < count; ++i) alias_[i] = accept_[i] < 1.0 ? alias_[i] : i;
  }

  uint32_t Draw(Rng& rng) const {
    uint32_t i = rng.Below(static_cast<uint32_t>(accept_.size()));
    return rng.Uniform() < accept_[i] ? i : alias_[i];
  }

 private:
  std::vector<double> accept_;
  std::vector<uint32_t> alias_;
};

// Members grouped by one attribute: community_of[m], and each community's members listed
// together (members[offsets[c] .. offsets[c + 1])).
struct Communities {
  std::vector<uint32_t> community_of;
  std::vector<uint32_t> offsets;
  std::vector<uint32_t> members;

  // A member of `member`'s community other than `member`, or `member` when it is alone there.
  uint32_t Peer(uint32_t member, Rng& rng) const {
    uint32_t community = community_of[member];
    uint32_t begin = offsets[community];
    uint32_t size = offsets[community + 1] - begin;
    if (size < 2) return member;
    uint32_t peer = members[begin + rng.Below(size - 1)];
    // Skip over `member` itself by taking the last one in its place.
    return peer == member ? members[begin + size - 1] : peer;
  }
};

Communities AssignCommunities(size_t member_count, double members_per_community, double zipf,
                              Rng& rng) {
  size_t count = std::max<size_t>(
      1, static_cast<size_t>(static_cast<double>(member_count) / members_per_community));
  std::vector<double> sizes(count);
  for (size_t rank = 0; rank < count; ++rank) {
    sizes[rank] = std::pow(static_cast<double>(rank + 1), -zipf);
  }
  AliasTable pick(sizes);

  Communities communities;
  communities.community_of.resize(member_count);
  communities.offsets.assign(count + 1, 0);
  for (uint32_t& community : communities.community_of) {
    community = pick.Draw(rng);
    ++communities.offsets[community + 1];
  }
  for (size_t c = 0; c < count; ++c) communities.offsets[c + 1] += communities.offsets[c];
  communities.members.resize(member_count);
  std::vector<uint32_t> next(communities.offsets.begin(), communities.offsets.end() - 1);
  for (uint32_t member = 0; member < member_count; ++member) {
    communities.members[next[communities.community_of[member]]++] = member;
  }
  return communities;
}

std::vector<MemberId> RandomIds(size_t count, Rng& rng) {
  std::vector<MemberId> ids(count);
  std::vector<uint64_t> sorted(count);
  while (true) {
    for (size_t i = 0; i < count; ++i) {
      uint64_t value = 0;
      while (value == 0) value = rng.Next() >> 1;  // 63 bits, never 0 (not a valid id).
      ids[i] = MemberId(value);
      sorted[i] = value;
    }
    std::sort(sorted.begin(), sorted.end());
    if (std::adjacent_find(sorted.begin(), sorted.end()) == sorted.end()) return ids;
  }
}

std::vector<double> Appetites(size_t member_count, Rng& rng) {
  // Pareto with minimum 1 has mean tail / (tail - 1).
  double cap = kAppetiteCapOverMean * kAppetiteTail / (kAppetiteTail - 1);
  std::vector<double> appetites(member_count);
  for (double& appetite : appetites) {
    appetite = std::min(cap, std::pow(1.0 - rng.Uniform(), -1.0 / (kAppetiteTail - 1)));
  }
  return appetites;
}

uint64_t PairKey(uint32_t a, uint32_t b) {
  if (a > b) std::swap(a, b);
  return (uint64_t{a} << 32) | b;
}

class ConnectionSampler {
 public:
  ConnectionSampler(size_t member_count, Rng& rng)
      : busy_(Appetites(member_count, rng)),
        company_(AssignCommunities(member_count, kMembersPerCompany, kCompanyZipf, rng)),
        school_(AssignCommunities(member_count, kMembersPerSchool, kSchoolZipf, rng)),
        city_(AssignCommunities(member_count, kMembersPerCity, kCityZipf, rng)) {}

  // A new pair key, possibly one drawn before; self-pairs are redrawn.
  uint64_t Draw(Rng& rng) const {
    while (true) {
      uint32_t a = busy_.Draw(rng);
      double how = rng.Uniform();
      uint32_t b = how < kThroughCompany                                   ? company_.Peer(a, rng)
                   : how < kThroughCompany + kThroughSchool                ? school_.Peer(a, rng)
                   : how < kThroughCompany + kThroughSchool + kThroughCity ? city_.Peer(a, rng)
                                                                           : busy_.Draw(rng);
      if (b != a) return PairKey(a, b);
    }
  }

  bool Close(uint32_t a, uint32_t b) const {
    return company_.community_of[a] == company_.community_of[b] ||
           school_.community_of[a] == school_.community_of[b];
  }

 private:
  AliasTable busy_;  // Members by appetite.
  Communities company_;
  Communities school_;
  Communities city_;
};

// Sorted, distinct pair keys, exactly `count` of them.
std::vector<uint64_t> DrawPairs(const ConnectionSampler& sampler, size_t count, Rng& rng) {
  std::vector<uint64_t> pairs;
  pairs.reserve(count + count / 8);
  // Small communities yield repeats, so draw in rounds until enough distinct pairs remain.
  while (pairs.size() < count) {
    size_t sorted = pairs.size();
    size_t wanted = count - sorted;
    for (size_t i = 0; i < wanted + wanted / 16 + 16; ++i) pairs.push_back(sampler.Draw(rng));
    std::sort(pairs.begin() + static_cast<ptrdiff_t>(sorted), pairs.end());
    std::inplace_merge(pairs.begin(), pairs.begin() + static_cast<ptrdiff_t>(sorted), pairs.end());
    pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
  }
  // Drop the surplus at random rather than from one end, which would skew towards low numbers.
  constexpr uint64_t kDropped = std::numeric_limits<uint64_t>::max();
  for (size_t surplus = pairs.size() - count; surplus > 0;) {
    uint64_t& pair = pairs[rng.Below(static_cast<uint32_t>(pairs.size()))];
    if (pair == kDropped) continue;
    pair = kDropped;
    --surplus;
  }
  pairs.erase(std::remove(pairs.begin(), pairs.end(), kDropped), pairs.end());
  return pairs;
}

uint8_t Rating(bool close, Rng& rng) {
  if (rng.Uniform() < kUnratedShare) return 0;
  double at = rng.Uniform();
  uint8_t rating = 1;
  for (double weight : kRatingWeights) {
    if (at < weight) break;
    at -= weight;
    ++rating;
  }
  rating = std::min<uint8_t>(rating, 5);
  return close ? std::min<uint8_t>(rating + 1, 5) : rating;
}

}  // namespace

GeneratedNetwork GenerateNetwork(const NetworkShape& shape) {
  ENISHI_CHECK(shape.members >= 2 && shape.members < std::numeric_limits<uint32_t>::max(),
               "member count out of range");
  ENISHI_CHECK(shape.connections <= shape.members * (shape.members - 1) / 4,
               "too many connections for the member count");
  // A separate stream per stage, so that changing one stage leaves the others' draws alone.
  uint64_t seed = shape.seed;
  Rng id_rng(SplitMix64(seed));
  Rng community_rng(SplitMix64(seed));
  Rng pair_rng(SplitMix64(seed));
  Rng rating_rng(SplitMix64(seed));

  GeneratedNetwork network;
  network.members = RandomIds(shape.members, id_rng);
  ConnectionSampler sampler(shape.members, community_rng);
  std::vector<uint64_t> pairs = DrawPairs(sampler, shape.connections, pair_rng);
  // Fisher-Yates, with our own generator so that the order is the same everywhere.
  for (size_t i = pairs.size(); i > 1; --i) {
    std::swap(pairs[i - 1], pairs[pair_rng.Below(static_cast<uint32_t>(i))]);
  }

  network.connections.reserve(pairs.size());
  for (uint64_t pair : pairs) {
    auto a = static_cast<uint32_t>(pair >> 32);
    auto b = static_cast<uint32_t>(pair);
    bool close = sampler.Close(a, b);
    uint8_t a_rates_b = Rating(close, rating_rng);
    network.connections.push_back({a, b, a_rates_b, Rating(close, rating_rng)});
  }
  return network;
}

}  // namespace enishi::tools
