#include "app/demo_data.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace enishi::demo {
namespace {

constexpr uint64_t kSeeds[] = {20261122, 1, 42, 0xdeadbeefULL};

// Worlds checked by every invariant test: several seeds, the default size and a large one
// (which uses nearly every name, company and school in the tables).
const std::vector<World>& Worlds() {
  static const std::vector<World> worlds = [] {
    std::vector<World> out;
    for (uint64_t seed : kSeeds) out.push_back(GenerateWorld(seed, 200));
    out.push_back(GenerateWorld(7, 2000));
    return out;
  }();
  return worlds;
}

// Strict UTF-8 decoding: no overlong forms, surrogates or values past U+10FFFF.
bool DecodeUtf8(std::string_view text, std::u32string* out) {
  for (size_t i = 0; i < text.size();) {
    const auto lead = static_cast<unsigned char>(text[i]);
    int length = lead < 0x80                    ? 1
                 : lead >= 0xc2 && lead <= 0xdf ? 2
                 : lead >= 0xe0 && lead <= 0xef ? 3
                 : lead >= 0xf0 && lead <= 0xf4 ? 4
                                                : 0;
    if (length == 0 || i + static_cast<size_t>(length) > text.size()) return false;
    char32_t cp = length == 1 ? lead : lead & (0x7f >> length);
    for (int k = 1; k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + static_cast<size_t>(k)]);
      if ((next & 0xc0) != 0x80) return false;
      cp = (cp << 6) | (next & 0x3f);
    }
    const char32_t min[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < min[length] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return false;
    if (out != nullptr) out->push_back(cp);
    i += static_cast<size_t>(length);
  }
  return true;
}

std::u32string Decode(std::string_view text) {
  std::u32string out;
  EXPECT_TRUE(DecodeUtf8(text, &out)) << text;
  return out;
}

bool IsHiragana(char32_t c) { return c >= 0x3041 && c <= 0x3096; }
bool IsKana(char32_t c) { return c >= 0x3041 && c <= 0x30ff; }
bool IsHan(char32_t c) { return (c >= 0x4e00 && c <= 0x9fff) || c == 0x3005; }
bool IsCjk(char32_t c) {
  return IsKana(c) || IsHan(c) || (c >= 0x3000 && c <= 0x303f) || c >= 0xff00;
}

bool Any(std::string_view text, bool (*pred)(char32_t)) {
  const std::u32string cps = Decode(text);
  return std::any_of(cps.begin(), cps.end(), pred);
}
bool All(std::string_view text, bool (*pred)(char32_t)) {
  const std::u32string cps = Decode(text);
  return !cps.empty() && std::all_of(cps.begin(), cps.end(), pred);
}

void ForEachString(const World& world, const std::function<void(const std::string&)>& visit) {
  for (const Company& c : world.companies) {
    for (const std::string* s :
         {&c.key, &c.name_ja, &c.name_zh, &c.name_en, &c.parent_key, &c.city, &c.industry}) {
      visit(*s);
    }
    for (const std::string& d : c.email_domains) visit(d);
  }
  for (const School& s : world.schools) {
    for (const std::string* t : {&s.key, &s.name_ja, &s.name_zh, &s.name_en, &s.country}) visit(*t);
  }
  for (const Person& p : world.people) {
    const PersonName& n = p.name;
    for (const std::string* s :
         {&p.key, &p.culture, &p.locale, &n.family, &n.given, &n.family_reading, &n.given_reading,
          &n.family_latin, &n.given_latin, &p.display_name, &p.login, &p.headline, &p.city}) {
      visit(*s);
    }
    for (const std::string& s : p.languages) visit(s);
    for (const std::string& s : p.skills) visit(s);
    for (const Position& q : p.positions) {
      visit(q.company_key);
      visit(q.title);
      visit(q.function);
    }
    for (const Education& e : p.education) {
      visit(e.school_key);
      visit(e.degree);
      visit(e.field);
    }
  }
}

int Month(int year, int month) { return year * 12 + month - 1; }
constexpr int kNow = 2026 * 12 + 9;

// --- Hepburn romanisation, to check that each Latin name matches its furigana. -------------

