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

TEST_F(HashTest, HmacSha256MatchesRfc4231Vectors) {
  // RFC 4231 test cases 1 and 2.
  EXPECT_EQ(HmacSha256Hex(std::string(20, '\x0b'), "Hi There"),
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
  EXPECT_EQ(HmacSha256Hex("Jefe", "what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
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
