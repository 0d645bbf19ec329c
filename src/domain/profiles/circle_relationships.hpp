#pragma once
// The relationships known before connections exist: the member's circles. Connections,
// stages and trust join when the relationships module arrives; until then every other member
// is a stranger at an unknown distance. Thread-safe; the repository must outlive it.

#include "domain/privacy/relationships.hpp"
#include "domain/profiles/profile_repository.hpp"

namespace enishi::profiles {

class CircleRelationships final : public privacy::RelationshipSource {
 public:
  explicit CircleRelationships(ProfileRepository& profiles) : profiles_(profiles) {}

  Result<privacy::Relationship> Between(MemberId member, MemberId viewer) override {
    auto circles = profiles_.CirclesHolding(member, viewer);
    if (!circles) return circles.error();
    privacy::Relationship relationship;
    relationship.circles = std::move(circles).value();
    return relationship;
  }

 private:
  ProfileRepository& profiles_;
};

}  // namespace enishi::profiles
