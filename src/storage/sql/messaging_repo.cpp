#include "storage/sql/messaging_repo.hpp"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "domain/messaging/messaging_names.hpp"
#include "storage/sql/sql_codec.hpp"
#include "storage/sql/stream_repo.hpp"

namespace enishi::storage::sql {
namespace {

using messaging::Conversation;
using messaging::ConversationKind;
using messaging::ConversationPage;
using messaging::ConversationSummary;
using messaging::Folder;
using messaging::kConversationKindNames;
using messaging::kFolderNames;
using messaging::kMessageKindNames;
using messaging::Message;
using messaging::Participant;
using messaging::Preferences;
using stream::Delivery;
using stream::EventKind;
using stream::StreamEvent;

// Every SELECT lists its columns in the order the matching Read* function reads them; queries
// name the tables c (conversations), p (participants) and m (messages).
constexpr char kConversationColumns[] =
    "c.id, c.kind, c.title, c.created_by, c.awaiting_reply, c.introduced_by, c.last_seq, "
    "c.created_at, c.last_activity_at";
constexpr char kParticipantColumns[] =
    "p.conversation_id, p.member_id, p.folder, p.joined_after, p.left_at_seq, p.read_seq, "
    "p.joined_at";
constexpr char kMessageColumns[] =
    "m.id, m.conversation_id, m.seq, m.sender_id, m.kind, m.text, m.subject, m.proposed_times, "
    "m.created_at, m.edited_at, m.deleted_at";

constexpr std::string_view kInsertConversation =
    "INSERT INTO conversations (id, kind, title, created_by, awaiting_reply, introduced_by, "
    "direct_low, direct_high, last_seq, created_at, last_activity_at) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)";
constexpr auto kSelectConversationText =
    SqlConcat("SELECT ", kConversationColumns, " FROM conversations c WHERE c.id = $1");
// conversations_direct holds each pair lower id first.
constexpr auto kSelectDirectText =
    SqlConcat("SELECT ", kConversationColumns,
              " FROM conversations c WHERE c.direct_low = $1 AND c.direct_high = $2");
constexpr std::string_view kSelectConversation = SqlText(kSelectConversationText);
constexpr std::string_view kSelectDirect = SqlText(kSelectDirectText);
// The lock an UPDATE of the row takes, which AppendMessage's waits for. SQLite has one writer:
// a plain read holds the row steady until the unit ends.
constexpr std::string_view kLockConversationPostgres =
    "SELECT last_seq, last_activity_at FROM conversations WHERE id = $1 FOR NO KEY UPDATE";
constexpr std::string_view kLockConversationSqlite =
    "SELECT last_seq, last_activity_at FROM conversations WHERE id = $1";
// The next number, under the row's lock until the unit ends. Activity never moves back, even
// for a message stamped a little earlier by a server whose clock lags.
constexpr std::string_view kNextMessageSeq =
    "UPDATE conversations SET last_seq = last_seq + 1, "
    "last_activity_at = CASE WHEN last_activity_at < $2 THEN $2 ELSE last_activity_at END, "
    "awaiting_reply = CASE WHEN $3 = 1 THEN 0 ELSE awaiting_reply END "
    "WHERE id = $1 RETURNING last_seq";

constexpr std::string_view kInsertParticipant =
    "INSERT INTO participants (conversation_id, member_id, folder, joined_after, left_at_seq, "
    "read_seq, joined_at, join_order, last_activity_at) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";
// A member still in the conversation keeps their place; one who left joins anew.
constexpr std::string_view kJoinParticipant =
    "INSERT INTO participants (conversation_id, member_id, folder, joined_after, left_at_seq, "
    "read_seq, joined_at, join_order, last_activity_at) "
    "VALUES ($1, $2, 'inbox', $3, NULL, $3, $4, $5, $6) "
    "ON CONFLICT (conversation_id, member_id) DO UPDATE SET folder = excluded.folder, "
    "joined_after = excluded.joined_after, left_at_seq = NULL, read_seq = excluded.read_seq, "
    "joined_at = excluded.joined_at, join_order = excluded.join_order, "
    "last_activity_at = excluded.last_activity_at WHERE participants.left_at_seq IS NOT NULL";
constexpr std::string_view kLeaveConversation =
    "UPDATE participants SET left_at_seq = $3 "
    "WHERE conversation_id = $1 AND member_id = $2 AND left_at_seq IS NULL";
constexpr std::string_view kMarkIntroduced =
    "UPDATE conversations SET awaiting_reply = 0, "
    "introduced_by = COALESCE(introduced_by, $2) WHERE id = $1";
constexpr std::string_view kMoveAllToInbox =
    "UPDATE participants SET folder = 'inbox' WHERE conversation_id = $1";
// After an append: everyone's activity, the sender's read_seq, and with $5 = 1 (the message
// opens a request) everyone's folder.
constexpr std::string_view kTouchParticipants =
    "UPDATE participants SET "
    "last_activity_at = CASE WHEN last_activity_at < $2 THEN $2 ELSE last_activity_at END, "
    "read_seq = CASE WHEN member_id = $3 AND read_seq < $4 THEN $4 ELSE read_seq END, "
    "folder = CASE WHEN $5 = 1 THEN 'inbox' ELSE folder END "
    "WHERE conversation_id = $1";
// The highest message a participant may read.
constexpr std::string_view kSelectReadBound =
    "SELECT COALESCE(p.left_at_seq, c.last_seq) FROM participants p "
    "JOIN conversations c ON c.id = p.conversation_id "
    "WHERE p.conversation_id = $1 AND p.member_id = $2";
constexpr std::string_view kRaiseReadSeq =
    "UPDATE participants SET read_seq = $3 "
    "WHERE conversation_id = $1 AND member_id = $2 AND read_seq < $3";
constexpr auto kSelectParticipantsText =
    SqlConcat("SELECT ", kParticipantColumns,
              " FROM participants p WHERE p.conversation_id = $1 "
              "ORDER BY p.joined_at, p.join_order, p.member_id");
constexpr auto kSelectParticipantText =
    SqlConcat("SELECT ", kParticipantColumns,
              " FROM participants p WHERE p.conversation_id = $1 AND p.member_id = $2");
constexpr std::string_view kSelectParticipants = SqlText(kSelectParticipantsText);
constexpr std::string_view kSelectParticipant = SqlText(kSelectParticipantText);

// One page of a member's conversations: conversation, participant, unread count, and the last
// message's columns (all NULL without one), newest first as participants_list holds them. The
// participant has not left (the list only holds such), so every message after joined_after is
// theirs to read.
constexpr auto kSelectConversationPageText = SqlConcat(
    "SELECT ", kConversationColumns, ", ", kParticipantColumns,
    ", (SELECT COUNT(*) FROM messages u WHERE u.conversation_id = p.conversation_id "
    "AND u.seq > p.joined_after AND u.seq > p.read_seq AND u.sender_id <> p.member_id "
    "AND u.deleted_at IS NULL AND NOT EXISTS (SELECT 1 FROM hidden_messages h "
    "WHERE h.member_id = p.member_id AND h.message_id = u.id)), ",
    kMessageColumns,
    " FROM participants p JOIN conversations c ON c.id = p.conversation_id "
    "LEFT JOIN messages m ON m.id = (SELECT l.id FROM messages l "
    "WHERE l.conversation_id = p.conversation_id AND l.seq > p.joined_after "
    "AND NOT EXISTS (SELECT 1 FROM hidden_messages h "
    "WHERE h.member_id = p.member_id AND h.message_id = l.id) ORDER BY l.seq DESC LIMIT 1) "
    "WHERE p.member_id = $1 AND p.folder = $2 AND p.left_at_seq IS NULL "
    "AND (p.last_activity_at, p.conversation_id) < ($3, $4) "
    "ORDER BY p.last_activity_at DESC, p.conversation_id DESC LIMIT $5");
constexpr std::string_view kSelectConversationPage = SqlText(kSelectConversationPageText);
// Everyone in the conversations of id list $1 (IdList), each conversation's as
// kSelectParticipants orders them.
constexpr auto kSelectParticipantsOfText = SqlConcat(
    "WITH RECURSIVE ", kIdListCte, " SELECT ", kParticipantColumns,
    " FROM ids JOIN participants p ON p.conversation_id = ids.id "
    "ORDER BY p.conversation_id, p.joined_at, p.join_order, p.member_id");
constexpr std::string_view kSelectParticipantsOf = SqlText(kSelectParticipantsOfText);
constexpr std::string_view kCountUnreadMessages =
    "SELECT (SELECT COUNT(*) FROM participants p "
    "JOIN messages u ON u.conversation_id = p.conversation_id "
    "WHERE p.member_id = $1 AND p.folder = 'inbox' AND p.left_at_seq IS NULL "
    "AND u.seq > p.joined_after AND u.seq > p.read_seq AND u.sender_id <> $1 "
    "AND u.deleted_at IS NULL AND NOT EXISTS (SELECT 1 FROM hidden_messages h "
    "WHERE h.member_id = $1 AND h.message_id = u.id)), "
    "(SELECT COUNT(*) FROM participants p "
    "WHERE p.member_id = $1 AND p.folder = 'requests' AND p.left_at_seq IS NULL)";

constexpr std::string_view kInsertConversationMessage =
    "INSERT INTO messages (id, conversation_id, seq, sender_id, kind, text, subject, "
    "proposed_times, created_at, edited_at, deleted_at) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)";
constexpr auto kSelectMessageText =
    SqlConcat("SELECT ", kMessageColumns, " FROM messages m WHERE m.id = $1");
constexpr auto kSelectMessagesText =
    SqlConcat("SELECT ", kMessageColumns,
              " FROM messages m WHERE m.conversation_id = $1 AND m.seq > $3 AND m.seq < $4 "
              "AND NOT EXISTS (SELECT 1 FROM hidden_messages h "
              "WHERE h.member_id = $2 AND h.message_id = m.id) "
              "ORDER BY m.seq DESC LIMIT $5");
constexpr std::string_view kSelectMessage = SqlText(kSelectMessageText);
constexpr std::string_view kSelectMessages = SqlText(kSelectMessagesText);
constexpr std::string_view kEditMessage =
    "UPDATE messages SET text = $2, subject = $3, edited_at = $4 "
    "WHERE id = $1 AND deleted_at IS NULL RETURNING conversation_id";
constexpr std::string_view kDeleteMessage =
    "UPDATE messages SET text = '', subject = '', proposed_times = '', deleted_at = $2 "
    "WHERE id = $1 AND deleted_at IS NULL RETURNING conversation_id";
constexpr std::string_view kHideMessage =
    "INSERT INTO hidden_messages (member_id, message_id) VALUES ($1, $2) "
    "ON CONFLICT (member_id, message_id) DO NOTHING";

constexpr std::string_view kSelectPreferences =
    "SELECT read_receipts, typing_indicators FROM messaging_preferences WHERE member_id = $1";
// The member is the row's only foreign key: kFailedPrecondition means no such account.
constexpr std::string_view kUpsertPreferences =
    "INSERT INTO messaging_preferences (member_id, read_receipts, typing_indicators) "
    "VALUES ($1, $2, $3) ON CONFLICT (member_id) DO UPDATE SET "
    "read_receipts = excluded.read_receipts, typing_indicators = excluded.typing_indicators";

// Proposed times as a text list of decimal microseconds.
std::string ProposedTimesText(const std::vector<Timestamp>& times) {
  std::vector<std::string> texts;
  texts.reserve(times.size());
  for (Timestamp t : times) texts.push_back(std::to_string(ToMicros(t)));
  return TextList(texts);
}

std::optional<std::vector<Timestamp>> ParseProposedTimes(std::string_view list) {
  auto texts = ParseTextList(list);
  if (!texts) return std::nullopt;
  std::vector<Timestamp> times;
  times.reserve(texts->size());
  for (const std::string& text : *texts) {
    int64_t micros = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), micros);
    if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
    times.push_back(FromMicros(micros));
  }
  return times;
}

