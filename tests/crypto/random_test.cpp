#include "crypto/random.hpp"

#include <gtest/gtest.h>

#include <set>

namespace enishi::crypto {
namespace {

class RandomTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(Initialize()); }
};

TEST_F(RandomTest, IdsAreLargeDistinctAndEncodable) {
  std::set<uint64_t> seen;
  for (int i = 0; i < 1000; ++i) {
    uint64_t value = RandomIdValue();
    EXPECT_GE(value, uint64_t{1} << 40);
    EXPECT_LT(value, uint64_t{1} << 63);
    EXPECT_EQ(DecodeId(EncodeId(value)), value);
    seen.insert(value);
  }
  EXPECT_EQ(seen.size(), 1000u);
}

TEST_F(RandomTest, TokensCarryAtLeast128Bits) {
  std::string token = RandomToken();
  EXPECT_EQ(token.size(), 43u);  // 32 bytes, base64url without padding
  EXPECT_EQ(token.find_first_not_of(
                "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
            std::string::npos);
  EXPECT_NE(RandomToken(), token);
}

TEST_F(RandomTest, DigitsAreDecimalOfTheRequestedLength) {
  std::string code = RandomDigits(6);
  EXPECT_EQ(code.size(), 6u);
  EXPECT_EQ(code.find_first_not_of("0123456789"), std::string::npos);
}

}  // namespace
}  // namespace enishi::crypto
