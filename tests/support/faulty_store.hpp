#pragma once
// A Store that wraps a real one and makes chosen repository calls fail, like leveldb's
// SpecialEnv: the way domain and API tests reach their storage-error paths.
//
//   testing::FaultyStore store(testing::MakeTestStore());
//   store.FailNthCall(2, ErrorCode::kUnavailable);                      // The 2nd call from now.
//   store.FailNthCall(1, ErrorCode::kAlreadyExists, "accounts.complete_signup");
//
// A failed call never reaches the wrapped store, so nothing is written, as the ports promise
// for kUnavailable. Calls are counted from the last FailNthCall(). Operation names are those
// the store's observer sees ("accounts.find_session_by_token_hash", "outbox.append").
// Thread-safe. Owns the wrapped store.

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.hpp"
#include "domain/accounts/account_repository.hpp"
#include "domain/mail/mail.hpp"
#include "storage/store.hpp"

namespace enishi::testing {

class FaultyStore final : public storage::Store {
 public:
  explicit FaultyStore(std::unique_ptr<storage::Store> inner)
      : inner_(std::move(inner)), accounts_(*this), outbox_(*this) {}

  // Makes the `n`th repository call from now (1 = the next one) fail with `code`; when
  // `operation` is given, only calls of that operation count. Later calls succeed again.
  void FailNthCall(int n, ErrorCode code, std::string operation = {}) {
    std::lock_guard lock(mutex_);
    plan_ = Plan{n, code, std::move(operation), /*sticky=*/false};
  }
  // Like FailNthCall, but that call and every matching one after it fail.
  void FailFromNthCall(int n, ErrorCode code, std::string operation = {}) {
    std::lock_guard lock(mutex_);
    plan_ = Plan{n, code, std::move(operation), /*sticky=*/true};
  }
  // Lets every call through again.
  void Heal() {
    std::lock_guard lock(mutex_);
    plan_.reset();
  }
  // The operation of every repository call so far, failed or not, in order.
  std::vector<std::string> calls() const {
    std::lock_guard lock(mutex_);
    return calls_;
  }
  storage::Store& inner() { return *inner_; }

  accounts::AccountRepository& accounts() override { return accounts_; }
  mail::OutboxRepository& outbox() override { return outbox_; }
  Result<void> Ping() override { return inner_->Ping(); }
  std::string_view backend() const override { return inner_->backend(); }
  void Close() override { inner_->Close(); }

 private:
  struct Plan {
    int remaining;  // Matching calls still to go; the call that brings it to 0 fails.
    ErrorCode code;
    std::string operation;
    bool sticky;
  };

  // Runs `call` against the wrapped store unless the plan says `operation` fails now.
  template <class Call>
  auto Run(std::string_view operation, Call&& call) -> decltype(call()) {
    if (auto error = Check(operation)) return *error;
    return call();
  }

  std::optional<Error> Check(std::string_view operation) {
    std::lock_guard lock(mutex_);
    calls_.emplace_back(operation);
    if (!plan_ || (!plan_->operation.empty() && plan_->operation != operation)) {
      return std::nullopt;
    }
    if (plan_->remaining > 1) {
      --plan_->remaining;
      return std::nullopt;
    }
    Error error{plan_->code, "injected failure in " + std::string(operation), {}};
    if (!plan_->sticky) plan_.reset();
    return error;
  }

  class Accounts final : public accounts::AccountRepository {
   public:
    explicit Accounts(FaultyStore& store) : s_(store) {}
    accounts::AccountRepository& in() { return s_.inner_->accounts(); }

