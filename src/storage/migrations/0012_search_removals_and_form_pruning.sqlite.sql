-- Nothing of a deleted account or a changed profile stays behind in people search (the twin of
-- 0012_search_removals_and_form_pruning.postgres.sql).
--
-- Deleting an account removes its search_members row with it, and with the row the revision
-- that tells every server to drop the member's postings from memory: the deletion is recorded
-- as a revision of its own in search_removals, which SearchRepository::RevisedSince reads too.
-- Revisions stay distinct across both tables.
--
-- A form that no entry holds any more leaves search_forms and its trigram index.

CREATE TABLE search_removals (
  member_id BIGINT PRIMARY KEY,
  revised_at BIGINT NOT NULL
);

CREATE INDEX search_removals_revised_at ON search_removals (revised_at);

CREATE TRIGGER search_members_deleted AFTER DELETE ON search_members BEGIN
  INSERT INTO search_removals (member_id, revised_at)
  VALUES (old.member_id, MAX(CAST((julianday('now') - 2440587.5) * 86400000000.0 AS INTEGER),
                             (SELECT COALESCE(MAX(revised_at), 0) + 1 FROM search_members),
                             (SELECT COALESCE(MAX(revised_at), 0) + 1 FROM search_removals),
                             old.revised_at + 1))
  ON CONFLICT (member_id) DO UPDATE SET revised_at = excluded.revised_at;
END;

CREATE INDEX search_texts_form ON search_texts (form);

CREATE TRIGGER search_forms_deleted AFTER DELETE ON search_forms BEGIN
  INSERT INTO search_form_trigrams (search_form_trigrams, rowid, form)
  VALUES ('delete', old.id, old.form);
END;

CREATE TRIGGER search_texts_deleted AFTER DELETE ON search_texts
WHEN NOT EXISTS (SELECT 1 FROM search_texts WHERE form = old.form) BEGIN
  DELETE FROM search_forms WHERE form = old.form;
END;

DELETE FROM search_forms WHERE NOT EXISTS (
  SELECT 1 FROM search_texts WHERE search_texts.form = search_forms.form);
