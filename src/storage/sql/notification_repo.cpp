#include "storage/sql/notification_repo.hpp"

#include <array>
#include <charconv>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "domain/notifications/notification_names.hpp"
#include "storage/sql/sql_codec.hpp"
#include "storage/sql/stream_repo.hpp"

namespace enishi::storage::sql {
namespace {

using notifications::Category;
using notifications::CategorySetting;
using notifications::kCategoryCount;
using notifications::kCategoryNames;
using notifications::kDeliveryModeNames;
using notifications::kNotificationKindNames;
using notifications::Notification;
using notifications::QuietHours;
using notifications::Settings;

// Every SELECT lists its columns in the order DecodeNotification reads them.
constexpr char kNotificationColumns[] =
    "id, member_id, category, kind, actor_id, subject, delivered_as, created_at, read_at";
constexpr auto kInsertNotificationText =
    SqlConcat("INSERT INTO notifications (", kNotificationColumns,
              ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)");
constexpr auto kSelectNotificationText = SqlConcat(
    "SELECT ", kNotificationColumns, " FROM notifications WHERE member_id = $1 AND id = $2");
// Newest first from notifications_member_id; ($2, $3) is the cursor.
constexpr auto kSelectNotificationsText =
    SqlConcat("SELECT ", kNotificationColumns,
              " FROM notifications WHERE member_id = $1 AND (created_at, id) < ($2, $3) "
              "ORDER BY created_at DESC, id DESC LIMIT $4");
constexpr std::string_view kInsertNotification = SqlText(kInsertNotificationText);
constexpr std::string_view kSelectNotification = SqlText(kSelectNotificationText);
constexpr std::string_view kSelectNotifications = SqlText(kSelectNotificationsText);
constexpr std::string_view kCountUnreadNotifications =
    "SELECT COUNT(*) FROM notifications WHERE member_id = $1 AND read_at IS NULL";
// Matches notifications_alerts, whose condition names 'real_time'.
constexpr std::string_view kCountAlertsSince =
    "SELECT COUNT(*) FROM notifications WHERE member_id = $1 AND category = $2 "
    "AND delivered_as = 'real_time' AND created_at >= $3";
// Matches stream_events_alerts, whose condition this repeats.
constexpr std::string_view kCountMessageAlertsSince =
    "SELECT COUNT(*) FROM stream_events WHERE member_id = $1 AND alert = 1 AND kind = 'message' "
    "AND created_at >= $2";
constexpr std::string_view kMarkNotificationRead =
    "UPDATE notifications SET read_at = $3 WHERE member_id = $1 AND id = $2 AND read_at IS NULL";
constexpr std::string_view kMarkAllNotificationsRead =
    "UPDATE notifications SET read_at = $2 WHERE member_id = $1 AND read_at IS NULL";

// In the order ReadSettings reads them.
constexpr char kSettingsColumns[] =
    "categories, time_zone, quiet_start_minute, quiet_end_minute, email_digest";
constexpr auto kSelectNotificationSettingsText = SqlConcat(
    "SELECT ", kSettingsColumns, " FROM notification_settings WHERE member_id = $1");
// notification_settings_email_digest, whose condition this repeats, finds the subscribers.
constexpr auto kSelectDigestSubscribersText = SqlConcat(
    "SELECT s.member_id, ", kSettingsColumns,
    ", d.day_start, d.through_at FROM notification_settings s "
    "LEFT JOIN notification_digests d ON d.member_id = s.member_id "
    "WHERE s.email_digest = 1 AND s.member_id > $1 ORDER BY s.member_id LIMIT $2");
constexpr std::string_view kSelectNotificationSettings = SqlText(kSelectNotificationSettingsText);
constexpr std::string_view kSelectDigestSubscribers = SqlText(kSelectDigestSubscribersText);
constexpr std::string_view kCountDigestItems =
    "SELECT category, COUNT(*) FROM notifications WHERE member_id = $1 "
    "AND delivered_as = 'digest' AND read_at IS NULL AND created_at >= $2 AND created_at < $3 "
    "GROUP BY category";
// Changes nothing when the recorded digest is for the same day or a later one.
constexpr std::string_view kClaimDigest =
    "INSERT INTO notification_digests (member_id, day_start, through_at) VALUES ($1, $2, $3) "
    "ON CONFLICT (member_id) DO UPDATE SET day_start = excluded.day_start, "
    "through_at = excluded.through_at "
    "WHERE notification_digests.day_start < excluded.day_start";
// The member is the row's only foreign key: kFailedPrecondition means no such account.
constexpr std::string_view kUpsertNotificationSettings =
    "INSERT INTO notification_settings (member_id, categories, time_zone, quiet_start_minute, "
    "quiet_end_minute, email_digest) VALUES ($1, $2, $3, $4, $5, $6) "
    "ON CONFLICT (member_id) DO UPDATE SET categories = excluded.categories, "
    "time_zone = excluded.time_zone, quiet_start_minute = excluded.quiet_start_minute, "
    "quiet_end_minute = excluded.quiet_end_minute, email_digest = excluded.email_digest";

std::optional<Notification> DecodeNotification(const SqlRow& row) {
  RowReader r(row);
  Notification n;
  n.id = r.Id<NotificationId>();
  n.member = r.Id<MemberId>();
  n.category = r.Enum(kCategoryNames);
  n.kind = r.Enum(kNotificationKindNames);
  n.actor = r.OptionalId<MemberId>().value_or(MemberId());
  n.subject = r.Text();
  n.delivered_as = r.Enum(kDeliveryModeNames);
  n.created_at = r.Time();
  n.read_at = r.OptionalTime();
  if (!r.ok()) return std::nullopt;
  return n;
}

// "greetings:in_app:5,requests:real_time:5,...": every category by name, with its delivery
// mode and daily budget.
std::string CategoriesText(const std::array<CategorySetting, kCategoryCount>& categories) {
  std::string text;
  for (const auto& [category, name] : kCategoryNames) {
    const CategorySetting& setting = categories[static_cast<size_t>(category)];
    if (!text.empty()) text += ',';
    text += name;
    text += ':';
    text += EnumText(kDeliveryModeNames, setting.delivery);
    text += ':';
    text += std::to_string(setting.daily_budget);
  }
  return text;
}

// What CategoriesText wrote; a category it does not name keeps its default. nullopt for text
// this build cannot read (an unknown name, say).
std::optional<std::array<CategorySetting, kCategoryCount>> ParseCategories(std::string_view text) {
  auto categories = Settings::DefaultCategories();
  while (!text.empty()) {
    size_t comma = text.find(',');
    std::string_view entry = text.substr(0, comma);
    text = comma == std::string_view::npos ? std::string_view() : text.substr(comma + 1);
    size_t first = entry.find(':');
    size_t second = first == std::string_view::npos ? first : entry.find(':', first + 1);
    if (second == std::string_view::npos) return std::nullopt;
    auto category = ParseEnum(kCategoryNames, entry.substr(0, first));
    auto delivery = ParseEnum(kDeliveryModeNames, entry.substr(first + 1, second - first - 1));
    std::string_view budget_text = entry.substr(second + 1);
    int budget = 0;
    auto [end, error] =
        std::from_chars(budget_text.data(), budget_text.data() + budget_text.size(), budget);
    if (!category || !delivery || error != std::errc() ||
        end != budget_text.data() + budget_text.size()) {
      return std::nullopt;
    }
    categories[static_cast<size_t>(*category)] = {*delivery, budget};
  }
  return categories;
}

// Reads the settings columns, in the order kSelectNotificationSettings lists them.
std::optional<Settings> ReadSettings(RowReader& r) {
  Settings s;
  auto categories = ParseCategories(r.Text());
  s.time_zone = r.Text();
  auto start = r.OptionalInt64();
  auto end = r.OptionalInt64();
  s.quiet_hours = std::nullopt;
  if (start && end) s.quiet_hours = QuietHours{static_cast<int>(*start), static_cast<int>(*end)};
  s.email_digest = r.Flag();
  if (!r.ok() || !categories) return std::nullopt;
  s.categories = *categories;
  return s;
}

std::optional<Settings> DecodeSettings(const SqlRow& row) {
  RowReader r(row);
  return ReadSettings(r);
}

std::optional<notifications::DigestSubscriber> DecodeDigestSubscriber(const SqlRow& row) {
  RowReader r(row);
  notifications::DigestSubscriber subscriber;
  subscriber.member = r.Id<MemberId>();
  auto settings = ReadSettings(r);
  auto day_start = r.OptionalInt64();
  auto through = r.OptionalInt64();
  if (!r.ok() || !settings) return std::nullopt;
  subscriber.settings = std::move(*settings);
  if (day_start && through) {
    subscriber.last = notifications::DigestMark{FromMicros(*day_start), FromMicros(*through)};
  }
  return subscriber;
}

Result<int64_t> CountOne(SqlConnection& db, std::string_view sql, SqlParams params) {
  int64_t count = 0;
  ENISHI_TRY(db.Query(sql, params, [&](const SqlRow& row) { count = RowReader(row).Int64(); }));
  return count;
}

}  // namespace

// --- Settings.

Result<Settings> SqlNotificationRepository::FindSettings(MemberId member) {
  return run_.Read("notifications.find_settings", [&](SqlConnection& db) -> Result<Settings> {
    auto found =
        QueryOptional<Settings>(db, kSelectNotificationSettings, {Key(member)}, DecodeSettings);
    if (!found) return found.error();
    return found->value_or(Settings{});
  });
}

Result<void> SqlNotificationRepository::PutSettings(MemberId member, const Settings& s) {
  return run_.Write("notifications.put_settings", [&](SqlConnection& db) -> Result<void> {
    const std::string categories = CategoriesText(s.categories);
    SqlValue start = nullptr;
    SqlValue end = nullptr;
    if (s.quiet_hours) {
      start = s.quiet_hours->start_minute;
      end = s.quiet_hours->end_minute;
    }
    auto written = db.Execute(kUpsertNotificationSettings, {Key(member), categories, s.time_zone,
                                                            start, end, int64_t{s.email_digest}});
    if (!written && written.error().code == ErrorCode::kFailedPrecondition) {
      return NotFound("account not found");
    }
    if (!written) return written.error();
    return Ok();
  });
}

// --- Notifications.

Result<void> SqlNotificationRepository::CreateNotification(const Notification& n, bool alert) {
  return run_.Write("notifications.create_notification", [&](SqlConnection& db) -> Result<void> {
    // A member or actor without an account fails a foreign key: kFailedPrecondition.
    ENISHI_TRY(db.Execute(kInsertNotification,
                          {Key(n.id), Key(n.member), EnumText(kCategoryNames, n.category),
                           EnumText(kNotificationKindNames, n.kind), KeyOrNull(n.actor), n.subject,
                           EnumText(kDeliveryModeNames, n.delivered_as), ToMicros(n.created_at),
                           n.read_at ? SqlValue(ToMicros(*n.read_at)) : SqlValue(nullptr)}));
    stream::StreamEvent event;
    event.kind = stream::EventKind::kNotification;
    event.notification = n.id;
    event.created_at = n.created_at;
    const stream::Delivery delivery{n.member, alert};
    return AppendStreamEvents(db, event, std::span(&delivery, 1));
  });
}

Result<std::optional<Notification>> SqlNotificationRepository::FindNotification(MemberId member,
                                                                                NotificationId id) {
  return run_.Read("notifications.find_notification", [&](SqlConnection& db) {
    return QueryOptional<Notification>(db, kSelectNotification, {Key(member), Key(id)},
                                       DecodeNotification);
  });
}

Result<std::vector<Notification>> SqlNotificationRepository::ListNotifications(
    MemberId member, std::optional<std::pair<Timestamp, NotificationId>> before, int limit) {
  // Without a cursor, one past every real row: ids and times stay below INT64_MAX.
  const int64_t before_at = before ? ToMicros(before->first) : INT64_MAX;
  const int64_t before_id = before ? Key(before->second) : INT64_MAX;
  return run_.Read("notifications.list_notifications", [&](SqlConnection& db) {
    return QueryAll<Notification>(db, kSelectNotifications,
                                  {Key(member), before_at, before_id, limit}, DecodeNotification);
  });
}

Result<int64_t> SqlNotificationRepository::CountUnread(MemberId member) {
  return run_.Read("notifications.count_unread", [&](SqlConnection& db) {
    return CountOne(db, kCountUnreadNotifications, {Key(member)});
  });
}

Result<int64_t> SqlNotificationRepository::CountAlertsSince(MemberId member, Category category,
                                                            Timestamp since) {
  return run_.Read("notifications.count_alerts_since", [&](SqlConnection& db) -> Result<int64_t> {
    auto notified = CountOne(db, kCountAlertsSince,
                             {Key(member), EnumText(kCategoryNames, category), ToMicros(since)});
    if (!notified || category != Category::kMessages) return notified;
    auto messages = CountOne(db, kCountMessageAlertsSince, {Key(member), ToMicros(since)});
    if (!messages) return messages.error();
    return *notified + *messages;
  });
}

Result<bool> SqlNotificationRepository::MarkRead(MemberId member, NotificationId id, Timestamp at) {
  return run_.Write("notifications.mark_read", [&](SqlConnection& db) {
    return ChangedAny(db.Execute(kMarkNotificationRead, {Key(member), Key(id), ToMicros(at)}));
  });
}

Result<int64_t> SqlNotificationRepository::MarkAllRead(MemberId member, Timestamp at) {
  return run_.Write("notifications.mark_all_read", [&](SqlConnection& db) {
    return db.Execute(kMarkAllNotificationsRead, {Key(member), ToMicros(at)});
  });
}

// --- The e-mail digest.

Result<std::vector<notifications::DigestSubscriber>>
SqlNotificationRepository::ListDigestSubscribers(MemberId after, int limit) {
  return run_.Read("notifications.list_digest_subscribers", [&](SqlConnection& db) {
    return QueryAll<notifications::DigestSubscriber>(db, kSelectDigestSubscribers,
                                                     {Key(after), limit}, DecodeDigestSubscriber);
  });
}

Result<std::array<int64_t, kCategoryCount>> SqlNotificationRepository::CountDigestItems(
    MemberId member, Timestamp since, Timestamp until) {
  using Counts = std::array<int64_t, kCategoryCount>;
  return run_.Read("notifications.count_digest_items", [&](SqlConnection& db) -> Result<Counts> {
    Counts counts{};
    bool readable = true;
    ENISHI_TRY(db.Query(kCountDigestItems, {Key(member), ToMicros(since), ToMicros(until)},
                        [&](const SqlRow& row) {
                          RowReader r(row);
                          Category category = r.Enum(kCategoryNames);
                          int64_t count = r.Int64();
                          if (!r.ok()) readable = false;
                          if (r.ok()) counts[static_cast<size_t>(category)] = count;
                        }));
    if (!readable) return Internal("unreadable notification category");
    return counts;
  });
}

Result<bool> SqlNotificationRepository::ClaimDigest(MemberId member,
                                                    const notifications::DigestMark& mark) {
  return run_.Write("notifications.claim_digest", [&](SqlConnection& db) {
    return ChangedAny(db.Execute(
        kClaimDigest, {Key(member), ToMicros(mark.day_start), ToMicros(mark.through)}));
  });
}

}  // namespace enishi::storage::sql
