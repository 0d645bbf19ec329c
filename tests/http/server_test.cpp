#include "http/server.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <future>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <tuple>
#include <utility>
#include <vector>

#include "crypto/random.hpp"
#include "http/test_client.hpp"

namespace enishi::http {
namespace {

using testing::Fetch;
using testing::kTimeout;
using testing::TestClient;
using testing::TestServer;
using namespace std::chrono_literals;

api::Response TextResponse(std::string body) {
  api::Response response;
  response.body = std::move(body);
  response.SetHeader("Content-Type", "text/plain");
  return response;
}

// Answers with the request target, so tests can tell responses apart.
api::Response EchoTarget(api::Request& request) { return TextResponse(request.target); }

std::string JsonError(std::string_view code, std::string_view message) {
  return "{\"error\":{\"code\":\"" + std::string(code) + "\",\"message\":\"" +
         std::string(message) + "\"}}";
}

// A scratch directory removed with the test.
class TempDir {
 public:
  TempDir()
      : path_(std::filesystem::temp_directory_path() /
              ("enishi_http_test_" + std::to_string(getpid()) + "_" + std::to_string(counter_++))) {
    std::filesystem::create_directories(path_);
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  std::string File(std::string_view name) const { return (path_ / name).string(); }

 private:
  static inline std::atomic<int> counter_{0};
  std::filesystem::path path_;
};

TEST(Server, RoundTripKeepsTheConnectionAlive) {
  std::mutex mutex;
  std::vector<api::Request> seen;
  TestServer server({}, [&](api::Request& request) {
    std::lock_guard lock(mutex);
    seen.push_back(request);
    return TextResponse("hello " + request.target);
  });
  ASSERT_TRUE(server.ok());
  TestClient client(server.port());
  ASSERT_TRUE(client.connected());

  ASSERT_TRUE(client.Send("POST", "/api/v1/echo?x=1", {{"X-Custom-Header", "Value"}}, "payload"));
  auto first = client.Receive();
  ASSERT_TRUE(first);
  EXPECT_EQ(first->status, 200);
  EXPECT_EQ(first->body, "hello /api/v1/echo?x=1");
  EXPECT_EQ(first->Header("content-type"), "text/plain");
  EXPECT_EQ(first->Header("server"), "enishi");
  EXPECT_EQ(first->Header("connection"), "");
  EXPECT_NE(first->Header("date").find(" GMT"), std::string::npos);
  ASSERT_TRUE(client.Send("GET", "/second"));
  auto second = client.Receive();
  ASSERT_TRUE(second);
  EXPECT_EQ(second->body, "hello /second");

  // The client's Connection: close is honoured.
  ASSERT_TRUE(client.Send("GET", "/last", {{"Connection", "close"}}));
  auto last = client.Receive();
  ASSERT_TRUE(last);
  EXPECT_EQ(last->Header("connection"), "close");
  EXPECT_TRUE(client.WaitForClose(kTimeout));

  std::lock_guard lock(mutex);
  ASSERT_EQ(seen.size(), 3u);
  const api::Request& request = seen[0];
  EXPECT_EQ(request.method, api::Method::kPost);
  EXPECT_EQ(request.target, "/api/v1/echo?x=1");
  EXPECT_EQ(request.Header("x-custom-header"), "Value");
  EXPECT_EQ(request.Header("host"), "127.0.0.1");
  EXPECT_EQ(request.body, "payload");
  EXPECT_EQ(request.client_ip, "127.0.0.1");
  EXPECT_FALSE(request.secure);
  EXPECT_EQ(request.request_id.size(), 12u);
  EXPECT_EQ(first->Header("x-request-id"), request.request_id);
  EXPECT_NE(seen[1].request_id, request.request_id);
  EXPECT_EQ(seen[1].method, api::Method::kGet);
}

TEST(Server, AnswersPipelinedRequestsInOrder) {
  ServerOptions options;
  options.limits.pipeline_depth = 2;  // Fewer than the requests sent, so reading pauses.
  TestServer server(options, [](api::Request& request) {
    if (request.target == "/1") std::this_thread::sleep_for(50ms);  // Later ones are quicker.
    return EchoTarget(request);
  });
  ASSERT_TRUE(server.ok());
  TestClient client(server.port());
  std::string requests;
  for (int i = 1; i <= 5; ++i) {
    requests += "GET /" + std::to_string(i) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
  }
  ASSERT_TRUE(client.SendRaw(requests));
  for (int i = 1; i <= 5; ++i) {
    auto response = client.Receive();
    ASSERT_TRUE(response) << "response " << i;
    EXPECT_EQ(response->body, "/" + std::to_string(i));
  }
}

TEST(Server, BodyOverTheLimitGets413EvenMidUpload) {
  std::atomic<int> calls{0};
  TestServer server({}, [&](api::Request& request) {
    ++calls;
    return EchoTarget(request);
  });
  ASSERT_TRUE(server.ok());
  TestClient client(server.port());
  // Four times the default 1 MiB limit: more than the socket buffers hold, so the upload
  // only completes because the server keeps reading after it has answered.
  ASSERT_TRUE(client.Send("POST", "/upload", {}, std::string(4 * 1024 * 1024, 'x')));
  auto response = client.Receive();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 413);
  EXPECT_EQ(response->Header("content-type"), "application/json");
  EXPECT_EQ(response->Header("connection"), "close");
  EXPECT_EQ(response->body, JsonError("payload_too_large", "request body exceeds 1048576 bytes"));
  EXPECT_FALSE(response->Header("x-request-id").empty());
  EXPECT_TRUE(client.WaitForClose(kTimeout));
  EXPECT_EQ(calls, 0);
}

// A server whose "/upload" takes bodies up to 3 MiB and everything else up to 1 KiB, echoing
// the size of the body it received.
class PerRouteBodyLimit : public ::testing::Test {
 protected:
  static constexpr size_t kUploadLimit = 3 * 1024 * 1024;
  static constexpr size_t kOtherLimit = 1024;