Conversation ReadConversation(RowReader& r) {
  Conversation c;
  c.id = r.Id<ConversationId>();
  c.kind = r.Enum(kConversationKindNames);
  c.title = r.Text();
  c.created_by = r.OptionalId<MemberId>().value_or(MemberId());  // NULL once the account went.
  c.awaiting_reply = r.Flag();
  c.introduced_by = r.OptionalId<MemberId>();
  c.last_seq = r.Int64();
  c.created_at = r.Time();
  c.last_activity_at = r.Time();
  return c;
}

Participant ReadParticipant(RowReader& r) {
  Participant p;
  p.conversation = r.Id<ConversationId>();
  p.member = r.Id<MemberId>();
  p.folder = r.Enum(kFolderNames);
  p.joined_after = r.Int64();
  p.left_at_seq = r.OptionalInt64();
  p.read_seq = r.Int64();
  p.joined_at = r.Time();
  return p;
}

// nullopt when the proposed times are no text list.
std::optional<Message> ReadMessage(RowReader& r) {
  Message m;
  m.id = r.Id<MessageId>();
  m.conversation = r.Id<ConversationId>();
  m.seq = r.Int64();
  m.sender = r.Id<MemberId>();
  m.kind = r.Enum(kMessageKindNames);
  m.text = r.Text();
  m.subject = r.Text();
  auto times = ParseProposedTimes(r.Text());
  m.created_at = r.Time();
  m.edited_at = r.OptionalTime();
  m.deleted_at = r.OptionalTime();
  if (!times) return std::nullopt;
  m.proposed_times = std::move(*times);
  return m;
}

