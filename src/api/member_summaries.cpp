#include "api/member_summaries.hpp"

#include <nlohmann/json.hpp>
#include <utility>

#include "api/profile_codec.hpp"
#include "api/relationship_codec.hpp"
#include "domain/profiles/profile_service.hpp"
#include "domain/relationships/relationship_service.hpp"

namespace enishi::api {

using nlohmann::json;

Result<std::vector<json>> MemberSummaries(Services& services, MemberId viewer,
                                          std::span<const MemberId> members) {
  std::vector<graph::Degree> degrees = services.relationships.Degrees(viewer, members);
  std::vector<json> summaries;
  summaries.reserve(members.size());
  for (size_t i = 0; i < members.size(); ++i) {
    auto view = services.profiles.View(profiles::Viewer::Of(viewer), members[i]);
    if (!view && view.error().code != ErrorCode::kNotFound) return view.error();
    summaries.push_back(SummaryOf(members[i], degrees[i], view ? &view->view : nullptr));
  }
  return summaries;
}

json SummaryOf(MemberId member, graph::Degree degree, const privacy::ProfileView* seen) {
  json summary = {{"id", member.ToString()}, {"degree", DegreeJson(degree)}};
  if (seen == nullptr) return summary;
  if (seen->display_name) summary["display_name"] = *seen->display_name;
  if (seen->headline) summary["headline"] = *seen->headline;
  if (seen->photo) summary["photo_url"] = PhotoUrl(member, *seen->photo);
  return summary;
}

Result<void> RequireVisibleMember(Services& services, MemberId viewer, MemberId member) {
  auto view = services.profiles.View(profiles::Viewer::Of(viewer), member);
  if (!view) return view.error();
  return Ok();
}

Result<json> MemberSummary(Services& services, MemberId viewer, MemberId member) {
  MemberId one[] = {member};
  auto summaries = MemberSummaries(services, viewer, one);
  if (!summaries) return summaries.error();
  return std::move(summaries->front());
}

}  // namespace enishi::api