struct Kana {
  std::u32string_view kana;
  std::string_view roman;
};

constexpr Kana kHepburn[] = {
    {U"きゃ", "kya"}, {U"きゅ", "kyu"}, {U"きょ", "kyo"}, {U"ぎゃ", "gya"}, {U"ぎゅ", "gyu"},
    {U"ぎょ", "gyo"}, {U"しゃ", "sha"}, {U"しゅ", "shu"}, {U"しょ", "sho"}, {U"じゃ", "ja"},
    {U"じゅ", "ju"},  {U"じょ", "jo"},  {U"ちゃ", "cha"}, {U"ちゅ", "chu"}, {U"ちょ", "cho"},
    {U"にゃ", "nya"}, {U"にゅ", "nyu"}, {U"にょ", "nyo"}, {U"ひゃ", "hya"}, {U"ひゅ", "hyu"},
    {U"ひょ", "hyo"}, {U"びゃ", "bya"}, {U"びゅ", "byu"}, {U"びょ", "byo"}, {U"ぴゃ", "pya"},
    {U"ぴゅ", "pyu"}, {U"ぴょ", "pyo"}, {U"みゃ", "mya"}, {U"みゅ", "myu"}, {U"みょ", "myo"},
    {U"りゃ", "rya"}, {U"りゅ", "ryu"}, {U"りょ", "ryo"}, {U"あ", "a"},     {U"い", "i"},
    {U"う", "u"},     {U"え", "e"},     {U"お", "o"},     {U"か", "ka"},    {U"き", "ki"},
    {U"く", "ku"},    {U"け", "ke"},    {U"こ", "ko"},    {U"が", "ga"},    {U"ぎ", "gi"},
    {U"ぐ", "gu"},    {U"げ", "ge"},    {U"ご", "go"},    {U"さ", "sa"},    {U"し", "shi"},
    {U"す", "su"},    {U"せ", "se"},    {U"そ", "so"},    {U"ざ", "za"},    {U"じ", "ji"},
    {U"ず", "zu"},    {U"ぜ", "ze"},    {U"ぞ", "zo"},    {U"た", "ta"},    {U"ち", "chi"},
    {U"つ", "tsu"},   {U"て", "te"},    {U"と", "to"},    {U"だ", "da"},    {U"ぢ", "ji"},
    {U"づ", "zu"},    {U"で", "de"},    {U"ど", "do"},    {U"な", "na"},    {U"に", "ni"},
    {U"ぬ", "nu"},    {U"ね", "ne"},    {U"の", "no"},    {U"は", "ha"},    {U"ひ", "hi"},
    {U"ふ", "fu"},    {U"へ", "he"},    {U"ほ", "ho"},    {U"ば", "ba"},    {U"び", "bi"},
    {U"ぶ", "bu"},    {U"べ", "be"},    {U"ぼ", "bo"},    {U"ぱ", "pa"},    {U"ぴ", "pi"},
    {U"ぷ", "pu"},    {U"ぺ", "pe"},    {U"ぽ", "po"},    {U"ま", "ma"},    {U"み", "mi"},
    {U"む", "mu"},    {U"め", "me"},    {U"も", "mo"},    {U"や", "ya"},    {U"ゆ", "yu"},
    {U"よ", "yo"},    {U"ら", "ra"},    {U"り", "ri"},    {U"る", "ru"},    {U"れ", "re"},
    {U"ろ", "ro"},    {U"わ", "wa"},    {U"を", "o"},     {U"ん", "n"},
};

struct Syllable {
  std::string roman;
  bool may_drop;  // a long-vowel う or お, which Hepburn without macrons leaves out
};

