// The SQLite backend below the repositories: group commit, savepoint isolation, parameter
// binding, row decoding and error mapping.

#include "storage/sqlite/sqlite_database.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <future>
#include <optional>
#include <thread>
#include <vector>

#include "storage/sqlite/sqlite_error.hpp"
#include "storage/test_databases.hpp"

namespace enishi::storage::sqlite {
namespace {

using sql::SqlConnection;
using sql::SqlRow;
using namespace std::chrono_literals;

constexpr std::string_view kCreateItems =
    "CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)";
constexpr std::string_view kInsertItem = "INSERT INTO items (id, name) VALUES ($1, $2)";
constexpr std::string_view kCountItems = "SELECT COUNT(*) FROM items";

std::optional<ErrorCode> CodeOf(const Result<void>& result) {
  if (result) return std::nullopt;
  return result.error().code;
}

class SqliteDatabaseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = SqliteDatabase::Open((dir_.path() / "test.db").string(), 2, 2s);
    ASSERT_TRUE(opened.has_value()) << opened.error().message;
    db_ = std::move(opened).value();
    ASSERT_TRUE(db_->Write([](SqlConnection& c) { return c.ExecuteScript(kCreateItems); }));
  }

  Result<void> Insert(int64_t id, std::string_view name) {
    return db_->Write([&](SqlConnection& c) -> Result<void> {
      auto inserted = c.Execute(kInsertItem, {id, name});
      if (!inserted) return inserted.error();
      return Ok();
    });
  }

  int64_t Count() {
    int64_t count = -1;
    EXPECT_TRUE(db_->Read([&](SqlConnection& c) {
      return c.Query(kCountItems, {}, [&](const SqlRow& row) { count = row.Int64(0); });
    }));
    return count;
  }

  testing::TempDir dir_;
  std::unique_ptr<SqliteDatabase> db_;
};

TEST_F(SqliteDatabaseTest, ConcurrentWritesShareCommits) {
  // The first unit holds the writer until every other unit is queued behind it, so those
  // must all go out in one more commit.
  constexpr int kWaiting = 16;
  std::promise<void> running;
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  auto stats_before = db_->write_stats();
  std::thread blocker([&] {
    EXPECT_TRUE(db_->Write([&](SqlConnection& c) -> Result<void> {
      running.set_value();
      released.wait();
      ENISHI_TRY(c.Execute(kInsertItem, {int64_t{1}, "blocker"}));
      return Ok();
    }));
  });
  running.get_future().wait();
  std::vector<std::thread> writers;
  for (int i = 0; i < kWaiting; ++i) {
    writers.emplace_back([&, i] { EXPECT_TRUE(Insert(100 + i, "item" + std::to_string(i))); });
  }
  while (db_->write_stats().submitted - stats_before.submitted < kWaiting + 1) {
    std::this_thread::sleep_for(1ms);
  }
  release.set_value();
  blocker.join();
  for (std::thread& writer : writers) writer.join();

  auto stats = db_->write_stats();
  EXPECT_EQ(stats.finished - stats_before.finished, kWaiting + 1);
  EXPECT_EQ(stats.commits - stats_before.commits, 2);
  EXPECT_EQ(Count(), kWaiting + 1);
}

TEST_F(SqliteDatabaseTest, ManyThreadsCommitFewerTimesThanTheyWrite) {
  constexpr int kThreads = 8;
  constexpr int kPerThread = 50;
  auto before = db_->write_stats();
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        int64_t id = t * kPerThread + i + 1;
        EXPECT_TRUE(Insert(id, "n" + std::to_string(id)));
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  auto after = db_->write_stats();
  EXPECT_EQ(Count(), kThreads * kPerThread);
  EXPECT_EQ(after.finished - before.finished, kThreads * kPerThread);
  EXPECT_LT(after.commits - before.commits, kThreads * kPerThread);
}

