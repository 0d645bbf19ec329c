#include "api/messaging_codec.hpp"

#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>

#include "api/url.hpp"
#include "domain/messaging/messaging_names.hpp"
#include "domain/notifications/notification_names.hpp"

namespace enishi::api {
namespace {

using messaging::MessageKind;
using messaging::MessagingLimits;
using nlohmann::json;
using notifications::Category;

bool RequiredBool(FieldReader& fields, std::string_view name) {
  std::optional<bool> value = fields.OptionalBool(name);
  if (!value) fields.Fail(name, "is required: true or false");
  return value.value_or(false);
}

// "22:00" for a minute of the day, and back; -1 for a malformed one.
std::string ClockText(int minute_of_day) {
  char text[16];
  std::snprintf(text, sizeof text, "%02d:%02d", minute_of_day / 60, minute_of_day % 60);
  return text;
}
int MinuteOfDay(std::string_view text) {
  if (text.size() != 5 || text[2] != ':') return -1;
  auto digit = [&](size_t i) { return text[i] >= '0' && text[i] <= '9' ? text[i] - '0' : -100; };
  int hour = digit(0) * 10 + digit(1), minute = digit(3) * 10 + digit(4);
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59) return -1;
  return hour * 60 + minute;
}

}  // namespace

json MessageJson(const messaging::Message& message) {
  json body = {{"id", message.id.ToString()},
               {"conversation", message.conversation.ToString()},
               {"seq", message.seq},
               {"sender", message.sender.ToString()},
               {"kind", EnumText(messaging::kMessageKindNames, message.kind)},
               {"text", message.deleted_at ? "" : message.text},
               {"created_at", FormatRfc3339(message.created_at)},
               {"deleted", message.deleted_at.has_value()}};
  if (!message.deleted_at) {
    if (!message.subject.empty()) body["subject"] = message.subject;
    if (!message.proposed_times.empty()) {
      json times = json::array();
      for (Timestamp time : message.proposed_times) times.push_back(FormatRfc3339(time));
      body["proposed_times"] = std::move(times);
    }
  }
  if (message.edited_at) body["edited_at"] = FormatRfc3339(*message.edited_at);
  return body;
}

json ConversationJson(const messaging::ConversationView& view, std::vector<json> participants,
                      json introduced_by) {
  const messaging::Conversation& conversation = view.conversation;
  json body = {{"id", conversation.id.ToString()},
               {"kind", EnumText(messaging::kConversationKindNames, conversation.kind)},
               {"title", conversation.title},
               {"folder", EnumText(messaging::kFolderNames, view.self.folder)},
               {"participants", std::move(participants)},
               {"read_seq", view.self.read_seq},
               {"last_seq", view.self.left_at_seq.value_or(conversation.last_seq)},
               {"last_activity_at", FormatRfc3339(conversation.last_activity_at)},
               {"can_write", view.can_write},
               {"awaiting_reply", conversation.awaiting_reply},
               {"business_asks", view.business_asks}};
  if (!introduced_by.is_null()) body["introduced_by"] = std::move(introduced_by);
  if (!view.read_by.empty()) {
    json read_by = json::object();
    for (const auto& [member, seq] : view.read_by) read_by[member.ToString()] = seq;
    body["read_by"] = std::move(read_by);
  }
  return body;
}

json ConversationSummaryJson(const messaging::ConversationSummary& summary,
                             std::vector<json> participants) {
  const messaging::Conversation& conversation = summary.conversation;
  json body = {{"id", conversation.id.ToString()},
               {"kind", EnumText(messaging::kConversationKindNames, conversation.kind)},
               {"title", conversation.title},
               {"folder", EnumText(messaging::kFolderNames, summary.self.folder)},
               {"participants", std::move(participants)},
               {"unread", summary.unread},
               {"read_seq", summary.self.read_seq},
               {"last_activity_at", FormatRfc3339(conversation.last_activity_at)},
               {"awaiting_reply", conversation.awaiting_reply}};
  if (summary.last_message) body["last_message"] = MessageJson(*summary.last_message);
  return body;
}

messaging::Draft ReadDraft(FieldReader& fields) {
  messaging::Draft draft;
  if (auto kind = fields.OptionalString("kind", 64)) {
    if (auto parsed = ParseEnum(messaging::kMessageKindNames, *kind)) {
      draft.kind = *parsed;
    } else {
      fields.Fail("kind", "is not one of the known values");
    }
  }
  // Four bytes a character at most: the service counts the characters.
  draft.text = fields.RequireString("text", 4 * MessagingLimits::kTextChars);
  draft.subject = fields.OptionalString("subject", 4 * MessagingLimits::kSubjectChars).value_or("");
  std::vector<std::string> times =
      fields.OptionalStringArray("proposed_times", MessagingLimits::kProposedTimes, 64);
  for (size_t i = 0; i < times.size(); ++i) {
    if (auto time = ParseRfc3339(times[i])) {
      draft.proposed_times.push_back(*time);
    } else {
      fields.Fail("proposed_times[" + std::to_string(i) + "]", "is not an RFC 3339 time");
    }
  }
  return draft;
}

