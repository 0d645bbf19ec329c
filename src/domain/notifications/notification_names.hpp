#pragma once
// The names of the notification enumerations, as the API and the store spell them.

#include "core/enum_names.hpp"
#include "domain/notifications/notification.hpp"

namespace enishi::notifications {

// In the order of Category, which Settings::categories follows.
inline constexpr EnumNames<Category, kCategoryCount> kCategoryNames = {{
    {Category::kGreetings, "greetings"},
    {Category::kRequests, "requests"},
    {Category::kMessages, "messages"},
    {Category::kIntroductions, "introductions"},
    {Category::kGroups, "groups"},
    {Category::kJobs, "jobs"},
    {Category::kSafety, "safety"},
}};

inline constexpr EnumNames<DeliveryMode, 3> kDeliveryModeNames = {{
    {DeliveryMode::kInApp, "in_app"},
    {DeliveryMode::kRealTime, "real_time"},
    {DeliveryMode::kDigest, "digest"},
}};

inline constexpr EnumNames<NotificationKind, 9> kNotificationKindNames = {{
    {NotificationKind::kGreetingReceived, "greeting_received"},
    {NotificationKind::kGreetingReturned, "greeting_returned"},
    {NotificationKind::kConnectionRequested, "connection_requested"},
    {NotificationKind::kConnectionAccepted, "connection_accepted"},
    {NotificationKind::kMessageRequest, "message_request"},
    {NotificationKind::kIntroductionAsked, "introduction_asked"},
    {NotificationKind::kIntroductionForwarded, "introduction_forwarded"},
    {NotificationKind::kIntroductionAccepted, "introduction_accepted"},
    {NotificationKind::kIntroductionHelped, "introduction_helped"},
}};

}  // namespace enishi::notifications
