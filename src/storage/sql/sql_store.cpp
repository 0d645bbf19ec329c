#include "storage/sql/sql_store.hpp"

#include <utility>

namespace enishi::storage::sql {
namespace {

constexpr std::string_view kPing = "SELECT 1";

}  // namespace

SqlStore::SqlStore(std::unique_ptr<SqlDatabase> database, const OperationObserver& observer)
    : database_(std::move(database)),
      accounts_(*database_, observer),
      outbox_(*database_, observer),
      profiles_(*database_, observer),
      organizations_(*database_, observer),
      personas_(*database_, observer),
      images_(*database_, observer),
      relationships_(*database_, observer),
      run_(*database_, observer) {}

Result<void> SqlStore::Ping() {
  return run_.Read("store.ping",
                   [](SqlConnection& db) { return db.Query(kPing, {}, [](const SqlRow&) {}); });
}

}  // namespace enishi::storage::sql
