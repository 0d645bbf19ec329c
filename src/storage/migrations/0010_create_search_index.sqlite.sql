-- People search (F28): the index derived from each member's profile (the twin of
-- 0010_create_search_index.postgres.sql). ProfileRepository::PutProfile rewrites a member's
-- rows in its own transaction; search_members records which profile they were derived from,
-- so that rows missing or older than the profile (profiles saved before this index existed)
-- are found and rebuilt. Every row keeps the audience of the field it came from: the search
-- service checks it for each searcher.
--
-- search_texts holds the search forms of names, headlines, locations and skills. A term of
-- three characters or more is found anywhere in a form through the FTS5 trigram index
-- (external content: the forms are stored once, in search_texts, and triggers keep the index
-- in step); a shorter one by the prefix index on form. Forms compare as bytes, which for UTF-8
-- is code-point order, the same as PostgreSQL's "C" collation.

CREATE TABLE search_texts (
  id INTEGER PRIMARY KEY,
  member_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  field TEXT NOT NULL,
  audience TEXT NOT NULL,
  form TEXT NOT NULL
);

CREATE INDEX search_texts_member_id ON search_texts (member_id);
CREATE INDEX search_texts_form ON search_texts (form);

CREATE VIRTUAL TABLE search_text_trigrams USING fts5 (
  form, content = 'search_texts', content_rowid = 'id', tokenize = 'trigram'
);

CREATE TRIGGER search_texts_inserted AFTER INSERT ON search_texts BEGIN
  INSERT INTO search_text_trigrams (rowid, form) VALUES (new.id, new.form);
END;

CREATE TRIGGER search_texts_deleted AFTER DELETE ON search_texts BEGIN
  INSERT INTO search_text_trigrams (search_text_trigrams, rowid, form)
  VALUES ('delete', old.id, old.form);
END;

-- Values that filters compare whole: company and school ids, language subtags, skill forms,
-- seniorities (with the last month of a position that has ended).
CREATE TABLE search_facets (
  member_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  field TEXT NOT NULL,
  value TEXT NOT NULL,
  audience TEXT NOT NULL,
  until_month INTEGER
);

CREATE INDEX search_facets_value ON search_facets (field, value);
CREATE INDEX search_facets_member_id ON search_facets (member_id);

CREATE TABLE search_members (
  member_id BIGINT PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
  display_name TEXT NOT NULL,
  profile_updated_at BIGINT NOT NULL
);

-- The forms of every name of a company or school; '' marks one whose names give no form.
CREATE TABLE search_organizations (
  kind TEXT NOT NULL CHECK (kind IN ('company', 'school')),
  organization_id BIGINT NOT NULL,
  form TEXT NOT NULL,
  PRIMARY KEY (kind, organization_id, form)
);

CREATE INDEX search_organizations_form ON search_organizations (form);
