#include "api/error_mapping.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>

#include "api/json_codec.hpp"
#include "core/log.hpp"

namespace enishi::api {
namespace {

Response ErrorBody(int status, std::string_view code, std::string_view message,
                   std::string_view field) {
  nlohmann::json error = {{"code", code}, {"message", message}};
  if (!field.empty()) error["field"] = field;
  return JsonResponse(status, {{"error", std::move(error)}});
}

}  // namespace

int HttpStatus(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument:
      return 400;
    case ErrorCode::kUnauthenticated:
      return 401;
    case ErrorCode::kPermissionDenied:
      return 403;
    case ErrorCode::kNotFound:
      return 404;
    case ErrorCode::kAlreadyExists:
    case ErrorCode::kFailedPrecondition:
      return 409;
    case ErrorCode::kResourceExhausted:
      return 429;
    case ErrorCode::kUnavailable:
      return 503;
    case ErrorCode::kInternal:
      return 500;
  }
  return 500;
}

Response ErrorResponse(const Error& error, std::string_view request_id) {
  std::string_view message = error.message;
  // What broke inside is for operators: the log has it, keyed by the request id the client
  // also received (X-Request-Id). The client learns only the kind of failure.
  if (error.code == ErrorCode::kInternal) {
    log::Error("internal_error",
               {{"request_id", std::string(request_id)}, {"error", error.message}});
    message = "internal error";
  } else if (error.code == ErrorCode::kUnavailable) {
    log::Warn("unavailable", {{"request_id", std::string(request_id)}, {"error", error.message}});
    message = "the service is temporarily unavailable; retry later";
  }
  Response response =
      ErrorBody(HttpStatus(error.code), ErrorCodeName(error.code), message, error.field);
  if (error.code == ErrorCode::kResourceExhausted) {
    auto seconds = std::max<int64_t>(1, error.retry_after.count());
    response.SetHeader("Retry-After", std::to_string(seconds));
  } else if (error.code == ErrorCode::kUnauthenticated) {
    // RFC 9110 §15.5.2 asks for a challenge with every 401.
    response.SetHeader("WWW-Authenticate", "Bearer realm=\"enishi\"");
  }
  return response;
}

Response ProtocolErrorResponse(ProtocolError error, std::string_view message) {
  switch (error) {
    case ProtocolError::kMethodNotAllowed:
      return ErrorBody(405, "method_not_allowed", message, {});
    case ProtocolError::kPayloadTooLarge:
      return ErrorBody(413, "payload_too_large", message, {});
    case ProtocolError::kUnsupportedMediaType:
      return ErrorBody(415, "unsupported_media_type", message, {});
  }
  return ErrorBody(500, "internal", "internal error", {});
}

}  // namespace enishi::api
