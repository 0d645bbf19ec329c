#pragma once
// The common-password list, generated at build time from common_passwords.txt by
// embed_common_passwords.cmake. Internal to password_policy.cpp.

#include <cstddef>
#include <string_view>

namespace enishi::accounts::internal {

// Lowercase, at least 8 characters each, most common first.
extern const std::string_view kCommonPasswords[];
extern const size_t kCommonPasswordCount;

}  // namespace enishi::accounts::internal
