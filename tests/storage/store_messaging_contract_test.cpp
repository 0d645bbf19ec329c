// The storage contract of messaging, members' streams and notifications: conversations and
// their participants, messages, preferences, the events every write appends, and the
// notification centre with its settings. The same typed suite as store_contract_test.cpp, on
// every backend, each test from an empty, migrated database.

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <initializer_list>
#include <map>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "domain/messaging/messaging_repository.hpp"
#include "domain/notifications/notification_repository.hpp"
#include "domain/stream/stream_notice.hpp"
#include "domain/stream/stream_repository.hpp"
#include "storage/store_contract_fixture.hpp"

namespace enishi::storage {
// Named, so that the unity build never mixes these helpers with other suites' own.
namespace messaging_contract {
namespace {

using namespace contract;  // NOLINT: the suite's vocabulary.
using messaging::Conversation;
using messaging::ConversationKind;
using messaging::ConversationPage;
using messaging::ConversationSummary;
using messaging::Folder;
using messaging::Message;
using messaging::MessageKind;
using messaging::MessagingRepository;
using messaging::Participant;
using messaging::Preferences;
using notifications::Category;
using notifications::DeliveryMode;
using notifications::Notification;
using notifications::NotificationKind;
using notifications::QuietHours;
using notifications::Settings;
using std::chrono::hours;
using std::chrono::microseconds;
using stream::Delivery;
using stream::EventKind;
using stream::StreamEvent;
using UnreadCounts = MessagingRepository::UnreadCounts;

constexpr int64_t kNoUpperBound = INT64_MAX;
const Timestamp kT1 = kT0 + minutes(1);
const Timestamp kT2 = kT0 + minutes(2);
const Timestamp kT3 = kT0 + minutes(3);
const Timestamp kT4 = kT0 + minutes(4);
const MemberId kNobody(4242);  // No account.

Conversation MakeConversation(uint64_t id, ConversationKind kind, MemberId creator,
                              Timestamp at = kT0) {
  Conversation c;
  c.id = ConversationId(id);
  c.kind = kind;
  c.created_by = creator;
  c.created_at = at;
  c.last_activity_at = at;
  return c;
}

Participant Joined(ConversationId conversation, MemberId member, Folder folder = Folder::kInbox,
                   Timestamp at = kT0) {
  return {conversation, member, folder, 0, std::nullopt, 0, at};
}

Message MakeMessage(uint64_t id, ConversationId conversation, MemberId sender, Timestamp at,
                    std::string text = "よろしくお願いします") {
  Message m;
  m.id = MessageId(id);
  m.conversation = conversation;
  m.sender = sender;
  m.text = std::move(text);
  m.created_at = at;
  return m;
}

std::vector<Delivery> To(std::initializer_list<MemberId> members, bool alert = false) {
  std::vector<Delivery> deliveries;
  for (MemberId member : members) deliveries.push_back({member, alert});
  return deliveries;
}

StreamEvent MessageEvent(MemberId member, int64_t seq, EventKind kind, ConversationId conversation,
                         MessageId message, bool alert, Timestamp at) {
  StreamEvent e;
  e.member = member;
  e.seq = seq;
  e.kind = kind;
  e.conversation = conversation;
  e.message = message;
  e.alert = alert;
  e.created_at = at;
  return e;
}

StreamEvent ConversationEvent(MemberId member, int64_t seq, ConversationId conversation,
                              MemberId actor, Timestamp at) {
  StreamEvent e;
  e.member = member;
  e.seq = seq;
  e.kind = EventKind::kConversation;
  e.conversation = conversation;
  e.actor = actor;
  e.created_at = at;
  return e;
}

std::vector<int64_t> SeqsOf(const std::vector<StreamEvent>& events) {
  std::vector<int64_t> seqs;
  for (const StreamEvent& event : events) seqs.push_back(event.seq);
  return seqs;
}

std::vector<int64_t> SeqsOf(const std::vector<Message>& messages) {
  std::vector<int64_t> seqs;
  for (const Message& message : messages) seqs.push_back(message.seq);
  return seqs;
}

std::vector<int64_t> OneTo(int64_t n) {
  std::vector<int64_t> seqs;
  for (int64_t i = 1; i <= n; ++i) seqs.push_back(i);
  return seqs;
}

std::vector<ConversationId> IdsOf(const std::vector<ConversationSummary>& summaries) {
  std::vector<ConversationId> ids;
  for (const ConversationSummary& summary : summaries) ids.push_back(summary.conversation.id);
  return ids;
}

std::vector<MemberId> MembersOf(const std::vector<Participant>& participants) {
  std::vector<MemberId> members;
  for (const Participant& participant : participants) members.push_back(participant.member);
  return members;
}

ConversationPage Page(Folder folder, int limit = 50,
                      std::optional<std::pair<Timestamp, ConversationId>> before = std::nullopt) {
  ConversationPage page;
  page.folder = folder;
  page.before = before;
  page.limit = limit;
  return page;
}

Notification MakeNotification(uint64_t id, MemberId member, MemberId actor, Category category,
                              DeliveryMode delivered_as, Timestamp at) {
  Notification n;
  n.id = NotificationId(id);
  n.member = member;
  n.category = category;
  n.kind = category == Category::kGreetings ? NotificationKind::kGreetingReceived
                                            : NotificationKind::kConnectionRequested;
  n.actor = actor;
  n.subject = RequestId(id + 500).ToString();
  n.delivered_as = delivered_as;
  n.created_at = at;
  return n;
}

std::vector<NotificationId> IdsOf(const std::vector<Notification>& notifications) {
  std::vector<NotificationId> ids;
  for (const Notification& n : notifications) ids.push_back(n.id);
  return ids;
}

// An id no other test uses, for what crosses tests: PostgreSQL channels are server-wide.
uint64_t UniqueId() {
  std::random_device device;
  std::uniform_int_distribution<uint64_t> ids(uint64_t{1} << 40, uint64_t{1} << 61);
  return ids(device) & ~uint64_t{1};  // Even: SignUp gives the session id + 1.
}

// What a listener heard, for a test to wait on.
class Heard {
 public:
  cluster::ChangeListener::Handlers Handlers() {
    return {.on_message =
                [this](std::string_view message) {
                  std::lock_guard lock(mutex_);
                  for (MemberId member : stream::DecodeStreamNotice(message)) {
                    named_.push_back(member);
                  }
                  changed_.notify_all();
                },
            .on_gap = [] {}};
  }
  // Whether a notice named `member` within 5 s.
  bool WaitFor(MemberId member) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, std::chrono::seconds(5), [&] { return Named(member); });
  }
  bool HeardOf(MemberId member) {
    std::lock_guard lock(mutex_);
    return Named(member);
  }

 private:
  bool Named(MemberId member) const {
    return std::find(named_.begin(), named_.end(), member) != named_.end();
  }

  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<MemberId> named_;  // GUARDED_BY(mutex_)
};

template <class Backend>
class MessagingStoreContract : public StoreContract<Backend> {
 protected:
  MemberId Member(uint64_t id) {
    return this->SignUp(id, "m" + std::to_string(id) + "@example.com").id;
  }

  messaging::MessagingRepository& messaging() { return this->store_->messaging(); }
  stream::StreamRepository& streams() { return this->store_->streams(); }
  notifications::NotificationRepository& notifications() { return this->store_->notifications(); }

  std::vector<StreamEvent> Events(MemberId member) {
    return Value(streams().ListEvents(member, 0, 1000));
  }
  int64_t LastSeq(MemberId member) { return Value(streams().LastSeq(member)); }

  // A direct conversation of two members, both in the inbox, with no message and no events.
  ConversationId Direct(uint64_t id, MemberId a, MemberId b, Timestamp at = kT0) {
    Conversation c = MakeConversation(id, ConversationKind::kDirect, a, at);
    std::vector<Participant> participants = {Joined(c.id, a, Folder::kInbox, at),
                                             Joined(c.id, b, Folder::kInbox, at)};
    EXPECT_OK(messaging().CreateConversation(c, participants, std::nullopt, {}));
    return c.id;
  }

  // A group of `creator` and `others`, in that order, with no message and no events.
  ConversationId Group(uint64_t id, MemberId creator, std::initializer_list<MemberId> others,
                       Timestamp at = kT0) {
    Conversation c = MakeConversation(id, ConversationKind::kGroup, creator, at);
    std::vector<Participant> participants = {Joined(c.id, creator, Folder::kInbox, at)};
    for (MemberId other : others) participants.push_back(Joined(c.id, other, Folder::kInbox, at));
    EXPECT_OK(messaging().CreateConversation(c, participants, std::nullopt, {}));
    return c.id;
  }

