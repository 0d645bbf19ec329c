#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "http/server.hpp"
#include "http/test_certificate.hpp"
#include "http/test_client.hpp"

namespace enishi::http {
namespace {

using testing::HeaderList;
using testing::kTimeout;
using testing::SelfSignedCertificate;
using testing::TestClient;
using testing::TestServer;
using testing::TestWebSocket;
using namespace std::chrono_literals;

// An endpoint that echoes text frames and records every call. "close:CODE" makes it send
// "closing" and then close with CODE; "quiet" is recorded and not echoed.
class EchoEndpoint final : public api::StreamEndpoint {
 public:
  void Open(std::shared_ptr<api::StreamOutlet> outlet) override {
    std::lock_guard lock(mutex_);
    outlet_ = std::move(outlet);
    ++opened_;
    changed_.notify_all();
  }

  void Receive(std::string_view text) override {
    std::shared_ptr<api::StreamOutlet> outlet;
    {
      std::lock_guard lock(mutex_);
      received_.emplace_back(text);
      outlet = outlet_;
      changed_.notify_all();
    }
    if (text.starts_with("close:")) {
      outlet->Send("closing");
      outlet->Close(static_cast<uint16_t>(std::stoi(std::string(text.substr(6)))), "bye");
    } else if (text != "quiet") {
      outlet->Send(std::string(text));
    }
  }

  void Closed() override {
    std::lock_guard lock(mutex_);
    ++closed_;
    changed_.notify_all();
  }

  // Each waits up to kTimeout; false if the call never came.
  bool WaitForOpen() {
    return Wait([this] { return opened_ > 0; });
  }
  bool WaitForReceived(size_t count) {
    return Wait([this, count] { return received_.size() >= count; });
  }
  bool WaitForClosed() {
    return Wait([this] { return closed_ > 0; });
  }

  int opened() const {
    std::lock_guard lock(mutex_);
    return opened_;
  }
  int closed() const {
    std::lock_guard lock(mutex_);
    return closed_;
  }
  std::vector<std::string> received() const {
    std::lock_guard lock(mutex_);
    return received_;
  }
  std::shared_ptr<api::StreamOutlet> outlet() const {
    std::lock_guard lock(mutex_);
    return outlet_;
  }

 private:
  template <class Done>
  bool Wait(Done done) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, kTimeout, done);
  }

  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::shared_ptr<api::StreamOutlet> outlet_;  // GUARDED_BY(mutex_)
  int opened_ = 0;                             // GUARDED_BY(mutex_)
  int closed_ = 0;                             // GUARDED_BY(mutex_)
  std::vector<std::string> received_;          // GUARDED_BY(mutex_)
};

HeaderList HandshakeHeaders() {
  return {{"Upgrade", "websocket"},
          {"Connection", "Upgrade"},
          {"Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="},
          {"Sec-WebSocket-Version", "13"}};
}

std::string HandshakeRequest(std::string_view target) {
  std::string request = "GET " + std::string(target) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
  for (const auto& [name, value] : HandshakeHeaders()) request += name + ": " + value + "\r\n";
  return request + "\r\n";
}

// A server whose handler upgrades "/stream" to a new EchoEndpoint, answers "/private" with a
// JSON 401 and anything else with a 200 of `big_body_bytes` bytes.
class WebSocketServer : public ::testing::Test {
 protected:
  void Start(ServerOptions options = {}) {
    server_ = std::make_unique<TestServer>(options, [this](api::Request& request) {
      ++requests_;
      api::Response response;
      if (request.target == "/stream") {
        auto endpoint = std::make_shared<EchoEndpoint>();
        {
          std::lock_guard lock(mutex_);
          endpoints_.push_back(endpoint);
        }
        response.upgrade = endpoint;
        response.SetHeader("X-Stream", "accepted");
      } else if (request.target == "/private") {
        response.status = 401;
        response.body = R"({"error":{"code":"unauthenticated","message":"sign in"}})";
        response.SetHeader("Content-Type", "application/json");
      } else {
        response.body = std::string(big_body_bytes_, 'b');
      }
      return response;
    });
    ASSERT_TRUE(server_->ok());
  }

