// The storage contract of people search: on one shared fixture of members in Japanese, Chinese
// and English, every backend answers each query word with exactly the forms the matching rule
// names (search_repository.hpp), computed here from the entries themselves, so SQLite's FTS5
// trigram index and PostgreSQL's pg_trgm give the same results; and gives back every
// searchable member's entries as they were written, and every change by revision. Also: the
// viewer's standings, and keeping the index whole. The same typed suite as
// store_contract_test.cpp, on every backend, each test from an empty, migrated database.

#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "domain/search/search_indexer.hpp"
#include "domain/search/search_repository.hpp"
#include "storage/store_contract_fixture.hpp"
#include "support/test_store.hpp"

namespace enishi::storage {
// Named, so that the unity build never mixes these helpers with other suites' own.
namespace search_contract {
namespace {

using namespace contract;  // NOLINT: the suite's vocabulary.
using privacy::Audience;
using privacy::AudienceKind;
using profiles::Profile;
using search::Field;

// (is facet, field, audience, form or value, until month): an entry as compared here.
using Row = std::tuple<bool, std::string, std::string, std::string, std::optional<int>>;

struct Person {
  uint64_t id;
  std::string family, given, family_reading, given_reading, latin_family, latin_given;
  std::string headline, location;
  std::vector<std::string> skills;
  bool searchable = true;
};

const std::vector<Person>& People() {
  static const std::vector<Person> people = {
      {101, "田中", "結衣", "たなか", "ゆい", "Tanaka", "Yui", "バックエンドエンジニア", "東京都",
       {"Go", "分散システム"}},
      {102, "田中", "太郎", "たなか", "たろう", "Tanaka", "Taro", "営業部長", "大阪",
       {"営業"}},
      {103, "王", "小明", "wáng", "xiǎomíng", "Wang", "Xiaoming", "高级软件工程师", "上海市",
       {"分布式系统", "Go 语言"}},
      {104, "Smith", "Anna", "", "", "Smith", "Anna", "Product designer at Tanaka & Co",
       "London", {"Figma", "UX"}},
      {105, "李", "娜", "lǐ", "nà", "Li", "Na", "数据科学家", "北京", {"Python"}},
      {106, "田中", "花子", "たなか", "はなこ", "Tanaka", "Hanako", "非公開", "京都", {},
       /*searchable=*/false},
  };
  return people;
}

const std::vector<std::string>& Queries() {
  static const std::vector<std::string> queries = {
      "田中", "たなか", "タナカ", "tanaka", "ＴＡＮＡＫＡ", "田中結衣", "yui", "結衣", "tan",
      "王", "wang", "xiaoming", "li", "lina", "go", "エンジニア", "engineer", "工程师", "designer",
      "& co", "上海", "london", "kyoto", "ta", "a", "na", "分布式", "なか"};
  return queries;
}

template <class Backend>
class SearchStoreContract : public StoreContract<Backend> {
 protected:
  search::SearchRepository& index() { return this->search(); }
  const search::TextForms& forms() { return enishi::testing::TestTextForms(); }

  Profile ProfileOf(const Person& p, MemberId member) {
    Profile profile;
    profile.member = member;
    profile.display_name = {p.latin_given + " " + p.latin_family, Audience::Of(AudienceKind::kMembers)};
    profile.name = {{p.family, p.given, p.family_reading, p.given_reading, p.latin_family,
                     p.latin_given, profiles::NameOrder::kFamilyFirst},
                    Audience::Of(AudienceKind::kMembers)};
    profile.headline = {p.headline, Audience::Of(AudienceKind::kPublic)};
    profile.location = {p.location, Audience::Of(AudienceKind::kConnections)};
    for (size_t i = 0; i < p.skills.size(); ++i) {
      profile.skills.push_back({EntryId(p.id * 10 + i), p.skills[i],
                                Audience::Of(i % 2 ? AudienceKind::kOnlyMe : AudienceKind::kPublic)});
    }
    profile.languages.push_back({EntryId(p.id * 10 + 9), p.id % 2 ? "ja" : "zh-Hans",
                                 profiles::Proficiency::kNative,
                                 Audience::Of(AudienceKind::kMembers)});
    profile.updated_at = kT0;
    return profile;
  }

  // Puts the fixture into the store: each member's profile and searchability.
  void PlantPeople() {
    for (const Person& person : People()) {
      MemberId member = this->SignUp(person.id, "p" + std::to_string(person.id) + "@example.com").id;
      Profile profile = ProfileOf(person, member);
      EXPECT_OK(this->profiles().PutProfile(profile));
      profiles::PrivacySettings settings;
      settings.discoverability.searchable = person.searchable;
      EXPECT_OK(this->profiles().PutSettings(member, settings));
      profiles_.push_back(profile);
      searchable_.push_back(person.searchable);
    }
  }

  // The distinct forms of every member's texts that match `term` by the rule, searchable or
  // not, in byte order.
  std::vector<std::string> ExpectedForms(const std::string& term) {
    std::set<std::string> forms;
    for (const Profile& profile : profiles_) {
      for (const search::TextEntry& text : search::EntriesOf(profile, this->forms()).texts) {
        if (search::FormMatches(text.form, term)) forms.insert(text.form);
      }
    }
    return {forms.begin(), forms.end()};
  }