// A row as the value `Read` reads from its columns; nullopt when a column holds what this build
// cannot read (or `Read` itself answers nullopt).
template <auto Read>
auto DecodeWith(const SqlRow& row) {
  RowReader r(row);
  std::optional value{Read(r)};
  if (!r.ok()) value.reset();
  return value;
}
constexpr auto DecodeConversation = DecodeWith<ReadConversation>;
constexpr auto DecodeParticipant = DecodeWith<ReadParticipant>;
constexpr auto DecodeConversationMessage = DecodeWith<ReadMessage>;

std::optional<ConversationSummary> DecodeSummary(const SqlRow& row) {
  RowReader r(row);
  ConversationSummary s;
  s.conversation = ReadConversation(r);
  s.self = ReadParticipant(r);
  s.unread = r.Int64();
  if (!r.NextIsNull()) {
    auto last = ReadMessage(r);
    if (!last) return std::nullopt;
    s.last_message = std::move(*last);
  }
  if (!r.ok()) return std::nullopt;
  return s;
}

// Runs a statement that returns one conversation_id, or none when it changed nothing.
Result<std::optional<ConversationId>> ChangedConversation(SqlConnection& db, std::string_view sql,
                                                          SqlParams params) {
  return QueryOptional<ConversationId>(db, sql, params, [](const SqlRow& row) {
    return std::optional<ConversationId>(RowReader(row).Id<ConversationId>());
  });
}

