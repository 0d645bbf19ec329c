#include "domain/accounts/login.hpp"

#include <gtest/gtest.h>

#include <string>

namespace enishi::accounts {
namespace {

struct Accepted {
  std::string input;
  std::string normalised;
  LoginKind kind;
};

// A syntactically valid address of `length` (>= 200) characters: the longest local part and
// domain labels of at most 63 characters.
std::string EmailOfLength(size_t length) {
  std::string email =
      std::string(64, 'a') + "@" + std::string(63, 'b') + "." + std::string(63, 'c') + ".";
  return email + std::string(length - email.size() - 4, 'd') + ".com";
}

TEST(NormaliseLogin, AcceptsEmailsAndInternationalNumbers) {
  const Accepted cases[] = {
      {"alice@example.com", "alice@example.com", LoginKind::kEmail},
      {"  Alice@Example.COM \t", "alice@example.com", LoginKind::kEmail},
      {"\u3000bob.smith+jobs@mail.co.jp\u3000", "bob.smith+jobs@mail.co.jp", LoginKind::kEmail},
      {"o'neil_{x}@sub-domain.example.org", "o'neil_{x}@sub-domain.example.org", LoginKind::kEmail},
      {"wang@163.com", "wang@163.com", LoginKind::kEmail},
      {"+819012345678", "+819012345678", LoginKind::kPhone},
      {"+81 90-1234-5678", "+819012345678", LoginKind::kPhone},
      {" +86 138 0013 8000 ", "+8613800138000", LoginKind::kPhone},
      // What a Japanese or Chinese input method types in full-width mode.
      {"＋８１ ９０－１２３４－５６７８", "+819012345678", LoginKind::kPhone},
      {"＋８６\u3000１３８００１３８０００", "+8613800138000", LoginKind::kPhone},
      {"+12345678", "+12345678", LoginKind::kPhone},                // 8 digits
      {"+123456789012345", "+123456789012345", LoginKind::kPhone},  // 15 digits
  };
  for (const Accepted& c : cases) {
    auto login = NormaliseLogin(c.input);
    ASSERT_TRUE(login) << c.input << ": " << login.error().message;
    EXPECT_EQ(login->login, c.normalised) << c.input;
    EXPECT_EQ(login->kind, c.kind) << c.input;
  }
}

TEST(NormaliseLogin, RefusesEverythingElseNamingTheLoginField) {
  const std::string local_part_65(65, 'a');
  const std::string email_255 = EmailOfLength(255);
  ASSERT_EQ(email_255.size(), 255u);
  const std::string cases[] = {
      "",
      "   ",
      "alice",
      "alice@",
      "@example.com",
      "alice@example",
      "alice@@example.com",
      "alice@bob@example.com",
      "al ice@example.com",
      "alice.@example.com",
      ".alice@example.com",
      "al..ice@example.com",
      "alice@-example.com",
      "alice@example-.com",
      "alice@example..com",
      "alice@.example.com",
      "alice@192.168.0.1",
      "\"alice\"@example.com",
      "用户@例子.com",
      "ａｌｉｃｅ@example.com",
      local_part_65 + "@example.com",
      email_255,
      "09012345678",        // no country code
      "81 90 1234 5678",    // no plus
      "+0 90 1234 5678",    // country codes do not start with 0
      "+1234567",           // 7 digits
      "+1234567890123456",  // 16 digits
      "+81 (90) 1234 5678",
      "+81.90.1234.5678",
      "+81 90 1234 567x",
      "+81+9012345678",
      "+８１ ９０ １２３４ ５６７８ ｘ",
      "\xff\xfe",
      std::string("alice@exa\0mple.com", 18),
  };
  for (const std::string& input : cases) {
    auto login = NormaliseLogin(input);
    ASSERT_FALSE(login) << input;
    EXPECT_EQ(login.error().code, ErrorCode::kInvalidArgument) << input;
    EXPECT_EQ(login.error().field, "login") << input;
  }
}

TEST(NormaliseLogin, AcceptsAnEmailOfExactly254Characters) {
  const std::string email = EmailOfLength(254);
  ASSERT_EQ(email.size(), 254u);
  EXPECT_TRUE(NormaliseLogin(email));
}

}  // namespace
}  // namespace enishi::accounts
