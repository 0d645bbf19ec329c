#pragma once
// Cryptographically secure randomness (libsodium's randombytes). Thread-safe.
// REQUIRES: crypto::Initialize() has succeeded (app/main.cpp calls it first).

#include <cstddef>
#include <cstdint>
#include <string>

#include "core/ids.hpp"
#include "core/result.hpp"

namespace enishi::crypto {

// Initialises libsodium; call once before anything else here. kInternal if it cannot.
Result<void> Initialize();

// A random 63-bit value of at least 2^40, suitable as an opaque public id.
uint64_t RandomIdValue();
template <class IdType>
IdType RandomId() {
  return IdType(RandomIdValue());
}

// `bytes` random bytes as unpadded base64url text (a 32-byte token is 43 characters).
std::string RandomToken(size_t bytes = 32);

// `bytes` random bytes as unpadded base64url text, like RandomToken, for ids that must be
// unique across servers but need not be secret (request ids). Cheap: bytes come from a
// per-thread pool refilled 4 KiB at a time, so unused ones stay in memory — never use it for a
// secret. REQUIRES: 0 < bytes <= 64.
std::string RandomTag(size_t bytes);

// A uniformly random string of `digits` decimal digits ("042719"), for one-time codes.
std::string RandomDigits(int digits);

}  // namespace enishi::crypto
