#pragma once
// Relationships that grow in stages (F8–F12, F29): greetings and connection requests, the ties
// they leave between two members, blocks, each member's inbound policy, and business cards.
//
// A tie is kept once for each side: its stage is the same on both sides, while the rating, the
// note and trust are one side's private view of the other, never shown to the other side.

#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/ids.hpp"
#include "domain/privacy/audience.hpp"
#include "domain/privacy/relationships.hpp"
#include "domain/profiles/profile.hpp"

namespace enishi::relationships {

using privacy::Stage;

enum class RequestKind { kGreeting, kConnection };

// How the two met, as the sender of a connection request says (F9). Greetings carry kNone.
enum class Provenance { kNone, kMetInPerson, kIntroduced, kSameGroup, kImported };

// A request as stored. Declined, filtered and ignored requests stay kPending to everyone but
// their recipient: see StatusForSender.
enum class RequestState { kPending, kAccepted, kDeclined, kWithdrawn, kExpired };

struct Request {
  RequestId id;
  RequestKind kind = RequestKind::kGreeting;
  MemberId sender;
  MemberId recipient;
  std::string note;
  Provenance provenance = Provenance::kNone;
  std::optional<MemberId> introduced_by;  // With kIntroduced only.
  // The recipient's inbound policy sent it to their Filtered folder: no notification, and
  // nothing the sender can tell apart from a pending request.
  bool filtered = false;
  RequestState state = RequestState::kPending;
  Timestamp created_at;
  Timestamp expires_at;
  std::optional<Timestamp> resolved_at;  // When accepted, declined, withdrawn or expired.
  friend bool operator==(const Request&, const Request&) = default;
};

// What the sender of a request is told. Declined, filtered and unanswered requests all read
// kPending until they expire, then kExpired: a sender never learns they were turned down.
enum class SentStatus { kPending, kAccepted, kExpired };
SentStatus StatusForSender(const Request& request, Timestamp now);

// One side's view of a tie with another member.
struct Tie {
  MemberId member;  // Whose view this is.
  MemberId other;
  Stage stage = Stage::kNone;
  std::optional<int> rating;  // 1..5: how well `member` knows `other`. Private to `member`.
  std::string note;           // Where, when, through whom they met. Private to `member`.
  bool trusted = false;       // `member` trusts `other` (one-sided, private).
  Provenance provenance = Provenance::kNone;  // How the connection was made.
  Timestamp since;                            // When the tie reached its stage.
  friend bool operator==(const Tie&, const Tie&) = default;
};

// What the privacy engine and the inbound policy need of a pair, read together.
using privacy::Standing;

// Who may reach a member with a kind of request (F11). Members the recipient has already
// greeted or spoken with always may.
enum class Reach {
  kAnyone,        // Any member.
  kThirdDegree,   // Members within three degrees.
  kSecondDegree,  // Members sharing a mutual connection with the member.
  kNobody,        // Introductions only.
};

// Who may send business asks (meeting request, proposal, referral request) to the member.
enum class BusinessAsks { kTrustedOnly, kConnections };

// A member's inbound policy (F11, F12) and who sees their connection list (F15). Requests the
// policy refuses are filed, not bounced: they go to the Filtered folder.
struct InboundPolicy {
  Reach greetings = Reach::kAnyone;
  Reach requests = Reach::kSecondDegree;
  Reach messages = Reach::kSecondDegree;
  // Senders whose current position has one of these functions are filtered.
  std::vector<profiles::JobFunction> refused_functions;
  int min_account_age_days = 0;  // Senders with younger accounts are filtered.
  BusinessAsks business_asks = BusinessAsks::kTrustedOnly;
  // Who sees whom the member is connected to, in mutual connections and paths too: one of
  // only_me, connections, network2 or members.
  privacy::Audience connection_list = privacy::Audience::Of(privacy::AudienceKind::kConnections);
  // Greetings, requests and messages from members two or more seniority levels below, with no
  // mutual connection and no relationship, are filtered: such a member is expected to come
  // through an introduction, which always reaches the member.
  bool juniors_need_introduction = true;
  friend bool operator==(const InboundPolicy&, const InboundPolicy&) = default;
};

// A member's business card (F29): a short code shown as a QR code and typed by hand.
struct Card {
  MemberId member;
  std::string code;  // 10 Crockford base32 characters, upper case.
  Timestamp created_at;
  friend bool operator==(const Card&, const Card&) = default;
};

struct Block {
  MemberId blocker;
  MemberId blocked;
  Timestamp created_at;
  friend bool operator==(const Block&, const Block&) = default;
};

}  // namespace enishi::relationships
