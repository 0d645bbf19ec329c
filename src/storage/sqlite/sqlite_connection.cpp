#include "storage/sqlite/sqlite_connection.hpp"

#include <sqlite3.h>

#include <mutex>
#include <utility>

#include "storage/sqlite/sqlite_error.hpp"

namespace enishi::storage::sqlite {
namespace {

// Process-wide settings, made before SQLite first initialises. Memory statistics take a global
// mutex on every allocation, which readers on different threads then contend for; nothing here
// reads them. Should SQLite already be initialised, the call is refused and changes nothing.
void ConfigureLibrary() {
  static std::once_flag once;
  std::call_once(once, [] { (void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
}

}  // namespace

Result<std::unique_ptr<SqliteConnection>> SqliteConnection::Open(
    const std::string& filename, Mode mode, std::chrono::milliseconds busy_timeout) {
  // NOMUTEX: the database lends each connection to one thread at a time, so SQLite's own
  // per-connection mutex would only add cost.
  int flags =
      SQLITE_OPEN_NOMUTEX |
      (mode == Mode::kWriter ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE : SQLITE_OPEN_READONLY);
  ConfigureLibrary();
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(filename.c_str(), &db, flags, nullptr);
  // sqlite3_open_v2 hands back a handle even on failure; the connection owns it either way.
  std::unique_ptr<SqliteConnection> connection(new SqliteConnection(db));
  if (rc != SQLITE_OK) {
    SqliteError(db, rc, "opening the database");  // Logs SQLite's reason.
    return Unavailable("cannot open the SQLite database");
  }
  ENISHI_TRY(connection->Configure(mode, busy_timeout));
  return connection;
}

SqliteConnection::~SqliteConnection() {
  statements_.clear();  // Every statement must be finalized before the connection closes.
  sqlite3_close(db_);
}

Result<void> SqliteConnection::Configure(Mode mode, std::chrono::milliseconds busy_timeout) {
  sqlite3_extended_result_codes(db_, 1);
  sqlite3_busy_timeout(db_, static_cast<int>(busy_timeout.count()));
  // Materialised CTEs and sorts use temporary tables; on a file each costs a file creation,
  // which made a small query with a shared CTE take 0.6 ms instead of 15 µs.
  ENISHI_TRY(ExecuteScript("PRAGMA temp_store = MEMORY;"));
  // Reads through a memory map instead of a read() call per page, and a page cache of 32 MiB
  // a connection instead of 2: a search reads thousands of index pages, and copying each
  // through a system call took most of its time. (Writes still go through the WAL.)
  ENISHI_TRY(ExecuteScript("PRAGMA mmap_size = 2147418112; PRAGMA cache_size = -32768;"));
  if (mode == Mode::kReader) return Ok();
  // WAL lets readers run beside the writer; FULL syncs the WAL on every commit, which is what
  // makes an acknowledged write durable. journal_mode answers with the mode now in force; an
  // in-memory database stays "memory".
  std::string journal_mode;
  ENISHI_TRY(Query("PRAGMA journal_mode = WAL", {},
                   [&](const sql::SqlRow& row) { journal_mode = row.Text(0); }));
  if (journal_mode != "wal" && journal_mode != "memory") {
    return Internal("cannot switch the SQLite database to WAL mode");
  }
  return ExecuteScript("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;");
}

Result<SqliteStatement*> SqliteConnection::Prepare(std::string_view sql) {
  if (auto it = statements_.find(sql); it != statements_.end()) return it->second.get();
  sqlite3_stmt* raw = nullptr;
  const char* tail = nullptr;
  int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                              SQLITE_PREPARE_PERSISTENT, &raw, &tail);
  if (rc != SQLITE_OK) return SqliteError(db_, rc, "preparing a statement");
  auto statement = std::make_unique<SqliteStatement>(db_, raw);
  std::string_view rest(tail, static_cast<size_t>(sql.data() + sql.size() - tail));
  if (raw == nullptr || rest.find_first_not_of(" \t\r\n;") != std::string_view::npos) {
    return Internal("expected exactly one SQL statement");
  }
  return statements_.emplace(std::string(sql), std::move(statement)).first->second.get();
}

Result<int64_t> SqliteConnection::Execute(std::string_view sql, sql::SqlParams params) {
  auto statement = Prepare(sql);
  if (!statement) return statement.error();
  ENISHI_TRY((*statement)->Run(params, nullptr));
  return static_cast<int64_t>(sqlite3_changes64(db_));
}

Result<void> SqliteConnection::Query(std::string_view sql, sql::SqlParams params,
                                     const sql::RowCallback& on_row) {
  auto statement = Prepare(sql);
  if (!statement) return statement.error();
  return (*statement)->Run(params, &on_row);
}

Result<void> SqliteConnection::ExecuteScript(std::string_view sql) {
  int rc = sqlite3_exec(db_, std::string(sql).c_str(), nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) return SqliteError(db_, rc, "running a script");
  return Ok();
}

bool SqliteConnection::in_transaction() const { return sqlite3_get_autocommit(db_) == 0; }

Result<void> SqliteConnection::Notify(std::string_view, std::string_view) {
  return Internal("a notice outside a write unit");
}

}  // namespace enishi::storage::sqlite
