#include "storage/sqlite/sqlite_error.hpp"

#include <sqlite3.h>

#include <string>

#include "core/log.hpp"
#include "storage/sql/sql_error.hpp"

namespace enishi::storage::sqlite {

ErrorCode CodeForSqliteResult(int result_code) {
  switch (result_code) {
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
      return ErrorCode::kAlreadyExists;
    case SQLITE_CONSTRAINT_FOREIGNKEY:
      return ErrorCode::kFailedPrecondition;
    default:
      break;
  }
  // The primary code is the low byte; busy and locked come in several extended flavours.
  switch (result_code & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return ErrorCode::kUnavailable;
    default:
      return ErrorCode::kInternal;
  }
}

Error SqliteError(sqlite3* db, int result_code, std::string_view what) {
  ErrorCode code = CodeForSqliteResult(result_code);
  std::string detail = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(result_code);
  // A duplicate is an expected answer (a login already taken), not a fault worth a warning.
  log::Write(
      code == ErrorCode::kAlreadyExists ? log::Level::kDebug : log::Level::kWarn, "sqlite_error",
      {{"while", std::string(what)}, {"detail", detail}, log::Number("result_code", result_code)});
  return sql::StoreError(code, what);
}

}  // namespace enishi::storage::sqlite
