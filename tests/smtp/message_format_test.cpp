#include "smtp/message_format.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "smtp/parsed_mail.hpp"

namespace enishi::smtp {
namespace {

using testing::DecodeHeader;
using testing::ParseMail;

const Timestamp kDate = FromMicros(1795329000000000);  // 2026-11-22 06:30:00 UTC, a Sunday.
const Mailbox kFrom{"Enishi", "no-reply@enishi.example"};

mail::Message JapaneseGreeting() {
  return {mail::Channel::kEmail, "aiko@example.jp", "【縁】確認コード",
          "こんにちは、愛子さん。\n確認コードは 123456 です。\n\n.\n縁 (Enishi)", kDate};
}

TEST(MessageFormat, JapaneseSubjectAndBodyRoundTrip) {
  auto formatted = FormatMessage(JapaneseGreeting(), kFrom, kDate, "abc123@enishi.example");
  ASSERT_TRUE(formatted.has_value()) << formatted.error().message;
  testing::ParsedMail mail = ParseMail(*formatted);
  EXPECT_EQ(mail.headers["Date"], "Sun, 22 Nov 2026 06:30:00 +0000");
  EXPECT_EQ(mail.headers["From"], "\"Enishi\" <no-reply@enishi.example>");
  EXPECT_EQ(mail.headers["To"], "aiko@example.jp");
  EXPECT_EQ(mail.headers["Message-ID"], "<abc123@enishi.example>");
  EXPECT_EQ(mail.headers["MIME-Version"], "1.0");
  EXPECT_EQ(mail.headers["Content-Type"], "text/plain; charset=UTF-8");
  EXPECT_EQ(mail.headers["Content-Transfer-Encoding"], "base64");
  EXPECT_EQ(mail.headers["Auto-Submitted"], "auto-generated");
  EXPECT_TRUE(mail.headers["Subject"].starts_with("=?UTF-8?B?"));
  EXPECT_EQ(DecodeHeader(mail.headers["Subject"]), "【縁】確認コード");
  // Line breaks are CRLF in the canonical form, whatever the template used.
  EXPECT_EQ(mail.body,
            "こんにちは、愛子さん。\r\n確認コードは 123456 です。\r\n\r\n.\r\n縁 (Enishi)");
  // Nothing but ASCII goes on the wire, and no line is over 78 characters.
  for (char c : *formatted) EXPECT_TRUE(c > 0 && c < 0x7f) << int(c);
  size_t start = 0;
  while (start < formatted->size()) {
    size_t end = formatted->find("\r\n", start);
    ASSERT_NE(end, std::string::npos) << "every line ends in CRLF";
    EXPECT_LE(end - start, 78u);
    start = end + 2;
  }
}

TEST(MessageFormat, LongSubjectsFoldIntoWholeCharacters) {
  std::string subject;
  for (int i = 0; i < 30; ++i) subject += "縁を結ぶ";  // 360 bytes of three-byte characters.
  subject += " — end";
  mail::Message message = JapaneseGreeting();
  message.subject = subject;
  testing::ParsedMail mail = ParseMail(*FormatMessage(message, kFrom, kDate, "x@y"));
  EXPECT_EQ(DecodeHeader(mail.headers["Subject"]), subject);
  int words = 0;
  for (const std::string& line : mail.header_lines) {
    EXPECT_LE(line.size(), 78u) << line;
    size_t open = line.find("=?UTF-8?B?");
    if (open == std::string::npos) continue;
    ++words;
    size_t close = line.find("?=", open + 10);
    ASSERT_NE(close, std::string::npos);
    EXPECT_LE(close + 2 - open, 75u);
    // Each word holds whole characters: it decodes alone to text starting with a lead byte.
    std::string piece = testing::DecodeBase64(line.substr(open + 10, close - open - 10));
    ASSERT_FALSE(piece.empty());
    EXPECT_NE(static_cast<unsigned char>(piece.front()) & 0xc0, 0x80) << line;
  }
  EXPECT_GT(words, 5);
}

TEST(MessageFormat, PlainAsciiStaysReadable) {
  mail::Message message{mail::Channel::kEmail, "bo@example.com", "Your Enishi code",
                        "Your code is 123456.", kDate};
  testing::ParsedMail mail =
      ParseMail(*FormatMessage(message, {"", "no-reply@enishi.example"}, kDate, "x@y"));
  EXPECT_EQ(mail.headers["Subject"], "Your Enishi code");
  EXPECT_EQ(mail.headers["From"], "no-reply@enishi.example");
  EXPECT_EQ(mail.body, "Your code is 123456.");
  // Text that looks like an encoded word is encoded, so it reads back as written.
  EXPECT_EQ(DecodeHeader(EncodeHeaderText("=?UTF-8?B?SGk=?=")), "=?UTF-8?B?SGk=?=");
  EXPECT_NE(EncodeHeaderText("=?UTF-8?B?SGk=?="), "=?UTF-8?B?SGk=?=");
  EXPECT_EQ(EncodeHeaderText(""), "");
}

TEST(MessageFormat, UnicodeDisplayNamesAreEncoded) {
  testing::ParsedMail mail =
      ParseMail(*FormatMessage(JapaneseGreeting(), {"縁 Enishi", "no-reply@enishi.example"}, kDate, "x@y"));
  EXPECT_EQ(DecodeHeader(mail.headers["From"]), "縁 Enishi <no-reply@enishi.example>");
  mail =
      ParseMail(*FormatMessage(JapaneseGreeting(), {"Say \"hi\" \\ o/", "a@enishi.example"}, kDate, "x@y"));
  EXPECT_EQ(mail.headers["From"], R"("Say \"hi\" \\ o/" <a@enishi.example>)");
}

TEST(MessageFormat, RefusesHeaderInjection) {
  for (const std::string& to : std::vector<std::string>{
           "aiko@example.jp\r\nBcc: everyone@example.com", "aiko@example.jp\n",
           "a@b.example, c@d.example", "Aiko <aiko@example.jp>", "aiko @example.jp", "", "aiko",
           "@example.jp", "aiko@", "a@@b", "愛子@example.jp", "a@example..jp",
           std::string("a@b\0c", 5), "a\"b@example.jp"}) {
    mail::Message message = JapaneseGreeting();
    message.to = to;
    auto formatted = FormatMessage(message, kFrom, kDate, "x@y");
    ASSERT_FALSE(formatted.has_value()) << to;
    EXPECT_EQ(formatted.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(formatted.error().field, "to");
  }
  for (const std::string& subject : std::vector<std::string>{
           "code\r\nBcc: everyone@example.com", "code\nX: y", "code\r", std::string("a\0b", 3)}) {
    mail::Message message = JapaneseGreeting();
    message.subject = subject;
    auto formatted = FormatMessage(message, kFrom, kDate, "x@y");
    ASSERT_FALSE(formatted.has_value());
    EXPECT_EQ(formatted.error().field, "subject");
  }
  // A body may hold anything: base64 carries it.
  mail::Message message = JapaneseGreeting();
  message.body = "line\r\n.\r\nQUIT\r\nBcc: x\n";
  auto formatted = FormatMessage(message, kFrom, kDate, "x@y");
  ASSERT_TRUE(formatted.has_value());
  EXPECT_EQ(formatted->find("QUIT"), std::string::npos);
}

TEST(MessageFormat, ParsesMailboxes) {
  auto bare = ParseMailbox("no-reply@enishi.example");
  ASSERT_TRUE(bare.has_value());
  EXPECT_EQ(bare->display_name, "");
  EXPECT_EQ(bare->address, "no-reply@enishi.example");
  auto named = ParseMailbox("  Enishi <no-reply@enishi.example> ");
  ASSERT_TRUE(named.has_value());
  EXPECT_EQ(named->display_name, "Enishi");
  EXPECT_EQ(named->address, "no-reply@enishi.example");
  auto quoted = ParseMailbox("\"縁 Enishi\" <no-reply@enishi.example>");
  ASSERT_TRUE(quoted.has_value());
  EXPECT_EQ(quoted->display_name, "縁 Enishi");
  for (std::string_view bad : {"", "Enishi", "Enishi <>", "<a@b.example", "a@b.example>",
                               "Enishi <a@b.example>\r\nBcc: x@y.example", "E<nishi <a@b.example>",
                               "a@b.example, c@d.example"}) {
    EXPECT_FALSE(ParseMailbox(bad).has_value()) << bad;
  }
}

TEST(MessageFormat, DatesAreRfc5322) {
  EXPECT_EQ(FormatDate(FromMicros(0)), "Thu, 01 Jan 1970 00:00:00 +0000");
  EXPECT_EQ(FormatDate(FromMicros(1767225600123456)), "Thu, 01 Jan 2026 00:00:00 +0000");
  EXPECT_EQ(FormatDate(kDate + hours(17) + minutes(29) + seconds(59)),
            "Sun, 22 Nov 2026 23:59:59 +0000");
}

}  // namespace
}  // namespace enishi::smtp
