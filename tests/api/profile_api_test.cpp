// GET and PUT /me/profile, the photo, GET /members/{id} and the view-as preview, through
// Api::Handle: happy paths, mass assignment, bad input answered with the field named and
// nothing written, and no announcement of any edit.

#include <gtest/gtest.h>

#include <functional>
#include <set>
#include <string>
#include <vector>

#include "profile_fixture.hpp"

namespace enishi::api::testing {
namespace {

using privacy::Relationship;
using privacy::Stage;

class ProfileApiTest : public ProfileApiTestBase {
 protected:
  void SetUp() override {
    ana_ = NewMember("ana@example.com", "Ana Tanaka");
    company_ = NewCompany("Shanghai Pay");
    school_ = NewSchool("Fudan University", "CN");
  }

  // PUT `profile` must be refused with 400 naming `field`, and leave the stored profile as it
  // was.
  void ExpectRefused(const json& profile, const std::string& field) {
    SCOPED_TRACE("field " + field);
    json before = OwnProfile(ana_);
    size_t outbox = OutboxSize();
    Response response = PutProfile(ana_, profile);
    EXPECT_EQ(response.status, 400) << response.body;
    json error = ErrorOf(response);
    EXPECT_EQ(error["code"], "invalid_argument");
    EXPECT_EQ(StringAt(error, "field"), field) << response.body;
    EXPECT_EQ(OwnProfile(ana_), before);
    EXPECT_EQ(OutboxSize(), outbox);
  }

