#pragma once
// profiles::ProfileRepository over any SqlDatabase, written once for both backends.
// Thread-safe. Does not own the database, which must outlive it. Errors are those of the
// port (domain/profiles/profile_repository.hpp); each operation reports its timing as
// "profiles.<method_in_snake_case>".
//
// FindProfile runs one query for an account without a saved profile, and otherwise two
// however many entries the profile holds: the profile row joined with its account, then every
// list (career targets, positions, education, languages, skills, links, contacts) in one
// UNION ALL. FindProfileForView first reads the revisions (one query, migration 0013 keeps
// them); unless the caller's copy is current it adds the profile, the settings (two queries),
// and for a saved profile the companies and schools its entries name (one query each); for a
// viewer, the circles that hold them and the pair's standing (one query each); all in one read
// unit. PutProfile also refuses a photo that names no stored image (kFailedPrecondition).
// The methods are split over profile_repo.cpp (the profile itself) and
// profile_settings_repo.cpp (settings, circles, work emails, affiliations).

#include "domain/profiles/profile_repository.hpp"
#include "domain/search/text_forms.hpp"
#include "storage/sql/operation_runner.hpp"

namespace enishi::storage::sql {

// The bodies of FindProfile and FindSettings, for reads within a unit already open.
Result<std::optional<profiles::Profile>> LoadProfile(SqlConnection& db, MemberId member);
Result<profiles::PrivacySettings> LoadSettings(SqlConnection& db, MemberId member);

class SqlProfileRepository final : public profiles::ProfileRepository {
 public:
  // `text_forms` may be null (StoreOptions::text_forms): PutProfile then unindexes the member.
  SqlProfileRepository(SqlDatabase& database, OperationObserver observer,
                       const search::TextForms* text_forms)
      : dialect_(database.dialect()), run_(database, std::move(observer)), text_forms_(text_forms) {}

  Result<std::optional<profiles::Profile>> FindProfile(MemberId member) override;
  Result<void> PutProfile(const profiles::Profile& profile) override;
  Result<std::optional<profiles::ProfileForView>> FindProfileForView(
      MemberId member, std::optional<MemberId> viewer,
      std::optional<profiles::ProfileRevision> known) override;

  Result<profiles::PrivacySettings> FindSettings(MemberId member) override;
  Result<void> PutSettings(MemberId member, const profiles::PrivacySettings& settings) override;
  Result<std::optional<MemberId>> FindMemberByProfileLink(std::string_view token) override;
  Result<std::optional<MemberId>> FindDiscoverableByLogin(std::string_view login) override;

  Result<std::vector<profiles::Circle>> ListCircles(MemberId owner) override;
  Result<void> PutCircle(MemberId owner, const profiles::Circle& circle) override;
  Result<bool> DeleteCircle(MemberId owner, CircleId circle) override;
  Result<std::vector<CircleId>> CirclesHolding(MemberId owner, MemberId viewer) override;

  Result<void> PutPendingEmailVerification(
      const profiles::PendingEmailVerification& pending) override;
  Result<std::optional<profiles::PendingEmailVerification>> FindPendingEmailVerification(
      MemberId member) override;
  Result<void> SpendEmailVerificationAttempt(MemberId member) override;
  Result<void> CompleteEmailVerification(MemberId member,
                                         const profiles::VerifiedEmail& email) override;
  Result<std::vector<profiles::VerifiedEmail>> ListVerifiedEmails(MemberId member) override;
  Result<bool> DeleteVerifiedEmail(MemberId member, std::string_view email) override;

  Result<std::vector<CompanyId>> AffiliatedCompanies(MemberId member,
                                                     profiles::YearMonth ended_since) override;

 private:
  const Dialect dialect_;
  OperationRunner run_;
  const search::TextForms* text_forms_;
};

}  // namespace enishi::storage::sql
