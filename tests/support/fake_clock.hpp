#pragma once
// A Clock that only moves when a test says so. Thread-safe.

#include <atomic>

#include "core/clock.hpp"

namespace enishi::testing {

class FakeClock final : public Clock {
 public:
  // 2026-01-01T00:00:00Z.
  FakeClock() : micros_(1767225600LL * 1000000) {}
  Timestamp Now() const override { return FromMicros(micros_.load()); }
  void Advance(std::chrono::microseconds by) { micros_ += by.count(); }
  void Set(Timestamp t) { micros_ = ToMicros(t); }

 private:
  std::atomic<int64_t> micros_;
};

}  // namespace enishi::testing
