-- Ties between members, one row per side (the twin of 0006_create_ties.postgres.sql). The
-- stage, provenance and since are the same on both rows; rating, note and trusted are one
-- side's private view of the other. Both rows go when either account does.
--
-- WITHOUT ROWID keeps each row in its primary key: loading every connection at start-up looks
-- up each pair's other side by that key, which a rowid table turns into two lookups (stepping
-- through a million connections took 2.7 s so, against 0.5 s). ties_other serves the foreign
-- key on other_id and, as a covering index, that load's scan.

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
) WITHOUT ROWID;

CREATE INDEX ties_other ON ties (other_id, member_id, stage, rating);
