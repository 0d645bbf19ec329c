#pragma once
// The storage port of the accounts module. Implemented once per backend in storage/.
// Thread-safe: implementations may be called concurrently from request threads.
// Every method returns kUnavailable when the store cannot be reached (nothing was written),
// and kInternal for anything unexpected.

#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "domain/accounts/account.hpp"

namespace enishi::accounts {

// The channel on which the store announces, once the unit has committed, a member some of
// whose sessions ended (signed out, revoked, ended by a password change, or the account
// deleted); the message is the member's id. Servers close those sessions' open streams.
inline constexpr std::string_view kSessionsEndedChannel = "enishi_sessions";

class AccountRepository {
 public:
  virtual ~AccountRepository() = default;

  // Inserts or replaces the pending sign-up for `signup.login`.
  virtual Result<void> PutPendingSignup(const PendingSignup& signup) = 0;
  virtual Result<std::optional<PendingSignup>> FindPendingSignup(std::string_view login) = 0;
  // Decrements attempts_left of the pending sign-up for `login`; no-op when there is none.
  virtual Result<void> SpendSignupAttempt(std::string_view login) = 0;
  // Atomically creates `account` with its first `session` and deletes the pending sign-up of
  // its login. kAlreadyExists (nothing written) when an account holds the login.
  virtual Result<void> CompleteSignup(const Account& account, const Session& session) = 0;

  // Creates `account` alone, with no session (demo data, imports). kAlreadyExists (nothing
  // written) when an account holds its login or id.
  virtual Result<void> CreateAccount(const Account& account) = 0;
  virtual Result<std::optional<Account>> FindAccountByLogin(std::string_view login) = 0;
  virtual Result<std::optional<Account>> FindAccount(MemberId id) = 0;
  // kNotFound when the account does not exist.
  virtual Result<void> UpdateAccountSettings(MemberId id, std::string_view display_name,
                                             std::string_view locale) = 0;
  // Atomically sets the password hash and deletes every session of `id` except `keep`;
  // announced on kSessionsEndedChannel.
  virtual Result<void> ChangePassword(MemberId id, std::string_view password_hash,
                                      SessionId keep) = 0;
  // Deletes the account and everything it owns (sessions included); announced on
  // kSessionsEndedChannel. kNotFound if absent.
  virtual Result<void> DeleteAccount(MemberId id) = 0;

  virtual Result<void> CreateSession(const Session& session) = 0;
  virtual Result<std::optional<Session>> FindSessionByTokenHash(std::string_view token_hash) = 0;
  // The session and its account in one read: the per-request authentication path.
  virtual Result<std::optional<SessionWithAccount>> FindSessionWithAccount(
      std::string_view token_hash) = 0;
  // The member's sessions, newest first.
  virtual Result<std::vector<Session>> ListSessions(MemberId member) = 0;
  // Deletes `session` if it belongs to `member`, announced on kSessionsEndedChannel; false
  // when there was no such session.
  virtual Result<bool> DeleteSession(MemberId member, SessionId session) = 0;
  // Moves each session's last_seen_at forward to `at` (never back), in one unit; sessions
  // that have ended are skipped.
  virtual Result<void> TouchSessions(std::span<const SessionSeen> seen) = 0;
  // Removes sessions and pending sign-ups that expired before `now`; returns how many.
  virtual Result<int> DeleteExpired(Timestamp now) = 0;
};

}  // namespace enishi::accounts
