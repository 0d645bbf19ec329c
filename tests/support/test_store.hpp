#pragma once
// A real, migrated SQLite store held in memory, for domain and API tests. Every call returns a
// fresh, empty database that no other store can see. Link the test with enishi_storage.

#include <memory>
#include <utility>

#include "core/check.hpp"
#include "intl/icu_text_forms.hpp"
#include "storage/store.hpp"

namespace enishi::testing {

// The ICU text forms the app gives its store, for stores opened by tests.
inline const search::TextForms& TestTextForms() {
  static const intl::IcuTextForms forms;
  return forms;
}

// Aborts with a message if the store cannot be opened (a broken build, not a test failure).
inline std::unique_ptr<storage::Store> MakeTestStore(storage::OperationObserver observer = {}) {
  storage::StoreOptions options;
  options.url = "sqlite::memory:";
  options.text_forms = &TestTextForms();
  options.observer = std::move(observer);
  auto store = storage::OpenStore(options);
  ENISHI_CHECK(store.has_value(), "opening the in-memory test store failed");
  return std::move(store).value();
}

}  // namespace enishi::testing
