#pragma once
// The port through which conversations and messages are stored. Implemented once over SQL for
// both backends (storage/sql/messaging_repo.*).
//
// Every write is one unit, and it appends the stream events it causes (to the `deliveries`
// given) in that unit: a message exists exactly when its events do. Thread-safe. Errors:
// kUnavailable when the store cannot be reached, kInternal for what should not happen.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "core/clock.hpp"
#include "core/ids.hpp"
#include "core/result.hpp"
#include "domain/messaging/conversation.hpp"
#include "domain/stream/stream_event.hpp"

namespace enishi::messaging {

// A page of one participant's conversations, most recently active first.
struct ConversationPage {
  Folder folder = Folder::kInbox;
  // Only conversations last active before this (a cursor: the last one listed before).
  std::optional<std::pair<Timestamp, ConversationId>> before;
  int limit = 50;
};

class MessagingRepository {
 public:
  virtual ~MessagingRepository() = default;

  // --- Conversations ---

  // Stores a conversation with its participants and, when given, its first message (whose seq
  // becomes 1), appending a kMessage event for each delivery (or kConversation without a
  // message). kFailedPrecondition when a participant's account does not exist.
  virtual Result<void> CreateConversation(const Conversation& conversation,
                                          std::span<const Participant> participants,
                                          const std::optional<Message>& first,
                                          std::span<const stream::Delivery> deliveries) = 0;
  virtual Result<std::optional<Conversation>> FindConversation(ConversationId id) = 0;
  // The direct conversation between the two, if any.
  virtual Result<std::optional<Conversation>> FindDirect(MemberId a, MemberId b) = 0;
  // Every participant, those who left included, in the order they joined.
  virtual Result<std::vector<Participant>> ListParticipants(ConversationId id) = 0;
  virtual Result<std::optional<Participant>> FindParticipant(ConversationId id,
                                                             MemberId member) = 0;
  // `member`'s conversations in `page.folder` that they have not left, with their latest
  // message, unread count and participants, read together.
  virtual Result<std::vector<ConversationSummary>> ListConversations(MemberId member,
                                                                     const ConversationPage& page) = 0;
  // Others' unread messages over `member`'s inbox conversations, and how many conversations
  // wait in their Message requests folder.
  struct UnreadCounts {
    int64_t messages = 0;
    int64_t requests = 0;
    friend bool operator==(const UnreadCounts&, const UnreadCounts&) = default;
  };
  virtual Result<UnreadCounts> CountUnread(MemberId member) = 0;

  // Adds members to a group (each joins after the current last message), appending a
  // kConversation event for each delivery. Members already active in it are left as they are;
  // one who left rejoins.
  virtual Result<void> AddParticipants(ConversationId id, std::span<const MemberId> members,
                                       Timestamp at,
                                       std::span<const stream::Delivery> deliveries) = 0;
  // `member` leaves: nothing after the current last message reaches them. false when they
  // were not an active participant.
  virtual Result<bool> Leave(ConversationId id, MemberId member, Timestamp at,
                             std::span<const stream::Delivery> deliveries) = 0;
  // An introduction opened the conversation: a message request in it stops awaiting a reply,
  // every participant's folder becomes kInbox, and it is marked introduced by `introducer`
  // unless it was already; a kConversation event for each delivery. false when there is no
  // such conversation.
  virtual Result<bool> MarkIntroduced(ConversationId id, MemberId introducer, Timestamp at,
                                      std::span<const stream::Delivery> deliveries) = 0;

  // --- Messages ---

  // Appends `message` (its seq is given here and returned), marks it read by its sender, and
  // appends a kMessage event for each delivery. With `opens`, a message request becomes an
  // open conversation: awaiting_reply cleared and every participant's folder set to kInbox.
  // kNotFound when the conversation does not exist.
  virtual Result<int64_t> AppendMessage(const Message& message, bool opens,
                                        std::span<const stream::Delivery> deliveries) = 0;
  virtual Result<std::optional<Message>> FindMessage(MessageId id) = 0;
  // Messages of `conversation` numbered in (`after`, `before`), newest first, leaving out those
  // `viewer` hid for themselves; at most `limit`.
  virtual Result<std::vector<Message>> ListMessages(ConversationId conversation, MemberId viewer,
                                                    int64_t after, int64_t before, int limit) = 0;
  // Replaces a message's text and subject, setting edited_at. false when it is deleted or
  // gone. kMessageChanged events for the deliveries.
  virtual Result<bool> EditMessage(MessageId id, const std::string& text,
                                   const std::string& subject, Timestamp at,
                                   std::span<const stream::Delivery> deliveries) = 0;
  // Deletes a message for everyone: clears its content and sets deleted_at. false when already
  // deleted or gone. kMessageChanged events for the deliveries.
  virtual Result<bool> DeleteMessage(MessageId id, Timestamp at,
                                     std::span<const stream::Delivery> deliveries) = 0;
  // Hides a message from `member`'s own history only.
  virtual Result<void> HideMessage(MemberId member, MessageId id) = 0;
  // Raises `member`'s read_seq in the conversation to `seq`, or to the last message they may
  // read when `seq` is past it; never lowers it. Appends kRead events for the deliveries when
  // it rose. false when it did not rise (or they are no participant).
  virtual Result<bool> MarkRead(ConversationId id, MemberId member, int64_t seq,
                                std::span<const stream::Delivery> deliveries) = 0;

  // --- Preferences ---

  // The defaults when never saved.
  virtual Result<Preferences> FindPreferences(MemberId member) = 0;
  // kNotFound when the account does not exist.
  virtual Result<void> PutPreferences(MemberId member, const Preferences& preferences) = 0;
};

}  // namespace enishi::messaging
