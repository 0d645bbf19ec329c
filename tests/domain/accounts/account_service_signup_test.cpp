// AccountService: StartSignup and VerifySignup.

#include <gtest/gtest.h>

#include <regex>

#include "account_service_fixture.hpp"

namespace enishi::accounts {
namespace {

TEST_F(AccountServiceTest, SignupSendsACodeThatOpensTheFirstSession) {
  ASSERT_TRUE(service_->StartSignup(Signup(" Hanako@Example.com "), Client()));
  auto messages = Outbox();
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0].to, "hanako@example.com");
  EXPECT_EQ(messages[0].channel, mail::Channel::kEmail);
  EXPECT_NE(messages[0].body.find("10 minutes"), std::string::npos);
  auto code = LastCode();
  ASSERT_TRUE(code);

  auto issued = service_->VerifySignup("hanako@example.com", *code, SessionKind::kBrowser,
                                       Client("192.0.2.1"));
  ASSERT_TRUE(issued) << issued.error().message;
  EXPECT_TRUE(issued->account.id.valid());
  EXPECT_EQ(issued->account.login, "hanako@example.com");
  EXPECT_EQ(issued->account.display_name, "Tanaka Hanako");
  EXPECT_EQ(issued->account.locale, "en");
  EXPECT_EQ(issued->session.member_id, issued->account.id);
  EXPECT_EQ(issued->session.user_agent, "Mozilla/5.0 (test)");
  EXPECT_EQ(issued->session.expires_at, clock_.Now() + hours(24 * 30));
  EXPECT_EQ(issued->token.size(), 43u);
  EXPECT_FALSE(issued->device_token.empty());
  EXPECT_NE(issued->session.token_hash, issued->token);  // only the hash is stored

  auto authenticated = service_->Authenticate(issued->token);
  ASSERT_TRUE(authenticated);
  EXPECT_EQ(authenticated->account.id, issued->account.id);
  EXPECT_TRUE(service_->Login("hanako@example.com", kPassword, SessionKind::kApi, Client()));
}

TEST_F(AccountServiceTest, SignupForAPhoneNumberSendsAnSmsInTheRequestedLocale) {
  ASSERT_TRUE(
      service_->StartSignup(Signup("＋８１ ９０－１２３４－５６７８", "zh-Hans"), Client()));
  auto messages = Outbox();
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0].to, "+819012345678");
  EXPECT_EQ(messages[0].channel, mail::Channel::kSms);
  EXPECT_NE(messages[0].body.find("验证码"), std::string::npos);
  ASSERT_TRUE(LastCode());
  EXPECT_TRUE(service_->VerifySignup("+81 90 1234 5678", *LastCode(), SessionKind::kApi, Client()));
}

TEST_F(AccountServiceTest, SignupForATakenLoginLooksTheSameButSendsOnlyANotice) {
  IssuedSession owner = CreateAccount("taken@example.com", "ja");
  size_t messages_before = Outbox().size();

  size_t calls_before = store_.calls().size();
  int hashes_before = hasher_->hashes;
  auto fresh = service_->StartSignup(Signup("fresh@example.com"), Client("192.0.2.7"));
  std::vector<std::string> fresh_calls = CallsSince(calls_before);
  int fresh_hashes = hasher_->hashes - hashes_before;

  calls_before = store_.calls().size();
  hashes_before = hasher_->hashes;
  auto taken = service_->StartSignup(Signup("taken@example.com"), Client("192.0.2.8"));
  std::vector<std::string> taken_calls = CallsSince(calls_before);
  int taken_hashes = hasher_->hashes - hashes_before;

  // The same answer after the same work: one Argon2id hash and the same repository calls.
  ASSERT_TRUE(fresh);
  ASSERT_TRUE(taken);
  EXPECT_EQ(fresh_hashes, 1);
  EXPECT_EQ(taken_hashes, 1);
  EXPECT_EQ(fresh_calls, taken_calls);
  EXPECT_EQ(taken_calls,
            (std::vector<std::string>{"accounts.find_account_by_login",
                                      "accounts.put_pending_signup", "outbox.append"}));

  auto messages = Outbox();
  ASSERT_EQ(messages.size(), messages_before + 2);
  const mail::Message& notice = messages.back();
  EXPECT_EQ(notice.to, "taken@example.com");
  // No code for whoever asked; the notice is in the owner's language, not the requester's.
  EXPECT_FALSE(std::regex_search(notice.body, std::regex("[0-9]{6}")));
  EXPECT_NE(notice.body.find("ログイン"), std::string::npos);
  // And the owner's account is untouched.
  auto still = service_->Authenticate(owner.token);
  ASSERT_TRUE(still);
  EXPECT_EQ(still->account.display_name, owner.account.display_name);
}

