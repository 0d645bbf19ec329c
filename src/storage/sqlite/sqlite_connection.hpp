#pragma once
// One SQLite connection with its prepared-statement cache. Owned by SqliteDatabase and lent
// to one unit of work at a time; not thread-safe.

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/result.hpp"
#include "storage/sql/sql_database.hpp"
#include "storage/sqlite/statement.hpp"

struct sqlite3;

namespace enishi::storage::sqlite {

class SqliteConnection final : public sql::SqlConnection {
 public:
  enum class Mode { kWriter, kReader };

  // Opens `filename` (a path, or ":memory:") and sets it up: a writer creates the file, turns
  // on WAL with synchronous=FULL and enforces foreign keys; a reader is read-only. Both wait up
  // to `busy_timeout` for locks. kUnavailable when the file cannot be opened.
  static Result<std::unique_ptr<SqliteConnection>> Open(const std::string& filename, Mode mode,
                                                        std::chrono::milliseconds busy_timeout);
  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;
  ~SqliteConnection() override;

  Result<int64_t> Execute(std::string_view sql, sql::SqlParams params = {}) override;
  Result<void> Query(std::string_view sql, sql::SqlParams params,
                     const sql::RowCallback& on_row) override;
  Result<void> ExecuteScript(std::string_view sql) override;
  // Always kInternal: SqliteDatabase collects the notices of a write unit itself and delivers
  // them after the commit; a connection alone has no unit to tie them to.
  Result<void> Notify(std::string_view channel, std::string_view message) override;

  // True while a transaction is open. SQLite rolls a transaction back by itself after some
  // errors (SQLITE_FULL, SQLITE_IOERR, ...); the group committer checks this to notice.
  bool in_transaction() const;

 private:
  explicit SqliteConnection(sqlite3* db) : db_(db) {}

  Result<void> Configure(Mode mode, std::chrono::milliseconds busy_timeout);
  // The cached statement for `sql`, prepared on first use.
  Result<SqliteStatement*> Prepare(std::string_view sql);

  struct StringHash {
    using is_transparent = void;
    size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
  };

  sqlite3* db_;
  // Keyed by SQL text. Repositories use named constants, so the cache stays small.
  std::unordered_map<std::string, std::unique_ptr<SqliteStatement>, StringHash, std::equal_to<>>
      statements_;
};

}  // namespace enishi::storage::sqlite
