#pragma once
// accounts::AccountRepository over any SqlDatabase, written once for both backends.
// Thread-safe. Does not own the database, which must outlive it. Errors are those of the
// port (domain/accounts/account_repository.hpp); each operation reports its timing as
// "accounts.<method_in_snake_case>".

#include "domain/accounts/account_repository.hpp"
#include "storage/sql/operation_runner.hpp"

namespace enishi::storage::sql {

class SqlAccountRepository final : public accounts::AccountRepository {
 public:
  SqlAccountRepository(SqlDatabase& database, OperationObserver observer)
      : run_(database, std::move(observer)) {}

  Result<void> PutPendingSignup(const accounts::PendingSignup& signup) override;
  Result<std::optional<accounts::PendingSignup>> FindPendingSignup(std::string_view login) override;
  Result<void> SpendSignupAttempt(std::string_view login) override;
  Result<void> CompleteSignup(const accounts::Account& account,
                              const accounts::Session& session) override;

  Result<void> CreateAccount(const accounts::Account& account) override;
  Result<std::optional<accounts::Account>> FindAccountByLogin(std::string_view login) override;
  Result<std::optional<accounts::Account>> FindAccount(MemberId id) override;
  Result<void> UpdateAccountSettings(MemberId id, std::string_view display_name,
                                     std::string_view locale) override;
  Result<void> ChangePassword(MemberId id, std::string_view password_hash, SessionId keep) override;
  Result<void> DeleteAccount(MemberId id) override;

  Result<void> CreateSession(const accounts::Session& session) override;
  Result<std::optional<accounts::SessionWithAccount>> FindSessionWithAccount(
      std::string_view token_hash) override;
  Result<std::optional<accounts::Session>> FindSessionByTokenHash(
      std::string_view token_hash) override;
  Result<std::vector<accounts::Session>> ListSessions(MemberId member) override;
  Result<bool> DeleteSession(MemberId member, SessionId session) override;
  Result<void> TouchSessions(std::span<const accounts::SessionSeen> seen) override;
  Result<int> DeleteExpired(Timestamp now) override;

 private:
  OperationRunner run_;
};

}  // namespace enishi::storage::sql
