-- Warm introductions (F13, F14), and the etiquette that asks members far junior to someone to
-- come through one. The same SQL suits both backends. Enums are stored by the names the
-- repositories give them; those the SQL itself tests are CHECKed. Flags are 0 or 1; times are
-- UTC microseconds.

ALTER TABLE inbound_policies
  ADD COLUMN juniors_need_introduction INTEGER NOT NULL DEFAULT 1
  CHECK (juniors_need_introduction IN (0, 1));

-- An introduction goes with its requester's or its target's account. version grows with each
-- change: a write names the version it read, so two servers cannot both change one.
CREATE TABLE introductions (
  id BIGINT PRIMARY KEY,
  requester_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  target_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  purpose TEXT NOT NULL,
  note TEXT NOT NULL,
  ask_network INTEGER NOT NULL CHECK (ask_network IN (0, 1)),
  target_state TEXT NOT NULL
    CHECK (target_state IN ('not_yet', 'waiting', 'accepted', 'declined')),
  target_answered_at BIGINT,
  conversation_id BIGINT REFERENCES conversations (id) ON DELETE SET NULL,
  withdrawn_at BIGINT,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  version BIGINT NOT NULL
);

CREATE INDEX introductions_requester ON introductions (requester_id, created_at);
CREATE INDEX introductions_target ON introductions (target_id, created_at)
  WHERE target_state <> 'not_yet';

-- Each intermediary's part: route 0, 1, 2... (tried in turn when asking the network), step 0
-- or 1 within a route (a chain). An intermediary's account going takes their steps with it.
CREATE TABLE introduction_steps (
  introduction_id BIGINT NOT NULL REFERENCES introductions (id) ON DELETE CASCADE,
  route INTEGER NOT NULL,
  step INTEGER NOT NULL,
  intermediary_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  state TEXT NOT NULL CHECK (state IN ('queued', 'waiting', 'forwarded', 'lapsed')),
  asked_at BIGINT,
  answer_by BIGINT,
  answered_at BIGINT,
  vouch TEXT NOT NULL,
  joins INTEGER NOT NULL CHECK (joins IN (0, 1)),
  PRIMARY KEY (introduction_id, route, step)
);

-- An intermediary's inbox and daily cap, and the turns that run out.
CREATE INDEX introduction_steps_asked ON introduction_steps (intermediary_id, asked_at)
  WHERE state <> 'queued';
CREATE INDEX introduction_steps_waiting ON introduction_steps (answer_by)
  WHERE state = 'waiting';
