#pragma once
// A member's stream (DESIGN.md §6: one WebSocket per client): one ordered log of events per
// member, numbered 1, 2, 3... in commit order without gaps. A client that reconnects asks for
// what came after the last number it saw, so it misses nothing and sees nothing twice.
//
// An event names what happened, never what it says: the server that delivers it reads the
// message or notification it points to and renders it for its member through the privacy
// engine as things stand at delivery (an edited message arrives edited, a blocked sender's
// notification not at all).

#include <cstdint>
#include <string_view>

#include "core/clock.hpp"
#include "core/ids.hpp"

namespace enishi::stream {

enum class EventKind {
  kMessage,         // A new message in one of the member's conversations.
  kMessageChanged,  // A message was edited or deleted for everyone.
  kRead,            // Another participant read up to a message (read receipts only).
  kConversation,    // A conversation was opened or accepted, or someone joined or left.
  kNotification,    // A new notification.
};

struct StreamEvent {
  MemberId member;  // Whose stream.
  int64_t seq = 0;  // 1, 2, 3... per member.
  EventKind kind = EventKind::kMessage;
  ConversationId conversation;  // Unless kNotification.
  MessageId message;            // kMessage and kMessageChanged.
  NotificationId notification;  // kNotification.
  MemberId actor;               // kRead: who read. kConversation: who joined or left, if anyone.
  int64_t read_seq = 0;         // kRead: the message sequence number read up to.
  // Show it as it arrives (a sound, a banner); false files it quietly: quiet hours, a spent
  // daily budget, a category set to in-app only, or the member's own doing on another device.
  bool alert = false;
  Timestamp created_at;
  friend bool operator==(const StreamEvent&, const StreamEvent&) = default;
};

// Who receives an event a write causes, and whether it alerts them.
struct Delivery {
  MemberId member;
  bool alert = false;
  friend bool operator==(const Delivery&, const Delivery&) = default;
};

// The channel on which servers sharing a PostgreSQL store tell each other that members'
// streams grew: the message is the space-separated ids of those members (see StreamNotice).
inline constexpr std::string_view kStreamChannel = "enishi_stream";

}  // namespace enishi::stream
