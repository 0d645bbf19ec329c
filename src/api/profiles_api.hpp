#pragma once
// Handlers of the profile endpoints (docs/API.md, "Profiles and privacy"): member views, the
// owner's profile, photo, view-as preview, privacy settings, circles and work emails; the
// company and school suggestions; personas. Named in the route table (routes.cpp).
// Thread-safe: they hold no state and call only thread-safe services.

#include "api/handler.hpp"

namespace enishi::api {

// Member views, each for the caller.
Result<Response> GetMember(Call& call);
Result<Response> GetMemberPhoto(Call& call);
Result<Response> GetProfileLink(Call& call);
Result<Response> LookupMember(Call& call);

// The owner's profile.
Result<Response> GetOwnProfile(Call& call);
Result<Response> PutOwnProfile(Call& call);
Result<Response> PutOwnPhoto(Call& call);
Result<Response> DeleteOwnPhoto(Call& call);
Result<Response> PreviewOwnProfile(Call& call);

Result<Response> GetPrivacy(Call& call);
Result<Response> PutPrivacy(Call& call);
Result<Response> RotateProfileLink(Call& call);

Result<Response> ListCircles(Call& call);
Result<Response> CreateCircle(Call& call);
Result<Response> PutCircle(Call& call);
Result<Response> DeleteCircle(Call& call);

Result<Response> ListWorkEmails(Call& call);
Result<Response> StartWorkEmail(Call& call);
Result<Response> VerifyWorkEmail(Call& call);
Result<Response> DeleteWorkEmail(Call& call);

// Companies and schools.
Result<Response> SuggestCompanies(Call& call);
Result<Response> GetCompany(Call& call);
Result<Response> CreateCompany(Call& call);
Result<Response> SuggestSchools(Call& call);
Result<Response> GetSchool(Call& call);
Result<Response> CreateSchool(Call& call);

// Personas.
Result<Response> ListPersonas(Call& call);
Result<Response> CreatePersona(Call& call);
Result<Response> UpdatePersona(Call& call);
Result<Response> DeletePersona(Call& call);
Result<Response> PutPersonaAvatar(Call& call);
Result<Response> GetPersona(Call& call);
Result<Response> GetPersonaAvatar(Call& call);

}  // namespace enishi::api
