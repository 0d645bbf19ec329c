#pragma once
// A member's contact card as vCard 4.0 (RFC 6350), made from what the privacy engine let the
// caller see: nothing the view lacks can appear in it. Thread-safe (stateless).

#include <string>

#include "domain/profiles/profile_service.hpp"

namespace enishi::api {

std::string VCardOf(const profiles::ResolvedView& view);

}  // namespace enishi::api
