#include "domain/profiles/profile_defaults.hpp"

#include <utility>

namespace enishi::profiles {

Profile DefaultProfile(MemberId member, std::string display_name) {
  Profile profile;
  profile.member = member;
  profile.display_name = {std::move(display_name), kDefaultIdentityAudience};
  profile.name.audience = kDefaultAudience;
  profile.headline.audience = kDefaultIdentityAudience;
  profile.about.audience = kDefaultAudience;
  profile.location.audience = kDefaultAudience;
  profile.photo.audience = kDefaultAudience;
  profile.career.audience = kDefaultPrivateAudience;
  return profile;
}

}  // namespace enishi::profiles
