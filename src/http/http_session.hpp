#pragma once
// HTTP/1.1 sessions over plain TCP or TLS, and the state they share with the listener.
// Internal to http/.

#include <atomic>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/thread_pool.hpp>
#include <memory>
#include <optional>

#include "http/connection_registry.hpp"
#include "http/limits.hpp"
#include "http/server.hpp"
#include "http/trusted_proxies.hpp"

namespace enishi::http {

// What every session shares with the listener and the server. Shared ownership, because
// sessions may outlive the Server::Impl by a few handlers at shutdown. Fields other than
// `shutting_down` and `connections` are immutable once the first session starts.
struct ServerState {
  Handler handler;
  Limits limits;
  BodyLimit body_limit;  // May be empty: limits.max_body_bytes for every request.
  AnswersAtOnce answers_at_once;  // May be empty: safe methods are answered at once.
  TrustedProxies trusted_proxies;
  std::optional<boost::asio::ssl::context> tls;  // Set when the server speaks TLS only.
  // Where handlers run (ServerOptions::handler_threads); owned by the Server.
  std::optional<boost::asio::thread_pool::executor_type> handlers;
  std::atomic<bool> shutting_down{false};  // Set once, by Server::Stop().
  ConnectionRegistry connections;
};

// Serves HTTP/1.1 on an accepted `socket` (TLS when state->tls is set) on a strand of the
// socket's executor, until the peer leaves, a limit or timeout is hit, or shutdown. The
// session registers itself in state->connections and keeps itself alive meanwhile.
// REQUIRES: `socket` was accepted with a strand executor (one per connection).
void StartSession(boost::asio::ip::tcp::socket socket, std::shared_ptr<ServerState> state);

}  // namespace enishi::http
