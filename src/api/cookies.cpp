#include "api/cookies.hpp"

#include <algorithm>

#include "api/text.hpp"

namespace enishi::api {
namespace {

// cookie-octet of RFC 6265 §4.1.1, minus '%' so that the encoding below is unambiguous.
bool IsCookieOctet(unsigned char c) {
  return c == 0x21 || (c >= 0x23 && c <= 0x2B && c != 0x25) || (c >= 0x2D && c <= 0x3A) ||
         (c >= 0x3C && c <= 0x5B) || (c >= 0x5D && c <= 0x7E);
}

}  // namespace

std::string_view FindCookie(const Request& request, std::string_view name) {
  for (const auto& [header, value] : request.headers) {
    if (header != "cookie") continue;
    std::string_view rest = value;
    while (!rest.empty()) {
      size_t semicolon = rest.find(';');
      std::string_view pair = TrimWhitespace(rest.substr(0, semicolon));
      rest = semicolon == std::string_view::npos ? std::string_view() : rest.substr(semicolon + 1);
      size_t equals = pair.find('=');
      if (equals == std::string_view::npos || TrimWhitespace(pair.substr(0, equals)) != name)
        continue;
      std::string_view cookie = TrimWhitespace(pair.substr(equals + 1));
      if (cookie.size() >= 2 && cookie.front() == '"' && cookie.back() == '"') {
        cookie = cookie.substr(1, cookie.size() - 2);
      }
      return cookie;
    }
  }
  return {};
}

std::string FormatSetCookie(const CookieSpec& cookie, const CookieOptions& options, bool secure) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string text(cookie.name);
  text += '=';
  for (unsigned char c : cookie.value) {
    if (IsCookieOctet(c)) {
      text += static_cast<char>(c);
    } else {
      text += '%';
      text += kHex[c >> 4];
      text += kHex[c & 15];
    }
  }
  text += "; Path=/; Max-Age=";
  text += std::to_string(std::max<int64_t>(0, cookie.max_age.count()));
  if (cookie.http_only) text += "; HttpOnly";
  text += options.same_site == SameSite::kStrict ? "; SameSite=Strict" : "; SameSite=Lax";
  if (secure || options.always_secure) text += "; Secure";
  return text;
}

void SetSessionCookies(Response& response, std::string_view token, std::string_view csrf_token,
                       std::chrono::seconds max_age, const CookieOptions& options, bool secure) {
  response.SetHeader("Set-Cookie",
                     FormatSetCookie({kSessionCookie, token, max_age, true}, options, secure));
  response.SetHeader("Set-Cookie",
                     FormatSetCookie({kCsrfCookie, csrf_token, max_age, false}, options, secure));
}

void ClearSessionCookies(Response& response, const CookieOptions& options, bool secure) {
  SetSessionCookies(response, "", "", std::chrono::seconds(0), options, secure);
}

void SetDeviceCookie(Response& response, std::string_view token, const CookieOptions& options,
                     bool secure) {
  auto max_age = token.empty() ? std::chrono::seconds(0) : options.device_cookie_max_age;
  response.SetHeader("Set-Cookie",
                     FormatSetCookie({kDeviceCookie, token, max_age, true}, options, secure));
}

}  // namespace enishi::api
