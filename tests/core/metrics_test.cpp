#include "core/metrics.hpp"

#include <gtest/gtest.h>

#include <limits>
#include <string>
#include <thread>
#include <vector>

namespace enishi {
namespace {

TEST(Metrics, CounterRendersHelpTypeAndSortedSeries) {
  Metrics metrics;
  CounterFamily& requests =
      metrics.AddCounter("enishi_http_requests_total", "HTTP requests.", {"route", "status"});
  requests.WithLabels({"/b", "200"}).Increment();
  requests.WithLabels({"/a", "404"}).Increment(2);
  requests.WithLabels({"/b", "200"}).Increment();

  EXPECT_EQ(metrics.RenderText(),
            "# HELP enishi_http_requests_total HTTP requests.\n"
            "# TYPE enishi_http_requests_total counter\n"
            "enishi_http_requests_total{route=\"/a\",status=\"404\"} 2\n"
            "enishi_http_requests_total{route=\"/b\",status=\"200\"} 2\n");
}

TEST(Metrics, CounterWithoutLabelsHasNoBraces) {
  Metrics metrics;
  metrics.AddCounter("enishi_starts_total", "Starts.", {}).WithLabels({}).Increment();
  EXPECT_EQ(metrics.RenderText(),
            "# HELP enishi_starts_total Starts.\n"
            "# TYPE enishi_starts_total counter\n"
            "enishi_starts_total 1\n");
}

TEST(Metrics, HistogramRendersCumulativeBucketsSumAndCount) {
  Metrics metrics;
  HistogramFamily& latency =
      metrics.AddHistogram("enishi_store_operation_duration_seconds", "Store operation latency.",
                           {"operation"}, {0.01, 0.1, 1});
  Histogram& find = latency.WithLabels({"find_account"});
  find.Observe(0.005);
  find.Observe(0.01);  // "le" is inclusive.
  find.Observe(0.5);
  find.Observe(7);

  EXPECT_EQ(
      metrics.RenderText(),
      "# HELP enishi_store_operation_duration_seconds Store operation latency.\n"
      "# TYPE enishi_store_operation_duration_seconds histogram\n"
      "enishi_store_operation_duration_seconds_bucket{operation=\"find_account\",le=\"0.01\"} 2\n"
      "enishi_store_operation_duration_seconds_bucket{operation=\"find_account\",le=\"0.1\"} 2\n"
      "enishi_store_operation_duration_seconds_bucket{operation=\"find_account\",le=\"1\"} 3\n"
      "enishi_store_operation_duration_seconds_bucket{operation=\"find_account\",le=\"+Inf\"} 4\n"
      "enishi_store_operation_duration_seconds_sum{operation=\"find_account\"} 7.515\n"
      "enishi_store_operation_duration_seconds_count{operation=\"find_account\"} 4\n");
}

TEST(Metrics, HistogramIgnoresNaN) {
  Histogram histogram({1});
  histogram.Observe(std::numeric_limits<double>::quiet_NaN());
  histogram.Observe(2);
  Histogram::Snapshot snapshot = histogram.Read();
  EXPECT_EQ(snapshot.cumulative, (std::vector<uint64_t>{0, 1}));
  EXPECT_EQ(snapshot.sum, 2);
}

TEST(Metrics, EscapesLabelValuesAndHelp) {
  Metrics metrics;
  metrics.AddCounter("x_total", "Line one\nback\\slash \"quoted\"", {"v"})
      .WithLabels({"a\"b\\c\nd"})
      .Increment();
  EXPECT_EQ(metrics.RenderText(),
            "# HELP x_total Line one\\nback\\\\slash \"quoted\"\n"
            "# TYPE x_total counter\n"
            "x_total{v=\"a\\\"b\\\\c\\nd\"} 1\n");
}

TEST(Metrics, RegisteringTwiceReturnsTheSameFamily) {
  Metrics metrics;
  CounterFamily& first = metrics.AddCounter("c_total", "C.", {"a"});
  CounterFamily& second = metrics.AddCounter("c_total", "C.", {"a"});
  EXPECT_EQ(&first, &second);
  HistogramFamily& h1 = metrics.AddHistogram("h_seconds", "H.", {});
  HistogramFamily& h2 = metrics.AddHistogram("h_seconds", "H.", {});
  EXPECT_EQ(&h1, &h2);
}

TEST(Metrics, FamiliesRenderInRegistrationOrder) {
  Metrics metrics;
  metrics.AddCounter("zeta_total", "Z.", {});
  metrics.AddCounter("alpha_total", "A.", {});
  std::string text = metrics.RenderText();
  EXPECT_LT(text.find("zeta_total"), text.find("alpha_total"));
}

TEST(Metrics, SeriesReferencesStayValid) {
  Metrics metrics;
  CounterFamily& family = metrics.AddCounter("c_total", "C.", {"k"});
  Counter& first = family.WithLabels({"0"});
  for (int i = 1; i < 1000; ++i) family.WithLabels({std::to_string(i)});
  first.Increment();
  EXPECT_EQ(family.WithLabels({"0"}).value(), 1u);
}

TEST(Metrics, ConcurrentUpdatesAreCounted) {
  Metrics metrics;
  CounterFamily& counter = metrics.AddCounter("c_total", "C.", {"k"});
  HistogramFamily& histogram = metrics.AddHistogram("h_seconds", "H.", {"k"}, {1});
  constexpr int kThreads = 8;
  constexpr int kIterations = 10000;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kIterations; ++i) {
        counter.WithLabels({std::to_string(i % 4)}).Increment();
        histogram.WithLabels({"x"}).Observe(t % 2 == 0 ? 0.5 : 2);
        if (i % 1000 == 0) (void)metrics.RenderText();
      }
    });
  }
  for (auto& thread : threads) thread.join();
  uint64_t total = 0;
  for (int k = 0; k < 4; ++k) total += counter.WithLabels({std::to_string(k)}).value();
  EXPECT_EQ(total, uint64_t{kThreads} * kIterations);
  Histogram::Snapshot snapshot = histogram.WithLabels({"x"}).Read();
  EXPECT_EQ(snapshot.cumulative.back(), uint64_t{kThreads} * kIterations);
  EXPECT_EQ(snapshot.cumulative.front(), uint64_t{kThreads / 2} * kIterations);
}

TEST(MetricsDeathTest, RejectsInvalidNamesAndMismatchedLabels) {
  Metrics metrics;
  EXPECT_DEATH(metrics.AddCounter("bad name", "B.", {}), "invalid metric name");
  EXPECT_DEATH(metrics.AddCounter("ok_total", "B.", {"le"}), "invalid label name");
  CounterFamily& family = metrics.AddCounter("ok_total", "B.", {"a"});
  EXPECT_DEATH(family.WithLabels({"x", "y"}), "wrong number of label values");
  EXPECT_DEATH(metrics.AddHistogram("ok_total", "B.", {"a"}), "different types");
}

}  // namespace
}  // namespace enishi
