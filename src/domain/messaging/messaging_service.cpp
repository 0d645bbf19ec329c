#include "domain/messaging/messaging_service.hpp"

#include <algorithm>
#include <utility>

#include "core/log.hpp"
#include "crypto/random.hpp"
#include "domain/profiles/profile_validation.hpp"

namespace enishi::messaging {
namespace {

using privacy::Stage;

Error ConversationNotFound() { return NotFound("conversation not found"); }
Error MessageNotFound() { return NotFound("message not found"); }

bool Contains(std::span<const MemberId> members, MemberId member) {
  return std::find(members.begin(), members.end(), member) != members.end();
}

bool IsBusinessAsk(MessageKind kind) { return kind != MessageKind::kText; }

// Everyone still in a conversation but `caller`.
std::vector<MemberId> ActiveOthers(MemberId caller, std::span<const Participant> participants) {
  std::vector<MemberId> others;
  for (const Participant& participant : participants) {
    if (participant.member != caller && participant.active()) others.push_back(participant.member);
  }
  return others;
}

// The highest message `participant` may read: the last one while they are in, or the last one
// before they left.
int64_t LastVisibleSeq(const Conversation& conversation, const Participant& participant) {
  return participant.left_at_seq.value_or(conversation.last_seq);
}

}  // namespace

MessagingService::MessagingService(MessagingRepository& messaging,
                                   relationships::RelationshipService& relationships,
                                   notifications::NotificationService& notifications,
                                   const Clock& clock)
    : messaging_(messaging),
      relationships_(relationships),
      notifications_(notifications),
      clock_(clock) {}

// --- Checks shared by the use cases.

Result<MessagingService::Membership> MessagingService::Enter(MemberId caller, ConversationId id) {
  auto conversation = messaging_.FindConversation(id);
  if (!conversation) return conversation.error();
  if (!*conversation) return ConversationNotFound();
  auto participants = messaging_.ListParticipants(id);
  if (!participants) return participants.error();
  auto self = std::find_if(participants->begin(), participants->end(),
                           [&](const Participant& p) { return p.member == caller; });
  if (self == participants->end() || !self->active()) return ConversationNotFound();
  Membership membership{std::move(**conversation), *self, std::move(*participants)};
  // A direct conversation with someone blocked either way is gone for both.
  if (membership.conversation.kind == ConversationKind::kDirect) {
    auto audience = Audience(caller, membership);
    if (!audience) return audience.error();
    if (audience->empty()) return ConversationNotFound();
  }
  return membership;
}

Result<std::vector<MemberId>> MessagingService::Audience(MemberId caller,
                                                         const Membership& membership) {
  return relationships_.WithoutBlocked(caller, ActiveOthers(caller, membership.participants));
}

Result<std::vector<stream::Delivery>> MessagingService::Deliveries(
    MemberId caller, std::span<const MemberId> recipients, bool alert) {
  // The caller's own devices hear of it too, quietly.
  std::vector<stream::Delivery> deliveries{{caller, false}};
  for (MemberId recipient : recipients) {
    bool alerts = false;
    if (alert) {
      auto should = notifications_.ShouldAlert(recipient, notifications::Category::kMessages);
      if (!should) return should.error();
      alerts = *should;
    }
    deliveries.push_back({recipient, alerts});
  }
  return deliveries;
}

Result<void> MessagingService::CheckDraft(const Draft& draft) const {
  using L = MessagingLimits;
  if (draft.kind == MessageKind::kMeetingRequest) {
    if (draft.proposed_times.empty() || draft.proposed_times.size() > L::kProposedTimes) {
      return InvalidArgument("a meeting request proposes 1 to 5 times", "proposed_times");
    }
    Timestamp now = clock_.Now();
    for (Timestamp time : draft.proposed_times) {
      if (time <= now) return InvalidArgument("proposed times are in the future", "proposed_times");
    }
  } else if (!draft.proposed_times.empty()) {
    return InvalidArgument("only a meeting request proposes times", "proposed_times");
  }
  bool has_subject = draft.kind == MessageKind::kProposal ||
                     draft.kind == MessageKind::kReferralRequest;
  if (has_subject) {
    ENISHI_TRY(profiles::NormalizeLine(draft.subject, L::kSubjectChars, "subject"));
  } else if (!draft.subject.empty()) {
    return InvalidArgument("only a proposal or a referral request has a subject", "subject");
  }
  return Ok();
}

Result<bool> MessagingService::MayAsk(MemberId caller, const Membership& membership) {
  if (membership.conversation.kind != ConversationKind::kDirect ||
      membership.conversation.awaiting_reply) {
    return false;
  }
  for (const Participant& participant : membership.participants) {
    if (participant.member != caller) return relationships_.MayAsk(caller, participant.member);
  }
  return false;
}

Result<void> MessagingService::RequireRelationships(MemberId caller,
                                                    std::span<const MemberId> members) {
  for (MemberId member : members) {
    if (member == caller) return InvalidArgument("list the others, not yourself", "members");
    auto standing = relationships_.Between(member, caller);
    if (!standing) return standing.error();
    if (standing->blocked) return MemberNotFound();
    if (standing->stage == Stage::kNone) {
      return InvalidArgument("a group holds only members you have a relationship with",
                             "members");
    }
  }
  return Ok();
}

Result<ConversationView> MessagingService::ViewOf(MemberId caller, Membership membership) {
  ConversationView view;
  auto others = Audience(caller, membership);
  if (!others) return others.error();
  view.others = std::move(*others);
  view.can_write = !(membership.conversation.awaiting_reply &&
                     membership.conversation.created_by == caller);
  auto asks = MayAsk(caller, membership);
  if (!asks) return asks.error();
  view.business_asks = *asks;
  auto mine = messaging_.FindPreferences(caller);
  if (!mine) return mine.error();
  if (mine->read_receipts) {
    for (const Participant& participant : membership.participants) {
      if (!Contains(view.others, participant.member)) continue;
      auto theirs = messaging_.FindPreferences(participant.member);
      if (!theirs) return theirs.error();
      if (theirs->read_receipts) view.read_by.emplace_back(participant.member, participant.read_seq);
    }
  }
  view.conversation = std::move(membership.conversation);
  view.self = membership.self;
  return view;
}

// --- Opening conversations.

Result<Opened> MessagingService::OpenDirect(MemberId caller, MemberId other,
                                            std::optional<Draft> first) {
  if (other == caller) return InvalidArgument("write to someone else", "members");
  auto standing = relationships_.Between(other, caller);
  if (!standing) return standing.error();
  if (standing->blocked) return MemberNotFound();

  auto existing = messaging_.FindDirect(caller, other);
  if (!existing) return existing.error();
  if (!*existing) {
    if (first) ENISHI_TRY(CheckDraft(*first));
    bool stranger = standing->stage == Stage::kNone;
    if (stranger && !first) {
      return InvalidArgument("a first message to someone new needs its text", "text");
    }
    if (first && IsBusinessAsk(first->kind)) {
      return InvalidArgument("a business ask needs a conversation where it is welcome", "kind");
    }
    std::optional<std::string> text;
    if (first) {
      auto normalized = profiles::NormalizeParagraphs(first->text, MessagingLimits::kTextChars,
                                                      "text");
      if (!normalized) return normalized.error();
      text = std::move(*normalized);
    }
    // To a stranger the first message is a request: filed as the recipient's policy says.
    bool filtered = false;
    if (stranger) {
      auto filters = relationships_.FiltersMessage(caller, other);
      if (!filters) return filters.error();
      filtered = *filters;
    }
    Timestamp now = clock_.Now();
    Conversation conversation;
    conversation.id = crypto::RandomId<ConversationId>();
    conversation.kind = ConversationKind::kDirect;
    conversation.created_by = caller;
    conversation.awaiting_reply = stranger;
    conversation.created_at = now;
    conversation.last_activity_at = now;
    Folder their_folder = !stranger ? Folder::kInbox
                                    : (filtered ? Folder::kFiltered : Folder::kRequests);
    std::vector<Participant> participants = {
        {conversation.id, caller, Folder::kInbox, 0, std::nullopt, 0, now},
        {conversation.id, other, their_folder, 0, std::nullopt, 0, now}};
    std::optional<Message> message;
    if (text) {
      message.emplace();
      message->id = crypto::RandomId<MessageId>();
      message->conversation = conversation.id;
      message->seq = 1;
      message->sender = caller;
      message->text = std::move(*text);
      message->created_at = now;
      conversation.last_seq = 1;
    }
    // A filtered request reaches nobody but its sender; a request is announced by its
    // notification rather than a message alert.
    std::vector<MemberId> recipients;
    if (!filtered) recipients.push_back(other);
    auto deliveries = Deliveries(caller, recipients, /*alert=*/!stranger && message);
    if (!deliveries) return deliveries.error();
    auto created = messaging_.CreateConversation(conversation, participants, message, *deliveries);
    if (!created && created.error().code == ErrorCode::kAlreadyExists) {
      return OpenDirect(caller, other, std::move(first));  // Opened by the other meanwhile.
    }
    if (!created) {
      if (created.error().code == ErrorCode::kFailedPrecondition) return MemberNotFound();
      return created.error();
    }
    if (stranger && !filtered) {
      // The request stands whether or not its notification could be filed.
      auto notified = notifications_.Notify(other, notifications::NotificationKind::kMessageRequest,
                                            caller, conversation.id.ToString());
      if (!notified) log::Error("notification_failed", {{"error", notified.error().message}});
    }
    auto membership = Enter(caller, conversation.id);
    if (!membership) return membership.error();
    auto view = ViewOf(caller, std::move(*membership));
    if (!view) return view.error();
    return Opened{std::move(*view), true, std::move(message)};
  }

  ConversationId id = (*existing)->id;
  std::optional<Message> sent;
  if (first) {
    auto message = Send(caller, id, std::move(*first));
    if (!message) return message.error();
    sent = std::move(*message);
  }
  auto view = View(caller, id);
  if (!view) return view.error();
  return Opened{std::move(*view), false, std::move(sent)};
}

Result<ConversationView> MessagingService::CreateGroup(MemberId caller,
                                                       std::span<const MemberId> members,
                                                       std::string title) {
  std::vector<MemberId> unique(members.begin(), members.end());
  std::sort(unique.begin(), unique.end());
  unique.erase(std::unique(unique.begin(), unique.end()), unique.end());
  if (unique.size() < 2 || unique.size() + 1 > MessagingLimits::kGroupMembers) {
    return InvalidArgument("a group has 2 to 49 others", "members");
  }
  ENISHI_TRY(RequireRelationships(caller, unique));
  std::string normalized_title;
  if (!title.empty()) {
    auto normalized = profiles::NormalizeLine(title, MessagingLimits::kTitleChars, "title");
    if (!normalized) return normalized.error();
    normalized_title = std::move(*normalized);
  }
  Conversation conversation;
  conversation.kind = ConversationKind::kGroup;
  conversation.title = std::move(normalized_title);
  ENISHI_TRY(CreateOpen(caller, unique, conversation));
  return View(caller, conversation.id);
}

Result<ConversationId> MessagingService::OpenIntroduced(MemberId accepter, MemberId requester,
                                                        std::span<const MemberId> joiners,
                                                        MemberId introducer) {
  std::vector<MemberId> others = {requester};
  for (MemberId joiner : joiners) {
    if (joiner != accepter && std::find(others.begin(), others.end(), joiner) == others.end()) {
      others.push_back(joiner);
    }
  }
  auto blocked = relationships_.WithoutBlocked(accepter, others);
  if (!blocked) return blocked.error();
  if (blocked->size() != others.size()) return MemberNotFound();
  Conversation conversation;
  conversation.kind = others.size() == 1 ? ConversationKind::kDirect : ConversationKind::kGroup;
  conversation.introduced_by = introducer;
  if (conversation.kind == ConversationKind::kDirect) {
    auto existing = messaging_.FindDirect(accepter, requester);
    if (!existing) return existing.error();
    if (*existing) {
      // A message request between them is answered by the introduction: open it.
      auto deliveries = Deliveries(accepter, others, /*alert=*/false);
      if (!deliveries) return deliveries.error();
      ENISHI_TRY(messaging_.MarkIntroduced((*existing)->id, introducer, clock_.Now(),
                                           *deliveries));
      return (*existing)->id;
    }
  }
  auto created = CreateOpen(accepter, others, conversation);
  if (!created && created.error().code == ErrorCode::kAlreadyExists) {
    // The two opened their direct conversation meanwhile.
    return OpenIntroduced(accepter, requester, joiners, introducer);
  }
  if (!created) return created.error();
  return conversation.id;
}

Result<void> MessagingService::CreateOpen(MemberId caller, std::span<const MemberId> others,
                                          Conversation& shape) {
  Timestamp now = clock_.Now();
  shape.id = crypto::RandomId<ConversationId>();
  shape.created_by = caller;
  shape.created_at = now;
  shape.last_activity_at = now;
  std::vector<Participant> participants = {
      {shape.id, caller, Folder::kInbox, 0, std::nullopt, 0, now}};
  for (MemberId member : others) {
    participants.push_back({shape.id, member, Folder::kInbox, 0, std::nullopt, 0, now});
  }
  auto deliveries = Deliveries(caller, others, /*alert=*/false);
  if (!deliveries) return deliveries.error();
  auto created =
      messaging_.CreateConversation(shape, participants, std::nullopt, *deliveries);
  if (!created && created.error().code == ErrorCode::kFailedPrecondition) {
    return MemberNotFound();
  }
  return created;
}

// --- Reading.

Result<ConversationView> MessagingService::View(MemberId caller, ConversationId id) {
  auto membership = Enter(caller, id);
  if (!membership) return membership.error();
  return ViewOf(caller, std::move(*membership));
}

Result<ConversationList> MessagingService::List(MemberId caller, const ConversationPage& page) {
  auto listed = messaging_.ListConversations(caller, page);
  if (!listed) return listed.error();
  ConversationList list;
  if (static_cast<int>(listed->size()) >= page.limit && !listed->empty()) {
    const Conversation& last = listed->back().conversation;
    list.next = {{last.last_activity_at, last.id}};
  }
  // One look at blocks for the whole page: everyone else in it, and the latest messages'
  // senders (who may have left since).
  std::vector<MemberId> everyone;
  for (const ConversationSummary& summary : *listed) {
    for (const Participant& participant : summary.participants) {
      if (participant.member != caller) everyone.push_back(participant.member);
    }
    if (summary.last_message) everyone.push_back(summary.last_message->sender);
  }
  std::sort(everyone.begin(), everyone.end());
  everyone.erase(std::unique(everyone.begin(), everyone.end()), everyone.end());
  auto unblocked = relationships_.WithoutBlocked(caller, std::move(everyone));
  if (!unblocked) return unblocked.error();
  auto shown = [&](MemberId member) {
    return std::binary_search(unblocked->begin(), unblocked->end(), member);
  };
  for (ConversationSummary& summary : *listed) {
    std::vector<MemberId> others = ActiveOthers(caller, summary.participants);
    std::erase_if(others, [&](MemberId member) { return !shown(member); });
    // A direct conversation with someone blocked either way is gone; a group's latest message
    // from such a member is not shown.
    if (summary.conversation.kind == ConversationKind::kDirect && others.empty()) continue;
    if (summary.last_message && summary.last_message->sender != caller &&
        !shown(summary.last_message->sender)) {
      summary.last_message.reset();
    }
    list.entries.push_back({std::move(summary), std::move(others)});
  }
  return list;
}

Result<History> MessagingService::Read(MemberId caller, ConversationId id,
                                       std::optional<int64_t> before, int limit) {
  limit = std::clamp(limit, 1, MessagingLimits::kHistoryPage);
  auto membership = Enter(caller, id);
  if (!membership) return membership.error();
  int64_t upper = LastVisibleSeq(membership->conversation, membership->self) + 1;
  if (before) upper = std::min(upper, *before);
  // One more than asked tells whether there is more.
  auto messages = messaging_.ListMessages(id, caller, membership->self.joined_after, upper,
                                          limit + 1);
  if (!messages) return messages.error();
  History history;
  history.has_more = static_cast<int>(messages->size()) > limit;
  if (history.has_more) messages->pop_back();
  std::vector<MemberId> senders;
  for (const Message& message : *messages) {
    if (message.sender != caller) senders.push_back(message.sender);
  }
  std::sort(senders.begin(), senders.end());
  senders.erase(std::unique(senders.begin(), senders.end()), senders.end());
  auto allowed = relationships_.WithoutBlocked(caller, senders);
  if (!allowed) return allowed.error();
  for (Message& message : *messages) {
    if (message.sender == caller || Contains(*allowed, message.sender)) {
      history.messages.push_back(std::move(message));
    }
  }
  return history;
}

Result<MessagingRepository::UnreadCounts> MessagingService::Unread(MemberId caller) {
  return messaging_.CountUnread(caller);
}

// --- Writing.

Result<Message> MessagingService::Send(MemberId caller, ConversationId id, Draft draft) {
  auto membership = Enter(caller, id);
  if (!membership) return membership.error();
  const Conversation& conversation = membership->conversation;
  if (conversation.awaiting_reply && conversation.created_by == caller) {
    return FailedPrecondition("a message request allows one message until they reply");
  }
  ENISHI_TRY(CheckDraft(draft));
  if (IsBusinessAsk(draft.kind)) {
    auto allowed = MayAsk(caller, *membership);
    if (!allowed) return allowed.error();
    if (!*allowed) {
      return InvalidArgument("this member does not take business asks from you", "kind");
    }
  }
  auto text = profiles::NormalizeParagraphs(draft.text, MessagingLimits::kTextChars, "text");
  if (!text) return text.error();

  auto audience = Audience(caller, *membership);
  if (!audience) return audience.error();
  auto deliveries = Deliveries(caller, *audience, /*alert=*/true);
  if (!deliveries) return deliveries.error();

  Message message;
  message.id = crypto::RandomId<MessageId>();
  message.conversation = id;
  message.sender = caller;
  message.kind = draft.kind;
  message.text = std::move(*text);
  if (!draft.subject.empty()) {
    auto subject = profiles::NormalizeLine(draft.subject, MessagingLimits::kSubjectChars,
                                           "subject");
    if (!subject) return subject.error();
    message.subject = std::move(*subject);
  }
  message.proposed_times = std::move(draft.proposed_times);
  std::sort(message.proposed_times.begin(), message.proposed_times.end());
  message.created_at = clock_.Now();
  // Replying to a message request opens the conversation, and the two are now conversing.
  bool opens = conversation.awaiting_reply;
  auto seq = messaging_.AppendMessage(message, opens, *deliveries);
  if (!seq) {
    if (seq.error().code == ErrorCode::kNotFound) return ConversationNotFound();
    return seq.error();
  }
  message.seq = *seq;
  if (opens) ENISHI_TRY(relationships_.MarkConversing(caller, conversation.created_by));
  return message;
}

Result<Message> MessagingService::FindOwn(MemberId caller, const Membership& membership,
                                          MessageId id) {
  auto message = messaging_.FindMessage(id);
  if (!message) return message.error();
  if (!*message || (*message)->conversation != membership.conversation.id ||
      (*message)->sender != caller || (*message)->deleted_at ||
      (*message)->seq <= membership.self.joined_after) {
    return MessageNotFound();
  }
  if (clock_.Now() - (*message)->created_at > MessagingLimits::kChangeWindow) {
    return FailedPrecondition("messages can be changed for 24 hours after sending");
  }
  return std::move(**message);
}

Result<Message> MessagingService::Edit(MemberId caller, ConversationId id, MessageId message_id,
                                       std::string text, std::string subject) {
  auto membership = Enter(caller, id);
  if (!membership) return membership.error();
  auto message = FindOwn(caller, *membership, message_id);
  if (!message) return message.error();
  auto normalized = profiles::NormalizeParagraphs(text, MessagingLimits::kTextChars, "text");
  if (!normalized) return normalized.error();
  bool has_subject = message->kind == MessageKind::kProposal ||
                     message->kind == MessageKind::kReferralRequest;
  if (has_subject) {
    auto checked = profiles::NormalizeLine(subject, MessagingLimits::kSubjectChars, "subject");
    if (!checked) return checked.error();
    subject = std::move(*checked);
  } else if (!subject.empty()) {
    return InvalidArgument("only a proposal or a referral request has a subject", "subject");
  }
  auto audience = Audience(caller, *membership);
  if (!audience) return audience.error();
  auto deliveries = Deliveries(caller, *audience, /*alert=*/false);
  if (!deliveries) return deliveries.error();
  Timestamp now = clock_.Now();
  auto edited = messaging_.EditMessage(message_id, *normalized, subject, now, *deliveries);
  if (!edited) return edited.error();
  if (!*edited) return MessageNotFound();
  message->text = std::move(*normalized);
  message->subject = std::move(subject);
  message->edited_at = now;
  return std::move(*message);
}

Result<void> MessagingService::Delete(MemberId caller, ConversationId id, MessageId message_id,
                                      bool for_everyone) {
  auto membership = Enter(caller, id);
  if (!membership) return membership.error();
  if (!for_everyone) {
    auto message = MessageFor(caller, message_id);
    if (!message) return message.error();
    if (!*message || (*message)->conversation != id) return MessageNotFound();
    return messaging_.HideMessage(caller, message_id);
  }
  ENISHI_TRY(FindOwn(caller, *membership, message_id));
  auto audience = Audience(caller, *membership);
  if (!audience) return audience.error();
  auto deliveries = Deliveries(caller, *audience, /*alert=*/false);
  if (!deliveries) return deliveries.error();
  auto deleted = messaging_.DeleteMessage(message_id, clock_.Now(), *deliveries);
  if (!deleted) return deleted.error();
  if (!*deleted) return MessageNotFound();
  return Ok();
}

Result<void> MessagingService::MarkRead(MemberId caller, ConversationId id, int64_t up_to) {
  auto membership = Enter(caller, id);
  if (!membership) return membership.error();
  if (up_to < 1) return InvalidArgument("read up to a message number from 1", "up_to");
  up_to = std::min(up_to, LastVisibleSeq(membership->conversation, membership->self));
  // Others hear of it only when both sides show read receipts; the stream checks that at
  // delivery, as either may change their mind meanwhile.
  auto audience = Audience(caller, *membership);
  if (!audience) return audience.error();
  auto deliveries = Deliveries(caller, *audience, /*alert=*/false);
  if (!deliveries) return deliveries.error();
  auto mine = messaging_.FindPreferences(caller);
  if (!mine) return mine.error();
  if (!mine->read_receipts) deliveries->resize(1);  // Only the caller's own devices.
  auto marked = messaging_.MarkRead(id, caller, up_to, *deliveries);
  if (!marked) return marked.error();
  return Ok();
}

Result<ConversationView> MessagingService::AddMembers(MemberId caller, ConversationId id,
                                                      std::span<const MemberId> members) {
  auto membership = Enter(caller, id);
  if (!membership) return membership.error();
  if (membership->conversation.kind != ConversationKind::kGroup) {
    return InvalidArgument("members are added to groups only", "members");
  }
  std::vector<MemberId> added;
  for (MemberId member : members) {
    bool active = std::any_of(membership->participants.begin(), membership->participants.end(),
                              [&](const Participant& p) { return p.member == member && p.active(); });
    if (!active && !Contains(added, member)) added.push_back(member);
  }
  size_t active_now = std::count_if(membership->participants.begin(),
                                    membership->participants.end(),
                                    [](const Participant& p) { return p.active(); });
  if (added.empty() || active_now + added.size() > MessagingLimits::kGroupMembers) {
    return InvalidArgument("a group has up to 50 members, and these are already in", "members");
  }
  ENISHI_TRY(RequireRelationships(caller, added));
  auto audience = Audience(caller, *membership);
  if (!audience) return audience.error();
  audience->insert(audience->end(), added.begin(), added.end());
  auto deliveries = Deliveries(caller, *audience, /*alert=*/false);
  if (!deliveries) return deliveries.error();
  auto stored = messaging_.AddParticipants(id, added, clock_.Now(), *deliveries);
  if (!stored) {
    if (stored.error().code == ErrorCode::kFailedPrecondition) return MemberNotFound();
    return stored.error();
  }
  return View(caller, id);
}

Result<void> MessagingService::Leave(MemberId caller, ConversationId id) {
  auto membership = Enter(caller, id);
  if (!membership) return membership.error();
  auto audience = Audience(caller, *membership);
  if (!audience) return audience.error();
  auto deliveries = Deliveries(caller, *audience, /*alert=*/false);
  if (!deliveries) return deliveries.error();
  auto left = messaging_.Leave(id, caller, clock_.Now(), *deliveries);
  if (!left) return left.error();
  if (!*left) return ConversationNotFound();
  return Ok();
}

Result<Preferences> MessagingService::GetPreferences(MemberId member) {
  return messaging_.FindPreferences(member);
}

Result<Preferences> MessagingService::UpdatePreferences(MemberId member, Preferences preferences) {
  ENISHI_TRY(messaging_.PutPreferences(member, preferences));
  return preferences;
}

// --- For the stream.

Result<std::optional<Message>> MessagingService::MessageFor(MemberId member, MessageId id) {
  auto message = messaging_.FindMessage(id);
  if (!message) return message.error();
  if (!*message) return std::optional<Message>();
  auto participant = messaging_.FindParticipant((*message)->conversation, member);
  if (!participant) return participant.error();
  if (!*participant || (*message)->seq <= (*participant)->joined_after ||
      ((*participant)->left_at_seq && (*message)->seq > *(*participant)->left_at_seq)) {
    return std::optional<Message>();
  }
  if ((*message)->sender != member) {
    auto allowed = relationships_.WithoutBlocked(member, {(*message)->sender});
    if (!allowed) return allowed.error();
    if (allowed->empty()) return std::optional<Message>();
  }
  return message;
}

Result<bool> MessagingService::MayShowRead(MemberId member, MemberId reader,
                                           ConversationId conversation) {
  if (member == reader) return true;
  auto participant = messaging_.FindParticipant(conversation, member);
  if (!participant) return participant.error();
  if (!*participant || !(*participant)->active()) return false;
  auto allowed = relationships_.WithoutBlocked(member, {reader});
  if (!allowed) return allowed.error();
  if (allowed->empty()) return false;
  for (MemberId side : {member, reader}) {
    auto preferences = messaging_.FindPreferences(side);
    if (!preferences) return preferences.error();
    if (!preferences->read_receipts) return false;
  }
  return true;
}

Result<std::vector<MemberId>> MessagingService::TypingAudience(MemberId caller,
                                                               ConversationId id) {
  auto membership = Enter(caller, id);
  if (!membership) return membership.error();
  auto mine = messaging_.FindPreferences(caller);
  if (!mine) return mine.error();
  if (!mine->typing_indicators) return std::vector<MemberId>();
  auto audience = Audience(caller, *membership);
  if (!audience) return audience.error();
  std::vector<MemberId> watching;
  for (MemberId member : *audience) {
    auto theirs = messaging_.FindPreferences(member);
    if (!theirs) return theirs.error();
    if (theirs->typing_indicators) watching.push_back(member);
  }
  return watching;
}

}  // namespace enishi::messaging
