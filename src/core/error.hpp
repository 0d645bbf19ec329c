#pragma once
// The error vocabulary shared by every layer: a code from a small fixed set, a message meant
// for logs and developers, and optionally the name of the input field at fault.
// Codes map to HTTP statuses in exactly one place, api/error_mapping.cpp.

#include <chrono>
#include <string>
#include <string_view>

namespace enishi {

enum class ErrorCode {
  kInvalidArgument,
  kUnauthenticated,
  kPermissionDenied,
  kNotFound,
  kAlreadyExists,
  kFailedPrecondition,
  kResourceExhausted,
  kUnavailable,
  kInternal,
};

// The snake_case name used on the wire and in logs ("invalid_argument").
std::string_view ErrorCodeName(ErrorCode code);

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;
  std::string field;  // The input field at fault, when there is one.
  std::chrono::seconds retry_after{0};  // With kResourceExhausted: when to try again.

  // Prefixes context as the error travels up: "loading member: " + message.
  Error WithContext(std::string_view context) const;

  friend bool operator==(const Error&, const Error&) = default;
};

inline Error InvalidArgument(std::string message, std::string field = {}) {
  return {ErrorCode::kInvalidArgument, std::move(message), std::move(field)};
}
inline Error Unauthenticated(std::string message) {
  return {ErrorCode::kUnauthenticated, std::move(message), {}};
}
inline Error PermissionDenied(std::string message) {
  return {ErrorCode::kPermissionDenied, std::move(message), {}};
}
inline Error NotFound(std::string message) { return {ErrorCode::kNotFound, std::move(message), {}}; }
// The one answer for a member who does not exist and for one the caller may not see.
inline Error MemberNotFound() { return NotFound("member not found"); }
inline Error AlreadyExists(std::string message, std::string field = {}) {
  return {ErrorCode::kAlreadyExists, std::move(message), std::move(field)};
}
inline Error FailedPrecondition(std::string message) {
  return {ErrorCode::kFailedPrecondition, std::move(message), {}};
}
inline Error ResourceExhausted(std::string message, std::chrono::seconds retry_after) {
  return {ErrorCode::kResourceExhausted, std::move(message), {}, retry_after};
}
inline Error Unavailable(std::string message) {
  return {ErrorCode::kUnavailable, std::move(message), {}};
}
inline Error Internal(std::string message) { return {ErrorCode::kInternal, std::move(message), {}}; }

}  // namespace enishi
