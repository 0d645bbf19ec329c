#include "storage/sql/introduction_repo.hpp"

#include <string>
#include <vector>

#include "domain/introductions/introduction_names.hpp"
#include "storage/sql/sql_codec.hpp"

namespace enishi::storage::sql {
namespace {

using introductions::Introduction;
using introductions::kPurposeNames;
using introductions::kStepStateNames;
using introductions::kTargetStateNames;
using introductions::Step;
using introductions::StepState;

constexpr std::string_view kInsertIntroduction =
    "INSERT INTO introductions (id, requester_id, target_id, purpose, note, ask_network, "
    "target_state, target_answered_at, conversation_id, withdrawn_at, created_at, expires_at, "
    "version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)";
constexpr std::string_view kInsertStep =
    "INSERT INTO introduction_steps (introduction_id, route, step, intermediary_id, state, "
    "asked_at, answer_by, answered_at, vouch, joins) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)";
// What may change after creation.
constexpr std::string_view kUpdateIntroduction =
    "UPDATE introductions SET target_state = $3, target_answered_at = $4, conversation_id = $5, "
    "withdrawn_at = $6, version = $2 WHERE id = $1 AND version = $2 - 1";
constexpr std::string_view kUpdateStep =
    "UPDATE introduction_steps SET state = $4, asked_at = $5, answer_by = $6, answered_at = $7, "
    "vouch = $8, joins = $9 WHERE introduction_id = $1 AND route = $2 AND step = $3";

// Introductions with their steps, a row per step, in the order DecodeRow reads them. Lists
// pick introductions with a filter on `introductions` whose $1 is a member (or a time) and $2
// the limit.
constexpr char kSelectWithSteps[] =
    "SELECT i.id, i.requester_id, i.target_id, i.purpose, i.note, i.ask_network, "
    "i.target_state, i.target_answered_at, i.conversation_id, i.withdrawn_at, i.created_at, "
    "i.expires_at, i.version, s.route, s.step, s.intermediary_id, s.state, s.asked_at, "
    "s.answer_by, s.answered_at, s.vouch, s.joins "
    "FROM introductions i JOIN introduction_steps s ON s.introduction_id = i.id ";
constexpr char kPickNewest[] = " ORDER BY created_at DESC, id DESC LIMIT $2)";
constexpr char kNewestFirst[] = " ORDER BY i.created_at DESC, i.id DESC, s.route, s.step";
constexpr auto kSelectIntroductionText =
    SqlConcat(kSelectWithSteps, "WHERE i.id = $1 ORDER BY s.route, s.step");
constexpr auto kSelectSentText =
    SqlConcat(kSelectWithSteps,
              "WHERE i.id IN (SELECT id FROM introductions WHERE requester_id = $1 "
              "AND withdrawn_at IS NULL",
              kPickNewest, kNewestFirst);
constexpr auto kSelectAskedText =
    SqlConcat(kSelectWithSteps,
              "WHERE i.id IN (SELECT id FROM introductions WHERE withdrawn_at IS NULL AND id IN "
              "(SELECT introduction_id FROM introduction_steps WHERE intermediary_id = $1 "
              "AND state <> 'queued')",
              kPickNewest, kNewestFirst);
constexpr auto kSelectReceivedText =
    SqlConcat(kSelectWithSteps,
              "WHERE i.id IN (SELECT id FROM introductions WHERE target_id = $1 "
              "AND target_state <> 'not_yet' AND withdrawn_at IS NULL",
              kPickNewest, kNewestFirst);
constexpr auto kSelectOverdueText =
    SqlConcat(kSelectWithSteps,
              "WHERE i.id IN (SELECT id FROM introductions WHERE withdrawn_at IS NULL "
              "AND target_state = 'not_yet' AND expires_at > $1 AND id IN "
              "(SELECT introduction_id FROM introduction_steps WHERE state = 'waiting' "
              "AND answer_by <= $1)",
              kPickNewest, kNewestFirst);
constexpr std::string_view kSelectIntroduction = SqlText(kSelectIntroductionText);
constexpr std::string_view kSelectSent = SqlText(kSelectSentText);
constexpr std::string_view kSelectAsked = SqlText(kSelectAskedText);
constexpr std::string_view kSelectReceived = SqlText(kSelectReceivedText);
constexpr std::string_view kSelectOverdue = SqlText(kSelectOverdueText);

constexpr std::string_view kSelectCreatedTimes =
    "SELECT created_at FROM introductions WHERE requester_id = $1 AND created_at >= $2 "
    "ORDER BY created_at";
constexpr std::string_view kSelectAskedTimes =
    "SELECT asked_at FROM introduction_steps WHERE intermediary_id = $1 AND state <> 'queued' "
    "AND asked_at >= $2 ORDER BY asked_at";
constexpr std::string_view kSelectOpenThrough =
    "SELECT 1 FROM introductions i JOIN introduction_steps s ON s.introduction_id = i.id "
    "WHERE i.requester_id = $1 AND s.intermediary_id = $2 AND s.state IN ('queued', 'waiting') "
    "AND i.withdrawn_at IS NULL AND i.target_state = 'not_yet' AND i.expires_at > $3 LIMIT 1";
constexpr std::string_view kSelectAnswerRecord =
    "SELECT state, COUNT(*) FROM introduction_steps WHERE intermediary_id = $1 "
    "AND state IN ('forwarded', 'lapsed') GROUP BY state";

// One row of kSelectWithSteps: the introduction without its steps, and one step.
std::optional<std::pair<Introduction, Step>> DecodeRow(const SqlRow& row) {
  RowReader r(row);
  Introduction i;
  i.id = r.Id<IntroductionId>();
  i.requester = r.Id<MemberId>();
  i.target = r.Id<MemberId>();
  i.purpose = r.Enum(kPurposeNames);
  i.note = r.Text();
  i.ask_network = r.Flag();
  i.target_state = r.Enum(kTargetStateNames);
  i.target_answered_at = r.OptionalTime();
  i.conversation = r.OptionalId<ConversationId>();
  i.withdrawn_at = r.OptionalTime();
  i.created_at = r.Time();
  i.expires_at = r.Time();
  i.version = r.Int64();
  Step s;
  s.route = r.Int();
  s.step = r.Int();
  s.intermediary = r.Id<MemberId>();
  s.state = r.Enum(kStepStateNames);
  s.asked_at = r.OptionalTime();
  s.answer_by = r.OptionalTime();
  s.answered_at = r.OptionalTime();
  s.vouch = r.Text();
  s.join = r.Flag();
  if (!r.ok()) return std::nullopt;
  return std::pair(std::move(i), std::move(s));
}

// The introductions `sql` reads, each with its steps (consecutive rows of one id).
Result<std::vector<Introduction>> QueryIntroductions(SqlConnection& db, std::string_view sql,
                                                     SqlParams params) {
  auto rows = QueryAll<std::pair<Introduction, Step>>(db, sql, params, DecodeRow);
  if (!rows) return rows.error();
  std::vector<Introduction> found;
  for (auto& [introduction, step] : *rows) {
    if (found.empty() || found.back().id != introduction.id) {
      found.push_back(std::move(introduction));
    }
    found.back().steps.push_back(std::move(step));
  }
  return found;
}

Result<std::vector<Timestamp>> QueryTimes(SqlConnection& db, std::string_view sql,
                                          SqlParams params) {
  return QueryAll<Timestamp>(db, sql, params,
                             [](const SqlRow& row) { return RowReader(row).Time(); });
}

}  // namespace

Result<void> SqlIntroductionRepository::CreateIntroduction(const Introduction& i) {
  return run_.Write("introductions.create_introduction", [&](SqlConnection& db) -> Result<void> {
    // A requester, target or intermediary without an account fails a foreign key:
    // kFailedPrecondition.
    ENISHI_TRY(db.Execute(
        kInsertIntroduction,
        {Key(i.id), Key(i.requester), Key(i.target), EnumText(kPurposeNames, i.purpose), i.note,
         int64_t{i.ask_network}, EnumText(kTargetStateNames, i.target_state),
         TimeOrNull(i.target_answered_at), KeyOrNull(i.conversation), TimeOrNull(i.withdrawn_at),
         ToMicros(i.created_at), ToMicros(i.expires_at), i.version}));
    for (const Step& s : i.steps) {
      ENISHI_TRY(db.Execute(kInsertStep, {Key(i.id), int64_t{s.route}, int64_t{s.step},
                                          Key(s.intermediary), EnumText(kStepStateNames, s.state),
                                          TimeOrNull(s.asked_at), TimeOrNull(s.answer_by),
                                          TimeOrNull(s.answered_at), s.vouch, int64_t{s.join}}));
    }
    return Ok();
  });
}

Result<std::optional<Introduction>> SqlIntroductionRepository::FindIntroduction(IntroductionId id) {
  return run_.Read("introductions.find_introduction",
                   [&](SqlConnection& db) -> Result<std::optional<Introduction>> {
                     auto found = QueryIntroductions(db, kSelectIntroduction, {Key(id)});
                     if (!found) return found.error();
                     if (found->empty()) return std::optional<Introduction>();
                     return std::optional<Introduction>(std::move(found->front()));
                   });
}

Result<bool> SqlIntroductionRepository::SaveIntroduction(const Introduction& i) {
  return run_.Write("introductions.save_introduction", [&](SqlConnection& db) -> Result<bool> {
    auto updated = db.Execute(
        kUpdateIntroduction,
        {Key(i.id), i.version, EnumText(kTargetStateNames, i.target_state),
         TimeOrNull(i.target_answered_at), KeyOrNull(i.conversation), TimeOrNull(i.withdrawn_at)});
    if (!updated) return updated.error();
    if (*updated == 0) return false;
    for (const Step& s : i.steps) {
      ENISHI_TRY(db.Execute(kUpdateStep, {Key(i.id), int64_t{s.route}, int64_t{s.step},
                                          EnumText(kStepStateNames, s.state),
                                          TimeOrNull(s.asked_at), TimeOrNull(s.answer_by),
                                          TimeOrNull(s.answered_at), s.vouch, int64_t{s.join}}));
    }
    return true;
  });
}

Result<std::vector<Introduction>> SqlIntroductionRepository::ListSent(MemberId requester,
                                                                      int limit) {
  return run_.Read("introductions.list_sent", [&](SqlConnection& db) {
    return QueryIntroductions(db, kSelectSent, {Key(requester), int64_t{limit}});
  });
}

Result<std::vector<Introduction>> SqlIntroductionRepository::ListAsked(MemberId intermediary,
                                                                       int limit) {
  return run_.Read("introductions.list_asked", [&](SqlConnection& db) {
    return QueryIntroductions(db, kSelectAsked, {Key(intermediary), int64_t{limit}});
  });
}

Result<std::vector<Introduction>> SqlIntroductionRepository::ListReceived(MemberId target,
                                                                          int limit) {
  return run_.Read("introductions.list_received", [&](SqlConnection& db) {
    return QueryIntroductions(db, kSelectReceived, {Key(target), int64_t{limit}});
  });
}

Result<std::vector<Introduction>> SqlIntroductionRepository::ListOverdue(Timestamp now, int limit) {
  return run_.Read("introductions.list_overdue", [&](SqlConnection& db) {
    return QueryIntroductions(db, kSelectOverdue, {ToMicros(now), int64_t{limit}});
  });
}

Result<std::vector<Timestamp>> SqlIntroductionRepository::CreatedTimesSince(MemberId requester,
                                                                            Timestamp since) {
  return run_.Read("introductions.created_times_since", [&](SqlConnection& db) {
    return QueryTimes(db, kSelectCreatedTimes, {Key(requester), ToMicros(since)});
  });
}

Result<std::vector<Timestamp>> SqlIntroductionRepository::AskedTimesSince(MemberId intermediary,
                                                                          Timestamp since) {
  return run_.Read("introductions.asked_times_since", [&](SqlConnection& db) {
    return QueryTimes(db, kSelectAskedTimes, {Key(intermediary), ToMicros(since)});
  });
}

Result<bool> SqlIntroductionRepository::HasOpenThrough(MemberId requester, MemberId intermediary,
                                                       Timestamp now) {
  return run_.Read("introductions.has_open_through", [&](SqlConnection& db) -> Result<bool> {
    auto found = QueryOptional<int64_t>(db, kSelectOpenThrough,
                                        {Key(requester), Key(intermediary), ToMicros(now)},
                                        [](const SqlRow& row) { return RowReader(row).Int64(); });
    if (!found) return found.error();
    return found->has_value();
  });
}

Result<introductions::IntroductionRepository::Record> SqlIntroductionRepository::AnswerRecord(
    MemberId intermediary) {
  return run_.Read("introductions.answer_record", [&](SqlConnection& db) -> Result<Record> {
    using Count = std::pair<StepState, int>;
    auto counts = QueryAll<Count>(db, kSelectAnswerRecord, {Key(intermediary)},
                                  [](const SqlRow& row) -> std::optional<Count> {
                                    RowReader r(row);
                                    Count count{r.Enum(kStepStateNames), r.Int()};
                                    if (!r.ok()) return std::nullopt;
                                    return count;
                                  });
    if (!counts) return counts.error();
    Record record;
    for (auto [state, count] : *counts) {
      (state == StepState::kForwarded ? record.forwarded : record.lapsed) = count;
    }
    return record;
  });
}

}  // namespace enishi::storage::sql
