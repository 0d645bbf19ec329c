#pragma once
// The wire form of relationships (docs/API.md, "Relationships"). A tie's rating, note and trust
// are written only for the member whose view they are; what a sender learns of a request is
// its SentStatus, never its stored state or whether it was filtered. Thread-safe (stateless).

#include <nlohmann/json_fwd.hpp>

#include "api/json_codec.hpp"
#include "api/json_writer.hpp"
#include "domain/graph/search.hpp"
#include "domain/relationships/relationship.hpp"
#include "domain/relationships/relationship_service.hpp"

namespace enishi::api {

// A degree badge: 1, 2, 3 or null.
nlohmann::json DegreeJson(graph::Degree degree);
void WriteDegree(JsonWriter& out, graph::Degree degree);

// Each takes the summaries of the members it names, made for the caller.
nlohmann::json SentRequestJson(const relationships::SentRequest& sent, nlohmann::json to);
nlohmann::json ReceivedRequestJson(const relationships::Request& request, nlohmann::json from,
                                   nlohmann::json introduced_by);
nlohmann::json ConnectionJson(const relationships::Tie& tie, nlohmann::json member);
// The caller's own data, for GET /me/export: ids only.
nlohmann::json ExportedTieJson(const relationships::Tie& tie);

nlohmann::json InboundPolicyJson(const relationships::InboundPolicy& policy);
// The policy sent to PUT /me/inbound-policy: every field required. Problems go to `fields`.
relationships::InboundPolicy ReadInboundPolicy(FieldReader& fields);

nlohmann::json CardJson(const relationships::Card& card);

}  // namespace enishi::api