// Splits hiragana into syllables; false on a character it does not know.
bool Romanise(std::u32string_view kana, std::vector<Syllable>* out) {
  bool double_next = false;
  while (!kana.empty()) {
    if (kana[0] == U'っ') {
      double_next = true;
      kana.remove_prefix(1);
      continue;
    }
    const Kana* match = nullptr;
    for (const Kana& k : kHepburn) {
      if (kana.starts_with(k.kana) && (match == nullptr || k.kana.size() > match->kana.size())) {
        match = &k;
      }
    }
    if (match == nullptr) return false;
    std::string roman(match->roman);
    if (double_next) roman.insert(0, 1, roman.starts_with("ch") ? 't' : roman[0]);
    double_next = false;
    const char prev = out->empty() ? '\0' : out->back().roman.back();
    const bool may_drop = (roman == "u" && (prev == 'o' || prev == 'u')) ||
                          (roman == "o" && prev == 'o' && match->kana == U"お");
    out->push_back({roman, may_drop});
    kana.remove_prefix(match->kana.size());
  }
  return !double_next;
}

bool MatchesLatin(const std::vector<Syllable>& syllables, size_t i, std::string_view latin) {
  if (i == syllables.size()) return latin.empty();
  const Syllable& s = syllables[i];
  if (s.may_drop && MatchesLatin(syllables, i + 1, latin)) return true;
  return latin.starts_with(s.roman) && MatchesLatin(syllables, i + 1, latin.substr(s.roman.size()));
}

// "Haruna" for "はるな", "Sato" for "さとう": the Latin form is Hepburn of the reading, with
// long vowels dropped.
bool IsHepburnOf(const std::string& latin, const std::string& reading) {
  std::vector<Syllable> syllables;
  if (!Romanise(Decode(reading), &syllables)) return false;
  std::string lower = latin;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return MatchesLatin(syllables, 0, lower);
}

// --- Pinyin. ----------------------------------------------------------------------------------

// Tone-marked vowels: base letter and tone 1-4.
const std::map<char32_t, std::pair<char, int>>& ToneVowels() {
  static const std::map<char32_t, std::pair<char, int>> table = [] {
    std::map<char32_t, std::pair<char, int>> t;
    const std::u32string_view rows[] = {U"āáǎà", U"ēéěè", U"īíǐì", U"ōóǒò", U"ūúǔù",
                                        U"ĀÁǍÀ", U"ĒÉĚÈ", U"ĪÍǏÌ", U"ŌÓǑÒ", U"ŪÚǓÙ"};
    const char bases[] = "aeiouAEIOU";
    for (int r = 0; r < 10; ++r) {
      for (int tone = 0; tone < 4; ++tone)
        t[rows[r][static_cast<size_t>(tone)]] = {bases[r], tone + 1};
    }
    return t;
  }();
  return table;
}

char BaseLetter(char32_t c) {
  if (c < 0x80) return static_cast<char>(c);
  auto it = ToneVowels().find(c);
  return it == ToneVowels().end() ? '?' : it->second.first;
}

bool IsVowel(char c) { return std::string_view("aeiouAEIOU").find(c) != std::string_view::npos; }

// Checks a tone-marked reading against its Han characters and toneless Latin form: only
// pinyin letters, one marked vowel per character, the mark on the right vowel (a or e, else
// the o of ou, else the last vowel), and the same letters as the Latin form.
::testing::AssertionResult IsPinyinOf(const std::string& reading, const std::string& native,
                                      const std::string& latin) {
  const std::u32string cps = Decode(reading);
  std::string plain;
  for (char32_t c : cps) {
    const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (!letter && !ToneVowels().contains(c) && c != '\'') {
      return ::testing::AssertionFailure() << reading << " has a non-pinyin character";
    }
    if (c != '\'') plain.push_back(BaseLetter(c));
  }
  if (plain != latin) return ::testing::AssertionFailure() << reading << " is not " << latin;
  // Vowel groups are syllable nuclei: each consonant or apostrophe ends one.
  int syllables = 0;
  for (size_t i = 0; i < cps.size();) {
    if (!IsVowel(BaseLetter(cps[i]))) {
      ++i;
      continue;
    }
    size_t end = i;
    while (end < cps.size() && IsVowel(BaseLetter(cps[end]))) ++end;
    std::string group;
    int marks = 0;
    size_t marked = 0;
    for (size_t k = i; k < end; ++k) {
      group.push_back(static_cast<char>(std::tolower(BaseLetter(cps[k]))));
      if (ToneVowels().contains(cps[k])) {
        ++marks;
        marked = k - i;
      }
    }
    if (marks != 1)
      return ::testing::AssertionFailure() << reading << ": " << marks << " marks in " << group;
    size_t expected = group.find_first_of("ae");
    if (expected == std::string::npos) expected = group.find("ou");
    if (expected == std::string::npos) expected = group.size() - 1;
    if (marked != expected)
      return ::testing::AssertionFailure() << reading << ": tone mark on the wrong vowel";
    ++syllables;
    i = end;
  }
  const std::u32string han = Decode(native);
  if (!All(native, IsHan) || static_cast<int>(han.size()) != syllables) {
    return ::testing::AssertionFailure()
           << reading << " does not have one syllable per character of " << native;
  }
  return ::testing::AssertionSuccess();
}

