#pragma once
// The handler of people search (docs/API.md, "Search"): GET /api/v1/search/members. Named in
// the route table (routes.cpp). Thread-safe: it holds no state and calls only thread-safe
// services.

#include "api/handler.hpp"

namespace enishi::api {

Result<Response> SearchMembers(Call& call);

}  // namespace enishi::api
