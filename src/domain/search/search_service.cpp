#include "domain/search/search_service.hpp"

#include <algorithm>
#include <charconv>
#include <functional>
#include <map>
#include <set>
#include <string_view>
#include <utility>

#include "domain/accounts/text.hpp"
#include "domain/privacy/privacy_engine.hpp"
#include "domain/profiles/profile_names.hpp"
#include "domain/relationships/relationship_service.hpp"
#include "domain/search/search_indexer.hpp"

namespace enishi::search {
namespace {

using graph::Degree;
using privacy::Audience;
using privacy::ViewerContext;

// --- Reading the query ---

// One word of the query, reduced to its forms.
struct Term {
  std::vector<std::string> forms;
};

// What the query asks, checked and reduced to forms.
struct PreparedQuery {
  std::vector<Term> terms;
  std::vector<std::string> location_forms;
  std::string skill_form;
  std::string language;
  size_t offset = 0;
};

size_t CodePointCount(std::string_view text) {
  return static_cast<size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

bool IsControl(char32_t c) { return c < 0x20 || (c >= 0x7F && c <= 0x9F); }

// The text of `value` as a member typed it: trimmed, valid UTF-8, within the length limit and
// free of control characters. kInvalidArgument naming `field` otherwise.
Result<std::u32string> CheckedText(std::string_view value, const char* field) {
  std::optional<std::u32string> decoded = accounts::DecodeUtf8(value);
  if (!decoded) return InvalidArgument(std::string(field) + " is not valid UTF-8", field);
  std::u32string text(accounts::Trim(*decoded));
  if (text.size() > SearchLimits::kMaxQueryChars) {
    return InvalidArgument(std::string(field) + " is longer than " +
                               std::to_string(SearchLimits::kMaxQueryChars) + " characters",
                           field);
  }
  if (std::any_of(text.begin(), text.end(), IsControl)) {
    return InvalidArgument(std::string(field) + " contains control characters", field);
  }
  return text;
}

// A word of one ASCII letter or digit would match the start of almost every name.
bool TooShort(const std::string& form) {
  return form.size() < 2 && std::all_of(form.begin(), form.end(),
                                         [](unsigned char c) { return c < 0x80; });
}

Result<std::vector<Term>> TermsOf(std::string_view query, const TextForms& forms) {
  auto checked = CheckedText(query, "q");
  if (!checked) return checked.error();
  const std::u32string& text = *checked;
  if (text.empty()) return InvalidArgument("q is empty", "q");
  std::vector<Term> terms;
  size_t words = 0;
  for (size_t start = 0; start < text.size();) {
    size_t end = start;
    while (end < text.size() && !accounts::IsSpace(text[end])) ++end;
    if (end > start) {
      if (++words > SearchLimits::kMaxTerms) {
        return InvalidArgument("q has more than " + std::to_string(SearchLimits::kMaxTerms) +
                                   " words",
                               "q");
      }
      Term term{forms.Forms(accounts::EncodeUtf8(text.substr(start, end - start)))};
      // The word's other forms (kana folded, Latin) count from kSubstringMinChars characters:
      // 李 read as "li" would find every name that starts with li (Lin, Liu, Liang...).
      if (term.forms.size() > 1) {
        term.forms.erase(std::remove_if(term.forms.begin() + 1, term.forms.end(),
                                        [](const std::string& form) {
                                          return CodePointCount(form) < kSubstringMinChars;
                                        }),
                         term.forms.end());
      }
      if (!term.forms.empty()) {
        if (TooShort(term.forms.front())) {
          return InvalidArgument("q has a word of a single letter or digit", "q");
        }
        terms.push_back(std::move(term));
      }
    }
    start = end + 1;
  }
  if (terms.empty()) return InvalidArgument("q holds nothing to search for", "q");
  return terms;
}

// The forms of a text filter; empty when the filter is not given.
Result<std::vector<std::string>> FilterForms(std::string_view value, const char* field,
                                             const TextForms& forms) {
  if (value.empty()) return std::vector<std::string>{};
  auto text = CheckedText(value, field);
  if (!text) return text.error();
  std::vector<std::string> result = forms.Forms(accounts::EncodeUtf8(*text));
  if (result.empty()) return InvalidArgument(std::string(field) + " holds nothing to match", field);
  return result;
}

bool IsLanguageTag(std::string_view tag) {
  if (tag.size() > 35) return false;  // BCP 47's longest registered forms are shorter.
  std::string primary = PrimaryLanguage(tag);
  return primary.size() >= 2 && primary.size() <= 3 &&
         std::all_of(primary.begin(), primary.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

constexpr std::string_view kCursorPrefix = "o";

std::string CursorAt(size_t offset) { return std::string(kCursorPrefix) + std::to_string(offset); }

Result<size_t> OffsetOf(std::string_view cursor) {
  if (cursor.empty()) return size_t{0};
  size_t offset = 0;
  std::string_view digits = cursor.substr(std::min(cursor.size(), kCursorPrefix.size()));
  auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), offset);
  if (!cursor.starts_with(kCursorPrefix) || digits.empty() || error != std::errc() ||
      end != digits.data() + digits.size() || offset == 0 ||
      offset >= static_cast<size_t>(SearchLimits::kMaxDepth)) {
    return InvalidArgument("cursor is not one a search gave", "cursor");
  }
  return offset;
}

Result<PreparedQuery> Prepare(const MemberQuery& query, const TextForms& forms) {
  PreparedQuery prepared;
  auto terms = TermsOf(query.text, forms);
  if (!terms) return terms.error();
  prepared.terms = std::move(terms).value();
  auto location = FilterForms(query.location, "location", forms);
  if (!location) return location.error();
  prepared.location_forms = std::move(location).value();
  auto skill = FilterForms(query.skill, "skill", forms);
  if (!skill) return skill.error();
  if (!skill->empty()) prepared.skill_form = skill->front();
  if (!query.language.empty()) {
    if (!IsLanguageTag(query.language)) {
      return InvalidArgument("language is not a BCP 47 language tag", "language");
    }
    prepared.language = PrimaryLanguage(query.language);
  }
  if (query.limit < 1 || query.limit > SearchLimits::kMaxPageSize) {
    return InvalidArgument("limit must be between 1 and " +
                               std::to_string(SearchLimits::kMaxPageSize),
                           "limit");
  }
  auto offset = OffsetOf(query.cursor);
  if (!offset) return offset.error();
  prepared.offset = *offset;
  return prepared;
}

// --- Matching and ranking ---

// How much a match of one term in a field says about the member: names most, languages least.
int FieldWeight(Field field) {
  switch (field) {
    case Field::kName: return 10;
    case Field::kCompany: return 5;
    case Field::kHeadline:
    case Field::kSchool:
    case Field::kSkill: return 4;
    case Field::kLocation: return 3;
    case Field::kLanguage:
    case Field::kSeniority: return 2;
  }
  return 1;
}

// How closely a form matched a term: the whole form, its start, or somewhere inside.
int Closeness(std::string_view form, std::string_view term) {
  if (form == term) return 3;
  if (form.starts_with(term)) return 2;
  return 1;
}

// Organisations and languages match as a whole (their names were matched), at prefix strength.
constexpr int kNamedEntityCloseness = 2;

// A network-distance bonus: closer members first among equally relevant ones.
int DistanceBonus(Degree degree) {
  switch (degree) {
    case Degree::kFirst: return 6;
    case Degree::kSecond: return 4;
    case Degree::kThird: return 2;
    default: return 0;
  }
}

// One index row that may count for a member, once the searcher may see it.
struct Evidence {
  Field field = Field::kName;
  Audience audience;
  int score = 0;
  std::optional<int> until_month{};
};

// What one requirement (a word or a filter) found, by member.
using Found = std::map<MemberId, std::vector<Evidence>>;

// Below this many candidates left, later requirements read only the candidates' rows.
constexpr size_t kNarrowReadsBelow = 5000;


std::optional<Audience> AudienceOf(const std::string& stored) {
  return privacy::ParseAudience(stored);
}

void AddTextRows(Found& found, const std::vector<TextRow>& rows, std::string_view term) {
  for (const TextRow& row : rows) {
    std::optional<Audience> audience = AudienceOf(row.audience);
    if (!audience) continue;  // Unreadable: it reaches nobody.
    found[row.member].push_back(
        {row.field, *audience, FieldWeight(row.field) * Closeness(row.form, term), {}});
  }
}

void AddFacetRows(Found& found, const std::vector<FacetRow>& rows, int closeness) {
  for (const FacetRow& row : rows) {
    std::optional<Audience> audience = AudienceOf(row.audience);
    if (!audience) continue;
    found[row.member].push_back(
        {row.field, *audience, FieldWeight(row.field) * closeness, row.until_month});
  }
}

std::vector<std::string> EncodedIds(const std::vector<uint64_t>& ids) {
  std::vector<std::string> encoded;
  encoded.reserve(ids.size());
  for (uint64_t id : ids) encoded.push_back(EncodeId(id));
  return encoded;
}

int ThisMonthKey(Timestamp now) {
  profiles::YearMonth month = profiles::MonthOf(now);
  return month.year * 12 + month.month - 1;
}

// Reads the rows one word (`term_forms`, its forms) may match: texts, then the companies,
// schools and languages its names match.
Result<void> ReadTerm(SearchRepository& index, const TextForms& text_forms,
                      const std::vector<std::string>& term_forms, std::span<const MemberId> among,
                      Found& found) {
  for (const std::string& form : term_forms) {
    auto texts = index.MatchTexts(form, std::nullopt, among);
    if (!texts) return texts.error();
    AddTextRows(found, *texts, form);
    for (auto [kind, field] : {std::pair{OrganizationKind::kCompany, Field::kCompany},
                               std::pair{OrganizationKind::kSchool, Field::kSchool}}) {
      auto organizations = index.MatchOrganizations(kind, form);
      if (!organizations) return organizations.error();
      if (organizations->empty()) continue;
      auto rows = index.MatchFacets(field, EncodedIds(*organizations), among);
      if (!rows) return rows.error();
      AddFacetRows(found, *rows, kNamedEntityCloseness);
    }
    std::vector<std::string> languages = text_forms.LanguagesNamed(form);
    if (!languages.empty()) {
      auto rows = index.MatchFacets(Field::kLanguage, languages, among);
      if (!rows) return rows.error();
      AddFacetRows(found, *rows, kNamedEntityCloseness);
    }
  }
  return Ok();
}

}  // namespace

SearchService::SearchService(SearchRepository& index, profiles::ProfileRepository& profiles,
                             profiles::ProfileService& profile_views,
                             relationships::RelationshipService& relationships,
                             const TextForms& forms, const Clock& clock)
    : index_(index),
      profiles_(profiles),
      profile_views_(profile_views),
      relationships_(relationships),
      forms_(forms),
      clock_(clock) {}

Result<MemberPage> SearchService::SearchMembers(MemberId viewer, const MemberQuery& query) {
  auto prepared = Prepare(query, forms_);
  if (!prepared) return prepared.error();

  // Every requirement (each word, each filter) with the rows that could meet it for each
  // member. Rows of fields the searcher may not see are weeded out below, member by member.
  struct Requirement {
    int rank;      // Likely selectivity, most selective first: the order they are read in.
    bool is_term;  // A word of the query, which ranks; a filter only narrows.
    std::function<Result<void>(Found&, std::span<const MemberId>)> read;
    Found found{};
  };
  std::vector<Requirement> requirements;
  for (const Term& term : prepared->terms) {
    const int longer_first = -static_cast<int>(CodePointCount(term.forms.front()));
    requirements.push_back({1, true, [this, &term](Found& found, std::span<const MemberId> among) {
      return ReadTerm(index_, forms_, term.forms, among, found);
    }});
    requirements.back().rank = 1000 + longer_first;
  }
  auto facet = [this](Field field, std::string value) {
    return [this, field, value = std::move(value)](Found& found,
                                                   std::span<const MemberId> among) -> Result<void> {
      const std::string values[] = {value};
      auto rows = index_.MatchFacets(field, values, among);
      if (!rows) return rows.error();
      AddFacetRows(found, *rows, kNamedEntityCloseness);
      return Ok();
    };
  };
  if (query.company) requirements.push_back({0, false, facet(Field::kCompany, query.company->ToString())});
  if (query.school) requirements.push_back({0, false, facet(Field::kSchool, query.school->ToString())});
  if (!prepared->skill_form.empty()) {
    requirements.push_back({2000, false, facet(Field::kSkill, prepared->skill_form)});
  }
  if (!prepared->location_forms.empty()) {
    requirements.push_back({3000, false, [this, &prepared](Found& found,
                                                         std::span<const MemberId> among) {
      for (const std::string& form : prepared->location_forms) {
        auto rows = index_.MatchTexts(form, Field::kLocation, among);
        if (!rows) return Result<void>(rows.error());
        AddTextRows(found, *rows, form);
      }
      return Result<void>(Ok());
    }});
  }
  if (!prepared->language.empty()) {
    requirements.push_back({4000, false, facet(Field::kLanguage, prepared->language)});
  }
  if (query.seniority) {
    requirements.push_back(
        {5000, false,
         facet(Field::kSeniority, std::string(EnumText(profiles::kSeniorityNames, *query.seniority)))});
  }
  std::stable_sort(requirements.begin(), requirements.end(),
                   [](const Requirement& a, const Requirement& b) { return a.rank < b.rank; });

  // Members every requirement found something for, whoever may see it: a superset of the
  // results, and the only members whose standing with the searcher needs working out. Once
  // few enough are left, later requirements read only their rows.
  std::vector<MemberId> candidates;
  for (size_t r = 0; r < requirements.size(); ++r) {
    const bool narrow = r > 0 && candidates.size() <= kNarrowReadsBelow;
    ENISHI_TRY(requirements[r].read(requirements[r].found,
                                    narrow ? std::span<const MemberId>(candidates)
                                           : std::span<const MemberId>()));
    if (r == 0) {
      for (const auto& [member, evidence] : requirements[r].found) {
        if (member != viewer) candidates.push_back(member);
      }
    } else {
      std::erase_if(candidates,
                    [&](MemberId member) { return !requirements[r].found.contains(member); });
    }
    if (candidates.empty()) return MemberPage{};
  }

  std::vector<Degree> degrees = relationships_.Degrees(viewer, candidates);
  auto standings = index_.StandingsOf(viewer);
  if (!standings) return standings.error();
  std::map<MemberId, Standing> ties;
  for (const Standing& standing : standings->ties) ties.emplace(standing.member, standing);
  std::multimap<MemberId, CircleId> circles(standings->circles.begin(), standings->circles.end());
  const int this_month = ThisMonthKey(clock_.Now());

  struct Ranked {
    MemberId member;
    Degree degree;
    int score;
    std::vector<Field> matched;
  };
  std::vector<Ranked> ranked;
  for (size_t i = 0; i < candidates.size(); ++i) {
    const MemberId member = candidates[i];
    if (!query.degrees.empty() &&
        std::find(query.degrees.begin(), query.degrees.end(), degrees[i]) == query.degrees.end()) {
      continue;
    }
    if (std::binary_search(standings->blocked.begin(), standings->blocked.end(), member)) continue;
    privacy::Relationship relationship;
    relationship.distance =
        degrees[i] == Degree::kFirst ? 1 : degrees[i] == Degree::kSecond ? 2 : 0;
    if (auto tie = ties.find(member); tie != ties.end()) {
      relationship.stage = tie->second.stage;
      relationship.trusted = tie->second.trusted;
    }
    for (auto [it, end] = circles.equal_range(member); it != end; ++it) {
      relationship.circles.push_back(it->second);
    }
    const ViewerContext context = ViewerContext::Member(relationship, /*shielded=*/false);

    int score = DistanceBonus(degrees[i]);
    std::set<Field> matched;
    bool met = true;
    for (size_t r = 0; r < requirements.size() && met; ++r) {
      const bool is_term = requirements[r].is_term;
      int best = 0;
      for (const Evidence& evidence : requirements[r].found.at(member)) {
        if (evidence.until_month && *evidence.until_month < this_month) continue;
        if (!privacy::Allows(evidence.audience, context)) continue;
        best = std::max(best, evidence.score);
        if (is_term) matched.insert(evidence.field);
      }
      met = best > 0;
      if (is_term) score += best;
    }
    if (met) ranked.push_back({member, degrees[i], score, {matched.begin(), matched.end()}});
  }
  std::sort(ranked.begin(), ranked.end(), [](const Ranked& a, const Ranked& b) {
    return std::tie(b.score, a.degree, a.member) < std::tie(a.score, b.degree, b.member);
  });

  // The page, read member by member through the privacy engine; a member it refuses
  // altogether is passed over. The cursor counts ranked members, so pages do not overlap.
  MemberPage page;
  const size_t depth = std::min(ranked.size(), static_cast<size_t>(SearchLimits::kMaxDepth));
  size_t next = prepared->offset;
  for (; next < depth && page.hits.size() < static_cast<size_t>(query.limit); ++next) {
    const Ranked& candidate = ranked[next];
    auto view = profile_views_.View(profiles::Viewer::Of(viewer), candidate.member);
    if (!view) {
      if (view.error().code == ErrorCode::kNotFound) continue;
      return view.error();
    }
    auto mutuals = relationships_.Mutuals(viewer, candidate.member);
    if (!mutuals) return mutuals.error();
    page.hits.push_back({candidate.member, candidate.degree, candidate.matched,
                         std::move(view).value(), mutuals->size()});
  }
  if (next < depth) page.next_cursor = CursorAt(next);
  return page;
}


Result<void> SearchService::Check(const MemberQuery& query) const {
  auto prepared = Prepare(query, forms_);
  if (!prepared) return prepared.error();
  return Ok();
}

Result<size_t> SearchService::IndexPending(size_t batch) {
  size_t indexed = 0;
  auto organizations = index_.OrganizationsToIndex(batch);
  if (!organizations) return organizations.error();
  for (const UnindexedOrganization& organization : *organizations) {
    ENISHI_TRY(index_.PutOrganizationForms(
        FormsOf(organization.kind, organization.id, organization.names, forms_)));
    ++indexed;
  }
  auto members = index_.MembersToIndex(batch);
  if (!members) return members.error();
  for (MemberId member : *members) {
    auto profile = profiles_.FindProfile(member);
    if (!profile) return profile.error();
    if (!*profile) continue;  // The account went meanwhile.
    auto written = index_.PutMemberEntries(member, EntriesOf(**profile, forms_));
    if (!written) return written.error();
    if (*written) ++indexed;
  }
  return indexed;
}

}  // namespace enishi::search
