-- Messages queued for members' logins. The id only orders messages created in the same
-- microsecond; SQLite assigns it (INTEGER PRIMARY KEY is the rowid).

CREATE TABLE outbox (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  channel TEXT NOT NULL CHECK (channel IN ('email', 'sms')),
  recipient TEXT NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  created_at BIGINT NOT NULL
);

CREATE INDEX outbox_created_at ON outbox (created_at, id);
