#pragma once
// The names of the relationship enumerations, as the API and the store spell them.

#include "core/enum_names.hpp"
#include "domain/relationships/relationship.hpp"

namespace enishi::relationships {

inline constexpr EnumNames<RequestKind, 2> kRequestKindNames = {{
    {RequestKind::kGreeting, "greeting"},
    {RequestKind::kConnection, "connection"},
}};

inline constexpr EnumNames<Provenance, 5> kProvenanceNames = {{
    {Provenance::kNone, "none"},
    {Provenance::kMetInPerson, "met_in_person"},
    {Provenance::kIntroduced, "introduced"},
    {Provenance::kSameGroup, "same_group"},
    {Provenance::kImported, "imported"},
}};

inline constexpr EnumNames<RequestState, 5> kRequestStateNames = {{
    {RequestState::kPending, "pending"},
    {RequestState::kAccepted, "accepted"},
    {RequestState::kDeclined, "declined"},
    {RequestState::kWithdrawn, "withdrawn"},
    {RequestState::kExpired, "expired"},
}};

inline constexpr EnumNames<SentStatus, 3> kSentStatusNames = {{
    {SentStatus::kPending, "pending"},
    {SentStatus::kAccepted, "accepted"},
    {SentStatus::kExpired, "expired"},
}};

inline constexpr EnumNames<Stage, 4> kStageNames = {{
    {Stage::kNone, "none"},
    {Stage::kGreeted, "greeted"},
    {Stage::kConversing, "conversing"},
    {Stage::kConnected, "connected"},
}};

inline constexpr EnumNames<Reach, 4> kReachNames = {{
    {Reach::kAnyone, "anyone"},
    {Reach::kThirdDegree, "third_degree"},
    {Reach::kSecondDegree, "second_degree"},
    {Reach::kNobody, "nobody"},
}};

inline constexpr EnumNames<BusinessAsks, 2> kBusinessAsksNames = {{
    {BusinessAsks::kTrustedOnly, "trusted_only"},
    {BusinessAsks::kConnections, "connections"},
}};

}  // namespace enishi::relationships
