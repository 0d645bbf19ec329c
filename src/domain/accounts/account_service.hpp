#pragma once
// Use cases of accounts (F1): sign-up with a one-time code, login, sessions, password change,
// export and deletion. Synchronous; I/O only through the ports it is given, which must outlive
// it. Thread-safe: one instance serves every request thread.
// REQUIRES: crypto::Initialize() has succeeded before construction.
//
// Answers never reveal whether an account exists: sign-up always answers the same way and
// does the same work (hash, write, send), login runs Argon2id against a dummy hash when the
// login is unknown, and every credential failure is the same kUnauthenticated. Credential
// attempts are throttled (login_throttle.hpp) without letting an attacker lock the owner out.
//
// Every method may also fail with the repository's or mailer's kUnavailable or kInternal.
//
// Authenticate keeps the sessions it read (with their accounts) in memory, keyed by token
// hash, and trusts each for kSessionCacheTtl before reading it again; expiry is checked on
// every request all the same. Whatever this instance changes (logout, revocation, password
// change, settings, deletion) is seen by the next request, and so is what ForgetSessionsOf()
// is told of. Other changes made elsewhere — by another server (settings) or another process
// on the same store — are seen within kSessionCacheTtl.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "crypto/hash.hpp"
#include "domain/accounts/account.hpp"
#include "domain/accounts/account_repository.hpp"
#include "domain/accounts/device_token.hpp"
#include "domain/accounts/login_throttle.hpp"
#include "domain/accounts/password_hasher.hpp"
#include "domain/mail/mail.hpp"

namespace enishi::accounts {

struct AccountServiceOptions {
  crypto::PasswordCost password_cost;
  std::chrono::minutes signup_code_ttl{10};
  int signup_code_attempts = 5;
  std::chrono::hours browser_session_ttl{24 * 30};
  std::chrono::hours api_session_ttl{24 * 90};
  LoginThrottleOptions throttle;
  // The key that signs device tokens. Empty: a random key per process, so tokens stop being
  // recognised at restart (their holders then face the per-login limit until they log in once
  // more). Servers behind one load balancer must share a configured key.
  std::string device_token_key;
};

struct SignupRequest {
  std::string login;
  std::string password;
  std::string display_name;
  std::string locale;
};

// Who is asking, for throttling and the session list. Never stored beyond the user agent.
struct ClientInfo {
  std::string ip;
  std::string user_agent;
  std::string device_token;  // The long-lived device cookie, if the browser sent one.
};

// A new session. `token` is the secret the client keeps; only its hash is stored.
// `device_token` is a fresh device token for the account (device_token.hpp), to keep as a
// long-lived cookie that replaces any earlier one.
struct IssuedSession {
  Session session;
  Account account;
  std::string token;
  std::string device_token;
};

using AuthenticatedSession = SessionWithAccount;

// An account as its owner downloads it: no password hash, token hash or CSRF token, so a
// leaked export file holds no secret.
struct ExportedAccount {
  MemberId id;
  std::string login;
  LoginKind login_kind = LoginKind::kEmail;
  std::string display_name;
  std::string locale;
  Timestamp created_at;
};

struct ExportedSession {
  SessionId id;
  SessionKind kind = SessionKind::kBrowser;
  std::string user_agent;
  Timestamp created_at;
  Timestamp last_seen_at;
  Timestamp expires_at;
};

struct AccountExport {
  ExportedAccount account;
  std::vector<ExportedSession> sessions;  // Newest first.
  Timestamp exported_at;
};

class AccountService {
 public:
  // How long Authenticate trusts a session read from the store, which bounds how late it sees
  // a change made elsewhere that it is not told of.
  static constexpr std::chrono::seconds kSessionCacheTtl{1};
  // At most this many sessions are kept in memory.
  static constexpr size_t kMaxCachedSessions = 10'000;

  // Hashes with Argon2id at options.password_cost.
  AccountService(AccountRepository& repository, mail::Mailer& mailer, const Clock& clock,
                 AccountServiceOptions options);
  // Hashes with `hasher` (tests count its calls); options.password_cost is unused.
  AccountService(AccountRepository& repository, mail::Mailer& mailer, const Clock& clock,
                 AccountServiceOptions options, std::unique_ptr<PasswordHasher> hasher);
  AccountService(const AccountService&) = delete;
  AccountService& operator=(const AccountService&) = delete;

