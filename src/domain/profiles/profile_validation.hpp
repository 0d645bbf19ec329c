#pragma once
// The rules a profile must meet before it is stored (docs/API.md, "Limits"). Pure functions;
// thread-safe. Errors are kInvalidArgument naming the field as the client sent it:
// "headline", "name.family", "positions[2].title".

#include <string>
#include <string_view>
#include <vector>

#include "core/ids.hpp"
#include "core/result.hpp"
#include "domain/profiles/profile.hpp"

namespace enishi::profiles {

// Limits in characters (code points), and on the number of entries per list.
struct ProfileLimits {
  static constexpr size_t kDisplayName = 100;
  static constexpr size_t kNamePart = 100;
  static constexpr size_t kHeadline = 200;
  static constexpr size_t kAbout = 4000;
  static constexpr size_t kLocation = 100;
  static constexpr size_t kTitle = 200;
  static constexpr size_t kDescription = 2000;
  static constexpr size_t kDegree = 100;
  static constexpr size_t kSkill = 80;
  static constexpr size_t kContact = 200;
  static constexpr size_t kUrl = 2048;
  static constexpr size_t kCareerItem = 100;
  static constexpr size_t kCircleName = 60;
  static constexpr size_t kPositions = 50;
  static constexpr size_t kEducation = 30;
  static constexpr size_t kLanguages = 30;
  static constexpr size_t kSkills = 100;
  static constexpr size_t kLinks = 50;
  static constexpr size_t kContacts = 20;
  static constexpr size_t kCareerItems = 10;
  static constexpr size_t kCircleMembers = 1000;
};

// Trims every text field (ASCII and ideographic spaces) in place, then checks `profile`
// against the limits: lengths, no control characters (line breaks only in "about" and
// descriptions), valid months with no start after `this_month` and no end before its start,
// URLs with http or https, language and country codes, a salary band with a currency, and
// circle audiences naming one of `circles`.
Result<void> NormalizeAndValidate(Profile& profile, YearMonth this_month,
                                  const std::vector<CircleId>& circles);

// A circle name: 1 to kCircleName characters, trimmed in place. Field "name".
Result<void> NormalizeCircleName(std::string& name);

// `text` trimmed, or kInvalidArgument naming `field` when it is empty, longer than `max_chars`
// code points, not UTF-8, or holds control characters.
Result<std::string> NormalizeLine(std::string_view text, size_t max_chars, std::string_view field);
// As NormalizeLine, but line breaks are allowed: a message, a note of several lines.
Result<std::string> NormalizeParagraphs(std::string_view text, size_t max_chars,
                                        std::string_view field);

}  // namespace enishi::profiles
