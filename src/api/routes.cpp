#include "api/routes.hpp"

#include "api/accounts_api.hpp"
#include "api/introductions_api.hpp"
#include "api/ops_api.hpp"
#include "api/profiles_api.hpp"
#include "api/messaging_api.hpp"
#include "api/notifications_api.hpp"
#include "api/relationships_api.hpp"
#include "api/search_api.hpp"
#include "api/stream_api.hpp"

namespace enishi::api {

const std::vector<Route>& RouteTable() {
  using enum Access;
  using enum Body;
  using enum Method;
  // Every route is also described in src/api/openapi.json; openapi_test.cpp keeps the two equal.
  static const std::vector<Route> kRoutes = {
      // Accounts (docs/API.md).
      {kPost, "/api/v1/signup", Signup, kPublic, kJson},
      {kPost, "/api/v1/signup/verify", VerifySignup, kPublic, kJson},
      {kPost, "/api/v1/login", Login, kPublic, kJson},
      {kPost, "/api/v1/logout", Logout, kPersonalised, kNone},
      {kGet, "/api/v1/me", GetMe, kMember, kNone},
      {kPatch, "/api/v1/me", UpdateMe, kMember, kJson},
      {kDelete, "/api/v1/me", DeleteMe, kMember, kJson},
      {kPost, "/api/v1/me/password", ChangePassword, kMember, kJson},
      {kGet, "/api/v1/me/export", ExportMe, kMember, kNone},
      {kGet, "/api/v1/sessions", ListSessions, kMember, kNone},
      {kDelete, "/api/v1/sessions/{id}", RevokeSession, kMember, kNone},
      // Profiles and privacy (docs/API.md).
      {kPost, "/api/v1/members/lookup", LookupMember, kPersonalised, kJson},
      {kGet, "/api/v1/members/{id}", GetMember, kPersonalised, kNone},
      {kGet, "/api/v1/members/{id}/photo", GetMemberPhoto, kPersonalised, kNone},
      {kGet, "/api/v1/search/members", SearchMembers, kMember, kNone},
      {kGet, "/api/v1/profile-links/{token}", GetProfileLink, kPersonalised, kNone},
      {kGet, "/api/v1/me/profile", GetOwnProfile, kMember, kNone},
      {kPut, "/api/v1/me/profile", PutOwnProfile, kMember, kJson},
      {kPut, "/api/v1/me/profile/photo", PutOwnPhoto, kMember, kImage},
      {kDelete, "/api/v1/me/profile/photo", DeleteOwnPhoto, kMember, kNone},
      {kGet, "/api/v1/me/profile/preview", PreviewOwnProfile, kMember, kNone},
      {kGet, "/api/v1/me/privacy", GetPrivacy, kMember, kNone},
      {kPut, "/api/v1/me/privacy", PutPrivacy, kMember, kJson},
      {kPost, "/api/v1/me/profile-link", RotateProfileLink, kMember, kNone},
      {kGet, "/api/v1/me/circles", ListCircles, kMember, kNone},
      {kPost, "/api/v1/me/circles", CreateCircle, kMember, kJson},
      {kPut, "/api/v1/me/circles/{id}", PutCircle, kMember, kJson},
      {kDelete, "/api/v1/me/circles/{id}", DeleteCircle, kMember, kNone},
      {kGet, "/api/v1/me/work-emails", ListWorkEmails, kMember, kNone},
      {kPost, "/api/v1/me/work-emails", StartWorkEmail, kMember, kJson},
      {kPost, "/api/v1/me/work-emails/verify", VerifyWorkEmail, kMember, kJson},
      {kDelete, "/api/v1/me/work-emails/{email}", DeleteWorkEmail, kMember, kNone},
      {kGet, "/api/v1/companies", SuggestCompanies, kMember, kNone},
      {kPost, "/api/v1/companies", CreateCompany, kMember, kJson},
      {kGet, "/api/v1/companies/{id}", GetCompany, kMember, kNone},
      {kGet, "/api/v1/schools", SuggestSchools, kMember, kNone},
      {kPost, "/api/v1/schools", CreateSchool, kMember, kJson},
      {kGet, "/api/v1/schools/{id}", GetSchool, kMember, kNone},
      {kGet, "/api/v1/me/personas", ListPersonas, kMember, kNone},
      {kPost, "/api/v1/me/personas", CreatePersona, kMember, kJson},
      {kPatch, "/api/v1/me/personas/{id}", UpdatePersona, kMember, kJson},
      {kDelete, "/api/v1/me/personas/{id}", DeletePersona, kMember, kNone},
      {kPut, "/api/v1/me/personas/{id}/avatar", PutPersonaAvatar, kMember, kImage},
      {kGet, "/api/v1/personas/{id}", GetPersona, kPersonalised, kNone},
      {kGet, "/api/v1/personas/{id}/avatar", GetPersonaAvatar, kPersonalised, kNone},
      // Relationships (docs/API.md).
      {kPost, "/api/v1/requests", SendRequest, kMember, kJson},
      {kGet, "/api/v1/me/requests/received", ListReceivedRequests, kMember, kNone},
      {kGet, "/api/v1/me/requests/sent", ListSentRequests, kMember, kNone},
      {kPost, "/api/v1/requests/{id}/accept", AcceptRequest, kMember, kNone},
      {kPost, "/api/v1/requests/{id}/decline", DeclineRequest, kMember, kNone},
      {kDelete, "/api/v1/requests/{id}", WithdrawRequest, kMember, kNone},
      {kGet, "/api/v1/me/connections", ListConnections, kMember, kNone},
      {kPut, "/api/v1/me/connections/{id}", PutConnection, kMember, kJson},
      {kDelete, "/api/v1/me/connections/{id}", DeleteConnection, kMember, kNone},
      {kGet, "/api/v1/me/blocks", ListBlocks, kMember, kNone},
      {kPost, "/api/v1/me/blocks", BlockMember, kMember, kJson},
      {kDelete, "/api/v1/me/blocks/{id}", UnblockMember, kMember, kNone},
      {kGet, "/api/v1/me/inbound-policy", GetInboundPolicy, kMember, kNone},
      {kPut, "/api/v1/me/inbound-policy", PutInboundPolicy, kMember, kJson},
      {kGet, "/api/v1/me/card", GetCard, kMember, kNone},
      {kPost, "/api/v1/me/card/rotate", RotateCard, kMember, kNone},
      {kPost, "/api/v1/cards/scan", ScanCard, kMember, kJson},
      {kGet, "/api/v1/me/suggestions", ListSuggestions, kMember, kNone},
      {kGet, "/api/v1/members/{id}/connections", ListMemberConnections, kMember, kNone},
      {kGet, "/api/v1/members/{id}/mutuals", ListMutuals, kMember, kNone},
      {kGet, "/api/v1/members/{id}/paths", ListPaths, kMember, kNone},
      {kGet, "/api/v1/members/{id}/vcard", GetVCard, kMember, kNone},
      // Introductions (docs/API.md).
      {kGet, "/api/v1/members/{id}/introduction-routes", ListIntroductionRoutes, kMember, kNone},
      {kPost, "/api/v1/introductions", RequestIntroduction, kMember, kJson},
      {kGet, "/api/v1/me/introductions/sent", ListSentIntroductions, kMember, kNone},
      {kGet, "/api/v1/me/introductions/asked", ListAskedIntroductions, kMember, kNone},
      {kGet, "/api/v1/me/introductions/received", ListReceivedIntroductions, kMember, kNone},
      {kGet, "/api/v1/introductions/{id}", GetIntroduction, kMember, kNone},
      {kPost, "/api/v1/introductions/{id}/forward", ForwardIntroduction, kMember, kJson},
      {kPost, "/api/v1/introductions/{id}/lapse", LapseIntroduction, kMember, kNone},
      {kPost, "/api/v1/introductions/{id}/accept", AcceptIntroduction, kMember, kNone},
      {kPost, "/api/v1/introductions/{id}/decline", DeclineIntroduction, kMember, kNone},
      {kDelete, "/api/v1/introductions/{id}", WithdrawIntroduction, kMember, kNone},
      // Messaging, notifications and the stream (docs/API.md).
      {kGet, "/api/v1/conversations", ListConversations, kMember, kNone},
      {kPost, "/api/v1/conversations", OpenConversation, kMember, kJson},
      {kGet, "/api/v1/conversations/{id}", GetConversation, kMember, kNone},
      {kGet, "/api/v1/conversations/{id}/messages", ListMessages, kMember, kNone},
      {kPost, "/api/v1/conversations/{id}/messages", SendMessage, kMember, kJson},
      {kPatch, "/api/v1/conversations/{id}/messages/{message}", EditMessage, kMember, kJson},
      {kDelete, "/api/v1/conversations/{id}/messages/{message}", DeleteMessage, kMember, kNone},
      {kPost, "/api/v1/conversations/{id}/read", MarkConversationRead, kMember, kJson},
      {kPost, "/api/v1/conversations/{id}/members", AddConversationMembers, kMember, kJson},
      {kPost, "/api/v1/conversations/{id}/leave", LeaveConversation, kMember, kNone},
      {kGet, "/api/v1/me/messaging", GetMessagingPreferences, kMember, kNone},
      {kPut, "/api/v1/me/messaging", PutMessagingPreferences, kMember, kJson},
      {kGet, "/api/v1/me/unread", GetUnreadCounts, kMember, kNone},
      {kGet, "/api/v1/me/notifications", ListNotifications, kMember, kNone},
      {kPost, "/api/v1/me/notifications/read", MarkAllNotificationsRead, kMember, kNone},
      {kPost, "/api/v1/me/notifications/{id}/read", MarkNotificationRead, kMember, kNone},
      {kGet, "/api/v1/me/notification-settings", GetNotificationSettings, kMember, kNone},
      {kPut, "/api/v1/me/notification-settings", PutNotificationSettings, kMember, kJson},
      {kGet, "/api/v1/stream", OpenStream, kMember, kNone},
      // Operations.
      {kGet, "/api/v1/openapi.json", OpenApi, kPublic, kNone},
      {kGet, "/healthz", Healthz, kPublic, kNone},
      {kGet, "/readyz", Readyz, kPublic, kNone},
      {kGet, "/metrics", MetricsText, kPublic, kNone},
  };
  return kRoutes;
}

bool IsScanningRead(std::string_view path) { return path.starts_with("/api/v1/search/"); }

bool IsApiPath(std::string_view path) { return path == "/api" || path.starts_with("/api/"); }

}  // namespace enishi::api
