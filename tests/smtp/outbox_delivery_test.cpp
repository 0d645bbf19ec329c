// The outbox delivered end to end: OutboxMailer queues in a real (in-memory SQLite) store,
// OutboxSender claims, SmtpTransport speaks SMTP to a fake server on 127.0.0.1.

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>

#include "crypto/random.hpp"
#include "domain/mail/outbox_mailer.hpp"
#include "domain/mail/outbox_sender.hpp"
#include "smtp/fake_smtp_server.hpp"
#include "smtp/parsed_mail.hpp"
#include "smtp/smtp_transport.hpp"
#include "support/fake_clock.hpp"
#include "support/test_store.hpp"

namespace enishi::smtp {
namespace {

using testing::FakeSmtpServer;

class OutboxDeliveryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(crypto::Initialize().has_value());
    ASSERT_NE(server_.port(), 0);
    SmtpOptions smtp;
    smtp.url = "smtp://127.0.0.1:" + std::to_string(server_.port());
    smtp.from = "Enishi <no-reply@enishi.example>";
    smtp.connect_timeout = std::chrono::seconds(2);
    smtp.timeout = std::chrono::seconds(3);
    auto transport = SmtpTransport::Create(smtp);
    ASSERT_TRUE(transport.has_value()) << transport.error().message;
    transport_ = std::move(transport).value();
    options_.max_attempts = 3;
    Restart();
  }

  // A new sender over the same outbox, as after a restart of the server.
  void Restart() {
    sender_ = std::make_unique<mail::OutboxSender>(store_->outbox(), *transport_, clock_, options_);
  }

  void QueueJapanese() {
    ASSERT_TRUE(mailer_
                    .Send({mail::Channel::kEmail, "aiko@example.jp", "【縁】確認コード",
                           "確認コードは 123456 です。", clock_.Now()})
                    .has_value());
  }

  int DeliverDue() {
    auto claimed = sender_->DeliverDue();
    EXPECT_TRUE(claimed.has_value()) << claimed.error().message;
    return claimed ? *claimed : -1;
  }

  void ExpectDeliveredJapanese(size_t index) {
    auto received = server_.received();
    ASSERT_GT(received.size(), index);
    testing::ParsedMail mail = testing::ParseMail(received[index].data);
    EXPECT_EQ(testing::DecodeHeader(mail.headers["Subject"]), "【縁】確認コード");
    EXPECT_EQ(mail.body, "確認コードは 123456 です。");
    EXPECT_EQ(received[index].recipients, std::vector<std::string>{"<aiko@example.jp>"});
  }

  FakeSmtpServer server_;
  enishi::testing::FakeClock clock_;
  std::unique_ptr<storage::Store> store_ = enishi::testing::MakeTestStore();
  mail::OutboxMailer mailer_{store_->outbox()};
  std::unique_ptr<SmtpTransport> transport_;
  mail::OutboxSenderOptions options_;
  std::unique_ptr<mail::OutboxSender> sender_;
};

TEST_F(OutboxDeliveryTest, QueuedMailIsDeliveredOnce) {
  QueueJapanese();
  EXPECT_EQ(DeliverDue(), 1);
  EXPECT_EQ(server_.received().size(), 1u);
  ExpectDeliveredJapanese(0);
  EXPECT_EQ(DeliverDue(), 0);
  clock_.Advance(days(2));
  EXPECT_EQ(DeliverDue(), 0);
  EXPECT_EQ(server_.received().size(), 1u);
  // Operators still see it.
  EXPECT_EQ(store_->outbox().ListRecent(10)->size(), 1u);
}

TEST_F(OutboxDeliveryTest, AFailingServerMeansARetryNotALostMessage) {
  QueueJapanese();
  server_.set_behaviour(FakeSmtpServer::Behaviour::kTemporaryFailure);
  EXPECT_EQ(DeliverDue(), 1);
  EXPECT_TRUE(server_.received().empty());
  EXPECT_EQ(DeliverDue(), 0);  // Waits for its retry time...

  server_.set_behaviour(FakeSmtpServer::Behaviour::kCloseAtOnce);
  clock_.Advance(options_.first_retry);
  EXPECT_EQ(DeliverDue(), 1);  // ...fails again, differently...
  EXPECT_TRUE(server_.received().empty());

  server_.set_behaviour(FakeSmtpServer::Behaviour::kAccept);
  Restart();  // ...survives a restart of the server...
  clock_.Advance(2 * options_.first_retry - seconds(1));
  EXPECT_EQ(DeliverDue(), 0);
  clock_.Advance(seconds(1));
  EXPECT_EQ(DeliverDue(), 1);  // ...and arrives, once.
  EXPECT_EQ(server_.received().size(), 1u);
  ExpectDeliveredJapanese(0);
  clock_.Advance(days(1));
  EXPECT_EQ(DeliverDue(), 0);
}

TEST_F(OutboxDeliveryTest, GivesUpAfterTheLastAttempt) {
  QueueJapanese();
  server_.set_behaviour(FakeSmtpServer::Behaviour::kTemporaryFailure);
  for (int attempt = 1; attempt <= options_.max_attempts; ++attempt) {
    EXPECT_EQ(DeliverDue(), 1) << attempt;
    clock_.Advance(options_.max_retry);
  }
  server_.set_behaviour(FakeSmtpServer::Behaviour::kAccept);
  clock_.Advance(hours(10));
  EXPECT_EQ(DeliverDue(), 0);
  EXPECT_EQ(server_.connections(), options_.max_attempts);
}

TEST_F(OutboxDeliveryTest, ARefusedRecipientIsGivenUpAtOnce) {
  QueueJapanese();
  server_.set_behaviour(FakeSmtpServer::Behaviour::kRejectRecipient);
  EXPECT_EQ(DeliverDue(), 1);
  server_.set_behaviour(FakeSmtpServer::Behaviour::kAccept);
  clock_.Advance(days(1));
  EXPECT_EQ(DeliverDue(), 0);
  EXPECT_EQ(server_.connections(), 1);
}

TEST_F(OutboxDeliveryTest, StaleMailAndSmsAreNeverSent) {
  QueueJapanese();
  ASSERT_TRUE(mailer_.Send({mail::Channel::kSms, "+819012345678", "", "code 123456", clock_.Now()})
                  .has_value());
  clock_.Advance(options_.max_age + seconds(1));  // Say SMTP was configured only now.
  EXPECT_EQ(DeliverDue(), 1);
  EXPECT_EQ(DeliverDue(), 0);
  EXPECT_EQ(server_.connections(), 0);
  EXPECT_EQ(store_->outbox().ListRecent(10)->size(), 2u);
}

}  // namespace
}  // namespace enishi::smtp
