#pragma once
// Plain HTTP request and response structs: the boundary between http/ (Beast) and api/
// (handlers). No Beast or JSON types here, so handlers can be tested without sockets.

#include <cstdint>
#include <memory>
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

// The server's end of an open WebSocket, given to a StreamEndpoint by http/. Thread-safe: any
// thread may send or close.
class StreamOutlet {
 public:
  virtual ~StreamOutlet() = default;
  // Queues one text frame. The queue is bounded (http::Limits::stream_queue_bytes): a client
  // too slow to drain it is disconnected (close code 1008), never buffered without bound.
  // false when the socket is closed or closing, or when this frame would overflow the queue
  // (which closes it); the frame is dropped then.
  virtual bool Send(std::string text) = 0;
  // Sends what is queued, then closes with `code` (RFC 6455 §7.4; one that may not be sent,
  // such as 1005, becomes 1011) and `reason` (cut to 123 bytes). Idempotent.
  virtual void Close(uint16_t code, std::string_view reason) = 0;
};

// What api/ attaches to a request it upgrades to a WebSocket (Response::upgrade). http/ calls
// Open once the handshake is done, Receive for each text frame in order, one at a time, and
// Closed exactly once at the end, after which it calls nothing more; Closed also comes (without
// Open) when the handshake fails or the server is shutting down. The calls come one at a time
// on the socket's thread; Closed may instead come from the thread destroying the http::Server
// when its shutdown grace ran out. Must not throw.
class StreamEndpoint {
 public:
  virtual ~StreamEndpoint() = default;
  virtual void Open(std::shared_ptr<StreamOutlet> outlet) = 0;
  // One complete text frame (http/ answers binary frames with close code 1003, and frames over
  // http::Limits::stream_frame_bytes with 1009, itself).
  virtual void Receive(std::string_view text) = 0;
  virtual void Closed() = 0;
};

struct Response {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  // When set, the body is this file's contents (static assets); http/ streams it.
  std::string file_path;
  // When set on an answer to a WebSocket handshake request (GET with Upgrade: websocket), http/
  // completes the handshake (101, with `headers`, e.g. Sec-WebSocket-Protocol) instead of
  // sending this response, and hands the socket to the endpoint. Set only after the request
  // passed every check (origin, session).
  std::shared_ptr<StreamEndpoint> upgrade;

  void SetHeader(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
  }
};

Method ParseMethod(std::string_view name);
std::string_view MethodName(Method method);

}  // namespace enishi::api
