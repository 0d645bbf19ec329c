#include "core/clock.hpp"

#include <cstdio>

namespace enishi {
namespace {

class WallClock final : public Clock {
 public:
  Timestamp Now() const override {
    return std::chrono::time_point_cast<std::chrono::microseconds>(
        std::chrono::system_clock::now());
  }
};

}  // namespace

Clock& SystemClock() {
  static WallClock clock;
  return clock;
}

std::string FormatRfc3339(Timestamp t) {
  auto day = std::chrono::floor<days>(t);
  std::chrono::year_month_day ymd{day};
  std::chrono::hh_mm_ss hms{std::chrono::floor<seconds>(t - day)};
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02d:%02d:%02dZ", int(ymd.year()),
                unsigned(ymd.month()), unsigned(ymd.day()), int(hms.hours().count()),
                int(hms.minutes().count()), int(hms.seconds().count()));
  return buffer;
}

}  // namespace enishi
