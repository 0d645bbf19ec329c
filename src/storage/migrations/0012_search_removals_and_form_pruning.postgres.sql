-- Nothing of a deleted account or a changed profile stays behind in people search (the twin of
-- 0012_search_removals_and_form_pruning.sqlite.sql).
--
-- Deleting an account removes its search_members row with it, and with the row the revision
-- that tells every server to drop the member's postings from memory: the deletion is recorded
-- as a revision of its own in search_removals, which SearchRepository::RevisedSince reads too.
--
-- A form that no entry holds any more leaves search_forms.

CREATE TABLE search_removals (
  member_id BIGINT PRIMARY KEY,
  revised_at BIGINT NOT NULL
);

CREATE INDEX search_removals_revised_at ON search_removals (revised_at);

CREATE FUNCTION search_member_removed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO search_removals (member_id, revised_at)
  VALUES (OLD.member_id,
          GREATEST(CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000000 AS BIGINT),
                   OLD.revised_at + 1))
  ON CONFLICT (member_id) DO UPDATE SET revised_at = excluded.revised_at;
  RETURN NULL;
END
$$;

CREATE TRIGGER search_members_deleted AFTER DELETE ON search_members
FOR EACH ROW EXECUTE FUNCTION search_member_removed();

CREATE INDEX search_texts_form ON search_texts (form);

CREATE FUNCTION search_form_pruned() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM search_forms
  WHERE form = OLD.form AND NOT EXISTS (SELECT 1 FROM search_texts WHERE form = OLD.form);
  RETURN NULL;
END
$$;

CREATE TRIGGER search_texts_deleted AFTER DELETE ON search_texts
FOR EACH ROW EXECUTE FUNCTION search_form_pruned();

DELETE FROM search_forms f WHERE NOT EXISTS (
  SELECT 1 FROM search_texts t WHERE t.form = f.form);
