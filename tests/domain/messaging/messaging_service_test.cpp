// MessagingService on a real in-memory SQLite store, with the relationship and notification
// services it leans on: conversations opened by relationships, one message request to anyone
// else, business asks where the etiquette allows them, blocks and leaving, edits and deletes,
// read receipts and typing that both sides must choose, and the events each write leaves in
// members' streams.

#include "domain/messaging/messaging_service.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "../relationships/relationship_service_fixture.hpp"
#include "domain/notifications/notification_service.hpp"
#include "support/fake_local_time.hpp"

namespace enishi::messaging {
namespace {

using relationships::InboundPolicy;
using relationships::Reach;
using stream::EventKind;
using stream::StreamEvent;

class MessagingServiceTest : public relationships::RelationshipServiceTest {
 protected:
  static Draft Text(std::string text) {
    Draft draft;
    draft.text = std::move(text);
    return draft;
  }

  // `a` opens the direct conversation with `b`, sending `text`.
  ConversationId Open(MemberId a, MemberId b, std::string text = "はじめまして") {
    auto opened = messaging_.OpenDirect(a, b, Text(std::move(text)));
    EXPECT_TRUE(opened) << (opened ? "" : opened.error().message);
    return opened ? opened->view.conversation.id : ConversationId();
  }

  Message Send(MemberId from, ConversationId id, std::string text) {
    auto sent = messaging_.Send(from, id, Text(std::move(text)));
    EXPECT_TRUE(sent) << (sent ? "" : sent.error().message);
    return sent ? *sent : Message{};
  }

  std::vector<StreamEvent> Events(MemberId member) {
    auto events = store_->streams().ListEvents(member, 0, 1000);
    EXPECT_TRUE(events);
    return events ? *events : std::vector<StreamEvent>{};
  }

  // The ids of the messages whose events reached `member`.
  std::vector<MessageId> Delivered(MemberId member) {
    std::vector<MessageId> ids;
    for (const StreamEvent& event : Events(member)) {
      if (event.kind == EventKind::kMessage) ids.push_back(event.message);
    }
    return ids;
  }

  std::vector<std::string> Texts(MemberId reader, ConversationId id) {
    auto history = messaging_.Read(reader, id, std::nullopt, 100);
    EXPECT_TRUE(history) << (history ? "" : history.error().message);
    std::vector<std::string> texts;
    if (history) {
      for (const Message& message : history->messages) texts.push_back(message.text);
    }
    return texts;
  }

  void OpenToMessagesFromAnyone(MemberId member) {
    InboundPolicy policy;
    policy.messages = Reach::kAnyone;
    ASSERT_TRUE(service_.UpdatePolicy(member, policy));
  }