Result<void> InsertMessage(SqlConnection& db, const Message& m, int64_t seq) {
  const std::string times = ProposedTimesText(m.proposed_times);
  ENISHI_TRY(
      db.Execute(kInsertConversationMessage,
                 {Key(m.id), Key(m.conversation), seq, Key(m.sender),
                  EnumText(kMessageKindNames, m.kind), m.text, m.subject, times,
                  ToMicros(m.created_at), TimeOrNull(m.edited_at), TimeOrNull(m.deleted_at)}));
  return Ok();
}

}  // namespace

Result<std::optional<SqlMessagingRepository::Head>> SqlMessagingRepository::LockConversation(
    SqlConnection& db, ConversationId id) {
  const std::string_view sql =
      dialect_ == Dialect::kPostgres ? kLockConversationPostgres : kLockConversationSqlite;
  return QueryOptional<Head>(db, sql, {Key(id)}, [](const SqlRow& row) {
    RowReader r(row);
    return std::optional<Head>(Head{r.Int64(), r.Time()});
  });
}

// --- Conversations.

Result<void> SqlMessagingRepository::CreateConversation(const Conversation& c,
                                                        std::span<const Participant> participants,
                                                        const std::optional<Message>& first,
                                                        std::span<const Delivery> deliveries) {
  SqlValue direct_low = nullptr;
  SqlValue direct_high = nullptr;
  if (c.kind == ConversationKind::kDirect) {
    if (participants.size() != 2 || participants[0].member == participants[1].member) {
      return InvalidArgument("a direct conversation has exactly two participants");
    }
    direct_low = Key(std::min(participants[0].member, participants[1].member));
    direct_high = Key(std::max(participants[0].member, participants[1].member));
  }
  const int64_t last_seq = first ? 1 : 0;
  const Timestamp activity = first ? std::max(c.created_at, first->created_at) : c.created_at;
  return run_.Write("messaging.create_conversation", [&](SqlConnection& db) -> Result<void> {
    // A creator, introducer or participant without an account fails a foreign key:
    // kFailedPrecondition. A second direct conversation of the pair fails
    // conversations_direct: kAlreadyExists.
    ENISHI_TRY(db.Execute(
        kInsertConversation,
        {Key(c.id), EnumText(kConversationKindNames, c.kind), c.title, KeyOrNull(c.created_by),
         int64_t{c.awaiting_reply}, KeyOrNull(c.introduced_by), direct_low, direct_high, last_seq,
         ToMicros(c.created_at), ToMicros(activity)}));
    for (size_t i = 0; i < participants.size(); ++i) {
      const Participant& p = participants[i];
      int64_t read_seq = p.read_seq;
      if (first && p.member == first->sender) read_seq = std::max<int64_t>(read_seq, 1);
      ENISHI_TRY(db.Execute(kInsertParticipant,
                            {Key(c.id), Key(p.member), EnumText(kFolderNames, p.folder),
                             p.joined_after, Nullable(p.left_at_seq), read_seq,
                             ToMicros(p.joined_at), static_cast<int64_t>(i), ToMicros(activity)}));
    }
    StreamEvent event;
    event.conversation = c.id;
    if (first) {
      Message message = *first;
      message.conversation = c.id;
      ENISHI_TRY(InsertMessage(db, message, 1));
      event.kind = EventKind::kMessage;
      event.message = first->id;
      event.created_at = first->created_at;
    } else {
      event.kind = EventKind::kConversation;
      event.actor = c.created_by;
      event.created_at = c.created_at;
    }
    return AppendStreamEvents(db, event, deliveries);
  });
}

