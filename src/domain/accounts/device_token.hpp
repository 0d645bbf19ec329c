#pragma once
// Device tokens, after OWASP's "device cookies": a browser that has logged in to an account
// keeps a long-lived token that names the account, and presents it on later logins. It never
// authenticates anything; it only exempts its holder from the per-login lockout, so that an
// attacker guessing an account's password cannot lock its owner out (see login_throttle.hpp).
//
// A token is "<member id>.<nonce>.<HMAC-SHA-256 of both under a server key>". Nothing is
// stored: any server holding the key recognises its tokens. Immutable after construction;
// thread-safe.
// REQUIRES: crypto::Initialize() has succeeded.

#include <optional>
#include <string>
#include <string_view>

#include "core/ids.hpp"

namespace enishi::accounts {

class DeviceTokens {
 public:
  // Signs with `key`; an empty key draws a random one, so tokens last as long as the process.
  explicit DeviceTokens(std::string key);

  // A new token for a device that just logged in to `member`.
  std::string Issue(MemberId member) const;

  // The device's id (the token's random nonce, unique per device) when `token` was issued by
  // this key for `member`; nullopt for any other string.
  std::optional<std::string> Verify(std::string_view token, MemberId member) const;

 private:
  std::string Sign(std::string_view payload) const;

  std::string key_;
};

}  // namespace enishi::accounts
