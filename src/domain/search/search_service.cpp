#include "domain/search/search_service.hpp"

#include <algorithm>
#include <charconv>
#include <functional>
#include <map>
#include <mutex>
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

// A set of fields, one bit each.
using FieldSet = uint32_t;

std::vector<Field> FieldsIn(FieldSet set) {
  std::vector<Field> fields;
  for (const auto& [field, name] : kFieldNames) {
    if (set & (FieldSet{1} << static_cast<int>(field))) fields.push_back(field);
  }
  return fields;
}

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

// Where a requirement looks in the postings, and how closely what it finds there matched.
struct Lookup {
  bool is_facet = false;
  // A facet's field; for a text form, the one field wanted when `only` (any field otherwise).
  Field field = Field::kName;
  bool only = false;
  std::string key;  // The form or value.
  int closeness = 0;
};

// A posting a requirement found: it counts for its member once the searcher may see it.
struct Hit {
  uint32_t slot;
  uint32_t origin;
  int score;
};

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

// Where to look for the texts that `term_forms` (the forms of one word or filter) match: the
// store names the forms they match. Of field `only` alone when given.
Result<void> AddTextLookups(SearchRepository& store, const std::vector<std::string>& term_forms,
                            std::optional<Field> only, std::vector<Lookup>& lookups) {
  for (const std::string& term : term_forms) {
    auto forms = store.MatchForms(term);
    if (!forms) return forms.error();
    for (std::string& form : *forms) {
      const int closeness = Closeness(form, term);
      lookups.push_back({false, only.value_or(Field::kName), only.has_value(), std::move(form),
                         closeness});
    }
  }
  return Ok();
}

Lookup FacetLookup(Field field, std::string value) {
  return {true, field, true, std::move(value), kNamedEntityCloseness};
}

// Where to look for one word: its forms in every text field, and the companies, schools and
// languages they name.
Result<std::vector<Lookup>> TermLookups(SearchRepository& store, const TextForms& text_forms,
                                        const std::vector<std::string>& term_forms) {
  std::vector<Lookup> lookups;
  ENISHI_TRY(AddTextLookups(store, term_forms, std::nullopt, lookups));
  for (const std::string& form : term_forms) {
    for (auto [kind, field] : {std::pair{OrganizationKind::kCompany, Field::kCompany},
                               std::pair{OrganizationKind::kSchool, Field::kSchool}}) {
      auto organizations = store.MatchOrganizations(kind, form);
      if (!organizations) return organizations.error();
      for (std::string& id : EncodedIds(*organizations)) {
        lookups.push_back(FacetLookup(field, std::move(id)));
      }
    }
    for (std::string& language : text_forms.LanguagesNamed(form)) {
      lookups.push_back(FacetLookup(Field::kLanguage, std::move(language)));
    }
  }
  return lookups;
}

std::span<const Posting> PostingsOf(const SearchIndex::Reader& postings, const Lookup& lookup) {
  return lookup.is_facet ? postings.Facets(lookup.field, lookup.key) : postings.Texts(lookup.key);
}

// A word or a filter: every candidate must meet each.
struct Requirement {
  bool is_term;  // A word of the query, which ranks; a filter only narrows.
  std::vector<Lookup> lookups;
  std::vector<std::span<const Posting>> lists{};  // Each lookup's postings.
  size_t postings = 0;       // How many: the most selective requirement is read first.
  std::vector<Hit> hits{};   // By slot.
};

// Finds the postings of each of `requirement`'s lookups.
void FindLists(const SearchIndex::Reader& postings, Requirement& requirement) {
  for (const Lookup& lookup : requirement.lookups) {
    requirement.lists.push_back(PostingsOf(postings, lookup));
    requirement.postings += requirement.lists.back().size();
  }
}

// Calls `take` with each posting of `list` whose slot is in `among` (both in slot order), or
// with every posting without `among`.
template <class Take>
void ForEachAmong(std::span<const Posting> list, const std::vector<uint32_t>* among, Take take) {
  if (among == nullptr) {
    for (const Posting& posting : list) take(posting);
    return;
  }
  // Whichever side is much shorter is looked up in the other; otherwise both are walked.
  constexpr size_t kMuchShorter = 16;
  if (list.size() * kMuchShorter < among->size()) {
    for (const Posting& posting : list) {
      if (std::binary_search(among->begin(), among->end(), posting.slot)) take(posting);
    }
    return;
  }
  auto posting = list.begin();
  if (among->size() * kMuchShorter < list.size()) {
    for (uint32_t slot : *among) {
      posting = std::lower_bound(posting, list.end(), slot,
                                 [](const Posting& p, uint32_t s) { return p.slot < s; });
      for (; posting != list.end() && posting->slot == slot; ++posting) take(*posting);
    }
    return;
  }
  auto member = among->begin();
  while (posting != list.end() && member != among->end()) {
    if (posting->slot < *member) {
      ++posting;
    } else if (*member < posting->slot) {
      ++member;
    } else {
      take(*posting++);
    }
  }
}

