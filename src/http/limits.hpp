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
};

}  // namespace enishi::http
