#pragma once
// A LocalTime with two zones of fixed offset, "UTC" and "Asia/Tokyo" (UTC+9), for domain tests
// that must not depend on ICU's data. Thread-safe (stateless).

#include <optional>
#include <string_view>

#include "domain/notifications/local_time.hpp"

namespace enishi::testing {

class FakeLocalTime final : public notifications::LocalTime {
 public:
  std::optional<notifications::LocalMoment> At(std::string_view time_zone,
                                               Timestamp at) const override {
    if (!IsKnownZone(time_zone)) return std::nullopt;
    std::chrono::minutes offset(time_zone == "Asia/Tokyo" ? 9 * 60 : 0);
    Timestamp local = at + offset;
    auto midnight = std::chrono::floor<days>(local);
    notifications::LocalMoment moment;
    moment.minute_of_day =
        static_cast<int>(std::chrono::duration_cast<minutes>(local - midnight).count());
    moment.day_start = Timestamp(midnight) - offset;
    return moment;
  }
  bool IsKnownZone(std::string_view time_zone) const override {
    return time_zone == "UTC" || time_zone == "Asia/Tokyo";
  }
};

}  // namespace enishi::testing
