#include "api/daily_cap.hpp"

#include <chrono>

namespace enishi::api {

DailyCap::DailyCap(const Clock& clock, int per_day) : clock_(clock), per_day_(per_day) {}

Result<void> DailyCap::Spend(MemberId member) {
  if (per_day_ <= 0) return Ok();
  const Timestamp now = clock_.Now();
  const auto today = std::chrono::floor<std::chrono::days>(now);
  std::lock_guard lock(mutex_);
  if (today.time_since_epoch().count() != day_) {
    day_ = today.time_since_epoch().count();
    spent_.clear();
  }
  int& spent = spent_[member.value()];
  if (spent >= per_day_) {
    auto until_midnight = std::chrono::ceil<std::chrono::seconds>(today + std::chrono::days(1) - now);
    return ResourceExhausted("the daily limit is reached; it starts again at midnight UTC",
                             std::max(until_midnight, std::chrono::seconds(1)));
  }
  ++spent;
  return Ok();
}

}  // namespace enishi::api
