#include "storage/postgres/pg_listener.hpp"

#include <fcntl.h>
#include <libpq-fe.h>
#include <poll.h>
#include <unistd.h>

#include <utility>

#include "core/log.hpp"

namespace enishi::storage::postgres {
namespace {

constexpr int kReconnectDelayMs = 1000;

// A listener only reads, so a silently dead connection (a failover, a dropped NAT entry) would
// look idle for ever: TCP keepalives find it within about a minute, and a connection attempt
// gives up after 10 s. (Ignored on a Unix socket, where the kernel reports a closed peer.)
constexpr const char* kOptionNames[] = {"dbname",        "connect_timeout",     "keepalives",
                                        "keepalives_idle", "keepalives_interval", "keepalives_count",
                                        nullptr};

}  // namespace

Result<std::unique_ptr<PgListener>> PgListener::Start(const std::string& url, std::string channel,
                                                      Handlers handlers) {
  std::unique_ptr<PgListener> listener(new PgListener(url, std::move(channel), std::move(handlers)));
  if (::pipe2(listener->wake_, O_CLOEXEC | O_NONBLOCK) != 0) {
    return Internal("cannot create the listener's wake-up pipe");
  }
  ENISHI_TRY(listener->Connect());
  listener->thread_ = std::thread([raw = listener.get()] { raw->Run(); });
  return listener;
}

PgListener::PgListener(std::string url, std::string channel, Handlers handlers)
    : url_(std::move(url)), channel_(std::move(channel)), handlers_(std::move(handlers)) {}

PgListener::~PgListener() {
  stopping_ = true;
  if (wake_[1] >= 0) (void)!::write(wake_[1], "x", 1);
  if (thread_.joinable()) thread_.join();
  if (connection_ != nullptr) PQfinish(connection_);
  for (int fd : wake_) {
    if (fd >= 0) ::close(fd);
  }
}

Result<void> PgListener::Connect() {
  if (connection_ != nullptr) PQfinish(connection_);
  // "dbname" holding the whole URL is expanded into its parts (expand_dbname), and the
  // options after it add to them.
  const char* values[] = {url_.c_str(), "10", "1", "30", "10", "3", nullptr};
  connection_ = PQconnectdbParams(kOptionNames, values, /*expand_dbname=*/1);
  auto fail = [&](std::string_view what) -> Result<void> {
    log::Warn("postgres_listen_failed",
              {{"channel", channel_}, {"detail", std::string(PQerrorMessage(connection_))}});
    PQfinish(connection_);
    connection_ = nullptr;
    return Unavailable(std::string(what));
  };
  if (PQstatus(connection_) != CONNECTION_OK) return fail("cannot connect to PostgreSQL");
  char* quoted = PQescapeIdentifier(connection_, channel_.data(), channel_.size());
  if (quoted == nullptr) return fail("cannot quote the channel name");
  std::string listen = std::string("LISTEN ") + quoted;
  PQfreemem(quoted);
  PGresult* result = PQexec(connection_, listen.c_str());
  bool listening = PQresultStatus(result) == PGRES_COMMAND_OK;
  PQclear(result);
  if (!listening) return fail("cannot LISTEN");
  return Ok();
}

bool PgListener::Wait(int socket, int timeout_ms) {
  pollfd fds[2] = {{wake_[0], POLLIN, 0}, {socket, POLLIN, 0}};
  int ready = ::poll(fds, socket >= 0 ? 2 : 1, timeout_ms);
  return ready > 0 && !stopping_ && (fds[1].revents & (POLLIN | POLLHUP | POLLERR)) != 0;
}

void PgListener::Deliver() {
  while (PGnotify* notification = PQnotifies(connection_)) {
    handlers_.on_message(notification->extra);
    PQfreemem(notification);
  }
}

void PgListener::Run() {
  Deliver();  // Any that came in with the first LISTEN's answer.
  while (!stopping_) {
    if (connection_ == nullptr) {
      Wait(-1, kReconnectDelayMs);
      if (stopping_ || !Connect()) continue;
      log::Info("postgres_listen_resumed", {{"channel", channel_}});
      handlers_.on_gap();
      Deliver();
      continue;
    }
    if (!Wait(PQsocket(connection_), -1)) continue;
    if (PQconsumeInput(connection_) == 0) {
      log::Warn("postgres_listen_lost",
                {{"channel", channel_}, {"detail", std::string(PQerrorMessage(connection_))}});
      PQfinish(connection_);
      connection_ = nullptr;
      continue;
    }
    Deliver();
  }
}

}  // namespace enishi::storage::postgres
