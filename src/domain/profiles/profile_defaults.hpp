#pragma once
// Narrow defaults (DESIGN.md §5): a new member is visible to connections only, apart from the
// display name and headline, which members see.

#include <string>

#include "core/ids.hpp"
#include "domain/profiles/profile.hpp"

namespace enishi::profiles {

// The audience of a field or entry a member adds without choosing one.
inline constexpr Audience kDefaultAudience = {AudienceKind::kConnections, {}};
// The display name and headline: what lets a member recognise whom they are dealing with.
inline constexpr Audience kDefaultIdentityAudience = {AudienceKind::kMembers, {}};
// Contact details and career preferences start private to the member.
inline constexpr Audience kDefaultPrivateAudience = {AudienceKind::kOnlyMe, {}};

// The profile of a member who never saved one.
Profile DefaultProfile(MemberId member, std::string display_name);

}  // namespace enishi::profiles