  int64_t Send(const Message& message, std::vector<Delivery> deliveries = {}) {
    return Value(messaging().AppendMessage(message, false, deliveries));
  }

  Participant ParticipantOf(ConversationId id, MemberId member) {
    auto participant = Value(messaging().FindParticipant(id, member));
    EXPECT_TRUE(participant.has_value());
    return participant.value_or(Participant{});
  }
};

TYPED_TEST_SUITE(MessagingStoreContract, Backends, BackendNames);

// --- Conversations.

TYPED_TEST(MessagingStoreContract, ConversationsRoundTripWithParticipantsAndTheFirstMessage) {
  MemberId a = this->Member(1001);
  MemberId b = this->Member(1003);
  MemberId c = this->Member(1005);
  Conversation direct = MakeConversation(1, ConversationKind::kDirect, a);
  direct.awaiting_reply = true;
  direct.introduced_by = c;
  Message first = MakeMessage(10, direct.id, a, kT1, "はじめまして");
  first.kind = MessageKind::kMeetingRequest;
  first.subject = "珈琲でも";
  first.proposed_times = {kT3, kT2 + microseconds(7)};
  std::vector<Participant> participants = {Joined(direct.id, a),
                                           Joined(direct.id, b, Folder::kRequests)};
  EXPECT_OK(this->messaging().CreateConversation(direct, participants, first, To({b}, true)));

  // The store numbers the first message 1 and marks it read by its sender.
  Conversation stored = direct;
  stored.last_seq = 1;
  stored.last_activity_at = kT1;
  EXPECT_EQ(Value(this->messaging().FindConversation(direct.id)), stored);
  Message stored_first = first;
  stored_first.seq = 1;
  EXPECT_EQ(Value(this->messaging().FindMessage(first.id)), stored_first);
  std::vector<Participant> expected = participants;
  expected[0].read_seq = 1;
  EXPECT_EQ(Value(this->messaging().ListParticipants(direct.id)), expected);
  EXPECT_EQ(Value(this->messaging().FindParticipant(direct.id, b)), expected[1]);
  EXPECT_EQ(Value(this->messaging().FindParticipant(direct.id, c)), std::nullopt);
  EXPECT_EQ(this->Events(b), (std::vector<StreamEvent>{MessageEvent(
                                 b, 1, EventKind::kMessage, direct.id, first.id, true, kT1)}));
  EXPECT_TRUE(this->Events(a).empty());

  // Without a message, the deliveries hear of the conversation, from its creator.
  Conversation group = MakeConversation(2, ConversationKind::kGroup, a, kT2);
  group.title = "勉強会";
  std::vector<Participant> members = {Joined(group.id, a, Folder::kInbox, kT2),
                                      Joined(group.id, c, Folder::kInbox, kT2),
                                      Joined(group.id, b, Folder::kInbox, kT2)};
  EXPECT_OK(this->messaging().CreateConversation(group, members, std::nullopt, To({b, c})));
  EXPECT_EQ(Value(this->messaging().FindConversation(group.id)), group);
  EXPECT_EQ(Value(this->messaging().ListParticipants(group.id)), members);
  EXPECT_EQ(this->Events(c), (std::vector<StreamEvent>{ConversationEvent(c, 1, group.id, a, kT2)}));
  EXPECT_EQ(this->Events(b).back(), ConversationEvent(b, 2, group.id, a, kT2));

  EXPECT_EQ(Value(this->messaging().FindConversation(ConversationId(99))), std::nullopt);
  EXPECT_EQ(Value(this->messaging().FindMessage(MessageId(99))), std::nullopt);
  EXPECT_TRUE(Value(this->messaging().ListParticipants(ConversationId(99))).empty());
  EXPECT_ERROR(this->messaging().CreateConversation(group, members, std::nullopt, {}),
               ErrorCode::kAlreadyExists);
}

TYPED_TEST(MessagingStoreContract, FindDirectFindsThePairEitherWayAndThereIsOnlyOne) {
  MemberId a = this->Member(1001);
  MemberId b = this->Member(1003);
  MemberId c = this->Member(1005);
  MemberId d = this->Member(1007);
  ConversationId direct = this->Direct(1, b, a);
  this->Group(2, a, {b});  // The same two in a group: no direct conversation.

  auto found = [&](MemberId x, MemberId y) -> std::optional<ConversationId> {
    auto conversation = Value(this->messaging().FindDirect(x, y));
    if (!conversation) return std::nullopt;
    return conversation->id;
  };
  EXPECT_EQ(found(a, b), direct);
  EXPECT_EQ(found(b, a), direct);
  EXPECT_EQ(found(a, c), std::nullopt);
  EXPECT_EQ(found(a, a), std::nullopt);

  Conversation second = MakeConversation(3, ConversationKind::kDirect, a);
  std::vector<Participant> pair = {Joined(second.id, a), Joined(second.id, b)};
  EXPECT_ERROR(this->messaging().CreateConversation(second, pair, std::nullopt, To({b})),
               ErrorCode::kAlreadyExists);
  EXPECT_EQ(Value(this->messaging().FindConversation(second.id)), std::nullopt);
  EXPECT_EQ(this->LastSeq(b), 0);
  // A direct conversation has exactly two different participants.
  std::vector<Participant> alone = {Joined(second.id, c), Joined(second.id, c)};
  EXPECT_ERROR(this->messaging().CreateConversation(second, alone, std::nullopt, {}),
               ErrorCode::kInvalidArgument);
  std::vector<Participant> three = {Joined(second.id, a), Joined(second.id, c),
                                    Joined(second.id, d)};
  EXPECT_ERROR(this->messaging().CreateConversation(second, three, std::nullopt, {}),
               ErrorCode::kInvalidArgument);

  // Both sides opening at once: one conversation, and the others are told it exists.
  constexpr int kThreads = 4;
  std::vector<std::optional<ErrorCode>> outcomes(kThreads);
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      MemberId opener = i % 2 == 0 ? c : d;
      Conversation attempt = MakeConversation(10 + i, ConversationKind::kDirect, opener);
      std::vector<Participant> members = {Joined(attempt.id, opener),
                                          Joined(attempt.id, opener == c ? d : c)};
      auto created = this->messaging().CreateConversation(attempt, members, std::nullopt, {});
      if (!created) outcomes[i] = created.error().code;
    });
  }
  for (std::thread& thread : threads) thread.join();
  int created = 0;
  for (int i = 0; i < kThreads; ++i) {
    if (!outcomes[i]) {
      ++created;
      EXPECT_EQ(found(d, c), ConversationId(10 + i));
    } else {
      EXPECT_EQ(*outcomes[i], ErrorCode::kAlreadyExists);
    }
  }
  EXPECT_EQ(created, 1);
}

TYPED_TEST(MessagingStoreContract, AMissingAccountIsAFailedPreconditionAndWritesNothing) {
  MemberId a = this->Member(1001);
  MemberId b = this->Member(1003);
  Conversation direct = MakeConversation(1, ConversationKind::kDirect, a);
  std::vector<Participant> with_nobody = {Joined(direct.id, a), Joined(direct.id, kNobody)};
  EXPECT_ERROR(this->messaging().CreateConversation(direct, with_nobody, std::nullopt, To({a})),
               ErrorCode::kFailedPrecondition);
  Conversation group = MakeConversation(2, ConversationKind::kGroup, kNobody);
  std::vector<Participant> members = {Joined(group.id, a), Joined(group.id, b)};
  EXPECT_ERROR(this->messaging().CreateConversation(group, members, std::nullopt, To({a})),
               ErrorCode::kFailedPrecondition);
  group.created_by = a;
  group.introduced_by = kNobody;
  EXPECT_ERROR(this->messaging().CreateConversation(group, members, std::nullopt, To({a})),
               ErrorCode::kFailedPrecondition);
  // A delivery to a missing member fails the whole unit, whichever side of the others it sorts.
  group.introduced_by = std::nullopt;
  for (MemberId missing : {MemberId(7), kNobody}) {
    EXPECT_ERROR(
        this->messaging().CreateConversation(group, members, std::nullopt, To({a, missing, b})),
        ErrorCode::kFailedPrecondition);
  }
  EXPECT_EQ(Value(this->messaging().FindConversation(direct.id)), std::nullopt);
  EXPECT_EQ(Value(this->messaging().FindConversation(group.id)), std::nullopt);
  EXPECT_EQ(Value(this->messaging().FindDirect(a, kNobody)), std::nullopt);
  EXPECT_EQ(this->LastSeq(a), 0);
  EXPECT_EQ(this->LastSeq(b), 0);
  EXPECT_TRUE(this->Events(a).empty());

  EXPECT_OK(this->messaging().CreateConversation(group, members, std::nullopt, To({a, b})));
  EXPECT_EQ(this->LastSeq(a), 1);
}