  PerRouteBodyLimit()
      : server_(Options(), [this](api::Request& request) {
          ++calls_;
          return TextResponse(std::to_string(request.body.size()));
        }) {}

  ServerOptions Options() {
    ServerOptions options;
    options.body_limit = [this](api::Method method, std::string_view target) {
      std::lock_guard lock(mutex_);
      asked_.emplace_back(method, std::string(target));
      return target.starts_with("/upload") ? kUploadLimit : kOtherLimit;
    };
    return options;
  }

  std::mutex mutex_;
  std::vector<std::pair<api::Method, std::string>> asked_;  // GUARDED_BY(mutex_)
  std::atomic<int> calls_{0};
  TestServer server_;
};

TEST_F(PerRouteBodyLimit, AsksWithTheMethodAndTargetAndAppliesTheAnswer) {
  ASSERT_TRUE(server_.ok());
  TestClient client(server_.port());
  std::string upload(2 * 1024 * 1024, 'u');  // Over the default 1 MiB, under this route's.
  ASSERT_TRUE(client.Send("POST", "/upload?kind=photo", {}, upload));
  auto response = client.Receive();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body, std::to_string(upload.size()));
  // The connection stays usable, and the next request gets its own limit.
  ASSERT_TRUE(client.Send("PUT", "/json", {}, std::string(kOtherLimit, 'j')));
  response = client.Receive();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body, std::to_string(kOtherLimit));

  std::lock_guard lock(mutex_);
  ASSERT_EQ(asked_.size(), 2u);
  EXPECT_EQ(asked_[0], std::pair(api::Method::kPost, std::string("/upload?kind=photo")));
  EXPECT_EQ(asked_[1], std::pair(api::Method::kPut, std::string("/json")));
}

