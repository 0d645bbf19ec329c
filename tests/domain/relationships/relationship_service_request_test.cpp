// Greetings and connection requests: stages, etiquette, quotas, and silence towards senders.

#include "domain/organizations/organization_repository.hpp"
#include "domain/profiles/profile_repository.hpp"
#include "relationship_service_fixture.hpp"

namespace enishi::relationships {
namespace {

TEST_F(RelationshipServiceTest, AReturnedGreetingRaisesBothSidesToGreeted) {
  MemberId a = NewMember(), b = NewMember();
  auto greeting = Greet(a, b);
  ASSERT_TRUE(greeting);
  EXPECT_EQ(greeting->status, SentStatus::kPending);
  EXPECT_EQ(StageOf(a, b), Stage::kNone);
  EXPECT_EQ(InboxIds(b), std::vector<RequestId>{greeting->request.id});

  ASSERT_TRUE(service_.Accept(b, greeting->request.id));
  EXPECT_EQ(StageOf(a, b), Stage::kGreeted);
  EXPECT_EQ(StageOf(b, a), Stage::kGreeted);
  EXPECT_TRUE(InboxIds(b).empty());
  auto sent = service_.Sent(a, RequestKind::kGreeting);
  ASSERT_TRUE(sent);
  ASSERT_EQ(sent->size(), 1u);
  EXPECT_EQ(sent->front().status, SentStatus::kAccepted);
}

TEST_F(RelationshipServiceTest, GreetingBackAnAnsweredGreetingIsAcceptingIt) {
  MemberId a = NewMember(), b = NewMember();
  ASSERT_TRUE(Greet(a, b));
  auto back = Greet(b, a);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->status, SentStatus::kAccepted);
  EXPECT_EQ(StageOf(a, b), Stage::kGreeted);
  EXPECT_TRUE(InboxIds(a).empty());
  EXPECT_TRUE(InboxIds(b).empty());
}

TEST_F(RelationshipServiceTest, AcceptingAConnectionRequestConnectsAndUpdatesTheGraph) {
  MemberId a = NewMember(), b = NewMember(), c = NewMember();
  Connect(a, b);
  EXPECT_EQ(StageOf(a, b), Stage::kConnected);
  EXPECT_EQ(DegreeOf(a, b), graph::Degree::kFirst);
  Connect(b, c);
  EXPECT_EQ(DegreeOf(a, c), graph::Degree::kSecond);
  auto relationship = service_.Between(c, a);
  ASSERT_TRUE(relationship);
  EXPECT_EQ(relationship->distance, 2);
  EXPECT_EQ(relationship->stage, Stage::kNone);
}

TEST_F(RelationshipServiceTest, RequestingBackWhatWasAskedConnectsAtOnce) {
  MemberId a = NewMember(), b = NewMember();
  ASSERT_TRUE(Ask(a, b));
  auto back = Ask(b, a);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->status, SentStatus::kAccepted);
  EXPECT_EQ(StageOf(a, b), Stage::kConnected);
  EXPECT_EQ(DegreeOf(a, b), graph::Degree::kFirst);
}

TEST_F(RelationshipServiceTest, RefusesRequestsToOneselfDuplicatesAndExistingTies) {
  MemberId a = NewMember(), b = NewMember();
  auto self = Greet(a, a);
  ASSERT_FALSE(self);
  EXPECT_EQ(self.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(self.error().field, "to");

  ASSERT_TRUE(Greet(a, b));
  auto twice = Greet(a, b);
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().code, ErrorCode::kAlreadyExists);

  Connect(a, b);
  auto again = Ask(a, b);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kAlreadyExists);
}

