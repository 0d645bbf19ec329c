#include "core/log.hpp"

#include <atomic>
#include <cstdio>
#include <mutex>

#include "core/clock.hpp"

namespace enishi::log {
namespace {

std::atomic<Level> g_minimum_level{Level::kInfo};
std::mutex g_write_mutex;

std::string_view LevelName(Level level) {
  switch (level) {
    case Level::kDebug:
      return "debug";
    case Level::kInfo:
      return "info";
    case Level::kWarn:
      return "warn";
    case Level::kError:
      return "error";
  }
  return "info";
}

// Length of the valid UTF-8 sequence starting at text[i], or 0 if it is invalid.
size_t Utf8SequenceLength(std::string_view text, size_t i) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  unsigned char lead = byte(i);
  size_t length = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3
                                : (lead >> 3) == 0x1E ? 4 : 0;
  if (length == 0 || i + length > text.size()) return 0;
  for (size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
  }
  // Reject overlong forms, surrogates and code points beyond U+10FFFF.
  if (length == 2 && lead < 0xC2) return 0;
  if (length == 3 && lead == 0xE0 && byte(i + 1) < 0xA0) return 0;
  if (length == 3 && lead == 0xED && byte(i + 1) >= 0xA0) return 0;
  if (length == 4 && lead == 0xF0 && byte(i + 1) < 0x90) return 0;
  if (length == 4 && (lead > 0xF4 || (lead == 0xF4 && byte(i + 1) >= 0x90))) return 0;
  return length;
}

}  // namespace

void SetMinimumLevel(Level level) { g_minimum_level = level; }

void AppendJsonEscaped(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  for (size_t i = 0; i < text.size();) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80) {
      size_t length = Utf8SequenceLength(text, i);
      if (length == 0) {
        out += "\xEF\xBF\xBD";
        ++i;
      } else {
        out.append(text.substr(i, length));
        i += length;
      }
      continue;
    }
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20 || c == 0x7F) {
          out += "\\u00";
          out += kHex[c >> 4];
          out += kHex[c & 15];
        } else {
          out += static_cast<char>(c);
        }
    }
    ++i;
  }
}

void Write(Level level, std::string_view event, std::initializer_list<Field> fields) {
  if (level < g_minimum_level.load(std::memory_order_relaxed)) return;
  std::string line = "{\"ts\":\"" + FormatRfc3339(SystemClock().Now()) + "\",\"level\":\"";
  line += LevelName(level);
  line += "\",\"event\":\"";
  AppendJsonEscaped(line, event);
  line += '"';
  for (const Field& field : fields) {
    line += ",\"";
    AppendJsonEscaped(line, field.key);
    line += "\":";
    if (field.is_number) {
      line += field.value;
    } else {
      line += '"';
      AppendJsonEscaped(line, field.value);
      line += '"';
    }
  }
  line += "}\n";
  std::lock_guard lock(g_write_mutex);
  std::fwrite(line.data(), 1, line.size(), stderr);
}

}  // namespace enishi::log
