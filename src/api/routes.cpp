#include "api/routes.hpp"

#include "api/accounts_api.hpp"
#include "api/ops_api.hpp"

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
      // Operations.
      {kGet, "/api/v1/openapi.json", OpenApi, kPublic, kNone},
      {kGet, "/healthz", Healthz, kPublic, kNone},
      {kGet, "/readyz", Readyz, kPublic, kNone},
      {kGet, "/metrics", MetricsText, kPublic, kNone},
  };
  return kRoutes;
}

bool IsApiPath(std::string_view path) { return path == "/api" || path.starts_with("/api/"); }

}  // namespace enishi::api
