#pragma once
// WebSocket sessions: what an HTTP connection becomes once a handler accepts a handshake by
// setting api::Response::upgrade. Internal to http/.

#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "api/request.hpp"
#include "http/beast_convert.hpp"
#include "http/http_session.hpp"

namespace enishi::http {

using PlainStream = boost::beast::tcp_stream;
using TlsStream = boost::beast::ssl_stream<boost::beast::tcp_stream>;

// A handshake request that a handler accepted, and what the HTTP session had read past it.
struct WebSocketUpgrade {
  BeastRequest request;  // The handshake request's header; the body is not kept.
  std::string request_id;
  std::vector<std::pair<std::string, std::string>> headers;  // The handler's, sent on the 101.
  std::shared_ptr<api::StreamEndpoint> endpoint;
  std::string unread;  // Bytes the client sent after the request, to be read as frames.
};

// The answer to a handshake request (websocket::is_upgrade) that cannot be accepted: 400 when
// it lacks a valid Host, Sec-WebSocket-Key or HTTP/1.1, 426 for a Sec-WebSocket-Version other
// than 13. nullopt when it can. Checked before the handler runs, so a malformed handshake
// never reaches api/.
std::optional<api::Response> CheckHandshake(const BeastRequest& request);

// Completes the handshake on `stream` (101, with upgrade.headers and the server's own), then
// serves the WebSocket on the stream's executor until either side closes it, it fails, it
// idles out (Limits::stream_idle_timeout) or the server shuts down (close code 1001). Calls
// upgrade.endpoint as api::StreamEndpoint describes, and Closed() exactly once. The session
// registers itself in state->connections before returning.
// REQUIRES: no operation is pending on `stream`; CheckHandshake(upgrade.request) is nullopt.
void StartWebSocketSession(PlainStream stream, WebSocketUpgrade upgrade,
                           std::shared_ptr<ServerState> state);
void StartWebSocketSession(TlsStream stream, WebSocketUpgrade upgrade,
                           std::shared_ptr<ServerState> state);

}  // namespace enishi::http