// Reads the hits of `requirement`, keeping only those of `among` (slots in order) when given.
void ReadHits(const SearchIndex::Reader& postings, Requirement& requirement,
              const std::vector<uint32_t>* among) {
  for (size_t l = 0; l < requirement.lookups.size(); ++l) {
    const Lookup& lookup = requirement.lookups[l];
    ForEachAmong(requirement.lists[l], among, [&](const Posting& posting) {
      const Field field = postings.OriginOf(posting).field;
      if (lookup.only && field != lookup.field) return;
      requirement.hits.push_back({posting.slot, posting.origin,
                                  FieldWeight(field) * lookup.closeness});
    });
  }
  // Each list is in slot order already; the order of one member's hits does not matter.
  if (requirement.lists.size() > 1) {
    std::sort(requirement.hits.begin(), requirement.hits.end(),
              [](const Hit& a, const Hit& b) { return a.slot < b.slot; });
  }
}

// How many hits a requirement's cursor passes for one slot, and which.
std::span<const Hit> HitsOf(const std::vector<Hit>& hits, size_t& cursor, uint32_t slot) {
  while (cursor < hits.size() && hits[cursor].slot < slot) ++cursor;
  const size_t first = cursor;
  while (cursor < hits.size() && hits[cursor].slot == slot) ++cursor;
  return std::span<const Hit>(hits).subspan(first, cursor - first);
}

}  // namespace

SearchService::SearchService(SearchRepository& store, profiles::ProfileRepository& profiles,
                             profiles::ProfileService& profile_views,
                             relationships::RelationshipService& relationships,
                             const TextForms& forms, const Clock& clock)
    : store_(store),
      profiles_(profiles),
      profile_views_(profile_views),
      relationships_(relationships),
      forms_(forms),
      clock_(clock) {}

Result<void> SearchService::LoadIndex() {
  std::lock_guard lock(catch_up_mutex_);
  return LoadLocked();
}

Result<void> SearchService::LoadLocked() {
  auto latest = store_.LatestRevision();
  if (!latest) return latest.error();
  MemberId after;
  for (;;) {
    auto page = store_.SearchableMembers(after, kLoadPage);
    if (!page) return page.error();
    for (const IndexedMember& member : *page) index_.Put(member);
    if (page->size() < kLoadPage) break;
    after = page->back().member;
  }
  seen_revision_ = *latest;
  loaded_ = true;
  return Ok();
}

Result<void> SearchService::CatchUp() {
  std::lock_guard lock(catch_up_mutex_);
  if (!loaded_) ENISHI_TRY(LoadLocked());
  return CatchUpLocked();
}

Result<void> SearchService::CatchUpLocked() {
  // Changes committing out of revision order (PostgreSQL's writers work side by side) are
  // caught by looking back a little; a member already held at its revision is not read again.
  int64_t since = seen_revision_ - store_.RevisionSlack();
  for (;;) {
    auto revised = store_.RevisedSince(since, kLoadPage);
    if (!revised) return revised.error();
    std::vector<MemberId> stale;
    int64_t latest = seen_revision_;
    for (const MemberRevision& change : *revised) {
      if (index_.RevisionOf(change.member) != change.revision) stale.push_back(change.member);
      latest = std::max(latest, change.revision);
    }
    if (!stale.empty()) {
      auto members = store_.MembersIndexed(stale);
      if (!members) return members.error();
      for (const IndexedMember& member : *members) index_.Put(member);
      for (MemberId member : stale) {
        if (std::none_of(members->begin(), members->end(),
                         [&](const IndexedMember& m) { return m.member == member; })) {
          index_.Remove(member);
        }
      }
    }
    // Only now: a failed read above leaves these changes to be read again.
    seen_revision_ = latest;
    if (revised->size() < kLoadPage) return Ok();
    since = revised->back().revision;
  }
}

