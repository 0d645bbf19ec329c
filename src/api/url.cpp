#include "api/url.hpp"

#include <algorithm>

#include "api/json_codec.hpp"

namespace enishi::api {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::optional<std::string> PercentDecode(std::string_view raw, bool plus_is_space) {
  std::string decoded;
  decoded.reserve(raw.size());
  for (size_t i = 0; i < raw.size(); ++i) {
    char c = raw[i];
    if (c == '%') {
      if (i + 2 >= raw.size()) return std::nullopt;
      int high = HexValue(raw[i + 1]);
      int low = HexValue(raw[i + 2]);
      if (high < 0 || low < 0) return std::nullopt;
      c = static_cast<char>(high * 16 + low);
      i += 2;
    } else if (c == '+' && plus_is_space) {
      c = ' ';
    }
    decoded += c;
  }
  return decoded;
}

Result<std::optional<std::string>> QueryParam(const Request& request, std::string_view name) {
  std::string_view target = request.target;
  size_t question = target.find('?');
  if (question == std::string_view::npos) return std::optional<std::string>();
  std::string_view query = target.substr(question + 1);
  while (!query.empty()) {
    size_t amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    size_t equals = pair.find('=');
    if (pair.substr(0, equals) != name) continue;
    std::string_view raw = equals == std::string_view::npos ? "" : pair.substr(equals + 1);
    std::optional<std::string> value = PercentDecode(raw, true);
    if (!value || value->find('\0') != std::string::npos || FirstInvalidUtf8(*value) != std::string::npos) {
      return InvalidArgument("query parameter " + std::string(name) + " is malformed",
                             std::string(name));
    }
    return value;
  }
  return std::optional<std::string>();
}

std::optional<std::string> UnknownQueryParam(const Request& request,
                                             std::span<const std::string_view> known) {
  std::string_view target = request.target;
  size_t question = target.find('?');
  if (question == std::string_view::npos) return std::nullopt;
  std::string_view query = target.substr(question + 1);
  while (!query.empty()) {
    size_t amp = query.find('&');
    std::string_view name = query.substr(0, amp).substr(0, query.substr(0, amp).find('='));
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (name.empty() && amp != std::string_view::npos) continue;  // "a=1&&b=2"
    if (std::find(known.begin(), known.end(), name) == known.end()) return std::string(name);
  }
  return std::nullopt;
}

std::optional<std::string> DecodePathParam(std::string_view raw) {
  std::optional<std::string> value = PercentDecode(raw, false);
  if (!value || value->find('\0') != std::string::npos || FirstInvalidUtf8(*value) != std::string::npos) return std::nullopt;
  return value;
}

}  // namespace enishi::api
