#pragma once
// The HTTP/1.1 (and TLS) server. A pimpl, so nothing outside http/ parses Boost.
// Thread-safety: Run() blocks on the calling thread plus `threads` I/O threads and the
// handler threads; Stop() may be called from any thread, including from inside the handler.
// REQUIRES: crypto::Initialize() has succeeded (request ids are random).

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "api/request.hpp"
#include "core/result.hpp"
#include "http/limits.hpp"

namespace enishi::http {

// The largest body a request may have, decided from its method and target (path and query)
// once its header has been read and before any of its body is: lets uploads be larger than
// JSON. Called concurrently from the I/O threads; must be fast and must not throw.
using BodyLimit = std::function<size_t(api::Method method, std::string_view target)>;
// Whether a request's handler may run on the I/O thread that read it (see
// ServerOptions::handler_threads). Called concurrently from the I/O threads; must be fast.
using AnswersAtOnce = std::function<bool(api::Method method, std::string_view target)>;

inline constexpr int kDefaultHandlerThreads = 32;

struct ServerOptions {
  std::string listen_address = "127.0.0.1";
  uint16_t port = 8080;  // 0 picks a free port; see Server::port().
  int threads = 0;       // I/O threads; 0: the number of cores.
  // Threads that run the handler for requests with an unsafe method (POST, PUT, PATCH,
  // DELETE...). Those wait on the store's durable commit, so they run apart from the sockets:
  // a request waiting on a commit never delays another connection's reads or writes, and the
  // waiting requests share commits. GET, HEAD and OPTIONS, which only read, are answered on
  // the I/O thread, unless `answers_at_once` says otherwise. 0: kDefaultHandlerThreads.
  int handler_threads = 0;
  // When set, decides which requests are answered on the I/O thread instead of the method.
  AnswersAtOnce answers_at_once;
  Limits limits;
  // When set, decides each request's body limit instead of limits.max_body_bytes.
  BodyLimit body_limit;
  std::string tls_certificate_file;  // TLS is on when both files are set.
  std::string tls_private_key_file;
  // Peers whose X-Forwarded-For / X-Forwarded-Proto are believed: exact IPs or CIDR ranges.
  std::vector<std::string> trusted_proxies;
};

// Called for every complete request, concurrently from the I/O threads (GET, HEAD, OPTIONS)
// and the handler threads (other methods); requests of one connection one at a time, in
// order. It may block, briefly on a safe method. The server fills client_ip, secure and
// request_id, and adds Server, Date, X-Request-Id and the framing headers to the response.
// Must not throw: a safety net logs the exception and answers 500 if it does.
// A WebSocket handshake reaches the handler like any request once it is well formed (else
// 400, or 426 for another protocol version) and nothing is queued before it on the connection
// (else 400); a response with `upgrade` set then turns the connection into that WebSocket.
// Its frames run on the connection's I/O thread; see api::StreamEndpoint and the stream_*
// limits.
using Handler = std::function<api::Response(api::Request&)>;

class Server {
 public:
  // Binds and listens. kInvalidArgument for bad options (address, TLS files, proxy ranges,
  // negative thread counts), kUnavailable when the address cannot be bound.
  static Result<std::unique_ptr<Server>> Start(const ServerOptions& options, Handler handler);
  // REQUIRES: Run() has returned or was never called.
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // The port actually bound (useful with port 0).
  uint16_t port() const;
  // Serves until Stop() or SIGINT/SIGTERM (handled only while Run() runs); then stops
  // accepting, lets in-flight and already-read pipelined requests finish (their responses
  // carry Connection: close), sends what is queued on each WebSocket and closes it with 1001
  // (going away), for up to limits.shutdown_grace, and returns once every I/O and handler thread
  // has joined. A handler still blocked past the grace period delays the return. WebSockets the
  // grace cut short hear Closed() when the Server is destroyed.
  // REQUIRES: called once.
  void Run();
  // Begins the shutdown described above and returns at once; before Run(), makes Run()
  // return at once. Idempotent.
  void Stop();

 private:
  struct Impl;
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace enishi::http