  Member ana_;
  organizations::Company company_;
  organizations::School school_;
};

const std::set<std::string> kOwnProfileKeys = {"id",        "display_name", "name",      "headline",
                                               "about",     "location",     "photo",     "career",
                                               "positions", "education",    "languages", "skills",
                                               "links",     "contacts",     "updated_at"};

TEST_F(ProfileApiTest, ANewMemberHasTheNarrowDefaults) {
  json own = OwnProfile(ana_);
  EXPECT_EQ(JsonKeys(own), kOwnProfileKeys);
  EXPECT_EQ(own["id"], ana_.id.ToString());
  EXPECT_EQ(own["display_name"], Audienced("Ana Tanaka", "members"));
  EXPECT_EQ(own["headline"]["audience"], "members");
  EXPECT_EQ(own["name"]["audience"], "connections");
  EXPECT_EQ(own["about"]["audience"], "connections");
  EXPECT_EQ(own["location"]["audience"], "connections");
  EXPECT_EQ(own["photo"], json({{"audience", "connections"}, {"url", nullptr}}));
  EXPECT_EQ(own["career"]["audience"], "only_me");
  for (const char* list : {"positions", "education", "languages", "skills", "links", "contacts"}) {
    EXPECT_EQ(own[list], json::array()) << list;
  }

  // Signed out, nothing is visible: the same 404 as an unknown member.
  ExpectSameAnswer(View({}, ana_.id), UnknownMember({}), "signed out");
  // Another member sees the display name only.
  Member bo = NewMember("bo@example.com", "Bo");
  Response seen = View(bo.auth, ana_.id);
  ASSERT_EQ(seen.status, 200) << seen.body;
  EXPECT_EQ(Body(seen), json({{"id", ana_.id.ToString()},
                              {"display_name", "Ana Tanaka"},
                              {"positions", json::array()},
                              {"education", json::array()},
                              {"languages", json::array()},
                              {"skills", json::array()},
                              {"links", json::array()},
                              {"contacts", json::array()},
                              {"degree", nullptr},
                              {"stage", "none"}}));
}

TEST_F(ProfileApiTest, AChineseProfileIsStoredAndReadBack) {
  json sent = ChineseProfile(company_.id, school_.id);
  Response response = PutProfile(ana_, sent);
  ASSERT_EQ(response.status, 200) << response.body;
  json saved = Body(response);
  EXPECT_EQ(saved, OwnProfile(ana_));
  EXPECT_EQ(JsonKeys(saved), kOwnProfileKeys);
  EXPECT_EQ(saved["id"], ana_.id.ToString());
  EXPECT_EQ(saved["updated_at"], "2026-01-01T00:00:00Z");

  // Everything sent comes back as sent, plus ids and the resolved organisations.
  json back = AsPutBody(saved);
  for (const char* list : {"positions", "education", "languages", "skills", "links", "contacts"}) {
    ASSERT_EQ(back[list].size(), sent[list].size()) << list;
    std::set<std::string> ids;
    for (size_t i = 0; i < back[list].size(); ++i) {
      json entry = back[list][i];
      ASSERT_TRUE(entry["id"].is_string()) << list;
      EXPECT_TRUE(MemberId::Parse(entry["id"].get<std::string>()).has_value());
      ids.insert(entry["id"].get<std::string>());
      entry.erase("id");
      json expected = sent[list][i];
      for (const auto& [key, value] : entry.items()) {
        if (!expected.contains(key)) {
          // Optional text the client left out comes back empty.
          EXPECT_EQ(value, "") << list << "[" << i << "]." << key;
          expected[key] = value;
        }
      }
      EXPECT_EQ(entry, expected) << list << "[" << i << "]";
    }
    EXPECT_EQ(ids.size(), back[list].size()) << list << ": ids are distinct";
  }
  for (const char* field : {"display_name", "headline", "about", "location", "career"}) {
    EXPECT_EQ(back[field], sent[field]) << field;
  }
  EXPECT_EQ(back["name"], sent["name"]);
  EXPECT_EQ(saved["positions"][0]["company"],
            json({{"id", company_.id.ToString()}, {"names", {{"en", "Shanghai Pay"}}}}));
  EXPECT_EQ(saved["education"][0]["school"], json({{"id", school_.id.ToString()},
                                                   {"names", {{"en", "Fudan University"}}},
                                                   {"country", "CN"}}));
  // The display name is the account's too.
  EXPECT_EQ(Body(Get("/api/v1/me", ana_.auth))["display_name"], "王小明");

  // Sending the profile back unchanged keeps every entry's id.
  json again = SaveProfile(ana_, back);
  EXPECT_EQ(AsPutBody(again), back);
}

TEST_F(ProfileApiTest, TextIsTrimmedAndEmptyOptionalsStayEmpty) {
  json profile = MinimalProfile("  Ana  ");
  profile["headline"] = Audienced("\u3000Engineer\u3000", "public");
  json saved = SaveProfile(ana_, profile);
  EXPECT_EQ(saved["display_name"]["value"], "Ana");
  EXPECT_EQ(saved["headline"]["value"], "Engineer");
  // An empty headline is "not given": nobody is shown an empty string.
  Member bo = NewMember("bo@example.com");
  json view = Body(View(bo.auth, ana_.id));
  EXPECT_FALSE(view.contains("about"));
  EXPECT_EQ(view["headline"], "Engineer");
}

TEST_F(ProfileApiTest, AnEntryIdThatIsNotOneOfMineIsRefused) {
  json profile = ChineseProfile(company_.id, school_.id);
  profile["skills"][0]["id"] = crypto::RandomId<EntryId>().ToString();
  ExpectRefused(profile, "skills[0].id");

  // Nor may one member take over another member's entry id.
  Member bo = NewMember("bo@example.com");
  json bos = SaveProfile(bo, ChineseProfile(company_.id, school_.id));
  profile = ChineseProfile(company_.id, school_.id);
  profile["positions"][1]["id"] = bos["positions"][0]["id"];
  ExpectRefused(profile, "positions[1].id");

  // Nor may one id appear twice.
  json mine = AsPutBody(SaveProfile(ana_, ChineseProfile(company_.id, school_.id)));
  mine["skills"][1]["id"] = mine["skills"][0]["id"];
  ExpectRefused(mine, "skills[1].id");
}

TEST_F(ProfileApiTest, MassAssignmentIsRefusedNamingTheField) {
  SaveProfile(ana_, ChineseProfile(company_.id, school_.id));
  json full = ChineseProfile(company_.id, school_.id);
  struct Case {
    std::string field;
    std::function<void(json&)> change;
  };
  std::vector<Case> cases = {
      {"id", [&](json& p) { p["id"] = crypto::RandomId<MemberId>().ToString(); }},
      {"updated_at", [](json& p) { p["updated_at"] = "2020-01-01T00:00:00Z"; }},
      {"verified", [](json& p) { p["verified"] = true; }},
      {"member", [](json& p) { p["member"] = "someone"; }},
      {"photo.url", [](json& p) { p["photo"]["url"] = "https://evil.example/x.jpg"; }},
      {"positions[0].company",
       [&](json& p) {
         p["positions"][0]["company"] = {{"id", company_.id.ToString()}, {"names", {{"en", "X"}}}};
       }},
      {"positions[0].verified", [](json& p) { p["positions"][0]["verified"] = true; }},
      {"positions[1].updated_at", [](json& p) { p["positions"][1]["updated_at"] = "x"; }},
      {"education[0].school", [](json& p) { p["education"][0]["school"] = json::object(); }},
      {"education[0].verified", [](json& p) { p["education"][0]["verified"] = true; }},
      {"contacts[0].verified", [](json& p) { p["contacts"][0]["verified"] = true; }},
      {"skills[1].endorsements", [](json& p) { p["skills"][1]["endorsements"] = 99; }},
      {"name.value.verified", [](json& p) { p["name"]["value"]["verified"] = true; }},
      {"name.verified", [](json& p) { p["name"]["verified"] = true; }},
      {"career.value.verified", [](json& p) { p["career"]["value"]["verified"] = true; }},
      {"headline.updated_at", [](json& p) { p["headline"]["updated_at"] = "x"; }},
  };
  for (const Case& c : cases) {
    json profile = full;
    c.change(profile);
    ExpectRefused(profile, c.field);
  }
}

TEST_F(ProfileApiTest, BadValuesAreRefusedNamingTheFieldAndNothingIsWritten) {
  SaveProfile(ana_, ChineseProfile(company_.id, school_.id));
  Member bo = NewMember("bo@example.com");
  std::string bos_circle = NewCircle(bo, "friends", {});
  std::string my_circle = NewCircle(ana_, "colleagues", {bo.id});
  json full = ChineseProfile(company_.id, school_.id);
  struct Case {
    std::string field;
    std::function<void(json&)> change;
  };
  std::vector<Case> cases = {
      // Dates.
      {"positions[0].end", [](json& p) { p["positions"][0]["end"] = "2019-02"; }},
      {"positions[0].start", [](json& p) { p["positions"][0]["start"] = "2026-02"; }},
      {"education[0].start", [](json& p) { p["education"][0]["start"] = "2030-09"; }},
      {"education[0].end", [](json& p) { p["education"][0]["end"] = "2012-08"; }},
      {"positions[0].start", [](json& p) { p["positions"][0]["start"] = "2024-13"; }},
      {"positions[0].start", [](json& p) { p["positions"][0]["start"] = "2024/01"; }},
      {"positions[1].end", [](json& p) { p["positions"][1]["end"] = "yesterday"; }},
      // Audiences.
      {"headline.audience", [](json& p) { p["headline"]["audience"] = "friends"; }},
      {"positions[1].audience", [](json& p) { p["positions"][1]["audience"] = "PUBLIC"; }},
      {"skills[0].audience", [](json& p) { p["skills"][0]["audience"] = "circle:nope"; }},
      {"about.audience", [&](json& p) { p["about"]["audience"] = "circle:" + bos_circle; }},
      {"contacts[2].audience",
       [&](json& p) {
         p["contacts"][2]["audience"] = "circle:" + crypto::RandomId<CircleId>().ToString();
       }},
      // Lengths, per field.
      {"headline.value", [](json& p) { p["headline"]["value"] = std::string(201, 'h'); }},
      {"display_name.value", [](json& p) { p["display_name"]["value"] = std::string(101, 'd'); }},
      {"display_name.value", [](json& p) { p["display_name"]["value"] = "   "; }},
      {"name.value.family", [](json& p) { p["name"]["value"]["family"] = std::string(101, 'f'); }},
      {"location.value", [](json& p) { p["location"]["value"] = std::string(101, 'l'); }},
      {"positions[0].title", [](json& p) { p["positions"][0]["title"] = std::string(201, 't'); }},
      {"positions[0].title", [](json& p) { p["positions"][0]["title"] = ""; }},
      {"skills[1].name", [](json& p) { p["skills"][1]["name"] = std::string(81, 's'); }},
      {"headline.value", [](json& p) { p["headline"]["value"] = "two\nlines"; }},
      {"headline.value", [](json& p) { p["headline"]["value"] = "evil\u202Eetxet"; }},
      {"skills",
       [](json& p) {
         p["skills"] = json::array();
         for (int i = 0; i < 101; ++i) {
           p["skills"].push_back({{"name", "s" + std::to_string(i)}, {"audience", "public"}});
         }
       }},
      // Organisations.
      {"positions[0].company_id",
       [](json& p) { p["positions"][0]["company_id"] = crypto::RandomId<CompanyId>().ToString(); }},
      {"positions[1].company_id", [](json& p) { p["positions"][1]["company_id"] = "Sony"; }},
      {"positions[0].company_id", [](json& p) { p["positions"][0]["company_id"] = ""; }},
      {"education[0].school_id",
       [](json& p) { p["education"][0]["school_id"] = crypto::RandomId<SchoolId>().ToString(); }},
      // Other values.
      {"positions[0].function", [](json& p) { p["positions"][0]["function"] = "ninja"; }},
      {"positions[0].seniority", [](json& p) { p["positions"][0]["seniority"] = "god"; }},
      {"links[0].url", [](json& p) { p["links"][0]["url"] = "javascript:alert(1)"; }},
      {"contacts[1].value", [](json& p) { p["contacts"][1]["value"] = "call me"; }},
      {"languages[0].language", [](json& p) { p["languages"][0]["language"] = "中文"; }},
      {"education[0].country", [](json& p) { p["education"][0]["country"] = "China"; }},
      {"career.value.status", [](json& p) { p["career"]["value"]["status"] = "desperate"; }},
      {"career.value.salary_min", [](json& p) { p["career"]["value"]["salary_min"] = -1; }},
      // Wrong JSON types.
      {"headline.value", [](json& p) { p["headline"]["value"] = 5; }},
      {"headline", [](json& p) { p["headline"] = "just text"; }},
      {"positions", [](json& p) { p["positions"] = json::object(); }},
      {"positions[0]", [](json& p) { p["positions"][0] = "a position"; }},
      {"positions[0].title", [](json& p) { p["positions"][0]["title"] = json::array(); }},
      {"career.value.roles", [](json& p) { p["career"]["value"]["roles"] = "CTO"; }},
      {"career.value.salary_max", [](json& p) { p["career"]["value"]["salary_max"] = "lots"; }},
      {"skills[0].audience", [](json& p) { p["skills"][0]["audience"] = nullptr; }},
      // Missing fields.
      {"display_name", [](json& p) { p.erase("display_name"); }},
      {"contacts", [](json& p) { p.erase("contacts"); }},
      {"positions[0].start", [](json& p) { p["positions"][0].erase("start"); }},
      {"links[0].audience", [](json& p) { p["links"][0].erase("audience"); }},
  };
  for (const Case& c : cases) {
    json profile = full;
    c.change(profile);
    ExpectRefused(profile, c.field);
  }
  // A circle of my own is a fine audience, and so is my own circle on an entry.
  json profile = full;
  profile["about"]["audience"] = "circle:" + my_circle;
  EXPECT_EQ(PutProfile(ana_, profile).status, 200);
}

TEST_F(ProfileApiTest, CareerErrorsNameTheFieldAsSent) {
  // docs/API.md: every 400 names the field as sent ("name.value.family"); the career's
  // values are under "career.value".
  SaveProfile(ana_, ChineseProfile(company_.id, school_.id));
  json full = ChineseProfile(company_.id, school_.id);
  struct Case {
    std::string field;
    std::function<void(json&)> change;
  };
  std::vector<Case> cases = {
      {"career.value.salary_currency",
       [](json& p) {
         p["career"]["value"].erase("salary_min");
         p["career"]["value"].erase("salary_max");
       }},
      {"career.value.salary_currency",
       [](json& p) { p["career"]["value"]["salary_currency"] = "yuan"; }},
      {"career.value.salary_max", [](json& p) { p["career"]["value"]["salary_max"] = 1; }},
      {"career.value.roles[1]",
       [](json& p) { p["career"]["value"]["roles"][1] = std::string(101, 'r'); }},
      {"career.value.locations[0]", [](json& p) { p["career"]["value"]["locations"][0] = " "; }},
  };
  for (const Case& c : cases) {
    json profile = full;
    c.change(profile);
    ExpectRefused(profile, c.field);
  }
}

TEST_F(ProfileApiTest, MalformedBodiesAreRefusedAndNothingIsWritten) {
  SaveProfile(ana_, ChineseProfile(company_.id, school_.id));
  json before = OwnProfile(ana_);
  std::string good = ChineseProfile(company_.id, school_.id).dump();
  // Invalid UTF-8 inside a string value.
  std::string invalid = good;
  invalid.replace(invalid.find("高级软件工程师"), 3, "\xE9\xAB");
  Response utf8 =
      SendRaw(Method::kPut, "/api/v1/me/profile", invalid, "application/json", ana_.auth);
  EXPECT_EQ(utf8.status, 400) << utf8.body;
  EXPECT_EQ(ErrorOf(utf8)["code"], "invalid_argument");
  // Not JSON, not an object, and not sent as JSON.
  EXPECT_EQ(SendRaw(Method::kPut, "/api/v1/me/profile", good.substr(0, 100), "application/json",
                    ana_.auth)
                .status,
            400);
  EXPECT_EQ(SendRaw(Method::kPut, "/api/v1/me/profile", "[]", "application/json", ana_.auth).status,
            400);
  Response as_text = SendRaw(Method::kPut, "/api/v1/me/profile", good, "text/plain", ana_.auth);
  EXPECT_EQ(as_text.status, 415);
  EXPECT_EQ(ErrorOf(as_text)["code"], "unsupported_media_type");
  // A duplicate key.
  std::string duplicate = good;
  duplicate.insert(1, R"("headline":{"value":"x","audience":"public"},)");
  Response dup =
      SendRaw(Method::kPut, "/api/v1/me/profile", duplicate, "application/json", ana_.auth);
  EXPECT_EQ(dup.status, 400);
  EXPECT_EQ(StringAt(ErrorOf(dup), "field"), "headline");
  EXPECT_EQ(OwnProfile(ana_), before);
}

TEST_F(ProfileApiTest, ProfileRoutesNeedASession) {
  for (Response response :
       {Get("/api/v1/me/profile"), Put("/api/v1/me/profile", MinimalProfile()),
        Get("/api/v1/me/profile/preview?as=member"),
        SendRaw(Method::kPut, "/api/v1/me/profile/photo", FakeJpeg(), "image/jpeg"),
        Delete("/api/v1/me/profile/photo"), Get("/api/v1/me/privacy"), Get("/api/v1/me/circles"),
        Get("/api/v1/me/work-emails"), Get("/api/v1/companies?q=Sh"),
        Get("/api/v1/companies/" + company_.id.ToString()),
        Get("/api/v1/schools/" + school_.id.ToString()), Get("/api/v1/me/personas")}) {
    EXPECT_EQ(response.status, 401) << response.body;
  }
}

TEST_F(ProfileApiTest, EachViewerGetsOnlyItsAudiences) {
  SaveProfile(ana_, ChineseProfile(company_.id, school_.id));
  Member stranger = NewMember("stranger@example.com");
  Member second = NewMember("second@example.com");
  Member friend_ = NewMember("friend@example.com");
  relationships_.Set(ana_.id, second.id, {.distance = 2});
  relationships_.Set(ana_.id, friend_.id, {.distance = 1, .stage = Stage::kConnected});

  Response out = View({}, ana_.id);
  ASSERT_EQ(out.status, 200) << out.body;
  json signed_out = Body(out);
  EXPECT_EQ(JsonKeys(signed_out),
            (std::set<std::string>{"id", "positions", "education", "languages", "skills", "links",
                                   "contacts"}));
  EXPECT_EQ(signed_out["languages"].size(), 1u);
  EXPECT_EQ(signed_out["skills"],
            json({{{"id", signed_out["skills"][0]["id"]}, {"name", "分布式系统"}}}));

  json members = Body(View(stranger.auth, ana_.id));
  EXPECT_EQ(members["display_name"], "王小明");
  EXPECT_EQ(members["headline"], "高级软件工程师，专注分布式系统");
  EXPECT_EQ(members["name"]["family"], "王");
  EXPECT_FALSE(members.contains("location"));
  EXPECT_FALSE(members.contains("career"));
  EXPECT_FALSE(members.contains("about"));
  ASSERT_EQ(members["positions"].size(), 1u);
  EXPECT_EQ(members["positions"][0]["title"], "工程师");
  EXPECT_EQ(members["positions"][0]["company"]["names"]["en"], "Shanghai Pay");
  EXPECT_EQ(members["education"], json::array());
  EXPECT_EQ(members["contacts"], json::array());

  json network2 = Body(View(second.auth, ana_.id));
  EXPECT_EQ(network2["location"], "上海市浦东新区");
  EXPECT_FALSE(network2.contains("career"));

  json connection = Body(View(friend_.auth, ana_.id));
  EXPECT_EQ(connection["about"], "我在上海工作了十年。\n喜欢开源和围棋。");
  EXPECT_EQ(connection["career"]["status"], "open");
  EXPECT_EQ(connection["positions"].size(), 2u);
  EXPECT_EQ(connection["education"][0]["school"]["names"]["en"], "Fudan University");
  ASSERT_EQ(connection["contacts"].size(), 1u);  // Not the trusted or only_me ones.
  EXPECT_EQ(connection["contacts"][0]["value"], "wang_xiaoming");

  // No view carries an audience or a raw organisation id.
  for (const json& view : {signed_out, members, network2, connection}) {
    std::string text = view.dump();
    EXPECT_EQ(text.find("audience"), std::string::npos) << text;
    EXPECT_EQ(text.find("company_id"), std::string::npos) << text;
    EXPECT_EQ(text.find("school_id"), std::string::npos) << text;
    EXPECT_EQ(text.find("updated_at"), std::string::npos) << text;
  }
  // The owner sees their own profile as a view too, with everything.
  json own_view = Body(View(ana_.auth, ana_.id));
  EXPECT_EQ(own_view["contacts"].size(), 3u);
}

// What a viewer who may see `audiences` gets of the owner's profile `own`, by its wire form
// alone: the visible fields' values and the visible entries, without audiences or raw ids.
json VisiblePart(const json& own, const std::set<std::string>& audiences) {
  json view = {{"id", own["id"]}};
  for (const char* field : {"display_name", "name", "headline", "about", "location", "career"}) {
    if (audiences.contains(own[field]["audience"])) view[field] = own[field]["value"];
  }
  for (const char* list : {"positions", "education", "languages", "skills", "links", "contacts"}) {
    view[list] = json::array();
    for (json entry : own[list]) {
      if (!audiences.contains(entry["audience"])) continue;
      for (const char* owners_only : {"audience", "company_id", "school_id"}) {
        entry.erase(owners_only);
      }
      view[list].push_back(std::move(entry));
    }
  }
  return view;
}

// Every view has exactly the owner's visible part, whole: no field lost, renamed or added.
TEST_F(ProfileApiTest, AViewIsExactlyTheVisiblePartOfTheProfile) {
  json own = SaveProfile(ana_, ChineseProfile(company_.id, school_.id));
  Member stranger = NewMember("stranger@example.com");
  Member second = NewMember("second@example.com");
  Member friend_ = NewMember("friend@example.com");
  relationships_.Set(ana_.id, second.id, {.distance = 2});
  relationships_.Set(ana_.id, friend_.id, {.distance = 1, .stage = Stage::kConnected});
  const std::set<std::string> signed_out = {"public"};
  std::set<std::string> members = signed_out;
  members.insert("members");
  std::set<std::string> network2 = members;
  network2.insert("network2");
  std::set<std::string> connections = network2;
  connections.insert("connections");

  EXPECT_EQ(Body(View({}, ana_.id)), VisiblePart(own, signed_out));
  for (const auto& [viewer, audiences] :
       {std::pair{&stranger, members}, std::pair{&second, network2},
        std::pair{&friend_, connections}}) {
    json view = Body(View(viewer->auth, ana_.id));
    // A signed-in viewer also learns their own standing with the member.
    EXPECT_TRUE(view.contains("degree")) << viewer->login;
    EXPECT_TRUE(view.contains("stage")) << viewer->login;
    view.erase("degree");
    view.erase("stage");
    EXPECT_EQ(view, VisiblePart(own, audiences)) << viewer->login;
  }
}

// Views are served from a copy in memory while the store confirms it: what the owner hides
// after a view is gone from the very next one.
TEST_F(ProfileApiTest, WhatTheOwnerHidesIsGoneFromTheNextView) {
  Member stranger = NewMember("stranger@example.com");
  const std::string canaries[] = {"canary-headline-7f3a", "canary-title-9c2e"};
  json profile = MinimalProfile("王小明");
  profile["headline"] = Audienced(canaries[0], "members");
  profile["positions"] = {PositionEntry(company_.id, canaries[1], "2020-01", "members")};
  SaveProfile(ana_, profile);
  std::string before = View(stranger.auth, ana_.id).body;
  for (const std::string& canary : canaries) ASSERT_NE(before.find(canary), std::string::npos);

  profile["headline"]["audience"] = "only_me";
  profile["positions"][0]["audience"] = "connections";
  SaveProfile(ana_, profile);
  Response after = View(stranger.auth, ana_.id);
  EXPECT_EQ(after.status, 200);
  for (const std::string& canary : canaries) {
    EXPECT_EQ(after.body.find(canary), std::string::npos) << after.body;
  }
}

TEST_F(ProfileApiTest, AMalformedOrUnknownIdIsTheSame404) {
  Member bo = NewMember("bo@example.com");
  Response unknown = UnknownMember(bo.auth);
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(ErrorOf(unknown)["code"], "not_found");
  for (std::string id : {"nope", "0000000000000", "ZZZZZZZZZZZZZ", "%00", "0123456789abcdef"}) {
    ExpectSameAnswer(Get("/api/v1/members/" + id, bo.auth), unknown, id);
    ExpectSameAnswer(
        Get("/api/v1/members/" + id + "/photo", bo.auth),
        Get("/api/v1/members/" + crypto::RandomId<MemberId>().ToString() + "/photo", bo.auth), id);
  }
}

TEST_F(ProfileApiTest, ThePhotoIsUploadedShownToItsAudienceAndRemoved) {
  json profile = MinimalProfile();
  profile["photo"] = {{"audience", "connections"}};
  SaveProfile(ana_, profile);
  Member friend_ = NewMember("friend@example.com");
  Member stranger = NewMember("stranger@example.com");
  relationships_.Set(ana_.id, friend_.id, {.distance = 1, .stage = Stage::kConnected});
  // What the stranger gets for a member they see who has no photo.
  Response no_photo = Get("/api/v1/members/" + friend_.id.ToString() + "/photo", stranger.auth);
  EXPECT_EQ(no_photo.status, 404);

  std::string bytes = FakeJpeg("ana's face");
  Response uploaded = UploadPhoto(ana_, bytes);
  ASSERT_EQ(uploaded.status, 200) << uploaded.body;
  json body = Body(uploaded);
  EXPECT_EQ(JsonKeys(body), std::set<std::string>{"photo_url"});
  std::string url = StringAt(body, "photo_url");
  EXPECT_TRUE(url.starts_with("/api/v1/members/" + ana_.id.ToString() + "/photo?v=")) << url;
  EXPECT_EQ(OwnProfile(ana_)["photo"], json({{"audience", "connections"}, {"url", url}}));
  EXPECT_EQ(Body(View(friend_.auth, ana_.id))["photo_url"], url);
  EXPECT_FALSE(Body(View(stranger.auth, ana_.id)).contains("photo_url"));

  Response image = Get(url, friend_.auth);
  ASSERT_EQ(image.status, 200);
  EXPECT_EQ(image.body, bytes);
  EXPECT_EQ(Header(image, "Content-Type"), "image/jpeg");
  EXPECT_EQ(Header(image, "X-Content-Type-Options"), "nosniff");
  // Those who may not see it get the 404 of a member who does not exist.
  ExpectSameAnswer(Get(url, stranger.auth), no_photo, "a photo the viewer may not see");
  ExpectSameAnswer(Get(url),
                   Get("/api/v1/members/" + crypto::RandomId<MemberId>().ToString() + "/photo"),
                   "signed out: Ana is not visible at all");

  // PUT /me/profile keeps the photo: only an upload changes it.
  SaveProfile(ana_, AsPutBody(OwnProfile(ana_)));
  EXPECT_EQ(OwnProfile(ana_)["photo"]["url"], url);

  // A new photo replaces it under a new URL.
  Response replaced = UploadPhoto(ana_, FakeJpeg("new face"));
  ASSERT_EQ(replaced.status, 200);
  std::string new_url = StringAt(Body(replaced), "photo_url");
  EXPECT_NE(new_url, url);
  EXPECT_EQ(Get(new_url, friend_.auth).body, FakeJpeg("new face"));

  Response removed = Delete("/api/v1/me/profile/photo", ana_.auth);
  EXPECT_EQ(removed.status, 204);
  EXPECT_EQ(OwnProfile(ana_)["photo"]["url"], nullptr);
  EXPECT_EQ(Get(new_url, friend_.auth).status, 404);
  EXPECT_EQ(Delete("/api/v1/me/profile/photo", ana_.auth).status, 204);
}

TEST_F(ProfileApiTest, AnUploadThatIsNotAnImageIsRefusedAndNothingIsWritten) {
  ASSERT_EQ(UploadPhoto(ana_, FakeJpeg("first")).status, 200);
  json before = OwnProfile(ana_);
  struct Case {
    std::string what;
    std::string bytes;
  };
  for (const Case& c : {Case{"text", "hello, I am not an image"},
                        Case{"a PNG the fake refuses", "\x89PNG\r\n\x1A\n rest"},
                        Case{"html", "<svg onload=alert(1)>"}, Case{"empty", ""}}) {
    SCOPED_TRACE(c.what);
    Response response = UploadPhoto(ana_, c.bytes);
    EXPECT_EQ(response.status, 400) << response.body;
    json error = ErrorOf(response);
    EXPECT_EQ(error["code"], "invalid_argument");
    EXPECT_EQ(StringAt(error, "field"), "image");
    EXPECT_EQ(OwnProfile(ana_), before);
  }
}

TEST_F(ProfileApiTest, AnUploadOfAnotherTypeIs415) {
  json before = OwnProfile(ana_);
  for (std::string type : {"application/json", "text/plain", "image/gif", "image/svg+xml",
                           "multipart/form-data; boundary=x", ""}) {
    SCOPED_TRACE(type);
    Request request = MakeRequest(Method::kPut, "/api/v1/me/profile/photo", FakeJpeg(), ana_.auth);
    if (!type.empty()) request.headers.emplace_back("content-type", type);
    Response response = Send(request);
    EXPECT_EQ(response.status, 415) << response.body;
    EXPECT_EQ(ErrorOf(response)["code"], "unsupported_media_type");
  }
  // The three image types are taken (the processor decides what the bytes are).
  for (std::string type : {"image/jpeg", "image/png", "image/webp"}) {
    EXPECT_EQ(UploadPhoto(ana_, FakeJpeg(), type).status, 200) << type;
  }
  EXPECT_NE(OwnProfile(ana_)["photo"]["url"], before["photo"]["url"]);
}

TEST_F(ProfileApiTest, AnUploadOverTheLimitIsRefused) {
  json before = OwnProfile(ana_);
  Response response = UploadPhoto(ana_, FakeJpeg(std::string(media::kMaxUploadBytes, 'x')));
  ASSERT_TRUE(response.status == 413 || response.status == 400) << response.status;
  json error = ErrorOf(response);
  if (response.status == 400) {
    EXPECT_EQ(StringAt(error, "field"), "image");
  } else {
    EXPECT_EQ(error["code"], "payload_too_large");
  }
  EXPECT_EQ(OwnProfile(ana_), before);
}

TEST_F(ProfileApiTest, PreviewShowsTheProfileAsEachViewerClassGetsIt) {
  organizations::Company employer = NewCompany("Employer");
  json profile = ChineseProfile(employer.id, school_.id);
  profile["career"]["audience"] = "members";
  SaveProfile(ana_, profile);
  Member friend_ = NewMember("friend@example.com");
  Member second = NewMember("second@example.com");
  Member stranger = NewMember("stranger@example.com");
  Connect(friend_.id, ana_.id);
  Connect(second.id, friend_.id);

  auto preview = [&](const std::string& as) {
    Response response = Get("/api/v1/me/profile/preview?as=" + as, ana_.auth);
    EXPECT_EQ(response.status, 200) << as << ": " << response.body;
    json body = Body(response);
    EXPECT_EQ(JsonKeys(body), (std::set<std::string>{"as", "profile"})) << as;
    EXPECT_EQ(body["as"], as);
    return body["profile"];
  };
  EXPECT_EQ(preview("signed_out"), Body(View({}, ana_.id)));
  EXPECT_EQ(preview("member"), Body(View(stranger.auth, ana_.id)));
  EXPECT_EQ(preview("network2"), Body(View(second.auth, ana_.id)));
  EXPECT_EQ(preview("connection"), Body(View(friend_.auth, ana_.id)));
  EXPECT_EQ(preview("member:" + friend_.id.ToString()), Body(View(friend_.auth, ana_.id)));
  EXPECT_EQ(preview("member:" + stranger.id.ToString()), Body(View(stranger.auth, ana_.id)));
  // Someone at the employer: no career data, even at an audience that would include them.
  EXPECT_EQ(preview("member")["career"]["status"], "open");
  json employer_view = preview("employer");
  EXPECT_FALSE(employer_view.contains("career"));
  EXPECT_EQ(employer_view["display_name"], "王小明");

  // Nothing visible: a null profile, where the viewer would get a 404.
  json hidden = MinimalProfile();
  hidden["display_name"]["audience"] = "only_me";
  hidden["headline"]["audience"] = "only_me";
  SaveProfile(ana_, hidden);
  EXPECT_EQ(preview("member"), nullptr);
  EXPECT_EQ(preview("signed_out"), nullptr);
  EXPECT_EQ(View(stranger.auth, ana_.id).status, 404);

  // The preview is a read: nothing is written, no token issued, no message sent.
  EXPECT_EQ(Header(Get("/api/v1/me/profile/preview?as=member", ana_.auth), "Set-Cookie"), "");
}

TEST_F(ProfileApiTest, PreviewRefusesWhatItCannotShow) {
  Response missing = Get("/api/v1/me/profile/preview", ana_.auth);
  EXPECT_EQ(missing.status, 400);
  EXPECT_EQ(StringAt(ErrorOf(missing), "field"), "as");
  for (std::string as : {"friend", "member:", "member:nope", "MEMBER", "connection%00"}) {
    Response response = Get("/api/v1/me/profile/preview?as=" + as, ana_.auth);
    EXPECT_EQ(response.status, 400) << as;
    EXPECT_EQ(StringAt(ErrorOf(response), "field"), "as") << as;
  }
  // A named member who does not exist, or oneself: 404.
  Response unknown = Get(
      "/api/v1/me/profile/preview?as=member:" + crypto::RandomId<MemberId>().ToString(), ana_.auth);
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(Get("/api/v1/me/profile/preview?as=member:" + ana_.id.ToString(), ana_.auth).status,
            404);
}

TEST_F(ProfileApiTest, ProfileEditsAreNeverAnnounced) {
  Member friend_ = NewMember("friend@example.com");
  relationships_.Set(ana_.id, friend_.id, {.distance = 1, .stage = Stage::kConnected});
  size_t outbox = OutboxSize();
  SaveProfile(ana_, ChineseProfile(company_.id, school_.id));
  json changed = ChineseProfile(NewCompany("New Job").id, school_.id);
  changed["career"]["value"]["status"] = "actively_looking";
  SaveProfile(ana_, changed);
  EXPECT_EQ(UploadPhoto(ana_, FakeJpeg()).status, 200);
  EXPECT_EQ(Delete("/api/v1/me/profile/photo", ana_.auth).status, 204);
  EXPECT_EQ(PutPrivacy(ana_, {{"discoverability", {{"searchable", true}}},
                              {"shield", {{"companies", json::array()}, {"hide_profile", true}}}})
                .status,
            200);
  EXPECT_EQ(Post("/api/v1/me/profile-link", json::object(), ana_.auth).status, 400)
      << "the route takes no body";
  EXPECT_EQ(Send(MakeRequest(Method::kPost, "/api/v1/me/profile-link", {}, ana_.auth)).status, 200);
  NewCircle(ana_, "close", {friend_.id});
  EXPECT_EQ(Post("/api/v1/me/personas", {{"handle", "quiet_one"}}, ana_.auth).status, 201);
  EXPECT_EQ(OutboxSize(), outbox);
}

TEST_F(ProfileApiTest, AFailingStoreOrRelationshipSourceFailsClosed) {
  json profile = ChineseProfile(company_.id, school_.id);
  profile["career"]["audience"] = "members";
  SaveProfile(ana_, profile);
  Member bo = NewMember("bo@example.com");
  auto expect_unavailable = [&](const Response& response, const std::string& what) {
    EXPECT_EQ(response.status, 503) << what << ": " << response.body;
    EXPECT_EQ(response.body.find("王"), std::string::npos) << what << ": nothing of Ana leaks";
  };
  // Without knowing how Bo stands with Ana, the engine shows nothing rather than too much.
  relationships_.FailWith(ErrorCode::kUnavailable);
  expect_unavailable(View(bo.auth, ana_.id), "relationships");
  expect_unavailable(Get("/api/v1/me/profile/preview?as=member:" + bo.id.ToString(), ana_.auth),
                     "named preview");
  relationships_.Heal();
  // Nor without the settings (hide_profile) and circles, read with the profile, or the
  // shield's company group.
  for (const char* operation :
       {"profiles.find_profile_for_view", "organizations.expand_company_group",
        "profiles.affiliated_companies"}) {
    store_->FailFromNthCall(1, ErrorCode::kUnavailable, operation);
    expect_unavailable(View(bo.auth, ana_.id), operation);
    store_->Heal();
  }
  EXPECT_EQ(View(bo.auth, ana_.id).status, 200);

  // A write that fails writes nothing.
  json before = OwnProfile(ana_);
  store_->FailNthCall(1, ErrorCode::kUnavailable, "profiles.put_profile");
  json changed = AsPutBody(before);
  changed["headline"]["value"] = "changed";
  EXPECT_EQ(PutProfile(ana_, changed).status, 503);
  store_->FailNthCall(1, ErrorCode::kUnavailable, "images.put");
  EXPECT_EQ(UploadPhoto(ana_, FakeJpeg()).status, 503);
  store_->Heal();
  EXPECT_EQ(OwnProfile(ana_), before);
}

}  // namespace
}  // namespace enishi::api::testing
