#pragma once
// The names of the stream enumerations, as the API and the store spell them.

#include "core/enum_names.hpp"
#include "domain/stream/stream_event.hpp"

namespace enishi::stream {

inline constexpr EnumNames<EventKind, 5> kEventKindNames = {{
    {EventKind::kMessage, "message"},
    {EventKind::kMessageChanged, "message_changed"},
    {EventKind::kRead, "read"},
    {EventKind::kConversation, "conversation"},
    {EventKind::kNotification, "notification"},
}};

}  // namespace enishi::stream