  static std::set<Row> RowsOf(const search::MemberEntries& entries) {
    std::set<Row> rows;
    for (const search::TextEntry& text : entries.texts) {
      rows.emplace(false, EnumText(search::kFieldNames, text.field),
                   privacy::FormatAudience(text.audience), text.form, std::nullopt);
    }
    for (const search::FacetEntry& facet : entries.facets) {
      rows.emplace(true, EnumText(search::kFieldNames, facet.field),
                   privacy::FormatAudience(facet.audience), facet.value, facet.until_month);
    }
    return rows;
  }

  static std::set<Row> RowsOf(const search::IndexedMember& member) {
    std::set<Row> rows;
    for (const search::IndexRow& row : member.rows) {
      rows.emplace(row.is_facet, EnumText(search::kFieldNames, row.field), row.audience,
                   row.value, row.until_month);
    }
    return rows;
  }

  std::vector<Profile> profiles_;
  std::vector<bool> searchable_;
};

TYPED_TEST_SUITE(SearchStoreContract, Backends, BackendNames);

TYPED_TEST(SearchStoreContract, AnswersEveryTermWithExactlyTheFormsTheRuleNames) {
  this->PlantPeople();
  size_t matched_any = 0;
  for (const std::string& query : Queries()) {
    for (const std::string& term : this->forms().Forms(query)) {
      std::vector<std::string> expected = this->ExpectedForms(term);
      EXPECT_EQ(Value(this->index().MatchForms(term)), expected) << query << " as " << term;
      if (!expected.empty()) ++matched_any;
    }
  }
  EXPECT_GE(matched_any, 20u) << "the fixture should exercise the index";
}

TYPED_TEST(SearchStoreContract, GivesEverySearchableMembersEntriesAsWritten) {
  this->PlantPeople();
  std::vector<search::IndexedMember> loaded;
  MemberId after;
  for (;;) {  // Pages of two, as a large store is read.
    std::vector<search::IndexedMember> page = Value(this->index().SearchableMembers(after, 2));
    loaded.insert(loaded.end(), page.begin(), page.end());
    if (page.size() < 2) break;
    after = page.back().member;
  }
  ASSERT_EQ(loaded.size(), 5u) << "106 is not searchable";
  for (size_t i = 0; i < loaded.size(); ++i) {
    EXPECT_EQ(loaded[i].member, this->profiles_[i].member);
    EXPECT_TRUE(loaded[i].searchable);
    EXPECT_GT(loaded[i].revision, 0);
    EXPECT_EQ(this->RowsOf(loaded[i]),
              this->RowsOf(search::EntriesOf(this->profiles_[i], this->forms())))
        << "member " << i;
  }
}

TYPED_TEST(SearchStoreContract, TellsEveryChangeByRevision) {
  this->PlantPeople();
  const int64_t before = Value(this->index().LatestRevision());
  EXPECT_TRUE(Value(this->index().RevisedSince(before, 10)).empty());

  Profile changed = this->profiles_[0];
  changed.headline.value = "Staff engineer";
  changed.updated_at = kT0 + std::chrono::hours(1);
  EXPECT_OK(this->profiles().PutProfile(changed));
  const MemberId hidden = this->profiles_[1].member;
  EXPECT_OK(this->profiles().PutSettings(hidden, profiles::PrivacySettings{}));  // Not searchable.

  std::vector<search::MemberRevision> revised = Value(this->index().RevisedSince(before, 10));
  ASSERT_EQ(revised.size(), 2u);
  EXPECT_EQ(revised[0].member, changed.member);
  EXPECT_EQ(revised[1].member, hidden);
  EXPECT_LT(before, revised[0].revision);
  EXPECT_LT(revised[0].revision, revised[1].revision);
  EXPECT_EQ(Value(this->index().LatestRevision()), revised[1].revision);
  EXPECT_EQ(Value(this->index().RevisedSince(revised[0].revision, 10)).size(), 1u);
  EXPECT_EQ(Value(this->index().RevisedSince(before, 1)).size(), 1u) << "the limit";

  const std::vector<MemberId> asked = {changed.member, hidden, MemberId(999)};
  std::vector<search::IndexedMember> members = Value(this->index().MembersIndexed(asked));
  ASSERT_EQ(members.size(), 2u) << "999 is not indexed";
  std::sort(members.begin(), members.end(),
            [](const auto& a, const auto& b) { return a.revision < b.revision; });
  EXPECT_TRUE(members[0].searchable);
  EXPECT_EQ(members[0].revision, revised[0].revision);
  EXPECT_EQ(this->RowsOf(members[0]), this->RowsOf(search::EntriesOf(changed, this->forms())));
  EXPECT_FALSE(members[1].searchable);
  EXPECT_TRUE(members[1].rows.empty());
  this->profiles_[0] = changed;
  EXPECT_EQ(Value(this->index().MatchForms("staff")), this->ExpectedForms("staff"));
  EXPECT_FALSE(this->ExpectedForms("staff").empty());
  // The old headline's forms went with it: nobody else held them.
  EXPECT_EQ(Value(this->index().MatchForms("ばっくえんど")), this->ExpectedForms("ばっくえんど"));
  EXPECT_TRUE(this->ExpectedForms("ばっくえんど").empty());
}

TYPED_TEST(SearchStoreContract, MatchesOrganisationsByTheSameRule) {
  organizations::Company company;
  company.id = CompanyId(7001);
  company.names = {"東雲システム", "东云系统", "Shinonome Systems", "しののめしすてむ"};
  company.created_at = kT0;
  EXPECT_OK(this->organizations().CreateCompany(company));
  organizations::School school;
  school.id = SchoolId(7002);
  school.names = {"京都大学", "京都大学", "Kyoto University", "きょうとだいがく"};
  school.country = "JP";
  school.created_at = kT0;
  EXPECT_OK(this->organizations().CreateSchool(school));
  using search::OrganizationKind;
  const std::vector<uint64_t> company_id = {7001}, school_id = {7002}, none = {};
  for (const char* term : {"東雲", "しののめ", "shinonome", "systems", "dongyun", "xitong"}) {
    EXPECT_EQ(Value(this->index().MatchOrganizations(OrganizationKind::kCompany, term)),
              company_id)
        << term;
  }
  EXPECT_EQ(Value(this->index().MatchOrganizations(OrganizationKind::kSchool, "京都")), school_id);
  EXPECT_EQ(Value(this->index().MatchOrganizations(OrganizationKind::kSchool, "university")),
            school_id);
  EXPECT_EQ(Value(this->index().MatchOrganizations(OrganizationKind::kSchool, "sh")), none)
      << "two characters match only at the start";
  EXPECT_EQ(Value(this->index().MatchOrganizations(OrganizationKind::kCompany, "京都")), none);
}

TYPED_TEST(SearchStoreContract, GivesTheViewersStandingsInOneRead) {
  MemberId viewer = this->SignUp(1, "v@example.com").id;
  MemberId blocker = this->SignUp(3, "b@example.com").id;
  MemberId owner = this->SignUp(4, "o@example.com").id;
  EXPECT_OK(this->relationships().PutBlock({blocker, viewer, kT0}));
  profiles::Circle circle{CircleId(55), "close", {viewer}};
  EXPECT_OK(this->profiles().PutCircle(owner, circle));
  search::ViewerStandings standings = Value(this->index().StandingsOf(viewer));
  EXPECT_EQ(standings.blocked, std::vector<MemberId>{blocker});
  ASSERT_EQ(standings.circles.size(), 1u);
  EXPECT_EQ(standings.circles[0], std::pair(owner, CircleId(55)));
  EXPECT_TRUE(standings.ties.empty());
}

TYPED_TEST(SearchStoreContract, KeepsTheIndexWholeAcrossRenamesAndDeletions) {
  this->PlantPeople();
  EXPECT_TRUE(Value(this->index().MembersToIndex(100)).empty()) << "PutProfile indexed them";
  MemberId first = this->profiles_.front().member;
  EXPECT_OK(this->accounts().UpdateAccountSettings(first, "Renamed Person", "ja"));
  EXPECT_EQ(Value(this->index().MembersToIndex(100)), std::vector<MemberId>{first});

  // Entries derived from an outdated profile are refused; current ones are written.
  Profile stale = this->profiles_.front();
  search::MemberEntries outdated = search::EntriesOf(stale, this->forms());
  EXPECT_FALSE(Value(this->index().PutMemberEntries(first, outdated)));
  stale.display_name.value = "Renamed Person";
  EXPECT_TRUE(Value(this->index().PutMemberEntries(first, search::EntriesOf(stale, this->forms()))));
  EXPECT_TRUE(Value(this->index().MembersToIndex(100)).empty());
  EXPECT_EQ(Value(this->index().MatchForms("renamedperson")).size(), 1u);

  EXPECT_NE(this->CountRows("search_texts", "member_id", first), std::optional<int64_t>(0));
  const int64_t before = Value(this->index().LatestRevision());
  EXPECT_OK(this->accounts().DeleteAccount(first));
  std::vector<search::MemberRevision> removed = Value(this->index().RevisedSince(before, 10));
  ASSERT_EQ(removed.size(), 1u) << "every server must hear of the deletion";
  EXPECT_EQ(removed[0].member, first);
  EXPECT_GT(removed[0].revision, before);
  EXPECT_EQ(Value(this->index().LatestRevision()), removed[0].revision);
  for (const char* table : {"search_texts", "search_facets", "search_members"}) {
    std::optional<int64_t> rows = this->CountRows(table, "member_id", first);
    EXPECT_TRUE(!rows || *rows == 0) << table << " keeps a deleted member's rows";
  }
  const MemberId gone[] = {first};
  EXPECT_TRUE(Value(this->index().MembersIndexed(gone)).empty());
  EXPECT_TRUE(Value(this->index().MatchForms("renamedperson")).empty())
      << "a form nobody holds any more is forgotten";
}

}  // namespace
}  // namespace search_contract
}  // namespace enishi::storage