// --- Messages.

TYPED_TEST(MessagingStoreContract, AppendMessageNumbersMessagesAndMarksThemReadByTheirSender) {
  MemberId a = this->Member(1001);
  MemberId b = this->Member(1003);
  ConversationId id = this->Direct(1, a, b);
  EXPECT_EQ(this->Send(MakeMessage(10, id, a, kT1), To({b}, true)), 1);
  EXPECT_EQ(this->Send(MakeMessage(11, id, b, kT2), To({a}, true)), 2);
  // Stamped earlier by a lagging clock: numbered next, and the activity stays put.
  EXPECT_EQ(this->Send(MakeMessage(12, id, a, kT2 - seconds(30)), To({b}, true)), 3);

  auto conversation = Value(this->messaging().FindConversation(id));
  ASSERT_TRUE(conversation.has_value());
  EXPECT_EQ(conversation->last_seq, 3);
  EXPECT_EQ(conversation->last_activity_at, kT2);
  EXPECT_EQ(this->ParticipantOf(id, a).read_seq, 3);
  EXPECT_EQ(this->ParticipantOf(id, b).read_seq, 2);
  EXPECT_EQ(Value(this->messaging().FindMessage(MessageId(12)))->seq, 3);
  EXPECT_EQ(SeqsOf(this->Events(b)), (std::vector<int64_t>{1, 2}));
  EXPECT_EQ(this->Events(b)[1],
            MessageEvent(b, 2, EventKind::kMessage, id, MessageId(12), true, kT2 - seconds(30)));

  // Failures leave the conversation as it was and append nothing.
  EXPECT_ERROR(
      this->messaging().AppendMessage(MakeMessage(13, ConversationId(99), a, kT3), false, To({b})),
      ErrorCode::kNotFound);
  EXPECT_ERROR(this->messaging().AppendMessage(MakeMessage(10, id, a, kT3), false, To({b})),
               ErrorCode::kAlreadyExists);
  EXPECT_ERROR(this->messaging().AppendMessage(MakeMessage(14, id, kNobody, kT3), false, To({b})),
               ErrorCode::kFailedPrecondition);
  EXPECT_ERROR(
      this->messaging().AppendMessage(MakeMessage(15, id, a, kT3), false, To({b, kNobody})),
      ErrorCode::kFailedPrecondition);
  EXPECT_EQ(Value(this->messaging().FindConversation(id)), conversation);
  EXPECT_EQ(Value(this->messaging().FindMessage(MessageId(15))), std::nullopt);
  EXPECT_EQ(this->ParticipantOf(id, a).read_seq, 3);
  EXPECT_EQ(this->LastSeq(b), 2);
}

