#pragma once
// Every limit of the network edge, named in one place.

#include <chrono>
#include <cstddef>

namespace enishi::http {

struct Limits {
  size_t max_header_bytes = 16 * 1024;
  size_t max_body_bytes = 1024 * 1024;
  std::chrono::seconds read_timeout{30};   // To receive one whole request (slowloris guard).
  std::chrono::seconds write_timeout{30};  // To send one whole response.
  std::chrono::seconds idle_timeout{60};   // Keep-alive connection with no request.
  size_t pipeline_depth = 16;              // Requests read ahead of their responses.
  size_t max_connections = 10000;
  std::chrono::seconds shutdown_grace{10};  // In-flight requests get this long at shutdown.
};

}  // namespace enishi::http