  uint16_t port() const { return server_->port(); }

  // The endpoint of the `index`th upgraded request, once it has been created.
  std::shared_ptr<EchoEndpoint> Endpoint(size_t index = 0) {
    auto deadline = std::chrono::steady_clock::now() + kTimeout;
    while (std::chrono::steady_clock::now() < deadline) {
      {
        std::lock_guard lock(mutex_);
        if (endpoints_.size() > index) return endpoints_[index];
      }
      std::this_thread::sleep_for(1ms);
    }
    ADD_FAILURE() << "no endpoint " << index;
    return std::make_shared<EchoEndpoint>();
  }

  size_t endpoint_count() {
    std::lock_guard lock(mutex_);
    return endpoints_.size();
  }

  size_t big_body_bytes_ = 2;
  std::atomic<int> requests_{0};
  std::mutex mutex_;
  std::vector<std::shared_ptr<EchoEndpoint>> endpoints_;  // GUARDED_BY(mutex_)
  std::unique_ptr<TestServer> server_;  // Last: stopped before the members it uses go.
};

TEST_F(WebSocketServer, HandshakeOpensTheEndpointAndTextFramesEchoInOrder) {
  Start();
  TestWebSocket ws(port(), "/stream");
  ASSERT_TRUE(ws.connected());
  const testing::TestResponse& handshake = ws.handshake_response();
  EXPECT_EQ(handshake.status, 101);
  EXPECT_EQ(handshake.Header("server"), "enishi");
  EXPECT_EQ(handshake.Header("x-request-id").size(), 12u);
  EXPECT_EQ(handshake.Header("x-stream"), "accepted");
  EXPECT_EQ(handshake.Header("sec-websocket-extensions"), "");  // permessage-deflate is off.
  std::shared_ptr<EchoEndpoint> endpoint = Endpoint();
  EXPECT_TRUE(endpoint->WaitForOpen());

  const std::vector<std::string> messages = {"one", "two", std::string(10000, 'x'), "", "four"};
  for (const auto& message : messages) ASSERT_TRUE(ws.SendText(message));
  for (const auto& message : messages) EXPECT_EQ(ws.Receive(), message);
  EXPECT_EQ(endpoint->received(), messages);
  EXPECT_EQ(endpoint->closed(), 0);
}

TEST_F(WebSocketServer, BytesSentRightBehindTheHandshakeAreNotLost) {
  Start();
  TestClient client(port());
  // A masked text frame "early" (mask key 0), in the same packet as the handshake.
  std::string frame = "\x81\x85";
  frame += std::string(4, '\0') + "early";
  ASSERT_TRUE(client.SendRaw(HandshakeRequest("/stream") + frame));
  auto response = client.Receive();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 101);
  std::shared_ptr<EchoEndpoint> endpoint = Endpoint();
  EXPECT_TRUE(endpoint->WaitForReceived(1));
  EXPECT_EQ(endpoint->received(), std::vector<std::string>{"early"});
}

TEST_F(WebSocketServer, MalformedFramesCloseTheSocket) {
  Start();
  const std::string kMask(4, '\0');  // Payloads below go unchanged under a zero mask key.
  const std::vector<std::string> frames = {
      std::string("\x81\x05hello"),                             // Unmasked.
      "\x83\x80" + kMask,                                       // Reserved opcode.
      "\xC1\x80" + kMask,                                       // RSV1 without an extension.
      "\x81\xFF\x80" + std::string(7, '\0') + kMask,            // 2^63-byte payload.
      "\x81\x82" + kMask + "\xC3\x28",                          // Invalid UTF-8.
      "\x09\x80" + kMask,                                       // Fragmented ping.
      "\x88\x82" + kMask + std::string("\x03\xED", 2),          // Close with code 1005.
      std::string("\x01\x80", 2) + kMask + "\x81\x80" + kMask,  // New message mid-message.
  };
  for (size_t i = 0; i < frames.size(); ++i) {
    TestClient client(port());
    ASSERT_TRUE(client.SendRaw(HandshakeRequest("/stream") + frames[i]));
    auto response = client.Receive();
    ASSERT_TRUE(response) << i;
    EXPECT_EQ(response->status, 101) << i;
    EXPECT_TRUE(client.WaitForClose(kTimeout)) << i;
    EXPECT_TRUE(Endpoint(i)->WaitForClosed()) << i;
    EXPECT_TRUE(Endpoint(i)->received().empty()) << i;
  }
}

