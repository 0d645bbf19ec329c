// The storage contract: one typed suite, run against every backend. A repository method is
// done only when this suite covers it. Each test starts from an empty, migrated database.

#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "storage/store_contract_fixture.hpp"

namespace enishi::storage {
namespace {

using namespace contract;  // NOLINT: the suite's vocabulary.
using std::chrono::microseconds;

TYPED_TEST_SUITE(StoreContract, Backends, BackendNames);

TYPED_TEST(StoreContract, PendingSignupRoundTripsAndIsReplaced) {
  EXPECT_EQ(Value(this->accounts().FindPendingSignup("+819012345678")), std::nullopt);
  PendingSignup first = MakeSignup("+819012345678");
  EXPECT_OK(this->accounts().PutPendingSignup(first));
  auto found = Value(this->accounts().FindPendingSignup("+819012345678"));
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->login, first.login);
  EXPECT_EQ(found->login_kind, LoginKind::kPhone);
  EXPECT_EQ(found->display_name, "Bo");
  EXPECT_EQ(found->locale, "zh-Hans");
  EXPECT_EQ(found->password_hash, "hash");
  EXPECT_EQ(found->code_hash, "code-hash");
  EXPECT_EQ(found->attempts_left, 5);
  EXPECT_EQ(found->created_at, kT0);
  EXPECT_EQ(found->expires_at, kT0 + minutes(15));

  PendingSignup second = first;
  second.login_kind = LoginKind::kEmail;
  second.display_name = "Bo Li";
  second.code_hash = "new-code-hash";
  second.attempts_left = 3;
  second.expires_at = kT0 + hours(1);
  EXPECT_OK(this->accounts().PutPendingSignup(second));
  found = Value(this->accounts().FindPendingSignup("+819012345678"));
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->login_kind, LoginKind::kEmail);
  EXPECT_EQ(found->display_name, "Bo Li");
  EXPECT_EQ(found->code_hash, "new-code-hash");
  EXPECT_EQ(found->attempts_left, 3);
  EXPECT_EQ(found->expires_at, kT0 + hours(1));
}

TYPED_TEST(StoreContract, SpendSignupAttemptCountsDownToZero) {
  PendingSignup signup = MakeSignup("a@example.com");
  signup.attempts_left = 2;
  EXPECT_OK(this->accounts().PutPendingSignup(signup));
  for (int expected : {1, 0, 0}) {
    EXPECT_OK(this->accounts().SpendSignupAttempt("a@example.com"));
    EXPECT_EQ(Value(this->accounts().FindPendingSignup("a@example.com"))->attempts_left, expected);
  }
  EXPECT_OK(this->accounts().SpendSignupAttempt("nobody@example.com"));  // No-op.
  EXPECT_EQ(Value(this->accounts().FindPendingSignup("nobody@example.com")), std::nullopt);
}

TYPED_TEST(StoreContract, CompleteSignupCreatesAccountAndSessionAndDropsPendingSignup) {
  EXPECT_OK(this->accounts().PutPendingSignup(MakeSignup("a@example.com")));
  Account account = MakeAccount(1001, "a@example.com");
  Session session = MakeSession(2001, account.id);
  EXPECT_OK(this->accounts().CompleteSignup(account, session));

  auto by_login = Value(this->accounts().FindAccountByLogin("a@example.com"));
  ASSERT_TRUE(by_login.has_value());
  ExpectSameAccount(*by_login, account);
  auto by_id = Value(this->accounts().FindAccount(account.id));
  ASSERT_TRUE(by_id.has_value());
  ExpectSameAccount(*by_id, account);
  auto found_session = Value(this->accounts().FindSessionByTokenHash(session.token_hash));
  ASSERT_TRUE(found_session.has_value());
  ExpectSameSession(*found_session, session);
  EXPECT_EQ(Value(this->accounts().FindPendingSignup("a@example.com")), std::nullopt);
}

