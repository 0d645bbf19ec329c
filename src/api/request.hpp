#pragma once
// Plain HTTP request and response structs: the boundary between http/ (Beast) and api/
// (handlers). No Beast or JSON types here, so handlers can be tested without sockets.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace enishi::api {

enum class Method { kGet, kHead, kPost, kPut, kPatch, kDelete, kOptions, kOther };

struct Request {
  Method method = Method::kGet;
  std::string target;  // As received: path and query ("/api/v1/me?x=1").
  std::vector<std::pair<std::string, std::string>> headers;  // Names lowercased.
  std::string body;
  std::string client_ip;   // The real client: X-Forwarded-For only from trusted proxies.
  bool secure = false;     // Arrived over TLS (directly or via a trusted proxy).
  std::string request_id;  // Assigned by the server, echoed as X-Request-Id.

  // The first header named `name` (lowercase), or empty.
  std::string_view Header(std::string_view name) const {
    for (const auto& [key, value] : headers) {
      if (key == name) return value;
    }
    return {};
  }
};

struct Response {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  // When set, the body is this file's contents (static assets); http/ streams it.
  std::string file_path;

  void SetHeader(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
  }
};

Method ParseMethod(std::string_view name);
std::string_view MethodName(Method method);

}  // namespace enishi::api
