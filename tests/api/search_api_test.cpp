// People search through the API (F28): names in every script, the other fields and the
// filters, ranking, paging, the daily caps, bad input; and what search must never do: find
// members who did not opt in, match fields the searcher may not see, or let a hidden value
// change which members are found or in what order.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "api/profile_fixture.hpp"

namespace enishi::api::testing {
namespace {

class SearchApiTest : public ProfileApiTestBase {
 protected:
  void SetUp() override {
    searcher_ = NewMember("searcher@example.com", "Searcher");
    tanaka_ = NewMember("tanaka@example.com", "田中 結衣");
    json profile = MinimalProfile("田中 結衣");
    profile["name"] = Audienced({{"family", "田中"},
                                 {"given", "結衣"},
                                 {"family_reading", "たなか"},
                                 {"given_reading", "ゆい"},
                                 {"latin_family", "Tanaka"},
                                 {"latin_given", "Yui"},
                                 {"order", "family_first"}},
                                "members");
    profile["headline"] = Audienced("バックエンドエンジニア", "members");
    SaveProfile(tanaka_, profile);
    Searchable(tanaka_);
  }

  void Searchable(const Member& member, bool searchable = true) {
    Response response =
        PutPrivacy(member, {{"discoverability", {{"searchable", searchable}}},
                            {"shield", {{"companies", json::array()}, {"hide_profile", false}}}});
    ASSERT_EQ(response.status, 200) << response.body;
  }

  Response Search(const std::string& query, const Headers& auth) {
    return Get("/api/v1/search/members?" + query, auth);
  }
  // The ids found, in order; fails the test unless the answer is 200.
  std::vector<std::string> Found(const std::string& query, const Member& as) {
    Response response = Search(query, as.auth);
    EXPECT_EQ(response.status, 200) << query << ": " << response.body;
    std::vector<std::string> ids;
    json body = Body(response);
    if (!body.contains("results")) return ids;
    for (const json& result : body["results"]) ids.push_back(StringAt(result["member"], "id"));
    return ids;
  }
  std::vector<std::string> Found(const std::string& query) { return Found(query, searcher_); }

  static std::string Encoded(std::string_view text) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : text) {
      if (std::isalnum(c) || c == '-' || c == '_' || c == '.') {
        out += static_cast<char>(c);
      } else {
        out += '%';
        out += kHex[c >> 4];
        out += kHex[c & 15];
      }
    }
    return out;
  }
  static std::string Q(std::string_view text) { return "q=" + Encoded(text); }

  Member searcher_;
  Member tanaka_;
};

TEST_F(SearchApiTest, FindsANameInEveryFormAPersonWouldType) {
  const std::vector<std::string> tanaka = {tanaka_.id.ToString()};
  for (std::string_view typed :
       {"田中", "たなか", "タナカ", "tanaka", "Tanaka", "ＴＡＮＡＫＡ", "ﾀﾅｶ", "田中 結衣",
        "田中結衣", "たなか ゆい", "yui tanaka", "tanakayui", "結衣", "ゆい"}) {
    EXPECT_EQ(Found(Q(typed)), tanaka) << typed;
  }
  EXPECT_TRUE(Found(Q("suzuki")).empty());
  EXPECT_TRUE(Found(Q("田中 鈴木")).empty()) << "every word must match";
}

TEST_F(SearchApiTest, AnswersASummaryWithTheBadgeMutualsAndWhatMatched) {
  Member friend_of_both = NewMember("friend@example.com", "Friend");
  Connect(searcher_.id, friend_of_both.id);
  Connect(tanaka_.id, friend_of_both.id);
  Response response = Search(Q("たなか"), searcher_.auth);
  ASSERT_EQ(response.status, 200) << response.body;
  json body = Body(response);
  ASSERT_EQ(body["results"].size(), 1u);
  const json& hit = body["results"][0];
  EXPECT_EQ(StringAt(hit["member"], "display_name"), "田中 結衣");
  EXPECT_EQ(StringAt(hit["member"], "headline"), "バックエンドエンジニア");
  EXPECT_EQ(hit["member"]["degree"], 2);
  EXPECT_EQ(hit["matched"], json::array({"name"}));
  EXPECT_FALSE(body.contains("next_cursor"));
  // The friend keeps their connection list to themselves by default, or shares it: the count
  // is what the searcher may see as mutual, like GET /members/{id}/mutuals.
  Response mutuals = Get("/api/v1/members/" + tanaka_.id.ToString() + "/mutuals", searcher_.auth);
  ASSERT_EQ(mutuals.status, 200);
  EXPECT_EQ(hit["mutual_count"], Body(mutuals)["mutuals"].size());
}

