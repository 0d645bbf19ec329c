// The PostgreSQL backend below the repositories: SQLSTATE mapping, lost connections, pool
// exhaustion and failed transactions. Needs ENISHI_TEST_PG_URL (scripts/with-postgres) except
// for the mapping table.

#include "storage/postgres/pg_database.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <optional>
#include <thread>
#include <vector>

#include "storage/postgres/sqlstate.hpp"
#include "storage/sql/sql_store.hpp"
#include "storage/test_databases.hpp"

namespace enishi::storage::postgres {
namespace {

using sql::SqlConnection;
using sql::SqlRow;
using namespace std::chrono_literals;

std::optional<ErrorCode> CodeOf(const Result<void>& result) {
  if (result) return std::nullopt;
  return result.error().code;
}

TEST(SqlState, MapsToErrorCodes) {
  struct Case {
    const char* sqlstate;
    ErrorCode expected;
  };
  for (Case c : {Case{"23505", ErrorCode::kAlreadyExists},       // unique_violation
                 Case{"23503", ErrorCode::kFailedPrecondition},  // foreign_key_violation
                 Case{"40001", ErrorCode::kUnavailable},         // serialization_failure
                 Case{"40P01", ErrorCode::kUnavailable},         // deadlock_detected
                 Case{"08006", ErrorCode::kUnavailable},         // connection_failure
                 Case{"08000", ErrorCode::kUnavailable},         // connection_exception
                 Case{"57P01", ErrorCode::kUnavailable},         // admin_shutdown
                 Case{"42P01", ErrorCode::kInternal},            // undefined_table
                 Case{"08", ErrorCode::kInternal},               // Malformed.
                 Case{"", ErrorCode::kInternal}}) {
    EXPECT_EQ(CodeForSqlState(c.sqlstate), c.expected) << c.sqlstate;
  }
}

class PgDatabaseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto server = testing::PostgresTestUrl();
    if (!server) GTEST_SKIP() << testing::kNoPostgresReason;
    auto schema = testing::PgTestSchema::Create(*server);
    ASSERT_TRUE(schema.has_value()) << schema.error().message;
    schema_ = std::move(schema).value();
  }

  std::unique_ptr<PgDatabase> Open(int pool_size, std::chrono::milliseconds timeout = 5s) {
    auto database = PgDatabase::Open(schema_->url(), pool_size, timeout);
    EXPECT_TRUE(database.has_value()) << database.error().message;
    return database ? std::move(database).value() : nullptr;
  }

  static Result<int64_t> BackendPid(PgDatabase& db) {
    int64_t pid = 0;
    ENISHI_TRY(db.Read([&](SqlConnection& c) {
      return c.Query("SELECT pg_backend_pid()", {}, [&](const SqlRow& row) { pid = row.Int64(0); });
    }));
    return pid;
  }

  std::unique_ptr<testing::PgTestSchema> schema_;
};

TEST_F(PgDatabaseTest, ALostConnectionFailsOnceAsUnavailableThenRecovers) {
  auto db = Open(1);
  ASSERT_NE(db, nullptr);
  auto pid = BackendPid(*db);
  ASSERT_TRUE(pid.has_value());
  auto killer = Open(1);
  ASSERT_TRUE(killer->Read([&](SqlConnection& c) {
    return c.Query("SELECT pg_terminate_backend($1)", {*pid}, [](const SqlRow&) {});
  }));
  // The server may take a moment to close the socket; until then the old session answers.
  Result<void> first = Ok();
  for (int i = 0; i < 100 && first; ++i) {
    first =
        db->Read([](SqlConnection& c) { return c.Query("SELECT 1", {}, [](const SqlRow&) {}); });
    if (first) std::this_thread::sleep_for(10ms);
  }
  EXPECT_EQ(CodeOf(first), ErrorCode::kUnavailable);
  auto new_pid = BackendPid(*db);
  ASSERT_TRUE(new_pid.has_value()) << new_pid.error().message;
  EXPECT_NE(*new_pid, *pid);
}

