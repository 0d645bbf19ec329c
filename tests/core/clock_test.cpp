#include "core/clock.hpp"

#include <gtest/gtest.h>

#include "support/fake_clock.hpp"

namespace enishi {
namespace {

TEST(Clock, FormatsRfc3339InUtc) {
  EXPECT_EQ(FormatRfc3339(FromMicros(0)), "1970-01-01T00:00:00Z");
  EXPECT_EQ(FormatRfc3339(FromMicros(1795835700LL * 1000000 + 999999)), "2026-11-28T03:15:00Z");
}

TEST(Clock, FakeClockMovesOnlyWhenTold) {
  testing::FakeClock clock;
  Timestamp start = clock.Now();
  EXPECT_EQ(clock.Now(), start);
  clock.Advance(minutes(10));
  EXPECT_EQ(clock.Now() - start, minutes(10));
}

TEST(Clock, MicrosRoundTrip) {
  Timestamp t = FromMicros(1234567890123456);
  EXPECT_EQ(ToMicros(t), 1234567890123456);
}

}  // namespace
}  // namespace enishi
