#pragma once
// The wire form of conversations, messages, notifications and their settings (docs/API.md,
// "Messaging", "Notifications", "The stream"). Thread-safe (stateless).

#include <nlohmann/json_fwd.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "api/json_codec.hpp"
#include "domain/messaging/conversation.hpp"
#include "domain/messaging/messaging_service.hpp"
#include "domain/notifications/notification.hpp"

namespace enishi::api {

// A deleted message keeps its place and loses its content.
nlohmann::json MessageJson(const messaging::Message& message);
// `participants`: the summaries of view.others, made for the caller; `introduced_by` likewise
// or null.
nlohmann::json ConversationJson(const messaging::ConversationView& view,
                                std::vector<nlohmann::json> participants,
                                nlohmann::json introduced_by);
// A row of the caller's conversation list.
nlohmann::json ConversationSummaryJson(const messaging::ConversationSummary& summary,
                                       std::vector<nlohmann::json> participants);
// What a member writes, from POST .../messages or the first message of POST /conversations.
// Problems go to `fields`.
messaging::Draft ReadDraft(FieldReader& fields);

// A page cursor: the sort key of the last row of the previous page, as an opaque string.
std::string CursorText(Timestamp at, uint64_t id);
// The `cursor` query parameter; nullopt when absent. kInvalidArgument ("cursor") when it is not
// one CursorText made.
Result<std::optional<std::pair<Timestamp, uint64_t>>> CursorParam(const Request& request);

nlohmann::json PreferencesJson(const messaging::Preferences& preferences);
messaging::Preferences ReadPreferences(FieldReader& fields);

// `actor`: the actor's summary, made for the notification's member.
nlohmann::json NotificationJson(const notifications::Notification& notification,
                                nlohmann::json actor);
// `email_digest_available`: whether the member could turn the e-mail digest on.
nlohmann::json NotificationSettingsJson(const notifications::Settings& settings,
                                        bool email_digest_available);
notifications::Settings ReadNotificationSettings(FieldReader& fields);

}  // namespace enishi::api
