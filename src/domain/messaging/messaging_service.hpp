#pragma once
// Use cases of quiet, real-time messaging (F16): conversations opened by a relationship, one
// message request to anyone else, business asks only where the recipient's etiquette allows
// them, edits and deletes, history, unread counts, read receipts and typing indicators that
// each member chooses.
//
// Etiquette and privacy the service keeps:
// - A conversation the caller is not in, one with a member who blocked the caller or whom the
//   caller blocked, and an unknown one are the same "conversation not found".
// - A message request that the recipient's inbound policy filters is filed silently: its
//   sender is told exactly what they would be told otherwise.
// - A blocked member's messages never reach the blocker, in groups too; leaving a group stops
//   delivery with the next message.
// - Read receipts and typing are shown only between members who both turned them on.
//
// Every write that others should hear of appends events to their streams in the same store
// unit (see domain/stream). Thread-safe; the ports and services must outlive this one. Every
// method may also fail with a port's kUnavailable or kInternal.

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/ids.hpp"
#include "core/result.hpp"
#include "domain/messaging/conversation.hpp"
#include "domain/messaging/messaging_repository.hpp"
#include "domain/notifications/notification_service.hpp"
#include "domain/relationships/relationship_service.hpp"

namespace enishi::messaging {

struct MessagingLimits {
  static constexpr size_t kTextChars = 4000;
  static constexpr size_t kSubjectChars = 200;
  static constexpr size_t kTitleChars = 100;
  static constexpr size_t kGroupMembers = 50;  // The creator included.
  static constexpr size_t kProposedTimes = 5;
  static constexpr int kPageSize = 50;
  static constexpr int kHistoryPage = 100;
  // Own messages may be edited, and deleted for everyone, this long after sending.
  static constexpr hours kChangeWindow = hours(24);
};

// What a member writes: text, or a business ask.
struct Draft {
  MessageKind kind = MessageKind::kText;
  std::string text;
  std::string subject;                    // kProposal, kReferralRequest.
  std::vector<Timestamp> proposed_times;  // kMeetingRequest.
};

// A conversation as one participant sees it.
struct ConversationView {
  Conversation conversation;
  Participant self;
  std::vector<MemberId> others;  // Current participants but the caller, blocked ones left out.
  bool can_write = false;        // False while the caller's message request awaits a reply.
  bool business_asks = false;    // The caller may send a business ask here.
  // Others' read positions, when the caller and they have read receipts on.
  std::vector<std::pair<MemberId, int64_t>> read_by;
};

struct History {
  std::vector<Message> messages;  // Newest first.
  bool has_more = false;
};

// A page of the caller's conversations.
struct ConversationList {
  struct Entry {
    ConversationSummary summary;
    std::vector<MemberId> others;  // As in ConversationView.
  };
  std::vector<Entry> entries;
  // Where the next page starts; nullopt at the end.
  std::optional<std::pair<Timestamp, ConversationId>> next;
};

struct Opened {
  ConversationView view;
  bool created = false;
  std::optional<Message> message;  // The message sent with it, if any.
};

class MessagingService {
 public:
  MessagingService(MessagingRepository& messaging, relationships::RelationshipService& relationships,
                   notifications::NotificationService& notifications, const Clock& clock);

  // The direct conversation with `other`, opened when there is none. Members with a
  // relationship (greeted or more) open one straight away; anyone else must send `first`,
  // which becomes a message request. kInvalidArgument ("members", "text"), kNotFound for a
  // member blocked either way, kFailedPrecondition for a request already awaiting a reply.
  Result<Opened> OpenDirect(MemberId caller, MemberId other, std::optional<Draft> first);
  // A group of the caller and `members`, each someone the caller has a relationship with.
  // kInvalidArgument ("members", "title"), kNotFound as for OpenDirect.
  Result<ConversationView> CreateGroup(MemberId caller, std::span<const MemberId> members,
                                       std::string title);
  // The conversation an accepted introduction opens between `accepter` (the target) and
  // `requester`, marked introduced by `introducer`: their direct conversation (the one they
  // have, if any, a message request in it opened), or a group with `joiners` (intermediaries
  // who asked to be in it). The introduction is the relationship, so none is required.
  // kNotFound for a member blocked either way.
  Result<ConversationId> OpenIntroduced(MemberId accepter, MemberId requester,
                                        std::span<const MemberId> joiners, MemberId introducer);
  Result<ConversationView> View(MemberId caller, ConversationId id);
  // The caller's conversations in a folder, a page at a time.
  Result<ConversationList> List(MemberId caller, const ConversationPage& page);
  // Messages numbered below `before` (all when nullopt), newest first, at most `limit`.
  Result<History> Read(MemberId caller, ConversationId id, std::optional<int64_t> before,
                       int limit);
  Result<MessagingRepository::UnreadCounts> Unread(MemberId caller);

