#include "domain/profiles/profile_service.hpp"

#include <algorithm>
#include <set>
#include <utility>

#include "crypto/hash.hpp"
#include "crypto/random.hpp"
#include "domain/accounts/login.hpp"
#include "domain/profiles/profile_validation.hpp"

namespace enishi::profiles {
namespace {

using organizations::Company;
using organizations::School;
using privacy::ProfileView;
using privacy::Relationship;
using privacy::ViewerContext;

// The same answer for a member who does not exist and one the viewer may not see.

constexpr size_t kMaxShieldedCompanies = 50;
// A new code to the same work email at most this often, so the server cannot be used to flood
// someone else's mailbox.
constexpr std::chrono::seconds kEmailCodeInterval{60};

YearMonth MonthsBefore(YearMonth month, int months) {
  int index = month.year * 12 + (month.month - 1) - months;
  return {index / 12, index % 12 + 1};
}

template <class IdType>
std::vector<IdType> Unique(std::vector<IdType> ids) {
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

template <class IdType>
bool Contains(const std::vector<IdType>& ids, IdType id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

// Gives new entries (no id) a fresh id and refuses ids that are not among `existing`.
template <class Entry>
Result<void> AssignEntryIds(std::vector<Entry>& entries, const std::vector<Entry>& existing,
                            std::string_view list) {
  std::set<EntryId> seen;
  for (size_t i = 0; i < entries.size(); ++i) {
    Entry& entry = entries[i];
    std::string field = std::string(list) + "[" + std::to_string(i) + "].id";
    if (!entry.id.valid()) {
      entry.id = crypto::RandomId<EntryId>();
    } else if (std::none_of(existing.begin(), existing.end(),
                            [&](const Entry& old) { return old.id == entry.id; })) {
      return InvalidArgument(field + " is not one of your entries", field);
    }
    if (!seen.insert(entry.id).second) return InvalidArgument(field + " appears twice", field);
  }
  return Ok();
}

// Refuses the first entry whose organisation is not among `known`.
template <class Entry, class IdType, class Org>
Result<void> CheckKnown(const std::vector<Entry>& entries, IdType Entry::*member,
                        const std::vector<Org>& known, std::string_view list,
                        std::string_view id_field) {
  for (size_t i = 0; i < entries.size(); ++i) {
    IdType id = entries[i].*member;
    if (std::none_of(known.begin(), known.end(), [&](const Org& org) { return org.id == id; })) {
      std::string field = std::string(list) + "[" + std::to_string(i) + "]." + std::string(id_field);
      return InvalidArgument(field + " names no known organisation", field);
    }
  }
  return Ok();
}

// Calls `visit` with every audience of `profile`: each field's and each entry's.
template <class Visit>
void ForEachAudience(Profile& profile, Visit visit) {
  for (Audience* audience :
       {&profile.display_name.audience, &profile.name.audience, &profile.headline.audience,
        &profile.about.audience, &profile.location.audience, &profile.photo.audience,
        &profile.career.audience}) {
    visit(*audience);
  }
  auto entries = [&](auto& list) {
    for (auto& entry : list) visit(entry.audience);
  };
  entries(profile.positions);
  entries(profile.education);
  entries(profile.languages);
  entries(profile.skills);
  entries(profile.links);
  entries(profile.contacts);
}

std::string DomainOf(std::string_view email) {
  return std::string(email.substr(email.rfind('@') + 1));
}

// The code message is written in the three languages of the product: the verification is
// about the member's work address, where their account locale may not be what they read.
mail::Message EmailCodeMessage(std::string_view email, std::string_view code, Timestamp now) {
  std::string text(code);
  return {mail::Channel::kEmail, std::string(email),
          "Enishi: 勤務先メールの確認 / 工作邮箱验证 / work email verification",
          "確認コード: " + text + "（10分間有効）\n验证码：" + text +
              "（10分钟内有效）\nYour verification code: " + text +
              " (valid for 10 minutes)\n\n"
              "心当たりがない場合は、このメールを無視してください。\n"
              "如果这不是您本人的操作，请忽略此邮件。\n"
              "If you did not ask for this, ignore this message.\n",
          now};
}

}  // namespace

YearMonth MonthOf(Timestamp time) {
  auto days = std::chrono::floor<std::chrono::days>(time);
  std::chrono::year_month_day date{days};
  return {static_cast<int>(date.year()), static_cast<int>(static_cast<unsigned>(date.month()))};
}

bool IsCurrent(const Position& position, YearMonth this_month) {
  return !position.end || *position.end >= this_month;
}

std::optional<Seniority> CurrentSeniority(std::span<const Position> positions,
                                          YearMonth this_month) {
  std::optional<Seniority> highest;
  for (const Position& position : positions) {
    if (IsCurrent(position, this_month) && (!highest || position.seniority > *highest)) {
      highest = position.seniority;
    }
  }
  return highest;
}

std::vector<CompanyId> CurrentEmployers(const Profile& profile, YearMonth this_month) {
  std::vector<CompanyId> current;
  for (const Position& position : profile.positions) {
    if (IsCurrent(position, this_month)) current.push_back(position.company);
  }
  return Unique(std::move(current));
}

ProfileService::ProfileService(ProfileRepository& profiles,
                               organizations::OrganizationRepository& organizations,
                               media::ImageRepository& images,
                               media::ImageProcessor& image_processor,
                               privacy::RelationshipSource& relationships, mail::Mailer& mailer,
                               const Clock& clock, ProfileServiceOptions options)
    : profiles_(profiles),
      organizations_(organizations),
      images_(images),
      image_processor_(image_processor),
      relationships_(relationships),
      mailer_(mailer),
      clock_(clock),
      options_(options),
      cache_(options.cached_profiles) {}

YearMonth ProfileService::RecentSince() const {
  return MonthsBefore(MonthOf(clock_.Now()), options_.shield_recent_months);
}

// --- Reading.

Result<bool> ProfileService::IsShielded(MemberId viewer, const Profile& profile,
                                        const PrivacySettings& settings) {
  std::vector<CompanyId> seeds = CurrentEmployers(profile, MonthOf(clock_.Now()));
  seeds.insert(seeds.end(), settings.shield.companies.begin(), settings.shield.companies.end());
  if (seeds.empty()) return false;
  auto group = organizations_.ExpandCompanyGroup(Unique(std::move(seeds)));
  if (!group) return group.error();
  auto affiliated = profiles_.AffiliatedCompanies(viewer, RecentSince());
  if (!affiliated) return affiliated.error();
  return std::any_of(affiliated->begin(), affiliated->end(),
                     [&](CompanyId company) { return Contains(*group, company); });
}

Result<Relationship> ProfileService::RelationshipOf(
    MemberId member, MemberId viewer, const std::vector<CircleId>& circles,
    const std::optional<privacy::Standing>& standing) {
  auto relationship = standing ? relationships_.FromStanding(member, viewer, *standing)
                               : relationships_.Between(member, viewer);
  if (!relationship) return relationship.error();
  for (CircleId circle : circles) {
    if (!Contains(relationship->circles, circle)) relationship->circles.push_back(circle);
  }
  return relationship;
}

Result<ViewerContext> ProfileService::ContextFor(const Viewer& viewer, const Profile& profile,
                                                 const PrivacySettings& settings,
                                                 const ProfileForView& pair) {
  if (!viewer.member) return ViewerContext::SignedOut();
  if (*viewer.member == profile.member) return ViewerContext::Owner();
  auto relationship =
      RelationshipOf(profile.member, *viewer.member, pair.viewer_circles, pair.viewer_standing);
  if (!relationship) return relationship.error();
  ViewerContext context = ViewerContext::Member(std::move(relationship).value(), false);
  // The shield costs two queries; most views hold nothing it would withhold.
  if (privacy::ShieldMatters(profile, settings.shield.hide_profile, context)) {
    auto shielded = IsShielded(*viewer.member, profile, settings);
    if (!shielded) return shielded.error();
    context.shielded = *shielded;
  }
  return context;
}

Result<ResolvedView> ProfileService::ViewLoaded(const Viewer& viewer, const ProfileData& data,
                                                const ProfileForView& pair) {
  const Profile& profile = data.profile;
  // Only another member's view asks the settings; the rest see them as they always did.
  static const PrivacySettings kUnsettled;
  const bool other = viewer.member && *viewer.member != profile.member;
  const PrivacySettings& settings = other ? data.settings : kUnsettled;
  auto context = ContextFor(viewer, profile, settings, pair);
  if (!context) return context.error();
  std::optional<ProfileView> view =
      privacy::ViewProfile(profile, settings.shield.hide_profile, *context);
  if (!view) return MemberNotFound();
  // Only the organisations of the entries the viewer sees go out with the view.
  ResolvedView resolved{std::move(*view), {}, {}, context->relationship.stage};
  for (const Company& company : data.companies) {
    if (std::any_of(resolved.view.positions.begin(), resolved.view.positions.end(),
                    [&](const Position& position) { return position.company == company.id; })) {
      resolved.companies.push_back(company);
    }
  }
  for (const School& school : data.schools) {
    if (std::any_of(resolved.view.education.begin(), resolved.view.education.end(),
                    [&](const Education& education) { return education.school == school.id; })) {
      resolved.schools.push_back(school);
    }
  }
  return resolved;
}

Result<ResolvedView> ProfileService::Resolve(ProfileView view) {
  std::vector<CompanyId> company_ids;
  for (const Position& position : view.positions) company_ids.push_back(position.company);
  std::vector<SchoolId> school_ids;
  for (const Education& education : view.education) school_ids.push_back(education.school);
  ResolvedView resolved{std::move(view), {}, {}, privacy::Stage::kNone};
  if (!company_ids.empty()) {
    auto companies = organizations_.FindCompanies(Unique(std::move(company_ids)));
    if (!companies) return companies.error();
    resolved.companies = std::move(companies).value();
  }
  if (!school_ids.empty()) {
    auto schools = organizations_.FindSchools(Unique(std::move(school_ids)));
    if (!schools) return schools.error();
    resolved.schools = std::move(schools).value();
  }
  return resolved;
}

Result<ResolvedView> ProfileService::View(const Viewer& viewer, MemberId member) {
  std::shared_ptr<const CachedProfile> copy = cache_.Find(member);
  auto read = profiles_.FindProfileForView(
      member, viewer.member, copy ? std::optional(copy->revision) : std::nullopt);
  if (!read) return read.error();
  if (!*read) {
    cache_.Forget(member);
    return MemberNotFound();
  }
  if ((*read)->data) {
    copy = std::make_shared<const CachedProfile>(
        CachedProfile{(*read)->revision, std::move(*(*read)->data)});
    cache_.Put(member, copy);
  }
  return ViewLoaded(viewer, copy->data, **read);
}

Result<ResolvedView> ProfileService::ViewByLink(const Viewer& viewer, std::string_view token) {
  auto member = profiles_.FindMemberByProfileLink(token);
  if (!member) return member.error();
  if (!*member) return MemberNotFound();
  return View(viewer, **member);
}

Result<ResolvedView> ProfileService::Lookup(const Viewer& viewer, std::string_view login) {
  auto normalised = accounts::NormaliseLogin(login);
  if (!normalised) return MemberNotFound();
  auto member = profiles_.FindDiscoverableByLogin(normalised->login);
  if (!member) return member.error();
  if (!*member) return MemberNotFound();
  return View(viewer, **member);
}

Result<media::Image> ProfileService::Photo(const Viewer& viewer, MemberId member) {
  auto view = View(viewer, member);
  if (!view) return view.error();
  // The same answer as for a member the viewer may not see at all.
  if (!view->view.photo) return MemberNotFound();
  auto image = images_.Find(*view->view.photo);
  if (!image) return image.error();
  if (!*image) return MemberNotFound();
  return std::move(**image);
}

Result<std::optional<ResolvedView>> ProfileService::Preview(MemberId owner, const PreviewAs& as) {
  auto loaded = profiles_.FindProfile(owner);
  if (!loaded) return loaded.error();
  if (!*loaded) return MemberNotFound();
  const Profile& profile = **loaded;
  auto settings = profiles_.FindSettings(owner);
  if (!settings) return settings.error();

  ViewerContext context;
  switch (as.kind) {
    case PreviewKind::kSignedOut:
      context = ViewerContext::SignedOut();
      break;
    case PreviewKind::kMember:
      context = ViewerContext::Member({}, false);
      break;
    case PreviewKind::kNetwork2: {
      Relationship second_degree;
      second_degree.distance = 2;
      context = ViewerContext::Member(std::move(second_degree), false);
      break;
    }
    case PreviewKind::kConnection: {
      Relationship connection;
      connection.distance = 1;
      connection.stage = privacy::Stage::kConnected;
      context = ViewerContext::Member(std::move(connection), false);
      break;
    }
    case PreviewKind::kEmployer:
      context = ViewerContext::Member({}, true);
      break;
    case PreviewKind::kNamedMember: {
      if (as.named == owner) return MemberNotFound();
      auto named = profiles_.FindProfileForView(as.named, owner, std::nullopt);
      if (!named) return named.error();
      if (!*named || !(*named)->data) return MemberNotFound();
      auto circles = profiles_.CirclesHolding(owner, as.named);
      if (!circles) return circles.error();
      auto relationship = RelationshipOf(owner, as.named, *circles, std::nullopt);
      if (!relationship) return relationship.error();
      context = ViewerContext::Member(std::move(relationship).value(), false);
      // Whether the named member is shielded rests on where they work and which work emails
      // they verified. The preview must not tell the owner more than the owner may see of
      // them, so it judges by the positions the named member shows the owner.
      auto seen = ViewLoaded(Viewer::Of(owner), *(*named)->data, **named);
      if (seen) {
        std::vector<CompanyId> seeds = CurrentEmployers(profile, MonthOf(clock_.Now()));
        seeds.insert(seeds.end(), settings->shield.companies.begin(),
                     settings->shield.companies.end());
        if (!seeds.empty()) {
          auto group = organizations_.ExpandCompanyGroup(Unique(std::move(seeds)));
          if (!group) return group.error();
          YearMonth since = RecentSince();
          context.shielded = std::any_of(
              seen->view.positions.begin(), seen->view.positions.end(), [&](const Position& p) {
                return (!p.end || *p.end >= since) && Contains(*group, p.company);
              });
        }
      } else if (seen.error().code != ErrorCode::kNotFound) {
        return seen.error();
      }
      break;
    }
  }
  std::optional<ProfileView> view =
      privacy::ViewProfile(profile, settings->shield.hide_profile, context);
  if (!view) return std::optional<ResolvedView>();
  auto resolved = Resolve(std::move(*view));
  if (!resolved) return resolved.error();
  resolved->stage = context.relationship.stage;
  return std::optional<ResolvedView>(std::move(resolved).value());
}

// --- The owner's profile.

Result<OwnProfile> ProfileService::GetOwn(MemberId owner) {
  auto profile = profiles_.FindProfile(owner);
  if (!profile) return profile.error();
  if (!*profile) return MemberNotFound();
  auto resolved = Resolve(*privacy::ViewProfile(**profile, false, ViewerContext::Owner()));
  if (!resolved) return resolved.error();
  return OwnProfile{std::move(**profile), std::move(resolved->companies),
                    std::move(resolved->schools)};
}

Result<OwnProfile> ProfileService::Update(MemberId owner, Profile draft) {
  auto current = profiles_.FindProfile(owner);
  if (!current) return current.error();
  if (!*current) return MemberNotFound();
  auto circles = profiles_.ListCircles(owner);
  if (!circles) return circles.error();
  std::vector<CircleId> circle_ids;
  for (const Circle& circle : *circles) circle_ids.push_back(circle.id);

  draft.member = owner;
  draft.photo.value = (*current)->photo.value;  // Only an upload changes the photo.
  ENISHI_TRY(NormalizeAndValidate(draft, MonthOf(clock_.Now()), circle_ids));
  ENISHI_TRY(AssignEntryIds(draft.positions, (*current)->positions, "positions"));
  ENISHI_TRY(AssignEntryIds(draft.education, (*current)->education, "education"));
  ENISHI_TRY(AssignEntryIds(draft.languages, (*current)->languages, "languages"));
  ENISHI_TRY(AssignEntryIds(draft.skills, (*current)->skills, "skills"));
  ENISHI_TRY(AssignEntryIds(draft.links, (*current)->links, "links"));
  ENISHI_TRY(AssignEntryIds(draft.contacts, (*current)->contacts, "contacts"));

  std::vector<CompanyId> company_ids;
  for (const Position& position : draft.positions) company_ids.push_back(position.company);
  std::vector<SchoolId> school_ids;
  for (const Education& education : draft.education) school_ids.push_back(education.school);
  OwnProfile own;
  if (!company_ids.empty()) {
    auto companies = organizations_.FindCompanies(Unique(std::move(company_ids)));
    if (!companies) return companies.error();
    ENISHI_TRY(CheckKnown(draft.positions, &Position::company, *companies, "positions",
                          "company_id"));
    own.companies = std::move(companies).value();
  }
  if (!school_ids.empty()) {
    auto schools = organizations_.FindSchools(Unique(std::move(school_ids)));
    if (!schools) return schools.error();
    ENISHI_TRY(CheckKnown(draft.education, &Education::school, *schools, "education",
                          "school_id"));
    own.schools = std::move(schools).value();
  }
  draft.updated_at = clock_.Now();
  ENISHI_TRY(profiles_.PutProfile(draft));
  own.profile = std::move(draft);
  return own;
}

Result<ImageId> ProfileService::SetPhoto(MemberId owner, std::string_view upload) {
  auto image = image_processor_.Normalize(upload);
  if (!image) return image.error();
  auto profile = profiles_.FindProfile(owner);
  if (!profile) return profile.error();
  if (!*profile) return MemberNotFound();
  image->id = crypto::RandomId<ImageId>();
  image->created_at = clock_.Now();
  ENISHI_TRY(images_.Put(*image));
  std::optional<ImageId> previous = (*profile)->photo.value;
  (*profile)->photo.value = image->id;
  if (auto put = profiles_.PutProfile(**profile); !put) {
    (void)images_.Delete(image->id);  // Best effort: an orphan image is harmless.
    return put.error();
  }
  if (previous) (void)images_.Delete(*previous);
  return image->id;
}

Result<void> ProfileService::RemovePhoto(MemberId owner) {
  auto profile = profiles_.FindProfile(owner);
  if (!profile) return profile.error();
  if (!*profile) return MemberNotFound();
  std::optional<ImageId> previous = (*profile)->photo.value;
  if (!previous) return Ok();
  (*profile)->photo.value.reset();
  ENISHI_TRY(profiles_.PutProfile(**profile));
  return images_.Delete(*previous);
}

// --- Privacy settings.

Result<PrivacySettings> ProfileService::SettingsWithLink(MemberId owner) {
  auto settings = profiles_.FindSettings(owner);
  if (!settings) return settings.error();
  if (settings->profile_link.empty()) {
    settings->profile_link = crypto::RandomToken(16);
    ENISHI_TRY(profiles_.PutSettings(owner, *settings));
  }
  return settings;
}

Result<std::vector<Company>> ProfileService::Companies(std::vector<CompanyId> ids) {
  if (ids.empty()) return std::vector<Company>();
  return organizations_.FindCompanies(Unique(std::move(ids)));
}

Result<OwnPrivacy> ProfileService::Own(MemberId owner, PrivacySettings settings) {
  auto profile = profiles_.FindProfile(owner);
  if (!profile) return profile.error();
  if (!*profile) return MemberNotFound();
  auto shielded = Companies(settings.shield.companies);
  if (!shielded) return shielded.error();
  auto automatic = Companies(CurrentEmployers(**profile, MonthOf(clock_.Now())));
  if (!automatic) return automatic.error();
  return OwnPrivacy{std::move(settings), std::move(shielded).value(),
                    std::move(automatic).value()};
}

Result<OwnPrivacy> ProfileService::GetPrivacy(MemberId owner) {
  auto settings = SettingsWithLink(owner);
  if (!settings) return settings.error();
  return Own(owner, std::move(settings).value());
}

Result<OwnPrivacy> ProfileService::UpdatePrivacy(MemberId owner, Discoverability discoverability,
                                                 Shield shield) {
  if (shield.companies.size() > kMaxShieldedCompanies) {
    return InvalidArgument("shield.companies has too many entries (at most 50)",
                           "shield.companies");
  }
  auto known = Companies(shield.companies);
  if (!known) return known.error();
  for (size_t i = 0; i < shield.companies.size(); ++i) {
    if (std::none_of(known->begin(), known->end(),
                     [&](const Company& company) { return company.id == shield.companies[i]; })) {
      std::string field = "shield.companies[" + std::to_string(i) + "]";
      return InvalidArgument(field + " names no known company", field);
    }
  }
  auto settings = SettingsWithLink(owner);
  if (!settings) return settings.error();
  settings->discoverability = discoverability;
  shield.companies = Unique(std::move(shield.companies));
  settings->shield = std::move(shield);
  ENISHI_TRY(profiles_.PutSettings(owner, *settings));
  return Own(owner, std::move(settings).value());
}

Result<OwnPrivacy> ProfileService::RotateProfileLink(MemberId owner) {
  auto settings = profiles_.FindSettings(owner);
  if (!settings) return settings.error();
  settings->profile_link = crypto::RandomToken(16);
  ENISHI_TRY(profiles_.PutSettings(owner, *settings));
  return Own(owner, std::move(settings).value());
}

// --- Circles.

Result<std::vector<Circle>> ProfileService::ListCircles(MemberId owner) {
  return profiles_.ListCircles(owner);
}

namespace {

// Checks and stores circle `id` of `owner`, creating it when it does not exist yet.
Result<Circle> PutCircle(ProfileRepository& profiles, MemberId owner, CircleId id,
                         std::string name, std::vector<MemberId> members) {
  ENISHI_TRY(NormalizeCircleName(name));
  if (members.size() > ProfileLimits::kCircleMembers) {
    return InvalidArgument("members has too many entries (at most 1000)", "members");
  }
  Circle circle{id, std::move(name), Unique(std::move(members))};
  if (auto put = profiles.PutCircle(owner, circle); !put) {
    if (put.error().code == ErrorCode::kFailedPrecondition) {
      return InvalidArgument("members names someone who is not a member", "members");
    }
    if (put.error().code == ErrorCode::kNotFound) return NotFound("circle not found");
    return put.error();
  }
  return circle;
}

}  // namespace

Result<Circle> ProfileService::UpdateCircle(MemberId owner, CircleId id, std::string name,
                                            std::vector<MemberId> members) {
  // PutCircle creates a circle it does not find: an update must not create one with an id the
  // client chose.
  auto circles = profiles_.ListCircles(owner);
  if (!circles) return circles.error();
  if (std::none_of(circles->begin(), circles->end(),
                   [&](const Circle& circle) { return circle.id == id; })) {
    return NotFound("circle not found");
  }
  return PutCircle(profiles_, owner, id, std::move(name), std::move(members));
}

Result<Circle> ProfileService::CreateCircle(MemberId owner, std::string name,
                                            std::vector<MemberId> members) {
  return PutCircle(profiles_, owner, crypto::RandomId<CircleId>(), std::move(name),
                   std::move(members));
}

Result<void> ProfileService::DeleteCircle(MemberId owner, CircleId id) {
  auto deleted = profiles_.DeleteCircle(owner, id);
  if (!deleted) return deleted.error();
  if (!*deleted) return NotFound("circle not found");
  // What was shown to the circle becomes the owner's alone, so the profile stays valid to save.
  // Should this fail, those audiences still reach nobody: the circle is gone.
  auto profile = profiles_.FindProfile(owner);
  if (!profile) return profile.error();
  if (!*profile) return Ok();
  bool changed = false;
  ForEachAudience(**profile, [&](Audience& audience) {
    if (audience.kind == AudienceKind::kCircle && audience.circle == id) {
      audience = Audience::Of(AudienceKind::kOnlyMe);
      changed = true;
    }
  });
  if (!changed) return Ok();
  return profiles_.PutProfile(**profile);
}

// --- Work emails.

Result<WorkEmails> ProfileService::ListWorkEmails(MemberId owner) {
  auto verified = profiles_.ListVerifiedEmails(owner);
  if (!verified) return verified.error();
  auto pending = profiles_.FindPendingEmailVerification(owner);
  if (!pending) return pending.error();
  WorkEmails emails;
  std::vector<std::string> domains;
  for (const VerifiedEmail& email : *verified) domains.push_back(email.domain);
  std::vector<Company> companies;
  if (!domains.empty()) {
    auto found = organizations_.FindCompaniesByDomains(domains);
    if (!found) return found.error();
    companies = std::move(found).value();
  }
  for (VerifiedEmail& email : *verified) {
    WorkEmail work{std::move(email), {}};
    for (const Company& company : companies) {
      if (Contains(company.domains, work.email.domain)) work.companies.push_back(company);
    }
    emails.verified.push_back(std::move(work));
  }
  if (*pending && (*pending)->expires_at > clock_.Now()) {
    emails.pending = std::move(**pending);
    emails.pending->code_hash.clear();
  }
  return emails;
}

Result<Timestamp> ProfileService::StartWorkEmailVerification(MemberId owner,
                                                             std::string_view email) {
  auto normalised = accounts::NormaliseLogin(email);
  if (!normalised || normalised->kind != accounts::LoginKind::kEmail) {
    return InvalidArgument("email is not a valid email address", "email");
  }
  Timestamp now = clock_.Now();
  auto pending = profiles_.FindPendingEmailVerification(owner);
  if (!pending) return pending.error();
  if (*pending) {
    Timestamp sent_at = (*pending)->expires_at - options_.email_code_ttl;
    if (now < sent_at + kEmailCodeInterval) {
      return ResourceExhausted(
          "a code was sent a moment ago",
          std::chrono::ceil<std::chrono::seconds>(sent_at + kEmailCodeInterval - now));
    }
  }
  std::string code = crypto::RandomDigits(6);
  PendingEmailVerification verification{owner, normalised->login, crypto::Sha256Hex(code),
                                        options_.email_code_attempts,
                                        now + options_.email_code_ttl};
  ENISHI_TRY(profiles_.PutPendingEmailVerification(verification));
  ENISHI_TRY(mailer_.Send(EmailCodeMessage(verification.email, code, now)));
  return verification.expires_at;
}

Result<WorkEmail> ProfileService::ConfirmWorkEmail(MemberId owner, std::string_view code) {
  Error wrong = InvalidArgument("the code is wrong or has expired", "code");
  if (code.size() != 6 ||
      !std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return InvalidArgument("code must be six digits", "code");
  }
  auto pending = profiles_.FindPendingEmailVerification(owner);
  if (!pending) return pending.error();
  Timestamp now = clock_.Now();
  if (!*pending || (*pending)->attempts_left <= 0 || (*pending)->expires_at <= now) return wrong;
  // Spent before comparing, so parallel guesses cannot outrun the count.
  ENISHI_TRY(profiles_.SpendEmailVerificationAttempt(owner));
  if (!crypto::ConstantTimeEquals(crypto::Sha256Hex(code), (*pending)->code_hash)) return wrong;
  VerifiedEmail verified{(*pending)->email, DomainOf((*pending)->email), now};
  ENISHI_TRY(profiles_.CompleteEmailVerification(owner, verified));
  auto companies = organizations_.FindCompaniesByDomains({verified.domain});
  if (!companies) return companies.error();
  return WorkEmail{std::move(verified), std::move(companies).value()};
}

Result<void> ProfileService::RemoveWorkEmail(MemberId owner, std::string_view email) {
  auto deleted = profiles_.DeleteVerifiedEmail(owner, email);
  if (!deleted) return deleted.error();
  if (!*deleted) return NotFound("work email not found");
  return Ok();
}

}  // namespace enishi::profiles
