#pragma once
// Sliding-window quotas: at most `allowed` events in any `window`, as greetings, requests and
// introductions count them.

#include <algorithm>
#include <chrono>
#include <span>
#include <string>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "core/result.hpp"

namespace enishi {

// OK when one more event fits at `now`; otherwise kResourceExhausted with `message`, retrying
// once enough of the counted events have left the window. `times`: when the counted events
// happened, oldest first, none before now - window.
inline Result<void> CheckSlidingWindow(std::span<const Timestamp> times, int allowed,
                                       std::chrono::microseconds window, Timestamp now,
                                       std::string message) {
  if (times.size() < static_cast<size_t>(allowed)) return Ok();
  // Another may go once all but allowed - 1 of those counted have left the window.
  Timestamp frees = allowed > 0 ? times[times.size() - allowed] + window : now + window;
  return ResourceExhausted(std::move(message),
                           std::max(seconds(1), std::chrono::ceil<seconds>(frees - now)));
}

}  // namespace enishi
