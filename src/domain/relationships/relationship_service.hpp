#pragma once
// Use cases of relationships that grow in stages (F8–F12, F15, F29): greetings, connection
// requests, ties with private ratings and notes, trust, blocks, inbound policies, business
// cards, and what the graph index derives for a viewer (degrees, mutuals, paths, suggestions).
//
// Etiquette the service keeps:
// - Nobody is told "rejected": a declined, filtered or ignored request reads pending to its
//   sender until it expires (StatusForSender), and every error a sender can provoke is the same
//   whether or not the recipient turned them down.
// - A member who blocked the caller, or whom the caller blocked, is "member not found".
// - The graph index follows every committed change to connections and ratings.
//
// Thread-safe; the ports, the index and the clock must outlive the service. Every method may
// also fail with a port's kUnavailable or kInternal.

#include <functional>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/clock.hpp"
#include "core/ids.hpp"
#include "core/result.hpp"
#include "domain/accounts/account_repository.hpp"
#include "domain/cluster/change_feed.hpp"
#include "domain/graph/graph_index.hpp"
#include "domain/graph/routes.hpp"
#include "domain/privacy/relationships.hpp"
#include "domain/profiles/profile_repository.hpp"
#include "domain/relationships/relationship.hpp"
#include "domain/relationships/relationship_change.hpp"
#include "domain/relationships/relationship_repository.hpp"

namespace enishi::relationships {

struct RelationshipLimits {
  static constexpr size_t kNoteChars = 300;     // A request's note and a tie's private note.
  static constexpr int kListLimit = 200;        // Requests listed at once.
  days request_lifetime = days(30);             // Then a request reads "expired".
  days resend_after_withdrawal = days(21);      // A withdrawn request's cool-down.
  days young_account = days(30);                // Younger accounts get the lower quotas.
  int greetings_per_day = 20;
  int greetings_per_day_young = 5;
  int requests_per_week = 50;
  int requests_per_week_young = 10;
  std::chrono::minutes mutual_scan_window{5};  // Both scan within it: connected at once.
};

// A request as its sender sees it.
struct SentRequest {
  Request request;
  SentStatus status = SentStatus::kPending;
};

// What scanning or typing another member's card code did.
enum class ScanOutcome {
  kRequested,  // A connection request "met in person" went out.
  kConnected,  // The other had scanned ours within the window: connected at once.
};
struct Scan {
  ScanOutcome outcome = ScanOutcome::kRequested;
  MemberId owner;  // Whose card it was.
};

// Told of what should reach someone's notification centre, after it has committed. Thread-safe;
// must not call back into the service. Failures are the observer's own to log.
class RequestObserver {
 public:
  virtual ~RequestObserver() = default;
  // A greeting or connection request reached `request.recipient`'s inbox (not Filtered).
  virtual void Received(const Request& request) = 0;
  // `request.recipient` returned the greeting or accepted the connection request.
  virtual void Accepted(const Request& request) = 0;
};

class RelationshipService final : public privacy::RelationshipSource {
 public:
  // `requests` may be null: nobody is told of requests.
  RelationshipService(RelationshipRepository& relationships, accounts::AccountRepository& accounts,
                      profiles::ProfileRepository& profiles, graph::GraphIndex& graph,
                      cluster::ChangeFeed& changes, RequestObserver* requests, const Clock& clock,
                      RelationshipLimits limits = {});

  // Loads the graph index and the connection-list audiences from the store. Call at start-up,
  // before serving, and again whenever changes from other servers may have been missed.
  Result<void> Load();
  // Brings this server's memory up to date with a change another server (or this one)
  // announced on kRelationshipChannel, as the store now has it; idempotent, and right in
  // whatever order the messages come. An unreadable message is logged and ignored.
  void HearChange(std::string_view message);
  // Drops a deleted member from the index; the store deleted their rows with the account.
  void ForgetMember(MemberId member);

  // --- Requests ---

