// WebSocket delivery benchmark (`make bench-ws`, docs/PERFORMANCE.md): 10,000 clients hold
// /api/v1/stream open against one `enishi serve` on loopback while 1,000 messages a second are
// sent between them for a minute. Reports delivery latency, the server's memory per idle
// connection, its CPU time, and lost or duplicated messages; exits 1 when a target is missed.
//
// The members, their API sessions and their connections are written straight into a fresh
// SQLite store through the real repositories and AccountService::Login (Argon2id at its minimum
// cost; sign-up over HTTP costs a full Argon2id hash and an emailed code per member), before the
// server starts on it.
// Everything after that goes over HTTP and WebSocket as any client would: the direct
// conversations are opened with POST /api/v1/conversations, messages are sent with POST
// .../messages over a pool of keep-alive connections, and each socket reports arrivals.
//
// Usage: ws_bench path/to/enishi (or ENISHI_BIN). Environment: WS_BENCH_CLIENTS (10000, even),
// WS_BENCH_RATE (1000 messages/s), WS_BENCH_SECONDS (60), WS_BENCH_POOL (64 HTTP connections),
// WS_BENCH_DRAIN (10 s to wait for late deliveries), WS_BENCH_DIR (where the temporary store
// goes; default $TMPDIR or /tmp), WS_BENCH_KEEP=1 (keep it and the server log),
// WS_BENCH_SERVER_ARGS (more `enishi serve` flags, space-separated).
//
// All client I/O runs on one io_context and one thread, so bench state needs no lock; the main
// thread only starts phases and watches the atomic counters.

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/websocket/stream.hpp>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "percentiles.hpp"
#include "core/clock.hpp"
#include "core/ids.hpp"
#include "core/log.hpp"
#include "core/result.hpp"
#include "crypto/hash.hpp"
#include "crypto/random.hpp"
#include "domain/accounts/account_repository.hpp"
#include "domain/accounts/account_service.hpp"
#include "domain/mail/mail.hpp"
#include "domain/relationships/relationship_repository.hpp"
#include "storage/store.hpp"

