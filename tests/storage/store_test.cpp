// OpenStore and Migrate, and the test-support stores built on them.

#include "storage/store.hpp"

#include <gtest/gtest.h>

#include <thread>

#include <chrono>

#include <atomic>

#include <fstream>
#include <string>
#include <vector>

#include "domain/accounts/account_repository.hpp"
#include "domain/mail/mail.hpp"
#include "domain/media/image.hpp"
#include "domain/organizations/organization_repository.hpp"
#include "domain/personas/persona_repository.hpp"
#include "domain/profiles/profile_repository.hpp"
#include "storage/test_databases.hpp"
#include "support/faulty_store.hpp"
#include "support/test_store.hpp"

namespace enishi::storage {
namespace {

ErrorCode OpenError(std::string url, int pool_size = 2) {
  StoreOptions options;
  options.url = std::move(url);
  options.pool_size = pool_size;
  auto store = OpenStore(options);
  EXPECT_FALSE(store.has_value());
  return store ? ErrorCode::kInternal : store.error().code;
}

TEST(OpenStore, RejectsUnknownSchemesAndBadOptions) {
  EXPECT_EQ(OpenError("mysql://localhost/enishi"), ErrorCode::kInvalidArgument);
  EXPECT_EQ(OpenError("data/enishi.db"), ErrorCode::kInvalidArgument);
  EXPECT_EQ(OpenError("sqlite:"), ErrorCode::kInvalidArgument);
  EXPECT_EQ(OpenError("sqlite::memory:", 0), ErrorCode::kInvalidArgument);
}

TEST(OpenStore, ReportsAnUnreachableDatabaseAsUnavailable) {
  testing::TempDir dir;
  std::string file = (dir.path() / "file").string();
  { std::ofstream(file) << "not a folder"; }
  EXPECT_EQ(OpenError("sqlite:" + file + "/enishi.db"), ErrorCode::kUnavailable);
#if ENISHI_WITH_POSTGRES
  std::string socket_dir = dir.path().string();
  EXPECT_EQ(OpenError("postgresql:///postgres?host=" + socket_dir + "&connect_timeout=1"),
            ErrorCode::kUnavailable);
#else
  EXPECT_EQ(OpenError("postgresql://localhost/enishi"), ErrorCode::kInvalidArgument);
#endif
}

TEST(Migrate, AppliesEveryMigrationOnceToAFreshFile) {
  testing::TempDir dir;
  StoreOptions options;
  options.url = "sqlite:" + (dir.path() / "enishi.db").string();
  options.migrate = false;
  auto unmigrated = OpenStore(options);
  ASSERT_TRUE(unmigrated.has_value());
  EXPECT_FALSE((*unmigrated)->accounts().FindAccount(MemberId(1)).has_value());  // No tables.
  (*unmigrated)->Close();

  auto first = Migrate(options);
  ASSERT_TRUE(first.has_value()) << first.error().message;
  EXPECT_EQ(*first, testing::kLatestSchemaVersion);
  auto second = Migrate(options);
  ASSERT_TRUE(second.has_value());
  EXPECT_EQ(*second, testing::kLatestSchemaVersion);

  auto database = sql::OpenDatabase(options);
  ASSERT_TRUE(database.has_value());
  std::vector<int64_t> versions;
  ASSERT_TRUE((*database)->Read([&](sql::SqlConnection& db) {
    return db.Query("SELECT version FROM schema_migrations ORDER BY version", {},
                    [&](const sql::SqlRow& row) { versions.push_back(row.Int64(0)); });
  }));
  std::vector<int64_t> expected;
  for (int64_t v = 1; v <= testing::kLatestSchemaVersion; ++v) expected.push_back(v);
  EXPECT_EQ(versions, expected);
}

TEST(MakeTestStore, GivesEachCallItsOwnEmptyDatabase) {
  auto a = enishi::testing::MakeTestStore();
  auto b = enishi::testing::MakeTestStore();
  EXPECT_EQ(a->backend(), "sqlite");
  ASSERT_TRUE(a->outbox().Append({mail::Channel::kEmail, "a@example.com", "s", "b", {}}));
  EXPECT_EQ(a->outbox().ListRecent(5)->size(), 1u);
  EXPECT_TRUE(b->outbox().ListRecent(5)->empty());
}

// An SQLite store serves one server: the change feed has nobody to tell, and a listener hears
// only this process's own write units (see store_messaging_contract_test.cpp).
TEST(ChangeFeed, AnSqliteStorePublishesToNobody) {
  std::unique_ptr<Store> store = enishi::testing::MakeTestStore();
  std::atomic<int> heard{0};
  auto listener = store->Listen("enishi_relationships",
                                {.on_message = [&](std::string_view) { ++heard; }, .on_gap = [] {}});
  ASSERT_TRUE(listener);
  ASSERT_NE(*listener, nullptr);
  EXPECT_TRUE(store->changes().Publish("enishi_relationships", "forget x"));
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_EQ(heard.load(), 0);
}

TEST(FaultyStore, FailsTheChosenCallWithoutReachingTheStore) {
  enishi::testing::FaultyStore store(enishi::testing::MakeTestStore());
  mail::Message message{mail::Channel::kEmail, "a@example.com", "s", "b", {}};
  store.FailNthCall(2, ErrorCode::kUnavailable);
  EXPECT_TRUE(store.outbox().Append(message));
  auto failed = store.outbox().Append(message);
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().code, ErrorCode::kUnavailable);
  EXPECT_TRUE(store.outbox().Append(message));
  EXPECT_EQ(store.outbox().ListRecent(10)->size(), 2u);

  store.FailNthCall(1, ErrorCode::kAlreadyExists, "accounts.find_account");
  EXPECT_TRUE(store.outbox().ListRecent(1));
  auto found = store.accounts().FindAccount(MemberId(1));
  ASSERT_FALSE(found);
  EXPECT_EQ(found.error().code, ErrorCode::kAlreadyExists);
  EXPECT_TRUE(store.accounts().FindAccount(MemberId(1)));

  store.FailFromNthCall(1, ErrorCode::kInternal);
  EXPECT_FALSE(store.accounts().DeleteExpired({}));
  EXPECT_FALSE(store.outbox().ListRecent(1));
  store.Heal();
  EXPECT_TRUE(store.outbox().ListRecent(1));
  EXPECT_EQ(store.calls().front(), "outbox.append");
  EXPECT_EQ(store.calls().size(), 10u);
}

TEST(FaultyStore, CoversTheProfileOrganizationPersonaAndImageRepositories) {
  enishi::testing::FaultyStore store(enishi::testing::MakeTestStore());
  store.FailFromNthCall(1, ErrorCode::kUnavailable);
  EXPECT_FALSE(store.profiles().FindProfile(MemberId(1)));
  EXPECT_FALSE(store.organizations().SearchCompanies("a", 1));
  EXPECT_FALSE(store.personas().ListPersonas(MemberId(1)));
  EXPECT_FALSE(store.images().Put({ImageId(1), "image/jpeg", "x", {}}));
  store.Heal();
  EXPECT_EQ(store.images().Find(ImageId(1))->has_value(), false);  // Never reached the store.
  EXPECT_EQ(store.calls(),
            (std::vector<std::string>{"profiles.find_profile", "organizations.search_companies",
                                      "personas.list_personas", "images.put", "images.find"}));
}

}  // namespace
}  // namespace enishi::storage
