#pragma once
// The live client connections, HTTP and WebSocket alike, so the listener can enforce
// Limits::max_connections and tell every connection to wind down at shutdown. Plain C++;
// internal to http/.

#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <vector>

namespace enishi::http {

// One client connection as the listener sees it.
class Connection {
 public:
  virtual ~Connection() = default;
  // Asks the connection to finish the request in flight and the pipelined ones already read,
  // then close; an idle connection closes at once, and a WebSocket sends what is queued and
  // closes with 1001 (going away). Thread-safe; returns immediately.
  virtual void BeginShutdown() = 0;
};

// Holds weak references only: a connection owns itself and leaves the registry from its
// destructor. Thread-safe.
class ConnectionRegistry {
 public:
  size_t size() const;
  void Add(const std::shared_ptr<Connection>& connection);
  void Remove(const Connection* connection);
  // The connections still alive.
  std::vector<std::shared_ptr<Connection>> Snapshot() const;
  // Calls `on_empty` once, on the calling thread if no connection is registered, otherwise on
  // the thread that removes the last one. An empty function cancels a pending call.
  void CallWhenEmpty(std::function<void()> on_empty);

 private:
  mutable std::mutex mutex_;
  std::unordered_map<const Connection*, std::weak_ptr<Connection>> connections_;  // mutex_
  std::function<void()> on_empty_;                                                // mutex_
};

}  // namespace enishi::http
