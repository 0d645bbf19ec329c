-- People search matches words against the in-memory postings (domain/search/search_index.hpp),
-- which the store feeds (the twin of 0011_search_forms_and_revisions.postgres.sql).
--
-- search_forms holds every distinct form of search_texts once: a query term is matched against
-- it (three characters or more anywhere, through the FTS5 trigram index; shorter ones by prefix,
-- through the unique index), and the forms found name the postings to read. A row is added with
-- the first search_texts row of its form and kept after the last one goes: it then names no
-- postings. The trigram index over every search_texts row, which this replaces, grew with the
-- members instead of with the words they use.
--
-- search_members.revised_at (microseconds, the store's clock) changes whenever a member's
-- rows or their searchable setting do: every server brings its postings up to date by reading
-- the members revised since it last looked.

DROP TRIGGER search_texts_inserted;
DROP TRIGGER search_texts_deleted;
DROP TABLE search_text_trigrams;
DROP INDEX search_texts_form;

CREATE TABLE search_forms (
  id INTEGER PRIMARY KEY,
  form TEXT NOT NULL UNIQUE
);

CREATE VIRTUAL TABLE search_form_trigrams USING fts5 (
  form, content = 'search_forms', content_rowid = 'id', tokenize = 'trigram'
);

CREATE TRIGGER search_forms_inserted AFTER INSERT ON search_forms BEGIN
  INSERT INTO search_form_trigrams (rowid, form) VALUES (new.id, new.form);
END;

INSERT INTO search_forms (form) SELECT DISTINCT form FROM search_texts ORDER BY form;

ALTER TABLE search_members ADD COLUMN revised_at BIGINT NOT NULL DEFAULT 0;
CREATE INDEX search_members_revised_at ON search_members (revised_at);
