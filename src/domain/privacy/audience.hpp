#pragma once
// Who may see one piece of member data (DESIGN.md §5). Every profile field and every list
// entry carries one Audience; the privacy engine (privacy_engine.hpp) is the only code that
// decides whether a viewer belongs to it.

#include <optional>
#include <string>
#include <string_view>

#include "core/ids.hpp"

namespace enishi::privacy {

// Ordered from the widest audience to the narrowest, apart from kCircle, which is a list the
// member keeps and is neither wider nor narrower than the stages.
enum class AudienceKind {
  kPublic,       // Anyone, signed out too.
  kMembers,      // Any signed-in member.
  kNetwork2,     // Members within two degrees.
  kGreeted,      // The viewer's stage with the member is at least "greeted"...
  kConversing,   // ... "conversing"...
  kConnections,  // ... "connected" (1st degree)...
  kTrusted,      // ... or the member marked the viewer as trusted.
  kCircle,       // Members of one of the member's circles.
  kOnlyMe,       // The member alone.
};

struct Audience {
  AudienceKind kind = AudienceKind::kOnlyMe;
  CircleId circle;  // Set only with kCircle.

  static Audience Of(AudienceKind kind) { return {kind, {}}; }
  static Audience Circle(CircleId circle) { return {AudienceKind::kCircle, circle}; }
  friend bool operator==(const Audience&, const Audience&) = default;
};

// The wire and storage form: "public", "members", "network2", "greeted", "conversing",
// "connections", "trusted", "only_me", or "circle:<circle id>". nullopt for anything else.
std::optional<Audience> ParseAudience(std::string_view text);
std::string FormatAudience(const Audience& audience);

}  // namespace enishi::privacy
