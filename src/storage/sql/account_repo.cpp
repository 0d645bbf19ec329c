#include "storage/sql/account_repo.hpp"

#include <string>

#include "storage/sql/sql_codec.hpp"

namespace enishi::storage::sql {
namespace {

using accounts::Account;
using accounts::LoginKind;
using accounts::PendingSignup;
using accounts::Session;
using accounts::SessionKind;
using accounts::SessionWithAccount;

// Every SELECT lists its columns in the order the matching Decode* function reads them.
constexpr std::string_view kUpsertPendingSignup =
    "INSERT INTO pending_signups (login, login_kind, display_name, locale, password_hash, "
    "code_hash, attempts_left, created_at, expires_at) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) "
    "ON CONFLICT (login) DO UPDATE SET login_kind = excluded.login_kind, "
    "display_name = excluded.display_name, locale = excluded.locale, "
    "password_hash = excluded.password_hash, code_hash = excluded.code_hash, "
    "attempts_left = excluded.attempts_left, created_at = excluded.created_at, "
    "expires_at = excluded.expires_at";
constexpr std::string_view kSelectPendingSignup =
    "SELECT login, login_kind, display_name, locale, password_hash, code_hash, attempts_left, "
    "created_at, expires_at FROM pending_signups WHERE login = $1";
// Stops at zero, so a burst of wrong codes cannot wrap the counter.
constexpr std::string_view kSpendSignupAttempt =
    "UPDATE pending_signups SET attempts_left = attempts_left - 1 "
    "WHERE login = $1 AND attempts_left > 0";
constexpr std::string_view kDeletePendingSignup = "DELETE FROM pending_signups WHERE login = $1";

constexpr std::string_view kInsertAccount =
    "INSERT INTO accounts (id, login, login_kind, display_name, locale, password_hash, "
    "created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)";
constexpr std::string_view kSelectAccountByLogin =
    "SELECT id, login, login_kind, display_name, locale, password_hash, created_at "
    "FROM accounts WHERE login = $1";
constexpr std::string_view kSelectAccount =
    "SELECT id, login, login_kind, display_name, locale, password_hash, created_at "
    "FROM accounts WHERE id = $1";
constexpr std::string_view kUpdateAccountSettings =
    "UPDATE accounts SET display_name = $2, locale = $3 WHERE id = $1";
constexpr std::string_view kUpdatePasswordHash =
    "UPDATE accounts SET password_hash = $2 WHERE id = $1";
constexpr std::string_view kDeleteOtherSessions =
    "DELETE FROM sessions WHERE member_id = $1 AND id <> $2";
// Sessions go with the account through ON DELETE CASCADE. A sign-up someone started later for
// the same login goes too, and so do the codes and notices the outbox holds for it.
constexpr std::string_view kDeleteAccount = "DELETE FROM accounts WHERE id = $1";
constexpr std::string_view kDeleteSignupOfAccount =
    "DELETE FROM pending_signups WHERE login = (SELECT login FROM accounts WHERE id = $1)";
constexpr std::string_view kDeleteMailOfAccount =
    "DELETE FROM outbox WHERE recipient = (SELECT login FROM accounts WHERE id = $1)";
// Everything else the member owns cascades from the account, but an image has no owner
// column: its photo and persona avatars are found through the rows that show them.
constexpr std::string_view kDeleteImagesOfAccount =
    "DELETE FROM images WHERE id IN ("
    "SELECT photo_id FROM profiles WHERE member_id = $1 AND photo_id IS NOT NULL "
    "UNION SELECT avatar_id FROM personas WHERE owner_id = $1 AND avatar_id IS NOT NULL)";

constexpr std::string_view kInsertSession =
    "INSERT INTO sessions (id, member_id, kind, token_hash, csrf_token, user_agent, created_at, "
    "last_seen_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";
constexpr std::string_view kSelectSessionByTokenHash =
    "SELECT id, member_id, kind, token_hash, csrf_token, user_agent, created_at, last_seen_at, "
    "expires_at FROM sessions WHERE token_hash = $1";
// The session's nine columns, then the account's seven, as the two decoders read them.
constexpr std::string_view kSelectSessionWithAccount =
    "SELECT s.id, s.member_id, s.kind, s.token_hash, s.csrf_token, s.user_agent, s.created_at, "
    "s.last_seen_at, s.expires_at, a.id, a.login, a.login_kind, a.display_name, a.locale, "
    "a.password_hash, a.created_at "
    "FROM sessions s JOIN accounts a ON a.id = s.member_id WHERE s.token_hash = $1";
constexpr int kAccountColumnsAfterSession = 9;
// The id breaks ties between sessions created in the same microsecond, so the order is stable.
constexpr std::string_view kSelectSessionsOfMember =
    "SELECT id, member_id, kind, token_hash, csrf_token, user_agent, created_at, last_seen_at, "
    "expires_at FROM sessions WHERE member_id = $1 ORDER BY created_at DESC, id DESC";
constexpr std::string_view kDeleteSession = "DELETE FROM sessions WHERE id = $1 AND member_id = $2";
// Never moves backwards when two requests of one session touch it out of order.
constexpr std::string_view kTouchSession =
    "UPDATE sessions SET last_seen_at = $2 WHERE id = $1 AND last_seen_at < $2";
constexpr std::string_view kDeleteExpiredSessions = "DELETE FROM sessions WHERE expires_at < $1";
constexpr std::string_view kDeleteExpiredSignups =
    "DELETE FROM pending_signups WHERE expires_at < $1";

std::string_view LoginKindText(LoginKind kind) {
  return kind == LoginKind::kPhone ? "phone" : "email";
}
std::optional<LoginKind> ParseLoginKind(std::string_view text) {
  if (text == "email") return LoginKind::kEmail;
  if (text == "phone") return LoginKind::kPhone;
  return std::nullopt;
}
std::string_view SessionKindText(SessionKind kind) {
  return kind == SessionKind::kApi ? "api" : "browser";
}
std::optional<SessionKind> ParseSessionKind(std::string_view text) {
  if (text == "browser") return SessionKind::kBrowser;
  if (text == "api") return SessionKind::kApi;
  return std::nullopt;
}

// Decodes the account columns of kAccountColumns starting at column `first`.
std::optional<Account> DecodeAccountAt(const SqlRow& row, int first) {
  auto kind = ParseLoginKind(row.Text(first + 2));
  if (!kind) return std::nullopt;
  return Account{MemberId(static_cast<uint64_t>(row.Int64(first))),
                 row.Text(first + 1),
                 *kind,
                 row.Text(first + 3),
                 row.Text(first + 4),
                 row.Text(first + 5),
                 FromMicros(row.Int64(first + 6))};
}

std::optional<Account> DecodeAccount(const SqlRow& row) { return DecodeAccountAt(row, 0); }

std::optional<PendingSignup> DecodePendingSignup(const SqlRow& row) {
  auto kind = ParseLoginKind(row.Text(1));
  if (!kind) return std::nullopt;
  return PendingSignup{row.Text(0),
                       *kind,
                       row.Text(2),
                       row.Text(3),
                       row.Text(4),
                       row.Text(5),
                       static_cast<int>(row.Int64(6)),
                       FromMicros(row.Int64(7)),
                       FromMicros(row.Int64(8))};
}

std::optional<Session> DecodeSession(const SqlRow& row) {
  auto kind = ParseSessionKind(row.Text(2));
  if (!kind) return std::nullopt;
  return Session{SessionId(static_cast<uint64_t>(row.Int64(0))),
                 MemberId(static_cast<uint64_t>(row.Int64(1))),
                 *kind,
                 row.Text(3),
                 row.Text(4),
                 row.Text(5),
                 FromMicros(row.Int64(6)),
                 FromMicros(row.Int64(7)),
                 FromMicros(row.Int64(8))};
}

Result<void> InsertAccount(SqlConnection& db, const Account& a) {
  ENISHI_TRY(
      db.Execute(kInsertAccount, {Key(a.id), a.login, LoginKindText(a.login_kind), a.display_name,
                                  a.locale, a.password_hash, ToMicros(a.created_at)}));
  return Ok();
}

Result<void> InsertSession(SqlConnection& db, const Session& s) {
  ENISHI_TRY(db.Execute(
      kInsertSession,
      {Key(s.id), Key(s.member_id), SessionKindText(s.kind), s.token_hash, s.csrf_token,
       s.user_agent, ToMicros(s.created_at), ToMicros(s.last_seen_at), ToMicros(s.expires_at)}));
  return Ok();
}

}  // namespace

Result<void> SqlAccountRepository::PutPendingSignup(const PendingSignup& s) {
  return run_.Write("accounts.put_pending_signup", [&](SqlConnection& db) -> Result<void> {
    ENISHI_TRY(
        db.Execute(kUpsertPendingSignup,
                   {s.login, LoginKindText(s.login_kind), s.display_name, s.locale, s.password_hash,
                    s.code_hash, s.attempts_left, ToMicros(s.created_at), ToMicros(s.expires_at)}));
    return Ok();
  });
}

Result<std::optional<PendingSignup>> SqlAccountRepository::FindPendingSignup(
    std::string_view login) {
  return run_.Read("accounts.find_pending_signup", [&](SqlConnection& db) {
    return QueryOptional<PendingSignup>(db, kSelectPendingSignup, {login}, DecodePendingSignup);
  });
}

Result<void> SqlAccountRepository::SpendSignupAttempt(std::string_view login) {
  return run_.Write("accounts.spend_signup_attempt", [&](SqlConnection& db) -> Result<void> {
    ENISHI_TRY(db.Execute(kSpendSignupAttempt, {login}));
    return Ok();
  });
}

Result<void> SqlAccountRepository::CompleteSignup(const Account& account, const Session& session) {
  return run_.Write("accounts.complete_signup", [&](SqlConnection& db) -> Result<void> {
    // A taken login (or id) fails the insert with kAlreadyExists, which undoes the unit.
    ENISHI_TRY(InsertAccount(db, account));
    ENISHI_TRY(InsertSession(db, session));
    ENISHI_TRY(db.Execute(kDeletePendingSignup, {account.login}));
    return Ok();
  });
}

Result<void> SqlAccountRepository::CreateAccount(const Account& account) {
  return run_.Write("accounts.create_account",
                    [&](SqlConnection& db) { return InsertAccount(db, account); });
}

Result<std::optional<Account>> SqlAccountRepository::FindAccountByLogin(std::string_view login) {
  return run_.Read("accounts.find_account_by_login", [&](SqlConnection& db) {
    return QueryOptional<Account>(db, kSelectAccountByLogin, {login}, DecodeAccount);
  });
}

Result<std::optional<Account>> SqlAccountRepository::FindAccount(MemberId id) {
  return run_.Read("accounts.find_account", [&](SqlConnection& db) {
    return QueryOptional<Account>(db, kSelectAccount, {Key(id)}, DecodeAccount);
  });
}

Result<void> SqlAccountRepository::UpdateAccountSettings(MemberId id, std::string_view display_name,
                                                         std::string_view locale) {
  return run_.Write("accounts.update_account_settings", [&](SqlConnection& db) {
    return ExpectFound(db.Execute(kUpdateAccountSettings, {Key(id), display_name, locale}),
                       "account");
  });
}

Result<void> SqlAccountRepository::ChangePassword(MemberId id, std::string_view password_hash,
                                                  SessionId keep) {
  return run_.Write("accounts.change_password", [&](SqlConnection& db) -> Result<void> {
    ENISHI_TRY(ExpectFound(db.Execute(kUpdatePasswordHash, {Key(id), password_hash}), "account"));
    ENISHI_TRY(db.Execute(kDeleteOtherSessions, {Key(id), Key(keep)}));
    return db.Notify(accounts::kSessionsEndedChannel, id.ToString());
  });
}

Result<void> SqlAccountRepository::DeleteAccount(MemberId id) {
  return run_.Write("accounts.delete_account", [&](SqlConnection& db) -> Result<void> {
    ENISHI_TRY(db.Execute(kDeleteSignupOfAccount, {Key(id)}));
    ENISHI_TRY(db.Execute(kDeleteMailOfAccount, {Key(id)}));
    ENISHI_TRY(db.Execute(kDeleteImagesOfAccount, {Key(id)}));
    ENISHI_TRY(ExpectFound(db.Execute(kDeleteAccount, {Key(id)}), "account"));
    return db.Notify(accounts::kSessionsEndedChannel, id.ToString());
  });
}

Result<void> SqlAccountRepository::CreateSession(const Session& session) {
  return run_.Write("accounts.create_session",
                    [&](SqlConnection& db) { return InsertSession(db, session); });
}

Result<std::optional<Session>> SqlAccountRepository::FindSessionByTokenHash(
    std::string_view token_hash) {
  return run_.Read("accounts.find_session_by_token_hash", [&](SqlConnection& db) {
    return QueryOptional<Session>(db, kSelectSessionByTokenHash, {token_hash}, DecodeSession);
  });
}

Result<std::optional<SessionWithAccount>> SqlAccountRepository::FindSessionWithAccount(
    std::string_view token_hash) {
  return run_.Read("accounts.find_session_with_account", [&](SqlConnection& db) {
    return QueryOptional<SessionWithAccount>(
        db, kSelectSessionWithAccount, {token_hash},
        [](const SqlRow& row) -> std::optional<SessionWithAccount> {
          auto session = DecodeSession(row);
          auto account = DecodeAccountAt(row, kAccountColumnsAfterSession);
          if (!session || !account) return std::nullopt;
          return SessionWithAccount{std::move(*session), std::move(*account)};
        });
  });
}

Result<std::vector<Session>> SqlAccountRepository::ListSessions(MemberId member) {
  return run_.Read("accounts.list_sessions", [&](SqlConnection& db) {
    return QueryAll<Session>(db, kSelectSessionsOfMember, {Key(member)}, DecodeSession);
  });
}

Result<bool> SqlAccountRepository::DeleteSession(MemberId member, SessionId session) {
  return run_.Write("accounts.delete_session", [&](SqlConnection& db) -> Result<bool> {
    auto deleted = db.Execute(kDeleteSession, {Key(session), Key(member)});
    if (!deleted) return deleted.error();
    if (*deleted == 0) return false;
    ENISHI_TRY(db.Notify(accounts::kSessionsEndedChannel, member.ToString()));
    return true;
  });
}

Result<void> SqlAccountRepository::TouchSessions(std::span<const accounts::SessionSeen> seen) {
  return run_.Write("accounts.touch_sessions", [&](SqlConnection& db) -> Result<void> {
    for (const accounts::SessionSeen& s : seen) {
      ENISHI_TRY(db.Execute(kTouchSession, {Key(s.session), ToMicros(s.at)}));
    }
    return Ok();
  });
}

Result<int> SqlAccountRepository::DeleteExpired(Timestamp now) {
  return run_.Write("accounts.delete_expired", [&](SqlConnection& db) -> Result<int> {
    auto sessions = db.Execute(kDeleteExpiredSessions, {ToMicros(now)});
    if (!sessions) return sessions.error();
    auto signups = db.Execute(kDeleteExpiredSignups, {ToMicros(now)});
    if (!signups) return signups.error();
    return static_cast<int>(*sessions + *signups);
  });
}

}  // namespace enishi::storage::sql