TEST_F(RelationshipServiceTest, RefusesBadProvenanceAndOverlongNotes) {
  MemberId a = NewMember(), b = NewMember(), c = NewMember();
  auto none = service_.Send(a, RequestKind::kConnection, b, "", Provenance::kNone, {});
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().field, "provenance");
  auto no_introducer =
      service_.Send(a, RequestKind::kConnection, b, "", Provenance::kIntroduced, {});
  ASSERT_FALSE(no_introducer);
  EXPECT_EQ(no_introducer.error().field, "introduced_by");
  auto greeting_with_provenance =
      service_.Send(a, RequestKind::kGreeting, b, "", Provenance::kMetInPerson, {});
  ASSERT_FALSE(greeting_with_provenance);
  EXPECT_EQ(greeting_with_provenance.error().field, "provenance");
  auto long_note = Greet(a, b, std::string(RelationshipLimits::kNoteChars + 1, 'x'));
  ASSERT_FALSE(long_note);
  EXPECT_EQ(long_note.error().field, "note");
  auto control = Greet(a, b, "hi\x01");
  ASSERT_FALSE(control);
  EXPECT_EQ(control.error().field, "note");
  EXPECT_TRUE(service_.Send(a, RequestKind::kConnection, b, "", Provenance::kIntroduced, c));
}

TEST_F(RelationshipServiceTest, AnUnknownRecipientIsNotFound) {
  MemberId a = NewMember();
  auto sent = Greet(a, crypto::RandomId<MemberId>());
  ASSERT_FALSE(sent);
  EXPECT_EQ(sent.error().code, ErrorCode::kNotFound);
}

// What the sender can observe of a request: its status, and whether sending it again is
// refused as a duplicate.
struct SenderView {
  SentStatus status;
  bool resend_refused_as_duplicate;
};

TEST_F(RelationshipServiceTest, DeclinedFilteredAndIgnoredLookTheSameToTheSender) {
  MemberId sender = NewMember();
  MemberId declines = NewMember(), filters = NewMember(), ignores = NewMember();
  InboundPolicy nobody;
  nobody.requests = Reach::kNobody;
  ASSERT_TRUE(service_.UpdatePolicy(filters, nobody));

  std::vector<SenderView> views;
  for (MemberId recipient : {declines, filters, ignores}) {
    auto sent = Ask(sender, recipient);
    ASSERT_TRUE(sent);
    EXPECT_EQ(sent->status, SentStatus::kPending);
    if (recipient == declines) {
      ASSERT_TRUE(service_.Decline(recipient, sent->request.id));
    }
    auto listed = service_.Sent(sender, RequestKind::kConnection);
    ASSERT_TRUE(listed);
    auto mine = std::find_if(listed->begin(), listed->end(), [&](const SentRequest& s) {
      return s.request.recipient == recipient;
    });
    ASSERT_NE(mine, listed->end());
    auto resend = Ask(sender, recipient);
    views.push_back({mine->status, !resend && resend.error().code == ErrorCode::kAlreadyExists});
  }
  EXPECT_TRUE(InboxIds(filters).empty());
  EXPECT_EQ(InboxIds(filters, ReceivedBox::kFiltered).size(), 1u);
  for (const SenderView& view : views) {
    EXPECT_EQ(view.status, SentStatus::kPending);
    EXPECT_TRUE(view.resend_refused_as_duplicate);
  }

  // Thirty days on, all three read "expired".
  clock_.Advance(days(30));
  auto listed = service_.Sent(sender, RequestKind::kConnection);
  ASSERT_TRUE(listed);
  ASSERT_EQ(listed->size(), 3u);
  for (const SentRequest& sent : *listed) EXPECT_EQ(sent.status, SentStatus::kExpired);
  EXPECT_TRUE(InboxIds(ignores).empty());
}

TEST_F(RelationshipServiceTest, WithdrawingADeclinedRequestAnswersAsForAPendingOne) {
  MemberId sender = NewMember(), declines = NewMember(), ignores = NewMember();
  auto declined = Ask(sender, declines);
  auto ignored = Ask(sender, ignores);
  ASSERT_TRUE(declined && ignored);
  ASSERT_TRUE(service_.Decline(declines, declined->request.id));
  EXPECT_TRUE(service_.Withdraw(sender, declined->request.id));
  EXPECT_TRUE(service_.Withdraw(sender, ignored->request.id));
  // Either may not be sent again for three weeks, alike.
  for (MemberId recipient : {declines, ignores}) {
    auto again = Ask(sender, recipient);
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code, ErrorCode::kResourceExhausted);
  }
  clock_.Advance(days(21));
  EXPECT_TRUE(Ask(sender, declines));
  EXPECT_TRUE(Ask(sender, ignores));
}