TEST_F(SqliteDatabaseTest, AFailingUnitIsUndoneWithoutHarmingItsBatch) {
  std::promise<void> running;
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  auto stats_before = db_->write_stats();
  std::thread blocker([&] {
    EXPECT_TRUE(db_->Write([&](SqlConnection&) -> Result<void> {
      running.set_value();
      released.wait();
      return Ok();
    }));
  });
  running.get_future().wait();
  // Queued behind the blocker in this order, so all three share the next transaction.
  auto queued = [&](int units) {
    while (db_->write_stats().submitted - stats_before.submitted < units) {
      std::this_thread::sleep_for(1ms);
    }
  };
  auto good = std::async(std::launch::async, [&] { return Insert(1, "one"); });
  queued(2);
  auto bad = std::async(std::launch::async, [&] {
    return db_->Write([&](SqlConnection& c) -> Result<void> {
      ENISHI_TRY(c.Execute(kInsertItem, {int64_t{2}, "two"}));
      ENISHI_TRY(c.Execute(kInsertItem, {int64_t{3}, "one"}));  // Duplicate name.
      return Ok();
    });
  });
  queued(3);
  auto also_good = std::async(std::launch::async, [&] { return Insert(4, "four"); });
  queued(4);
  release.set_value();
  blocker.join();

  EXPECT_TRUE(good.get());
  Result<void> failed = bad.get();
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().code, ErrorCode::kAlreadyExists);
  EXPECT_TRUE(also_good.get());
  EXPECT_EQ(Count(), 2);  // "one" and "four"; nothing of the failed unit.
  EXPECT_EQ(db_->write_stats().commits - stats_before.commits, 2);
}

TEST_F(SqliteDatabaseTest, ParametersBindByNameInAnyOrder) {
  ASSERT_TRUE(db_->Write([](SqlConnection& c) -> Result<void> {
    ENISHI_TRY(c.Execute("INSERT INTO items (name, id) VALUES ($2, $1)", {int64_t{7}, "seven"}));
    return Ok();
  }));
  std::string name;
  int64_t doubled = 0;
  ASSERT_TRUE(db_->Read([&](SqlConnection& c) {
    return c.Query("SELECT name, id + $1 FROM items WHERE id = $1", {int64_t{7}},
                   [&](const SqlRow& row) {
                     name = row.Text(0);
                     doubled = row.Int64(1);
                   });
  }));
  EXPECT_EQ(name, "seven");
  EXPECT_EQ(doubled, 14);
}

TEST_F(SqliteDatabaseTest, MismatchedParametersAndColumnsAreInternalErrors) {
  auto run = [&](std::string_view sql, sql::SqlParams params, auto read) {
    return db_->Read([&](SqlConnection& c) { return c.Query(sql, params, read); });
  };
  auto ignore = [](const SqlRow&) {};
  EXPECT_EQ(CodeOf(run("SELECT $1, $2", {int64_t{1}}, ignore)), ErrorCode::kInternal);
  EXPECT_EQ(CodeOf(run("SELECT $1", {int64_t{1}, int64_t{2}}, ignore)), ErrorCode::kInternal);
  EXPECT_EQ(CodeOf(run("SELECT $2", {int64_t{1}}, ignore)), ErrorCode::kInternal);
  EXPECT_EQ(CodeOf(run("SELECT 'text'", {}, [](const SqlRow& row) { (void)row.Int64(0); })),
            ErrorCode::kInternal);
  EXPECT_EQ(CodeOf(run("SELECT 1", {}, [](const SqlRow& row) { (void)row.Text(3); })),
            ErrorCode::kInternal);
  EXPECT_EQ(CodeOf(run("SELECT 1; SELECT 2", {}, ignore)), ErrorCode::kInternal);
  bool is_null = false;
  EXPECT_TRUE(run("SELECT NULL", {}, [&](const SqlRow& row) { is_null = row.IsNull(0); }));
  EXPECT_TRUE(is_null);
}