TYPED_TEST(MessagingStoreContract, ConcurrentAppendsNumberMessagesAndEventsWithoutGaps) {
  MemberId a = this->Member(1001);
  MemberId b = this->Member(1003);
  ConversationId id = this->Direct(1, a, b);
  constexpr int kThreads = 4;
  constexpr int kPerThread = 25;
  constexpr int kTotal = kThreads * kPerThread;
  std::vector<int64_t> seqs(kTotal, 0);
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      MemberId sender = t % 2 == 0 ? a : b;
      for (int i = 0; i < kPerThread; ++i) {
        int n = t * kPerThread + i;
        std::vector<Delivery> deliveries = {{a, sender != a}, {b, sender != b}};
        auto seq = this->messaging().AppendMessage(
            MakeMessage(1000 + n, id, sender, kT0 + microseconds(n)), false, deliveries);
        if (seq) {
          seqs[n] = *seq;
        } else {
          ++failures;
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  ASSERT_EQ(failures.load(), 0);
  std::vector<int64_t> sorted = seqs;
  std::sort(sorted.begin(), sorted.end());
  EXPECT_EQ(sorted, OneTo(kTotal));
  EXPECT_EQ(Value(this->messaging().FindConversation(id))->last_seq, kTotal);

  // Each member's events are numbered 1..n in the order of the messages they announce.
  std::map<MessageId, int64_t> seq_of;
  for (int n = 0; n < kTotal; ++n) seq_of[MessageId(1000 + n)] = seqs[n];
  for (MemberId member : {a, b}) {
    std::vector<StreamEvent> events = this->Events(member);
    EXPECT_EQ(SeqsOf(events), OneTo(kTotal));
    EXPECT_EQ(this->LastSeq(member), kTotal);
    for (const StreamEvent& event : events) {
      EXPECT_EQ(event.kind, EventKind::kMessage);
      EXPECT_EQ(seq_of[event.message], event.seq);
      EXPECT_EQ(event.alert, Value(this->messaging().FindMessage(event.message))->sender != member);
    }
  }
}

TYPED_TEST(MessagingStoreContract, EventsGoExactlyToTheDeliveriesAndPageByNumber) {
  MemberId a = this->Member(1001);
  MemberId b = this->Member(1003);
  MemberId c = this->Member(1005);
  ConversationId id = this->Group(1, a, {b, c});
  // b named twice: one event, alerting since one delivery does.
  std::vector<Delivery> deliveries = {{b, false}, {c, false}, {b, true}};
  this->Send(MakeMessage(10, id, a, kT1), deliveries);
  EXPECT_TRUE(this->Events(a).empty());
  EXPECT_EQ(this->Events(b), (std::vector<StreamEvent>{MessageEvent(b, 1, EventKind::kMessage, id,
                                                                    MessageId(10), true, kT1)}));
  EXPECT_EQ(this->Events(c), (std::vector<StreamEvent>{MessageEvent(c, 1, EventKind::kMessage, id,
                                                                    MessageId(10), false, kT1)}));
  this->Send(MakeMessage(11, id, a, kT2), {});  // Told to no one.
  EXPECT_EQ(this->LastSeq(b), 1);
  for (uint64_t m = 12; m <= 14; ++m) this->Send(MakeMessage(m, id, c, kT3), To({b}));

  using Seqs = std::vector<int64_t>;
  auto listed = [&](int64_t after, int limit) {
    return SeqsOf(Value(this->streams().ListEvents(b, after, limit)));
  };
  EXPECT_EQ(listed(0, 10), (Seqs{1, 2, 3, 4}));
  EXPECT_EQ(listed(1, 2), (Seqs{2, 3}));
  EXPECT_EQ(listed(3, 2), (Seqs{4}));
  EXPECT_EQ(listed(4, 10), Seqs{});
  EXPECT_EQ(Value(this->streams().ListEvents(b, 3, 1))[0].message, MessageId(14));
  EXPECT_EQ(this->LastSeq(b), 4);
  EXPECT_EQ(this->LastSeq(a), 0);
  EXPECT_EQ(this->LastSeq(kNobody), 0);
  EXPECT_TRUE(Value(this->streams().ListEvents(kNobody, 0, 10)).empty());
}

TYPED_TEST(MessagingStoreContract, OpeningARequestClearsAwaitingReplyAndFilesEveryoneInTheInbox) {
  MemberId a = this->Member(1001);
  MemberId b = this->Member(1003);
  MemberId c = this->Member(1005);
  Conversation request = MakeConversation(1, ConversationKind::kDirect, a);
  request.awaiting_reply = true;
  std::vector<Participant> participants = {Joined(request.id, a),
                                           Joined(request.id, b, Folder::kRequests)};
  EXPECT_OK(this->messaging().CreateConversation(request, participants,
                                                 MakeMessage(10, request.id, a, kT0), To({b})));
  // A filtered request is not counted among requests.
  Conversation filtered = MakeConversation(2, ConversationKind::kDirect, a);
  filtered.awaiting_reply = true;
  std::vector<Participant> filed = {Joined(filtered.id, a),
                                    Joined(filtered.id, c, Folder::kFiltered)};
  EXPECT_OK(this->messaging().CreateConversation(filtered, filed,
                                                 MakeMessage(20, filtered.id, a, kT0), {}));

  using Ids = std::vector<ConversationId>;
  auto listed = [&](MemberId member, Folder folder) {
    return IdsOf(Value(this->messaging().ListConversations(member, Page(folder))));
  };
  EXPECT_EQ(Value(this->messaging().CountUnread(b)), (UnreadCounts{0, 1}));
  EXPECT_EQ(Value(this->messaging().CountUnread(c)), (UnreadCounts{0, 0}));
  EXPECT_EQ(listed(b, Folder::kRequests), Ids{request.id});
  EXPECT_EQ(listed(b, Folder::kInbox), Ids{});
  EXPECT_EQ(listed(c, Folder::kFiltered), Ids{filtered.id});
  EXPECT_EQ(listed(a, Folder::kInbox), (Ids{filtered.id, request.id}));

  // More from the sender keeps it a request; a reply that opens it files it in the inbox.
  this->Send(MakeMessage(11, request.id, a, kT1));
  EXPECT_TRUE(Value(this->messaging().FindConversation(request.id))->awaiting_reply);
  EXPECT_EQ(this->ParticipantOf(request.id, b).folder, Folder::kRequests);
  EXPECT_EQ(Value(this->messaging().CountUnread(b)), (UnreadCounts{0, 1}));
  EXPECT_EQ(Value(this->messaging().AppendMessage(MakeMessage(12, request.id, b, kT2), true, {})),
            3);
  EXPECT_FALSE(Value(this->messaging().FindConversation(request.id))->awaiting_reply);
  EXPECT_EQ(this->ParticipantOf(request.id, b).folder, Folder::kInbox);
  EXPECT_EQ(this->ParticipantOf(request.id, a).folder, Folder::kInbox);
  EXPECT_EQ(listed(b, Folder::kRequests), Ids{});
  EXPECT_EQ(listed(b, Folder::kInbox), Ids{request.id});
  EXPECT_EQ(Value(this->messaging().CountUnread(b)), (UnreadCounts{0, 0}));
  EXPECT_EQ(Value(this->messaging().CountUnread(a)), (UnreadCounts{1, 0}));
}

TYPED_TEST(MessagingStoreContract, ListMessagesPagesNewestFirstAndLeavesOutHiddenOnes) {
  MemberId a = this->Member(1001);
  MemberId b = this->Member(1003);
  ConversationId id = this->Direct(1, a, b);
  for (uint64_t n = 1; n <= 10; ++n) {
    this->Send(MakeMessage(100 + n, id, n % 2 == 0 ? a : b, kT0 + seconds(n)));
  }
  using Seqs = std::vector<int64_t>;
  auto listed = [&](MemberId viewer, int64_t after, int64_t before, int limit) {
    return SeqsOf(Value(this->messaging().ListMessages(id, viewer, after, before, limit)));
  };
  EXPECT_EQ(listed(a, 0, kNoUpperBound, 4), (Seqs{10, 9, 8, 7}));
  EXPECT_EQ(listed(a, 0, 7, 4), (Seqs{6, 5, 4, 3}));
  EXPECT_EQ(listed(a, 0, 3, 4), (Seqs{2, 1}));
  EXPECT_EQ(listed(a, 5, 9, 10), (Seqs{8, 7, 6}));
  EXPECT_EQ(listed(a, 10, kNoUpperBound, 10), Seqs{});
  EXPECT_TRUE(
      Value(this->messaging().ListMessages(ConversationId(99), a, 0, kNoUpperBound, 10)).empty());
  Message tenth = MakeMessage(110, id, a, kT0 + seconds(10));
  tenth.seq = 10;
  EXPECT_EQ(Value(this->messaging().ListMessages(id, a, 9, kNoUpperBound, 10)),
            std::vector<Message>{tenth});

  // Hidden by b for b alone, however often.
  EXPECT_OK(this->messaging().HideMessage(b, MessageId(108)));
  EXPECT_OK(this->messaging().HideMessage(b, MessageId(108)));
  EXPECT_EQ(listed(b, 0, kNoUpperBound, 4), (Seqs{10, 9, 7, 6}));
  EXPECT_EQ(listed(a, 0, kNoUpperBound, 4), (Seqs{10, 9, 8, 7}));
  EXPECT_ERROR(this->messaging().HideMessage(b, MessageId(999)), ErrorCode::kFailedPrecondition);
  // The summary's last message is the latest one not hidden.
  EXPECT_OK(this->messaging().HideMessage(b, MessageId(110)));
  auto summaries = Value(this->messaging().ListConversations(b, Page(Folder::kInbox)));
  ASSERT_EQ(summaries.size(), 1u);
  ASSERT_TRUE(summaries[0].last_message.has_value());
  EXPECT_EQ(summaries[0].last_message->id, MessageId(109));
}

TYPED_TEST(MessagingStoreContract, EditAndDeleteChangeLiveMessagesOnlyAndTellTheDeliveries) {
  MemberId a = this->Member(1001);
  MemberId b = this->Member(1003);
  ConversationId id = this->Direct(1, a, b);
  Message ask = MakeMessage(10, id, a, kT0, "ご相談です");
  ask.kind = MessageKind::kProposal;
  ask.subject = "共同研究";
  ask.proposed_times = {kT4};
  ask.seq = this->Send(ask);

  EXPECT_TRUE(Value(this->messaging().EditMessage(ask.id, "改めてご相談です", "共同研究の件", kT1,
                                                  To({b}, true))));
  Message edited = ask;
  edited.text = "改めてご相談です";
  edited.subject = "共同研究の件";
  edited.edited_at = kT1;
  EXPECT_EQ(Value(this->messaging().FindMessage(ask.id)), edited);
  EXPECT_EQ(this->Events(b), (std::vector<StreamEvent>{MessageEvent(
                                 b, 1, EventKind::kMessageChanged, id, ask.id, true, kT1)}));

  EXPECT_TRUE(Value(this->messaging().DeleteMessage(ask.id, kT2, To({a, b}))));
  Message deleted = edited;
  deleted.text.clear();
  deleted.subject.clear();
  deleted.proposed_times.clear();
  deleted.deleted_at = kT2;
  EXPECT_EQ(Value(this->messaging().FindMessage(ask.id)), deleted);
  EXPECT_EQ(this->Events(a), (std::vector<StreamEvent>{MessageEvent(
                                 a, 1, EventKind::kMessageChanged, id, ask.id, false, kT2)}));
  EXPECT_EQ(this->LastSeq(b), 2);

  EXPECT_FALSE(Value(this->messaging().EditMessage(ask.id, "x", "", kT3, To({b}))));
  EXPECT_FALSE(Value(this->messaging().DeleteMessage(ask.id, kT3, To({b}))));
  EXPECT_FALSE(Value(this->messaging().EditMessage(MessageId(99), "x", "", kT3, To({b}))));
  EXPECT_FALSE(Value(this->messaging().DeleteMessage(MessageId(99), kT3, To({b}))));
  EXPECT_EQ(Value(this->messaging().FindMessage(ask.id)), deleted);
  EXPECT_EQ(this->LastSeq(b), 2);
}

TYPED_TEST(MessagingStoreContract, MarkReadRaisesOnlyUpToTheLastMessageAndTellsTheDeliveries) {
  MemberId a = this->Member(1001);
  MemberId b = this->Member(1003);
  MemberId c = this->Member(1005);
  ConversationId id = this->Direct(1, a, b);
  for (uint64_t m = 10; m < 13; ++m) this->Send(MakeMessage(m, id, a, kT1));

  EXPECT_TRUE(Value(this->messaging().MarkRead(id, b, 2, To({a, b}))));
  EXPECT_EQ(this->ParticipantOf(id, b).read_seq, 2);
  std::vector<StreamEvent> events = this->Events(a);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].kind, EventKind::kRead);
  EXPECT_EQ(events[0].conversation, id);
  EXPECT_EQ(events[0].actor, b);
  EXPECT_EQ(events[0].read_seq, 2);
  EXPECT_FALSE(events[0].alert);
  EXPECT_EQ(this->LastSeq(b), 1);

  EXPECT_FALSE(Value(this->messaging().MarkRead(id, b, 1, To({a}))));
  EXPECT_FALSE(Value(this->messaging().MarkRead(id, b, 2, To({a}))));
  EXPECT_EQ(this->ParticipantOf(id, b).read_seq, 2);
  EXPECT_TRUE(Value(this->messaging().MarkRead(id, b, 99, To({a}))));
  EXPECT_EQ(this->ParticipantOf(id, b).read_seq, 3);
  EXPECT_EQ(this->Events(a).back().read_seq, 3);
  EXPECT_FALSE(Value(this->messaging().MarkRead(id, b, 99, To({a}))));
  EXPECT_FALSE(Value(this->messaging().MarkRead(id, c, 1, To({a}))));
  EXPECT_FALSE(Value(this->messaging().MarkRead(ConversationId(99), b, 1, To({a}))));
  EXPECT_EQ(this->LastSeq(a), 2);
}

