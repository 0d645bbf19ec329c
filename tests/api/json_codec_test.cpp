#include "api/json_codec.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

namespace enishi::api {
namespace {

using nlohmann::json;

Error ParseError(std::string_view body, int max_depth = kMaxJsonDepth) {
  auto parsed = ParseJsonObject(body, max_depth);
  EXPECT_FALSE(parsed.has_value()) << body;
  return parsed ? Error{} : parsed.error();
}

TEST(JsonCodec, ParsesAnObject) {
  auto parsed = ParseJsonObject(R"({"login": "ana@example.com", "n": [1, 2.5, true, null]})");
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ((*parsed)["login"], "ana@example.com");
  EXPECT_EQ((*parsed)["n"].size(), 4u);
}

TEST(JsonCodec, AcceptsNonAsciiText) {
  auto parsed = ParseJsonObject(R"({"display_name": "山田 花子", "e": "\u00e9\ud83d\ude00"})");
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ((*parsed)["display_name"], "山田 花子");
}

TEST(JsonCodec, RefusesMalformedJsonNamingThePosition) {
  Error error = ParseError("{\"login\": \"a\",\n \"x\" 1}");
  EXPECT_EQ(error.code, ErrorCode::kInvalidArgument);
  EXPECT_NE(error.message.find("malformed JSON"), std::string::npos) << error.message;
  EXPECT_NE(error.message.find("line 2, column 6"), std::string::npos) << error.message;
  EXPECT_EQ(error.message.find("json.exception"), std::string::npos) << error.message;
}

TEST(JsonCodec, RefusesEveryKindOfBrokenDocument) {
  for (std::string_view body :
       {"{", "}", "{\"a\":}", "{\"a\":1,}", "{'a':1}", "{\"a\":1} {}", "{\"a\":1}x", "nul",
        "{\"a\":01}", "{\"a\":1e999}", "{\"a\":\"\\x\"}", "{\"a\":\"\\ud800\"}", "{\"a\":NaN}",
        "{\"a\":1 /* c */}", "{\"a\":\"tab\there\"}"}) {
    Error error = ParseError(body);
    EXPECT_EQ(error.code, ErrorCode::kInvalidArgument) << body;
  }
}

TEST(JsonCodec, RefusesAnEmptyBody) {
  EXPECT_EQ(ParseError("").message, "the request body is empty; expected a JSON object");
}

TEST(JsonCodec, RefusesTopLevelsThatAreNotObjects) {
  for (std::string_view body : {"[]", "[{\"a\":1}]", "\"text\"", "42", "null", "true"}) {
    EXPECT_EQ(ParseError(body).message, "the request body must be a JSON object") << body;
  }
}

TEST(JsonCodec, RefusesDuplicateKeysAtAnyDepth) {
  Error error = ParseError(R"({"login": "a", "login": "b"})");
  EXPECT_EQ(error.field, "login");
  EXPECT_NE(error.message.find("duplicate key \"login\""), std::string::npos);
  EXPECT_EQ(ParseError(R"({"a": {"b": 1, "b": 2}})").field, "b");
  EXPECT_EQ(ParseError(R"({"a": [{"c": 1, "c": 1}]})").field, "c");
  // The same key in sibling objects is fine.
  EXPECT_TRUE(ParseJsonObject(R"({"a": {"b": 1}, "c": {"b": 2}, "d": [{"b": 3}, {"b": 4}]})"));
}

TEST(JsonCodec, RefusesInvalidUtf8NamingTheByte) {
  Error error = ParseError("{\"a\": \"\xff\"}");
  EXPECT_EQ(error.message, "the request body is not valid UTF-8 (byte 7)");
  for (std::string_view bad : {"{\"a\":\"\xc0\xaf\"}", "{\"a\":\"\xed\xa0\x80\"}",
                               "{\"a\":\"\xf4\x90\x80\x80\"}", "{\"a\":\"\xe3\x81\"}"}) {
    EXPECT_NE(ParseError(bad).message.find("not valid UTF-8"), std::string::npos);
  }
}

TEST(JsonCodec, LimitsNesting) {
  std::string deep(10, '[');
  std::string body = "{\"a\":" + deep + std::string(10, ']') + "}";
  EXPECT_TRUE(ParseJsonObject(body, 11));
  Error error = ParseError(body, 10);
  EXPECT_EQ(error.message, "the request body is nested deeper than 10 levels");
  // Far past the limit it stops early instead of recursing.
  std::string hostile = "{\"a\":" + std::string(100000, '[');
  EXPECT_NE(ParseError(hostile).message.find("nested deeper"), std::string::npos);
}

TEST(JsonCodec, RecognisesJsonContentTypes) {
  for (std::string_view type :
       {"application/json", "Application/JSON", "application/json; charset=utf-8",
        "application/json;charset=UTF-8", "application/json ; charset=\"utf-8\""}) {
    EXPECT_TRUE(IsJsonContentType(type)) << type;
  }
  for (std::string_view type :
       {"", "text/plain", "application/json-patch+json", "application/jsonx",
        "application/json; charset=latin1", "application/json; boundary=x",
        "application/x-www-form-urlencoded", "multipart/form-data", "application/json;"}) {
    EXPECT_FALSE(IsJsonContentType(type)) << type;
  }
}

TEST(FieldReader, ReadsRequiredAndOptionalStrings) {
  json body = {{"login", "ana@example.com"}, {"locale", "ja"}, {"client", nullptr}};
  FieldReader fields(body);
  EXPECT_EQ(fields.RequireString("login"), "ana@example.com");
  EXPECT_EQ(fields.OptionalString("locale"), "ja");
  EXPECT_EQ(fields.OptionalString("client"), std::nullopt);  // null is absent.
  EXPECT_EQ(fields.OptionalString("display_name"), std::nullopt);
  EXPECT_TRUE(fields.Finish());
}

TEST(FieldReader, NamesAMissingField) {
  json body = {{"login", "a"}};
  FieldReader fields(body);
  (void)fields.RequireString("login");
  EXPECT_EQ(fields.RequireString("password"), "");
  auto finished = fields.Finish();
  ASSERT_FALSE(finished);
  EXPECT_EQ(finished.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(finished.error().field, "password");
  EXPECT_EQ(finished.error().message, "missing field \"password\"");
}

TEST(FieldReader, NamesAWrongType) {
  for (json value : {json(1), json(true), json::array(), json::object(), json(nullptr)}) {
    json body = {{"login", value}};
    FieldReader fields(body);
    (void)fields.RequireString("login");
    auto finished = fields.Finish();
    ASSERT_FALSE(finished) << value;
    EXPECT_EQ(finished.error().field, "login");
    EXPECT_EQ(finished.error().message, "field \"login\" must be a string");
  }
  json body = {{"locale", 7}};
  FieldReader fields(body);
  (void)fields.OptionalString("locale");
  EXPECT_EQ(fields.Finish().error().field, "locale");
}

TEST(FieldReader, RefusesUnknownFields) {
  json body = {{"display_name", "Ana"}, {"id", "x"}, {"created_at", "2020-01-01T00:00:00Z"}};
  FieldReader fields(body);
  (void)fields.OptionalString("display_name");
  (void)fields.OptionalString("locale");
  auto finished = fields.Finish();
  ASSERT_FALSE(finished);
  EXPECT_EQ(finished.error().field, "created_at");  // Keys are checked in sorted order.
  EXPECT_EQ(finished.error().message, "unknown field \"created_at\"");
}

TEST(FieldReader, ReportsTheFirstProblemInReadingOrder) {
  json body = {{"a", 1}, {"b", 2}, {"zzz", 3}};
  FieldReader fields(body);
  (void)fields.RequireString("b");
  (void)fields.RequireString("a");
  EXPECT_EQ(fields.Finish().error().field, "b");
}

TEST(FieldReader, LimitsStringsAndRefusesNul) {
  json body = {{"name", std::string(kMaxStringBytes + 1, 'x')},
               {"short", "abcd"},
               {"nul", std::string("a\0b", 3)}};
  {
    FieldReader fields(body);
    (void)fields.RequireString("name");
    EXPECT_EQ(fields.Finish().error().message, "field \"name\" is too long (at most 1024 bytes)");
  }
  {
    FieldReader fields(body);
    (void)fields.RequireString("short", 3);
    EXPECT_EQ(fields.Finish().error().field, "short");
  }
  {
    FieldReader fields(body);
    (void)fields.RequireString("nul");
    EXPECT_EQ(fields.Finish().error().message, "field \"nul\" must not contain U+0000");
  }
}

TEST(FieldReader, EchoesAtMostAShortPrefixOfHostileKeys) {
  std::string key(100000, 'k');
  json body = {{key, 1}};
  FieldReader fields(body);
  auto finished = fields.Finish();
  ASSERT_FALSE(finished);
  EXPECT_EQ(finished.error().field.size(), 128u);
  EXPECT_LT(finished.error().message.size(), 200u);
}

TEST(JsonCodec, DumpReplacesInvalidUtf8InsteadOfThrowing) {
  json value = {{"name", "ok\xff"}};
  EXPECT_EQ(DumpJson(value), "{\"name\":\"ok\xEF\xBF\xBD\"}");
}

TEST(JsonCodec, JsonResponseSetsStatusAndContentType) {
  Response response = JsonResponse(202, {{"status", "verification_sent"}});
  EXPECT_EQ(response.status, 202);
  EXPECT_EQ(response.body, R"({"status":"verification_sent"})");
  ASSERT_EQ(response.headers.size(), 1u);
  EXPECT_EQ(response.headers[0].first, "Content-Type");
  EXPECT_EQ(response.headers[0].second, "application/json");
}

}  // namespace
}  // namespace enishi::api
