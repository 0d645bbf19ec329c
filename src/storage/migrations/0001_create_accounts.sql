-- Accounts (F1), sign-ups waiting for their one-time code, and sessions.
-- Ids are random 63-bit numbers chosen by the application; times are UTC microseconds.

CREATE TABLE accounts (
  id BIGINT PRIMARY KEY,
  login TEXT NOT NULL UNIQUE,
  login_kind TEXT NOT NULL CHECK (login_kind IN ('email', 'phone')),
  display_name TEXT NOT NULL,
  locale TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  created_at BIGINT NOT NULL
);

CREATE TABLE pending_signups (
  login TEXT PRIMARY KEY,
  login_kind TEXT NOT NULL CHECK (login_kind IN ('email', 'phone')),
  display_name TEXT NOT NULL,
  locale TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  code_hash TEXT NOT NULL,
  attempts_left INTEGER NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);

CREATE INDEX pending_signups_expires_at ON pending_signups (expires_at);

CREATE TABLE sessions (
  id BIGINT PRIMARY KEY,
  member_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('browser', 'api')),
  token_hash TEXT NOT NULL UNIQUE,
  csrf_token TEXT NOT NULL,
  user_agent TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);

CREATE INDEX sessions_member_id ON sessions (member_id);
CREATE INDEX sessions_expires_at ON sessions (expires_at);
