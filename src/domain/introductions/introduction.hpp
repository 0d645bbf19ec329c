#pragma once
// Warm introductions (F13, F14): a requester asks an intermediary they know to introduce them to
// a target; for a target three hops away, a chain of two intermediaries, each introducing the
// requester to the next. "Asking the network" lets Enishi try the best routes one at a time.
//
// Etiquette the model keeps: nothing ever reads "refused". To its requester an introduction is
// pending until the target accepts or it expires (StatusForRequester), whether an intermediary
// let it lapse, the target declined, or nobody answered.

#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/ids.hpp"

namespace enishi::introductions {

enum class Purpose { kAdvice, kBusiness, kHiring, kOther };

// One intermediary's part in an introduction.
enum class StepState {
  kQueued,     // Not asked yet: a later step of a chain, or a later route of asking the network.
  kWaiting,    // Asked, until answer_by.
  kForwarded,  // Passed on, with a vouching note.
  kLapsed,     // Let lapse, or not answered in time.
};

// The target's part: nothing until the last intermediary forwarded it.
enum class TargetState { kNotYet, kWaiting, kAccepted, kDeclined };

struct Step {
  int route = 0;  // 0 for a chosen route; asking the network tries routes 0, 1, 2... in turn.
  int step = 0;   // 0 is asked first; step 1, in a chain, once step 0 forwarded.
  MemberId intermediary;
  StepState state = StepState::kQueued;
  std::optional<Timestamp> asked_at{};
  std::optional<Timestamp> answer_by{};
  std::optional<Timestamp> answered_at{};  // Forwarded or let lapse; not set when it timed out.
  std::string vouch{};                     // The forwarding note.
  bool join = false;                       // Wants to be in the conversation the target opens.
  friend bool operator==(const Step&, const Step&) = default;
};

struct Introduction {
  IntroductionId id;
  MemberId requester;
  MemberId target;
  Purpose purpose = Purpose::kAdvice;
  std::string note;  // To the intermediaries; never shown to the target.
  bool ask_network = false;
  TargetState target_state = TargetState::kNotYet;
  std::optional<Timestamp> target_answered_at;
  std::optional<ConversationId> conversation;  // Opened when the target accepted.
  std::optional<Timestamp> withdrawn_at;       // The requester took it back.
  Timestamp created_at;
  Timestamp expires_at;
  int64_t version = 0;      // Grows with each change; the store refuses stale writes.
  std::vector<Step> steps;  // By route, then step.
  friend bool operator==(const Introduction&, const Introduction&) = default;

  // The steps of one route, in order.
  std::vector<const Step*> Route(int route) const;
  int RouteCount() const;
  // The step of `member` that was asked (waiting, forwarded or lapsed), if any.
  const Step* AskedStepOf(MemberId member) const;
  Step* WaitingStep();
  // The route that reached the target, every step of it forwarded; empty when none did.
  std::vector<const Step*> ForwardedRoute() const;
  // Whether nobody can act on it any more: withdrawn, answered by the target, or expired.
  bool Closed(Timestamp now) const;
};

// What the requester is told.
enum class RequesterStatus { kPending, kAccepted, kExpired };
RequesterStatus StatusForRequester(const Introduction& introduction, Timestamp now);

}  // namespace enishi::introductions
