#pragma once
// Handlers of the accounts endpoints (docs/API.md, "Accounts"): sign-up, login, logout, the
// member's settings, password, sessions, export and deletion. Named in the route table
// (routes.cpp); each returns the answer or an Error for error_mapping.cpp.
// Thread-safe: they hold no state and call only the thread-safe AccountService.

#include "api/handler.hpp"

namespace enishi::api {

Result<Response> Signup(Call& call);
Result<Response> VerifySignup(Call& call);
Result<Response> Login(Call& call);
Result<Response> Logout(Call& call);
Result<Response> GetMe(Call& call);
Result<Response> UpdateMe(Call& call);
Result<Response> ChangePassword(Call& call);
Result<Response> ListSessions(Call& call);
Result<Response> RevokeSession(Call& call);
Result<Response> ExportMe(Call& call);
Result<Response> DeleteMe(Call& call);

}  // namespace enishi::api
