-- The daily e-mail digest. Each member's last digest: the local day it was for (the instant
-- that day began) and the instant up to which it counted notifications. A server claims a
-- member's day here before queueing the mail, so that servers sharing a store send it once.
CREATE TABLE notification_digests (
  member_id BIGINT PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
  day_start BIGINT NOT NULL,
  through_at BIGINT NOT NULL
);

-- The members the digest job visits.
CREATE INDEX notification_settings_email_digest ON notification_settings (member_id)
  WHERE email_digest = 1;

-- Conversation messages that alerted, which the daily budget of the messages category counts
-- with the notifications that did.
CREATE INDEX stream_events_alerts ON stream_events (member_id, created_at)
  WHERE alert = 1 AND kind = 'message';
