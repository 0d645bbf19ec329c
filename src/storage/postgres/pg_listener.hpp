#pragma once
// PgListener: LISTEN on one channel over a libpq connection of its own, on a thread of its own,
// handing each NOTIFY payload to the handlers (cluster::ChangeListener). When the connection
// drops it reconnects (once a second until it can), listens again and reports a gap, since
// notifications sent meanwhile are lost. Stops, and joins its thread, when destroyed.

#include <atomic>
#include <memory>
#include <string>
#include <thread>

#include "core/result.hpp"
#include "domain/cluster/change_feed.hpp"

struct pg_conn;

namespace enishi::storage::postgres {

class PgListener final : public cluster::ChangeListener {
 public:
  // Connects and listens before returning, so that every notification committed after this
  // returns is heard. Errors: kUnavailable when PostgreSQL cannot be reached.
  static Result<std::unique_ptr<PgListener>> Start(const std::string& url, std::string channel,
                                                   Handlers handlers);
  PgListener(const PgListener&) = delete;
  PgListener& operator=(const PgListener&) = delete;
  ~PgListener() override;

 private:
  PgListener(std::string url, std::string channel, Handlers handlers);
  // A new connection that listens on the channel, or an error (the connection is closed).
  Result<void> Connect();
  void Run();
  // Hands over every notification the connection has read.
  void Deliver();
  // Waits up to `timeout_ms` for the connection's socket (when `socket` >= 0) or for Stop.
  // Returns whether the socket became readable.
  bool Wait(int socket, int timeout_ms);

  const std::string url_;
  const std::string channel_;
  const Handlers handlers_;
  pg_conn* connection_ = nullptr;
  int wake_[2] = {-1, -1};  // A pipe: the destructor writes to it to stop the thread.
  std::atomic<bool> stopping_{false};
  std::thread thread_;
};

}  // namespace enishi::storage::postgres
