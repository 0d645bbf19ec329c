#include "core/ids.hpp"

#include <array>

namespace enishi {
namespace {

constexpr std::string_view kAlphabet = "0123456789abcdefghjkmnpqrstvwxyz";
constexpr size_t kEncodedLength = 13;  // 13 * 5 = 65 bits >= 63.

int DigitValue(char c) {
  if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  auto pos = kAlphabet.find(c);
  return pos == std::string_view::npos ? -1 : static_cast<int>(pos);
}

}  // namespace

std::string EncodeId(uint64_t value) {
  std::string out(kEncodedLength, '0');
  for (size_t i = kEncodedLength; i-- > 0;) {
    out[i] = kAlphabet[value & 31];
    value >>= 5;
  }
  return out;
}

std::optional<uint64_t> DecodeId(std::string_view text) {
  if (text.size() != kEncodedLength) return std::nullopt;
  uint64_t value = 0;
  for (char c : text) {
    int digit = DigitValue(c);
    if (digit < 0) return std::nullopt;
    value = (value << 5) | static_cast<uint64_t>(digit);
  }
  // The first character carries the top 3 bits of 65; a valid id has the top two clear.
  if (DigitValue(text[0]) > 7 || value >> 63 != 0 || value == 0) return std::nullopt;
  return value;
}

}  // namespace enishi
