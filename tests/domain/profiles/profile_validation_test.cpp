// profile_validation.hpp: every limit at its boundary, counted in code points (CJK text is three
// UTF-8 bytes per character), trimming, control characters, months, URLs, contact kinds,
// language and country codes, salary bands, circle audiences and list sizes. Every refusal is
// kInvalidArgument naming the field as the client sent it.

#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

#include "domain/profiles/profile.hpp"
#include "domain/profiles/profile_validation.hpp"

namespace enishi::profiles {
namespace {

using L = ProfileLimits;

const YearMonth kThisMonth{2026, 1};
const CircleId kFriends(0x61);
const Audience kConnections = Audience::Of(AudienceKind::kConnections);

// `n` copies of a CJK character: n code points, 3n bytes.
std::string Cjk(size_t n, std::string_view ch = "縁") {
  std::string text;
  for (size_t i = 0; i < n; ++i) text += ch;
  return text;
}

// A valid profile with one entry in every list.
Profile Valid() {
  Profile p;
  p.member = MemberId(1);
  p.display_name = {"王小明", Audience::Of(AudienceKind::kMembers)};
  p.name = {{"王", "小明", "wáng", "xiǎomíng", "Wang", "Xiaoming"}, kConnections};
  p.headline = {"高级工程师", kConnections};
  p.about = {"我在上海工作。\n喜欢围棋。", kConnections};
  p.location = {"上海", kConnections};
  p.career = {{JobSeeking::kOpen, {"架构师"}, {"上海"}, 800000, 1200000, "CNY"}, kConnections};
  p.positions = {{EntryId(), CompanyId(1), "工程师", JobFunction::kEngineering, Seniority::kSenior,
                  {2020, 1}, std::nullopt, "负责支付系统。", kConnections}};
  p.education = {{EntryId(), SchoolId(1), "硕士", "计算机科学", "CN", {2012, 9},
                  YearMonth{2015, 6}, kConnections}};
  p.languages = {{EntryId(), "zh-Hans", Proficiency::kNative, kConnections}};
  p.skills = {{EntryId(), "分布式系统", kConnections}};
  p.links = {{EntryId(), LinkKind::kProject, "网关", "https://example.com/gateway", "开源项目",
              kConnections}};
  p.contacts = {{EntryId(), ContactKind::kWeChat, "wang_xm", kConnections}};
  return p;
}

Result<void> Check(Profile& p, std::vector<CircleId> circles = {kFriends}) {
  return NormalizeAndValidate(p, kThisMonth, circles);
}

// Applies `change` to a valid profile and expects the result accepted.
void ExpectAccepted(const std::function<void(Profile&)>& change, const std::string& what) {
  Profile p = Valid();
  change(p);
  auto checked = Check(p);
  EXPECT_TRUE(checked) << what << ": " << checked.error().field << " " << checked.error().message;
}

// Applies `change` to a valid profile and expects it refused, naming `field`.
void ExpectRefused(const std::function<void(Profile&)>& change, const std::string& field,
                   const std::string& what) {
  Profile p = Valid();
  change(p);
  auto checked = Check(p);
  ASSERT_FALSE(checked) << what;
  EXPECT_EQ(checked.error().code, ErrorCode::kInvalidArgument) << what;
  EXPECT_EQ(checked.error().field, field) << what << ": " << checked.error().message;
  // The message starts with the field, so a client that shows only the message still knows.
  EXPECT_TRUE(checked.error().message.starts_with(field)) << what << ": " << checked.error().message;
}

TEST(ProfileValidationTest, AValidProfileIsAccepted) {
  Profile p = Valid();
  Profile before = p;
  ASSERT_TRUE(Check(p));
  EXPECT_EQ(p, before);  // Nothing to trim.
}

TEST(ProfileValidationTest, AnEmptyProfileNeedsOnlyADisplayName) {
  Profile p;
  p.display_name.value = "王";
  EXPECT_TRUE(Check(p, {}));
  p.display_name.value = "";
  auto checked = Check(p, {});
  ASSERT_FALSE(checked);
  EXPECT_EQ(checked.error().field, "display_name.value");
}

struct TextLimit {
  std::string field;
  size_t max;
  std::function<std::string&(Profile&)> get;
};

std::vector<TextLimit> TextLimits() {
  return {
      {"display_name.value", L::kDisplayName, [](Profile& p) -> std::string& { return p.display_name.value; }},
      {"name.value.family", L::kNamePart, [](Profile& p) -> std::string& { return p.name.value.family; }},
      {"name.value.given", L::kNamePart, [](Profile& p) -> std::string& { return p.name.value.given; }},
      {"name.value.family_reading", L::kNamePart,
       [](Profile& p) -> std::string& { return p.name.value.family_reading; }},
      {"name.value.given_reading", L::kNamePart,
       [](Profile& p) -> std::string& { return p.name.value.given_reading; }},
      {"name.value.latin_family", L::kNamePart,
       [](Profile& p) -> std::string& { return p.name.value.latin_family; }},
      {"name.value.latin_given", L::kNamePart,
       [](Profile& p) -> std::string& { return p.name.value.latin_given; }},
      {"headline.value", L::kHeadline, [](Profile& p) -> std::string& { return p.headline.value; }},
      {"about.value", L::kAbout, [](Profile& p) -> std::string& { return p.about.value; }},
      {"location.value", L::kLocation, [](Profile& p) -> std::string& { return p.location.value; }},
      {"career.value.roles[0]", L::kCareerItem, [](Profile& p) -> std::string& { return p.career.value.roles[0]; }},
      {"career.value.locations[0]", L::kCareerItem,
       [](Profile& p) -> std::string& { return p.career.value.locations[0]; }},
      {"positions[0].title", L::kTitle, [](Profile& p) -> std::string& { return p.positions[0].title; }},
      {"positions[0].description", L::kDescription,
       [](Profile& p) -> std::string& { return p.positions[0].description; }},
      {"education[0].degree", L::kDegree, [](Profile& p) -> std::string& { return p.education[0].degree; }},
      {"education[0].field", L::kDegree, [](Profile& p) -> std::string& { return p.education[0].field; }},
      {"skills[0].name", L::kSkill, [](Profile& p) -> std::string& { return p.skills[0].name; }},
      {"links[0].title", L::kTitle, [](Profile& p) -> std::string& { return p.links[0].title; }},
      {"links[0].description", L::kDescription,
       [](Profile& p) -> std::string& { return p.links[0].description; }},
  };
}

TEST(ProfileValidationTest, EveryTextLimitIsCountedInCodePointsAtItsBoundary) {
  for (const TextLimit& limit : TextLimits()) {
    ExpectAccepted([&](Profile& p) { limit.get(p) = Cjk(limit.max); },
                   limit.field + " at " + std::to_string(limit.max) + " CJK characters");
    ExpectRefused([&](Profile& p) { limit.get(p) = Cjk(limit.max + 1); }, limit.field,
                  limit.field + " at " + std::to_string(limit.max + 1) + " CJK characters");
    // Four-byte code points (CJK extension B) count as one character too.
    ExpectAccepted([&](Profile& p) { limit.get(p) = Cjk(limit.max, "𠀋"); },
                   limit.field + " at max characters outside the BMP");
  }
}

TEST(ProfileValidationTest, TheLimitNamedInTheMessageIsTheFieldsOwn) {
  Profile p = Valid();
  p.headline.value = Cjk(L::kHeadline + 1);
  auto checked = Check(p);
  ASSERT_FALSE(checked);
  EXPECT_NE(checked.error().message.find("200"), std::string::npos) << checked.error().message;
}

TEST(ProfileValidationTest, FieldPathsNameTheEntryIndex) {
  ExpectRefused(
      [](Profile& p) {
        p.positions.push_back(p.positions[0]);
        p.positions[1].title = "";
      },
      "positions[1].title", "an empty title in the second position");
  ExpectRefused(
      [](Profile& p) {
        p.skills.push_back(p.skills[0]);
        p.skills.push_back(p.skills[0]);
        p.skills[2].name = "\u3000";
      },
      "skills[2].name", "a blank third skill");
  ExpectRefused([](Profile& p) { p.name.value.family = Cjk(L::kNamePart + 1); },
                "name.value.family", "an over-long family name");
}

TEST(ProfileValidationTest, ContactAndUrlLimitsAtTheirBoundary) {
  ExpectAccepted([](Profile& p) { p.contacts[0] = {EntryId(), ContactKind::kLine, std::string(L::kContact, 'a'), kConnections}; },
                 "a LINE ID of exactly the limit");
  ExpectRefused([](Profile& p) { p.contacts[0] = {EntryId(), ContactKind::kLine, std::string(L::kContact + 1, 'a'), kConnections}; },
                "contacts[0].value", "a LINE ID one over the limit");
  const std::string prefix = "https://example.com/";
  ExpectAccepted([&](Profile& p) { p.links[0].url = prefix + std::string(L::kUrl - prefix.size(), 'a'); },
                 "a URL of exactly the limit");
  ExpectRefused([&](Profile& p) { p.links[0].url = prefix + std::string(L::kUrl - prefix.size() + 1, 'a'); },
                "links[0].url", "a URL one over the limit");
}

TEST(ProfileValidationTest, RequiredTextMustNotBeEmptyOrBlank) {
  ExpectRefused([](Profile& p) { p.display_name.value = " \u3000 "; }, "display_name.value", "blank display name");
  ExpectRefused([](Profile& p) { p.positions[0].title = ""; }, "positions[0].title", "empty title");
  ExpectRefused([](Profile& p) { p.skills[0].name = "  "; }, "skills[0].name", "blank skill");
  ExpectRefused([](Profile& p) { p.links[0].title = ""; }, "links[0].title", "empty link title");
  ExpectRefused([](Profile& p) { p.links[0].url = ""; }, "links[0].url", "empty URL");
  ExpectRefused([](Profile& p) { p.contacts[0].value = "\u3000"; }, "contacts[0].value", "blank contact");
  ExpectRefused([](Profile& p) { p.career.value.roles[0] = ""; }, "career.value.roles[0]", "empty role");
  // Optional text may be empty.
  ExpectAccepted(
      [](Profile& p) {
        p.headline.value = "";
        p.about.value = "";
        p.location.value = "";
        p.name.value = {};
        p.positions[0].description = "";
        p.education[0].degree = "";
        p.education[0].field = "";
        p.education[0].country = "";
        p.links[0].description = "";
      },
      "optional text left empty");
}

TEST(ProfileValidationTest, TrimsAsciiAndIdeographicSpacesInPlace) {
  Profile p = Valid();
  p.display_name.value = "\u3000 王小明\u3000";
  p.name.value.family = "\u3000王";
  p.headline.value = "  高级工程师\u3000\u3000";
  p.about.value = "\n我在上海工作。\n\u3000";
  p.positions[0].title = "\u3000工程师 ";
  p.skills[0].name = "\t分布式系统\u00A0";
  p.contacts[0].value = " wang_xm\u3000";
  p.career.value.roles[0] = "\u3000架构师";
  ASSERT_TRUE(Check(p));
  EXPECT_EQ(p.display_name.value, "王小明");
  EXPECT_EQ(p.name.value.family, "王");
  EXPECT_EQ(p.headline.value, "高级工程师");
  EXPECT_EQ(p.about.value, "我在上海工作。");
  EXPECT_EQ(p.positions[0].title, "工程师");
  EXPECT_EQ(p.skills[0].name, "分布式系统");
  EXPECT_EQ(p.contacts[0].value, "wang_xm");
  EXPECT_EQ(p.career.value.roles[0], "架构师");
  // Inner spaces are kept.
  p.headline.value = "高级\u3000工程师";
  ASSERT_TRUE(Check(p));
  EXPECT_EQ(p.headline.value, "高级\u3000工程师");
}

TEST(ProfileValidationTest, LimitsApplyAfterTrimming) {
  ExpectAccepted([](Profile& p) { p.headline.value = "\u3000\u3000" + Cjk(L::kHeadline) + "\u3000"; },
                 "max characters surrounded by ideographic spaces");
}

TEST(ProfileValidationTest, ControlCharactersAndBidiOverridesAreRefused) {
  const std::vector<std::pair<std::string, std::string>> bad = {
      {"\x01", "SOH"},          {"\x1B", "ESC"},           {"\x7F", "DEL"},
      {"\xC2\x85", "NEL (C1)"}, {"\xC2\x9B", "CSI (C1)"},  {"\u202E", "RLO"},
      {"\u202A", "LRE"},        {"\u202D", "LRO"},         {"\u2066", "LRI"},
      {"\u2067", "RLI"},        {"\u2069", "PDI"},         {"\r", "CR"},
  };
  for (const auto& [ch, name] : bad) {
    ExpectRefused([&](Profile& p) { p.headline.value = "前" + ch + "後"; }, "headline.value", name + " in headline");
    ExpectRefused([&](Profile& p) { p.about.value = "前" + ch + "後"; }, "about.value", name + " in about");
    ExpectRefused([&](Profile& p) { p.positions[0].title = "前" + ch + "後"; }, "positions[0].title",
                  name + " in a title");
    ExpectRefused([&](Profile& p) { p.name.value.given = "前" + ch + "後"; }, "name.value.given",
                  name + " in a name");
  }
}

TEST(ProfileValidationTest, LineBreaksOnlyInAboutAndDescriptions) {
  ExpectAccepted([](Profile& p) { p.about.value = "一行目\n二行目\n\n三行目"; }, "newlines in about");
  ExpectAccepted([](Profile& p) { p.positions[0].description = "一\n二"; }, "newline in a description");
  ExpectAccepted([](Profile& p) { p.links[0].description = "一\n二"; }, "newline in a link description");
  ExpectRefused([](Profile& p) { p.headline.value = "一\n二"; }, "headline.value", "newline in headline");
  ExpectRefused([](Profile& p) { p.display_name.value = "王\n小明"; }, "display_name.value", "newline in display name");
  ExpectRefused([](Profile& p) { p.location.value = "上\n海"; }, "location.value", "newline in location");
  ExpectRefused([](Profile& p) { p.positions[0].title = "一\n二"; }, "positions[0].title", "newline in a title");
  ExpectRefused([](Profile& p) { p.skills[0].name = "一\n二"; }, "skills[0].name", "newline in a skill");
  ExpectRefused([](Profile& p) { p.education[0].degree = "一\n二"; }, "education[0].degree", "newline in a degree");
  ExpectRefused([](Profile& p) { p.career.value.locations[0] = "一\n二"; }, "career.value.locations[0]",
                "newline in a career location");
}

TEST(ProfileValidationTest, InvalidUtf8IsRefused) {
  ExpectRefused([](Profile& p) { p.headline.value = "ab\xC3"; }, "headline.value", "truncated sequence");
  ExpectRefused([](Profile& p) { p.about.value = "\xC0\xAF"; }, "about.value", "overlong form");
  ExpectRefused([](Profile& p) { p.skills[0].name = "\xED\xA0\x80"; }, "skills[0].name", "surrogate");
}

TEST(ProfileValidationTest, Months) {
  // Month out of range.
  ExpectRefused([](Profile& p) { p.positions[0].start = {2020, 0}; }, "positions[0].start", "month 0");
  ExpectRefused([](Profile& p) { p.positions[0].start = {2020, 13}; }, "positions[0].start", "month 13");
  ExpectRefused([](Profile& p) { p.positions[0].end = YearMonth{2021, 0}; }, "positions[0].end", "end month 0");
  ExpectRefused([](Profile& p) { p.education[0].end = YearMonth{2015, 13}; }, "education[0].end", "end month 13");
  ExpectRefused([](Profile& p) { p.positions[0].start = {}; }, "positions[0].start", "no start at all");
  ExpectAccepted([](Profile& p) { p.positions[0].start = {2020, 12}; }, "month 12");
  ExpectAccepted([](Profile& p) { p.positions[0].start = {2020, 1}; }, "month 1");
  // A start in the future, relative to the month given.
  ExpectRefused([](Profile& p) { p.positions[0].start = {2026, 2}; }, "positions[0].start", "next month");
  ExpectRefused([](Profile& p) { p.positions[0].start = {2027, 1}; }, "positions[0].start", "next year");
  ExpectRefused([](Profile& p) { p.education[0].start = {2026, 2}; p.education[0].end.reset(); },
                "education[0].start", "school starting next month");
  ExpectAccepted([](Profile& p) { p.positions[0].start = {2026, 1}; }, "this month");
  ExpectAccepted([](Profile& p) { p.positions[0].start = {2025, 12}; }, "last month");
  // End before start; end equal to start is a one-month position.
  ExpectRefused([](Profile& p) { p.positions[0].end = YearMonth{2019, 12}; }, "positions[0].end",
                "end the month before the start");
  ExpectRefused([](Profile& p) { p.education[0].end = YearMonth{2012, 8}; }, "education[0].end",
                "school ending before it starts");
  ExpectAccepted([](Profile& p) { p.positions[0].end = YearMonth{2020, 1}; }, "end equal to start");
  // An expected end in the future (a degree still under way) is fine.
  ExpectAccepted([](Profile& p) { p.education[0].end = YearMonth{2027, 3}; }, "expected graduation");
  // The month given is what "the future" means.
  Profile p = Valid();
  p.positions[0].start = {2026, 5};
  EXPECT_FALSE(NormalizeAndValidate(p, kThisMonth, {}));
  p = Valid();
  p.positions[0].start = {2026, 5};
  EXPECT_TRUE(NormalizeAndValidate(p, {2026, 5}, {}));
}

TEST(ProfileValidationTest, Urls) {
  for (std::string url : {"http://example.com", "https://example.com/a?b=c#d", "HTTPS://EXAMPLE.COM",
                          "https://例え.jp/パス"}) {
    ExpectAccepted([&](Profile& p) { p.links[0].url = url; }, url);
  }
  for (std::string url : {"javascript:alert(1)", "JavaScript:alert(1)", "javascript://example.com/%0Aalert(1)",
                          "data:text/html,<b>x</b>", "ftp://example.com", "example.com", "//example.com",
                          "https://", "http:/example.com", "https://exa mple.com",
                          "https://example.com/\"onmouseover=", "https://example.com/<script>",
                          "vbscript:msgbox", "mailto:a@example.com"}) {
    ExpectRefused([&](Profile& p) { p.links[0].url = url; }, "links[0].url", url);
  }
}

TEST(ProfileValidationTest, ContactValuesMustSuitTheirKind) {
  struct Case {
    ContactKind kind;
    std::string value;
    bool ok;
  };
  const Case cases[] = {
      {ContactKind::kEmail, "wang@example.com", true},
      {ContactKind::kEmail, "a@b", true},
      {ContactKind::kEmail, "no-at-sign", false},
      {ContactKind::kEmail, "@example.com", false},
      {ContactKind::kEmail, "wang@", false},
      {ContactKind::kEmail, "a@b@c", false},
      {ContactKind::kEmail, "wang xm@example.com", false},
      {ContactKind::kPhone, "+86 138 0000 0000", true},
      {ContactKind::kPhone, "(03) 1234-5678", true},
      {ContactKind::kPhone, "+", false},
      {ContactKind::kPhone, "call me", false},
      {ContactKind::kPhone, "090-1234-5678 ext", false},
      {ContactKind::kLine, "aiko.line", true},
      {ContactKind::kLine, "aiko_line-1@x", true},
      {ContactKind::kLine, "愛子", false},
      {ContactKind::kLine, "aiko line", false},
      {ContactKind::kWeChat, "wang_xm", true},
      {ContactKind::kWeChat, "wxid-123", true},
      {ContactKind::kWeChat, "王小明", false},
      {ContactKind::kWeChat, "wang/xm", false},
  };
  for (const Case& c : cases) {
    auto change = [&](Profile& p) { p.contacts[0] = {EntryId(), c.kind, c.value, kConnections}; };
    if (c.ok) {
      ExpectAccepted(change, c.value);
    } else {
      ExpectRefused(change, "contacts[0].value", c.value);
    }
  }
}

TEST(ProfileValidationTest, LanguageTags) {
  for (std::string tag : {"ja", "zh-Hans", "en-US", "yue", "zh-Hant-TW", "sr-Latn-RS", "en-GB-oxendict"}) {
    ExpectAccepted([&](Profile& p) { p.languages[0].language = tag; }, tag);
  }
  for (std::string tag : {"", "j", "english", "zh_Hans", "zh-", "-zh", "zh--Hans", "zh-Hansabcde",
                          "日本語", "ja jp", "en-US!"}) {
    ExpectRefused([&](Profile& p) { p.languages[0].language = tag; }, "languages[0].language", tag);
  }
}

TEST(ProfileValidationTest, CountryCodes) {
  ExpectAccepted([](Profile& p) { p.education[0].country = "JP"; }, "JP");
  ExpectAccepted([](Profile& p) { p.education[0].country = ""; }, "no country");
  for (std::string country : {"jp", "JPN", "J", "J1", "日本"}) {
    ExpectRefused([&](Profile& p) { p.education[0].country = country; }, "education[0].country", country);
  }
}

TEST(ProfileValidationTest, SalaryBands) {
  ExpectAccepted([](Profile& p) { p.career.value.salary_max.reset(); }, "a minimum only");
  ExpectAccepted([](Profile& p) { p.career.value.salary_min.reset(); }, "a maximum only");
  ExpectAccepted([](Profile& p) { p.career.value.salary_max = p.career.value.salary_min; }, "min == max");
  ExpectAccepted([](Profile& p) { p.career.value.salary_min = 0; }, "a minimum of zero");
  ExpectAccepted(
      [](Profile& p) {
        p.career.value.salary_min.reset();
        p.career.value.salary_max.reset();
        p.career.value.salary_currency = "";
      },
      "no band at all");
  ExpectRefused([](Profile& p) { p.career.value.salary_max = 799999; }, "career.value.salary_max", "max below min");
  ExpectRefused([](Profile& p) { p.career.value.salary_min = -1; }, "career.value.salary_min", "negative min");
  ExpectRefused([](Profile& p) { p.career.value.salary_max = 1'000'000'000'001; }, "career.value.salary_max",
                "absurd max");
  ExpectRefused([](Profile& p) { p.career.value.salary_currency = ""; }, "career.value.salary_currency",
                "a band without a currency");
  ExpectRefused([](Profile& p) { p.career.value.salary_currency = "cny"; }, "career.value.salary_currency",
                "a lowercase currency");
  ExpectRefused([](Profile& p) { p.career.value.salary_currency = "元"; }, "career.value.salary_currency",
                "a currency sign");
  ExpectRefused([](Profile& p) { p.career.value.salary_currency = "CNYX"; }, "career.value.salary_currency",
                "four letters");
  ExpectRefused(
      [](Profile& p) {
        p.career.value.salary_min.reset();
        p.career.value.salary_max.reset();
      },
      "career.value.salary_currency", "a currency without a band");
}

TEST(ProfileValidationTest, CircleAudiencesMustNameOneOfTheMembersCircles) {
  const Audience known = Audience::Circle(kFriends);
  const Audience unknown = Audience::Circle(CircleId(0x99));
  ExpectAccepted(
      [&](Profile& p) {
        p.headline.audience = known;
        p.positions[0].audience = known;
        p.contacts[0].audience = known;
      },
      "known circle");
  ExpectRefused([&](Profile& p) { p.display_name.audience = unknown; }, "display_name.audience", "display name");
  ExpectRefused([&](Profile& p) { p.name.audience = unknown; }, "name.audience", "name");
  ExpectRefused([&](Profile& p) { p.headline.audience = unknown; }, "headline.audience", "headline");
  ExpectRefused([&](Profile& p) { p.about.audience = unknown; }, "about.audience", "about");
  ExpectRefused([&](Profile& p) { p.location.audience = unknown; }, "location.audience", "location");
  ExpectRefused([&](Profile& p) { p.photo.audience = unknown; }, "photo.audience", "photo");
  ExpectRefused([&](Profile& p) { p.career.audience = unknown; }, "career.audience", "career");
  ExpectRefused([&](Profile& p) { p.positions[0].audience = unknown; }, "positions[0].audience", "position");
  ExpectRefused([&](Profile& p) { p.education[0].audience = unknown; }, "education[0].audience", "education");
  ExpectRefused([&](Profile& p) { p.languages[0].audience = unknown; }, "languages[0].audience", "language");
  ExpectRefused([&](Profile& p) { p.skills[0].audience = unknown; }, "skills[0].audience", "skill");
  ExpectRefused([&](Profile& p) { p.links[0].audience = unknown; }, "links[0].audience", "link");
  ExpectRefused([&](Profile& p) { p.contacts[0].audience = unknown; }, "contacts[0].audience", "contact");
  // A circle of someone else is as unknown as no circle: only the member's own list counts.
  Profile p = Valid();
  p.headline.audience = known;
  auto checked = NormalizeAndValidate(p, kThisMonth, {});
  ASSERT_FALSE(checked);
  EXPECT_EQ(checked.error().field, "headline.audience");
}

TEST(ProfileValidationTest, TooManyEntries) {
  struct ListLimit {
    std::string field;
    size_t max;
    std::function<void(Profile&, size_t)> fill;
  };
  const ListLimit lists[] = {
      {"positions", L::kPositions, [](Profile& p, size_t n) { p.positions.resize(n, p.positions[0]); }},
      {"education", L::kEducation, [](Profile& p, size_t n) { p.education.resize(n, p.education[0]); }},
      {"languages", L::kLanguages, [](Profile& p, size_t n) { p.languages.resize(n, p.languages[0]); }},
      {"skills", L::kSkills, [](Profile& p, size_t n) { p.skills.resize(n, p.skills[0]); }},
      {"links", L::kLinks, [](Profile& p, size_t n) { p.links.resize(n, p.links[0]); }},
      {"contacts", L::kContacts, [](Profile& p, size_t n) { p.contacts.resize(n, p.contacts[0]); }},
      {"career.value.roles", L::kCareerItems,
       [](Profile& p, size_t n) { p.career.value.roles.resize(n, p.career.value.roles[0]); }},
      {"career.value.locations", L::kCareerItems,
       [](Profile& p, size_t n) { p.career.value.locations.resize(n, p.career.value.locations[0]); }},
  };
  for (const ListLimit& list : lists) {
    ExpectAccepted([&](Profile& p) { list.fill(p, list.max); }, list.field + " at the limit");
    ExpectRefused([&](Profile& p) { list.fill(p, list.max + 1); }, list.field, list.field + " one over");
  }
}

TEST(ProfileValidationTest, TheFirstProblemIsReported) {
  Profile p = Valid();
  p.headline.value = Cjk(L::kHeadline + 1);
  p.positions[0].title = "";
  auto checked = Check(p);
  ASSERT_FALSE(checked);
  EXPECT_EQ(checked.error().field, "headline.value");
}

TEST(NormalizeCircleNameTest, TrimsAndChecksTheName) {
  std::string name = "\u3000大学の友人 ";
  ASSERT_TRUE(NormalizeCircleName(name));
  EXPECT_EQ(name, "大学の友人");
  name = Cjk(L::kCircleName);
  EXPECT_TRUE(NormalizeCircleName(name));
  for (std::string bad : {std::string(""), std::string("\u3000 "), Cjk(L::kCircleName + 1),
                          std::string("友\n人"), std::string("友\u202E人")}) {
    std::string copy = bad;
    auto checked = NormalizeCircleName(copy);
    ASSERT_FALSE(checked) << bad;
    EXPECT_EQ(checked.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(checked.error().field, "name");
    EXPECT_EQ(copy, bad);  // Untouched on error.
  }
}

TEST(NormalizeLineTest, TrimsAndNamesTheFieldGiven) {
  auto line = NormalizeLine("\u3000 ソニー \u3000", 10, "q");
  ASSERT_TRUE(line);
  EXPECT_EQ(*line, "ソニー");
  EXPECT_TRUE(NormalizeLine(Cjk(10), 10, "q"));
  for (std::string bad : {std::string(""), Cjk(11), std::string("a\tb"), std::string("\xFF")}) {
    auto refused = NormalizeLine(bad, 10, "names.ja");
    ASSERT_FALSE(refused) << bad;
    EXPECT_EQ(refused.error().field, "names.ja");
  }
}

}  // namespace
}  // namespace enishi::profiles
