#include "domain/accounts/device_token.hpp"

#include <gtest/gtest.h>

#include "crypto/random.hpp"

namespace enishi::accounts {
namespace {

class DeviceTokensTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(crypto::Initialize()); }

  const MemberId alice_{1234567890123};
  const MemberId bob_{9876543210987};
};

TEST_F(DeviceTokensTest, RecognisesItsTokensForTheirMemberOnly) {
  DeviceTokens tokens("");
  std::string token = tokens.Issue(alice_);
  auto device = tokens.Verify(token, alice_);
  ASSERT_TRUE(device);
  EXPECT_FALSE(device->empty());
  EXPECT_FALSE(tokens.Verify(token, bob_));
}

TEST_F(DeviceTokensTest, EachDeviceGetsItsOwnId) {
  DeviceTokens tokens("");
  EXPECT_NE(*tokens.Verify(tokens.Issue(alice_), alice_),
            *tokens.Verify(tokens.Issue(alice_), alice_));
}

TEST_F(DeviceTokensTest, RefusesForgedAndForeignTokens) {
  DeviceTokens tokens("a shared key of thirty-two bytes");
  std::string token = tokens.Issue(alice_);
  std::string tampered = token;
  tampered.back() = tampered.back() == '0' ? '1' : '0';
  EXPECT_FALSE(tokens.Verify(tampered, alice_));
  // Bob's id with Alice's nonce and MAC.
  std::string swapped = bob_.ToString() + token.substr(alice_.ToString().size());
  EXPECT_FALSE(tokens.Verify(swapped, bob_));
  EXPECT_FALSE(DeviceTokens("another key").Verify(token, alice_));
  EXPECT_FALSE(DeviceTokens("").Verify(token, alice_));
  for (std::string_view garbage : {"", ".", "..", "x.y.z", "no dots at all"}) {
    EXPECT_FALSE(tokens.Verify(garbage, alice_)) << garbage;
  }
}

TEST_F(DeviceTokensTest, ServersSharingAKeyRecogniseEachOthersTokens) {
  DeviceTokens a("a shared key of thirty-two bytes");
  DeviceTokens b("a shared key of thirty-two bytes");
  EXPECT_TRUE(b.Verify(a.Issue(alice_), alice_));
}

}  // namespace
}  // namespace enishi::accounts