TEST_F(SearchApiTest, FindsOnlyMembersWhoOptedIn) {
  Searchable(tanaka_, false);
  EXPECT_TRUE(Found(Q("tanaka")).empty());
  Searchable(tanaka_, true);
  EXPECT_EQ(Found(Q("tanaka")).size(), 1u);
  EXPECT_EQ(Search(Q("tanaka"), {}).status, 401) << "members only";
  EXPECT_TRUE(Found(Q("tanaka"), tanaka_).empty()) << "nobody finds themselves";
}

TEST_F(SearchApiTest, MatchesOnlyFieldsTheSearcherMaySee) {
  organizations::School school = NewSchool("Kyoto University");
  organizations::Company company = NewCompany("Shinonome Systems");
  json profile = OwnProfile(tanaka_);
  profile = AsPutBody(profile);
  profile["education"] = {{{"school_id", school.id.ToString()},
                           {"degree", "学士"},
                           {"field", "情報"},
                           {"country", "JP"},
                           {"start", "2010-04"},
                           {"end", "2014-03"},
                           {"audience", "only_me"}}};
  profile["positions"] = {PositionEntry(company.id, "Engineer", "2019-04", "connections")};
  profile["skills"] = {{{"name", "Kubernetes"}, {"audience", "connections"}},
                       {{"name", "Rust"}, {"audience", "public"}}};
  profile["location"] = Audienced("Osaka", "only_me");
  SaveProfile(tanaka_, profile);

  EXPECT_TRUE(Found(Q("kyoto")).empty()) << "a hidden school";
  EXPECT_TRUE(Found(Q("shinonome")).empty()) << "an employer for connections only";
  EXPECT_TRUE(Found(Q("kubernetes")).empty()) << "a skill for connections only";
  EXPECT_TRUE(Found(Q("osaka")).empty()) << "a hidden location";
  EXPECT_TRUE(Found("q=tanaka&school=" + school.id.ToString()).empty());
  EXPECT_TRUE(Found("q=tanaka&company=" + company.id.ToString()).empty());
  EXPECT_TRUE(Found("q=tanaka&skill=kubernetes").empty());
  EXPECT_TRUE(Found("q=tanaka&location=osaka").empty());
  EXPECT_TRUE(Found("q=tanaka&seniority=senior").empty());
  EXPECT_EQ(Found(Q("rust")).size(), 1u) << "a public skill";

  Connect(searcher_.id, tanaka_.id);
  EXPECT_EQ(Found(Q("shinonome")).size(), 1u);
  EXPECT_EQ(Found(Q("kubernetes")).size(), 1u);
  EXPECT_EQ(Found("q=tanaka&company=" + company.id.ToString()).size(), 1u);
  EXPECT_EQ(Found("q=tanaka&seniority=senior").size(), 1u);
  EXPECT_EQ(Found("q=tanaka&skill=KUBERNETES").size(), 1u);
  EXPECT_TRUE(Found(Q("kyoto")).empty()) << "only_me stays the member's";
  EXPECT_TRUE(Found("q=tanaka&location=osaka").empty());
}

