#include "smtp/smtp_transport.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "crypto/random.hpp"
#include "smtp/fake_smtp_server.hpp"
#include "smtp/parsed_mail.hpp"

namespace enishi::smtp {
namespace {

using testing::FakeSmtpServer;

mail::Message JapaneseCode() {
  return {mail::Channel::kEmail, "aiko@example.jp", "【縁】確認コード",
          "確認コードは 123456 です。\n縁 (Enishi)", FromMicros(1795329000000000)};
}

class SmtpTransportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(crypto::Initialize().has_value());
    ASSERT_NE(server_.port(), 0);
  }

  SmtpOptions Options() const {
    SmtpOptions options;
    options.url = "smtp://127.0.0.1:" + std::to_string(server_.port());
    options.from = "縁 Enishi <no-reply@enishi.example>";
    options.connect_timeout = std::chrono::seconds(2);
    options.timeout = std::chrono::seconds(3);
    return options;
  }

  std::unique_ptr<SmtpTransport> Transport(SmtpOptions options) {
    auto transport = SmtpTransport::Create(std::move(options));
    EXPECT_TRUE(transport.has_value()) << transport.error().message;
    return transport ? std::move(transport).value() : nullptr;
  }

  FakeSmtpServer server_{/*advertise_auth=*/true};
};

TEST_F(SmtpTransportTest, DeliversJapaneseMail) {
  SmtpOptions options = Options();
  options.user = "enishi";
  options.password = "s3cret パスワード";
  auto transport = Transport(options);
  ASSERT_NE(transport, nullptr);
  auto delivered = transport->Deliver(JapaneseCode());
  ASSERT_TRUE(delivered.has_value()) << delivered.error().message;

  auto received = server_.received();
  ASSERT_EQ(received.size(), 1u);
  EXPECT_EQ(received[0].helo, "enishi.example");
  EXPECT_EQ(received[0].auth, std::string("\0enishi\0", 8) + "s3cret パスワード");
  EXPECT_EQ(received[0].mail_from, "<no-reply@enishi.example>");
  EXPECT_EQ(received[0].recipients, std::vector<std::string>{"<aiko@example.jp>"});
  testing::ParsedMail mail = testing::ParseMail(received[0].data);
  EXPECT_EQ(testing::DecodeHeader(mail.headers["Subject"]), "【縁】確認コード");
  EXPECT_EQ(testing::DecodeHeader(mail.headers["From"]), "縁 Enishi <no-reply@enishi.example>");
  EXPECT_EQ(mail.headers["To"], "aiko@example.jp");
  EXPECT_EQ(mail.headers["Date"], "Sun, 22 Nov 2026 06:30:00 +0000");
  EXPECT_TRUE(mail.headers["Message-ID"].ends_with("@enishi.example>"));
  EXPECT_EQ(mail.body, "確認コードは 123456 です。\r\n縁 (Enishi)");

  // Every message gets its own Message-ID.
  ASSERT_TRUE(transport->Deliver(JapaneseCode()).has_value());
  received = server_.received();
  ASSERT_EQ(received.size(), 2u);
  EXPECT_NE(testing::ParseMail(received[1].data).headers["Message-ID"], mail.headers["Message-ID"]);
}

TEST_F(SmtpTransportTest, TemporaryFailuresAreWorthRetrying) {
  auto transport = Transport(Options());
  ASSERT_NE(transport, nullptr);
  // A server refusing us altogether is the operator's to sort out, not a reason to drop mail.
  for (auto behaviour :
       {FakeSmtpServer::Behaviour::kTemporaryFailure, FakeSmtpServer::Behaviour::kCloseAtOnce,
        FakeSmtpServer::Behaviour::kRefuseService}) {
    server_.set_behaviour(behaviour);
    auto delivered = transport->Deliver(JapaneseCode());
    ASSERT_FALSE(delivered.has_value());
    EXPECT_EQ(delivered.error().code, ErrorCode::kUnavailable) << delivered.error().message;
    EXPECT_TRUE(delivered.error().message.starts_with("SMTP: ")) << delivered.error().message;
  }
  EXPECT_TRUE(server_.received().empty());
}

