#pragma once
// The one place where PostgreSQL SQLSTATEs become ErrorCodes. Driver text goes to the log only.

#include <string_view>

#include "core/error.hpp"

namespace enishi::storage::postgres {

// 23505 (unique violation) is kAlreadyExists; 40001 and 40P01 (serialization failure,
// deadlock), class 08 (connection exceptions) and 57P01 (admin shutdown) are kUnavailable, so
// the caller may retry; anything else, including an empty or unknown state, is kInternal.
ErrorCode CodeForSqlState(std::string_view sqlstate);

// Logs `detail` (the server's message) with `sqlstate` while doing `what`, and returns an
// Error with a generic message for CodeForSqlState(sqlstate).
Error PgError(std::string_view sqlstate, std::string_view detail, std::string_view what);

}  // namespace enishi::storage::postgres
