// Random requests through Api::Handle: whatever the method, target, headers and body, the
// answer is a well-formed client error or success, never a 5xx, an exception or a crash.
// The seed is fixed, printed on failure, and can be changed with ENISHI_TEST_SEED.

#include <gtest/gtest.h>
#include <stdlib.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "api/routes.hpp"
#include "api_test_fixture.hpp"

namespace enishi::api::testing {
namespace {

class RequestFuzzTest : public ApiTest {
 protected:
  uint64_t Seed() const {
    const char* text = std::getenv("ENISHI_TEST_SEED");
    return text != nullptr ? std::strtoull(text, nullptr, 10) : 20261122;
  }
};

class RandomRequests {
 public:
  RandomRequests(uint64_t seed, Browser browser, std::string token)
      : random_(seed), browser_(std::move(browser)), token_(std::move(token)) {}

  Request Next() {
    Request request;
    request.method =
        Pick<Method>({Method::kGet, Method::kHead, Method::kPost, Method::kPut, Method::kPatch,
                      Method::kDelete, Method::kOptions, Method::kOther});
    request.target = Target();
    request.client_ip = Chance(10) ? Bytes(20) : "198.51.100." + std::to_string(Below(256));
    request.secure = Chance(2);
    request.request_id = "fuzz";
    int header_count = static_cast<int>(Below(6));
    for (int i = 0; i < header_count; ++i) request.headers.push_back(Header());
    request.body = Body();
    return request;
  }

 private:
  uint64_t Below(uint64_t n) { return std::uniform_int_distribution<uint64_t>(0, n - 1)(random_); }
  bool Chance(uint64_t one_in) { return Below(one_in) == 0; }
  template <class T>
  T Pick(std::initializer_list<T> values) {
    return *(values.begin() + Below(values.size()));
  }

  std::string Bytes(size_t max_length) {
    std::string bytes(Below(max_length + 1), '\0');
    for (char& c : bytes) c = static_cast<char>(Below(256));
    return bytes;
  }

  // Mostly real paths, mutated: the deeper code is only reached through valid prefixes.
  std::string Target() {
    const auto& routes = RouteTable();
    std::string target(routes[Below(routes.size())].pattern);
    switch (Below(8)) {
      case 0:
        return Bytes(40);
      case 1:
        return "/" + Bytes(30);
      case 2:
        return Pick<std::string>({"/", "/index.html", "/assets/x.js", "/../etc/passwd",
                                  "/%2e%2e/%00", "/api/v1/sessions/%zz", "//", "/a\\b"});
      case 3:
        target += "?" + Bytes(20);
        break;
      case 4:
        target += Pick<std::string>({"/", "/x", "%00", "/.."});
        break;
      default:
        break;
    }
    size_t brace = target.find('{');
    if (brace != std::string::npos) {
      target.replace(brace, target.find('}') - brace + 1, Chance(2) ? "0000000000001" : Bytes(15));
    }
    return target;
  }

  std::pair<std::string, std::string> Header() {
    std::string name =
        Pick<std::string>({"content-type", "cookie", "authorization", "origin", "host",
                           "x-csrf-token", "user-agent", "if-none-match", "accept"});
    std::string value;
    switch (Below(4)) {
      case 0:
        value = Bytes(60);
        break;
      case 1:
        value = Pick<std::string>(
            {"application/json", "application/json; charset=utf-8", "image/jpeg", "image/png",
             "image/webp", "Bearer " + token_, "Bearer ", "enishi_session=" + browser_.session,
             "https://evil.example", "enishi.example", browser_.csrf, "*", "null"});
        break;
      case 2:
        return {"cookie", "enishi_session=" + browser_.session + "; enishi_csrf=" + browser_.csrf};
      default:
        return {"x-csrf-token", browser_.csrf};
    }
    return {name, value};
  }