// --- Tests. -----------------------------------------------------------------------------------

TEST(DemoData, SameSeedGivesTheSameWorld) {
  EXPECT_EQ(GenerateWorld(), GenerateWorld(20261122, 200));
  EXPECT_EQ(GenerateWorld(99, 300), GenerateWorld(99, 300));
}

TEST(DemoData, DifferentSeedsGiveDifferentWorlds) {
  const World a = GenerateWorld(1), b = GenerateWorld(2);
  EXPECT_NE(a.people, b.people);
  EXPECT_EQ(a.companies, b.companies);  // the fixed tables do not depend on the seed
  EXPECT_EQ(a.schools, b.schools);
}

TEST(DemoData, CountsAndCultureMix) {
  for (int size : {200, 1000, 7}) {
    const World world = GenerateWorld(20261122, size);
    ASSERT_EQ(world.people.size(), static_cast<size_t>(size));
    std::map<std::string, int> cultures;
    for (const Person& p : world.people) {
      ++cultures[p.culture];
      EXPECT_EQ(p.locale, p.culture == "zh" ? "zh-Hans" : p.culture);
    }
    EXPECT_EQ(cultures["ja"], (size * 45 + 50) / 100) << size;
    EXPECT_EQ(cultures["zh"], (size * 35 + 50) / 100) << size;
    EXPECT_EQ(cultures["en"], size - cultures["ja"] - cultures["zh"]) << size;
  }
  const World world = GenerateWorld();
  EXPECT_GE(world.companies.size(), 20u);
  EXPECT_LE(world.companies.size(), 35u);
  EXPECT_GE(world.schools.size(), 15u);
}

TEST(DemoData, NoPeopleStillHasCompaniesAndSchools) {
  for (int size : {0, -5}) {
    const World world = GenerateWorld(1, size);
    EXPECT_TRUE(world.people.empty());
    EXPECT_FALSE(world.companies.empty());
    EXPECT_FALSE(world.schools.empty());
  }
  EXPECT_EQ(GenerateWorld(1, 1).people.size(), 1u);
}

TEST(DemoData, KeysLoginsAndDomainsAreUnique) {
  for (const World& world : Worlds()) {
    std::set<std::string> people, logins, companies, domains, schools;
    for (const Person& p : world.people) {
      EXPECT_TRUE(people.insert(p.key).second) << p.key;
      EXPECT_TRUE(logins.insert(p.login).second) << p.login;
    }
    for (const Company& c : world.companies) {
      EXPECT_TRUE(companies.insert(c.key).second) << c.key;
      for (const std::string& d : c.email_domains) EXPECT_TRUE(domains.insert(d).second) << d;
    }
    for (const School& s : world.schools) EXPECT_TRUE(schools.insert(s.key).second) << s.key;
  }
}

TEST(DemoData, LoginsAreDemoEmailsOrE164Phones) {
  const std::regex email(R"([a-z]+\.[a-z]+[0-9]*@demo\.enishi\.example)");
  const std::regex ja_phone(R"(\+8190[0-9]{8})"), zh_phone(R"(\+86138[0-9]{8})");
  for (const World& world : Worlds()) {
    int phones = 0;
    for (const Person& p : world.people) {
      if (p.login.starts_with("+")) {
        ++phones;
        EXPECT_TRUE(std::regex_match(p.login, p.culture == "ja" ? ja_phone : zh_phone))
            << p.culture << " " << p.login;
        EXPECT_LE(p.login.size(), 16u);  // E.164: at most 15 digits
      } else {
        EXPECT_TRUE(std::regex_match(p.login, email)) << p.login;
      }
    }
    EXPECT_GT(phones, 0);
    EXPECT_LT(phones, static_cast<int>(world.people.size()) / 5);
  }
}

