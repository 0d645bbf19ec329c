#pragma once
// A deterministic, realistic demo world for `enishi demo`, screenshots and manual testing: about
// 45% Japanese, 35% Chinese and 20% English-speaking members with careers at fictional companies
// and studies at real universities. Everything is plain value types; nothing here touches a store.
//
// Determinism: the same seed gives a byte-identical world on every machine and standard library
// (a fixed splitmix64 generator and our own range mapping; no std::*_distribution, no hashing of
// pointers, no clock). The world is dated as of kDemoNowYear-kDemoNowMonth: no date is later.

#include <cstdint>
#include <string>
#include <vector>

namespace enishi::demo {

inline constexpr int kDemoNowYear = 2026;
inline constexpr int kDemoNowMonth = 10;

struct PersonName {
  std::string family, given;                  // native script: 漢字 / 汉字 / kana / Latin
  std::string family_reading, given_reading;  // hiragana (ja), tone-marked pinyin (zh), "" (en)
  std::string family_latin, given_latin;      // Hepburn without macrons / plain pinyin / Latin
  bool family_name_first = false;             // true for ja and zh

  bool operator==(const PersonName&) const = default;
};

struct Company {
  std::string key;  // stable slug, e.g. "shinonome"
  std::string name_ja, name_zh, name_en;
  std::vector<std::string> email_domains;  // all under .example
  std::string parent_key;                  // "" for a top-level company
  std::string city;                        // English name: "Tokyo", "Shanghai", "London", ...
  std::string industry;                    // English, lower case: "software", "banking", ...

  bool operator==(const Company&) const = default;
};

struct School {
  std::string key;
  std::string name_ja, name_zh, name_en;
  std::string country;  // ISO 3166-1 alpha-2

  bool operator==(const School&) const = default;
};

struct Position {
  std::string company_key;
  std::string title;     // in the company's working language (ja in Japan, zh in China, else en)
  std::string function;  // engineering|sales|recruiting|headhunting|marketing|finance|design|
                         // operations|research|executive
  int seniority = 0;     // 0 intern, 1 entry, 2 mid, 3 senior, 4 manager, 5 director, 6 executive
  int start_year = 0, start_month = 0;
  int end_year = 0, end_month = 0;  // end_year 0: current position

  bool operator==(const Position&) const = default;
};

struct Education {
  std::string school_key;
  std::string degree;  // in the person's language: "学士（工学）", "工学硕士", "MBA", ...
  std::string field;   // in the person's language
  int start_year = 0, end_year = 0;

  bool operator==(const Education&) const = default;
};

struct Person {
  std::string key;      // "person-0001", ...
  std::string culture;  // "ja" | "zh" | "en"
  std::string locale;   // "ja" | "zh-Hans" | "en"
  PersonName name;
  std::string display_name;  // DisplayName(name)
  std::string
      login;  // "sato.haruka@demo.enishi.example", or an E.164 phone ("+8190...", "+86138...")
  std::string headline;                // in the person's language
  std::string city;                    // city of the current (or last) employer
  std::vector<std::string> languages;  // "<BCP 47 tag>:<level>", level one of native|fluent|
                                       // professional|conversational|basic; native first
  std::vector<std::string> skills;     // in the person's language
  std::vector<Position> positions;     // oldest first; at most the last one is current
  std::vector<Education> education;    // oldest first

  bool operator==(const Person&) const = default;
};

struct World {
  std::vector<Company> companies;
  std::vector<School> schools;
  std::vector<Person> people;

  bool operator==(const World&) const = default;
};

// Returns a world of `people` members (none if `people` <= 0) together with every demo company
// and school. The same (seed, people) always yields an identical world.
World GenerateWorld(uint64_t seed = 20261122, int people = 200);

// The name as shown in lists, in native script. Family name first with a space for Japanese
// ("佐藤 陽菜") and any family-first name containing kana or non-Han letters; without a space
// when both parts are Han characters and the readings are not kana, as Chinese writes them
// ("王伟"); given name first otherwise ("Emily Carter"). A missing part is simply left out.
std::string DisplayName(const PersonName& name);

}  // namespace enishi::demo
