#pragma once
// RelationshipChange: a change to what RelationshipService keeps in memory, as one server tells
// the others sharing its store (cluster::ChangeFeed). One line of text:
//   "connect <a> <b>", "disconnect <a> <b>", "rate <from> <to> <0-5>",
//   "list <member> <audience>", "forget <member>"
// with ids in their public form and the audience as privacy::FormatAudience writes it.

#include <optional>
#include <string>
#include <string_view>

#include "core/ids.hpp"
#include "domain/privacy/audience.hpp"

namespace enishi::relationships {

inline constexpr std::string_view kRelationshipChannel = "enishi_relationships";

struct RelationshipChange {
  enum class Kind {
    kConnect,       // a and b are connected.
    kDisconnect,    // a and b are no longer connected.
    kRate,          // a rates b `strength` (0: unrated).
    kListAudience,  // a shows their connection list to `audience`.
    kForget,        // a's account is gone.
  };
  Kind kind = Kind::kConnect;
  MemberId a;
  MemberId b;
  int strength = 0;
  privacy::Audience audience;

  static RelationshipChange Connect(MemberId a, MemberId b) { return Of(Kind::kConnect, a, b); }
  static RelationshipChange Disconnect(MemberId a, MemberId b) {
    return Of(Kind::kDisconnect, a, b);
  }
  static RelationshipChange Rate(MemberId from, MemberId to, int strength) {
    RelationshipChange change = Of(Kind::kRate, from, to);
    change.strength = strength;
    return change;
  }
  static RelationshipChange ListAudience(MemberId member, privacy::Audience audience) {
    RelationshipChange change = Of(Kind::kListAudience, member, {});
    change.audience = audience;
    return change;
  }
  static RelationshipChange Forget(MemberId member) { return Of(Kind::kForget, member, {}); }

  friend bool operator==(const RelationshipChange&, const RelationshipChange&) = default;

 private:
  static RelationshipChange Of(Kind kind, MemberId a, MemberId b) {
    RelationshipChange change;
    change.kind = kind;
    change.a = a;
    change.b = b;
    return change;
  }
};

std::string EncodeChange(const RelationshipChange& change);
// nullopt for anything EncodeChange does not write.
std::optional<RelationshipChange> DecodeChange(std::string_view text);

}  // namespace enishi::relationships
