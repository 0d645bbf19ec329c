#include "api/relationship_codec.hpp"

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>

#include "core/clock.hpp"
#include "domain/privacy/audience.hpp"
#include "domain/profiles/profile_names.hpp"
#include "domain/relationships/relationship_names.hpp"

namespace enishi::api {
namespace {

using nlohmann::json;
using relationships::Card;
using relationships::InboundPolicy;
using relationships::kBusinessAsksNames;
using relationships::kProvenanceNames;
using relationships::kReachNames;
using relationships::kRequestKindNames;
using relationships::kSentStatusNames;
using relationships::kStageNames;
using relationships::SentRequest;
using relationships::Tie;
// Not `Request`: api::Request is the HTTP request.
using StoredRequest = relationships::Request;

constexpr size_t kMaxRefusedFunctions = profiles::kJobFunctionNames.size();

// What a request says in every form: the sender's own words and how they met.
json RequestCore(const StoredRequest& request) {
  return {{"id", request.id.ToString()},
          {"kind", EnumText(kRequestKindNames, request.kind)},
          {"note", request.note},
          {"provenance", EnumText(kProvenanceNames, request.provenance)},
          {"created_at", FormatRfc3339(request.created_at)},
          {"expires_at", FormatRfc3339(request.expires_at)}};
}

json RatingJson(const std::optional<int>& rating) { return rating ? json(*rating) : json(nullptr); }

// The badge a degree shows: 1, 2 or 3; none beyond.
std::optional<int> DegreeBadge(graph::Degree degree) {
  switch (degree) {
    case graph::Degree::kFirst:
    case graph::Degree::kSecond:
    case graph::Degree::kThird:
      return static_cast<int>(degree);
    default:
      return std::nullopt;
  }
}

}  // namespace

json DegreeJson(graph::Degree degree) {
  std::optional<int> badge = DegreeBadge(degree);
  return badge ? json(*badge) : json(nullptr);
}

void WriteDegree(JsonWriter& out, graph::Degree degree) {
  if (std::optional<int> badge = DegreeBadge(degree)) {
    out.Int(*badge);
  } else {
    out.Null();
  }
}

json SentRequestJson(const SentRequest& sent, json to) {
  json out = RequestCore(sent.request);
  out["to"] = std::move(to);
  out["status"] = EnumText(kSentStatusNames, sent.status);
  return out;
}

json ReceivedRequestJson(const StoredRequest& request, json from, json introduced_by) {
  json out = RequestCore(request);
  out["from"] = std::move(from);
  if (!introduced_by.is_null()) out["introduced_by"] = std::move(introduced_by);
  return out;
}

json ConnectionJson(const Tie& tie, json member) {
  return {{"member", std::move(member)},
          {"rating", RatingJson(tie.rating)},
          {"note", tie.note},
          {"trusted", tie.trusted},
          {"provenance", EnumText(kProvenanceNames, tie.provenance)},
          {"since", FormatRfc3339(tie.since)}};
}

json ExportedTieJson(const Tie& tie) {
  json out = ConnectionJson(tie, tie.other.ToString());
  out["stage"] = EnumText(kStageNames, tie.stage);
  return out;
}

json InboundPolicyJson(const InboundPolicy& policy) {
  json refused = json::array();
  for (profiles::JobFunction function : policy.refused_functions) {
    refused.push_back(EnumText(profiles::kJobFunctionNames, function));
  }
  return {{"greetings", EnumText(kReachNames, policy.greetings)},
          {"requests", EnumText(kReachNames, policy.requests)},
          {"messages", EnumText(kReachNames, policy.messages)},
          {"refused_functions", std::move(refused)},
          {"min_account_age_days", policy.min_account_age_days},
          {"business_asks", EnumText(kBusinessAsksNames, policy.business_asks)},
          {"connection_list", privacy::FormatAudience(policy.connection_list)},
          {"juniors_need_introduction", policy.juniors_need_introduction}};
}

InboundPolicy ReadInboundPolicy(FieldReader& fields) {
  InboundPolicy policy;
  policy.greetings = ReadEnum(fields, "greetings", kReachNames, policy.greetings);
  policy.requests = ReadEnum(fields, "requests", kReachNames, policy.requests);
  policy.messages = ReadEnum(fields, "messages", kReachNames, policy.messages);
  std::vector<std::string> refused =
      fields.RequireStringArray("refused_functions", kMaxRefusedFunctions, 64);
  for (size_t i = 0; i < refused.size(); ++i) {
    if (auto function = ParseEnum(profiles::kJobFunctionNames, refused[i])) {
      policy.refused_functions.push_back(*function);
    } else {
      fields.Fail("refused_functions[" + std::to_string(i) + "]", "is not a known function");
    }
  }
  policy.min_account_age_days =
      static_cast<int>(fields.OptionalInt("min_account_age_days", 0, 365).value_or(0));
  policy.business_asks =
      ReadEnum(fields, "business_asks", kBusinessAsksNames, policy.business_asks);
  std::string audience = fields.RequireString("connection_list", 64);
  if (auto parsed = privacy::ParseAudience(audience)) {
    policy.connection_list = *parsed;
  } else if (!audience.empty()) {
    fields.Fail("connection_list", "is not an audience");
  }
  policy.juniors_need_introduction =
      fields.OptionalBool("juniors_need_introduction").value_or(policy.juniors_need_introduction);
  return policy;
}

json CardJson(const Card& card) {
  // A path of the web client, which opens the scan page with the code filled in; the client
  // makes it absolute for the QR code, since only it knows the origin it is served from.
  return {{"code", card.code},
          {"url", "/c/" + card.code},
          {"created_at", FormatRfc3339(card.created_at)}};
}

}  // namespace enishi::api
