#include "api/rate_limiter.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <list>
#include <mutex>
#include <unordered_map>

namespace enishi::api {

struct RateLimiter::Shard {
  struct Bucket {
    std::string key;
    double tokens = 0;
    Timestamp updated;
  };
  std::mutex mutex;
  std::list<Bucket> recent;  // Most recently used first. Guarded by mutex.
  // Keys view the strings inside `recent`, whose nodes never move. Guarded by mutex.
  std::unordered_map<std::string_view, std::list<Bucket>::iterator> index;
};

RateLimiter::RateLimiter(const Clock& clock, RateLimit limit, size_t max_keys)
    : clock_(clock),
      limit_{limit.per_minute, std::max(1, limit.burst)},
      max_keys_per_shard_(std::max<size_t>(1, max_keys / kShards)) {
  for (auto& shard : shards_) shard = std::make_unique<Shard>();
}

RateLimiter::~RateLimiter() = default;

Result<void> RateLimiter::Acquire(std::string_view key) {
  if (limit_.per_minute <= 0) return Ok();
  const double per_second = limit_.per_minute / 60.0;
  const double burst = limit_.burst;
  Timestamp now = clock_.Now();

  Shard& shard = *shards_[std::hash<std::string_view>{}(key) % kShards];
  std::lock_guard lock(shard.mutex);
  auto found = shard.index.find(key);
  if (found == shard.index.end()) {
    if (shard.index.size() >= max_keys_per_shard_) {
      shard.index.erase(shard.recent.back().key);
      shard.recent.pop_back();
    }
    shard.recent.push_front({std::string(key), burst, now});
    found = shard.index.emplace(shard.recent.front().key, shard.recent.begin()).first;
  } else {
    shard.recent.splice(shard.recent.begin(), shard.recent, found->second);
  }

  Shard::Bucket& bucket = *found->second;
  // A clock stepping backwards refills nothing rather than draining the bucket.
  double elapsed = std::max(0.0, std::chrono::duration<double>(now - bucket.updated).count());
  bucket.tokens = std::min(burst, bucket.tokens + elapsed * per_second);
  bucket.updated = std::max(bucket.updated, now);
  if (bucket.tokens >= 1) {
    bucket.tokens -= 1;
    return Ok();
  }
  auto wait = static_cast<int64_t>(std::ceil((1 - bucket.tokens) / per_second));
  return ResourceExhausted("too many requests; slow down", seconds(std::max<int64_t>(1, wait)));
}

size_t RateLimiter::tracked() const {
  size_t total = 0;
  for (const auto& shard : shards_) {
    std::lock_guard lock(shard->mutex);
    total += shard->index.size();
  }
  return total;
}

std::string ClientKey(std::string_view ip) {
  std::string text(ip);
  unsigned char bytes[16];
  if (text.find(':') == std::string::npos || inet_pton(AF_INET6, text.c_str(), bytes) != 1) {
    return text;
  }
  static constexpr unsigned char kMappedPrefix[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF};
  if (std::equal(kMappedPrefix, kMappedPrefix + 12, bytes)) {
    char v4[INET_ADDRSTRLEN];
    if (inet_ntop(AF_INET, bytes + 12, v4, sizeof v4) != nullptr) return v4;
  }
  char prefix[48];
  std::snprintf(prefix, sizeof prefix, "%02x%02x:%02x%02x:%02x%02x:%02x%02x::/64", bytes[0],
                bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7]);
  return prefix;
}

}  // namespace enishi::api