std::string CursorText(Timestamp at, uint64_t id) {
  return std::to_string(ToMicros(at)) + "." + EncodeId(id);
}

Result<std::optional<std::pair<Timestamp, uint64_t>>> CursorParam(const Request& request) {
  using Cursor = std::pair<Timestamp, uint64_t>;
  auto text = QueryParam(request, "cursor");
  if (!text) return text.error();
  if (!*text) return std::optional<Cursor>();
  Error invalid = InvalidArgument("cursor is not one this server gave", "cursor");
  size_t dot = (*text)->find('.');
  if (dot == std::string::npos || dot == 0 || dot > 18) return invalid;
  int64_t micros = 0;
  for (char c : std::string_view(**text).substr(0, dot)) {
    if (c < '0' || c > '9') return invalid;
    micros = micros * 10 + (c - '0');
  }
  auto id = DecodeId(std::string_view(**text).substr(dot + 1));
  if (!id) return invalid;
  return std::optional<Cursor>(Cursor{FromMicros(micros), *id});
}

json PreferencesJson(const messaging::Preferences& preferences) {
  return {{"read_receipts", preferences.read_receipts},
          {"typing_indicators", preferences.typing_indicators}};
}

messaging::Preferences ReadPreferences(FieldReader& fields) {
  messaging::Preferences preferences;
  preferences.read_receipts = RequiredBool(fields, "read_receipts");
  preferences.typing_indicators = RequiredBool(fields, "typing_indicators");
  return preferences;
}

json NotificationJson(const notifications::Notification& notification, json actor) {
  return {{"id", notification.id.ToString()},
          {"category", EnumText(notifications::kCategoryNames, notification.category)},
          {"kind", EnumText(notifications::kNotificationKindNames, notification.kind)},
          {"actor", std::move(actor)},
          {"subject", notification.subject},
          {"delivery", EnumText(notifications::kDeliveryModeNames, notification.delivered_as)},
          {"created_at", FormatRfc3339(notification.created_at)},
          {"read", notification.read_at.has_value()}};
}

json NotificationSettingsJson(const notifications::Settings& settings,
                              bool email_digest_available) {
  json categories = json::object();
  for (const auto& [category, name] : notifications::kCategoryNames) {
    const notifications::CategorySetting& setting = settings.For(category);
    categories[std::string(name)] = {
        {"delivery", EnumText(notifications::kDeliveryModeNames, setting.delivery)},
        {"daily_budget", setting.daily_budget}};
  }
  json quiet = nullptr;
  if (settings.quiet_hours) {
    quiet = {{"start", ClockText(settings.quiet_hours->start_minute)},
             {"end", ClockText(settings.quiet_hours->end_minute)}};
  }
  return {{"categories", std::move(categories)},
          {"time_zone", settings.time_zone},
          {"quiet_hours", std::move(quiet)},
          {"email_digest", settings.email_digest},
          {"email_digest_available", email_digest_available}};
}

notifications::Settings ReadNotificationSettings(FieldReader& fields) {
  notifications::Settings settings;
  FieldReader categories = fields.Child(fields.RequireObject("categories"), "categories");
  for (const auto& [category, name] : notifications::kCategoryNames) {
    FieldReader entry = categories.Child(categories.RequireObject(name), name);
    notifications::CategorySetting& setting =
        settings.categories[static_cast<size_t>(category)];
    setting.delivery = ReadEnum(entry, "delivery", notifications::kDeliveryModeNames,
                                setting.delivery);
    std::optional<int64_t> budget = entry.OptionalInt("daily_budget", 0, 100);
    if (!budget) entry.Fail("daily_budget", "is required: 0 to 100");
    setting.daily_budget = static_cast<int>(budget.value_or(setting.daily_budget));
    entry.FinishChild();
  }
  categories.FinishChild();
  settings.time_zone = fields.RequireString("time_zone", 64);
  const json& quiet = fields.RequireObjectOrNull("quiet_hours");
  if (quiet.is_null()) {
    settings.quiet_hours.reset();
  } else {
    FieldReader hours = fields.Child(quiet, "quiet_hours");
    int start = MinuteOfDay(hours.RequireString("start", 8));
    int end = MinuteOfDay(hours.RequireString("end", 8));
    if (start < 0) hours.Fail("start", "is not a time of day like 22:00");
    if (end < 0) hours.Fail("end", "is not a time of day like 08:00");
    settings.quiet_hours = notifications::QuietHours{start, end};
    hours.FinishChild();
  }
  settings.email_digest = RequiredBool(fields, "email_digest");
  return settings;
}

}  // namespace enishi::api
