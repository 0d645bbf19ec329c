#pragma once
// Accepts connections and starts a session for each; refuses connections beyond
// Limits::max_connections; drives the graceful shutdown. Internal to http/.

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <cstdint>
#include <memory>

#include "core/result.hpp"
#include "http/http_session.hpp"

#include "http/io_context_pool.hpp"

namespace enishi::http {

// Owned by Server::Impl and destroyed before its io_contexts. All work runs on one strand of
// the pool's primary context; connections go round-robin to the pool's contexts. Shutdown()
// may be called from any thread.
class Listener {
 public:
  // Binds and listens on `endpoint`; accepting starts when the pool runs. kUnavailable when the
  // endpoint cannot be bound.
  static Result<std::unique_ptr<Listener>> Create(IoContextPool& pool,
                                                  const boost::asio::ip::tcp::endpoint& endpoint,
                                                  std::shared_ptr<ServerState> state);
  Listener(const Listener&) = delete;
  Listener& operator=(const Listener&) = delete;

  uint16_t port() const { return port_; }

  // Stops accepting and asks every connection to finish what it has read and close; stops
  // the pool when the last one has gone or limits.shutdown_grace has passed. Returns at
  // once. REQUIRES: called at most once.
  void Shutdown();

 private:
  Listener(IoContextPool& pool, std::shared_ptr<ServerState> state);
  void DoAccept();
  void OnAccept(boost::system::error_code ec, boost::asio::ip::tcp::socket socket);
  void OnShutdown();

  IoContextPool& pool_;
  std::shared_ptr<ServerState> state_;
  boost::asio::strand<boost::asio::io_context::executor_type> strand_;
  boost::asio::ip::tcp::acceptor acceptor_;
  boost::asio::steady_timer retry_timer_;  // Backs off after accept errors such as EMFILE.
  boost::asio::steady_timer grace_timer_;
  uint16_t port_ = 0;
  bool shutting_down_ = false;  // Read and written on strand_ only.
};

}  // namespace enishi::http
