#include "http/websocket_session.hpp"

#include <atomic>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/bind_handler.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/websocket/stream.hpp>
#include <boost/beast/websocket/teardown.hpp>
#include <cstdint>
#include <exception>
#include <list>
#include <string_view>

#include "core/log.hpp"

namespace enishi::http {
namespace {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace net = boost::asio;
namespace websocket = boost::beast::websocket;

// RFC 6455 §5.5: a control frame carries at most 125 bytes, two of them the close code.
constexpr size_t kMaxCloseReasonBytes = 123;
constexpr size_t kSecWebSocketKeyChars = 24;  // 16 bytes in base64 (RFC 6455 §4.1).

// The one place WebSocket I/O errors are reported. Peers leaving and our own cancellations
// are routine.
void ReportStreamError(beast::error_code ec, std::string_view what) {
  if (ec == websocket::error::closed || ec == net::error::operation_aborted ||
      ec == net::error::eof || ec == net::ssl::error::stream_truncated) {
    return;
  }
  log::Write(log::Level::kDebug, "websocket_error",
             {{"during", std::string(what)}, {"error", ec.message()}});
}

// Codes an endpoint may close with (RFC 6455 §7.4): 1004-1006 and 1015 are never sent.
bool IsSendableCloseCode(uint16_t code) {
  return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) ||
         (code >= 3000 && code <= 4999);
}

// `reason` cut to what a close frame holds, without splitting a UTF-8 sequence.
std::string_view CloseReasonPrefix(std::string_view reason) {
  if (reason.size() <= kMaxCloseReasonBytes) return reason;
  size_t end = kMaxCloseReasonBytes;
  while (end > 0 && (static_cast<unsigned char>(reason[end]) & 0xC0) == 0x80) --end;
  return reason.substr(0, end);
}

// Reads `prefix` first, then `next`: how the bytes the HTTP session read past the handshake
// reach the WebSocket, which Beast 1.74 cannot be given along with a parsed request. Writes go
// straight to `next`.
template <class NextLayer>
class PrefixedStream {
 public:
  using executor_type = typename NextLayer::executor_type;

  PrefixedStream(NextLayer next, std::string prefix)
      : next_(std::move(next)), prefix_(std::move(prefix)) {}

  executor_type get_executor() noexcept { return next_.get_executor(); }
  NextLayer& next_layer() noexcept { return next_; }
  const NextLayer& next_layer() const noexcept { return next_; }

  template <class MutableBuffers, class Handler>
  auto async_read_some(const MutableBuffers& buffers, Handler&& handler) {
    return net::async_initiate<Handler, void(beast::error_code, size_t)>(
        [this](auto&& read_handler, const MutableBuffers& into) {
          if (prefix_.empty()) {
            next_.async_read_some(into, std::move(read_handler));
            return;
          }
          size_t bytes = net::buffer_copy(into, net::buffer(prefix_));
          prefix_.erase(0, bytes);
          if (prefix_.empty()) std::string().swap(prefix_);
          net::post(next_.get_executor(),
                    beast::bind_front_handler(std::move(read_handler), beast::error_code(), bytes));
        },
        handler, buffers);
  }

  template <class ConstBuffers, class Handler>
  auto async_write_some(const ConstBuffers& buffers, Handler&& handler) {
    return next_.async_write_some(buffers, std::forward<Handler>(handler));
  }

 private:
  NextLayer next_;
  std::string prefix_;
};

// Found by argument-dependent lookup when Beast closes the WebSocket.
template <class NextLayer, class Handler>
void async_teardown(beast::role_type role, PrefixedStream<NextLayer>& stream, Handler&& handler) {
  using websocket::async_teardown;
  async_teardown(role, stream.next_layer(), std::forward<Handler>(handler));
}

// The endpoint's handle on its session. It refers to the session weakly, so an endpoint that
// keeps its outlet does not keep a finished session (and its socket) alive.
template <class Session>
class Outlet final : public api::StreamOutlet {
 public:
  explicit Outlet(std::weak_ptr<Session> session) : session_(std::move(session)) {}

  bool Send(std::string text) override {
    std::shared_ptr<Session> session = session_.lock();
    return session && Session::Send(std::move(session), std::move(text));
  }

  void Close(uint16_t code, std::string_view reason) override {
    if (std::shared_ptr<Session> session = session_.lock()) {
      Session::Close(std::move(session), code, reason);
    }
  }

