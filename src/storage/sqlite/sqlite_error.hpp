#pragma once
// The one place where SQLite result codes become ErrorCodes. Driver text goes to the log only.

#include <string_view>

#include "core/error.hpp"

struct sqlite3;

namespace enishi::storage::sqlite {

// The ErrorCode for an (extended) SQLite result code: unique and primary-key violations are
// kAlreadyExists, busy or locked databases kUnavailable, everything else kInternal.
ErrorCode CodeForSqliteResult(int result_code);

// Logs what SQLite said about `result_code` on `db` (may be null) while doing `what`, and
// returns an Error carrying a generic message.
Error SqliteError(sqlite3* db, int result_code, std::string_view what);

}  // namespace enishi::storage::sqlite