  // Starts a sign-up: validates the input (kInvalidArgument naming "login", "display_name",
  // "locale" or "password"; see password_policy.hpp for password messages), then stores a
  // pending sign-up and sends a code — or, if the login is taken, a notice to its owner.
  // The caller cannot tell which. kResourceExhausted (with retry_after) when throttled.
  Result<void> StartSignup(const SignupRequest& request, const ClientInfo& client);
  // Completes a sign-up with the code and opens the first session. kInvalidArgument (field
  // "code") unless the code is six digits; kUnauthenticated for a wrong, used or expired code
  // (and for a login that already had an account); kResourceExhausted when throttled.
  Result<IssuedSession> VerifySignup(std::string_view login, std::string_view code,
                                     SessionKind kind, const ClientInfo& client);

  // kUnauthenticated for any wrong login/password pair; kResourceExhausted (with
  // Error::retry_after set) when throttled.
  Result<IssuedSession> Login(std::string_view login, std::string_view password, SessionKind kind,
                              const ClientInfo& client);
  // The session behind a token, with last_seen_at refreshed at most once a minute;
  // kUnauthenticated if unknown or expired. The refresh is kept in memory until
  // StoreSessionActivity(), so that authenticating a request never waits on a write. Reads
  // the store at most once per kSessionCacheTtl for a token that keeps being used.
  Result<AuthenticatedSession> Authenticate(std::string_view token);
  // Forgets every session of `member` held in memory, so that the next request reads the
  // store. For changes made outside this instance: another server ended sessions of `member`
  // (heard on kSessionsEndedChannel), or the profile renamed the account. (Changes made
  // through this instance forget them by themselves.)
  void ForgetSessionsOf(MemberId member);
  // Stores the refreshed last_seen_at of every session since the last call, in one unit.
  // Called every few seconds and at shutdown; on failure they are kept for the next call.
  Result<void> StoreSessionActivity();
  // Ends `session`; OK if it had already ended.
  Result<void> Logout(const Session& session);

  // Changes what is given and returns the account as stored. kInvalidArgument naming
  // "display_name" or "locale" (account_settings.hpp); kNotFound for an unknown member.
  Result<Account> UpdateSettings(MemberId member, std::optional<std::string> display_name,
                                 std::optional<std::string> locale);
  // Re-authenticates with `current_password` (kUnauthenticated, field "current_password"),
  // checks the new password (kInvalidArgument, field "new_password"), then revokes every other
  // session and notifies the login. kResourceExhausted when re-authentication is throttled.
  Result<void> ChangePassword(const Session& session, std::string_view current_password,
                              std::string_view new_password);
  // The member's sessions, newest first.
  Result<std::vector<Session>> ListSessions(MemberId member);
  // kNotFound for an unknown session or one of another member.
  Result<void> RevokeSession(MemberId member, SessionId session);
  // kNotFound for an unknown member.
  Result<AccountExport> Export(MemberId member);
  // Re-authenticates with `password` (kUnauthenticated, field "password"), then deletes the
  // account and everything it owns. kResourceExhausted when re-authentication is throttled.
  Result<void> DeleteAccount(MemberId member, std::string_view password);

 private:
  struct CachedSession {
    AuthenticatedSession signed_in;
    Timestamp read_at;
  };

  // A new session for `member`, and the token whose hash it stores.
  std::pair<Session, std::string> NewSession(MemberId member, SessionKind kind,
                                             const ClientInfo& client, Timestamp now) const;
  // Checks `password` against the account's hash under the re-authentication limit.
  // kUnauthenticated naming `field` when it is wrong; kResourceExhausted when throttled.
  Result<void> Reauthenticate(const Account& account, std::string_view password,
                              std::string_view field);
  // Refreshes session.last_seen_at to `now` and notes it in seen_ if it is a minute old.
  // REQUIRES: mutex_ is held.
  void NoteUse(Session& session, Timestamp now);
  // Keeps `signed_in`, read at `now`, under `token_hash`, making room if the cache is full.
  // REQUIRES: mutex_ is held.
  void Remember(std::string token_hash, const AuthenticatedSession& signed_in, Timestamp now);

  AccountRepository& repository_;
  mail::Mailer& mailer_;
  const Clock& clock_;
  const AccountServiceOptions options_;
  const std::unique_ptr<PasswordHasher> hasher_;
  LoginThrottle throttle_;
  const DeviceTokens device_tokens_;
  // A hash of a random password at the configured cost: unknown logins are checked against it
  // so that they take as long as known ones.
  const std::string dummy_hash_;
  std::mutex mutex_;
  std::unordered_map<SessionId, Timestamp> seen_;  // GUARDED_BY(mutex_). Refreshed, not stored.
  // GUARDED_BY(mutex_). Sessions read by Authenticate, by token hash.
  std::unordered_map<std::string, CachedSession> cache_;
  // GUARDED_BY(mutex_). Counts invalidations, so that a read that raced with one is not kept.
  uint64_t cache_generation_ = 0;
};

}  // namespace enishi::accounts