Result<std::optional<Conversation>> SqlMessagingRepository::FindConversation(ConversationId id) {
  return run_.Read("messaging.find_conversation", [&](SqlConnection& db) {
    return QueryOptional<Conversation>(db, kSelectConversation, {Key(id)}, DecodeConversation);
  });
}

Result<std::optional<Conversation>> SqlMessagingRepository::FindDirect(MemberId a, MemberId b) {
  const MemberId low = std::min(a, b);
  const MemberId high = std::max(a, b);
  return run_.Read("messaging.find_direct", [&](SqlConnection& db) {
    return QueryOptional<Conversation>(db, kSelectDirect, {Key(low), Key(high)},
                                       DecodeConversation);
  });
}

Result<std::vector<Participant>> SqlMessagingRepository::ListParticipants(ConversationId id) {
  return run_.Read("messaging.list_participants", [&](SqlConnection& db) {
    return QueryAll<Participant>(db, kSelectParticipants, {Key(id)}, DecodeParticipant);
  });
}

Result<std::optional<Participant>> SqlMessagingRepository::FindParticipant(ConversationId id,
                                                                           MemberId member) {
  return run_.Read("messaging.find_participant", [&](SqlConnection& db) {
    return QueryOptional<Participant>(db, kSelectParticipant, {Key(id), Key(member)},
                                      DecodeParticipant);
  });
}

Result<std::vector<ConversationSummary>> SqlMessagingRepository::ListConversations(
    MemberId member, const ConversationPage& page) {
  // Without a cursor, one past every real row: ids and times stay below INT64_MAX.
  const int64_t before_at = page.before ? ToMicros(page.before->first) : INT64_MAX;
  const int64_t before_id = page.before ? Key(page.before->second) : INT64_MAX;
  using Summaries = std::vector<ConversationSummary>;
  return run_.Read("messaging.list_conversations", [&](SqlConnection& db) -> Result<Summaries> {
    auto summaries = QueryAll<ConversationSummary>(
        db, kSelectConversationPage,
        {Key(member), EnumText(kFolderNames, page.folder), before_at, before_id, page.limit},
        DecodeSummary);
    if (!summaries || summaries->empty()) return summaries;
    std::vector<ConversationId> ids;
    for (const ConversationSummary& summary : *summaries) ids.push_back(summary.conversation.id);
    auto participants =
        QueryAll<Participant>(db, kSelectParticipantsOf, {IdList(ids)}, DecodeParticipant);
    if (!participants) return participants.error();
    std::unordered_map<ConversationId, std::vector<Participant>> by_conversation;
    for (Participant& participant : *participants) {
      by_conversation[participant.conversation].push_back(std::move(participant));
    }
    for (ConversationSummary& summary : *summaries) {
      summary.participants = std::move(by_conversation[summary.conversation.id]);
    }
    return summaries;
  });
}

Result<SqlMessagingRepository::UnreadCounts> SqlMessagingRepository::CountUnread(MemberId member) {
  return run_.Read("messaging.count_unread", [&](SqlConnection& db) -> Result<UnreadCounts> {
    UnreadCounts counts;
    ENISHI_TRY(db.Query(kCountUnreadMessages, {Key(member)}, [&](const SqlRow& row) {
      RowReader r(row);
      counts.messages = r.Int64();
      counts.requests = r.Int64();
    }));
    return counts;
  });
}

