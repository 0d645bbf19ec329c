#pragma once
// The one place where an error becomes an HTTP answer (STYLE.md §2.4). Every error answer, from
// any route or middleware, and from http/ for failures it detects itself, has the body
//   {"error": {"code": "not_found", "message": "...", "field": "..."}}
// with "field" present only when the error names one. Thread-safe (stateless).

#include <string_view>

#include "api/request.hpp"
#include "core/error.hpp"

namespace enishi::api {

// 400, 401, 403, 404, 409 (kAlreadyExists and kFailedPrecondition), 429, 503, 500.
int HttpStatus(ErrorCode code);

// The answer for `error`. kInternal and kUnavailable are logged with their detail and
// `request_id`, and the client gets generic text; 429 carries Retry-After (at least 1 s) and
// 401 WWW-Authenticate.
Response ErrorResponse(const Error& error, std::string_view request_id = {});

// Failures of the HTTP exchange itself, which no domain code can produce.
enum class ProtocolError {
  kMethodNotAllowed,      // 405; the caller adds the Allow header.
  kPayloadTooLarge,       // 413
  kUnsupportedMediaType,  // 415
};

Response ProtocolErrorResponse(ProtocolError error, std::string_view message);

}  // namespace enishi::api
