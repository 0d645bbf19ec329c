#include "api/introductions_api.hpp"

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "api/call_helpers.hpp"
#include "api/json_codec.hpp"
#include "api/member_summaries.hpp"
#include "api/profile_codec.hpp"
#include "domain/introductions/introduction_names.hpp"
#include "domain/introductions/introduction_service.hpp"

namespace enishi::api {
namespace {

using introductions::Introduction;
using introductions::IntroductionLimits;
using introductions::Role;
using introductions::Step;
using introductions::StepState;
using introductions::TargetState;
using nlohmann::json;

introductions::IntroductionService& Introductions(Call& call) {
  return call.services.introductions;
}

constexpr EnumNames<introductions::ReasonCode, 6> kReasonNames = {{
    {introductions::ReasonCode::kKnowsYouWell, "knows_you_well"},
    {introductions::ReasonCode::kWorkedWithBoth, "worked_with_both"},
    {introductions::ReasonCode::kWorksWithTarget, "works_with_target"},
    {introductions::ReasonCode::kStudiedWithTarget, "studied_with_target"},
    {introductions::ReasonCode::kSeniorToTarget, "senior_to_target"},
    {introductions::ReasonCode::kPeerOfTarget, "peer_of_target"},
}};

Result<json> MemberJson(Call& call, MemberId member) {
  return MemberSummary(call.services, Caller(call), member);
}

Result<json> MembersJson(Call& call, const std::vector<MemberId>& members) {
  auto summaries = MemberSummaries(call.services, Caller(call), members);
  if (!summaries) return summaries.error();
  return json(std::move(*summaries));
}

// The vouches of `steps` that forwarded: who vouched, and what they wrote.
Result<json> Vouches(Call& call, const std::vector<const Step*>& steps) {
  json vouches = json::array();
  for (const Step* step : steps) {
    if (step->state != StepState::kForwarded) continue;
    auto by = MemberJson(call, step->intermediary);
    if (!by) return by.error();
    vouches.push_back({{"by", std::move(*by)}, {"note", step->vouch}});
  }
  return vouches;
}

Result<json> RequesterJson(Call& call, const Introduction& i, json base) {
  Timestamp now = call.services.clock.Now();
  std::vector<MemberId> chosen, helpers;
  for (const Step* step : i.Route(0)) chosen.push_back(step->intermediary);
  if (i.ask_network) {
    chosen.clear();
    // Asking the network, the requester learns only of those who passed it on.
    for (const Step& step : i.steps) {
      if (step.state == StepState::kForwarded) helpers.push_back(step.intermediary);
    }
  }
  auto target = MemberJson(call, i.target);
  if (!target) return target.error();
  auto intermediaries = MembersJson(call, chosen);
  if (!intermediaries) return intermediaries.error();
  auto helped = MembersJson(call, helpers);
  if (!helped) return helped.error();
  introductions::RequesterStatus status = introductions::StatusForRequester(i, now);
  base["role"] = "requester";
  base["target"] = std::move(*target);
  base["note"] = i.note;
  base["ask_network"] = i.ask_network;
  base["intermediaries"] = std::move(*intermediaries);
  base["helpers"] = std::move(*helped);
  base["status"] = EnumText(introductions::kRequesterStatusNames, status);
  base["expires_at"] = FormatRfc3339(i.expires_at);
  if (status == introductions::RequesterStatus::kAccepted && i.conversation) {
    base["conversation"] = i.conversation->ToString();
  }
  return base;
}

Result<json> IntermediaryJson(Call& call, const Introduction& i, json base) {
  Timestamp now = call.services.clock.Now();
  const Step* mine = i.AskedStepOf(Caller(call));
  std::vector<const Step*> route = i.Route(mine->route);
  std::vector<const Step*> before(route.begin(), route.begin() + mine->step);
  MemberId next = mine->step + 1 < static_cast<int>(route.size())
                      ? route[mine->step + 1]->intermediary
                      : i.target;
  // A turn that ran out, or an introduction that closed while it waited, reads lapsed.
  StepState state = mine->state;
  if (state == StepState::kWaiting && (now >= *mine->answer_by || i.Closed(now))) {
    state = StepState::kLapsed;
  }
  auto requester = MemberJson(call, i.requester);
  if (!requester) return requester.error();
  auto target = MemberJson(call, i.target);
  if (!target) return target.error();
  auto next_summary = MemberJson(call, next);
  if (!next_summary) return next_summary.error();
  auto vouches = Vouches(call, before);
  if (!vouches) return vouches.error();
  base["role"] = "intermediary";
  base["requester"] = std::move(*requester);
  base["target"] = std::move(*target);
  base["next"] = std::move(*next_summary);
  base["note"] = i.note;
  base["vouches"] = std::move(*vouches);
  base["status"] = EnumText(introductions::kStepStateNames, state);
  base["answer_by"] = FormatRfc3339(*mine->answer_by);
  return base;
}

Result<json> TargetJson(Call& call, const Introduction& i, json base) {
  Timestamp now = call.services.clock.Now();
  auto requester = MemberJson(call, i.requester);
  if (!requester) return requester.error();
  auto vouches = Vouches(call, i.ForwardedRoute());
  if (!vouches) return vouches.error();
  std::string status(EnumText(introductions::kTargetStateNames, i.target_state));
  if (i.target_state == TargetState::kWaiting && now >= i.expires_at) status = "expired";
  base["role"] = "target";
  base["requester"] = std::move(*requester);
  base["vouches"] = std::move(*vouches);
  base["status"] = status;
  base["expires_at"] = FormatRfc3339(i.expires_at);
  if (i.target_state == TargetState::kAccepted && i.conversation) {
    base["conversation"] = i.conversation->ToString();
  }
  return base;
}

// The introduction as the caller's part in it lets them see it.
Result<json> IntroductionJson(Call& call, const Introduction& i) {
  json base = {{"id", i.id.ToString()},
               {"purpose", EnumText(introductions::kPurposeNames, i.purpose)},
               {"created_at", FormatRfc3339(i.created_at)}};
  switch (introductions::RoleOf(i, Caller(call)).value_or(Role::kRequester)) {
    case Role::kRequester:
      return RequesterJson(call, i, std::move(base));
    case Role::kIntermediary:
      return IntermediaryJson(call, i, std::move(base));
    case Role::kTarget:
      return TargetJson(call, i, std::move(base));
  }
  return Internal("an introduction with no part for its caller");
}

Result<Response> ListOf(Call& call, Result<std::vector<Introduction>> found) {
  if (!found) return found.error();
  json list = json::array();
  for (const Introduction& introduction : *found) {
    auto entry = IntroductionJson(call, introduction);
    if (!entry) return entry.error();
    list.push_back(std::move(*entry));
  }
  return JsonResponse(200, {{"introductions", std::move(list)}});
}

json ReasonJson(const introductions::Reason& reason) {
  json entry = {{"code", EnumText(kReasonNames, reason.code)}};
  if (reason.company) entry["company"] = CompanyJson(*reason.company);
  if (reason.school) entry["school"] = SchoolJson(*reason.school);
  return entry;
}

}  // namespace

Result<Response> ListIntroductionRoutes(Call& call) {
  auto member = PathId<MemberId>(call, "member");
  if (!member) return member.error();
  auto offers = Introductions(call).Routes(Caller(call), *member);
  if (!offers) return offers.error();
  json routes = json::array();
  for (const introductions::RouteOffer& offer : offers->routes) {
    auto intermediaries = MembersJson(call, offer.intermediaries);
    if (!intermediaries) return intermediaries.error();
    json reasons = json::array();
    for (const introductions::Reason& reason : offer.reasons) reasons.push_back(ReasonJson(reason));
    routes.push_back(
        {{"intermediaries", std::move(*intermediaries)}, {"reasons", std::move(reasons)}});
  }
  return JsonResponse(
      200, {{"routes", std::move(routes)}, {"suggest_introduction", offers->suggest_introduction}});
}

Result<Response> RequestIntroduction(Call& call) {
  FieldReader fields(*call.body);
  std::string target_text = fields.RequireString("target", 64);
  std::vector<std::string> chosen =
      fields.OptionalStringArray("intermediaries", IntroductionLimits::kMaxIntermediaries, 64);
  introductions::NewIntroduction request;
  request.purpose =
      ReadEnum(fields, "purpose", introductions::kPurposeNames, introductions::Purpose::kAdvice);
  // Four bytes a character at most: the service counts the characters.
  request.note = fields.RequireString("note", 4 * IntroductionLimits::kNoteChars);
  ENISHI_TRY(fields.Finish());
  auto target = MemberId::Parse(target_text);
  if (!target) return MemberNotFound();
  request.target = *target;
  for (const std::string& text : chosen) {
    auto intermediary = MemberId::Parse(text);
    // Not a member id names nobody who could introduce the caller, like any stranger.
    if (!intermediary) {
      return InvalidArgument("not someone who can introduce you to them", "intermediaries");
    }
    request.intermediaries.push_back(*intermediary);
  }
  auto created = Introductions(call).Request(Caller(call), std::move(request));
  if (!created) return created.error();
  auto body = IntroductionJson(call, *created);
  if (!body) return body.error();
  return JsonResponse(201, *body);
}

Result<Response> ListSentIntroductions(Call& call) {
  return ListOf(call, Introductions(call).Sent(Caller(call)));
}

Result<Response> ListAskedIntroductions(Call& call) {
  return ListOf(call, Introductions(call).Asked(Caller(call)));
}

Result<Response> ListReceivedIntroductions(Call& call) {
  return ListOf(call, Introductions(call).Received(Caller(call)));
}

Result<Response> GetIntroduction(Call& call) {
  auto id = PathId<IntroductionId>(call, "introduction");
  if (!id) return id.error();
  auto found = Introductions(call).Find(Caller(call), *id);
  if (!found) return found.error();
  auto body = IntroductionJson(call, *found);
  if (!body) return body.error();
  return JsonResponse(200, *body);
}

Result<Response> ForwardIntroduction(Call& call) {
  FieldReader fields(*call.body);
  std::string note = fields.RequireString("note", 4 * IntroductionLimits::kNoteChars);
  bool join = fields.OptionalBool("join").value_or(false);
  ENISHI_TRY(fields.Finish());
  auto id = PathId<IntroductionId>(call, "introduction");
  if (!id) return id.error();
  auto forwarded = Introductions(call).Forward(Caller(call), *id, std::move(note), join);
  if (!forwarded) return forwarded.error();
  auto body = IntroductionJson(call, *forwarded);
  if (!body) return body.error();
  return JsonResponse(200, *body);
}

Result<Response> LapseIntroduction(Call& call) {
  auto id = PathId<IntroductionId>(call, "introduction");
  if (!id) return id.error();
  ENISHI_TRY(Introductions(call).Lapse(Caller(call), *id));
  return NoContent();
}

Result<Response> AcceptIntroduction(Call& call) {
  auto id = PathId<IntroductionId>(call, "introduction");
  if (!id) return id.error();
  auto conversation = Introductions(call).Accept(Caller(call), *id);
  if (!conversation) return conversation.error();
  return JsonResponse(200, {{"conversation", conversation->ToString()}});
}

Result<Response> DeclineIntroduction(Call& call) {
  auto id = PathId<IntroductionId>(call, "introduction");
  if (!id) return id.error();
  ENISHI_TRY(Introductions(call).Decline(Caller(call), *id));
  return NoContent();
}

Result<Response> WithdrawIntroduction(Call& call) {
  auto id = PathId<IntroductionId>(call, "introduction");
  if (!id) return id.error();
  ENISHI_TRY(Introductions(call).Withdraw(Caller(call), *id));
  return NoContent();
}

}  // namespace enishi::api
