#include "domain/privacy/privacy_engine.hpp"

#include <algorithm>

namespace enishi::privacy {
namespace {

using Kind = ViewerContext::Kind;

// The stage a viewer needs for each stage audience.
bool StageAtLeast(Stage stage, Stage needed) {
  return static_cast<int>(stage) >= static_cast<int>(needed);
}

template <class T>
std::optional<T> IfAllowed(const profiles::Visible<T>& field, const ViewerContext& context) {
  if (!Allows(field.audience, context)) return std::nullopt;
  return field.value;
}

// Empty strings are "not given", not a value worth showing.
std::optional<std::string> IfAllowedText(const profiles::Visible<std::string>& field,
                                         const ViewerContext& context) {
  if (field.value.empty()) return std::nullopt;
  return IfAllowed(field, context);
}

template <class Entry>
std::vector<Entry> AllowedEntries(const std::vector<Entry>& entries, const ViewerContext& context) {
  std::vector<Entry> allowed;
  for (const Entry& entry : entries) {
    if (Allows(entry.audience, context)) allowed.push_back(entry);
  }
  return allowed;
}

bool IsEmptyName(const profiles::PersonName& name) {
  return name.family.empty() && name.given.empty() && name.latin_family.empty() &&
         name.latin_given.empty();
}

}  // namespace

bool Allows(const Audience& audience, const ViewerContext& context) {
  if (context.kind == Kind::kOwner) return true;
  if (context.kind == Kind::kMember && context.relationship.blocked) return false;
  if (audience.kind == AudienceKind::kPublic) return true;
  if (context.kind == Kind::kSignedOut) return false;
  const Relationship& relationship = context.relationship;
  switch (audience.kind) {
    case AudienceKind::kPublic:
    case AudienceKind::kMembers:
      return true;
    case AudienceKind::kNetwork2:
      return relationship.distance == 1 || relationship.distance == 2;
    case AudienceKind::kGreeted:
      return StageAtLeast(relationship.stage, Stage::kGreeted);
    case AudienceKind::kConversing:
      return StageAtLeast(relationship.stage, Stage::kConversing);
    case AudienceKind::kConnections:
      return StageAtLeast(relationship.stage, Stage::kConnected);
    case AudienceKind::kTrusted:
      // Trusted is the stage after connection (DESIGN.md §2, principle 4): a trusted mark on
      // someone who is not, or no longer, a connection does not reach it.
      return relationship.trusted && StageAtLeast(relationship.stage, Stage::kConnected);
    case AudienceKind::kCircle:
      return std::find(relationship.circles.begin(), relationship.circles.end(),
                       audience.circle) != relationship.circles.end();
    case AudienceKind::kOnlyMe:
      return false;
  }
  return false;
}

bool ProfileView::empty() const {
  return !display_name && !name && !headline && !about && !location && !photo && !career &&
         positions.empty() && education.empty() && languages.empty() && skills.empty() &&
         links.empty() && contacts.empty();
}

bool ShieldMatters(const profiles::Profile& profile, bool hide_from_shielded,
                   const ViewerContext& context) {
  if (context.kind != Kind::kMember) return false;
  return hide_from_shielded || Allows(profile.career.audience, context);
}

std::optional<ProfileView> ViewProfile(const profiles::Profile& profile, bool hide_from_shielded,
                                       const ViewerContext& context) {
  if (context.kind == Kind::kMember) {
    if (context.relationship.blocked) return std::nullopt;
    if (context.shielded && hide_from_shielded) return std::nullopt;
  }
  ProfileView view;
  view.member = profile.member;
  view.display_name = IfAllowedText(profile.display_name, context);
  if (!IsEmptyName(profile.name.value)) view.name = IfAllowed(profile.name, context);
  view.headline = IfAllowedText(profile.headline, context);
  view.about = IfAllowedText(profile.about, context);
  view.location = IfAllowedText(profile.location, context);
  if (profile.photo.value) view.photo = IfAllowed(profile.photo, context).value_or(std::nullopt);
  // Job-seeking status and preferences are job-related: the shield withholds them (F4).
  if (!context.shielded) view.career = IfAllowed(profile.career, context);
  view.positions = AllowedEntries(profile.positions, context);
  view.education = AllowedEntries(profile.education, context);
  view.languages = AllowedEntries(profile.languages, context);
  view.skills = AllowedEntries(profile.skills, context);
  view.links = AllowedEntries(profile.links, context);
  view.contacts = AllowedEntries(profile.contacts, context);
  if (context.kind != Kind::kOwner && view.empty()) return std::nullopt;
  return view;
}

}  // namespace enishi::privacy