  // kInvalidArgument ("text", "subject", "proposed_times", "kind" for a business ask not
  // allowed here), kFailedPrecondition while the caller's message request awaits a reply.
  Result<Message> Send(MemberId caller, ConversationId id, Draft draft);
  // The caller's own message, within kChangeWindow. kNotFound for anyone else's or a deleted
  // one, kFailedPrecondition past the window.
  Result<Message> Edit(MemberId caller, ConversationId id, MessageId message, std::string text,
                       std::string subject);
  // For everyone: the caller's own message within kChangeWindow. For the caller alone: any
  // message they can read.
  Result<void> Delete(MemberId caller, ConversationId id, MessageId message, bool for_everyone);
  Result<void> MarkRead(MemberId caller, ConversationId id, int64_t up_to);
  // Groups only; each new member someone the caller has a relationship with.
  Result<ConversationView> AddMembers(MemberId caller, ConversationId id,
                                      std::span<const MemberId> members);
  Result<void> Leave(MemberId caller, ConversationId id);

  Result<Preferences> GetPreferences(MemberId member);
  Result<Preferences> UpdatePreferences(MemberId member, Preferences preferences);

  // --- For the stream: what a member may see now of what an event points to ---

  // The message as `member` may read it now; nullopt when they may not (outside their window,
  // hidden by them, from someone blocked either way).
  Result<std::optional<Message>> MessageFor(MemberId member, MessageId id);
  // Whether `member` may be shown that `reader` read up to a point in `conversation`.
  Result<bool> MayShowRead(MemberId member, MemberId reader, ConversationId conversation);
  // Whom to show that `caller` is typing in `id`: nobody unless the caller has typing
  // indicators on; then the other current participants who have them on too. kNotFound when
  // the caller is not in it.
  Result<std::vector<MemberId>> TypingAudience(MemberId caller, ConversationId id);

 private:
  // The caller's active place in `id` with the conversation; kNotFound otherwise.
  struct Membership {
    Conversation conversation;
    Participant self;
    std::vector<Participant> participants;
  };
  Result<Membership> Enter(MemberId caller, ConversationId id);
  Result<ConversationView> ViewOf(MemberId caller, Membership membership);
  // Stores `shape` (its kind, title and introducer set) as a new conversation created by
  // `caller` now, giving it its id; `caller` and `others` are participants in their inbox, and
  // each hears of it quietly.
  Result<void> CreateOpen(MemberId caller, std::span<const MemberId> others, Conversation& shape);
  // Active participants but `caller`, without those blocked either way.
  Result<std::vector<MemberId>> Audience(MemberId caller, const Membership& membership);
  Result<std::vector<stream::Delivery>> Deliveries(MemberId caller,
                                                   std::span<const MemberId> recipients,
                                                   bool alert);
  Result<void> CheckDraft(const Draft& draft) const;
  Result<bool> MayAsk(MemberId caller, const Membership& membership);
  Result<void> RequireRelationships(MemberId caller, std::span<const MemberId> members);
  Result<Message> FindOwn(MemberId caller, const Membership& membership, MessageId id);

  MessagingRepository& messaging_;
  relationships::RelationshipService& relationships_;
  notifications::NotificationService& notifications_;
  const Clock& clock_;
};

}  // namespace enishi::messaging
