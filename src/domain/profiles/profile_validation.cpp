#include "domain/profiles/profile_validation.hpp"

#include <algorithm>
#include <optional>

#include "domain/accounts/text.hpp"

namespace enishi::profiles {
namespace {

using accounts::DecodeUtf8;
using accounts::EncodeUtf8;
using accounts::Trim;

enum class Lines { kSingle, kMultiple };

bool IsControl(char32_t c, Lines lines) {
  if (lines == Lines::kMultiple && (c == '\n' || c == '\t')) return false;
  // C0, DEL and C1 controls, and the bidirectional overrides that make text read backwards.
  return c < 0x20 || (c >= 0x7F && c <= 0x9F) || (c >= 0x202A && c <= 0x202E) ||
         (c >= 0x2066 && c <= 0x2069);
}

// Collects the first problem met while walking a profile, with the path of the field at fault.
class Checker {
 public:
  // Trims `text` in place and checks it; `required` refuses an empty value.
  void Text(std::string& text, size_t max_chars, const std::string& field,
            Lines lines = Lines::kSingle, bool required = false) {
    if (error_) return;
    std::optional<std::u32string> decoded = DecodeUtf8(text);
    if (!decoded) return Fail("is not valid UTF-8", field);
    std::u32string_view trimmed = Trim(*decoded);
    if (required && trimmed.empty()) return Fail("must not be empty", field);
    if (trimmed.size() > max_chars) {
      return Fail("is too long (at most " + std::to_string(max_chars) + " characters)", field);
    }
    if (std::any_of(trimmed.begin(), trimmed.end(), [&](char32_t c) { return IsControl(c, lines); })) {
      return Fail("must not contain control characters", field);
    }
    text = EncodeUtf8(trimmed);
  }

  void Month(const YearMonth& month, const std::string& field) {
    if (month.year < 1900 || month.year > 2200 || month.month < 1 || month.month > 12) {
      Fail("is not a valid month (YYYY-MM)", field);
    }
  }

  // A start no later than this month, and an end (if any) no earlier than the start.
  void Period(const YearMonth& start, const std::optional<YearMonth>& end, YearMonth this_month,
              const std::string& path) {
    Month(start, path + ".start");
    if (end) Month(*end, path + ".end");
    if (error_) return;
    if (start > this_month) return Fail("is in the future", path + ".start");
    if (end && *end < start) Fail("is before the start", path + ".end");
  }

  void AudienceOf(const Audience& audience, const std::vector<CircleId>& circles,
                  const std::string& field) {
    if (audience.kind != AudienceKind::kCircle) return;
    if (std::find(circles.begin(), circles.end(), audience.circle) == circles.end()) {
      Fail("names a circle you do not have", field);
    }
  }

  template <class Entries>
  void Count(const Entries& entries, size_t max, const std::string& field) {
    if (entries.size() > max) Fail("has too many entries (at most " + std::to_string(max) + ")", field);
  }

  void Check(bool ok, const char* problem, const std::string& field) {
    if (!ok) Fail(problem, field);
  }

  void Fail(const std::string& problem, const std::string& field) {
    if (!error_) error_ = InvalidArgument(field + " " + problem, field);
  }

  Result<void> Finish() const {
    if (error_) return *error_;
    return Ok();
  }

