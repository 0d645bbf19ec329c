#pragma once
// The route table: every endpoint the server answers, with what the middleware must do before
// its handler runs. Static files are not routes; they answer GETs that match no route outside
// /api/. Thread-safe (immutable after first use).

#include <string_view>
#include <vector>

#include "api/handler.hpp"
#include "api/request.hpp"

namespace enishi::api {

// Who may call a route, and whether the answer depends on who asks.
enum class Access {
  kPublic,        // Credentials are not looked at; the answer is the same for everyone.
  kPersonalised,  // A valid session is used when sent, and the caller is anonymous otherwise.
  kMember,        // A valid session is required: 401 without one.
};

enum class Body {
  kNone,  // A non-empty body is refused (400).
  kJson,  // A JSON object is required: 415 for another Content-Type, 400 if malformed.
  kImage,  // Raw image bytes (image/jpeg, image/png or image/webp), up to media::kMaxUploadBytes.
};

struct Route {
  Method method;
  std::string_view pattern;  // "/api/v1/sessions/{id}": literal and whole-segment parameters.
  Handler handler;
  Access access = Access::kPublic;
  Body body = Body::kNone;
};

// The table, in match order.
const std::vector<Route>& RouteTable();

// True for the reads that scan an index rather than look up keys (people search): they may take
// tens of milliseconds, so http/ runs them on the handler threads, apart from the sockets.
bool IsScanningRead(std::string_view path);

// True for /api and everything under /api/: answered with JSON, rate limited, never cached,
// and never served from the web client's files.
bool IsApiPath(std::string_view path);

}  // namespace enishi::api