TYPED_TEST(StoreContract, CompleteSignupWithTakenLoginOrIdWritesNothing) {
  Account taken = this->SignUp(1001, "a@example.com");
  EXPECT_OK(this->accounts().PutPendingSignup(MakeSignup("a@example.com")));

  Account same_login = MakeAccount(1003, "a@example.com");
  EXPECT_ERROR(this->accounts().CompleteSignup(same_login, MakeSession(1004, same_login.id)),
               ErrorCode::kAlreadyExists);
  Account same_id = MakeAccount(taken.id.value(), "b@example.com");
  EXPECT_ERROR(this->accounts().CompleteSignup(same_id, MakeSession(1005, same_id.id)),
               ErrorCode::kAlreadyExists);

  EXPECT_EQ(Value(this->accounts().FindAccount(same_login.id)), std::nullopt);
  EXPECT_EQ(Value(this->accounts().FindAccountByLogin("b@example.com")), std::nullopt);
  EXPECT_EQ(Value(this->accounts().FindSessionByTokenHash("token-1004")), std::nullopt);
  EXPECT_EQ(Value(this->accounts().FindSessionByTokenHash("token-1005")), std::nullopt);
  EXPECT_TRUE(Value(this->accounts().FindPendingSignup("a@example.com")).has_value());
  EXPECT_EQ(Value(this->accounts().FindAccountByLogin("a@example.com"))->id, taken.id);
}

TYPED_TEST(StoreContract, CreateAccountAddsAnAccountWithoutSessions) {
  Account account = MakeAccount(1001, "a@example.com");
  account.login_kind = LoginKind::kPhone;
  EXPECT_OK(this->accounts().CreateAccount(account));
  ExpectSameAccount(*Value(this->accounts().FindAccount(account.id)), account);
  EXPECT_TRUE(Value(this->accounts().ListSessions(account.id)).empty());
  EXPECT_ERROR(this->accounts().CreateAccount(MakeAccount(1002, "a@example.com")),
               ErrorCode::kAlreadyExists);
  EXPECT_ERROR(this->accounts().CreateAccount(MakeAccount(1001, "b@example.com")),
               ErrorCode::kAlreadyExists);
  EXPECT_EQ(Value(this->accounts().FindAccount(MemberId(1002))), std::nullopt);
  EXPECT_EQ(Value(this->accounts().FindAccountByLogin("b@example.com")), std::nullopt);
}

TYPED_TEST(StoreContract, UnknownAccountsAreAbsentOrNotFound) {
  this->SignUp(1001, "a@example.com");
  const MemberId unknown(999999);
  EXPECT_EQ(Value(this->accounts().FindAccount(unknown)), std::nullopt);
  EXPECT_EQ(Value(this->accounts().FindAccountByLogin("A@example.com")), std::nullopt);
  EXPECT_ERROR(this->accounts().UpdateAccountSettings(unknown, "X", "en"), ErrorCode::kNotFound);
  EXPECT_ERROR(this->accounts().ChangePassword(unknown, "h", SessionId(1)), ErrorCode::kNotFound);
  EXPECT_ERROR(this->accounts().DeleteAccount(unknown), ErrorCode::kNotFound);
  EXPECT_TRUE(Value(this->accounts().ListSessions(unknown)).empty());
  // A session must belong to an account; the foreign key refuses an orphan.
  EXPECT_FALSE(this->accounts().CreateSession(MakeSession(5, unknown)).has_value());
  EXPECT_EQ(Value(this->accounts().FindSessionByTokenHash("token-5")), std::nullopt);
}

TYPED_TEST(StoreContract, UpdateAccountSettingsChangesOnlyThatAccount) {
  Account a = this->SignUp(1001, "a@example.com");
  Account b = this->SignUp(1003, "b@example.com");
  EXPECT_OK(this->accounts().UpdateAccountSettings(a.id, "Aiko Tanaka", "en"));
  auto found = Value(this->accounts().FindAccount(a.id));
  EXPECT_EQ(found->display_name, "Aiko Tanaka");
  EXPECT_EQ(found->locale, "en");
  EXPECT_EQ(found->login, "a@example.com");
  ExpectSameAccount(*Value(this->accounts().FindAccount(b.id)), b);
}

