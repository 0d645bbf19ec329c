// OrganizationService: companies and schools as entities (F2): suggestions by prefix, creation
// from names in several languages, and the administration of domains, parents and affiliates
// that decides whom the employer shield covers.

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "crypto/random.hpp"
#include "domain/organizations/organization_repository.hpp"
#include "domain/organizations/organization_service.hpp"
#include "support/fake_clock.hpp"
#include "support/faulty_store.hpp"
#include "support/test_store.hpp"

namespace enishi::organizations {
namespace {

std::string Cjk(size_t n) {
  std::string text;
  for (size_t i = 0; i < n; ++i) text += "社";
  return text;
}

class OrganizationServiceTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(crypto::Initialize()); }

  Company MustCreate(OrganizationNames names) {
    auto created = service_.CreateCompany(std::move(names));
    EXPECT_TRUE(created) << created.error().field << ": " << created.error().message;
    return created ? *created : Company{};
  }

  Company Get(CompanyId id) {
    auto company = service_.GetCompany(id);
    EXPECT_TRUE(company) << company.error().message;
    return company ? *company : Company{};
  }

  std::vector<CompanyId> Group(CompanyId seed) {
    auto group = store_.inner().organizations().ExpandCompanyGroup({seed});
    EXPECT_TRUE(group);
    std::vector<CompanyId> ids = group ? *group : std::vector<CompanyId>{};
    std::sort(ids.begin(), ids.end());
    return ids;
  }

  testing::FakeClock clock_;
  testing::FaultyStore store_{testing::MakeTestStore()};
  OrganizationService service_{store_.organizations(), clock_};
};

TEST_F(OrganizationServiceTest, CreateCompanyFromItsNames) {
  Company sony = MustCreate({"\u3000ソニー ", "索尼", "Sony", "そにー"});
  EXPECT_TRUE(sony.id.valid());
  EXPECT_EQ(sony.names.ja, "ソニー");
  EXPECT_EQ(sony.names.zh, "索尼");
  EXPECT_EQ(sony.names.en, "Sony");
  EXPECT_EQ(sony.names.reading, "そにー");
  EXPECT_EQ(sony.created_at, clock_.Now());
  EXPECT_TRUE(sony.domains.empty());
  EXPECT_FALSE(sony.parent.valid());
  Company stored = Get(sony.id);
  EXPECT_EQ(stored, sony);
  // One name in any of the three languages is enough.
  EXPECT_TRUE(service_.CreateCompany({"", "", "Acme", ""}));
  EXPECT_TRUE(service_.CreateCompany({"", "阿里巴巴", "", ""}));
}

TEST_F(OrganizationServiceTest, CreateCompanyNeedsAName) {
  for (OrganizationNames names : {OrganizationNames{"", "", "", ""},
                                  OrganizationNames{"", "", "", "よみだけ"},
                                  OrganizationNames{"\u3000", " ", "", ""}}) {
    auto created = service_.CreateCompany(names);
    ASSERT_FALSE(created) << names.ja << "/" << names.reading;
    EXPECT_EQ(created.error().code, ErrorCode::kInvalidArgument);
    EXPECT_TRUE(created.error().field.starts_with("names")) << created.error().field;
  }
  auto blank = service_.CreateCompany({"", "", "", "よみだけ"});
  ASSERT_FALSE(blank);
  EXPECT_EQ(blank.error().field, "names");
}

TEST_F(OrganizationServiceTest, CreateCompanyRefusesBadNamesNamingTheField) {
  EXPECT_TRUE(service_.CreateCompany({Cjk(200), "", "", ""}));
  struct Case {
    OrganizationNames names;
    std::string field;
  };
  const Case cases[] = {
      {{Cjk(201), "", "", ""}, "names.ja"},
      {{"", Cjk(201), "", ""}, "names.zh"},
      {{"", "", std::string(201, 'x'), ""}, "names.en"},
      {{"ソニー", "", "", Cjk(201)}, "names.reading"},
      {{"ソ\nニー", "", "", ""}, "names.ja"},
      {{"", "", "Evil\u202Ecorp", ""}, "names.en"},
      {{"", "\x01", "", ""}, "names.zh"},
  };
  for (const Case& c : cases) {
    auto created = service_.CreateCompany(c.names);
    ASSERT_FALSE(created) << c.field;
    EXPECT_EQ(created.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(created.error().field, c.field);
  }
  auto found = service_.SuggestCompanies("x");
  ASSERT_TRUE(found);
  EXPECT_TRUE(found->empty()) << "nothing written";
}

TEST_F(OrganizationServiceTest, SuggestionsMatchAPrefixInAnyLanguage) {
  Company sony = MustCreate({"ソニー", "索尼", "Sony Group", "そにー"});
  Company sonic = MustCreate({"", "", "Sonic Foods", ""});
  MustCreate({"トヨタ", "", "Toyota", ""});
  for (std::string prefix : {"ソニ", "索", "sony", "SONY", "そ", "\u3000ソニ "}) {
    auto found = service_.SuggestCompanies(prefix);
    ASSERT_TRUE(found) << prefix;
    ASSERT_FALSE(found->empty()) << prefix;
    EXPECT_EQ(found->front().id, sony.id) << prefix;
  }
  auto son = service_.SuggestCompanies("son");
  ASSERT_TRUE(son);
  std::vector<CompanyId> ids;
  for (const Company& c : *son) ids.push_back(c.id);
  std::sort(ids.begin(), ids.end());
  std::vector<CompanyId> expected = {sony.id, sonic.id};
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(ids, expected);
  auto none = service_.SuggestCompanies("Panasonic");
  ASSERT_TRUE(none);
  EXPECT_TRUE(none->empty());
}

TEST_F(OrganizationServiceTest, SuggestionsAreLimitedToTen) {
  for (int i = 0; i < kMaxSuggestions + 5; ++i) MustCreate({"", "", "Alpha " + std::to_string(i), ""});
  auto found = service_.SuggestCompanies("alpha");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->size(), static_cast<size_t>(kMaxSuggestions));
}