// Two members alike but for a value the searcher may not see: the value changes neither whether
// they are found nor their order, nor anything in the answer.
TEST_F(SearchApiTest, AHiddenValueChangesNothingInTheAnswer) {
  Member twin = NewMember("twin@example.com", "田中 結衣");
  SaveProfile(twin, AsPutBody(OwnProfile(tanaka_)));
  Searchable(twin);
  auto answer = [&](const std::string& query) { return Search(query, searcher_.auth).body; };
  const std::vector<std::string> queries = {Q("tanaka"), Q("田中 エンジニア"), Q("yui"),
                                            "q=tanaka&seniority=senior", "q=tanaka&limit=1"};
  std::vector<std::string> before;
  for (const std::string& query : queries) before.push_back(answer(query));
  ASSERT_EQ(Body(Search(Q("tanaka"), searcher_.auth))["results"].size(), 2u);

  // The twin gains hidden values that would match every query, and rank it first, if counted.
  json profile = AsPutBody(OwnProfile(twin));
  profile["skills"] = {{{"name", "tanaka yui エンジニア"}, {"audience", "only_me"}}};
  profile["location"] = Audienced("田中 tanaka", "connections");
  organizations::Company company = NewCompany("Tanaka Yui Holdings");
  profile["positions"] = {PositionEntry(company.id, "Tanaka", "2020-01", "trusted")};
  SaveProfile(twin, profile);
  for (size_t i = 0; i < queries.size(); ++i) {
    EXPECT_EQ(answer(queries[i]), before[i]) << queries[i];
  }
}

TEST_F(SearchApiTest, RanksNamesAboveOtherFieldsAndCloserMembersFirst) {
  clock_.Advance(days(1));
  Member headline_only = NewMember("h@example.com", "Hana Mori");
  json profile = MinimalProfile("Hana Mori");
  profile["headline"] = Audienced("Works with Tanaka on payments", "members");
  SaveProfile(headline_only, profile);
  Searchable(headline_only);
  Member near = NewMember("near@example.com", "Tanaka Ken");
  SaveProfile(near, MinimalProfile("Tanaka Ken"));
  Searchable(near);
  Connect(searcher_.id, near.id);

  std::vector<std::string> found = Found(Q("tanaka"));
  ASSERT_EQ(found.size(), 3u);
  EXPECT_EQ(found[0], near.id.ToString()) << "a name match, and a connection";
  EXPECT_EQ(found[1], tanaka_.id.ToString()) << "a name match";
  EXPECT_EQ(found[2], headline_only.id.ToString()) << "the headline only";
  EXPECT_EQ(Found("q=tanaka&degree=1"), std::vector<std::string>{near.id.ToString()});
  EXPECT_EQ(Found("q=tanaka&degree=2,3").size(), 0u);
}

TEST_F(SearchApiTest, FiltersByLanguageAndLocationAndCompanyName) {
  organizations::Company company = NewCompany("Shinonome Systems");
  json profile = AsPutBody(OwnProfile(tanaka_));
  profile["languages"] = {{{"language", "ja"}, {"proficiency", "native"}, {"audience", "public"}},
                          {{"language", "zh-Hans"}, {"proficiency", "working"},
                           {"audience", "members"}}};
  profile["location"] = Audienced("東京都渋谷区", "members");
  profile["positions"] = {PositionEntry(company.id, "Engineer", "2019-04", "members"),
                          PositionEntry(company.id, "Intern", "2017-04", "members", "2018-03")};
  profile["positions"][1]["seniority"] = "intern";
  SaveProfile(tanaka_, profile);
  const std::vector<std::string> tanaka = {tanaka_.id.ToString()};
  EXPECT_EQ(Found("q=tanaka&language=zh"), tanaka);
  EXPECT_EQ(Found("q=tanaka&language=ja-JP"), tanaka);
  EXPECT_TRUE(Found("q=tanaka&language=en").empty());
  EXPECT_EQ(Found("q=tanaka&location=" + Encoded("東京")), tanaka);
  EXPECT_EQ(Found(Q("shinonome")), tanaka) << "by the company's name";
  EXPECT_EQ(Found(Q("中国語")), tanaka) << "by a language's name";
  EXPECT_EQ(Found("q=tanaka&seniority=senior"), tanaka);
  EXPECT_TRUE(Found("q=tanaka&seniority=intern").empty()) << "a position that has ended";
}

