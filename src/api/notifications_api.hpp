#pragma once
// Handlers of the notification centre and its settings (docs/API.md, "Notifications"). Named
// in the route table (routes.cpp). Thread-safe: they hold no state and call only thread-safe
// services.

#include <nlohmann/json_fwd.hpp>
#include <optional>

#include "api/handler.hpp"
#include "domain/notifications/notification.hpp"

namespace enishi::api {

Result<Response> ListNotifications(Call& call);
Result<Response> MarkNotificationRead(Call& call);
Result<Response> MarkAllNotificationsRead(Call& call);
Result<Response> GetNotificationSettings(Call& call);
Result<Response> PutNotificationSettings(Call& call);

// `notification` as its member may see it now: nullopt when its actor blocked them or was
// blocked by them since. Shared with the stream.
Result<std::optional<nlohmann::json>> VisibleNotification(
    Services& services, const notifications::Notification& notification);

}  // namespace enishi::api
