#pragma once
// mail::OutboxRepository over any SqlDatabase, written once for both backends. Thread-safe.
// Does not own the database, which must outlive it. Operations report their timing as
// "outbox.append", "outbox.list_recent", "outbox.claim_undelivered", "outbox.mark_delivered"
// and "outbox.mark_failed".

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
  // Empty for a `limit` below one.
  Result<std::vector<mail::QueuedMessage>> ClaimUndelivered(Timestamp now, Timestamp lease_until,
                                                            int limit) override;
  Result<void> MarkDelivered(int64_t id, Timestamp at) override;
  Result<void> MarkFailed(int64_t id, const mail::DeliveryFailure& failure) override;

 private:
  OperationRunner run_;
};

}  // namespace enishi::storage::sql
