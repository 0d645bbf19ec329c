#pragma once
// Use cases of profiles (F2–F6, F25): reading a member's profile as a viewer, editing one's own,
// the photo, privacy settings and the employer shield, circles, view-as previews, and
// work-email verification. Synchronous; I/O only through the ports it is given, which must
// outlive it. Thread-safe: one instance serves every request thread.
//
// Every read of member data goes through the privacy engine (privacy/privacy_engine.hpp) for
// a viewer. "Not allowed" and "does not exist" are the same kNotFound, with the same message.
// Profile edits are never announced to anyone.
//
// Every method may also fail with a port's kUnavailable or kInternal.

#include <chrono>
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/ids.hpp"
#include "core/result.hpp"
#include "domain/mail/mail.hpp"
#include "domain/media/image.hpp"
#include "domain/organizations/organization.hpp"
#include "domain/organizations/organization_repository.hpp"
#include "domain/privacy/privacy_engine.hpp"
#include "domain/privacy/relationships.hpp"
#include "domain/profiles/profile.hpp"
#include "domain/profiles/profile_cache.hpp"
#include "domain/profiles/profile_repository.hpp"

namespace enishi::profiles {

struct ProfileServiceOptions {
  std::chrono::minutes email_code_ttl{10};
  int email_code_attempts = 5;
  // A position that ended this many months ago or less still affiliates its holder with the
  // company, for the employer shield.
  int shield_recent_months = 12;
  // How many members' profiles View keeps in memory (ProfileCache); 0 keeps none.
  size_t cached_profiles = kDefaultCachedProfiles;
};

// Who is reading: nobody (signed out) or a member.
struct Viewer {
  std::optional<MemberId> member;
  static Viewer SignedOut() { return {}; }
  static Viewer Of(MemberId id) { return {id}; }
};

// A view together with the companies and schools its entries name, so that they can be shown
// by name without another request. Only organisations named by visible entries are included.
struct ResolvedView {
  privacy::ProfileView view;
  std::vector<organizations::Company> companies;
  std::vector<organizations::School> schools;
  // The viewer's stage with the member, which the viewer knows as well as the member does.
  privacy::Stage stage = privacy::Stage::kNone;
};

// The owner's own profile with its organisations resolved.
struct OwnProfile {
  Profile profile;
  std::vector<organizations::Company> companies;
  std::vector<organizations::School> schools;
};

// The viewer classes of a view-as preview (F6).
enum class PreviewKind { kSignedOut, kMember, kNetwork2, kConnection, kEmployer, kNamedMember };

struct PreviewAs {
  PreviewKind kind = PreviewKind::kSignedOut;
  MemberId named;  // With kNamedMember.
};

// The owner's settings with the companies of the shield resolved.
struct OwnPrivacy {
  PrivacySettings settings;
  std::vector<organizations::Company> shielded;   // Chosen by the member.
  std::vector<organizations::Company> automatic;  // The member's current employers.
};

// A verified work email with the companies its domain affiliates the member with.
struct WorkEmail {
  VerifiedEmail email;
  std::vector<organizations::Company> companies;
};

struct WorkEmails {
  std::vector<WorkEmail> verified;
  std::optional<PendingEmailVerification> pending;  // code_hash cleared.
};

class ProfileService {
 public:
  ProfileService(ProfileRepository& profiles, organizations::OrganizationRepository& organizations,
                 media::ImageRepository& images, media::ImageProcessor& image_processor,
                 privacy::RelationshipSource& relationships, mail::Mailer& mailer,
                 const Clock& clock, ProfileServiceOptions options = {});

  // --- Reading, always for a viewer.
  // kNotFound when there is no such member or the viewer may see nothing of them.
  Result<ResolvedView> View(const Viewer& viewer, MemberId member);
  // The member whose current profile link is `token`, as View() shows them.
  Result<ResolvedView> ViewByLink(const Viewer& viewer, std::string_view token);
  // The member who opted in to be found by `login` (an email or phone number), as View()
  // shows them. kNotFound otherwise, the same as for an unknown login.
  Result<ResolvedView> Lookup(const Viewer& viewer, std::string_view login);
  // The photo, when the viewer may see it; kNotFound otherwise.
  Result<media::Image> Photo(const Viewer& viewer, MemberId member);
  // The owner's profile as the chosen viewer class receives it: nullopt when they would receive
  // nothing. Computed by the same engine as View(). kNotFound for an unknown named member.
  Result<std::optional<ResolvedView>> Preview(MemberId owner, const PreviewAs& as);