TEST_F(RelationshipServiceTest, OnlyTheRecipientMayActOnARequest) {
  MemberId a = NewMember(), b = NewMember(), stranger = NewMember();
  auto sent = Ask(a, b);
  ASSERT_TRUE(sent);
  for (MemberId actor : {a, stranger}) {
    auto accepted = service_.Accept(actor, sent->request.id);
    ASSERT_FALSE(accepted);
    EXPECT_EQ(accepted.error().code, ErrorCode::kNotFound);
    EXPECT_EQ(service_.Decline(actor, sent->request.id).error().code, ErrorCode::kNotFound);
  }
  EXPECT_EQ(service_.Withdraw(b, sent->request.id).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(service_.Accept(b, crypto::RandomId<RequestId>()).error().code, ErrorCode::kNotFound);
}

TEST_F(RelationshipServiceTest, AnExpiredRequestCanNoLongerBeAccepted) {
  MemberId a = NewMember(), b = NewMember();
  auto sent = Ask(a, b);
  ASSERT_TRUE(sent);
  clock_.Advance(days(30));
  EXPECT_EQ(service_.Accept(b, sent->request.id).error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(InboxIds(b).empty());
  // And may be sent again.
  EXPECT_TRUE(Ask(a, b));
}

TEST_F(RelationshipServiceTest, QuotasAreLowerForYoungAccounts) {
  MemberId young = NewMember(days(3)), old = NewMember();
  RelationshipLimits limits;
  for (int i = 0; i < limits.greetings_per_day_young; ++i) ASSERT_TRUE(Greet(young, NewMember()));
  auto over = Greet(young, NewMember());
  ASSERT_FALSE(over);
  EXPECT_EQ(over.error().code, ErrorCode::kResourceExhausted);
  // All went out just now: the first leaves the day's window in a day, and so it is told.
  EXPECT_EQ(over.error().retry_after, std::chrono::seconds(days(1)));
  for (int i = 0; i < limits.greetings_per_day_young + 1; ++i) {
    ASSERT_TRUE(Greet(old, NewMember()));
  }
  clock_.Advance(std::chrono::hours(5));
  auto later = Greet(young, NewMember());
  ASSERT_FALSE(later);
  EXPECT_EQ(later.error().retry_after, std::chrono::seconds(std::chrono::hours(19)));
  clock_.Advance(std::chrono::hours(19));
  EXPECT_TRUE(Greet(young, NewMember()));
}

TEST_F(RelationshipServiceTest, ThePolicyFiltersByReachAgeAndFunction) {
  MemberId recipient = NewMember(), friend_of = NewMember(), near = NewMember();
  MemberId stranger = NewMember(), young = NewMember(days(2)), recruiter = NewMember();
  Connect(recipient, friend_of);
  Connect(friend_of, near);

  InboundPolicy policy;
  policy.greetings = Reach::kSecondDegree;
  policy.min_account_age_days = 7;
  policy.refused_functions = {profiles::JobFunction::kRecruiting};
  ASSERT_TRUE(service_.UpdatePolicy(recipient, policy));

  // A recruiter within reach, to tell the function filter from the reach filter.
  Connect(friend_of, recruiter);
  organizations::Company agency;
  agency.id = crypto::RandomId<CompanyId>();
  agency.names.en = "Agency";
  agency.created_at = clock_.Now();
  ASSERT_TRUE(store_->organizations().CreateCompany(agency));
  profiles::Profile profile;
  profile.member = recruiter;
  profiles::Position position;
  position.id = crypto::RandomId<EntryId>();
  position.company = agency.id;
  position.title = "Recruiter";
  position.function = profiles::JobFunction::kRecruiting;
  position.start = {2020, 1};
  position.audience = privacy::Audience::Of(privacy::AudienceKind::kOnlyMe);
  profile.positions.push_back(position);
  ASSERT_TRUE(store_->profiles().PutProfile(profile));

  EXPECT_FALSE(Greet(near, recipient)->request.filtered);
  EXPECT_TRUE(Greet(stranger, recipient)->request.filtered);
  Connect(friend_of, young);
  EXPECT_TRUE(Greet(young, recipient)->request.filtered);
  EXPECT_TRUE(Greet(recruiter, recipient)->request.filtered);
  EXPECT_EQ(InboxIds(recipient).size(), 1u);
  EXPECT_EQ(InboxIds(recipient, ReceivedBox::kFiltered).size(), 3u);
}

TEST_F(RelationshipServiceTest, SendersWhoAlreadyGreetedPassThePolicy) {
  MemberId a = NewMember(), b = NewMember();
  InboundPolicy nobody;
  nobody.requests = Reach::kNobody;
  ASSERT_TRUE(service_.UpdatePolicy(b, nobody));
  auto greeting = Greet(a, b);
  ASSERT_TRUE(greeting);
  ASSERT_TRUE(service_.Accept(b, greeting->request.id));
  auto asked = Ask(a, b);
  ASSERT_TRUE(asked);
  EXPECT_FALSE(asked->request.filtered);
}

TEST_F(RelationshipServiceTest, TheConversingHookNeverLowersAStage) {
  MemberId a = NewMember(), b = NewMember(), c = NewMember();
  ASSERT_TRUE(service_.MarkConversing(a, b));
  EXPECT_EQ(StageOf(a, b), Stage::kConversing);
  EXPECT_EQ(StageOf(b, a), Stage::kConversing);
  Connect(a, c);
  ASSERT_TRUE(service_.MarkConversing(c, a));
  EXPECT_EQ(StageOf(a, c), Stage::kConnected);
}

TEST_F(RelationshipServiceTest, TheObserverHearsOfInboxRequestsAndAcceptancesOnly) {
  MemberId a = NewMember(), b = NewMember(), stranger = NewMember();
  InboundPolicy policy;
  policy.greetings = Reach::kNobody;
  ASSERT_TRUE(service_.UpdatePolicy(a, policy));
  InboundPolicy open;
  open.requests = Reach::kAnyone;
  ASSERT_TRUE(service_.UpdatePolicy(b, open));

  auto filtered = Greet(stranger, a);
  ASSERT_TRUE(filtered);
  EXPECT_TRUE(observed_.received.empty()) << "a filtered request notifies nobody";

  auto asked = Ask(a, b);
  ASSERT_TRUE(asked);
  EXPECT_EQ(observed_.received, std::vector<RequestId>{asked->request.id});
  ASSERT_TRUE(service_.Accept(b, asked->request.id));
  EXPECT_EQ(observed_.accepted, std::vector<RequestId>{asked->request.id});

  // Greeting back a pending greeting accepts it: its sender hears so.
  MemberId c = NewMember();
  auto greeting = Greet(c, b);
  ASSERT_TRUE(greeting);
  ASSERT_TRUE(Greet(b, c));
  EXPECT_EQ(observed_.accepted.back(), greeting->request.id);
}

TEST_F(RelationshipServiceTest, MessagesFollowTheirOwnReach) {
  MemberId recipient = NewMember(), friend_of = NewMember(), near = NewMember();
  MemberId stranger = NewMember();
  Connect(recipient, friend_of);
  Connect(friend_of, near);
  InboundPolicy policy;
  policy.greetings = Reach::kNobody;
  policy.messages = Reach::kSecondDegree;
  ASSERT_TRUE(service_.UpdatePolicy(recipient, policy));
  EXPECT_FALSE(*service_.FiltersMessage(near, recipient));
  EXPECT_TRUE(*service_.FiltersMessage(stranger, recipient));
  policy.messages = Reach::kNobody;
  ASSERT_TRUE(service_.UpdatePolicy(recipient, policy));
  EXPECT_TRUE(*service_.FiltersMessage(near, recipient));
  EXPECT_FALSE(*service_.FiltersMessage(friend_of, recipient)) << "connections always pass";
}

}  // namespace
}  // namespace enishi::relationships
