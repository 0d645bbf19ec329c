#include "api/middleware.hpp"

#include <algorithm>

#include "api/cookies.hpp"
#include "api/error_mapping.hpp"
#include "api/text.hpp"
#include "domain/media/image.hpp"

namespace enishi::api {
namespace {

// "https://Example.com:443" -> "https://example.com": lowercase, default port dropped. Empty for
// anything that is not scheme://host[:port] with an http(s) scheme.
std::string NormaliseOrigin(std::string_view origin) {
  std::string lower = AsciiLowercase(origin);
  std::string_view scheme;
  if (lower.starts_with("https://")) {
    scheme = "https";
  } else if (lower.starts_with("http://")) {
    scheme = "http";
  } else {
    return {};
  }
  std::string_view host = std::string_view(lower).substr(scheme.size() + 3);
  if (host.empty() || host.find_first_of("/?#@ \t") != std::string_view::npos) return {};
  std::string_view default_port = scheme == "https" ? ":443" : ":80";
  if (host.ends_with(default_port)) host.remove_suffix(default_port.size());
  return std::string(scheme) + "://" + std::string(host);
}

}  // namespace

bool IsUnsafeMethod(Method method) {
  return method != Method::kGet && method != Method::kHead && method != Method::kOptions;
}

bool OriginAllowed(const Request& request, const std::vector<std::string>& allowed_origins) {
  // Browsers send Origin on every cross-origin request and on same-origin unsafe ones; tools
  // such as curl send none, and they carry no ambient cookies to abuse.
  bool present = std::any_of(request.headers.begin(), request.headers.end(),
                             [](const auto& header) { return header.first == "origin"; });
  if (!present) return true;
  std::string origin = NormaliseOrigin(request.Header("origin"));
  if (origin.empty()) return false;
  for (const std::string& allowed : allowed_origins) {
    if (NormaliseOrigin(allowed) == origin) return true;
  }
  std::string_view host = request.Header("host");
  if (host.empty()) return false;
  std::string own = NormaliseOrigin((request.secure ? "https://" : "http://") + std::string(host));
  return !own.empty() && own == origin;
}

Credential ReadCredential(const Request& request) {
  bool has_authorization =
      std::any_of(request.headers.begin(), request.headers.end(),
                  [](const auto& header) { return header.first == "authorization"; });
  if (has_authorization) {
    std::string_view value = request.Header("authorization");
    constexpr std::string_view kScheme = "bearer ";
    if (value.size() > kScheme.size() &&
        EqualsIgnoringCase(value.substr(0, kScheme.size()), kScheme)) {
      std::string_view token = value.substr(kScheme.size());
      while (!token.empty() && token.front() == ' ') token.remove_prefix(1);
      while (!token.empty() && token.back() == ' ') token.remove_suffix(1);
      return {CredentialSource::kBearer, token};
    }
    return {CredentialSource::kBearer, {}};
  }
  std::string_view cookie = FindCookie(request, kSessionCookie);
  if (!cookie.empty()) return {CredentialSource::kCookie, cookie};
  return {};
}

bool IsImageContentType(std::string_view content_type) {
  std::string_view type = TrimWhitespace(content_type.substr(0, content_type.find(';')));
  return EqualsIgnoringCase(type, "image/jpeg") || EqualsIgnoringCase(type, "image/png") ||
         EqualsIgnoringCase(type, "image/webp");
}

std::optional<Response> CheckImageBody(const Request& request) {
  if (!IsImageContentType(request.Header("content-type"))) {
    return ProtocolErrorResponse(
        ProtocolError::kUnsupportedMediaType,
        "send the image as the request body with Content-Type " + std::string(kImageContentTypes));
  }
  if (request.body.empty()) {
    return ErrorResponse(InvalidArgument("the request body must be the image", "image"),
                         request.request_id);
  }
  // Reachable only without http/ in front (tests, fuzzing): it enforces the same limit.
  if (request.body.size() > media::kMaxUploadBytes) {
    return ProtocolErrorResponse(
        ProtocolError::kPayloadTooLarge,
        "request body exceeds " + std::to_string(media::kMaxUploadBytes) + " bytes");
  }
  return std::nullopt;
}

void AddSecurityHeaders(Response& response, std::string_view content_security_policy,
                        std::chrono::seconds hsts_max_age, bool secure) {
  response.SetHeader("X-Content-Type-Options", "nosniff");
  response.SetHeader("Referrer-Policy", "no-referrer");
  response.SetHeader("X-Frame-Options", "DENY");
  response.SetHeader("Content-Security-Policy", std::string(content_security_policy));
  if (secure && hsts_max_age.count() > 0) {
    response.SetHeader("Strict-Transport-Security",
                       "max-age=" + std::to_string(hsts_max_age.count()));
  }
}

std::string_view ResponseHeader(const Response& response, std::string_view name) {
  for (const auto& [key, value] : response.headers) {
    if (EqualsIgnoringCase(key, name)) return value;
  }
  return {};
}

}  // namespace enishi::api
