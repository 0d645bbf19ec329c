#pragma once
// What the people-search index (F28) holds of one member: the forms of the texts a query can
// match and the values a filter can pick, each under the audience of the field or entry it came
// from. The index is derived from the profile (search_indexer.hpp) and written with it, in the
// same transaction, so that it never lets a query reach further than the profile's audiences.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/enum_names.hpp"
#include "core/ids.hpp"
#include "domain/privacy/audience.hpp"

namespace enishi::search {

// The part of a profile an entry comes from.
enum class Field {
  kName,       // The name in every script, the reading and the Latin form; the display name.
  kHeadline,
  kLocation,
  kSkill,
  kCompany,    // A position's company (value: the company id).
  kSchool,     // An education entry's school (value: the school id).
  kLanguage,   // value: the primary language subtag, "ja", "zh", "en".
  kSeniority,  // A position's seniority (value: its name), while the position lasts.
};

inline constexpr EnumNames<Field, 8> kFieldNames = {{
    {Field::kName, "name"}, {Field::kHeadline, "headline"}, {Field::kLocation, "location"},
    {Field::kSkill, "skill"}, {Field::kCompany, "company"}, {Field::kSchool, "school"},
    {Field::kLanguage, "language"}, {Field::kSeniority, "seniority"},
}};

// One search form of a text (intl::SearchForms): what a query term is compared with.
struct TextEntry {
  Field field = Field::kName;
  privacy::Audience audience;
  std::string form;
  friend bool operator==(const TextEntry&, const TextEntry&) = default;
};

// One value a filter compares for equality.
struct FacetEntry {
  Field field = Field::kCompany;
  privacy::Audience audience;
  std::string value;
  // For kSeniority: the last month (year * 12 + month - 1) of a position that has ended.
  std::optional<int> until_month{};
  friend bool operator==(const FacetEntry&, const FacetEntry&) = default;
};

// Everything the index holds of one member, as of the profile's `updated_at`.
struct MemberEntries {
  std::vector<TextEntry> texts;
  std::vector<FacetEntry> facets;
  // The display name indexed: the account's name can change without the profile.
  std::string display_name;
  Timestamp profile_updated_at;
};

// The search forms of a company or school name, for query terms naming it.
enum class OrganizationKind { kCompany, kSchool };

inline constexpr EnumNames<OrganizationKind, 2> kOrganizationKindNames = {{
    {OrganizationKind::kCompany, "company"}, {OrganizationKind::kSchool, "school"}}};

struct OrganizationForms {
  OrganizationKind kind = OrganizationKind::kCompany;
  uint64_t id = 0;  // The CompanyId or SchoolId value.
  std::vector<std::string> forms;
};

}  // namespace enishi::search