 private:
  std::optional<Error> error_;
};

std::string Item(std::string_view list, size_t index) {
  return std::string(list) + "[" + std::to_string(index) + "]";
}

bool IsAsciiAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// "ja", "zh-Hans", "en-US": BCP 47 shaped, which is all a profile needs.
bool IsLanguageTag(std::string_view tag) {
  if (tag.empty() || tag.size() > 35) return false;
  size_t part = 0;
  for (size_t start = 0; start <= tag.size();) {
    size_t end = std::min(tag.find('-', start), tag.size());
    std::string_view piece = tag.substr(start, end - start);
    size_t min_size = part == 0 ? 2 : 1;
    size_t max_size = part == 0 ? 3 : 8;
    if (piece.size() < min_size || piece.size() > max_size) return false;
    if (!std::all_of(piece.begin(), piece.end(), IsAsciiAlnum)) return false;
    ++part;
    start = end + 1;
  }
  return true;
}

bool IsUpperLetters(std::string_view text, size_t size) {
  return text.size() == size &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

bool IsWebUrl(std::string_view url) {
  std::string lower;
  for (char c : url.substr(0, 8)) lower.push_back(accounts::AsciiLower(c));
  bool scheme = lower.starts_with("https://") || lower.starts_with("http://");
  size_t host = url.find("://");
  return scheme && host != std::string_view::npos && url.size() > host + 3 &&
         url.find_first_of(" <>\"") == std::string_view::npos;
}

bool IsContactValue(ContactKind kind, std::string_view value) {
  switch (kind) {
    case ContactKind::kEmail: {
      size_t at = value.find('@');
      return at != std::string_view::npos && at > 0 && at + 1 < value.size() &&
             value.find('@', at + 1) == std::string_view::npos &&
             value.find(' ') == std::string_view::npos;
    }
    case ContactKind::kPhone:
      return std::any_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; }) &&
             std::all_of(value.begin(), value.end(), [](char c) {
               return (c >= '0' && c <= '9') || c == '+' || c == '-' || c == ' ' || c == '(' ||
                      c == ')';
             });
    case ContactKind::kLine:
    case ContactKind::kWeChat:
      return std::all_of(value.begin(), value.end(), [](char c) {
        return IsAsciiAlnum(c) || c == '.' || c == '_' || c == '-' || c == '@';
      });
  }
  return false;
}

void CheckCareer(Checker& check, CareerPreferences& career) {
  check.Count(career.roles, ProfileLimits::kCareerItems, "career.value.roles");
  for (size_t i = 0; i < career.roles.size(); ++i) {
    check.Text(career.roles[i], ProfileLimits::kCareerItem, Item("career.value.roles", i),
               Lines::kSingle, true);
  }
  check.Count(career.locations, ProfileLimits::kCareerItems, "career.value.locations");
  for (size_t i = 0; i < career.locations.size(); ++i) {
    check.Text(career.locations[i], ProfileLimits::kCareerItem, Item("career.value.locations", i),
               Lines::kSingle, true);
  }
  constexpr int64_t kMaxSalary = 1'000'000'000'000;
  for (auto [salary, field] : {std::pair{career.salary_min, "career.value.salary_min"},
                               std::pair{career.salary_max, "career.value.salary_max"}}) {
    if (salary) check.Check(*salary >= 0 && *salary <= kMaxSalary, "is out of range", field);
  }
  if (career.salary_min && career.salary_max) {
    check.Check(*career.salary_min <= *career.salary_max, "is below the minimum",
                "career.value.salary_max");
  }
  bool band = career.salary_min || career.salary_max;
  if (band) {
    check.Check(IsUpperLetters(career.salary_currency, 3), "must be an ISO 4217 code",
                "career.value.salary_currency");
  } else {
    check.Check(career.salary_currency.empty(), "is given without a salary",
                "career.value.salary_currency");
  }
}

}  // namespace

namespace {

Result<std::string> NormalizeRequired(std::string_view text, size_t max_chars,
                                      std::string_view field, Lines lines) {
  Checker check;
  std::string value(text);
  check.Text(value, max_chars, std::string(field), lines, true);
  ENISHI_TRY(check.Finish());
  return value;
}

}  // namespace

Result<std::string> NormalizeLine(std::string_view text, size_t max_chars, std::string_view field) {
  return NormalizeRequired(text, max_chars, field, Lines::kSingle);
}

Result<std::string> NormalizeParagraphs(std::string_view text, size_t max_chars,
                                        std::string_view field) {
  return NormalizeRequired(text, max_chars, field, Lines::kMultiple);
}

Result<void> NormalizeCircleName(std::string& name) {
  auto normalized = NormalizeLine(name, ProfileLimits::kCircleName, "name");
  if (!normalized) return normalized.error();
  name = std::move(normalized).value();
  return Ok();
}