  // --- The owner's own data.
  Result<OwnProfile> GetOwn(MemberId owner);
  // Validates `draft` (profile_validation.hpp), gives new entries ids, keeps the ids of
  // existing ones, and replaces the whole profile. kInvalidArgument naming the field; nothing
  // is written on any error.
  Result<OwnProfile> Update(MemberId owner, Profile draft);
  // Normalises `upload` through the image processor and makes it the photo.
  Result<ImageId> SetPhoto(MemberId owner, std::string_view upload);
  Result<void> RemovePhoto(MemberId owner);

  Result<OwnPrivacy> GetPrivacy(MemberId owner);
  // Sets discoverability and the shield; the profile link is kept (a first one is made).
  Result<OwnPrivacy> UpdatePrivacy(MemberId owner, Discoverability discoverability, Shield shield);
  // A new profile link; the old one stops working at once.
  Result<OwnPrivacy> RotateProfileLink(MemberId owner);

  Result<std::vector<Circle>> ListCircles(MemberId owner);
  Result<Circle> CreateCircle(MemberId owner, std::string name, std::vector<MemberId> members);
  // kNotFound when the owner has no such circle.
  Result<Circle> UpdateCircle(MemberId owner, CircleId id, std::string name,
                              std::vector<MemberId> members);
  Result<void> DeleteCircle(MemberId owner, CircleId id);

  // --- Work-email verification (F25).
  Result<WorkEmails> ListWorkEmails(MemberId owner);
  // Sends a six-digit code to `email`, replacing any pending one; returns when it expires.
  Result<Timestamp> StartWorkEmailVerification(MemberId owner, std::string_view email);
  // kInvalidArgument (field "code") for a wrong, spent or expired code.
  Result<WorkEmail> ConfirmWorkEmail(MemberId owner, std::string_view code);
  Result<void> RemoveWorkEmail(MemberId owner, std::string_view email);

 private:
  // How `viewer` stands with the owner of `profile`, shield included only when it matters.
  // `pair`: what FindProfileForView read of the owner and the viewer.
  Result<privacy::ViewerContext> ContextFor(const Viewer& viewer, const Profile& profile,
                                            const PrivacySettings& settings,
                                            const ProfileForView& pair);
  // The source's relationship of `viewer` with `member`, with `circles` (those of `member`
  // that hold `viewer`: the profiles store keeps circles) merged in; from `standing` when the
  // caller read it.
  Result<privacy::Relationship> RelationshipOf(MemberId member, MemberId viewer,
                                               const std::vector<CircleId>& circles,
                                               const std::optional<privacy::Standing>& standing);
  Result<bool> IsShielded(MemberId viewer, const Profile& profile, const PrivacySettings& settings);
  // The view of `data` for `viewer`, with what `pair` read of the two.
  Result<ResolvedView> ViewLoaded(const Viewer& viewer, const ProfileData& data,
                                  const ProfileForView& pair);
  Result<ResolvedView> Resolve(privacy::ProfileView view);
  Result<std::vector<organizations::Company>> Companies(std::vector<CompanyId> ids);
  Result<PrivacySettings> SettingsWithLink(MemberId owner);
  Result<OwnPrivacy> Own(MemberId owner, PrivacySettings settings);
  YearMonth RecentSince() const;

  ProfileRepository& profiles_;
  organizations::OrganizationRepository& organizations_;
  media::ImageRepository& images_;
  media::ImageProcessor& image_processor_;
  privacy::RelationshipSource& relationships_;
  mail::Mailer& mailer_;
  const Clock& clock_;
  ProfileServiceOptions options_;
  ProfileCache cache_;
};

// The month `time` falls in, in UTC.
YearMonth MonthOf(Timestamp time);

// Whether `position` is held in `this_month`: no end, or an end this month or later.
bool IsCurrent(const Position& position, YearMonth this_month);

// The companies a member works at in `this_month` (positions without an end, or ending this
// month or later): shielded automatically.
std::vector<CompanyId> CurrentEmployers(const Profile& profile, YearMonth this_month);

// The highest seniority among `positions` held in `this_month`; nullopt when none is.
std::optional<Seniority> CurrentSeniority(std::span<const Position> positions,
                                          YearMonth this_month);

}  // namespace enishi::profiles
