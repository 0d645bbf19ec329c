// /healthz, /readyz, /metrics and /api/v1/openapi.json, and the parity of the OpenAPI document
// with the route table.

#include "api/ops_api.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <utility>

#include "api/routes.hpp"
#include "api/text.hpp"
#include "api_test_fixture.hpp"

namespace enishi::api::testing {
namespace {

class OpsApiTest : public ApiTest {};

TEST_F(OpsApiTest, HealthzSaysOk) {
  Response response = Get("/healthz");
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(Body(response), json({{"status", "ok"}}));
}

TEST_F(OpsApiTest, ReadyzFollowsTheProbe) {
  Response ready = Get("/readyz");
  EXPECT_EQ(ready.status, 200);
  EXPECT_EQ(Body(ready), json({{"status", "ready"}}));

  ready_ = false;
  Response not_ready = Get("/readyz");
  EXPECT_EQ(not_ready.status, 503);
  EXPECT_EQ(ErrorOf(not_ready)["code"], "unavailable");
  // What the probe saw is for the log, not for whoever asks.
  EXPECT_EQ(not_ready.body.find("locked"), std::string::npos);
}

TEST_F(OpsApiTest, MetricsAreThePrometheusTextFormat) {
  Get("/healthz");
  Response response = Get("/metrics");
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(Header(response, "Content-Type"), "text/plain; version=0.0.4; charset=utf-8");
  EXPECT_NE(response.body.find("# HELP enishi_http_requests_total "), std::string::npos);
  EXPECT_NE(response.body.find("# TYPE enishi_http_requests_total counter\n"), std::string::npos);
  EXPECT_NE(response.body.find("# TYPE enishi_http_request_duration_seconds histogram\n"),
            std::string::npos);
  EXPECT_NE(response.body.find("enishi_http_requests_total{route=\"/healthz\",method=\"GET\","
                               "status=\"200\"} 1\n"),
            std::string::npos)
      << response.body;
  EXPECT_NE(response.body.find("enishi_http_request_duration_seconds_bucket{route=\"/healthz\","
                               "le=\"+Inf\"} 1\n"),
            std::string::npos);
}

TEST_F(OpsApiTest, MetricsCanRequireAToken) {
  ApiOptions options = TestApiOptions();
  options.metrics_token = "scrape-secret";
  Configure(options);
  EXPECT_EQ(Get("/metrics").status, 401);
  EXPECT_EQ(Get("/metrics", Bearer("wrong")).status, 401);
  EXPECT_EQ(Get("/metrics", Bearer("scrape-secret")).status, 200);
}

TEST_F(OpsApiTest, OpenApiDocumentIsServed) {
  Response response = Get("/api/v1/openapi.json");
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(Header(response, "Content-Type"), "application/json");
  json document = Body(response);
  EXPECT_EQ(document["openapi"], "3.1.0");
  EXPECT_EQ(response.body, OpenApiDocument());
}

// --- The document and the route table describe the same API. ---

json Document() { return json::parse(OpenApiDocument()); }

TEST(OpenApi, DescribesExactlyTheRoutesOfTheTable) {
  std::set<std::pair<std::string, std::string>> table;
  for (const Route& route : RouteTable()) {
    table.emplace(std::string(route.pattern), AsciiLowercase(MethodName(route.method)));
  }
  std::set<std::pair<std::string, std::string>> documented;
  json paths = Document()["paths"];
  for (const auto& [path, operations] : paths.items()) {
    for (const auto& [method, operation] : operations.items()) {
      documented.emplace(path, method);
    }
  }
  for (const auto& route : table) {
    EXPECT_TRUE(documented.count(route)) << "undocumented: " << route.second << " " << route.first;
  }
  for (const auto& route : documented) {
    EXPECT_TRUE(table.count(route)) << "no such route: " << route.second << " " << route.first;
  }
}

// The `{name}` segments of a route pattern.
std::set<std::string> PatternParameters(std::string_view pattern) {
  std::set<std::string> names;
  for (size_t open = pattern.find('{'); open != std::string_view::npos;
       open = pattern.find('{', open + 1)) {
    names.emplace(pattern.substr(open + 1, pattern.find('}', open) - open - 1));
  }
  return names;
}

// What the canary test (canary_test.cpp) knows how to put in a path parameter.
const std::set<std::string> kSubjects = {
    "member",  "persona", "profile_link", "company",    "school", "circle",
    "session", "request", "connection",   "work_email", "block",
    "conversation", "message", "notification", "introduction",
};

TEST(OpenApi, OperationsMatchTheirRoutesFlags) {
  json paths = Document()["paths"];
  for (const Route& route : RouteTable()) {
    SCOPED_TRACE(std::string(MethodName(route.method)) + " " + std::string(route.pattern));
    json operation = paths[std::string(route.pattern)][AsciiLowercase(MethodName(route.method))];
    ASSERT_TRUE(operation.is_object());
    EXPECT_TRUE(operation.contains("operationId"));
    EXPECT_EQ(operation.contains("requestBody"), route.body != Body::kNone);
    json responses = operation["responses"];
    ASSERT_TRUE(responses.is_object());
    // A success, or (the stream) the switch to WebSocket.
    EXPECT_TRUE(std::any_of(responses.items().begin(), responses.items().end(), [](const auto& item) {
      return item.key().starts_with("2") || item.key() == "101";
    }));
    if (route.access == Access::kMember) {
      EXPECT_TRUE(responses.contains("401"));
    }
    if (route.body == Body::kJson) {
      EXPECT_TRUE(responses.contains("400"));
      EXPECT_TRUE(responses.contains("415"));
      EXPECT_EQ(JsonKeys(operation["requestBody"]["content"]),
                std::set<std::string>{"application/json"});
    }
    if (route.body == Body::kImage) {
      EXPECT_TRUE(responses.contains("400"));
      EXPECT_TRUE(responses.contains("413"));
      EXPECT_TRUE(responses.contains("415"));
      json content = operation["requestBody"]["content"];
      EXPECT_EQ(JsonKeys(content),
                (std::set<std::string>{"image/jpeg", "image/png", "image/webp"}));
      for (const auto& [type, media] : content.items()) {
        EXPECT_EQ(media["schema"], json({{"type", "string"}, {"format", "binary"}})) << type;
      }
    }
    if (IsApiPath(route.pattern)) {
      EXPECT_TRUE(responses.contains("429"));
    }
    // Path parameters are exactly the pattern's, each naming what it holds.
    std::set<std::string> documented;
    json parameters = operation.contains("parameters") ? operation["parameters"] : json::array();
    for (const json& parameter : parameters) {
      if (parameter["in"] != "path") continue;
      documented.insert(parameter["name"].get<std::string>());
      EXPECT_EQ(parameter["required"], true);
      ASSERT_TRUE(parameter.contains("x-enishi-subject")) << parameter.dump();
      EXPECT_TRUE(kSubjects.count(parameter["x-enishi-subject"].get<std::string>()))
          << parameter.dump();
    }
    EXPECT_EQ(documented, PatternParameters(route.pattern));
  }
}

TEST(OpenApi, OperationIdsAreUniqueAndTagsDeclared) {
  json document = Document();
  std::set<std::string> tags;
  for (const json& tag : document["tags"]) tags.insert(tag["name"].get<std::string>());
  std::set<std::string> ids;
  for (const auto& [path, operations] : document["paths"].items()) {
    for (const auto& [method, operation] : operations.items()) {
      EXPECT_TRUE(ids.insert(operation["operationId"].get<std::string>()).second)
          << "duplicate operationId " << operation["operationId"];
      ASSERT_TRUE(operation.contains("tags")) << method << " " << path;
      for (const json& tag : operation["tags"]) {
        EXPECT_TRUE(tags.count(tag.get<std::string>())) << tag << " on " << method << " " << path;
      }
    }
  }
}

TEST(OpenApi, ImagesAreAnsweredAsJpeg) {
  json paths = Document()["paths"];
  for (const char* path : {"/api/v1/members/{id}/photo", "/api/v1/personas/{id}/avatar"}) {
    json image = Document()["components"]["responses"]["Image"];
    EXPECT_EQ(paths[path]["get"]["responses"]["200"]["$ref"], "#/components/responses/Image");
    EXPECT_EQ(JsonKeys(image["content"]), std::set<std::string>{"image/jpeg"}) << path;
  }
}

// Collects every "$ref" in `value`.
void CollectRefs(const json& value, std::set<std::string>& refs) {
  if (value.is_object()) {
    for (const auto& [key, child] : value.items()) {
      if (key == "$ref" && child.is_string()) refs.insert(child.get<std::string>());
      CollectRefs(child, refs);
    }
  } else if (value.is_array()) {
    for (const json& child : value) CollectRefs(child, refs);
  }
}

TEST(OpenApi, EveryReferenceResolves) {
  json document = Document();
  std::set<std::string> refs;
  CollectRefs(document, refs);
  EXPECT_FALSE(refs.empty());
  for (const std::string& ref : refs) {
    ASSERT_TRUE(ref.starts_with("#/")) << ref;
    EXPECT_TRUE(document.contains(json::json_pointer(ref.substr(1)))) << ref;
  }
}

TEST(OpenApi, RequestSchemasRefuseUnknownFields) {
  json schemas = Document()["components"]["schemas"];
  for (const auto& [name, schema] : schemas.items()) {
    if (name.ends_with("Request")) {
      ASSERT_TRUE(schema.contains("additionalProperties")) << name;
      EXPECT_EQ(schema["additionalProperties"], false) << name;
    }
  }
}

}  // namespace
}  // namespace enishi::api::testing