Result<void> NormalizeAndValidate(Profile& profile, YearMonth this_month,
                                  const std::vector<CircleId>& circles) {
  using L = ProfileLimits;
  Checker check;
  auto audience = [&](const Audience& value, const std::string& field) {
    check.AudienceOf(value, circles, field + ".audience");
  };

  check.Text(profile.display_name.value, L::kDisplayName, "display_name.value", Lines::kSingle,
             true);
  audience(profile.display_name.audience, "display_name");
  PersonName& name = profile.name.value;
  for (auto [part, field] : {std::pair{&name.family, "name.value.family"},
                             std::pair{&name.given, "name.value.given"},
                             std::pair{&name.family_reading, "name.value.family_reading"},
                             std::pair{&name.given_reading, "name.value.given_reading"},
                             std::pair{&name.latin_family, "name.value.latin_family"},
                             std::pair{&name.latin_given, "name.value.latin_given"}}) {
    check.Text(*part, L::kNamePart, field);
  }
  audience(profile.name.audience, "name");
  check.Text(profile.headline.value, L::kHeadline, "headline.value");
  audience(profile.headline.audience, "headline");
  check.Text(profile.about.value, L::kAbout, "about.value", Lines::kMultiple);
  audience(profile.about.audience, "about");
  check.Text(profile.location.value, L::kLocation, "location.value");
  audience(profile.location.audience, "location");
  audience(profile.photo.audience, "photo");
  CheckCareer(check, profile.career.value);
  audience(profile.career.audience, "career");
  // The employer shield cannot tell who a signed-out reader is, so job-seeking data is never
  // public.
  check.Check(profile.career.audience.kind != AudienceKind::kPublic,
              "cannot be public: the employer shield needs to know who is reading",
              "career.audience");

  check.Count(profile.positions, L::kPositions, "positions");
  for (size_t i = 0; i < profile.positions.size(); ++i) {
    Position& position = profile.positions[i];
    std::string path = Item("positions", i);
    check.Text(position.title, L::kTitle, path + ".title", Lines::kSingle, true);
    check.Text(position.description, L::kDescription, path + ".description", Lines::kMultiple);
    check.Period(position.start, position.end, this_month, path);
    audience(position.audience, path);
  }
  check.Count(profile.education, L::kEducation, "education");
  for (size_t i = 0; i < profile.education.size(); ++i) {
    Education& education = profile.education[i];
    std::string path = Item("education", i);
    check.Text(education.degree, L::kDegree, path + ".degree");
    check.Text(education.field, L::kDegree, path + ".field");
    if (!education.country.empty()) {
      check.Check(IsUpperLetters(education.country, 2), "must be an ISO 3166 code",
                  path + ".country");
    }
    check.Period(education.start, education.end, this_month, path);
    audience(education.audience, path);
  }
  check.Count(profile.languages, L::kLanguages, "languages");
  for (size_t i = 0; i < profile.languages.size(); ++i) {
    std::string path = Item("languages", i);
    check.Check(IsLanguageTag(profile.languages[i].language), "must be a language tag",
                path + ".language");
    audience(profile.languages[i].audience, path);
  }
  check.Count(profile.skills, L::kSkills, "skills");
  for (size_t i = 0; i < profile.skills.size(); ++i) {
    std::string path = Item("skills", i);
    check.Text(profile.skills[i].name, L::kSkill, path + ".name", Lines::kSingle, true);
    audience(profile.skills[i].audience, path);
  }
  check.Count(profile.links, L::kLinks, "links");
  for (size_t i = 0; i < profile.links.size(); ++i) {
    Link& link = profile.links[i];
    std::string path = Item("links", i);
    check.Text(link.title, L::kTitle, path + ".title", Lines::kSingle, true);
    check.Text(link.url, L::kUrl, path + ".url", Lines::kSingle, true);
    check.Check(IsWebUrl(link.url), "must be an http or https URL", path + ".url");
    check.Text(link.description, L::kDescription, path + ".description", Lines::kMultiple);
    audience(link.audience, path);
  }
  check.Count(profile.contacts, L::kContacts, "contacts");
  for (size_t i = 0; i < profile.contacts.size(); ++i) {
    Contact& contact = profile.contacts[i];
    std::string path = Item("contacts", i);
    check.Text(contact.value, L::kContact, path + ".value", Lines::kSingle, true);
    check.Check(IsContactValue(contact.kind, contact.value), "is not valid for its kind",
                path + ".value");
    audience(contact.audience, path);
  }
  return check.Finish();
}

}  // namespace enishi::profiles