Result<void> SqlMessagingRepository::AddParticipants(ConversationId id,
                                                     std::span<const MemberId> members,
                                                     Timestamp at,
                                                     std::span<const Delivery> deliveries) {
  return run_.Write("messaging.add_participants", [&](SqlConnection& db) -> Result<void> {
    auto head = LockConversation(db, id);
    if (!head) return head.error();
    if (!*head) return NotFound("conversation not found");
    int64_t joined = 0;
    MemberId joiner;
    for (size_t i = 0; i < members.size(); ++i) {
      // A member without an account fails the foreign key: kFailedPrecondition.
      auto changed = db.Execute(kJoinParticipant,
                                {Key(id), Key(members[i]), (*head)->last_seq, ToMicros(at),
                                 static_cast<int64_t>(i), ToMicros((*head)->last_activity_at)});
      if (!changed) return changed.error();
      if (*changed > 0) {
        ++joined;
        joiner = members[i];
      }
    }
    if (joined == 0) return Ok();
    StreamEvent event;
    event.kind = EventKind::kConversation;
    event.conversation = id;
    if (joined == 1) event.actor = joiner;
    event.created_at = at;
    return AppendStreamEvents(db, event, deliveries);
  });
}

Result<bool> SqlMessagingRepository::Leave(ConversationId id, MemberId member, Timestamp at,
                                           std::span<const Delivery> deliveries) {
  return run_.Write("messaging.leave", [&](SqlConnection& db) -> Result<bool> {
    auto head = LockConversation(db, id);
    if (!head) return head.error();
    if (!*head) return false;
    auto left =
        ChangedAny(db.Execute(kLeaveConversation, {Key(id), Key(member), (*head)->last_seq}));
    if (!left || !*left) return left;
    StreamEvent event;
    event.kind = EventKind::kConversation;
    event.conversation = id;
    event.actor = member;
    event.created_at = at;
    ENISHI_TRY(AppendStreamEvents(db, event, deliveries));
    return true;
  });
}

Result<bool> SqlMessagingRepository::MarkIntroduced(ConversationId id, MemberId introducer,
                                                    Timestamp at,
                                                    std::span<const Delivery> deliveries) {
  return run_.Write("messaging.mark_introduced", [&](SqlConnection& db) -> Result<bool> {
    auto marked = ChangedAny(db.Execute(kMarkIntroduced, {Key(id), Key(introducer)}));
    if (!marked || !*marked) return marked;
    ENISHI_TRY(db.Execute(kMoveAllToInbox, {Key(id)}));
    StreamEvent event;
    event.kind = EventKind::kConversation;
    event.conversation = id;
    event.created_at = at;
    ENISHI_TRY(AppendStreamEvents(db, event, deliveries));
    return true;
  });
}

// --- Messages.

Result<int64_t> SqlMessagingRepository::AppendMessage(const Message& message, bool opens,
                                                      std::span<const Delivery> deliveries) {
  return run_.Write("messaging.append_message", [&](SqlConnection& db) -> Result<int64_t> {
    const int64_t created_at = ToMicros(message.created_at);
    const int64_t opening = opens ? 1 : 0;
    std::optional<int64_t> seq;
    ENISHI_TRY(db.Query(kNextMessageSeq, {Key(message.conversation), created_at, opening},
                        [&](const SqlRow& row) { seq = RowReader(row).Int64(); }));
    if (!seq) return NotFound("conversation not found");
    ENISHI_TRY(InsertMessage(db, message, *seq));
    ENISHI_TRY(db.Execute(kTouchParticipants, {Key(message.conversation), created_at,
                                               Key(message.sender), *seq, opening}));
    StreamEvent event;
    event.kind = EventKind::kMessage;
    event.conversation = message.conversation;
    event.message = message.id;
    event.created_at = message.created_at;
    ENISHI_TRY(AppendStreamEvents(db, event, deliveries));
    return *seq;
  });
}

Result<std::optional<Message>> SqlMessagingRepository::FindMessage(MessageId id) {
  return run_.Read("messaging.find_message", [&](SqlConnection& db) {
    return QueryOptional<Message>(db, kSelectMessage, {Key(id)}, DecodeConversationMessage);
  });
}

