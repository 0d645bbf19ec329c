-- Relationships (F8–F12, F29): greetings and connection requests, blocks, inbound policies,
-- business cards and their scans. The ties that requests leave follow in 0006, which needs a
-- file per dialect.
--
-- Everything a member owns goes with their account through ON DELETE CASCADE, and so does
-- anything naming them from the other side (a request to them, a block of them). Enums are
-- stored by the names the repository gives them; the names the SQL itself tests ('pending',
-- 'accepted') are CHECKed. Flags are 0 or 1. The same SQL suits both backends.

-- introduced_by only records who introduced the two: deleting that account keeps the request.
CREATE TABLE requests (
  id BIGINT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('greeting', 'connection')),
  sender_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  recipient_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  note TEXT NOT NULL,
  provenance TEXT NOT NULL,
  introduced_by BIGINT REFERENCES accounts (id) ON DELETE SET NULL,
  filtered INTEGER NOT NULL CHECK (filtered IN (0, 1)),
  state TEXT NOT NULL
    CHECK (state IN ('pending', 'accepted', 'declined', 'withdrawn', 'expired')),
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  resolved_at BIGINT,
  CHECK (sender_id <> recipient_id)
);

-- One pending request of a kind from a sender to a recipient; resolved ones pile up freely.
CREATE UNIQUE INDEX requests_pending ON requests (kind, sender_id, recipient_id)
  WHERE state = 'pending';
-- Each list reads newest first straight from its index; the id breaks ties in the same
-- microsecond. requests_pair finds what one member asked of another.
CREATE INDEX requests_received ON requests (recipient_id, state, created_at, id);
CREATE INDEX requests_sent ON requests (sender_id, created_at, id);
CREATE INDEX requests_sent_kind ON requests (sender_id, kind, created_at);
CREATE INDEX requests_pair ON requests (sender_id, recipient_id, kind, created_at, id);
CREATE INDEX requests_introduced_by ON requests (introduced_by) WHERE introduced_by IS NOT NULL;

CREATE TABLE blocks (
  blocker_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  blocked_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (blocker_id, blocked_id),
  CHECK (blocker_id <> blocked_id)
);

CREATE INDEX blocks_blocked_id ON blocks (blocked_id);

-- A member without a row has the default policy. refused_functions is a text list of job
-- function names (TextList in storage/sql/sql_codec.hpp); connection_list an audience.
CREATE TABLE inbound_policies (
  member_id BIGINT PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
  greetings TEXT NOT NULL,
  requests TEXT NOT NULL,
  messages TEXT NOT NULL,
  refused_functions TEXT NOT NULL,
  min_account_age_days INTEGER NOT NULL,
  business_asks TEXT NOT NULL,
  connection_list TEXT NOT NULL
);

CREATE TABLE cards (
  member_id BIGINT PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
  code TEXT NOT NULL UNIQUE,
  created_at BIGINT NOT NULL
);

-- The latest scan of each card by each scanner.
CREATE TABLE card_scans (
  scanner_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  owner_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  scanned_at BIGINT NOT NULL,
  PRIMARY KEY (scanner_id, owner_id)
);

CREATE INDEX card_scans_owner_id ON card_scans (owner_id);
