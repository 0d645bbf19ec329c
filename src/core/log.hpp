#pragma once
// Structured logging: one JSON object per line on stderr, e.g.
//   {"ts":"2026-11-22T03:15:00Z","level":"info","event":"listening","url":"http://..."}
// Thread-safe; lines from different threads never interleave.

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

namespace enishi::log {

enum class Level { kDebug, kInfo, kWarn, kError };

// A field value is written as a JSON string unless it is a number given as Number{...}.
struct Field {
  std::string_view key;
  std::string value;
  bool is_number = false;
};
inline Field Number(std::string_view key, double value) {
  std::string text = std::to_string(value);
  if (text.find('.') != std::string::npos) {
    text.erase(text.find_last_not_of('0') + 1);
    if (text.back() == '.') text.pop_back();
  }
  return {key, std::move(text), true};
}

void SetMinimumLevel(Level level);
void Write(Level level, std::string_view event, std::initializer_list<Field> fields = {});

inline void Info(std::string_view event, std::initializer_list<Field> fields = {}) {
  Write(Level::kInfo, event, fields);
}
inline void Warn(std::string_view event, std::initializer_list<Field> fields = {}) {
  Write(Level::kWarn, event, fields);
}
inline void Error(std::string_view event, std::initializer_list<Field> fields = {}) {
  Write(Level::kError, event, fields);
}

// Appends `text` to `out` as the inside of a JSON string (quotes not included). Invalid UTF-8
// bytes become U+FFFD so a log line is always valid JSON.
void AppendJsonEscaped(std::string& out, std::string_view text);

}  // namespace enishi::log
