#pragma once
// Use cases of warm introductions (F13, F14): the routes a requester may take to a target,
// asking an intermediary (or a chain of two, or the network), forwarding with a vouching note
// or letting it lapse, and the target's answer, which opens a conversation.
//
// Etiquette and privacy the service keeps:
// - Nothing reads "refused": to its requester an introduction is pending until the target
//   accepts or it expires, whoever let it lapse or declined (StatusForRequester). Lapsing and
//   declining tell nobody anything.
// - Intermediaries are offered, and accepted, only along routes the requester may see
//   (RelationshipService::Routes, IsVisibleRoute). An intermediary who let a request lapse is
//   never named to the target, nor to the requester when asking the network.
// - Private ratings rank routes and are never shown; the reasons given are built from what the
//   requester may see of the intermediary and the target, and from the requester's own rating.
// - A member blocked either way with the one looking is "not found", like an unknown id.
//
// Thread-safe; the ports and services must outlive it. Every method may also fail with a
// port's kUnavailable or kInternal.

#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/ids.hpp"
#include "core/result.hpp"
#include "domain/accounts/account_repository.hpp"
#include "domain/introductions/introduction.hpp"
#include "domain/introductions/introduction_repository.hpp"
#include "domain/messaging/messaging_service.hpp"
#include "domain/notifications/notification_service.hpp"
#include "domain/organizations/organization.hpp"
#include "domain/profiles/profile_service.hpp"
#include "domain/relationships/relationship_service.hpp"

namespace enishi::introductions {

struct IntroductionLimits {
  static constexpr size_t kNoteChars = 500;    // The requester's note and a vouching note.
  static constexpr int kListLimit = 200;       // Introductions listed at once.
  static constexpr size_t kRoutesShown = 5;    // Routes offered to a requester.
  static constexpr size_t kRoutesRanked = 20;  // Ranked on the graph before the profile facts.
  static constexpr size_t kMaxIntermediaries = 2;
  days lifetime = days(14);     // Then it reads "expired" to its requester.
  days network_turn = days(3);  // Asking the network: each intermediary's time to answer.
  int network_routes = 3;       // Asking the network: routes tried in turn.
  int per_week = 10;            // Introductions a requester may ask for in 7 days.
  int per_week_young = 3;       // The same for accounts younger than young_account.
  days young_account = days(30);
  int asks_per_day = 5;     // Times an intermediary may be asked in 24 hours.
  int overdue_batch = 100;  // Overdue turns AdvanceOverdue moves at once.
};

// Why a route is offered, in words the client renders. Each is about the intermediary who
// introduces the requester to the target (the last of the route) and the target, from what the
// requester may see of them, except kKnowsYouWell: the requester's own rating of the first.
enum class ReasonCode {
  kKnowsYouWell,       // The requester rated the first intermediary 4 or 5.
  kWorkedWithBoth,     // The intermediary, the requester and the target share a company.
  kWorksWithTarget,    // The intermediary and the target share a company.
  kStudiedWithTarget,  // The intermediary and the target share a school.
  kSeniorToTarget,     // The intermediary's current seniority is above the target's.
  kPeerOfTarget,       // ...the same as the target's.
};

struct Reason {
  ReasonCode code = ReasonCode::kKnowsYouWell;
  std::optional<organizations::Company> company{};  // kWorkedWithBoth, kWorksWithTarget.
  std::optional<organizations::School> school{};    // kStudiedWithTarget.
};

struct RouteOffer {
  std::vector<MemberId> intermediaries;  // From the requester: 1, or 2 for a chain.
  std::vector<Reason> reasons;
};

struct RouteOffers {
  std::vector<RouteOffer> routes;  // Best first.
  // The target is far senior to the requester as the requester sees them, with no mutual
  // connection and no relationship: offer an introduction instead of a greeting.
  bool suggest_introduction = false;
};

struct NewIntroduction {
  MemberId target;
  std::vector<MemberId> intermediaries;  // Empty: ask the network.
  Purpose purpose = Purpose::kAdvice;
  std::string note;
};

// The part a member has in an introduction, as far as they may know of it.
enum class Role { kRequester, kIntermediary, kTarget };
// nullopt when `member` has no part they may see: never asked (a queued step), or the target
// before the last intermediary forwarded it.
std::optional<Role> RoleOf(const Introduction& introduction, MemberId member);

class IntroductionService {
 public:
  IntroductionService(IntroductionRepository& introductions,
                      relationships::RelationshipService& relationships,
                      profiles::ProfileService& profiles, messaging::MessagingService& messaging,
                      notifications::NotificationService& notifications,
                      accounts::AccountRepository& accounts, const Clock& clock,
                      IntroductionLimits limits = {});

