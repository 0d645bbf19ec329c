#pragma once
// Token-bucket rate limits keyed by client address or account: every key earns tokens at a
// steady rate up to a burst, and each request spends one.
// Memory is bounded: at most `max_keys` buckets are kept, and the least recently used are
// forgotten first (a forgotten key starts again with a full bucket, which only errs towards
// letting an idle client through).
// Thread-safe: keys are spread over independently locked shards, so concurrent requests
// rarely wait on each other. Time comes from the injected Clock.

#include <array>
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "core/result.hpp"

namespace enishi::api {

struct RateLimit {
  int per_minute = 600;  // Sustained rate. 0 or less turns the limit off.
  int burst = 120;       // Bucket size: what a client may send at once after a quiet spell.
};

class RateLimiter {
 public:
  RateLimiter(const Clock& clock, RateLimit limit, size_t max_keys);
  ~RateLimiter();
  RateLimiter(const RateLimiter&) = delete;
  RateLimiter& operator=(const RateLimiter&) = delete;

  // Spends one token of `key`'s bucket. kResourceExhausted when it is empty, with
  // Error::retry_after set to the whole seconds (at least 1) until a token is back.
  Result<void> Acquire(std::string_view key);
  // How many keys have a bucket now.
  size_t tracked() const;

 private:
  struct Shard;
  static constexpr size_t kShards = 16;

  const Clock& clock_;
  RateLimit limit_;
  size_t max_keys_per_shard_;
  std::array<std::unique_ptr<Shard>, kShards> shards_;
};

// The bucket key for a client address: IPv4 as is, IPv6 by its /64 prefix (one subscriber
// usually holds a whole /64, so per-address buckets would be free to multiply), an IPv4-mapped
// IPv6 address as its IPv4 address, and anything unparsable as given.
std::string ClientKey(std::string_view ip);

}  // namespace enishi::api
