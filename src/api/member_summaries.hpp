#pragma once
// MemberSummary (docs/API.md): what a viewer may see of a member in a list, with the degree
// badge. Every list of members the API returns is made here, through the privacy engine.

#include <nlohmann/json_fwd.hpp>
#include <span>
#include <vector>

#include "api/handler.hpp"
#include "core/ids.hpp"
#include "core/result.hpp"
#include "domain/graph/search.hpp"
#include "domain/privacy/privacy_engine.hpp"

namespace enishi::api {

// The summary of `member` from what the viewer may see of them (`seen`, null when nothing).
nlohmann::json SummaryOf(MemberId member, graph::Degree degree, const privacy::ProfileView* seen);

// What `viewer` may see of each of `members`, in order, each with its degree badge: the display
// name, headline and photo that the privacy engine lets through, or the id alone.
Result<std::vector<nlohmann::json>> MemberSummaries(Services& services, MemberId viewer,
                                                    std::span<const MemberId> members);
// OK when `viewer` may see `member` at all; kNotFound, as for an unknown member, otherwise.
Result<void> RequireVisibleMember(Services& services, MemberId viewer, MemberId member);
// The same for one member.
Result<nlohmann::json> MemberSummary(Services& services, MemberId viewer, MemberId member);

}  // namespace enishi::api
