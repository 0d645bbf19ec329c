#pragma once
// What a new password must satisfy (OWASP ASVS 2.1, NIST SP 800-63B): 8 to 256 characters
// counted in Unicode code points, any characters at all and no composition rules, not one of
// the 10,000 most common passwords, and not the account's own login or display name.
// Pure functions; thread-safe.
//
// A refusal is kInvalidArgument whose message starts with a reason code and ": ", e.g.
// "too_short: password must be at least 8 characters". Clients map the reason code (never the
// English text after it) to a translated message:
//   invalid_utf8     the password is not valid UTF-8
//   too_short        fewer than kMinPasswordLength code points
//   too_long         more than kMaxPasswordLength code points
//   matches_account  equal, ignoring ASCII case, to the login or the display name
//   common           in the common-password list, ignoring ASCII case

#include <string_view>

#include "core/result.hpp"

namespace enishi::accounts {

inline constexpr size_t kMinPasswordLength = 8;
inline constexpr size_t kMaxPasswordLength = 256;

enum class PasswordProblem { kInvalidUtf8, kTooShort, kTooLong, kMatchesAccount, kCommon };

// The reason code that starts the error message: "invalid_utf8", "too_short", ...
std::string_view PasswordProblemName(PasswordProblem problem);

// OK when `password` may become the password of the account with `login` (normalised) and
// `display_name`. Otherwise kInvalidArgument naming `field` ("password", or "new_password" for a
// password change), with the message described above.
Result<void> CheckPassword(std::string_view password, std::string_view login,
                           std::string_view display_name, std::string_view field = "password");

// True when `password`, ignoring ASCII case, is in the embedded common-password list
// (common_passwords.txt).
bool IsCommonPassword(std::string_view password);

}  // namespace enishi::accounts
