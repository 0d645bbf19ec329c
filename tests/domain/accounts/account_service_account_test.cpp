// AccountService: what a signed-in member does with the account — settings, password,
// sessions, export and deletion.

#include <gtest/gtest.h>

#include "account_service_fixture.hpp"

namespace enishi::accounts {
namespace {

// The export carries no secret, not even a hash of one. (The positive cases show the checks
// would notice.)
template <class T>
concept HasPasswordHash = requires(T t) {
  t.password_hash;
};
template <class T>
concept HasSessionSecrets = requires(T t) {
  t.token_hash;
}
|| requires(T t) { t.csrf_token; };
static_assert(HasPasswordHash<Account> && !HasPasswordHash<ExportedAccount>);
static_assert(HasSessionSecrets<Session> && !HasSessionSecrets<ExportedSession>);

TEST_F(AccountServiceTest, UpdateSettingsValidatesAndStores) {
  IssuedSession issued = CreateAccount("a@example.com");
  MemberId id = issued.account.id;
  auto updated = service_->UpdateSettings(id, "\u3000山田 花子 ", "zh-hans");
  ASSERT_TRUE(updated) << updated.error().message;
  EXPECT_EQ(updated->display_name, "山田 花子");
  EXPECT_EQ(updated->locale, "zh-Hans");
  auto only_locale = service_->UpdateSettings(id, std::nullopt, "ja");
  ASSERT_TRUE(only_locale);
  EXPECT_EQ(only_locale->display_name, "山田 花子");
  EXPECT_EQ(service_->Authenticate(issued.token)->account.locale, "ja");

  auto bad_name = service_->UpdateSettings(id, std::string(101, 'x'), std::nullopt);
  ASSERT_FALSE(bad_name);
  EXPECT_EQ(bad_name.error().field, "display_name");
  auto bad_locale = service_->UpdateSettings(id, std::nullopt, "ko");
  ASSERT_FALSE(bad_locale);
  EXPECT_EQ(bad_locale.error().field, "locale");
  auto unknown = service_->UpdateSettings(MemberId(1234567890123), "Someone", std::nullopt);
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);
}

TEST_F(AccountServiceTest, ChangePasswordKeepsOnlyTheCurrentSession) {
  IssuedSession current = CreateAccount("a@example.com", "ja");
  auto other = service_->Login("a@example.com", kPassword, SessionKind::kApi, Client());
  ASSERT_TRUE(other);
  size_t messages_before = Outbox().size();

  ASSERT_TRUE(service_->ChangePassword(current.session, kPassword, "a much better passphrase"));
  EXPECT_TRUE(service_->Authenticate(current.token));
  EXPECT_FALSE(service_->Authenticate(other->token));
  EXPECT_FALSE(service_->Login("a@example.com", kPassword, SessionKind::kBrowser, Client()));
  EXPECT_TRUE(service_->Login("a@example.com", "a much better passphrase", SessionKind::kBrowser,
                              Client()));
  // The owner hears of it, in their language.
  auto messages = Outbox();
  ASSERT_EQ(messages.size(), messages_before + 1);
  EXPECT_EQ(messages.back().to, "a@example.com");
  EXPECT_NE(messages.back().subject.find("パスワード"), std::string::npos);
}

TEST_F(AccountServiceTest, ChangePasswordNeedsTheCurrentOneAndAnAcceptableNewOne) {
  IssuedSession current = CreateAccount("a@example.com");
  auto wrong = service_->ChangePassword(current.session, "not my password", "a much better one");
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().code, ErrorCode::kUnauthenticated);
  EXPECT_EQ(wrong.error().field, "current_password");

