#include "intl/search_text.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace enishi::intl {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

struct SearchFormsCase {
  std::string_view text;
  std::vector<std::string> forms;
};

const std::vector<SearchFormsCase>& SearchFormsCases() {
  static const auto* const cases = new std::vector<SearchFormsCase>{
      {"田中", {"田中", "tianzhong"}},
      {"たなか", {"たなか", "tanaka"}},
      {"タナカ", {"タナカ", "たなか", "tanaka"}},
      {"ﾀﾅｶ", {"タナカ", "たなか", "tanaka"}},
      {"ＴＡＮＡＫＡ", {"tanaka"}},
      {"Tanaka", {"tanaka"}},
      {"ta naka", {"tanaka"}},
      {"王小明", {"王小明", "wangxiaoming"}},
      {"Zoë", {"zoë", "zoe"}},
      {"田中　太郎", {"田中太郎", "tianzhongtailang"}},
      {"Mary-Jane O'Brien", {"maryjaneobrien"}},
      {"西安", {"西安", "xian"}},
      {"Straße", {"strasse"}},
  };
  return *cases;
}

TEST(SearchForms, ReducesNamesToTheirForms) {
  for (const SearchFormsCase& c : SearchFormsCases()) {
    SCOPED_TRACE(std::string(c.text));
    EXPECT_EQ(SearchForms(c.text), c.forms);
  }
}

TEST(SearchForms, KanaInEitherScriptSharesHiraganaAndRomaji) {
  EXPECT_THAT(SearchForms("たなか"), Contains("たなか"));
  EXPECT_THAT(SearchForms("タナカ"), Contains("たなか"));
  EXPECT_THAT(SearchForms("たなか"), Contains("tanaka"));
  EXPECT_THAT(SearchForms("タナカ"), Contains("tanaka"));
}

TEST(SearchForms, EveryFormIsAFormOfItself) {
  for (const SearchFormsCase& c : SearchFormsCases()) {
    for (const std::string& form : SearchForms(c.text)) {
      SCOPED_TRACE(std::string(c.text) + " -> " + form);
      EXPECT_THAT(SearchForms(form), Contains(form));
    }
  }
}

TEST(SearchForms, InvalidUtf8GivesNoForms) {
  EXPECT_THAT(SearchForms("tana\xff"
                          "ka"),
              IsEmpty());
  EXPECT_THAT(SearchForms("\xe7\x94"), IsEmpty());          // A truncated 田.
  EXPECT_THAT(SearchForms("\xc0\xaf"), IsEmpty());          // An overlong '/'.
  EXPECT_THAT(SearchForms("\xed\xa0\x80"), IsEmpty());      // A UTF-16 surrogate.
  EXPECT_THAT(SearchForms("\xf4\x90\x80\x80"), IsEmpty());  // Past U+10FFFF.
}

TEST(SearchForms, NothingSearchableGivesNoForms) {
  EXPECT_THAT(SearchForms(""), IsEmpty());
  EXPECT_THAT(SearchForms(" \t\u3000.,!?"), IsEmpty());
  EXPECT_THAT(SearchForms(std::string_view("\0", 1)), IsEmpty());
}

TEST(SearchForms, TooLongTextGivesNoForms) {
  EXPECT_THAT(SearchForms(std::string(kMaxSearchTextBytes, 'a')), ::testing::Not(IsEmpty()));
  EXPECT_THAT(SearchForms(std::string(kMaxSearchTextBytes + 1, 'a')), IsEmpty());
}

TEST(SearchForms, SymbolsAreKept) { EXPECT_THAT(SearchForms("C++"), ElementsAre("c++")); }

TEST(SearchForms, GivesTheSameFormsFromFourThreads) {
  std::vector<std::vector<std::string>> expected;
  for (const SearchFormsCase& c : SearchFormsCases()) expected.push_back(SearchForms(c.text));

  std::atomic<int> mismatches{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&expected, &mismatches, t] {
      const std::vector<SearchFormsCase>& cases = SearchFormsCases();
      for (int round = 0; round < 50; ++round) {
        for (size_t i = 0; i < cases.size(); ++i) {
          // Each thread walks the cases from a different start, so that threads work on
          // different scripts at the same moment.
          const size_t k = (i + static_cast<size_t>(t) * 3) % cases.size();
          if (SearchForms(cases[k].text) != expected[k]) mismatches.fetch_add(1);
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(mismatches.load(), 0);
}

}  // namespace
}  // namespace enishi::intl