  // Sends a greeting or a connection request. The recipient's inbound policy decides whether it
  // lands in their inbox or, silently, their Filtered folder; the sender is told the same
  // either way. kInvalidArgument ("to", "note", "provenance", "introduced_by"), kNotFound for an
  // unknown or blocking recipient, kAlreadyExists when a pending request of the kind is already
  // out or the two are already connected (or greeted, for a greeting), kResourceExhausted over
  // the quota or within the cool-down after a withdrawal.
  Result<SentRequest> Send(MemberId sender, RequestKind kind, MemberId recipient,
                           std::string note, Provenance provenance,
                           std::optional<MemberId> introduced_by);
  Result<std::vector<Request>> Received(MemberId recipient, ReceivedBox box,
                                        std::optional<RequestKind> kind);
  Result<std::vector<SentRequest>> Sent(MemberId sender, std::optional<RequestKind> kind);
  // Returns a greeting or accepts a connection request addressed to `recipient`. kNotFound when
  // there is no such pending, unexpired request for them.
  Result<void> Accept(MemberId recipient, RequestId id);
  // Declines silently: the sender goes on seeing it pending. kNotFound as for Accept.
  Result<void> Decline(MemberId recipient, RequestId id);
  // The sender takes a pending request back; it cannot be sent again for a while.
  Result<void> Withdraw(MemberId sender, RequestId id);

  // --- Ties ---

  // The member's connections with their private ratings, notes and trust.
  Result<std::vector<Tie>> Connections(MemberId member);
  // Every tie of the member, from greeted up: their side of each.
  Result<std::vector<Tie>> Ties(MemberId member);
  // kInvalidArgument ("rating" outside 1..5, "note"), kNotFound when not connected.
  Result<Tie> UpdateTie(MemberId member, MemberId other, std::optional<int> rating,
                        std::string note, bool trusted);
  Result<void> RemoveConnection(MemberId member, MemberId other);
  // The hook for messaging: both have written to each other, so their stage becomes at least
  // conversing.
  Result<void> MarkConversing(MemberId a, MemberId b);
  // May `from` send `to` a business ask (meeting request, proposal, referral request)? Only
  // when `to` trusts `from`, or `to` allows them from connections and the two are connected.
  Result<bool> MayAsk(MemberId from, MemberId to);
  // Would `recipient`'s inbound policy file a message request from `sender` away (F11)?
  Result<bool> FiltersMessage(MemberId sender, MemberId recipient);
  // `members` without those who blocked `viewer` or whom `viewer` blocked, in order.
  Result<std::vector<MemberId>> WithoutBlocked(MemberId viewer, std::vector<MemberId> members);

  // --- Blocks ---

  Result<void> BlockMember(MemberId blocker, MemberId blocked);
  Result<void> Unblock(MemberId blocker, MemberId blocked);
  Result<std::vector<Block>> Blocks(MemberId blocker);

  // --- Inbound policy ---

  Result<InboundPolicy> Policy(MemberId member);
  // kInvalidArgument ("min_account_age_days", "connection_list").
  Result<InboundPolicy> UpdatePolicy(MemberId member, InboundPolicy policy);

  // --- Cards ---

  // The member's card, drawn on first use.
  Result<Card> MyCard(MemberId member);
  Result<Card> RotateCard(MemberId member);
  // `code` as typed: case, spaces and hyphens do not matter, nor O for 0 or I and L for 1.
  // kNotFound for a code that is unknown or rotated away (or a blocking owner),
  // kInvalidArgument ("code") for one's own code or a malformed one, kAlreadyExists when
  // already connected.
  Result<Scan> ScanCard(MemberId scanner, std::string_view code);

  // --- What the graph shows a viewer ---

