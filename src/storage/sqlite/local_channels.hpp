#pragma once
// LISTEN/NOTIFY within one process, for a database only one server uses (an SQLite file): a
// notice delivered here reaches every listener of its channel, each on a thread of its own, in
// the order notices were delivered. SqliteDatabase delivers a write unit's notices once the
// unit has committed. Thread-safe.

#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "domain/cluster/change_feed.hpp"

namespace enishi::storage::sqlite {

class LocalChannels {
 public:
  // Hears `channel` until the listener is destroyed. on_gap is never called: nothing is lost
  // in-process.
  std::unique_ptr<cluster::ChangeListener> Listen(std::string_view channel,
                                                  cluster::ChangeListener::Handlers handlers);
  // Queues `message` for every current listener of `channel`; never blocks on them.
  void Deliver(std::string_view channel, std::string_view message);

 private:
  struct Subscriber;
  class Listener;

  std::mutex mutex_;
  std::vector<std::weak_ptr<Subscriber>> subscribers_;  // GUARDED_BY(mutex_)
};

}  // namespace enishi::storage::sqlite
