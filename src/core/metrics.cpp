#include "core/metrics.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <variant>

#include "core/check.hpp"

namespace enishi {
namespace {

bool IsValidName(std::string_view name, bool allow_colon) {
  if (name.empty()) return false;
  for (size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
              (allow_colon && c == ':') || (i > 0 && c >= '0' && c <= '9');
    if (!ok) return false;
  }
  return true;
}

// Go's strconv.ParseFloat reads all of these, which is what Prometheus uses.
void AppendNumber(std::string& out, double value) {
  if (std::isnan(value)) {
    out += "NaN";
  } else if (std::isinf(value)) {
    out += value > 0 ? "+Inf" : "-Inf";
  } else {
    char buffer[32];
    auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
    out.append(buffer, ec == std::errc() ? end : buffer);
  }
}

void AppendNumber(std::string& out, uint64_t value) { out += std::to_string(value); }

// Label values escape backslash, double quote and line feed; HELP text only the first and last.
void AppendEscaped(std::string& out, std::string_view text, bool escape_quote) {
  for (char c : text) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '"' && escape_quote) {
      out += "\\\"";
    } else {
      out += c;
    }
  }
}

// `{a="x",b="y"}` plus an optional extra label (a histogram's `le`); nothing when empty.
void AppendLabels(std::string& out, const std::vector<std::string>& names,
                  const std::vector<std::string>& values, std::string_view extra_name = {},
                  std::string_view extra_value = {}) {
  if (names.empty() && extra_name.empty()) return;
  out += '{';
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += ',';
    out += names[i];
    out += "=\"";
    AppendEscaped(out, values[i], true);
    out += '"';
  }
  if (!extra_name.empty()) {
    if (!names.empty()) out += ',';
    out += extra_name;
    out += "=\"";
    out += extra_value;
    out += '"';
  }
  out += '}';
}

void AppendSample(std::string& out, const Counter& counter, const std::string& name,
                  const std::vector<std::string>& label_names,
                  const std::vector<std::string>& values) {
  out += name;
  AppendLabels(out, label_names, values);
  out += ' ';
  AppendNumber(out, counter.value());
  out += '\n';
}

void AppendSample(std::string& out, const Histogram& histogram, const std::string& name,
                  const std::vector<std::string>& label_names,
                  const std::vector<std::string>& values) {
  Histogram::Snapshot snapshot = histogram.Read();
  const std::vector<double>& bounds = histogram.bounds();
  for (size_t i = 0; i <= bounds.size(); ++i) {
    std::string le;
    AppendNumber(le, i < bounds.size() ? bounds[i] : HUGE_VAL);
    out += name;
    out += "_bucket";
    AppendLabels(out, label_names, values, "le", le);
    out += ' ';
    AppendNumber(out, snapshot.cumulative[i]);
    out += '\n';
  }
  out += name;
  out += "_sum";
  AppendLabels(out, label_names, values);
  out += ' ';
  AppendNumber(out, snapshot.sum);
  out += '\n';
  out += name;
  out += "_count";
  AppendLabels(out, label_names, values);
  out += ' ';
  AppendNumber(out, snapshot.cumulative.back());
  out += '\n';
}

std::unique_ptr<Counter> MakeSeries(Counter*, const std::vector<double>&) {
  return std::make_unique<Counter>();
}
std::unique_ptr<Histogram> MakeSeries(Histogram*, const std::vector<double>& bounds) {
  return std::make_unique<Histogram>(bounds);
}

constexpr std::string_view TypeName(Counter*) { return "counter"; }
constexpr std::string_view TypeName(Histogram*) { return "histogram"; }

void CheckBounds(const std::vector<double>& bounds) {
  for (size_t i = 0; i < bounds.size(); ++i) {
    ENISHI_CHECK(std::isfinite(bounds[i]), "histogram bounds must be finite");
    ENISHI_CHECK(i == 0 || bounds[i - 1] < bounds[i], "histogram bounds must increase");
  }
}

using AnyFamily = std::variant<std::unique_ptr<CounterFamily>, std::unique_ptr<HistogramFamily>>;

// The family registered under `name`, or null; aborts if it was registered differently.
template <class FamilyType>
FamilyType* FindOrCheck(const AnyFamily& entry, std::string_view name,
                        const std::vector<std::string>& label_names) {
  bool same_name = std::visit([&](const auto& family) { return family->name() == name; }, entry);
  if (!same_name) return nullptr;
  auto* family = std::get_if<std::unique_ptr<FamilyType>>(&entry);
  ENISHI_CHECK(family != nullptr, "metric registered twice with different types");
  ENISHI_CHECK((*family)->label_names() == label_names,
               "metric registered twice with different labels");
  return family->get();
}