TEST_F(SmtpTransportTest, SilentServersTimeOut) {
  server_.set_behaviour(FakeSmtpServer::Behaviour::kSilent);
  SmtpOptions options = Options();
  options.timeout = std::chrono::seconds(1);
  auto transport = Transport(options);
  ASSERT_NE(transport, nullptr);
  auto started = std::chrono::steady_clock::now();
  auto delivered = transport->Deliver(JapaneseCode());
  ASSERT_FALSE(delivered.has_value());
  EXPECT_EQ(delivered.error().code, ErrorCode::kUnavailable);
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(3));
}

TEST_F(SmtpTransportTest, UnreachableServersAreWorthRetrying) {
  SmtpOptions options = Options();
  {
    FakeSmtpServer gone;  // Its port is free again once it is destroyed.
    options.url = "smtp://127.0.0.1:" + std::to_string(gone.port());
  }
  auto transport = Transport(options);
  ASSERT_NE(transport, nullptr);
  auto delivered = transport->Deliver(JapaneseCode());
  ASSERT_FALSE(delivered.has_value());
  EXPECT_EQ(delivered.error().code, ErrorCode::kUnavailable);
}

TEST_F(SmtpTransportTest, PermanentRefusalsOfTheMailAreFinal) {
  auto transport = Transport(Options());
  ASSERT_NE(transport, nullptr);
  for (auto behaviour :
       {FakeSmtpServer::Behaviour::kRejectRecipient, FakeSmtpServer::Behaviour::kRejectMessage}) {
    server_.set_behaviour(behaviour);
    auto delivered = transport->Deliver(JapaneseCode());
    ASSERT_FALSE(delivered.has_value());
    EXPECT_EQ(delivered.error().code, ErrorCode::kInvalidArgument) << delivered.error().message;
  }
  EXPECT_TRUE(server_.received().empty());
}

TEST_F(SmtpTransportTest, RefusesInjectionBeforeConnecting) {
  auto transport = Transport(Options());
  ASSERT_NE(transport, nullptr);
  mail::Message message = JapaneseCode();
  message.to = "aiko@example.jp>\r\nRCPT TO:<everyone@example.com";
  auto delivered = transport->Deliver(message);
  ASSERT_FALSE(delivered.has_value());
  EXPECT_EQ(delivered.error().code, ErrorCode::kInvalidArgument);
  message = JapaneseCode();
  message.subject = "hi\r\nBcc: everyone@example.com";
  EXPECT_FALSE(transport->Deliver(message).has_value());
  EXPECT_EQ(server_.connections(), 0);
}

TEST_F(SmtpTransportTest, CreateChecksTheOptions) {
  for (std::string url : {"", "mail.example.com:587", "http://mail.example.com", "smtp://",
                          "file:///etc/passwd", "imap://mail.example.com"}) {
    SmtpOptions options = Options();
    options.url = url;
    auto transport = SmtpTransport::Create(options);
    ASSERT_FALSE(transport.has_value()) << url;
    EXPECT_EQ(transport.error().field, "mail.smtp_url") << url;
  }
  for (std::string from : {"", "enishi", "Enishi <no-reply@enishi.example>\r\nBcc: x@y.example"}) {
    SmtpOptions options = Options();
    options.from = from;
    auto transport = SmtpTransport::Create(options);
    ASSERT_FALSE(transport.has_value()) << from;
    EXPECT_EQ(transport.error().field, "mail.from");
  }
  for (std::string url : {"smtp://mail.example.com:587", "smtps://mail.example.com",
                          "smtp://[::1]:2525/client.example"}) {
    SmtpOptions options = Options();
    options.url = url;
    EXPECT_TRUE(SmtpTransport::Create(options).has_value()) << url;
  }
}

}  // namespace
}  // namespace enishi::smtp