  std::string Body() {
    switch (Below(6)) {
      case 0:
        return {};
      case 5:  // An image for the fake processor, or something that starts like one.
        return std::string("\xFF\xD8\xFF") + Bytes(Chance(2) ? 0 : 100);
      case 1:
        return Bytes(200);
      case 2: {
        std::string json = Pick<std::string>(
            {R"({"login":"a@example.com","password":"pw","display_name":"x","locale":"en"})",
             R"({"display_name":"x"})", R"({"locale":null})", R"({"current_password":"a"})",
             R"({"password":"nope"})", R"({"login":"a@example.com","code":"123456"})",
             R"({"a":[[[[{"b":{}}]]]]})", R"({"x":1e400})", R"({"":""})",
             R"({"display_name":{"value":"王","audience":"members"},"name":{"value":{"family":"王"},"audience":"circle:0000000000001"},"headline":{"value":"h","audience":"public"},"about":{"value":"a","audience":"only_me"},"location":{"value":"","audience":"network2"},"photo":{"audience":"members"},"career":{"value":{"status":"open","salary_min":1,"salary_currency":"JPY"},"audience":"trusted"},"positions":[{"company_id":"0000000000001","title":"t","function":"sales","seniority":"lead","start":"2020-01","end":"2019-12","audience":"greeted"}],"education":[],"languages":[{"language":"ja","proficiency":"native","audience":"public"}],"skills":[],"links":[{"kind":"link","title":"t","url":"https://x.example","audience":"members"}],"contacts":[{"kind":"phone","value":"+81 90","audience":"conversing"}]})",
             R"({"discoverability":{"searchable":true},"shield":{"companies":["0000000000001"],"hide_profile":true}})",
             R"({"name":"c","members":["0000000000001"]})", R"({"email":"a@corp.example"})",
             R"({"code":"123456"})", R"({"names":{"ja":"ソニー","en":"Sony"},"country":"JP"})",
             R"({"handle":"night_owl","bio":"b"})", R"({"login":"+81 90 1234 5678"})"});
        // Flip, drop or insert a few bytes.
        int edits = static_cast<int>(Below(4));
        for (int i = 0; i < edits && !json.empty(); ++i) {
          size_t at = Below(json.size());
          switch (Below(3)) {
            case 0:
              json[at] = static_cast<char>(Below(256));
              break;
            case 1:
              json.erase(at, 1);
              break;
            default:
              json.insert(at, 1, static_cast<char>(Below(256)));
          }
        }
        return json;
      }
      case 3:
        return std::string(Below(200), '[') + std::string(Below(200), '{');
      default:
        return R"({"display_name":"ok","locale":"ja"})";
    }
  }

  std::mt19937_64 random_;
  Browser browser_;
  std::string token_;
};

TEST_F(RequestFuzzTest, NoInputReachesA5xx) {
  uint64_t seed = Seed();
  SCOPED_TRACE("seed " + std::to_string(seed) +
               " (rerun with ENISHI_TEST_SEED=" + std::to_string(seed) + ")");
  // A real web root, so that paths outside /api reach the file system.
  std::string root = (std::filesystem::temp_directory_path() / "enishi_fuzz_XXXXXX").string();
  ASSERT_NE(mkdtemp(root.data()), nullptr);
  std::filesystem::create_directories(std::filesystem::path(root) / "assets");
  std::ofstream(std::filesystem::path(root) / "index.html") << "<!doctype html>";
  std::ofstream(std::filesystem::path(root) / "assets" / "app.js") << "1";
  ApiOptions options = TestApiOptions();
  options.web_root = root;
  Configure(options);

  ::testing::internal::CaptureStderr();  // The access log of thousands of requests.
  constexpr int kBlocks = 10;
  constexpr int kRequestsPerBlock = 2000;
  for (int block = 0; block < kBlocks; ++block) {
    // Fresh credentials now and then: a fuzzed logout or revocation must not end the
    // coverage of the signed-in routes.
    std::string suffix = std::to_string(block);
    Browser browser = SignUpBrowser("fuzz" + suffix + "@example.com");
    std::string token = SignUpApiClient("fuzz-api" + suffix + "@example.com");
    RandomRequests requests(seed + block, browser, token);
    for (int i = 0; i < kRequestsPerBlock; ++i) {
      Request request = requests.Next();
      Response response = Send(request);
      ASSERT_GE(response.status, 200) << "block " << block << " request " << i;
      ASSERT_LT(response.status, 500)
          << "block " << block << " request " << i << ": " << request.target << "\n"
          << response.body;
      if (response.status >= 400 && !response.body.empty()) {
        json body = json::parse(response.body, nullptr, false);
        ASSERT_FALSE(body.is_discarded()) << response.body;
        ASSERT_TRUE(body["error"]["code"].is_string()) << response.body;
      }
    }
  }
  ::testing::internal::GetCapturedStderr();
  std::filesystem::remove_all(root);
}

}  // namespace
}  // namespace enishi::api::testing
