#include "http/connection_registry.hpp"

#include <utility>

namespace enishi::http {

size_t ConnectionRegistry::size() const {
  std::lock_guard lock(mutex_);
  return connections_.size();
}

void ConnectionRegistry::Add(const std::shared_ptr<Connection>& connection) {
  std::lock_guard lock(mutex_);
  connections_.emplace(connection.get(), connection);
}

void ConnectionRegistry::Remove(const Connection* connection) {
  std::function<void()> on_empty;
  {
    std::lock_guard lock(mutex_);
    connections_.erase(connection);
    if (connections_.empty()) on_empty = std::exchange(on_empty_, nullptr);
  }
  // Outside the lock: the callback may call back into the registry.
  if (on_empty) on_empty();
}

std::vector<std::shared_ptr<Connection>> ConnectionRegistry::Snapshot() const {
  std::vector<std::shared_ptr<Connection>> alive;
  std::lock_guard lock(mutex_);
  alive.reserve(connections_.size());
  for (const auto& [key, weak] : connections_) {
    if (auto connection = weak.lock()) alive.push_back(std::move(connection));
  }
  return alive;
}

void ConnectionRegistry::CallWhenEmpty(std::function<void()> on_empty) {
  {
    std::lock_guard lock(mutex_);
    if (!connections_.empty()) {
      on_empty_ = std::move(on_empty);
      return;
    }
    on_empty_ = nullptr;
  }
  if (on_empty) on_empty();
}

}  // namespace enishi::http