TEST(DemoData, CompaniesAndSchoolsAreComplete) {
  const std::set<std::string> cities = {"Tokyo",    "Osaka",     "Shanghai",      "Beijing",
                                        "Shenzhen", "Singapore", "San Francisco", "London"};
  const World world = GenerateWorld();
  std::map<std::string, const Company*> by_key;
  for (const Company& c : world.companies) by_key[c.key] = &c;
  std::set<std::string> seen_cities;
  int subsidiaries = 0;
  for (const Company& c : world.companies) {
    EXPECT_FALSE(c.name_ja.empty() || c.name_zh.empty() || c.name_en.empty()) << c.key;
    EXPECT_FALSE(c.email_domains.empty()) << c.key;
    for (const std::string& d : c.email_domains) EXPECT_TRUE(d.ends_with(".example")) << d;
    EXPECT_TRUE(cities.contains(c.city)) << c.city;
    EXPECT_FALSE(c.industry.empty());
    seen_cities.insert(c.city);
    if (c.parent_key.empty()) continue;
    ++subsidiaries;
    ASSERT_TRUE(by_key.contains(c.parent_key)) << c.key;
    EXPECT_NE(c.parent_key, c.key);
    EXPECT_TRUE(by_key[c.parent_key]->parent_key.empty()) << "no chains of parents: " << c.key;
  }
  EXPECT_EQ(seen_cities, cities);
  EXPECT_GE(subsidiaries, 5);
  const std::regex country("[A-Z]{2}");
  std::set<std::string> countries;
  for (const School& s : world.schools) {
    EXPECT_FALSE(s.name_ja.empty() || s.name_zh.empty() || s.name_en.empty()) << s.key;
    EXPECT_TRUE(std::regex_match(s.country, country)) << s.country;
    countries.insert(s.country);
  }
  EXPECT_EQ(countries, (std::set<std::string>{"CN", "GB", "JP", "SG", "US"}));
}

TEST(DemoData, PositionsAndEducationReferenceExistingEntities) {
  for (const World& world : Worlds()) {
    std::map<std::string, const Company*> companies;
    std::set<std::string> schools;
    for (const Company& c : world.companies) companies[c.key] = &c;
    for (const School& s : world.schools) schools.insert(s.key);
    std::set<std::string> used;
    for (const Person& p : world.people) {
      ASSERT_FALSE(p.positions.empty()) << p.key;
      ASSERT_FALSE(p.education.empty()) << p.key;
      for (const Position& q : p.positions) {
        ASSERT_TRUE(companies.contains(q.company_key)) << p.key << " " << q.company_key;
        used.insert(q.company_key);
      }
      for (const Education& e : p.education) {
        EXPECT_TRUE(schools.contains(e.school_key)) << p.key << " " << e.school_key;
        used.insert(e.school_key);
      }
      EXPECT_EQ(p.city, companies[p.positions.back().company_key]->city) << p.key;
    }
    if (world.people.size() >= 1000) {
      EXPECT_EQ(used.size(), companies.size() + schools.size()) << "every entity is used";
    }
  }
}

TEST(DemoData, DatesAreOrderedAndNotInTheFuture) {
  for (const World& world : Worlds()) {
    for (const Person& p : world.people) {
      SCOPED_TRACE(p.key);
      int prev_end = 0;
      for (size_t i = 0; i < p.positions.size(); ++i) {
        const Position& q = p.positions[i];
        ASSERT_GE(q.start_year, 2000);
        ASSERT_TRUE(q.start_month >= 1 && q.start_month <= 12);
        const int start = Month(q.start_year, q.start_month);
        EXPECT_LE(start, kNow);
        EXPECT_GT(start, prev_end) << "positions overlap";
        if (q.end_year == 0) {
          EXPECT_EQ(q.end_month, 0);
          prev_end = kNow;
        } else {
          ASSERT_TRUE(q.end_month >= 1 && q.end_month <= 12);
          const int end = Month(q.end_year, q.end_month);
          EXPECT_LE(start, end);
          EXPECT_LE(end, kNow);
          prev_end = end;
        }
      }
      int prev_start = 0;
      for (const Education& e : p.education) {
        EXPECT_GE(e.start_year, 2000);
        EXPECT_LT(e.start_year, e.end_year);
        EXPECT_LE(e.end_year, 2026);
        EXPECT_GE(e.start_year, prev_start);
        prev_start = e.start_year;
      }
      // Real jobs (not internships) start after the first degree.
      for (const Position& q : p.positions) {
        if (q.seniority > 0) {
          EXPECT_GE(q.start_year, p.education.front().end_year);
        }
      }
    }
  }
}

