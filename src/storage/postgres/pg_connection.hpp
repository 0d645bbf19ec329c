#pragma once
// One libpq connection with its prepared statements. Owned by PgDatabase and lent to one unit
// of work at a time; not thread-safe. Statements are prepared on first use and cached by SQL
// text; parameters and results travel as text. When the server connection is lost, the call
// that noticed fails with kUnavailable and the connection is reset for the next unit.

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/result.hpp"
#include "storage/postgres/pg_result.hpp"
#include "storage/sql/sql_database.hpp"

struct pg_conn;

namespace enishi::storage::postgres {

class PgConnection final : public sql::SqlConnection {
 public:
  // Connects to `url` (a postgresql:// URL). kUnavailable when the server cannot be reached.
  static Result<std::unique_ptr<PgConnection>> Connect(const std::string& url);
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;
  ~PgConnection() override;

  Result<int64_t> Execute(std::string_view sql, sql::SqlParams params = {}) override;
  Result<void> Query(std::string_view sql, sql::SqlParams params,
                     const sql::RowCallback& on_row) override;
  Result<void> ExecuteScript(std::string_view sql) override;
  // NOTIFY, which PostgreSQL delivers when the transaction commits.
  Result<void> Notify(std::string_view channel, std::string_view message) override;

  // Reconnects a connection known to be broken. kUnavailable when that fails.
  Result<void> EnsureUsable();
  Result<void> Begin();
  // Commits the open transaction. When a statement in it failed, PostgreSQL would silently
  // roll back on COMMIT; this rolls back too but returns kInternal, so the failure is seen.
  Result<void> Commit();
  // Rolls back the open transaction, if any. Never fails: a broken connection is reset instead.
  void Rollback();

 private:
  explicit PgConnection(pg_conn* connection) : connection_(connection) {}

  // The name of the prepared statement for `sql`, preparing it on first use.
  Result<std::string> StatementName(std::string_view sql);
  // Runs the prepared statement for `sql` and returns its successful result.
  Result<PgResult> Run(std::string_view sql, sql::SqlParams params);
  // The Error for a failed call that produced `result` (may be null) while doing `what`.
  // Resets the connection when it was lost.
  Error Fail(const pg_result* result, std::string_view what);

  pg_conn* connection_;
  int next_statement_ = 0;
  std::unordered_map<std::string, std::string> statements_;  // SQL text -> statement name.
};

}  // namespace enishi::storage::postgres
