#pragma once
// The PostgreSQL backend: a bounded pool of libpq connections. Each read unit borrows a
// connection in autocommit mode; each write unit runs between BEGIN and COMMIT on one. Commit
// batching is left to the server. Thread-safe.

#include <chrono>
#include <memory>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "storage/sql/connection_pool.hpp"
#include "storage/sql/sql_database.hpp"

namespace enishi::storage::postgres {

class PgConnection;

class PgDatabase final : public sql::SqlDatabase {
 public:
  // Connects `pool_size` connections to `url` (postgresql://... or postgres://...). A unit
  // waits up to `acquire_timeout` for a free connection, then fails with kUnavailable.
  // kUnavailable when the server cannot be reached.
  static Result<std::unique_ptr<PgDatabase>> Open(const std::string& url, int pool_size,
                                                  std::chrono::milliseconds acquire_timeout);
  PgDatabase(const PgDatabase&) = delete;
  PgDatabase& operator=(const PgDatabase&) = delete;
  ~PgDatabase() override;

  sql::Dialect dialect() const override { return sql::Dialect::kPostgres; }
  std::string_view backend() const override { return "postgres"; }
  Result<void> Read(const sql::SqlUnit& unit) override;
  Result<void> Write(const sql::SqlUnit& unit) override;
  Result<std::unique_ptr<cluster::ChangeListener>> Listen(
      std::string_view channel, cluster::ChangeListener::Handlers handlers) override;
  void Close() override;

 private:
  PgDatabase(std::string url, std::vector<std::unique_ptr<PgConnection>> connections,
             std::chrono::milliseconds acquire_timeout);

  // A pooled connection, reconnected first if it was found broken.
  Result<sql::ConnectionPool<PgConnection>::Lease> Acquire();

  const std::string url_;  // For connections of their own, such as a listener's.
  const std::chrono::milliseconds acquire_timeout_;
  sql::ConnectionPool<PgConnection> pool_;
};

}  // namespace enishi::storage::postgres
