#pragma once
// The privacy engine: the one place that decides what of a member's data a viewer receives
// (DESIGN.md §5). Every read of member data is made for a Viewer and returns only what passed
// through here; API handlers serialise a ProfileView and nothing else.
//
// The engine is pure: it takes the profile and everything known about the viewer, so a real
// view and a view-as preview (F6) are produced by the same code from different contexts.

#include <optional>
#include <string>
#include <vector>

#include "core/ids.hpp"
#include "domain/privacy/audience.hpp"
#include "domain/privacy/relationships.hpp"
#include "domain/profiles/profile.hpp"

namespace enishi::privacy {

// Everything the engine needs to know about who is looking.
struct ViewerContext {
  enum class Kind { kSignedOut, kMember, kOwner };
  Kind kind = Kind::kSignedOut;
  Relationship relationship;  // For kMember.
  // The viewer is affiliated with a company the member shields (F4): job-related data is
  // withheld whatever its audience.
  bool shielded = false;

  static ViewerContext SignedOut() { return {}; }
  static ViewerContext Owner() { return {Kind::kOwner, {}, false}; }
  static ViewerContext Member(Relationship relationship, bool shielded) {
    return {Kind::kMember, std::move(relationship), shielded};
  }
};

// True when a viewer in `context` belongs to `audience`.
bool Allows(const Audience& audience, const ViewerContext& context);

// What a viewer receives of a profile: fields they may not see are absent, entries they may not
// see are left out. Entries keep their audience member, which serialisers must not send to
// anyone but the owner.
struct ProfileView {
  MemberId member;
  std::optional<std::string> display_name;
  std::optional<profiles::PersonName> name;
  std::optional<std::string> headline;
  std::optional<std::string> about;
  std::optional<std::string> location;
  std::optional<ImageId> photo;
  std::optional<profiles::CareerPreferences> career;
  std::vector<profiles::Position> positions;
  std::vector<profiles::Education> education;
  std::vector<profiles::Language> languages;
  std::vector<profiles::Skill> skills;
  std::vector<profiles::Link> links;
  std::vector<profiles::Contact> contacts;

  // True when the view holds nothing at all.
  bool empty() const;
};

// `profile` as a viewer in `context` receives it, or nullopt when they receive nothing: no field
// or entry is visible to them, or `hide_from_shielded` and the viewer is shielded. Callers
// answer nullopt exactly as they answer an unknown member.
std::optional<ProfileView> ViewProfile(const profiles::Profile& profile, bool hide_from_shielded,
                                       const ViewerContext& context);

// True when the profile holds data the employer shield withholds and that `context` could
// otherwise see, or when `hide_from_shielded` is set: only then does a view need to know whether
// the viewer is shielded.
bool ShieldMatters(const profiles::Profile& profile, bool hide_from_shielded,
                   const ViewerContext& context);

}  // namespace enishi::privacy
