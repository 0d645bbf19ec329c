#pragma once
// The wire form of profiles, companies, schools, privacy settings, circles, work emails and
// personas (docs/API.md, "Profiles and privacy"). Fields are written one by one from what the
// privacy engine returned: views never carry audiences, owners' ids or anything else a record
// holds beyond its wire type. Thread-safe (stateless).

#include <nlohmann/json_fwd.hpp>
#include <string_view>

#include "api/json_codec.hpp"
#include "domain/organizations/organization.hpp"
#include "domain/personas/persona.hpp"
#include "domain/profiles/profile.hpp"
#include "domain/profiles/profile_service.hpp"

namespace enishi::api {

// The profile an owner sent to PUT /me/profile. Problems are remembered by `fields`.
profiles::Profile ReadProfile(FieldReader& fields);
organizations::OrganizationNames ReadNames(FieldReader& fields);

nlohmann::json MemberViewJson(const profiles::ResolvedView& view);
nlohmann::json OwnProfileJson(const profiles::OwnProfile& own);
nlohmann::json CompanyJson(const organizations::Company& company);
nlohmann::json SchoolJson(const organizations::School& school);
nlohmann::json PrivacyJson(const profiles::OwnPrivacy& privacy);
nlohmann::json CircleJson(const profiles::Circle& circle);
nlohmann::json WorkEmailJson(const profiles::WorkEmail& email);
// The owner's own persona and anyone's view of one have the same shape: nothing in it joins
// the persona to its member.
nlohmann::json PersonaJson(const personas::PublicPersona& persona);
personas::PublicPersona PublicOf(const personas::Persona& persona);

// "/api/v1/members/<id>/photo?v=<image id>": the image id changes with every upload, so a
// browser cache never shows an old photo.
std::string PhotoUrl(MemberId member, ImageId image);

}  // namespace enishi::api
