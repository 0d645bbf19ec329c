#include "api/router.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "api/routes.hpp"
#include "domain/media/image.hpp"

namespace enishi::api {
namespace {

Result<Response> Stub(Call&) { return Response{}; }

Router SmallRouter() {
  return Router({
      {Method::kGet, "/", Stub},
      {Method::kGet, "/api/v1/me", Stub},
      {Method::kPatch, "/api/v1/me", Stub},
      {Method::kDelete, "/api/v1/me", Stub},
      {Method::kGet, "/api/v1/sessions", Stub},
      {Method::kDelete, "/api/v1/sessions/{id}", Stub},
      {Method::kGet, "/api/v1/people/{person}/posts/{post}", Stub},
  });
}

TEST(Router, MatchesLiteralPaths) {
  Router router = SmallRouter();
  RouteMatch match = router.Match(Method::kGet, "/api/v1/me");
  ASSERT_NE(match.route, nullptr);
  EXPECT_EQ(match.route->pattern, "/api/v1/me");
  EXPECT_EQ(match.route->method, Method::kGet);
  EXPECT_EQ(router.Match(Method::kPatch, "/api/v1/me").route->method, Method::kPatch);
  ASSERT_NE(router.Match(Method::kGet, "/").route, nullptr);
}

TEST(Router, ExtractsParameters) {
  Router router = SmallRouter();
  RouteMatch match = router.Match(Method::kDelete, "/api/v1/sessions/abc123");
  ASSERT_NE(match.route, nullptr);
  EXPECT_EQ(match.params.Get("id"), "abc123");
  EXPECT_EQ(match.params.Get("other"), "");

  match = router.Match(Method::kGet, "/api/v1/people/p1/posts/x%2Fy");
  ASSERT_NE(match.route, nullptr);
  EXPECT_EQ(match.params.Get("person"), "p1");
  EXPECT_EQ(match.params.Get("post"), "x%2Fy");  // Not decoded: handlers parse ids strictly.
}

TEST(Router, UnknownPathsMatchNothing) {
  Router router = SmallRouter();
  for (std::string_view path :
       {"/api/v1/you", "/api/v1/me/", "/api/v1//me", "/api/v1/me/x", "/api/v1", "/API/v1/me",
        "/api/v1/sessions/", "/api/v1/sessions/a/b", "", "api/v1/me", "/api/v1/me?x"}) {
    RouteMatch match = router.Match(Method::kGet, path);
    EXPECT_EQ(match.route, nullptr) << path;
    EXPECT_TRUE(match.allow.empty()) << path;
    EXPECT_TRUE(match.pattern.empty()) << path;
  }
}

TEST(Router, WrongMethodListsTheAllowedOnes) {
  Router router = SmallRouter();
  RouteMatch match = router.Match(Method::kPost, "/api/v1/me");
  EXPECT_EQ(match.route, nullptr);
  EXPECT_EQ(match.pattern, "/api/v1/me");
  EXPECT_EQ(match.allow, "GET, HEAD, PATCH, DELETE");

  match = router.Match(Method::kGet, "/api/v1/sessions/xyz");
  EXPECT_EQ(match.route, nullptr);
  EXPECT_EQ(match.pattern, "/api/v1/sessions/{id}");
  EXPECT_EQ(match.allow, "DELETE");
}

TEST(Router, HeadMatchesGetRoutes) {
  Router router = SmallRouter();
  RouteMatch match = router.Match(Method::kHead, "/api/v1/sessions");
  ASSERT_NE(match.route, nullptr);
  EXPECT_EQ(match.route->method, Method::kGet);
  EXPECT_EQ(router.Match(Method::kHead, "/api/v1/sessions/x").route, nullptr);
}

TEST(Router, BodyLimitComesFromTheMatchedRoute) {
  Router router({
      {Method::kGet, "/api/v1/me", Stub},
      {Method::kPatch, "/api/v1/me", Stub, Access::kMember, Body::kJson},
      {Method::kPut, "/api/v1/me/photo", Stub, Access::kMember, Body::kImage},
      {Method::kPut, "/api/v1/personas/{id}/avatar", Stub, Access::kMember, Body::kImage},
  });
  constexpr size_t kJsonLimit = 1000;
  for (std::string_view target :
       {"/api/v1/me/photo", "/api/v1/me/photo?x=1", "/api/v1/personas/p1/avatar"}) {
    EXPECT_EQ(router.BodyLimitFor(Method::kPut, target, kJsonLimit), media::kMaxUploadBytes)
        << target;
  }
  // Another method on an image path, other routes, unknown paths and non-paths.
  EXPECT_EQ(router.BodyLimitFor(Method::kPost, "/api/v1/me/photo", kJsonLimit), kJsonLimit);
  EXPECT_EQ(router.BodyLimitFor(Method::kPatch, "/api/v1/me", kJsonLimit), kJsonLimit);
  EXPECT_EQ(router.BodyLimitFor(Method::kGet, "/api/v1/me", kJsonLimit), kJsonLimit);
  for (std::string_view target : {"/api/v1/me/photo/", "/api/v1/personas//avatar", "/nope", "*", "",
                                  "?/api/v1/me/photo", "http://x/api/v1/me/photo"}) {
    EXPECT_EQ(router.BodyLimitFor(Method::kPut, target, kJsonLimit), kJsonLimit) << target;
  }
}

TEST(Router, TheRouteTableIsValidAndUnambiguous) {
  Router router(RouteTable());  // Aborts on a malformed or duplicate route.
  for (const Route& route : RouteTable()) {
    // Every route is reachable: its own pattern (parameters filled in) matches it first.
    std::string path;
    for (size_t i = 0; i < route.pattern.size(); ++i) {
      if (route.pattern[i] == '{') {
        path += "x";
        i = route.pattern.find('}', i);
      } else {
        path += route.pattern[i];
      }
    }
    RouteMatch match = router.Match(route.method, path);
    ASSERT_NE(match.route, nullptr) << route.pattern;
    EXPECT_EQ(match.route, &router.routes()[&route - RouteTable().data()]) << route.pattern;
  }
}

TEST(Router, ApiRoutesAreUnderApiAndOthersAreOperations) {
  std::set<std::string_view> outside;
  for (const Route& route : RouteTable()) {
    if (!IsApiPath(route.pattern)) outside.insert(route.pattern);
  }
  EXPECT_EQ(outside, (std::set<std::string_view>{"/healthz", "/readyz", "/metrics"}));
  EXPECT_TRUE(IsApiPath("/api"));
  EXPECT_TRUE(IsApiPath("/api/"));
  EXPECT_FALSE(IsApiPath("/apix"));
  EXPECT_FALSE(IsApiPath("/assets/api/x"));
}

TEST(RouterDeathTest, RejectsMalformedTables) {
  EXPECT_DEATH(Router({{Method::kGet, "api", Stub}}), "must start with '/'");
  EXPECT_DEATH(Router({{Method::kGet, "/a//b", Stub}}), "empty segment");
  EXPECT_DEATH(Router({{Method::kGet, "/a/x{id}", Stub}}), "whole segment");
  EXPECT_DEATH(Router({{Method::kGet, "/a", Stub}, {Method::kGet, "/a", Stub}}), "duplicate");
}

}  // namespace
}  // namespace enishi::api