TEST_F(SearchApiTest, LeavesOutBlockedMembersAndThoseHiddenFromTheSearchersEmployer) {
  ASSERT_EQ(Post("/api/v1/me/blocks", {{"member", searcher_.id.ToString()}}, tanaka_.auth).status,
            204);
  EXPECT_TRUE(Found(Q("tanaka")).empty());
  ASSERT_EQ(Delete("/api/v1/me/blocks/" + searcher_.id.ToString(), tanaka_.auth).status, 204);
  EXPECT_EQ(Found(Q("tanaka")).size(), 1u);

  organizations::Company employer = NewCompany("Employer Inc");
  json profile = AsPutBody(OwnProfile(tanaka_));
  profile["positions"] = {PositionEntry(employer.id, "Engineer", "2019-04", "only_me")};
  SaveProfile(tanaka_, profile);
  json colleague = MinimalProfile("Searcher");
  colleague["positions"] = {PositionEntry(employer.id, "Manager", "2015-01", "public")};
  SaveProfile(searcher_, colleague);
  ASSERT_EQ(PutPrivacy(tanaka_, {{"discoverability", {{"searchable", true}}},
                                 {"shield", {{"companies", json::array()}, {"hide_profile", true}}}})
                .status,
            200);
  EXPECT_TRUE(Found(Q("tanaka")).empty()) << "the profile is hidden from the employer";
}

TEST_F(SearchApiTest, PagesUpToAFixedDepth) {
  clock_.Advance(days(1));
  std::vector<std::string> all;
  for (int i = 0; i < 24; ++i) {
    if (i % 8 == 7) clock_.Advance(hours(1));  // Sign-ups are rate limited.
    Member member = NewMember("sato" + std::to_string(i) + "@example.com", "Sato Ken");
    Searchable(member);
  }
  Response first = Search("q=sato&limit=20", searcher_.auth);
  ASSERT_EQ(first.status, 200) << first.body;
  json page = Body(first);
  EXPECT_EQ(page["results"].size(), 20u);
  ASSERT_TRUE(page.contains("next_cursor"));
  Response second =
      Search("q=sato&limit=20&cursor=" + StringAt(page, "next_cursor"), searcher_.auth);
  ASSERT_EQ(second.status, 200) << second.body;
  json rest = Body(second);
  EXPECT_EQ(rest["results"].size(), 4u);
  EXPECT_FALSE(rest.contains("next_cursor"));
  std::set<std::string> ids;
  for (const json* body : {&page, &rest}) {
    for (const json& result : (*body)["results"]) ids.insert(StringAt(result["member"], "id"));
  }
  EXPECT_EQ(ids.size(), 24u) << "pages do not overlap";
  EXPECT_EQ(ErrorOf(Search("q=sato&cursor=o100", searcher_.auth))["field"], "cursor")
      << "no page beyond the fixed depth";
}

TEST_F(SearchApiTest, RefusesBadInputNamingTheParameter) {
  struct Case {
    std::string query;
    std::string field;
  };
  const std::vector<Case> cases = {
      {"", "q"},
      {"q=", "q"},
      {"q=%20%E3%80%80", "q"},
      {"q=" + std::string(101, 'a'), "q"},
      {"q=ta%07naka", "q"},
      {"q=%FF%FE", "q"},
      {"q=t", "q"},
      {"q=...", "q"},
      {"q=a1+b2+c3+d4+e5+f6", "q"},
      {"q=tanaka&seniority=boss", "seniority"},
      {"q=tanaka&degree=4", "degree"},
      {"q=tanaka&degree=1,,2", "degree"},
      {"q=tanaka&company=not-an-id", "company"},
      {"q=tanaka&school=%00", "school"},
      {"q=tanaka&language=%E6%97%A5", "language"},
      {"q=tanaka&skill=" + std::string(101, 'x'), "skill"},
      {"q=tanaka&limit=0", "limit"},
      {"q=tanaka&limit=51", "limit"},
      {"q=tanaka&limit=ten", "limit"},
      {"q=tanaka&cursor=abc", "cursor"},
      {"q=tanaka&cursor=o0", "cursor"},
      {"q=tanaka&cursor=o-5", "cursor"},
      {"q=tanaka&colour=red", "colour"},
  };
  for (const Case& c : cases) {
    Response response = Search(c.query, searcher_.auth);
    EXPECT_EQ(response.status, 400) << c.query << ": " << response.body;
    json error = ErrorOf(response);
    EXPECT_EQ(error["code"], "invalid_argument") << c.query;
    EXPECT_EQ(StringAt(error, "field"), c.field) << c.query << ": " << response.body;
  }
}

