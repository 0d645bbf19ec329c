#include "storage/sql/connection_pool.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

namespace enishi::storage::sql {
namespace {

using namespace std::chrono_literals;

struct FakeConnection {
  int id;
};

std::vector<std::unique_ptr<FakeConnection>> Connections(int count) {
  std::vector<std::unique_ptr<FakeConnection>> connections;
  for (int i = 0; i < count; ++i) connections.push_back(std::make_unique<FakeConnection>(i));
  return connections;
}

TEST(ConnectionPool, LendsEachConnectionToOneHolderAtATime) {
  ConnectionPool<FakeConnection> pool(Connections(2));
  auto a = pool.Acquire(10ms);
  auto b = pool.Acquire(10ms);
  ASSERT_TRUE(a && b);
  EXPECT_NE((*a)->id, (*b)->id);
  auto c = pool.Acquire(10ms);
  ASSERT_FALSE(c);
  EXPECT_EQ(c.error().code, ErrorCode::kUnavailable);
}

TEST(ConnectionPool, AReturnedConnectionWakesAWaiter) {
  ConnectionPool<FakeConnection> pool(Connections(1));
  std::optional<ConnectionPool<FakeConnection>::Lease> held(std::move(pool.Acquire(10ms).value()));
  std::thread returner([&] {
    std::this_thread::sleep_for(20ms);
    held.reset();
  });
  auto waited = pool.Acquire(5s);
  returner.join();
  EXPECT_TRUE(waited);
}

TEST(ConnectionPool, CloseWakesWaitersAndRefusesNewLeases) {
  ConnectionPool<FakeConnection> pool(Connections(1));
  std::optional<ConnectionPool<FakeConnection>::Lease> held(std::move(pool.Acquire(10ms).value()));
  std::thread closer([&] {
    std::this_thread::sleep_for(20ms);
    held.reset();  // Close() waits for this before it destroys the connections.
  });
  std::thread waiter([&] {
    auto lease = pool.Acquire(5s);
    // Either it got the connection before Close() or was turned away by it.
    if (!lease) {
      EXPECT_EQ(lease.error().code, ErrorCode::kUnavailable);
    }
  });
  pool.Close();
  closer.join();
  waiter.join();
  auto after = pool.Acquire(10ms);
  ASSERT_FALSE(after);
  EXPECT_EQ(after.error().code, ErrorCode::kUnavailable);
}

}  // namespace
}  // namespace enishi::storage::sql
