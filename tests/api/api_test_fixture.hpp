#pragma once
// The fixture of the API tests: a real Api over the real domain services (accounts, profiles,
// organisations, personas, relationships with their graph index) and a real in-memory SQLite
// store (wrapped in FaultyStore so a test can make the store fail), a fake clock, a fake image
// processor (FF D8 FF... is an image). The privacy engine learns relationships from
// FakeRelationships for the pairs a test sets there, and from the real ones otherwise.
// Helpers build requests and decode answers. No sockets and no Beast: requests go straight to
// Api::Handle, as http/ would pass them.

#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <regex>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "api/api.hpp"
#include "core/metrics.hpp"
#include "crypto/random.hpp"
#include "domain/accounts/account_service.hpp"
#include "domain/mail/outbox_mailer.hpp"
#include "domain/organizations/organization_repository.hpp"
#include "domain/organizations/organization_service.hpp"
#include "domain/graph/graph_index.hpp"
#include "domain/personas/persona_service.hpp"
#include "domain/profiles/profile_repository.hpp"
#include "domain/profiles/profile_service.hpp"
#include "domain/introductions/introduction_service.hpp"
#include "domain/messaging/messaging_service.hpp"
#include "domain/notifications/notification_service.hpp"
#include "domain/relationships/relationship_service.hpp"
#include "domain/search/search_service.hpp"
#include "domain/stream/stream_event.hpp"
#include "intl/icu_local_time.hpp"
#include "support/fake_clock.hpp"
#include "support/fake_image_processor.hpp"
#include "support/fake_relationships.hpp"
#include "support/faulty_store.hpp"
#include "support/test_store.hpp"

namespace enishi::api::testing {

using Headers = std::vector<std::pair<std::string, std::string>>;
using enishi::testing::FakeJpeg;
using nlohmann::json;

inline constexpr std::string_view kPassword = "correct horse battery staple";
inline constexpr std::string_view kClientIp = "198.51.100.7";

// What a browser holds after signing in.
struct Browser {
  std::string session;  // enishi_session
  std::string csrf;     // enishi_csrf
  std::string device;   // enishi_device