Result<MemberPage> SearchService::SearchMembers(MemberId viewer, const MemberQuery& query) {
  auto prepared = Prepare(query, forms_);
  if (!prepared) return prepared.error();

  // Every requirement (each word, each filter) with where its postings are. The store names
  // the forms and organisations words match; everything after that is read from memory.
  std::vector<Requirement> requirements;
  for (const Term& term : prepared->terms) {
    auto lookups = TermLookups(store_, forms_, term.forms);
    if (!lookups) return lookups.error();
    requirements.push_back({true, std::move(lookups).value()});
  }
  auto facet = [&requirements](Field field, std::string value) {
    requirements.push_back({false, {FacetLookup(field, std::move(value))}});
  };
  if (query.company) facet(Field::kCompany, query.company->ToString());
  if (query.school) facet(Field::kSchool, query.school->ToString());
  if (!prepared->skill_form.empty()) facet(Field::kSkill, prepared->skill_form);
  if (!prepared->language.empty()) facet(Field::kLanguage, prepared->language);
  if (query.seniority) {
    facet(Field::kSeniority, std::string(EnumText(profiles::kSeniorityNames, *query.seniority)));
  }
  if (!prepared->location_forms.empty()) {
    std::vector<Lookup> lookups;
    ENISHI_TRY(AddTextLookups(store_, prepared->location_forms, Field::kLocation, lookups));
    requirements.push_back({false, std::move(lookups)});
  }
  auto standings = store_.StandingsOf(viewer);
  if (!standings) return standings.error();
  ENISHI_TRY(CatchUp());

  std::map<MemberId, Standing> ties;
  for (const Standing& standing : standings->ties) ties.emplace(standing.member, standing);
  std::multimap<MemberId, CircleId> circles(standings->circles.begin(), standings->circles.end());
  const int this_month = ThisMonthKey(clock_.Now());

  struct Ranked {
    MemberId member;
    Degree degree;
    int score;
    FieldSet matched;
  };
  std::vector<Ranked> ranked;
  {
    const SearchIndex::Reader postings = index_.Read();
    for (Requirement& requirement : requirements) FindLists(postings, requirement);
    std::stable_sort(requirements.begin(), requirements.end(),
                     [](const Requirement& a, const Requirement& b) {
                       return a.postings < b.postings;
                     });
    // Members every requirement found something for, whoever may see it: a superset of the
    // results, and the only members whose standing with the searcher needs working out. Later
    // requirements read only the postings of the members left.
    std::vector<uint32_t> slots;
    for (size_t r = 0; r < requirements.size(); ++r) {
      ReadHits(postings, requirements[r], r == 0 ? nullptr : &slots);
      std::vector<uint32_t> found;
      for (const Hit& hit : requirements[r].hits) {
        if (found.empty() || found.back() != hit.slot) found.push_back(hit.slot);
      }
      slots = std::move(found);
      if (slots.empty()) return MemberPage{};
    }
    std::vector<uint32_t> candidates;
    std::vector<MemberId> members;
    for (uint32_t slot : slots) {
      std::optional<MemberId> member = postings.MemberIn(slot);
      if (!member || *member == viewer) continue;
      candidates.push_back(slot);
      members.push_back(*member);
    }
    const std::vector<Degree> degrees = relationships_.Degrees(viewer, members);

    std::vector<size_t> cursors(requirements.size(), 0);
    for (size_t i = 0; i < candidates.size(); ++i) {
      const MemberId member = members[i];
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
      FieldSet matched = 0;
      bool met = true;
      for (size_t r = 0; r < requirements.size(); ++r) {
        const bool is_term = requirements[r].is_term;
        int best = 0;
        for (const Hit& hit : HitsOf(requirements[r].hits, cursors[r], candidates[i])) {
          const Origin& origin = postings.OriginOf({hit.slot, hit.origin});
          if (origin.until_month && *origin.until_month < this_month) continue;
          if (!privacy::Allows(origin.audience, context)) continue;
          best = std::max(best, hit.score);
          if (is_term) matched |= FieldSet{1} << static_cast<int>(origin.field);
        }
        met = met && best > 0;
        if (is_term) score += best;
      }
      if (met) ranked.push_back({member, degrees[i], score, matched});
    }
  }
  // Only the first kMaxDepth can ever be shown.
  const size_t depth = std::min(ranked.size(), static_cast<size_t>(SearchLimits::kMaxDepth));
  std::partial_sort(ranked.begin(), ranked.begin() + static_cast<ptrdiff_t>(depth), ranked.end(),
                    [](const Ranked& a, const Ranked& b) {
                      return std::tie(b.score, a.degree, a.member) <
                             std::tie(a.score, b.degree, b.member);
                    });

  // The page, read member by member through the privacy engine; a member it refuses
  // altogether is passed over. The cursor counts ranked members, so pages do not overlap.
  MemberPage page;
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
    page.hits.push_back({candidate.member, candidate.degree, FieldsIn(candidate.matched),
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
  auto organizations = store_.OrganizationsToIndex(batch);
  if (!organizations) return organizations.error();
  for (const UnindexedOrganization& organization : *organizations) {
    ENISHI_TRY(store_.PutOrganizationForms(
        FormsOf(organization.kind, organization.id, organization.names, forms_)));
    ++indexed;
  }
  auto members = store_.MembersToIndex(batch);
  if (!members) return members.error();
  for (MemberId member : *members) {
    auto profile = profiles_.FindProfile(member);
    if (!profile) return profile.error();
    if (!*profile) continue;  // The account went meanwhile.
    auto written = store_.PutMemberEntries(member, EntriesOf(**profile, forms_));
    if (!written) return written.error();
    if (*written) ++indexed;
  }
  return indexed;
}

}  // namespace enishi::search