TEST_F(PgDatabaseTest, AnExhaustedPoolAnswersUnavailableAfterTheTimeout) {
  auto db = Open(1, 50ms);
  ASSERT_NE(db, nullptr);
  Result<void> inner = Ok();
  ASSERT_TRUE(db->Read([&](SqlConnection&) {
    inner = db->Read([](SqlConnection&) { return Ok(); });
    return Ok();
  }));
  EXPECT_EQ(CodeOf(inner), ErrorCode::kUnavailable);
}

TEST_F(PgDatabaseTest, AWriteUnitIsOneTransaction) {
  auto db = Open(2);
  ASSERT_NE(db, nullptr);
  ASSERT_TRUE(db->Write([](SqlConnection& c) {
    return c.ExecuteScript("CREATE TABLE items (id BIGINT PRIMARY KEY, name TEXT NOT NULL)");
  }));
  auto insert = [](SqlConnection& c, int64_t id) -> Result<void> {
    ENISHI_TRY(c.Execute("INSERT INTO items (id, name) VALUES ($1, $2)", {id, "x"}));
    return Ok();
  };
  // The second insert collides with the first: the whole unit is undone.
  EXPECT_EQ(CodeOf(db->Write([&](SqlConnection& c) -> Result<void> {
              ENISHI_TRY(insert(c, 1));
              return insert(c, 1);
            })),
            ErrorCode::kAlreadyExists);
  // A unit that swallows a failed statement cannot commit what came before it.
  EXPECT_EQ(CodeOf(db->Write([&](SqlConnection& c) -> Result<void> {
              ENISHI_TRY(insert(c, 2));
              (void)insert(c, 2);
              return Ok();
            })),
            ErrorCode::kInternal);
  int64_t count = -1;
  ASSERT_TRUE(db->Read([&](SqlConnection& c) {
    return c.Query("SELECT COUNT(*) FROM items", {},
                   [&](const SqlRow& row) { count = row.Int64(0); });
  }));
  EXPECT_EQ(count, 0);
}

TEST_F(PgDatabaseTest, ByteaKeepsEveryByteAndIsNotText) {
  auto db = Open(1);
  ASSERT_NE(db, nullptr);
  ASSERT_TRUE(db->Write([](SqlConnection& c) {
    return c.ExecuteScript("CREATE TABLE blobs (id BIGINT PRIMARY KEY, bytes BYTEA NOT NULL)");
  }));
  std::string every_byte;
  for (int i = 0; i < 256; ++i) every_byte += static_cast<char>(i);
  const std::string payloads[] = {std::string("\0\xff\0", 3), every_byte, "", "\\x41"};
  for (int64_t id = 0; id < 4; ++id) {
    std::string_view bytes = payloads[id];
    ASSERT_TRUE(db->Write([&](SqlConnection& c) -> Result<void> {
      ENISHI_TRY(
          c.Execute("INSERT INTO blobs (id, bytes) VALUES ($1, $2)", {id, sql::SqlBlob{bytes}}));
      return Ok();
    }));
  }
  for (int64_t id = 0; id < 4; ++id) {
    std::string read = "unset";
    ASSERT_TRUE(db->Read([&](SqlConnection& c) {
      // A binary parameter among text ones, compared as bytes.
      return c.Query("SELECT bytes FROM blobs WHERE id = $1 AND bytes = $2",
                     {id, sql::SqlBlob{payloads[id]}},
                     [&](const SqlRow& row) { read = row.Blob(0); });
    }));
    EXPECT_EQ(read, payloads[id]) << id;
  }
  auto read_as = [&](std::string_view sql, bool as_blob) {
    return db->Read([&](SqlConnection& c) {
      return c.Query(sql, {},
                     [&](const SqlRow& row) { (void)(as_blob ? row.Blob(0) : row.Text(0)); });
    });
  };
  EXPECT_EQ(CodeOf(read_as("SELECT bytes FROM blobs WHERE id = 1", false)), ErrorCode::kInternal);
  EXPECT_EQ(CodeOf(read_as("SELECT 'text'::text", true)), ErrorCode::kInternal);
  EXPECT_EQ(CodeOf(read_as("SELECT NULL::bytea", true)), ErrorCode::kInternal);
}

