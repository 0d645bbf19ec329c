#pragma once
// ENISHI_CHECK aborts on programmer errors. No user input may be able to reach one.

namespace enishi::internal {
[[noreturn]] void CheckFailed(const char* condition, const char* message, const char* file,
                              int line);
}  // namespace enishi::internal

#define ENISHI_CHECK(condition, message)                                           \
  do {                                                                             \
    if (!(condition)) {                                                            \
      ::enishi::internal::CheckFailed(#condition, message, __FILE__, __LINE__);    \
    }                                                                              \
  } while (false)
