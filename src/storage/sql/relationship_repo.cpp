#include "storage/sql/relationship_repo.hpp"

#include <string>
#include <utility>

#include "core/check.hpp"
#include "domain/relationships/relationship_names.hpp"
#include "storage/sql/sql_codec.hpp"

namespace enishi::storage::sql {
namespace {

using graph::ConnectionRecord;
using relationships::Block;
using relationships::kProvenanceNames;
using relationships::kRequestKindNames;
using relationships::kRequestStateNames;
using relationships::kStageNames;
using relationships::Provenance;
using relationships::ReceivedBox;
using relationships::Request;
using relationships::RequestKind;
using relationships::RequestState;
using relationships::Stage;
using relationships::Standing;
using relationships::Tie;

// Enums are stored by the names relationship_names.hpp gives them; the migrations CHECK those
// of kinds, states and stages, which the statements below test ('pending', 'connected').
// Every SELECT lists its columns in the order the matching Decode* function reads them.
constexpr char kRequestColumns[] =
    "id, kind, sender_id, recipient_id, note, provenance, introduced_by, filtered, state, "
    "created_at, expires_at, resolved_at";
// A second pending request of the kind between the same two fails requests_pending.
constexpr auto kInsertRequestText =
    SqlConcat("INSERT INTO requests (", kRequestColumns,
              ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)");
constexpr auto kSelectRequestText =
    SqlConcat("SELECT ", kRequestColumns, " FROM requests WHERE id = $1");
// What the sender still sees as open: a declined request reads pending to them.
constexpr auto kSelectOpenRequestText =
    SqlConcat("SELECT ", kRequestColumns,
              " FROM requests WHERE sender_id = $2 AND recipient_id = $3 AND kind = $1 "
              "AND state IN ('pending', 'declined') ORDER BY created_at DESC, id DESC LIMIT 1");
// A NULL kind lists both; the cast gives PostgreSQL the parameter's type before it meets
// `kind`. Newest first, as requests_received and requests_sent hold them.
constexpr auto kSelectReceivedText =
    SqlConcat("SELECT ", kRequestColumns,
              " FROM requests WHERE recipient_id = $1 AND state = 'pending' AND filtered = $2 "
              "AND expires_at > $3 AND (CAST($4 AS TEXT) IS NULL OR kind = $4) "
              "ORDER BY created_at DESC, id DESC LIMIT $5");
constexpr auto kSelectSentText =
    SqlConcat("SELECT ", kRequestColumns,
              " FROM requests WHERE sender_id = $1 AND state <> 'withdrawn' "
              "AND (CAST($2 AS TEXT) IS NULL OR kind = $2) "
              "ORDER BY created_at DESC, id DESC LIMIT $3");
constexpr std::string_view kInsertRequest = SqlText(kInsertRequestText);
constexpr std::string_view kSelectRequest = SqlText(kSelectRequestText);
constexpr std::string_view kSelectOpenRequest = SqlText(kSelectOpenRequestText);
constexpr std::string_view kSelectReceived = SqlText(kSelectReceivedText);
constexpr std::string_view kSelectSent = SqlText(kSelectSentText);
constexpr std::string_view kSelectSentTimesSince =
    "SELECT created_at FROM requests WHERE sender_id = $1 AND kind = $2 AND created_at > $3 "
    "ORDER BY created_at";
constexpr std::string_view kSelectLastWithdrawn =
    "SELECT MAX(resolved_at) FROM requests WHERE sender_id = $1 AND recipient_id = $2 "
    "AND kind = $3 AND state = 'withdrawn'";
// A pending request may move to any end state the caller gives, a declined one on to withdrawn
// or expired.
constexpr std::string_view kResolveRequest =
    "UPDATE requests SET state = $2, resolved_at = $3 "
    "WHERE id = $1 AND state IN ('pending', 'declined') AND state <> $2";
// Hands back what the tie needs, so that accepting takes no separate read.
constexpr std::string_view kAcceptRequest =
    "UPDATE requests SET state = 'accepted', resolved_at = $2 WHERE id = $1 AND state = 'pending' "
    "RETURNING kind, sender_id, recipient_id, provenance";
// Requests either way between $1 and $2 that their senders still see as open: pending, and
// declined (which reads pending to its sender, so it must settle or vanish alike).
constexpr char kOpenBetween[] =
    "state IN ('pending', 'declined') AND ((sender_id = $1 AND recipient_id = $2) "
    "OR (sender_id = $2 AND recipient_id = $1))";
constexpr auto kAcceptOpenBetweenText =
    SqlConcat("UPDATE requests SET state = 'accepted', resolved_at = $3 WHERE ", kOpenBetween);
constexpr auto kDeleteOpenBetweenText =
    SqlConcat("DELETE FROM requests WHERE ", kOpenBetween);
constexpr std::string_view kAcceptOpenBetween = SqlText(kAcceptOpenBetweenText);
constexpr std::string_view kDeleteOpenBetween = SqlText(kDeleteOpenBetweenText);

constexpr char kTieColumns[] =
    "member_id, other_id, stage, rating, note, trusted, provenance, since";
// A stored stage's rank, which privacy::Stage lists in order; StageRank gives the same numbers.
constexpr char kStageRank[] =
    "CASE ties.stage WHEN 'greeted' THEN 1 WHEN 'conversing' THEN 2 WHEN 'connected' THEN 3 "
    "ELSE 0 END";
// One side of a tie, created at stage $3 or raised to it from a lower one ($6 is its rank); a
// side already there or higher keeps its stage, provenance and since. Rating, note and trust
// are never touched.
constexpr auto kRaiseTieSideText =
    SqlConcat("INSERT INTO ties (", kTieColumns,
              ") VALUES ($1, $2, $3, NULL, '', 0, $4, $5) "
              "ON CONFLICT (member_id, other_id) DO UPDATE SET stage = excluded.stage, "
              "provenance = excluded.provenance, since = excluded.since WHERE ",
              kStageRank, " < $6");
constexpr auto kSelectTieText =
    SqlConcat("SELECT ", kTieColumns, " FROM ties WHERE member_id = $1 AND other_id = $2");
constexpr auto kSelectTiesText =
    SqlConcat("SELECT ", kTieColumns, " FROM ties WHERE member_id = $1 AND ", kStageRank,
              " >= $2 ORDER BY since DESC, other_id");
constexpr std::string_view kRaiseTieSide = SqlText(kRaiseTieSideText);
constexpr std::string_view kSelectTie = SqlText(kSelectTieText);
constexpr std::string_view kSelectTies = SqlText(kSelectTiesText);
constexpr std::string_view kUpdateTie =
    "UPDATE ties SET rating = $3, note = $4, trusted = $5 "
    "WHERE member_id = $1 AND other_id = $2 AND stage = 'connected'";
constexpr std::string_view kDeleteTieBetween =
    "DELETE FROM ties WHERE (member_id = $1 AND other_id = $2) "
    "OR (member_id = $2 AND other_id = $1)";
// Always one row, whose tie columns are NULL when the two have no tie.
constexpr auto kSelectStandingText =
    SqlConcat("SELECT ", kStandingColumns, " FROM (SELECT 1 AS one) AS pair ", kStandingJoin);
constexpr std::string_view kSelectStanding = SqlText(kSelectStandingText);

// Loading every connection reads each tie's two rows. Looking up each row's twin by key costs
// a random probe per connection, which dominates once the table outgrows memory (6 us a row at
// 5M rows). Instead a page is two ordered range reads: the lower ids' rows (a, b) in primary
// key order, then their twins (b, a) over the same range through ties_other, whose order
// (other_id, member_id) is the same (a, b). Both walk their keys in sequence; the two are
// merged in memory. The first page starts after the pair (0, 0): ids start at 1.
constexpr std::string_view kSelectConnectionPage =
    "SELECT member_id, other_id, COALESCE(rating, 0) FROM ties "
    "WHERE member_id < other_id AND stage = 'connected' AND (member_id, other_id) > ($1, $2) "
    "ORDER BY member_id, other_id LIMIT $3";
// The twins of the page's rows, as (a, b, b's rating of a), for the range ($1, $2] .. ($3, $4].
constexpr std::string_view kSelectConnectionTwins =
    "SELECT other_id, member_id, COALESCE(rating, 0) FROM ties "
    "WHERE member_id > other_id AND stage = 'connected' "
    "AND (other_id, member_id) > ($1, $2) AND (other_id, member_id) <= ($3, $4) "
    "ORDER BY other_id, member_id";
// PostgreSQL gives each statement of a read unit a snapshot of its own; a scan's pages must
// share one. SQLite's read unit is one transaction already.
constexpr std::string_view kBeginSnapshot = "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY";

// Blocking twice keeps the first block and its time.
constexpr std::string_view kInsertBlock =
    "INSERT INTO blocks (blocker_id, blocked_id, created_at) VALUES ($1, $2, $3) "
    "ON CONFLICT (blocker_id, blocked_id) DO NOTHING";
constexpr std::string_view kDeleteBlock =
    "DELETE FROM blocks WHERE blocker_id = $1 AND blocked_id = $2";
constexpr std::string_view kSelectBlocks =
    "SELECT blocker_id, blocked_id, created_at FROM blocks WHERE blocker_id = $1 "
    "ORDER BY created_at DESC, blocked_id";
// The ids of the IdList $1 that $2 blocked or that blocked $2, in the list's order.
constexpr auto kSelectBlockedEitherWayText =
    SqlConcat("WITH RECURSIVE ", kIdListCte,
              " SELECT id FROM ids WHERE EXISTS (SELECT 1 FROM blocks "
              "WHERE (blocker_id = $2 AND blocked_id = ids.id) "
              "OR (blocker_id = ids.id AND blocked_id = $2)) ORDER BY n");
constexpr std::string_view kSelectBlockedEitherWay = SqlText(kSelectBlockedEitherWayText);

static_assert(static_cast<int>(Stage::kConnected) == 3, "kStageRank ranks stages as Stage does");
int64_t StageRank(Stage stage) { return static_cast<int64_t>(stage); }

SqlValue MicrosOrNull(const std::optional<Timestamp>& at) {
  return at ? SqlValue(ToMicros(*at)) : SqlValue(nullptr);
}
SqlValue KindOrNull(const std::optional<RequestKind>& kind) {
  return kind ? SqlValue(EnumText(kRequestKindNames, *kind)) : SqlValue(nullptr);
}

std::optional<Request> DecodeRequest(const SqlRow& row) {
  RowReader r(row);
  Request q;
  q.id = r.Id<RequestId>();
  q.kind = r.Enum(kRequestKindNames);
  q.sender = r.Id<MemberId>();
  q.recipient = r.Id<MemberId>();
  q.note = r.Text();
  q.provenance = r.Enum(kProvenanceNames);
  q.introduced_by = r.OptionalId<MemberId>();
  q.filtered = r.Flag();
  q.state = r.Enum(kRequestStateNames);
  q.created_at = r.Time();
  q.expires_at = r.Time();
  q.resolved_at = r.OptionalTime();
  if (!r.ok()) return std::nullopt;
  return q;
}

// What kAcceptRequest returns.
struct AcceptedRequest {
  RequestKind kind;
  MemberId sender;
  MemberId recipient;
  Provenance provenance;
};

std::optional<AcceptedRequest> DecodeAccepted(const SqlRow& row) {
  RowReader r(row);
  AcceptedRequest a{r.Enum(kRequestKindNames), r.Id<MemberId>(), r.Id<MemberId>(),
                    r.Enum(kProvenanceNames)};
  if (!r.ok()) return std::nullopt;
  return a;
}

std::optional<Tie> DecodeTie(const SqlRow& row) {
  RowReader r(row);
  Tie t;
  t.member = r.Id<MemberId>();
  t.other = r.Id<MemberId>();
  t.stage = r.Enum(kStageNames);
  if (auto rating = r.OptionalInt64()) t.rating = static_cast<int>(*rating);
  t.note = r.Text();
  t.trusted = r.Flag();
  t.provenance = r.Enum(kProvenanceNames);
  t.since = r.Time();
  if (!r.ok()) return std::nullopt;
  return t;
}

std::optional<Standing> DecodeStanding(const SqlRow& row) {
  RowReader r(row);
  Standing s = ReadStanding(r);
  if (!r.ok()) return std::nullopt;
  return s;
}

std::optional<Block> DecodeBlock(const SqlRow& row) {
  RowReader r(row);
  return Block{r.Id<MemberId>(), r.Id<MemberId>(), r.Time()};
}

std::optional<MemberId> DecodeMember(const SqlRow& row) { return RowReader(row).Id<MemberId>(); }

// Raises both sides of the tie between `a` and `b` to at least `stage`, creating it if need be.
Result<void> RaiseTie(SqlConnection& db, MemberId a, MemberId b, Stage stage, Provenance provenance,
                      Timestamp at) {
  for (auto [member, other] : {std::pair(a, b), std::pair(b, a)}) {
    ENISHI_TRY(db.Execute(
        kRaiseTieSide, {Key(member), Key(other), EnumText(kStageNames, stage),
                        EnumText(kProvenanceNames, provenance), ToMicros(at), StageRank(stage)}));
  }
  return Ok();
}

// Connects the two and accepts every request still pending between them.
Result<void> ConnectPair(SqlConnection& db, MemberId a, MemberId b, Provenance provenance,
                         Timestamp at) {
  ENISHI_TRY(RaiseTie(db, a, b, Stage::kConnected, provenance, at));
  ENISHI_TRY(db.Execute(kAcceptOpenBetween, {Key(a), Key(b), ToMicros(at)}));
  return Ok();
}

}  // namespace

SqlRelationshipRepository::SqlRelationshipRepository(SqlDatabase& database,
                                                     OperationObserver observer,
                                                     int connection_page)
    : dialect_(database.dialect()),
      connection_page_(connection_page),
      run_(database, std::move(observer)) {
  ENISHI_CHECK(connection_page > 0, "a page must hold at least one connection");
}

// --- Requests.

Result<void> SqlRelationshipRepository::CreateRequest(const Request& q) {
  return run_.Write("relationships.create_request", [&](SqlConnection& db) -> Result<void> {
    // A sender or recipient that does not exist fails its foreign key: kFailedPrecondition.
    ENISHI_TRY(
        db.Execute(kInsertRequest,
                   {Key(q.id), EnumText(kRequestKindNames, q.kind), Key(q.sender), Key(q.recipient),
                    q.note, EnumText(kProvenanceNames, q.provenance), KeyOrNull(q.introduced_by),
                    int64_t{q.filtered}, EnumText(kRequestStateNames, q.state),
                    ToMicros(q.created_at), ToMicros(q.expires_at), MicrosOrNull(q.resolved_at)}));
    return Ok();
  });
}

Result<std::optional<Request>> SqlRelationshipRepository::FindRequest(RequestId id) {
  return run_.Read("relationships.find_request", [&](SqlConnection& db) {
    return QueryOptional<Request>(db, kSelectRequest, {Key(id)}, DecodeRequest);
  });
}

Result<std::optional<Request>> SqlRelationshipRepository::FindOpenRequest(RequestKind kind,
                                                                          MemberId sender,
                                                                          MemberId recipient) {
  return run_.Read("relationships.find_open_request", [&](SqlConnection& db) {
    return QueryOptional<Request>(db, kSelectOpenRequest,
                                  {EnumText(kRequestKindNames, kind), Key(sender), Key(recipient)},
                                  DecodeRequest);
  });
}

Result<std::vector<Request>> SqlRelationshipRepository::ListReceived(
    MemberId recipient, ReceivedBox box, std::optional<RequestKind> kind, Timestamp now,
    int limit) {
  return run_.Read("relationships.list_received", [&](SqlConnection& db) {
    const int64_t filtered = box == ReceivedBox::kFiltered ? 1 : 0;
    return QueryAll<Request>(db, kSelectReceived,
                             {Key(recipient), filtered, ToMicros(now), KindOrNull(kind), limit},
                             DecodeRequest);
  });
}

Result<std::vector<Request>> SqlRelationshipRepository::ListSent(MemberId sender,
                                                                 std::optional<RequestKind> kind,
                                                                 int limit) {
  return run_.Read("relationships.list_sent", [&](SqlConnection& db) {
    return QueryAll<Request>(db, kSelectSent, {Key(sender), KindOrNull(kind), limit},
                             DecodeRequest);
  });
}

Result<std::vector<Timestamp>> SqlRelationshipRepository::SentTimesSince(MemberId sender,
                                                                         RequestKind kind,
                                                                         Timestamp since) {
  return run_.Read("relationships.sent_times_since",
                   [&](SqlConnection& db) -> Result<std::vector<Timestamp>> {
                     std::vector<Timestamp> times;
                     ENISHI_TRY(db.Query(
                         kSelectSentTimesSince,
                         {Key(sender), EnumText(kRequestKindNames, kind), ToMicros(since)},
                         [&](const SqlRow& row) { times.push_back(RowReader(row).Time()); }));
                     return times;
                   });
}

Result<std::optional<Timestamp>> SqlRelationshipRepository::LastWithdrawn(MemberId sender,
                                                                          MemberId recipient,
                                                                          RequestKind kind) {
  using Found = std::optional<Timestamp>;
  return run_.Read("relationships.last_withdrawn", [&](SqlConnection& db) -> Result<Found> {
    Found last;
    ENISHI_TRY(db.Query(kSelectLastWithdrawn,
                        {Key(sender), Key(recipient), EnumText(kRequestKindNames, kind)},
                        [&](const SqlRow& row) {
                          if (auto micros = RowReader(row).OptionalInt64()) {
                            last = FromMicros(*micros);
                          }
                        }));
    return last;
  });
}

Result<bool> SqlRelationshipRepository::ResolveRequest(RequestId id, RequestState state,
                                                       Timestamp at) {
  ENISHI_CHECK(state == RequestState::kDeclined || state == RequestState::kWithdrawn ||
                   state == RequestState::kExpired,
               "only AcceptRequest accepts a request, since accepting raises the tie");
  return run_.Write("relationships.resolve_request", [&](SqlConnection& db) {
    return ChangedAny(
        db.Execute(kResolveRequest, {Key(id), EnumText(kRequestStateNames, state), ToMicros(at)}));
  });
}

Result<bool> SqlRelationshipRepository::AcceptRequest(RequestId id, Timestamp at) {
  return run_.Write("relationships.accept_request", [&](SqlConnection& db) -> Result<bool> {
    auto accepted =
        QueryOptional<AcceptedRequest>(db, kAcceptRequest, {Key(id), ToMicros(at)}, DecodeAccepted);
    if (!accepted) return accepted.error();
    if (!*accepted) return false;
    const AcceptedRequest& q = **accepted;
    if (q.kind == RequestKind::kGreeting) {
      ENISHI_TRY(RaiseTie(db, q.sender, q.recipient, Stage::kGreeted, Provenance::kNone, at));
    } else {
      ENISHI_TRY(ConnectPair(db, q.sender, q.recipient, q.provenance, at));
    }
    return true;
  });
}

// --- Ties.

Result<void> SqlRelationshipRepository::Connect(MemberId a, MemberId b, Provenance provenance,
                                                Timestamp at) {
  return run_.Write("relationships.connect",
                    [&](SqlConnection& db) { return ConnectPair(db, a, b, provenance, at); });
}

Result<void> SqlRelationshipRepository::RaiseStage(MemberId a, MemberId b, Stage stage,
                                                   Timestamp at) {
  ENISHI_CHECK(stage == Stage::kGreeted || stage == Stage::kConversing,
               "connecting also settles pending requests: use Connect");
  return run_.Write("relationships.raise_stage", [&](SqlConnection& db) {
    return RaiseTie(db, a, b, stage, Provenance::kNone, at);
  });
}

Result<std::optional<Tie>> SqlRelationshipRepository::FindTie(MemberId member, MemberId other) {
  return run_.Read("relationships.find_tie", [&](SqlConnection& db) {
    return QueryOptional<Tie>(db, kSelectTie, {Key(member), Key(other)}, DecodeTie);
  });
}

Standing ReadStanding(RowReader& r) {
  Standing s;
  if (r.NextIsNull()) {
    r.Skip();
    r.Skip();
  } else {
    s.stage = r.Enum(kStageNames);
    s.trusted = r.Flag();
  }
  s.blocked = r.Flag();
  return s;
}

Result<Standing> SqlRelationshipRepository::FindStanding(MemberId member, MemberId other) {
  return run_.Read("relationships.find_standing", [&](SqlConnection& db) -> Result<Standing> {
    auto standing =
        QueryOptional<Standing>(db, kSelectStanding, {Key(member), Key(other)}, DecodeStanding);
    if (!standing) return standing.error();
    return standing->value_or(Standing{});
  });
}

Result<std::vector<Tie>> SqlRelationshipRepository::ListTies(MemberId member, Stage at_least) {
  return run_.Read("relationships.list_ties", [&](SqlConnection& db) {
    return QueryAll<Tie>(db, kSelectTies, {Key(member), StageRank(at_least)}, DecodeTie);
  });
}

Result<void> SqlRelationshipRepository::UpdateTie(MemberId member, MemberId other,
                                                  std::optional<int> rating,
                                                  const std::string& note, bool trusted) {
  return run_.Write("relationships.update_tie", [&](SqlConnection& db) {
    return ExpectFound(db.Execute(kUpdateTie, {Key(member), Key(other),
                                               rating ? SqlValue(*rating) : SqlValue(nullptr), note,
                                               int64_t{trusted}}),
                       "connection");
  });
}

Result<bool> SqlRelationshipRepository::RemoveTie(MemberId a, MemberId b) {
  return run_.Write("relationships.remove_tie", [&](SqlConnection& db) {
    return ChangedAny(db.Execute(kDeleteTieBetween, {Key(a), Key(b)}));
  });
}

Result<void> SqlRelationshipRepository::ForEachConnection(
    const std::function<Result<void>(const ConnectionRecord&)>& visit) {
  return run_.Read("relationships.for_each_connection", [&](SqlConnection& db) -> Result<void> {
    if (dialect_ == Dialect::kPostgres) ENISHI_TRY(db.Execute(kBeginSnapshot));
    auto read_pair = [](const SqlRow& row) {
      RowReader r(row);
      ConnectionRecord c;
      c.a = r.Id<MemberId>();
      c.b = r.Id<MemberId>();
      c.a_rates_b = static_cast<graph::Strength>(r.Int());
      return c;
    };
    std::vector<ConnectionRecord> page, twins;
    ConnectionRecord last;
    while (true) {
      page.clear();
      twins.clear();
      ENISHI_TRY(db.Query(kSelectConnectionPage, {Key(last.a), Key(last.b), connection_page_},
                          [&](const SqlRow& row) { page.push_back(read_pair(row)); }));
      if (page.empty()) return Ok();
      const ConnectionRecord& end = page.back();
      ENISHI_TRY(db.Query(kSelectConnectionTwins,
                          {Key(last.a), Key(last.b), Key(end.a), Key(end.b)},
                          [&](const SqlRow& row) { twins.push_back(read_pair(row)); }));
      // Both lists are in (a, b) order; a row whose twin is missing keeps kUnrated.
      auto twin = twins.begin();
      for (ConnectionRecord& connection : page) {
        auto before = [&](const ConnectionRecord& t) {
          return t.a != connection.a ? t.a < connection.a : t.b < connection.b;
        };
        while (twin != twins.end() && before(*twin)) ++twin;
        if (twin != twins.end() && twin->a == connection.a && twin->b == connection.b) {
          connection.b_rates_a = twin->a_rates_b;
        }
      }
      // Visited outside the queries, so that a failed visit ends the scan at once.
      for (const ConnectionRecord& connection : page) ENISHI_TRY(visit(connection));
      if (page.size() < static_cast<size_t>(connection_page_)) return Ok();
      last = page.back();
    }
  });
}

// --- Blocks.

Result<void> SqlRelationshipRepository::PutBlock(const Block& block) {
  return run_.Write("relationships.put_block", [&](SqlConnection& db) -> Result<void> {
    const int64_t blocker = Key(block.blocker);
    const int64_t blocked = Key(block.blocked);
    ENISHI_TRY(db.Execute(kInsertBlock, {blocker, blocked, ToMicros(block.created_at)}));
    ENISHI_TRY(db.Execute(kDeleteTieBetween, {blocker, blocked}));
    ENISHI_TRY(db.Execute(kDeleteOpenBetween, {blocker, blocked}));
    return Ok();
  });
}

Result<bool> SqlRelationshipRepository::DeleteBlock(MemberId blocker, MemberId blocked) {
  return run_.Write("relationships.delete_block", [&](SqlConnection& db) {
    return ChangedAny(db.Execute(kDeleteBlock, {Key(blocker), Key(blocked)}));
  });
}

Result<std::vector<Block>> SqlRelationshipRepository::ListBlocks(MemberId blocker) {
  return run_.Read("relationships.list_blocks", [&](SqlConnection& db) {
    return QueryAll<Block>(db, kSelectBlocks, {Key(blocker)}, DecodeBlock);
  });
}

Result<std::vector<MemberId>> SqlRelationshipRepository::BlockedEitherWay(
    MemberId member, std::span<const MemberId> among) {
  return run_.Read(
      "relationships.blocked_either_way", [&](SqlConnection& db) -> Result<std::vector<MemberId>> {
        std::string list = IdList(among);
        if (list.empty()) return std::vector<MemberId>();
        return QueryAll<MemberId>(db, kSelectBlockedEitherWay, {list, Key(member)}, DecodeMember);
      });
}

}  // namespace enishi::storage::sql