  std::vector<graph::Degree> Degrees(MemberId viewer, std::span<const MemberId> members) const;
  // Mutual connections of the viewer and `other` that the viewer may see as such; none when
  // either blocked the other.
  Result<std::vector<MemberId>> Mutuals(MemberId viewer, MemberId other);
  // Shortest paths of up to three hops through members whose connections the viewer may see.
  Result<graph::Paths> Paths(MemberId viewer, MemberId target);
  // People the viewer may know; `discoverable` says whom the viewer may be shown at all.
  Result<std::vector<graph::Suggestion>> Suggestions(MemberId viewer, size_t limit,
                                                     const graph::MemberPredicate& discoverable);
  // The best introduction routes from `requester` to `target` (graph/routes.hpp), at most
  // `limit`, through members whose connection lists the requester may see and who did not
  // block the requester nor were blocked by them; none when the two blocked each other.
  Result<std::vector<graph::Route>> Routes(MemberId requester, MemberId target, size_t limit);
  // Whether requester → intermediaries → target is a route the requester may see: each pair
  // along it connected, every intermediary's connection list visible to the requester, none
  // blocked either way with the requester.
  Result<bool> IsVisibleRoute(MemberId requester, std::span<const MemberId> intermediaries,
                              MemberId target);
  // `member`'s own private rating of their connection `other`; nullopt when unrated or when
  // the two are not connected.
  std::optional<int> OwnRating(MemberId member, MemberId other) const;
  // `member`'s connections when the viewer may see the list; nullopt when not. Blocked members
  // are left out.
  Result<std::optional<std::vector<MemberId>>> ConnectionsOf(MemberId viewer, MemberId member);

  // privacy::RelationshipSource: distance from the graph index; stage, trust and blocks from
  // the store.
  Result<privacy::Relationship> Between(MemberId member, MemberId viewer) override;
  // The same from a standing the caller read; only the distance is looked up.
  Result<privacy::Relationship> FromStanding(MemberId member, MemberId viewer,
                                             const Standing& standing) override;

 private:
  Result<void> CheckRecipient(MemberId sender, MemberId recipient);
  Result<void> CheckQuota(MemberId sender, RequestKind kind, MemberId recipient);
  // Whether `recipient`'s policy files away what `sender` sends that `reach` of it governs.
  Result<bool> PolicyFilters(MemberId sender, MemberId recipient, Reach InboundPolicy::*reach);
  // Whether `member`'s current seniority, as stored, is far below `other`'s (IsFarBelow).
  Result<bool> FarBelow(MemberId member, MemberId other);
  Result<Request> PendingFor(MemberId recipient, RequestId id);
  Result<Card> DrawCard(MemberId member);
  privacy::Audience ConnectionListAudience(MemberId member) const;
  // Whether `viewer` may see `member`'s connection list, `member` being `degree` away.
  bool MaySeeConnectionsOf(MemberId viewer, MemberId member, graph::Degree degree) const;
  graph::MemberPredicate ConnectionsVisibleTo(MemberId viewer) const;
  void SetConnectionListAudience(MemberId member, privacy::Audience audience);
  // Applies a committed change to the memory of this server, then tells the others.
  void Announce(const RelationshipChange& change);
  void Apply(const RelationshipChange& change);
  // Sets the graph's connection between a and b, and its ratings, as the store has them.
  Result<void> RefreshPair(MemberId a, MemberId b);

  RelationshipRepository& relationships_;
  accounts::AccountRepository& accounts_;
  profiles::ProfileRepository& profiles_;
  graph::GraphIndex& graph_;
  cluster::ChangeFeed& changes_;
  RequestObserver* const requests_;
  const Clock& clock_;
  const RelationshipLimits limits_;
  // Connection-list audiences other than the default, kept in memory for the graph's filters.
  mutable std::shared_mutex audiences_mutex_;
  // Held while a load reads and refills the audiences, and while a heard change re-reads one.
  std::mutex audiences_load_mutex_;
  std::unordered_map<MemberId, privacy::Audience> connection_list_audiences_;
};

// Whether `junior` is two or more seniority levels below `senior`: then etiquette wants an
// introduction rather than a direct approach (InboundPolicy::juniors_need_introduction).
bool IsFarBelow(profiles::Seniority junior, profiles::Seniority senior);

// A card code as typed, in its stored form: upper case, Crockford's look-alikes mapped, spaces
// and hyphens dropped. nullopt when it cannot be a code.
std::optional<std::string> NormalizeCardCode(std::string_view typed);

}  // namespace enishi::relationships
