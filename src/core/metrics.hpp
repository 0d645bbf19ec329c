#pragma once
// A small registry of counters and histograms with labels, rendered in the Prometheus text
// exposition format 0.0.4 for GET /metrics.
//
// Ownership: a Metrics registry owns its families and their series; references returned by
// AddCounter/AddHistogram/WithLabels stay valid for the registry's lifetime, so hot paths may
// look a series up once and keep it.
// Thread-safety: everything may be called from any thread. Updating a series is a few relaxed
// atomic operations; looking a series up takes a shared lock on its family, creating one an
// exclusive lock; rendering takes shared locks.
// Label values must come from a small, fixed set (route patterns, methods, statuses): every
// distinct combination is kept forever, so never label with ids, paths or user input.

#include <atomic>
#include <cstdint>
#include <initializer_list>
#include <map>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <vector>

namespace enishi {

// Bucket bounds in seconds for request and storage latencies: 1 ms to 10 s.
inline const std::vector<double>& DefaultLatencyBuckets() {
  static const std::vector<double> kBuckets = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1,
                                               0.25,  0.5,    1,     2.5,  5,     10};
  return kBuckets;
}

// A monotonically increasing count.
class Counter {
 public:
  void Increment(uint64_t by = 1) { value_.fetch_add(by, std::memory_order_relaxed); }
  uint64_t value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<uint64_t> value_{0};
};

// Counts observations into cumulative buckets with fixed upper bounds, plus their sum.
class Histogram {
 public:
  struct Snapshot {
    std::vector<uint64_t> cumulative;  // One per bound, then +Inf (== count).
    double sum = 0;
  };

  // REQUIRES: `bounds` is strictly increasing and finite.
  explicit Histogram(std::vector<double> bounds);
  Histogram(const Histogram&) = delete;
  Histogram& operator=(const Histogram&) = delete;

  void Observe(double value);
  const std::vector<double>& bounds() const { return bounds_; }
  // Reads concurrently with Observe(); the +Inf bucket always equals the sum of the others.
  Snapshot Read() const;

 private:
  std::vector<double> bounds_;
  std::unique_ptr<std::atomic<uint64_t>[]> counts_;  // Per bucket, not cumulative; +Inf last.
  std::atomic<double> sum_{0};
};

// One metric name with a fixed list of label names, and a series per label-value combination.
// Instantiated for Counter and Histogram only (in metrics.cpp).
template <class Series>
class Family {
 public:
  Family(std::string name, std::string help, std::vector<std::string> label_names,
         std::vector<double> bounds);
  Family(const Family&) = delete;
  Family& operator=(const Family&) = delete;

  // The series for these label values, created on first use.
  // REQUIRES: as many values as the family has label names.
  Series& WithLabels(std::initializer_list<std::string_view> values);
  Series& WithLabels(const std::vector<std::string>& values);

  const std::string& name() const { return name_; }
  const std::string& help() const { return help_; }
  const std::vector<std::string>& label_names() const { return label_names_; }
  // Appends this family in the text format, series ordered by label values.
  void Render(std::string& out) const;

 private:
  std::string name_;
  std::string help_;
  std::vector<std::string> label_names_;
  std::vector<double> bounds_;  // Histograms only.
  mutable std::shared_mutex mutex_;
  std::map<std::vector<std::string>, std::unique_ptr<Series>> series_;  // Guarded by mutex_.
};

using CounterFamily = Family<Counter>;
using HistogramFamily = Family<Histogram>;

class Metrics {
 public:
  Metrics();
  ~Metrics();
  Metrics(const Metrics&) = delete;
  Metrics& operator=(const Metrics&) = delete;

  // Registers a family, or returns the one already registered under `name` with the same kind
  // and label names. REQUIRES: `name` and the label names are valid Prometheus names
  // ([a-zA-Z_:][a-zA-Z0-9_:]*, labels without ':'), and `name` is not registered differently.
  CounterFamily& AddCounter(std::string_view name, std::string_view help,
                            std::vector<std::string> label_names);
  HistogramFamily& AddHistogram(std::string_view name, std::string_view help,
                                std::vector<std::string> label_names,
                                std::vector<double> bounds = DefaultLatencyBuckets());

  // Every family in registration order, in text format 0.0.4.
  std::string RenderText() const;

 private:
  struct Entry;
  mutable std::mutex mutex_;
  std::vector<std::unique_ptr<Entry>> entries_;  // Guarded by mutex_.
};

}  // namespace enishi
