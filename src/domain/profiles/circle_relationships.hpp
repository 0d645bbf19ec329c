#pragma once
// The relationships known before connections exist. Circles are kept with profiles, and
// ProfileService reads the circles that hold a viewer together with the profile it shows
// (ProfileRepository::FindProfileForView), so this source adds nothing to them. Connections,
// stages and trust join when the relationships module arrives; until then every other member
// is a stranger at an unknown distance. Thread-safe.

#include "domain/privacy/relationships.hpp"
#include "domain/profiles/profile_repository.hpp"

namespace enishi::profiles {

class CircleRelationships final : public privacy::RelationshipSource {
 public:
  // The repository is where the relationships module will read what it keeps; it is not
  // asked yet.
  explicit CircleRelationships(ProfileRepository& /*profiles*/) {}

  Result<privacy::Relationship> Between(MemberId /*member*/, MemberId /*viewer*/) override {
    return privacy::Relationship{};
  }
};

}  // namespace enishi::profiles
