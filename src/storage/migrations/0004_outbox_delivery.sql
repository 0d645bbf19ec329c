-- Delivery state for the outbox, which an OutboxSender drains through SMTP (the transactional
-- outbox). Every message not delivered and not given up is due at next_attempt_at; claiming one
-- counts an attempt and moves next_attempt_at past its lease. SMS messages keep the defaults:
-- there is no SMS provider yet. Messages queued before this migration are due at once; the
-- sender gives up on those older than its maximum age instead of sending them.
-- The same SQL suits both backends.

ALTER TABLE outbox ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE outbox ADD COLUMN next_attempt_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE outbox ADD COLUMN delivered_at BIGINT;
ALTER TABLE outbox ADD COLUMN failed_at BIGINT;  -- Given up: never attempted again.
ALTER TABLE outbox ADD COLUMN last_error TEXT;

CREATE INDEX outbox_due ON outbox (next_attempt_at, id)
  WHERE delivered_at IS NULL AND failed_at IS NULL;
