-- Ties between members, one row per side (the twin of 0006_create_ties.sqlite.sql, which
-- differs only in storing the table WITHOUT ROWID). The stage, provenance and since are the
-- same on both rows; rating, note and trusted are one side's private view of the other. Both
-- rows go when either account does. ties_other serves the foreign key on other_id and, as a
-- covering index, the scan that loads every connection at start-up.

CREATE TABLE ties (
  member_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  other_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  stage TEXT NOT NULL CHECK (stage IN ('greeted', 'conversing', 'connected')),
  rating INTEGER CHECK (rating BETWEEN 1 AND 5),
  note TEXT NOT NULL,
  trusted INTEGER NOT NULL CHECK (trusted IN (0, 1)),
  provenance TEXT NOT NULL,
  since BIGINT NOT NULL,
  PRIMARY KEY (member_id, other_id),
  CHECK (member_id <> other_id)
);

CREATE INDEX ties_other ON ties (other_id, member_id, stage, rating);
