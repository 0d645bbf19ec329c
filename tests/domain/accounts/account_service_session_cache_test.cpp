// AccountService: the sessions Authenticate keeps in memory — how long they spare the store,
// and that every change that ends a session or alters the account is seen at once.

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <functional>
#include <span>
#include <thread>
#include <utility>
#include <vector>

#include "account_service_fixture.hpp"
#include "crypto/hash.hpp"

namespace enishi::accounts {
namespace {

using std::chrono::milliseconds;

// Forwards to another repository, and runs `after_read` (once) when a read of
// FindSessionWithAccount has returned: a request that races with another.
class RacingRepository final : public AccountRepository {
 public:
  explicit RacingRepository(AccountRepository& inner) : in_(inner) {}

  Result<std::optional<SessionWithAccount>> FindSessionWithAccount(
      std::string_view token_hash) override {
    auto found = in_.FindSessionWithAccount(token_hash);
    if (auto race = std::exchange(after_read, nullptr)) race();
    return found;
  }

  Result<void> PutPendingSignup(const PendingSignup& signup) override {
    return in_.PutPendingSignup(signup);
  }
  Result<std::optional<PendingSignup>> FindPendingSignup(std::string_view login) override {
    return in_.FindPendingSignup(login);
  }
  Result<void> SpendSignupAttempt(std::string_view login) override {
    return in_.SpendSignupAttempt(login);
  }
  Result<void> CompleteSignup(const Account& account, const Session& session) override {
    return in_.CompleteSignup(account, session);
  }
  Result<void> CreateAccount(const Account& account) override { return in_.CreateAccount(account); }
  Result<std::optional<Account>> FindAccountByLogin(std::string_view login) override {
    return in_.FindAccountByLogin(login);
  }
  Result<std::optional<Account>> FindAccount(MemberId id) override { return in_.FindAccount(id); }
  Result<void> UpdateAccountSettings(MemberId id, std::string_view display_name,
                                     std::string_view locale) override {
    return in_.UpdateAccountSettings(id, display_name, locale);
  }
  Result<void> ChangePassword(MemberId id, std::string_view password_hash,
                              SessionId keep) override {
    return in_.ChangePassword(id, password_hash, keep);
  }
  Result<void> DeleteAccount(MemberId id) override { return in_.DeleteAccount(id); }
  Result<void> CreateSession(const Session& session) override { return in_.CreateSession(session); }
  Result<std::optional<Session>> FindSessionByTokenHash(std::string_view token_hash) override {
    return in_.FindSessionByTokenHash(token_hash);
  }
  Result<std::vector<Session>> ListSessions(MemberId member) override {
    return in_.ListSessions(member);
  }
  Result<bool> DeleteSession(MemberId member, SessionId session) override {
    return in_.DeleteSession(member, session);
  }
  Result<void> TouchSessions(std::span<const SessionSeen> seen) override {
    return in_.TouchSessions(seen);
  }
  Result<int> DeleteExpired(Timestamp now) override { return in_.DeleteExpired(now); }

  std::function<void()> after_read;

 private:
  AccountRepository& in_;
};

class AccountServiceCacheTest : public AccountServiceTest {
 protected:
  // How often Authenticate has read the store so far.
  long StoreReads() {
    auto calls = store_.calls();
    return std::count(calls.begin(), calls.end(), "accounts.find_session_with_account");
  }

