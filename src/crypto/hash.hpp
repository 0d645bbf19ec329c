#pragma once
// Hashing of secrets. Tokens and one-time codes are stored only as their SHA-256; passwords
// only as Argon2id. All functions are thread-safe.
// REQUIRES: crypto::Initialize() has succeeded.

#include <string>
#include <string_view>

#include "core/result.hpp"

namespace enishi::crypto {

// Lowercase hex SHA-256 of `data`: how session tokens and codes are stored.
std::string Sha256Hex(std::string_view data);

// Lowercase hex HMAC-SHA-256 of `data` under `key` (any length; 32 random bytes is typical):
// how the server signs values it hands out and must later recognise, such as device tokens.
std::string HmacSha256Hex(std::string_view key, std::string_view data);

// Constant-time comparison of two equal-length strings (false if the lengths differ).
bool ConstantTimeEquals(std::string_view a, std::string_view b);

// Argon2id cost. The defaults follow OWASP (m=19 MiB, t=2); tests lower them for speed.
struct PasswordCost {
  unsigned long long ops_limit = 2;
  size_t mem_limit_bytes = 19 * 1024 * 1024;
};

// The encoded Argon2id string ("$argon2id$v=19$m=...") for `password`. kInternal when memory
// cannot be allocated.
Result<std::string> HashPassword(std::string_view password, const PasswordCost& cost);

// True when `password` matches `encoded_hash`. A malformed hash never matches.
bool VerifyPassword(std::string_view password, std::string_view encoded_hash);

}  // namespace enishi::crypto
