#pragma once
// RAII owner of one prepared sqlite3_stmt. A SqliteStatement belongs to one SqliteConnection
// and, like it, is used by one thread at a time.

#include <cstdint>

#include "core/result.hpp"
#include "storage/sql/sql_database.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace enishi::storage::sqlite {

class SqliteStatement {
 public:
  // Takes ownership of `statement`, which was prepared on `db`.
  SqliteStatement(sqlite3* db, sqlite3_stmt* statement) : db_(db), statement_(statement) {}
  SqliteStatement(const SqliteStatement&) = delete;
  SqliteStatement& operator=(const SqliteStatement&) = delete;
  ~SqliteStatement();

  // Binds `params[k-1]` to the parameter named `$k`, wherever and however often it appears,
  // then runs the statement, calling `on_row` (when set) for each row. The statement is reset
  // and its bindings cleared afterwards, so `params` may die once this returns. kInternal when
  // the statement names a parameter not in `params` or leaves one unused, or a row callback
  // read a column of the wrong type; otherwise the error of the failing step.
  Result<void> Run(sql::SqlParams params, const sql::RowCallback* on_row);

 private:
  Result<void> Bind(sql::SqlParams params);
  Result<void> Step(const sql::RowCallback* on_row);

  sqlite3* db_;
  sqlite3_stmt* statement_;
};

}  // namespace enishi::storage::sqlite
