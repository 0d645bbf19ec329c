#pragma once
// The fixture of the storage contract suite (store_contract_test.cpp,
// store_profiles_contract_test.cpp, store_relationships_contract_test.cpp): the backends it
// runs on, each giving every test a fresh, empty, migrated database, builders for test data,
// and the suite's assertion helpers.

#include <gtest/gtest.h>

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "domain/accounts/account_repository.hpp"
#include "domain/mail/mail.hpp"
#include "domain/media/image.hpp"
#include "domain/organizations/organization_repository.hpp"
#include "domain/personas/persona_repository.hpp"
#include "domain/profiles/profile_repository.hpp"
#include "domain/relationships/relationship_repository.hpp"
#include "domain/search/search_repository.hpp"
#include "storage/test_databases.hpp"
#include "support/test_store.hpp"

#define EXPECT_OK(expr)                                                \
  do {                                                                 \
    auto expect_ok_ = (expr);                                          \
    EXPECT_TRUE(expect_ok_.has_value()) << expect_ok_.error().message; \
  } while (false)
#define EXPECT_ERROR(expr, error_code)                                                  \
  do {                                                                                  \
    auto expect_error_ = (expr);                                                        \
    ASSERT_FALSE(expect_error_.has_value());                                            \
    EXPECT_EQ(expect_error_.error().code, error_code) << expect_error_.error().message; \
  } while (false)

