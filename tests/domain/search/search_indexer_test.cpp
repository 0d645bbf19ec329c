// What the people-search index derives from a profile: every entry under the audience of the
// field it came from, names in both orders and every script, and nothing of the career section
// (the employer shield must not be outrun by a search).

#include "domain/search/search_indexer.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "support/test_store.hpp"

namespace enishi::search {
namespace {

using privacy::Audience;
using privacy::AudienceKind;

profiles::Profile Sample() {
  profiles::Profile profile;
  profile.member = MemberId(1);
  profile.display_name = {"田中 結衣", Audience::Of(AudienceKind::kMembers)};
  profile.name = {{"田中", "結衣", "たなか", "ゆい", "Tanaka", "Yui",
                   profiles::NameOrder::kFamilyFirst},
                  Audience::Of(AudienceKind::kConnections)};
  profile.headline = {"エンジニア", Audience::Of(AudienceKind::kPublic)};
  profile.location = {"東京", Audience::Of(AudienceKind::kOnlyMe)};
  profile.career = {{profiles::JobSeeking::kActivelyLooking, {"CAREER-ROLE-secret"},
                     {"CAREER-PLACE-secret"}, 1, 2, "JPY"},
                    Audience::Of(AudienceKind::kMembers)};
  profile.positions.push_back({EntryId(2), CompanyId(3), "Engineer", profiles::JobFunction::kEngineering,
                               profiles::Seniority::kSenior, {2019, 4}, profiles::YearMonth{2024, 3},
                               "", Audience::Of(AudienceKind::kTrusted)});
  profile.skills.push_back({EntryId(4), "Kubernetes", Audience::Circle(CircleId(9))});
  profile.languages.push_back({EntryId(5), "zh-Hans", profiles::Proficiency::kNative,
                               Audience::Of(AudienceKind::kPublic)});
  return profile;
}

bool HasText(const MemberEntries& entries, Field field, const std::string& form,
             AudienceKind audience) {
  return std::any_of(entries.texts.begin(), entries.texts.end(), [&](const TextEntry& text) {
    return text.field == field && text.form == form && text.audience.kind == audience;
  });
}

TEST(SearchIndexerTest, IndexesTheNameInEveryScriptAndBothOrdersUnderItsAudience) {
  MemberEntries entries = EntriesOf(Sample(), enishi::testing::TestTextForms());
  for (const char* form : {"田中結衣", "結衣田中", "たなかゆい", "ゆいたなか", "tanakayui", "yuitanaka"}) {
    EXPECT_TRUE(HasText(entries, Field::kName, form, AudienceKind::kConnections)) << form;
  }
  EXPECT_TRUE(HasText(entries, Field::kName, "田中結衣", AudienceKind::kMembers))
      << "the display name, under its own audience";
  EXPECT_TRUE(HasText(entries, Field::kHeadline, "えんじにあ", AudienceKind::kPublic));
  EXPECT_TRUE(HasText(entries, Field::kLocation, "東京", AudienceKind::kOnlyMe));
  EXPECT_TRUE(HasText(entries, Field::kSkill, "kubernetes", AudienceKind::kCircle));
}

TEST(SearchIndexerTest, GivesFiltersTheirValuesWithTheEntrysAudience) {
  MemberEntries entries = EntriesOf(Sample(), enishi::testing::TestTextForms());
  auto facet = [&](Field field) {
    auto it = std::find_if(entries.facets.begin(), entries.facets.end(),
                           [&](const FacetEntry& f) { return f.field == field; });
    EXPECT_NE(it, entries.facets.end());
    return it != entries.facets.end() ? *it : FacetEntry{};
  };
  EXPECT_EQ(facet(Field::kCompany).value, CompanyId(3).ToString());
  EXPECT_EQ(facet(Field::kCompany).audience, Audience::Of(AudienceKind::kTrusted));
  EXPECT_EQ(facet(Field::kSeniority).value, "senior");
  EXPECT_EQ(facet(Field::kSeniority).until_month, 2024 * 12 + 3 - 1);
  EXPECT_EQ(facet(Field::kLanguage).value, "zh");
  EXPECT_EQ(facet(Field::kSkill).value, "kubernetes");
  EXPECT_EQ(facet(Field::kSkill).audience, Audience::Circle(CircleId(9)));
}

TEST(SearchIndexerTest, NeverIndexesTheCareerSection) {
  MemberEntries entries = EntriesOf(Sample(), enishi::testing::TestTextForms());
  for (const TextEntry& text : entries.texts) {
    EXPECT_EQ(text.form.find("career"), std::string::npos) << text.form;
    EXPECT_EQ(text.form.find("secret"), std::string::npos) << text.form;
  }
  for (const FacetEntry& facet : entries.facets) {
    EXPECT_EQ(facet.value.find("secret"), std::string::npos) << facet.value;
  }
}

TEST(SearchIndexerTest, MatchesByPrefixBelowThreeCharactersAndAnywhereFromThree) {
  EXPECT_TRUE(FormMatches("たなかゆい", "た"));
  EXPECT_TRUE(FormMatches("たなかゆい", "たな"));
  EXPECT_FALSE(FormMatches("たなかゆい", "ゆい"));
  EXPECT_TRUE(FormMatches("たなかゆい", "かゆい"));
  EXPECT_FALSE(FormMatches("tanaka", "na"));
  EXPECT_TRUE(FormMatches("tanaka", "nak"));
  EXPECT_FALSE(FormMatches("ta", "tan"));
  EXPECT_EQ(PrimaryLanguage("zh-Hans"), "zh");
  EXPECT_EQ(PrimaryLanguage("EN_us"), "en");
}

}  // namespace
}  // namespace enishi::search
