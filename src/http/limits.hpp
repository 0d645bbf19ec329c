#pragma once
// Every limit of the network edge, named in one place.

#include <chrono>
#include <cstddef>

namespace enishi::http {

struct Limits {
  size_t max_header_bytes = 16 * 1024;  // Request line and headers; beyond: 431.
  size_t max_body_bytes = 1024 * 1024;  // Beyond: 413.
  // To receive one whole request once its first byte has arrived (slowloris guard); also how
  // long a new connection may stay silent.
  std::chrono::seconds read_timeout{30};
  std::chrono::seconds write_timeout{30};  // To send one whole response.
  std::chrono::seconds idle_timeout{60};   // Keep-alive connection with no request.
  size_t pipeline_depth = 16;      // Responses queued per connection; reading pauses beyond.
  size_t max_connections = 10000;  // Further connections are closed as soon as accepted.
  std::chrono::seconds shutdown_grace{10};  // In-flight requests get this long at shutdown.
  // WebSockets (api::StreamEndpoint). The handshake gets read_timeout; once a close begins,
  // the socket is gone within write_timeout, queue flushed or not.
  size_t stream_frame_bytes = 16 * 1024;  // One message from the client; beyond: close 1009.
  // Frames waiting to be sent on one socket, counted from Send(); a Send beyond it closes the
  // socket with 1008 (a client too slow to read).
  size_t stream_queue_bytes = 256 * 1024;
  // A socket silent this long is closed; it is pinged at half of it, and a pong counts.
  std::chrono::seconds stream_idle_timeout{60};
};

}  // namespace enishi::http