  Headers Cookies() const {
    return {{"cookie",
             "enishi_session=" + session + "; enishi_csrf=" + csrf + "; enishi_device=" + device}};
  }
  // Cookies plus the X-CSRF-Token header our own pages send on unsafe requests.
  Headers CookiesAndCsrf() const {
    Headers headers = Cookies();
    headers.emplace_back("x-csrf-token", csrf);
    return headers;
  }
};

// The fields of a Me object (docs/API.md): exactly these, never more.
inline const std::set<std::string> kMeKeys = {"id",         "display_name", "login",
                                              "login_kind", "locale",       "created_at"};

inline std::set<std::string> JsonKeys(const json& object) {
  std::set<std::string> keys;
  for (const auto& [key, value] : object.items()) keys.insert(key);
  return keys;
}

inline Headers Bearer(const std::string& token) { return {{"authorization", "Bearer " + token}}; }

inline Headers Join(Headers a, const Headers& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

// Fast Argon2id for tests: correctness does not depend on the cost.
inline accounts::AccountServiceOptions FastAccountOptions() {
  accounts::AccountServiceOptions options;
  options.password_cost.ops_limit = 1;
  options.password_cost.mem_limit_bytes = 8 * 1024;
  return options;
}

// Rate limits out of the way; the tests that are about them set their own.
inline ApiOptions TestApiOptions() {
  ApiOptions options;
  options.web_root = "";
  options.rate_limits.per_client = {.per_minute = 600, .burst = 100000};
  options.rate_limits.per_account = {.per_minute = 600, .burst = 100000};
  options.daily_caps = {.searches_per_day = 100000, .profile_views_per_day = 100000};
  return options;
}

// json::value() would do, but GCC 12 sees a null dereference in it at -O2 (-Wnull-dereference).
inline std::string StringAt(const json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// The decoded JSON body; a failure (and null) when it is not JSON.
inline json Body(const Response& response) {
  json body = json::parse(response.body, nullptr, /*allow_exceptions=*/false);
  if (body.is_discarded()) {
    ADD_FAILURE() << "not JSON: " << response.body;
    return nullptr;
  }
  return body;
}

// {"error": {"code": ..., "message": ..., "field"?: ...}}, checked for shape.
inline json ErrorOf(const Response& response) {
  json body = Body(response);
  EXPECT_TRUE(body.is_object() && body.size() == 1 && body.contains("error")) << response.body;
  json error = body.contains("error") ? body["error"] : json::object();
  EXPECT_TRUE(error["code"].is_string()) << response.body;
  EXPECT_TRUE(error["message"].is_string()) << response.body;
  return error;
}

inline std::string Header(const Response& response, std::string_view name) {
  for (const auto& [key, value] : response.headers) {
    if (key.size() == name.size() &&
        std::equal(key.begin(), key.end(), name.begin(),
                   [](char a, char b) { return std::tolower(a) == std::tolower(b); })) {
      return value;
    }
  }
  return {};
}

// Set-Cookie lines by cookie name.
inline std::map<std::string, std::string> SetCookies(const Response& response) {
  std::map<std::string, std::string> cookies;
  for (const auto& [key, value] : response.headers) {
    if (key == "Set-Cookie") cookies[value.substr(0, value.find('='))] = value;
  }
  return cookies;
}

inline std::map<std::string, std::string> CookieValues(const Response& response) {
  std::map<std::string, std::string> values;
  for (const auto& [name, line] : SetCookies(response)) {
    size_t start = name.size() + 1;
    values[name] = line.substr(start, line.find(';') - start);
  }
  return values;
}

// A member signed up as an API client, with what its requests need.
struct Member {
  MemberId id;
  std::string login;
  std::string token;
  Headers auth;  // Authorization: Bearer <token>
};

class ApiTest : public ::testing::Test {
 protected:
  ApiTest()
      : initialized_(crypto::Initialize()),
        store_(std::make_unique<enishi::testing::FaultyStore>(enishi::testing::MakeTestStore())),
        mailer_(store_->outbox()),
        service_(store_->accounts(), mailer_, clock_, FastAccountOptions()),
        notifications_(store_->notifications(), local_time_, clock_),
        request_notifications_(notifications_),
        relationship_service_(store_->relationships(), store_->accounts(), store_->profiles(),
                              graph_, changes_, &request_notifications_, clock_),
        relationships_(store_->profiles(), &relationship_service_),
        profiles_(store_->profiles(), store_->organizations(), store_->images(), image_processor_,
                  relationships_, mailer_, clock_),
        organizations_(store_->organizations(), clock_),
        personas_(store_->personas(), store_->images(), image_processor_, clock_),
        messaging_(store_->messaging(), relationship_service_, notifications_, clock_),
        introductions_(store_->introductions(), relationship_service_, profiles_, messaging_,
                       notifications_, store_->accounts(), clock_),
        search_(store_->search(), store_->profiles(), profiles_, relationship_service_,
                enishi::testing::TestTextForms(), clock_) {
    Configure(TestApiOptions());
  }

  // Replaces the Api with one built with `options`, over the same store and services, hearing
  // of grown streams as the app's wiring makes it.
  void Configure(ApiOptions options) {
    stream_listeners_.clear();
    api_ = std::make_unique<Api>(
        std::move(options),
        DomainServices{service_, profiles_, organizations_, personas_, relationship_service_,
                       messaging_, introductions_, notifications_, search_, store_->streams(),
                       changes_},
        clock_, metrics_, [this] {
          return ready_ ? store_->Ping() : Result<void>(Unavailable("probe: database is locked"));
        });
    Api* api = api_.get();
    for (auto& [channel, on_message] :
         std::vector<std::pair<std::string_view, std::function<void(std::string_view)>>>{
             {stream::kStreamChannel, [api](std::string_view m) { api->HearStreamNotice(m); }},
             {accounts::kSessionsEndedChannel,
              [api](std::string_view m) { api->HearSessionsEnded(m); }}}) {
      auto listener = store_->Listen(channel, {.on_message = on_message, .on_gap = [] {}});
      ASSERT_TRUE(listener.has_value()) << listener.error().message;
      stream_listeners_.push_back(std::move(listener).value());
    }
  }

  static Request MakeRequest(Method method, std::string target, std::string body = {},
                             Headers headers = {}) {
    Request request;
    request.method = method;
    request.target = std::move(target);
    request.body = std::move(body);
    request.headers = std::move(headers);
    request.client_ip = std::string(kClientIp);
    request.request_id = "req-test";
    return request;
  }

  Response Send(Request request) { return api_->Handle(request); }

  // Connects `a` and `b` for real: a request `b` accepts, whatever `b`'s inbound policy.
  void Connect(MemberId a, MemberId b) {
    auto sent = relationship_service_.Send(a, relationships::RequestKind::kConnection, b, "",
                                           relationships::Provenance::kSameGroup, {});
    ASSERT_TRUE(sent) << sent.error().message;
    ASSERT_TRUE(relationship_service_.Accept(b, sent->request.id));
  }

  Response Get(std::string target, Headers headers = {}) {
    return Send(MakeRequest(Method::kGet, std::move(target), {}, std::move(headers)));
  }
  // Sends `body` as application/json (unless `headers` name another Content-Type).
  Response SendJson(Method method, std::string target, const json& body, Headers headers = {}) {
    bool has_type = false;
    for (const auto& header : headers) has_type |= header.first == "content-type";
    if (!has_type) headers.emplace_back("content-type", "application/json");
    return Send(MakeRequest(method, std::move(target), body.dump(), std::move(headers)));
  }
  Response Post(std::string target, const json& body, Headers headers = {}) {
    return SendJson(Method::kPost, std::move(target), body, std::move(headers));
  }
  // A POST that carries no body, as actions such as accept or rotate take.
  Response PostEmpty(std::string target, Headers headers = {}) {
    return Send(MakeRequest(Method::kPost, std::move(target), {}, std::move(headers)));
  }
  Response PostRaw(std::string target, std::string body, Headers headers) {
    return Send(MakeRequest(Method::kPost, std::move(target), std::move(body), std::move(headers)));
  }
  Response Put(std::string target, const json& body, Headers headers = {}) {
    return SendJson(Method::kPut, std::move(target), body, std::move(headers));
  }
  Response Patch(std::string target, const json& body, Headers headers = {}) {
    return SendJson(Method::kPatch, std::move(target), body, std::move(headers));
  }
  Response Delete(std::string target, Headers headers = {}) {
    return Send(MakeRequest(Method::kDelete, std::move(target), {}, std::move(headers)));
  }
  // Sends raw bytes (an image upload) with `content_type`.
  Response SendRaw(Method method, std::string target, std::string body,
                   std::string_view content_type, Headers headers = {}) {
    headers.emplace_back("content-type", std::string(content_type));
    return Send(MakeRequest(method, std::move(target), std::move(body), std::move(headers)));
  }

  // The six-digit code last sent to `login`, read from the local outbox.
  std::string LastCode(const std::string& login) {
    auto messages = store_->inner().outbox().ListRecent(100);
    EXPECT_TRUE(messages.has_value());
    if (!messages) return {};
    static const std::regex kCode(R"((^|\D)(\d{6})(\D|$))");
    for (auto it = messages->rbegin(); it != messages->rend(); ++it) {
      std::smatch match;
      if (it->to == login && std::regex_search(it->body, match, kCode)) return match[2];
    }
    ADD_FAILURE() << "no code was sent to " << login;
    return {};
  }

  size_t OutboxSize() {
    auto messages = store_->inner().outbox().ListRecent(1000);
    return messages ? messages->size() : 0;
  }

  Response StartSignup(const std::string& login, std::string password = std::string(kPassword)) {
    return Post("/api/v1/signup", {{"login", login},
                                   {"password", password},
                                   {"display_name", "Ana Tanaka"},
                                   {"locale", "ja"}});
  }

  // Signs up `login` from a browser and returns its cookies.
  Browser SignUpBrowser(const std::string& login) {
    EXPECT_EQ(StartSignup(login).status, 202);
    Response verified =
        Post("/api/v1/signup/verify", {{"login", login}, {"code", LastCode(login)}});
    EXPECT_EQ(verified.status, 201) << verified.body;
    return BrowserFrom(verified);
  }

  // Signs up `login` as an API client and returns its bearer token.
  std::string SignUpApiClient(const std::string& login) {
    EXPECT_EQ(StartSignup(login).status, 202);
    Response verified = Post("/api/v1/signup/verify",
                             {{"login", login}, {"code", LastCode(login)}, {"client", "api"}});
    EXPECT_EQ(verified.status, 201) << verified.body;
    return StringAt(Body(verified), "token");
  }

  // Signs up `login` as an API client named `display_name`.
  Member NewMember(const std::string& login, const std::string& display_name = "Ana Tanaka") {
    EXPECT_EQ(Post("/api/v1/signup", {{"login", login},
                                      {"password", std::string(kPassword)},
                                      {"display_name", display_name},
                                      {"locale", "ja"}})
                  .status,
              202);
    Response verified = Post("/api/v1/signup/verify",
                             {{"login", login}, {"code", LastCode(login)}, {"client", "api"}});
    EXPECT_EQ(verified.status, 201) << verified.body;
    json body = Body(verified);
    Member member;
    member.login = login;
    member.token = StringAt(body, "token");
    member.auth = Bearer(member.token);
    std::optional<MemberId> id =
        body.contains("member") ? MemberId::Parse(StringAt(body["member"], "id")) : std::nullopt;
    EXPECT_TRUE(id.has_value()) << verified.body;
    member.id = id.value_or(MemberId());
    return member;
  }

  // A company made through the service; its domains, parent and affiliates are set through
  // the repository, as an administrator would.
  organizations::Company NewCompany(const std::string& name, std::vector<std::string> domains = {},
                                    CompanyId parent = {}) {
    auto company = organizations_.CreateCompany({.ja = {}, .zh = {}, .en = name, .reading = {}});
    EXPECT_TRUE(company.has_value()) << (company ? "" : company.error().message);
    if (!company) return {};
    for (const std::string& domain : domains) {
      EXPECT_TRUE(store_->organizations().AddCompanyDomain(company->id, domain)) << domain;
    }
    if (parent.valid()) {
      EXPECT_TRUE(store_->organizations().SetCompanyParent(company->id, parent));
    }
    company->domains = std::move(domains);
    company->parent = parent;
    return *company;
  }
  organizations::School NewSchool(const std::string& name, const std::string& country = "JP") {
    auto school =
        organizations_.CreateSchool({.ja = {}, .zh = {}, .en = name, .reading = {}}, country);
    EXPECT_TRUE(school.has_value()) << (school ? "" : school.error().message);
    if (!school) return {};
    return *school;
  }

  Browser LogInBrowser(const std::string& login) {
    Response response =
        Post("/api/v1/login", {{"login", login}, {"password", std::string(kPassword)}});
    EXPECT_EQ(response.status, 200) << response.body;
    return BrowserFrom(response);
  }

  static Browser BrowserFrom(const Response& response) {
    std::map<std::string, std::string> cookies = CookieValues(response);
    return {cookies["enishi_session"], cookies["enishi_csrf"], cookies["enishi_device"]};
  }

  Result<void> initialized_;
  enishi::testing::FakeClock clock_;
  std::unique_ptr<enishi::testing::FaultyStore> store_;
  mail::OutboxMailer mailer_;
  Metrics metrics_;
  accounts::AccountService service_;
  enishi::testing::FakeImageProcessor image_processor_;
  graph::GraphIndex graph_;
  cluster::LocalChangeFeed changes_;
  intl::IcuLocalTime local_time_;
  notifications::NotificationService notifications_;
  notifications::RequestNotifications request_notifications_;
  relationships::RelationshipService relationship_service_;
  enishi::testing::FakeRelationships relationships_;
  profiles::ProfileService profiles_;
  organizations::OrganizationService organizations_;
  personas::PersonaService personas_;
  messaging::MessagingService messaging_;
  introductions::IntroductionService introductions_;
  search::SearchService search_;
  std::unique_ptr<Api> api_;
  // Go before the Api they call.
  std::vector<std::unique_ptr<cluster::ChangeListener>> stream_listeners_;
  bool ready_ = true;
};

}  // namespace enishi::api::testing
