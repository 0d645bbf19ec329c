#pragma once
// The storage port of the profiles module: profiles, privacy settings, circles and verified
// work emails. Implemented once for both backends in storage/sql/.
// Thread-safe. Every method returns kUnavailable when the store cannot be reached (nothing
// written) and kInternal for anything unexpected. Reads of one member's data take a fixed
// number of queries, however many entries the profile holds.

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/ids.hpp"
#include "core/result.hpp"
#include "domain/organizations/organization.hpp"
#include "domain/privacy/relationships.hpp"
#include "domain/profiles/profile.hpp"

namespace enishi::profiles {

// Which state of a member's profile a copy was read at. Every write to what ProfileData
// holds changes it, in the same transaction, whatever makes the write; equal revisions mean
// equal data.
struct ProfileRevision {
  int64_t member = 0;         // Of the profile, its lists, display name and privacy settings.
  int64_t organizations = 0;  // Of all companies and schools together.
  friend bool operator==(const ProfileRevision&, const ProfileRevision&) = default;
};

// What every view of a member reads, whoever the viewer.
struct ProfileData {
  Profile profile;
  PrivacySettings settings;
  // The companies the profile's positions name and the schools its education names, all of
  // them, whoever may see which: the privacy engine decides what a viewer sees.
  std::vector<organizations::Company> companies;
  std::vector<organizations::School> schools;
};

// What a view of a member's profile reads: FindProfileForView.
struct ProfileForView {
  ProfileRevision revision;
  // nullopt when the caller's copy, at the revision it named, is still current.
  std::optional<ProfileData> data;
  // Given another member as viewer: the member's circles that hold the viewer
  // (CirclesHolding), and how the two stand (relationships::RelationshipRepository::
  // FindStanding). Empty and nullopt otherwise.
  std::vector<CircleId> viewer_circles;
  std::optional<privacy::Standing> viewer_standing;
};

class ProfileRepository {
 public:
  virtual ~ProfileRepository() = default;

  // The member's profile; DefaultProfile() (profile_defaults.hpp) with the account's display
  // name when the member never saved one; nullopt when there is no such account.
  virtual Result<std::optional<Profile>> FindProfile(MemberId member) = 0;
  // Replaces the whole profile (every list included) and the account's display name, in one
  // transaction, with the member's people-search entries (search/search_repository.hpp). kNotFound when the account does not exist; kFailedPrecondition (nothing
  // written) when a position or school names a company or school that does not exist.
  virtual Result<void> PutProfile(const Profile& profile) = 0;
  // The profile's revision; unless it equals `known`, FindProfile, FindSettings and the
  // organisations the entries name; and given another member as `viewer`, what the view needs
  // of the pair. Read together, in one unit and a fixed number of queries: one when `known` is
  // current, with or without a viewer. nullopt when there is no such account.
  virtual Result<std::optional<ProfileForView>> FindProfileForView(
      MemberId member, std::optional<MemberId> viewer, std::optional<ProfileRevision> known) = 0;

  // The member's settings; defaults with an empty profile_link when never saved.
  virtual Result<PrivacySettings> FindSettings(MemberId member) = 0;
  // kNotFound when the account does not exist; kFailedPrecondition when a shielded company does
  // not exist; kAlreadyExists when the profile link is taken (never in practice: it is random).
  virtual Result<void> PutSettings(MemberId member, const PrivacySettings& settings) = 0;
  virtual Result<std::optional<MemberId>> FindMemberByProfileLink(std::string_view token) = 0;

  // The members whose account login is `login` and who let themselves be found by it
  // (findable_by_email for an email login, findable_by_phone for a phone login).
  virtual Result<std::optional<MemberId>> FindDiscoverableByLogin(std::string_view login) = 0;

  // The member's circles, oldest first, each with its members.
  virtual Result<std::vector<Circle>> ListCircles(MemberId owner) = 0;
  // Creates or replaces `circle` of `owner`. kNotFound when a circle of that id belongs to
  // someone else; kFailedPrecondition when a listed member does not exist.
  virtual Result<void> PutCircle(MemberId owner, const Circle& circle) = 0;
  // False when `owner` has no such circle. Audiences naming it then reach nobody.
  virtual Result<bool> DeleteCircle(MemberId owner, CircleId circle) = 0;
  // The circles of `owner` that hold `viewer`.
  virtual Result<std::vector<CircleId>> CirclesHolding(MemberId owner, MemberId viewer) = 0;

  // Work-email verification (F25).
  virtual Result<void> PutPendingEmailVerification(const PendingEmailVerification& pending) = 0;
  virtual Result<std::optional<PendingEmailVerification>> FindPendingEmailVerification(
      MemberId member) = 0;
  // Decrements attempts_left, stopping at zero; no-op when there is none.
  virtual Result<void> SpendEmailVerificationAttempt(MemberId member) = 0;
  // Atomically records `email` as verified and deletes the pending verification. Verifying an
  // address already verified refreshes its verified_at.
  virtual Result<void> CompleteEmailVerification(MemberId member, const VerifiedEmail& email) = 0;
  virtual Result<std::vector<VerifiedEmail>> ListVerifiedEmails(MemberId member) = 0;
  // False when the member had no such verified email.
  virtual Result<bool> DeleteVerifiedEmail(MemberId member, std::string_view email) = 0;

  // The companies `member` is affiliated with: declared positions that are current or ended in
  // `ended_since` or later, and companies that verified the domain of one of the member's
  // verified emails. One query.
  virtual Result<std::vector<CompanyId>> AffiliatedCompanies(MemberId member,
                                                             YearMonth ended_since) = 0;
};

}  // namespace enishi::profiles
