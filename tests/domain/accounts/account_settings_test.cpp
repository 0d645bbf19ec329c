#include "domain/accounts/account_settings.hpp"

#include <gtest/gtest.h>

#include <string>

namespace enishi::accounts {
namespace {

std::string Repeated(std::string_view unit, int times) {
  std::string out;
  for (int i = 0; i < times; ++i) out += unit;
  return out;
}

TEST(NormaliseDisplayName, TrimsAndCountsCodePoints) {
  EXPECT_EQ(*NormaliseDisplayName("  山田 太郎\u3000"), "山田 太郎");
  EXPECT_EQ(*NormaliseDisplayName("Li Wei 李伟"), "Li Wei 李伟");
  EXPECT_EQ(*NormaliseDisplayName(Repeated("縁", 100)), Repeated("縁", 100));
  EXPECT_EQ(*NormaliseDisplayName(" " + Repeated("a", 100) + " "), Repeated("a", 100));
}

TEST(NormaliseDisplayName, RefusesEmptyLongControlAndInvalidText) {
  const std::string cases[] = {
      "",
      " \u3000 ",
      Repeated("縁", 101),
      "Alice\nBob",
      "Alice\x7f",
      "Alice\u0085",
      "Alice\u202eecilA",  // right-to-left override
      "Alice\u2028",
      "Alice\xff",
  };
  for (const std::string& name : cases) {
    auto normalised = NormaliseDisplayName(name);
    ASSERT_FALSE(normalised) << name;
    EXPECT_EQ(normalised.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(normalised.error().field, "display_name");
  }
}

TEST(NormaliseLocale, AcceptsTheThreeLocalesInAnyCase) {
  EXPECT_EQ(*NormaliseLocale("ja"), "ja");
  EXPECT_EQ(*NormaliseLocale("zh-Hans"), "zh-Hans");
  EXPECT_EQ(*NormaliseLocale("zh-hans"), "zh-Hans");
  EXPECT_EQ(*NormaliseLocale("EN"), "en");
  for (std::string_view other : {"", "fr", "zh", "zh-Hant", "ja-JP", "en "}) {
    auto locale = NormaliseLocale(other);
    ASSERT_FALSE(locale) << other;
    EXPECT_EQ(locale.error().field, "locale");
  }
}

}  // namespace
}  // namespace enishi::accounts