TEST_F(AccountServiceTest, SignupRefusesBadInputNamingTheField) {
  struct Case {
    SignupRequest request;
    std::string field;
    std::string message_prefix;
  };
  const Case cases[] = {
      {{"not a login", "kiri no naka no shiro", "Hanako", "en"}, "login", ""},
      {{"a@example.com", "kiri no naka no shiro", " ", "en"}, "display_name", ""},
      {{"a@example.com", "kiri no naka no shiro", "Hanako", "fr"}, "locale", ""},
      {{"a@example.com", "short", "Hanako", "en"}, "password", "too_short: "},
      {{"a@example.com", "Password1", "Hanako", "en"}, "password", "common: "},
      {{"a@example.com", "A@Example.com", "Hanako", "en"}, "password", "matches_account: "},
  };
  for (const Case& c : cases) {
    auto started = service_->StartSignup(c.request, Client());
    ASSERT_FALSE(started) << c.field;
    EXPECT_EQ(started.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(started.error().field, c.field);
    EXPECT_TRUE(started.error().message.starts_with(c.message_prefix)) << started.error().message;
  }
  EXPECT_TRUE(Outbox().empty());
  EXPECT_EQ(hasher_->hashes, 1);  // only the dummy hash made at construction
}

TEST_F(AccountServiceTest, SignupIsThrottledPerLogin) {
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(
        service_->StartSignup(Signup("a@example.com"), Client("192.0.2." + std::to_string(i))));
  }
  auto throttled = service_->StartSignup(Signup("a@example.com"), Client("192.0.2.99"));
  ASSERT_FALSE(throttled);
  EXPECT_EQ(throttled.error().code, ErrorCode::kResourceExhausted);
  EXPECT_EQ(throttled.error().retry_after, hours(1));
  EXPECT_EQ(Outbox().size(), 3u);
  clock_.Advance(hours(1));
  EXPECT_TRUE(service_->StartSignup(Signup("a@example.com"), Client("192.0.2.99")));
}

TEST_F(AccountServiceTest, SignupFailsWhenTheStoreFailsAndSendsNothing) {
  store_.FailNthCall(1, ErrorCode::kUnavailable, "accounts.put_pending_signup");
  auto started = service_->StartSignup(Signup("a@example.com"), Client());
  ASSERT_FALSE(started);
  EXPECT_EQ(started.error().code, ErrorCode::kUnavailable);
  EXPECT_TRUE(Outbox().empty());
}

TEST_F(AccountServiceTest, WrongCodesSpendAttemptsUntilNoneAreLeft) {
  ASSERT_TRUE(service_->StartSignup(Signup("a@example.com"), Client()));
  std::string code = *LastCode();
  std::string wrong = code == "000000" ? "000001" : "000000";
  for (int i = 0; i < 5; ++i) {
    auto verified = service_->VerifySignup("a@example.com", wrong, SessionKind::kBrowser, Client());
    ASSERT_FALSE(verified);
    EXPECT_EQ(verified.error().code, ErrorCode::kUnauthenticated);
    EXPECT_EQ(verified.error().message, "invalid or expired code");
  }
  auto exhausted = service_->VerifySignup("a@example.com", code, SessionKind::kBrowser, Client());
  ASSERT_FALSE(exhausted);
  EXPECT_EQ(exhausted.error().code, ErrorCode::kUnauthenticated);
  EXPECT_EQ(exhausted.error().message, "invalid or expired code");
}

TEST_F(AccountServiceTest, ACodeExpiresAfterTenMinutes) {
  ASSERT_TRUE(service_->StartSignup(Signup("a@example.com"), Client()));
  std::string code = *LastCode();
  clock_.Advance(minutes(10));
  auto verified = service_->VerifySignup("a@example.com", code, SessionKind::kBrowser, Client());
  ASSERT_FALSE(verified);
  EXPECT_EQ(verified.error().code, ErrorCode::kUnauthenticated);
  EXPECT_EQ(verified.error().message, "invalid or expired code");
}

TEST_F(AccountServiceTest, ACodeWorksOnce) {
  ASSERT_TRUE(service_->StartSignup(Signup("a@example.com"), Client()));
  std::string code = *LastCode();
  ASSERT_TRUE(service_->VerifySignup("a@example.com", code, SessionKind::kBrowser, Client()));
  auto again = service_->VerifySignup("a@example.com", code, SessionKind::kBrowser, Client());
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kUnauthenticated);
}

TEST_F(AccountServiceTest, VerifyAcceptsFullWidthDigitsAndRefusesMalformedCodes) {
  ASSERT_TRUE(service_->StartSignup(Signup("a@example.com"), Client()));
  std::string code = *LastCode();
  std::string full_width;
  for (char digit : code)
    full_width += "\xef\xbc" + std::string(1, static_cast<char>(0x90 + (digit - '0')));
  for (std::string_view malformed : {"", "12345", "1234567", "12a456", "+12345"}) {
    auto verified =
        service_->VerifySignup("a@example.com", malformed, SessionKind::kBrowser, Client());
    ASSERT_FALSE(verified);
    EXPECT_EQ(verified.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(verified.error().field, "code");
  }
  EXPECT_TRUE(service_->VerifySignup("a@example.com", " " + full_width + " ", SessionKind::kBrowser,
                                     Client()));
}

TEST_F(AccountServiceTest, VerifyForAnUnknownOrMalformedLoginIsAWrongCode) {
  for (std::string_view login : {"nobody@example.com", "not a login"}) {
    auto verified = service_->VerifySignup(login, "123456", SessionKind::kBrowser, Client());
    ASSERT_FALSE(verified);
    EXPECT_EQ(verified.error().code, ErrorCode::kUnauthenticated);
    EXPECT_EQ(verified.error().message, "invalid or expired code");
  }
}

TEST_F(AccountServiceTest, VerifyOfALoginThatGotAnAccountIsAWrongCode) {
  ASSERT_TRUE(service_->StartSignup(Signup("a@example.com"), Client()));
  store_.FailNthCall(1, ErrorCode::kAlreadyExists, "accounts.complete_signup");
  auto verified =
      service_->VerifySignup("a@example.com", *LastCode(), SessionKind::kBrowser, Client());
  ASSERT_FALSE(verified);
  EXPECT_EQ(verified.error().code, ErrorCode::kUnauthenticated);
  EXPECT_EQ(verified.error().message, "invalid or expired code");
}

}  // namespace
}  // namespace enishi::accounts
