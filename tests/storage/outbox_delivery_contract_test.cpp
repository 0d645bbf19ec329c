// The storage contract of the outbox's delivery side (ClaimUndelivered, MarkDelivered,
// MarkFailed), run against every backend like store_contract_test.cpp.

#include <gtest/gtest.h>

#include <algorithm>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "storage/store_contract_fixture.hpp"

namespace enishi::storage {
namespace {

using namespace contract;  // NOLINT: the suite's vocabulary.
using std::chrono::microseconds;

const Timestamp kNow = kT0 + hours(1);
constexpr auto kLease = minutes(5);

template <class Backend>
class OutboxDelivery : public StoreContract<Backend> {
 protected:
  // Queues an email to `to`, created `age_seconds` after kT0.
  void Queue(const std::string& to, int age_seconds = 0,
             mail::Channel channel = mail::Channel::kEmail) {
    EXPECT_OK(this->outbox().Append(
        {channel, to, "subject " + to, "body " + to, kT0 + seconds(age_seconds)}));
  }

  std::vector<mail::QueuedMessage> Claim(Timestamp now = kNow, int limit = 100) {
    return Value(this->outbox().ClaimUndelivered(now, now + kLease, limit));
  }

  static std::vector<std::string> Recipients(const std::vector<mail::QueuedMessage>& messages) {
    std::vector<std::string> to;
    for (const auto& queued : messages) to.push_back(queued.message.to);
    return to;
  }
};

TYPED_TEST_SUITE(OutboxDelivery, Backends, BackendNames);

TYPED_TEST(OutboxDelivery, ClaimsDueEmailsOldestFirstAndCountsTheAttempt) {
  EXPECT_TRUE(this->Claim().empty());
  this->Queue("a@example.com", 0);
  this->Queue("+819012345678", 1, mail::Channel::kSms);  // No SMS provider: never claimed.
  this->Queue("b@example.com", 2);
  this->Queue("c@example.com", 3);

  std::vector<mail::QueuedMessage> claimed = this->Claim();
  EXPECT_EQ(this->Recipients(claimed),
            (std::vector<std::string>{"a@example.com", "b@example.com", "c@example.com"}));
  std::set<int64_t> ids;
  for (const mail::QueuedMessage& queued : claimed) {
    ids.insert(queued.id);
    EXPECT_EQ(queued.attempts, 1);
    EXPECT_EQ(queued.message.channel, mail::Channel::kEmail);
    EXPECT_EQ(queued.message.subject, "subject " + queued.message.to);
    EXPECT_EQ(queued.message.body, "body " + queued.message.to);
  }
  EXPECT_EQ(ids.size(), 3u);
  EXPECT_EQ(claimed.at(1).message.created_at, kT0 + seconds(2));
  // Delivery state does not change what operators see.
  EXPECT_EQ(Value(this->outbox().ListRecent(10)).size(), 4u);
}

TYPED_TEST(OutboxDelivery, AClaimedMessageWaitsForItsLease) {
  this->Queue("a@example.com");
  ASSERT_EQ(this->Claim().size(), 1u);
  EXPECT_TRUE(this->Claim().empty());
  EXPECT_TRUE(this->Claim(kNow + kLease - microseconds(1)).empty());
  // The sender that claimed it died: it comes back, with the attempt counted.
  std::vector<mail::QueuedMessage> again = this->Claim(kNow + kLease);
  ASSERT_EQ(again.size(), 1u);
  EXPECT_EQ(again[0].attempts, 2);
}

TYPED_TEST(OutboxDelivery, ClaimsHonourTheLimit) {
  for (int i = 0; i < 5; ++i) this->Queue("m" + std::to_string(i) + "@example.com", i);
  EXPECT_TRUE(this->Claim(kNow, 0).empty());
  EXPECT_EQ(this->Recipients(this->Claim(kNow, 2)),
            (std::vector<std::string>{"m0@example.com", "m1@example.com"}));
  EXPECT_EQ(this->Recipients(this->Claim(kNow, 2)),
            (std::vector<std::string>{"m2@example.com", "m3@example.com"}));
  EXPECT_EQ(this->Recipients(this->Claim(kNow, 2)), (std::vector<std::string>{"m4@example.com"}));
}

TYPED_TEST(OutboxDelivery, DeliveredMessagesAreNeverClaimedAgain) {
  this->Queue("a@example.com");
  this->Queue("b@example.com", 1);
  std::vector<mail::QueuedMessage> claimed = this->Claim();
  ASSERT_EQ(claimed.size(), 2u);
  EXPECT_OK(this->outbox().MarkDelivered(claimed[0].id, kNow + seconds(1)));
  EXPECT_EQ(this->Recipients(this->Claim(kNow + days(365))),
            (std::vector<std::string>{"b@example.com"}));
  // A late failure report (a second sender after the lease) does not undo the delivery.
  EXPECT_OK(this->outbox().MarkFailed(claimed[0].id, {"late", kNow, kNow + seconds(2)}));
  EXPECT_EQ(this->Recipients(this->Claim(kNow + days(366))),
            (std::vector<std::string>{"b@example.com"}));
}

TYPED_TEST(OutboxDelivery, FailedMessagesComeBackAtTheirRetryTime) {
  this->Queue("a@example.com");
  std::vector<mail::QueuedMessage> claimed = this->Claim();
  ASSERT_EQ(claimed.size(), 1u);
  Timestamp retry_at = kNow + minutes(30);  // Later than the lease: the retry time wins.
  EXPECT_OK(this->outbox().MarkFailed(claimed[0].id,
                                      {"451 4.3.0 try again later", kNow + seconds(1), retry_at}));
  EXPECT_TRUE(this->Claim(retry_at - microseconds(1)).empty());
  std::vector<mail::QueuedMessage> retried = this->Claim(retry_at);
  ASSERT_EQ(retried.size(), 1u);
  EXPECT_EQ(retried[0].id, claimed[0].id);
  EXPECT_EQ(retried[0].attempts, 2);

  // A retry may also come sooner than the lease would have.
  EXPECT_OK(this->outbox().MarkFailed(claimed[0].id, {"timeout", retry_at, retry_at + seconds(5)}));
  EXPECT_EQ(this->Claim(retry_at + seconds(5)).size(), 1u);
}

TYPED_TEST(OutboxDelivery, GivenUpMessagesAreNeverClaimedAgain) {
  this->Queue("nobody@example.com");
  this->Queue("b@example.com", 1);
  std::vector<mail::QueuedMessage> claimed = this->Claim();
  ASSERT_EQ(claimed.size(), 2u);
  EXPECT_OK(this->outbox().MarkFailed(claimed[0].id,
                                      {"550 5.1.1 no such user", kNow + seconds(1), std::nullopt}));
  EXPECT_OK(this->outbox().MarkFailed(claimed[1].id, {"timeout", kNow + seconds(1), kNow}));
  EXPECT_EQ(this->Recipients(this->Claim(kNow + days(365))),
            (std::vector<std::string>{"b@example.com"}));
}

TYPED_TEST(OutboxDelivery, MarkingAMessageThatIsGoneIsANoOp) {
  EXPECT_OK(this->outbox().MarkDelivered(987654321, kNow));
  EXPECT_OK(this->outbox().MarkFailed(987654321, {"x", kNow, kNow}));
  EXPECT_OK(this->outbox().MarkFailed(987654321, {"x", kNow, std::nullopt}));
  // The account went away while its mail was being sent: the outbox forgot it.
  Account account = this->SignUp(1001, "gone@example.com");
  this->Queue("gone@example.com");
  std::vector<mail::QueuedMessage> claimed = this->Claim();
  ASSERT_EQ(claimed.size(), 1u);
  EXPECT_OK(this->accounts().DeleteAccount(account.id));
  EXPECT_OK(this->outbox().MarkDelivered(claimed[0].id, kNow));
  EXPECT_TRUE(Value(this->outbox().ListRecent(10)).empty());
}

TYPED_TEST(OutboxDelivery, ErrorTextsMayBeAnyUtf8) {
  this->Queue("a@example.com");
  std::vector<mail::QueuedMessage> claimed = this->Claim();
  ASSERT_EQ(claimed.size(), 1u);
  std::string error = "554 拒否されました 'quoted' \"double\" \\ ; -- " + std::string(2000, 'x');
  EXPECT_OK(this->outbox().MarkFailed(claimed[0].id, {error, kNow, kNow + seconds(1)}));
  EXPECT_EQ(this->Claim(kNow + seconds(1)).size(), 1u);
}

TYPED_TEST(OutboxDelivery, ConcurrentSendersNeverClaimTheSameMessage) {
  constexpr int kMessages = 60;
  constexpr int kSenders = 4;
  for (int i = 0; i < kMessages; ++i) this->Queue("m" + std::to_string(i) + "@example.com", i);
  std::mutex mutex;
  std::vector<int64_t> ids;  // GUARDED_BY(mutex)
  std::vector<std::thread> senders;
  for (int s = 0; s < kSenders; ++s) {
    senders.emplace_back([&] {
      while (true) {
        auto claimed = this->outbox().ClaimUndelivered(kNow, kNow + kLease, 3);
        if (!claimed) {
          ADD_FAILURE() << claimed.error().message;
          return;
        }
        if (claimed->empty()) return;
        std::lock_guard lock(mutex);
        for (const auto& queued : *claimed) ids.push_back(queued.id);
      }
    });
  }
  for (std::thread& sender : senders) sender.join();
  std::set<int64_t> distinct(ids.begin(), ids.end());
  EXPECT_EQ(ids.size(), size_t{kMessages});
  EXPECT_EQ(distinct.size(), size_t{kMessages});
}

TYPED_TEST(OutboxDelivery, DeliveryStateSurvivesReopening) {
  if (!TypeParam::kPersistent) GTEST_SKIP() << "an in-memory database ends with its store";
  this->Queue("a@example.com");
  this->Queue("b@example.com", 1);
  this->Queue("c@example.com", 2);
  std::vector<mail::QueuedMessage> claimed = this->Claim();
  ASSERT_EQ(claimed.size(), 3u);
  EXPECT_OK(this->outbox().MarkDelivered(claimed[0].id, kNow));
  EXPECT_OK(this->outbox().MarkFailed(claimed[1].id, {"gone", kNow, std::nullopt}));
  EXPECT_OK(this->outbox().MarkFailed(claimed[2].id, {"later", kNow, kNow + minutes(1)}));
  this->store_.reset();
  this->Open();
  std::vector<mail::QueuedMessage> after = this->Claim(kNow + minutes(1));
  ASSERT_EQ(after.size(), 1u);
  EXPECT_EQ(after[0].message.to, "c@example.com");
  EXPECT_EQ(after[0].attempts, 2);
}

TYPED_TEST(OutboxDelivery, ReportsItsOperationsToTheObserver) {
  this->Queue("a@example.com");
  std::vector<mail::QueuedMessage> claimed = this->Claim();
  ASSERT_EQ(claimed.size(), 1u);
  EXPECT_OK(this->outbox().MarkFailed(claimed[0].id, {"later", kNow, kNow}));
  EXPECT_OK(this->outbox().MarkDelivered(claimed[0].id, kNow));
  std::lock_guard lock(this->observed_mutex_);
  for (std::string operation :
       {"outbox.claim_undelivered", "outbox.mark_failed", "outbox.mark_delivered"}) {
    EXPECT_NE(std::find(this->observed_.begin(), this->observed_.end(),
                        std::pair<std::string, bool>(operation, true)),
              this->observed_.end())
        << operation;
  }
}

}  // namespace
}  // namespace enishi::storage