  testing::FakeLocalTime local_time_;
  notifications::NotificationService notifications_{store_->notifications(), local_time_, clock_};
  MessagingService messaging_{store_->messaging(), service_, notifications_, clock_};
};

TEST_F(MessagingServiceTest, ConnectedMembersOpenAConversationAndChat) {
  MemberId a = NewMember(), b = NewMember();
  Connect(a, b);
  auto opened = messaging_.OpenDirect(a, b, Text("こんにちは"));
  ASSERT_TRUE(opened) << opened.error().message;
  EXPECT_TRUE(opened->created);
  ConversationId id = opened->view.conversation.id;
  EXPECT_EQ(opened->view.self.folder, Folder::kInbox);
  EXPECT_TRUE(opened->view.can_write);
  EXPECT_FALSE(opened->view.conversation.awaiting_reply);
  ASSERT_TRUE(opened->message);
  EXPECT_EQ(opened->message->seq, 1);

  Message reply = Send(b, id, "よろしくお願いします");
  EXPECT_EQ(reply.seq, 2);
  EXPECT_EQ(Texts(a, id), (std::vector<std::string>{"よろしくお願いします", "こんにちは"}));
  EXPECT_EQ(Delivered(a), (std::vector<MessageId>{opened->message->id, reply.id}))
      << "the sender's own devices hear of their message too";
  EXPECT_EQ(Delivered(b), (std::vector<MessageId>{opened->message->id, reply.id}));

  auto unread = messaging_.Unread(a);
  ASSERT_TRUE(unread);
  EXPECT_EQ(unread->messages, 1);
  ASSERT_TRUE(messaging_.MarkRead(a, id, 2));
  EXPECT_EQ(messaging_.Unread(a)->messages, 0);

  // Opening again finds the same conversation.
  auto again = messaging_.OpenDirect(b, a, std::nullopt);
  ASSERT_TRUE(again);
  EXPECT_FALSE(again->created);
  EXPECT_EQ(again->view.conversation.id, id);
}

TEST_F(MessagingServiceTest, MessageAlertsStopAtTheDailyBudget) {
  MemberId a = NewMember(), b = NewMember();
  Connect(a, b);
  notifications::Settings settings;
  settings.quiet_hours.reset();
  settings.categories[static_cast<size_t>(notifications::Category::kMessages)].daily_budget = 2;
  ASSERT_TRUE(notifications_.UpdateSettings(b, settings, false));
  ConversationId id = Open(a, b, "1");
  Send(a, id, "2");
  Send(a, id, "3");
  clock_.Advance(days(1));  // A new day, a new budget.
  Send(a, id, "4");

  std::vector<bool> alerts;
  for (const StreamEvent& event : Events(b)) {
    if (event.kind == EventKind::kMessage) alerts.push_back(event.alert);
  }
  EXPECT_EQ(alerts, (std::vector<bool>{true, true, false, true}))
      << "past the budget, messages arrive quietly, unread as ever";
}

TEST_F(MessagingServiceTest, AStrangerMaySendOneMessageUntilTheRecipientReplies) {
  MemberId a = NewMember(), b = NewMember();
  OpenToMessagesFromAnyone(b);
  EXPECT_EQ(messaging_.OpenDirect(a, b, std::nullopt).error().field, "text")
      << "a first message to someone new needs its text";

  ConversationId id = Open(a, b, "突然のご連絡失礼します");
  auto theirs = messaging_.View(b, id);
  ASSERT_TRUE(theirs);
  EXPECT_EQ(theirs->self.folder, Folder::kRequests);
  EXPECT_EQ(messaging_.Unread(b)->requests, 1);
  auto notified = notifications_.List(b, std::nullopt);
  ASSERT_TRUE(notified);
  ASSERT_EQ(notified->size(), 1u);
  EXPECT_EQ(notified->front().kind, notifications::NotificationKind::kMessageRequest);
  EXPECT_EQ(notified->front().actor, a);

  auto mine = messaging_.View(a, id);
  ASSERT_TRUE(mine);
  EXPECT_FALSE(mine->can_write);
  EXPECT_EQ(messaging_.Send(a, id, Text("もう一度")).error().code, ErrorCode::kFailedPrecondition);

  Send(b, id, "ご連絡ありがとうございます");
  EXPECT_EQ(messaging_.View(b, id)->self.folder, Folder::kInbox);
  EXPECT_TRUE(messaging_.View(a, id)->can_write);
  EXPECT_EQ(StageOf(a, b), privacy::Stage::kConversing) << "replying makes the two conversing";
  Send(a, id, "では来週に");
  EXPECT_EQ(Texts(b, id).size(), 3u);
}

// Twin worlds: a message request that the recipient's policy files away and one it lets
// through look exactly the same to their sender.
TEST_F(MessagingServiceTest, AFilteredMessageRequestLooksTheSameToItsSender) {
  MemberId sender = NewMember(), open = NewMember(), guarded = NewMember();
  OpenToMessagesFromAnyone(open);  // `guarded` keeps the default: second degree only.
  ConversationId to_open = Open(sender, open);
  ConversationId to_guarded = Open(sender, guarded);

  auto seen_open = messaging_.View(sender, to_open);
  auto seen_guarded = messaging_.View(sender, to_guarded);
  ASSERT_TRUE(seen_open && seen_guarded);
  EXPECT_EQ(seen_open->can_write, seen_guarded->can_write);
  EXPECT_EQ(seen_open->business_asks, seen_guarded->business_asks);
  EXPECT_EQ(seen_open->read_by, seen_guarded->read_by);
  EXPECT_EQ(seen_open->self.folder, seen_guarded->self.folder);
  EXPECT_EQ(seen_open->conversation.awaiting_reply, seen_guarded->conversation.awaiting_reply);
  EXPECT_EQ(messaging_.Send(sender, to_open, Text("x")).error(),
            messaging_.Send(sender, to_guarded, Text("x")).error());

  // The guarded recipient finds it only in Filtered, without a notification or an event.
  EXPECT_EQ(messaging_.View(guarded, to_guarded)->self.folder, Folder::kFiltered);
  EXPECT_TRUE(notifications_.List(guarded, std::nullopt)->empty());
  EXPECT_TRUE(Events(guarded).empty());
  EXPECT_EQ(messaging_.Unread(guarded)->requests, 0);
}

TEST_F(MessagingServiceTest, BlockedMembersAreNotFoundAndTheirMessagesNeverArrive) {
  MemberId a = NewMember(), b = NewMember(), host = NewMember();
  Connect(a, b);
  Connect(host, a);
  Connect(host, b);
  ConversationId direct = Open(a, b);
  auto group = messaging_.CreateGroup(host, std::vector<MemberId>{a, b}, "勉強会");
  ASSERT_TRUE(group) << group.error().message;
  ConversationId group_id = group->conversation.id;

  ASSERT_TRUE(service_.BlockMember(b, a));
  Error not_found = messaging_.View(a, ConversationId(12345)).error();
  EXPECT_EQ(messaging_.View(a, direct).error(), not_found);
  EXPECT_EQ(messaging_.Send(a, direct, Text("hello")).error(), not_found);
  EXPECT_EQ(messaging_.OpenDirect(a, b, Text("hello")).error().code, ErrorCode::kNotFound);

  size_t before = Delivered(b).size();
  Message from_a = Send(a, group_id, "皆さんこんにちは");
  EXPECT_EQ(Delivered(b).size(), before) << "a blocked member's message reaches nobody who blocked";
  std::vector<MessageId> host_got = Delivered(host);
  EXPECT_EQ(std::count(host_got.begin(), host_got.end(), from_a.id), 1);
  std::vector<std::string> b_sees = Texts(b, group_id);
  EXPECT_EQ(std::find(b_sees.begin(), b_sees.end(), "皆さんこんにちは"), b_sees.end());
  EXPECT_EQ(messaging_.MessageFor(b, from_a.id).value(), std::nullopt);
  auto b_view = messaging_.View(b, group_id);
  ASSERT_TRUE(b_view);
  EXPECT_EQ(b_view->others, std::vector<MemberId>{host});
}

TEST_F(MessagingServiceTest, LeavingAGroupStopsDeliveryAtOnce) {
  MemberId host = NewMember(), a = NewMember(), b = NewMember();
  Connect(host, a);
  Connect(host, b);
  auto group = messaging_.CreateGroup(host, std::vector<MemberId>{a, b}, "");
  ASSERT_TRUE(group);
  ConversationId id = group->conversation.id;
  Message before = Send(host, id, "最初");
  ASSERT_TRUE(messaging_.Leave(b, id));
  Message after = Send(host, id, "その後");
  std::vector<MessageId> reached = Delivered(b);
  EXPECT_NE(std::find(reached.begin(), reached.end(), before.id), reached.end());
  EXPECT_EQ(std::find(reached.begin(), reached.end(), after.id), reached.end());
  EXPECT_EQ(messaging_.MessageFor(b, after.id).value(), std::nullopt);
  EXPECT_EQ(messaging_.Send(b, id, Text("まだ？")).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(messaging_.Leave(b, id).error().code, ErrorCode::kNotFound);
}

// A page of conversations costs the same reads whether it holds one or many, and what blocks
// hide stays hidden: the direct conversation, and a group's latest message from a blocked
// member.
TEST_F(MessagingServiceTest, AListPageReadsTheStoreAFixedNumberOfTimes) {
  MemberId ana = NewMember();
  auto list = [&](int64_t& reads) {
    const int64_t before = store_operations_.load();
    auto listed = messaging_.List(ana, ConversationPage{});
    reads = store_operations_.load() - before;
    EXPECT_TRUE(listed) << listed.error().message;
    return listed ? std::move(*listed) : ConversationList{};
  };
  MemberId first = NewMember();
  Connect(ana, first);
  Open(ana, first);
  int64_t reads_for_one = 0;
  EXPECT_EQ(list(reads_for_one).entries.size(), 1u);

  std::vector<MemberId> others;
  for (int i = 0; i < 6; ++i) {
    others.push_back(NewMember());
    Connect(ana, others.back());
    Open(others.back(), ana);
  }
  auto group = messaging_.CreateGroup(ana, std::vector<MemberId>{first, others[0]}, "勉強会");
  ASSERT_TRUE(group) << group.error().message;
  Send(others[0], group->conversation.id, "資料を共有します");
  int64_t reads_for_eight = 0;
  ConversationList eight = list(reads_for_eight);
  EXPECT_EQ(eight.entries.size(), 8u);
  EXPECT_EQ(reads_for_eight, reads_for_one);

  ASSERT_TRUE(service_.BlockMember(others[0], ana));
  int64_t reads = 0;
  ConversationList after = list(reads);
  ASSERT_EQ(after.entries.size(), 7u) << "the direct conversation with the blocker is gone";
  auto in_group = std::find_if(after.entries.begin(), after.entries.end(), [&](const auto& entry) {
    return entry.summary.conversation.id == group->conversation.id;
  });
  ASSERT_NE(in_group, after.entries.end());
  EXPECT_EQ(in_group->others, std::vector<MemberId>{first});
  EXPECT_FALSE(in_group->summary.last_message.has_value());
  EXPECT_EQ(reads, reads_for_one);
}

TEST_F(MessagingServiceTest, AGroupHoldsOnlyPeopleTheCreatorKnows) {
  MemberId host = NewMember(), a = NewMember(), stranger = NewMember();
  Connect(host, a);
  EXPECT_EQ(messaging_.CreateGroup(host, std::vector<MemberId>{a, stranger}, "").error().field,
            "members");
  EXPECT_EQ(messaging_.CreateGroup(host, std::vector<MemberId>{a}, "").error().field, "members")
      << "a group has at least two others";
  MemberId b = NewMember();
  Connect(host, b);
  EXPECT_EQ(messaging_.CreateGroup(host, std::vector<MemberId>{a, b}, std::string(101, 'x'))
                .error()
                .field,
            "title");
  auto group = messaging_.CreateGroup(host, std::vector<MemberId>{a, b}, "");
  ASSERT_TRUE(group);
  MemberId late = NewMember();
  Connect(host, late);
  Message early = Send(host, group->conversation.id, "参加前");
  auto added = messaging_.AddMembers(host, group->conversation.id, std::vector<MemberId>{late});
  ASSERT_TRUE(added) << added.error().message;
  EXPECT_TRUE(Texts(late, group->conversation.id).empty())
      << "a member who joins sees only what comes after";
  EXPECT_EQ(messaging_.MessageFor(late, early.id).value(), std::nullopt);
}

TEST_F(MessagingServiceTest, BusinessAsksGoOnlyWhereTheRecipientWelcomesThem) {
  MemberId a = NewMember(), b = NewMember();
  Connect(a, b);
  ConversationId id = Open(a, b);
  Draft meeting;
  meeting.kind = MessageKind::kMeetingRequest;
  meeting.text = "お茶でもいかがですか";
  meeting.proposed_times = {clock_.Now() + days(3), clock_.Now() + days(4)};

  EXPECT_FALSE(messaging_.View(a, id)->business_asks) << "trusted connections only, by default";
  EXPECT_EQ(messaging_.Send(a, id, meeting).error().field, "kind");

  ASSERT_TRUE(service_.UpdateTie(b, a, std::nullopt, "", /*trusted=*/true));
  EXPECT_TRUE(messaging_.View(a, id)->business_asks);
  auto sent = messaging_.Send(a, id, meeting);
  ASSERT_TRUE(sent) << sent.error().message;
  EXPECT_EQ(sent->proposed_times.size(), 2u);

  Draft past = meeting;
  past.proposed_times = {clock_.Now() - hours(1)};
  EXPECT_EQ(messaging_.Send(a, id, past).error().field, "proposed_times");
  Draft proposal;
  proposal.kind = MessageKind::kProposal;
  proposal.text = "共同研究のご提案";
  EXPECT_EQ(messaging_.Send(a, id, proposal).error().field, "subject");
  proposal.subject = "AI 翻訳";
  EXPECT_TRUE(messaging_.Send(a, id, proposal));
}

TEST_F(MessagingServiceTest, OwnMessagesMayBeChangedForADay) {
  MemberId a = NewMember(), b = NewMember();
  Connect(a, b);
  ConversationId id = Open(a, b, "誤字あり");
  Message mine = Send(a, id, "明日１０時で");
  Message theirs = Send(b, id, "了解です");

  auto edited = messaging_.Edit(a, id, mine.id, "明日11時で", "");
  ASSERT_TRUE(edited) << edited.error().message;
  EXPECT_TRUE(edited->edited_at);
  EXPECT_EQ(messaging_.Edit(a, id, theirs.id, "改竄", "").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(messaging_.Delete(a, id, theirs.id, true).error().code, ErrorCode::kNotFound);

  ASSERT_TRUE(messaging_.Delete(a, id, mine.id, /*for_everyone=*/true));
  auto gone = messaging_.MessageFor(b, mine.id);
  ASSERT_TRUE(gone && *gone);
  EXPECT_TRUE((*gone)->deleted_at);
  std::vector<StreamEvent> b_events = Events(b);
  EXPECT_TRUE(std::any_of(b_events.begin(), b_events.end(), [&](const StreamEvent& event) {
    return event.kind == EventKind::kMessageChanged && event.message == mine.id;
  }));

  clock_.Advance(hours(25));
  Message first = messaging_.Read(a, id, 2, 1)->messages.front();
  EXPECT_EQ(messaging_.Edit(a, id, first.id, "遅すぎ", "").error().code,
            ErrorCode::kFailedPrecondition);
  EXPECT_EQ(messaging_.Delete(a, id, first.id, true).error().code, ErrorCode::kFailedPrecondition);
  // Anyone may hide any message from their own history, at any time.
  ASSERT_TRUE(messaging_.Delete(b, id, first.id, /*for_everyone=*/false));
  std::vector<std::string> b_sees = Texts(b, id);
  EXPECT_EQ(std::find(b_sees.begin(), b_sees.end(), "誤字あり"), b_sees.end());
  std::vector<std::string> a_sees = Texts(a, id);
  EXPECT_NE(std::find(a_sees.begin(), a_sees.end(), "誤字あり"), a_sees.end());
}

TEST_F(MessagingServiceTest, ReadReceiptsAndTypingShowOnlyBetweenMembersWhoBothChoseThem) {
  MemberId a = NewMember(), b = NewMember();
  Connect(a, b);
  ConversationId id = Open(a, b);
  ASSERT_TRUE(messaging_.MarkRead(b, id, 1));
  EXPECT_TRUE(messaging_.View(a, id)->read_by.empty()) << "off by default";
  EXPECT_FALSE(*messaging_.MayShowRead(a, b, id));
  EXPECT_TRUE(messaging_.TypingAudience(b, id)->empty());

  Preferences on{true, true};
  ASSERT_TRUE(messaging_.UpdatePreferences(b, on));
  EXPECT_TRUE(messaging_.View(a, id)->read_by.empty()) << "a, with receipts off, sees none";
  EXPECT_FALSE(*messaging_.MayShowRead(a, b, id));
  EXPECT_TRUE(messaging_.TypingAudience(b, id)->empty());

  ASSERT_TRUE(messaging_.UpdatePreferences(a, on));
  auto view = messaging_.View(a, id);
  ASSERT_EQ(view->read_by.size(), 1u);
  EXPECT_EQ(view->read_by.front(), std::make_pair(b, int64_t{1}));
  EXPECT_TRUE(*messaging_.MayShowRead(a, b, id));
  EXPECT_EQ(*messaging_.TypingAudience(b, id), std::vector<MemberId>{a});
}

TEST_F(MessagingServiceTest, TextIsCheckedAndNothingIsWrittenOnError) {
  MemberId a = NewMember(), b = NewMember();
  Connect(a, b);
  ConversationId id = Open(a, b);
  size_t events = Events(b).size();
  EXPECT_EQ(messaging_.Send(a, id, Text("")).error().field, "text");
  EXPECT_EQ(messaging_.Send(a, id, Text(" \u3000 ")).error().field, "text");
  EXPECT_EQ(messaging_.Send(a, id, Text(std::string(4001, 'x'))).error().field, "text");
  EXPECT_EQ(messaging_.Send(a, id, Text("bad\x01")).error().field, "text");
  EXPECT_EQ(messaging_.Send(a, id, Text("\xff\xfe")).error().field, "text");
  EXPECT_TRUE(messaging_.Send(a, id, Text(std::string(4000, 'x'))));
  EXPECT_TRUE(messaging_.Send(a, id, Text("二行\n目")));
  EXPECT_EQ(Events(b).size(), events + 2);
  EXPECT_EQ(messaging_.MarkRead(a, id, 0).error().field, "up_to");
}

TEST_F(MessagingServiceTest, EachMembersStreamIsNumberedWithoutGaps) {
  MemberId a = NewMember(), b = NewMember(), c = NewMember();
  Connect(a, b);
  Connect(a, c);
  ConversationId ab = Open(a, b);
  ConversationId ac = Open(a, c);
  for (int i = 0; i < 5; ++i) {
    Send(b, ab, "b" + std::to_string(i));
    Send(c, ac, "c" + std::to_string(i));
  }
  std::vector<StreamEvent> events = Events(a);
  ASSERT_EQ(events.size(), 12u);
  for (size_t i = 0; i < events.size(); ++i) EXPECT_EQ(events[i].seq, int64_t(i + 1));
}

}  // namespace
}  // namespace enishi::messaging