  // The best routes from the requester to `target`, each with its reasons. kNotFound for a
  // target the requester may not see.
  Result<RouteOffers> Routes(MemberId requester, MemberId target);
  // Asks for an introduction. kInvalidArgument ("target": oneself, a connection, nobody to ask;
  // "intermediaries": not a route the requester may see; "purpose"; "note"), kNotFound for a
  // target the requester may not see, kAlreadyExists when one through that intermediary is
  // already open, kResourceExhausted over the weekly quota or the intermediary's daily cap.
  Result<Introduction> Request(MemberId requester, NewIntroduction request);

  Result<std::vector<Introduction>> Sent(MemberId requester);
  Result<std::vector<Introduction>> Asked(MemberId intermediary);
  Result<std::vector<Introduction>> Received(MemberId target);
  // The introduction when `member` has a part in it (RoleOf) and nobody in it on the other
  // side is blocked either way with them; kNotFound otherwise.
  Result<Introduction> Find(MemberId member, IntroductionId id);

  // The intermediary passes it on with a vouching note, to the next intermediary or the target;
  // `join`: they want to be in the conversation it opens. kNotFound unless they are asked now
  // and it is open; kInvalidArgument ("note").
  Result<Introduction> Forward(MemberId intermediary, IntroductionId id, std::string vouch,
                               bool join);
  // The intermediary lets it lapse; nobody is told. kNotFound as for Forward.
  Result<void> Lapse(MemberId intermediary, IntroductionId id);
  // The target accepts: the conversation it opens, in which both are now conversing. kNotFound
  // unless it waits for the target's answer and is open.
  Result<ConversationId> Accept(MemberId target, IntroductionId id);
  // The target declines; nobody is told. kNotFound as for Accept.
  Result<void> Decline(MemberId target, IntroductionId id);
  // The requester takes it back while it is open. kNotFound otherwise.
  Result<void> Withdraw(MemberId requester, IntroductionId id);

  // Lets the turns that ran out while asking the network lapse, and asks the next route. For
  // a periodic job; servers sharing a store may all run it. Returns how many turns ended.
  Result<int> AdvanceOverdue();

 private:
  // An introduction the caller may act on, read for a change.
  Result<Introduction> Open(IntroductionId id, Timestamp now);
  // The step of `intermediary` that waits for their answer now; kNotFound when it is not
  // their turn (never asked, answered, or out of time).
  static Result<Step*> TurnOf(Introduction& introduction, MemberId intermediary, Timestamp now);
  // Lets `intermediary` answer their turn in `id` through `answer` (which sets the step's
  // state and what follows from it), then saves and tells whoever's turn it became.
  Result<Introduction> AnswerTurn(
      MemberId intermediary, IntroductionId id,
      const std::function<void(Introduction&, Step&, Timestamp)>& answer);
  // Saves `changed` over the version it was read at; kNotFound when someone changed it
  // meanwhile, as if it had just closed.
  Result<void> Save(Introduction& changed);
  // The routes to `target` ranked with the profile facts, and their reasons.
  Result<std::vector<RouteOffer>> RankedOffers(MemberId requester, MemberId target, size_t limit);
  Result<void> CheckQuota(MemberId requester, Timestamp now);
  // Whether `intermediary` may be asked by `requester` now: not over the daily cap, and no
  // open introduction of the requester through them.
  Result<void> CheckAskable(MemberId requester, MemberId intermediary, Timestamp now);
  // Makes the first step of the next untried route wait, when asking the network.
  void AskNextRoute(Introduction& introduction, Timestamp now);
  // Makes `step` wait from `now`, until the introduction expires or, asking the network, the
  // end of its turn.
  void Ask(Introduction& introduction, Step& step, Timestamp now) const;
  // Tells whoever the change made it someone's turn: an intermediary now asked, or the target.
  void NotifyTurn(const Introduction& before, const Introduction& after);
  void Notify(MemberId member, notifications::NotificationKind kind, MemberId actor,
              IntroductionId id);
  // `introductions` without those whose other parties `member` blocked or was blocked by.
  Result<std::vector<Introduction>> WithoutBlocked(MemberId member,
                                                   std::vector<Introduction> introductions);

  IntroductionRepository& introductions_;
  relationships::RelationshipService& relationships_;
  profiles::ProfileService& profiles_;
  messaging::MessagingService& messaging_;
  notifications::NotificationService& notifications_;
  accounts::AccountRepository& accounts_;
  const Clock& clock_;
  const IntroductionLimits limits_;
};

}  // namespace enishi::introductions
