#pragma once
// Use cases of the notification centre (F17): filing notifications as each member's settings
// say, listing and reading them, and the settings themselves.
//
// Quiet by default (P12, principle 9): a notification alerts only when its category is set to
// real time, the member's local time is outside their quiet hours, and the category's daily
// budget of alerts is not spent; otherwise it is filed quietly, as a digest item when the
// quiet hours or the budget stopped it. Nothing promotional is ever filed.
//
// Thread-safe; the ports and the clock must outlive the service. Every method may also fail
// with a port's kUnavailable or kInternal.

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/clock.hpp"
#include "core/ids.hpp"
#include "core/result.hpp"
#include "domain/notifications/local_time.hpp"
#include "domain/notifications/notification.hpp"
#include "domain/notifications/notification_repository.hpp"
#include "domain/relationships/relationship_service.hpp"

namespace enishi::notifications {

struct NotificationLimits {
  static constexpr int kPageSize = 50;
  static constexpr int kMaxDailyBudget = 100;
  static constexpr size_t kTimeZoneBytes = 64;
};

using Cursor = std::pair<Timestamp, NotificationId>;

class NotificationService {
 public:
  NotificationService(NotificationRepository& notifications, const LocalTime& local_time,
                      const Clock& clock);

  // Files a notification of `kind` for `member` about `actor`'s doing, alerting or not as
  // their settings say now.
  Result<void> Notify(MemberId member, NotificationKind kind, MemberId actor,
                      std::string subject);
  // Whether something of `category` should alert `member` now: real time, outside quiet
  // hours and within the day's budget. For conversation messages, which are not filed as
  // notifications; the store counts the messages that alerted against the budget.
  Result<bool> ShouldAlert(MemberId member, Category category);

  // Newest first, a page at a time; `before` is the last one of the previous page.
  Result<std::vector<Notification>> List(MemberId member, std::optional<Cursor> before);
  Result<int64_t> CountUnread(MemberId member);
  Result<std::optional<Notification>> Find(MemberId member, NotificationId id);
  // kNotFound when the member has no such notification; reading one twice is not an error.
  Result<void> MarkRead(MemberId member, NotificationId id);
  Result<void> MarkAllRead(MemberId member);

  Result<Settings> GetSettings(MemberId member);
  // kInvalidArgument ("time_zone", "quiet_hours", "daily_budget"; "email_digest" when it is
  // turned on though it could not be sent: `email_digest_available` is false).
  Result<Settings> UpdateSettings(MemberId member, Settings settings,
                                  bool email_digest_available);

 private:
  // What `settings` make of a notification of `category` for `member` now.
  Result<DeliveryMode> Decide(MemberId member, const Settings& settings, Category category);
  bool InQuietHours(const Settings& settings, Timestamp now) const;

  NotificationRepository& notifications_;
  const LocalTime& local_time_;
  const Clock& clock_;
};

// The category each kind of notification belongs to.
Category CategoryOf(NotificationKind kind);

// Turns the relationship service's requests into notifications: a greeting or connection
// request landing in an inbox, and a greeting returned or a request accepted. A notification
// that cannot be filed is logged; the request it is about stands.
class RequestNotifications final : public relationships::RequestObserver {
 public:
  explicit RequestNotifications(NotificationService& notifications)
      : notifications_(notifications) {}
  void Received(const relationships::Request& request) override;
  void Accepted(const relationships::Request& request) override;

 private:
  void File(MemberId member, NotificationKind kind, MemberId actor,
            const relationships::Request& request);
  NotificationService& notifications_;
};

}  // namespace enishi::notifications