TYPED_TEST(MessagingStoreContract, MarkIntroducedOpensAMessageRequest) {
  MemberId a = this->Member(1), b = this->Member(2), introducer = this->Member(3);
  Conversation c = MakeConversation(10, ConversationKind::kDirect, a);
  c.awaiting_reply = true;
  std::vector<Participant> participants = {Joined(c.id, a), Joined(c.id, b, Folder::kRequests)};
  EXPECT_OK(this->messaging().CreateConversation(c, participants, std::nullopt, {}));

  std::vector<Delivery> deliveries = {{a, false}, {b, false}};
  EXPECT_TRUE(Value(this->messaging().MarkIntroduced(c.id, introducer, kT1, deliveries)));
  auto opened = Value(this->messaging().FindConversation(c.id));
  ASSERT_TRUE(opened.has_value());
  EXPECT_FALSE(opened->awaiting_reply);
  EXPECT_EQ(opened->introduced_by, introducer);
  EXPECT_EQ(this->ParticipantOf(c.id, b).folder, Folder::kInbox);
  ASSERT_EQ(this->Events(b).size(), 1u);
  EXPECT_EQ(this->Events(b)[0].kind, EventKind::kConversation);

  // A later introduction by someone else keeps the first introducer.
  EXPECT_TRUE(Value(this->messaging().MarkIntroduced(c.id, a, kT2, {})));
  EXPECT_EQ(Value(this->messaging().FindConversation(c.id))->introduced_by, introducer);
  EXPECT_FALSE(Value(this->messaging().MarkIntroduced(ConversationId(99), introducer, kT2, {})));
}

TYPED_TEST(MessagingStoreContract, LeavingAndRejoiningMoveTheWindowOfWhatAMemberReads) {
  MemberId a = this->Member(1001);
  MemberId b = this->Member(1003);
  MemberId c = this->Member(1005);
  MemberId d = this->Member(1007);
  ConversationId id = this->Group(1, a, {b, c});
  this->Send(MakeMessage(10, id, a, kT0));
  this->Send(MakeMessage(11, id, b, kT0));

  EXPECT_TRUE(Value(this->messaging().Leave(id, c, kT1, To({a, b, c}))));
  EXPECT_EQ(this->Events(a), (std::vector<StreamEvent>{ConversationEvent(a, 1, id, c, kT1)}));
  EXPECT_FALSE(Value(this->messaging().Leave(id, c, kT1, To({a}))));
  EXPECT_FALSE(Value(this->messaging().Leave(id, d, kT1, To({a}))));
  EXPECT_FALSE(Value(this->messaging().Leave(ConversationId(99), a, kT1, To({a}))));
  EXPECT_EQ(this->LastSeq(a), 1);
  Participant left = this->ParticipantOf(id, c);
  EXPECT_EQ(left.left_at_seq, 2);
  EXPECT_FALSE(left.active());

  // Nothing after leaving reaches them, and they list the conversation no more.
  this->Send(MakeMessage(12, id, a, kT1));
  this->Send(MakeMessage(13, id, b, kT1));
  EXPECT_TRUE(Value(this->messaging().ListConversations(c, Page(Folder::kInbox))).empty());
  EXPECT_EQ(Value(this->messaging().CountUnread(c)), (UnreadCounts{0, 0}));
  EXPECT_TRUE(Value(this->messaging().MarkRead(id, c, 99, {})));
  EXPECT_EQ(this->ParticipantOf(id, c).read_seq, 2);

  // Rejoining starts after the current last message; members still in are left as they are.
  const std::vector<MemberId> rejoining = {c, a};
  EXPECT_OK(this->messaging().AddParticipants(id, rejoining, kT2, To({a, b, c})));
  Participant back = this->ParticipantOf(id, c);
  EXPECT_EQ(back, (Participant{id, c, Folder::kInbox, 4, std::nullopt, 4, kT2}));
  EXPECT_EQ(this->ParticipantOf(id, a),
            (Participant{id, a, Folder::kInbox, 0, std::nullopt, 3, kT0}));
  EXPECT_EQ(this->Events(c).back(), ConversationEvent(c, this->LastSeq(c), id, c, kT2));
  auto summaries = Value(this->messaging().ListConversations(c, Page(Folder::kInbox)));
  ASSERT_EQ(summaries.size(), 1u);
  EXPECT_EQ(summaries[0].self, back);
  EXPECT_EQ(summaries[0].unread, 0);
  EXPECT_EQ(summaries[0].last_message, std::nullopt);

  this->Send(MakeMessage(14, id, a, kT3));
  summaries = Value(this->messaging().ListConversations(c, Page(Folder::kInbox)));
  ASSERT_EQ(summaries.size(), 1u);
  EXPECT_EQ(summaries[0].unread, 1);
  ASSERT_TRUE(summaries[0].last_message.has_value());
  EXPECT_EQ(summaries[0].last_message->seq, 5);
  EXPECT_EQ(Value(this->messaging().CountUnread(c)), (UnreadCounts{1, 0}));

  const std::vector<MemberId> newcomer = {d};
  EXPECT_OK(this->messaging().AddParticipants(id, newcomer, kT4, {}));
  EXPECT_EQ(this->ParticipantOf(id, d).joined_after, 5);
  EXPECT_EQ(MembersOf(Value(this->messaging().ListParticipants(id))),
            (std::vector<MemberId>{a, b, c, d}));
  // Nobody joined: nothing to tell.
  const int64_t before = this->LastSeq(b);
  const std::vector<MemberId> already = {a, d};
  EXPECT_OK(this->messaging().AddParticipants(id, already, kT4, To({b})));
  EXPECT_EQ(this->LastSeq(b), before);
  const std::vector<MemberId> missing = {kNobody};
  EXPECT_ERROR(this->messaging().AddParticipants(id, missing, kT4, To({b})),
               ErrorCode::kFailedPrecondition);
  EXPECT_ERROR(this->messaging().AddParticipants(ConversationId(99), newcomer, kT4, To({b})),
               ErrorCode::kNotFound);
  EXPECT_EQ(this->LastSeq(b), before);
}

TYPED_TEST(MessagingStoreContract, UnreadCountsLeaveOutOwnDeletedAndHiddenMessages) {
  MemberId a = this->Member(1001);
  MemberId b = this->Member(1003);
  MemberId c = this->Member(1005);
  ConversationId direct = this->Direct(1, a, b);
  ConversationId group = this->Group(2, c, {a, b});
  this->Send(MakeMessage(11, direct, a, kT1));
  this->Send(MakeMessage(12, direct, a, kT1));
  this->Send(MakeMessage(13, direct, a, kT1));
  this->Send(MakeMessage(14, direct, b, kT1));
  this->Send(MakeMessage(21, group, c, kT2));
  this->Send(MakeMessage(22, group, b, kT2));

  auto unread = [&](MemberId member) {
    std::map<ConversationId, int64_t> counts;
    for (const ConversationSummary& summary :
         Value(this->messaging().ListConversations(member, Page(Folder::kInbox)))) {
      counts[summary.conversation.id] = summary.unread;
    }
    return counts;
  };
  using Counts = std::map<ConversationId, int64_t>;
  // Sending marks all before it read: b's own last messages leave b nothing unread.
  EXPECT_EQ(unread(b), (Counts{{direct, 0}, {group, 0}}));
  EXPECT_EQ(unread(a), (Counts{{direct, 1}, {group, 2}}));
  EXPECT_EQ(Value(this->messaging().CountUnread(a)), (UnreadCounts{3, 0}));

  EXPECT_FALSE(Value(this->messaging().MarkRead(direct, b, 1, {})));  // Never lowered.
  EXPECT_EQ(unread(b), (Counts{{direct, 0}, {group, 0}}));
  EXPECT_TRUE(Value(this->messaging().MarkRead(group, a, 1, {})));
  EXPECT_EQ(unread(a), (Counts{{direct, 1}, {group, 1}}));
  EXPECT_TRUE(Value(this->messaging().DeleteMessage(MessageId(22), kT3, {})));
  EXPECT_EQ(unread(a), (Counts{{direct, 1}, {group, 0}}));
  EXPECT_OK(this->messaging().HideMessage(a, MessageId(14)));
  EXPECT_EQ(unread(a), (Counts{{direct, 0}, {group, 0}}));
  EXPECT_EQ(Value(this->messaging().CountUnread(a)), (UnreadCounts{0, 0}));
  EXPECT_EQ(Value(this->messaging().CountUnread(c)), (UnreadCounts{0, 0}));
  EXPECT_EQ(Value(this->messaging().CountUnread(kNobody)), (UnreadCounts{0, 0}));
}

