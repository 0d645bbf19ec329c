#include "storage/sqlite/sqlite_database.hpp"

#include <filesystem>
#include <future>
#include <system_error>
#include <utility>

#include "core/log.hpp"
#include "storage/sqlite/sqlite_connection.hpp"

namespace enishi::storage::sqlite {
namespace {

constexpr std::string_view kMemoryPath = ":memory:";

constexpr std::string_view kBegin = "BEGIN IMMEDIATE";
constexpr std::string_view kBeginRead = "BEGIN";
constexpr std::string_view kCommit = "COMMIT";
constexpr std::string_view kRollback = "ROLLBACK";
constexpr std::string_view kSavepoint = "SAVEPOINT unit";
constexpr std::string_view kRelease = "RELEASE unit";
constexpr std::string_view kRollbackTo = "ROLLBACK TO unit";

Result<void> CreateParentFolder(const std::string& path) {
  std::filesystem::path parent = std::filesystem::path(path).parent_path();
  if (parent.empty()) return Ok();
  std::error_code error;
  std::filesystem::create_directories(parent, error);
  if (error) {
    log::Warn("sqlite_mkdir_failed", {{"path", parent.string()}, {"detail", error.message()}});
    return Unavailable("cannot create the folder of the SQLite database");
  }
  return Ok();
}

// The writer connection as one write unit sees it: statements go through, notices are kept
// for delivery after the commit.
class UnitConnection final : public sql::SqlConnection {
 public:
  explicit UnitConnection(SqliteConnection& db) : db_(db) {}
  Result<int64_t> Execute(std::string_view sql, sql::SqlParams params) override {
    return db_.Execute(sql, params);
  }
  Result<void> Query(std::string_view sql, sql::SqlParams params,
                     const sql::RowCallback& on_row) override {
    return db_.Query(sql, params, on_row);
  }
  Result<void> ExecuteScript(std::string_view sql) override { return db_.ExecuteScript(sql); }
  Result<void> Notify(std::string_view channel, std::string_view message) override {
    notices_.push_back({std::string(channel), std::string(message)});
    return Ok();
  }
  std::vector<SqliteDatabase::Notice>& notices() { return notices_; }