TEST_F(PerRouteBodyLimit, ContentLengthOverTheRouteLimitGets413) {
  ASSERT_TRUE(server_.ok());
  for (auto [target, size, limit] : {std::tuple{"/json", kOtherLimit + 1, kOtherLimit},
                                     std::tuple{"/upload", kUploadLimit + 1, kUploadLimit}}) {
    TestClient client(server_.port());
    ASSERT_TRUE(client.Send("POST", target, {}, std::string(size, 'x')));
    auto response = client.Receive();
    ASSERT_TRUE(response) << target;
    EXPECT_EQ(response->status, 413);
    EXPECT_EQ(response->Header("connection"), "close");
    EXPECT_EQ(response->body, JsonError("payload_too_large", "request body exceeds " +
                                                                 std::to_string(limit) + " bytes"));
    EXPECT_TRUE(client.WaitForClose(kTimeout));
  }
  EXPECT_EQ(calls_, 0);
}

TEST_F(PerRouteBodyLimit, ChunkedBodyOverTheRouteLimitGets413) {
  ASSERT_TRUE(server_.ok());
  TestClient client(server_.port());
  std::string chunk(600, 'c');  // Two of them are over the 1 KiB limit.
  std::string request =
      "POST /json HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n";
  for (int i = 0; i < 2; ++i) request += "258\r\n" + chunk + "\r\n";
  request += "0\r\n\r\n";
  ASSERT_TRUE(client.SendRaw(request));
  auto response = client.Receive();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 413);
  EXPECT_EQ(response->body, JsonError("payload_too_large", "request body exceeds 1024 bytes"));
  EXPECT_EQ(calls_, 0);

  // Under the limit, chunked bodies arrive whole.
  TestClient second(server_.port());
  std::string whole =
      "POST /json HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n258\r\n";
  ASSERT_TRUE(second.SendRaw(whole + chunk + "\r\n0\r\n\r\n"));
  response = second.Receive();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body, "600");
}

TEST(Server, HeadersOver16KiBGet431) {
  TestServer server({}, EchoTarget);
  ASSERT_TRUE(server.ok());
  auto response = Fetch(server.port(), "GET", "/", {{"X-Big", std::string(17 * 1024, 'a')}});
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 431);
  EXPECT_EQ(response->Header("content-type"), "application/json");
  EXPECT_EQ(response->body, JsonError("headers_too_large", "request headers exceed 16384 bytes"));
}

TEST(Server, GarbageGets400AndTheConnectionCloses) {
  TestServer server({}, EchoTarget);
  ASSERT_TRUE(server.ok());
  TestClient client(server.port());
  ASSERT_TRUE(client.SendRaw("\x16\x03\x01 definitely not HTTP\r\n\r\n"));
  auto response = client.Receive();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 400);
  EXPECT_EQ(response->Header("content-type"), "application/json");
  EXPECT_EQ(response->body, JsonError("bad_request", "malformed HTTP request"));
  EXPECT_TRUE(client.WaitForClose(kTimeout));
}

TEST(Server, SlowClientIsDisconnectedAfterTheReadTimeout) {
  ServerOptions options;
  options.limits.read_timeout = 1s;
  std::atomic<int> calls{0};
  TestServer server(options, [&](api::Request& request) {
    ++calls;
    return EchoTarget(request);
  });
  ASSERT_TRUE(server.ok());
  TestClient client(server.port());
  auto start = std::chrono::steady_clock::now();
  ASSERT_TRUE(client.SendRaw("GET /slow HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Half: "));
  EXPECT_TRUE(client.WaitForClose(kTimeout));
  EXPECT_GE(std::chrono::steady_clock::now() - start, 900ms);
  EXPECT_EQ(calls, 0);
}

TEST(Server, IdleKeepAliveConnectionIsClosedAfterTheIdleTimeout) {
  ServerOptions options;
  options.limits.idle_timeout = 1s;
  TestServer server(options, EchoTarget);
  ASSERT_TRUE(server.ok());
  TestClient client(server.port());
  ASSERT_TRUE(client.Send("GET", "/"));
  ASSERT_TRUE(client.Receive());
  auto start = std::chrono::steady_clock::now();
  EXPECT_TRUE(client.WaitForClose(kTimeout));
  EXPECT_GE(std::chrono::steady_clock::now() - start, 900ms);
}

