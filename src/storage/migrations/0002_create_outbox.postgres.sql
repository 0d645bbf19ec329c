-- Messages queued for members' logins. The id only orders messages created in the same
-- microsecond; PostgreSQL assigns it from an identity sequence.

CREATE TABLE outbox (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  channel TEXT NOT NULL CHECK (channel IN ('email', 'sms')),
  recipient TEXT NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  created_at BIGINT NOT NULL
);

CREATE INDEX outbox_created_at ON outbox (created_at, id);
