#include "domain/introductions/introduction_service.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <utility>

#include "core/log.hpp"
#include "core/quota.hpp"
#include "crypto/random.hpp"
#include "domain/profiles/profile_validation.hpp"

namespace enishi::introductions {
namespace {

using notifications::NotificationKind;
using profiles::Seniority;

Error IntroductionNotFound() { return NotFound("introduction not found"); }

// How much each profile fact adds to a route's graph score (graph/routes.hpp: 0..500): enough
// to reorder routes of similar strength, never to outweigh a weaker tie.
constexpr int32_t kSeniorBonus = 200;
constexpr int32_t kPeerBonus = 100;
constexpr int32_t kSharedCompanyBonus = 150;
constexpr int32_t kSharedSchoolBonus = 75;
constexpr int32_t kHelpfulBonus = 100;  // Scaled by the share of introductions passed on.
constexpr int kKnowsWellRating = 4;

// What the requester may see of one member that the reasons draw on.
struct Facts {
  std::vector<organizations::Company> companies;  // Of their positions, current or past.
  std::vector<organizations::School> schools;
  std::optional<Seniority> seniority;  // Current.
};

Facts FactsOf(const profiles::ResolvedView& resolved, profiles::YearMonth this_month) {
  return {resolved.companies, resolved.schools,
          profiles::CurrentSeniority(resolved.view.positions, this_month)};
}

Facts FactsOf(const profiles::OwnProfile& own, profiles::YearMonth this_month) {
  return {own.companies, own.schools,
          profiles::CurrentSeniority(own.profile.positions, this_month)};
}

template <typename Organization>
std::optional<Organization> Shared(const std::vector<Organization>& a,
                                   const std::vector<Organization>& b) {
  for (const Organization& organization : a) {
    if (std::any_of(b.begin(), b.end(),
                    [&](const Organization& other) { return other.id == organization.id; })) {
      return organization;
    }
  }
  return std::nullopt;
}

// Every member `introduction` shows to someone with a part in it: the requester, the target,
// and the intermediaries who were asked.
std::vector<MemberId> PartiesOf(const Introduction& introduction) {
  std::vector<MemberId> parties = {introduction.requester, introduction.target};
  for (const Step& step : introduction.steps) {
    if (step.state != StepState::kQueued) parties.push_back(step.intermediary);
  }
  return parties;
}

}  // namespace

std::optional<Role> RoleOf(const Introduction& introduction, MemberId member) {
  if (member == introduction.requester) return Role::kRequester;
  if (member == introduction.target && introduction.target_state != TargetState::kNotYet) {
    return Role::kTarget;
  }
  if (introduction.AskedStepOf(member)) return Role::kIntermediary;
  return std::nullopt;
}

IntroductionService::IntroductionService(IntroductionRepository& introductions,
                                         relationships::RelationshipService& relationships,
                                         profiles::ProfileService& profiles,
                                         messaging::MessagingService& messaging,
                                         notifications::NotificationService& notifications,
                                         accounts::AccountRepository& accounts, const Clock& clock,
                                         IntroductionLimits limits)
    : introductions_(introductions),
      relationships_(relationships),
      profiles_(profiles),
      messaging_(messaging),
      notifications_(notifications),
      accounts_(accounts),
      clock_(clock),
      limits_(limits) {}

// --- Routes.

Result<RouteOffers> IntroductionService::Routes(MemberId requester, MemberId target) {
  if (requester == target) return RouteOffers{};
  auto target_view = profiles_.View(profiles::Viewer::Of(requester), target);
  if (!target_view) return target_view.error();
  auto not_blocked = relationships_.WithoutBlocked(requester, {target});
  if (!not_blocked) return not_blocked.error();
  if (not_blocked->empty()) return MemberNotFound();

  RouteOffers offers;
  auto routes = RankedOffers(requester, target, IntroductionLimits::kRoutesShown);
  if (!routes) return routes.error();
  offers.routes = std::move(*routes);

  MemberId one[] = {target};
  bool strangers = relationships_.Degrees(requester, one).front() > graph::Degree::kSecond &&
                   target_view->stage == privacy::Stage::kNone;
  if (strangers) {
    auto own = profiles_.GetOwn(requester);
    if (!own) return own.error();
    profiles::YearMonth this_month = profiles::MonthOf(clock_.Now());
    auto mine = profiles::CurrentSeniority(own->profile.positions, this_month);
    auto theirs = profiles::CurrentSeniority(target_view->view.positions, this_month);
    offers.suggest_introduction = mine && theirs && relationships::IsFarBelow(*mine, *theirs);
  }
  return offers;
}

Result<std::vector<RouteOffer>> IntroductionService::RankedOffers(MemberId requester,
                                                                  MemberId target, size_t limit) {
  auto routes = relationships_.Routes(requester, target, IntroductionLimits::kRoutesRanked);
  if (!routes) return routes.error();
  if (routes->empty()) return std::vector<RouteOffer>{};

  // One read of each profile the reasons draw on, however many routes share it.
  profiles::YearMonth this_month = profiles::MonthOf(clock_.Now());
  const profiles::Viewer viewer = profiles::Viewer::Of(requester);
  auto own = profiles_.GetOwn(requester);
  if (!own) return own.error();
  const Facts mine = FactsOf(*own, this_month);
  auto facts_of = [&](MemberId member) -> Result<Facts> {
    auto resolved = profiles_.View(viewer, member);
    if (!resolved && resolved.error().code == ErrorCode::kNotFound) return Facts{};
    if (!resolved) return resolved.error();
    return FactsOf(*resolved, this_month);
  };
  auto theirs = facts_of(target);
  if (!theirs) return theirs.error();
  // The first intermediary is the one asked first; the last one knows the target, and what
  // they share with the target is what the reasons speak of.
  std::map<MemberId, Facts> lasts;
  std::map<MemberId, int32_t> helpful;
  for (const graph::Route& route : *routes) {
    MemberId first = route.intermediaries.front(), last = route.intermediaries.back();
    if (!lasts.contains(last)) {
      auto facts = facts_of(last);
      if (!facts) return facts.error();
      lasts.emplace(last, std::move(*facts));
    }
    if (!helpful.contains(first)) {
      auto record = introductions_.AnswerRecord(first);
      if (!record) return record.error();
      // Laplace's rule: one answer says little either way.
      helpful[first] =
          kHelpfulBonus * (record->forwarded + 1) / (record->forwarded + record->lapsed + 2);
    }
  }

  struct Ranked {
    RouteOffer offer;
    int64_t score = 0;
  };
  std::vector<Ranked> ranked;
  for (const graph::Route& route : *routes) {
    MemberId first = route.intermediaries.front();
    const Facts& introducer = lasts.at(route.intermediaries.back());
    Ranked entry{{route.intermediaries, {}}, route.score + helpful.at(first)};
    std::vector<Reason>& reasons = entry.offer.reasons;
    std::optional<int> rating = relationships_.OwnRating(requester, first);
    if (rating && *rating >= kKnowsWellRating) reasons.push_back({ReasonCode::kKnowsYouWell});
    if (auto company = Shared(introducer.companies, theirs->companies)) {
      entry.score += kSharedCompanyBonus;
      bool all_three =
          std::any_of(mine.companies.begin(), mine.companies.end(),
                      [&](const auto& own_company) { return own_company.id == company->id; });
      reasons.push_back({all_three ? ReasonCode::kWorkedWithBoth : ReasonCode::kWorksWithTarget,
                         std::move(company)});
    }
    if (auto school = Shared(introducer.schools, theirs->schools)) {
      entry.score += kSharedSchoolBonus;
      reasons.push_back({ReasonCode::kStudiedWithTarget, std::nullopt, std::move(school)});
    }
    if (introducer.seniority && theirs->seniority) {
      if (*introducer.seniority > *theirs->seniority) {
        entry.score += kSeniorBonus;
        reasons.push_back({ReasonCode::kSeniorToTarget});
      } else if (*introducer.seniority == *theirs->seniority) {
        entry.score += kPeerBonus;
        reasons.push_back({ReasonCode::kPeerOfTarget});
      }
    }
    ranked.push_back(std::move(entry));
  }
  std::stable_sort(ranked.begin(), ranked.end(),
                   [](const Ranked& a, const Ranked& b) { return a.score > b.score; });
  std::vector<RouteOffer> offers;
  for (Ranked& entry : ranked) {
    if (offers.size() == limit) break;
    offers.push_back(std::move(entry.offer));
  }
  return offers;
}

// --- Asking.

Result<Introduction> IntroductionService::Request(MemberId requester, NewIntroduction request) {
  if (request.target == requester) {
    return InvalidArgument("an introduction is to someone else", "target");
  }
  auto note = profiles::NormalizeParagraphs(request.note, IntroductionLimits::kNoteChars, "note");
  if (!note) return note.error();
  auto target_view = profiles_.View(profiles::Viewer::Of(requester), request.target);
  if (!target_view) return target_view.error();
  auto not_blocked = relationships_.WithoutBlocked(requester, {request.target});
  if (!not_blocked) return not_blocked.error();
  if (not_blocked->empty()) return MemberNotFound();
  MemberId one[] = {request.target};
  if (relationships_.Degrees(requester, one).front() == graph::Degree::kFirst) {
    return InvalidArgument("you are connected already: write to them", "target");
  }
  Timestamp now = clock_.Now();
  ENISHI_TRY(CheckQuota(requester, now));

  Introduction introduction;
  introduction.id = crypto::RandomId<IntroductionId>();
  introduction.requester = requester;
  introduction.target = request.target;
  introduction.purpose = request.purpose;
  introduction.note = std::move(*note);
  introduction.ask_network = request.intermediaries.empty();
  introduction.created_at = now;
  introduction.expires_at = now + limits_.lifetime;
  introduction.version = 1;

  if (!introduction.ask_network) {
    const std::vector<MemberId>& chosen = request.intermediaries;
    auto visible = relationships_.IsVisibleRoute(requester, chosen, request.target);
    if (!visible) return visible.error();
    if (chosen.size() > IntroductionLimits::kMaxIntermediaries ||
        std::set<MemberId>(chosen.begin(), chosen.end()).size() != chosen.size() || !*visible) {
      return InvalidArgument("not someone who can introduce you to them", "intermediaries");
    }
    ENISHI_TRY(CheckAskable(requester, chosen.front(), now));
    for (int i = 0; i < static_cast<int>(chosen.size()); ++i) {
      introduction.steps.push_back({.route = 0, .step = i, .intermediary = chosen[i]});
    }
  } else {
    auto offers = RankedOffers(requester, request.target, IntroductionLimits::kRoutesRanked);
    if (!offers) return offers.error();
    int route = 0;
    for (const RouteOffer& offer : *offers) {
      if (route == limits_.network_routes) break;
      auto askable = CheckAskable(requester, offer.intermediaries.front(), now);
      if (!askable && askable.error().code != ErrorCode::kAlreadyExists &&
          askable.error().code != ErrorCode::kResourceExhausted) {
        return askable.error();
      }
      if (!askable) continue;  // Busy today, or asked already: try the next one.
      for (int i = 0; i < static_cast<int>(offer.intermediaries.size()); ++i) {
        introduction.steps.push_back(
            {.route = route, .step = i, .intermediary = offer.intermediaries[i]});
      }
      ++route;
    }
    if (introduction.steps.empty()) {
      return InvalidArgument("nobody in your network can introduce you to them yet", "target");
    }
  }
  Ask(introduction, introduction.steps.front(), now);
  auto created = introductions_.CreateIntroduction(introduction);
  if (!created && created.error().code == ErrorCode::kFailedPrecondition) {
    return MemberNotFound();  // An account went meanwhile.
  }
  if (!created) return created.error();
  Notify(introduction.steps.front().intermediary, NotificationKind::kIntroductionAsked, requester,
         introduction.id);
  return introduction;
}

Result<void> IntroductionService::CheckQuota(MemberId requester, Timestamp now) {
  auto account = accounts_.FindAccount(requester);
  if (!account) return account.error();
  if (!*account) return MemberNotFound();
  bool young = now - (*account)->created_at < limits_.young_account;
  auto created = introductions_.CreatedTimesSince(requester, now - days(7));
  if (!created) return created.error();
  return CheckSlidingWindow(*created, young ? limits_.per_week_young : limits_.per_week, days(7),
                            now, "too many introductions this week");
}

Result<void> IntroductionService::CheckAskable(MemberId requester, MemberId intermediary,
                                               Timestamp now) {
  auto open = introductions_.HasOpenThrough(requester, intermediary, now);
  if (!open) return open.error();
  if (*open) {
    return AlreadyExists("an introduction through them is open already", "intermediaries");
  }
  auto asked = introductions_.AskedTimesSince(intermediary, now - days(1));
  if (!asked) return asked.error();
  return CheckSlidingWindow(*asked, limits_.asks_per_day, days(1), now,
                            "they have been asked for enough introductions today");
}

void IntroductionService::Ask(Introduction& introduction, Step& step, Timestamp now) const {
  step.state = StepState::kWaiting;
  step.asked_at = now;
  step.answer_by = introduction.ask_network
                       ? std::min(now + limits_.network_turn, introduction.expires_at)
                       : introduction.expires_at;
}

void IntroductionService::AskNextRoute(Introduction& introduction, Timestamp now) {
  if (!introduction.ask_network) return;
  for (Step& step : introduction.steps) {
    if (step.step == 0 && step.state == StepState::kQueued) {
      Ask(introduction, step, now);
      return;
    }
  }
}

// --- Reading.

Result<std::vector<Introduction>> IntroductionService::Sent(MemberId requester) {
  auto sent = introductions_.ListSent(requester, IntroductionLimits::kListLimit);
  if (!sent) return sent.error();
  return WithoutBlocked(requester, std::move(*sent));
}

Result<std::vector<Introduction>> IntroductionService::Asked(MemberId intermediary) {
  auto asked = introductions_.ListAsked(intermediary, IntroductionLimits::kListLimit);
  if (!asked) return asked.error();
  return WithoutBlocked(intermediary, std::move(*asked));
}

Result<std::vector<Introduction>> IntroductionService::Received(MemberId target) {
  auto received = introductions_.ListReceived(target, IntroductionLimits::kListLimit);
  if (!received) return received.error();
  return WithoutBlocked(target, std::move(*received));
}

Result<Introduction> IntroductionService::Find(MemberId member, IntroductionId id) {
  auto found = introductions_.FindIntroduction(id);
  if (!found) return found.error();
  if (!*found || (*found)->withdrawn_at || !RoleOf(**found, member)) return IntroductionNotFound();
  std::vector<Introduction> one = {std::move(**found)};
  auto visible = WithoutBlocked(member, std::move(one));
  if (!visible) return visible.error();
  if (visible->empty()) return IntroductionNotFound();
  return std::move(visible->front());
}

Result<std::vector<Introduction>> IntroductionService::WithoutBlocked(
    MemberId member, std::vector<Introduction> introductions) {
  std::vector<MemberId> parties;
  for (const Introduction& introduction : introductions) {
    for (MemberId party : PartiesOf(introduction)) {
      if (party != member) parties.push_back(party);
    }
  }
  std::sort(parties.begin(), parties.end());
  parties.erase(std::unique(parties.begin(), parties.end()), parties.end());
  auto allowed = relationships_.WithoutBlocked(member, parties);
  if (!allowed) return allowed.error();
  if (allowed->size() == parties.size()) return introductions;
  std::erase_if(introductions, [&](const Introduction& introduction) {
    std::vector<MemberId> its = PartiesOf(introduction);
    return std::any_of(its.begin(), its.end(), [&](MemberId party) {
      return party != member && !std::binary_search(allowed->begin(), allowed->end(), party);
    });
  });
  return introductions;
}

// --- Answering.

Result<Introduction> IntroductionService::Open(IntroductionId id, Timestamp now) {
  auto found = introductions_.FindIntroduction(id);
  if (!found) return found.error();
  if (!*found || (*found)->Closed(now)) return IntroductionNotFound();
  return std::move(**found);
}

Result<void> IntroductionService::Save(Introduction& changed) {
  ++changed.version;
  auto saved = introductions_.SaveIntroduction(changed);
  if (!saved) return saved.error();
  if (!*saved) return IntroductionNotFound();  // Changed meanwhile: as if it had just closed.
  return Ok();
}

Result<Step*> IntroductionService::TurnOf(Introduction& introduction, MemberId intermediary,
                                          Timestamp now) {
  Step* step = introduction.WaitingStep();
  if (!step || step->intermediary != intermediary || now >= *step->answer_by) {
    return IntroductionNotFound();
  }
  return step;
}

Result<Introduction> IntroductionService::AnswerTurn(
    MemberId intermediary, IntroductionId id,
    const std::function<void(Introduction&, Step&, Timestamp)>& answer) {
  Timestamp now = clock_.Now();
  auto introduction = Open(id, now);
  if (!introduction) return introduction.error();
  const Introduction before = *introduction;
  auto step = TurnOf(*introduction, intermediary, now);
  if (!step) return step.error();
  (*step)->answered_at = now;
  answer(*introduction, **step, now);
  ENISHI_TRY(Save(*introduction));
  NotifyTurn(before, *introduction);
  return introduction;
}

Result<Introduction> IntroductionService::Forward(MemberId intermediary, IntroductionId id,
                                                  std::string vouch, bool join) {
  auto note = profiles::NormalizeParagraphs(vouch, IntroductionLimits::kNoteChars, "note");
  if (!note) return note.error();
  auto forwarded =
      AnswerTurn(intermediary, id, [&](Introduction& introduction, Step& step, Timestamp now) {
        step.state = StepState::kForwarded;
        step.vouch = std::move(*note);
        step.join = join;
        auto next = std::find_if(introduction.steps.begin(), introduction.steps.end(),
                                 [&](const Step& other) {
                                   return other.route == step.route && other.step == step.step + 1;
                                 });
        if (next != introduction.steps.end()) {
          Ask(introduction, *next, now);
        } else {
          introduction.target_state = TargetState::kWaiting;
        }
      });
  if (forwarded && forwarded->ask_network) {
    Notify(forwarded->requester, NotificationKind::kIntroductionHelped, intermediary, id);
  }
  return forwarded;
}

Result<void> IntroductionService::Lapse(MemberId intermediary, IntroductionId id) {
  auto lapsed =
      AnswerTurn(intermediary, id, [&](Introduction& introduction, Step& step, Timestamp now) {
        step.state = StepState::kLapsed;
        AskNextRoute(introduction, now);
      });
  if (!lapsed) return lapsed.error();
  return Ok();
}

Result<ConversationId> IntroductionService::Accept(MemberId target, IntroductionId id) {
  Timestamp now = clock_.Now();
  auto introduction = Open(id, now);
  if (!introduction) return introduction.error();
  if (introduction->target != target || introduction->target_state != TargetState::kWaiting) {
    return IntroductionNotFound();
  }
  std::vector<const Step*> route = introduction->ForwardedRoute();
  if (route.empty()) return Internal("an introduction reached its target by no route");
  std::vector<MemberId> joiners;
  for (const Step* step : route) {
    if (step->join) joiners.push_back(step->intermediary);
  }
  auto conversation = messaging_.OpenIntroduced(target, introduction->requester, joiners,
                                                route.back()->intermediary);
  if (!conversation && conversation.error().code == ErrorCode::kNotFound) {
    return IntroductionNotFound();  // Blocked either way since.
  }
  if (!conversation) return conversation.error();
  introduction->target_state = TargetState::kAccepted;
  introduction->target_answered_at = now;
  introduction->conversation = *conversation;
  ENISHI_TRY(Save(*introduction));
  if (auto raised = relationships_.MarkConversing(introduction->requester, target); !raised) {
    log::Error("stage_not_raised", {{"error", raised.error().message}});
  }
  Notify(introduction->requester, NotificationKind::kIntroductionAccepted, target, id);
  return *conversation;
}

Result<void> IntroductionService::Decline(MemberId target, IntroductionId id) {
  Timestamp now = clock_.Now();
  auto introduction = Open(id, now);
  if (!introduction) return introduction.error();
  if (introduction->target != target || introduction->target_state != TargetState::kWaiting) {
    return IntroductionNotFound();
  }
  introduction->target_state = TargetState::kDeclined;
  introduction->target_answered_at = now;
  return Save(*introduction);
}

Result<void> IntroductionService::Withdraw(MemberId requester, IntroductionId id) {
  Timestamp now = clock_.Now();
  auto introduction = Open(id, now);
  if (!introduction) return introduction.error();
  if (introduction->requester != requester) return IntroductionNotFound();
  introduction->withdrawn_at = now;
  return Save(*introduction);
}

Result<int> IntroductionService::AdvanceOverdue() {
  Timestamp now = clock_.Now();
  auto overdue = introductions_.ListOverdue(now, limits_.overdue_batch);
  if (!overdue) return overdue.error();
  int ended = 0;
  for (Introduction& introduction : *overdue) {
    const Introduction before = introduction;
    Step* step = introduction.WaitingStep();
    if (!step || now < *step->answer_by) continue;
    step->state = StepState::kLapsed;  // answered_at stays empty: nobody answered.
    AskNextRoute(introduction, now);
    auto saved = Save(introduction);
    if (!saved && saved.error().code == ErrorCode::kNotFound) continue;  // Another server did.
    if (!saved) return saved.error();
    NotifyTurn(before, introduction);
    ++ended;
  }
  return ended;
}

// --- Telling.

void IntroductionService::NotifyTurn(const Introduction& before, const Introduction& after) {
  for (size_t i = 0; i < after.steps.size(); ++i) {
    if (after.steps[i].state == StepState::kWaiting &&
        before.steps[i].state != StepState::kWaiting) {
      Notify(after.steps[i].intermediary, NotificationKind::kIntroductionAsked, after.requester,
             after.id);
    }
  }
  if (before.target_state == TargetState::kNotYet && after.target_state == TargetState::kWaiting) {
    std::vector<const Step*> route = after.ForwardedRoute();
    if (!route.empty()) {
      Notify(after.target, NotificationKind::kIntroductionForwarded, route.back()->intermediary,
             after.id);
    }
  }
}

void IntroductionService::Notify(MemberId member, NotificationKind kind, MemberId actor,
                                 IntroductionId id) {
  // The introduction stands whether or not its notification could be filed.
  if (auto notified = notifications_.Notify(member, kind, actor, id.ToString()); !notified) {
    log::Error("notification_failed", {{"error", notified.error().message}});
  }
}

}  // namespace enishi::introductions
