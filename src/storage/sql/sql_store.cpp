#include "storage/sql/sql_store.hpp"

#include <utility>

#include "core/check.hpp"

namespace enishi::storage::sql {
namespace {

constexpr std::string_view kPing = "SELECT 1";

}  // namespace

SqlStore::SqlStore(std::unique_ptr<SqlDatabase> database, const OperationObserver& observer,
                   const search::TextForms* text_forms)
    : database_(std::move(database)),
      accounts_(*database_, observer),
      outbox_(*database_, observer),
      profiles_(*database_, observer, text_forms),
      organizations_(*database_, observer, text_forms),
      personas_(*database_, observer),
      images_(*database_, observer),
      relationships_(*database_, observer),
      messaging_(*database_, observer),
      introductions_(*database_, observer),
      search_(*database_, observer),
      streams_(*database_, observer),
      notifications_(*database_, observer),
      changes_(*database_, observer),
      run_(*database_, observer) {}

Result<void> SqlChangeFeed::Publish(std::string_view channel, std::string_view message) {
  ENISHI_CHECK(message.size() <= kMaxMessageBytes, "a change message over the NOTIFY limit");
  if (dialect_ != Dialect::kPostgres) return Ok();
  // In a transaction of its own: PostgreSQL delivers at COMMIT.
  return run_.Write("changes.publish", [&](SqlConnection& db) -> Result<void> {
    ENISHI_TRY(db.Execute("SELECT pg_notify($1, $2)", {channel, message}));
    return Ok();
  });
}

Result<void> SqlStore::Ping() {
  return run_.Read("store.ping",
                   [](SqlConnection& db) { return db.Query(kPing, {}, [](const SqlRow&) {}); });
}

}  // namespace enishi::storage::sql
