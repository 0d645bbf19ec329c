#pragma once
// Helpers shared by the profile, privacy, shield and persona API tests: profile bodies as a
// client sends them, and requests as a given member.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <utility>

#include "api_test_fixture.hpp"

namespace enishi::api::testing {

inline json Audienced(json value, const std::string& audience) {
  return {{"value", std::move(value)}, {"audience", audience}};
}

// The smallest profile PUT /me/profile takes: every field, every list empty.
inline json MinimalProfile(const std::string& display_name = "Ana Tanaka") {
  return {{"display_name", Audienced(display_name, "members")},
          {"name", Audienced(json::object(), "connections")},
          {"headline", Audienced("", "members")},
          {"about", Audienced("", "connections")},
          {"location", Audienced("", "connections")},
          {"photo", {{"audience", "connections"}}},
          {"career", Audienced({{"status", "not_looking"}}, "only_me")},
          {"positions", json::array()},
          {"education", json::array()},
          {"languages", json::array()},
          {"skills", json::array()},
          {"links", json::array()},
          {"contacts", json::array()}};
}

inline json PositionEntry(const CompanyId& company, const std::string& title,
                          const std::string& start, const std::string& audience,
                          const std::string& end = "") {
  json entry = {{"company_id", company.ToString()},
                {"title", title},
                {"function", "engineering"},
                {"seniority", "senior"},
                {"start", start},
                {"audience", audience}};
  if (!end.empty()) entry["end"] = end;
  return entry;
}

// A member's whole profile in Chinese, every field and list filled.
inline json ChineseProfile(const CompanyId& company, const SchoolId& school) {
  json profile = MinimalProfile("王小明");
  profile["name"] = Audienced({{"family", "王"},
                               {"given", "小明"},
                               {"family_reading", "wáng"},
                               {"given_reading", "xiǎomíng"},
                               {"latin_family", "Wang"},
                               {"latin_given", "Xiaoming"},
                               {"order", "family_first"}},
                              "members");
  profile["headline"] = Audienced("高级软件工程师，专注分布式系统", "members");
  profile["about"] = Audienced("我在上海工作了十年。\n喜欢开源和围棋。", "connections");
  profile["location"] = Audienced("上海市浦东新区", "network2");
  profile["photo"] = {{"audience", "members"}};
  profile["career"] = Audienced({{"status", "open"},
                                 {"roles", {"技术总监", "架构师"}},
                                 {"locations", {"上海", "深圳"}},
                                 {"salary_min", 800000},
                                 {"salary_max", 1200000},
                                 {"salary_currency", "CNY"}},
                                "connections");
  json position = PositionEntry(company, "高级工程师", "2019-03", "connections");
  position["description"] = "负责支付系统的架构设计。";
  profile["positions"] = {position,
                          PositionEntry(company, "工程师", "2015-07", "members", "2019-02")};
  profile["education"] = {{{"school_id", school.ToString()},
                           {"degree", "硕士"},
                           {"field", "计算机科学"},
                           {"country", "CN"},
                           {"start", "2012-09"},
                           {"end", "2015-06"},
                           {"audience", "connections"}}};
  profile["languages"] = {
      {{"language", "zh-Hans"}, {"proficiency", "native"}, {"audience", "public"}},
      {{"language", "ja"}, {"proficiency", "working"}, {"audience", "members"}}};
  profile["skills"] = {{{"name", "分布式系统"}, {"audience", "public"}},
                       {{"name", "Go 语言"}, {"audience", "connections"}}};
  profile["links"] = {{{"kind", "project"},
                       {"title", "开源支付网关"},
                       {"url", "https://example.com/gateway"},
                       {"description", "一个开源项目"},
                       {"audience", "members"}}};
  profile["contacts"] = {
      {{"kind", "wechat"}, {"value", "wang_xiaoming"}, {"audience", "connections"}},
      {{"kind", "phone"}, {"value", "+86 138 0000 0000"}, {"audience", "only_me"}},
      {{"kind", "email"}, {"value", "wang@example.com"}, {"audience", "trusted"}}};
  return profile;
}

// GET /me/profile's answer as a PUT body: without the fields only answers carry.
inline json AsPutBody(json own) {
  own.erase("id");
  own.erase("updated_at");
  own["photo"].erase("url");
  for (json& position : own["positions"]) position.erase("company");
  for (json& education : own["education"]) education.erase("school");
  return own;
}

class ProfileApiTestBase : public ApiTest {
 protected:
  json OwnProfile(const Member& member) {
    Response response = Get("/api/v1/me/profile", member.auth);
    EXPECT_EQ(response.status, 200) << response.body;
    return Body(response);
  }
  Response PutProfile(const Member& member, const json& profile) {
    return Put("/api/v1/me/profile", profile, member.auth);
  }
  // PUT /me/profile that must succeed.
  json SaveProfile(const Member& member, const json& profile) {
    Response response = PutProfile(member, profile);
    EXPECT_EQ(response.status, 200) << response.body;
    return Body(response);
  }
  Response View(const Headers& viewer, const MemberId& member) {
    return Get("/api/v1/members/" + member.ToString(), viewer);
  }
  json Privacy(const Member& member) {
    Response response = Get("/api/v1/me/privacy", member.auth);
    EXPECT_EQ(response.status, 200) << response.body;
    return Body(response);
  }
  Response PutPrivacy(const Member& member, const json& privacy) {
    return Put("/api/v1/me/privacy", privacy, member.auth);
  }
  Response UploadPhoto(const Member& member, std::string bytes,
                       std::string_view type = "image/jpeg") {
    return SendRaw(Method::kPut, "/api/v1/me/profile/photo", std::move(bytes), type, member.auth);
  }
  std::string NewCircle(const Member& owner, const std::string& name,
                        const std::vector<MemberId>& members) {
    json ids = json::array();
    for (const MemberId& id : members) ids.push_back(id.ToString());
    Response response = Post("/api/v1/me/circles", {{"name", name}, {"members", ids}}, owner.auth);
    EXPECT_EQ(response.status, 201) << response.body;
    return StringAt(Body(response), "id");
  }
  // Verifies `email` as `member`'s work email through the outbox, as a member would.
  void VerifyWorkEmail(const Member& member, const std::string& email) {
    Response started = Post("/api/v1/me/work-emails", {{"email", email}}, member.auth);
    ASSERT_EQ(started.status, 202) << started.body;
    Response verified =
        Post("/api/v1/me/work-emails/verify", {{"code", LastCode(email)}}, member.auth);
    ASSERT_EQ(verified.status, 200) << verified.body;
  }
  // The 404 an unknown member id gets, for "not allowed looks like absent" comparisons.
  Response UnknownMember(const Headers& viewer) {
    return View(viewer, crypto::RandomId<MemberId>());
  }
};

// Status and body equal: what a client can tell two answers apart by.
inline void ExpectSameAnswer(const Response& a, const Response& b, const std::string& what) {
  EXPECT_EQ(a.status, b.status) << what;
  EXPECT_EQ(a.body, b.body) << what;
  EXPECT_EQ(Header(a, "Content-Type"), Header(b, "Content-Type")) << what;
}

}  // namespace enishi::api::testing
