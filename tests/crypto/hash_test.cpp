#include "crypto/hash.hpp"

#include <gtest/gtest.h>

#include "crypto/random.hpp"

namespace enishi::crypto {
namespace {

// Cheap Argon2id parameters so the suite stays fast; production uses PasswordCost{}.
constexpr PasswordCost kTestCost{1, 8 * 1024};

class HashTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(Initialize()); }
};

TEST_F(HashTest, Sha256MatchesKnownVector) {
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_F(HashTest, PasswordVerifiesOnlyWithTheRightPassword) {
  auto hash = HashPassword("correct horse battery", kTestCost);
  ASSERT_TRUE(hash);
  EXPECT_TRUE(hash->starts_with("$argon2id$"));
  EXPECT_TRUE(VerifyPassword("correct horse battery", *hash));
  EXPECT_FALSE(VerifyPassword("correct horse batterx", *hash));
  EXPECT_FALSE(VerifyPassword("", *hash));
}

TEST_F(HashTest, SamePasswordHashesDifferently) {
  auto a = HashPassword("パスワード1234", kTestCost);
  auto b = HashPassword("パスワード1234", kTestCost);
  ASSERT_TRUE(a && b);
  EXPECT_NE(*a, *b);  // salted
}

TEST_F(HashTest, MalformedHashNeverMatches) {
  EXPECT_FALSE(VerifyPassword("x", ""));
  EXPECT_FALSE(VerifyPassword("x", "$argon2id$garbage"));
  EXPECT_FALSE(VerifyPassword("x", std::string(1000, 'a')));
}

TEST_F(HashTest, ConstantTimeEqualsComparesContentAndLength) {
  EXPECT_TRUE(ConstantTimeEquals("abc", "abc"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abd"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abcd"));
  EXPECT_TRUE(ConstantTimeEquals("", ""));
}

}  // namespace
}  // namespace enishi::crypto