TEST_F(WebSocketServer, BinaryFrameIsClosedWith1003) {
  Start();
  TestWebSocket ws(port(), "/stream");
  ASSERT_TRUE(ws.connected());
  ASSERT_TRUE(ws.SendBinary("\x01\x02"));
  EXPECT_EQ(ws.Receive(), std::nullopt);
  EXPECT_EQ(ws.close_code(), 1003);
  std::shared_ptr<EchoEndpoint> endpoint = Endpoint();
  EXPECT_TRUE(endpoint->WaitForClosed());
  EXPECT_TRUE(endpoint->received().empty());
}

TEST_F(WebSocketServer, FrameOverTheLimitIsClosedWith1009) {
  ServerOptions options;
  options.limits.stream_frame_bytes = 1024;
  Start(options);
  TestWebSocket ws(port(), "/stream");
  ASSERT_TRUE(ws.connected());
  ASSERT_TRUE(ws.SendText(std::string(1024, 'a')));  // At the limit: delivered.
  EXPECT_EQ(ws.Receive(), std::string(1024, 'a'));
  ASSERT_TRUE(ws.SendText(std::string(1025, 'a')));
  EXPECT_EQ(ws.Receive(), std::nullopt);
  EXPECT_EQ(ws.close_code(), 1009);
  std::shared_ptr<EchoEndpoint> endpoint = Endpoint();
  EXPECT_TRUE(endpoint->WaitForClosed());
  EXPECT_EQ(endpoint->received().size(), 1u);
}

TEST_F(WebSocketServer, SendFromAnotherThreadArrives) {
  Start();
  TestWebSocket ws(port(), "/stream");
  ASSERT_TRUE(ws.connected());
  std::shared_ptr<EchoEndpoint> endpoint = Endpoint();
  ASSERT_TRUE(endpoint->WaitForOpen());
  bool sent = false;
  std::thread([&] { sent = endpoint->outlet()->Send("pushed"); }).join();
  EXPECT_TRUE(sent);
  EXPECT_EQ(ws.Receive(), "pushed");
}

TEST_F(WebSocketServer, ClientThatNeverReadsIsClosedWith1008AtTheQueueLimit) {
  ServerOptions options;
  options.limits.stream_queue_bytes = 128 * 1024;
  Start(options);
  TestWebSocket ws(port(), "/stream");
  ASSERT_TRUE(ws.connected());
  std::shared_ptr<EchoEndpoint> endpoint = Endpoint();
  ASSERT_TRUE(endpoint->WaitForOpen());
  std::shared_ptr<api::StreamOutlet> outlet = endpoint->outlet();

  // Paced so that the server writes each frame before the next comes, until the socket
  // buffers (a few MiB) are full and a write stalls; past that, the queue fills.
  const std::string frame(32 * 1024, 'f');
  constexpr int kMaxFrames = 64 * 1024 * 1024 / (32 * 1024);
  int accepted = 0;
  while (accepted < kMaxFrames && outlet->Send(frame)) {
    ++accepted;
    std::this_thread::sleep_for(100us);
  }
  ASSERT_LT(accepted, kMaxFrames) << "the queue never filled";
  EXPECT_GT(accepted, 4);           // More than the queue holds: the socket took some.
  EXPECT_FALSE(outlet->Send("x"));  // Closing: everything after is refused.

  // Now the client reads: what was written before the overflow, then the close.
  int received = 0;
  while (auto message = ws.Receive()) {
    EXPECT_EQ(*message, frame);
    ++received;
  }
  EXPECT_EQ(ws.close_code(), 1008);
  EXPECT_EQ(ws.close_reason(), "client too slow");
  EXPECT_LE(received, accepted);
  EXPECT_TRUE(endpoint->WaitForClosed());
  EXPECT_EQ(endpoint->closed(), 1);
}