TYPED_TEST(MessagingStoreContract, ListConversationsPagesByLatestActivityWithACursor) {
  MemberId a = this->Member(1001);
  MemberId b = this->Member(1003);
  MemberId c = this->Member(1005);
  ConversationId first = this->Group(1, a, {b}, kT0);
  ConversationId second = this->Group(2, b, {a}, kT1);
  ConversationId third = this->Group(3, a, {b}, kT2);
  ConversationId fourth = this->Group(4, a, {b}, kT2);  // Same time as third: higher id first.
  ConversationId fifth = this->Group(5, a, {b}, kT3);
  ConversationId gone = this->Group(6, a, {b}, kT3);
  EXPECT_TRUE(Value(this->messaging().Leave(gone, a, kT3, {})));
  Conversation asked = MakeConversation(7, ConversationKind::kDirect, c, kT4);
  std::vector<Participant> request = {Joined(asked.id, c), Joined(asked.id, a, Folder::kRequests)};
  EXPECT_OK(this->messaging().CreateConversation(asked, request, std::nullopt, {}));
  Message latest = MakeMessage(10, first, b, kT4 + seconds(1));
  latest.seq = this->Send(latest);

  using Ids = std::vector<ConversationId>;
  auto page = [&](int limit, std::optional<std::pair<Timestamp, ConversationId>> before) {
    return Value(this->messaging().ListConversations(a, Page(Folder::kInbox, limit, before)));
  };
  EXPECT_EQ(IdsOf(page(50, std::nullopt)), (Ids{first, fifth, fourth, third, second}));
  auto top = page(2, std::nullopt);
  EXPECT_EQ(IdsOf(top), (Ids{first, fifth}));
  auto cursor = [](const ConversationSummary& s) {
    return std::pair(s.conversation.last_activity_at, s.conversation.id);
  };
  auto next = page(2, cursor(top.back()));
  EXPECT_EQ(IdsOf(next), (Ids{fourth, third}));
  auto last = page(2, cursor(next.back()));
  EXPECT_EQ(IdsOf(last), (Ids{second}));
  EXPECT_TRUE(page(2, cursor(last.back())).empty());
  EXPECT_EQ(IdsOf(Value(this->messaging().ListConversations(a, Page(Folder::kRequests)))),
            Ids{asked.id});

  // A whole summary: the conversation, the member's place, unread and the last message.
  Conversation conversation = MakeConversation(1, ConversationKind::kGroup, a, kT0);
  conversation.last_seq = 1;
  conversation.last_activity_at = latest.created_at;
  ConversationSummary expected{conversation, Joined(first, a), latest, 1,
                               Value(this->messaging().ListParticipants(first))};
  EXPECT_EQ(top[0], expected);
}

// Each summary carries everyone who is or was in its conversation, as ListParticipants gives
// them, read with the page; nobody from a conversation off the page.
TYPED_TEST(MessagingStoreContract, ListConversationsCarriesEachConversationsParticipants) {
  MemberId a = this->Member(1001);
  MemberId b = this->Member(1003);
  MemberId c = this->Member(1005);
  MemberId d = this->Member(1007);
  ConversationId pair = this->Group(1, a, {b}, kT0);
  ConversationId group = this->Group(2, c, {a, b, d}, kT1);
  EXPECT_TRUE(Value(this->messaging().Leave(group, d, kT2, {})));
  ConversationId direct = this->Direct(3, a, c, kT3);

  auto summaries = Value(this->messaging().ListConversations(a, Page(Folder::kInbox)));
  ASSERT_EQ(summaries.size(), 3u);
  for (const ConversationSummary& summary : summaries) {
    EXPECT_EQ(summary.participants,
              Value(this->messaging().ListParticipants(summary.conversation.id)));
  }
  EXPECT_EQ(MembersOf(summaries[0].participants), (std::vector<MemberId>{a, c}));
  EXPECT_EQ(summaries[1].conversation.id, group);
  EXPECT_EQ(MembersOf(summaries[1].participants), (std::vector<MemberId>{c, a, b, d}));
  EXPECT_TRUE(summaries[1].participants[3].left_at_seq.has_value());
  EXPECT_EQ(summaries[2].conversation.id, pair);
  EXPECT_EQ(MembersOf(summaries[2].participants), (std::vector<MemberId>{a, b}));

  auto top = Value(this->messaging().ListConversations(a, Page(Folder::kInbox, 1)));
  ASSERT_EQ(top.size(), 1u);
  EXPECT_EQ(top[0].conversation.id, direct);
  EXPECT_EQ(MembersOf(top[0].participants), (std::vector<MemberId>{a, c}));
  EXPECT_EQ(
      MembersOf(
          Value(this->messaging().ListConversations(b, Page(Folder::kInbox)))[1].participants),
      (std::vector<MemberId>{a, b}));
}

TYPED_TEST(MessagingStoreContract, PreferencesDefaultToOffAndRoundTrip) {
  MemberId a = this->Member(1001);
  MemberId b = this->Member(1003);
  EXPECT_EQ(Value(this->messaging().FindPreferences(a)), Preferences{});
  EXPECT_OK(this->messaging().PutPreferences(a, Preferences{true, false}));
  EXPECT_EQ(Value(this->messaging().FindPreferences(a)), (Preferences{true, false}));
  EXPECT_OK(this->messaging().PutPreferences(a, Preferences{false, true}));
  EXPECT_EQ(Value(this->messaging().FindPreferences(a)), (Preferences{false, true}));
  EXPECT_EQ(Value(this->messaging().FindPreferences(b)), Preferences{});
  EXPECT_ERROR(this->messaging().PutPreferences(kNobody, Preferences{true, true}),
               ErrorCode::kNotFound);
}

TYPED_TEST(MessagingStoreContract, DeletingAnAccountTakesWhatTheMemberOwnsAndLeavesTheOthers) {
  MemberId a = this->Member(1001);
  MemberId b = this->Member(1003);
  MemberId c = this->Member(1005);
  Conversation direct = MakeConversation(1, ConversationKind::kDirect, a);
  direct.introduced_by = c;
  std::vector<Participant> pair = {Joined(direct.id, a), Joined(direct.id, b)};
  EXPECT_OK(this->messaging().CreateConversation(direct, pair, MakeMessage(10, direct.id, a, kT0),
                                                 To({a, b})));
  this->Send(MakeMessage(11, direct.id, b, kT1), To({a, b}));
  ConversationId group = this->Group(2, a, {b, c});
  this->Send(MakeMessage(20, group, c, kT2), To({a, b}));
  EXPECT_OK(this->messaging().HideMessage(a, MessageId(11)));
  EXPECT_OK(this->messaging().PutPreferences(a, Preferences{true, true}));
  Settings settings;
  settings.time_zone = "Asia/Tokyo";
  EXPECT_OK(this->notifications().PutSettings(a, settings));
  EXPECT_OK(this->notifications().CreateNotification(
      MakeNotification(1, b, a, Category::kGreetings, DeliveryMode::kInApp, kT0), false));
  EXPECT_OK(this->notifications().CreateNotification(
      MakeNotification(2, a, b, Category::kGreetings, DeliveryMode::kInApp, kT0), false));
  Notification from_c =
      MakeNotification(3, b, c, Category::kRequests, DeliveryMode::kRealTime, kT1);
  EXPECT_OK(this->notifications().CreateNotification(from_c, true));
  const int64_t b_events = this->LastSeq(b);

  EXPECT_OK(this->accounts().DeleteAccount(a));

  // The conversations stay for the others, without a's place or messages.
  auto kept = Value(this->messaging().FindConversation(direct.id));
  ASSERT_TRUE(kept.has_value());
  EXPECT_EQ(kept->created_by, MemberId());
  EXPECT_EQ(kept->introduced_by, c);
  EXPECT_EQ(MembersOf(Value(this->messaging().ListParticipants(direct.id))),
            std::vector<MemberId>{b});
  EXPECT_EQ(MembersOf(Value(this->messaging().ListParticipants(group))),
            (std::vector<MemberId>{b, c}));
  EXPECT_EQ(Value(this->messaging().FindMessage(MessageId(10))), std::nullopt);
  EXPECT_TRUE(Value(this->messaging().FindMessage(MessageId(11))).has_value());
  EXPECT_EQ(SeqsOf(Value(this->messaging().ListMessages(direct.id, b, 0, kNoUpperBound, 10))),
            std::vector<int64_t>{2});
  EXPECT_EQ(Value(this->messaging().ListConversations(b, Page(Folder::kInbox))).size(), 2u);
  EXPECT_EQ(Value(this->messaging().FindDirect(b, a))->id, direct.id);  // The pair stays.
  EXPECT_EQ(this->LastSeq(b), b_events);

  // Whatever was a's, or named a as the actor, is gone.
  EXPECT_EQ(this->LastSeq(a), 0);
  EXPECT_TRUE(this->Events(a).empty());
  EXPECT_EQ(Value(this->messaging().FindPreferences(a)), Preferences{});
  EXPECT_EQ(Value(this->notifications().FindSettings(a)), Settings{});
  EXPECT_EQ(Value(this->notifications().ListNotifications(b, std::nullopt, 10)),
            std::vector<Notification>{from_c});
  EXPECT_EQ(Value(this->notifications().FindNotification(a, NotificationId(2))), std::nullopt);
  for (auto [table, column] :
       {std::pair("participants", "member_id"), std::pair("messages", "sender_id"),
        std::pair("hidden_messages", "member_id"), std::pair("messaging_preferences", "member_id"),
        std::pair("stream_heads", "member_id"), std::pair("stream_events", "member_id"),
        std::pair("notifications", "member_id"), std::pair("notifications", "actor_id"),
        std::pair("notification_settings", "member_id")}) {
    auto rows = this->CountRows(table, column, a);
    if (rows) {
      EXPECT_EQ(*rows, 0) << table << "." << column;
    }
  }

  // An introducer's account going keeps the conversation, without the introducer.
  EXPECT_OK(this->accounts().DeleteAccount(c));
  EXPECT_EQ(Value(this->messaging().FindConversation(direct.id))->introduced_by, std::nullopt);
}

