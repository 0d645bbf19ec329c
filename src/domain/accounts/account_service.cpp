#include "domain/accounts/account_service.hpp"

#include <algorithm>

#include "core/check.hpp"
#include "core/log.hpp"
#include "crypto/random.hpp"
#include "domain/accounts/account_messages.hpp"
#include "domain/accounts/account_settings.hpp"
#include "domain/accounts/login.hpp"
#include "domain/accounts/password_policy.hpp"
#include "domain/accounts/text.hpp"

namespace enishi::accounts {
namespace {

// One text per kind of failure, whatever its cause, so that messages reveal nothing.
constexpr std::string_view kBadCredentials = "invalid login or password";
constexpr std::string_view kBadCode = "invalid or expired code";
constexpr std::string_view kBadSession = "invalid or expired session";

constexpr int kCodeDigits = 6;
// Issued tokens are 43 characters; anything much longer is not worth hashing.
constexpr size_t kMaxTokenBytes = 256;
constexpr size_t kMaxUserAgentBytes = 256;
// Authenticate refreshes last_seen_at at most this often, so that requests are not all writes.
constexpr auto kTouchInterval = std::chrono::minutes(1);

// The digits of a one-time code as typed: spaces dropped, full-width digits narrowed.
std::optional<std::string> NormaliseCode(std::string_view code) {
  auto decoded = DecodeUtf8(code);
  if (!decoded) return std::nullopt;
  std::string digits;
  for (char32_t c : *decoded) {
    c = NarrowDigitOrPlus(c);
    if (c >= U'0' && c <= U'9') {
      digits += static_cast<char>(c);
    } else if (!IsSpace(c)) {
      return std::nullopt;
    }
  }
  if (digits.size() != kCodeDigits) return std::nullopt;
  return digits;
}

// The user agent as shown in the session list: printable ASCII (which real agents are), cut.
std::string StoredUserAgent(std::string_view agent) {
  std::string out;
  for (char c : agent.substr(0, kMaxUserAgentBytes)) {
    if (c >= ' ' && c <= '~') out += c;
  }
  return out;
}

std::string DummyHash(PasswordHasher& hasher) {
  auto hash = hasher.Hash(crypto::RandomToken());
  ENISHI_CHECK(hash.has_value(), "hashing the dummy password failed at start-up");
  return std::move(hash).value();
}

}  // namespace

AccountService::AccountService(AccountRepository& repository, mail::Mailer& mailer,
                               const Clock& clock, AccountServiceOptions options)
    : AccountService(repository, mailer, clock, options,
                     std::make_unique<Argon2idHasher>(options.password_cost)) {}

AccountService::AccountService(AccountRepository& repository, mail::Mailer& mailer,
                               const Clock& clock, AccountServiceOptions options,
                               std::unique_ptr<PasswordHasher> hasher)
    : repository_(repository),
      mailer_(mailer),
      clock_(clock),
      options_(std::move(options)),
      hasher_(std::move(hasher)),
      throttle_(clock, options_.throttle),
      device_tokens_(options_.device_token_key),
      dummy_hash_(DummyHash(*hasher_)) {}

Result<void> AccountService::StartSignup(const SignupRequest& request, const ClientInfo& client) {
  auto login = NormaliseLogin(request.login);
  if (!login) return login.error();
  auto display_name = NormaliseDisplayName(request.display_name);
  if (!display_name) return display_name.error();
  auto locale = NormaliseLocale(request.locale);
  if (!locale) return locale.error();
  ENISHI_TRY(CheckPassword(request.password, login->login, *display_name, "password"));
  ENISHI_TRY(throttle_.AdmitSignup(login->login, client.ip));

  // From here on both cases do the same work: one Argon2id hash, one lookup, one write of a
  // pending sign-up and one message. For a taken login the code is never sent, so the pending
  // sign-up can never complete (and CompleteSignup would refuse it anyway).
  auto password_hash = hasher_->Hash(request.password);
  if (!password_hash) return password_hash.error();
  auto existing = repository_.FindAccountByLogin(login->login);
  if (!existing) return existing.error();

  std::string code = crypto::RandomDigits(kCodeDigits);
  Timestamp now = clock_.Now();
  PendingSignup pending;
  pending.login = login->login;
  pending.login_kind = login->kind;
  pending.display_name = *display_name;
  pending.locale = *locale;
  pending.password_hash = std::move(*password_hash);
  pending.code_hash = crypto::Sha256Hex(code);
  pending.attempts_left = options_.signup_code_attempts;
  pending.created_at = now;
  pending.expires_at = now + options_.signup_code_ttl;
  ENISHI_TRY(repository_.PutPendingSignup(pending));

  mail::Message message =
      *existing ? ComposeMessage(AccountMessage::kSignupOnExistingLogin, (*existing)->locale,
                                 login->login, login->kind, {}, now)
                : ComposeMessage(AccountMessage::kSignupCode, *locale, login->login, login->kind,
                                 {code, options_.signup_code_ttl}, now);
  return mailer_.Send(message);
}

Result<IssuedSession> AccountService::VerifySignup(std::string_view login, std::string_view code,
                                                   SessionKind kind, const ClientInfo& client) {
  auto digits = NormaliseCode(code);
  if (!digits) return InvalidArgument("code must be six digits", "code");
  auto normalised = NormaliseLogin(login);
  if (!normalised) return Unauthenticated(std::string(kBadCode));
  // A wrong code is a failed credential: the throttle bounds guesses across concurrent
  // requests, which attempts_left alone (read, then spent) cannot.
  auto admission = throttle_.AdmitLogin(normalised->login, client.ip, {});
  if (!admission) return admission.error();

  auto pending = repository_.FindPendingSignup(normalised->login);
  if (!pending) return pending.error();
  Timestamp now = clock_.Now();
  if (!*pending || (*pending)->expires_at <= now || (*pending)->attempts_left <= 0) {
    return Unauthenticated(std::string(kBadCode));
  }
  if (!crypto::ConstantTimeEquals(crypto::Sha256Hex(*digits), (*pending)->code_hash)) {
    ENISHI_TRY(repository_.SpendSignupAttempt(normalised->login));
    return Unauthenticated(std::string(kBadCode));
  }

  Account account;
  account.id = crypto::RandomId<MemberId>();
  account.login = (*pending)->login;
  account.login_kind = (*pending)->login_kind;
  account.display_name = (*pending)->display_name;
  account.locale = (*pending)->locale;
  account.password_hash = (*pending)->password_hash;
  account.created_at = now;
  auto [session, token] = NewSession(account.id, kind, client, now);
  auto completed = repository_.CompleteSignup(account, session);
  if (!completed) {
    // The login got an account meanwhile, or had one all along: the code was never sent to
    // whoever asked, so this is a wrong code like any other.
    if (completed.error().code == ErrorCode::kAlreadyExists) {
      return Unauthenticated(std::string(kBadCode));
    }
    return completed.error();
  }
  throttle_.Forgive(*admission);
  return IssuedSession{std::move(session), account, std::move(token),
                       device_tokens_.Issue(account.id)};
}

Result<IssuedSession> AccountService::Login(std::string_view login, std::string_view password,
                                            SessionKind kind, const ClientInfo& client) {
  // A malformed login takes the same path as an unknown one: counted by the throttle under
  // what was typed and checked against the dummy hash. (It skips the store lookup, which costs
  // microseconds next to Argon2id's milliseconds and could only reveal the format.)
  auto normalised = NormaliseLogin(login);
  std::optional<Account> account;
  if (normalised) {
    auto found = repository_.FindAccountByLogin(normalised->login);
    if (!found) return found.error();
    account = std::move(*found);
  }
  std::string device;
  if (account) device = device_tokens_.Verify(client.device_token, account->id).value_or("");
  auto admission = throttle_.AdmitLogin(normalised ? std::string_view(normalised->login) : login,
                                        client.ip, device);
  if (!admission) return admission.error();

  bool matches = hasher_->Verify(password, account ? account->password_hash : dummy_hash_);
  if (!account || !matches) return Unauthenticated(std::string(kBadCredentials));
  throttle_.Forgive(*admission);

  auto [session, token] = NewSession(account->id, kind, client, clock_.Now());
  ENISHI_TRY(repository_.CreateSession(session));
  std::string device_token = device_tokens_.Issue(account->id);
  return IssuedSession{std::move(session), std::move(*account), std::move(token),
                       std::move(device_token)};
}

Result<AuthenticatedSession> AccountService::Authenticate(std::string_view token) {
  if (token.empty() || token.size() > kMaxTokenBytes) {
    return Unauthenticated(std::string(kBadSession));
  }
  std::string token_hash = crypto::Sha256Hex(token);
  Timestamp now = clock_.Now();
  uint64_t generation = 0;
  {
    std::lock_guard lock(mutex_);
    auto cached = cache_.find(token_hash);
    // An entry read "later" than now (the clock stepped back) is not trusted either.
    if (cached != cache_.end() && cached->second.read_at <= now &&
        now - cached->second.read_at < kSessionCacheTtl) {
      Session& session = cached->second.signed_in.session;
      if (session.expires_at <= now) return Unauthenticated(std::string(kBadSession));
      NoteUse(session, now);
      return cached->second.signed_in;
    }
    generation = cache_generation_;
  }

  // The session and its account in one read, outside the lock.
  auto found = repository_.FindSessionWithAccount(token_hash);
  if (!found) return found.error();
  if (!*found || (*found)->session.expires_at <= now) {
    return Unauthenticated(std::string(kBadSession));
  }
  AuthenticatedSession signed_in = std::move(**found);
  std::lock_guard lock(mutex_);
  NoteUse(signed_in.session, now);
  // A session ended or an account changed while the read was in flight: what was read may
  // predate it, so it serves this request only.
  if (generation == cache_generation_) Remember(std::move(token_hash), signed_in, now);
  return signed_in;
}

void AccountService::ForgetSessionsOf(MemberId member) {
  std::lock_guard lock(mutex_);
  ++cache_generation_;
  std::erase_if(cache_, [member](const auto& entry) {
    return entry.second.signed_in.session.member_id == member;
  });
}

Result<void> AccountService::StoreSessionActivity() {
  std::unordered_map<SessionId, Timestamp> seen;
  {
    std::lock_guard lock(mutex_);
    seen.swap(seen_);
  }
  if (seen.empty()) return Ok();
  std::vector<SessionSeen> batch;
  batch.reserve(seen.size());
  for (const auto& [session, at] : seen) batch.push_back({session, at});
  Result<void> stored = repository_.TouchSessions(batch);
  if (!stored) {
    std::lock_guard lock(mutex_);
    for (const auto& [session, at] : seen) {
      Timestamp& kept = seen_[session];
      kept = std::max(kept, at);
    }
  }
  return stored;
}

Result<void> AccountService::Logout(const Session& session) {
  auto deleted = repository_.DeleteSession(session.member_id, session.id);
  ForgetSessionsOf(session.member_id);
  if (!deleted) return deleted.error();
  return Ok();
}

Result<Account> AccountService::UpdateSettings(MemberId member,
                                               std::optional<std::string> display_name,
                                               std::optional<std::string> locale) {
  if (display_name) {
    auto normalised = NormaliseDisplayName(*display_name);
    if (!normalised) return normalised.error();
    display_name = std::move(*normalised);
  }
  if (locale) {
    auto normalised = NormaliseLocale(*locale);
    if (!normalised) return normalised.error();
    locale = std::move(*normalised);
  }
  auto account = repository_.FindAccount(member);
  if (!account) return account.error();
  if (!*account) return NotFound("account not found");
  if (display_name) (*account)->display_name = std::move(*display_name);
  if (locale) (*account)->locale = std::move(*locale);
  auto updated =
      repository_.UpdateAccountSettings(member, (*account)->display_name, (*account)->locale);
  ForgetSessionsOf(member);
  if (!updated) return updated.error();
  return std::move(**account);
}

Result<void> AccountService::ChangePassword(const Session& session,
                                            std::string_view current_password,
                                            std::string_view new_password) {
  auto account = repository_.FindAccount(session.member_id);
  if (!account) return account.error();
  if (!*account) return Unauthenticated(std::string(kBadSession));
  // The policy first: it needs no secret, and a refused new password should not use up one of
  // the member's re-authentication attempts.
  ENISHI_TRY(
      CheckPassword(new_password, (*account)->login, (*account)->display_name, "new_password"));
  ENISHI_TRY(Reauthenticate(**account, current_password, "current_password"));
  auto password_hash = hasher_->Hash(new_password);
  if (!password_hash) return password_hash.error();
  auto changed = repository_.ChangePassword(session.member_id, *password_hash, session.id);
  ForgetSessionsOf(session.member_id);
  if (!changed) return changed.error();

  // The change is made; a lost notice must not turn it into a reported failure.
  auto sent =
      mailer_.Send(ComposeMessage(AccountMessage::kPasswordChanged, (*account)->locale,
                                  (*account)->login, (*account)->login_kind, {}, clock_.Now()));
  if (!sent) {
    log::Warn("password_change_notice_failed",
              {{"member", session.member_id.ToString()}, {"error", sent.error().message}});
  }
  return Ok();
}

Result<std::vector<Session>> AccountService::ListSessions(MemberId member) {
  return repository_.ListSessions(member);
}

Result<void> AccountService::RevokeSession(MemberId member, SessionId session) {
  auto deleted = repository_.DeleteSession(member, session);
  ForgetSessionsOf(member);
  if (!deleted) return deleted.error();
  if (!*deleted) return NotFound("session not found");
  return Ok();
}

Result<AccountExport> AccountService::Export(MemberId member) {
  auto account = repository_.FindAccount(member);
  if (!account) return account.error();
  if (!*account) return NotFound("account not found");
  auto sessions = repository_.ListSessions(member);
  if (!sessions) return sessions.error();

  AccountExport out;
  const Account& a = **account;
  out.account = {a.id, a.login, a.login_kind, a.display_name, a.locale, a.created_at};
  for (const Session& s : *sessions) {
    out.sessions.push_back(
        {s.id, s.kind, s.user_agent, s.created_at, s.last_seen_at, s.expires_at});
  }
  out.exported_at = clock_.Now();
  return out;
}

Result<void> AccountService::DeleteAccount(MemberId member, std::string_view password) {
  auto account = repository_.FindAccount(member);
  if (!account) return account.error();
  if (!*account) return NotFound("account not found");
  ENISHI_TRY(Reauthenticate(**account, password, "password"));
  Result<void> deleted = repository_.DeleteAccount(member);
  ForgetSessionsOf(member);
  return deleted;
}

std::pair<Session, std::string> AccountService::NewSession(MemberId member, SessionKind kind,
                                                           const ClientInfo& client,
                                                           Timestamp now) const {
  std::string token = crypto::RandomToken();
  Session session;
  session.id = crypto::RandomId<SessionId>();
  session.member_id = member;
  session.kind = kind;
  session.token_hash = crypto::Sha256Hex(token);
  session.csrf_token = crypto::RandomToken();
  session.user_agent = StoredUserAgent(client.user_agent);
  session.created_at = now;
  session.last_seen_at = now;
  session.expires_at =
      now + (kind == SessionKind::kApi ? options_.api_session_ttl : options_.browser_session_ttl);
  return {std::move(session), std::move(token)};
}

Result<void> AccountService::Reauthenticate(const Account& account, std::string_view password,
                                            std::string_view field) {
  auto admission = throttle_.AdmitReauthentication(account.id);
  if (!admission) return admission.error();
  if (!hasher_->Verify(password, account.password_hash)) {
    Error error = Unauthenticated("password is incorrect");
    error.field = std::string(field);
    return error;
  }
  throttle_.Forgive(*admission);
  return Ok();
}

void AccountService::NoteUse(Session& session, Timestamp now) {
  if (now - session.last_seen_at < kTouchInterval) return;
  seen_[session.id] = now;
  session.last_seen_at = now;
}

void AccountService::Remember(std::string token_hash, const AuthenticatedSession& signed_in,
                              Timestamp now) {
  if (cache_.size() >= kMaxCachedSessions && !cache_.contains(token_hash)) {
    std::erase_if(cache_, [now](const auto& entry) {
      return entry.second.read_at > now || now - entry.second.read_at >= kSessionCacheTtl;
    });
    // Every entry is fresh: more sessions are in use each second than the cache holds, so it
    // would save little; starting afresh keeps this cheap and the bound strict.
    if (cache_.size() >= kMaxCachedSessions) cache_.clear();
  }
  cache_.insert_or_assign(std::move(token_hash), CachedSession{signed_in, now});
}

}  // namespace enishi::accounts
