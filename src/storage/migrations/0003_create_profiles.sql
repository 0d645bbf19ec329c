-- Profiles (F2) with their privacy settings, circles and verified work emails (F4, F5, F25);
-- companies and schools; personas (F7); and the images that profiles and personas show.
--
-- Everything a member owns goes with their account through ON DELETE CASCADE. An image has no
-- owner column, so the account repository deletes a member's photo and avatars itself.
-- Audiences are stored in their text form ("connections", "circle:<id>"), enums by the names
-- the repositories give them, and months as year * 12 + month - 1 so that SQL can compare them.
-- Lists keep their order in sort_order. Flags are 0 or 1.
--
-- One file serves both backends: images.bytes is BYTEA for PostgreSQL, and SQLite, which
-- accepts any type name, stores the bound blobs in it unchanged.

CREATE TABLE images (
  id BIGINT PRIMARY KEY,
  content_type TEXT NOT NULL,
  bytes BYTEA NOT NULL,
  created_at BIGINT NOT NULL
);

CREATE TABLE companies (
  id BIGINT PRIMARY KEY,
  name_ja TEXT NOT NULL,
  name_zh TEXT NOT NULL,
  name_en TEXT NOT NULL,
  name_reading TEXT NOT NULL,
  parent_id BIGINT REFERENCES companies (id),
  created_at BIGINT NOT NULL
);

-- One row per name a company has: the name with ASCII letters lower-cased, for prefix search,
-- and its length in characters, to rank shorter names first.
CREATE TABLE company_name_keys (
  company_id BIGINT NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('ja', 'zh', 'en', 'reading')),
  search_key TEXT NOT NULL,
  name_length INTEGER NOT NULL,
  PRIMARY KEY (company_id, kind)
);

CREATE INDEX company_name_keys_search_key ON company_name_keys (search_key);

-- A domain belongs to one company at most; stored in lower case.
CREATE TABLE company_domains (
  domain TEXT PRIMARY KEY,
  company_id BIGINT NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
  sort_order INTEGER NOT NULL
);

CREATE INDEX company_domains_company_id ON company_domains (company_id);

-- Symmetric: each link is stored once from each side.
CREATE TABLE company_affiliates (
  company_id BIGINT NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
  affiliate_id BIGINT NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
  sort_order INTEGER NOT NULL,
  PRIMARY KEY (company_id, affiliate_id),
  CHECK (company_id <> affiliate_id)
);

CREATE TABLE schools (
  id BIGINT PRIMARY KEY,
  name_ja TEXT NOT NULL,
  name_zh TEXT NOT NULL,
  name_en TEXT NOT NULL,
  name_reading TEXT NOT NULL,
  country TEXT NOT NULL,
  created_at BIGINT NOT NULL
);

CREATE TABLE school_name_keys (
  school_id BIGINT NOT NULL REFERENCES schools (id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('ja', 'zh', 'en', 'reading')),
  search_key TEXT NOT NULL,
  name_length INTEGER NOT NULL,
  PRIMARY KEY (school_id, kind)
);

CREATE INDEX school_name_keys_search_key ON school_name_keys (search_key);

-- A member's profile once saved; the lists below go with it when it is rewritten.
CREATE TABLE profiles (
  member_id BIGINT PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
  display_name_audience TEXT NOT NULL,
  name_family TEXT NOT NULL,
  name_given TEXT NOT NULL,
  name_family_reading TEXT NOT NULL,
  name_given_reading TEXT NOT NULL,
  name_latin_family TEXT NOT NULL,
  name_latin_given TEXT NOT NULL,
  name_order TEXT NOT NULL,
  name_audience TEXT NOT NULL,
  headline TEXT NOT NULL,
  headline_audience TEXT NOT NULL,
  about TEXT NOT NULL,
  about_audience TEXT NOT NULL,
  location TEXT NOT NULL,
  location_audience TEXT NOT NULL,
  photo_id BIGINT REFERENCES images (id) ON DELETE SET NULL,
  photo_audience TEXT NOT NULL,
  career_status TEXT NOT NULL,
  salary_min BIGINT,
  salary_max BIGINT,
  salary_currency TEXT NOT NULL,
  career_audience TEXT NOT NULL,
  updated_at BIGINT NOT NULL
);

CREATE INDEX profiles_photo_id ON profiles (photo_id);

-- The roles and locations a member is looking for.
CREATE TABLE career_targets (
  member_id BIGINT NOT NULL REFERENCES profiles (member_id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('role', 'location')),
  sort_order INTEGER NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (member_id, kind, sort_order)
);

CREATE TABLE positions (
  member_id BIGINT NOT NULL REFERENCES profiles (member_id) ON DELETE CASCADE,
  id BIGINT NOT NULL,
  sort_order INTEGER NOT NULL,
  company_id BIGINT NOT NULL REFERENCES companies (id),
  title TEXT NOT NULL,
  job_function TEXT NOT NULL,
  seniority TEXT NOT NULL,
  start_month INTEGER NOT NULL,
  end_month INTEGER,
  description TEXT NOT NULL,
  audience TEXT NOT NULL,
  PRIMARY KEY (member_id, id)
);