 private:
  const std::weak_ptr<Session> session_;
};

// One WebSocket. Everything runs on the stream's executor (a single-threaded io_context, as
// for HTTP sessions), so members need no lock; only Send() and Close(), called from any thread
// through the Outlet, read the two atomics and post the rest. One read and one write at a time:
// frames wait in `queue_`, bounded by Limits::stream_queue_bytes (Beast's chat-multi pattern).
// Idle, a session holds no buffer of its own: the read buffer is released after each message.
template <class Stream>
class WebSocketSession final : public Connection,
                               public std::enable_shared_from_this<WebSocketSession<Stream>> {
 public:
  WebSocketSession(Stream stream, WebSocketUpgrade&& upgrade, std::shared_ptr<ServerState> state)
      : ws_(std::move(stream), std::move(upgrade.unread)),
        state_(std::move(state)),
        endpoint_(std::move(upgrade.endpoint)),
        request_id_(std::move(upgrade.request_id)),
        headers_(std::move(upgrade.headers)) {}
  // Closed() has normally been called by End(); here only when the io_context was stopped (the
  // shutdown grace ran out) with this session's handlers still pending.
  ~WebSocketSession() override {
    NotifyClosed();
    state_->connections.Remove(this);
  }
  WebSocketSession(const WebSocketSession&) = delete;
  WebSocketSession& operator=(const WebSocketSession&) = delete;

  void Start(BeastRequest request) {
    state_->connections.Add(this->shared_from_this());
    net::dispatch(ws_.get_executor(), [self = this->shared_from_this(),
                                       request = std::move(request)] { self->OnStart(request); });
  }

  void BeginShutdown() override {
    net::post(ws_.get_executor(), [self = this->shared_from_this()] {
      if (self->phase_ == Phase::kHandshake) {
        self->shutdown_requested_ = true;
      } else {
        self->RequestClose(websocket::close_code::going_away, "server shutting down");
      }
    });
  }

  // Any thread. See api::StreamOutlet::Send. Bytes are counted here, before the post, so
  // frames still travelling to the executor count against the limit too.
  static bool Send(std::shared_ptr<WebSocketSession> self, std::string text) {
    if (!self->sendable_) return false;
    auto executor = self->ws_.get_executor();
    size_t size = text.size();
    if (self->queued_bytes_.fetch_add(size) + size > self->limits().stream_queue_bytes) {
      self->queued_bytes_ -= size;
      if (self->sendable_.exchange(false)) {
        net::post(executor, [self = std::move(self)] { self->OnOverflow(); });
      }
      return false;
    }
    net::post(executor, [self = std::move(self), text = std::move(text)]() mutable {
      self->Enqueue(std::move(text));
    });
    return true;
  }

  // Any thread. See api::StreamOutlet::Close.
  static void Close(std::shared_ptr<WebSocketSession> self, uint16_t code,
                    std::string_view reason) {
    self->sendable_ = false;
    auto executor = self->ws_.get_executor();
    net::post(executor, [self = std::move(self), code, reason = std::string(reason)] {
      self->RequestClose(code, reason);
    });
  }

 private:
  // kClosing: our close frame is queued or sent; kEnded: the read loop has ended.
  enum class Phase { kHandshake, kOpen, kClosing, kEnded };

  const Limits& limits() const { return state_->limits; }

  template <class Method>
  auto Bind(Method method) {
    return beast::bind_front_handler(method, this->shared_from_this());
  }

  void OnStart(const BeastRequest& request) {
    // Beast's own timers replace the HTTP session's from here on.
    beast::get_lowest_layer(ws_).expires_never();
    websocket::stream_base::timeout timeout;
    timeout.handshake_timeout = limits().read_timeout;  // Also bounds the closing handshake.
    timeout.idle_timeout = limits().stream_idle_timeout;
    timeout.keep_alive_pings = true;
    ws_.set_option(timeout);
    // Only called while the handshake is written, when this session is certainly alive.
    ws_.set_option(websocket::stream_base::decorator([this](websocket::response_type& response) {
      AddResponseHeaders(response, headers_, request_id_);
    }));
    ws_.read_message_max(limits().stream_frame_bytes);
    // One frame per message, written straight from `queue_`: a server that neither masks nor
    // compresses needs no write buffer of its own then.
    ws_.auto_fragment(false);
    // After the registration in Start(): either this sees the flag, or the listener's
    // BeginShutdown() round sees this session.
    if (state_->shutting_down) shutdown_requested_ = true;
    ws_.async_accept(request, Bind(&WebSocketSession::OnAccept));
  }

  void OnAccept(beast::error_code ec) {
    decltype(headers_)().swap(headers_);
    if (ec) {
      ReportStreamError(ec, "websocket handshake");
      return End();
    }
    phase_ = Phase::kOpen;
    if (shutdown_requested_) {
      RequestClose(websocket::close_code::going_away, "server shutting down");
      return DoRead();
    }
    sendable_ = true;
    try {
      endpoint_->Open(std::make_shared<Outlet<WebSocketSession>>(this->weak_from_this()));
    } catch (const std::exception& e) {
      OnEndpointException("open", e);
    }
    DoRead();
  }

  void DoRead() { ws_.async_read(buffer_, Bind(&WebSocketSession::OnRead)); }

  void OnRead(beast::error_code ec, size_t /*bytes*/) {
    if (ec) {
      // Beast has already answered a frame over read_message_max (1009), invalid UTF-8 (1007)
      // or a protocol error (1002), and finished the closing handshake the peer began.
      ReportStreamError(ec, "websocket read");
      return End();
    }
    // Messages that arrive after our close frame are read and dropped until the peer's close.
    if (phase_ == Phase::kOpen) {
      if (!ws_.got_text()) {
        RequestClose(websocket::close_code::unknown_data, "text frames only");
      } else {
        try {
          endpoint_->Receive(
              std::string_view(static_cast<const char*>(buffer_.data().data()), buffer_.size()));
        } catch (const std::exception& e) {
          OnEndpointException("receive", e);
        }
      }
    }
    buffer_.clear();
    buffer_.shrink_to_fit();
    DoRead();
  }

  // The safety net of api::StreamEndpoint's "must not throw": the connection, not the server,
  // pays for a throwing endpoint.
  void OnEndpointException(std::string_view during, const std::exception& e) {
    log::Error("stream_endpoint_failed",
               {{"request_id", request_id_}, {"during", std::string(during)}, {"error", e.what()}});
    RequestClose(websocket::close_code::internal_error, "internal error");
  }

  void Enqueue(std::string text) {
    if (phase_ != Phase::kOpen) {
      queued_bytes_ -= text.size();
      return;
    }
    queue_.push_back(std::move(text));
    if (!writing_) DoWrite();
  }

  void DoWrite() {
    writing_ = true;
    ws_.text(true);
    ws_.async_write(net::buffer(queue_.front()), Bind(&WebSocketSession::OnWrite));
  }

  void OnWrite(beast::error_code ec, size_t /*bytes*/) {
    writing_ = false;
    queued_bytes_ -= queue_.front().size();
    queue_.pop_front();
    if (ec) {
      ReportStreamError(ec, "websocket write");
      return CloseSocket();  // The read then fails and ends the session.
    }
    if (!queue_.empty()) return DoWrite();
    if (phase_ == Phase::kClosing && !close_started_) StartClose();
  }

  void OnOverflow() {
    log::Warn("websocket_client_too_slow",
              {{"request_id", request_id_},
               log::Number("queued_bytes", static_cast<double>(queued_bytes_.load()))});
    DropQueue();
    RequestClose(websocket::close_code::policy_error, "client too slow");
  }

  // Sends what is queued, then the close frame. Idempotent.
  void RequestClose(uint16_t code, std::string_view reason) {
    sendable_ = false;
    if (phase_ != Phase::kOpen) return;
    phase_ = Phase::kClosing;
    if (!IsSendableCloseCode(code)) {
      log::Error("invalid_close_code", {log::Number("code", code)});
      code = websocket::close_code::internal_error;
    }
    close_reason_.code = code;
    close_reason_.reason = CloseReasonPrefix(reason);
    // Beast bounds the closing handshake but not the wait for a write stuck behind a client
    // that stopped reading; this bounds both.
    close_timer_ = std::make_unique<net::steady_timer>(ws_.get_executor(), limits().write_timeout);
    close_timer_->async_wait([self = this->shared_from_this()](beast::error_code ec) {
      if (ec) return;
      log::Write(log::Level::kDebug, "websocket_close_timed_out",
                 {{"request_id", self->request_id_}});
      self->CloseSocket();
    });
    if (!writing_) StartClose();
  }

  void StartClose() {
    close_started_ = true;
    ws_.async_close(close_reason_, Bind(&WebSocketSession::OnClose));
  }

  // The pending read reports the end of the connection.
  void OnClose(beast::error_code ec) { ReportStreamError(ec, "websocket close"); }

  void CloseSocket() { beast::get_lowest_layer(ws_).close(); }

  // Frees the frames not yet being written.
  void DropQueue() {
    auto first = queue_.begin();
    if (writing_ && first != queue_.end()) ++first;
    for (auto it = first; it != queue_.end(); ++it) queued_bytes_ -= it->size();
    queue_.erase(first, queue_.end());
  }

  void End() {
    phase_ = Phase::kEnded;
    sendable_ = false;
    close_timer_.reset();
    // Fails a write still in flight, and frees the descriptor now rather than with the session.
    CloseSocket();
    DropQueue();
    NotifyClosed();
  }

  void NotifyClosed() {
    std::shared_ptr<api::StreamEndpoint> endpoint = std::move(endpoint_);
    if (!endpoint) return;
    try {
      endpoint->Closed();
    } catch (const std::exception& e) {
      log::Error("stream_endpoint_failed", {{"during", "closed"}, {"error", e.what()}});
    }
  }

  websocket::stream<PrefixedStream<Stream>, /*deflateSupported=*/false> ws_;
  std::shared_ptr<ServerState> state_;
  std::shared_ptr<api::StreamEndpoint> endpoint_;             // Null once Closed() has been called.
  std::string request_id_;                                    // Of the handshake request.
  std::vector<std::pair<std::string, std::string>> headers_;  // For the 101; then freed.
  beast::flat_buffer buffer_;  // The message being read; empty between messages.
  // Front is being written when writing_; a list allocates nothing while empty.
  std::list<std::string> queue_;
  std::unique_ptr<net::steady_timer> close_timer_;  // Only while closing.
  websocket::close_reason close_reason_;
  Phase phase_ = Phase::kHandshake;
  bool writing_ = false;
  bool close_started_ = false;
  bool shutdown_requested_ = false;
  std::atomic<bool> sendable_{false};    // Open, and no close requested: Send() may queue.
  std::atomic<size_t> queued_bytes_{0};  // Accepted by Send() and not yet written.
};

template <class Stream>
void StartOn(Stream stream, WebSocketUpgrade upgrade, std::shared_ptr<ServerState> state) {
  BeastRequest request = std::move(upgrade.request);
  std::make_shared<WebSocketSession<Stream>>(std::move(stream), std::move(upgrade),
                                             std::move(state))
      ->Start(std::move(request));
}

}  // namespace