TEST_F(PgDatabaseTest, ConcurrentMigratorsApplyEachMigrationOnce) {
  StoreOptions options;
  options.url = schema_->url();
  options.pool_size = 1;
  std::vector<std::thread> migrators;
  std::vector<Result<int>> versions(4, Result<int>(0));
  for (Result<int>& version : versions) {
    migrators.emplace_back([&] { version = Migrate(options); });
  }
  for (std::thread& migrator : migrators) migrator.join();
  for (const Result<int>& version : versions) {
    ASSERT_TRUE(version.has_value()) << version.error().message;
    EXPECT_EQ(*version, testing::kLatestSchemaVersion);
  }
  auto db = Open(1);
  ASSERT_NE(db, nullptr);
  int64_t rows = 0;
  ASSERT_TRUE(db->Read([&](SqlConnection& c) {
    return c.Query("SELECT COUNT(*) FROM schema_migrations", {},
                   [&](const SqlRow& row) { rows = row.Int64(0); });
  }));
  EXPECT_EQ(rows, testing::kLatestSchemaVersion);
}

// What a listener heard, for a test to wait on.
class Heard {
 public:
  cluster::ChangeListener::Handlers Handlers() {
    return {.on_message =
                [this](std::string_view message) {
                  std::lock_guard lock(mutex_);
                  messages_.emplace_back(message);
                  changed_.notify_all();
                },
            .on_gap =
                [this] {
                  std::lock_guard lock(mutex_);
                  ++gaps_;
                  changed_.notify_all();
                }};
  }
  // The messages once there are `count` of them, or what there is after 5 s.
  std::vector<std::string> Messages(size_t count) {
    std::unique_lock lock(mutex_);
    changed_.wait_for(lock, 5s, [&] { return messages_.size() >= count; });
    return messages_;
  }
  bool WaitForGap() {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, 5s, [&] { return gaps_ > 0; });
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<std::string> messages_;
  int gaps_ = 0;
};

TEST_F(PgDatabaseTest, ANotificationReachesEveryListenerOfItsChannelOnly) {
  auto db = Open(1);
  auto other = Open(1);
  ASSERT_TRUE(db && other);
  // Channels are server-wide: a name of its own keeps parallel tests apart.
  const std::string channel = "enishi_test_" + testing::RandomSuffix();
  Heard here, there;
  auto listening_here = db->Listen(channel, here.Handlers());
  auto listening_there = other->Listen(channel, there.Handlers());
  ASSERT_TRUE(listening_here && listening_there);
  ASSERT_NE(*listening_here, nullptr);

  sql::SqlChangeFeed feed(*db, {});
  ASSERT_TRUE(feed.Publish(channel + "_other", "not for us"));
  ASSERT_TRUE(feed.Publish(channel, "connect 縁 ties"));
  ASSERT_TRUE(feed.Publish(channel, "second"));
  const std::vector<std::string> expected = {"connect 縁 ties", "second"};
  EXPECT_EQ(here.Messages(2), expected);
  EXPECT_EQ(there.Messages(2), expected);
}

TEST_F(PgDatabaseTest, AListenerThatLosesItsConnectionComesBackAndReportsTheGap) {
  auto db = Open(1);
  ASSERT_NE(db, nullptr);
  const std::string channel = "enishi_test_" + testing::RandomSuffix();
  Heard heard;
  auto listener = db->Listen(channel, heard.Handlers());
  ASSERT_TRUE(listener);
  ASSERT_TRUE(db->Read([&](SqlConnection& c) {
    return c.Query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query = $1",
                   {"LISTEN \"" + channel + "\""}, [](const SqlRow&) {});
  }));
  ASSERT_TRUE(heard.WaitForGap());
  sql::SqlChangeFeed feed(*db, {});
  ASSERT_TRUE(feed.Publish(channel, "after the gap"));
  EXPECT_EQ(heard.Messages(1), std::vector<std::string>{"after the gap"});
}

}  // namespace
}  // namespace enishi::storage::postgres