// --- Notifications.

TYPED_TEST(MessagingStoreContract, NotificationsRoundTripAndAnnounceThemselvesInTheStream) {
  MemberId a = this->Member(1001);
  MemberId b = this->Member(1003);
  Notification greeting =
      MakeNotification(1, b, a, Category::kGreetings, DeliveryMode::kInApp, kT0);
  Notification safety = MakeNotification(2, b, MemberId(), Category::kSafety,
                                         DeliveryMode::kRealTime, kT1);  // Without an actor.
  safety.kind = NotificationKind::kMessageRequest;
  safety.read_at = kT2;
  EXPECT_OK(this->notifications().CreateNotification(greeting, false));
  EXPECT_OK(this->notifications().CreateNotification(safety, true));
  EXPECT_EQ(Value(this->notifications().FindNotification(b, greeting.id)), greeting);
  EXPECT_EQ(Value(this->notifications().FindNotification(b, safety.id)), safety);
  EXPECT_EQ(Value(this->notifications().FindNotification(a, greeting.id)), std::nullopt);
  EXPECT_EQ(Value(this->notifications().FindNotification(b, NotificationId(99))), std::nullopt);

  std::vector<StreamEvent> events = this->Events(b);
  ASSERT_EQ(events.size(), 2u);
  StreamEvent expected;
  expected.member = b;
  expected.seq = 1;
  expected.kind = EventKind::kNotification;
  expected.notification = greeting.id;
  expected.created_at = kT0;
  EXPECT_EQ(events[0], expected);
  EXPECT_EQ(events[1].notification, safety.id);
  EXPECT_TRUE(events[1].alert);
  EXPECT_TRUE(this->Events(a).empty());

  // Failures store nothing and announce nothing.
  EXPECT_ERROR(this->notifications().CreateNotification(greeting, true), ErrorCode::kAlreadyExists);
  EXPECT_ERROR(
      this->notifications().CreateNotification(
          MakeNotification(3, kNobody, a, Category::kGreetings, DeliveryMode::kInApp, kT0), true),
      ErrorCode::kFailedPrecondition);
  EXPECT_ERROR(
      this->notifications().CreateNotification(
          MakeNotification(4, b, kNobody, Category::kGreetings, DeliveryMode::kInApp, kT0), true),
      ErrorCode::kFailedPrecondition);
  EXPECT_EQ(this->LastSeq(b), 2);
  EXPECT_EQ(this->LastSeq(kNobody), 0);
  EXPECT_EQ(Value(this->notifications().FindNotification(b, NotificationId(4))), std::nullopt);
}

TYPED_TEST(MessagingStoreContract, NotificationsListNewestFirstByCursorAndCountAndMarkRead) {
  MemberId a = this->Member(1001);
  MemberId b = this->Member(1003);
  auto create = [&](uint64_t id, MemberId member, Category category, DeliveryMode mode,
                    Timestamp at) {
    Notification n = MakeNotification(id, member, member == a ? b : a, category, mode, at);
    EXPECT_OK(this->notifications().CreateNotification(n, mode == DeliveryMode::kRealTime));
    return n.id;
  };
  NotificationId n1 = create(1, b, Category::kGreetings, DeliveryMode::kInApp, kT0);
  NotificationId n2 = create(2, b, Category::kRequests, DeliveryMode::kRealTime, kT1);
  NotificationId n3 = create(3, b, Category::kRequests, DeliveryMode::kRealTime, kT1);
  NotificationId n4 = create(4, b, Category::kRequests, DeliveryMode::kDigest, kT2);
  NotificationId n5 = create(5, b, Category::kMessages, DeliveryMode::kRealTime, kT2);
  NotificationId mine = create(6, a, Category::kRequests, DeliveryMode::kRealTime, kT2);

  using Ids = std::vector<NotificationId>;
  auto listed = [&](std::optional<std::pair<Timestamp, NotificationId>> before, int limit) {
    return IdsOf(Value(this->notifications().ListNotifications(b, before, limit)));
  };
  EXPECT_EQ(listed(std::nullopt, 10), (Ids{n5, n4, n3, n2, n1}));
  EXPECT_EQ(listed(std::nullopt, 2), (Ids{n5, n4}));
  EXPECT_EQ(listed(std::pair(kT2, n4), 2), (Ids{n3, n2}));
  EXPECT_EQ(listed(std::pair(kT1, n2), 2), (Ids{n1}));
  EXPECT_EQ(listed(std::pair(kT0, n1), 2), Ids{});
  EXPECT_EQ(IdsOf(Value(this->notifications().ListNotifications(a, std::nullopt, 10))), Ids{mine});

  // The daily budget counts real-time alerts of the category, at or after `since`.
  auto alerts = [&](MemberId member, Category category, Timestamp since) {
    return Value(this->notifications().CountAlertsSince(member, category, since));
  };
  EXPECT_EQ(alerts(b, Category::kRequests, kT0), 2);
  EXPECT_EQ(alerts(b, Category::kRequests, kT1), 2);
  EXPECT_EQ(alerts(b, Category::kRequests, kT1 + microseconds(1)), 0);
  EXPECT_EQ(alerts(b, Category::kMessages, kT0), 1);
  EXPECT_EQ(alerts(b, Category::kGreetings, kT0), 0);
  EXPECT_EQ(alerts(a, Category::kRequests, kT0), 1);

  EXPECT_EQ(Value(this->notifications().CountUnread(b)), 5);
  EXPECT_FALSE(Value(this->notifications().MarkRead(a, n2, kT3)));  // Not a's.
  EXPECT_TRUE(Value(this->notifications().MarkRead(b, n2, kT3)));
  EXPECT_FALSE(Value(this->notifications().MarkRead(b, n2, kT4)));
  EXPECT_FALSE(Value(this->notifications().MarkRead(b, NotificationId(99), kT3)));
  EXPECT_EQ(Value(this->notifications().FindNotification(b, n2))->read_at, kT3);
  EXPECT_EQ(Value(this->notifications().CountUnread(b)), 4);
  EXPECT_EQ(Value(this->notifications().MarkAllRead(b, kT4)), 4);
  EXPECT_EQ(Value(this->notifications().MarkAllRead(b, kT4)), 0);
  EXPECT_EQ(Value(this->notifications().CountUnread(b)), 0);
  EXPECT_EQ(Value(this->notifications().FindNotification(b, n2))->read_at, kT3);
  EXPECT_EQ(Value(this->notifications().FindNotification(b, n5))->read_at, kT4);
  EXPECT_EQ(Value(this->notifications().CountUnread(a)), 1);
}

