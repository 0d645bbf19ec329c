#include "app/demo_data.hpp"

#include <algorithm>
#include <set>
#include <string_view>
#include <utility>

#include "app/demo_internal.hpp"

namespace enishi::demo::internal {
namespace {

static_assert(kNow == MonthIndex(kDemoNowYear, kDemoNowMonth));

struct Weighted {
  std::string_view value;
  int weight;
};

std::string_view PickWeighted(Rng& rng, std::span<const Weighted> items) {
  int total = 0;
  for (const Weighted& item : items) total += item.weight;
  int roll = rng.Between(0, total - 1);
  for (const Weighted& item : items) {
    if (roll < item.weight) return item.value;
    roll -= item.weight;
  }
  return items.back().value;
}

// Where members of each culture live and work.
constexpr Weighted kJaCities[] = {{"Tokyo", 55},        {"Osaka", 25}, {"Singapore", 7},
                                  {"San Francisco", 5}, {"London", 4}, {"Shanghai", 4}};
constexpr Weighted kZhCities[] = {{"Shanghai", 35}, {"Beijing", 28}, {"Shenzhen", 20},
                                  {"Singapore", 7}, {"Tokyo", 5},    {"San Francisco", 3},
                                  {"London", 2}};
constexpr Weighted kEnCities[] = {
    {"San Francisco", 35}, {"London", 30}, {"Singapore", 25}, {"Tokyo", 7}, {"Shanghai", 3}};

std::string_view PickCity(Rng& rng, Culture culture) {
  switch (culture) {
    case Culture::kJa:
      return PickWeighted(rng, kJaCities);
    case Culture::kZh:
      return PickWeighted(rng, kZhCities);
    case Culture::kEn:
      return PickWeighted(rng, kEnCities);
  }
  return "Tokyo";
}

Function PickFunction(Rng& rng) {
  static constexpr std::pair<Function, int> kWeights[] = {
      {Function::kEngineering, 26}, {Function::kSales, 15},      {Function::kRecruiting, 7},
      {Function::kHeadhunting, 6},  {Function::kMarketing, 10},  {Function::kFinance, 10},
      {Function::kDesign, 7},       {Function::kOperations, 10}, {Function::kResearch, 9}};
  int roll = rng.Between(0, 99);
  for (const auto& [function, weight] : kWeights) {
    if (roll < weight) return function;
    roll -= weight;
  }
  return Function::kEngineering;
}

// A plausible sideways move, e.g. sales to marketing or engineering to research.
Function RelatedFunction(Rng& rng, Function function) {
  using F = Function;
  switch (function) {
    case F::kEngineering:
      return rng.Chance(50) ? F::kResearch : F::kDesign;
    case F::kSales:
      return rng.Chance(70) ? F::kMarketing : F::kOperations;
    case F::kRecruiting:
      return F::kHeadhunting;
    case F::kHeadhunting:
      return F::kRecruiting;
    case F::kMarketing:
      return F::kSales;
    case F::kFinance:
      return F::kOperations;
    case F::kDesign:
      return F::kMarketing;
    case F::kOperations:
      return rng.Chance(50) ? F::kSales : F::kFinance;
    case F::kResearch:
      return F::kEngineering;
    case F::kExecutive:
      return F::kExecutive;
  }
  return function;
}

bool HasFlag(const CompanyRow& company, char flag) {
  return company.flags.find(flag) != std::string_view::npos;
}

bool Hires(const CompanyRow& company, Function function) {
  const bool search_firm = HasFlag(company, 's');
  if (function == Function::kHeadhunting) return search_firm;
  if (search_firm) {
    return function == Function::kOperations || function == Function::kFinance ||
           function == Function::kMarketing || function == Function::kRecruiting ||
           function == Function::kExecutive;
  }
  if (function == Function::kResearch) return HasFlag(company, 'r');
  return true;
}

enum class SchoolRegion { kJapan, kChina, kWest, kSingapore };

bool InRegion(const SchoolRow& school, SchoolRegion region) {
  switch (region) {
    case SchoolRegion::kJapan:
      return school.country == "JP";
    case SchoolRegion::kChina:
      return school.country == "CN";
    case SchoolRegion::kWest:
      return school.country == "US" || school.country == "GB";
    case SchoolRegion::kSingapore:
      return school.country == "SG";
  }
  return false;
}

// A school in `region` that teaches field group `group` (see SchoolRow); when the region has
// none, one in Singapore, whose university teaches everything.
const SchoolRow& PickSchool(Rng& rng, SchoolRegion region, char group) {
  std::vector<const SchoolRow*> candidates;
  for (const SchoolRow& school : Schools()) {
    if (InRegion(school, region) && school.groups.find(group) != std::string_view::npos) {
      candidates.push_back(&school);
    }
  }
  if (candidates.empty()) return PickSchool(rng, SchoolRegion::kSingapore, group);
  return *candidates[static_cast<size_t>(rng.Below(candidates.size()))];
}

// A school abroad for a Master's or MBA: mostly the US, UK or Singapore; Chinese members also
// go to Japan, Japanese members sometimes to China, English speakers sometimes to Asia.
const SchoolRow& PickSchoolAbroad(Rng& rng, Culture culture, char group) {
  const int roll = rng.Between(0, 99);
  switch (culture) {
    case Culture::kJa:
      if (roll < 12) return PickSchool(rng, SchoolRegion::kChina, group);
      if (roll < 25) return PickSchool(rng, SchoolRegion::kSingapore, group);
      return PickSchool(rng, SchoolRegion::kWest, group);
    case Culture::kZh:
      if (roll < 25) return PickSchool(rng, SchoolRegion::kJapan, group);
      if (roll < 35) return PickSchool(rng, SchoolRegion::kSingapore, group);
      return PickSchool(rng, SchoolRegion::kWest, group);
    case Culture::kEn:
      if (roll < 15) return PickSchool(rng, SchoolRegion::kJapan, group);
      if (roll < 30) return PickSchool(rng, SchoolRegion::kChina, group);
      return PickSchool(rng, SchoolRegion::kWest, group);
  }
  return PickSchool(rng, SchoolRegion::kWest, group);
}

const FieldRow& PickField(Rng& rng, Function function) {
  const char letter = Info(function).letter;
  std::vector<const FieldRow*> candidates;
  for (const FieldRow& field : Fields()) {
    if (field.functions.find(letter) != std::string_view::npos) candidates.push_back(&field);
  }
  return *candidates[static_cast<size_t>(rng.Below(candidates.size()))];
}

int ProgramYears(Level level, const SchoolRow& school) {
  const bool short_programs = school.country == "GB" || school.country == "SG";
  switch (level) {
    case Level::kBachelor:
      return 4;
    case Level::kMaster:
    case Level::kMba:
      return short_programs ? 1 : 2;
    case Level::kDoctor:
      return school.country == "JP" || school.country == "GB" ? 3 : 5;
  }
  return 2;
}

int FirstJobMonth(Rng& rng, const SchoolRow& school) {
  // Japanese degrees end in March, Chinese in June/July, American in May/June, British and
  // Singaporean taught Master's in August/September.
  if (school.country == "JP") return 4;
  if (school.country == "CN") return rng.Between(7, 8);
  if (school.country == "US") return rng.Between(6, 9);
  return rng.Between(9, 10);
}

// Appends drafts that fill the months [from, to]: the last ends at `to`, or is current when
// `current` is set. Japanese members change jobs less often.
void FillSegment(Rng& rng, Culture culture, int from, int to, int max_count, bool current,
                 std::vector<Draft>& out) {
  const int span = to - from + 1;
  const int months_per_job = culture == Culture::kJa ? 48 : 30;
  const int most = std::max(1, std::min(max_count, 1 + span / months_per_job));
  // At least one change every six years: a long tenure still shows its promotions.
  const int fewest = std::max(1, std::min(most, 1 + span / 72));
  for (int count = rng.Between(std::max(fewest, most - 2), most); count >= 1; --count) {
    std::vector<int> weights, gaps;
    std::vector<bool> promotions;
    int weight_total = 0, gap_total = 0;
    for (int i = 0; i < count; ++i) {
      weights.push_back(rng.Between(2, 6));
      weight_total += weights.back();
      promotions.push_back(i > 0 && rng.Chance(culture == Culture::kJa ? 40 : 25));
      gaps.push_back(i == 0 || promotions.back() ? 0 : rng.Between(0, 3));
      gap_total += gaps.back();
    }
    const int usable = span - gap_total;
    std::vector<Draft> drafts;
    int start = from, used = 0;
    bool fits = true;
    for (int i = 0; i < count && fits; ++i) {
      start += gaps[static_cast<size_t>(i)];
      int length =
          i + 1 == count ? usable - used : usable * weights[static_cast<size_t>(i)] / weight_total;
      fits = length >= 6 || (count == 1 && length >= 1);
      Draft draft;
      draft.start = start;
      draft.end = i + 1 == count && current ? kCurrent : start + length - 1;
      draft.promotion = promotions[static_cast<size_t>(i)];
      drafts.push_back(draft);
      start += length;
      used += length;
    }
    if (!fits) continue;
    out.insert(out.end(), drafts.begin(), drafts.end());
    return;
  }
}

struct Seniority {
  int base;          // first real job: 1, plus 1 for a Master's, plus 1 for a doctorate
  int career_start;  // month of the first real job
};

// Sets function and seniority along the career: promotions within a company, moves up by
// tenure and chance, rarely a step down (never by more than one), capped by experience.
void PlanCareer(Rng& rng, Function first_function, Seniority seniority, bool life_science,
                std::vector<Draft>& drafts) {
  Draft* prev = nullptr;
  for (Draft& draft : drafts) {
    if (draft.seniority == 0) continue;  // internship
    if (prev == nullptr) {
      draft.function = first_function;
      draft.seniority = std::min(seniority.base, 3);
      draft.promotion = false;
      prev = &draft;
      continue;
    }
    const int years = (draft.start - seniority.career_start) / 12;
    const int cap = std::min(6, seniority.base + (years + 1) / 3);
    draft.function = prev->function;
    int level;
    if (draft.promotion && prev->seniority >= 2 && prev->seniority < cap) {
      level = prev->seniority + 1;
    } else {
      draft.promotion = false;
      const int tenure = prev->end - prev->start + 1;
      level = prev->seniority + (tenure >= 24 ? 1 : 0) + (rng.Chance(35) ? 1 : 0) +
              (draft.after_break ? 1 : 0);
      if (!draft.after_break && rng.Chance(6)) level = prev->seniority - 1;
      // Chemists and pharmacists stay in the lab; others sometimes move sideways.
      const bool lab = life_science && prev->function == Function::kResearch;
      if (!lab && rng.Chance(10)) draft.function = RelatedFunction(rng, prev->function);
    }
    const int floor = std::min(cap, std::min(3, 1 + years / 4));  // experience shows in titles
    draft.seniority = std::max({std::min(level, cap), floor, std::max(1, prev->seniority - 1)});
    if (draft.seniority >= 5 && draft.function != Function::kHeadhunting && rng.Chance(25)) {
      draft.function = Function::kExecutive;
    }
    prev = &draft;
  }
}

// A login e-mail part: lower-case ASCII letters only.
std::string LoginPart(std::string_view latin) {
  std::string out;
  for (char c : latin) {
    if (c >= 'A' && c <= 'Z') out.push_back(static_cast<char>(c - 'A' + 'a'));
    if (c >= 'a' && c <= 'z') out.push_back(c);
  }
  return out;
}

class Generator {
 public:
  explicit Generator(uint64_t seed) : seed_(seed) {}

