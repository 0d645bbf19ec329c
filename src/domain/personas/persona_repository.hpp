#pragma once
// The storage port for personas. Thread-safe. kUnavailable when the store cannot be reached
// (nothing written), kInternal for anything unexpected.

#include <optional>
#include <vector>

#include "core/ids.hpp"
#include "core/result.hpp"
#include "domain/personas/persona.hpp"

namespace enishi::personas {

class PersonaRepository {
 public:
  virtual ~PersonaRepository() = default;

  // Creates `persona` unless its owner already keeps `max_per_owner` (kResourceExhausted with
  // no retry time), even under concurrent calls. kAlreadyExists (field "handle") when the handle
  // is taken by any persona, case-insensitively. Nothing written on error.
  virtual Result<void> CreatePersona(const Persona& persona, int max_per_owner) = 0;
  // The owner's personas, oldest first.
  virtual Result<std::vector<Persona>> ListPersonas(MemberId owner) = 0;
  virtual Result<std::optional<Persona>> FindPersona(PersonaId id) = 0;
  // Updates handle, bio and avatar of a persona of `persona.owner`. kNotFound when it has no
  // such persona; kAlreadyExists (field "handle") when the new handle is taken.
  virtual Result<void> UpdatePersona(const Persona& persona) = 0;
  // False when `owner` has no such persona.
  virtual Result<bool> DeletePersona(MemberId owner, PersonaId id) = 0;
};

}  // namespace enishi::personas