TEST(Server, ThrowingHandlerGets500AndServingContinues) {
  TestServer server({}, [](api::Request& request) {
    if (request.target == "/throw") throw std::runtime_error("database on fire");
    return EchoTarget(request);
  });
  ASSERT_TRUE(server.ok());
  TestClient client(server.port());
  ASSERT_TRUE(client.Send("GET", "/throw"));
  auto failed = client.Receive();
  ASSERT_TRUE(failed);
  EXPECT_EQ(failed->status, 500);
  EXPECT_EQ(failed->Header("content-type"), "application/json");
  EXPECT_EQ(failed->body, JsonError("internal", "internal error"));
  ASSERT_TRUE(client.Send("GET", "/ok"));  // Same connection.
  auto next = client.Receive();
  ASSERT_TRUE(next);
  EXPECT_EQ(next->status, 200);
  EXPECT_EQ(next->body, "/ok");
}

TEST(Server, HandlerMistakesNeverReachTheWire) {
  TestServer server({}, [](api::Request& request) {
    api::Response response = EchoTarget(request);
    if (request.target == "/split") response.SetHeader("X-Note", "a\r\nSet-Cookie: session=evil");
    if (request.target == "/status") response.status = 1000;
    return response;
  });
  ASSERT_TRUE(server.ok());
  auto split = Fetch(server.port(), "GET", "/split");
  ASSERT_TRUE(split);
  EXPECT_EQ(split->status, 200);
  EXPECT_EQ(split->Header("x-note"), "");
  EXPECT_EQ(split->Header("set-cookie"), "");
  auto status = Fetch(server.port(), "GET", "/status");
  ASSERT_TRUE(status);
  EXPECT_EQ(status->status, 500);
  EXPECT_EQ(status->body, JsonError("internal", "internal error"));
}

TEST(Server, HeadGetsContentLengthWithoutBody) {
  TempDir dir;
  std::ofstream(dir.File("page.html")) << "<p>hello</p>";
  TestServer server({}, [&](api::Request& request) {
    api::Response response = TextResponse("hello world");
    if (request.target == "/file") response.file_path = dir.File("page.html");
    return response;
  });
  ASSERT_TRUE(server.ok());
  TestClient client(server.port());
  for (auto [target, length] : {std::pair{"/text", "11"}, std::pair{"/file", "12"}}) {
    ASSERT_TRUE(client.Send("HEAD", target));
    auto head = client.Receive(/*head=*/true);
    ASSERT_TRUE(head) << target;
    EXPECT_EQ(head->status, 200);
    EXPECT_EQ(head->Header("content-length"), length) << target;
  }
  // Had a HEAD response carried body bytes, this response would be misparsed.
  ASSERT_TRUE(client.Send("GET", "/text"));
  auto get = client.Receive();
  ASSERT_TRUE(get);
  EXPECT_EQ(get->body, "hello world");
}

TEST(Server, StreamsFilePathAnd404sWhenItVanished) {
  TempDir dir;
  std::string content;
  for (int i = 0; content.size() < 200 * 1024; ++i) content += std::to_string(i) + "\n";
  std::ofstream(dir.File("big.txt"), std::ios::binary) << content;
  TestServer server({}, [&](api::Request& request) {
    api::Response response;
    response.file_path = dir.File(request.target == "/big" ? "big.txt" : "gone.txt");
    response.SetHeader("Content-Type", "text/plain");
    return response;
  });
  ASSERT_TRUE(server.ok());
  auto file = Fetch(server.port(), "GET", "/big");
  ASSERT_TRUE(file);
  EXPECT_EQ(file->status, 200);
  EXPECT_EQ(file->Header("content-length"), std::to_string(content.size()));
  EXPECT_EQ(file->body, content);
  auto gone = Fetch(server.port(), "GET", "/gone");
  ASSERT_TRUE(gone);
  EXPECT_EQ(gone->status, 404);
  EXPECT_EQ(gone->Header("content-type"), "application/json");
  EXPECT_EQ(gone->body, JsonError("not_found", "not found"));
}