TEST_F(OrganizationServiceTest, SuggestionsValidateThePrefix) {
  for (const std::string& bad : std::vector<std::string>{"", "   ", "\u3000", std::string(101, 'a'),
                                                          "a\nb", "a\x01", "\xFF", "a\u202Eb"}) {
    size_t calls = store_.calls().size();
    auto companies = service_.SuggestCompanies(bad);
    ASSERT_FALSE(companies) << bad;
    EXPECT_EQ(companies.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(companies.error().field, "q");
    auto schools = service_.SuggestSchools(bad);
    ASSERT_FALSE(schools) << bad;
    EXPECT_EQ(schools.error().field, "q");
    EXPECT_EQ(store_.calls().size(), calls) << "refused before the store";
  }
  EXPECT_TRUE(service_.SuggestCompanies(std::string(100, 'a')));
  // LIKE wildcards are literal characters, not patterns.
  MustCreate({"", "", "Acme", ""});
  for (std::string wildcard : {"%", "_", "A%", "_cme"}) {
    auto found = service_.SuggestCompanies(wildcard);
    ASSERT_TRUE(found) << wildcard;
    EXPECT_TRUE(found->empty()) << wildcard;
  }
}

TEST_F(OrganizationServiceTest, SchoolsAreCreatedFoundAndSuggested) {
  auto school = service_.CreateSchool({"京都大学", "京都大学", "Kyoto University", "きょうとだいがく"}, "JP");
  ASSERT_TRUE(school) << school.error().message;
  EXPECT_EQ(school->country, "JP");
  auto got = service_.GetSchool(school->id);
  ASSERT_TRUE(got);
  EXPECT_EQ(*got, *school);
  auto found = service_.SuggestSchools("kyoto");
  ASSERT_TRUE(found);
  ASSERT_EQ(found->size(), 1u);
  EXPECT_EQ(found->front().id, school->id);
  EXPECT_TRUE(service_.CreateSchool({"", "", "Open University", ""}, ""));
  for (std::string country : {"jp", "JPN", "J", "日本"}) {
    auto bad = service_.CreateSchool({"", "", "Somewhere", ""}, country);
    ASSERT_FALSE(bad) << country;
    EXPECT_EQ(bad.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(bad.error().field, "country");
  }
  auto nameless = service_.CreateSchool({}, "JP");
  ASSERT_FALSE(nameless);
  EXPECT_EQ(nameless.error().field, "names");
}

TEST_F(OrganizationServiceTest, UnknownCompaniesAndSchoolsAreNotFound) {
  auto company = service_.GetCompany(crypto::RandomId<CompanyId>());
  ASSERT_FALSE(company);
  EXPECT_EQ(company.error().code, ErrorCode::kNotFound);
  auto school = service_.GetSchool(crypto::RandomId<SchoolId>());
  ASSERT_FALSE(school);
  EXPECT_EQ(school.error().code, ErrorCode::kNotFound);
  // An id of one kind is not found as the other.
  Company acme = MustCreate({"", "", "Acme", ""});
  auto as_school = service_.GetSchool(SchoolId(acme.id.value()));
  ASSERT_FALSE(as_school);
  EXPECT_EQ(as_school.error().code, ErrorCode::kNotFound);
}

TEST_F(OrganizationServiceTest, AddDomainLowercasesAndValidates) {
  Company sony = MustCreate({"ソニー", "", "Sony", ""});
  ASSERT_TRUE(service_.AddDomain(sony.id, "Sony.CO.JP"));
  ASSERT_TRUE(service_.AddDomain(sony.id, "xn--r8jz45g.jp"));
  ASSERT_TRUE(service_.AddDomain(sony.id, "mail-1.sony.com"));
  std::vector<std::string> domains = Get(sony.id).domains;
  std::sort(domains.begin(), domains.end());
  EXPECT_EQ(domains, (std::vector<std::string>{"mail-1.sony.com", "sony.co.jp", "xn--r8jz45g.jp"}));

  for (std::string bad : {"", "localhost", "sony..jp", ".sony.jp", "sony.jp.", "-sony.jp",
                          "sony-.jp", "so ny.jp", "so_ny.jp", "ソニー.jp", "taro@sony.jp",
                          "https://sony.jp", "sony.jp/path"}) {
    auto added = service_.AddDomain(sony.id, bad);
    ASSERT_FALSE(added) << bad;
    EXPECT_EQ(added.error().code, ErrorCode::kInvalidArgument) << bad;
    EXPECT_EQ(added.error().field, "domain") << bad;
  }
  std::string long_label(64, 'a');
  auto too_long = service_.AddDomain(sony.id, long_label + ".jp");
  ASSERT_FALSE(too_long);
  EXPECT_EQ(too_long.error().field, "domain");
  EXPECT_TRUE(service_.AddDomain(sony.id, std::string(63, 'a') + ".jp"));
}

TEST_F(OrganizationServiceTest, ADomainBelongsToOneCompany) {
  Company sony = MustCreate({"", "", "Sony", ""});
  Company other = MustCreate({"", "", "Impostor", ""});
  ASSERT_TRUE(service_.AddDomain(sony.id, "sony.co.jp"));
  auto taken = service_.AddDomain(other.id, "SONY.co.jp");
  ASSERT_FALSE(taken);
  EXPECT_EQ(taken.error().code, ErrorCode::kAlreadyExists);
  EXPECT_TRUE(Get(other.id).domains.empty());
  auto unknown = service_.AddDomain(crypto::RandomId<CompanyId>(), "new.example");
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);
}

TEST_F(OrganizationServiceTest, SetParentRefusesSelfAndCycles) {
  Company holding = MustCreate({"", "", "Holding", ""});
  Company group = MustCreate({"", "", "Group", ""});
  Company unit = MustCreate({"", "", "Unit", ""});
  auto self = service_.SetParent(holding.id, holding.id);
  ASSERT_FALSE(self);
  EXPECT_EQ(self.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_FALSE(Get(holding.id).parent.valid());

  ASSERT_TRUE(service_.SetParent(group.id, holding.id));
  ASSERT_TRUE(service_.SetParent(unit.id, group.id));
  EXPECT_EQ(Get(unit.id).parent, group.id);
  std::vector<CompanyId> chain = {holding.id, group.id, unit.id};
  std::sort(chain.begin(), chain.end());
  EXPECT_EQ(Group(unit.id), chain);

  auto cycle = service_.SetParent(holding.id, unit.id);
  ASSERT_FALSE(cycle);
  EXPECT_EQ(cycle.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_FALSE(Get(holding.id).parent.valid());

  auto unknown_parent = service_.SetParent(unit.id, crypto::RandomId<CompanyId>());
  ASSERT_FALSE(unknown_parent);
  EXPECT_EQ(unknown_parent.error().code, ErrorCode::kNotFound);
  auto unknown_company = service_.SetParent(crypto::RandomId<CompanyId>(), holding.id);
  ASSERT_FALSE(unknown_company);
  EXPECT_EQ(unknown_company.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(Get(unit.id).parent, group.id);
}

TEST_F(OrganizationServiceTest, AffiliatesAreSymmetricAndNeverSelf) {
  Company a = MustCreate({"", "", "A", ""});
  Company b = MustCreate({"", "", "B", ""});
  auto self = service_.AddAffiliate(a.id, a.id);
  ASSERT_FALSE(self);
  EXPECT_EQ(self.error().code, ErrorCode::kFailedPrecondition);
  ASSERT_TRUE(service_.AddAffiliate(a.id, b.id));
  EXPECT_EQ(Get(a.id).affiliates, std::vector<CompanyId>{b.id});
  EXPECT_EQ(Get(b.id).affiliates, std::vector<CompanyId>{a.id});
  std::vector<CompanyId> both = {a.id, b.id};
  std::sort(both.begin(), both.end());
  EXPECT_EQ(Group(a.id), both);
  EXPECT_EQ(Group(b.id), both);
  auto unknown = service_.AddAffiliate(a.id, crypto::RandomId<CompanyId>());
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);
}

TEST_F(OrganizationServiceTest, StoreFailuresAreReported) {
  store_.FailNthCall(1, ErrorCode::kUnavailable, "organizations.create_company");
  auto created = service_.CreateCompany({"", "", "Acme", ""});
  ASSERT_FALSE(created);
  EXPECT_EQ(created.error().code, ErrorCode::kUnavailable);
  store_.FailNthCall(1, ErrorCode::kUnavailable, "organizations.search_companies");
  auto found = service_.SuggestCompanies("Acme");
  ASSERT_FALSE(found);
  EXPECT_EQ(found.error().code, ErrorCode::kUnavailable);
}

}  // namespace
}  // namespace enishi::organizations