  // A second session of `member`, written straight to the store; returns its token.
  std::string SessionBehindTheService(const Session& like) {
    std::string token = crypto::RandomToken();
    Session session = like;
    session.id = crypto::RandomId<SessionId>();
    session.token_hash = crypto::Sha256Hex(token);
    EXPECT_TRUE(store_.inner().accounts().CreateSession(session));
    return token;
  }
};

TEST_F(AccountServiceCacheTest, RepeatedRequestsReadTheStoreOncePerWindow) {
  IssuedSession issued = CreateAccount("a@example.com");
  long before = StoreReads();
  ASSERT_TRUE(service_->Authenticate(issued.token));
  EXPECT_EQ(StoreReads(), before + 1);

  clock_.Advance(AccountService::kSessionCacheTtl - milliseconds(1));
  for (int i = 0; i < 5; ++i) {
    auto again = service_->Authenticate(issued.token);
    ASSERT_TRUE(again);
    EXPECT_EQ(again->session.id, issued.session.id);
    EXPECT_EQ(again->account.id, issued.account.id);
  }
  EXPECT_EQ(StoreReads(), before + 1) << "served from memory";

  clock_.Advance(milliseconds(1));
  ASSERT_TRUE(service_->Authenticate(issued.token));
  EXPECT_EQ(StoreReads(), before + 2) << "read again once the window has passed";
  ASSERT_TRUE(service_->Authenticate(issued.token));
  EXPECT_EQ(StoreReads(), before + 2) << "and kept for another window";
}

TEST_F(AccountServiceCacheTest, AChangeMadeElsewhereIsSeenWithinTheWindow) {
  IssuedSession issued = CreateAccount("a@example.com");
  ASSERT_TRUE(service_->Authenticate(issued.token));
  // Another server changes the name; nothing tells this one.
  ASSERT_TRUE(store_.inner().accounts().UpdateAccountSettings(issued.account.id, "Yamada Taro",
                                                              issued.account.locale));
  EXPECT_EQ(service_->Authenticate(issued.token)->account.display_name, "Tanaka Hanako");
  clock_.Advance(AccountService::kSessionCacheTtl);
  EXPECT_EQ(service_->Authenticate(issued.token)->account.display_name, "Yamada Taro");
}

TEST_F(AccountServiceCacheTest, ForgetSessionsOfDropsOnlyThatMembersSessions) {
  IssuedSession alice = CreateAccount("alice@example.com");
  IssuedSession bob = CreateAccount("bob@example.com");
  ASSERT_TRUE(service_->Authenticate(alice.token));
  ASSERT_TRUE(service_->Authenticate(bob.token));
  // Another server signs Alice out and announces it.
  ASSERT_TRUE(store_.inner().accounts().DeleteSession(alice.account.id, alice.session.id));
  EXPECT_TRUE(service_->Authenticate(alice.token)) << "not heard of yet";

  service_->ForgetSessionsOf(alice.account.id);
  long before = StoreReads();
  auto refused = service_->Authenticate(alice.token);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kUnauthenticated);
  ASSERT_TRUE(service_->Authenticate(bob.token));
  EXPECT_EQ(StoreReads(), before + 1) << "Bob's session is still in memory";
}

TEST_F(AccountServiceCacheTest, LogoutIsSeenAtOnce) {
  IssuedSession issued = CreateAccount("a@example.com");
  ASSERT_TRUE(service_->Authenticate(issued.token));
  ASSERT_TRUE(service_->Logout(issued.session));
  auto refused = service_->Authenticate(issued.token);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kUnauthenticated);
}

TEST_F(AccountServiceCacheTest, RevocationIsSeenAtOnce) {
  IssuedSession issued = CreateAccount("a@example.com");
  std::string other = SessionBehindTheService(issued.session);
  ASSERT_TRUE(service_->Authenticate(other));
  ASSERT_TRUE(service_->Authenticate(issued.token));
  ASSERT_TRUE(service_->RevokeSession(issued.account.id, issued.session.id));
  EXPECT_FALSE(service_->Authenticate(issued.token));
  EXPECT_TRUE(service_->Authenticate(other));
}

TEST_F(AccountServiceCacheTest, APasswordChangeEndsTheOtherSessionsAtOnce) {
  IssuedSession current = CreateAccount("a@example.com");
  std::string other = SessionBehindTheService(current.session);
  ASSERT_TRUE(service_->Authenticate(current.token));
  ASSERT_TRUE(service_->Authenticate(other));
  ASSERT_TRUE(service_->ChangePassword(current.session, kPassword, "a much better passphrase"));
  EXPECT_FALSE(service_->Authenticate(other));
  auto kept = service_->Authenticate(current.token);
  ASSERT_TRUE(kept);
  EXPECT_NE(kept->account.password_hash, current.account.password_hash)
      << "the account is read afresh";
}

TEST_F(AccountServiceCacheTest, DeletionIsSeenAtOnce) {
  IssuedSession issued = CreateAccount("a@example.com");
  std::string other = SessionBehindTheService(issued.session);
  ASSERT_TRUE(service_->Authenticate(issued.token));
  ASSERT_TRUE(service_->Authenticate(other));
  ASSERT_TRUE(service_->DeleteAccount(issued.account.id, kPassword));
  EXPECT_FALSE(service_->Authenticate(issued.token));
  EXPECT_FALSE(service_->Authenticate(other));
}

TEST_F(AccountServiceCacheTest, NewSettingsAreSeenAtOnce) {
  IssuedSession issued = CreateAccount("a@example.com");
  ASSERT_TRUE(service_->Authenticate(issued.token));
  ASSERT_TRUE(service_->UpdateSettings(issued.account.id, "Yamada Taro", std::nullopt));
  auto renamed = service_->Authenticate(issued.token);
  ASSERT_TRUE(renamed);
  EXPECT_EQ(renamed->account.display_name, "Yamada Taro");
  ASSERT_TRUE(service_->UpdateSettings(issued.account.id, std::nullopt, "ja"));
  EXPECT_EQ(service_->Authenticate(issued.token)->account.locale, "ja");
}

TEST_F(AccountServiceCacheTest, ExpiryIsCheckedOnEveryRequest) {
  IssuedSession issued = CreateAccount("a@example.com");
  clock_.Set(issued.session.expires_at - milliseconds(500));
  ASSERT_TRUE(service_->Authenticate(issued.token));
  long before = StoreReads();
  clock_.Advance(milliseconds(500));
  auto expired = service_->Authenticate(issued.token);
  ASSERT_FALSE(expired);
  EXPECT_EQ(expired.error().code, ErrorCode::kUnauthenticated);
  EXPECT_EQ(StoreReads(), before) << "refused from memory";
}

