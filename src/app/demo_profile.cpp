#include <algorithm>

#include "app/demo_internal.hpp"

namespace enishi::demo::internal {
namespace {

void AddLanguage(std::vector<std::string>& languages, std::string_view tag,
                 std::string_view level) {
  languages.push_back(std::string(tag) + ":" + std::string(level));
}

// "", basic, conversational, professional or fluent for a language the member did not live in.
std::string_view RollLevel(Rng& rng, std::array<int, 5> weights) {
  static constexpr std::string_view kLevels[] = {"", "basic", "conversational", "professional",
                                                 "fluent"};
  int roll = rng.Between(0, 99);
  for (size_t i = 0; i < weights.size(); ++i) {
    if (roll < weights[i]) return kLevels[i];
    roll -= weights[i];
  }
  return "";
}

bool Speaks(const std::vector<std::string>& languages, std::string_view tag) {
  for (const std::string& entry : languages) {
    std::string_view view = entry;
    if (view.substr(0, view.find(':')) != tag) continue;
    return view.ends_with(":fluent") || view.ends_with(":professional") ||
           view.ends_with(":native");
  }
  return false;
}

}  // namespace

Culture WorkingLanguage(std::string_view city) {
  if (city == "Tokyo" || city == "Osaka") return Culture::kJa;
  if (city == "Shanghai" || city == "Beijing" || city == "Shenzhen") return Culture::kZh;
  return Culture::kEn;
}

std::string DegreeName(Level level, const FieldRow& field, Culture culture) {
  const Discipline& d = *field.discipline;
  switch (culture) {
    case Culture::kJa:
      switch (level) {
        case Level::kBachelor:
          return "学士（" + std::string(d.ja) + "）";
        case Level::kMaster:
          return "修士（" + std::string(d.ja) + "）";
        case Level::kDoctor:
          return "博士（" + std::string(d.ja) + "）";
        case Level::kMba:
          return "MBA（経営学修士）";
      }
      break;
    case Culture::kZh:
      switch (level) {
        case Level::kBachelor:
          return std::string(d.zh) + "学士";
        case Level::kMaster:
          return std::string(d.zh) + "硕士";
        case Level::kDoctor:
          return std::string(d.zh) + "博士";
        case Level::kMba:
          return "工商管理硕士（MBA）";
      }
      break;
    case Culture::kEn:
      switch (level) {
        case Level::kBachelor:
          return std::string(d.en_bachelor);
        case Level::kMaster:
          return std::string(d.en_master);
        case Level::kDoctor:
          return "PhD";
        case Level::kMba:
          return "MBA";
      }
      break;
  }
  return "";
}

std::vector<std::string> Languages(Rng& rng, Culture culture, bool singaporean,
                                   const std::vector<const SchoolRow*>& schools,
                                   const std::vector<Draft>& drafts) {
  auto studied = [&](std::string_view country) {
    return std::any_of(schools.begin(), schools.end(),
                       [&](const SchoolRow* s) { return s->country == country; });
  };
  // An internship is too short to learn a language.
  auto worked = [&](Culture language) {
    return std::any_of(drafts.begin(), drafts.end(), [&](const Draft& d) {
      return d.seniority > 0 && WorkingLanguage(d.company->city) == language;
    });
  };
  auto worked_in = [&](std::string_view city) {
    return std::any_of(drafts.begin(), drafts.end(),
                       [&](const Draft& d) { return d.seniority > 0 && d.company->city == city; });
  };
  const bool english_abroad =
      studied("US") || studied("GB") || studied("SG") || worked(Culture::kEn);
  std::vector<std::string> out;
  std::string_view level;
  switch (culture) {
    case Culture::kJa:
      AddLanguage(out, "ja", "native");
      level = english_abroad ? "fluent" : RollLevel(rng, {30, 15, 30, 20, 5});
      if (!level.empty()) AddLanguage(out, "en", level);
      level = studied("CN")          ? "fluent"
              : worked(Culture::kZh) ? "professional"
              : rng.Chance(6)        ? RollLevel(rng, {0, 60, 40, 0, 0})
                                     : "";
      if (!level.empty()) AddLanguage(out, "zh", level);
      if (rng.Chance(3)) AddLanguage(out, "ko", "conversational");
      break;
    case Culture::kZh:
      AddLanguage(out, "zh", "native");
      level = english_abroad ? "fluent" : RollLevel(rng, {10, 10, 30, 40, 10});
      if (!level.empty()) AddLanguage(out, "en", level);
      level = studied("JP")          ? "fluent"
              : worked(Culture::kJa) ? "professional"
              : rng.Chance(8)        ? RollLevel(rng, {0, 60, 40, 0, 0})
                                     : "";
      if (!level.empty()) AddLanguage(out, "ja", level);
      if (worked_in("Shenzhen") && rng.Chance(35)) {
        AddLanguage(out, "yue", rng.Chance(50) ? "fluent" : "conversational");
      }
      break;
    case Culture::kEn:
      AddLanguage(out, "en", "native");
      if (singaporean) {
        AddLanguage(out, "zh", rng.Chance(70) ? "professional" : "conversational");
        if (rng.Chance(25)) AddLanguage(out, "ms", "conversational");
      }
      level = studied("JP")          ? "fluent"
              : worked(Culture::kJa) ? "professional"
              : rng.Chance(10)       ? RollLevel(rng, {0, 50, 50, 0, 0})
                                     : "";
      if (!level.empty()) AddLanguage(out, "ja", level);
      level = singaporean            ? ""
              : studied("CN")        ? "fluent"
              : worked(Culture::kZh) ? "professional"
              : rng.Chance(8)        ? RollLevel(rng, {0, 50, 50, 0, 0})
                                     : "";
      if (!level.empty()) AddLanguage(out, "zh", level);
      if (rng.Chance(20)) {
        static constexpr std::string_view kEuropean[] = {"fr", "de", "es"};
        AddLanguage(out, rng.Pick<std::string_view>(kEuropean),
                    rng.Chance(50) ? "conversational" : "basic");
      }
      break;
  }
  return out;
}

std::vector<std::string> Skills(Rng& rng, Culture culture, bool life_science,
                                const std::vector<Draft>& drafts,
                                const std::vector<std::string>& languages) {
  static constexpr Text3 kJapanChina = {"日中ビジネス", "中日商务", "Japan–China Business"};
  std::vector<const Text3*> pool;
  auto take = [&](Function function, int count) {
    std::vector<const Text3*> options;
    for (const Text3& skill : Skills(function, life_science)) options.push_back(&skill);
    for (int i = 0; i < count && !options.empty(); ++i) {
      size_t pick = static_cast<size_t>(rng.Below(options.size()));
      if (std::find(pool.begin(), pool.end(), options[pick]) == pool.end()) {
        pool.push_back(options[pick]);
      }
      options.erase(options.begin() + static_cast<std::ptrdiff_t>(pick));
    }
  };
  take(drafts.back().function, rng.Between(3, 5));
  if (drafts.front().function != drafts.back().function) take(drafts.front().function, 2);
  if (Speaks(languages, "ja") && Speaks(languages, "zh")) pool.push_back(&kJapanChina);
  std::vector<std::string> out;
  for (const Text3* skill : pool) out.emplace_back(In(*skill, culture));
  return out;
}

std::string Headline(Rng& rng, Culture culture, const Draft& last, int career_start,
                     const std::vector<std::string>& skills,
                     const std::vector<std::string>& languages) {
  const FunctionInfo& info = Info(last.function);
  const std::string title(In(info.titles[static_cast<size_t>(last.seniority)], culture));
  const std::string company(In(last.company->name, culture));
  const std::string noun(In(info.career_noun, culture));
  const std::string years = std::to_string((kNow - career_start) / 12);
  const std::string& s1 = skills[0];
  const std::string& s2 = skills[1];
  int variant = last.end == kCurrent ? rng.Between(0, 2) : 3;
  if (variant == 2 && (kNow - career_start) / 12 < 3) variant = 0;
  const bool bilingual = rng.Chance(40);
  std::string out;
  switch (culture) {
    case Culture::kJa:
      if (variant == 0) out = company + "｜" + title;
      if (variant == 1) out = title + "｜" + s1 + "・" + s2;
      if (variant == 2) out = noun + "歴" + years + "年｜" + company + " " + title;
      if (variant == 3) out = "元" + company + " " + title + "｜" + s1 + "・" + s2;
      if (bilingual && Speaks(languages, "zh"))
        out += "｜日中バイリンガル";
      else if (bilingual && Speaks(languages, "en"))
        out += "｜日英バイリンガル";
      break;
    case Culture::kZh:
      if (variant == 0) out = company + " · " + title;
      if (variant == 1) out = title + "｜专注" + s1 + "、" + s2;
      if (variant == 2) out = years + "年" + noun + "经验｜" + company + title;
      if (variant == 3) out = "前" + company + title + "｜" + s1 + "、" + s2;
      if (bilingual && Speaks(languages, "ja"))
        out += "｜中日双语";
      else if (bilingual && Speaks(languages, "en"))
        out += "｜中英双语";
      break;
    case Culture::kEn:
      if (variant == 0) out = title + " at " + company;
      if (variant == 1) out = title + " | " + s1 + ", " + s2;
      if (variant == 2) out = years + "+ years in " + noun + " | " + title + " at " + company;
      if (variant == 3) out = "Former " + title + " at " + company + " | " + s1 + ", " + s2;
      if (bilingual && Speaks(languages, "ja"))
        out += " | English/Japanese";
      else if (bilingual && Speaks(languages, "zh"))
        out += " | English/Mandarin";
      break;
  }
  return out;
}

}  // namespace enishi::demo::internal
