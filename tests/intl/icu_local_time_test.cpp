#include "intl/icu_local_time.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <ostream>
#include <random>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "core/clock.hpp"
#include "domain/notifications/local_time.hpp"

namespace enishi::notifications {

// So that failures print "{minute_of_day 30, day_start 2026-03-08T15:00:00Z}".
void PrintTo(const LocalMoment& moment, std::ostream* os) {
  *os << "{minute_of_day " << moment.minute_of_day << ", day_start "
      << FormatRfc3339(moment.day_start) << "}";
}

}  // namespace enishi::notifications

namespace enishi::intl {
namespace {

using notifications::LocalMoment;

Timestamp Utc(int y, unsigned mo, unsigned d, int h = 0, int mi = 0, int s = 0) {
  return Timestamp(
      std::chrono::sys_days(std::chrono::year(y) / std::chrono::month(mo) / std::chrono::day(d)) +
      hours(h) + minutes(mi) + seconds(s));
}

struct Case {
  std::string_view what;
  std::string_view zone;
  Timestamp at;
  int minute_of_day;
  Timestamp day_start;
};

void ExpectCases(const std::vector<Case>& cases) {
  IcuLocalTime local_time;
  for (const Case& c : cases) {
    SCOPED_TRACE(std::string(c.zone) + " at " + FormatRfc3339(c.at) + ": " + std::string(c.what));
    EXPECT_TRUE(local_time.IsKnownZone(c.zone));
    EXPECT_EQ(local_time.At(c.zone, c.at),
              std::optional<LocalMoment>(LocalMoment{c.minute_of_day, c.day_start}));
  }
}

TEST(IcuLocalTime, TokyoIsNineHoursAheadAllYear) {
  ExpectCases({
      {"just after local midnight", "Asia/Tokyo", Utc(2026, 3, 8, 15, 30), 30, Utc(2026, 3, 8, 15)},
      {"the last minute of the day", "Asia/Tokyo", Utc(2026, 6, 1, 14, 59, 59), 1439,
       Utc(2026, 5, 31, 15)},
      {"local midnight itself", "Asia/Tokyo", Utc(2026, 11, 1, 15), 0, Utc(2026, 11, 1, 15)},
      {"New York's fall-back instant changes nothing", "Asia/Tokyo", Utc(2026, 11, 1, 6), 15 * 60,
       Utc(2026, 10, 31, 15)},
  });
}

TEST(IcuLocalTime, ShanghaiIsEightHoursAhead) {
  ExpectCases({
      {"noon", "Asia/Shanghai", Utc(2026, 1, 15, 4), 12 * 60, Utc(2026, 1, 14, 16)},
      {"a minute before midnight", "Asia/Shanghai", Utc(2026, 7, 1, 15, 59), 1439,
       Utc(2026, 6, 30, 16)},
  });
}

TEST(IcuLocalTime, NewYorkSpringForwardDayHas23Hours) {
  // 2026-03-08: 02:00 EST (07:00Z) becomes 03:00 EDT.
  ExpectCases({
      {"midnight, still EST", "America/New_York", Utc(2026, 3, 8, 5), 0, Utc(2026, 3, 8, 5)},
      {"a second before the change", "America/New_York", Utc(2026, 3, 8, 6, 59, 59), 119,
       Utc(2026, 3, 8, 5)},
      {"the change: 03:00 EDT", "America/New_York", Utc(2026, 3, 8, 7), 180, Utc(2026, 3, 8, 5)},
      {"the day's last minute", "America/New_York", Utc(2026, 3, 9, 3, 59), 1439,
       Utc(2026, 3, 8, 5)},
      {"the next day starts 23 hours later", "America/New_York", Utc(2026, 3, 9, 4), 0,
       Utc(2026, 3, 9, 4)},
  });
}

TEST(IcuLocalTime, NewYorkFallBackDayHas25Hours) {
  // 2026-11-01: 02:00 EDT (06:00Z) becomes 01:00 EST; 01:00-02:00 shows twice.
  ExpectCases({
      {"midnight, still EDT", "America/New_York", Utc(2026, 11, 1, 4), 0, Utc(2026, 11, 1, 4)},
      {"just before the change", "America/New_York", Utc(2026, 11, 1, 5, 59), 119,
       Utc(2026, 11, 1, 4)},
      {"the change: 01:00 EST again", "America/New_York", Utc(2026, 11, 1, 6), 60,
       Utc(2026, 11, 1, 4)},
      {"the repeated hour's end", "America/New_York", Utc(2026, 11, 1, 6, 59), 119,
       Utc(2026, 11, 1, 4)},
      {"the next day starts 25 hours later", "America/New_York", Utc(2026, 11, 2, 5), 0,
       Utc(2026, 11, 2, 5)},
  });
}

TEST(IcuLocalTime, LondonFollowsBritishSummerTime) {
  ExpectCases({
      {"winter: GMT", "Europe/London", Utc(2026, 1, 10, 12), 12 * 60, Utc(2026, 1, 10)},
      {"summer: midnight is 23:00Z", "Europe/London", Utc(2026, 7, 1, 23, 30), 30,
       Utc(2026, 7, 1, 23)},
      // 2026-03-29: 01:00 GMT becomes 02:00 BST.
      {"before the spring change", "Europe/London", Utc(2026, 3, 29, 0, 59), 59, Utc(2026, 3, 29)},
      {"after the spring change", "Europe/London", Utc(2026, 3, 29, 1), 120, Utc(2026, 3, 29)},
      // 2026-10-25: 02:00 BST becomes 01:00 GMT.
      {"before the autumn change", "Europe/London", Utc(2026, 10, 25, 0, 59), 119,
       Utc(2026, 10, 24, 23)},
      {"after the autumn change", "Europe/London", Utc(2026, 10, 25, 1), 60, Utc(2026, 10, 24, 23)},
  });
}

TEST(IcuLocalTime, UtcAndEtcUtcAreUtc) {
  const Timestamp at = Utc(2026, 5, 5, 13, 14, 15) + std::chrono::microseconds(500'000);
  ExpectCases({
      {"UTC", "UTC", at, 13 * 60 + 14, Utc(2026, 5, 5)},
      {"Etc/UTC", "Etc/UTC", at, 13 * 60 + 14, Utc(2026, 5, 5)},
      {"before 1970 rounds down, not towards zero", "UTC",
       Utc(1970, 1, 1) - std::chrono::microseconds(1), 1439, Utc(1969, 12, 31)},
  });
}

TEST(IcuLocalTime, OffsetsNeedNotBeWholeHours) {
  ExpectCases({
      {"UTC+5:45", "Asia/Kathmandu", Utc(2026, 1, 1), 5 * 60 + 45, Utc(2025, 12, 31, 18, 15)},
      {"UTC-3:30", "America/St_Johns", Utc(2026, 1, 1, 3, 29), 1439, Utc(2025, 12, 31, 3, 30)},
  });
}

TEST(IcuLocalTime, SkippedMidnightStartsTheDayAtTheJump) {
  // Cuba springs forward at midnight: 2026-03-08 00:00 CST (05:00Z) becomes 01:00 CDT.
  ExpectCases({
      {"the day before's last second", "America/Havana", Utc(2026, 3, 8, 4, 59, 59), 1439,
       Utc(2026, 3, 7, 5)},
      {"the jump: 01:00 is the day's first minute", "America/Havana", Utc(2026, 3, 8, 5), 60,
       Utc(2026, 3, 8, 5)},
      {"later that day", "America/Havana", Utc(2026, 3, 8, 16), 12 * 60, Utc(2026, 3, 8, 5)},
  });
}

TEST(IcuLocalTime, MidnightInsideAJumpStartsTheDayAtTheJump) {
  // Toronto, 1919-03-30 23:30 EST (04:30Z) became 00:30 EDT: the only jump in ICU's data that
  // passes over midnight rather than starting at it.
  ExpectCases({
      {"just before the jump", "America/Toronto", Utc(1919, 3, 31, 4, 29, 59), 23 * 60 + 29,
       Utc(1919, 3, 30, 5)},
      {"the jump: 00:30 is the day's first minute", "America/Toronto", Utc(1919, 3, 31, 4, 30), 30,
       Utc(1919, 3, 31, 4, 30)},
      {"later that day", "America/Toronto", Utc(1919, 3, 31, 16), 12 * 60, Utc(1919, 3, 31, 4, 30)},
  });
}

TEST(IcuLocalTime, RepeatedMidnightStartsTheDayAtItsFirstPass) {
  // Cuba falls back at 01:00 CDT (05:00Z) to 00:00 CST: midnight shows twice on 2026-11-01.
  ExpectCases({
      {"first pass", "America/Havana", Utc(2026, 11, 1, 4, 30), 30, Utc(2026, 11, 1, 4)},
      {"second pass", "America/Havana", Utc(2026, 11, 1, 5, 30), 30, Utc(2026, 11, 1, 4)},
      {"the next day starts 25 hours later", "America/Havana", Utc(2026, 11, 2, 5), 0,
       Utc(2026, 11, 2, 5)},
  });
}

TEST(IcuLocalTime, LinksAndLegacyIdsAreKnown) {
  IcuLocalTime local_time;
  for (std::string_view zone : {"US/Eastern", "Europe/Kiev", "Etc/GMT+5", "GMT"}) {
    EXPECT_TRUE(local_time.IsKnownZone(zone)) << zone;
  }
  EXPECT_EQ(local_time.At("US/Eastern", Utc(2026, 3, 8, 7)),
            local_time.At("America/New_York", Utc(2026, 3, 8, 7)));
}

TEST(IcuLocalTime, UnknownZonesAreRefused) {
  IcuLocalTime local_time;
  const std::vector<std::string> zones = {
      "Mars/Olympus_Mons",
      "Etc/Unknown",  // What ICU turns every unknown name into.
      "GMT+05:00",    // A custom offset, not a zone.
      "GMT+5",
      "utc",
      "asia/tokyo",
      "Asia/Tokyo ",
      " Asia/Tokyo",
      "Asia/Tokyo/",
      "Asia//Tokyo",
      "../../etc/localtime",
      std::string("Asia/Tokyo\0junk", 15),  // ICU alone would read this as Asia/Tokyo.
      "Asia/T\xc3\xb4kyo",
      "\xff\xfe",
  };
  for (const std::string& zone : zones) {
    EXPECT_FALSE(local_time.IsKnownZone(zone)) << zone;
    EXPECT_EQ(local_time.At(zone, Utc(2026, 3, 8)), std::nullopt) << zone;
  }
}

TEST(IcuLocalTime, EmptyNameIsUnknown) {
  IcuLocalTime local_time;
  EXPECT_FALSE(local_time.IsKnownZone(""));
  EXPECT_EQ(local_time.At("", Utc(2026, 3, 8)), std::nullopt);
}

TEST(IcuLocalTime, HostileNamesAreRefused) {
  constexpr uint32_t kSeed = 20260308;
  SCOPED_TRACE("seed " + std::to_string(kSeed));
  std::mt19937 random(kSeed);
  std::uniform_int_distribution<int> byte(1, 255);  // Never NUL.
  std::string garbage(1 << 20, ' ');
  for (char& c : garbage) c = static_cast<char>(byte(random));

  IcuLocalTime local_time;
  const std::vector<std::string> zones = {
      garbage,
      "Asia/" + std::string(100'000, 'x'),
      "America/" + std::string(IcuLocalTime::kMaxZoneNameLength, 'A'),
      std::string(IcuLocalTime::kMaxZoneNameLength + 1, '/'),
  };
  for (const std::string& zone : zones) {
    EXPECT_FALSE(local_time.IsKnownZone(zone)) << zone.size() << " bytes";
    EXPECT_EQ(local_time.At(zone, Utc(2026, 3, 8)), std::nullopt) << zone.size() << " bytes";
  }
  for (int i = 0; i < 10'000; ++i) {
    std::string zone(1 + static_cast<size_t>(i % 40), ' ');
    for (char& c : zone) c = static_cast<char>(byte(random));
    ASSERT_FALSE(local_time.IsKnownZone(zone)) << "name " << i;
  }
}

TEST(IcuLocalTime, InstantsAtTimestampsLimitsAreRefused) {
  IcuLocalTime local_time;
  EXPECT_EQ(local_time.At("Asia/Tokyo", Timestamp::max()), std::nullopt);
  EXPECT_EQ(local_time.At("Asia/Tokyo", Timestamp::min()), std::nullopt);
  EXPECT_TRUE(local_time.At("Asia/Tokyo", Timestamp::max() - days(3)).has_value());
  EXPECT_TRUE(local_time.At("America/New_York", Timestamp::min() + days(3)).has_value());
}

// Through a year, in zones with and without DST and with a half-hour change: every instant
// lies in a day of 23 to 25 hours that starts at its day_start, and the instant before
// day_start belongs to the day before.
TEST(IcuLocalTime, EveryInstantLiesInTheDayItNames) {
  IcuLocalTime local_time;
  for (std::string_view zone :
       {"Asia/Tokyo", "America/New_York", "Europe/London", "America/Havana", "America/Santiago",
        "Australia/Lord_Howe", "Asia/Kathmandu", "UTC"}) {
    for (Timestamp at = Utc(2026, 1, 1); at < Utc(2027, 1, 1); at += minutes(97)) {
      SCOPED_TRACE(std::string(zone) + " at " + FormatRfc3339(at));
      const std::optional<LocalMoment> moment = local_time.At(zone, at);
      ASSERT_TRUE(moment.has_value());
      ASSERT_LE(moment->day_start, at);
      ASSERT_LT(at - moment->day_start, hours(25));
      ASSERT_GE(moment->minute_of_day, 0);
      ASSERT_LT(moment->minute_of_day, 24 * 60);
      const std::optional<LocalMoment> start = local_time.At(zone, moment->day_start);
      ASSERT_TRUE(start.has_value());
      ASSERT_EQ(start->day_start, moment->day_start);
      const std::optional<LocalMoment> before =
          local_time.At(zone, moment->day_start - std::chrono::microseconds(1));
      ASSERT_TRUE(before.has_value());
      ASSERT_LT(before->day_start, moment->day_start);
      ASSERT_GE(moment->day_start - before->day_start, hours(23));
    }
  }
}

TEST(IcuLocalTime, ConcurrentCallsAgreeWithSequentialOnes) {
  const std::vector<std::string_view> zones = {"Asia/Tokyo", "America/New_York", "Europe/London",
                                               "Mars/Olympus_Mons"};
  std::vector<Timestamp> instants;
  for (Timestamp at = Utc(2026, 3, 1); at < Utc(2026, 4, 1); at += minutes(131)) {
    instants.push_back(at);
  }
  using Results = std::vector<std::optional<LocalMoment>>;
  auto run = [&](const IcuLocalTime& local_time, size_t first_zone) {
    Results results;
    for (size_t i = 0; i < zones.size(); ++i) {
      for (Timestamp at : instants) {
        results.push_back(local_time.At(zones[(first_zone + i) % zones.size()], at));
      }
    }
    return results;
  };

  IcuLocalTime sequential;
  constexpr size_t kThreads = 8;
  std::vector<Results> expected;
  for (size_t t = 0; t < kThreads; ++t) expected.push_back(run(sequential, t));

  // A fresh object, so that the threads also race to load each zone.
  IcuLocalTime shared;
  std::vector<Results> actual(kThreads);
  std::vector<std::thread> threads;
  for (size_t t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] { actual[t] = run(shared, t); });
  }
  for (std::thread& thread : threads) thread.join();
  for (size_t t = 0; t < kThreads; ++t) EXPECT_EQ(actual[t], expected[t]) << "thread " << t;
}

}  // namespace
}  // namespace enishi::intl
