-- People search matches words against the in-memory postings (domain/search/search_index.hpp),
-- which the store feeds (the twin of 0011_search_forms_and_revisions.sqlite.sql).
--
-- search_forms holds every distinct form of search_texts once: a query term is matched against
-- it (three characters or more anywhere, through pg_trgm; shorter ones by prefix, through the
-- primary key in "C" collation), and the forms found name the postings to read. A row is added
-- with the first search_texts row of its form and kept after the last one goes: it then names
-- no postings. The trigram index over every search_texts row, which this replaces, grew with
-- the members instead of with the words they use.
--
-- search_members.revised_at (microseconds, the store's clock) changes whenever a member's
-- rows or their searchable setting do: every server brings its postings up to date by reading
-- the members revised since it last looked.

DROP INDEX search_texts_trigrams;
DROP INDEX search_texts_form;

CREATE TABLE search_forms (
  form TEXT COLLATE "C" PRIMARY KEY
);

CREATE INDEX search_forms_trigrams ON search_forms USING gin (form public.gin_trgm_ops);

INSERT INTO search_forms (form) SELECT DISTINCT form FROM search_texts;

ALTER TABLE search_members ADD COLUMN revised_at BIGINT NOT NULL DEFAULT 0;
CREATE INDEX search_members_revised_at ON search_members (revised_at);
