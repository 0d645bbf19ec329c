#include "api/notifications_api.hpp"

#include <nlohmann/json.hpp>
#include <utility>

#include "api/call_helpers.hpp"
#include "api/json_codec.hpp"
#include "api/member_summaries.hpp"
#include "api/messaging_codec.hpp"
#include "domain/notifications/notification_service.hpp"
#include "domain/relationships/relationship_service.hpp"

namespace enishi::api {

using nlohmann::json;

namespace {

notifications::NotificationService& Notifications(Call& call) {
  return call.services.notifications;
}

}  // namespace

Result<std::optional<json>> VisibleNotification(Services& services,
                                                const notifications::Notification& notification) {
  auto shown = services.relationships.WithoutBlocked(notification.member, {notification.actor});
  if (!shown) return shown.error();
  if (shown->empty()) return std::optional<json>();
  auto actor = MemberSummary(services, notification.member, notification.actor);
  if (!actor) return actor.error();
  return std::optional<json>(NotificationJson(notification, std::move(*actor)));
}

Result<Response> ListNotifications(Call& call) {
  auto cursor = CursorParam(call.request);
  if (!cursor) return cursor.error();
  std::optional<notifications::Cursor> before;
  if (*cursor) before = {{(*cursor)->first, NotificationId((*cursor)->second)}};
  auto listed = Notifications(call).List(Caller(call), before);
  if (!listed) return listed.error();
  json list = json::array();
  for (const notifications::Notification& notification : *listed) {
    auto shown = VisibleNotification(call.services, notification);
    if (!shown) return shown.error();
    if (*shown) list.push_back(std::move(**shown));
  }
  json body = {{"notifications", std::move(list)}};
  if (static_cast<int>(listed->size()) >= notifications::NotificationLimits::kPageSize) {
    body["next_cursor"] = CursorText(listed->back().created_at, listed->back().id.value());
  }
  return JsonResponse(200, body);
}

Result<Response> MarkNotificationRead(Call& call) {
  auto id = PathId<NotificationId>(call, "notification");
  if (!id) return id.error();
  ENISHI_TRY(Notifications(call).MarkRead(Caller(call), *id));
  return NoContent();
}

Result<Response> MarkAllNotificationsRead(Call& call) {
  ENISHI_TRY(Notifications(call).MarkAllRead(Caller(call)));
  return NoContent();
}

// Whether the caller could be sent the e-mail digest: the server sends mail, and their login
// is an e-mail address.
bool EmailDigestAvailable(const Call& call) {
  return call.services.options.email_delivery &&
         call.session->account.login_kind == accounts::LoginKind::kEmail;
}

Result<Response> GetNotificationSettings(Call& call) {
  auto settings = Notifications(call).GetSettings(Caller(call));
  if (!settings) return settings.error();
  return JsonResponse(200, NotificationSettingsJson(*settings, EmailDigestAvailable(call)));
}

Result<Response> PutNotificationSettings(Call& call) {
  FieldReader fields(*call.body);
  notifications::Settings settings = ReadNotificationSettings(fields);
  ENISHI_TRY(fields.Finish());
  const bool email_digest_available = EmailDigestAvailable(call);
  auto saved = Notifications(call).UpdateSettings(Caller(call), std::move(settings),
                                                  email_digest_available);
  if (!saved) return saved.error();
  return JsonResponse(200, NotificationSettingsJson(*saved, email_digest_available));
}

}  // namespace enishi::api
