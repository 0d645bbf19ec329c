#include "api/middleware.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "api/cookies.hpp"
#include "domain/media/image.hpp"

namespace enishi::api {
namespace {

Request WithHeaders(std::vector<std::pair<std::string, std::string>> headers, bool secure = false) {
  Request request;
  request.method = Method::kPost;
  request.target = "/api/v1/login";
  request.headers = std::move(headers);
  request.secure = secure;
  return request;
}

TEST(Middleware, UnsafeMethodsAreEverythingButGetHeadOptions) {
  EXPECT_FALSE(IsUnsafeMethod(Method::kGet));
  EXPECT_FALSE(IsUnsafeMethod(Method::kHead));
  EXPECT_FALSE(IsUnsafeMethod(Method::kOptions));
  for (Method method :
       {Method::kPost, Method::kPut, Method::kPatch, Method::kDelete, Method::kOther}) {
    EXPECT_TRUE(IsUnsafeMethod(method));
  }
}

TEST(Middleware, OriginMayBeAbsentOrTheServersOwn) {
  std::vector<std::string> none;
  EXPECT_TRUE(OriginAllowed(WithHeaders({}), none));
  EXPECT_TRUE(OriginAllowed(
      WithHeaders({{"host", "enishi.example"}, {"origin", "http://enishi.example"}}), none));
  EXPECT_TRUE(OriginAllowed(
      WithHeaders({{"host", "Enishi.Example:443"}, {"origin", "https://enishi.example"}}, true),
      none));
  EXPECT_TRUE(OriginAllowed(
      WithHeaders({{"host", "127.0.0.1:8080"}, {"origin", "http://127.0.0.1:8080"}}), none));
}

TEST(Middleware, ForeignOriginsAreRefusedUnlessAllowed) {
  std::vector<std::string> none;
  Request evil =
      WithHeaders({{"host", "enishi.example"}, {"origin", "https://evil.example"}}, true);
  EXPECT_FALSE(OriginAllowed(evil, none));
  EXPECT_TRUE(OriginAllowed(evil, {"https://evil.example"}));
  // Scheme and port are part of the origin.
  EXPECT_FALSE(OriginAllowed(
      WithHeaders({{"host", "enishi.example"}, {"origin", "http://enishi.example"}}, true), none));
  EXPECT_FALSE(OriginAllowed(
      WithHeaders({{"host", "enishi.example"}, {"origin", "http://enishi.example:8080"}}), none));
  for (std::string origin : {"null", "", "file://", "enishi.example", "https://enishi.example/x",
                             "https://user@enishi.example"}) {
    EXPECT_FALSE(OriginAllowed(WithHeaders({{"host", "enishi.example"}, {"origin", origin}}),
                               {"https://enishi.example"}))
        << origin;
  }
  // Without Host there is nothing to compare with.
  EXPECT_FALSE(OriginAllowed(WithHeaders({{"origin", "http://enishi.example"}}), none));
}

TEST(Middleware, ReadsBearerBeforeCookie) {
  // Credential views the request, so each request is kept alive while its view is used.
  Request both = WithHeaders(
      {{"authorization", "Bearer  tok-123 "}, {"cookie", "enishi_session=from-cookie"}});
  Credential bearer = ReadCredential(both);
  EXPECT_EQ(bearer.source, CredentialSource::kBearer);
  EXPECT_EQ(bearer.token, "tok-123");
  EXPECT_EQ(ReadCredential(WithHeaders({{"authorization", "bearer x"}})).token, "x");

  Request cookies = WithHeaders({{"cookie", "theme=dark; enishi_session=abc; enishi_csrf=def"}});
  Credential cookie = ReadCredential(cookies);
  EXPECT_EQ(cookie.source, CredentialSource::kCookie);
  EXPECT_EQ(cookie.token, "abc");

  EXPECT_EQ(ReadCredential(WithHeaders({})).source, CredentialSource::kNone);
  EXPECT_EQ(ReadCredential(WithHeaders({{"cookie", "enishi_session="}})).source,
            CredentialSource::kNone);
}

TEST(Middleware, AMalformedAuthorizationNeverFallsBackToTheCookie) {
  for (std::string value : {"Basic dXNlcjpwYXNz", "Bearer", "Bearer ", "", "Token abc"}) {
    Request request = WithHeaders({{"authorization", value}, {"cookie", "enishi_session=abc"}});
    Credential credential = ReadCredential(request);
    EXPECT_EQ(credential.source, CredentialSource::kBearer) << value;
    EXPECT_TRUE(credential.token.empty()) << value;
  }
}

TEST(Middleware, SecurityHeadersAndHstsOnlyOverTls) {
  Response plain;
  AddSecurityHeaders(plain, "default-src 'self'", std::chrono::seconds(100), false);
  EXPECT_EQ(ResponseHeader(plain, "x-content-type-options"), "nosniff");
  EXPECT_EQ(ResponseHeader(plain, "Referrer-Policy"), "no-referrer");
  EXPECT_EQ(ResponseHeader(plain, "X-Frame-Options"), "DENY");
  EXPECT_EQ(ResponseHeader(plain, "Content-Security-Policy"), "default-src 'self'");
  EXPECT_EQ(ResponseHeader(plain, "Strict-Transport-Security"), "");

  Response tls;
  AddSecurityHeaders(tls, "x", std::chrono::seconds(100), true);
  EXPECT_EQ(ResponseHeader(tls, "Strict-Transport-Security"), "max-age=100");
}

TEST(Middleware, ImageContentTypesAreJpegPngAndWebp) {
  for (std::string_view type : {"image/jpeg", "image/png", "image/webp", "IMAGE/JPEG",
                                " image/png ", "image/webp; q=1", "image/jpeg;charset=binary"}) {
    EXPECT_TRUE(IsImageContentType(type)) << type;
  }
  for (std::string_view type :
       {"", "image/gif", "image/svg+xml", "image/heic", "image/jpg", "image/", "image/jpegx",
        "application/json", "text/plain", "application/octet-stream", "multipart/form-data"}) {
    EXPECT_FALSE(IsImageContentType(type)) << type;
  }
}

TEST(Middleware, ImageBodiesNeedAnImageTypeAndSomeBytes) {
  auto upload = [](std::string body, std::vector<std::pair<std::string, std::string>> headers) {
    Request request = WithHeaders(std::move(headers));
    request.method = Method::kPut;
    request.body = std::move(body);
    return CheckImageBody(request);
  };
  EXPECT_FALSE(upload("\xFF\xD8\xFF", {{"content-type", "image/jpeg"}}).has_value());
  // What the bytes really are is the image processor's business, not the header's.
  EXPECT_FALSE(upload("GIF89a", {{"content-type", "image/png"}}).has_value());

  for (auto headers : std::vector<std::vector<std::pair<std::string, std::string>>>{
           {}, {{"content-type", "application/json"}}, {{"content-type", "image/gif"}}}) {
    auto refused = upload("\xFF\xD8\xFF", headers);
    ASSERT_TRUE(refused.has_value());
    EXPECT_EQ(refused->status, 415);
    auto body = nlohmann::json::parse(refused->body);
    EXPECT_EQ(body["error"]["code"], "unsupported_media_type");
    EXPECT_EQ(body["error"]["message"],
              "send the image as the request body with Content-Type image/jpeg, image/png or "
              "image/webp");
  }

  auto empty = upload("", {{"content-type", "image/webp"}});
  ASSERT_TRUE(empty.has_value());
  EXPECT_EQ(empty->status, 400);
  auto body = nlohmann::json::parse(empty->body);
  EXPECT_EQ(body["error"]["code"], "invalid_argument");
  EXPECT_EQ(body["error"]["field"], "image");

  auto huge = upload(std::string(media::kMaxUploadBytes + 1, 'x'), {{"content-type", "image/png"}});
  ASSERT_TRUE(huge.has_value());
  EXPECT_EQ(huge->status, 413);
  EXPECT_FALSE(upload(std::string(media::kMaxUploadBytes, 'x'), {{"content-type", "image/png"}})
                   .has_value());
}

TEST(Cookies, FindsTheFirstCookieOfAName) {
  Request request =
      WithHeaders({{"cookie", "a=1;b=2 ; enishi_csrf=\"q\"; b=3"}, {"cookie", "c=4"}});
  EXPECT_EQ(FindCookie(request, "a"), "1");
  EXPECT_EQ(FindCookie(request, "b"), "2");
  EXPECT_EQ(FindCookie(request, "enishi_csrf"), "q");
  EXPECT_EQ(FindCookie(request, "c"), "4");
  EXPECT_EQ(FindCookie(request, "d"), "");
  EXPECT_EQ(FindCookie(WithHeaders({{"cookie", "novalue; =x; ;;"}}), "novalue"), "");
}

TEST(Cookies, FormatsAttributes) {
  CookieOptions lax;
  EXPECT_EQ(FormatSetCookie({kSessionCookie, "tok", std::chrono::seconds(60), true}, lax, false),
            "enishi_session=tok; Path=/; Max-Age=60; HttpOnly; SameSite=Lax");
  EXPECT_EQ(FormatSetCookie({kCsrfCookie, "c", std::chrono::seconds(60), false}, lax, true),
            "enishi_csrf=c; Path=/; Max-Age=60; SameSite=Lax; Secure");
  CookieOptions strict{.always_secure = true, .same_site = SameSite::kStrict};
  EXPECT_EQ(FormatSetCookie({kSessionCookie, "", std::chrono::seconds(-5), true}, strict, false),
            "enishi_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict; Secure");
}

TEST(Cookies, PercentEncodesWhatACookieCannotHold) {
  CookieOptions options;
  EXPECT_EQ(FormatSetCookie({"n", "a b;c\"d%\xff", std::chrono::seconds(1), false}, options, false),
            "n=a%20b%3Bc%22d%25%FF; Path=/; Max-Age=1; SameSite=Lax");
}

}  // namespace
}  // namespace enishi::api
