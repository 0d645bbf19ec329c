#pragma once
// Handlers of the relationship endpoints (docs/API.md, "Relationships"): greetings and
// connection requests, connections with private ratings and notes, blocks, the inbound policy,
// business cards, and what the graph shows the caller (a member's connections, mutuals, paths,
// suggestions, vCards). Named in the route table (routes.cpp). Thread-safe: they hold no
// state and call only thread-safe services.

#include <nlohmann/json_fwd.hpp>

#include "api/handler.hpp"

namespace enishi::api {

Result<Response> SendRequest(Call& call);
Result<Response> ListReceivedRequests(Call& call);
Result<Response> ListSentRequests(Call& call);
Result<Response> AcceptRequest(Call& call);
Result<Response> DeclineRequest(Call& call);
Result<Response> WithdrawRequest(Call& call);

Result<Response> ListConnections(Call& call);
Result<Response> PutConnection(Call& call);
Result<Response> DeleteConnection(Call& call);

Result<Response> ListBlocks(Call& call);
Result<Response> BlockMember(Call& call);
Result<Response> UnblockMember(Call& call);

Result<Response> GetInboundPolicy(Call& call);
Result<Response> PutInboundPolicy(Call& call);

Result<Response> GetCard(Call& call);
Result<Response> RotateCard(Call& call);
Result<Response> ScanCard(Call& call);

Result<Response> ListMemberConnections(Call& call);
Result<Response> ListMutuals(Call& call);
Result<Response> ListPaths(Call& call);
Result<Response> GetVCard(Call& call);
Result<Response> ListSuggestions(Call& call);

// The caller's relationships for GET /me/export: ties, requests, blocks, policy and card.
Result<nlohmann::json> ExportRelationships(Call& call);

}  // namespace enishi::api
