#pragma once
// Value types of the accounts module (F1): accounts, pending sign-ups and sessions.

#include <string>

#include "core/clock.hpp"
#include "core/ids.hpp"

namespace enishi::accounts {

enum class LoginKind { kEmail, kPhone };
enum class SessionKind { kBrowser, kApi };

struct Account {
  MemberId id;
  std::string login;  // Normalised: lowercase email, or E.164 phone number ("+819012345678").
  LoginKind login_kind = LoginKind::kEmail;
  std::string display_name;
  std::string locale;         // "ja", "zh-Hans" or "en".
  std::string password_hash;  // Argon2id, encoded.
  Timestamp created_at;
};

// A sign-up waiting for its one-time code. At most one per login; a new one replaces it.
struct PendingSignup {
  std::string login;
  LoginKind login_kind = LoginKind::kEmail;
  std::string display_name;
  std::string locale;
  std::string password_hash;
  std::string code_hash;  // SHA-256 hex of the six-digit code.
  int attempts_left = 0;
  Timestamp created_at;
  Timestamp expires_at;
};

struct Session {
  SessionId id;
  MemberId member_id;
  SessionKind kind = SessionKind::kBrowser;
  std::string token_hash;  // SHA-256 hex of the bearer/cookie token; the token is never stored.
  std::string csrf_token;  // Compared with the X-CSRF-Token header on cookie requests.
  std::string user_agent;
  Timestamp created_at;
  Timestamp last_seen_at;
  Timestamp expires_at;
};

// When a session was last used, as AccountRepository::TouchSessions stores it.
struct SessionSeen {
  SessionId session;
  Timestamp at;
};

// A session with the account it belongs to: what authenticating a request needs.
struct SessionWithAccount {
  Session session;
  Account account;
};

}  // namespace enishi::accounts