namespace enishi::bench {
namespace {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace net = boost::asio;
namespace websocket = boost::beast::websocket;
using tcp = net::ip::tcp;
using SteadyClock = std::chrono::steady_clock;
using TimePoint = SteadyClock::time_point;
using std::chrono::milliseconds;

// The issue's targets.
constexpr double kTargetP99Ms = 50;
constexpr double kTargetKibPerIdleConnection = 20;

constexpr std::string_view kPassword = "ws-bench shared password";
constexpr std::string_view kTextPrefix = "ws-bench ";
constexpr int kSetupThreads = 8;          // Concurrent store writes share group commits.
constexpr int kConnectConcurrency = 256;  // WebSocket handshakes in flight.
constexpr int kConnectAttempts = 5;       // Per socket, before it counts as failed.
constexpr auto kRetryDelay = milliseconds(250);
constexpr auto kIoTimeout = std::chrono::seconds(30);
constexpr auto kSettle = std::chrono::seconds(5);  // Before the idle memory is read.
// After the last message is due, how long the server has to answer them all; a server that
// falls further behind has the rest counted as unanswered.
constexpr auto kAnswerGrace = std::chrono::seconds(60);
constexpr auto kProgressEvery = std::chrono::seconds(10);

struct Settings {
  std::string enishi;
  int clients = 10000;
  int rate = 1000;
  int seconds = 60;
  int pool = 64;
  int drain_seconds = 10;
  std::string dir;
  bool keep = false;
  std::vector<std::string> server_args;
};

int EnvInt(const char* name, int fallback) {
  const char* text = std::getenv(name);
  if (text == nullptr || *text == '\0') return fallback;
  int value = 0;
  auto [end, error] = std::from_chars(text, text + std::char_traits<char>::length(text), value);
  if (error != std::errc() || *end != '\0' || value <= 0) {
    std::fprintf(stderr, "ws_bench: %s=%s is not a positive number\n", name, text);
    std::exit(2);
  }
  return value;
}

std::string EnvText(const char* name, std::string fallback) {
  const char* text = std::getenv(name);
  return text == nullptr || *text == '\0' ? fallback : std::string(text);
}

Settings SettingsFrom(int argc, char** argv) {
  Settings settings;
  settings.enishi = argc > 1 ? argv[1] : EnvText("ENISHI_BIN", "");
  if (settings.enishi.empty()) {
    std::fprintf(stderr, "usage: ws_bench path/to/enishi (or set ENISHI_BIN)\n");
    std::exit(2);
  }
  settings.clients = std::max(2, EnvInt("WS_BENCH_CLIENTS", settings.clients) / 2 * 2);
  settings.rate = EnvInt("WS_BENCH_RATE", settings.rate);
  settings.seconds = EnvInt("WS_BENCH_SECONDS", settings.seconds);
  settings.pool = EnvInt("WS_BENCH_POOL", settings.pool);
  settings.drain_seconds = EnvInt("WS_BENCH_DRAIN", settings.drain_seconds);
  settings.dir = EnvText("WS_BENCH_DIR", EnvText("TMPDIR", "/tmp"));
  settings.keep = EnvText("WS_BENCH_KEEP", "0") != "0";
  std::istringstream extra(EnvText("WS_BENCH_SERVER_ARGS", ""));
  for (std::string word; extra >> word;) settings.server_args.push_back(word);
  return settings;
}

// --- The store, prepared before the server starts ---

struct Member {
  MemberId id;
  std::string id_text;
  std::string token;  // A bearer token of an "api" session.
};

// Login never mails anyone, but AccountService needs a mailer.
class NullMailer final : public mail::Mailer {
 public:
  Result<void> Send(const mail::Message& /*message*/) override { return Ok(); }
};

// Runs `work(i)` for every i in [0, count) on kSetupThreads threads; the first error stops it.
Result<void> ParallelFor(int count, const std::function<Result<void>(int)>& work) {
  std::atomic<int> next{0};
  std::mutex mutex;
  std::optional<Error> first_error;  // Guarded by mutex.
  std::vector<std::thread> threads;
  for (int t = 0; t < kSetupThreads; ++t) {
    threads.emplace_back([&] {
      for (int i; (i = next++) < count;) {
        if (auto done = work(i); !done) {
          std::lock_guard lock(mutex);
          if (!first_error) first_error = done.error();
          next = count;
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  if (first_error) return *first_error;
  return Ok();
}

// Creates `count` members, each with an API session, and connects members 2p and 2p+1.
Result<std::vector<Member>> PrepareStore(const std::string& url, int count) {
  storage::StoreOptions options;
  options.url = url;
  auto store = storage::OpenStore(options);
  if (!store) return store.error();
  // libsodium's minimum Argon2id cost; every member shares one hash, as demo members do.
  crypto::PasswordCost cost{1, 8 * 1024};
  auto hash = crypto::HashPassword(kPassword, cost);
  if (!hash) return hash.error();
  NullMailer mailer;
  accounts::AccountServiceOptions account_options;
  account_options.password_cost = cost;
  accounts::AccountService service((*store)->accounts(), mailer, SystemClock(), account_options);
  const Timestamp now = SystemClock().Now();

  std::vector<Member> members(static_cast<size_t>(count));
  auto created = ParallelFor(count, [&](int i) -> Result<void> {
    accounts::Account account;
    account.id = crypto::RandomId<MemberId>();
    account.login = "member" + std::to_string(i) + "@ws-bench.example";
    account.display_name = "Bench member " + std::to_string(i);
    account.locale = "en";
    account.password_hash = *hash;
    account.created_at = now;
    ENISHI_TRY((*store)->accounts().CreateAccount(account));
    auto session = service.Login(account.login, kPassword, accounts::SessionKind::kApi,
                                 {"127.0.0.1", "ws_bench", ""});
    if (!session) return session.error();
    members[static_cast<size_t>(i)] = {account.id, account.id.ToString(), session->token};
    return Ok();
  });
  if (!created) return created.error();
  auto connected = ParallelFor(count / 2, [&](int pair) {
    return (*store)->relationships().Connect(members[static_cast<size_t>(2 * pair)].id,
                                             members[static_cast<size_t>(2 * pair + 1)].id,
                                             relationships::Provenance::kMetInPerson, now);
  });
  (*store)->Close();
  if (!connected) return connected.error();
  return members;
}

// --- The server process ---

int FreePort() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t size = sizeof address;
  if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&address), size) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size) != 0) {
    std::perror("ws_bench: finding a free port");
    std::exit(2);
  }
  ::close(fd);
  return ntohs(address.sin_port);
}

// Reads "Key:   123 kB" from /proc/<pid>/status, in KiB; 0 when absent.
long ProcStatusKib(pid_t pid, std::string_view key) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  for (std::string line; std::getline(status, line);) {
    if (line.starts_with(key) && line.size() > key.size() && line[key.size()] == ':') {
      return std::strtol(line.c_str() + key.size() + 1, nullptr, 10);
    }
  }
  return 0;
}

// User plus system CPU time of `pid`, in seconds.
double ProcCpuSeconds(pid_t pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
  size_t paren = text.rfind(')');
  if (paren == std::string::npos) return 0;
  std::istringstream fields(text.substr(paren + 2));
  std::string field;
  double ticks = 0;
  for (int i = 3; i <= 15 && fields >> field; ++i) {  // utime is field 14, stime 15.
    if (i >= 14) ticks += std::strtod(field.c_str(), nullptr);
  }
  return ticks / static_cast<double>(::sysconf(_SC_CLK_TCK));
}

double SelfCpuSeconds() {
  rusage usage{};
  ::getrusage(RUSAGE_SELF, &usage);
  auto seconds = [](const timeval& t) { return static_cast<double>(t.tv_sec) + t.tv_usec / 1e6; };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

// `enishi serve` as a child process, logging to `log_path`. Stopped (SIGTERM, then SIGKILL) by
// the destructor.
class ServerProcess {
 public:
  ServerProcess(const Settings& settings, const std::string& store_url, int port,
                const std::string& log_path) {
    std::vector<std::string> args = {
        settings.enishi, "serve", "--store", store_url, "--listen",
        "127.0.0.1:" + std::to_string(port), "--web-root", "",
        // Every socket and pooled connection, and room for the odd reconnection.
        "--max-connections", std::to_string(settings.clients + settings.pool + 1000),
        // Every client shares one address, and some small runs send fast per account.
        "--ip-requests-per-minute", "0", "--account-requests-per-minute", "0", "--log-level",
        "warn"};
    args.insert(args.end(), settings.server_args.begin(), settings.server_args.end());
    std::vector<char*> argv;
    for (std::string& arg : args) argv.push_back(arg.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, log_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                     0644);
    posix_spawn_file_actions_adddup2(&actions, 1, 2);
    int failed =
        posix_spawn(&pid_, settings.enishi.c_str(), &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (failed != 0) {
      std::fprintf(stderr, "ws_bench: cannot start %s: %s\n", settings.enishi.c_str(),
                   std::strerror(failed));
      std::exit(2);
    }
  }
  ~ServerProcess() { Stop(); }
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  pid_t pid() const { return pid_; }

  bool Running() {
    if (pid_ <= 0) return false;
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      std::fprintf(stderr, "ws_bench: the server exited (%s %d)\n",
                   WIFSIGNALED(status) ? "signal" : "status",
                   WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status));
      pid_ = -1;
      return false;
    }
    return true;
  }

  void Stop() {
    if (!Running()) return;
    ::kill(pid_, SIGTERM);
    for (int i = 0; i < 300; ++i) {
      if (::waitpid(pid_, nullptr, WNOHANG) == pid_) {
        pid_ = -1;
        return;
      }
      std::this_thread::sleep_for(milliseconds(100));
    }
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }

 private:
  pid_t pid_ = -1;
};

// GET /healthz answers 200.
bool Healthy(const tcp::endpoint& endpoint) {
  net::io_context io;
  beast::tcp_stream stream(io);
  beast::error_code ec;
  stream.expires_after(std::chrono::seconds(2));
  stream.socket().connect(endpoint, ec);
  if (ec) return false;
  bhttp::request<bhttp::string_body> request(bhttp::verb::get, "/healthz", 11);
  request.set(bhttp::field::host, "127.0.0.1");
  bhttp::write(stream, request, ec);
  if (ec) return false;
  beast::flat_buffer buffer;
  bhttp::response<bhttp::string_body> response;
  bhttp::read(stream, buffer, response, ec);
  return !ec && response.result_int() == 200;
}

// --- HTTP: a pool of keep-alive connections, one request at a time on each ---

struct HttpJob {
  std::string target;
  std::string token;
  std::string body;
  std::function<void()> on_write;  // Just before the request is written.
  // status 0: the connection failed (`body` says how).
  std::function<void(unsigned status, std::string body)> on_done;
};

class HttpPool {
 public:
  HttpPool(net::io_context& io, tcp::endpoint endpoint, int size) : endpoint_(endpoint) {
    for (int i = 0; i < size; ++i) connections_.push_back(std::make_unique<Connection>(io));
  }