TEST_F(WebSocketServer, EndpointCloseFlushesThenClosesWithItsCode) {
  Start();
  struct Case {
    std::string trigger;
    uint16_t expected;
  };
  // 1005 may not be sent (RFC 6455 §7.4.1): it becomes 1011, internal error.
  for (const Case& c :
       {Case{"close:4000", 4000}, Case{"close:1000", 1000}, Case{"close:1005", 1011}}) {
    TestWebSocket ws(port(), "/stream");
    ASSERT_TRUE(ws.connected());
    ASSERT_TRUE(ws.SendText(c.trigger));
    EXPECT_EQ(ws.Receive(), "closing") << c.trigger;
    EXPECT_EQ(ws.Receive(), std::nullopt);
    EXPECT_EQ(ws.close_code(), c.expected) << c.trigger;
  }
  for (size_t i = 0; i < 3; ++i) EXPECT_TRUE(Endpoint(i)->WaitForClosed());
}

TEST_F(WebSocketServer, PeerCloseCallsClosedOnceAndTheOutletGoesDead) {
  Start();
  TestWebSocket ws(port(), "/stream");
  ASSERT_TRUE(ws.connected());
  std::shared_ptr<EchoEndpoint> endpoint = Endpoint();
  ASSERT_TRUE(endpoint->WaitForOpen());
  ASSERT_TRUE(ws.Close(1000));
  EXPECT_TRUE(endpoint->WaitForClosed());
  std::this_thread::sleep_for(50ms);
  EXPECT_EQ(endpoint->closed(), 1);
  EXPECT_FALSE(endpoint->outlet()->Send("anyone?"));
  endpoint->outlet()->Close(1000, "");  // Harmless on a dead session.
}

TEST_F(WebSocketServer, StopClosesWith1001AndRunReturnsPromptly) {
  ServerOptions options;
  options.limits.shutdown_grace = 60s;  // Longer than kTimeout: waiting for it would fail.
  Start(options);
  TestWebSocket ws(port(), "/stream");
  ASSERT_TRUE(ws.connected());
  std::shared_ptr<EchoEndpoint> endpoint = Endpoint();
  ASSERT_TRUE(endpoint->WaitForOpen());
  server_->server().Stop();
  EXPECT_EQ(ws.Receive(), std::nullopt);  // Reading answers the server's close frame.
  EXPECT_EQ(ws.close_code(), 1001);
  EXPECT_TRUE(server_->StopAndWait());
  EXPECT_EQ(endpoint->closed(), 1);
}

TEST_F(WebSocketServer, StopReturnsWithinTheGraceWhenTheClientIgnoresTheClose) {
  ServerOptions options;
  options.limits.shutdown_grace = 1s;
  Start(options);
  TestWebSocket ws(port(), "/stream");  // Never reads, so never answers the close frame.
  ASSERT_TRUE(ws.connected());
  std::shared_ptr<EchoEndpoint> endpoint = Endpoint();
  ASSERT_TRUE(endpoint->WaitForOpen());
  auto start = std::chrono::steady_clock::now();
  EXPECT_TRUE(server_->StopAndWait());
  EXPECT_LT(std::chrono::steady_clock::now() - start, 3s);
  server_.reset();  // Sessions the grace cut short end with their io_context.
  EXPECT_EQ(endpoint->closed(), 1);
}

TEST_F(WebSocketServer, SilentClientIsClosedAfterTheIdleTimeout) {
  ServerOptions options;
  options.limits.stream_idle_timeout = 1s;
  Start(options);
  TestWebSocket ws(port(), "/stream");  // Never reads, so never answers the pings.
  ASSERT_TRUE(ws.connected());
  auto start = std::chrono::steady_clock::now();
  EXPECT_TRUE(Endpoint()->WaitForClosed());
  EXPECT_GE(std::chrono::steady_clock::now() - start, 900ms);
}

