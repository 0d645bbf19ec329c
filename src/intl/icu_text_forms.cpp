#include "intl/icu_text_forms.hpp"

#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cstring>

#include "domain/search/search_indexer.hpp"
#include "intl/search_text.hpp"

namespace enishi::intl {

IcuTextForms::IcuTextForms() {
  const icu::Locale display_languages[] = {icu::Locale("ja"), icu::Locale("zh"),
                                           icu::Locale("en")};
  for (const char* const* code = icu::Locale::getISOLanguages(); *code != nullptr; ++code) {
    if (std::strlen(*code) != 2) continue;  // ISO 639-1: the languages people list.
    const icu::Locale language(*code);
    for (const icu::Locale& in : display_languages) {
      icu::UnicodeString name;
      language.getDisplayLanguage(in, name);
      std::string utf8;
      name.toUTF8String(utf8);
      if (utf8 == *code) continue;  // ICU has no name for it in this language.
      for (std::string& form : SearchForms(utf8)) {
        std::pair<std::string, std::string> entry{*code, std::move(form)};
        if (std::find(language_forms_.begin(), language_forms_.end(), entry) ==
            language_forms_.end()) {
          language_forms_.push_back(std::move(entry));
        }
      }
    }
  }
}

std::vector<std::string> IcuTextForms::Forms(std::string_view text) const {
  return SearchForms(text);
}

std::vector<std::string> IcuTextForms::LanguagesNamed(std::string_view form) const {
  std::vector<std::string> languages;
  for (const auto& [language, name] : language_forms_) {
    if (search::FormMatches(name, form) &&
        std::find(languages.begin(), languages.end(), language) == languages.end()) {
      languages.push_back(language);
    }
  }
  return languages;
}

}  // namespace enishi::intl