    Result<void> PutPendingSignup(const accounts::PendingSignup& signup) override {
      return s_.Run("accounts.put_pending_signup", [&] { return in().PutPendingSignup(signup); });
    }
    Result<std::optional<accounts::PendingSignup>> FindPendingSignup(
        std::string_view login) override {
      return s_.Run("accounts.find_pending_signup", [&] { return in().FindPendingSignup(login); });
    }
    Result<void> SpendSignupAttempt(std::string_view login) override {
      return s_.Run("accounts.spend_signup_attempt",
                    [&] { return in().SpendSignupAttempt(login); });
    }
    Result<void> CompleteSignup(const accounts::Account& account,
                                const accounts::Session& session) override {
      return s_.Run("accounts.complete_signup",
                    [&] { return in().CompleteSignup(account, session); });
    }
    Result<void> CreateAccount(const accounts::Account& account) override {
      return s_.Run("accounts.create_account", [&] { return in().CreateAccount(account); });
    }
    Result<std::optional<accounts::Account>> FindAccountByLogin(std::string_view login) override {
      return s_.Run("accounts.find_account_by_login",
                    [&] { return in().FindAccountByLogin(login); });
    }
    Result<std::optional<accounts::Account>> FindAccount(MemberId id) override {
      return s_.Run("accounts.find_account", [&] { return in().FindAccount(id); });
    }
    Result<void> UpdateAccountSettings(MemberId id, std::string_view display_name,
                                       std::string_view locale) override {
      return s_.Run("accounts.update_account_settings",
                    [&] { return in().UpdateAccountSettings(id, display_name, locale); });
    }
    Result<void> ChangePassword(MemberId id, std::string_view password_hash,
                                SessionId keep) override {
      return s_.Run("accounts.change_password",
                    [&] { return in().ChangePassword(id, password_hash, keep); });
    }
    Result<void> DeleteAccount(MemberId id) override {
      return s_.Run("accounts.delete_account", [&] { return in().DeleteAccount(id); });
    }
    Result<void> CreateSession(const accounts::Session& session) override {
      return s_.Run("accounts.create_session", [&] { return in().CreateSession(session); });
    }
    Result<std::optional<accounts::Session>> FindSessionByTokenHash(
        std::string_view token_hash) override {
      return s_.Run("accounts.find_session_by_token_hash",
                    [&] { return in().FindSessionByTokenHash(token_hash); });
    }
    Result<std::optional<accounts::SessionWithAccount>> FindSessionWithAccount(
        std::string_view token_hash) override {
      return s_.Run("accounts.find_session_with_account",
                    [&] { return in().FindSessionWithAccount(token_hash); });
    }
    Result<std::vector<accounts::Session>> ListSessions(MemberId member) override {
      return s_.Run("accounts.list_sessions", [&] { return in().ListSessions(member); });
    }
    Result<bool> DeleteSession(MemberId member, SessionId session) override {
      return s_.Run("accounts.delete_session", [&] { return in().DeleteSession(member, session); });
    }
    Result<void> TouchSession(SessionId session, Timestamp last_seen_at) override {
      return s_.Run("accounts.touch_session",
                    [&] { return in().TouchSession(session, last_seen_at); });
    }
    Result<int> DeleteExpired(Timestamp now) override {
      return s_.Run("accounts.delete_expired", [&] { return in().DeleteExpired(now); });
    }

   private:
    FaultyStore& s_;
  };

  class Outbox final : public mail::OutboxRepository {
   public:
    explicit Outbox(FaultyStore& store) : s_(store) {}
    Result<void> Append(const mail::Message& message) override {
      return s_.Run("outbox.append", [&] { return s_.inner_->outbox().Append(message); });
    }
    Result<std::vector<mail::Message>> ListRecent(int limit) override {
      return s_.Run("outbox.list_recent", [&] { return s_.inner_->outbox().ListRecent(limit); });
    }

   private:
    FaultyStore& s_;
  };

  std::unique_ptr<storage::Store> inner_;
  Accounts accounts_;
  Outbox outbox_;
  mutable std::mutex mutex_;
  std::optional<Plan> plan_;        // GUARDED_BY(mutex_)
  std::vector<std::string> calls_;  // GUARDED_BY(mutex_)
};

}  // namespace enishi::testing
