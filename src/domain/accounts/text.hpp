#pragma once
// UTF-8 helpers for checking what members type: decoding, trimming, and the full-width forms
// that Japanese and Chinese input methods produce. Pure functions; thread-safe.

#include <optional>
#include <string>
#include <string_view>

namespace enishi::accounts {

// The code points of `text`, or nullopt when it is not valid UTF-8 (overlong forms, surrogates
// and values beyond U+10FFFF are invalid).
std::optional<std::u32string> DecodeUtf8(std::string_view text);

// `text` as UTF-8. REQUIRES: every element is a Unicode scalar value.
std::string EncodeUtf8(std::u32string_view text);

// True for the spaces a member may type around a value: ASCII whitespace, U+00A0, and U+3000,
// the ideographic space that Japanese and Chinese input methods insert.
bool IsSpace(char32_t c);

// `text` without leading and trailing IsSpace() code points.
std::u32string_view Trim(std::u32string_view text);

// The ASCII digit or '+' for the full-width digits U+FF10–FF19 and plus U+FF0B; any other code
// point unchanged.
char32_t NarrowDigitOrPlus(char32_t c);

// `c` lowercased if it is an ASCII letter.
inline char AsciiLower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

}  // namespace enishi::accounts