  Person Make(int index, Culture culture);

 private:
  const CompanyRow* PickCompany(Rng& rng, const Draft& draft, bool life_science,
                                std::string_view city, const CompanyRow* avoid) const;
  void AssignCompanies(Rng& rng, Culture culture, bool life_science, std::string_view home,
                       std::vector<Draft>& drafts);
  std::string Login(Rng& rng, Culture culture, const PersonName& name);

  uint64_t seed_;
  std::set<std::string> logins_;
  std::set<std::string_view> ceo_seats_;  // company keys with a CEO
};

bool IsLifeScience(const CompanyRow& company) {
  return company.industry == "pharmaceuticals" || company.industry == "biotechnology";
}

// Research in chemistry or pharmacy happens at life-science firms, other research elsewhere.
const CompanyRow* Generator::PickCompany(Rng& rng, const Draft& draft, bool life_science,
                                         std::string_view city, const CompanyRow* avoid) const {
  const bool ceo = draft.function == Function::kExecutive && draft.seniority == 6;
  const bool research = draft.function == Function::kResearch;
  // Relax the city first, then prestige: a prestigious firm matters more to the story.
  for (int relax = 0; relax < 3; ++relax) {
    std::vector<const CompanyRow*> candidates;
    for (const CompanyRow& company : Companies()) {
      if (&company == avoid || !Hires(company, draft.function)) continue;
      if (research && IsLifeScience(company) != life_science) continue;
      if (relax < 1 && company.city != city) continue;
      if (relax < 2 && draft.prestigious && !HasFlag(company, 'p')) continue;
      if (ceo && ceo_seats_.contains(company.key)) continue;
      candidates.push_back(&company);
    }
    if (!candidates.empty()) return candidates[static_cast<size_t>(rng.Below(candidates.size()))];
  }
  return nullptr;
}

void Generator::AssignCompanies(Rng& rng, Culture culture, bool life_science, std::string_view home,
                                std::vector<Draft>& drafts) {
  const CompanyRow* prev = nullptr;
  for (size_t i = 0; i < drafts.size(); ++i) {
    Draft& draft = drafts[i];
    const bool last = i + 1 == drafts.size();
    const bool ceo = draft.function == Function::kExecutive && draft.seniority == 6;
    if (draft.promotion && prev != nullptr && Hires(*prev, draft.function) &&
        !(ceo && ceo_seats_.contains(prev->key))) {
      draft.company = prev;
    } else {
      draft.promotion = false;
      const bool at_home = last || draft.seniority == 0 || rng.Chance(65);
      const std::string_view city = at_home ? home : PickCity(rng, culture);
      draft.company = PickCompany(rng, draft, life_science, city, prev);
      if (draft.company == nullptr && ceo) {  // every seat taken: stay one step below
        draft.seniority = 5;
        draft.company = PickCompany(rng, draft, life_science, city, prev);
      }
    }
    if (draft.function == Function::kExecutive && draft.seniority == 6) {
      ceo_seats_.insert(draft.company->key);
    }
    prev = draft.company;
  }
}

std::string Generator::Login(Rng& rng, Culture culture, const PersonName& name) {
  // Phones are E.164 mobile numbers; they are demo sign-in names, never dialled.
  const int phone_chance = culture == Culture::kZh ? 12 : culture == Culture::kJa ? 6 : 0;
  if (rng.Chance(phone_chance)) {
    for (;;) {
      std::string phone = culture == Culture::kJa ? "+8190" : "+86138";
      for (int i = 0; i < 8; ++i) phone.push_back(static_cast<char>('0' + rng.Between(0, 9)));
      if (logins_.insert(phone).second) return phone;
    }
  }
  std::string family = LoginPart(name.family_latin), given = LoginPart(name.given_latin);
  std::string local = name.family_name_first ? family + "." + given : given + "." + family;
  for (int n = 1;; ++n) {
    std::string login = local + (n == 1 ? "" : std::to_string(n)) + "@demo.enishi.example";
    if (logins_.insert(login).second) return login;
  }
}

Person Generator::Make(int index, Culture culture) {
  Rng rng(seed_ ^ (0xd1b54a32d192ed03ULL * static_cast<uint64_t>(index + 1)));
  Person person;
  std::string number = std::to_string(index + 1);
  person.key = "person-" + std::string(number.size() < 4 ? 4 - number.size() : 0, '0') + number;
  person.culture = culture == Culture::kJa ? "ja" : culture == Culture::kZh ? "zh" : "en";
  person.locale = culture == Culture::kZh ? "zh-Hans" : person.culture;

  const std::string_view home = PickCity(rng, culture);
  const Function function = PickFunction(rng);
  // P14: bilinguals back from study abroad, 12–18 months into a job at a prestigious firm.
  const bool returnee = culture != Culture::kEn && rng.Chance(16);
  const bool direct_returnee = returnee && rng.Chance(50);
  const bool singaporean = culture == Culture::kEn && home == "Singapore" && rng.Chance(75);

  const NamePart* family;
  const NamePart* given;
  switch (culture) {
    case Culture::kJa:
      family = &rng.Pick(JaFamilyNames());
      given = &rng.Pick(JaGivenNames());
      break;
    case Culture::kZh:
      family = &rng.Pick(ZhFamilyNames());
      given = &rng.Pick(ZhGivenNames());
      break;
    case Culture::kEn:
    default:
      family = &rng.Pick(singaporean ? SgFamilyNames() : EnFamilyNames());
      given = &rng.Pick(singaporean ? SgGivenNames() : EnGivenNames());
      break;
  }
  person.name = {std::string(family->native),  std::string(given->native),
                 std::string(family->reading), std::string(given->reading),
                 std::string(family->latin),   std::string(given->latin),
                 culture != Culture::kEn};
  person.display_name = DisplayName(person.name);
  person.login = Login(rng, culture, person.name);

  // Studies, then the shape of the career: [career_start, kNow], possibly interrupted by an
  // MBA or a Master's abroad.
  const SchoolRegion home_region = culture == Culture::kJa         ? SchoolRegion::kJapan
                                   : culture == Culture::kZh       ? SchoolRegion::kChina
                                   : singaporean && rng.Chance(70) ? SchoolRegion::kSingapore
                                                                   : SchoolRegion::kWest;
  const FieldRow& field = PickField(rng, function);
  std::vector<const SchoolRow*> schools;
  auto study = [&](const SchoolRow& school, Level level, const FieldRow& what, int from, int to) {
    schools.push_back(&school);
    person.education.push_back({std::string(school.key), DegreeName(level, what, culture),
                                std::string(In(what.name, culture)), from, to});
  };
  const bool life_science = field.group == 'L' || field.group == 'P';
  const SchoolRow& bachelor_school = PickSchool(rng, home_region, field.group);
  const Level abroad_level =
      function == Function::kResearch || direct_returnee || (returnee && rng.Chance(50))
          ? Level::kMaster
          : Level::kMba;
  const FieldRow& abroad_field = abroad_level == Level::kMba ? BusinessAdministration() : field;
  const char abroad_group = abroad_level == Level::kMba ? 'M' : field.group;
  const SchoolRow* abroad =
      returnee || rng.Chance(9) ? &PickSchoolAbroad(rng, culture, abroad_group) : nullptr;
  int base = 1, study_end = 0, career_start = 0, break_start = 0, break_end = 0;
  if (direct_returnee) {
    const int length = ProgramYears(Level::kMaster, *abroad);
    study(bachelor_school, Level::kBachelor, field, 2021 - length, 2025 - length);
    study(*abroad, Level::kMaster, field, 2025 - length, 2025);
    base = 2;
    study_end = 2025;
    career_start = MonthIndex(2025, FirstJobMonth(rng, *abroad));
  } else {
    const bool master = !returnee && rng.Chance(function == Function::kResearch      ? 70
                                                : function == Function::kEngineering ? 35
                                                : culture == Culture::kZh            ? 30
                                                                                     : 18);
    const SchoolRow& master_school = PickSchool(rng, home_region, field.group);
    const bool phd = master && function == Function::kResearch && rng.Chance(45);
    const int master_years = master ? ProgramYears(Level::kMaster, master_school) : 0;
    const int phd_years = phd ? ProgramYears(Level::kDoctor, master_school) : 0;
    const int grad =
        returnee ? rng.Between(2012, 2020) : rng.Between(2004, 2025 - master_years - phd_years);
    study(bachelor_school, Level::kBachelor, field, grad - 4, grad);
    if (master) study(master_school, Level::kMaster, field, grad, grad + master_years);
    if (phd) {
      study(master_school, Level::kDoctor, field, grad + master_years,
            grad + master_years + phd_years);
    }
    base += (master ? 1 : 0) + (phd ? 1 : 0);
    study_end = grad + master_years + phd_years;
    career_start = MonthIndex(study_end, FirstJobMonth(rng, *schools.back()));
    if (abroad != nullptr) {
      const int length = ProgramYears(abroad_level, *abroad);
      if (returnee) {
        break_start = 2025 - length;
      } else if (study_end + 3 <= 2023) {
        break_start = rng.Between(study_end + 3, 2023);
      }
      break_end = break_start + length;
    }
  }

  std::vector<Draft> drafts;
  if (rng.Chance(culture == Culture::kJa ? 10 : culture == Culture::kZh ? 25 : 30)) {
    Draft intern;
    intern.seniority = 0;
    intern.function = function;
    intern.start = MonthIndex(study_end - 1, culture == Culture::kJa ? 8 : 7);
    intern.end = MonthIndex(study_end - 1, 9);
    drafts.push_back(intern);
  }
  const int budget = 4 - static_cast<int>(drafts.size());
  if (direct_returnee) {
    Draft job;
    job.start = career_start;
    job.prestigious = true;
    drafts.push_back(job);
  } else if (break_start != 0) {
    const size_t before = drafts.size();
    FillSegment(rng, culture, career_start, MonthIndex(break_start, rng.Between(6, 7)), budget - 1,
                false, drafts);
    const int left = budget - static_cast<int>(drafts.size() - before);
    const size_t resume = drafts.size();
    FillSegment(rng, culture, MonthIndex(break_end, FirstJobMonth(rng, *abroad)), kNow,
                returnee ? 1 : left, true, drafts);
    drafts[resume].after_break = true;
    drafts[resume].prestigious = returnee;
    study(*abroad, abroad_level, abroad_field, break_start, break_end);
  } else {
    FillSegment(rng, culture, career_start, kNow, budget, true, drafts);
  }
  Draft& last = drafts.back();
  if (!returnee && rng.Chance(6) && kNow - last.start >= 12) last.end = kNow - rng.Between(1, 5);

  PlanCareer(rng, function, {base, career_start}, life_science, drafts);
  AssignCompanies(rng, culture, life_science, home, drafts);
  for (const Draft& draft : drafts) {
    const Text3& title = Info(draft.function).titles[static_cast<size_t>(draft.seniority)];
    const bool current = draft.end == kCurrent;
    person.positions.push_back({std::string(draft.company->key),
                                std::string(In(title, WorkingLanguage(draft.company->city))),
                                std::string(Info(draft.function).key), draft.seniority,
                                draft.start / 12, draft.start % 12 + 1,
                                current ? 0 : draft.end / 12, current ? 0 : draft.end % 12 + 1});
  }
  person.city = std::string(drafts.back().company->city);
  person.languages = Languages(rng, culture, singaporean, schools, drafts);
  person.skills = Skills(rng, culture, life_science, drafts, person.languages);
  person.headline =
      Headline(rng, culture, drafts.back(), career_start, person.skills, person.languages);
  return person;
}

}  // namespace
}  // namespace enishi::demo::internal

