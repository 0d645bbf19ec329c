#include "intl/search_text.hpp"

#include <unicode/normalizer2.h>
#include <unicode/stringpiece.h>
#include <unicode/translit.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>
#include <unicode/utrans.h>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "core/check.hpp"

namespace enishi::intl {
namespace {

// Punctuation, separators and controls. Default-ignorable characters (ZWJ, soft hyphen...)
// are already gone after NFKC_Casefold.
constexpr char kRemoveId[] = "[[:P:][:Z:][:Cc:]] Remove";
constexpr char kHiraganaId[] = "Katakana-Hiragana";
// Any-Latin picks Han-Latin, Katakana-Latin, Hiragana-Latin... per script run.
constexpr char kLatinId[] = "Any-Latin; Latin-ASCII";

std::unique_ptr<icu::Transliterator> Create(const char* id) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::Transliterator> created(
      icu::Transliterator::createInstance(id, UTRANS_FORWARD, status));
  // These ids ship with every ICU build; failing here means the ICU data is missing.
  ENISHI_CHECK(U_SUCCESS(status) && created != nullptr, "creating an ICU transliterator");
  return created;
}

struct Transliterators {
  std::unique_ptr<icu::Transliterator> remove;
  std::unique_ptr<icu::Transliterator> hiragana;
  std::unique_ptr<icu::Transliterator> latin;
};

// Created once (compiling the Han-Latin rules takes tens of milliseconds) and never freed, so
// that threads still running at exit can clone them. Only read through clone(), under
// prototypes_mutex.
const Transliterators& Prototypes() {
  static const Transliterators* const prototypes =
      new Transliterators{Create(kRemoveId), Create(kHiraganaId), Create(kLatinId)};
  return *prototypes;
}

std::mutex prototypes_mutex;

std::unique_ptr<icu::Transliterator> CloneOf(const icu::Transliterator& prototype) {
  std::unique_ptr<icu::Transliterator> clone(prototype.clone());
  ENISHI_CHECK(clone != nullptr, "cloning an ICU transliterator");
  return clone;
}

// This thread's own transliterators.
Transliterators& ThreadTransliterators() {
  thread_local Transliterators mine = [] {
    const Transliterators& prototypes = Prototypes();
    std::lock_guard lock(prototypes_mutex);
    return Transliterators{CloneOf(*prototypes.remove), CloneOf(*prototypes.hiragana),
                           CloneOf(*prototypes.latin)};
  }();
  return mine;
}

const icu::Normalizer2& NfkcCasefold() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* normalizer = icu::Normalizer2::getNFKCCasefoldInstance(status);
  ENISHI_CHECK(U_SUCCESS(status) && normalizer != nullptr, "loading ICU's NFKC_Casefold data");
  return *normalizer;
}

bool IsValidUtf8(std::string_view text) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  const auto length = static_cast<int32_t>(text.size());
  int32_t i = 0;
  while (i < length) {
    UChar32 c = 0;
    U8_NEXT(bytes, i, length, c);
    if (c < 0) return false;
  }
  return true;
}

// Case-folded NFKC without punctuation, separators or controls. Normalising again after the
// removal recomposes a combining mark that followed a removed character, so every result is a
// fixed point of this function.
icu::UnicodeString Clean(const icu::UnicodeString& text, icu::Transliterator& remove) {
  const icu::Normalizer2& normalizer = NfkcCasefold();
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString folded = normalizer.normalize(text, status);
  if (U_FAILURE(status)) return {};
  remove.transliterate(folded);
  icu::UnicodeString cleaned = normalizer.normalize(folded, status);
  if (U_FAILURE(status)) return {};
  return cleaned;
}

void AddForm(const icu::UnicodeString& form, std::vector<std::string>& forms) {
  if (form.isEmpty()) return;
  std::string utf8;
  form.toUTF8String(utf8);
  if (std::find(forms.begin(), forms.end(), utf8) == forms.end()) forms.push_back(std::move(utf8));
}

}  // namespace

std::vector<std::string> SearchForms(std::string_view text) {
  if (text.size() > kMaxSearchTextBytes || !IsValidUtf8(text)) return {};
  Transliterators& transliterators = ThreadTransliterators();

  const icu::UnicodeString input = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  const icu::UnicodeString base = Clean(input, *transliterators.remove);
  if (base.isEmpty()) return {};

  icu::UnicodeString hiragana = base;
  transliterators.hiragana->transliterate(hiragana);
  icu::UnicodeString latin = base;
  transliterators.latin->transliterate(latin);

  std::vector<std::string> forms;
  AddForm(base, forms);
  AddForm(Clean(hiragana, *transliterators.remove), forms);
  AddForm(Clean(latin, *transliterators.remove), forms);
  return forms;
}

}  // namespace enishi::intl
