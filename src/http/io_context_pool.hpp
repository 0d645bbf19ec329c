#pragma once
// One single-threaded io_context per worker thread, as nginx runs one event loop per worker.
// A connection stays on one context for its whole life, so its handlers are serialised by
// that context's single thread: no strand and no lock is contended by other connections.
// (A shared multi-threaded io_context measured ~25% slower on 2 cores: docs/PERFORMANCE.md.)
// The listener and the signal handlers have a context and thread of their own, so a slow
// request never delays accepting connections or shutting down.
//
// Thread-safety: Next() is called on the listener's strand only; Stop() from any thread.

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <memory>
#include <thread>
#include <vector>

#include "core/check.hpp"

namespace enishi::http {

class IoContextPool {
 public:
  // `workers` contexts for connections, plus the primary one.
  explicit IoContextPool(int workers) {
    ENISHI_CHECK(workers > 0, "an IoContextPool needs a worker");
    for (int i = 0; i <= workers; ++i) {
      contexts_.push_back(std::make_unique<boost::asio::io_context>(1));
      // A context with no connection yet must keep running until Stop().
      guards_.push_back(boost::asio::make_work_guard(*contexts_.back()));
    }
  }
  IoContextPool(const IoContextPool&) = delete;
  IoContextPool& operator=(const IoContextPool&) = delete;

  // The context of the listener and the signal handlers.
  boost::asio::io_context& primary() { return *contexts_.front(); }
  // The worker context for the next connection, round-robin.
  boost::asio::io_context& Next() { return *contexts_[1 + next_++ % (contexts_.size() - 1)]; }

  // Runs every context on its own thread, the primary on the caller's, until Stop().
  void Run() {
    std::vector<std::jthread> workers;
    for (size_t i = 1; i < contexts_.size(); ++i) {
      workers.emplace_back([context = contexts_[i].get()] { context->run(); });
    }
    contexts_.front()->run();
  }  // Joins the workers.

  void Stop() {
    for (auto& context : contexts_) context->stop();
  }

 private:
  std::vector<std::unique_ptr<boost::asio::io_context>> contexts_;
  std::vector<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> guards_;
  size_t next_ = 0;
};

}  // namespace enishi::http
