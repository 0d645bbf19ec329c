#pragma once
// Password hashing behind a seam: the accounts service hashes and verifies through this
// interface, so tests can count the Argon2id calls every path must make. Implementations are
// thread-safe.

#include <string>
#include <string_view>

#include "core/result.hpp"
#include "crypto/hash.hpp"

namespace enishi::accounts {

class PasswordHasher {
 public:
  virtual ~PasswordHasher() = default;
  // The encoded hash of `password`. kInternal when it cannot be computed.
  virtual Result<std::string> Hash(std::string_view password) = 0;
  // True when `password` matches `encoded_hash`; a malformed hash never matches.
  virtual bool Verify(std::string_view password, std::string_view encoded_hash) = 0;
};

// Argon2id through crypto/hash.hpp. REQUIRES: crypto::Initialize() has succeeded.
class Argon2idHasher final : public PasswordHasher {
 public:
  explicit Argon2idHasher(crypto::PasswordCost cost) : cost_(cost) {}

  Result<std::string> Hash(std::string_view password) override {
    return crypto::HashPassword(password, cost_);
  }
  bool Verify(std::string_view password, std::string_view encoded_hash) override {
    return crypto::VerifyPassword(password, encoded_hash);
  }

 private:
  crypto::PasswordCost cost_;
};

}  // namespace enishi::accounts