TYPED_TEST(MessagingStoreContract, NotificationSettingsDefaultAndRoundTrip) {
  MemberId a = this->Member(1001);
  MemberId b = this->Member(1003);
  EXPECT_EQ(Value(this->notifications().FindSettings(a)), Settings{});

  Settings settings;
  settings.categories[static_cast<size_t>(Category::kJobs)] = {DeliveryMode::kRealTime, 3};
  settings.categories[static_cast<size_t>(Category::kSafety)] = {DeliveryMode::kInApp, 0};
  settings.categories[static_cast<size_t>(Category::kGreetings)] = {DeliveryMode::kDigest, 120};
  settings.time_zone = "Asia/Shanghai";
  settings.quiet_hours = QuietHours{23 * 60 + 30, 6 * 60};
  settings.email_digest = true;
  EXPECT_OK(this->notifications().PutSettings(a, settings));
  EXPECT_EQ(Value(this->notifications().FindSettings(a)), settings);

  settings.quiet_hours = std::nullopt;
  settings.email_digest = false;
  EXPECT_OK(this->notifications().PutSettings(a, settings));
  EXPECT_EQ(Value(this->notifications().FindSettings(a)), settings);
  EXPECT_EQ(Value(this->notifications().FindSettings(b)), Settings{});
  EXPECT_ERROR(this->notifications().PutSettings(kNobody, settings), ErrorCode::kNotFound);
}

TYPED_TEST(MessagingStoreContract, MessagesThatAlertedCountAgainstTheMessagesBudget) {
  MemberId a = this->Member(1001);
  MemberId b = this->Member(1003);
  ConversationId id = this->Direct(1, a, b);
  this->Send(MakeMessage(10, id, a, kT1), To({b}, true));
  this->Send(MakeMessage(11, id, a, kT2), To({b}, true));
  this->Send(MakeMessage(12, id, a, kT2), To({b}, false));  // Past the budget: quiet.
  EXPECT_OK(this->notifications().CreateNotification(
      MakeNotification(1, b, a, Category::kMessages, DeliveryMode::kRealTime, kT2), true));
  auto alerts = [&](Category category, Timestamp since) {
    return Value(this->notifications().CountAlertsSince(b, category, since));
  };
  EXPECT_EQ(alerts(Category::kMessages, kT0), 3);
  EXPECT_EQ(alerts(Category::kMessages, kT2), 2);
  EXPECT_EQ(alerts(Category::kMessages, kT3), 0);
  EXPECT_EQ(alerts(Category::kRequests, kT0), 0) << "messages count for their category only";
  EXPECT_EQ(Value(this->notifications().CountAlertsSince(a, Category::kMessages, kT0)), 0);
}

TYPED_TEST(MessagingStoreContract, DigestSubscribersItemsAndClaims) {
  MemberId a = this->Member(1001);
  MemberId b = this->Member(1003);
  MemberId c = this->Member(1005);
  Settings on;
  on.email_digest = true;
  on.time_zone = "Asia/Tokyo";
  EXPECT_OK(this->notifications().PutSettings(a, on));
  EXPECT_OK(this->notifications().PutSettings(c, on));
  EXPECT_OK(this->notifications().PutSettings(b, Settings{}));

  auto subscribers = [&](MemberId after, int limit) {
    std::vector<MemberId> members;
    for (const auto& s : Value(this->notifications().ListDigestSubscribers(after, limit))) {
      EXPECT_EQ(s.settings, on);
      members.push_back(s.member);
    }
    return members;
  };
  EXPECT_EQ(subscribers(MemberId(), 10), (std::vector<MemberId>{a, c}));
  EXPECT_EQ(subscribers(MemberId(), 1), (std::vector<MemberId>{a}));
  EXPECT_EQ(subscribers(a, 10), (std::vector<MemberId>{c}));

  // Only unread digest items within [since, until) count, by category.
  auto file = [&](uint64_t id, Category category, DeliveryMode mode, Timestamp at) {
    EXPECT_OK(this->notifications().CreateNotification(
        MakeNotification(id, a, b, category, mode, at), false));
    return NotificationId(id);
  };
  file(1, Category::kGreetings, DeliveryMode::kDigest, kT1);
  file(2, Category::kGreetings, DeliveryMode::kDigest, kT2);
  file(3, Category::kRequests, DeliveryMode::kDigest, kT2);
  file(4, Category::kRequests, DeliveryMode::kRealTime, kT2);
  file(5, Category::kGreetings, DeliveryMode::kInApp, kT2);
  NotificationId read = file(6, Category::kRequests, DeliveryMode::kDigest, kT2);
  file(7, Category::kGreetings, DeliveryMode::kDigest, kT3);
  EXPECT_TRUE(Value(this->notifications().MarkRead(a, read, kT3)));
  auto counts = Value(this->notifications().CountDigestItems(a, kT1, kT3));
  std::array<int64_t, notifications::kCategoryCount> expected{};
  expected[static_cast<size_t>(Category::kGreetings)] = 2;
  expected[static_cast<size_t>(Category::kRequests)] = 1;
  EXPECT_EQ(counts, expected);
  EXPECT_EQ(Value(this->notifications().CountDigestItems(c, kT0, kT4)),
            (std::array<int64_t, notifications::kCategoryCount>{}));

  // A day is claimed once, whoever asks; an earlier day never replaces a later one.
  const notifications::DigestMark day1{kT0, kT1}, day2{kT0 + hours(24), kT2};
  EXPECT_TRUE(Value(this->notifications().ClaimDigest(a, day1)));
  EXPECT_FALSE(Value(this->notifications().ClaimDigest(a, {kT0, kT3})));
  EXPECT_TRUE(Value(this->notifications().ClaimDigest(a, day2)));
  EXPECT_FALSE(Value(this->notifications().ClaimDigest(a, day1)));
  auto listed = Value(this->notifications().ListDigestSubscribers(MemberId(), 10));
  ASSERT_EQ(listed.size(), 2u);
  EXPECT_EQ(listed[0].last, day2);
  EXPECT_EQ(listed[1].last, std::nullopt);
  EXPECT_ERROR(this->notifications().ClaimDigest(kNobody, day1), ErrorCode::kFailedPrecondition);
}

TYPED_TEST(MessagingStoreContract, OperationsReportTheirNamesToTheObserver) {
  MemberId a = this->Member(1001);
  MemberId b = this->Member(1003);
  ConversationId id = this->Direct(1, a, b);
  this->Send(MakeMessage(10, id, a, kT0), To({b}));
  EXPECT_ERROR(
      this->messaging().AppendMessage(MakeMessage(11, ConversationId(9), a, kT0), false, {}),
      ErrorCode::kNotFound);
  this->Events(b);
  EXPECT_OK(this->notifications().CreateNotification(
      MakeNotification(1, b, a, Category::kGreetings, DeliveryMode::kInApp, kT0), false));
  const std::vector<std::pair<std::string, bool>> expectations = {
      {"messaging.create_conversation", true},
      {"messaging.append_message", true},
      {"messaging.append_message", false},
      {"streams.list_events", true},
      {"notifications.create_notification", true}};
  std::lock_guard lock(this->observed_mutex_);
  for (const auto& expected : expectations) {
    EXPECT_NE(std::find(this->observed_.begin(), this->observed_.end(), expected),
              this->observed_.end())
        << expected.first << " " << expected.second;
  }
}

// --- Telling servers whose streams grew.

// PostgreSQL tells every server on the store; SQLite this process, the only one on its file.
TYPED_TEST(MessagingStoreContract, ListenersHearWhoseStreamsGrewOnceAUnitCommitsAndNeverElse) {
  // PostgreSQL channels are server-wide, and other tests' stores notify on this one too: ids of
  // this test's own.
  MemberId a = this->Member(UniqueId());
  MemberId b = this->Member(UniqueId());
  MemberId c = this->Member(UniqueId());
  MemberId d = this->Member(UniqueId());
  Heard heard;
  auto listener = this->store_->Listen(stream::kStreamChannel, heard.Handlers());
  ASSERT_TRUE(listener.has_value()) << listener.error().message;
  ASSERT_NE(*listener, nullptr);

  ConversationId id = this->Direct(1, a, b);
  std::vector<Delivery> deliveries = {{b, true}, {a, false}};
  EXPECT_EQ(this->Send(MakeMessage(10, id, a, kT0), deliveries), 1);
  EXPECT_TRUE(heard.WaitFor(b));
  EXPECT_TRUE(heard.WaitFor(a));

  // A unit that fails after appending c's event rolls it back, and its notice with it.
  EXPECT_ERROR(
      this->messaging().AppendMessage(MakeMessage(11, id, a, kT1), false, To({c, kNobody})),
      ErrorCode::kFailedPrecondition);
  EXPECT_EQ(this->LastSeq(c), 0);
  // Notices arrive in commit order: once d's, from a later unit, is in, c's would have been.
  EXPECT_OK(this->notifications().CreateNotification(
      MakeNotification(1, d, a, Category::kGreetings, DeliveryMode::kInApp, kT1), false));
  EXPECT_TRUE(heard.WaitFor(d));
  EXPECT_FALSE(heard.HeardOf(c));
}

}  // namespace
}  // namespace messaging_contract
}  // namespace enishi::storage
