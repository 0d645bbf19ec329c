#include "crypto/random.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <thread>
#include <vector>

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

TEST_F(RandomTest, TagsAreBase64UrlOfTheRequestedLength) {
  for (size_t bytes : {size_t{1}, size_t{9}, size_t{32}, size_t{64}}) {
    std::string tag = RandomTag(bytes);
    EXPECT_EQ(tag.size(), (bytes * 4 + 2) / 3) << bytes;
    EXPECT_EQ(
        tag.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
        std::string::npos)
        << tag;
  }
  EXPECT_EQ(RandomTag(9).size(), 12u);  // The length of request ids.
}

TEST_F(RandomTest, TagsAreDistinctAcrossCallsAndThreads) {
  // Enough per thread to refill each thread's pool many times over.
  constexpr int kThreads = 4;
  constexpr int kPerThread = 5000;
  std::vector<std::vector<std::string>> drawn(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&drawn, t] {
      for (int i = 0; i < kPerThread; ++i) drawn[static_cast<size_t>(t)].push_back(RandomTag(9));
    });
  }
  for (std::thread& thread : threads) thread.join();
  std::set<std::string> seen;
  for (const auto& tags : drawn) seen.insert(tags.begin(), tags.end());
  EXPECT_EQ(seen.size(), size_t{kThreads} * kPerThread);
  // Tags of odd sizes do not repeat across a refill either.
  std::set<std::string> odd;
  for (int i = 0; i < 2000; ++i) odd.insert(RandomTag(7));
  EXPECT_EQ(odd.size(), 2000u);
}

TEST_F(RandomTest, DigitsAreDecimalOfTheRequestedLength) {
  std::string code = RandomDigits(6);
  EXPECT_EQ(code.size(), 6u);
  EXPECT_EQ(code.find_first_not_of("0123456789"), std::string::npos);
}

}  // namespace
}  // namespace enishi::crypto
