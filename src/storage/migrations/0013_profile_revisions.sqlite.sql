-- The revisions that tell a server its copy of a member's profile is still current (the twin of
-- 0013_profile_revisions.postgres.sql). ProfileService keeps recently viewed profiles in memory
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

CREATE TRIGGER profiles_insert_revises AFTER INSERT ON profiles BEGIN
  INSERT INTO profile_revisions (member_id, revision) SELECT id, 1 FROM accounts WHERE id = new.member_id ON CONFLICT (member_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER profiles_update_revises AFTER UPDATE ON profiles BEGIN
  INSERT INTO profile_revisions (member_id, revision) SELECT id, 1 FROM accounts WHERE id = old.member_id ON CONFLICT (member_id) DO UPDATE SET revision = revision + 1;
  INSERT INTO profile_revisions (member_id, revision) SELECT id, 1 FROM accounts WHERE id = new.member_id ON CONFLICT (member_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER profiles_delete_revises AFTER DELETE ON profiles BEGIN
  INSERT INTO profile_revisions (member_id, revision) SELECT id, 1 FROM accounts WHERE id = old.member_id ON CONFLICT (member_id) DO UPDATE SET revision = revision + 1;
END;

CREATE TRIGGER career_targets_insert_revises AFTER INSERT ON career_targets BEGIN
  INSERT INTO profile_revisions (member_id, revision) SELECT id, 1 FROM accounts WHERE id = new.member_id ON CONFLICT (member_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER career_targets_update_revises AFTER UPDATE ON career_targets BEGIN
  INSERT INTO profile_revisions (member_id, revision) SELECT id, 1 FROM accounts WHERE id = old.member_id ON CONFLICT (member_id) DO UPDATE SET revision = revision + 1;
  INSERT INTO profile_revisions (member_id, revision) SELECT id, 1 FROM accounts WHERE id = new.member_id ON CONFLICT (member_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER career_targets_delete_revises AFTER DELETE ON career_targets BEGIN
  INSERT INTO profile_revisions (member_id, revision) SELECT id, 1 FROM accounts WHERE id = old.member_id ON CONFLICT (member_id) DO UPDATE SET revision = revision + 1;
END;

CREATE TRIGGER positions_insert_revises AFTER INSERT ON positions BEGIN
  INSERT INTO profile_revisions (member_id, revision) SELECT id, 1 FROM accounts WHERE id = new.member_id ON CONFLICT (member_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER positions_update_revises AFTER UPDATE ON positions BEGIN
  INSERT INTO profile_revisions (member_id, revision) SELECT id, 1 FROM accounts WHERE id = old.member_id ON CONFLICT (member_id) DO UPDATE SET revision = revision + 1;
  INSERT INTO profile_revisions (member_id, revision) SELECT id, 1 FROM accounts WHERE id = new.member_id ON CONFLICT (member_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER positions_delete_revises AFTER DELETE ON positions BEGIN
  INSERT INTO profile_revisions (member_id, revision) SELECT id, 1 FROM accounts WHERE id = old.member_id ON CONFLICT (member_id) DO UPDATE SET revision = revision + 1;
END;

CREATE TRIGGER education_insert_revises AFTER INSERT ON education BEGIN
  INSERT INTO profile_revisions (member_id, revision) SELECT id, 1 FROM accounts WHERE id = new.member_id ON CONFLICT (member_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER education_update_revises AFTER UPDATE ON education BEGIN
  INSERT INTO profile_revisions (member_id, revision) SELECT id, 1 FROM accounts WHERE id = old.member_id ON CONFLICT (member_id) DO UPDATE SET revision = revision + 1;
  INSERT INTO profile_revisions (member_id, revision) SELECT id, 1 FROM accounts WHERE id = new.member_id ON CONFLICT (member_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER education_delete_revises AFTER DELETE ON education BEGIN
  INSERT INTO profile_revisions (member_id, revision) SELECT id, 1 FROM accounts WHERE id = old.member_id ON CONFLICT (member_id) DO UPDATE SET revision = revision + 1;
END;

CREATE TRIGGER languages_insert_revises AFTER INSERT ON languages BEGIN
  INSERT INTO profile_revisions (member_id, revision) SELECT id, 1 FROM accounts WHERE id = new.member_id ON CONFLICT (member_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER languages_update_revises AFTER UPDATE ON languages BEGIN
  INSERT INTO profile_revisions (member_id, revision) SELECT id, 1 FROM accounts WHERE id = old.member_id ON CONFLICT (member_id) DO UPDATE SET revision = revision + 1;
  INSERT INTO profile_revisions (member_id, revision) SELECT id, 1 FROM accounts WHERE id = new.member_id ON CONFLICT (member_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER languages_delete_revises AFTER DELETE ON languages BEGIN
  INSERT INTO profile_revisions (member_id, revision) SELECT id, 1 FROM accounts WHERE id = old.member_id ON CONFLICT (member_id) DO UPDATE SET revision = revision + 1;
END;

CREATE TRIGGER skills_insert_revises AFTER INSERT ON skills BEGIN
  INSERT INTO profile_revisions (member_id, revision) SELECT id, 1 FROM accounts WHERE id = new.member_id ON CONFLICT (member_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER skills_update_revises AFTER UPDATE ON skills BEGIN
  INSERT INTO profile_revisions (member_id, revision) SELECT id, 1 FROM accounts WHERE id = old.member_id ON CONFLICT (member_id) DO UPDATE SET revision = revision + 1;
  INSERT INTO profile_revisions (member_id, revision) SELECT id, 1 FROM accounts WHERE id = new.member_id ON CONFLICT (member_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER skills_delete_revises AFTER DELETE ON skills BEGIN
  INSERT INTO profile_revisions (member_id, revision) SELECT id, 1 FROM accounts WHERE id = old.member_id ON CONFLICT (member_id) DO UPDATE SET revision = revision + 1;
END;

CREATE TRIGGER links_insert_revises AFTER INSERT ON links BEGIN
  INSERT INTO profile_revisions (member_id, revision) SELECT id, 1 FROM accounts WHERE id = new.member_id ON CONFLICT (member_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER links_update_revises AFTER UPDATE ON links BEGIN
  INSERT INTO profile_revisions (member_id, revision) SELECT id, 1 FROM accounts WHERE id = old.member_id ON CONFLICT (member_id) DO UPDATE SET revision = revision + 1;
  INSERT INTO profile_revisions (member_id, revision) SELECT id, 1 FROM accounts WHERE id = new.member_id ON CONFLICT (member_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER links_delete_revises AFTER DELETE ON links BEGIN
  INSERT INTO profile_revisions (member_id, revision) SELECT id, 1 FROM accounts WHERE id = old.member_id ON CONFLICT (member_id) DO UPDATE SET revision = revision + 1;
END;

CREATE TRIGGER contacts_insert_revises AFTER INSERT ON contacts BEGIN
  INSERT INTO profile_revisions (member_id, revision) SELECT id, 1 FROM accounts WHERE id = new.member_id ON CONFLICT (member_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER contacts_update_revises AFTER UPDATE ON contacts BEGIN
  INSERT INTO profile_revisions (member_id, revision) SELECT id, 1 FROM accounts WHERE id = old.member_id ON CONFLICT (member_id) DO UPDATE SET revision = revision + 1;
  INSERT INTO profile_revisions (member_id, revision) SELECT id, 1 FROM accounts WHERE id = new.member_id ON CONFLICT (member_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER contacts_delete_revises AFTER DELETE ON contacts BEGIN
  INSERT INTO profile_revisions (member_id, revision) SELECT id, 1 FROM accounts WHERE id = old.member_id ON CONFLICT (member_id) DO UPDATE SET revision = revision + 1;
END;

CREATE TRIGGER privacy_settings_insert_revises AFTER INSERT ON privacy_settings BEGIN
  INSERT INTO profile_revisions (member_id, revision) SELECT id, 1 FROM accounts WHERE id = new.member_id ON CONFLICT (member_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER privacy_settings_update_revises AFTER UPDATE ON privacy_settings BEGIN
  INSERT INTO profile_revisions (member_id, revision) SELECT id, 1 FROM accounts WHERE id = old.member_id ON CONFLICT (member_id) DO UPDATE SET revision = revision + 1;
  INSERT INTO profile_revisions (member_id, revision) SELECT id, 1 FROM accounts WHERE id = new.member_id ON CONFLICT (member_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER privacy_settings_delete_revises AFTER DELETE ON privacy_settings BEGIN
  INSERT INTO profile_revisions (member_id, revision) SELECT id, 1 FROM accounts WHERE id = old.member_id ON CONFLICT (member_id) DO UPDATE SET revision = revision + 1;
END;

CREATE TRIGGER shield_companies_insert_revises AFTER INSERT ON shield_companies BEGIN
  INSERT INTO profile_revisions (member_id, revision) SELECT id, 1 FROM accounts WHERE id = new.member_id ON CONFLICT (member_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER shield_companies_update_revises AFTER UPDATE ON shield_companies BEGIN
  INSERT INTO profile_revisions (member_id, revision) SELECT id, 1 FROM accounts WHERE id = old.member_id ON CONFLICT (member_id) DO UPDATE SET revision = revision + 1;
  INSERT INTO profile_revisions (member_id, revision) SELECT id, 1 FROM accounts WHERE id = new.member_id ON CONFLICT (member_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER shield_companies_delete_revises AFTER DELETE ON shield_companies BEGIN
  INSERT INTO profile_revisions (member_id, revision) SELECT id, 1 FROM accounts WHERE id = old.member_id ON CONFLICT (member_id) DO UPDATE SET revision = revision + 1;
END;

CREATE TRIGGER accounts_display_name_revises AFTER UPDATE OF display_name ON accounts
WHEN new.display_name IS NOT old.display_name BEGIN
  INSERT INTO profile_revisions (member_id, revision) SELECT id, 1 FROM accounts WHERE id = new.id ON CONFLICT (member_id) DO UPDATE SET revision = revision + 1;
END;

CREATE TRIGGER company_domains_insert_revises AFTER INSERT ON company_domains BEGIN
  UPDATE organization_revision SET revision = revision + 1;
END;
CREATE TRIGGER company_domains_update_revises AFTER UPDATE ON company_domains BEGIN
  UPDATE organization_revision SET revision = revision + 1;
END;
CREATE TRIGGER company_domains_delete_revises AFTER DELETE ON company_domains BEGIN
  UPDATE organization_revision SET revision = revision + 1;
END;

CREATE TRIGGER company_affiliates_insert_revises AFTER INSERT ON company_affiliates BEGIN
  UPDATE organization_revision SET revision = revision + 1;
END;
CREATE TRIGGER company_affiliates_update_revises AFTER UPDATE ON company_affiliates BEGIN
  UPDATE organization_revision SET revision = revision + 1;
END;
CREATE TRIGGER company_affiliates_delete_revises AFTER DELETE ON company_affiliates BEGIN
  UPDATE organization_revision SET revision = revision + 1;
END;

CREATE TRIGGER companies_update_revises AFTER UPDATE ON companies BEGIN
  UPDATE organization_revision SET revision = revision + 1;
END;
CREATE TRIGGER companies_delete_revises AFTER DELETE ON companies BEGIN
  UPDATE organization_revision SET revision = revision + 1;
END;

CREATE TRIGGER schools_update_revises AFTER UPDATE ON schools BEGIN
  UPDATE organization_revision SET revision = revision + 1;
END;
CREATE TRIGGER schools_delete_revises AFTER DELETE ON schools BEGIN
  UPDATE organization_revision SET revision = revision + 1;
END;
