#include "domain/accounts/password_policy.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>

namespace enishi::accounts {
namespace {

constexpr std::string_view kLogin = "alice@example.com";
constexpr std::string_view kName = "Alice Tanaka";

std::string Repeat(std::string_view unit, int times) {
  std::string out;
  for (int i = 0; i < times; ++i) out += unit;
  return out;
}

struct Case {
  std::string password;
  std::optional<PasswordProblem> problem;  // nullopt: accepted.
};

TEST(CheckPassword, AppliesLengthCommonAndAccountRules) {
  const Case cases[] = {
      {"correct horse battery staple", std::nullopt},
      {"Tr0ub4dor&3x", std::nullopt},
      {"        ", std::nullopt},  // any characters at all, spaces included
      {"1234567", PasswordProblem::kTooShort},
      {"", PasswordProblem::kTooShort},
      // Counted in code points: 5 characters in 15 bytes is too short...
      {"パスワード", PasswordProblem::kTooShort},
      // ...and 8 characters in 24 bytes is long enough.
      {"春眠不觉晓处处闻", std::nullopt},
      {"東京の夜景がきれい", std::nullopt},
      {"🔑🔑🔑🔑🔑🔑🔑🔑", std::nullopt},
      {Repeat("縁", 256), std::nullopt},  // 768 bytes
      {Repeat("縁", 257), PasswordProblem::kTooLong},
      {Repeat("x", 256), std::nullopt},
      {Repeat("x", 257), PasswordProblem::kTooLong},
      {"password", PasswordProblem::kCommon},
      {"PassWord", PasswordProblem::kCommon},
      {"iloveyou", PasswordProblem::kCommon},
      {"QWERTYUIOP", PasswordProblem::kCommon},
      {"asdfjkl;", PasswordProblem::kCommon},
      {"ALICE@example.com", PasswordProblem::kMatchesAccount},
      {"alice tanaka", PasswordProblem::kMatchesAccount},
      {"pass\xff\xfeword", PasswordProblem::kInvalidUtf8},
      {"\xed\xa0\x80password", PasswordProblem::kInvalidUtf8},  // a UTF-16 surrogate
  };
  for (const Case& c : cases) {
    auto checked = CheckPassword(c.password, kLogin, kName);
    if (!c.problem) {
      EXPECT_TRUE(checked) << c.password << ": " << checked.error().message;
      continue;
    }
    ASSERT_FALSE(checked) << c.password;
    EXPECT_EQ(checked.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(checked.error().field, "password");
    std::string prefix = std::string(PasswordProblemName(*c.problem)) + ": ";
    EXPECT_TRUE(checked.error().message.starts_with(prefix))
        << c.password << " gave " << checked.error().message << ", expected " << prefix;
  }
}

TEST(CheckPassword, NamesTheFieldTheCallerGives) {
  auto checked = CheckPassword("short", kLogin, kName, "new_password");
  ASSERT_FALSE(checked);
  EXPECT_EQ(checked.error().field, "new_password");
}

TEST(CheckPassword, ReasonCodesAreDistinctAndStable) {
  EXPECT_EQ(PasswordProblemName(PasswordProblem::kInvalidUtf8), "invalid_utf8");
  EXPECT_EQ(PasswordProblemName(PasswordProblem::kTooShort), "too_short");
  EXPECT_EQ(PasswordProblemName(PasswordProblem::kTooLong), "too_long");
  EXPECT_EQ(PasswordProblemName(PasswordProblem::kMatchesAccount), "matches_account");
  EXPECT_EQ(PasswordProblemName(PasswordProblem::kCommon), "common");
}

TEST(IsCommonPassword, KnowsTheEmbeddedListIgnoringCase) {
  EXPECT_TRUE(IsCommonPassword("12345678"));
  EXPECT_TRUE(IsCommonPassword("Baseball"));
  EXPECT_TRUE(IsCommonPassword("1qaz2wsx"));
  EXPECT_TRUE(IsCommonPassword("felicidade"));  // the 10,000th entry
  EXPECT_FALSE(IsCommonPassword("correct horse battery staple"));
  EXPECT_FALSE(IsCommonPassword("123456"));  // common, but too short to be listed
  EXPECT_FALSE(IsCommonPassword("# The 10,000 most common passwords"));  // comments are not
}

}  // namespace
}  // namespace enishi::accounts