std::optional<api::Response> CheckHandshake(const BeastRequest& request) {
  auto refuse = [](std::string_view message) { return ErrorResponse(400, "bad_request", message); };
  if (request.version() != 11) return refuse("a WebSocket handshake must use HTTP/1.1");
  if (request.find(bhttp::field::host) == request.end()) {
    return refuse("a WebSocket handshake needs a Host header");
  }
  if (request[bhttp::field::sec_websocket_key].size() != kSecWebSocketKeyChars) {
    return refuse("a WebSocket handshake needs a Sec-WebSocket-Key of 16 bytes in base64");
  }
  auto version = request.find(bhttp::field::sec_websocket_version);
  if (version == request.end()) {
    return refuse("a WebSocket handshake needs a Sec-WebSocket-Version header");
  }
  if (version->value() != "13") {
    api::Response response =
        ErrorResponse(426, "upgrade_required", "only WebSocket version 13 is supported");
    response.SetHeader("Sec-WebSocket-Version", "13");
    return response;
  }
  return std::nullopt;
}

void StartWebSocketSession(PlainStream stream, WebSocketUpgrade upgrade,
                           std::shared_ptr<ServerState> state) {
  StartOn(std::move(stream), std::move(upgrade), std::move(state));
}

void StartWebSocketSession(TlsStream stream, WebSocketUpgrade upgrade,
                           std::shared_ptr<ServerState> state) {
  StartOn(std::move(stream), std::move(upgrade), std::move(state));
}

}  // namespace enishi::http