TEST(DemoData, AtMostOneCurrentPositionAndItIsTheLast) {
  for (const World& world : Worlds()) {
    int current_people = 0;
    for (const Person& p : world.people) {
      for (size_t i = 0; i + 1 < p.positions.size(); ++i) {
        EXPECT_NE(p.positions[i].end_year, 0) << p.key;
      }
      current_people += p.positions.back().end_year == 0 ? 1 : 0;
      EXPECT_LE(p.positions.size(), 4u) << p.key;
    }
    EXPECT_GT(current_people, static_cast<int>(world.people.size()) * 8 / 10);
  }
}

TEST(DemoData, SeniorityNeverDropsByMoreThanOne) {
  const std::set<std::string> functions = {"engineering", "sales",    "recruiting", "headhunting",
                                           "marketing",   "finance",  "design",     "operations",
                                           "research",    "executive"};
  for (const World& world : Worlds()) {
    std::set<int> levels;
    for (const Person& p : world.people) {
      for (size_t i = 0; i < p.positions.size(); ++i) {
        const Position& q = p.positions[i];
        EXPECT_TRUE(functions.contains(q.function)) << q.function;
        EXPECT_FALSE(q.title.empty());
        ASSERT_TRUE(q.seniority >= 0 && q.seniority <= 6) << p.key;
        levels.insert(q.seniority);
        if (q.seniority == 0) {
          EXPECT_EQ(i, 0u) << p.key << ": internships come first";
        }
        if (i > 0) {
          EXPECT_GE(q.seniority, p.positions[i - 1].seniority - 1) << p.key;
        }
      }
    }
    if (world.people.size() >= 1000) {
      EXPECT_EQ(levels.size(), 7u);
    }
  }
}

TEST(DemoData, OneChiefExecutivePerCompany) {
  for (const World& world : Worlds()) {
    std::map<std::string, int> ceos;
    for (const Person& p : world.people) {
      for (const Position& q : p.positions) {
        if (q.function == "executive" && q.seniority == 6) ++ceos[q.company_key];
      }
    }
    for (const auto& [company, count] : ceos) EXPECT_EQ(count, 1) << company;
  }
}

TEST(DemoData, TitlesUseTheCompanysWorkingLanguage) {
  for (const World& world : Worlds()) {
    std::map<std::string, std::string> city;
    for (const Company& c : world.companies) city[c.key] = c.city;
    for (const Person& p : world.people) {
      for (const Position& q : p.positions) {
        const std::string& where = city[q.company_key];
        if (where == "Tokyo" || where == "Osaka") {
          EXPECT_TRUE(Any(q.title, IsCjk)) << q.title;
        } else if (where == "Shanghai" || where == "Beijing" || where == "Shenzhen") {
          EXPECT_TRUE(Any(q.title, IsHan) && !Any(q.title, IsKana)) << q.title;
        } else {
          EXPECT_FALSE(Any(q.title, IsCjk)) << q.title;
        }
      }
    }
  }
}