TYPED_TEST(StoreContract, ChangePasswordKeepsOnlyTheGivenSession) {
  Account a = this->SignUp(1001, "a@example.com");  // Session 1002.
  Account b = this->SignUp(1003, "b@example.com");  // Session 1004.
  EXPECT_OK(this->accounts().CreateSession(MakeSession(1010, a.id)));
  EXPECT_OK(this->accounts().CreateSession(MakeSession(1011, a.id)));
  EXPECT_OK(this->accounts().ChangePassword(a.id, "new-hash", SessionId(1010)));
  EXPECT_EQ(Value(this->accounts().FindAccount(a.id))->password_hash, "new-hash");
  auto sessions = Value(this->accounts().ListSessions(a.id));
  ASSERT_EQ(sessions.size(), 1u);
  EXPECT_EQ(sessions[0].id, SessionId(1010));
  EXPECT_EQ(Value(this->accounts().ListSessions(b.id)).size(), 1u);
  EXPECT_EQ(Value(this->accounts().FindAccount(b.id))->password_hash, b.password_hash);
}

TYPED_TEST(StoreContract, DeleteAccountRemovesEverythingItOwns) {
  Account a = this->SignUp(1001, "a@example.com");
  Account b = this->SignUp(1003, "b@example.com");
  EXPECT_OK(this->accounts().CreateSession(MakeSession(1010, a.id)));
  EXPECT_OK(this->accounts().PutPendingSignup(MakeSignup("a@example.com")));
  EXPECT_OK(this->outbox().Append({mail::Channel::kEmail, "a@example.com", "code", "123456", kT0}));
  EXPECT_OK(this->outbox().Append({mail::Channel::kEmail, "b@example.com", "code", "654321", kT0}));
  EXPECT_OK(this->accounts().DeleteAccount(a.id));

  EXPECT_EQ(Value(this->accounts().FindAccount(a.id)), std::nullopt);
  EXPECT_EQ(Value(this->accounts().FindAccountByLogin("a@example.com")), std::nullopt);
  EXPECT_TRUE(Value(this->accounts().ListSessions(a.id)).empty());
  EXPECT_EQ(Value(this->accounts().FindSessionByTokenHash("token-1010")), std::nullopt);
  EXPECT_EQ(Value(this->accounts().FindPendingSignup("a@example.com")), std::nullopt);
  EXPECT_ERROR(this->accounts().DeleteAccount(a.id), ErrorCode::kNotFound);
  // The outbox keeps nothing addressed to the deleted login.
  std::vector<mail::Message> mail = Value(this->outbox().ListRecent(10));
  ASSERT_EQ(mail.size(), 1u);
  EXPECT_EQ(mail[0].to, "b@example.com");
  // The other member is untouched, and the login is free again.
  EXPECT_EQ(Value(this->accounts().ListSessions(b.id)).size(), 1u);
  EXPECT_OK(this->accounts().CompleteSignup(MakeAccount(1005, "a@example.com"),
                                            MakeSession(1006, MemberId(1005))));
}

TYPED_TEST(StoreContract, SessionsRoundTripAndDuplicatesAreRefused) {
  Account a = this->SignUp(1001, "a@example.com");
  Session api = MakeSession(1010, a.id, kT0 + seconds(5));
  api.kind = SessionKind::kApi;
  api.user_agent = "";  // Empty text is not NULL.
  EXPECT_OK(this->accounts().CreateSession(api));
  ExpectSameSession(*Value(this->accounts().FindSessionByTokenHash("token-1010")), api);
  EXPECT_EQ(Value(this->accounts().FindSessionByTokenHash("token-unknown")), std::nullopt);

  Session same_token = MakeSession(1011, a.id);
  same_token.token_hash = api.token_hash;
  EXPECT_ERROR(this->accounts().CreateSession(same_token), ErrorCode::kAlreadyExists);
  Session same_id = MakeSession(1010, a.id);
  same_id.token_hash = "token-other";
  EXPECT_ERROR(this->accounts().CreateSession(same_id), ErrorCode::kAlreadyExists);
  EXPECT_EQ(Value(this->accounts().ListSessions(a.id)).size(), 2u);
}

TYPED_TEST(StoreContract, SessionForAMissingAccountIsAFailedPrecondition) {
  // A login racing an account deletion: the session refers to an account that is gone.
  EXPECT_ERROR(this->accounts().CreateSession(MakeSession(1010, MemberId(4242))),
               ErrorCode::kFailedPrecondition);
  EXPECT_FALSE(Value(this->accounts().FindSessionByTokenHash("token-1010")).has_value());
}

