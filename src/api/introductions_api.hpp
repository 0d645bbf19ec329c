#pragma once
// Handlers of the introduction endpoints (docs/API.md, "Introductions"): the routes to a
// member, asking for an introduction, the three boxes (sent, asked, received), and each part's
// answer. Named in the route table (routes.cpp). Thread-safe: they hold no state and call only
// thread-safe services.

#include "api/handler.hpp"

namespace enishi::api {

Result<Response> ListIntroductionRoutes(Call& call);
Result<Response> RequestIntroduction(Call& call);
Result<Response> ListSentIntroductions(Call& call);
Result<Response> ListAskedIntroductions(Call& call);
Result<Response> ListReceivedIntroductions(Call& call);
Result<Response> GetIntroduction(Call& call);
Result<Response> ForwardIntroduction(Call& call);
Result<Response> LapseIntroduction(Call& call);
Result<Response> AcceptIntroduction(Call& call);
Result<Response> DeclineIntroduction(Call& call);
Result<Response> WithdrawIntroduction(Call& call);

}  // namespace enishi::api
