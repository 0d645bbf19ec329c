// AccountService: Login, Authenticate and Logout.

#include <gtest/gtest.h>

#include <algorithm>

#include "account_service_fixture.hpp"

namespace enishi::accounts {
namespace {

TEST_F(AccountServiceTest, LoginOpensASessionOfTheAskedKind) {
  IssuedSession first = CreateAccount("a@example.com");
  auto issued = service_->Login(" A@Example.com", kPassword, SessionKind::kApi, Client());
  ASSERT_TRUE(issued) << issued.error().message;
  EXPECT_EQ(issued->account.id, first.account.id);
  EXPECT_EQ(issued->session.kind, SessionKind::kApi);
  EXPECT_EQ(issued->session.expires_at, clock_.Now() + hours(24 * 90));
  EXPECT_NE(issued->token, first.token);
  EXPECT_FALSE(issued->device_token.empty());
  auto sessions = service_->ListSessions(first.account.id);
  ASSERT_TRUE(sessions);
  EXPECT_EQ(sessions->size(), 2u);
}

TEST_F(AccountServiceTest, UnknownLoginAndWrongPasswordFailAlikeAfterTheSameWork) {
  CreateAccount("a@example.com");
  struct Attempt {
    std::string login;
    std::string password;
  };
  const Attempt attempts[] = {
      {"a@example.com", "the wrong password"},
      {"nobody@example.com", std::string(kPassword)},
      {"not a login at all", std::string(kPassword)},
  };
  for (const Attempt& attempt : attempts) {
    int verifies_before = hasher_->verifies;
    auto issued = service_->Login(attempt.login, attempt.password, SessionKind::kBrowser, Client());
    ASSERT_FALSE(issued) << attempt.login;
    EXPECT_EQ(issued.error().code, ErrorCode::kUnauthenticated);
    EXPECT_EQ(issued.error().message, "invalid login or password");
    EXPECT_EQ(issued.error().field, "");
    // Argon2id ran once, against the dummy hash when there is no account.
    EXPECT_EQ(hasher_->verifies - verifies_before, 1) << attempt.login;
  }
}

TEST_F(AccountServiceTest, UnknownLoginsAreThrottledLikeKnownOnes) {
  CreateAccount("known@example.com");
  // Attempts until the throttle refuses, each from the same client.
  auto attempts_until_refused = [&](std::string_view login, const std::string& ip) {
    for (int i = 1; i <= 100; ++i) {
      auto issued = service_->Login(login, "the wrong password", SessionKind::kBrowser, Client(ip));
      if (!issued && issued.error().code == ErrorCode::kResourceExhausted) {
        EXPECT_EQ(issued.error().retry_after, minutes(15));
        return i;
      }
    }
    return 0;
  };
  int known = attempts_until_refused("known@example.com", "192.0.2.10");
  int unknown = attempts_until_refused("unknown@example.com", "192.0.2.11");
  EXPECT_EQ(known, 11);
  EXPECT_EQ(unknown, known);
  // Refused attempts do not even reach Argon2id.
  int verifies_before = hasher_->verifies;
  EXPECT_FALSE(
      service_->Login("known@example.com", kPassword, SessionKind::kBrowser, Client("192.0.2.10")));
  EXPECT_EQ(hasher_->verifies, verifies_before);
  // The window passes.
  clock_.Advance(minutes(15));
  EXPECT_TRUE(
      service_->Login("known@example.com", kPassword, SessionKind::kBrowser, Client("192.0.2.10")));
}

TEST_F(AccountServiceTest, ADeviceTokenKeepsTheOwnerInDuringAnAttack) {
  IssuedSession owner = CreateAccount("victim@example.com");
  // A botnet guesses from many addresses until the per-login limit (30 an hour) is reached.
  for (int i = 0; i < 30; ++i) {
    auto guess = service_->Login("victim@example.com", "guess " + std::to_string(i),
                                 SessionKind::kBrowser, Client("198.51.100." + std::to_string(i)));
    ASSERT_FALSE(guess);
    ASSERT_EQ(guess.error().code, ErrorCode::kUnauthenticated);
  }
  auto stranger = service_->Login("victim@example.com", kPassword, SessionKind::kBrowser,
                                  Client("203.0.113.1"));
  ASSERT_FALSE(stranger);
  EXPECT_EQ(stranger.error().code, ErrorCode::kResourceExhausted);

  // The owner's browser, with the device token from sign-up, is not locked out...
  auto again = service_->Login("victim@example.com", kPassword, SessionKind::kBrowser,
                               Client("203.0.113.1", owner.device_token));
  ASSERT_TRUE(again) << again.error().message;
  // ...and neither is it with the fresh token that login handed out.
  EXPECT_TRUE(service_->Login("victim@example.com", kPassword, SessionKind::kBrowser,
                              Client("203.0.113.2", again->device_token)));
  // Another account's token, or a forged one, does not help.
  IssuedSession other = CreateAccount("other@example.com");
  for (const std::string& token : {other.device_token, owner.device_token + "0"}) {
    auto refused = service_->Login("victim@example.com", kPassword, SessionKind::kBrowser,
                                   Client("203.0.113.3", token));
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::kResourceExhausted);
  }
}

TEST_F(AccountServiceTest, AuthenticateRefreshesLastSeenAtMostOnceAMinute) {
  IssuedSession issued = CreateAccount("a@example.com");
  Timestamp created = issued.session.created_at;
  auto touches = [&] {
    auto calls = store_.calls();
    return std::count(calls.begin(), calls.end(), "accounts.touch_sessions");
  };

  clock_.Advance(seconds(59));
  auto early = service_->Authenticate(issued.token);
  ASSERT_TRUE(early);
  EXPECT_EQ(early->session.last_seen_at, created);

  clock_.Advance(seconds(1));
  auto later = service_->Authenticate(issued.token);
  ASSERT_TRUE(later);
  EXPECT_EQ(later->session.last_seen_at, clock_.Now());
  EXPECT_EQ(touches(), 0) << "authenticating never waits on a write";

  clock_.Advance(seconds(30));
  ASSERT_TRUE(service_->Authenticate(issued.token));
  ASSERT_TRUE(service_->StoreSessionActivity());
  EXPECT_EQ(touches(), 1);
  auto sessions = service_->ListSessions(issued.account.id);
  ASSERT_TRUE(sessions);
  EXPECT_EQ(sessions->front().last_seen_at, clock_.Now()) << "the latest use is stored";

  ASSERT_TRUE(service_->StoreSessionActivity());
  EXPECT_EQ(touches(), 1) << "nothing new to store";
}

TEST_F(AccountServiceTest, SessionActivityIsStoredTogetherAndKeptWhenTheStoreFails) {
  IssuedSession a = CreateAccount("a@example.com");
  IssuedSession b = CreateAccount("b@example.com");
  clock_.Advance(minutes(2));
  ASSERT_TRUE(service_->Authenticate(a.token));
  ASSERT_TRUE(service_->Authenticate(b.token));
  Timestamp seen = clock_.Now();

  store_.FailNthCall(1, ErrorCode::kUnavailable, "accounts.touch_sessions");
  EXPECT_FALSE(service_->StoreSessionActivity());
  ASSERT_TRUE(service_->StoreSessionActivity());
  auto calls = store_.calls();
  EXPECT_EQ(std::count(calls.begin(), calls.end(), "accounts.touch_sessions"), 2)
      << "one unit for both sessions, failed once, then retried";
  for (const IssuedSession& issued : {a, b}) {
    auto sessions = service_->ListSessions(issued.account.id);
    ASSERT_TRUE(sessions);
    EXPECT_EQ(sessions->front().last_seen_at, seen);
  }
}

TEST_F(AccountServiceTest, SessionsExpire) {
  IssuedSession browser = CreateAccount("a@example.com");
  auto api = service_->Login("a@example.com", kPassword, SessionKind::kApi, Client());
  ASSERT_TRUE(api);
  clock_.Advance(hours(24 * 30) - seconds(1));
  EXPECT_TRUE(service_->Authenticate(browser.token));
  clock_.Advance(seconds(1));
  auto expired = service_->Authenticate(browser.token);
  ASSERT_FALSE(expired);
  EXPECT_EQ(expired.error().code, ErrorCode::kUnauthenticated);
  EXPECT_TRUE(service_->Authenticate(api->token));
  clock_.Advance(hours(24 * 60));
  EXPECT_FALSE(service_->Authenticate(api->token));
}

TEST_F(AccountServiceTest, AuthenticateRefusesUnknownTokens) {
  CreateAccount("a@example.com");
  for (const std::string& token :
       {std::string(), std::string("nope"), std::string(10000, 'x'), crypto::RandomToken()}) {
    auto authenticated = service_->Authenticate(token);
    ASSERT_FALSE(authenticated);
    EXPECT_EQ(authenticated.error().code, ErrorCode::kUnauthenticated);
  }
}

TEST_F(AccountServiceTest, LogoutEndsTheSession) {
  IssuedSession issued = CreateAccount("a@example.com");
  ASSERT_TRUE(service_->Logout(issued.session));
  EXPECT_FALSE(service_->Authenticate(issued.token));
  EXPECT_TRUE(service_->Logout(issued.session));  // already ended: still fine
}

}  // namespace
}  // namespace enishi::accounts
