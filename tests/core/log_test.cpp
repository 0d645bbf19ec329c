#include "core/log.hpp"

#include <gtest/gtest.h>

namespace enishi::log {
namespace {

std::string Escaped(std::string_view text) {
  std::string out;
  AppendJsonEscaped(out, text);
  return out;
}

TEST(Log, EscapesQuotesControlsAndBackslashes) {
  EXPECT_EQ(Escaped("a\"b\\c\n\x01"), "a\\\"b\\\\c\\n\\u0001");
}

TEST(Log, KeepsValidUtf8) { EXPECT_EQ(Escaped("縁 enishi"), "縁 enishi"); }

TEST(Log, ReplacesInvalidUtf8SoLinesStayValidJson) {
  EXPECT_EQ(Escaped("a\xff" "b"), "a\xEF\xBF\xBD" "b");
  EXPECT_EQ(Escaped("\xC0\xAF"), "\xEF\xBF\xBD\xEF\xBF\xBD");  // overlong '/'
  EXPECT_EQ(Escaped("\xED\xA0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // surrogate
  EXPECT_EQ(Escaped("\xE7\xB8"), "\xEF\xBF\xBD\xEF\xBF\xBD");  // truncated
}

TEST(Log, NumbersDropTrailingZeros) {
  EXPECT_EQ(Number("x", 1.5).value, "1.5");
  EXPECT_EQ(Number("x", 3).value, "3");
}

}  // namespace
}  // namespace enishi::log
