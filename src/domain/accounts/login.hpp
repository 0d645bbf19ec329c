#pragma once
// The login of an account: an email address or a mobile number in international form. Members
// type it in many shapes ("Alice@Example.COM ", "+81 90-1234-5678", full-width digits from a
// Japanese or Chinese input method); NormaliseLogin turns each into the one stored spelling.
// Pure functions; thread-safe.

#include <string>
#include <string_view>

#include "core/result.hpp"
#include "domain/accounts/account.hpp"

namespace enishi::accounts {

inline constexpr size_t kMaxEmailLength = 254;  // RFC 5321's limit on a forward path.
inline constexpr int kMinPhoneDigits = 8;
inline constexpr int kMaxPhoneDigits = 15;  // E.164.

struct NormalisedLogin {
  std::string login;  // A lowercase email address, or "+" and 8–15 digits.
  LoginKind kind = LoginKind::kEmail;
};

// Trims `input` and normalises it:
// - an email address is lowercased whole and must be plain ASCII "local@domain": a local part
//   of 1–64 characters (letters, digits, dots not at either end nor doubled, and
//   !#$%&'*+-/=?^_`{|}~), a domain of two or more labels of letters, digits and inner hyphens,
//   a final label that is not all digits, and at most 254 characters in all;
// - a mobile number must start with '+', then a country code and number of 8–15 digits in all,
//   not starting with 0, optionally separated by spaces or hyphens. The full-width digits and
//   plus (U+FF10–FF19, U+FF0B), ideographic space and full-width hyphen that input methods
//   produce are accepted; anything else is not.
// kInvalidArgument with field "login" for anything else, including invalid UTF-8.
Result<NormalisedLogin> NormaliseLogin(std::string_view input);

}  // namespace enishi::accounts
