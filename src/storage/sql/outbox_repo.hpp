#pragma once
// mail::OutboxRepository over any SqlDatabase, written once for both backends. Thread-safe.
// Does not own the database, which must outlive it. Operations report their timing as
// "outbox.append" and "outbox.list_recent".

#include "domain/mail/mail.hpp"
#include "storage/sql/operation_runner.hpp"

namespace enishi::storage::sql {

class SqlOutboxRepository final : public mail::OutboxRepository {
 public:
  SqlOutboxRepository(SqlDatabase& database, OperationObserver observer)
      : run_(database, std::move(observer)) {}

  Result<void> Append(const mail::Message& message) override;
  // Empty for a `limit` below one.
  Result<std::vector<mail::Message>> ListRecent(int limit) override;

 private:
  OperationRunner run_;
};

}  // namespace enishi::storage::sql
