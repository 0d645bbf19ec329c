#pragma once
// A pseudonymous persona (F7): a handle, an avatar and a short bio a member uses in
// communities. Nothing shown to anyone else joins a persona to its member: the id is random and
// independent of the member's, the public view carries no timestamp, and the avatar is stored
// as an image of its own.

#include <optional>
#include <string>

#include "core/clock.hpp"
#include "core/ids.hpp"

namespace enishi::personas {

inline constexpr int kMaxPersonasPerMember = 5;

struct Persona {
  PersonaId id;
  MemberId owner;  // Never leaves the domain layer except to the owner.
  std::string handle;  // Unique among personas, case-insensitively.
  std::string bio;
  std::optional<ImageId> avatar;
  Timestamp created_at;  // Owner-only, for ordering the owner's list.
  friend bool operator==(const Persona&, const Persona&) = default;
};

// What anyone else may see of a persona.
struct PublicPersona {
  PersonaId id;
  std::string handle;
  std::string bio;
  std::optional<ImageId> avatar;
};

}  // namespace enishi::personas