namespace enishi::storage::contract {

using accounts::Account;
using accounts::LoginKind;
using accounts::PendingSignup;
using accounts::Session;
using accounts::SessionKind;

// Where a test's database lives. Prepare() returns the URL of a fresh empty database, or sets
// `skip` when the backend cannot run here.
struct SqliteFile {
  static constexpr bool kPersistent = true;
  Result<std::string> Prepare(std::string&) {
    return "sqlite:" + (dir.path() / "nested" / "enishi.db").string();  // Folder made on open.
  }
  testing::TempDir dir;
};

struct SqliteMemory {
  static constexpr bool kPersistent = false;
  Result<std::string> Prepare(std::string&) { return std::string("sqlite::memory:"); }
};

struct Postgres {
  static constexpr bool kPersistent = true;
  Result<std::string> Prepare(std::string& skip) {
    auto server = testing::PostgresTestUrl();
    if (!server) {
      skip = testing::kNoPostgresReason;
      return std::string();
    }
    auto created = testing::PgTestSchema::Create(*server);
    if (!created) return created.error();
    schema = std::move(created).value();
    return schema->url();
  }
  std::unique_ptr<testing::PgTestSchema> schema;
};

inline const Timestamp kT0 = FromMicros(1767225600123456);  // 2026-01-01, with microseconds.

// The value of a Result the test expects to succeed; T{} (and a failure) when it did not.
template <class T>
T Value(Result<T> result) {
  EXPECT_TRUE(result.has_value()) << result.error().message;
  if (!result) return T{};
  return std::move(result).value();
}

inline Account MakeAccount(uint64_t id, std::string login) {
  return {MemberId(id),
          std::move(login),
          LoginKind::kEmail,
          "Aiko",
          "ja",
          "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA",
          kT0};
}

inline Session MakeSession(uint64_t id, MemberId member, Timestamp created = kT0) {
  return {SessionId(id),
          member,
          SessionKind::kBrowser,
          "token-" + std::to_string(id),
          "csrf-" + std::to_string(id),
          "Firefox/140",
          created,
          created,
          created + days(30)};
}

inline PendingSignup MakeSignup(std::string login, Timestamp expires = kT0 + minutes(15)) {
  return {std::move(login), LoginKind::kPhone, "Bo", "zh-Hans", "hash", "code-hash", 5, kT0,
          expires};
}

inline void ExpectSameAccount(const Account& a, const Account& b) {
  EXPECT_EQ(a.id, b.id);
  EXPECT_EQ(a.login, b.login);
  EXPECT_EQ(a.login_kind, b.login_kind);
  EXPECT_EQ(a.display_name, b.display_name);
  EXPECT_EQ(a.locale, b.locale);
  EXPECT_EQ(a.password_hash, b.password_hash);
  EXPECT_EQ(a.created_at, b.created_at);
}

inline void ExpectSameSession(const Session& a, const Session& b) {
  EXPECT_EQ(a.id, b.id);
  EXPECT_EQ(a.member_id, b.member_id);
  EXPECT_EQ(a.kind, b.kind);
  EXPECT_EQ(a.token_hash, b.token_hash);
  EXPECT_EQ(a.csrf_token, b.csrf_token);
  EXPECT_EQ(a.user_agent, b.user_agent);
  EXPECT_EQ(a.created_at, b.created_at);
  EXPECT_EQ(a.last_seen_at, b.last_seen_at);
  EXPECT_EQ(a.expires_at, b.expires_at);
}

template <class Backend>
class StoreContract : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string skip;
    auto url = backend_.Prepare(skip);
    if (!skip.empty()) GTEST_SKIP() << skip;
    ASSERT_TRUE(url.has_value()) << url.error().message;
    options_.url = *url;
    options_.text_forms = &enishi::testing::TestTextForms();
    options_.observer = [this](std::string_view operation, std::chrono::nanoseconds elapsed,
                               bool ok) {
      std::lock_guard lock(observed_mutex_);
      EXPECT_GE(elapsed.count(), 0);
      observed_.emplace_back(std::string(operation), ok);
    };
    Open();
  }

  void Open() {
    auto store = OpenStore(options_);
    ASSERT_TRUE(store.has_value()) << store.error().message;
    store_ = std::move(store).value();
  }

  // A member with one session, as CompleteSignup leaves them.
  Account SignUp(uint64_t id, std::string login) {
    Account account = MakeAccount(id, std::move(login));
    auto done = accounts().CompleteSignup(account, MakeSession(id + 1, account.id));
    EXPECT_TRUE(done.has_value()) << done.error().message;
    return account;
  }

  // Rows of `table` whose `column` is `member`, read past the repositories; nullopt for an
  // in-memory database, which no second connection can see.
  std::optional<int64_t> CountRows(std::string_view table, std::string_view column,
                                   MemberId member) {
    if (!Backend::kPersistent) return std::nullopt;
    auto database = sql::OpenDatabase(options_);
    EXPECT_TRUE(database.has_value());
    if (!database) return std::nullopt;
    int64_t count = -1;
    std::string sql =
        "SELECT COUNT(*) FROM " + std::string(table) + " WHERE " + std::string(column) + " = $1";
    EXPECT_OK((*database)->Read([&](sql::SqlConnection& db) {
      return db.Query(sql, {static_cast<int64_t>(member.value())},
                      [&](const sql::SqlRow& row) { count = row.Int64(0); });
    }));
    (*database)->Close();
    return count;
  }

  accounts::AccountRepository& accounts() { return store_->accounts(); }
  mail::OutboxRepository& outbox() { return store_->outbox(); }
  profiles::ProfileRepository& profiles() { return store_->profiles(); }
  organizations::OrganizationRepository& organizations() { return store_->organizations(); }
  personas::PersonaRepository& personas() { return store_->personas(); }
  media::ImageRepository& images() { return store_->images(); }
  relationships::RelationshipRepository& relationships() { return store_->relationships(); }
  search::SearchRepository& search() { return store_->search(); }

  Backend backend_;
  StoreOptions options_;
  std::unique_ptr<Store> store_;
  std::mutex observed_mutex_;
  std::vector<std::pair<std::string, bool>> observed_;  // GUARDED_BY(observed_mutex_)
};

struct BackendNames {
  template <class T>
  static std::string GetName(int) {
    if (std::is_same_v<T, SqliteFile>) return "SqliteFile";
    if (std::is_same_v<T, SqliteMemory>) return "SqliteMemory";
    return "Postgres";
  }
};
using Backends = ::testing::Types<SqliteFile, SqliteMemory, Postgres>;

}  // namespace enishi::storage::contract
