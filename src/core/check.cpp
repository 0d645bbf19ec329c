#include "core/check.hpp"

#include <cstdio>
#include <cstdlib>

namespace enishi::internal {

void CheckFailed(const char* condition, const char* message, const char* file, int line) {
  std::fprintf(stderr, "%s:%d: check failed: %s: %s\n", file, line, condition, message);
  std::abort();
}

}  // namespace enishi::internal
