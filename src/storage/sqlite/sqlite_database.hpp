#pragma once
// The embedded SQLite backend. One writer connection, driven by one writer thread that group-
// commits: it takes every queued write unit, runs each inside its own SAVEPOINT of a single
// BEGIN IMMEDIATE transaction, commits once (one fsync), and only then tells each caller how
// its unit went. A unit that fails is rolled back to its savepoint; the others still commit.
// Reads run in parallel on a pool of read-only connections (WAL lets them run beside the
// writer). An in-memory database has no pool: reads share the writer connection, under a lock.
//
// Thread-safe. Write units must not call back into the database (they run on the writer
// thread, which would wait for itself).

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "core/result.hpp"
#include "storage/sql/connection_pool.hpp"
#include "storage/sql/sql_database.hpp"
#include "storage/sqlite/local_channels.hpp"

namespace enishi::storage::sqlite {

class SqliteConnection;

// The most write units one commit carries; bounds how long a caller waits behind a batch.
inline constexpr size_t kMaxUnitsPerCommit = 256;

class SqliteDatabase final : public sql::SqlDatabase {
 public:
  // Counters for tests and metrics.
  struct WriteStats {
    int64_t submitted = 0;  // Write units handed to Write().
    int64_t finished = 0;   // Write units whose caller has been answered.
    int64_t commits = 0;    // Successful COMMITs; fewer than `finished` when commits batch.
  };

  // Opens (creating it and its folder if needed) the database file at `path` with `readers`
  // read-only connections, or a private in-memory database when `path` is ":memory:". Waits
  // up to `busy_timeout` for a lock held by another process, and for a free reader.
  // kUnavailable when the file or folder cannot be created or opened.
  // REQUIRES: readers >= 1 for a file.
  static Result<std::unique_ptr<SqliteDatabase>> Open(const std::string& path, int readers,
                                                      std::chrono::milliseconds busy_timeout);
  SqliteDatabase(const SqliteDatabase&) = delete;
  SqliteDatabase& operator=(const SqliteDatabase&) = delete;
  ~SqliteDatabase() override;

  sql::Dialect dialect() const override { return sql::Dialect::kSqlite; }
  std::string_view backend() const override { return "sqlite"; }
  Result<void> Read(const sql::SqlUnit& unit) override;
  Result<void> Write(const sql::SqlUnit& unit) override;
  // In-process: the notices of this process's own write units, after they commit.
  Result<std::unique_ptr<cluster::ChangeListener>> Listen(
      std::string_view channel, cluster::ChangeListener::Handlers handlers) override {
    return channels_.Listen(channel, std::move(handlers));
  }
  void Close() override;

  WriteStats write_stats() const;

  // A notice of a write unit, delivered once its batch commits.
  struct Notice {
    std::string channel;
    std::string message;
  };

 private:
  struct PendingWrite;

  SqliteDatabase(std::unique_ptr<SqliteConnection> writer,
                 std::vector<std::unique_ptr<SqliteConnection>> readers, bool in_memory,
                 std::chrono::milliseconds acquire_timeout);

  void WriterLoop();
  // Runs `batch` in one transaction. Units that could not be settled because the transaction
  // was lost under them are returned, to run again in the next batch.
  std::vector<PendingWrite*> CommitBatch(const std::vector<PendingWrite*>& batch);

  const std::chrono::milliseconds acquire_timeout_;
  const bool in_memory_;

  std::mutex writer_mutex_;  // Held by the writer thread per batch, and by in-memory reads.
  std::unique_ptr<SqliteConnection> writer_;       // GUARDED_BY(writer_mutex_); null once closed.
  sql::ConnectionPool<SqliteConnection> readers_;  // Empty for an in-memory database.

  mutable std::mutex queue_mutex_;
  std::condition_variable queue_ready_;
  std::deque<PendingWrite*> queue_;  // GUARDED_BY(queue_mutex_)
  bool closing_ = false;             // GUARDED_BY(queue_mutex_)
  std::once_flag close_once_;

  LocalChannels channels_;
  std::atomic<int64_t> submitted_{0};
  std::atomic<int64_t> finished_{0};
  std::atomic<int64_t> commits_{0};

  std::thread writer_thread_;  // Last: it starts in the constructor and uses every field above.
};

}  // namespace enishi::storage::sqlite
