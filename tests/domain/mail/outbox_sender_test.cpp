#include "domain/mail/outbox_sender.hpp"

#include <gtest/gtest.h>

#include <deque>
#include <mutex>
#include <string>
#include <vector>

#include "domain/mail/outbox_mailer.hpp"
#include "support/fake_clock.hpp"
#include "support/faulty_store.hpp"
#include "support/test_store.hpp"

namespace enishi::mail {
namespace {

// Answers Deliver from a script (then OK), recording what it was given and when.
class ScriptedTransport final : public MailTransport {
 public:
  explicit ScriptedTransport(const Clock& clock) : clock_(clock) {}

  Result<void> Deliver(const Message& message) override {
    std::lock_guard lock(mutex_);
    delivered.push_back(message);
    times.push_back(clock_.Now());
    if (script.empty()) return Ok();
    Result<void> answer = script.front();
    script.pop_front();
    return answer;
  }

  std::deque<Result<void>> script;
  std::vector<Message> delivered;
  std::vector<Timestamp> times;

 private:
  const Clock& clock_;
  std::mutex mutex_;
};

class OutboxSenderTest : public ::testing::Test {
 protected:
  void Queue(std::string to = "aiko@example.jp") {
    ASSERT_TRUE(mailer_.Send({Channel::kEmail, std::move(to), "件名", "本文", clock_.Now()}));
  }

  int DeliverDue() {
    auto claimed = sender_.DeliverDue();
    EXPECT_TRUE(claimed.has_value()) << claimed.error().message;
    return claimed ? *claimed : -1;
  }

  testing::FakeClock clock_;
  testing::FaultyStore store_{testing::MakeTestStore()};
  OutboxMailer mailer_{store_.outbox()};
  ScriptedTransport transport_{clock_};
  OutboxSenderOptions options_;
  OutboxSender sender_{store_.outbox(), transport_, clock_, options_};
};

TEST_F(OutboxSenderTest, RetriesWithExponentialBackoffThenGivesUp) {
  Queue();
  for (int i = 0; i < options_.max_attempts; ++i) {
    transport_.script.push_back(Unavailable("451 try again later"));
  }
  // Polls every ten seconds for a day, as the server would.
  for (int poll = 0; poll < 24 * 360; ++poll) {
    DeliverDue();
    clock_.Advance(seconds(10));
  }
  ASSERT_EQ(transport_.times.size(), size_t(options_.max_attempts));
  std::vector<int64_t> gaps;
  for (size_t i = 1; i < transport_.times.size(); ++i) {
    gaps.push_back(
        std::chrono::duration_cast<seconds>(transport_.times[i] - transport_.times[i - 1]).count());
  }
  // 1, 2, 4... minutes, to the next poll, and never more than an hour.
  EXPECT_EQ(gaps, (std::vector<int64_t>{60, 120, 240, 480, 960, 1920, 3600}));
}

TEST_F(OutboxSenderTest, APermanentRefusalIsGivenUpAtOnce) {
  Queue();
  transport_.script.push_back(InvalidArgument("550 no such user", "to"));
  EXPECT_EQ(DeliverDue(), 1);
  clock_.Advance(days(1));
  EXPECT_EQ(DeliverDue(), 0);
  EXPECT_EQ(transport_.delivered.size(), 1u);
}

TEST_F(OutboxSenderTest, SendsInBatchesOldestFirst) {
  for (int i = 0; i < options_.batch_size + 5; ++i) {
    Queue("m" + std::to_string(i) + "@example.jp");
    clock_.Advance(seconds(1));
  }
  EXPECT_EQ(DeliverDue(), options_.batch_size);
  EXPECT_EQ(DeliverDue(), 5);
  EXPECT_EQ(DeliverDue(), 0);
  ASSERT_EQ(transport_.delivered.size(), size_t(options_.batch_size + 5));
  EXPECT_EQ(transport_.delivered.front().to, "m0@example.jp");
  EXPECT_EQ(transport_.delivered.back().to, "m24@example.jp");
  EXPECT_EQ(transport_.delivered.front().subject, "件名");
}

TEST_F(OutboxSenderTest, AnOutboxThatCannotBeReadIsAnError) {
  Queue();
  store_.FailNthCall(1, ErrorCode::kUnavailable, "outbox.claim_undelivered");
  auto claimed = sender_.DeliverDue();
  ASSERT_FALSE(claimed.has_value());
  EXPECT_EQ(claimed.error().code, ErrorCode::kUnavailable);
  EXPECT_TRUE(transport_.delivered.empty());
  EXPECT_EQ(DeliverDue(), 1);
}

TEST_F(OutboxSenderTest, AnUnrecordedDeliveryIsSentAgainAfterTheLease) {
  Queue();
  store_.FailNthCall(1, ErrorCode::kUnavailable, "outbox.mark_delivered");
  EXPECT_EQ(DeliverDue(), 1);
  EXPECT_EQ(DeliverDue(), 0);
  clock_.Advance(options_.lease);
  EXPECT_EQ(DeliverDue(), 1);  // At least once: better twice than never.
  clock_.Advance(options_.lease);
  EXPECT_EQ(DeliverDue(), 0);
  EXPECT_EQ(transport_.delivered.size(), 2u);
}

TEST_F(OutboxSenderTest, StaleMessagesAreGivenUpUnsent) {
  Queue();
  clock_.Advance(options_.max_age);
  Queue("fresh@example.jp");
  clock_.Advance(seconds(1));
  EXPECT_EQ(DeliverDue(), 2);
  ASSERT_EQ(transport_.delivered.size(), 1u);
  EXPECT_EQ(transport_.delivered[0].to, "fresh@example.jp");
  clock_.Advance(days(1));
  EXPECT_EQ(DeliverDue(), 0);
}

}  // namespace
}  // namespace enishi::mail
