#include "domain/search/search_indexer.hpp"

#include <algorithm>
#include <set>
#include <string>
#include <tuple>
#include <utility>

#include "domain/profiles/profile_names.hpp"

namespace enishi::search {
namespace {

using privacy::Audience;
using privacy::FormatAudience;

// Collects text entries without repeating a (field, audience, form).
class TextCollector {
 public:
  explicit TextCollector(const TextForms& forms) : forms_(forms) {}

  void Add(Field field, const Audience& audience, std::string_view text) {
    for (std::string& form : forms_.Forms(text)) {
      if (seen_.emplace(field, FormatAudience(audience), form).second) {
        entries_.push_back({field, audience, std::move(form)});
      }
    }
  }

  std::vector<TextEntry> Take() { return std::move(entries_); }

 private:
  const TextForms& forms_;
  std::set<std::tuple<Field, std::string, std::string>> seen_;
  std::vector<TextEntry> entries_;
};

void AddName(TextCollector& texts, const profiles::Visible<profiles::PersonName>& name) {
  const profiles::PersonName& n = name.value;
  const std::pair<const std::string&, const std::string&> scripts[] = {
      {n.family, n.given}, {n.family_reading, n.given_reading},
      {n.latin_family, n.latin_given}};
  for (const auto& [family, given] : scripts) {
    if (family.empty() && given.empty()) continue;
    texts.Add(Field::kName, name.audience, family + given);
    texts.Add(Field::kName, name.audience, given + family);
  }
}

int MonthKeyOf(profiles::YearMonth month) { return month.year * 12 + month.month - 1; }

}  // namespace

bool FormMatches(std::string_view form, std::string_view term) {
  if (form.starts_with(term)) return true;
  size_t characters = std::count_if(term.begin(), term.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  });
  return characters >= kSubstringMinChars && form.find(term) != std::string_view::npos;
}

std::string PrimaryLanguage(std::string_view tag) {
  std::string primary(tag.substr(0, tag.find_first_of("-_")));
  std::transform(primary.begin(), primary.end(), primary.begin(), [](unsigned char c) {
    return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  });
  return primary;
}

MemberEntries EntriesOf(const profiles::Profile& profile, const TextForms& forms) {
  TextCollector texts(forms);
  AddName(texts, profile.name);
  texts.Add(Field::kName, profile.display_name.audience, profile.display_name.value);
  texts.Add(Field::kHeadline, profile.headline.audience, profile.headline.value);
  texts.Add(Field::kLocation, profile.location.audience, profile.location.value);

  std::vector<FacetEntry> facets;
  for (const profiles::Skill& skill : profile.skills) {
    texts.Add(Field::kSkill, skill.audience, skill.name);
    std::vector<std::string> skill_forms = forms.Forms(skill.name);
    if (!skill_forms.empty()) {
      facets.push_back({Field::kSkill, skill.audience, std::move(skill_forms.front())});
    }
  }
  for (const profiles::Position& position : profile.positions) {
    facets.push_back({Field::kCompany, position.audience, position.company.ToString()});
    std::optional<int> until;
    if (position.end) until = MonthKeyOf(*position.end);
    facets.push_back({Field::kSeniority, position.audience,
                      std::string(EnumText(profiles::kSeniorityNames, position.seniority)),
                      until});
  }
  for (const profiles::Education& education : profile.education) {
    facets.push_back({Field::kSchool, education.audience, education.school.ToString()});
  }
  for (const profiles::Language& language : profile.languages) {
    facets.push_back({Field::kLanguage, language.audience, PrimaryLanguage(language.language)});
  }
  return {texts.Take(), std::move(facets), profile.display_name.value, profile.updated_at};
}

OrganizationForms FormsOf(OrganizationKind kind, uint64_t id,
                          const organizations::OrganizationNames& names, const TextForms& forms) {
  OrganizationForms result{kind, id, {}};
  for (const std::string* name : {&names.ja, &names.zh, &names.en, &names.reading}) {
    for (std::string& form : forms.Forms(*name)) {
      if (std::find(result.forms.begin(), result.forms.end(), form) == result.forms.end()) {
        result.forms.push_back(std::move(form));
      }
    }
  }
  return result;
}

}  // namespace enishi::search
