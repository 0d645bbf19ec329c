#pragma once
// A bounded pool of connections shared by both backends. The pool owns its connections; a
// caller borrows one through a Lease and gives it back when the Lease is destroyed.
// Thread-safe. Acquire() blocks until a connection is free, the timeout passes (kUnavailable)
// or the pool is closed (kUnavailable).

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

#include "core/result.hpp"

namespace enishi::storage::sql {

template <class Connection>
class ConnectionPool {
 public:
  // Returns its connection to the pool on destruction. Must not outlive the pool.
  class Lease {
   public:
    Lease(Lease&& other) noexcept
        : pool_(std::exchange(other.pool_, nullptr)), connection_(std::move(other.connection_)) {}
    Lease& operator=(Lease&&) = delete;
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    ~Lease() {
      if (pool_ != nullptr) pool_->Release(std::move(connection_));
    }

    Connection& operator*() const { return *connection_; }
    Connection* operator->() const { return connection_.get(); }

   private:
    friend class ConnectionPool;
    Lease(ConnectionPool* pool, std::unique_ptr<Connection> connection)
        : pool_(pool), connection_(std::move(connection)) {}

    ConnectionPool* pool_;
    std::unique_ptr<Connection> connection_;
  };

  explicit ConnectionPool(std::vector<std::unique_ptr<Connection>> connections)
      : idle_(std::move(connections)) {}
  ConnectionPool(const ConnectionPool&) = delete;
  ConnectionPool& operator=(const ConnectionPool&) = delete;
  ~ConnectionPool() { Close(); }

  Result<Lease> Acquire(std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    bool ready = available_.wait_for(lock, timeout, [&] { return closed_ || !idle_.empty(); });
    if (closed_) return Unavailable("the store is closed");
    if (!ready) return Unavailable("no database connection became free in time");
    std::unique_ptr<Connection> connection = std::move(idle_.back());
    idle_.pop_back();
    ++lent_;
    return Lease(this, std::move(connection));
  }

  // Refuses new leases, waits for every lent connection to come back, and destroys them all.
  void Close() {
    std::vector<std::unique_ptr<Connection>> connections;
    std::unique_lock lock(mutex_);
    closed_ = true;
    available_.notify_all();
    returned_.wait(lock, [&] { return lent_ == 0; });
    connections.swap(idle_);
    lock.unlock();  // Connections close (and may block on I/O) outside the lock.
  }

 private:
  void Release(std::unique_ptr<Connection> connection) {
    std::lock_guard lock(mutex_);
    idle_.push_back(std::move(connection));
    --lent_;
    available_.notify_one();
    returned_.notify_all();
  }

  std::mutex mutex_;
  std::condition_variable available_;              // A connection came back or the pool closed.
  std::condition_variable returned_;               // A connection came back; Close() waits on it.
  std::vector<std::unique_ptr<Connection>> idle_;  // GUARDED_BY(mutex_)
  size_t lent_ = 0;                                // GUARDED_BY(mutex_)
  bool closed_ = false;                            // GUARDED_BY(mutex_)
};

}  // namespace enishi::storage::sql
