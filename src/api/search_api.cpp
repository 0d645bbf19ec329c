#include "api/search_api.hpp"

#include <algorithm>
#include <charconv>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>

#include "api/call_helpers.hpp"
#include "api/json_codec.hpp"
#include "api/member_summaries.hpp"
#include "api/url.hpp"
#include "domain/profiles/profile_names.hpp"
#include "domain/search/search_service.hpp"

namespace enishi::api {
namespace {

using nlohmann::json;
using search::MemberQuery;

// Every parameter the search takes; any other is refused, so that a misspelt filter is not
// silently ignored.
constexpr std::string_view kSearchParams[] = {
    "q", "company", "school", "location", "language", "skill", "seniority", "degree",
    "limit", "cursor"};

Result<std::string> TextParam(const Call& call, std::string_view name) {
  auto value = QueryParam(call.request, name);
  if (!value) return value.error();
  return value->value_or(std::string());
}

// An id parameter: absent, or one that parses. A well-formed id of nothing simply finds nobody.
template <class IdType>
Result<std::optional<IdType>> IdParam(const Call& call, const char* name) {
  auto text = TextParam(call, name);
  if (!text) return text.error();
  if (text->empty()) return std::optional<IdType>();
  std::optional<IdType> id = IdType::Parse(*text);
  if (!id) return InvalidArgument(std::string(name) + " is not an id", name);
  return id;
}

// "1", "2,3"...: the degrees wanted.
Result<std::vector<graph::Degree>> DegreesParam(const Call& call) {
  auto text = TextParam(call, "degree");
  if (!text) return text.error();
  std::vector<graph::Degree> degrees;
  std::string_view rest = *text;
  while (!rest.empty()) {
    std::string_view item = rest.substr(0, rest.find(','));
    rest.remove_prefix(std::min(rest.size(), item.size() + 1));
    if (item != "1" && item != "2" && item != "3") {
      return InvalidArgument("degree must list 1, 2 or 3, separated by commas", "degree");
    }
    auto degree = static_cast<graph::Degree>(item.front() - '0');
    if (std::find(degrees.begin(), degrees.end(), degree) == degrees.end()) {
      degrees.push_back(degree);
    }
  }
  return degrees;
}

Result<int> LimitParam(const Call& call) {
  auto text = TextParam(call, "limit");
  if (!text) return text.error();
  if (text->empty()) return search::SearchLimits::kDefaultPageSize;
  int limit = 0;
  auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), limit);
  if (error != std::errc() || end != text->data() + text->size()) {
    return InvalidArgument("limit must be a whole number", "limit");
  }
  return limit;  // The service checks the range.
}

Result<MemberQuery> ReadQuery(const Call& call) {
  if (auto unknown = UnknownQueryParam(call.request, kSearchParams)) {
    const bool printable = unknown->size() <= 32 &&
                           std::all_of(unknown->begin(), unknown->end(),
                                       [](char c) { return c > 0x20 && c < 0x7F; });
    return InvalidArgument(printable ? "unknown query parameter " + *unknown
                                     : std::string("an unknown query parameter"),
                           printable ? *unknown : std::string());
  }
  MemberQuery query;
  auto assign = [&](std::string& into, std::string_view name) -> Result<void> {
    auto text = TextParam(call, name);
    if (!text) return text.error();
    into = std::move(*text);
    return Ok();
  };
  ENISHI_TRY(assign(query.text, "q"));
  ENISHI_TRY(assign(query.location, "location"));
  ENISHI_TRY(assign(query.language, "language"));
  ENISHI_TRY(assign(query.skill, "skill"));
  ENISHI_TRY(assign(query.cursor, "cursor"));
  auto company = IdParam<CompanyId>(call, "company");
  if (!company) return company.error();
  query.company = *company;
  auto school = IdParam<SchoolId>(call, "school");
  if (!school) return school.error();
  query.school = *school;
  auto seniority = TextParam(call, "seniority");
  if (!seniority) return seniority.error();
  if (!seniority->empty()) {
    query.seniority = ParseEnum(profiles::kSeniorityNames, *seniority);
    if (!query.seniority) return InvalidArgument("seniority is not a known level", "seniority");
  }
  auto degrees = DegreesParam(call);
  if (!degrees) return degrees.error();
  query.degrees = std::move(*degrees);
  auto limit = LimitParam(call);
  if (!limit) return limit.error();
  query.limit = *limit;
  return query;
}

}  // namespace

Result<Response> SearchMembers(Call& call) {
  auto query = ReadQuery(call);
  if (!query) return query.error();
  // Counted once the request is understood: a mistyped query costs nothing.
  ENISHI_TRY(call.services.search.Check(*query));
  ENISHI_TRY(call.services.searches.Spend(Caller(call)));
  auto page = call.services.search.SearchMembers(Caller(call), *query);
  if (!page) return page.error();
  json results = json::array();
  for (const search::MemberHit& hit : page->hits) {
    json matched = json::array();
    for (search::Field field : hit.matched) matched.push_back(EnumText(search::kFieldNames, field));
    results.push_back({{"member", SummaryOf(hit.member, hit.degree, &hit.view.view)},
                       {"mutual_count", hit.mutual_count},
                       {"matched", std::move(matched)}});
  }
  json body = {{"results", std::move(results)}};
  if (page->next_cursor) body["next_cursor"] = *page->next_cursor;
  return JsonResponse(200, std::move(body));
}

}  // namespace enishi::api
