#pragma once
// search::TextForms over ICU: SearchForms (search_text.hpp) for texts, and the names of the
// ISO 639-1 languages in Japanese, Chinese and English, through ICU's locale display names,
// for query words that name a language ("日本語", "japanese", "中文").
//
// Thread-safe. The language names are read from ICU once, in the constructor (about 180
// languages, three names each).

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/search/text_forms.hpp"

namespace enishi::intl {

class IcuTextForms final : public search::TextForms {
 public:
  IcuTextForms();

  std::vector<std::string> Forms(std::string_view text) const override;
  std::vector<std::string> LanguagesNamed(std::string_view form) const override;

 private:
  // (primary subtag, one form of one of its names).
  std::vector<std::pair<std::string, std::string>> language_forms_;
};

}  // namespace enishi::intl
