#pragma once
// Time is injected: domain code asks a Clock, never std::chrono::system_clock, so tests can
// move time with FakeClock (tests/support/fake_clock.hpp). Timestamps are UTC microseconds.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace enishi {

using Timestamp = std::chrono::sys_time<std::chrono::microseconds>;
using std::chrono::days;
using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

// Thread-safe: implementations may be called from any thread.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual Timestamp Now() const = 0;
};

// The real wall clock. Lives for the whole program.
Clock& SystemClock();

inline int64_t ToMicros(Timestamp t) { return t.time_since_epoch().count(); }
inline Timestamp FromMicros(int64_t micros) {
  return Timestamp(std::chrono::microseconds(micros));
}

// "2026-11-22T03:15:00Z" (seconds precision, UTC).
std::string FormatRfc3339(Timestamp t);
// An RFC 3339 date-time with seconds and an offset: "2026-11-22T03:15:00Z",
// "2026-11-22T12:15:00+09:00", fractions of a second allowed (microseconds kept). nullopt for
// anything else, an impossible date or time included.
std::optional<Timestamp> ParseRfc3339(std::string_view text);

}  // namespace enishi