  for (std::string_view weak : {"short", "password123", "A@EXAMPLE.COM"}) {
    auto refused = service_->ChangePassword(current.session, kPassword, weak);
    ASSERT_FALSE(refused) << weak;
    EXPECT_EQ(refused.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(refused.error().field, "new_password");
  }
  EXPECT_TRUE(service_->Login("a@example.com", kPassword, SessionKind::kBrowser, Client()));
}

TEST_F(AccountServiceTest, ReauthenticationIsThrottled) {
  IssuedSession current = CreateAccount("a@example.com");
  for (int i = 0; i < 10; ++i) {
    auto wrong = service_->DeleteAccount(current.account.id, "guess " + std::to_string(i));
    ASSERT_FALSE(wrong);
    ASSERT_EQ(wrong.error().code, ErrorCode::kUnauthenticated);
  }
  auto throttled = service_->ChangePassword(current.session, kPassword, "a much better one");
  ASSERT_FALSE(throttled);
  EXPECT_EQ(throttled.error().code, ErrorCode::kResourceExhausted);
  EXPECT_GT(throttled.error().retry_after.count(), 0);
}

TEST_F(AccountServiceTest, RevokeSessionOnlyReachesTheMembersOwnSessions) {
  IssuedSession alice = CreateAccount("alice@example.com");
  IssuedSession bob = CreateAccount("bob@example.com");

  auto foreign = service_->RevokeSession(alice.account.id, bob.session.id);
  ASSERT_FALSE(foreign);
  EXPECT_EQ(foreign.error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(service_->Authenticate(bob.token));

  auto unknown = service_->RevokeSession(alice.account.id, SessionId(1234567890123));
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);

  ASSERT_TRUE(service_->RevokeSession(alice.account.id, alice.session.id));
  EXPECT_FALSE(service_->Authenticate(alice.token));
}

TEST_F(AccountServiceTest, ExportHoldsTheAccountAndItsSessions) {
  IssuedSession first = CreateAccount("a@example.com", "ja");
  clock_.Advance(minutes(5));
  auto second = service_->Login("a@example.com", kPassword, SessionKind::kApi, Client());
  ASSERT_TRUE(second);
  clock_.Advance(minutes(5));

  auto exported = service_->Export(first.account.id);
  ASSERT_TRUE(exported);
  EXPECT_EQ(exported->exported_at, clock_.Now());
  EXPECT_EQ(exported->account.id, first.account.id);
  EXPECT_EQ(exported->account.login, "a@example.com");
  EXPECT_EQ(exported->account.login_kind, LoginKind::kEmail);
  EXPECT_EQ(exported->account.display_name, "Tanaka Hanako");
  EXPECT_EQ(exported->account.locale, "ja");
  EXPECT_EQ(exported->account.created_at, first.account.created_at);
  ASSERT_EQ(exported->sessions.size(), 2u);
  EXPECT_EQ(exported->sessions[0].id, second->session.id);  // newest first
  EXPECT_EQ(exported->sessions[0].kind, SessionKind::kApi);
  EXPECT_EQ(exported->sessions[0].expires_at, second->session.expires_at);
  EXPECT_EQ(exported->sessions[1].id, first.session.id);
  EXPECT_EQ(exported->sessions[1].user_agent, "Mozilla/5.0 (test)");

  auto unknown = service_->Export(MemberId(1234567890123));
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);
}

TEST_F(AccountServiceTest, DeleteAccountNeedsThePasswordAndRemovesEverything) {
  IssuedSession first = CreateAccount("a@example.com");
  auto second = service_->Login("a@example.com", kPassword, SessionKind::kApi, Client());
  ASSERT_TRUE(second);
  MemberId id = first.account.id;

  auto wrong = service_->DeleteAccount(id, "not my password");
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().code, ErrorCode::kUnauthenticated);
  EXPECT_EQ(wrong.error().field, "password");
  EXPECT_TRUE(service_->Authenticate(first.token));

  ASSERT_TRUE(service_->DeleteAccount(id, kPassword));
  EXPECT_FALSE(service_->Authenticate(first.token));
  EXPECT_FALSE(service_->Authenticate(second->token));
  auto account = store_.accounts().FindAccount(id);
  ASSERT_TRUE(account);
  EXPECT_FALSE(*account);
  auto sessions = service_->ListSessions(id);
  ASSERT_TRUE(sessions);
  EXPECT_TRUE(sessions->empty());
  EXPECT_EQ(service_->Export(id).error().code, ErrorCode::kNotFound);
  auto login = service_->Login("a@example.com", kPassword, SessionKind::kBrowser, Client());
  ASSERT_FALSE(login);
  EXPECT_EQ(login.error().code, ErrorCode::kUnauthenticated);
  // The login is free again.
  CreateAccount("a@example.com");
}

}  // namespace
}  // namespace enishi::accounts
