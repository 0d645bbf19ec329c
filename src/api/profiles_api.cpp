#include "api/profiles_api.hpp"

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>

#include "api/call_helpers.hpp"
#include "api/json_codec.hpp"
#include "api/profile_codec.hpp"
#include "api/relationship_codec.hpp"
#include "api/url.hpp"
#include "core/clock.hpp"
#include "domain/accounts/account.hpp"
#include "domain/accounts/account_service.hpp"
#include "domain/organizations/organization_service.hpp"
#include "domain/personas/persona_service.hpp"
#include "domain/profiles/profile_service.hpp"
#include "domain/profiles/profile_validation.hpp"
#include "domain/relationships/relationship_names.hpp"
#include "domain/relationships/relationship_service.hpp"

namespace enishi::api {
namespace {

using nlohmann::json;
using profiles::ProfileService;

Response ImageResponse(const media::Image& image) {
  Response response;
  response.body = image.bytes;
  response.SetHeader("Content-Type", image.content_type);
  return response;
}

// What a signed-in viewer is told of their own standing with a member: the degree badge and
// the stage they share.
void WriteStanding(JsonWriter& out, graph::Degree degree, privacy::Stage stage) {
  WriteDegree(out.Key("degree"), degree);
  out.Key("stage").String(EnumText(relationships::kStageNames, stage));
}

// A member view for the caller; a signed-in caller also gets their standing with the member.
Result<Response> ViewAnswer(const Call& call, Result<profiles::ResolvedView> view) {
  if (!view) return view.error();
  JsonWriter out;
  out.StartObject();
  WriteMemberViewFields(out, *view);
  if (call.session != nullptr && view->view.member != Caller(call)) {
    MemberId one[] = {view->view.member};
    WriteStanding(out, call.services.relationships.Degrees(Caller(call), one).front(), view->stage);
  }
  out.EndObject();
  return JsonResponse(200, std::move(out));
}

// The degree badge the viewer a preview stands for would see on the owner's profile.
std::optional<graph::Degree> PreviewDegree(const Call& call, const profiles::PreviewAs& as) {
  using profiles::PreviewKind;
  switch (as.kind) {
    case PreviewKind::kSignedOut:
      return std::nullopt;
    case PreviewKind::kNetwork2:
      return graph::Degree::kSecond;
    case PreviewKind::kConnection:
      return graph::Degree::kFirst;
    case PreviewKind::kNamedMember: {
      MemberId owner[] = {Caller(call)};
      return call.services.relationships.Degrees(as.named, owner).front();
    }
    case PreviewKind::kMember:
    case PreviewKind::kEmployer:
      break;
  }
  return graph::Degree::kBeyond;
}

std::vector<MemberId> ReadMemberIds(FieldReader& fields, std::string_view name, size_t max) {
  std::vector<MemberId> ids;
  std::vector<std::string> texts = fields.RequireStringArray(name, max, 64);
  for (size_t i = 0; i < texts.size(); ++i) {
    std::optional<MemberId> id = MemberId::Parse(texts[i]);
    if (!id) {
      fields.Fail(std::string(name) + "[" + std::to_string(i) + "]", "is not a member id");
    } else {
      ids.push_back(*id);
    }
  }
  return ids;
}

Result<std::string> RequiredQuery(const Call& call, std::string_view name) {
  auto value = QueryParam(call.request, name);
  if (!value) return value.error();
  if (!*value) {
    return InvalidArgument("query parameter " + std::string(name) + " is missing",
                           std::string(name));
  }
  return std::move(**value);
}

Result<profiles::PreviewAs> ParsePreviewAs(std::string_view text) {
  using profiles::PreviewKind;
  static constexpr std::pair<std::string_view, PreviewKind> kKinds[] = {
      {"signed_out", PreviewKind::kSignedOut}, {"member", PreviewKind::kMember},
      {"network2", PreviewKind::kNetwork2},    {"connection", PreviewKind::kConnection},
      {"employer", PreviewKind::kEmployer},
  };
  for (const auto& [name, kind] : kKinds) {
    if (text == name) return profiles::PreviewAs{kind, {}};
  }
  constexpr std::string_view kNamedPrefix = "member:";
  if (text.starts_with(kNamedPrefix)) {
    if (auto id = MemberId::Parse(text.substr(kNamedPrefix.size()))) {
      return profiles::PreviewAs{PreviewKind::kNamedMember, *id};
    }
  }
  return InvalidArgument(
      "as must be signed_out, member, network2, connection, employer or member:<id>", "as");
}

// The body of POST and PUT /me/circles: {"name", "members"}.
struct CircleBody {
  std::string name;
  std::vector<MemberId> members;
};
Result<CircleBody> ReadCircleBody(const Call& call) {
  FieldReader fields(*call.body);
  CircleBody body;
  body.name = fields.RequireString("name");
  body.members = ReadMemberIds(fields, "members", profiles::ProfileLimits::kCircleMembers);
  ENISHI_TRY(fields.Finish());
  return body;
}

json CompanyList(const std::vector<organizations::Company>& companies) {
  json list = json::array();
  for (const auto& company : companies) list.push_back(CompanyJson(company));
  return list;
}

// Counts a signed-in member's look at someone else's profile against the daily cap, whether or
// not there is anyone to see: enumerating ids costs the same.
Result<void> CountProfileView(Call& call, std::optional<MemberId> member = std::nullopt) {
  if (call.session == nullptr || member == Caller(call)) return Ok();
  return call.services.profile_views.Spend(Caller(call));
}

}  // namespace

// --- Member views.

Result<Response> GetMember(Call& call) {
  auto member = PathId<MemberId>(call, "member");
  if (!member) return member.error();
  ENISHI_TRY(CountProfileView(call, *member));
  return ViewAnswer(call, call.services.profiles.View(ViewerOf(call), *member));
}

Result<Response> GetMemberPhoto(Call& call) {
  auto member = PathId<MemberId>(call, "member");
  if (!member) return member.error();
  auto image = call.services.profiles.Photo(ViewerOf(call), *member);
  if (!image) return image.error();
  return ImageResponse(*image);
}

Result<Response> GetProfileLink(Call& call) {
  ENISHI_TRY(CountProfileView(call));
  return ViewAnswer(call,
                    call.services.profiles.ViewByLink(ViewerOf(call), call.params.Get("token")));
}

Result<Response> LookupMember(Call& call) {
  FieldReader fields(*call.body);
  std::string login = fields.RequireString("login", 256);
  ENISHI_TRY(fields.Finish());
  ENISHI_TRY(CountProfileView(call));
  return ViewAnswer(call, call.services.profiles.Lookup(ViewerOf(call), login));
}

// --- The owner's profile.

Response OwnProfileAnswer(const profiles::OwnProfile& own) {
  JsonWriter out;
  WriteOwnProfile(out, own);
  return JsonResponse(200, std::move(out));
}

Result<Response> GetOwnProfile(Call& call) {
  auto own = call.services.profiles.GetOwn(Caller(call));
  if (!own) return own.error();
  return OwnProfileAnswer(*own);
}

Result<Response> PutOwnProfile(Call& call) {
  FieldReader fields(*call.body);
  profiles::Profile draft = ReadProfile(fields);
  ENISHI_TRY(fields.Finish());
  auto own = call.services.profiles.Update(Caller(call), std::move(draft));
  // The profile's display name is the account's too: sessions in memory must not keep the old.
  call.services.accounts.ForgetSessionsOf(Caller(call));
  if (!own) return own.error();
  return OwnProfileAnswer(*own);
}

Result<Response> PutOwnPhoto(Call& call) {
  auto image = call.services.profiles.SetPhoto(Caller(call), call.request.body);
  if (!image) return image.error();
  return JsonResponse(200, {{"photo_url", PhotoUrl(Caller(call), *image)}});
}

Result<Response> DeleteOwnPhoto(Call& call) {
  ENISHI_TRY(call.services.profiles.RemovePhoto(Caller(call)));
  return NoContent();
}

Result<Response> PreviewOwnProfile(Call& call) {
  auto as_text = RequiredQuery(call, "as");
  if (!as_text) return as_text.error();
  auto as = ParsePreviewAs(*as_text);
  if (!as) return as.error();
  auto preview = call.services.profiles.Preview(Caller(call), *as);
  if (!preview) return preview.error();
  JsonWriter out;
  out.StartObject();
  out.Key("as").String(*as_text);
  out.Key("profile");
  if (*preview) {
    out.StartObject();
    WriteMemberViewFields(out, **preview);
    // The same standing the real view adds, so that the preview is that view exactly.
    if (auto degree = PreviewDegree(call, *as)) WriteStanding(out, *degree, (*preview)->stage);
    out.EndObject();
  } else {
    out.Null();
  }
  out.EndObject();
  return JsonResponse(200, std::move(out));
}

// --- Privacy settings.

Result<Response> GetPrivacy(Call& call) {
  auto privacy = call.services.profiles.GetPrivacy(Caller(call));
  if (!privacy) return privacy.error();
  return JsonResponse(200, PrivacyJson(*privacy));
}

Result<Response> PutPrivacy(Call& call) {
  FieldReader fields(*call.body);
  FieldReader found = fields.Child(fields.RequireObject("discoverability"), "discoverability");
  profiles::Discoverability discoverability;
  discoverability.searchable = found.OptionalBool("searchable").value_or(false);
  discoverability.findable_by_email = found.OptionalBool("findable_by_email").value_or(false);
  discoverability.findable_by_phone = found.OptionalBool("findable_by_phone").value_or(false);
  found.FinishChild();
  FieldReader shield_fields = fields.Child(fields.RequireObject("shield"), "shield");
  profiles::Shield shield;
  std::vector<std::string> companies = shield_fields.RequireStringArray("companies", 50, 64);
  for (size_t i = 0; i < companies.size(); ++i) {
    std::optional<CompanyId> id = CompanyId::Parse(companies[i]);
    if (!id) {
      shield_fields.Fail("companies[" + std::to_string(i) + "]", "is not a company id");
    } else {
      shield.companies.push_back(*id);
    }
  }
  shield.hide_profile = shield_fields.OptionalBool("hide_profile").value_or(false);
  shield_fields.FinishChild();
  ENISHI_TRY(fields.Finish());
  auto privacy =
      call.services.profiles.UpdatePrivacy(Caller(call), discoverability, std::move(shield));
  if (!privacy) return privacy.error();
  return JsonResponse(200, PrivacyJson(*privacy));
}

Result<Response> RotateProfileLink(Call& call) {
  auto privacy = call.services.profiles.RotateProfileLink(Caller(call));
  if (!privacy) return privacy.error();
  return JsonResponse(200, PrivacyJson(*privacy));
}

// --- Circles.

Result<Response> ListCircles(Call& call) {
  auto circles = call.services.profiles.ListCircles(Caller(call));
  if (!circles) return circles.error();
  json list = json::array();
  for (const profiles::Circle& circle : *circles) list.push_back(CircleJson(circle));
  return JsonResponse(200, {{"circles", std::move(list)}});
}

Result<Response> CreateCircle(Call& call) {
  auto body = ReadCircleBody(call);
  if (!body) return body.error();
  auto circle = call.services.profiles.CreateCircle(Caller(call), std::move(body->name),
                                                    std::move(body->members));
  if (!circle) return circle.error();
  return JsonResponse(201, CircleJson(*circle));
}

Result<Response> PutCircle(Call& call) {
  auto id = PathId<CircleId>(call, "circle");
  if (!id) return id.error();
  auto body = ReadCircleBody(call);
  if (!body) return body.error();
  auto circle = call.services.profiles.UpdateCircle(Caller(call), *id, std::move(body->name),
                                                    std::move(body->members));
  if (!circle) return circle.error();
  return JsonResponse(200, CircleJson(*circle));
}

Result<Response> DeleteCircle(Call& call) {
  auto id = PathId<CircleId>(call, "circle");
  if (!id) return id.error();
  ENISHI_TRY(call.services.profiles.DeleteCircle(Caller(call), *id));
  return NoContent();
}

// --- Work emails.

Result<Response> ListWorkEmails(Call& call) {
  auto emails = call.services.profiles.ListWorkEmails(Caller(call));
  if (!emails) return emails.error();
  json verified = json::array();
  for (const profiles::WorkEmail& email : emails->verified) {
    verified.push_back(WorkEmailJson(email));
  }
  json pending = nullptr;
  if (emails->pending) {
    pending = {{"email", emails->pending->email},
               {"expires_at", FormatRfc3339(emails->pending->expires_at)}};
  }
  return JsonResponse(200, {{"verified", std::move(verified)}, {"pending", std::move(pending)}});
}

Result<Response> StartWorkEmail(Call& call) {
  FieldReader fields(*call.body);
  std::string email = fields.RequireString("email", 320);
  ENISHI_TRY(fields.Finish());
  auto expires_at = call.services.profiles.StartWorkEmailVerification(Caller(call), email);
  if (!expires_at) return expires_at.error();
  return JsonResponse(
      202, {{"status", "verification_sent"}, {"expires_at", FormatRfc3339(*expires_at)}});
}

Result<Response> VerifyWorkEmail(Call& call) {
  FieldReader fields(*call.body);
  std::string code = fields.RequireString("code", 16);
  ENISHI_TRY(fields.Finish());
  auto email = call.services.profiles.ConfirmWorkEmail(Caller(call), code);
  if (!email) return email.error();
  return JsonResponse(200, WorkEmailJson(*email));
}

Result<Response> DeleteWorkEmail(Call& call) {
  std::optional<std::string> email = DecodePathParam(call.params.Get("email"));
  if (!email) return NotFound("work email not found");
  ENISHI_TRY(call.services.profiles.RemoveWorkEmail(Caller(call), *email));
  return NoContent();
}

// --- Companies and schools.

Result<Response> SuggestCompanies(Call& call) {
  auto prefix = RequiredQuery(call, "q");
  if (!prefix) return prefix.error();
  auto companies = call.services.organizations.SuggestCompanies(*prefix);
  if (!companies) return companies.error();
  return JsonResponse(200, {{"companies", CompanyList(*companies)}});
}

Result<Response> GetCompany(Call& call) {
  auto id = PathId<CompanyId>(call, "company");
  if (!id) return id.error();
  auto company = call.services.organizations.GetCompany(*id);
  if (!company) return company.error();
  return JsonResponse(200, CompanyJson(*company));
}

Result<Response> CreateCompany(Call& call) {
  FieldReader fields(*call.body);
  organizations::OrganizationNames names = ReadNames(fields);
  ENISHI_TRY(fields.Finish());
  auto company = call.services.organizations.CreateCompany(std::move(names));
  if (!company) return company.error();
  return JsonResponse(201, CompanyJson(*company));
}

Result<Response> SuggestSchools(Call& call) {
  auto prefix = RequiredQuery(call, "q");
  if (!prefix) return prefix.error();
  auto schools = call.services.organizations.SuggestSchools(*prefix);
  if (!schools) return schools.error();
  json list = json::array();
  for (const auto& school : *schools) list.push_back(SchoolJson(school));
  return JsonResponse(200, {{"schools", std::move(list)}});
}

Result<Response> GetSchool(Call& call) {
  auto id = PathId<SchoolId>(call, "school");
  if (!id) return id.error();
  auto school = call.services.organizations.GetSchool(*id);
  if (!school) return school.error();
  return JsonResponse(200, SchoolJson(*school));
}

Result<Response> CreateSchool(Call& call) {
  FieldReader fields(*call.body);
  organizations::OrganizationNames names = ReadNames(fields);
  std::string country = fields.OptionalString("country", 8).value_or("");
  ENISHI_TRY(fields.Finish());
  auto school = call.services.organizations.CreateSchool(std::move(names), std::move(country));
  if (!school) return school.error();
  return JsonResponse(201, SchoolJson(*school));
}

// --- Personas.

Result<Response> ListPersonas(Call& call) {
  auto personas = call.services.personas.List(Caller(call));
  if (!personas) return personas.error();
  json list = json::array();
  for (const personas::Persona& persona : *personas) list.push_back(PersonaJson(PublicOf(persona)));
  return JsonResponse(200, {{"personas", std::move(list)}});
}

Result<Response> CreatePersona(Call& call) {
  FieldReader fields(*call.body);
  std::string handle = fields.RequireString("handle", 64);
  std::string bio = fields.OptionalString("bio", 4096).value_or("");
  ENISHI_TRY(fields.Finish());
  auto persona = call.services.personas.Create(Caller(call), std::move(handle), std::move(bio));
  if (!persona) return persona.error();
  return JsonResponse(201, PersonaJson(PublicOf(*persona)));
}

Result<Response> UpdatePersona(Call& call) {
  auto id = PathId<PersonaId>(call, "persona");
  if (!id) return id.error();
  FieldReader fields(*call.body);
  std::optional<std::string> handle = fields.OptionalString("handle", 64);
  std::optional<std::string> bio = fields.OptionalString("bio", 4096);
  ENISHI_TRY(fields.Finish());
  auto persona =
      call.services.personas.Update(Caller(call), *id, std::move(handle), std::move(bio));
  if (!persona) return persona.error();
  return JsonResponse(200, PersonaJson(PublicOf(*persona)));
}

Result<Response> DeletePersona(Call& call) {
  auto id = PathId<PersonaId>(call, "persona");
  if (!id) return id.error();
  ENISHI_TRY(call.services.personas.Delete(Caller(call), *id));
  return NoContent();
}

Result<Response> PutPersonaAvatar(Call& call) {
  auto id = PathId<PersonaId>(call, "persona");
  if (!id) return id.error();
  auto persona = call.services.personas.SetAvatar(Caller(call), *id, call.request.body);
  if (!persona) return persona.error();
  return JsonResponse(200, PersonaJson(PublicOf(*persona)));
}

Result<Response> GetPersona(Call& call) {
  auto id = PathId<PersonaId>(call, "persona");
  if (!id) return id.error();
  auto persona = call.services.personas.Public(*id);
  if (!persona) return persona.error();
  return JsonResponse(200, PersonaJson(*persona));
}

Result<Response> GetPersonaAvatar(Call& call) {
  auto id = PathId<PersonaId>(call, "persona");
  if (!id) return id.error();
  auto image = call.services.personas.Avatar(*id);
  if (!image) return image.error();
  return ImageResponse(*image);
}

}  // namespace enishi::api
