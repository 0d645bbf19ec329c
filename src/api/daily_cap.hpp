#pragma once
// Daily caps per account against scraping (F28): at most `per_day` searches, or views of other
// members' profiles, in each UTC day. Past the cap, kResourceExhausted with Retry-After until
// midnight UTC, when every count starts again.
//
// Counts are kept in this server's memory: servers sharing a store each count on their own,
// and a restart forgets the day's counts. Memory is one entry per account active today.
// Thread-safe.

#include <cstdint>
#include <mutex>
#include <unordered_map>

#include "core/clock.hpp"
#include "core/ids.hpp"
#include "core/result.hpp"

namespace enishi::api {

struct DailyCapOptions {
  int searches_per_day = 500;       // 0 or less turns the cap off.
  int profile_views_per_day = 1000;
};

class DailyCap {
 public:
  DailyCap(const Clock& clock, int per_day);

  // Counts one more of `member`'s events today; kResourceExhausted (with retry_after) when the
  // day's cap is already reached, and then the event does not count.
  Result<void> Spend(MemberId member);

 private:
  const Clock& clock_;
  const int per_day_;
  std::mutex mutex_;
  int64_t day_ = -1;                                // GUARDED_BY(mutex_): days since the epoch.
  std::unordered_map<uint64_t, int> spent_;         // GUARDED_BY(mutex_)
};

}  // namespace enishi::api
