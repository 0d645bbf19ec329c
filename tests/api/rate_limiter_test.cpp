#include "api/rate_limiter.hpp"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "support/fake_clock.hpp"

namespace enishi::api {
namespace {

using enishi::testing::FakeClock;

TEST(RateLimiter, AllowsTheBurstThenRefusesWithRetryAfter) {
  FakeClock clock;
  RateLimiter limiter(clock, {.per_minute = 60, .burst = 3}, 100);
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(limiter.Acquire("1.2.3.4")) << i;
  auto refused = limiter.Acquire("1.2.3.4");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kResourceExhausted);
  EXPECT_EQ(refused.error().retry_after, std::chrono::seconds(1));
}

TEST(RateLimiter, RefillsAtTheSustainedRate) {
  FakeClock clock;
  RateLimiter limiter(clock, {.per_minute = 6, .burst = 1}, 100);  // One token per 10 s.
  EXPECT_TRUE(limiter.Acquire("k"));
  auto refused = limiter.Acquire("k");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().retry_after, std::chrono::seconds(10));
  clock.Advance(std::chrono::seconds(4));
  EXPECT_EQ(limiter.Acquire("k").error().retry_after, std::chrono::seconds(6));
  clock.Advance(std::chrono::seconds(6));
  EXPECT_TRUE(limiter.Acquire("k"));
  // Never more than the burst, however long the pause.
  clock.Advance(std::chrono::hours(5));
  EXPECT_TRUE(limiter.Acquire("k"));
  EXPECT_FALSE(limiter.Acquire("k"));
}

TEST(RateLimiter, KeysAreIndependent) {
  FakeClock clock;
  RateLimiter limiter(clock, {.per_minute = 60, .burst = 1}, 100);
  EXPECT_TRUE(limiter.Acquire("a"));
  EXPECT_FALSE(limiter.Acquire("a"));
  EXPECT_TRUE(limiter.Acquire("b"));
}

TEST(RateLimiter, ZeroRateMeansUnlimited) {
  FakeClock clock;
  RateLimiter limiter(clock, {.per_minute = 0, .burst = 1}, 100);
  for (int i = 0; i < 1000; ++i) EXPECT_TRUE(limiter.Acquire("k"));
  EXPECT_EQ(limiter.tracked(), 0u);
}

TEST(RateLimiter, ForgetsTheLeastRecentlyUsedKeysBeyondTheBound) {
  FakeClock clock;
  RateLimiter limiter(clock, {.per_minute = 60, .burst = 1}, 64);
  for (int i = 0; i < 10000; ++i) (void)limiter.Acquire("client-" + std::to_string(i));
  EXPECT_LE(limiter.tracked(), 64u);
  // A key used just now is kept (its bucket is still empty).
  EXPECT_FALSE(limiter.Acquire("client-9999"));
}

TEST(RateLimiter, ABackwardClockDoesNotRefill) {
  FakeClock clock;
  RateLimiter limiter(clock, {.per_minute = 60, .burst = 1}, 100);
  EXPECT_TRUE(limiter.Acquire("k"));
  clock.Advance(-std::chrono::hours(1));
  EXPECT_FALSE(limiter.Acquire("k"));
  clock.Advance(std::chrono::hours(1));
  EXPECT_FALSE(limiter.Acquire("k"));  // The hour back is not earned twice.
  clock.Advance(std::chrono::seconds(1));
  EXPECT_TRUE(limiter.Acquire("k"));
}

TEST(RateLimiter, CountsExactlyUnderConcurrency) {
  FakeClock clock;
  RateLimiter limiter(clock, {.per_minute = 1, .burst = 1000}, 100);
  std::atomic<int> allowed{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 500; ++i) {
        if (limiter.Acquire("shared")) ++allowed;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(allowed.load(), 1000);
}

TEST(ClientKey, GroupsIpv6ByPrefixAndUnmapsIpv4) {
  EXPECT_EQ(ClientKey("203.0.113.7"), "203.0.113.7");
  EXPECT_EQ(ClientKey("2001:db8:1:2:aaaa::1"), "2001:0db8:0001:0002::/64");
  EXPECT_EQ(ClientKey("2001:db8:1:2:ffff:ffff:ffff:ffff"), "2001:0db8:0001:0002::/64");
  EXPECT_NE(ClientKey("2001:db8:1:3::1"), ClientKey("2001:db8:1:2::1"));
  EXPECT_EQ(ClientKey("::ffff:198.51.100.1"), "198.51.100.1");
  EXPECT_EQ(ClientKey("not an address"), "not an address");
  EXPECT_EQ(ClientKey(""), "");
}

}  // namespace
}  // namespace enishi::api