TEST(Server, RefusesConnectionsBeyondTheLimit) {
  ServerOptions options;
  options.limits.max_connections = 1;
  TestServer server(options, EchoTarget);
  ASSERT_TRUE(server.ok());
  TestClient first(server.port());
  ASSERT_TRUE(first.Send("GET", "/first"));
  ASSERT_TRUE(first.Receive());  // Now the first connection is surely registered.
  TestClient second(server.port());
  EXPECT_TRUE(second.WaitForClose(kTimeout));
  ASSERT_TRUE(first.Send("GET", "/again"));
  auto again = first.Receive();
  ASSERT_TRUE(again);
  EXPECT_EQ(again->body, "/again");
}

TEST(Server, GracefulShutdownFinishesTheRequestInFlight) {
  std::promise<void> entered;
  std::atomic<bool> finished{false};
  TestServer server({}, [&](api::Request& request) {
    if (request.target == "/slow") {
      entered.set_value();
      std::this_thread::sleep_for(300ms);
      finished = true;
    }
    return EchoTarget(request);
  });
  ASSERT_TRUE(server.ok());
  TestClient client(server.port());
  ASSERT_TRUE(client.Send("GET", "/slow"));
  ASSERT_EQ(entered.get_future().wait_for(kTimeout), std::future_status::ready);
  server.server().Stop();

  // Stop() returns at once; the acceptor closes shortly after, well before the handler ends.
  auto deadline = std::chrono::steady_clock::now() + kTimeout;
  while (TestClient(server.port()).connected() && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(5ms);
  }
  EXPECT_FALSE(TestClient(server.port()).connected());
  EXPECT_FALSE(finished);

  auto response = client.Receive();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body, "/slow");
  EXPECT_EQ(response->Header("connection"), "close");
  EXPECT_TRUE(client.WaitForClose(kTimeout));
  EXPECT_TRUE(server.StopAndWait());
}

TEST(Server, ShutdownClosesIdleConnectionsAtOnce) {
  ServerOptions options;
  options.limits.shutdown_grace = 60s;  // Longer than kTimeout: waiting for it would fail.
  TestServer server(options, EchoTarget);
  ASSERT_TRUE(server.ok());
  TestClient client(server.port());
  ASSERT_TRUE(client.Send("GET", "/"));
  ASSERT_TRUE(client.Receive());
  server.server().Stop();
  EXPECT_TRUE(client.WaitForClose(kTimeout));
  EXPECT_TRUE(server.StopAndWait());
}

TEST(Server, StopBeforeRunMakesRunReturnAtOnce) {
  ASSERT_TRUE(crypto::Initialize());
  ServerOptions options;
  options.port = 0;
  auto started = Server::Start(options, EchoTarget);
  ASSERT_TRUE(started);
  Server& server = **started;
  server.Stop();
  server.Stop();
  auto ran = std::async(std::launch::async, [&] { server.Run(); });
  if (ran.wait_for(kTimeout) != std::future_status::ready) {
    std::fputs("Run() did not return after Stop(); aborting rather than hanging\n", stderr);
    std::abort();
  }
}

TEST(Server, StartRejectsBadOptions) {
  ServerOptions bad_address;
  bad_address.listen_address = "localhost:80";
  auto started = Server::Start(bad_address, EchoTarget);
  ASSERT_FALSE(started);
  EXPECT_EQ(started.error().code, ErrorCode::kInvalidArgument);

  ServerOptions bad_proxy;
  bad_proxy.trusted_proxies = {"10.0.0.0/33"};
  started = Server::Start(bad_proxy, EchoTarget);
  ASSERT_FALSE(started);
  EXPECT_EQ(started.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(started.error().message.find("10.0.0.0/33"), std::string::npos);

  TestServer running({}, EchoTarget);
  ASSERT_TRUE(running.ok());
  ServerOptions taken;
  taken.port = running.port();
  started = Server::Start(taken, EchoTarget);
  ASSERT_FALSE(started);
  EXPECT_EQ(started.error().code, ErrorCode::kUnavailable);
}

}  // namespace
}  // namespace enishi::http
