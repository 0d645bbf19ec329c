#include "api/json_writer.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "api/json_codec.hpp"

namespace enishi::api {
namespace {

using nlohmann::json;

std::string Written(const std::function<void(JsonWriter&)>& write) {
  JsonWriter out;
  write(out);
  return std::move(out).Finish();
}

TEST(JsonWriter, WritesNestedValuesInOrder) {
  std::string text = Written([](JsonWriter& out) {
    out.StartObject();
    out.Key("id").String("m1");
    out.Key("n").Int(-42);
    out.Key("big").Int(INT64_MAX);
    out.Key("ok").Bool(true);
    out.Key("none").Null();
    out.Key("list").StartArray().String("a").StartObject().EndObject().EndArray();
    out.EndObject();
  });
  EXPECT_EQ(text, R"({"id":"m1","n":-42,"big":9223372036854775807,"ok":true,"none":null,)"
                  R"("list":["a",{}]})");
}

// Whatever a member typed reads back exactly as typed, and cannot break out of its string.
TEST(JsonWriter, EscapesHostileText) {
  const std::string hostile[] = {
      "plain",
      "山田 花子 🙂",
      "quote \" backslash \\ slash /",
      std::string("nul \0 inside", 12),
      "controls \x01\x08\t\n\f\r\x1f\x7f",
      "\"}],\"injected\":true,\"x\":[{\"",
      "\u2028\u2029",
  };
  for (const std::string& text : hostile) {
    std::string written = Written([&](JsonWriter& out) {
      out.StartObject().Key("k").String(text).Key("after").Int(1).EndObject();
    });
    EXPECT_EQ(json::parse(written), json({{"k", text}, {"after", 1}})) << written;
    for (char c : written) EXPECT_GE(static_cast<unsigned char>(c), 0x20) << written;
  }
}

TEST(JsonWriter, InvalidUtf8BecomesTheReplacementCharacter) {
  const std::string invalid[] = {"bad \xff byte", "cut \xe5\xb1", "overlong \xc0\xaf",
                                 "surrogate \xed\xa0\x80"};
  for (const std::string& text : invalid) {
    std::string written =
        Written([&](JsonWriter& out) { out.StartArray().String(text).EndArray(); });
    EXPECT_EQ(FirstInvalidUtf8(written), std::string_view::npos) << written;
    EXPECT_EQ(written, "[" + DumpJson(json(text)) + "]");
    EXPECT_NE(written.find("\xef\xbf\xbd"), std::string::npos) << written;
  }
}

TEST(JsonWriter, EmbedsDocumentsWhole) {
  std::string text = Written([](JsonWriter& out) {
    out.StartObject();
    out.Key("doc").Document(json{{"b", 1}, {"a", json::array({"x", nullptr})}});
    out.Key("text").Document(json("é"));
    out.Key("after").Int(1);
    out.EndObject();
  });
  EXPECT_EQ(json::parse(text),
            json({{"doc", {{"a", {"x", nullptr}}, {"b", 1}}}, {"text", "é"}, {"after", 1}}));
}

TEST(JsonWriter, GivesDocumentsAndResponses) {
  json document = WriteDocument([](JsonWriter& out) {
    out.StartObject().Key("k").StartArray().Int(1).Int(2).EndArray().EndObject();
  });
  EXPECT_EQ(document, json({{"k", {1, 2}}}));

  JsonWriter body;
  body.StartObject().Key("status").String("ok").EndObject();
  Response response = JsonResponse(201, std::move(body));
  EXPECT_EQ(response.status, 201);
  EXPECT_EQ(response.body, R"({"status":"ok"})");
  using Header = std::pair<std::string, std::string>;
  EXPECT_EQ(response.headers, std::vector<Header>({{"Content-Type", "application/json"}}));
}

// Misuse would write broken JSON; it is a programming error, caught in every build.
TEST(JsonWriterDeathTest, RefusesMisuse) {
  // A value where a key belongs, a key where a value belongs or outside an object.
  EXPECT_DEATH(Written([](JsonWriter& out) { out.StartObject().Int(1); }), "follows its key");
  EXPECT_DEATH(Written([](JsonWriter& out) { out.StartObject().Document(json(1)); }),
               "follows its key");
  EXPECT_DEATH(Written([](JsonWriter& out) { out.StartObject().Key("a").Key("b"); }),
               "next member");
  EXPECT_DEATH(Written([](JsonWriter& out) { out.StartArray().Key("a"); }), "next member");
  // A key without its value, closing the wrong thing, leaving things open, two roots.
  EXPECT_DEATH(Written([](JsonWriter& out) { out.StartObject().Key("a").EndObject(); }),
               "whole member");
  EXPECT_DEATH(Written([](JsonWriter& out) { out.StartArray().EndObject(); }), "innermost");
  EXPECT_DEATH(Written([](JsonWriter& out) { out.StartObject(); }), "closed");
  EXPECT_DEATH(Written([](JsonWriter&) {}), "closed");
  EXPECT_DEATH(Written([](JsonWriter& out) { out.Int(1).Int(2); }), "one value");
}

}  // namespace
}  // namespace enishi::api
