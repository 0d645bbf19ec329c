#pragma once
// Derives the search index's entries (search_entry.hpp) from a profile and from the names of
// companies and schools. Pure apart from the TextForms port; deterministic.

#include <string>
#include <string_view>

#include "domain/organizations/organization.hpp"
#include "domain/profiles/profile.hpp"
#include "domain/search/search_repository.hpp"
#include "domain/search/search_entry.hpp"
#include "domain/search/text_forms.hpp"

namespace enishi::search {

// What the index holds of `profile`. The name is indexed in both orders (family then given,
// given then family) in each of its scripts, so that a query may start with either part; every
// entry keeps the audience of the field or list entry it came from. Career preferences and
// everything job-seeking are never indexed: the employer shield must not be outrun.
MemberEntries EntriesOf(const profiles::Profile& profile, const TextForms& forms);

// The forms of every name of a company or school.
OrganizationForms FormsOf(OrganizationKind kind, uint64_t id,
                          const organizations::OrganizationNames& names, const TextForms& forms);

// Whether `form` matches query form `term` by the matching rule (search_repository.hpp): it
// begins with `term`, or, for a term of kSubstringMinChars characters or more, contains it.
bool FormMatches(std::string_view form, std::string_view term);

// The primary language subtag of a BCP 47 tag, lower-cased: "zh-Hans" gives "zh".
std::string PrimaryLanguage(std::string_view tag);

}  // namespace enishi::search
