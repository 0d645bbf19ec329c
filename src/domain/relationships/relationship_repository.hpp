#pragma once
// The port through which relationships are stored. Implemented once over SQL for both backends
// (storage/sql/relationship_repo.*); also the graph index's ConnectionSource.
//
// Thread-safe. Every write is one unit: it commits whole or not at all. Pairs are unordered
// where a method says "between"; `member` and `other` name a side otherwise. Errors:
// kUnavailable when the store cannot be reached, kInternal for what should not happen.

#include <optional>
#include <span>
#include <vector>

#include "core/clock.hpp"
#include "core/ids.hpp"
#include "core/result.hpp"
#include "domain/graph/connection_source.hpp"
#include "domain/relationships/relationship.hpp"

namespace enishi::relationships {

// Which requests a recipient lists.
enum class ReceivedBox {
  kInbox,     // Pending, not filtered, not expired.
  kFiltered,  // Pending and filtered, not expired.
};

class RelationshipRepository : public graph::ConnectionSource {
 public:
  ~RelationshipRepository() override = default;

  // --- Requests ---

  // Stores a new request. kAlreadyExists when the sender already has a pending request of the
  // same kind to the recipient; kFailedPrecondition when either account does not exist.
  virtual Result<void> CreateRequest(const Request& request) = 0;
  virtual Result<std::optional<Request>> FindRequest(RequestId id) = 0;
  // The newest request of `kind` from `sender` to `recipient` that its sender still sees as
  // open: kPending or kDeclined (a declined request reads pending to its sender), expired or
  // not.
  virtual Result<std::optional<Request>> FindOpenRequest(RequestKind kind, MemberId sender,
                                                         MemberId recipient) = 0;
  // A recipient's requests in `box` that have not expired at `now`, newest first; at most
  // `limit`. `kind` nullopt lists both kinds.
  virtual Result<std::vector<Request>> ListReceived(MemberId recipient, ReceivedBox box,
                                                    std::optional<RequestKind> kind,
                                                    Timestamp now, int limit) = 0;
  // A sender's requests, withdrawn ones left out, newest first; at most `limit`.
  virtual Result<std::vector<Request>> ListSent(MemberId sender, std::optional<RequestKind> kind,
                                                int limit) = 0;
  // When `sender` made each request of `kind` after `since`, oldest first, withdrawn ones
  // included: what a quota counts, and when each leaves its window.
  virtual Result<std::vector<Timestamp>> SentTimesSince(MemberId sender, RequestKind kind,
                                                        Timestamp since) = 0;
  // When `sender` last withdrew a request of `kind` to `recipient`, if ever.
  virtual Result<std::optional<Timestamp>> LastWithdrawn(MemberId sender, MemberId recipient,
                                                         RequestKind kind) = 0;
  // Moves a request to `state` at `at`: a kPending one to kDeclined, kWithdrawn or kExpired, a
  // kDeclined one to kWithdrawn or kExpired. false when there is no such request or it is in
  // no state it could move from.
  virtual Result<bool> ResolveRequest(RequestId id, RequestState state, Timestamp at) = 0;

  // Accepts a pending request at `at` and raises the pair's tie: to kGreeted for a greeting
  // (never lowering it), to kConnected for a connection request, which also resolves every
  // other open request (pending or declined) between the two as accepted. false when the
  // request is no longer pending.
  virtual Result<bool> AcceptRequest(RequestId id, Timestamp at) = 0;

  // --- Ties ---

  // Connects the two at once (cards exchanged in person), resolving open requests between
  // them as accepted. Keeps ratings, notes and trust of a tie already there.
  virtual Result<void> Connect(MemberId a, MemberId b, Provenance provenance, Timestamp at) = 0;
  // Raises the stage between the two to at least `stage` (kGreeted or kConversing), never
  // lowering it; creates the tie when there is none.
  virtual Result<void> RaiseStage(MemberId a, MemberId b, Stage stage, Timestamp at) = 0;
  // `member`'s side of its tie with `other`; nullopt when there is none.
  virtual Result<std::optional<Tie>> FindTie(MemberId member, MemberId other) = 0;
  // The stage, `member`'s trust of `other` and whether either blocked the other, in one read.
  virtual Result<Standing> FindStanding(MemberId member, MemberId other) = 0;
  // `member`'s side of its ties at `stage` or above, most recent first.
  virtual Result<std::vector<Tie>> ListTies(MemberId member, Stage at_least) = 0;
  // Sets `member`'s private rating, note and trust of a connection. kNotFound when the two are
  // not connected.
  virtual Result<void> UpdateTie(MemberId member, MemberId other, std::optional<int> rating,
                                 const std::string& note, bool trusted) = 0;
  // Removes the tie between the two, both sides. false when there was none.
  virtual Result<bool> RemoveTie(MemberId a, MemberId b) = 0;

  // --- Blocks ---

  // Records the block and, in the same unit, removes the tie between the two and every
  // open request (pending or declined) between them. Blocking twice is not an error.
  virtual Result<void> PutBlock(const Block& block) = 0;
  virtual Result<bool> DeleteBlock(MemberId blocker, MemberId blocked) = 0;
  virtual Result<std::vector<Block>> ListBlocks(MemberId blocker) = 0;
  // The members of `among` that `member` blocked or that blocked `member`.
  virtual Result<std::vector<MemberId>> BlockedEitherWay(MemberId member,
                                                         std::span<const MemberId> among) = 0;

  // --- Inbound policy ---

  // The member's policy; the defaults when never saved.
  virtual Result<InboundPolicy> FindPolicy(MemberId member) = 0;
  // Every saved connection-list audience other than the default, for the graph's filters.
  virtual Result<std::vector<std::pair<MemberId, privacy::Audience>>> ListConnectionListAudiences() = 0;
  // kNotFound when the account does not exist.
  virtual Result<void> PutPolicy(MemberId member, const InboundPolicy& policy) = 0;

  // --- Cards ---

  virtual Result<std::optional<Card>> FindCard(MemberId member) = 0;
  virtual Result<std::optional<Card>> FindCardByCode(std::string_view code) = 0;
  // Creates or replaces the member's card; the old code stops working. kAlreadyExists when the
  // code is taken (the caller draws another).
  virtual Result<void> PutCard(const Card& card) = 0;
  // Records that `scanner` scanned `owner`'s card at `at`.
  virtual Result<void> RecordScan(MemberId scanner, MemberId owner, Timestamp at) = 0;
  // Whether `scanner` scanned `owner`'s card at or after `since`.
  virtual Result<bool> ScannedSince(MemberId scanner, MemberId owner, Timestamp since) = 0;
};

}  // namespace enishi::relationships
