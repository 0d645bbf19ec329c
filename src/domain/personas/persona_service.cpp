#include "domain/personas/persona_service.hpp"

#include <algorithm>
#include <utility>

#include "crypto/random.hpp"
#include "domain/profiles/profile_validation.hpp"

namespace enishi::personas {
namespace {

Error PersonaNotFound() { return NotFound("persona not found"); }

Result<void> NormalizeBio(std::string& bio) {
  if (bio.empty()) return Ok();
  auto normalized = profiles::NormalizeLine(bio, kMaxBioChars, "bio");
  if (!normalized) return normalized.error();
  bio = std::move(normalized).value();
  return Ok();
}

}  // namespace

Result<void> ValidateHandle(std::string_view handle) {
  bool valid = handle.size() >= 3 && handle.size() <= 30 &&
               std::all_of(handle.begin(), handle.end(), [](char c) {
                 return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                        (c >= '0' && c <= '9') || c == '_' || c == '-';
               });
  if (!valid) {
    return InvalidArgument("handle must be 3 to 30 letters, digits, '_' or '-'", "handle");
  }
  return Ok();
}

Result<std::vector<Persona>> PersonaService::List(MemberId owner) {
  return personas_.ListPersonas(owner);
}

Result<Persona> PersonaService::Create(MemberId owner, std::string handle, std::string bio) {
  ENISHI_TRY(ValidateHandle(handle));
  ENISHI_TRY(NormalizeBio(bio));
  Persona persona{crypto::RandomId<PersonaId>(), owner, std::move(handle), std::move(bio),
                  std::nullopt, clock_.Now()};
  if (auto created = personas_.CreatePersona(persona, kMaxPersonasPerMember); !created) {
    if (created.error().code == ErrorCode::kResourceExhausted) {
      return FailedPrecondition("you already keep the most personas allowed (5)");
    }
    return created.error();
  }
  return persona;
}

Result<Persona> PersonaService::Owned(MemberId owner, PersonaId id) {
  auto persona = personas_.FindPersona(id);
  if (!persona) return persona.error();
  if (!*persona || (*persona)->owner != owner) return PersonaNotFound();
  return std::move(**persona);
}

Result<Persona> PersonaService::Update(MemberId owner, PersonaId id,
                                       std::optional<std::string> handle,
                                       std::optional<std::string> bio) {
  if (handle) ENISHI_TRY(ValidateHandle(*handle));
  if (bio) ENISHI_TRY(NormalizeBio(*bio));
  auto persona = Owned(owner, id);
  if (!persona) return persona.error();
  if (handle) persona->handle = std::move(*handle);
  if (bio) persona->bio = std::move(*bio);
  ENISHI_TRY(personas_.UpdatePersona(*persona));
  return persona;
}

Result<void> PersonaService::Delete(MemberId owner, PersonaId id) {
  auto persona = Owned(owner, id);
  if (!persona) return persona.error();
  auto deleted = personas_.DeletePersona(owner, id);
  if (!deleted) return deleted.error();
  if (!*deleted) return PersonaNotFound();
  if (persona->avatar) return images_.Delete(*persona->avatar);
  return Ok();
}

Result<Persona> PersonaService::SetAvatar(MemberId owner, PersonaId id, std::string_view upload) {
  auto persona = Owned(owner, id);
  if (!persona) return persona.error();
  auto image = image_processor_.Normalize(upload);
  if (!image) return image.error();
  image->id = crypto::RandomId<ImageId>();
  image->created_at = clock_.Now();
  ENISHI_TRY(images_.Put(*image));
  std::optional<ImageId> previous = persona->avatar;
  persona->avatar = image->id;
  if (auto updated = personas_.UpdatePersona(*persona); !updated) {
    (void)images_.Delete(image->id);  // Best effort: an orphan image is harmless.
    return updated.error();
  }
  if (previous) (void)images_.Delete(*previous);
  return persona;
}

Result<PublicPersona> PersonaService::Public(PersonaId id) {
  auto persona = personas_.FindPersona(id);
  if (!persona) return persona.error();
  if (!*persona) return PersonaNotFound();
  return PublicPersona{(*persona)->id, (*persona)->handle, (*persona)->bio, (*persona)->avatar};
}

Result<media::Image> PersonaService::Avatar(PersonaId id) {
  auto persona = personas_.FindPersona(id);
  if (!persona) return persona.error();
  if (!*persona || !(*persona)->avatar) return NotFound("avatar not found");
  auto image = images_.Find(*(*persona)->avatar);
  if (!image) return image.error();
  if (!*image) return NotFound("avatar not found");
  return std::move(**image);
}

}  // namespace enishi::personas
