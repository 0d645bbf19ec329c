#include "storage/sql/stream_repo.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include "domain/stream/stream_names.hpp"
#include "domain/stream/stream_notice.hpp"
#include "storage/sql/sql_codec.hpp"

namespace enishi::storage::sql {
namespace {

using stream::Delivery;
using stream::kEventKindNames;
using stream::StreamEvent;

// Takes the member's next number; the row stays locked until the unit ends.
constexpr std::string_view kBumpHead =
    "INSERT INTO stream_heads (member_id, last_seq) VALUES ($1, 1) "
    "ON CONFLICT (member_id) DO UPDATE SET last_seq = stream_heads.last_seq + 1 "
    "RETURNING last_seq";
constexpr std::string_view kSelectLastSeq =
    "SELECT last_seq FROM stream_heads WHERE member_id = $1";
// Every SELECT lists its columns in the order DecodeEvent reads them.
constexpr char kEventColumns[] =
    "member_id, seq, kind, conversation_id, message_id, notification_id, actor_id, read_seq, "
    "alert, created_at";
constexpr auto kInsertEventText = SqlConcat("INSERT INTO stream_events (", kEventColumns,
                                            ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)");
constexpr auto kSelectEventsText =
    SqlConcat("SELECT ", kEventColumns,
              " FROM stream_events WHERE member_id = $1 AND seq > $2 ORDER BY seq LIMIT $3");
constexpr std::string_view kInsertEvent = SqlText(kInsertEventText);
constexpr std::string_view kSelectEvents = SqlText(kSelectEventsText);

// An id column that is NULL for an event not about such a thing.
template <class IdType>
IdType IdOrNone(RowReader& r) {
  return r.OptionalId<IdType>().value_or(IdType());
}

std::optional<StreamEvent> DecodeEvent(const SqlRow& row) {
  RowReader r(row);
  StreamEvent e;
  e.member = r.Id<MemberId>();
  e.seq = r.Int64();
  e.kind = r.Enum(kEventKindNames);
  e.conversation = IdOrNone<ConversationId>(r);
  e.message = IdOrNone<MessageId>(r);
  e.notification = IdOrNone<NotificationId>(r);
  e.actor = IdOrNone<MemberId>(r);
  e.read_seq = r.Int64();
  e.alert = r.Flag();
  e.created_at = r.Time();
  if (!r.ok()) return std::nullopt;
  return e;
}

// `deliveries` in the order of their members, each member once.
std::vector<Delivery> Merged(std::span<const Delivery> deliveries) {
  std::vector<Delivery> merged(deliveries.begin(), deliveries.end());
  std::sort(merged.begin(), merged.end(),
            [](const Delivery& a, const Delivery& b) { return a.member < b.member; });
  std::vector<Delivery> unique;
  unique.reserve(merged.size());
  for (const Delivery& delivery : merged) {
    if (!unique.empty() && unique.back().member == delivery.member) {
      unique.back().alert = unique.back().alert || delivery.alert;
    } else {
      unique.push_back(delivery);
    }
  }
  return unique;
}

}  // namespace

Result<void> AppendStreamEvents(SqlConnection& db, const StreamEvent& event,
                                std::span<const Delivery> deliveries) {
  if (deliveries.empty()) return Ok();
  const std::vector<Delivery> merged = Merged(deliveries);
  std::vector<MemberId> members;
  members.reserve(merged.size());
  for (const Delivery& delivery : merged) {
    std::optional<int64_t> seq;
    ENISHI_TRY(db.Query(kBumpHead, {Key(delivery.member)},
                        [&](const SqlRow& row) { seq = RowReader(row).Int64(); }));
    if (!seq) return Internal("the stream head upsert returned no number");
    ENISHI_TRY(db.Execute(kInsertEvent,
                          {Key(delivery.member), *seq, EnumText(kEventKindNames, event.kind),
                           KeyOrNull(event.conversation), KeyOrNull(event.message),
                           KeyOrNull(event.notification), KeyOrNull(event.actor), event.read_seq,
                           int64_t{delivery.alert}, ToMicros(event.created_at)}));
    members.push_back(delivery.member);
  }
  for (const std::string& notice : stream::EncodeStreamNotices(members)) {
    ENISHI_TRY(db.Notify(stream::kStreamChannel, notice));
  }
  return Ok();
}

Result<std::vector<StreamEvent>> SqlStreamRepository::ListEvents(MemberId member, int64_t after,
                                                                 int limit) {
  return run_.Read("streams.list_events", [&](SqlConnection& db) {
    return QueryAll<StreamEvent>(db, kSelectEvents, {Key(member), after, limit}, DecodeEvent);
  });
}

Result<int64_t> SqlStreamRepository::LastSeq(MemberId member) {
  return run_.Read("streams.last_seq", [&](SqlConnection& db) -> Result<int64_t> {
    int64_t last = 0;
    ENISHI_TRY(db.Query(kSelectLastSeq, {Key(member)},
                        [&](const SqlRow& row) { last = RowReader(row).Int64(); }));
    return last;
  });
}

}  // namespace enishi::storage::sql