  // REQUIRES: on the io_context's thread, as for every method.
  void Submit(HttpJob job) {
    for (auto& connection : connections_) {
      if (!connection->busy) return Start(*connection, std::move(job));
    }
    pending_.push_back(std::move(job));
  }

  // Forgets the requests not yet started; returns how many.
  size_t DropPending() {
    size_t dropped = pending_.size();
    pending_.clear();
    return dropped;
  }

  // Closes the idle connections, so none is found closed by the server's idle timeout later.
  void CloseIdle() {
    for (auto& connection : connections_) {
      if (!connection->busy) Disconnect(*connection);
    }
  }

 private:
  struct Connection {
    explicit Connection(net::io_context& io) : stream(io) {}
    beast::tcp_stream stream;
    beast::flat_buffer buffer;
    bhttp::request<bhttp::string_body> request;
    bhttp::response<bhttp::string_body> response;
    HttpJob job;
    bool connected = false;
    bool busy = false;
  };

  void Start(Connection& c, HttpJob job) {
    c.busy = true;
    c.job = std::move(job);
    c.request = {bhttp::verb::post, c.job.target, 11};
    c.request.set(bhttp::field::host, "127.0.0.1");
    c.request.set(bhttp::field::authorization, "Bearer " + c.job.token);
    c.request.set(bhttp::field::content_type, "application/json");
    c.request.body() = c.job.body;
    c.request.prepare_payload();
    if (c.connected) return Write(c);
    c.stream.expires_after(kIoTimeout);
    c.stream.async_connect(endpoint_, [this, &c](beast::error_code ec) {
      if (ec) return Finish(c, 0, "connect: " + ec.message(), false);
      c.connected = true;
      Write(c);
    });
  }

  void Write(Connection& c) {
    if (c.job.on_write) c.job.on_write();
    c.stream.expires_after(kIoTimeout);
    bhttp::async_write(c.stream, c.request, [this, &c](beast::error_code ec, size_t) {
      if (ec) return Finish(c, 0, "write: " + ec.message(), false);
      c.response = {};
      bhttp::async_read(c.stream, c.buffer, c.response,
                        [this, &c](beast::error_code read_ec, size_t) {
                          if (read_ec) return Finish(c, 0, "read: " + read_ec.message(), false);
                          Finish(c, c.response.result_int(), std::move(c.response.body()),
                                 c.response.keep_alive());
                        });
    });
  }

