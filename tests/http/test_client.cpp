#include "http/test_client.hpp"

#include <gtest/gtest.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <boost/beast/websocket/stream.hpp>
#include <cctype>
#include <cstdio>
#include <cstdlib>

#include "crypto/random.hpp"

namespace enishi::http::testing {
namespace {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace net = boost::asio;
namespace websocket = boost::beast::websocket;

constexpr size_t kMaxResponseBody = 64 * 1024 * 1024;

template <class Message>
void CopyHeaders(const Message& message, HeaderList& headers) {
  for (const auto& field : message) {
    std::string name(field.name_string());
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    headers.emplace_back(std::move(name), std::string(field.value()));
  }
}

}  // namespace

std::string TestResponse::Header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (key == name) return value;
  }
  return {};
}

struct TestClient::Impl {
  net::io_context ioc;
  net::ssl::context ssl_context{net::ssl::context::tls_client};
  std::optional<beast::tcp_stream> plain;
  std::optional<beast::ssl_stream<beast::tcp_stream>> tls;
  beast::flat_buffer buffer;
  bool connected = false;

  beast::tcp_stream& Tcp() { return tls ? beast::get_lowest_layer(*tls) : *plain; }

  // Starts one operation through `start(handler)` and runs it to completion. The stream's
  // timeout closes the socket when `timeout` passes, so this always returns.
  template <class Start>
  beast::error_code Run(std::chrono::milliseconds timeout, Start start) {
    beast::error_code result;
    Tcp().expires_after(timeout);
    start([&result](beast::error_code ec, auto&&...) { result = ec; });
    ioc.restart();
    ioc.run();
    return result;
  }

  template <class Operation>
  beast::error_code OnStream(std::chrono::milliseconds timeout, Operation operation) {
    return Run(timeout, [&](auto handler) {
      if (tls) {
        operation(*tls, std::move(handler));
      } else {
        operation(*plain, std::move(handler));
      }
    });
  }
};

TestClient::TestClient(uint16_t port, bool tls) : impl_(std::make_unique<Impl>()) {
  impl_->plain.emplace(impl_->ioc);
  net::ip::tcp::endpoint endpoint(net::ip::make_address("127.0.0.1"), port);
  if (impl_->Run(kTimeout, [&](auto handler) { impl_->plain->async_connect(endpoint, handler); })) {
    return;
  }
  if (tls) {
    impl_->ssl_context.set_verify_mode(net::ssl::verify_none);
    impl_->tls.emplace(std::move(*impl_->plain), impl_->ssl_context);
    impl_->plain.reset();
    auto handshake = [&](auto handler) {
      impl_->tls->async_handshake(net::ssl::stream_base::client, handler);
    };
    if (impl_->Run(kTimeout, handshake)) return;
  }
  impl_->connected = true;
}

TestClient::~TestClient() = default;

bool TestClient::connected() const { return impl_->connected; }

bool TestClient::SendRaw(std::string_view bytes) {
  return !impl_->OnStream(kTimeout, [&](auto& stream, auto handler) {
    net::async_write(stream, net::buffer(bytes.data(), bytes.size()), handler);
  });
}

bool TestClient::Send(std::string_view method, std::string_view target, const HeaderList& headers,
                      std::string_view body) {
  std::string request = std::string(method) + " " + std::string(target) + " HTTP/1.1\r\n";
  request += "Host: 127.0.0.1\r\n";
  for (const auto& [name, value] : headers) request += name + ": " + value + "\r\n";
  if (!body.empty()) request += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  request += "\r\n";
  request += body;
  return SendRaw(request);
}

std::optional<TestResponse> TestClient::Receive(bool head) {
  bhttp::response_parser<bhttp::string_body> parser;
  parser.body_limit(kMaxResponseBody);
  parser.skip(head);
  beast::error_code ec = impl_->OnStream(kTimeout, [&](auto& stream, auto handler) {
    bhttp::async_read(stream, impl_->buffer, parser, handler);
  });
  if (ec) return std::nullopt;
  TestResponse response;
  response.status = static_cast<int>(parser.get().result_int());
  CopyHeaders(parser.get(), response.headers);
  response.body = std::move(parser.get().body());
  return response;
}

bool TestClient::WaitForClose(std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    impl_->buffer.clear();
    beast::error_code ec = impl_->OnStream(left, [&](auto& stream, auto handler) {
      stream.async_read_some(impl_->buffer.prepare(4096), handler);
    });
    if (ec == beast::error::timeout) return false;
    // The server closed or reset the connection; close our end too, as a real client would.
    if (ec) {
      impl_->Tcp().close();
      return true;
    }
  }
}

struct TestWebSocket::Impl {
  net::io_context ioc;
  net::ssl::context ssl_context{net::ssl::context::tls_client};
  std::optional<websocket::stream<beast::tcp_stream>> plain;
  std::optional<websocket::stream<beast::ssl_stream<beast::tcp_stream>>> tls;
  beast::flat_buffer buffer;
  TestResponse handshake;
  bool connected = false;

  beast::tcp_stream& Tcp() {
    return tls ? beast::get_lowest_layer(*tls) : beast::get_lowest_layer(*plain);
  }
  const websocket::close_reason& Reason() const { return tls ? tls->reason() : plain->reason(); }

