#pragma once
// A real, migrated SQLite store held in memory, for domain and API tests. Every call returns a
// fresh, empty database that no other store can see. Link the test with enishi_storage.

#include <memory>
#include <utility>

#include "core/check.hpp"
#include "storage/store.hpp"

namespace enishi::testing {

// Aborts with a message if the store cannot be opened (a broken build, not a test failure).
inline std::unique_ptr<storage::Store> MakeTestStore(storage::OperationObserver observer = {}) {
  storage::StoreOptions options;
  options.url = "sqlite::memory:";
  options.observer = std::move(observer);
  auto store = storage::OpenStore(options);
  ENISHI_CHECK(store.has_value(), "opening the in-memory test store failed");
  return std::move(store).value();
}

}  // namespace enishi::testing
