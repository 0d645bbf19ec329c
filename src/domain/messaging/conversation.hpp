#pragma once
// Conversations and their messages (F16): one-to-one and small groups, message requests from
// members without a relationship, and business asks as message kinds of their own.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/ids.hpp"

namespace enishi::messaging {

enum class ConversationKind { kDirect, kGroup };

// Where a conversation is filed for one participant.
enum class Folder {
  kInbox,     // An open conversation.
  kRequests,  // A message request the participant has not answered (Message requests).
  kFiltered,  // A message request the participant's inbound policy filed away, silently.
};

enum class MessageKind {
  kText,
  // Business asks (P6): allowed only as the recipient's etiquette policy says.
  kMeetingRequest,   // With proposed times.
  kProposal,         // With a subject.
  kReferralRequest,  // With a subject: the role or company.
};

struct Conversation {
  ConversationId id;
  ConversationKind kind = ConversationKind::kDirect;
  std::string title;  // Groups only; may be empty.
  MemberId created_by;
  // A message request: the creator wrote once to someone without a relationship, and may write
  // nothing more until the other replies.
  bool awaiting_reply = false;
  std::optional<MemberId> introduced_by;  // Opened by an accepted introduction.
  int64_t last_seq = 0;                   // The latest message's sequence number.
  Timestamp created_at;
  Timestamp last_activity_at;  // The latest message, or the creation.
  friend bool operator==(const Conversation&, const Conversation&) = default;
};

// One member's place in a conversation. Messages are numbered 1, 2, 3... per conversation; a
// participant sees those from `joined_after` + 1 up to `left_at_seq` (or on, while a member).
struct Participant {
  ConversationId conversation;
  MemberId member;
  Folder folder = Folder::kInbox;
  int64_t joined_after = 0;            // Messages before joining are not theirs to read.
  std::optional<int64_t> left_at_seq;  // Set when they left: nothing after reaches them.
  int64_t read_seq = 0;                // They have read up to this message.
  Timestamp joined_at;
  bool active() const { return !left_at_seq.has_value(); }
  friend bool operator==(const Participant&, const Participant&) = default;
};

struct Message {
  MessageId id;
  ConversationId conversation;
  int64_t seq = 0;  // Given by the store when the message is appended.
  MemberId sender;
  MessageKind kind = MessageKind::kText;
  std::string text;
  std::string subject;                    // kProposal, kReferralRequest.
  std::vector<Timestamp> proposed_times;  // kMeetingRequest.
  Timestamp created_at;
  std::optional<Timestamp> edited_at;
  std::optional<Timestamp> deleted_at;  // Deleted for everyone: text, subject and times cleared.
  friend bool operator==(const Message&, const Message&) = default;
};

// A conversation as one participant lists it.
struct ConversationSummary {
  Conversation conversation;
  Participant self;
  std::optional<Message> last_message;  // The latest one the participant may read.
  int64_t unread = 0;                   // Others' messages after self.read_seq.
  // Everyone who is or was in it, self included, as ListParticipants gives them.
  std::vector<Participant> participants;
  friend bool operator==(const ConversationSummary&, const ConversationSummary&) = default;
};

// Each member's choices for conversations; both off by default (P12: quiet by default). A
// member with read receipts off sees no one else's either, and likewise for typing.
struct Preferences {
  bool read_receipts = false;
  bool typing_indicators = false;
  friend bool operator==(const Preferences&, const Preferences&) = default;
};

}  // namespace enishi::messaging
