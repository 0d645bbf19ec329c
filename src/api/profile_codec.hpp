#pragma once
// The wire form of profiles, companies, schools, privacy settings, circles, work emails and
// personas (docs/API.md, "Profiles and privacy"). Fields are written one by one from what the
// privacy engine returned: views never carry audiences, owners' ids or anything else a record
// holds beyond its wire type. Thread-safe (stateless).

#include <nlohmann/json_fwd.hpp>
#include <string_view>

#include "api/json_codec.hpp"
#include "api/json_writer.hpp"
#include "domain/organizations/organization.hpp"
#include "domain/personas/persona.hpp"
#include "domain/profiles/profile.hpp"
#include "domain/profiles/profile_service.hpp"

namespace enishi::api {

// The profile an owner sent to PUT /me/profile. Problems are remembered by `fields`.
profiles::Profile ReadProfile(FieldReader& fields);
organizations::OrganizationNames ReadNames(FieldReader& fields);

// The fields of a member's view, written into an object the caller opened and closes: the
// one form of a view, whichever answer carries it.
void WriteMemberViewFields(JsonWriter& out, const profiles::ResolvedView& view);
void WriteOwnProfile(JsonWriter& out, const profiles::OwnProfile& own);
void WriteCompany(JsonWriter& out, const organizations::Company& company);
void WriteSchool(JsonWriter& out, const organizations::School& school);
// The same as documents, for answers built as documents.
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
