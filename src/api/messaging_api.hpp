#pragma once
// Handlers of the messaging endpoints (docs/API.md, "Messaging"). Named in the route table (routes.cpp). Thread-safe: they hold no state and
// call only thread-safe services.

#include "api/handler.hpp"

namespace enishi::api {

Result<Response> ListConversations(Call& call);
Result<Response> OpenConversation(Call& call);
Result<Response> GetConversation(Call& call);
Result<Response> ListMessages(Call& call);
Result<Response> SendMessage(Call& call);
Result<Response> EditMessage(Call& call);
Result<Response> DeleteMessage(Call& call);
Result<Response> MarkConversationRead(Call& call);
Result<Response> AddConversationMembers(Call& call);
Result<Response> LeaveConversation(Call& call);
Result<Response> GetMessagingPreferences(Call& call);
Result<Response> PutMessagingPreferences(Call& call);
Result<Response> GetUnreadCounts(Call& call);

}  // namespace enishi::api
