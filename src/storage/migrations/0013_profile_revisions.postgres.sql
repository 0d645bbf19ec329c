-- The revisions that tell a server its copy of a member's profile is still current (the twin of
-- 0013_profile_revisions.sqlite.sql). ProfileService keeps recently viewed profiles in memory
-- and reads only these two numbers, in the same unit as the viewer's standing, to learn whether
-- its copy may serve a view (ProfileRepository::FindProfileForView).
--
-- Triggers bump them in the transaction of every write, whatever makes it: a member's revision
-- when anything a view of them reads changes (the profile, its lists, the display name, the
-- privacy settings), and the one organisation revision when a company or school a profile may
-- name changes. A new company or school changes no profile until a position names it.

CREATE TABLE profile_revisions (
  member_id BIGINT PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
  revision BIGINT NOT NULL
);

CREATE TABLE organization_revision (
  only_row INTEGER PRIMARY KEY CHECK (only_row = 1),
  revision BIGINT NOT NULL
);

INSERT INTO organization_revision (only_row, revision) VALUES (1, 0);

-- A row of an account being deleted revises nothing: the account, and its revision, are gone.
CREATE FUNCTION profile_row_revised() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    INSERT INTO profile_revisions (member_id, revision)
    SELECT id, 1 FROM accounts WHERE id = OLD.member_id
    ON CONFLICT (member_id) DO UPDATE SET revision = profile_revisions.revision + 1;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    INSERT INTO profile_revisions (member_id, revision)
    SELECT id, 1 FROM accounts WHERE id = NEW.member_id
    ON CONFLICT (member_id) DO UPDATE SET revision = profile_revisions.revision + 1;
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER profiles_revises AFTER INSERT OR UPDATE OR DELETE ON profiles
FOR EACH ROW EXECUTE FUNCTION profile_row_revised();

CREATE TRIGGER career_targets_revises AFTER INSERT OR UPDATE OR DELETE ON career_targets
FOR EACH ROW EXECUTE FUNCTION profile_row_revised();

CREATE TRIGGER positions_revises AFTER INSERT OR UPDATE OR DELETE ON positions
FOR EACH ROW EXECUTE FUNCTION profile_row_revised();

CREATE TRIGGER education_revises AFTER INSERT OR UPDATE OR DELETE ON education
FOR EACH ROW EXECUTE FUNCTION profile_row_revised();

CREATE TRIGGER languages_revises AFTER INSERT OR UPDATE OR DELETE ON languages
FOR EACH ROW EXECUTE FUNCTION profile_row_revised();

CREATE TRIGGER skills_revises AFTER INSERT OR UPDATE OR DELETE ON skills
FOR EACH ROW EXECUTE FUNCTION profile_row_revised();

CREATE TRIGGER links_revises AFTER INSERT OR UPDATE OR DELETE ON links
FOR EACH ROW EXECUTE FUNCTION profile_row_revised();

CREATE TRIGGER contacts_revises AFTER INSERT OR UPDATE OR DELETE ON contacts
FOR EACH ROW EXECUTE FUNCTION profile_row_revised();

CREATE TRIGGER privacy_settings_revises AFTER INSERT OR UPDATE OR DELETE ON privacy_settings
FOR EACH ROW EXECUTE FUNCTION profile_row_revised();

CREATE TRIGGER shield_companies_revises AFTER INSERT OR UPDATE OR DELETE ON shield_companies
FOR EACH ROW EXECUTE FUNCTION profile_row_revised();

CREATE FUNCTION display_name_revised() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO profile_revisions (member_id, revision) VALUES (NEW.id, 1)
  ON CONFLICT (member_id) DO UPDATE SET revision = profile_revisions.revision + 1;
  RETURN NULL;
END
$$;

CREATE TRIGGER accounts_display_name_revises AFTER UPDATE OF display_name ON accounts
FOR EACH ROW WHEN (NEW.display_name IS DISTINCT FROM OLD.display_name)
EXECUTE FUNCTION display_name_revised();

CREATE FUNCTION organization_revised() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE organization_revision SET revision = revision + 1;
  RETURN NULL;
END
$$;

CREATE TRIGGER company_domains_revises AFTER INSERT OR UPDATE OR DELETE ON company_domains
FOR EACH STATEMENT EXECUTE FUNCTION organization_revised();

CREATE TRIGGER company_affiliates_revises AFTER INSERT OR UPDATE OR DELETE ON company_affiliates
FOR EACH STATEMENT EXECUTE FUNCTION organization_revised();

CREATE TRIGGER companies_revises AFTER UPDATE OR DELETE ON companies
FOR EACH STATEMENT EXECUTE FUNCTION organization_revised();

CREATE TRIGGER schools_revises AFTER UPDATE OR DELETE ON schools
FOR EACH STATEMENT EXECUTE FUNCTION organization_revised();