Result<std::vector<Message>> SqlMessagingRepository::ListMessages(ConversationId conversation,
                                                                  MemberId viewer, int64_t after,
                                                                  int64_t before, int limit) {
  return run_.Read("messaging.list_messages", [&](SqlConnection& db) {
    return QueryAll<Message>(db, kSelectMessages,
                             {Key(conversation), Key(viewer), after, before, limit},
                             DecodeConversationMessage);
  });
}

Result<bool> SqlMessagingRepository::EditMessage(MessageId id, const std::string& text,
                                                 const std::string& subject, Timestamp at,
                                                 std::span<const Delivery> deliveries) {
  return run_.Write("messaging.edit_message", [&](SqlConnection& db) -> Result<bool> {
    auto conversation =
        ChangedConversation(db, kEditMessage, {Key(id), text, subject, ToMicros(at)});
    if (!conversation) return conversation.error();
    if (!*conversation) return false;
    StreamEvent event;
    event.kind = EventKind::kMessageChanged;
    event.conversation = **conversation;
    event.message = id;
    event.created_at = at;
    ENISHI_TRY(AppendStreamEvents(db, event, deliveries));
    return true;
  });
}

Result<bool> SqlMessagingRepository::DeleteMessage(MessageId id, Timestamp at,
                                                   std::span<const Delivery> deliveries) {
  return run_.Write("messaging.delete_message", [&](SqlConnection& db) -> Result<bool> {
    auto conversation = ChangedConversation(db, kDeleteMessage, {Key(id), ToMicros(at)});
    if (!conversation) return conversation.error();
    if (!*conversation) return false;
    StreamEvent event;
    event.kind = EventKind::kMessageChanged;
    event.conversation = **conversation;
    event.message = id;
    event.created_at = at;
    ENISHI_TRY(AppendStreamEvents(db, event, deliveries));
    return true;
  });
}

Result<void> SqlMessagingRepository::HideMessage(MemberId member, MessageId id) {
  return run_.Write("messaging.hide_message", [&](SqlConnection& db) -> Result<void> {
    // A member or message that does not exist fails a foreign key: kFailedPrecondition.
    ENISHI_TRY(db.Execute(kHideMessage, {Key(member), Key(id)}));
    return Ok();
  });
}

Result<bool> SqlMessagingRepository::MarkRead(ConversationId id, MemberId member, int64_t seq,
                                              std::span<const Delivery> deliveries) {
  // The port gives no time for a read; its events carry the store's.
  const Timestamp at = SystemClock().Now();
  return run_.Write("messaging.mark_read", [&](SqlConnection& db) -> Result<bool> {
    // The bound only grows, so reading it unlocked can only make it lower: never too high.
    std::optional<int64_t> bound;
    ENISHI_TRY(db.Query(kSelectReadBound, {Key(id), Key(member)},
                        [&](const SqlRow& row) { bound = RowReader(row).Int64(); }));
    if (!bound) return false;
    const int64_t target = std::min(seq, *bound);
    auto rose = ChangedAny(db.Execute(kRaiseReadSeq, {Key(id), Key(member), target}));
    if (!rose || !*rose) return rose;
    StreamEvent event;
    event.kind = EventKind::kRead;
    event.conversation = id;
    event.actor = member;
    event.read_seq = target;
    event.created_at = at;
    ENISHI_TRY(AppendStreamEvents(db, event, deliveries));
    return true;
  });
}

// --- Preferences.

Result<Preferences> SqlMessagingRepository::FindPreferences(MemberId member) {
  return run_.Read("messaging.find_preferences", [&](SqlConnection& db) -> Result<Preferences> {
    auto found =
        QueryOptional<Preferences>(db, kSelectPreferences, {Key(member)}, [](const SqlRow& row) {
          RowReader r(row);
          return std::optional<Preferences>(Preferences{r.Flag(), r.Flag()});
        });
    if (!found) return found.error();
    return found->value_or(Preferences{});
  });
}

Result<void> SqlMessagingRepository::PutPreferences(MemberId member, const Preferences& p) {
  return run_.Write("messaging.put_preferences", [&](SqlConnection& db) -> Result<void> {
    auto written = db.Execute(
        kUpsertPreferences, {Key(member), int64_t{p.read_receipts}, int64_t{p.typing_indicators}});
    if (!written && written.error().code == ErrorCode::kFailedPrecondition) {
      return NotFound("account not found");
    }
    if (!written) return written.error();
    return Ok();
  });
}

}  // namespace enishi::storage::sql
