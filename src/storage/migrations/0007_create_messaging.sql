-- Messaging (F16), members' event streams, and notifications (F17). The same SQL suits both
-- backends.
--
-- What a member owns goes with their account through ON DELETE CASCADE: their place in each
-- conversation, the messages they sent, what they hid, their stream, their notifications and
-- settings, and notifications naming them as the actor. A conversation itself stays while
-- others are in it; its created_by and introduced_by only record who, and go NULL. Enums are
-- stored by the names the repositories give them; those the SQL itself tests are CHECKed.
-- Flags are 0 or 1; times are UTC microseconds.

-- last_seq counts the messages: each append takes last_seq + 1 under the row's lock. A direct
-- conversation holds its two members' ids, lower first, in direct_low and direct_high, which
-- conversations_direct keeps unique: there is one direct conversation per pair, and it is
-- found by key. They are plain numbers, no foreign keys: the pair stays as it was.
CREATE TABLE conversations (
  id BIGINT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('direct', 'group')),
  title TEXT NOT NULL,
  created_by BIGINT REFERENCES accounts (id) ON DELETE SET NULL,
  awaiting_reply INTEGER NOT NULL CHECK (awaiting_reply IN (0, 1)),
  introduced_by BIGINT REFERENCES accounts (id) ON DELETE SET NULL,
  direct_low BIGINT,
  direct_high BIGINT,
  last_seq BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  last_activity_at BIGINT NOT NULL,
  CHECK ((kind = 'direct') = (direct_low IS NOT NULL AND direct_high IS NOT NULL)),
  CHECK (direct_low < direct_high)
);

CREATE UNIQUE INDEX conversations_direct ON conversations (direct_low, direct_high)
  WHERE direct_low IS NOT NULL;
CREATE INDEX conversations_created_by ON conversations (created_by) WHERE created_by IS NOT NULL;
CREATE INDEX conversations_introduced_by ON conversations (introduced_by)
  WHERE introduced_by IS NOT NULL;

-- One member's place in a conversation. join_order orders those who joined at the same time as
-- they were given. last_activity_at copies the conversation's, so that a member's list of
-- conversations reads newest first straight from participants_list.
CREATE TABLE participants (
  conversation_id BIGINT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  member_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  folder TEXT NOT NULL CHECK (folder IN ('inbox', 'requests', 'filtered')),
  joined_after BIGINT NOT NULL,
  left_at_seq BIGINT,
  read_seq BIGINT NOT NULL,
  joined_at BIGINT NOT NULL,
  join_order INTEGER NOT NULL,
  last_activity_at BIGINT NOT NULL,
  PRIMARY KEY (conversation_id, member_id)
);

CREATE INDEX participants_list
  ON participants (member_id, folder, last_activity_at, conversation_id) WHERE left_at_seq IS NULL;
CREATE INDEX participants_member_id ON participants (member_id);

-- proposed_times is a text list (TextList in storage/sql/sql_codec.hpp) of UTC microseconds.
-- A message deleted for everyone keeps its row, with its content cleared.
CREATE TABLE messages (
  id BIGINT PRIMARY KEY,
  conversation_id BIGINT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  seq BIGINT NOT NULL,
  sender_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  text TEXT NOT NULL,
  subject TEXT NOT NULL,
  proposed_times TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  edited_at BIGINT,
  deleted_at BIGINT
);

CREATE UNIQUE INDEX messages_seq ON messages (conversation_id, seq);
CREATE INDEX messages_sender_id ON messages (sender_id);

-- Messages a member hid from their own history.
CREATE TABLE hidden_messages (
  member_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  message_id BIGINT NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
  PRIMARY KEY (member_id, message_id)
);

CREATE INDEX hidden_messages_message_id ON hidden_messages (message_id);

-- A member without a row has the defaults (both off).
CREATE TABLE messaging_preferences (
  member_id BIGINT PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
  read_receipts INTEGER NOT NULL CHECK (read_receipts IN (0, 1)),
  typing_indicators INTEGER NOT NULL CHECK (typing_indicators IN (0, 1))
);

-- Each member's stream: the number of their latest event, and the events. A write takes the
-- next number with an upsert on stream_heads, whose row lock it holds until it commits, so on
-- PostgreSQL a member's events commit in the order of their numbers (SQLite has one writer).
-- An event names what it is about by id only, without foreign keys: the log stays as written,
-- and a reader skips what has gone since.
CREATE TABLE stream_heads (
  member_id BIGINT PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
  last_seq BIGINT NOT NULL
);

CREATE TABLE stream_events (
  member_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  seq BIGINT NOT NULL,
  kind TEXT NOT NULL
    CHECK (kind IN ('message', 'message_changed', 'read', 'conversation', 'notification')),
  conversation_id BIGINT,
  message_id BIGINT,
  notification_id BIGINT,
  actor_id BIGINT,
  read_seq BIGINT NOT NULL,
  alert INTEGER NOT NULL CHECK (alert IN (0, 1)),
  created_at BIGINT NOT NULL,
  PRIMARY KEY (member_id, seq)
);

-- actor_id is NULL for a notification without one.
CREATE TABLE notifications (
  id BIGINT PRIMARY KEY,
  member_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  category TEXT NOT NULL,
  kind TEXT NOT NULL,
  actor_id BIGINT REFERENCES accounts (id) ON DELETE CASCADE,
  subject TEXT NOT NULL,
  delivered_as TEXT NOT NULL CHECK (delivered_as IN ('in_app', 'real_time', 'digest')),
  created_at BIGINT NOT NULL,
  read_at BIGINT
);

-- The centre newest first; the unread count; the real-time alerts the daily budget counts.
CREATE INDEX notifications_member_id ON notifications (member_id, created_at, id);
CREATE INDEX notifications_unread ON notifications (member_id) WHERE read_at IS NULL;
CREATE INDEX notifications_alerts ON notifications (member_id, category, created_at)
  WHERE delivered_as = 'real_time';
CREATE INDEX notifications_actor_id ON notifications (actor_id) WHERE actor_id IS NOT NULL;

-- A member without a row has the defaults. categories lists each category's delivery mode and
-- daily budget by name, "greetings:in_app:5,requests:real_time:5,..."; a category it does not
-- name has its default. Quiet hours are minutes after local midnight, both NULL when off.
CREATE TABLE notification_settings (
  member_id BIGINT PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
  categories TEXT NOT NULL,
  time_zone TEXT NOT NULL,
  quiet_start_minute INTEGER,
  quiet_end_minute INTEGER,
  email_digest INTEGER NOT NULL CHECK (email_digest IN (0, 1)),
  CHECK ((quiet_start_minute IS NULL) = (quiet_end_minute IS NULL))
);