 private:
  SqliteConnection& db_;
  std::vector<SqliteDatabase::Notice> notices_;
};

// Runs `unit` inside a savepoint of the open transaction and undoes just its work when it
// fails. When the unit cannot be isolated that way, abandons the whole transaction instead.
// The unit's notices join `notices` only when it succeeded.
Result<void> RunIsolated(SqliteConnection& db, const sql::SqlUnit& unit,
                         std::vector<SqliteDatabase::Notice>& notices) {
  if (auto opened = db.Execute(kSavepoint); !opened) {
    (void)db.Execute(kRollback);
    return opened.error();
  }
  UnitConnection connection(db);
  Result<void> result = unit(connection);
  if (result) {
    for (auto& notice : connection.notices()) notices.push_back(std::move(notice));
  }
  if (result) {
    auto released = db.Execute(kRelease);
    if (released) return Ok();
    result = released.error();
  } else if (db.Execute(kRollbackTo) && db.Execute(kRelease)) {
    return result;
  }
  (void)db.Execute(kRollback);
  return result;
}

}  // namespace

// A caller's write unit, waiting in the queue. Lives on the caller's stack: the caller blocks
// in Write() until `done` is set.
struct SqliteDatabase::PendingWrite {
  const sql::SqlUnit* unit;
  std::promise<Result<void>> done;
};

Result<std::unique_ptr<SqliteDatabase>> SqliteDatabase::Open(
    const std::string& path, int readers, std::chrono::milliseconds busy_timeout) {
  bool in_memory = path == kMemoryPath;
  if (!in_memory) ENISHI_TRY(CreateParentFolder(path));
  // The writer opens first: it creates the file and switches it to WAL, which the read-only
  // connections then rely on.
  auto writer = SqliteConnection::Open(path, SqliteConnection::Mode::kWriter, busy_timeout);
  if (!writer) return writer.error();
  std::vector<std::unique_ptr<SqliteConnection>> reader_connections;
  for (int i = 0; !in_memory && i < readers; ++i) {
    auto reader = SqliteConnection::Open(path, SqliteConnection::Mode::kReader, busy_timeout);
    if (!reader) return reader.error();
    reader_connections.push_back(std::move(reader).value());
  }
  return std::unique_ptr<SqliteDatabase>(new SqliteDatabase(
      std::move(writer).value(), std::move(reader_connections), in_memory, busy_timeout));
}

SqliteDatabase::SqliteDatabase(std::unique_ptr<SqliteConnection> writer,
                               std::vector<std::unique_ptr<SqliteConnection>> readers,
                               bool in_memory, std::chrono::milliseconds acquire_timeout)
    : acquire_timeout_(acquire_timeout),
      in_memory_(in_memory),
      writer_(std::move(writer)),
      readers_(std::move(readers)),
      writer_thread_([this] { WriterLoop(); }) {}

SqliteDatabase::~SqliteDatabase() { Close(); }

Result<void> SqliteDatabase::Read(const sql::SqlUnit& unit) {
  if (in_memory_) {
    // One connection serves everything, so a read waits for the batch in progress: it must
    // not see another unit's uncommitted rows. A batch is short, so this needs no timeout.
    std::lock_guard lock(writer_mutex_);
    if (writer_ == nullptr) return Unavailable("the store is closed");
    return unit(*writer_);
  }
  auto lease = readers_.Acquire(acquire_timeout_);
  if (!lease) return lease.error();
  SqliteConnection& db = **lease;
  // One read transaction for the whole unit: its statements see one snapshot, and the WAL
  // read lock is taken once rather than once a statement.
  ENISHI_TRY(db.Execute(kBeginRead));
  Result<void> result = unit(db);
  if (db.in_transaction()) {
    auto ended = db.Execute(kCommit);
    if (!ended) {
      (void)db.Execute(kRollback);
      if (result) result = ended.error();
    }
  }
  return result;
}

Result<void> SqliteDatabase::Write(const sql::SqlUnit& unit) {
  PendingWrite pending{&unit, {}};
  std::future<Result<void>> done = pending.done.get_future();
  {
    std::lock_guard lock(queue_mutex_);
    if (closing_) return Unavailable("the store is closed");
    queue_.push_back(&pending);
    ++submitted_;
  }
  queue_ready_.notify_one();
  return done.get();
}

void SqliteDatabase::Close() {
  std::call_once(close_once_, [this] {
    {
      std::lock_guard lock(queue_mutex_);
      closing_ = true;
    }
    queue_ready_.notify_one();
    writer_thread_.join();  // The writer drains the queue before it exits.
    readers_.Close();
    std::lock_guard lock(writer_mutex_);
    writer_.reset();
  });
}

SqliteDatabase::WriteStats SqliteDatabase::write_stats() const {
  return {submitted_.load(), finished_.load(), commits_.load()};
}

void SqliteDatabase::WriterLoop() {
  std::vector<PendingWrite*> batch;
  while (true) {
    {
      std::unique_lock lock(queue_mutex_);
      queue_ready_.wait(lock, [&] { return closing_ || !queue_.empty(); });
      if (queue_.empty()) return;  // Closing, and nothing left to write.
      while (!queue_.empty() && batch.size() < kMaxUnitsPerCommit) {
        batch.push_back(queue_.front());
        queue_.pop_front();
      }
    }
    std::vector<PendingWrite*> retry = CommitBatch(batch);
    batch.clear();
    if (!retry.empty()) {
      std::lock_guard lock(queue_mutex_);
      queue_.insert(queue_.begin(), retry.begin(), retry.end());
    }
  }
}

std::vector<SqliteDatabase::PendingWrite*> SqliteDatabase::CommitBatch(
    const std::vector<PendingWrite*>& batch) {
  std::lock_guard lock(writer_mutex_);
  SqliteConnection& db = *writer_;
  auto answer = [&](PendingWrite* pending, Result<void> result) {
    ++finished_;  // First, so a caller that wakes up sees its own unit counted.
    pending->done.set_value(std::move(result));
  };
  if (auto begun = db.Execute(kBegin); !begun) {
    for (PendingWrite* pending : batch) answer(pending, begun.error());
    return {};
  }

  std::vector<PendingWrite*> succeeded;
  std::vector<std::pair<PendingWrite*, Error>> failed;
  std::vector<Notice> notices;
  for (auto it = batch.begin(); it != batch.end(); ++it) {
    Result<void> result = RunIsolated(db, *(*it)->unit, notices);
    if (!db.in_transaction()) {
      // The transaction is gone (SQLite rolled it back after a disk or I/O error, or a unit
      // could not be isolated). This unit gets its error; the units that already ran lost
      // their work through no fault of their own, so they and the rest go round again.
      answer(*it, result ? Internal("the write transaction was lost") : result);
      for (auto& [pending, error] : failed) answer(pending, std::move(error));
      std::vector<PendingWrite*> retry = std::move(succeeded);
      retry.insert(retry.end(), it + 1, batch.end());
      return retry;
    }
    if (result) {
      succeeded.push_back(*it);
    } else {
      failed.emplace_back(*it, result.error());
    }
  }

  Result<void> committed = Ok();
  if (auto commit = db.Execute(kCommit); !commit) {
    committed = commit.error();
    if (db.in_transaction()) (void)db.Execute(kRollback);
  } else {
    ++commits_;
    for (const Notice& notice : notices) channels_.Deliver(notice.channel, notice.message);
  }
  // Callers hear back only now, after the commit has reached the disk (synchronous=FULL).
  for (PendingWrite* pending : succeeded) answer(pending, committed);
  for (auto& [pending, error] : failed) answer(pending, std::move(error));
  return {};
}

}  // namespace enishi::storage::sqlite