  void Finish(Connection& c, unsigned status, std::string body, bool reusable) {
    if (!reusable) Disconnect(c);
    HttpJob job = std::move(c.job);
    c.busy = false;
    job.on_done(status, std::move(body));  // May Submit(), and take `c` again.
    if (!c.busy && !pending_.empty()) {
      HttpJob next = std::move(pending_.front());
      pending_.pop_front();
      Start(c, std::move(next));
    }
  }

  static void Disconnect(Connection& c) {
    beast::error_code ignored;
    c.stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
    c.stream.socket().close(ignored);
    c.buffer.clear();
    c.connected = false;
  }

  const tcp::endpoint endpoint_;
  std::vector<std::unique_ptr<Connection>> connections_;
  std::deque<HttpJob> pending_;
};

// --- The benchmark ---

// One message k: sent at `scheduled` by member Sender(k) to Recipient(k).
struct Record {
  TimePoint scheduled, written, acked, delivered;
  unsigned status = 0;  // Of the POST; 0 until answered (or when the connection failed).
  int deliveries = 0;   // Frames carrying it on the recipient's socket.
  int echoes = 0;       // ... on the sender's own socket.
};

struct Percentiles {
  double p50 = 0, p90 = 0, p99 = 0, max = 0;
  size_t count = 0;
};

Percentiles Summarise(std::vector<double> values) {
  Percentiles result;
  result.count = values.size();
  if (values.empty()) return result;
  std::sort(values.begin(), values.end());
  result.p50 = NearestRank(values, 0.50);
  result.p90 = NearestRank(values, 0.90);
  result.p99 = NearestRank(values, 0.99);
  result.max = values.back();
  return result;
}

double Ms(TimePoint from, TimePoint to) {
  return std::chrono::duration<double, std::milli>(to - from).count();
}

class Bench;

// One WebSocket connection of one member; a reconnection is a new WsClient.
class WsClient : public std::enable_shared_from_this<WsClient> {
 public:
  WsClient(Bench& bench, net::io_context& io, int index) : bench_(bench), index_(index), ws_(io) {}
  void Start(const tcp::endpoint& endpoint, std::string target, std::string token);
  // Drops the connection at once; the pending handlers see operation_aborted.
  void Close() {
    beast::error_code ignored;
    beast::get_lowest_layer(ws_).socket().close(ignored);
  }

 private:
  void OnHandshake(beast::error_code ec);
  void Read();

  Bench& bench_;
  const int index_;
  websocket::stream<beast::tcp_stream> ws_;
  beast::flat_buffer buffer_;
  websocket::response_type response_;
};

class Bench {
 public:
  explicit Bench(Settings settings) : settings_(std::move(settings)), timer_(io_) {}

  int Run();

  // On the io thread: from WsClient.
  void OnFrame(int index, std::string_view text, TimePoint at);
  void OnClientFailed(int index, std::string_view what, beast::error_code ec, unsigned status);

 private:
  struct Peer {
    std::shared_ptr<WsClient> client;
    int64_t last_event = 0;  // The last numbered event seen, for reconnecting with `after`.
    bool ready = false;
    int attempts = 0;
  };

  int pairs() const { return settings_.clients / 2; }
  int Sender(size_t k) const {
    size_t pair = k % static_cast<size_t>(pairs());
    return static_cast<int>(2 * pair + (k / static_cast<size_t>(pairs())) % 2);
  }
  int Recipient(size_t k) const { return Sender(k) ^ 1; }

  // Polls `done` until it holds; false on timeout or when the server died.
  bool WaitFor(const std::function<bool()>& done, SteadyClock::duration timeout);
  // Runs `work` on the io thread and waits for it.
  void OnIo(std::function<void()> work);

  void OpenConversation(int pair);
  void Connect(int index);
  void ConnectNext();
  void Tick();
  void SendMessage(size_t k);
  int Report(long rss_before_kib, long rss_idle_kib, long rss_after_kib, double server_cpu_s,
             double client_cpu_s, double drive_s);

  const Settings settings_;
  net::io_context io_;
  tcp::endpoint endpoint_;
  std::unique_ptr<ServerProcess> server_;
  std::unique_ptr<HttpPool> pool_;
  net::steady_timer timer_;

