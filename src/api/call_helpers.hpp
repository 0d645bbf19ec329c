#pragma once
// Small pieces every resource handler uses: who is calling, path ids, empty answers.

#include <optional>
#include <string>

#include "api/handler.hpp"
#include "domain/accounts/account.hpp"
#include "domain/profiles/profile_service.hpp"

namespace enishi::api {

// The signed-in caller. REQUIRES: call.session (Access::kMember routes).
inline MemberId Caller(const Call& call) { return call.session->account.id; }

// The caller as the privacy engine knows them: signed out, or a member.
inline profiles::Viewer ViewerOf(const Call& call) {
  if (call.session == nullptr) return profiles::Viewer::SignedOut();
  return profiles::Viewer::Of(Caller(call));
}

// The id in path segment `{id}` (or `{segment}`). One that does not parse names nothing, like one
// that does not exist: kNotFound "<what> not found".
template <class IdType>
Result<IdType> PathId(const Call& call, const char* what, std::string_view segment = "id") {
  std::optional<IdType> id = IdType::Parse(call.params.Get(segment));
  if (!id) return NotFound(std::string(what) + " not found");
  return *id;
}

inline Response NoContent() {
  Response response;
  response.status = 204;
  return response;
}

}  // namespace enishi::api
