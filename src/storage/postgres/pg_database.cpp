#include "storage/postgres/pg_database.hpp"

#include <utility>
#include <vector>

#include "storage/postgres/pg_connection.hpp"
#include "storage/postgres/pg_listener.hpp"

namespace enishi::storage::postgres {

Result<std::unique_ptr<PgDatabase>> PgDatabase::Open(const std::string& url, int pool_size,
                                                     std::chrono::milliseconds acquire_timeout) {
  // Connect everything up front: a wrong URL or password shows at start-up, not under load.
  std::vector<std::unique_ptr<PgConnection>> connections;
  for (int i = 0; i < pool_size; ++i) {
    auto connection = PgConnection::Connect(url);
    if (!connection) return connection.error();
    connections.push_back(std::move(connection).value());
  }
  return std::unique_ptr<PgDatabase>(
      new PgDatabase(url, std::move(connections), acquire_timeout));
}

PgDatabase::PgDatabase(std::string url, std::vector<std::unique_ptr<PgConnection>> connections,
                       std::chrono::milliseconds acquire_timeout)
    : url_(std::move(url)), acquire_timeout_(acquire_timeout), pool_(std::move(connections)) {}

Result<std::unique_ptr<cluster::ChangeListener>> PgDatabase::Listen(
    std::string_view channel, cluster::ChangeListener::Handlers handlers) {
  auto listener = PgListener::Start(url_, std::string(channel), std::move(handlers));
  if (!listener) return listener.error();
  return std::unique_ptr<cluster::ChangeListener>(std::move(listener).value());
}

PgDatabase::~PgDatabase() { Close(); }

Result<sql::ConnectionPool<PgConnection>::Lease> PgDatabase::Acquire() {
  auto lease = pool_.Acquire(acquire_timeout_);
  if (!lease) return lease.error();
  ENISHI_TRY((*lease)->EnsureUsable());
  return lease;
}

Result<void> PgDatabase::Read(const sql::SqlUnit& unit) {
  auto lease = Acquire();
  if (!lease) return lease.error();
  PgConnection& connection = **lease;
  Result<void> result = unit(connection);
  connection.Rollback();  // Only does something if the unit left a transaction open.
  return result;
}

Result<void> PgDatabase::Write(const sql::SqlUnit& unit) {
  auto lease = Acquire();
  if (!lease) return lease.error();
  PgConnection& connection = **lease;
  ENISHI_TRY(connection.Begin());
  Result<void> result = unit(connection);
  if (!result) {
    connection.Rollback();
    return result;
  }
  // COMMIT returns once the server has flushed the WAL (synchronous_commit=on, the default).
  return connection.Commit();
}

void PgDatabase::Close() { pool_.Close(); }

}  // namespace enishi::storage::postgres
