#include "storage/store.hpp"

#include <string>
#include <utility>

#include "storage/sql/migrator.hpp"
#include "storage/sql/sql_store.hpp"
#include "storage/sqlite/sqlite_database.hpp"
#if ENISHI_WITH_POSTGRES
#include "storage/postgres/pg_database.hpp"
#endif

namespace enishi::storage {
namespace {

constexpr std::string_view kSqliteScheme = "sqlite:";

bool IsPostgresUrl(std::string_view url) {
  return url.starts_with("postgresql://") || url.starts_with("postgres://");
}

}  // namespace

// The URL may hold a password, so no error message repeats it.
Result<std::unique_ptr<sql::SqlDatabase>> sql::OpenDatabase(const StoreOptions& options) {
  if (options.pool_size < 1) return InvalidArgument("the store pool size must be at least 1");
  std::string_view url = options.url;
  if (url.starts_with(kSqliteScheme)) {
    std::string path(url.substr(kSqliteScheme.size()));
    if (path.empty()) return InvalidArgument("the sqlite: store URL names no file");
    auto database = sqlite::SqliteDatabase::Open(path, options.pool_size, options.acquire_timeout);
    if (!database) return database.error();
    return std::unique_ptr<SqlDatabase>(std::move(database).value());
  }
  if (IsPostgresUrl(url)) {
#if ENISHI_WITH_POSTGRES
    auto database =
        postgres::PgDatabase::Open(options.url, options.pool_size, options.acquire_timeout);
    if (!database) return database.error();
    return std::unique_ptr<SqlDatabase>(std::move(database).value());
#else
    return InvalidArgument("this server was built without PostgreSQL");
#endif
  }
  return InvalidArgument("unknown store URL scheme (expected sqlite: or postgresql://)");
}

Result<std::unique_ptr<Store>> OpenStore(const StoreOptions& options) {
  auto database = sql::OpenDatabase(options);
  if (!database) return database.error();
  if (options.migrate) {
    auto version = sql::RunMigrations(**database);
    if (!version) return version.error();
  }
  return std::unique_ptr<Store>(
      std::make_unique<sql::SqlStore>(std::move(database).value(), options.observer,
                                      options.text_forms));
}

Result<int> Migrate(const StoreOptions& options) {
  auto database = sql::OpenDatabase(options);
  if (!database) return database.error();
  auto version = sql::RunMigrations(**database);
  (*database)->Close();
  return version;
}

}  // namespace enishi::storage
