// The parts of SqlRelationshipRepository that stand apart from requests and ties: each
// member's inbound policy, and business cards with their scans.

#include <string>
#include <utility>
#include <vector>

#include "domain/profiles/profile_names.hpp"
#include "domain/relationships/relationship_names.hpp"
#include "storage/sql/relationship_repo.hpp"
#include "storage/sql/sql_codec.hpp"

namespace enishi::storage::sql {
namespace {

using privacy::Audience;
using privacy::FormatAudience;
using profiles::JobFunction;
using profiles::kJobFunctionNames;
using relationships::Card;
using relationships::InboundPolicy;
using relationships::kBusinessAsksNames;
using relationships::kReachNames;

constexpr std::string_view kSelectPolicy =
    "SELECT greetings, requests, messages, refused_functions, min_account_age_days, "
    "business_asks, connection_list, juniors_need_introduction FROM inbound_policies "
    "WHERE member_id = $1";
// The member is the row's only foreign key: kFailedPrecondition means no such account.
constexpr std::string_view kUpsertPolicy =
    "INSERT INTO inbound_policies (member_id, greetings, requests, messages, "
    "refused_functions, min_account_age_days, business_asks, connection_list, "
    "juniors_need_introduction) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) "
    "ON CONFLICT (member_id) DO UPDATE SET greetings = excluded.greetings, "
    "requests = excluded.requests, messages = excluded.messages, "
    "refused_functions = excluded.refused_functions, "
    "min_account_age_days = excluded.min_account_age_days, "
    "business_asks = excluded.business_asks, connection_list = excluded.connection_list, "
    "juniors_need_introduction = excluded.juniors_need_introduction";
// $1 is the default audience.
constexpr std::string_view kSelectConnectionListAudiences =
    "SELECT member_id, connection_list FROM inbound_policies WHERE connection_list <> $1 "
    "ORDER BY member_id";

constexpr std::string_view kSelectCard =
    "SELECT member_id, code, created_at FROM cards WHERE member_id = $1";
constexpr std::string_view kSelectCardByCode =
    "SELECT member_id, code, created_at FROM cards WHERE code = $1";
// A code another member holds fails the unique index: kAlreadyExists.
constexpr std::string_view kUpsertCard =
    "INSERT INTO cards (member_id, code, created_at) VALUES ($1, $2, $3) "
    "ON CONFLICT (member_id) DO UPDATE SET code = excluded.code, created_at = excluded.created_at";
// Scans that arrive out of order never move the latest one back.
constexpr std::string_view kUpsertScan =
    "INSERT INTO card_scans (scanner_id, owner_id, scanned_at) VALUES ($1, $2, $3) "
    "ON CONFLICT (scanner_id, owner_id) DO UPDATE SET scanned_at = excluded.scanned_at "
    "WHERE card_scans.scanned_at < excluded.scanned_at";
constexpr std::string_view kSelectScannedSince =
    "SELECT 1 FROM card_scans WHERE scanner_id = $1 AND owner_id = $2 AND scanned_at >= $3";

std::optional<Card> DecodeCard(const SqlRow& row) {
  RowReader r(row);
  return Card{r.Id<MemberId>(), r.Text(), r.Time()};
}

std::string FunctionList(const std::vector<JobFunction>& functions) {
  std::vector<std::string> names;
  names.reserve(functions.size());
  for (JobFunction function : functions) names.emplace_back(EnumText(kJobFunctionNames, function));
  return TextList(names);
}

std::optional<std::vector<JobFunction>> ParseFunctionList(std::string_view list) {
  auto names = ParseTextList(list);
  if (!names) return std::nullopt;
  std::vector<JobFunction> functions;
  functions.reserve(names->size());
  for (const std::string& name : *names) {
    auto function = ParseEnum(kJobFunctionNames, name);
    if (!function) return std::nullopt;
    functions.push_back(*function);
  }
  return functions;
}

std::optional<InboundPolicy> DecodePolicy(const SqlRow& row) {
  RowReader r(row);
  InboundPolicy p;
  p.greetings = r.Enum(kReachNames);
  p.requests = r.Enum(kReachNames);
  p.messages = r.Enum(kReachNames);
  auto refused = ParseFunctionList(r.Text());
  p.min_account_age_days = r.Int();
  p.business_asks = r.Enum(kBusinessAsksNames);
  p.connection_list = r.Audience();
  p.juniors_need_introduction = r.Flag();
  if (!r.ok() || !refused) return std::nullopt;
  p.refused_functions = std::move(*refused);
  return p;
}

}  // namespace

// --- Inbound policy.

Result<InboundPolicy> SqlRelationshipRepository::FindPolicy(MemberId member) {
  return run_.Read("relationships.find_policy", [&](SqlConnection& db) -> Result<InboundPolicy> {
    auto policy = QueryOptional<InboundPolicy>(db, kSelectPolicy, {Key(member)}, DecodePolicy);
    if (!policy) return policy.error();
    return policy->value_or(InboundPolicy{});
  });
}

Result<std::vector<std::pair<MemberId, Audience>>>
SqlRelationshipRepository::ListConnectionListAudiences() {
  using Entry = std::pair<MemberId, Audience>;
  return run_.Read("relationships.list_connection_list_audiences", [&](SqlConnection& db) {
    const std::string default_audience = FormatAudience(InboundPolicy{}.connection_list);
    return QueryAll<Entry>(db, kSelectConnectionListAudiences, {default_audience},
                           [](const SqlRow& row) -> std::optional<Entry> {
                             RowReader r(row);
                             Entry entry{r.Id<MemberId>(), r.Audience()};
                             if (!r.ok()) return std::nullopt;
                             return entry;
                           });
  });
}

Result<void> SqlRelationshipRepository::PutPolicy(MemberId member, const InboundPolicy& p) {
  return run_.Write("relationships.put_policy", [&](SqlConnection& db) -> Result<void> {
    const std::string refused = FunctionList(p.refused_functions);
    const std::string connection_list = FormatAudience(p.connection_list);
    auto written = db.Execute(
        kUpsertPolicy,
        {Key(member), EnumText(kReachNames, p.greetings), EnumText(kReachNames, p.requests),
         EnumText(kReachNames, p.messages), refused, p.min_account_age_days,
         EnumText(kBusinessAsksNames, p.business_asks), connection_list,
         int64_t{p.juniors_need_introduction}});
    if (!written && written.error().code == ErrorCode::kFailedPrecondition) {
      return NotFound("account not found");
    }
    if (!written) return written.error();
    return Ok();
  });
}

// --- Cards.

Result<std::optional<Card>> SqlRelationshipRepository::FindCard(MemberId member) {
  return run_.Read("relationships.find_card", [&](SqlConnection& db) {
    return QueryOptional<Card>(db, kSelectCard, {Key(member)}, DecodeCard);
  });
}

Result<std::optional<Card>> SqlRelationshipRepository::FindCardByCode(std::string_view code) {
  return run_.Read("relationships.find_card_by_code", [&](SqlConnection& db) {
    return QueryOptional<Card>(db, kSelectCardByCode, {code}, DecodeCard);
  });
}

Result<void> SqlRelationshipRepository::PutCard(const Card& card) {
  return run_.Write("relationships.put_card", [&](SqlConnection& db) -> Result<void> {
    ENISHI_TRY(db.Execute(kUpsertCard, {Key(card.member), card.code, ToMicros(card.created_at)}));
    return Ok();
  });
}

Result<void> SqlRelationshipRepository::RecordScan(MemberId scanner, MemberId owner, Timestamp at) {
  return run_.Write("relationships.record_scan", [&](SqlConnection& db) -> Result<void> {
    ENISHI_TRY(db.Execute(kUpsertScan, {Key(scanner), Key(owner), ToMicros(at)}));
    return Ok();
  });
}

Result<bool> SqlRelationshipRepository::ScannedSince(MemberId scanner, MemberId owner,
                                                     Timestamp since) {
  return run_.Read("relationships.scanned_since", [&](SqlConnection& db) -> Result<bool> {
    bool scanned = false;
    ENISHI_TRY(db.Query(kSelectScannedSince, {Key(scanner), Key(owner), ToMicros(since)},
                        [&](const SqlRow&) { scanned = true; }));
    return scanned;
  });
}

}  // namespace enishi::storage::sql