TEST(DemoData, ReadingsMatchTheScriptOfEachCulture) {
  const std::regex latin_name("[A-Z][a-z]+");
  for (const World& world : Worlds()) {
    for (const Person& p : world.people) {
      const PersonName& n = p.name;
      SCOPED_TRACE(p.display_name);
      EXPECT_TRUE(std::regex_match(n.family_latin, latin_name)) << n.family_latin;
      EXPECT_TRUE(std::regex_match(n.given_latin, latin_name)) << n.given_latin;
      if (p.culture == "ja") {
        EXPECT_TRUE(n.family_name_first);
        EXPECT_TRUE(All(n.family_reading, IsHiragana)) << n.family_reading;
        EXPECT_TRUE(All(n.given_reading, IsHiragana)) << n.given_reading;
        EXPECT_TRUE(IsHepburnOf(n.family_latin, n.family_reading)) << n.family_latin;
        EXPECT_TRUE(IsHepburnOf(n.given_latin, n.given_reading)) << n.given_latin;
        EXPECT_TRUE(All(n.family + n.given, [](char32_t c) { return IsHan(c) || IsHiragana(c); }));
      } else if (p.culture == "zh") {
        EXPECT_TRUE(n.family_name_first);
        EXPECT_TRUE(IsPinyinOf(n.family_reading, n.family, n.family_latin));
        EXPECT_TRUE(IsPinyinOf(n.given_reading, n.given, n.given_latin));
      } else {
        EXPECT_FALSE(n.family_name_first);
        EXPECT_TRUE(n.family_reading.empty() && n.given_reading.empty());
        EXPECT_EQ(n.family_latin, n.family);
        EXPECT_EQ(n.given_latin, n.given);
      }
    }
  }
}

TEST(DemoData, ReadingCheckersRejectMistakes) {
  EXPECT_TRUE(IsHepburnOf("Sato", "さとう"));
  EXPECT_TRUE(IsHepburnOf("Ota", "おおた"));
  EXPECT_TRUE(IsHepburnOf("Inoue", "いのうえ"));
  EXPECT_TRUE(IsHepburnOf("Ryosuke", "りょうすけ"));
  EXPECT_TRUE(IsHepburnOf("Hattori", "はっとり"));
  EXPECT_FALSE(IsHepburnOf("Satoh", "さとう"));
  EXPECT_FALSE(IsHepburnOf("Haruna", "ひな"));
  EXPECT_FALSE(IsHepburnOf("Simizu", "しみず"));  // Kunrei, not Hepburn
  EXPECT_FALSE(IsHepburnOf("Tuyosi", "つよし"));
  EXPECT_TRUE(IsPinyinOf("Xiùyīng", "秀英", "Xiuying"));
  EXPECT_TRUE(IsPinyinOf("Ōuyáng", "欧阳", "Ouyang"));
  EXPECT_TRUE(IsPinyinOf("Guō", "郭", "Guo"));
  EXPECT_FALSE(IsPinyinOf("Wěi", "伟", "Wie"));
  EXPECT_FALSE(IsPinyinOf("Wei", "伟", "Wei"));          // no tone mark
  EXPECT_FALSE(IsPinyinOf("Wēì", "伟", "Wei"));          // two marks
  EXPECT_FALSE(IsPinyinOf("Gūo", "郭", "Guo"));          // mark on the wrong vowel
  EXPECT_FALSE(IsPinyinOf("Xiùyīng", "秀", "Xiuying"));  // one character, two syllables
}

TEST(DemoData, DisplayNameOrdersByCulture) {
  EXPECT_EQ(DisplayName({"佐藤", "陽菜", "さとう", "はるな", "Sato", "Haruna", true}), "佐藤 陽菜");
  EXPECT_EQ(DisplayName({"中島", "さくら", "なかじま", "さくら", "Nakajima", "Sakura", true}),
            "中島 さくら");
  EXPECT_EQ(DisplayName({"王", "伟", "Wáng", "Wěi", "Wang", "Wei", true}), "王伟");
  EXPECT_EQ(DisplayName({"欧阳", "秀英", "Ōuyáng", "Xiùyīng", "Ouyang", "Xiuying", true}),
            "欧阳秀英");
  EXPECT_EQ(DisplayName({"王", "伟", "", "", "", "", true}), "王伟");
  EXPECT_EQ(DisplayName({"Carter", "Emily", "", "", "Carter", "Emily", false}), "Emily Carter");
  EXPECT_EQ(DisplayName({"Nagy", "Béla", "", "", "Nagy", "Bela", true}), "Nagy Béla");
  EXPECT_EQ(DisplayName({"", "Emily", "", "", "", "Emily", false}), "Emily");
  EXPECT_EQ(DisplayName({"佐藤", "", "さとう", "", "Sato", "", true}), "佐藤");

  for (const World& world : Worlds()) {
    for (const Person& p : world.people) {
      EXPECT_EQ(p.display_name, DisplayName(p.name));
      const PersonName& n = p.name;
      if (p.culture == "ja") {
        EXPECT_EQ(p.display_name, n.family + " " + n.given);
      }
      if (p.culture == "zh") {
        EXPECT_EQ(p.display_name, n.family + n.given);
      }
      if (p.culture == "en") {
        EXPECT_EQ(p.display_name, n.given + " " + n.family);
      }
    }
  }
}

