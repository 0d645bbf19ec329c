#pragma once
// The HTTP/1.1 (and TLS) server. A pimpl, so nothing outside http/ parses Boost.
// Thread-safety: Run() blocks on the calling thread plus `threads - 1` workers;
// Stop() may be called from any thread or a signal handler's deferred context.

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "api/request.hpp"
#include "core/result.hpp"
#include "http/limits.hpp"

namespace enishi::http {

struct ServerOptions {
  std::string listen_address = "127.0.0.1";
  uint16_t port = 8080;  // 0 picks a free port; see Server::port().
  int threads = 0;       // 0: the number of cores.
  Limits limits;
  std::string tls_certificate_file;  // TLS is on when both files are set.
  std::string tls_private_key_file;
  // Peers whose X-Forwarded-For / X-Forwarded-Proto are believed: exact IPs or CIDR ranges.
  std::vector<std::string> trusted_proxies;
};

// Called on a worker thread for every complete request; must not throw (a safety net
// answers 500 if it does).
using Handler = std::function<api::Response(api::Request&)>;

class Server {
 public:
  // Binds and listens. kInvalidArgument for bad options (address, TLS files, proxy ranges),
  // kUnavailable when the address cannot be bound.
  static Result<std::unique_ptr<Server>> Start(const ServerOptions& options, Handler handler);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // The port actually bound (useful with port 0).
  uint16_t port() const;
  // Serves until Stop() or SIGINT/SIGTERM; then stops accepting, lets in-flight requests
  // finish (up to limits.shutdown_grace), and returns.
  void Run();
  void Stop();

 private:
  struct Impl;
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace enishi::http
