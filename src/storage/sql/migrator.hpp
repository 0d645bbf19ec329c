#pragma once
// Brings a database's schema up to date with the migrations embedded in the binary
// (storage/migrations/). Each migration runs in a write unit of its own and is recorded in
// schema_migrations(version, applied_at). On PostgreSQL, concurrent migrators (several servers
// starting at once) queue on an advisory lock, so each migration is applied exactly once.

#include "core/result.hpp"
#include "storage/sql/sql_database.hpp"

namespace enishi::storage::sql {

// Applies every pending migration in version order and returns the version now in place.
// The first failing migration is rolled back and its error returned with the file name as
// context (kInternal for bad SQL, kUnavailable when the database is busy or unreachable).
// A database newer than this build is left alone and its version returned.
Result<int> RunMigrations(SqlDatabase& database);

}  // namespace enishi::storage::sql
