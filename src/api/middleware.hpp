#pragma once
// The pure steps of the request pipeline that Api::Handle runs (api.cpp), kept apart so that
// each is tested alone. Thread-safe (stateless).

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/handler.hpp"
#include "api/request.hpp"

namespace enishi::api {

// POST, PUT, PATCH, DELETE and unknown methods: anything that is not GET, HEAD or OPTIONS.
bool IsUnsafeMethod(Method method);

// Whether an unsafe request may go on as far as its Origin is concerned: true without an Origin
// header, or when the Origin is one of `allowed_origins` or the request's own origin (scheme
// from request.secure, host and port from Host; default ports ignored; case-insensitive).
// "null" and malformed origins are refused.
bool OriginAllowed(const Request& request, const std::vector<std::string>& allowed_origins);

struct Credential {
  CredentialSource source = CredentialSource::kNone;
  std::string_view token;  // Empty when the header was malformed: authentication then fails.
};

// The session token a request carries: "Authorization: Bearer <token>" when that header is
// present (a malformed one never falls back to the cookie), else the enishi_session cookie.
Credential ReadCredential(const Request& request);

// The media types a Body::kImage route accepts, as error messages name them.
inline constexpr std::string_view kImageContentTypes = "image/jpeg, image/png or image/webp";

// Whether `content_type` is image/jpeg, image/png or image/webp (ASCII case-insensitive;
// parameters ignored).
bool IsImageContentType(std::string_view content_type);

// The body checks of a Body::kImage route: 415 unless the Content-Type is one of
// kImageContentTypes, 400 (field "image") for an empty body, 413 beyond media::kMaxUploadBytes
// (http/ refuses those before reading them; see Api::BodyLimitFor). nullopt when the bytes may
// go on to the handler.
std::optional<Response> CheckImageBody(const Request& request);

// X-Content-Type-Options, Referrer-Policy, X-Frame-Options, Content-Security-Policy, and
// Strict-Transport-Security when the request came over TLS (HSTS is ignored over plain HTTP).
void AddSecurityHeaders(Response& response, std::string_view content_security_policy,
                        std::chrono::seconds hsts_max_age, bool secure);

// A header's value in a response, or empty (names compared case-insensitively).
std::string_view ResponseHeader(const Response& response, std::string_view name);

}  // namespace enishi::api