TYPED_TEST(StoreContract, FindSessionWithAccountReadsBothTogether) {
  Account a = this->SignUp(1001, "a@example.com");  // Session 1002, token "token-1002".
  this->SignUp(1003, "b@example.com");
  auto found = Value(this->accounts().FindSessionWithAccount("token-1002"));
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->session.id, SessionId(1002));
  EXPECT_EQ(found->session.member_id, a.id);
  EXPECT_EQ(found->account.id, a.id);
  EXPECT_EQ(found->account.login, "a@example.com");
  EXPECT_EQ(found->account.display_name, a.display_name);
  EXPECT_EQ(found->account.locale, a.locale);
  EXPECT_EQ(found->account.password_hash, a.password_hash);
  EXPECT_EQ(found->account.created_at, a.created_at);
  ExpectSameSession(found->session, *Value(this->accounts().FindSessionByTokenHash("token-1002")));
  EXPECT_FALSE(Value(this->accounts().FindSessionWithAccount("token-unknown")).has_value());
  EXPECT_OK(this->accounts().DeleteAccount(a.id));
  EXPECT_FALSE(Value(this->accounts().FindSessionWithAccount("token-1002")).has_value());
}

TYPED_TEST(StoreContract, ListSessionsIsNewestFirstAndPerMember) {
  Account a = this->SignUp(1001, "a@example.com");  // Session 1002 at kT0.
  Account b = this->SignUp(1003, "b@example.com");
  EXPECT_OK(this->accounts().CreateSession(MakeSession(1020, a.id, kT0 + hours(2))));
  EXPECT_OK(this->accounts().CreateSession(MakeSession(1030, a.id, kT0 + hours(1))));
  EXPECT_OK(this->accounts().CreateSession(MakeSession(1040, b.id, kT0 + hours(3))));
  std::vector<SessionId> ids;
  for (const Session& s : Value(this->accounts().ListSessions(a.id))) ids.push_back(s.id);
  EXPECT_EQ(ids, (std::vector<SessionId>{SessionId(1020), SessionId(1030), SessionId(1002)}));
}

TYPED_TEST(StoreContract, DeleteSessionOnlyDeletesTheMembersOwn) {
  Account a = this->SignUp(1001, "a@example.com");  // Session 1002.
  Account b = this->SignUp(1003, "b@example.com");  // Session 1004.
  EXPECT_FALSE(Value(this->accounts().DeleteSession(a.id, SessionId(1004))));
  EXPECT_TRUE(Value(this->accounts().FindSessionByTokenHash("token-1004")).has_value());
  EXPECT_TRUE(Value(this->accounts().DeleteSession(a.id, SessionId(1002))));
  EXPECT_EQ(Value(this->accounts().FindSessionByTokenHash("token-1002")), std::nullopt);
  EXPECT_FALSE(Value(this->accounts().DeleteSession(a.id, SessionId(1002))));
  EXPECT_EQ(Value(this->accounts().ListSessions(b.id)).size(), 1u);
}

TYPED_TEST(StoreContract, TouchSessionsMovesLastSeenForwardOnly) {
  this->SignUp(1001, "a@example.com");  // Session 1002.
  this->SignUp(2001, "b@example.com");  // Session 2002.
  auto last_seen = [&](std::string_view token_hash) {
    return Value(this->accounts().FindSessionByTokenHash(token_hash))->last_seen_at;
  };
  std::vector<accounts::SessionSeen> seen = {{SessionId(1002), kT0 + minutes(5) + microseconds(7)},
                                             {SessionId(424242), kT0},  // Unknown: skipped.
                                             {SessionId(2002), kT0 + minutes(2)}};
  EXPECT_OK(this->accounts().TouchSessions(seen));
  EXPECT_EQ(last_seen("token-1002"), kT0 + minutes(5) + microseconds(7));
  EXPECT_EQ(last_seen("token-2002"), kT0 + minutes(2));
  seen = {{SessionId(1002), kT0 + minutes(1)}};
  EXPECT_OK(this->accounts().TouchSessions(seen));
  EXPECT_EQ(last_seen("token-1002"), kT0 + minutes(5) + microseconds(7));
}

