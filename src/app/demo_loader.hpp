#pragma once
// Stores the demo world (demo_data.hpp) through the store's repositories: companies with their
// domains and parents, schools, for every person an account and a full profile with varied
// audiences, and ties among the people created (colleagues and classmates connect more).
// Loading twice adds nothing: companies and schools have ids derived from their keys, and
// people whose login exists are skipped.

#include <string>

#include "app/demo_data.hpp"
#include "core/clock.hpp"
#include "core/result.hpp"
#include "storage/store.hpp"

namespace enishi::app {

struct DemoLoadCounts {
  int created = 0;
  int existing = 0;
};

// Every person gets `password_hash` (one Argon2id hash serves all: they share a password).
Result<DemoLoadCounts> LoadDemoWorld(storage::Store& store, const demo::World& world,
                                     const std::string& password_hash, const Clock& clock);

}  // namespace enishi::app
