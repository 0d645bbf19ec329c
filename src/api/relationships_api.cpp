#include "api/relationships_api.hpp"

#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "api/call_helpers.hpp"
#include "api/json_codec.hpp"
#include "api/member_summaries.hpp"
#include "api/profile_codec.hpp"
#include "api/relationship_codec.hpp"
#include "api/url.hpp"
#include "api/vcard.hpp"
#include "domain/profiles/profile_service.hpp"
#include "domain/relationships/relationship_names.hpp"
#include "domain/relationships/relationship_service.hpp"

namespace enishi::api {
namespace {

using nlohmann::json;
using relationships::RelationshipService;
using relationships::RequestKind;

constexpr size_t kSuggestionLimit = 20;

RelationshipService& Relationships(Call& call) { return call.services.relationships; }


Result<std::vector<json>> Summaries(Call& call, std::span<const MemberId> members) {
  return MemberSummaries(call.services, Caller(call), members);
}

// A member the caller may not see at all answers everywhere as an unknown one does.
Result<void> RequireVisible(Call& call, MemberId member) {
  return RequireVisibleMember(call.services, Caller(call), member);
}

Result<json> Summary(Call& call, MemberId member) {
  return MemberSummary(call.services, Caller(call), member);
}

Result<json> SummaryList(Call& call, std::span<const MemberId> members) {
  auto summaries = Summaries(call, members);
  if (!summaries) return summaries.error();
  return json(std::move(summaries).value());
}

Result<std::optional<RequestKind>> KindQuery(const Call& call) {
  auto kind = QueryParam(call.request, "kind");
  if (!kind) return kind.error();
  if (!*kind) return std::optional<RequestKind>();
  auto parsed = ParseEnum(relationships::kRequestKindNames, **kind);
  if (!parsed) return InvalidArgument("kind must be greeting or connection", "kind");
  return std::optional<RequestKind>(*parsed);
}

Result<MemberId> MemberField(FieldReader& fields, std::string_view name) {
  std::string text = fields.RequireString(name, 64);
  ENISHI_TRY(fields.Finish());
  auto id = MemberId::Parse(text);
  if (!id) return MemberNotFound();
  return *id;
}

Response Created(json body) { return JsonResponse(201, body); }

}  // namespace

// --- Requests.

Result<Response> SendRequest(Call& call) {
  FieldReader fields(*call.body);
  RequestKind kind =
      ReadEnum(fields, "kind", relationships::kRequestKindNames, RequestKind::kGreeting);
  std::string to_text = fields.RequireString("to", 64);
  // Four bytes a character at most: the service counts the characters.
  std::string note =
      fields.OptionalString("note", 4 * relationships::RelationshipLimits::kNoteChars).value_or("");
  auto provenance_text = fields.OptionalString("provenance", 64);
  auto introduced_text = fields.OptionalString("introduced_by", 64);
  relationships::Provenance provenance = relationships::Provenance::kNone;
  if (provenance_text) {
    auto parsed = ParseEnum(relationships::kProvenanceNames, *provenance_text);
    if (!parsed || *parsed == relationships::Provenance::kNone) {
      fields.Fail("provenance", "is not one of the known values");
    } else {
      provenance = *parsed;
    }
  }
  std::optional<MemberId> introduced_by;
  if (introduced_text) {
    introduced_by = MemberId::Parse(*introduced_text);
    if (!introduced_by) fields.Fail("introduced_by", "is not a member id");
  }
  ENISHI_TRY(fields.Finish());
  auto to = MemberId::Parse(to_text);
  if (!to) return MemberNotFound();
  auto sent = Relationships(call).Send(Caller(call), kind, *to, std::move(note), provenance,
                                       introduced_by);
  if (!sent) return sent.error();
  auto summary = Summary(call, *to);
  if (!summary) return summary.error();
  return Created(SentRequestJson(*sent, std::move(*summary)));
}

Result<Response> ListReceivedRequests(Call& call) {
  auto box_text = QueryParam(call.request, "box");
  if (!box_text) return box_text.error();
  relationships::ReceivedBox box = relationships::ReceivedBox::kInbox;
  if (*box_text && **box_text == "filtered") {
    box = relationships::ReceivedBox::kFiltered;
  } else if (*box_text && **box_text != "inbox") {
    return InvalidArgument("box must be inbox or filtered", "box");
  }
  auto kind = KindQuery(call);
  if (!kind) return kind.error();
  auto requests = Relationships(call).Received(Caller(call), box, *kind);
  if (!requests) return requests.error();
  json list = json::array();
  for (const relationships::Request& request : *requests) {
    auto from = Summary(call, request.sender);
    if (!from) return from.error();
    json introducer;
    if (request.introduced_by) {
      auto summary = Summary(call, *request.introduced_by);
      if (!summary) return summary.error();
      introducer = std::move(*summary);
    }
    list.push_back(ReceivedRequestJson(request, std::move(*from), std::move(introducer)));
  }
  return JsonResponse(200, {{"requests", std::move(list)}});
}

Result<Response> ListSentRequests(Call& call) {
  auto kind = KindQuery(call);
  if (!kind) return kind.error();
  auto sent = Relationships(call).Sent(Caller(call), *kind);
  if (!sent) return sent.error();
  json list = json::array();
  for (const relationships::SentRequest& request : *sent) {
    auto to = Summary(call, request.request.recipient);
    if (!to) return to.error();
    list.push_back(SentRequestJson(request, std::move(*to)));
  }
  return JsonResponse(200, {{"requests", std::move(list)}});
}

Result<Response> AcceptRequest(Call& call) {
  auto id = PathId<RequestId>(call, "request");
  if (!id) return id.error();
  ENISHI_TRY(Relationships(call).Accept(Caller(call), *id));
  return NoContent();
}

Result<Response> DeclineRequest(Call& call) {
  auto id = PathId<RequestId>(call, "request");
  if (!id) return id.error();
  ENISHI_TRY(Relationships(call).Decline(Caller(call), *id));
  return NoContent();
}

Result<Response> WithdrawRequest(Call& call) {
  auto id = PathId<RequestId>(call, "request");
  if (!id) return id.error();
  ENISHI_TRY(Relationships(call).Withdraw(Caller(call), *id));
  return NoContent();
}

// --- Connections.

Result<Response> ListConnections(Call& call) {
  auto ties = Relationships(call).Connections(Caller(call));
  if (!ties) return ties.error();
  std::vector<MemberId> members;
  for (const auto& tie : *ties) members.push_back(tie.other);
  auto summaries = Summaries(call, members);
  if (!summaries) return summaries.error();
  json list = json::array();
  for (size_t i = 0; i < ties->size(); ++i) {
    list.push_back(ConnectionJson((*ties)[i], std::move((*summaries)[i])));
  }
  return JsonResponse(200, {{"connections", std::move(list)}});
}

Result<Response> PutConnection(Call& call) {
  auto other = PathId<MemberId>(call, "connection");
  if (!other) return other.error();
  FieldReader fields(*call.body);
  std::optional<int64_t> rating = fields.OptionalInt("rating", 1, graph::kMaxStrength);
  std::string note = fields.RequireString("note");
  std::optional<bool> trusted = fields.OptionalBool("trusted");
  if (!trusted) fields.Fail("trusted", "must be true or false");
  ENISHI_TRY(fields.Finish());
  auto tie = Relationships(call).UpdateTie(
      Caller(call), *other,
      rating ? std::optional<int>(static_cast<int>(*rating)) : std::nullopt, std::move(note),
      *trusted);
  if (!tie) return tie.error();
  auto summary = Summary(call, *other);
  if (!summary) return summary.error();
  return JsonResponse(200, ConnectionJson(*tie, std::move(*summary)));
}

Result<Response> DeleteConnection(Call& call) {
  auto other = PathId<MemberId>(call, "connection");
  if (!other) return other.error();
  ENISHI_TRY(Relationships(call).RemoveConnection(Caller(call), *other));
  return NoContent();
}

// --- Blocks.

Result<Response> ListBlocks(Call& call) {
  auto blocks = Relationships(call).Blocks(Caller(call));
  if (!blocks) return blocks.error();
  json list = json::array();
  for (const relationships::Block& block : *blocks) {
    list.push_back({{"member", block.blocked.ToString()},
                    {"blocked_at", FormatRfc3339(block.created_at)}});
  }
  return JsonResponse(200, {{"blocks", std::move(list)}});
}

Result<Response> BlockMember(Call& call) {
  FieldReader fields(*call.body);
  auto member = MemberField(fields, "member");
  if (!member) return member.error();
  ENISHI_TRY(Relationships(call).BlockMember(Caller(call), *member));
  return NoContent();
}

Result<Response> UnblockMember(Call& call) {
  auto member = PathId<MemberId>(call, "block");
  if (!member) return member.error();
  ENISHI_TRY(Relationships(call).Unblock(Caller(call), *member));
  return NoContent();
}

// --- Inbound policy.

Result<Response> GetInboundPolicy(Call& call) {
  auto policy = Relationships(call).Policy(Caller(call));
  if (!policy) return policy.error();
  return JsonResponse(200, InboundPolicyJson(*policy));
}

Result<Response> PutInboundPolicy(Call& call) {
  FieldReader fields(*call.body);
  relationships::InboundPolicy policy = ReadInboundPolicy(fields);
  ENISHI_TRY(fields.Finish());
  auto saved = Relationships(call).UpdatePolicy(Caller(call), std::move(policy));
  if (!saved) return saved.error();
  return JsonResponse(200, InboundPolicyJson(*saved));
}

// --- Cards.

Result<Response> GetCard(Call& call) {
  auto card = Relationships(call).MyCard(Caller(call));
  if (!card) return card.error();
  return JsonResponse(200, CardJson(*card));
}

Result<Response> RotateCard(Call& call) {
  auto card = Relationships(call).RotateCard(Caller(call));
  if (!card) return card.error();
  return JsonResponse(200, CardJson(*card));
}

Result<Response> ScanCard(Call& call) {
  FieldReader fields(*call.body);
  std::string code = fields.RequireString("code", 64);
  ENISHI_TRY(fields.Finish());
  auto scanned = Relationships(call).ScanCard(Caller(call), code);
  if (!scanned) return scanned.error();
  auto member = Summary(call, scanned->owner);
  if (!member) return member.error();
  bool connected = scanned->outcome == relationships::ScanOutcome::kConnected;
  return JsonResponse(200, {{"outcome", connected ? "connected" : "requested"},
                            {"member", std::move(*member)}});
}

// --- What the graph shows the caller.

Result<Response> ListMemberConnections(Call& call) {
  auto member = PathId<MemberId>(call, "member");
  if (!member) return member.error();
  auto listed = Relationships(call).ConnectionsOf(Caller(call), *member);
  if (!listed) return listed.error();
  // A hidden list answers as an unknown member does.
  if (!*listed) return MemberNotFound();
  auto summaries = SummaryList(call, **listed);
  if (!summaries) return summaries.error();
  return JsonResponse(200, {{"connections", std::move(*summaries)}});
}

Result<Response> ListMutuals(Call& call) {
  auto member = PathId<MemberId>(call, "member");
  if (!member) return member.error();
  ENISHI_TRY(RequireVisible(call, *member));
  auto mutuals = Relationships(call).Mutuals(Caller(call), *member);
  if (!mutuals) return mutuals.error();
  auto summaries = SummaryList(call, *mutuals);
  if (!summaries) return summaries.error();
  return JsonResponse(200, {{"mutuals", std::move(*summaries)}});
}

Result<Response> ListPaths(Call& call) {
  auto member = PathId<MemberId>(call, "member");
  if (!member) return member.error();
  ENISHI_TRY(RequireVisible(call, *member));
  auto paths = Relationships(call).Paths(Caller(call), *member);
  if (!paths) return paths.error();
  json list = json::array();
  for (const std::vector<MemberId>& path : paths->paths) {
    auto summaries = SummaryList(call, path);
    if (!summaries) return summaries.error();
    list.push_back(std::move(*summaries));
  }
  return JsonResponse(200, {{"paths", std::move(list)}, {"truncated", paths->truncated}});
}

Result<Response> GetVCard(Call& call) {
  auto member = PathId<MemberId>(call, "member");
  if (!member) return member.error();
  // A card is exchanged between connections; anyone else finds nothing.
  auto relationship = Relationships(call).Between(*member, Caller(call));
  if (!relationship) return relationship.error();
  if (relationship->stage != privacy::Stage::kConnected) return MemberNotFound();
  auto view = call.services.profiles.View(profiles::Viewer::Of(Caller(call)), *member);
  if (!view) return view.error();
  Response response;
  response.body = VCardOf(*view);
  response.SetHeader("Content-Type", "text/vcard; charset=utf-8");
  response.SetHeader("Content-Disposition", "attachment; filename=\"contact.vcf\"");
  return response;
}

Result<Response> ListSuggestions(Call& call) {
  MemberId caller = Caller(call);
  auto suggestions = Relationships(call).Suggestions(caller, kSuggestionLimit, {});
  if (!suggestions) return suggestions.error();
  json list = json::array();
  for (const graph::Suggestion& suggestion : *suggestions) {
    // Only members the caller may see something of are suggested.
    auto view = call.services.profiles.View(profiles::Viewer::Of(caller), suggestion.member);
    if (!view) {
      if (view.error().code == ErrorCode::kNotFound) continue;
      return view.error();
    }
    auto summary = Summary(call, suggestion.member);
    if (!summary) return summary.error();
    list.push_back({{"member", std::move(*summary)}, {"mutual_count", suggestion.mutual_count}});
  }
  return JsonResponse(200, {{"suggestions", std::move(list)}});
}

// --- Export.

Result<json> ExportRelationships(Call& call) {
  MemberId caller = Caller(call);
  RelationshipService& service = Relationships(call);
  auto ties = service.Ties(caller);
  if (!ties) return ties.error();
  auto sent = service.Sent(caller, std::nullopt);
  if (!sent) return sent.error();
  auto received = service.Received(caller, relationships::ReceivedBox::kInbox, std::nullopt);
  if (!received) return received.error();
  auto filtered = service.Received(caller, relationships::ReceivedBox::kFiltered, std::nullopt);
  if (!filtered) return filtered.error();
  auto blocks = service.Blocks(caller);
  if (!blocks) return blocks.error();
  auto policy = service.Policy(caller);
  if (!policy) return policy.error();
  auto card = service.MyCard(caller);
  if (!card) return card.error();

  json out = {{"ties", json::array()},
              {"requests_sent", json::array()},
              {"requests_received", json::array()},
              {"blocks", json::array()},
              {"inbound_policy", InboundPolicyJson(*policy)},
              {"card", CardJson(*card)}};
  for (const auto& tie : *ties) out["ties"].push_back(ExportedTieJson(tie));
  for (const auto& request : *sent) {
    out["requests_sent"].push_back(SentRequestJson(request, request.request.recipient.ToString()));
  }
  for (const auto* box : {&*received, &*filtered}) {
    for (const auto& request : *box) {
      out["requests_received"].push_back(ReceivedRequestJson(
          request, request.sender.ToString(),
          request.introduced_by ? json(request.introduced_by->ToString()) : json()));
    }
  }
  for (const auto& block : *blocks) {
    out["blocks"].push_back({{"member", block.blocked.ToString()},
                             {"blocked_at", FormatRfc3339(block.created_at)}});
  }
  return out;
}

}  // namespace enishi::api
