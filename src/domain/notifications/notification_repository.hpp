#pragma once
// The port through which notifications and their settings are stored. Thread-safe. Errors:
// kUnavailable when the store cannot be reached, kInternal otherwise.

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

#include "core/clock.hpp"
#include "core/ids.hpp"
#include "core/result.hpp"
#include "domain/notifications/notification.hpp"

namespace enishi::notifications {

class NotificationRepository {
 public:
  virtual ~NotificationRepository() = default;

  // The defaults when never saved.
  virtual Result<Settings> FindSettings(MemberId member) = 0;
  // kNotFound when the account does not exist.
  virtual Result<void> PutSettings(MemberId member, const Settings& settings) = 0;

  // Stores `notification` and, in the same unit, appends a kNotification event to its
  // member's stream, alerting when `alert`. kFailedPrecondition when the member is gone.
  virtual Result<void> CreateNotification(const Notification& notification, bool alert) = 0;
  virtual Result<std::optional<Notification>> FindNotification(MemberId member,
                                                                NotificationId id) = 0;
  // Newest first; only those created before `before` (a cursor) when given; at most `limit`.
  virtual Result<std::vector<Notification>> ListNotifications(
      MemberId member, std::optional<std::pair<Timestamp, NotificationId>> before,
      int limit) = 0;
  virtual Result<int64_t> CountUnread(MemberId member) = 0;
  // How many of `member`'s alerts of `category` were given at or after `since`: what the
  // daily budget counts. Notifications delivered in real time; for kMessages also the
  // conversation messages whose stream event alerted.
  virtual Result<int64_t> CountAlertsSince(MemberId member, Category category,
                                           Timestamp since) = 0;
  // false when the member has no such unread notification.
  virtual Result<bool> MarkRead(MemberId member, NotificationId id, Timestamp at) = 0;
  // Marks every unread notification of the member read; returns how many.
  virtual Result<int64_t> MarkAllRead(MemberId member, Timestamp at) = 0;

  // Members whose settings ask for the e-mail digest, in id order after `after`; at most
  // `limit`.
  virtual Result<std::vector<DigestSubscriber>> ListDigestSubscribers(MemberId after,
                                                                      int limit) = 0;
  // How many of `member`'s unread notifications filed as digest items in [since, until) each
  // category has.
  virtual Result<std::array<int64_t, kCategoryCount>> CountDigestItems(MemberId member,
                                                                       Timestamp since,
                                                                       Timestamp until) = 0;
  // Records `mark` as the member's last digest, unless one for the same or a later day is
  // recorded already: false then, and the digest is someone else's to send.
  virtual Result<bool> ClaimDigest(MemberId member, const DigestMark& mark) = 0;
};

}  // namespace enishi::notifications
