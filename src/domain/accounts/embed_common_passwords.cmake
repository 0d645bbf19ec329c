# Writes OUTPUT, a C++ file defining internal::kCommonPasswords from INPUT (common_passwords.txt:
# one password per line, lines starting with # are comments). Run with cmake -P at build time.
# The text is escaped whole and never split into a CMake list, so no character needs care.
file(READ "${INPUT}" text)
string(REGEX REPLACE "\r" "" text "${text}")
string(REGEX REPLACE "(^|\n)#[^\n]*" "" text "${text}")
string(REPLACE "\\" "\\\\" text "${text}")
string(REPLACE "\"" "\\\"" text "${text}")
string(REGEX REPLACE "([^\n]+)" "    \"\\1\"," text "${text}")
string(REGEX REPLACE "\n\n+" "\n" text "${text}")
string(REGEX REPLACE "^\n" "" text "${text}")
file(WRITE "${OUTPUT}" "// Generated from common_passwords.txt by embed_common_passwords.cmake; do not edit.
#include \"domain/accounts/common_passwords.hpp\"

namespace enishi::accounts::internal {

const std::string_view kCommonPasswords[] = {
${text}};
const size_t kCommonPasswordCount = sizeof kCommonPasswords / sizeof kCommonPasswords[0];

}  // namespace enishi::accounts::internal
")
