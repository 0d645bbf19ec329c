#include "core/result.hpp"

#include <gtest/gtest.h>

#include <string>

namespace enishi {
namespace {

Result<int> Half(int n) {
  if (n % 2 != 0) return InvalidArgument("odd", "n");
  return n / 2;
}

Result<int> Quarter(int n) {
  auto half = Half(n);
  if (!half) return half.error().WithContext("quartering");
  return Half(*half);
}

Result<void> MustBeEven(int n) {
  ENISHI_TRY(Half(n));
  return Ok();
}

TEST(Result, HoldsValueOrError) {
  auto good = Half(4);
  ASSERT_TRUE(good.has_value());
  EXPECT_EQ(*good, 2);
  auto bad = Half(3);
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(bad.error().field, "n");
}

TEST(Result, ContextIsPrefixedAsErrorsTravelUp) {
  auto bad = Quarter(3);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().message, "quartering: odd");
}

TEST(Result, TryPropagatesErrorsFromVoidFunctions) {
  EXPECT_TRUE(MustBeEven(2));
  auto bad = MustBeEven(1);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalidArgument);
}

TEST(Result, ErrorCodeNamesAreSnakeCase) {
  EXPECT_EQ(ErrorCodeName(ErrorCode::kNotFound), "not_found");
  EXPECT_EQ(ErrorCodeName(ErrorCode::kResourceExhausted), "resource_exhausted");
}

TEST(ResultDeathTest, ValueOfAnErrorIsABug) {
  auto bad = Half(1);
  EXPECT_DEATH((void)bad.value(), "Result::value\\(\\) on an error");
}

}  // namespace
}  // namespace enishi
