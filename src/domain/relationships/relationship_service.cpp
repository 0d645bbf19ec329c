#include "domain/relationships/relationship_service.hpp"

#include <algorithm>
#include <mutex>
#include <utility>

#include "core/check.hpp"
#include "core/log.hpp"
#include "core/quota.hpp"
#include "crypto/random.hpp"
#include "domain/accounts/text.hpp"
#include "domain/profiles/profile_service.hpp"
#include "domain/profiles/profile_validation.hpp"

namespace enishi::relationships {
namespace {

using privacy::AudienceKind;
using Kind = RelationshipChange::Kind;

// Crockford's base32: no I, L, O or U, so that a typed code is hard to get wrong.
constexpr std::string_view kCardAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
constexpr size_t kCardCodeLength = 10;
constexpr int kCardDraws = 4;  // A clash among 2^50 codes is rare; a few draws suffice.
constexpr int kMaxMinAccountAgeDays = 365;
// Suggestions are asked for with room to spare, since blocked members are left out after.
constexpr size_t kSuggestionSlack = 16;

Error RequestNotFound() { return NotFound("request not found"); }
Error CardNotFound() { return NotFound("card not found"); }

bool StageAtLeast(Stage stage, Stage least) {
  return static_cast<int>(stage) >= static_cast<int>(least);
}

// An optional note: empty (after trimming) is no note.
Result<std::string> NormalizeNote(std::string_view note, std::string_view field) {
  auto decoded = accounts::DecodeUtf8(note);
  if (decoded && accounts::Trim(*decoded).empty()) return std::string();
  return profiles::NormalizeLine(note, RelationshipLimits::kNoteChars, field);
}

Result<void> CheckProvenance(RequestKind kind, Provenance provenance,
                             const std::optional<MemberId>& introduced_by,
                             MemberId sender, MemberId recipient) {
  if (kind == RequestKind::kGreeting) {
    if (provenance != Provenance::kNone) {
      return InvalidArgument("a greeting has no provenance", "provenance");
    }
  } else if (provenance == Provenance::kNone) {
    return InvalidArgument("say how the two of you met", "provenance");
  }
  if ((provenance == Provenance::kIntroduced) != introduced_by.has_value()) {
    return InvalidArgument("introduced_by goes with provenance \"introduced\", and only with it",
                           "introduced_by");
  }
  if (introduced_by && (*introduced_by == sender || *introduced_by == recipient)) {
    return InvalidArgument("the introducer is a third member", "introduced_by");
  }
  return Ok();
}

std::string RandomCardCode() {
  std::string code;
  uint64_t bits = crypto::RandomIdValue();
  for (size_t i = 0; i < kCardCodeLength; ++i) {
    code.push_back(kCardAlphabet[bits % kCardAlphabet.size()]);
    bits /= kCardAlphabet.size();
  }
  return code;
}

bool IsConnectionListAudience(const privacy::Audience& audience) {
  switch (audience.kind) {
    case AudienceKind::kOnlyMe:
    case AudienceKind::kConnections:
    case AudienceKind::kNetwork2:
    case AudienceKind::kMembers:
      return true;
    default:
      return false;
  }
}

int DistanceOf(graph::Degree degree) {
  switch (degree) {
    case graph::Degree::kFirst:
      return 1;
    case graph::Degree::kSecond:
      return 2;
    default:
      return 0;
  }
}

}  // namespace

std::optional<std::string> NormalizeCardCode(std::string_view typed) {
  std::string code;
  for (char c : typed) {
    if (c == ' ' || c == '-') continue;
    char upper = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
    if (upper == 'O') upper = '0';
    if (upper == 'I' || upper == 'L') upper = '1';
    if (kCardAlphabet.find(upper) == std::string_view::npos) return std::nullopt;
    code.push_back(upper);
  }
  if (code.size() != kCardCodeLength) return std::nullopt;
  return code;
}

RelationshipService::RelationshipService(RelationshipRepository& relationships,
                                         accounts::AccountRepository& accounts,
                                         profiles::ProfileRepository& profiles,
                                         graph::GraphIndex& graph, cluster::ChangeFeed& changes,
                                         RequestObserver* requests, const Clock& clock,
                                         RelationshipLimits limits)
    : relationships_(relationships),
      accounts_(accounts),
      profiles_(profiles),
      graph_(graph),
      changes_(changes),
      requests_(requests),
      clock_(clock),
      limits_(limits) {
  ENISHI_CHECK(limits.greetings_per_day > 0 && limits.greetings_per_day_young > 0 &&
                   limits.requests_per_week > 0 && limits.requests_per_week_young > 0,
               "every quota lets at least one request through");
}

Result<void> RelationshipService::Load() {
  ENISHI_TRY(graph_.Load(relationships_));
  std::lock_guard loading(audiences_load_mutex_);
  auto audiences = relationships_.ListConnectionListAudiences();
  if (!audiences) return audiences.error();
  std::unique_lock lock(audiences_mutex_);
  connection_list_audiences_.clear();
  for (auto& [member, audience] : *audiences) connection_list_audiences_[member] = audience;
  return Ok();
}

void RelationshipService::ForgetMember(MemberId member) {
  Announce(RelationshipChange::Forget(member));
}

void RelationshipService::HearChange(std::string_view message) {
  std::optional<RelationshipChange> change = DecodeChange(message);
  if (!change) {
    log::Warn("relationship_change_unreadable", {{"message", std::string(message)}});
    return;
  }
  // Each server publishes after its own commit, so two servers' messages about one pair may
  // arrive in the opposite order to their commits. Reading the pair's state as the store has
  // it now, rather than replaying the message, leaves the last message heard right.
  Result<void> refreshed = Ok();
  switch (change->kind) {
    case Kind::kConnect:
    case Kind::kDisconnect:
    case Kind::kRate:
      refreshed = RefreshPair(change->a, change->b);
      break;
    case Kind::kListAudience: {
      // Not between a load's read of the audiences and its refill, which would undo this.
      std::lock_guard loading(audiences_load_mutex_);
      auto policy = relationships_.FindPolicy(change->a);
      if (!policy) {
        refreshed = policy.error();
        break;
      }
      SetConnectionListAudience(change->a, policy->connection_list);
      break;
    }
    case Kind::kForget:  // A deleted account does not come back.
      Apply(*change);
      break;
  }
  if (!refreshed) {
    // The change must not be lost: read everything again instead.
    log::Warn("relationship_change_not_applied",
              {{"message", std::string(message)}, {"error", refreshed.error().message}});
    if (auto reloaded = Load(); !reloaded) {
      log::Error("relationship_reload_failed", {{"error", reloaded.error().message}});
    }
  }
}

Result<void> RelationshipService::RefreshPair(MemberId a, MemberId b) {
  auto tie_ab = relationships_.FindTie(a, b);
  if (!tie_ab) return tie_ab.error();
  auto tie_ba = relationships_.FindTie(b, a);
  if (!tie_ba) return tie_ba.error();
  auto connected = [](const std::optional<Tie>& tie) {
    return tie && tie->stage == Stage::kConnected;
  };
  if (!connected(*tie_ab) || !connected(*tie_ba)) {
    Apply(RelationshipChange::Disconnect(a, b));
    return Ok();
  }
  Apply(RelationshipChange::Connect(a, b));
  Apply(RelationshipChange::Rate(a, b, (*tie_ab)->rating.value_or(0)));
  Apply(RelationshipChange::Rate(b, a, (*tie_ba)->rating.value_or(0)));
  return Ok();
}

void RelationshipService::Announce(const RelationshipChange& change) {
  Apply(change);
  if (auto published = changes_.Publish(kRelationshipChannel, EncodeChange(change)); !published) {
    // The change is committed and applied here; other servers pick it up at their next load.
    log::Warn("relationship_change_not_published", {{"error", published.error().message}});
  }
}

void RelationshipService::Apply(const RelationshipChange& change) {
  // Every graph write is idempotent, and an error only means the change no longer applies
  // (a rating for a connection removed meanwhile).
  switch (change.kind) {
    case Kind::kConnect:
      (void)graph_.AddConnection(change.a, change.b);
      break;
    case Kind::kDisconnect:
      (void)graph_.RemoveConnection(change.a, change.b);
      break;
    case Kind::kRate:
      (void)graph_.SetStrength(change.a, change.b, static_cast<graph::Strength>(change.strength));
      break;
    case Kind::kListAudience:
      SetConnectionListAudience(change.a, change.audience);
      break;
    case Kind::kForget:
      graph_.RemoveMember(change.a);
      SetConnectionListAudience(change.a, InboundPolicy{}.connection_list);
      break;
  }
}

void RelationshipService::SetConnectionListAudience(MemberId member, privacy::Audience audience) {
  std::unique_lock lock(audiences_mutex_);
  if (audience == InboundPolicy{}.connection_list) {
    connection_list_audiences_.erase(member);
  } else {
    connection_list_audiences_[member] = audience;
  }
}

// --- Requests.

Result<void> RelationshipService::CheckRecipient(MemberId sender, MemberId recipient) {
  auto account = accounts_.FindAccount(recipient);
  if (!account) return account.error();
  if (!*account) return MemberNotFound();
  MemberId pair[] = {recipient};
  auto blocked = relationships_.BlockedEitherWay(sender, pair);
  if (!blocked) return blocked.error();
  if (!blocked->empty()) return MemberNotFound();
  return Ok();
}

Result<void> RelationshipService::CheckQuota(MemberId sender, RequestKind kind,
                                             MemberId recipient) {
  Timestamp now = clock_.Now();
  auto withdrawn = relationships_.LastWithdrawn(sender, recipient, kind);
  if (!withdrawn) return withdrawn.error();
  if (*withdrawn && now - **withdrawn < limits_.resend_after_withdrawal) {
    auto wait = std::chrono::ceil<seconds>(**withdrawn + limits_.resend_after_withdrawal - now);
    return ResourceExhausted("a withdrawn request cannot be sent again yet", wait);
  }
  auto account = accounts_.FindAccount(sender);
  if (!account) return account.error();
  if (!*account) return MemberNotFound();
  bool young = now - (*account)->created_at < limits_.young_account;
  bool greeting = kind == RequestKind::kGreeting;
  days window = greeting ? days(1) : days(7);
  int allowed = greeting ? (young ? limits_.greetings_per_day_young : limits_.greetings_per_day)
                         : (young ? limits_.requests_per_week_young : limits_.requests_per_week);
  auto sent = relationships_.SentTimesSince(sender, kind, now - window);
  if (!sent) return sent.error();
  return CheckSlidingWindow(*sent, allowed, window, now,
                            greeting ? "too many greetings today" : "too many requests this week");
}

Result<bool> RelationshipService::PolicyFilters(MemberId sender, MemberId recipient,
                                                Reach InboundPolicy::*reach_of) {
  auto standing = relationships_.FindStanding(recipient, sender);
  if (!standing) return standing.error();
  // Members who have already greeted each other are no longer strangers.
  if (StageAtLeast(standing->stage, Stage::kGreeted)) return false;

  auto policy = relationships_.FindPolicy(recipient);
  if (!policy) return policy.error();
  Reach reach = (*policy).*reach_of;
  MemberId one[] = {recipient};
  graph::Degree degree = graph_.Degrees(sender, one).front();
  switch (reach) {
    case Reach::kAnyone:
      break;
    case Reach::kThirdDegree:
      if (degree > graph::Degree::kThird) return true;
      break;
    case Reach::kSecondDegree:
      if (degree > graph::Degree::kSecond) return true;
      break;
    case Reach::kNobody:
      return true;
  }
  // With a mutual connection there is someone to introduce them: nothing to ask of the sender.
  if (policy->juniors_need_introduction && degree > graph::Degree::kSecond) {
    auto far_below = FarBelow(sender, recipient);
    if (!far_below) return far_below.error();
    if (*far_below) return true;
  }

  Timestamp now = clock_.Now();
  if (policy->min_account_age_days > 0) {
    auto account = accounts_.FindAccount(sender);
    if (!account) return account.error();
    if (!*account || now - (*account)->created_at < days(policy->min_account_age_days)) {
      return true;
    }
  }
  if (!policy->refused_functions.empty()) {
    auto profile = profiles_.FindProfile(sender);
    if (!profile) return profile.error();
    if (*profile) {
      profiles::YearMonth this_month = profiles::MonthOf(now);
      for (const profiles::Position& position : (*profile)->positions) {
        if (profiles::IsCurrent(position, this_month) &&
            std::find(policy->refused_functions.begin(), policy->refused_functions.end(),
                      position.function) != policy->refused_functions.end()) {
          return true;
        }
      }
    }
  }
  return false;
}

bool IsFarBelow(profiles::Seniority junior, profiles::Seniority senior) {
  return static_cast<int>(senior) - static_cast<int>(junior) >= 2;
}

Result<bool> RelationshipService::FarBelow(MemberId member, MemberId other) {
  profiles::YearMonth this_month = profiles::MonthOf(clock_.Now());
  std::optional<profiles::Seniority> levels[2];
  for (int i = 0; MemberId id : {member, other}) {
    auto profile = profiles_.FindProfile(id);
    if (!profile) return profile.error();
    if (*profile) levels[i] = profiles::CurrentSeniority((*profile)->positions, this_month);
    ++i;
  }
  return levels[0] && levels[1] && IsFarBelow(*levels[0], *levels[1]);
}

Result<SentRequest> RelationshipService::Send(MemberId sender, RequestKind kind,
                                              MemberId recipient, std::string note,
                                              Provenance provenance,
                                              std::optional<MemberId> introduced_by) {
  if (sender == recipient) return InvalidArgument("a request goes to another member", "to");
  ENISHI_TRY(CheckProvenance(kind, provenance, introduced_by, sender, recipient));
  auto normalized = NormalizeNote(note, "note");
  if (!normalized) return normalized.error();
  ENISHI_TRY(CheckRecipient(sender, recipient));

  auto standing = relationships_.FindStanding(recipient, sender);
  if (!standing) return standing.error();
  if (StageAtLeast(standing->stage, Stage::kConnected)) {
    return AlreadyExists("already connected", "to");
  }
  if (kind == RequestKind::kGreeting && StageAtLeast(standing->stage, Stage::kGreeted)) {
    return AlreadyExists("already greeted", "to");
  }

  Timestamp now = clock_.Now();
  auto open = relationships_.FindOpenRequest(kind, sender, recipient);
  if (!open) return open.error();
  if (*open) {
    if (now < (*open)->expires_at) return AlreadyExists("a request is already pending", "to");
    ENISHI_TRY(relationships_.ResolveRequest((*open)->id, RequestState::kExpired, now));
  }
  ENISHI_TRY(CheckQuota(sender, kind, recipient));

  // When the recipient asked first, answering in kind is accepting.
  auto asked = relationships_.FindOpenRequest(kind, recipient, sender);
  if (!asked) return asked.error();
  bool answering = *asked && (*asked)->state == RequestState::kPending && now < (*asked)->expires_at;

  Request request;
  request.id = crypto::RandomId<RequestId>();
  request.kind = kind;
  request.sender = sender;
  request.recipient = recipient;
  request.note = std::move(normalized).value();
  request.provenance = provenance;
  request.introduced_by = introduced_by;
  if (!answering) {
    auto filtered = PolicyFilters(
        sender, recipient,
        kind == RequestKind::kGreeting ? &InboundPolicy::greetings : &InboundPolicy::requests);
    if (!filtered) return filtered.error();
    request.filtered = *filtered;
  }
  request.created_at = now;
  request.expires_at = now + limits_.request_lifetime;
  auto created = relationships_.CreateRequest(request);
  if (!created) {
    if (created.error().code == ErrorCode::kAlreadyExists) {
      return AlreadyExists("a request is already pending", "to");
    }
    return created.error();
  }
  if (!answering) {
    if (requests_ && !request.filtered) requests_->Received(request);
    return SentRequest{std::move(request), SentStatus::kPending};
  }

  ENISHI_TRY(relationships_.AcceptRequest((*asked)->id, now));
  // Accepting a connection request settles every request between the two; a greeting settles
  // only itself, so ours is settled too.
  ENISHI_TRY(relationships_.AcceptRequest(request.id, now));
  if (kind == RequestKind::kConnection) Announce(RelationshipChange::Connect(sender, recipient));
  // The recipient had asked first: for them, their request was accepted.
  if (requests_) requests_->Accepted(**asked);
  request.state = RequestState::kAccepted;
  request.resolved_at = now;
  return SentRequest{std::move(request), SentStatus::kAccepted};
}

Result<std::vector<Request>> RelationshipService::Received(MemberId recipient, ReceivedBox box,
                                                           std::optional<RequestKind> kind) {
  return relationships_.ListReceived(recipient, box, kind, clock_.Now(),
                                     RelationshipLimits::kListLimit);
}

Result<std::vector<SentRequest>> RelationshipService::Sent(MemberId sender,
                                                           std::optional<RequestKind> kind) {
  auto requests = relationships_.ListSent(sender, kind, RelationshipLimits::kListLimit);
  if (!requests) return requests.error();
  Timestamp now = clock_.Now();
  std::vector<SentRequest> sent;
  sent.reserve(requests->size());
  for (Request& request : *requests) {
    SentStatus status = StatusForSender(request, now);
    sent.push_back({std::move(request), status});
  }
  return sent;
}

Result<Request> RelationshipService::PendingFor(MemberId recipient, RequestId id) {
  auto request = relationships_.FindRequest(id);
  if (!request) return request.error();
  if (!*request || (*request)->recipient != recipient ||
      (*request)->state != RequestState::kPending || clock_.Now() >= (*request)->expires_at) {
    return RequestNotFound();
  }
  return std::move(**request);
}

Result<void> RelationshipService::Accept(MemberId recipient, RequestId id) {
  auto request = PendingFor(recipient, id);
  if (!request) return request.error();
  auto accepted = relationships_.AcceptRequest(id, clock_.Now());
  if (!accepted) return accepted.error();
  if (!*accepted) return RequestNotFound();
  if (request->kind == RequestKind::kConnection) {
    Announce(RelationshipChange::Connect(request->sender, request->recipient));
  }
  if (requests_) requests_->Accepted(*request);
  return Ok();
}

Result<void> RelationshipService::Decline(MemberId recipient, RequestId id) {
  ENISHI_TRY(PendingFor(recipient, id));
  auto declined = relationships_.ResolveRequest(id, RequestState::kDeclined, clock_.Now());
  if (!declined) return declined.error();
  if (!*declined) return RequestNotFound();
  return Ok();
}

Result<void> RelationshipService::Withdraw(MemberId sender, RequestId id) {
  auto request = relationships_.FindRequest(id);
  if (!request) return request.error();
  Timestamp now = clock_.Now();
  // What the sender sees as pending may be withdrawn, declined or not: the same answer.
  if (!*request || (*request)->sender != sender ||
      StatusForSender(**request, now) != SentStatus::kPending ||
      (*request)->state == RequestState::kWithdrawn) {
    return RequestNotFound();
  }
  auto withdrawn = relationships_.ResolveRequest(id, RequestState::kWithdrawn, now);
  if (!withdrawn) return withdrawn.error();
  if (!*withdrawn) return RequestNotFound();
  return Ok();
}

// --- Ties.

Result<std::vector<Tie>> RelationshipService::Connections(MemberId member) {
  return relationships_.ListTies(member, Stage::kConnected);
}

Result<std::vector<Tie>> RelationshipService::Ties(MemberId member) {
  return relationships_.ListTies(member, Stage::kGreeted);
}

Result<Tie> RelationshipService::UpdateTie(MemberId member, MemberId other,
                                           std::optional<int> rating, std::string note,
                                           bool trusted) {
  if (rating && (*rating < 1 || *rating > graph::kMaxStrength)) {
    return InvalidArgument("a rating is 1 to 5", "rating");
  }
  auto normalized = NormalizeNote(note, "note");
  if (!normalized) return normalized.error();
  ENISHI_TRY(relationships_.UpdateTie(member, other, rating, *normalized, trusted));
  Announce(RelationshipChange::Rate(member, other, rating.value_or(0)));
  auto tie = relationships_.FindTie(member, other);
  if (!tie) return tie.error();
  if (!*tie) return NotFound("connection not found");
  return std::move(**tie);
}

Result<void> RelationshipService::RemoveConnection(MemberId member, MemberId other) {
  auto standing = relationships_.FindStanding(member, other);
  if (!standing) return standing.error();
  if (standing->stage != Stage::kConnected) return NotFound("connection not found");
  ENISHI_TRY(relationships_.RemoveTie(member, other));
  Announce(RelationshipChange::Disconnect(member, other));
  return Ok();
}

Result<void> RelationshipService::MarkConversing(MemberId a, MemberId b) {
  return relationships_.RaiseStage(a, b, Stage::kConversing, clock_.Now());
}

Result<bool> RelationshipService::MayAsk(MemberId from, MemberId to) {
  auto standing = relationships_.FindStanding(to, from);
  if (!standing) return standing.error();
  if (standing->blocked || standing->stage != Stage::kConnected) return false;
  if (standing->trusted) return true;
  auto policy = relationships_.FindPolicy(to);
  if (!policy) return policy.error();
  return policy->business_asks == BusinessAsks::kConnections;
}

Result<bool> RelationshipService::FiltersMessage(MemberId sender, MemberId recipient) {
  return PolicyFilters(sender, recipient, &InboundPolicy::messages);
}

// --- Blocks.

Result<void> RelationshipService::BlockMember(MemberId blocker, MemberId blocked) {
  if (blocker == blocked) return InvalidArgument("one cannot block oneself", "member");
  auto account = accounts_.FindAccount(blocked);
  if (!account) return account.error();
  if (!*account) return MemberNotFound();
  ENISHI_TRY(relationships_.PutBlock({blocker, blocked, clock_.Now()}));
  Announce(RelationshipChange::Disconnect(blocker, blocked));
  return Ok();
}

Result<void> RelationshipService::Unblock(MemberId blocker, MemberId blocked) {
  auto deleted = relationships_.DeleteBlock(blocker, blocked);
  if (!deleted) return deleted.error();
  if (!*deleted) return NotFound("block not found");
  return Ok();
}

Result<std::vector<Block>> RelationshipService::Blocks(MemberId blocker) {
  return relationships_.ListBlocks(blocker);
}

// --- Inbound policy.

Result<InboundPolicy> RelationshipService::Policy(MemberId member) {
  return relationships_.FindPolicy(member);
}

Result<InboundPolicy> RelationshipService::UpdatePolicy(MemberId member, InboundPolicy policy) {
  if (policy.min_account_age_days < 0 || policy.min_account_age_days > kMaxMinAccountAgeDays) {
    return InvalidArgument("at most 365 days", "min_account_age_days");
  }
  if (!IsConnectionListAudience(policy.connection_list)) {
    return InvalidArgument("one of only_me, connections, network2 or members", "connection_list");
  }
  auto& functions = policy.refused_functions;
  std::sort(functions.begin(), functions.end());
  functions.erase(std::unique(functions.begin(), functions.end()), functions.end());
  ENISHI_TRY(relationships_.PutPolicy(member, policy));
  Announce(RelationshipChange::ListAudience(member, policy.connection_list));
  return policy;
}

// --- Cards.

Result<Card> RelationshipService::DrawCard(MemberId member) {
  for (int draw = 0; draw < kCardDraws; ++draw) {
    Card card{member, RandomCardCode(), clock_.Now()};
    auto put = relationships_.PutCard(card);
    if (put) return card;
    if (put.error().code != ErrorCode::kAlreadyExists) return put.error();
  }
  return Internal("no free card code was drawn");
}

Result<Card> RelationshipService::MyCard(MemberId member) {
  auto card = relationships_.FindCard(member);
  if (!card) return card.error();
  if (*card) return std::move(**card);
  return DrawCard(member);
}

Result<Card> RelationshipService::RotateCard(MemberId member) { return DrawCard(member); }

Result<Scan> RelationshipService::ScanCard(MemberId scanner, std::string_view typed) {
  std::optional<std::string> code = NormalizeCardCode(typed);
  if (!code) return InvalidArgument("a card code is 10 letters and digits", "code");
  auto card = relationships_.FindCardByCode(*code);
  if (!card) return card.error();
  if (!*card) return CardNotFound();
  MemberId owner = (*card)->member;
  if (owner == scanner) return InvalidArgument("this is your own card", "code");
  auto standing = relationships_.FindStanding(owner, scanner);
  if (!standing) return standing.error();
  if (standing->blocked) return CardNotFound();
  if (standing->stage == Stage::kConnected) return AlreadyExists("already connected", "code");

  Timestamp now = clock_.Now();
  ENISHI_TRY(relationships_.RecordScan(scanner, owner, now));
  // Both scanned within the window: cards were exchanged, as in person.
  auto scanned_back = relationships_.ScannedSince(owner, scanner, now - limits_.mutual_scan_window);
  if (!scanned_back) return scanned_back.error();
  auto asked = relationships_.FindOpenRequest(RequestKind::kConnection, owner, scanner);
  if (!asked) return asked.error();
  bool owner_asked = *asked && (*asked)->state == RequestState::kPending;
  if (*scanned_back || owner_asked) {
    ENISHI_TRY(relationships_.Connect(scanner, owner, Provenance::kMetInPerson, now));
    Announce(RelationshipChange::Connect(scanner, owner));
    return Scan{ScanOutcome::kConnected, owner};
  }
  auto open = relationships_.FindOpenRequest(RequestKind::kConnection, scanner, owner);
  if (!open) return open.error();
  if (*open && now < (*open)->expires_at) return Scan{ScanOutcome::kRequested, owner};
  if (*open) ENISHI_TRY(relationships_.ResolveRequest((*open)->id, RequestState::kExpired, now));
  // The owner showed their card: the request skips the inbound filters and the quota.
  Request request;
  request.id = crypto::RandomId<RequestId>();
  request.kind = RequestKind::kConnection;
  request.sender = scanner;
  request.recipient = owner;
  request.provenance = Provenance::kMetInPerson;
  request.created_at = now;
  request.expires_at = now + limits_.request_lifetime;
  ENISHI_TRY(relationships_.CreateRequest(request));
  return Scan{ScanOutcome::kRequested, owner};
}

// --- What the graph shows a viewer.

std::vector<graph::Degree> RelationshipService::Degrees(MemberId viewer,
                                                        std::span<const MemberId> members) const {
  return graph_.Degrees(viewer, members);
}

privacy::Audience RelationshipService::ConnectionListAudience(MemberId member) const {
  std::shared_lock lock(audiences_mutex_);
  auto found = connection_list_audiences_.find(member);
  return found == connection_list_audiences_.end() ? InboundPolicy{}.connection_list
                                                   : found->second;
}

bool RelationshipService::MaySeeConnectionsOf(MemberId viewer, MemberId member,
                                              graph::Degree degree) const {
  if (viewer == member) return true;
  switch (ConnectionListAudience(member).kind) {
    case AudienceKind::kMembers:
      return true;
    case AudienceKind::kNetwork2:
      return degree <= graph::Degree::kSecond;
    case AudienceKind::kConnections:
      return degree == graph::Degree::kFirst;
    default:
      return false;
  }
}

graph::MemberPredicate RelationshipService::ConnectionsVisibleTo(MemberId viewer) const {
  // The members the graph asks about are mutual connections and the inner members of paths of
  // up to three hops from the viewer: the viewer's connections or theirs. Their degree is
  // therefore at most two, and only "connections" needs a look at the graph.
  return [this, viewer](MemberId member) {
    switch (ConnectionListAudience(member).kind) {
      case AudienceKind::kMembers:
      case AudienceKind::kNetwork2:
        return true;
      case AudienceKind::kConnections:
        return member == viewer || graph_.StrengthOf(viewer, member).has_value();
      default:
        return member == viewer;
    }
  };
}

Result<std::vector<MemberId>> RelationshipService::WithoutBlocked(MemberId viewer,
                                                                  std::vector<MemberId> members) {
  if (members.empty()) return members;
  auto blocked = relationships_.BlockedEitherWay(viewer, members);
  if (!blocked) return blocked.error();
  std::erase_if(members, [&](MemberId member) {
    return std::find(blocked->begin(), blocked->end(), member) != blocked->end();
  });
  return members;
}

Result<std::vector<MemberId>> RelationshipService::Mutuals(MemberId viewer, MemberId other) {
  auto standing = relationships_.FindStanding(viewer, other);
  if (!standing) return standing.error();
  if (standing->blocked || viewer == other) return std::vector<MemberId>();
  return WithoutBlocked(viewer, graph_.Mutuals(viewer, other, ConnectionsVisibleTo(viewer)));
}

Result<graph::Paths> RelationshipService::Paths(MemberId viewer, MemberId target) {
  auto standing = relationships_.FindStanding(viewer, target);
  if (!standing) return standing.error();
  if (standing->blocked || viewer == target) return graph::Paths{};
  graph::Paths paths = graph_.ShortestPaths(viewer, target, {}, ConnectionsVisibleTo(viewer));
  std::vector<MemberId> inner;
  for (const auto& path : paths.paths) {
    if (path.size() > 2) inner.insert(inner.end(), path.begin() + 1, path.end() - 1);
  }
  std::sort(inner.begin(), inner.end());
  inner.erase(std::unique(inner.begin(), inner.end()), inner.end());
  auto allowed = WithoutBlocked(viewer, inner);
  if (!allowed) return allowed.error();
  if (allowed->size() != inner.size()) {
    std::erase_if(paths.paths, [&](const std::vector<MemberId>& path) {
      return std::any_of(path.begin() + 1, path.end() - 1, [&](MemberId member) {
        return !std::binary_search(allowed->begin(), allowed->end(), member);
      });
    });
  }
  return paths;
}

Result<std::vector<graph::Suggestion>> RelationshipService::Suggestions(
    MemberId viewer, size_t limit, const graph::MemberPredicate& discoverable) {
  std::vector<graph::Suggestion> suggestions = graph_.Suggestions(
      viewer, limit + kSuggestionSlack, discoverable, ConnectionsVisibleTo(viewer));
  std::vector<MemberId> members;
  for (const auto& suggestion : suggestions) members.push_back(suggestion.member);
  auto allowed = WithoutBlocked(viewer, members);
  if (!allowed) return allowed.error();
  std::erase_if(suggestions, [&](const graph::Suggestion& suggestion) {
    return std::find(allowed->begin(), allowed->end(), suggestion.member) == allowed->end();
  });
  if (suggestions.size() > limit) suggestions.resize(limit);
  return suggestions;
}

Result<std::vector<graph::Route>> RelationshipService::Routes(MemberId requester, MemberId target,
                                                              size_t limit) {
  auto standing = relationships_.FindStanding(requester, target);
  if (!standing) return standing.error();
  if (standing->blocked) return std::vector<graph::Route>{};
  // A few more than asked for, in case some go through members blocked either way.
  std::vector<graph::Route> routes =
      graph::RankRoutes(*graph_.snapshot(), requester, target,
                        {.max_routes = limit + kSuggestionSlack}, ConnectionsVisibleTo(requester));
  std::vector<MemberId> intermediaries;
  for (const graph::Route& route : routes) {
    intermediaries.insert(intermediaries.end(), route.intermediaries.begin(),
                          route.intermediaries.end());
  }
  std::sort(intermediaries.begin(), intermediaries.end());
  intermediaries.erase(std::unique(intermediaries.begin(), intermediaries.end()),
                       intermediaries.end());
  auto allowed = WithoutBlocked(requester, intermediaries);
  if (!allowed) return allowed.error();
  std::erase_if(routes, [&](const graph::Route& route) {
    return std::any_of(route.intermediaries.begin(), route.intermediaries.end(),
                       [&](MemberId member) {
                         return !std::binary_search(allowed->begin(), allowed->end(), member);
                       });
  });
  if (routes.size() > limit) routes.resize(limit);
  return routes;
}

Result<bool> RelationshipService::IsVisibleRoute(MemberId requester,
                                                 std::span<const MemberId> intermediaries,
                                                 MemberId target) {
  if (intermediaries.empty()) return false;
  auto snapshot = graph_.snapshot();
  graph::MemberPredicate visible = ConnectionsVisibleTo(requester);
  MemberId previous = requester;
  for (MemberId intermediary : intermediaries) {
    if (intermediary == requester || intermediary == target || !visible(intermediary) ||
        !graph::StrengthOf(*snapshot, previous, intermediary)) {
      return false;
    }
    previous = intermediary;
  }
  if (!graph::StrengthOf(*snapshot, previous, target)) return false;
  std::vector<MemberId> members(intermediaries.begin(), intermediaries.end());
  auto allowed = WithoutBlocked(requester, members);
  if (!allowed) return allowed.error();
  return allowed->size() == members.size();
}

std::optional<int> RelationshipService::OwnRating(MemberId member, MemberId other) const {
  std::optional<graph::Strength> strength = graph_.StrengthOf(member, other);
  if (!strength || *strength == graph::kUnrated) return std::nullopt;
  return *strength;
}

Result<std::optional<std::vector<MemberId>>> RelationshipService::ConnectionsOf(MemberId viewer,
                                                                                MemberId member) {
  auto standing = relationships_.FindStanding(member, viewer);
  if (!standing) return standing.error();
  using Listed = std::optional<std::vector<MemberId>>;
  if (standing->blocked) return Listed();
  MemberId one[] = {member};
  if (!MaySeeConnectionsOf(viewer, member, graph_.Degrees(viewer, one).front())) return Listed();
  std::vector<MemberId> connections;
  for (const graph::Connection& connection : graph_.Neighbors(member)) {
    connections.push_back(connection.member);
  }
  auto allowed = WithoutBlocked(viewer, std::move(connections));
  if (!allowed) return allowed.error();
  return Listed(std::move(allowed).value());
}

Result<privacy::Relationship> RelationshipService::Between(MemberId member, MemberId viewer) {
  auto standing = relationships_.FindStanding(member, viewer);
  if (!standing) return standing.error();
  return FromStanding(member, viewer, *standing);
}

Result<privacy::Relationship> RelationshipService::FromStanding(MemberId member, MemberId viewer,
                                                                const Standing& standing) {
  privacy::Relationship relationship;
  if (standing.blocked) {
    relationship.blocked = true;
    return relationship;
  }
  MemberId one[] = {member};
  relationship.distance = DistanceOf(graph_.Degrees(viewer, one).front());
  relationship.stage = standing.stage;
  relationship.trusted = standing.trusted;
  return relationship;
}

}  // namespace enishi::relationships