CREATE INDEX positions_company_id ON positions (company_id);

CREATE TABLE education (
  member_id BIGINT NOT NULL REFERENCES profiles (member_id) ON DELETE CASCADE,
  id BIGINT NOT NULL,
  sort_order INTEGER NOT NULL,
  school_id BIGINT NOT NULL REFERENCES schools (id),
  degree TEXT NOT NULL,
  field_of_study TEXT NOT NULL,
  country TEXT NOT NULL,
  start_month INTEGER NOT NULL,
  end_month INTEGER,
  audience TEXT NOT NULL,
  PRIMARY KEY (member_id, id)
);

CREATE INDEX education_school_id ON education (school_id);

CREATE TABLE languages (
  member_id BIGINT NOT NULL REFERENCES profiles (member_id) ON DELETE CASCADE,
  id BIGINT NOT NULL,
  sort_order INTEGER NOT NULL,
  language TEXT NOT NULL,
  proficiency TEXT NOT NULL,
  audience TEXT NOT NULL,
  PRIMARY KEY (member_id, id)
);

CREATE TABLE skills (
  member_id BIGINT NOT NULL REFERENCES profiles (member_id) ON DELETE CASCADE,
  id BIGINT NOT NULL,
  sort_order INTEGER NOT NULL,
  name TEXT NOT NULL,
  audience TEXT NOT NULL,
  PRIMARY KEY (member_id, id)
);

CREATE TABLE links (
  member_id BIGINT NOT NULL REFERENCES profiles (member_id) ON DELETE CASCADE,
  id BIGINT NOT NULL,
  sort_order INTEGER NOT NULL,
  kind TEXT NOT NULL,
  title TEXT NOT NULL,
  url TEXT NOT NULL,
  description TEXT NOT NULL,
  audience TEXT NOT NULL,
  PRIMARY KEY (member_id, id)
);

CREATE TABLE contacts (
  member_id BIGINT NOT NULL REFERENCES profiles (member_id) ON DELETE CASCADE,
  id BIGINT NOT NULL,
  sort_order INTEGER NOT NULL,
  kind TEXT NOT NULL,
  value TEXT NOT NULL,
  audience TEXT NOT NULL,
  PRIMARY KEY (member_id, id)
);

-- Saved privacy settings; a member without a row has the defaults (everything off). The
-- profile link is NULL until one is made, so that members without one do not collide.
CREATE TABLE privacy_settings (
  member_id BIGINT PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
  searchable INTEGER NOT NULL CHECK (searchable IN (0, 1)),
  findable_by_email INTEGER NOT NULL CHECK (findable_by_email IN (0, 1)),
  findable_by_phone INTEGER NOT NULL CHECK (findable_by_phone IN (0, 1)),
  hide_profile INTEGER NOT NULL CHECK (hide_profile IN (0, 1)),
  profile_link TEXT UNIQUE
);

CREATE TABLE shield_companies (
  member_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  company_id BIGINT NOT NULL REFERENCES companies (id),
  sort_order INTEGER NOT NULL,
  PRIMARY KEY (member_id, company_id)
);

-- created_seq numbers an owner's circles in the order they were made.
CREATE TABLE circles (
  id BIGINT PRIMARY KEY,
  owner_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  created_seq INTEGER NOT NULL
);

CREATE INDEX circles_owner_id ON circles (owner_id, created_seq);

CREATE TABLE circle_members (
  circle_id BIGINT NOT NULL REFERENCES circles (id) ON DELETE CASCADE,
  member_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  sort_order INTEGER NOT NULL,
  PRIMARY KEY (circle_id, member_id)
);

CREATE INDEX circle_members_member_id ON circle_members (member_id);

CREATE TABLE verified_emails (
  member_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  email TEXT NOT NULL,
  domain TEXT NOT NULL,
  verified_at BIGINT NOT NULL,
  PRIMARY KEY (member_id, email)
);

CREATE TABLE pending_email_verifications (
  member_id BIGINT PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
  email TEXT NOT NULL,
  code_hash TEXT NOT NULL,
  attempts_left INTEGER NOT NULL,
  expires_at BIGINT NOT NULL
);

-- handle_key is the handle with ASCII letters lower-cased: handles are unique regardless of
-- case.
CREATE TABLE personas (
  id BIGINT PRIMARY KEY,
  owner_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  handle TEXT NOT NULL,
  handle_key TEXT NOT NULL UNIQUE,
  bio TEXT NOT NULL,
  avatar_id BIGINT REFERENCES images (id) ON DELETE SET NULL,
  created_at BIGINT NOT NULL
);

CREATE INDEX personas_owner_id ON personas (owner_id, created_at);
CREATE INDEX personas_avatar_id ON personas (avatar_id);
