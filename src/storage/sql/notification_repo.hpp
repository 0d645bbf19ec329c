#pragma once
// notifications::NotificationRepository over any SqlDatabase, written once for both backends.
// Thread-safe. Does not own the database, which must outlive it. Errors are those of the port
// (domain/notifications/notification_repository.hpp); each operation reports its timing as
// "notifications.<method_in_snake_case>".
//
// CreateNotification appends the kNotification event through AppendStreamEvents
// (stream_repo.hpp) in its unit. A notification's actor may be absent (an invalid id, stored
// as NULL); one that names a missing account fails like its member, with kFailedPrecondition,
// and a notification goes when its actor's account does. ListNotifications orders by
// (created_at, id), newest first, and its cursor leaves out that pair and everything after.

#include <utility>

#include "domain/notifications/notification_repository.hpp"
#include "storage/sql/operation_runner.hpp"

namespace enishi::storage::sql {

class SqlNotificationRepository final : public notifications::NotificationRepository {
 public:
  SqlNotificationRepository(SqlDatabase& database, OperationObserver observer)
      : run_(database, std::move(observer)) {}

  Result<notifications::Settings> FindSettings(MemberId member) override;
  Result<void> PutSettings(MemberId member, const notifications::Settings& settings) override;

  Result<void> CreateNotification(const notifications::Notification& notification,
                                  bool alert) override;
  Result<std::optional<notifications::Notification>> FindNotification(MemberId member,
                                                                      NotificationId id) override;
  Result<std::vector<notifications::Notification>> ListNotifications(
      MemberId member, std::optional<std::pair<Timestamp, NotificationId>> before,
      int limit) override;
  Result<int64_t> CountUnread(MemberId member) override;
  Result<int64_t> CountAlertsSince(MemberId member, notifications::Category category,
                                   Timestamp since) override;
  Result<bool> MarkRead(MemberId member, NotificationId id, Timestamp at) override;
  Result<int64_t> MarkAllRead(MemberId member, Timestamp at) override;

  Result<std::vector<notifications::DigestSubscriber>> ListDigestSubscribers(MemberId after,
                                                                              int limit) override;
  Result<std::array<int64_t, notifications::kCategoryCount>> CountDigestItems(
      MemberId member, Timestamp since, Timestamp until) override;
  Result<bool> ClaimDigest(MemberId member, const notifications::DigestMark& mark) override;

 private:
  OperationRunner run_;
};

}  // namespace enishi::storage::sql
