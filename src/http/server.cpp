#include "http/server.hpp"

#include <openssl/ssl.h>

#include <algorithm>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/thread_pool.hpp>
#include <csignal>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "core/log.hpp"
#include "http/http_session.hpp"
#include "http/listener.hpp"

namespace enishi::http {
namespace {

namespace net = boost::asio;
namespace ssl = boost::asio::ssl;

Result<ssl::context> MakeTlsContext(const std::string& certificate_file,
                                    const std::string& private_key_file) {
  if (certificate_file.empty() || private_key_file.empty()) {
    return InvalidArgument(
        "TLS needs both a certificate file and a private key file",
        certificate_file.empty() ? "tls_certificate_file" : "tls_private_key_file");
  }
  ssl::context context(ssl::context::tls_server);
  SSL_CTX_set_min_proto_version(context.native_handle(), TLS1_2_VERSION);
  boost::system::error_code ec;
  context.use_certificate_chain_file(certificate_file, ec);
  if (ec) {
    return InvalidArgument("TLS certificate file " + certificate_file + ": " + ec.message(),
                           "tls_certificate_file");
  }
  context.use_private_key_file(private_key_file, ssl::context::pem, ec);
  if (ec) {
    return InvalidArgument("TLS private key file " + private_key_file + ": " + ec.message(),
                           "tls_private_key_file");
  }
  if (SSL_CTX_check_private_key(context.native_handle()) != 1) {
    return InvalidArgument("TLS private key file " + private_key_file +
                               " does not match certificate file " + certificate_file,
                           "tls_private_key_file");
  }
  return context;
}

std::string Url(bool tls, const net::ip::address& address, uint16_t port) {
  std::string host = address.to_string();
  if (address.is_v6()) host = "[" + host + "]";
  return (tls ? "https://" : "http://") + host + ":" + std::to_string(port);
}

}  // namespace

struct Server::Impl {
  Impl(int io_threads, int handler_threads, std::shared_ptr<ServerState> server_state)
      : contexts(io_threads),
        handlers(static_cast<size_t>(handler_threads)),
        state(std::move(server_state)) {
    state->handlers = handlers.get_executor();
  }
  // Sessions still queued in the contexts die with them; they must not stop them meanwhile.
  ~Impl() { state->connections.CallWhenEmpty({}); }

  IoContextPool contexts;  // First member: everything below holds I/O objects that use it.
  // Before the state: sessions post to it, and it must not outlive the contexts its handlers
  // post their responses back to.
  net::thread_pool handlers;
  std::shared_ptr<ServerState> state;
  std::unique_ptr<Listener> listener;
};

Result<std::unique_ptr<Server>> Server::Start(const ServerOptions& options, Handler handler) {
  ENISHI_CHECK(handler != nullptr, "Server::Start needs a handler");
  boost::system::error_code ec;
  net::ip::address address = net::ip::make_address(options.listen_address, ec);
  if (ec) {
    return InvalidArgument("listen address \"" + options.listen_address + "\" is not an IP address",
                           "listen_address");
  }
  if (options.threads < 0) return InvalidArgument("threads must not be negative", "threads");
  if (options.handler_threads < 0) {
    return InvalidArgument("handler threads must not be negative", "handler_threads");
  }
  Result<TrustedProxies> trusted_proxies = TrustedProxies::Parse(options.trusted_proxies);
  if (!trusted_proxies) return trusted_proxies.error();

  auto state = std::make_shared<ServerState>();
  state->handler = std::move(handler);
  state->limits = options.limits;
  state->body_limit = options.body_limit;
  state->answers_at_once = options.answers_at_once;
  state->trusted_proxies = std::move(*trusted_proxies);
  if (!options.tls_certificate_file.empty() || !options.tls_private_key_file.empty()) {
    Result<ssl::context> tls =
        MakeTlsContext(options.tls_certificate_file, options.tls_private_key_file);
    if (!tls) return tls.error();
    state->tls.emplace(std::move(*tls));
  }

  int threads = options.threads > 0
                    ? options.threads
                    : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  int handler_threads =
      options.handler_threads > 0 ? options.handler_threads : kDefaultHandlerThreads;
  auto impl = std::make_unique<Impl>(threads, handler_threads, state);
  Result<std::unique_ptr<Listener>> listener =
      Listener::Create(impl->contexts, net::ip::tcp::endpoint(address, options.port), state);
  if (!listener) return listener.error();
  impl->listener = std::move(*listener);
  log::Info("listening", {{"url", Url(state->tls.has_value(), address, impl->listener->port())}});
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Server::~Server() = default;

uint16_t Server::port() const { return impl_->listener->port(); }

void Server::Run() {
  net::signal_set signals(impl_->contexts.primary(), SIGINT, SIGTERM);
  signals.async_wait([this](const boost::system::error_code& ec, int signal_number) {
    if (ec) return;
    log::Info("signal_received", {log::Number("signal", signal_number)});
    Stop();
  });
  impl_->contexts.Run();
  // Handlers still blocked past the grace period; their responses go nowhere.
  impl_->handlers.join();
  log::Info("stopped");
}

void Server::Stop() {
  if (impl_->state->shutting_down.exchange(true)) return;
  log::Info("shutting_down");
  impl_->listener->Shutdown();
}

}  // namespace enishi::http
