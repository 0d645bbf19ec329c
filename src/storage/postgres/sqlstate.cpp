#include "storage/postgres/sqlstate.hpp"

#include <string>

#include "core/log.hpp"
#include "storage/sql/sql_error.hpp"

namespace enishi::storage::postgres {

ErrorCode CodeForSqlState(std::string_view sqlstate) {
  if (sqlstate == "23505") return ErrorCode::kAlreadyExists;
  // A foreign key to a row deleted meanwhile (a session for an account just deleted).
  if (sqlstate == "23503") return ErrorCode::kFailedPrecondition;
  if (sqlstate == "40001" || sqlstate == "40P01" || sqlstate == "57P01" ||
      (sqlstate.size() == 5 && sqlstate.starts_with("08"))) {
    return ErrorCode::kUnavailable;
  }
  return ErrorCode::kInternal;
}

Error PgError(std::string_view sqlstate, std::string_view detail, std::string_view what) {
  ErrorCode code = CodeForSqlState(sqlstate);
  // A duplicate is an expected answer (a login already taken), not a fault worth a warning.
  log::Write(code == ErrorCode::kAlreadyExists ? log::Level::kDebug : log::Level::kWarn,
             "postgres_error",
             {{"while", std::string(what)},
              {"sqlstate", std::string(sqlstate)},
              {"detail", std::string(detail)}});
  return sql::StoreError(code, what);
}

}  // namespace enishi::storage::postgres