TEST_F(SqliteDatabaseTest, BlobsKeepEveryByteAndAreNotText) {
  ASSERT_TRUE(db_->Write([](SqlConnection& c) {
    return c.ExecuteScript("CREATE TABLE blobs (id INTEGER PRIMARY KEY, bytes BLOB NOT NULL)");
  }));
  std::string every_byte;
  for (int i = 0; i < 256; ++i) every_byte += static_cast<char>(i);
  const std::string payloads[] = {std::string("\0\xff\0", 3), every_byte, ""};
  for (int64_t id = 0; id < 3; ++id) {
    std::string_view bytes = payloads[id];
    ASSERT_TRUE(db_->Write([&](SqlConnection& c) -> Result<void> {
      ENISHI_TRY(
          c.Execute("INSERT INTO blobs (id, bytes) VALUES ($1, $2)", {id, sql::SqlBlob{bytes}}));
      return Ok();
    }));
  }
  for (int64_t id = 0; id < 3; ++id) {
    std::string read = "unset";
    bool is_null = true;
    ASSERT_TRUE(db_->Read([&](SqlConnection& c) {
      // The parameter compares as bytes too.
      return c.Query("SELECT bytes FROM blobs WHERE id = $1 AND bytes = $2",
                     {id, sql::SqlBlob{payloads[id]}}, [&](const SqlRow& row) {
                       is_null = row.IsNull(0);
                       read = row.Blob(0);
                     });
    }));
    EXPECT_FALSE(is_null);
    EXPECT_EQ(read, payloads[id]) << id;
  }
  auto read_as = [&](std::string_view sql, bool as_blob) {
    return db_->Read([&](SqlConnection& c) {
      return c.Query(sql, {},
                     [&](const SqlRow& row) { (void)(as_blob ? row.Blob(0) : row.Text(0)); });
    });
  };
  EXPECT_EQ(CodeOf(read_as("SELECT bytes FROM blobs WHERE id = 1", false)), ErrorCode::kInternal);
  EXPECT_EQ(CodeOf(read_as("SELECT 'text'", true)), ErrorCode::kInternal);
  EXPECT_EQ(CodeOf(read_as("SELECT NULL", true)), ErrorCode::kInternal);
}

TEST_F(SqliteDatabaseTest, ReadConnectionsCannotWrite) {
  auto result = db_->Read([](SqlConnection& c) -> Result<void> {
    ENISHI_TRY(c.Execute(kInsertItem, {int64_t{1}, "x"}));
    return Ok();
  });
  EXPECT_EQ(CodeOf(result), ErrorCode::kInternal);
  EXPECT_EQ(Count(), 0);
}

TEST_F(SqliteDatabaseTest, AnotherWriterHoldingTheLockMakesWritesUnavailable) {
  std::promise<void> release;
  std::promise<void> holding;
  std::thread holder([&] {
    EXPECT_TRUE(db_->Write([&](SqlConnection&) -> Result<void> {
      holding.set_value();
      release.get_future().wait();
      return Ok();
    }));
  });
  holding.get_future().wait();
  // A writer with a 50 ms busy timeout waits that long for the lock, then gives up.
  auto shortly = SqliteDatabase::Open((dir_.path() / "test.db").string(), 1, 50ms);
  ASSERT_TRUE(shortly.has_value());
  auto result = (*shortly)->Write([](SqlConnection&) { return Ok(); });
  release.set_value();
  holder.join();
  EXPECT_EQ(CodeOf(result), ErrorCode::kUnavailable);
}

TEST_F(SqliteDatabaseTest, CreatesMissingFoldersAndReopensWithData) {
  std::string path = (dir_.path() / "a" / "b" / "c.db").string();
  {
    auto first = SqliteDatabase::Open(path, 1, 1s);
    ASSERT_TRUE(first.has_value()) << first.error().message;
    ASSERT_TRUE((*first)->Write([](SqlConnection& c) { return c.ExecuteScript(kCreateItems); }));
    ASSERT_TRUE((*first)->Write([](SqlConnection& c) -> Result<void> {
      ENISHI_TRY(c.Execute(kInsertItem, {int64_t{1}, "kept"}));
      return Ok();
    }));
  }
  auto second = SqliteDatabase::Open(path, 1, 1s);
  ASSERT_TRUE(second.has_value());
  std::string name;
  ASSERT_TRUE((*second)->Read([&](SqlConnection& c) {
    return c.Query("SELECT name FROM items", {}, [&](const SqlRow& row) { name = row.Text(0); });
  }));
  EXPECT_EQ(name, "kept");
}