  // Io thread only, except where atomic.
  std::vector<Member> members_;
  std::vector<Peer> peers_;
  std::vector<std::string> conversations_;  // Per pair.
  std::vector<Record> records_;
  size_t next_message_ = 0;
  int next_client_ = 0;
  bool stopping_ = false;
  std::map<std::string, long> other_frames_;  // By type.
  long misdelivered_ = 0, unparsable_frames_ = 0, disconnects_ = 0;
  int errors_shown_ = 0;
  std::atomic<int> conversations_done_{0}, conversations_failed_{0};
  std::atomic<int> ready_{0}, failed_clients_{0};
  std::atomic<long> retries_{0}, written_{0}, answered_{0}, acked_{0}, delivered_{0}, echoed_{0};
};

void WsClient::Start(const tcp::endpoint& endpoint, std::string target, std::string token) {
  beast::get_lowest_layer(ws_).expires_after(kIoTimeout);
  beast::get_lowest_layer(ws_).async_connect(
      endpoint, [self = shared_from_this(), target = std::move(target),
                 token = std::move(token)](beast::error_code ec) mutable {
        if (ec) return self->bench_.OnClientFailed(self->index_, "connect", ec, 0);
        // Beast's WebSocket timeouts replace the TCP stream's from here on.
        beast::get_lowest_layer(self->ws_).expires_never();
        self->ws_.set_option(websocket::stream_base::timeout::suggested(beast::role_type::client));
        self->ws_.set_option(websocket::stream_base::decorator(
            [token = std::move(token)](websocket::request_type& request) {
              request.set(bhttp::field::authorization, "Bearer " + token);
              request.set(bhttp::field::user_agent, "ws_bench");
            }));
        self->ws_.async_handshake(self->response_, "127.0.0.1", target,
                                  beast::bind_front_handler(&WsClient::OnHandshake, self));
      });
}

void WsClient::OnHandshake(beast::error_code ec) {
  if (ec) return bench_.OnClientFailed(index_, "handshake", ec, response_.result_int());
  response_ = {};
  Read();
}

void WsClient::Read() {
  ws_.async_read(buffer_, [self = shared_from_this()](beast::error_code ec, size_t) {
    if (ec) return self->bench_.OnClientFailed(self->index_, "read", ec, 0);
    TimePoint at = SteadyClock::now();
    auto data = self->buffer_.cdata();
    self->bench_.OnFrame(self->index_,
                         std::string_view(static_cast<const char*>(data.data()), data.size()), at);
    self->buffer_.consume(self->buffer_.size());
    self->Read();
  });
}

bool Bench::WaitFor(const std::function<bool()>& done, SteadyClock::duration timeout) {
  TimePoint deadline = SteadyClock::now() + timeout;
  while (!done()) {
    if (SteadyClock::now() > deadline || !server_->Running()) return false;
    std::this_thread::sleep_for(milliseconds(20));
  }
  return true;
}

void Bench::OnIo(std::function<void()> work) {
  std::atomic<bool> finished{false};
  net::post(io_, [&] {
    work();
    finished = true;
  });
  while (!finished) std::this_thread::sleep_for(milliseconds(5));
}

void Bench::OpenConversation(int pair) {
  const Member& a = members_[static_cast<size_t>(2 * pair)];
  const Member& b = members_[static_cast<size_t>(2 * pair + 1)];
  pool_->Submit({"/api/v1/conversations", a.token, nlohmann::json{{"members", {b.id_text}}}.dump(),
                 nullptr, [this, pair](unsigned status, std::string body) {
                   auto answer = nlohmann::json::parse(body, nullptr, false);
                   if ((status == 200 || status == 201) && answer.is_object() &&
                       answer.contains("id") && answer["id"].is_string()) {
                     conversations_[static_cast<size_t>(pair)] = answer["id"].get<std::string>();
                   } else {
                     if (errors_shown_++ < 5) {
                       std::fprintf(stderr, "ws_bench: opening a conversation: %u %s\n", status,
                                    body.c_str());
                     }
                     ++conversations_failed_;
                   }
                   ++conversations_done_;
                 }});
}

void Bench::Connect(int index) {
  Peer& peer = peers_[static_cast<size_t>(index)];
  ++peer.attempts;
  std::string target = "/api/v1/stream";
  if (peer.ready) target += "?after=" + std::to_string(peer.last_event);
  peer.client = std::make_shared<WsClient>(*this, io_, index);
  peer.client->Start(endpoint_, std::move(target), members_[static_cast<size_t>(index)].token);
}

void Bench::ConnectNext() {
  if (next_client_ < settings_.clients) Connect(next_client_++);
}

void Bench::OnClientFailed(int index, std::string_view what, beast::error_code ec,
                           unsigned status) {
  Peer& peer = peers_[static_cast<size_t>(index)];
  peer.client.reset();
  if (stopping_) return;
  if (peer.ready) {
    // Dropped after it was ready: reconnect from the last event seen, as clients should.
    ++disconnects_;
    if (errors_shown_++ < 5) {
      std::fprintf(stderr, "ws_bench: socket %d dropped (%.*s: %s)\n", index,
                   static_cast<int>(what.size()), what.data(), ec.message().c_str());
    }
    peer.attempts = 0;
  } else if (peer.attempts < kConnectAttempts) {
    ++retries_;
  } else {
    if (errors_shown_++ < 5) {
      std::fprintf(stderr, "ws_bench: socket %d failed (%.*s: %s, status %u)\n", index,
                   static_cast<int>(what.size()), what.data(), ec.message().c_str(), status);
    }
    ++failed_clients_;
    return ConnectNext();
  }
  auto timer = std::make_shared<net::steady_timer>(io_, kRetryDelay);
  timer->async_wait([this, index, timer](beast::error_code) {
    if (!stopping_) Connect(index);
  });
}

void Bench::OnFrame(int index, std::string_view text, TimePoint at) {
  Peer& peer = peers_[static_cast<size_t>(index)];
  auto frame = nlohmann::json::parse(text.begin(), text.end(), nullptr, false);
  if (!frame.is_object() || !frame.contains("type") || !frame["type"].is_string()) {
    ++unparsable_frames_;
    return;
  }
  if (auto id = frame.find("id"); id != frame.end() && id->is_number_integer()) {
    peer.last_event = std::max(peer.last_event, id->get<int64_t>());
  }
  const std::string& type = frame["type"].get_ref<const std::string&>();
  if (type == "ready") {
    if (!peer.ready) {
      peer.ready = true;
      ++ready_;
      ConnectNext();
    }
    return;
  }
  const std::string* message_text = nullptr;
  if (type == "message" && frame.contains("message") && frame["message"].is_object()) {
    auto found = frame["message"].find("text");
    if (found != frame["message"].end() && found->is_string()) {
      message_text = &found->get_ref<const std::string&>();
    }
  }
  size_t k = 0;
  if (message_text == nullptr || !message_text->starts_with(kTextPrefix) ||
      std::from_chars(message_text->data() + kTextPrefix.size(),
                      message_text->data() + message_text->size(), k)
              .ec != std::errc() ||
      k >= records_.size()) {
    ++other_frames_[type];
    return;
  }
  Record& record = records_[k];
  if (index == Recipient(k)) {
    if (record.deliveries++ == 0) {
      record.delivered = at;
      ++delivered_;
    }
  } else if (index == Sender(k)) {
    if (record.echoes++ == 0) ++echoed_;
  } else {
    ++misdelivered_;
  }
}

void Bench::SendMessage(size_t k) {
  const Member& sender = members_[static_cast<size_t>(Sender(k))];
  const std::string& conversation = conversations_[k % static_cast<size_t>(pairs())];
  pool_->Submit({"/api/v1/conversations/" + conversation + "/messages", sender.token,
                 R"({"text":")" + std::string(kTextPrefix) + std::to_string(k) + "\"}",
                 [this, k] {
                   records_[k].written = SteadyClock::now();
                   ++written_;
                 },
                 [this, k](unsigned status, std::string body) {
                   Record& record = records_[k];
                   record.acked = SteadyClock::now();
                   record.status = status;
                   if (status == 201) {
                     ++acked_;
                   } else if (errors_shown_++ < 5) {
                     std::fprintf(stderr, "ws_bench: message %zu: %u %s\n", k, status,
                                  body.c_str());
                   }
                   ++answered_;
                 }});
}

