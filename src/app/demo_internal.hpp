#pragma once
// Internals of demo::GenerateWorld, shared by demo_data.cpp (people and careers),
// demo_profile.cpp (degrees, languages, skills, headlines) and demo_tables.cpp (fixed data).
// Not part of the public API. The tables are immutable static data, safe from any thread; an
// Rng belongs to one caller.

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace enishi::demo::internal {

// Dates are month indices (year * 12 + month - 1) while a career is built.
constexpr int MonthIndex(int year, int month) { return year * 12 + month - 1; }
inline constexpr int kNow = MonthIndex(2026, 10);  // demo::kDemoNowYear, kDemoNowMonth
inline constexpr int kCurrent = -1;                // Draft::end of a current position

// splitmix64: tiny and the same everywhere. Ranges use rejection sampling, so they are unbiased
// and depend on no standard library's distribution algorithms.
class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}

  uint64_t Next() {
    uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  // Uniform in [0, n). REQUIRES: n > 0.
  uint64_t Below(uint64_t n) {
    const uint64_t threshold = (0 - n) % n;  // 2^64 mod n
    for (;;) {
      const uint64_t r = Next();
      if (r >= threshold) return r % n;
    }
  }
  // Uniform in [lo, hi]. REQUIRES: lo <= hi.
  int Between(int lo, int hi) {
    return lo + static_cast<int>(Below(static_cast<uint64_t>(hi - lo) + 1));
  }
  bool Chance(int percent) { return static_cast<int>(Below(100)) < percent; }
  // REQUIRES: !items.empty().
  template <class T>
  const T& Pick(std::span<const T> items) {
    return items[static_cast<size_t>(Below(items.size()))];
  }

 private:
  uint64_t state_;
};

enum class Culture { kJa, kZh, kEn };

// One text in the three product languages.
struct Text3 {
  std::string_view ja, zh, en;
};

inline std::string_view In(const Text3& text, Culture culture) {
  return culture == Culture::kJa ? text.ja : culture == Culture::kZh ? text.zh : text.en;
}

// A family or given name: native script, reading (hiragana / tone-marked pinyin / empty for
// Latin names) and Latin form (Hepburn without macrons / plain pinyin / itself).
struct NamePart {
  std::string_view native, reading, latin;
};

enum class Function {
  kEngineering,
  kSales,
  kRecruiting,
  kHeadhunting,
  kMarketing,
  kFinance,
  kDesign,
  kOperations,
  kResearch,
  kExecutive,
};

struct FunctionInfo {
  std::string_view key;         // "engineering", ...
  char letter;                  // used in FieldRow::functions
  Text3 career_noun;            // for "営業歴12年", "12年销售经验", "12+ years in sales"
  std::array<Text3, 7> titles;  // by seniority 0..6
};

struct CompanyRow {
  std::string_view key;
  Text3 name;
  std::string_view domains;  // space-separated
  std::string_view parent_key;
  std::string_view city;
  std::string_view industry;
  std::string_view flags;  // 'r' does research, 's' executive-search firm, 'p' prestigious
};

// Field groups, used to match fields with the schools that teach them:
// T technology, S mathematical sciences, L chemistry, P pharmacy, B business and economics,
// H law and social sciences, A literature, D design, M (schools only) offers an MBA.
struct SchoolRow {
  std::string_view key;
  Text3 name;
  std::string_view country;  // ISO 3166-1 alpha-2
  std::string_view groups;
};

// How a degree in a field is named: "学士（工学）", "工学学士", "BEng"/"MEng".
struct Discipline {
  std::string_view ja, zh, en_bachelor, en_master;
};

struct FieldRow {
  Text3 name;
  const Discipline* discipline;
  char group;                  // see SchoolRow
  std::string_view functions;  // FunctionInfo::letter of the functions it leads to
};

std::span<const NamePart> JaFamilyNames();
std::span<const NamePart> JaGivenNames();
std::span<const NamePart> ZhFamilyNames();
std::span<const NamePart> ZhGivenNames();
std::span<const NamePart> EnFamilyNames();  // US and UK
std::span<const NamePart> EnGivenNames();
std::span<const NamePart> SgFamilyNames();  // English-speaking Singaporeans
std::span<const NamePart> SgGivenNames();
std::span<const CompanyRow> Companies();
std::span<const SchoolRow> Schools();
std::span<const FieldRow> Fields();
const FieldRow& BusinessAdministration();  // the field of an MBA
const FunctionInfo& Info(Function function);
// Skills typical of `function`; research in the life sciences has its own list.
std::span<const Text3> Skills(Function function, bool life_science);

// The language a company in `city` writes its titles in.
Culture WorkingLanguage(std::string_view city);

// A position before it is turned into a demo::Position.
struct Draft {
  int start = 0;
  int end = kCurrent;
  Function function = Function::kEngineering;
  int seniority = 1;         // 0 marks an internship from the start
  bool promotion = false;    // wants the previous draft's company
  bool after_break = false;  // first job after an MBA or a Master's abroad
  bool prestigious = false;  // must be at a prestigious firm (P14 returnees)
  const CompanyRow* company = nullptr;
};

enum class Level { kBachelor, kMaster, kDoctor, kMba };

// "学士（工学）", "工学硕士", "MBA", ... in the person's language.
std::string DegreeName(Level level, const FieldRow& field, Culture culture);

// "ja:native", "en:fluent", ...: native first, then what studies, work and chance suggest.
// REQUIRES: every draft has a company.
std::vector<std::string> Languages(Rng& rng, Culture culture, bool singaporean,
                                   const std::vector<const SchoolRow*>& schools,
                                   const std::vector<Draft>& drafts);

// Four to seven skills in the person's language, led by the latest function.
std::vector<std::string> Skills(Rng& rng, Culture culture, bool life_science,
                                const std::vector<Draft>& drafts,
                                const std::vector<std::string>& languages);

// A headline in the person's language about the last position.
// REQUIRES: skills.size() >= 2; last.company set.
std::string Headline(Rng& rng, Culture culture, const Draft& last, int career_start,
                     const std::vector<std::string>& skills,
                     const std::vector<std::string>& languages);

}  // namespace enishi::demo::internal
