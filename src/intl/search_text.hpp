#pragma once
// The text forms that people search compares: a name, a company or a query is reduced to a few
// strings, and a query matches a record when they share a form.
//
// Forms, in this order, empty and repeated ones left out:
//   1. NFKC with case folding (full-width "ＴＡＮＡＫＡ" -> "tanaka"), with punctuation
//      (\p{P}), separators (\p{Z}, spaces of any width) and control characters removed.
//      Symbols (\p{S}, "+" in "C++") are kept.
//   2. Form 1 with katakana folded to hiragana ("タナカ" -> "たなか"). ICU spells the
//      prolonged sound mark out as a vowel ("トーキョー" -> "とおきょお"), so it does not meet
//      the usual hiragana spelling "とうきょう" (romaji "tokyo" and "toukyou" differ too).
//   3. A Latin form: ICU's Any-Latin (romaji for kana, Mandarin pinyin for Han, the usual
//      romanisations for Hangul, Cyrillic...), then Latin-ASCII (accents and tone marks
//      removed), then the clean-up of form 1, so it is lower case with no spaces
//      ("Zoë" -> "zoe", "王小明" -> "wangxiaoming"). Characters with no Latin transliteration
//      stay as they are.
// Han is always read as Mandarin: "田中" gives "tianzhong", never the Japanese "tanaka".
// Japanese kanji readings depend on the word and, for names, on the person; ICU has no data
// for them, so matching a kanji name by its reading needs the reading stored with the record.
//
// Every form is its own first form, so SearchForms(form) contains `form`.
// Invalid UTF-8, text longer than kMaxSearchTextBytes, and text with nothing left after the
// clean-up (only spaces and punctuation) give an empty result.
//
// Thread-safety: may be called concurrently from any thread. ICU transliterators are not safe
// for concurrent use, so each is created once per process and every thread works on its own
// clone, taken on the thread's first call and freed when the thread exits.
// Cost: linear in the length of `text`, which is at most kMaxSearchTextBytes.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace enishi::intl {

// Names, companies and queries are far shorter; the bound keeps one call within tens of
// milliseconds and within ICU's int32_t string lengths.
inline constexpr size_t kMaxSearchTextBytes = 64 * 1024;

// The forms of `text` that search matches against (and that a query is reduced to), as UTF-8.
std::vector<std::string> SearchForms(std::string_view text);

}  // namespace enishi::intl