namespace enishi::demo {

using internal::CompanyRow;
using internal::Culture;
using internal::SchoolRow;

World GenerateWorld(uint64_t seed, int people) {
  World world;
  for (const CompanyRow& row : internal::Companies()) {
    Company company{std::string(row.key),
                    std::string(row.name.ja),
                    std::string(row.name.zh),
                    std::string(row.name.en),
                    {},
                    std::string(row.parent_key),
                    std::string(row.city),
                    std::string(row.industry)};
    std::string_view domains = row.domains;
    while (!domains.empty()) {
      const size_t space = domains.find(' ');
      company.email_domains.emplace_back(domains.substr(0, space));
      domains = space == std::string_view::npos ? "" : domains.substr(space + 1);
    }
    world.companies.push_back(std::move(company));
  }
  for (const SchoolRow& row : internal::Schools()) {
    world.schools.push_back({std::string(row.key), std::string(row.name.ja),
                             std::string(row.name.zh), std::string(row.name.en),
                             std::string(row.country)});
  }
  if (people <= 0) return world;

  // Exact shares (45 / 35 / 20 %), in a seeded order.
  const int ja = (people * 45 + 50) / 100, zh = (people * 35 + 50) / 100;
  std::vector<Culture> cultures(static_cast<size_t>(people), Culture::kEn);
  std::fill_n(cultures.begin(), ja, Culture::kJa);
  std::fill_n(cultures.begin() + ja, zh, Culture::kZh);
  internal::Rng rng(seed);
  for (size_t i = cultures.size() - 1; i > 0; --i) {
    std::swap(cultures[i], cultures[static_cast<size_t>(rng.Below(i + 1))]);
  }
  internal::Generator generator(seed);
  for (int i = 0; i < people; ++i) {
    world.people.push_back(generator.Make(i, cultures[static_cast<size_t>(i)]));
  }
  return world;
}

}  // namespace enishi::demo
