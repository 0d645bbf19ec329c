#include "core/ids.hpp"

#include <gtest/gtest.h>

namespace enishi {
namespace {

TEST(Ids, EncodeDecodeRoundTrips) {
  for (uint64_t value : {uint64_t{1}, uint64_t{1} << 40, uint64_t{0x7fffffffffffffff},
                         uint64_t{0x123456789abcdef}}) {
    std::string text = EncodeId(value);
    EXPECT_EQ(text.size(), 13u);
    auto decoded = DecodeId(text);
    ASSERT_TRUE(decoded.has_value()) << text;
    EXPECT_EQ(*decoded, value);
  }
}

TEST(Ids, DecodeAcceptsUpperCase) {
  std::string text = EncodeId(0x123456789abcdef);
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  EXPECT_EQ(DecodeId(text), 0x123456789abcdefu);
}

TEST(Ids, DecodeRejectsMalformedText) {
  EXPECT_FALSE(DecodeId(""));
  EXPECT_FALSE(DecodeId("0000000000000"));       // zero is never an id
  EXPECT_FALSE(DecodeId("00000000000001"));      // too long
  EXPECT_FALSE(DecodeId("000000000001"));        // too short
  EXPECT_FALSE(DecodeId("00000000000u1"));       // 'u' is not in the alphabet
  EXPECT_FALSE(DecodeId("8000000000000"));       // beyond 63 bits
  EXPECT_FALSE(DecodeId("0000000000\xff" "01"));  // non-ASCII
}

TEST(Ids, StrongTypesCompareByValue) {
  MemberId a(42), b(42), c(43);
  EXPECT_EQ(a, b);
  EXPECT_LT(a, c);
  EXPECT_EQ(MemberId::Parse(a.ToString()), a);
  EXPECT_FALSE(MemberId().valid());
}

}  // namespace
}  // namespace enishi
