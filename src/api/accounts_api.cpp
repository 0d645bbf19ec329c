#include "api/accounts_api.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "api/api.hpp"
#include "api/call_helpers.hpp"
#include "api/cookies.hpp"
#include "api/json_codec.hpp"
#include "api/profile_codec.hpp"
#include "api/relationships_api.hpp"
#include "core/clock.hpp"
#include "domain/accounts/account_service.hpp"
#include "domain/personas/persona_service.hpp"
#include "domain/profiles/profile_service.hpp"
#include "domain/relationships/relationship_service.hpp"

namespace enishi::api {
namespace {

using nlohmann::json;

accounts::ClientInfo ClientOf(const Request& request) {
  return {request.client_ip, std::string(request.Header("user-agent")),
          std::string(FindCookie(request, kDeviceCookie))};
}

// The wire types of docs/API.md. Fields are listed one by one: a record never reaches the
// client whole, so a new column (a hash, a flag) cannot leak by default.
// For accounts::Account and accounts::ExportedAccount, which share these members.
template <class AccountFields>
json MeJson(const AccountFields& account) {
  return {{"id", account.id.ToString()},
          {"display_name", account.display_name},
          {"login", account.login},
          {"login_kind", account.login_kind == accounts::LoginKind::kPhone ? "phone" : "email"},
          {"locale", account.locale},
          {"created_at", FormatRfc3339(account.created_at)}};
}

// For accounts::Session and accounts::ExportedSession, which share these members.
template <class SessionFields>
json SessionJson(const SessionFields& session) {
  return {{"id", session.id.ToString()},
          {"kind", session.kind == accounts::SessionKind::kApi ? "api" : "browser"},
          {"created_at", FormatRfc3339(session.created_at)},
          {"last_seen_at", FormatRfc3339(session.last_seen_at)},
          {"user_agent", session.user_agent}};
}

Result<accounts::SessionKind> ParseClient(const std::optional<std::string>& client) {
  if (!client || *client == "browser") return accounts::SessionKind::kBrowser;
  if (*client == "api") return accounts::SessionKind::kApi;
  return InvalidArgument("client must be \"browser\" or \"api\"", "client");
}

std::chrono::seconds SecondsUntil(Timestamp when, const Clock& clock) {
  return std::max(std::chrono::seconds(0),
                  std::chrono::floor<std::chrono::seconds>(when - clock.Now()));
}

// The answer to a login or a verified sign-up: the member, and the token either as cookies
// (browsers, which also get a fresh device cookie) or in the body (API clients, which get no
// cookies at all).
Response SessionAnswer(const Call& call, int status, const accounts::IssuedSession& issued) {
  json body = {{"member", MeJson(issued.account)}};
  bool api_client = issued.session.kind == accounts::SessionKind::kApi;
  if (api_client) body["token"] = issued.token;
  Response response = JsonResponse(status, body);
  if (!api_client) {
    const CookieOptions& cookies = call.services.options.cookies;
    SetSessionCookies(response, issued.token, issued.session.csrf_token,
                      SecondsUntil(issued.session.expires_at, call.services.clock), cookies,
                      call.request.secure);
    if (!issued.device_token.empty()) {
      SetDeviceCookie(response, issued.device_token, cookies, call.request.secure);
    }
  }
  return response;
}

// After the caller's own session ended: a browser's cookies go too.
void ForgetSession(const Call& call, Response& response) {
  if (call.credential != CredentialSource::kBearer) {
    ClearSessionCookies(response, call.services.options.cookies, call.request.secure);
  }
}

}  // namespace

Result<Response> Signup(Call& call) {
  FieldReader fields(*call.body);
  accounts::SignupRequest request;
  request.login = fields.RequireString("login");
  request.password = fields.RequireString("password");
  request.display_name = fields.RequireString("display_name");
  request.locale = fields.RequireString("locale");
  ENISHI_TRY(fields.Finish());
  ENISHI_TRY(call.services.accounts.StartSignup(request, ClientOf(call.request)));
  // The same answer whether the login was free or taken: the message sent tells the owner.
  return JsonResponse(202, {{"status", "verification_sent"}});
}

Result<Response> VerifySignup(Call& call) {
  FieldReader fields(*call.body);
  std::string login = fields.RequireString("login");
  std::string code = fields.RequireString("code");
  std::optional<std::string> client = fields.OptionalString("client");
  ENISHI_TRY(fields.Finish());
  auto kind = ParseClient(client);
  if (!kind) return kind.error();
  auto issued = call.services.accounts.VerifySignup(login, code, *kind, ClientOf(call.request));
  if (!issued) return issued.error();
  return SessionAnswer(call, 201, *issued);
}

Result<Response> Login(Call& call) {
  FieldReader fields(*call.body);
  std::string login = fields.RequireString("login");
  std::string password = fields.RequireString("password");
  std::optional<std::string> client = fields.OptionalString("client");
  ENISHI_TRY(fields.Finish());
  auto kind = ParseClient(client);
  if (!kind) return kind.error();
  auto issued = call.services.accounts.Login(login, password, *kind, ClientOf(call.request));
  if (!issued) return issued.error();
  return SessionAnswer(call, 200, *issued);
}

Result<Response> Logout(Call& call) {
  // Signed out already (or never signed in): still 204, and stale cookies are cleared.
  if (call.session != nullptr) ENISHI_TRY(call.services.accounts.Logout(call.session->session));
  Response response = NoContent();
  ForgetSession(call, response);
  return response;
}

Result<Response> GetMe(Call& call) { return JsonResponse(200, MeJson(call.session->account)); }

Result<Response> UpdateMe(Call& call) {
  FieldReader fields(*call.body);
  std::optional<std::string> display_name = fields.OptionalString("display_name");
  std::optional<std::string> locale = fields.OptionalString("locale");
  ENISHI_TRY(fields.Finish());
  auto account = call.services.accounts.UpdateSettings(call.session->account.id,
                                                       std::move(display_name), std::move(locale));
  if (!account) return account.error();
  return JsonResponse(200, MeJson(*account));
}

Result<Response> ChangePassword(Call& call) {
  FieldReader fields(*call.body);
  std::string current_password = fields.RequireString("current_password");
  std::string new_password = fields.RequireString("new_password");
  ENISHI_TRY(fields.Finish());
  // A wrong current password is a 401 naming "current_password", which the client tells apart
  // from a lost session (a 401 without a field).
  ENISHI_TRY(
      call.services.accounts.ChangePassword(call.session->session, current_password, new_password));
  return NoContent();
}

Result<Response> ListSessions(Call& call) {
  auto sessions = call.services.accounts.ListSessions(call.session->account.id);
  if (!sessions) return sessions.error();
  json list = json::array();
  for (const accounts::Session& session : *sessions) {
    json entry = SessionJson(session);
    entry["current"] = session.id == call.session->session.id;
    list.push_back(std::move(entry));
  }
  return JsonResponse(200, {{"sessions", std::move(list)}});
}

Result<Response> RevokeSession(Call& call) {
  // A malformed id is as unknown as anybody else's: 404 either way.
  std::optional<SessionId> id = SessionId::Parse(call.params.Get("id"));
  if (!id) return NotFound("session not found");
  ENISHI_TRY(call.services.accounts.RevokeSession(call.session->account.id, *id));
  Response response = NoContent();
  if (*id == call.session->session.id) ForgetSession(call, response);
  return response;
}

Result<Response> ExportMe(Call& call) {
  auto exported = call.services.accounts.Export(call.session->account.id);
  if (!exported) return exported.error();
  json sessions = json::array();
  for (const accounts::ExportedSession& session : exported->sessions) {
    json entry = SessionJson(session);
    entry["expires_at"] = FormatRfc3339(session.expires_at);
    sessions.push_back(std::move(entry));
  }
  MemberId owner = call.session->account.id;
  auto profile = call.services.profiles.GetOwn(owner);
  if (!profile) return profile.error();
  auto privacy = call.services.profiles.GetPrivacy(owner);
  if (!privacy) return privacy.error();
  auto circles = call.services.profiles.ListCircles(owner);
  if (!circles) return circles.error();
  auto work_emails = call.services.profiles.ListWorkEmails(owner);
  if (!work_emails) return work_emails.error();
  auto personas = call.services.personas.List(owner);
  if (!personas) return personas.error();
  json circle_list = json::array();
  for (const profiles::Circle& circle : *circles) circle_list.push_back(CircleJson(circle));
  json email_list = json::array();
  for (const profiles::WorkEmail& email : work_emails->verified) {
    email_list.push_back(WorkEmailJson(email));
  }
  json persona_list = json::array();
  for (const personas::Persona& persona : *personas) {
    persona_list.push_back(PersonaJson(PublicOf(persona)));
  }
  auto relationships = ExportRelationships(call);
  if (!relationships) return relationships.error();
  Response response = JsonResponse(
      200, {{"exported_at", FormatRfc3339(exported->exported_at)},
            {"account", MeJson(exported->account)},
            {"sessions", std::move(sessions)},
            {"profile", WriteDocument([&](JsonWriter& out) { WriteOwnProfile(out, *profile); })},
            {"privacy", PrivacyJson(*privacy)},
            {"circles", std::move(circle_list)},
            {"work_emails", std::move(email_list)},
            {"personas", std::move(persona_list)},
            {"relationships", std::move(*relationships)}});
  response.SetHeader("Content-Disposition", "attachment; filename=\"enishi-export.json\"");
  return response;
}

Result<Response> DeleteMe(Call& call) {
  FieldReader fields(*call.body);
  std::string password = fields.RequireString("password");
  ENISHI_TRY(fields.Finish());
  ENISHI_TRY(call.services.accounts.DeleteAccount(call.session->account.id, password));
  call.services.relationships.ForgetMember(Caller(call));
  Response response = NoContent();
  ForgetSession(call, response);
  // The device cookie named the account, which is gone.
  if (call.credential != CredentialSource::kBearer) {
    SetDeviceCookie(response, "", call.services.options.cookies, call.request.secure);
  }
  return response;
}

}  // namespace enishi::api
