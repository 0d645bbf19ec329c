#pragma once
// The session cookies: reading them from a request and writing Set-Cookie headers.
//   enishi_session  the session token; HttpOnly, so no script can read it
//   enishi_csrf     the session's CSRF token; readable, so the client can echo it in
//                   X-CSRF-Token (double submit, checked against the session server-side)
//   enishi_device   a long-lived token proving the browser signed in to an account before;
//                   HttpOnly; issued by the account service, which reads it back to throttle
//                   password guessing without locking the owner out
// All are Path=/, SameSite as configured (Lax by default) and Secure over HTTPS.
// Thread-safe (stateless).

#include <chrono>
#include <string>
#include <string_view>

#include "api/request.hpp"

namespace enishi::api {

inline constexpr std::string_view kSessionCookie = "enishi_session";
inline constexpr std::string_view kCsrfCookie = "enishi_csrf";
inline constexpr std::string_view kDeviceCookie = "enishi_device";

enum class SameSite { kLax, kStrict };

struct CookieOptions {
  // Secure is set when the request arrived over TLS (request.secure); this sets it always, for
  // deployments whose TLS proxy http/ does not trust to say so.
  bool always_secure = false;
  // Lax keeps the session on top-level navigations from other sites (links in email); Strict
  // drops it there too.
  SameSite same_site = SameSite::kLax;
  // Lifetime of enishi_device; 400 days is the most browsers keep any cookie.
  std::chrono::seconds device_cookie_max_age = std::chrono::days(400);
};

// The value of the first cookie called `name` in the request's Cookie headers, or empty.
std::string_view FindCookie(const Request& request, std::string_view name);

struct CookieSpec {
  std::string_view name;
  std::string_view value;
  std::chrono::seconds max_age;  // 0 deletes the cookie.
  bool http_only = true;
};

// The Set-Cookie value for `cookie`. Bytes a cookie value may not hold are percent-encoded.
std::string FormatSetCookie(const CookieSpec& cookie, const CookieOptions& options, bool secure);

// Sets enishi_session and enishi_csrf for a new session that lasts `max_age`.
void SetSessionCookies(Response& response, std::string_view token, std::string_view csrf_token,
                       std::chrono::seconds max_age, const CookieOptions& options, bool secure);
// Deletes enishi_session and enishi_csrf. The device cookie stays: it outlives sessions.
void ClearSessionCookies(Response& response, const CookieOptions& options, bool secure);
// Sets enishi_device (HttpOnly) to `token`; an empty token deletes it.
void SetDeviceCookie(Response& response, std::string_view token, const CookieOptions& options,
                     bool secure);

}  // namespace enishi::api
