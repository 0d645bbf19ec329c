#include "domain/accounts/account_settings.hpp"

#include <array>

#include "domain/accounts/text.hpp"

namespace enishi::accounts {
namespace {

bool IsForbiddenInName(char32_t c) {
  bool control = c < 0x20 || (c >= 0x7F && c <= 0x9F);
  // Bidirectional embeddings, overrides and isolates let a name display as something else.
  bool bidi = (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
  bool separator = c == 0x2028 || c == 0x2029;
  return control || bidi || separator;
}

bool EqualsIgnoringAsciiCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (AsciiLower(a[i]) != AsciiLower(b[i])) return false;
  }
  return true;
}

}  // namespace

Result<std::string> NormaliseDisplayName(std::string_view display_name) {
  auto decoded = DecodeUtf8(display_name);
  if (!decoded) return InvalidArgument("display_name is not valid UTF-8 text", "display_name");
  std::u32string_view name = Trim(*decoded);
  if (name.empty() || name.size() > kMaxDisplayNameLength) {
    return InvalidArgument("display_name must be 1 to 100 characters", "display_name");
  }
  for (char32_t c : name) {
    if (IsForbiddenInName(c)) {
      return InvalidArgument("display_name must not contain control characters", "display_name");
    }
  }
  return EncodeUtf8(name);
}

Result<std::string> NormaliseLocale(std::string_view locale) {
  static constexpr std::array<std::string_view, 3> kLocales = {"ja", "zh-Hans", "en"};
  for (std::string_view known : kLocales) {
    if (EqualsIgnoringAsciiCase(locale, known)) return std::string(known);
  }
  return InvalidArgument("locale must be ja, zh-Hans or en", "locale");
}

}  // namespace enishi::accounts
