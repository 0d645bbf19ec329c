#pragma once
// What the privacy engine needs to know about how a viewer relates to a member, behind a port:
// connections, stages and blocks come from the relationships module, circles from profiles.
// Tests supply relationships through the same port.

#include <vector>

#include "core/ids.hpp"
#include "core/result.hpp"

namespace enishi::privacy {

// How far a relationship has grown, from the member's side (F10).
enum class Stage { kNone, kGreeted, kConversing, kConnected };

// How `viewer` stands with `member`, as `member`'s audiences ask it.
struct Relationship {
  // Network distance: 1 for a connection, 2 for a connection's connection, 0 when unknown or
  // further away than two.
  int distance = 0;
  Stage stage = Stage::kNone;
  bool trusted = false;             // The member marked the viewer as trusted (one-sided).
  std::vector<CircleId> circles{};  // The member's circles that hold the viewer.
  // Either blocked the other: the viewer finds nothing of the member, whatever the audiences.
  bool blocked = false;

  friend bool operator==(const Relationship&, const Relationship&) = default;
};

// How two members stand as the store keeps it (relationships module), read together.
struct Standing {
  Stage stage = Stage::kNone;  // The same from both sides.
  bool trusted = false;        // The member trusts the other.
  bool blocked = false;        // Either side blocked the other.
};

// Thread-safe. kUnavailable when the answer cannot be had; the engine then fails closed.
class RelationshipSource {
 public:
  virtual ~RelationshipSource() = default;
  // REQUIRES: member != viewer.
  virtual Result<Relationship> Between(MemberId member, MemberId viewer) = 0;
  // Between, given `standing` as the caller read it from the store together with other data
  // of the member (ProfileRepository::FindProfileForView): the same answer, one read fewer. A
  // source that does not take standings from the store answers Between.
  virtual Result<Relationship> FromStanding(MemberId member, MemberId viewer,
                                            const Standing& /*standing*/) {
    return Between(member, viewer);
  }
};

}  // namespace enishi::privacy