TEST_F(AccountServiceCacheTest, AFailedReadIsNotKept) {
  IssuedSession issued = CreateAccount("a@example.com");
  store_.FailNthCall(1, ErrorCode::kUnavailable, "accounts.find_session_with_account");
  auto failed = service_->Authenticate(issued.token);
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().code, ErrorCode::kUnavailable);
  EXPECT_TRUE(service_->Authenticate(issued.token));
  long before = StoreReads();
  EXPECT_TRUE(service_->Authenticate(issued.token));
  EXPECT_EQ(StoreReads(), before) << "the successful read is kept";
}

TEST_F(AccountServiceCacheTest, UnknownTokensAreNotKept) {
  IssuedSession issued = CreateAccount("a@example.com");
  std::string token = crypto::RandomToken();
  long before = StoreReads();
  EXPECT_FALSE(service_->Authenticate(token));
  EXPECT_FALSE(service_->Authenticate(token));
  EXPECT_EQ(StoreReads(), before + 2);
}

TEST_F(AccountServiceCacheTest, AUseNotedFromMemoryIsNotNotedAgain) {
  IssuedSession issued = CreateAccount("a@example.com");
  clock_.Advance(seconds(59) + milliseconds(500));
  ASSERT_TRUE(service_->Authenticate(issued.token));  // Read, not yet a minute old.
  clock_.Advance(milliseconds(500));
  Timestamp noted = clock_.Now();
  EXPECT_EQ(service_->Authenticate(issued.token)->session.last_seen_at, noted);
  clock_.Advance(milliseconds(200));
  EXPECT_EQ(service_->Authenticate(issued.token)->session.last_seen_at, noted);

  ASSERT_TRUE(service_->StoreSessionActivity());
  auto sessions = service_->ListSessions(issued.account.id);
  ASSERT_TRUE(sessions);
  EXPECT_EQ(sessions->front().last_seen_at, noted);
}

TEST_F(AccountServiceCacheTest, AFullCacheDropsStaleEntriesFirstThenStartsAfresh) {
  IssuedSession issued = CreateAccount("a@example.com");
  const size_t half = AccountService::kMaxCachedSessions / 2;
  std::vector<std::string> tokens;
  for (size_t i = 0; i < AccountService::kMaxCachedSessions + 1; ++i) {
    tokens.push_back(SessionBehindTheService(issued.session));
  }
  auto read_again = [&](const std::string& token) {
    long before = StoreReads();
    EXPECT_TRUE(service_->Authenticate(token));
    return StoreReads() > before;
  };

  for (size_t i = 0; i < half; ++i) ASSERT_TRUE(service_->Authenticate(tokens[i]));
  clock_.Advance(AccountService::kSessionCacheTtl);
  for (size_t i = half; i < AccountService::kMaxCachedSessions; ++i) {
    ASSERT_TRUE(service_->Authenticate(tokens[i]));
  }
  // Full: the stale half makes room.
  ASSERT_TRUE(service_->Authenticate(tokens.back()));
  EXPECT_FALSE(read_again(tokens[half]));
  EXPECT_FALSE(read_again(tokens.back()));

  // Full of fresh entries: it starts afresh.
  for (size_t i = 1; i < half; ++i) ASSERT_TRUE(service_->Authenticate(tokens[i]));
  ASSERT_TRUE(service_->Authenticate(tokens[0]));
  EXPECT_TRUE(read_again(tokens[half]));
  EXPECT_FALSE(read_again(tokens[half]));
}

TEST_F(AccountServiceCacheTest, AReadThatRacedWithALogoutIsNotKept) {
  IssuedSession issued = CreateAccount("a@example.com");
  RacingRepository racing(store_.accounts());
  AccountService service(racing, mailer_, clock_, Options(), std::make_unique<CountingHasher>());
  // The session ends on this server while a request's read of it is in flight.
  racing.after_read = [&] { ASSERT_TRUE(service.Logout(issued.session)); };
  EXPECT_TRUE(service.Authenticate(issued.token)) << "read before the logout";
  EXPECT_FALSE(racing.after_read);
  EXPECT_FALSE(service.Authenticate(issued.token));
}

TEST_F(AccountServiceCacheTest, ConcurrentRequestsAgreeAndSeeALogout) {
  IssuedSession issued = CreateAccount("a@example.com");
  std::string other = SessionBehindTheService(issued.session);
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 500; ++i) {
        auto signed_in = service_->Authenticate(i % 2 ? issued.token : other);
        if (!signed_in || signed_in->account.id != issued.account.id) ++failures;
        if (i % 50 == 0) clock_.Advance(milliseconds(300));
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(failures, 0);
  ASSERT_TRUE(service_->Logout(issued.session));
  EXPECT_FALSE(service_->Authenticate(issued.token));
  EXPECT_TRUE(service_->Authenticate(other));
}

}  // namespace
}  // namespace enishi::accounts