void Bench::Tick() {
  TimePoint now = SteadyClock::now();
  while (next_message_ < records_.size() && records_[next_message_].scheduled <= now) {
    SendMessage(next_message_++);
  }
  if (next_message_ == records_.size()) return;
  timer_.expires_at(records_[next_message_].scheduled);
  timer_.async_wait([this](beast::error_code ec) {
    if (!ec) Tick();
  });
}

int Bench::Run() {
  // Both processes need a descriptor per socket; the server inherits this limit.
  rlimit files{};
  ::getrlimit(RLIMIT_NOFILE, &files);
  files.rlim_cur = files.rlim_max;
  ::setrlimit(RLIMIT_NOFILE, &files);
  if (files.rlim_cur < static_cast<rlim_t>(settings_.clients + settings_.pool + 100)) {
    std::fprintf(stderr, "ws_bench: RLIMIT_NOFILE is %llu, too low for %d clients\n",
                 static_cast<unsigned long long>(files.rlim_cur), settings_.clients);
    return 2;
  }
  if (auto initialized = crypto::Initialize(); !initialized) {
    std::fprintf(stderr, "ws_bench: %s\n", initialized.error().message.c_str());
    return 2;
  }
  std::string pattern = settings_.dir + "/ws_bench.XXXXXX";
  if (::mkdtemp(pattern.data()) == nullptr) {
    std::perror("ws_bench: mkdtemp");
    return 2;
  }
  const std::string dir = pattern;
  struct RemoveDir {
    std::string dir;
    bool keep;
    ~RemoveDir() {
      if (keep) return;
      std::error_code ignored;
      std::filesystem::remove_all(dir, ignored);
    }
  } remove_dir{dir, settings_.keep};
  const std::string store_url = "sqlite:" + dir + "/enishi.db";
  std::printf("ws_bench: %d clients, %d messages/s for %d s over %d HTTP connections; store %s\n",
              settings_.clients, settings_.rate, settings_.seconds, settings_.pool,
              store_url.c_str());

  TimePoint started = SteadyClock::now();
  auto members = PrepareStore(store_url, settings_.clients);
  if (!members) {
    std::fprintf(stderr, "ws_bench: preparing the store: %s\n", members.error().message.c_str());
    return 2;
  }
  members_ = std::move(*members);
  double setup_s = Ms(started, SteadyClock::now()) / 1000;
  std::printf("setup      %d members with API sessions, %d connections: %.1f s\n",
              settings_.clients, pairs(), setup_s);

  int port = FreePort();
  endpoint_ = tcp::endpoint(net::ip::make_address_v4("127.0.0.1"), static_cast<uint16_t>(port));
  const std::string log_path = dir + "/enishi.log";
  server_ = std::make_unique<ServerProcess>(settings_, store_url, port, log_path);
  auto fail = [&](const char* what) {
    std::fprintf(stderr, "ws_bench: %s; the server's log (%s) ends:\n", what, log_path.c_str());
    std::ifstream log(log_path);
    std::deque<std::string> tail;
    for (std::string line; std::getline(log, line);) {
      tail.push_back(line);
      if (tail.size() > 20) tail.pop_front();
    }
    for (const std::string& line : tail) std::fprintf(stderr, "  %s\n", line.c_str());
    stopping_ = true;
    io_.stop();
    server_->Stop();
    return 2;
  };
  if (!WaitFor([&] { return Healthy(endpoint_); }, std::chrono::seconds(30))) {
    return fail("the server did not answer /healthz");
  }

  std::printf("server     pid %d on port %d, log %s\n", static_cast<int>(server_->pid()), port,
              log_path.c_str());
  pool_ = std::make_unique<HttpPool>(io_, endpoint_, settings_.pool);
  peers_.resize(static_cast<size_t>(settings_.clients));
  conversations_.resize(static_cast<size_t>(pairs()));
  auto work = net::make_work_guard(io_);
  std::thread io_thread([this] { io_.run(); });
  struct JoinIo {
    net::io_context& io;
    std::thread& thread;
    ~JoinIo() {
      io.stop();
      if (thread.joinable()) thread.join();
    }
  } join_io{io_, io_thread};

  // Direct conversations, opened as a client would.
  started = SteadyClock::now();
  OnIo([&] {
    for (int pair = 0; pair < pairs(); ++pair) OpenConversation(pair);
  });
  if (!WaitFor([&] { return conversations_done_ == pairs(); }, std::chrono::seconds(600))) {
    return fail("opening the conversations did not finish");
  }
  if (conversations_failed_ > 0) return fail("some conversations could not be opened");
  double conversations_s = Ms(started, SteadyClock::now()) / 1000;
  OnIo([&] { pool_->CloseIdle(); });

  std::this_thread::sleep_for(std::chrono::seconds(2));
  long rss_before_kib = ProcStatusKib(server_->pid(), "VmRSS");
  started = SteadyClock::now();
  OnIo([&] {
    for (int i = 0; i < std::min(kConnectConcurrency, settings_.clients); ++i) ConnectNext();
  });
  if (!WaitFor([&] { return ready_ + failed_clients_ == settings_.clients; },
               std::chrono::seconds(600))) {
    return fail("the sockets did not all open");
  }
  double sockets_s = Ms(started, SteadyClock::now()) / 1000;
  std::printf(
      "sockets    %d of %d ready in %.1f s (%ld retries), %.1f s to open %d conversations\n",
      ready_.load(), settings_.clients, sockets_s, retries_.load(), conversations_s, pairs());
  std::this_thread::sleep_for(kSettle);
  long rss_idle_kib = ProcStatusKib(server_->pid(), "VmRSS");

  // The drive: message k is due at t0 + k/rate.
  size_t total = static_cast<size_t>(settings_.rate) * static_cast<size_t>(settings_.seconds);
  double server_cpu_before = ProcCpuSeconds(server_->pid());
  double client_cpu_before = SelfCpuSeconds();
  TimePoint t0 = SteadyClock::now() + milliseconds(100);
  OnIo([&] {
    records_.resize(total);
    for (size_t k = 0; k < total; ++k) {
      records_[k].scheduled =
          t0 + std::chrono::nanoseconds(static_cast<int64_t>(k) * 1'000'000'000 / settings_.rate);
    }
    Tick();
  });
  const TimePoint answer_deadline = t0 + std::chrono::seconds(settings_.seconds) + kAnswerGrace;
  for (TimePoint progress = t0 + kProgressEvery;; progress += kProgressEvery) {
    auto all_answered = [&] { return answered_ == static_cast<long>(total); };
    if (WaitFor(all_answered, std::min(progress, answer_deadline) - SteadyClock::now())) break;
    if (!server_->Running()) return fail("the server died during the drive");
    if (SteadyClock::now() >= answer_deadline) {
      OnIo([&] {
        timer_.cancel();
        next_message_ = records_.size();
        pool_->DropPending();
      });
      std::printf("drive      the server fell behind: stopped sending %.0f s after the start\n",
                  Ms(t0, SteadyClock::now()) / 1000);
      break;
    }
    double elapsed = Ms(t0, SteadyClock::now()) / 1000;
    std::printf("  %3.0f s    %6.0f due, %6ld written, %6ld acknowledged, %6ld delivered\n",
                elapsed, std::min<double>(static_cast<double>(total), elapsed * settings_.rate),
                written_.load(), acked_.load(), delivered_.load());
  }
  double drive_s = Ms(t0, SteadyClock::now()) / 1000;
  double server_cpu_s = ProcCpuSeconds(server_->pid()) - server_cpu_before;
  double client_cpu_s = SelfCpuSeconds() - client_cpu_before;
  // Late deliveries: wait until every acknowledged message reached both sides, or the drain.
  WaitFor([&] { return delivered_ >= acked_ && echoed_ >= acked_; },
          std::chrono::seconds(settings_.drain_seconds));
  std::this_thread::sleep_for(std::chrono::seconds(1));  // Duplicates arrive after originals.
  long rss_after_kib = ProcStatusKib(server_->pid(), "VmRSS");
  bool alive = server_->Running();

  // Our sockets go first, so the server need not wait for closing handshakes at its shutdown.
  OnIo([&] {
    stopping_ = true;
    for (Peer& peer : peers_) {
      if (peer.client) peer.client->Close();
    }
    pool_->CloseIdle();
  });
  work.reset();
  io_.stop();
  io_thread.join();
  server_->Stop();
  if (!alive) return fail("the server died during the drive");
  return Report(rss_before_kib, rss_idle_kib, rss_after_kib, server_cpu_s, client_cpu_s, drive_s);
}

int Bench::Report(long rss_before_kib, long rss_idle_kib, long rss_after_kib, double server_cpu_s,
                  double client_cpu_s, double drive_s) {
  std::vector<double> from_send, from_ack, post, lag;
  long written = 0, acked = 0, failed = 0, unanswered = 0, delivered = 0, lost = 0, duplicated = 0,
       unacked_delivered = 0, echo_missing = 0, echo_duplicated = 0;
  for (const Record& r : records_) {
    if (r.written != TimePoint()) {
      ++written;
      lag.push_back(Ms(r.scheduled, r.written));
    }
    bool ok = r.status == 201;
    acked += ok;
    failed += !ok && r.acked != TimePoint();
    unanswered += r.acked == TimePoint();
    if (r.deliveries > 0) ++delivered;
    duplicated += std::max(0, r.deliveries - 1);
    echo_duplicated += std::max(0, r.echoes - 1);
    if (ok) {
      post.push_back(Ms(r.written, r.acked));
      if (r.deliveries == 0) ++lost;
      if (r.echoes == 0) ++echo_missing;
    } else if (r.deliveries > 0) {
      ++unacked_delivered;
    }
    if (r.deliveries > 0 && r.written != TimePoint()) {
      from_send.push_back(Ms(r.written, r.delivered));
      if (ok) from_ack.push_back(Ms(r.acked, r.delivered));
    }
  }
  Percentiles send = Summarise(from_send), ack = Summarise(from_ack), post_ms = Summarise(post),
              lag_ms = Summarise(lag);
  double kib_per_connection =
      ready_ > 0 ? static_cast<double>(rss_idle_kib - rss_before_kib) / ready_ : 0;

  std::printf(
      "memory     server RSS %.1f MiB before the sockets, %.1f MiB with %d idle: "
      "%.1f KiB per idle connection; %.1f MiB after the drive\n",
      rss_before_kib / 1024.0, rss_idle_kib / 1024.0, ready_.load(), kib_per_connection,
      rss_after_kib / 1024.0);
  std::printf(
      "drive      %zu scheduled, %ld written, %ld acknowledged (201), %ld failed, "
      "%ld unanswered; %.1f s; send lag (due to written) p99 %.1f ms, max %.1f ms\n",
      records_.size(), written, acked, failed, unanswered, drive_s, lag_ms.p99, lag_ms.max);
  std::printf(
      "delivery   %ld delivered, %ld lost, %ld duplicated, %ld misdelivered, "
      "%ld delivered without a 201; own copies: %ld missing, %ld duplicated\n",
      delivered, lost, duplicated, misdelivered_, unacked_delivered, echo_missing, echo_duplicated);
  std::printf("sockets    %ld dropped and reconnected during the drive, %d never opened\n",
              disconnects_, failed_clients_.load());
  std::printf(
      "cpu        server %.1f s over the drive (%.0f%% of one core), this client %.1f s; "
      "%u cores\n",
      server_cpu_s, 100 * server_cpu_s / drive_s, client_cpu_s,
      std::thread::hardware_concurrency());
  if (!other_frames_.empty() || unparsable_frames_ > 0) {
    std::printf("frames     other:");
    for (const auto& [type, count] : other_frames_) std::printf(" %s %ld", type.c_str(), count);
    std::printf("; unparsable %ld\n", unparsable_frames_);
  }
  std::printf("\nlatency (ms)              p50      p90      p99      max   count\n");
  auto row = [](const char* name, const Percentiles& p) {
    std::printf("  %-20s %8.2f %8.2f %8.2f %8.2f %7zu\n", name, p.p50, p.p90, p.p99, p.max,
                p.count);
  };
  row("delivery from send", send);
  row("delivery from 201", ack);
  row("POST to 201", post_ms);

  bool latency_ok = send.count > 0 && send.p99 < kTargetP99Ms;
  bool memory_ok = ready_ > 0 && kib_per_connection < kTargetKibPerIdleConnection;
  bool delivery_ok = lost == 0 && duplicated == 0 && misdelivered_ == 0;
  bool run_ok = failed == 0 && unanswered == 0 && failed_clients_ == 0 && acked > 0;
  auto verdict = [](bool ok) { return ok ? "ok" : "MISSED"; };
  std::printf(
      "\ntargets    p99 delivery %.1f ms < %.0f ms: %s | %.1f KiB per idle connection < "
      "%.0f KiB: %s | %ld lost, %ld duplicated: %s | every POST 201, every socket "
      "open: %s\n",
      send.p99, kTargetP99Ms, verdict(latency_ok), kib_per_connection, kTargetKibPerIdleConnection,
      verdict(memory_ok), lost, duplicated, verdict(delivery_ok), verdict(run_ok));
  return latency_ok && memory_ok && delivery_ok && run_ok ? 0 : 1;
}

}  // namespace
}  // namespace enishi::bench

int main(int argc, char** argv) {
  ::signal(SIGPIPE, SIG_IGN);
  enishi::log::SetMinimumLevel(enishi::log::Level::kWarn);  // Not the store's migrations.
  std::setvbuf(stdout, nullptr, _IOLBF, 0);
  enishi::bench::Bench bench(enishi::bench::SettingsFrom(argc, argv));
  return bench.Run();
}
