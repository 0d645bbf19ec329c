#include "domain/notifications/notification_service.hpp"

#include <utility>

#include "core/log.hpp"
#include "crypto/random.hpp"

namespace enishi::notifications {

Category CategoryOf(NotificationKind kind) {
  switch (kind) {
    case NotificationKind::kGreetingReceived:
    case NotificationKind::kGreetingReturned:
      return Category::kGreetings;
    case NotificationKind::kConnectionRequested:
    case NotificationKind::kConnectionAccepted:
      return Category::kRequests;
    case NotificationKind::kMessageRequest:
      return Category::kMessages;
    case NotificationKind::kIntroductionAsked:
    case NotificationKind::kIntroductionForwarded:
    case NotificationKind::kIntroductionAccepted:
    case NotificationKind::kIntroductionHelped:
      return Category::kIntroductions;
  }
  return Category::kSafety;
}

NotificationService::NotificationService(NotificationRepository& notifications,
                                         const LocalTime& local_time, const Clock& clock)
    : notifications_(notifications), local_time_(local_time), clock_(clock) {}

bool NotificationService::InQuietHours(const Settings& settings, Timestamp now) const {
  if (!settings.quiet_hours) return false;
  auto local = local_time_.At(settings.time_zone, now);
  // A zone this build no longer knows: keep quiet rather than risk waking the member.
  if (!local) return true;
  int minute = local->minute_of_day;
  const QuietHours& quiet = *settings.quiet_hours;
  if (quiet.start_minute <= quiet.end_minute) {
    return minute >= quiet.start_minute && minute < quiet.end_minute;
  }
  return minute >= quiet.start_minute || minute < quiet.end_minute;  // Over midnight.
}

Result<DeliveryMode> NotificationService::Decide(MemberId member, const Settings& settings,
                                                 Category category) {
  const CategorySetting& setting = settings.For(category);
  if (setting.delivery != DeliveryMode::kRealTime) return setting.delivery;
  Timestamp now = clock_.Now();
  if (InQuietHours(settings, now)) return DeliveryMode::kDigest;
  auto local = local_time_.At(settings.time_zone, now);
  Timestamp day_start = local ? local->day_start : now - days(1);
  auto alerts = notifications_.CountAlertsSince(member, category, day_start);
  if (!alerts) return alerts.error();
  if (*alerts >= setting.daily_budget) return DeliveryMode::kDigest;
  return DeliveryMode::kRealTime;
}

Result<void> NotificationService::Notify(MemberId member, NotificationKind kind, MemberId actor,
                                         std::string subject) {
  auto settings = notifications_.FindSettings(member);
  if (!settings) return settings.error();
  Notification notification;
  notification.id = crypto::RandomId<NotificationId>();
  notification.member = member;
  notification.category = CategoryOf(kind);
  notification.kind = kind;
  notification.actor = actor;
  notification.subject = std::move(subject);
  auto mode = Decide(member, *settings, notification.category);
  if (!mode) return mode.error();
  notification.delivered_as = *mode;
  notification.created_at = clock_.Now();
  return notifications_.CreateNotification(notification, *mode == DeliveryMode::kRealTime);
}

Result<bool> NotificationService::ShouldAlert(MemberId member, Category category) {
  auto settings = notifications_.FindSettings(member);
  if (!settings) return settings.error();
  auto mode = Decide(member, *settings, category);
  if (!mode) return mode.error();
  return *mode == DeliveryMode::kRealTime;
}

Result<std::vector<Notification>> NotificationService::List(MemberId member,
                                                            std::optional<Cursor> before) {
  return notifications_.ListNotifications(member, before, NotificationLimits::kPageSize);
}

Result<int64_t> NotificationService::CountUnread(MemberId member) {
  return notifications_.CountUnread(member);
}

Result<std::optional<Notification>> NotificationService::Find(MemberId member,
                                                             NotificationId id) {
  return notifications_.FindNotification(member, id);
}

Result<void> NotificationService::MarkRead(MemberId member, NotificationId id) {
  auto marked = notifications_.MarkRead(member, id, clock_.Now());
  if (!marked) return marked.error();
  if (*marked) return Ok();
  auto found = notifications_.FindNotification(member, id);
  if (!found) return found.error();
  if (!*found) return NotFound("notification not found");
  return Ok();
}

Result<void> NotificationService::MarkAllRead(MemberId member) {
  auto marked = notifications_.MarkAllRead(member, clock_.Now());
  if (!marked) return marked.error();
  return Ok();
}

Result<Settings> NotificationService::GetSettings(MemberId member) {
  return notifications_.FindSettings(member);
}

Result<Settings> NotificationService::UpdateSettings(MemberId member, Settings settings,
                                                    bool email_digest_available) {
  if (settings.time_zone.size() > NotificationLimits::kTimeZoneBytes ||
      !local_time_.IsKnownZone(settings.time_zone)) {
    return InvalidArgument("unknown time zone", "time_zone");
  }
  if (settings.quiet_hours) {
    const QuietHours& quiet = *settings.quiet_hours;
    auto in_day = [](int minute) { return minute >= 0 && minute < 24 * 60; };
    if (!in_day(quiet.start_minute) || !in_day(quiet.end_minute) ||
        quiet.start_minute == quiet.end_minute) {
      return InvalidArgument("quiet hours need a start and a different end within the day",
                             "quiet_hours");
    }
  }
  for (const CategorySetting& category : settings.categories) {
    if (category.daily_budget < 0 || category.daily_budget > NotificationLimits::kMaxDailyBudget) {
      return InvalidArgument("a daily budget is 0 to 100", "daily_budget");
    }
  }
  if (settings.email_digest && !email_digest_available) {
    // One already on may stay on: it takes effect again once mail can be sent.
    auto current = notifications_.FindSettings(member);
    if (!current) return current.error();
    if (!current->email_digest) {
      return InvalidArgument(
          "the e-mail digest needs an e-mail login and a server that sends mail",
          "email_digest");
    }
  }
  ENISHI_TRY(notifications_.PutSettings(member, settings));
  return settings;
}

void RequestNotifications::Received(const relationships::Request& request) {
  File(request.recipient,
       request.kind == relationships::RequestKind::kGreeting
           ? NotificationKind::kGreetingReceived
           : NotificationKind::kConnectionRequested,
       request.sender, request);
}

void RequestNotifications::Accepted(const relationships::Request& request) {
  File(request.sender,
       request.kind == relationships::RequestKind::kGreeting
           ? NotificationKind::kGreetingReturned
           : NotificationKind::kConnectionAccepted,
       request.recipient, request);
}

void RequestNotifications::File(MemberId member, NotificationKind kind, MemberId actor,
                                const relationships::Request& request) {
  auto filed = notifications_.Notify(member, kind, actor, request.id.ToString());
  if (!filed) {
    log::Error("notification_failed", {{"error", filed.error().message}});
  }
}

}  // namespace enishi::notifications
