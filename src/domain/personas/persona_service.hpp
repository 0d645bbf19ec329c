#pragma once
// Use cases of personas (F7): up to kMaxPersonasPerMember pseudonyms per member.
// Nothing here returns a persona's owner to anyone but that owner: another member's persona id
// is as unknown as one that does not exist, with the same error.
// Thread-safe; the ports must outlive the service. Every method may also fail with a port's
// kUnavailable or kInternal.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "domain/media/image.hpp"
#include "domain/personas/persona.hpp"
#include "domain/personas/persona_repository.hpp"

namespace enishi::personas {

inline constexpr size_t kMaxBioChars = 300;

class PersonaService {
 public:
  PersonaService(PersonaRepository& personas, media::ImageRepository& images,
                 media::ImageProcessor& image_processor, const Clock& clock)
      : personas_(personas), images_(images), image_processor_(image_processor), clock_(clock) {}

  Result<std::vector<Persona>> List(MemberId owner);
  // kInvalidArgument ("handle" or "bio"), kAlreadyExists (field "handle") for a taken handle,
  // kFailedPrecondition when the owner already keeps kMaxPersonasPerMember.
  Result<Persona> Create(MemberId owner, std::string handle, std::string bio);
  // Unset arguments are kept. kNotFound when the owner has no such persona.
  Result<Persona> Update(MemberId owner, PersonaId id, std::optional<std::string> handle,
                         std::optional<std::string> bio);
  Result<void> Delete(MemberId owner, PersonaId id);
  Result<Persona> SetAvatar(MemberId owner, PersonaId id, std::string_view upload);

  // What anyone may see of a persona. kNotFound when there is none.
  Result<PublicPersona> Public(PersonaId id);
  Result<media::Image> Avatar(PersonaId id);

 private:
  Result<Persona> Owned(MemberId owner, PersonaId id);

  PersonaRepository& personas_;
  media::ImageRepository& images_;
  media::ImageProcessor& image_processor_;
  const Clock& clock_;
};

// A handle of 3 to 30 ASCII letters, digits, '_' or '-'. Field "handle".
Result<void> ValidateHandle(std::string_view handle);

}  // namespace enishi::personas
