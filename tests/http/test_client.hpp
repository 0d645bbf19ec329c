#pragma once
// Small blocking HTTP/1.1 and WebSocket clients for end-to-end tests of http::Server, and a
// fixture that runs a server in a background thread. Every wait is bounded by a timeout, so a
// broken server fails the test instead of hanging it. Beast stays inside test_client.cpp.

#include <chrono>
#include <cstdint>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "http/server.hpp"

namespace enishi::http::testing {

constexpr std::chrono::seconds kTimeout{5};

using HeaderList = std::vector<std::pair<std::string, std::string>>;

struct TestResponse {
  int status = 0;
  HeaderList headers;  // Names lowercased.
  std::string body;

  // The first header named `name` (lowercase), or empty.
  std::string Header(std::string_view name) const;
};

// One connection to 127.0.0.1. Not thread-safe.
class TestClient {
 public:
  // Connects, and for TLS handshakes without verifying the certificate; see connected().
  explicit TestClient(uint16_t port, bool tls = false);
  ~TestClient();
  TestClient(const TestClient&) = delete;
  TestClient& operator=(const TestClient&) = delete;

  bool connected() const;
  // False on error or timeout.
  bool SendRaw(std::string_view bytes);
  // Sends `method target HTTP/1.1` with Host, Content-Length when there is a body, `headers`.
  bool Send(std::string_view method, std::string_view target, const HeaderList& headers = {},
            std::string_view body = {});
  // One response, or nullopt on error, close or timeout. `head`: it answers a HEAD request.
  std::optional<TestResponse> Receive(bool head = false);
  // Whether the server closes the connection within `timeout`; discards what it sends.
  bool WaitForClose(std::chrono::milliseconds timeout);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// One WebSocket connection to 127.0.0.1, over TLS (the certificate not verified) when `tls`.
// It answers the server's pings while Receive() waits. Not thread-safe.
class TestWebSocket {
 public:
  // Connects and completes the handshake for `target`, sending `headers` with it; see
  // connected() and handshake_response().
  TestWebSocket(uint16_t port, std::string_view target, bool tls = false,
                const HeaderList& headers = {});
  ~TestWebSocket();
  TestWebSocket(const TestWebSocket&) = delete;
  TestWebSocket& operator=(const TestWebSocket&) = delete;

  // Whether the handshake succeeded.
  bool connected() const;
  // The server's answer to the handshake (101 when connected()).
  const TestResponse& handshake_response() const;
  // False on error or timeout.
  bool SendText(std::string_view text);
  bool SendBinary(std::string_view bytes);
  // The next message, text or binary; nullopt once the connection has ended (see close_code()),
  // on error or after `timeout`.
  std::optional<std::string> Receive(std::chrono::milliseconds timeout = kTimeout);
  // The code and reason of the server's close frame, once Receive() has returned nullopt
  // because of it; 0 when the connection ended without one.
  uint16_t close_code() const;
  std::string close_reason() const;
  // Sends a close frame with `code` and waits for the server's answer; false on error or
  // timeout.
  bool Close(uint16_t code);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Sends one request on a fresh connection and returns the response.
std::optional<TestResponse> Fetch(uint16_t port, std::string_view method, std::string_view target,
                                  const HeaderList& headers = {}, std::string_view body = {});

// A Server on 127.0.0.1:0 running in a background thread until destroyed.
class TestServer {
 public:
  // Check ok() before use: Start() can fail.
  TestServer(ServerOptions options, Handler handler);
  ~TestServer();
  TestServer(const TestServer&) = delete;
  TestServer& operator=(const TestServer&) = delete;

  bool ok() const { return server_ != nullptr; }
  uint16_t port() const { return server_->port(); }
  Server& server() { return *server_; }
  // Stops the server and joins its thread; false if Run() has not returned within kTimeout.
  // The destructor does the same and aborts the test binary rather than hang on failure.
  bool StopAndWait();

 private:
  std::unique_ptr<Server> server_;
  std::thread thread_;
  std::future<void> stopped_;  // Ready once Run() has returned.
};

}  // namespace enishi::http::testing
