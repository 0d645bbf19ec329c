#pragma once
// messaging::MessagingRepository over any SqlDatabase, written once for both backends.
// Thread-safe. Does not own the database, which must outlive it. Errors are those of the port
// (domain/messaging/messaging_repository.hpp); each operation reports its timing as
// "messaging.<method_in_snake_case>". Every write appends its stream events through
// AppendStreamEvents (stream_repo.hpp), last in its unit.
//
// Choices the port leaves open:
// - CreateConversation stores last_seq (1 with a first message, else 0) and last_activity_at
//   (the later of the creation and the first message) itself, and marks the first message read
//   by its sender. A direct conversation needs exactly two participants (kInvalidArgument
//   otherwise); a second one between the same two fails with kAlreadyExists, even when both
//   are created at once. Its kConversation events name the creator as the actor.
// - A conversation stays when a participant's account goes: their participant row, the
//   messages they sent and what they hid go with it (a conversation's numbers may then skip).
// - Unread counts others' messages after the participant's read_seq (and after joined_after)
//   that are neither deleted for everyone nor hidden by the participant. A summary's
//   last_message is the latest message they may read and did not hide, deleted ones included.
// - AddParticipants gives joiners the inbox folder, and read_seq = joined_after; it appends
//   events only when someone joined, naming them as the actor when exactly one did.
// - MarkRead is false for a member who is no participant. The port gives it no time, so its
//   kRead events carry the store's wall clock (SystemClock) as created_at.
//
// Writes that read a conversation's last_seq (AddParticipants, Leave) lock its row first, as
// AppendMessage does, so no message slips between the read and the write. Locks are always
// taken conversation first, then participants, then stream heads, so units cannot deadlock.

#include <utility>

#include "domain/messaging/messaging_repository.hpp"
#include "storage/sql/operation_runner.hpp"

namespace enishi::storage::sql {

class SqlMessagingRepository final : public messaging::MessagingRepository {
 public:
  SqlMessagingRepository(SqlDatabase& database, OperationObserver observer)
      : dialect_(database.dialect()), run_(database, std::move(observer)) {}

  Result<void> CreateConversation(const messaging::Conversation& conversation,
                                  std::span<const messaging::Participant> participants,
                                  const std::optional<messaging::Message>& first,
                                  std::span<const stream::Delivery> deliveries) override;
  Result<std::optional<messaging::Conversation>> FindConversation(ConversationId id) override;
  Result<std::optional<messaging::Conversation>> FindDirect(MemberId a, MemberId b) override;
  Result<std::vector<messaging::Participant>> ListParticipants(ConversationId id) override;
  Result<std::optional<messaging::Participant>> FindParticipant(ConversationId id,
                                                                MemberId member) override;
  Result<std::vector<messaging::ConversationSummary>> ListConversations(
      MemberId member, const messaging::ConversationPage& page) override;
  Result<UnreadCounts> CountUnread(MemberId member) override;
  Result<void> AddParticipants(ConversationId id, std::span<const MemberId> members, Timestamp at,
                               std::span<const stream::Delivery> deliveries) override;
  Result<bool> Leave(ConversationId id, MemberId member, Timestamp at,
                     std::span<const stream::Delivery> deliveries) override;
  Result<bool> MarkIntroduced(ConversationId id, MemberId introducer, Timestamp at,
                              std::span<const stream::Delivery> deliveries) override;

  Result<int64_t> AppendMessage(const messaging::Message& message, bool opens,
                                std::span<const stream::Delivery> deliveries) override;
  Result<std::optional<messaging::Message>> FindMessage(MessageId id) override;
  Result<std::vector<messaging::Message>> ListMessages(ConversationId conversation, MemberId viewer,
                                                       int64_t after, int64_t before,
                                                       int limit) override;
  Result<bool> EditMessage(MessageId id, const std::string& text, const std::string& subject,
                           Timestamp at, std::span<const stream::Delivery> deliveries) override;
  Result<bool> DeleteMessage(MessageId id, Timestamp at,
                             std::span<const stream::Delivery> deliveries) override;
  Result<void> HideMessage(MemberId member, MessageId id) override;
  Result<bool> MarkRead(ConversationId id, MemberId member, int64_t seq,
                        std::span<const stream::Delivery> deliveries) override;

  Result<messaging::Preferences> FindPreferences(MemberId member) override;
  Result<void> PutPreferences(MemberId member, const messaging::Preferences& preferences) override;

 private:
  // The conversation's last_seq and last_activity_at, its row locked until the unit ends;
  // nullopt when it does not exist.
  struct Head {
    int64_t last_seq = 0;
    Timestamp last_activity_at;
  };
  Result<std::optional<Head>> LockConversation(SqlConnection& db, ConversationId id);

  const Dialect dialect_;
  OperationRunner run_;
};

}  // namespace enishi::storage::sql
