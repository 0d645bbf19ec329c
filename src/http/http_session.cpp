#include "http/http_session.hpp"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/beast/core/bind_handler.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <boost/beast/websocket/rfc6455.hpp>
#include <cstdint>
#include <deque>
#include <exception>
#include <limits>
#include <string>
#include <type_traits>
#include <utility>

#include "core/log.hpp"
#include "crypto/random.hpp"
#include "http/beast_convert.hpp"
#include "http/websocket_session.hpp"

namespace enishi::http {
namespace {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace net = boost::asio;
using tcp = boost::asio::ip::tcp;

constexpr size_t kRequestIdBytes = 9;  // 12 base64url characters.
// The first read of a request; most requests fit, and pipelined ones arrive together.
constexpr size_t kFirstReadBytes = 16 * 1024;
constexpr size_t kDrainReadBytes = 16 * 1024;

// The one place Asio errors are reported. Peers leaving and our own cancellations are routine.
void Fail(beast::error_code ec, std::string_view what) {
  if (ec == net::error::eof || ec == net::error::operation_aborted ||
      ec == net::ssl::error::stream_truncated || ec == bhttp::error::end_of_stream) {
    return;
  }
  log::Write(log::Level::kDebug, "connection_error",
             {{"during", std::string(what)}, {"error", ec.message()}});
}

// A parse error the client should hear about, as opposed to the peer going away mid-request.
bool IsMalformedRequest(beast::error_code ec) {
  return ec.category() == bhttp::make_error_code(bhttp::error::bad_method).category() &&
         ec != bhttp::error::end_of_stream && ec != bhttp::error::partial_message;
}

// Safe methods (RFC 9110 §9.2.1) only read, and reads do not wait on the disk: running their
// handlers on the I/O thread saves two thread hops per request (a third of the throughput of
// a small GET). Other methods wait on a durable commit, which must not hold up the sockets.
bool IsSafeMethod(bhttp::verb method) {
  return method == bhttp::verb::get || method == bhttp::verb::head ||
         method == bhttp::verb::options;
}

// IPv4 peers of a dual-stack socket appear as ::ffff:a.b.c.d; report them as IPv4.
std::string PeerIp(const tcp::socket& socket) {
  beast::error_code ec;
  net::ip::address address = socket.remote_endpoint(ec).address();
  if (ec) return {};
  if (address.is_v6() && address.to_v6().is_v4_mapped()) {
    address = net::ip::make_address_v4(net::ip::v4_mapped, address.to_v6());
  }
  return address.to_string();
}

// One connection. Everything below runs on the socket's strand, so members need no lock.
// Requests are read ahead of their responses (up to Limits::pipeline_depth) and answered
// strictly in order through `queue_`, one write at a time: the Beast advanced-server pattern.
// A WebSocket handshake the handler accepts hands the socket to a WebSocket session instead.
template <class Stream>
class HttpSession final : public Connection,
                          public std::enable_shared_from_this<HttpSession<Stream>> {
 public:
  HttpSession(Stream stream, std::shared_ptr<ServerState> state, ConnectionInfo connection)
      : stream_(std::move(stream)), state_(std::move(state)), connection_(std::move(connection)) {}
  ~HttpSession() override { state_->connections.Remove(this); }
  HttpSession(const HttpSession&) = delete;
  HttpSession& operator=(const HttpSession&) = delete;

  void Start() {
    state_->connections.Add(this->shared_from_this());
    net::dispatch(stream_.get_executor(),
                  beast::bind_front_handler(&HttpSession::OnStart, this->shared_from_this()));
  }

  void BeginShutdown() override {
    net::post(stream_.get_executor(), [self = this->shared_from_this()] {
      // Only a connection waiting for its next request is interrupted; anything in flight
      // finishes, and DoRead() closes the connection afterwards.
      if (self->read_state_ == ReadState::kAwaiting) self->Tcp().cancel();
    });
  }

 private:
  static constexpr bool kTls = std::is_same_v<Stream, TlsStream>;
  // What answering a request needs once the handler has returned.
  struct Pending {
    unsigned version;
    bool keep_alive;
    bool head;
    std::string request_id;
    std::optional<BeastRequest> handshake;  // The header of a WebSocket handshake.

    ReplyContext context() const { return {version, keep_alive, head, request_id}; }
  };

  // kAwaiting: waiting for the first bytes of a request, with no response being written.
  // kReceiving: reading the rest of a request.
  enum class ReadState { kNone, kAwaiting, kReceiving };

  beast::tcp_stream& Tcp() { return beast::get_lowest_layer(stream_); }
  const Limits& limits() const { return state_->limits; }

  template <class Method>
  auto Bind(Method method) {
    return beast::bind_front_handler(method, this->shared_from_this());
  }

  void OnStart() {
    if constexpr (kTls) {
      Tcp().expires_after(limits().read_timeout);
      stream_.async_handshake(net::ssl::stream_base::server, Bind(&HttpSession::OnHandshake));
    } else {
      DoRead();
    }
  }

  void OnHandshake(beast::error_code ec) {
    if (ec) return Fail(ec, "tls handshake");
    DoRead();
  }

  void DoRead() {
    if (buffer_.size() > 0) return ReceiveRequest();
    // Reading ahead only parses bytes the client already sent. Waiting on the network while
    // a response is written would put that write at the mercy of the idle timer; OnWrite()
    // comes back here once the queue is empty.
    if (!queue_.empty()) return;
    if (state_->shutting_down) return DoClose();
    read_state_ = ReadState::kAwaiting;
    // A new connection must speak within the read timeout; a kept-alive one may idle longer.
    Tcp().expires_after(served_any_ ? limits().idle_timeout : limits().read_timeout);
    stream_.async_read_some(buffer_.prepare(kFirstReadBytes), Bind(&HttpSession::OnAwait));
  }

  void OnAwait(beast::error_code ec, size_t bytes) {
    read_state_ = ReadState::kNone;
    if (ec == net::error::eof || ec == net::error::operation_aborted) return DoClose();
    if (ec) return Fail(ec, "read");
    buffer_.commit(bytes);
    ReceiveRequest();
  }

  void ReceiveRequest() {
    read_state_ = ReadState::kReceiving;
    parser_.emplace();
    parser_->header_limit(static_cast<uint32_t>(limits().max_header_bytes));
    // The body limit depends on the route, known once the header is in (OnHeader). Beast
    // checks Content-Length against the limit as the header completes, so the limit is
    // lifted until then and OnHeader checks it instead. (Not boost::none: Beast 1.74 compares
    // the length with the optional, and every length is greater than none.)
    parser_->body_limit(std::numeric_limits<uint64_t>::max());
    body_limit_ = limits().max_body_bytes;
    // The whole request, from its first byte, must arrive within the read timeout.
    Tcp().expires_after(limits().read_timeout);
    bhttp::async_read_header(stream_, buffer_, *parser_, Bind(&HttpSession::OnHeader));
  }

  void OnHeader(beast::error_code ec, size_t bytes) {
    if (ec) return OnRequest(ec, bytes);
    const BeastRequest& header = parser_->get();
    if (state_->body_limit) {
      body_limit_ = state_->body_limit(ToApiMethod(header.method()), header.target());
    }
    // Refused before a byte of the body is read; a chunked body is counted as it arrives.
    if (parser_->content_length() && *parser_->content_length() > body_limit_) {
      return OnRequest(bhttp::error::body_limit, bytes);
    }
    // No body byte has been parsed yet: async_read_header stops at the end of the header.
    parser_->body_limit(body_limit_);
    bhttp::async_read(stream_, buffer_, *parser_, Bind(&HttpSession::OnRequest));
  }

  void OnRequest(beast::error_code ec, size_t /*bytes*/) {
    read_state_ = ReadState::kNone;
    if (ec && !IsMalformedRequest(ec)) {
      // The peer left or stalled; answer what was already read, then close.
      Fail(ec, "read");
      closing_ = true;
      // A timeout has already closed the socket.
      if (queue_.empty() && ec != beast::error::timeout) DoClose();
      return;
    }
    if (ec) {
      closing_ = true;
      return Queue(RespondToMalformed(ec));
    }
    served_any_ = true;
    Dispatch(parser_->release());
  }

  // Answers `request` at once when the server refuses it here. Otherwise the handler of a
  // request that answers at once (a safe method, unless answers_at_once says otherwise) runs
  // here, and any other's on the handler threads; OnHandled() follows on this socket's thread.
  void Dispatch(BeastRequest&& request) {
    const bool safe = state_->answers_at_once
                          ? state_->answers_at_once(ToApiMethod(request.method()), request.target())
                          : IsSafeMethod(request.method());
    Pending pending{.version = request.version(),
                    .keep_alive = request.keep_alive(),
                    .head = request.method() == bhttp::verb::head,
                    .request_id = crypto::RandomTag(kRequestIdBytes),
                    .handshake = std::nullopt};
    if (beast::websocket::is_upgrade(request)) {
      // The socket can change hands only once every earlier response is out.
      std::optional<api::Response> refusal =
          queue_.empty() ? CheckHandshake(request)
                         : ErrorResponse(400, "bad_request",
                                         "WebSocket handshake pipelined behind other requests");
      if (refusal) return Answer(Render(std::move(*refusal), pending));
      pending.handshake.emplace(request.base());
    }
    api::Request api_request =
        ToApiRequest(std::move(request), connection_, state_->trusted_proxies);
    api_request.request_id = pending.request_id;
    if (safe) return OnHandled(CallHandler(api_request), std::move(pending));
    handling_ = true;
    net::post(*state_->handlers,
              [self = this->shared_from_this(), executor = stream_.get_executor(),
               api_request = std::move(api_request), pending = std::move(pending)]() mutable {
                api::Response response = self->CallHandler(api_request);
                net::post(executor, [self = std::move(self), response = std::move(response),
                                     pending = std::move(pending)]() mutable {
                  self->OnHandled(std::move(response), std::move(pending));
                });
              });
  }

  // On a handler thread. The safety net per request, with Render(): a throwing handler costs
  // that request, not the server.
  api::Response CallHandler(api::Request& request) const {
    try {
      return state_->handler(request);
    } catch (const std::exception& e) {
      log::Error("request_failed", {{"request_id", request.request_id}, {"error", e.what()}});
      return ErrorResponse(500, "internal", "internal error");
    }
  }

  static BeastResponse Render(api::Response&& response, const Pending& pending) {
    try {
      return ToBeastResponse(std::move(response), pending.context());
    } catch (const std::exception& e) {
      log::Error("request_failed", {{"request_id", pending.request_id}, {"error", e.what()}});
      return ToBeastResponse(ErrorResponse(500, "internal", "internal error"), pending.context());
    }
  }

  void OnHandled(api::Response response, Pending pending) {
    handling_ = false;
    if (response.upgrade && pending.handshake) {
      return HandOver(WebSocketUpgrade{.request = std::move(*pending.handshake),
                                       .request_id = std::move(pending.request_id),
                                       .headers = std::move(response.headers),
                                       .endpoint = std::move(response.upgrade),
                                       .unread = {}});  // Filled by HandOver().
    }
    if (response.upgrade) {
      // api::Response::upgrade answers handshakes only; the endpoint still hears its end.
      log::Error("upgrade_without_handshake", {{"request_id", pending.request_id}});
      std::exchange(response.upgrade, nullptr)->Closed();
    }
    Answer(Render(std::move(response), pending));
  }

  void Answer(BeastResponse response) {
    // Checked after the handler, which may have blocked while the shutdown began.
    if (state_->shutting_down) response.keep_alive(false);
    closing_ = !response.keep_alive();
    Queue(std::move(response));
    if (!closing_ && queue_.size() < limits().pipeline_depth) DoRead();
  }

  BeastResponse RespondToMalformed(beast::error_code ec) {
    api::Response response;
    if (ec == bhttp::error::header_limit) {
      response = ErrorResponse(
          431, "headers_too_large",
          "request headers exceed " + std::to_string(limits().max_header_bytes) + " bytes");
    } else if (ec == bhttp::error::body_limit) {
      response = ErrorResponse(413, "payload_too_large",
                               "request body exceeds " + std::to_string(body_limit_) + " bytes");
    } else {
      log::Write(log::Level::kDebug, "malformed_request", {{"error", ec.message()}});
      response = ErrorResponse(400, "bad_request", "malformed HTTP request");
    }
    std::string request_id = crypto::RandomTag(kRequestIdBytes);
    return ToBeastResponse(std::move(response), {11, false, false, request_id});
  }

  // Gives the socket, and what was read past the handshake, to a WebSocket session. Nothing is
  // being read or written (Dispatch() refuses a handshake behind queued responses); this session
  // ends when its last handler returns.
  void HandOver(WebSocketUpgrade upgrade) {
    upgrade.unread.assign(static_cast<const char*>(buffer_.data().data()), buffer_.size());
    buffer_ = beast::flat_buffer();
    parser_.reset();
    closing_ = true;
    StartWebSocketSession(std::move(stream_), std::move(upgrade), state_);
  }

  void Queue(BeastResponse response) {
    queue_.push_back(std::move(response));
    if (queue_.size() == 1) DoWrite();
  }

  void DoWrite() {
    Tcp().expires_after(limits().write_timeout);
    bhttp::async_write(stream_, queue_.front(), Bind(&HttpSession::OnWrite));
  }

  void OnWrite(beast::error_code ec, size_t /*bytes*/) {
    if (ec) return Fail(ec, "write");
    bool close = queue_.front().need_eof();
    queue_.pop_front();
    if (close) return DoClose();
    if (!queue_.empty()) DoWrite();
    if (closing_) {
      if (queue_.empty()) DoClose();
    } else if (read_state_ == ReadState::kNone && !handling_ &&
               queue_.size() < limits().pipeline_depth) {
      DoRead();
    }
  }

  void DoClose() {
    closing_ = true;
    if constexpr (kTls) {
      Tcp().expires_after(limits().write_timeout);
      stream_.async_shutdown(Bind(&HttpSession::OnTlsShutdown));
    } else {
      beast::error_code ignored;
      Tcp().socket().shutdown(tcp::socket::shutdown_send, ignored);
      // Closing with unread input makes the kernel send RST, which can destroy the response
      // just written (a 413 while the client is still uploading). Read and discard until the
      // client closes, bounded by the read timeout.
      Tcp().expires_after(limits().read_timeout);
      Drain();
    }
  }

  void Drain() {
    stream_.async_read_some(buffer_.prepare(kDrainReadBytes), Bind(&HttpSession::OnDrain));
  }

  void OnDrain(beast::error_code ec, size_t /*bytes*/) {
    if (!ec) Drain();
  }

  void OnTlsShutdown(beast::error_code ec) { Fail(ec, "tls shutdown"); }

  Stream stream_;
  std::shared_ptr<ServerState> state_;
  const ConnectionInfo connection_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  size_t body_limit_ = 0;            // Of the request being read (ReceiveRequest, OnHeader).
  std::deque<BeastResponse> queue_;  // Front is being written; deque keeps references stable.
  ReadState read_state_ = ReadState::kNone;
  bool closing_ = false;  // No further request will be read.
  bool served_any_ = false;
  bool handling_ = false;  // A request is with the handler; the next waits for its answer.
};

}  // namespace

void StartSession(tcp::socket socket, std::shared_ptr<ServerState> state) {
  ConnectionInfo connection{PeerIp(socket), state->tls.has_value()};
  if (connection.peer_ip.empty()) return;  // The peer left before it could be served.
  if (state->tls) {
    TlsStream stream(std::move(socket), *state->tls);
    std::make_shared<HttpSession<TlsStream>>(std::move(stream), std::move(state),
                                             std::move(connection))
        ->Start();
  } else {
    std::make_shared<HttpSession<PlainStream>>(PlainStream(std::move(socket)), std::move(state),
                                               std::move(connection))
        ->Start();
  }
}

}  // namespace enishi::http
