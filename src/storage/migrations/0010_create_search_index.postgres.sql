-- People search (F28): the index derived from each member's profile (the twin of
-- 0010_create_search_index.sqlite.sql, which explains the tables). Here pg_trgm's GIN index
-- finds a term of three characters or more anywhere in a form (LIKE '%term%'), and the
-- B-tree on form, in the "C" collation that orders UTF-8 by code point as SQLite does, finds
-- the forms a shorter term begins. pg_trgm is a trusted extension: the database's owner may
-- create it. It goes in schema public whatever the search_path, so that stores in several
-- schemas of one database share it.

CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;

CREATE TABLE search_texts (
  id BIGSERIAL PRIMARY KEY,
  member_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  field TEXT NOT NULL,
  audience TEXT NOT NULL,
  form TEXT COLLATE "C" NOT NULL
);

CREATE INDEX search_texts_member_id ON search_texts (member_id);
CREATE INDEX search_texts_form ON search_texts (form);
CREATE INDEX search_texts_trigrams ON search_texts USING gin (form public.gin_trgm_ops);

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

CREATE TABLE search_organizations (
  kind TEXT NOT NULL CHECK (kind IN ('company', 'school')),
  organization_id BIGINT NOT NULL,
  form TEXT COLLATE "C" NOT NULL,
  PRIMARY KEY (kind, organization_id, form)
);

CREATE INDEX search_organizations_form ON search_organizations (form);