TEST_F(SqliteDatabaseTest, NoticesReachListenersOnlyOnceTheirUnitCommits) {
  std::mutex mutex;
  std::condition_variable heard_one;
  std::vector<std::string> heard;
  auto listener = db_->Listen("items", {.on_message =
                                            [&](std::string_view message) {
                                              std::lock_guard lock(mutex);
                                              heard.emplace_back(message);
                                              heard_one.notify_all();
                                            },
                                        .on_gap = [] {}});
  ASSERT_TRUE(listener.has_value());
  ASSERT_TRUE(*listener);
  auto other = db_->Listen("elsewhere", {.on_message = [&](std::string_view) { ADD_FAILURE(); },
                                         .on_gap = [] {}});

  EXPECT_FALSE(db_->Write([](SqlConnection& c) -> Result<void> {
    ENISHI_TRY(c.Notify("items", "undone"));
    return Unavailable("the unit fails after its notice");
  }));
  ASSERT_TRUE(db_->Write([](SqlConnection& c) -> Result<void> {
    ENISHI_TRY(c.Execute(kInsertItem, {int64_t{1}, "one"}));
    return c.Notify("items", "one committed");
  }));
  EXPECT_EQ(CodeOf(db_->Read([](SqlConnection& c) { return c.Notify("items", "read"); })),
            ErrorCode::kInternal);

  std::unique_lock lock(mutex);
  ASSERT_TRUE(heard_one.wait_for(lock, 5s, [&] { return !heard.empty(); }));
  lock.unlock();
  std::this_thread::sleep_for(50ms);  // Room for a wrong notice to arrive, too.
  lock.lock();
  EXPECT_EQ(heard, std::vector<std::string>{"one committed"});
}

TEST(SqliteError, MapsResultCodes) {
  // Numeric values from sqlite3.h, which only src/storage/sqlite/ may include.
  struct Case {
    int result_code;
    ErrorCode expected;
  };
  for (Case c : {Case{2067, ErrorCode::kAlreadyExists},      // SQLITE_CONSTRAINT_UNIQUE
                 Case{1555, ErrorCode::kAlreadyExists},      // SQLITE_CONSTRAINT_PRIMARYKEY
                 Case{787, ErrorCode::kFailedPrecondition},  // SQLITE_CONSTRAINT_FOREIGNKEY
                 Case{275, ErrorCode::kInternal},            // SQLITE_CONSTRAINT_CHECK
                 Case{5, ErrorCode::kUnavailable},           // SQLITE_BUSY
                 Case{517, ErrorCode::kUnavailable},         // SQLITE_BUSY_SNAPSHOT
                 Case{6, ErrorCode::kUnavailable},           // SQLITE_LOCKED
                 Case{262, ErrorCode::kUnavailable},         // SQLITE_LOCKED_SHAREDCACHE
                 Case{1, ErrorCode::kInternal},              // SQLITE_ERROR
                 Case{13, ErrorCode::kInternal}}) {          // SQLITE_FULL
    EXPECT_EQ(CodeForSqliteResult(c.result_code), c.expected) << c.result_code;
  }
}

TEST(SqliteInMemory, ReadersAndTheWriterShareOneDatabaseAcrossThreads) {
  auto opened = SqliteDatabase::Open(":memory:", 4, 2s);
  ASSERT_TRUE(opened.has_value());
  SqliteDatabase& db = **opened;
  ASSERT_TRUE(db.Write([](SqlConnection& c) { return c.ExecuteScript(kCreateItems); }));
  std::atomic<bool> failed{false};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 25; ++i) {
        int64_t id = t * 100 + i;
        bool ok = db.Write([&](SqlConnection& c) -> Result<void> {
                      ENISHI_TRY(c.Execute(kInsertItem, {id, std::to_string(id)}));
                      return Ok();
                    }).has_value();
        int64_t seen = 0;
        ok = ok && db.Read([&](SqlConnection& c) {
                       return c.Query("SELECT COUNT(*) FROM items WHERE id = $1", {id},
                                      [&](const SqlRow& row) { seen = row.Int64(0); });
                     }).has_value();
        if (!ok || seen != 1) failed = true;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_FALSE(failed.load());
}

}  // namespace
}  // namespace enishi::storage::sqlite
