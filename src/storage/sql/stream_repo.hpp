#pragma once
// stream::StreamRepository over any SqlDatabase, written once for both backends, and
// AppendStreamEvents, through which the messaging and notification repositories append the
// events their writes cause. Thread-safe. Does not own the database, which must outlive it.
// Errors are those of the port (domain/stream/stream_repository.hpp); each operation reports
// its timing as "streams.<method_in_snake_case>".

#include <span>
#include <utility>
#include <vector>

#include "domain/stream/stream_event.hpp"
#include "domain/stream/stream_repository.hpp"
#include "storage/sql/operation_runner.hpp"

namespace enishi::storage::sql {

class SqlStreamRepository final : public stream::StreamRepository {
 public:
  SqlStreamRepository(SqlDatabase& database, OperationObserver observer)
      : run_(database, std::move(observer)) {}

  Result<std::vector<stream::StreamEvent>> ListEvents(MemberId member, int64_t after,
                                                      int limit) override;
  Result<int64_t> LastSeq(MemberId member) override;

 private:
  OperationRunner run_;
};

// Appends `event` to the stream of each member in `deliveries`, as that member's next event
// and alerting as their delivery says (the event's own member, seq and alert are ignored). A
// member named twice gets one event, alerting if either delivery does. Then it notifies
// stream::kStreamChannel of those members (stream_notice.hpp, SqlConnection::Notify), which
// listeners hear once the unit commits, and never if it does not.
//
// REQUIRES: inside a write unit, after the unit's other writes. It locks the members' stream
// heads until the unit ends, in the order of their ids, so that units naming the same members
// cannot deadlock and a member's events commit in the order of their numbers.
// kFailedPrecondition when a member's account does not exist.
Result<void> AppendStreamEvents(SqlConnection& db, const stream::StreamEvent& event,
                                std::span<const stream::Delivery> deliveries);

}  // namespace enishi::storage::sql
