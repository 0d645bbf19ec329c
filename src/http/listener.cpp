#include "http/listener.hpp"

#include <boost/asio/post.hpp>
#include <chrono>
#include <string>
#include <utility>

#include "core/log.hpp"

namespace enishi::http {
namespace {

namespace net = boost::asio;
using tcp = boost::asio::ip::tcp;

// After a failed accept (usually out of file descriptors), retrying at once would spin.
constexpr std::chrono::milliseconds kAcceptRetryDelay{100};

}  // namespace

Listener::Listener(IoContextPool& pool, std::shared_ptr<ServerState> state)
    : pool_(pool),
      state_(std::move(state)),
      strand_(net::make_strand(pool.primary())),
      acceptor_(strand_),
      retry_timer_(strand_),
      grace_timer_(strand_) {}

Result<std::unique_ptr<Listener>> Listener::Create(IoContextPool& pool,
                                                   const tcp::endpoint& endpoint,
                                                   std::shared_ptr<ServerState> state) {
  std::unique_ptr<Listener> listener(new Listener(pool, std::move(state)));
  tcp::acceptor& acceptor = listener->acceptor_;
  boost::system::error_code ec;
  acceptor.open(endpoint.protocol(), ec);
  if (!ec) acceptor.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  if (!ec) acceptor.listen(net::socket_base::max_listen_connections, ec);
  if (ec) {
    return Unavailable("cannot listen on " + endpoint.address().to_string() + " port " +
                       std::to_string(endpoint.port()) + ": " + ec.message());
  }
  listener->port_ = acceptor.local_endpoint().port();
  listener->DoAccept();
  return listener;
}

void Listener::Shutdown() {
  net::post(strand_, [this] { OnShutdown(); });
}

void Listener::DoAccept() {
  // Each connection lives on one single-threaded context, so its handlers never run
  // concurrently.
  acceptor_.async_accept(pool_.Next(),
                         [this](boost::system::error_code ec, tcp::socket socket) {
                           OnAccept(ec, std::move(socket));
                         });
}

void Listener::OnAccept(boost::system::error_code ec, tcp::socket socket) {
  // A connection accepted just before the acceptor closed is dropped, never served.
  if (shutting_down_) return;
  if (ec) {
    log::Warn("accept_failed", {{"error", ec.message()}});
    retry_timer_.expires_after(kAcceptRetryDelay);
    retry_timer_.async_wait([this](boost::system::error_code wait_ec) {
      if (!wait_ec && !shutting_down_) DoAccept();
    });
    return;
  }
  if (state_->connections.size() >= state_->limits.max_connections) {
    log::Warn("connection_refused", {{"reason", "max_connections"}});
  } else {
    StartSession(std::move(socket), state_);
  }
  DoAccept();
}

void Listener::OnShutdown() {
  shutting_down_ = true;
  boost::system::error_code ignored;
  acceptor_.close(ignored);
  retry_timer_.cancel();
  for (const auto& connection : state_->connections.Snapshot()) connection->BeginShutdown();
  grace_timer_.expires_after(state_->limits.shutdown_grace);
  grace_timer_.async_wait([this](boost::system::error_code ec) {
    if (ec) return;
    log::Warn("shutdown_grace_expired",
              {log::Number("connections", static_cast<double>(state_->connections.size()))});
    pool_.Stop();
  });
  // Stopping the pool also abandons the grace timer and the signal wait, so Run() returns as
  // soon as the last connection is gone.
  state_->connections.CallWhenEmpty([&pool = pool_] { pool.Stop(); });
}

}  // namespace enishi::http
