#include "storage/sqlite/local_channels.hpp"

#include <condition_variable>
#include <deque>
#include <thread>
#include <utility>

namespace enishi::storage::sqlite {

// One listener's queue and the thread that hands its messages over.
struct LocalChannels::Subscriber {
  std::string channel;
  cluster::ChangeListener::Handlers handlers;
  std::mutex mutex;
  std::condition_variable ready;
  std::deque<std::string> queue;  // GUARDED_BY(mutex)
  bool stopping = false;          // GUARDED_BY(mutex)

  void Run() {
    std::unique_lock lock(mutex);
    while (true) {
      ready.wait(lock, [&] { return stopping || !queue.empty(); });
      if (stopping) return;
      std::string message = std::move(queue.front());
      queue.pop_front();
      lock.unlock();
      if (handlers.on_message) handlers.on_message(message);
      lock.lock();
    }
  }
};

class LocalChannels::Listener final : public cluster::ChangeListener {
 public:
  explicit Listener(std::shared_ptr<Subscriber> subscriber)
      : subscriber_(std::move(subscriber)), thread_([s = subscriber_] { s->Run(); }) {}
  ~Listener() override {
    {
      std::lock_guard lock(subscriber_->mutex);
      subscriber_->stopping = true;
    }
    subscriber_->ready.notify_one();
    thread_.join();
  }
  Listener(const Listener&) = delete;
  Listener& operator=(const Listener&) = delete;

 private:
  std::shared_ptr<Subscriber> subscriber_;
  std::thread thread_;
};

std::unique_ptr<cluster::ChangeListener> LocalChannels::Listen(
    std::string_view channel, cluster::ChangeListener::Handlers handlers) {
  auto subscriber = std::make_shared<Subscriber>();
  subscriber->channel = std::string(channel);
  subscriber->handlers = std::move(handlers);
  {
    std::lock_guard lock(mutex_);
    std::erase_if(subscribers_, [](const auto& weak) { return weak.expired(); });
    subscribers_.push_back(subscriber);
  }
  return std::make_unique<Listener>(std::move(subscriber));
}

void LocalChannels::Deliver(std::string_view channel, std::string_view message) {
  std::vector<std::shared_ptr<Subscriber>> listening;
  {
    std::lock_guard lock(mutex_);
    for (const auto& weak : subscribers_) {
      auto subscriber = weak.lock();
      if (subscriber && subscriber->channel == channel) listening.push_back(std::move(subscriber));
    }
  }
  for (const auto& subscriber : listening) {
    {
      std::lock_guard lock(subscriber->mutex);
      if (subscriber->stopping) continue;
      subscriber->queue.emplace_back(message);
    }
    subscriber->ready.notify_one();
  }
}

}  // namespace enishi::storage::sqlite
