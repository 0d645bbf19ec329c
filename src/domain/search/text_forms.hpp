#pragma once
// The port through which search reduces text to comparable forms: implemented over ICU in
// intl/icu_text_forms.hpp (see intl/search_text.hpp for what the forms are), and by simple
// fakes in tests.

#include <string>
#include <string_view>
#include <vector>

namespace enishi::search {

class TextForms {
 public:
  virtual ~TextForms() = default;
  // The forms of `text`, the first being the case-folded text itself; empty when nothing
  // searchable is left (only spaces and punctuation, invalid UTF-8). Thread-safe.
  virtual std::vector<std::string> Forms(std::string_view text) const = 0;
  // The primary subtags ("ja", "zh", "en") of the languages whose names, in Japanese, Chinese
  // or English, have `form` (one of Forms()) as a prefix or, for three characters or more, a
  // substring: "japanese", "日本語" and "にほんご" all give "ja". Thread-safe.
  virtual std::vector<std::string> LanguagesNamed(std::string_view form) const = 0;
};

}  // namespace enishi::search
