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

TEST(ParseRfc3339Test, ReadsUtcOffsetsAndFractions) {
  auto utc = ParseRfc3339("2026-11-22T03:15:00Z");
  ASSERT_TRUE(utc);
  EXPECT_EQ(FormatRfc3339(*utc), "2026-11-22T03:15:00Z");
  EXPECT_EQ(ParseRfc3339("2026-11-22T12:15:00+09:00"), utc);
  EXPECT_EQ(ParseRfc3339("2026-11-21T22:15:00-05:00"), utc);
  auto fraction = ParseRfc3339("2026-11-22T03:15:00.25Z");
  ASSERT_TRUE(fraction);
  EXPECT_EQ(*fraction - *utc, std::chrono::milliseconds(250));
}

TEST(ParseRfc3339Test, RefusesAnythingElse) {
  for (std::string_view text :
       {"", "2026-11-22", "2026-11-22T03:15Z", "2026-02-30T00:00:00Z", "2026-11-22T24:00:00Z",
        "2026-11-22T03:15:00", "2026-11-22T03:15:00+9:00", "2026-11-22T03:15:00Zjunk",
        "2026-11-22T03:15:00.Z", "２０２６-11-22T03:15:00Z"}) {
    EXPECT_FALSE(ParseRfc3339(text)) << text;
  }
}

}  // namespace
}  // namespace enishi