TYPED_TEST(StoreContract, DeleteExpiredRemovesSessionsAndSignupsThatExpiredBeforeNow) {
  Account a = this->SignUp(1001, "a@example.com");  // Session 1002 expires kT0 + 30 days.
  Session short_lived = MakeSession(1010, a.id);
  short_lived.expires_at = kT0 + hours(1);
  EXPECT_OK(this->accounts().CreateSession(short_lived));
  EXPECT_OK(this->accounts().PutPendingSignup(MakeSignup("old@example.com", kT0)));
  EXPECT_OK(this->accounts().PutPendingSignup(MakeSignup("edge@example.com", kT0 + hours(1))));
  EXPECT_OK(this->accounts().PutPendingSignup(MakeSignup("new@example.com", kT0 + hours(2))));

  EXPECT_EQ(Value(this->accounts().DeleteExpired(kT0 + hours(1))), 1);  // Strictly before.
  EXPECT_EQ(Value(this->accounts().DeleteExpired(kT0 + hours(1) + microseconds(1))), 2);
  EXPECT_EQ(Value(this->accounts().DeleteExpired(kT0 + hours(1) + microseconds(1))), 0);
  EXPECT_EQ(Value(this->accounts().FindSessionByTokenHash("token-1010")), std::nullopt);
  EXPECT_TRUE(Value(this->accounts().FindSessionByTokenHash("token-1002")).has_value());
  EXPECT_EQ(Value(this->accounts().FindPendingSignup("edge@example.com")), std::nullopt);
  EXPECT_TRUE(Value(this->accounts().FindPendingSignup("new@example.com")).has_value());
}

TYPED_TEST(StoreContract, OutboxListsTheNewestMessagesOldestFirst) {
  EXPECT_TRUE(Value(this->outbox().ListRecent(10)).empty());
  const std::vector<std::pair<std::string, Timestamp>> sent = {{"third", kT0 + seconds(2)},
                                                               {"first", kT0},
                                                               {"fourth", kT0 + seconds(2)},
                                                               {"second", kT0 + seconds(1)}};
  for (const auto& [subject, at] : sent) {
    EXPECT_OK(this->outbox().Append(
        {mail::Channel::kSms, "+819012345678", subject, "Your code is 123456", at}));
  }
  auto subjects = [&](int limit) {
    std::vector<std::string> out;
    for (const mail::Message& m : Value(this->outbox().ListRecent(limit))) out.push_back(m.subject);
    return out;
  };
  // Messages of the same instant keep the order they were appended in.
  EXPECT_EQ(subjects(10), (std::vector<std::string>{"first", "second", "third", "fourth"}));
  EXPECT_EQ(subjects(2), (std::vector<std::string>{"third", "fourth"}));
  EXPECT_TRUE(subjects(0).empty());
  EXPECT_TRUE(subjects(-1).empty());
  mail::Message last = Value(this->outbox().ListRecent(1)).at(0);
  EXPECT_EQ(last.channel, mail::Channel::kSms);
  EXPECT_EQ(last.to, "+819012345678");
  EXPECT_EQ(last.body, "Your code is 123456");
  EXPECT_EQ(last.created_at, kT0 + seconds(2));
}

TYPED_TEST(StoreContract, UnicodeAndHostileTextRoundTrips) {
  const std::vector<std::string> texts = {"縁 田中 愛子",
                                          "张伟 👩🏽‍💻",
                                          "O'Brien \"Bob\"",
                                          "'; DROP TABLE accounts; --",
                                          "$1 $2 ? :name @p %s \\ \\0",
                                          "line\nbreak\ttab\r",
                                          std::string(4000, 'x')};
  uint64_t id = 1000;
  for (const std::string& text : texts) {
    SCOPED_TRACE(text.substr(0, 40));
    Account account = MakeAccount(id, text + "@example.com");
    account.display_name = text;
    Session session = MakeSession(id + 1, account.id);
    session.user_agent = text;
    session.token_hash = text;
    EXPECT_OK(this->accounts().CompleteSignup(account, session));
    ExpectSameAccount(*Value(this->accounts().FindAccountByLogin(account.login)), account);
    ExpectSameSession(*Value(this->accounts().FindSessionByTokenHash(text)), session);
    EXPECT_OK(this->outbox().Append({mail::Channel::kEmail, text, text, text, kT0}));
    mail::Message message = Value(this->outbox().ListRecent(1)).at(0);
    EXPECT_EQ(message.to, text);
    EXPECT_EQ(message.body, text);
    id += 2;
  }
  EXPECT_TRUE(Value(this->accounts().FindAccount(MemberId(1000))).has_value());
}