  // Starts one operation through `start(handler)` and runs it to completion. The stream's
  // timeout bounds the socket operations; a closing handshake waits on the bare socket, so
  // the socket is also closed if the whole operation overruns.
  template <class Start>
  beast::error_code Run(std::chrono::milliseconds timeout, Start start) {
    beast::error_code result;
    bool done = false;
    Tcp().expires_after(timeout);
    start([&result, &done](beast::error_code ec, auto&&...) {
      result = ec;
      done = true;
    });
    ioc.restart();
    ioc.run_for(timeout + std::chrono::seconds(1));
    if (!done) {
      Tcp().close();
      ioc.restart();
      ioc.run();
    }
    return result;
  }

  template <class Operation>
  beast::error_code OnStream(std::chrono::milliseconds timeout, Operation operation) {
    return Run(timeout, [&](auto handler) {
      if (tls) {
        operation(*tls, std::move(handler));
      } else {
        operation(*plain, std::move(handler));
      }
    });
  }
};

TestWebSocket::TestWebSocket(uint16_t port, std::string_view target, bool tls,
                             const HeaderList& headers)
    : impl_(std::make_unique<Impl>()) {
  if (tls) {
    impl_->ssl_context.set_verify_mode(net::ssl::verify_none);
    impl_->tls.emplace(impl_->ioc, impl_->ssl_context);
  } else {
    impl_->plain.emplace(impl_->ioc);
  }
  net::ip::tcp::endpoint endpoint(net::ip::make_address("127.0.0.1"), port);
  if (impl_->Run(kTimeout, [&](auto handler) { impl_->Tcp().async_connect(endpoint, handler); })) {
    return;
  }
  if (tls) {
    auto handshake = [&](auto handler) {
      impl_->tls->next_layer().async_handshake(net::ssl::stream_base::client, handler);
    };
    if (impl_->Run(kTimeout, handshake)) return;
  }
  websocket::response_type response;
  beast::error_code ec = impl_->OnStream(kTimeout, [&](auto& ws, auto handler) {
    ws.set_option(websocket::stream_base::decorator([headers](websocket::request_type& request) {
      for (const auto& [name, value] : headers) request.set(name, value);
    }));
    ws.async_handshake(response, "127.0.0.1", std::string(target), handler);
  });
  impl_->handshake.status = static_cast<int>(response.result_int());
  CopyHeaders(response, impl_->handshake.headers);
  impl_->handshake.body = response.body();
  impl_->connected = !ec;
}

TestWebSocket::~TestWebSocket() = default;

bool TestWebSocket::connected() const { return impl_->connected; }

const TestResponse& TestWebSocket::handshake_response() const { return impl_->handshake; }

bool TestWebSocket::SendText(std::string_view text) {
  return !impl_->OnStream(kTimeout, [&](auto& ws, auto handler) {
    ws.text(true);
    ws.async_write(net::buffer(text.data(), text.size()), handler);
  });
}

bool TestWebSocket::SendBinary(std::string_view bytes) {
  return !impl_->OnStream(kTimeout, [&](auto& ws, auto handler) {
    ws.binary(true);
    ws.async_write(net::buffer(bytes.data(), bytes.size()), handler);
  });
}

std::optional<std::string> TestWebSocket::Receive(std::chrono::milliseconds timeout) {
  impl_->buffer.clear();
  beast::error_code ec = impl_->OnStream(
      timeout, [&](auto& ws, auto handler) { ws.async_read(impl_->buffer, handler); });
  if (ec) return std::nullopt;
  return beast::buffers_to_string(impl_->buffer.data());
}

uint16_t TestWebSocket::close_code() const { return impl_->Reason().code; }

std::string TestWebSocket::close_reason() const {
  return std::string(impl_->Reason().reason.data(), impl_->Reason().reason.size());
}

bool TestWebSocket::Close(uint16_t code) {
  return !impl_->OnStream(kTimeout, [&](auto& ws, auto handler) {
    ws.async_close(websocket::close_reason(code), handler);
  });
}

std::optional<TestResponse> Fetch(uint16_t port, std::string_view method, std::string_view target,
                                  const HeaderList& headers, std::string_view body) {
  TestClient client(port);
  if (!client.connected() || !client.Send(method, target, headers, body)) return std::nullopt;
  return client.Receive(method == "HEAD");
}

TestServer::TestServer(ServerOptions options, Handler handler) {
  EXPECT_TRUE(crypto::Initialize());  // Sessions draw request ids from libsodium.
  options.listen_address = "127.0.0.1";
  options.port = 0;
  if (options.threads == 0) options.threads = 2;
  auto started = Server::Start(options, std::move(handler));
  if (!started) {
    ADD_FAILURE() << "Server::Start failed: " << started.error().message;
    return;
  }
  server_ = std::move(*started);
  std::promise<void> stopped;
  stopped_ = stopped.get_future();
  thread_ = std::thread([server = server_.get(), stopped = std::move(stopped)]() mutable {
    server->Run();
    stopped.set_value();
  });
}

TestServer::~TestServer() {
  if (!StopAndWait()) {
    std::fputs("TestServer: Run() did not return after Stop(); aborting\n", stderr);
    std::abort();
  }
}

bool TestServer::StopAndWait() {
  if (!thread_.joinable()) return true;
  server_->Stop();
  if (stopped_.wait_for(kTimeout) != std::future_status::ready) return false;
  thread_.join();
  return true;
}

}  // namespace enishi::http::testing