TEST(DemoData, LanguagesSkillsAndHeadlinesFitThePerson) {
  const std::regex language("[a-z]{2,3}:(native|fluent|professional|conversational|basic)");
  for (const World& world : Worlds()) {
    for (const Person& p : world.people) {
      SCOPED_TRACE(p.key);
      ASSERT_FALSE(p.languages.empty());
      EXPECT_EQ(p.languages.front(), p.culture + ":native");
      std::set<std::string> tags;
      for (const std::string& l : p.languages) {
        EXPECT_TRUE(std::regex_match(l, language)) << l;
        EXPECT_TRUE(tags.insert(l.substr(0, l.find(':'))).second) << l;
      }
      EXPECT_GE(p.skills.size(), 3u);
      EXPECT_EQ(std::set<std::string>(p.skills.begin(), p.skills.end()).size(), p.skills.size());
      ASSERT_FALSE(p.headline.empty());
      // Japanese headlines may be all kanji ("霞証券｜取締役"); Chinese ones never use kana.
      if (p.culture == "ja") {
        EXPECT_TRUE(Any(p.headline, IsCjk)) << p.headline;
      }
      if (p.culture == "zh") {
        EXPECT_TRUE(Any(p.headline, IsHan) && !Any(p.headline, IsKana)) << p.headline;
      }
      if (p.culture == "en") {
        EXPECT_FALSE(Any(p.headline, IsCjk)) << p.headline;
      }
    }
  }
}

// P14: recruiters look for bilinguals educated abroad, 12–18 months into a job.
TEST(DemoData, IncludesBilingualReturnees) {
  const World world = GenerateWorld();
  std::map<std::string, std::string> country;
  for (const School& s : world.schools) country[s.key] = s.country;
  int returnees = 0, bilinguals = 0;
  for (const Person& p : world.people) {
    if (p.culture == "en") continue;
    const std::string home = p.culture == "ja" ? "JP" : "CN";
    const bool abroad =
        std::any_of(p.education.begin(), p.education.end(),
                    [&](const Education& e) { return country[e.school_key] != home; });
    const bool bilingual =
        std::any_of(p.languages.begin() + 1, p.languages.end(), [](const std::string& l) {
          return l.ends_with(":fluent") || l.ends_with(":professional");
        });
    bilinguals += bilingual ? 1 : 0;
    const Position& last = p.positions.back();
    const int months_in = kNow - Month(last.start_year, last.start_month);
    if (abroad && bilingual && last.end_year == 0 && months_in >= 12 && months_in <= 18) {
      ++returnees;
    }
  }
  EXPECT_GE(returnees, 8);
  EXPECT_GE(bilinguals, 50);
}

TEST(DemoData, AllStringsAreValidUtf8) {
  EXPECT_FALSE(DecodeUtf8("\xc0\xaf", nullptr));      // overlong
  EXPECT_FALSE(DecodeUtf8("\xed\xa0\x80", nullptr));  // surrogate
  EXPECT_FALSE(DecodeUtf8("\xe6\x9d", nullptr));      // truncated
  for (const World& world : Worlds()) {
    ForEachString(world, [](const std::string& s) {
      EXPECT_TRUE(DecodeUtf8(s, nullptr)) << s;
      EXPECT_EQ(s.find('\0'), std::string::npos);
    });
  }
}

}  // namespace
}  // namespace enishi::demo
