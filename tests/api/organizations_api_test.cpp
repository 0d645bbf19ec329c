// Companies and schools through Api::Handle: typing one offers the existing entity, a member
// may add a missing one, and nothing that decides whom the employer shield covers (domains,
// parents, affiliates) can be set by a member.

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "profile_fixture.hpp"

namespace enishi::api::testing {
namespace {

class OrganizationsApiTest : public ProfileApiTestBase {
 protected:
  void SetUp() override { ana_ = NewMember("ana@example.com"); }
  Member ana_;
};

TEST_F(OrganizationsApiTest, ACompanyIsCreatedFoundAndRead) {
  Response created =
      Post("/api/v1/companies",
           {{"names", {{"ja", " ソニー "}, {"zh", "索尼"}, {"en", "Sony"}, {"reading", "そにー"}}}},
           ana_.auth);
  ASSERT_EQ(created.status, 201) << created.body;
  json company = Body(created);
  EXPECT_EQ(JsonKeys(company), (std::set<std::string>{"id", "names"}));
  EXPECT_EQ(company["names"],
            json({{"ja", "ソニー"}, {"zh", "索尼"}, {"en", "Sony"}, {"reading", "そにー"}}));
  std::string id = StringAt(company, "id");

  EXPECT_EQ(Body(Get("/api/v1/companies/" + id, ana_.auth)), company);
  for (std::string q : {"So", "so", "%E3%82%BD", "%E7%B4%A2", "%E3%81%9D%E3%81%AB"}) {
    Response found = Get("/api/v1/companies?q=" + q, ana_.auth);
    ASSERT_EQ(found.status, 200) << q << ": " << found.body;
    EXPECT_EQ(Body(found), json({{"companies", json::array({company})}})) << q;
  }
  EXPECT_EQ(Body(Get("/api/v1/companies?q=Panasonic", ana_.auth)),
            json({{"companies", json::array()}}));
}

TEST_F(OrganizationsApiTest, SuggestionsAreAtMostTen) {
  for (int i = 0; i < 12; ++i) NewCompany("Acme " + std::to_string(i));
  json found = Body(Get("/api/v1/companies?q=Acme", ana_.auth));
  EXPECT_EQ(found["companies"].size(), 10u);
}

TEST_F(OrganizationsApiTest, MembersCannotSetWhatTheShieldDependsOn) {
  organizations::Company parent = NewCompany("Parent");
  for (const char* field : {"domains", "parent", "affiliates", "id", "verified", "created_at"}) {
    json body = {{"names", {{"en", "Sneaky"}}}, {field, json::array()}};
    if (std::string(field) == "parent" || std::string(field) == "id") {
      body[field] = parent.id.ToString();
    }
    Response response = Post("/api/v1/companies", body, ana_.auth);
    EXPECT_EQ(response.status, 400) << field;
    EXPECT_EQ(StringAt(ErrorOf(response), "field"), field);
  }
  EXPECT_EQ(Body(Get("/api/v1/companies?q=Sneaky", ana_.auth))["companies"], json::array());
}

TEST_F(OrganizationsApiTest, BadNamesAndQueriesNameTheField) {
  struct Case {
    std::string field;
    json body;
  };
  for (const Case& c : {Case{"names", json::object()}, Case{"names", {{"names", json::object()}}},
                        Case{"names", {{"names", {{"reading", "only a reading"}}}}},
                        Case{"names.en", {{"names", {{"en", std::string(201, 'x')}}}}},
                        Case{"names.ja", {{"names", {{"ja", "改\n行"}}}}},
                        Case{"names.en", {{"names", {{"en", 5}}}}},
                        Case{"names.fr", {{"names", {{"en", "x"}, {"fr", "x"}}}}}}) {
    SCOPED_TRACE(c.body.dump());
    Response response = Post("/api/v1/companies", c.body, ana_.auth);
    EXPECT_EQ(response.status, 400) << response.body;
    EXPECT_EQ(StringAt(ErrorOf(response), "field"), c.field) << response.body;
  }
  for (std::string target : {"/api/v1/companies", "/api/v1/companies?q=", "/api/v1/companies?q=%20",
                             "/api/v1/companies?q=%ZZ", "/api/v1/companies?q=%00",
                             "/api/v1/schools", "/api/v1/schools?q=%FF"}) {
    Response response = Get(target, ana_.auth);
    EXPECT_EQ(response.status, 400) << target;
    EXPECT_EQ(StringAt(ErrorOf(response), "field"), "q") << target;
  }
}

TEST_F(OrganizationsApiTest, AnUnknownOrMalformedIdIsTheSame404) {
  Response unknown =
      Get("/api/v1/companies/" + crypto::RandomId<CompanyId>().ToString(), ana_.auth);
  EXPECT_EQ(unknown.status, 404);
  ExpectSameAnswer(Get("/api/v1/companies/sony", ana_.auth), unknown, "malformed company");
  Response no_school = Get("/api/v1/schools/" + crypto::RandomId<SchoolId>().ToString(), ana_.auth);
  EXPECT_EQ(no_school.status, 404);
  ExpectSameAnswer(Get("/api/v1/schools/todai", ana_.auth), no_school, "malformed school");
  // A school's id is not a company's, though both are ids.
  organizations::School school = NewSchool("Kyoto University");
  ExpectSameAnswer(Get("/api/v1/companies/" + school.id.ToString(), ana_.auth), unknown,
                   "a school id as a company id");
}

TEST_F(OrganizationsApiTest, ASchoolIsCreatedFoundAndRead) {
  Response created = Post(
      "/api/v1/schools",
      {{"names",
        {{"ja", "東京大学"}, {"en", "The University of Tokyo"}, {"reading", "とうきょうだいがく"}}},
       {"country", "JP"}},
      ana_.auth);
  ASSERT_EQ(created.status, 201) << created.body;
  json school = Body(created);
  EXPECT_EQ(JsonKeys(school), (std::set<std::string>{"id", "names", "country"}));
  EXPECT_EQ(school["country"], "JP");
  EXPECT_EQ(Body(Get("/api/v1/schools/" + StringAt(school, "id"), ana_.auth)), school);
  EXPECT_EQ(Body(Get("/api/v1/schools?q=%E6%9D%B1%E4%BA%AC", ana_.auth)),
            json({{"schools", json::array({school})}}));
  EXPECT_EQ(Body(Get("/api/v1/schools?q=the%20univ", ana_.auth)),
            json({{"schools", json::array({school})}}));

  for (std::string country : {"Japan", "jp", "J"}) {
    Response bad =
        Post("/api/v1/schools", {{"names", {{"en", "X"}}}, {"country", country}}, ana_.auth);
    EXPECT_EQ(bad.status, 400) << country;
    EXPECT_EQ(StringAt(ErrorOf(bad), "field"), "country") << country;
  }
}

}  // namespace
}  // namespace enishi::api::testing
