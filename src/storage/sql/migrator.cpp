#include "storage/sql/migrator.hpp"

#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/log.hpp"
#include "storage/migrations/migrations.hpp"

namespace enishi::storage::sql {
namespace {

constexpr std::string_view kCreateMigrationsTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    "version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)";
constexpr std::string_view kSelectSchemaVersion =
    "SELECT COALESCE(MAX(version), 0) FROM schema_migrations";
constexpr std::string_view kInsertSchemaVersion =
    "INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)";
// Held until the end of the transaction that takes it. The key spells "enishi" in ASCII.
constexpr std::string_view kLockMigrations = "SELECT pg_advisory_xact_lock($1)";
constexpr int64_t kMigrationLockKey = 0x656e69736869;

struct Migration {
  int version;
  std::string_view name;
  std::string_view sql;
};

std::string_view DialectName(Dialect dialect) {
  return dialect == Dialect::kPostgres ? "postgres" : "sqlite";
}

// The file to run for each version on `dialect`: the dialect's own variant when there is one,
// else the shared file. kInternal when versions are not 1, 2, 3... or one has no file.
Result<std::vector<Migration>> Plan(Dialect dialect) {
  std::vector<Migration> plan;
  for (const MigrationFile& file : EmbeddedMigrations()) {
    if (!file.dialect.empty() && file.dialect != DialectName(dialect)) continue;
    if (!plan.empty() && plan.back().version == file.version) {
      if (!file.dialect.empty()) plan.back() = {file.version, file.name, file.sql};
      continue;
    }
    if (file.version != static_cast<int>(plan.size()) + 1) {
      return Internal("migration " + std::string(file.name) + " is out of sequence");
    }
    plan.push_back({file.version, file.name, file.sql});
  }
  return plan;
}

// Serialises migrators (PostgreSQL) and makes sure the bookkeeping table exists.
Result<void> Prepare(SqlConnection& db, Dialect dialect) {
  if (dialect == Dialect::kPostgres) ENISHI_TRY(db.Execute(kLockMigrations, {kMigrationLockKey}));
  return db.ExecuteScript(kCreateMigrationsTable);
}

Result<int> SchemaVersion(SqlConnection& db) {
  int version = 0;
  ENISHI_TRY(db.Query(kSelectSchemaVersion, {},
                      [&](const SqlRow& row) { version = static_cast<int>(row.Int64(0)); }));
  return version;
}

Result<int> ReadSchemaVersion(SqlDatabase& database) {
  int version = 0;
  Result<void> read = database.Read([&](SqlConnection& db) -> Result<void> {
    auto found = SchemaVersion(db);
    if (!found) return found.error();
    version = *found;
    return Ok();
  });
  if (!read) return read.error();
  return version;
}

// Applies `migration` unless another migrator got there first.
Result<void> Apply(SqlDatabase& database, const Migration& migration) {
  Dialect dialect = database.dialect();
  bool applied = false;
  // Not ENISHI_TRY: its hidden variable would be shadowed by the ones inside the unit.
  Result<void> written = database.Write([&](SqlConnection& db) -> Result<void> {
    applied = false;
    ENISHI_TRY(Prepare(db, dialect));
    auto current = SchemaVersion(db);
    if (!current) return current.error();
    if (*current >= migration.version) return Ok();
    ENISHI_TRY(db.ExecuteScript(migration.sql));
    ENISHI_TRY(
        db.Execute(kInsertSchemaVersion, {migration.version, ToMicros(SystemClock().Now())}));
    applied = true;
    return Ok();
  });
  if (!written) return written.error();
  if (applied) {
    log::Info("migration_applied",
              {{"name", std::string(migration.name)}, log::Number("version", migration.version)});
  }
  return Ok();
}

}  // namespace

Result<int> RunMigrations(SqlDatabase& database) {
  auto plan = Plan(database.dialect());
  if (!plan) return plan.error();
  ENISHI_TRY(database.Write([&](SqlConnection& db) { return Prepare(db, database.dialect()); }));
  auto current = ReadSchemaVersion(database);
  if (!current) return current.error();
  int latest = static_cast<int>(plan->size());
  if (*current > latest) {
    log::Warn("schema_newer_than_build",
              {log::Number("schema_version", *current), log::Number("build_version", latest)});
    return *current;
  }
  for (const Migration& migration : *plan) {
    if (migration.version <= *current) continue;
    auto applied = Apply(database, migration);
    if (!applied) return applied.error().WithContext("applying " + std::string(migration.name));
  }
  return ReadSchemaVersion(database);
}

}  // namespace enishi::storage::sql