TYPED_TEST(StoreContract, MigrateIsIdempotentAndReportsTheVersion) {
  EXPECT_EQ(Value(Migrate(this->options_)), testing::kLatestSchemaVersion);
  EXPECT_EQ(Value(Migrate(this->options_)), testing::kLatestSchemaVersion);
  this->Open();  // Migrates again on open.
  EXPECT_OK(this->store_->Ping());
}

TYPED_TEST(StoreContract, ObserverSeesEveryOperation) {
  {
    std::lock_guard lock(this->observed_mutex_);
    this->observed_.clear();
  }
  EXPECT_OK(this->accounts().FindSessionByTokenHash("nothing"));
  EXPECT_FALSE(this->accounts().DeleteAccount(MemberId(1)).has_value());
  EXPECT_OK(this->outbox().ListRecent(1));
  std::lock_guard lock(this->observed_mutex_);
  EXPECT_EQ(this->observed_, (std::vector<std::pair<std::string, bool>>{
                                 {"accounts.find_session_by_token_hash", true},
                                 {"accounts.delete_account", false},
                                 {"outbox.list_recent", true}}));
}

TYPED_TEST(StoreContract, ConcurrentWritesAreAllAcknowledgedAndPresent) {
  constexpr int kThreads = 8;
  constexpr int kPerThread = 40;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        uint64_t id = 100000 + static_cast<uint64_t>(t * kPerThread + i) * 2;
        Account account = MakeAccount(id, "m" + std::to_string(id) + "@example.com");
        bool ok = this->accounts().CompleteSignup(account, MakeSession(id + 1, account.id)) &&
                  this->outbox().Append({mail::Channel::kEmail, account.login, "hi", "", kT0}) &&
                  this->accounts().FindAccount(account.id).has_value();
        if (!ok) ++failures;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0);
  for (int n = 0; n < kThreads * kPerThread; ++n) {
    uint64_t id = 100000 + static_cast<uint64_t>(n) * 2;
    ASSERT_TRUE(Value(this->accounts().FindAccount(MemberId(id))).has_value()) << id;
    ASSERT_EQ(Value(this->accounts().ListSessions(MemberId(id))).size(), 1u) << id;
  }
  EXPECT_EQ(Value(this->outbox().ListRecent(10000)).size(), size_t{kThreads * kPerThread});
}

TYPED_TEST(StoreContract, AcknowledgedWritesSurviveReopening) {
  if (!TypeParam::kPersistent) GTEST_SKIP() << "an in-memory database ends with its store";
  Account a = this->SignUp(1001, "a@example.com");
  EXPECT_OK(this->outbox().Append({mail::Channel::kEmail, "a@example.com", "s", "b", kT0}));
  this->store_.reset();
  this->Open();
  ExpectSameAccount(*Value(this->accounts().FindAccount(a.id)), a);
  EXPECT_EQ(Value(this->accounts().ListSessions(a.id)).size(), 1u);
  EXPECT_EQ(Value(this->outbox().ListRecent(5)).size(), 1u);
}

TYPED_TEST(StoreContract, PingsAndRefusesCallsOnceClosed) {
  EXPECT_OK(this->store_->Ping());
  EXPECT_TRUE(this->store_->backend() == "sqlite" || this->store_->backend() == "postgres");
  this->store_->Close();
  EXPECT_ERROR(this->store_->Ping(), ErrorCode::kUnavailable);
  EXPECT_ERROR(this->accounts().FindAccount(MemberId(1)), ErrorCode::kUnavailable);
  EXPECT_ERROR(this->outbox().Append({mail::Channel::kEmail, "x", "s", "b", kT0}),
               ErrorCode::kUnavailable);
  this->store_->Close();  // Closing twice is harmless.
}

}  // namespace
}  // namespace enishi::storage
