#pragma once
// What a caller of the store sees when a statement fails, the same for every backend: the
// backend maps its own codes (SQLite result codes, SQLSTATEs) to an ErrorCode and logs the
// driver's detail; this turns the code into an Error whose text names no driver.

#include <string>
#include <string_view>

#include "core/error.hpp"

namespace enishi::storage::sql {

// `what` is the operation that failed ("inserting a session"), kept for kInternal. Inline
// because both backend libraries use it and neither may depend on the other.
inline Error StoreError(ErrorCode code, std::string_view what) {
  switch (code) {
    case ErrorCode::kAlreadyExists:
      return AlreadyExists("a record with this key already exists");
    case ErrorCode::kFailedPrecondition:
      return FailedPrecondition("the record it refers to no longer exists");
    case ErrorCode::kUnavailable:
      return Unavailable("the database is busy or unavailable");
    default:
      return Internal("database error while " + std::string(what));
  }
}

}  // namespace enishi::storage::sql