TEST_F(WebSocketServer, HandlerThatDoesNotUpgradeAnswersAsUsual) {
  Start();
  TestClient client(port());
  ASSERT_TRUE(client.Send("GET", "/private", HandshakeHeaders()));
  auto response = client.Receive();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 401);
  EXPECT_EQ(response->Header("content-type"), "application/json");
  EXPECT_EQ(response->body, R"({"error":{"code":"unauthenticated","message":"sign in"}})");
  // The connection still speaks HTTP.
  ASSERT_TRUE(client.Send("GET", "/other"));
  response = client.Receive();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);

  TestWebSocket ws(port(), "/private");
  EXPECT_FALSE(ws.connected());
  EXPECT_EQ(ws.handshake_response().status, 401);
}

TEST_F(WebSocketServer, MalformedHandshakeIsRefusedBeforeTheHandler) {
  Start();
  struct Case {
    std::string drop;     // Header left out.
    std::string version;  // Sec-WebSocket-Version sent.
    int status;
  };
  for (const Case& c : {Case{"Sec-WebSocket-Key", "13", 400}, Case{"", "8", 426},
                        Case{"Sec-WebSocket-Version", "", 400}}) {
    HeaderList headers;
    for (const auto& [name, value] : HandshakeHeaders()) {
      if (name == c.drop) continue;
      headers.emplace_back(name, name == "Sec-WebSocket-Version" ? c.version : value);
    }
    TestClient client(port());
    ASSERT_TRUE(client.Send("GET", "/stream", headers));
    auto response = client.Receive();
    ASSERT_TRUE(response) << c.drop << c.version;
    EXPECT_EQ(response->status, c.status) << c.drop << c.version;
    EXPECT_EQ(response->Header("content-type"), "application/json");
    EXPECT_NE(response->body.find(c.status == 400 ? "bad_request" : "upgrade_required"),
              std::string::npos)
        << response->body;
    if (c.status == 426) {
      EXPECT_EQ(response->Header("sec-websocket-version"), "13");
    }
  }
  EXPECT_EQ(requests_, 0);
}

TEST_F(WebSocketServer, HandshakePipelinedBehindAResponseIsRefused) {
  big_body_bytes_ = 16 * 1024 * 1024;  // Still being written when the handshake is read.
  Start();
  TestClient client(port());
  ASSERT_TRUE(
      client.SendRaw("GET /big HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n" + HandshakeRequest("/stream")));
  auto big = client.Receive();
  ASSERT_TRUE(big);
  EXPECT_EQ(big->status, 200);
  EXPECT_EQ(big->body.size(), big_body_bytes_);
  auto refused = client.Receive();
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 400);
  EXPECT_EQ(endpoint_count(), 0u);
}

TEST_F(WebSocketServer, MaxConnectionsCountsWebSockets) {
  ServerOptions options;
  options.limits.max_connections = 1;
  Start(options);
  TestWebSocket ws(port(), "/stream");
  ASSERT_TRUE(ws.connected());
  ASSERT_TRUE(Endpoint()->WaitForOpen());
  TestClient second(port());
  EXPECT_TRUE(second.WaitForClose(kTimeout));
  ASSERT_TRUE(ws.SendText("still here"));
  EXPECT_EQ(ws.Receive(), "still here");
}

TEST_F(WebSocketServer, EchoesOverTls) {
  SelfSignedCertificate certificate;
  ASSERT_TRUE(certificate.ok());
  ServerOptions options;
  options.tls_certificate_file = certificate.certificate_file();
  options.tls_private_key_file = certificate.private_key_file();
  Start(options);
  TestWebSocket ws(port(), "/stream", /*tls=*/true);
  ASSERT_TRUE(ws.connected());
  for (const char* message : {"over", "tls"}) {
    ASSERT_TRUE(ws.SendText(message));
    EXPECT_EQ(ws.Receive(), message);
  }
  ASSERT_TRUE(ws.Close(1000));
  EXPECT_TRUE(Endpoint()->WaitForClosed());
}

}  // namespace
}  // namespace enishi::http