TEST_F(SearchApiTest, CapsSearchesAndProfileViewsPerDay) {
  ApiOptions options = TestApiOptions();
  options.daily_caps = {.searches_per_day = 3, .profile_views_per_day = 2};
  Configure(options);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(Search(Q("tanaka"), searcher_.auth).status, 200);
  Response capped = Search(Q("tanaka"), searcher_.auth);
  EXPECT_EQ(capped.status, 429);
  EXPECT_EQ(ErrorOf(capped)["code"], "resource_exhausted");
  int retry_after = std::stoi(Header(capped, "retry-after"));
  EXPECT_GT(retry_after, 0);
  EXPECT_LE(retry_after, 24 * 3600);
  EXPECT_EQ(Search("q=t", searcher_.auth).status, 400) << "bad input costs nothing, nor helps";
  EXPECT_EQ(Search(Q("tanaka"), tanaka_.auth).status, 200) << "each account has its own cap";

  EXPECT_EQ(View(searcher_.auth, tanaka_.id).status, 200);
  EXPECT_EQ(View(searcher_.auth, crypto::RandomId<MemberId>()).status, 404);
  EXPECT_EQ(View(searcher_.auth, tanaka_.id).status, 429) << "unknown ids count too";
  EXPECT_EQ(View(searcher_.auth, searcher_.id).status, 200) << "one's own profile is free";

  clock_.Advance(std::chrono::seconds(retry_after));
  EXPECT_EQ(Search(Q("tanaka"), searcher_.auth).status, 200) << "a new day";
  EXPECT_EQ(View(searcher_.auth, tanaka_.id).status, 200);
}

TEST_F(SearchApiTest, IndexesProfilesSavedBeforeTheIndexAndRenamesThroughTheAccount) {
  ASSERT_EQ(Patch("/api/v1/me", {{"display_name", "Yui Renamed"}}, tanaka_.auth).status, 200);
  EXPECT_TRUE(Found(Q("renamed")).empty()) << "the index learns of it in the background";
  auto indexed = search_.IndexPending(100);
  ASSERT_TRUE(indexed) << indexed.error().message;
  EXPECT_GE(*indexed, 1u);
  EXPECT_EQ(Found(Q("renamed")).size(), 1u);
  auto again = search_.IndexPending(100);
  ASSERT_TRUE(again);
  EXPECT_EQ(*again, 0u) << "nothing is left to index";
}

TEST_F(SearchApiTest, RunsApartFromTheSocketsLikeAWrite) {
  EXPECT_FALSE(api_->AnswersAtOnce(Method::kGet, "/api/v1/search/members?q=tanaka"));
  EXPECT_TRUE(api_->AnswersAtOnce(Method::kGet, "/api/v1/members/x?search=1"));
  EXPECT_TRUE(api_->AnswersAtOnce(Method::kHead, "/api/v1/me"));
  EXPECT_FALSE(api_->AnswersAtOnce(Method::kPost, "/api/v1/introductions"));
}

TEST_F(SearchApiTest, StoreFailuresAnswer503AndNeverPartialResults) {
  // The first search to get that far loads the postings; each then catches up with the store.
  for (const char* operation : {"search.match_forms", "search.standings_of",
                                "search.searchable_members", "search.revised_since",
                                "search.members_indexed"}) {
    store_->FailNthCall(1, ErrorCode::kUnavailable, operation);
    if (std::string_view(operation) == "search.members_indexed") {
      // Only a change since the last search is read member by member.
      Searchable(searcher_);
    }
    EXPECT_EQ(Search(Q("tanaka"), searcher_.auth).status, 503) << operation;
  }
  EXPECT_EQ(Found(Q("tanaka")).size(), 1u);
}

TEST_F(SearchApiTest, AChangeReadWhileTheStoreFailsIsReadAgain) {
  EXPECT_EQ(Found(Q("tanaka")).size(), 1u);
  Searchable(tanaka_, false);
  store_->FailNthCall(1, ErrorCode::kUnavailable, "search.members_indexed");
  EXPECT_EQ(Search(Q("tanaka"), searcher_.auth).status, 503);
  EXPECT_TRUE(Found(Q("tanaka")).empty()) << "search turned off must not be missed";
}

}  // namespace
}  // namespace enishi::api::testing