void CheckNames(std::string_view name, const std::vector<std::string>& label_names) {
  ENISHI_CHECK(IsValidName(name, true), "invalid metric name");
  for (const std::string& label : label_names) {
    ENISHI_CHECK(IsValidName(label, false) && label != "le", "invalid label name");
  }
}

}  // namespace

Histogram::Histogram(std::vector<double> bounds)
    : bounds_(std::move(bounds)), counts_(new std::atomic<uint64_t>[bounds_.size() + 1]) {
  CheckBounds(bounds_);
  for (size_t i = 0; i <= bounds_.size(); ++i) counts_[i].store(0, std::memory_order_relaxed);
}

void Histogram::Observe(double value) {
  // NaN carries no information and would poison the sum for good.
  if (std::isnan(value)) return;
  // The first bucket whose upper bound is >= value: "le" is inclusive.
  size_t bucket = std::lower_bound(bounds_.begin(), bounds_.end(), value) - bounds_.begin();
  counts_[bucket].fetch_add(1, std::memory_order_relaxed);
  sum_.fetch_add(value, std::memory_order_relaxed);
}

Histogram::Snapshot Histogram::Read() const {
  Snapshot snapshot;
  snapshot.cumulative.reserve(bounds_.size() + 1);
  uint64_t running = 0;
  for (size_t i = 0; i <= bounds_.size(); ++i) {
    running += counts_[i].load(std::memory_order_relaxed);
    snapshot.cumulative.push_back(running);
  }
  snapshot.sum = sum_.load(std::memory_order_relaxed);
  return snapshot;
}

template <class Series>
Family<Series>::Family(std::string name, std::string help, std::vector<std::string> label_names,
                       std::vector<double> bounds)
    : name_(std::move(name)),
      help_(std::move(help)),
      label_names_(std::move(label_names)),
      bounds_(std::move(bounds)) {}

template <class Series>
Series& Family<Series>::WithLabels(std::initializer_list<std::string_view> values) {
  return WithLabels(std::vector<std::string>(values.begin(), values.end()));
}

template <class Series>
Series& Family<Series>::WithLabels(const std::vector<std::string>& values) {
  ENISHI_CHECK(values.size() == label_names_.size(), "wrong number of label values");
  {
    std::shared_lock lock(mutex_);
    auto it = series_.find(values);
    if (it != series_.end()) return *it->second;
  }
  std::unique_lock lock(mutex_);
  auto [it, inserted] = series_.try_emplace(values);
  if (inserted) it->second = MakeSeries(static_cast<Series*>(nullptr), bounds_);
  return *it->second;
}

template <class Series>
void Family<Series>::Render(std::string& out) const {
  out += "# HELP ";
  out += name_;
  out += ' ';
  AppendEscaped(out, help_, false);
  out += "\n# TYPE ";
  out += name_;
  out += ' ';
  out += TypeName(static_cast<Series*>(nullptr));
  out += '\n';
  std::shared_lock lock(mutex_);
  for (const auto& [values, series] : series_) {
    AppendSample(out, *series, name_, label_names_, values);
  }
}

template class Family<Counter>;
template class Family<Histogram>;

struct Metrics::Entry {
  AnyFamily family;
};

Metrics::Metrics() = default;
Metrics::~Metrics() = default;

CounterFamily& Metrics::AddCounter(std::string_view name, std::string_view help,
                                   std::vector<std::string> label_names) {
  CheckNames(name, label_names);
  std::lock_guard lock(mutex_);
  for (const auto& entry : entries_) {
    if (auto* family = FindOrCheck<CounterFamily>(entry->family, name, label_names)) {
      return *family;
    }
  }
  auto family = std::make_unique<CounterFamily>(std::string(name), std::string(help),
                                                std::move(label_names), std::vector<double>{});
  CounterFamily& result = *family;
  entries_.push_back(std::make_unique<Entry>(Entry{std::move(family)}));
  return result;
}

HistogramFamily& Metrics::AddHistogram(std::string_view name, std::string_view help,
                                       std::vector<std::string> label_names,
                                       std::vector<double> bounds) {
  CheckNames(name, label_names);
  std::lock_guard lock(mutex_);
  for (const auto& entry : entries_) {
    if (auto* family = FindOrCheck<HistogramFamily>(entry->family, name, label_names)) {
      return *family;
    }
  }
  CheckBounds(bounds);  // Now, rather than at the first observation.
  auto family = std::make_unique<HistogramFamily>(std::string(name), std::string(help),
                                                  std::move(label_names), std::move(bounds));
  HistogramFamily& result = *family;
  entries_.push_back(std::make_unique<Entry>(Entry{std::move(family)}));
  return result;
}

std::string Metrics::RenderText() const {
  std::string out;
  std::lock_guard lock(mutex_);
  for (const auto& entry : entries_) {
    std::visit([&](const auto& family) { family->Render(out); }, entry->family);
  }
  return out;
}

}  // namespace enishi
