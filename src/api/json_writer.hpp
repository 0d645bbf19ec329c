#pragma once
// JSON text written as it is produced, for answers read often enough that building a
// nlohmann::json document first would cost: every key and string of a document is an
// allocation, and then it is walked again to be dumped (docs/PERFORMANCE.md, the profile
// view). RapidJSON's writer does the escaping; strings that are not valid UTF-8 are written
// with U+FFFD in their place, as DumpJson does. Not thread-safe; one per answer.
//
//   JsonWriter out;
//   out.StartObject();
//   out.Key("id").String(member.ToString());
//   out.Key("skills").StartArray();
//   ...
//   out.EndArray().EndObject();
//   return JsonResponse(200, std::move(out));

#include <cstdint>
#include <functional>
#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>

#include "api/request.hpp"

namespace enishi::api {

class JsonWriter {
 public:
  JsonWriter();
  ~JsonWriter();
  JsonWriter(const JsonWriter&) = delete;
  JsonWriter& operator=(const JsonWriter&) = delete;

  // Keys are the codec's own names; a key must be followed by its value. Misuse (a value where
  // a key belongs, a key without its value, closing what is not open) would write broken JSON:
  // it is a programming error and aborts, in every build.
  JsonWriter& Key(std::string_view key);
  JsonWriter& StartObject();
  JsonWriter& EndObject();
  JsonWriter& StartArray();
  JsonWriter& EndArray();
  JsonWriter& String(std::string_view value);
  JsonWriter& Int(int64_t value);
  JsonWriter& Bool(bool value);
  JsonWriter& Null();
  // A value built as a document, written whole.
  JsonWriter& Document(const nlohmann::json& value);

  // The text written. REQUIRES: exactly one complete value was written.
  std::string Finish() &&;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The written value as a document, for answers that embed it in one of their own.
nlohmann::json ToDocument(JsonWriter&& written);

// The document form of what `write` writes.
nlohmann::json WriteDocument(const std::function<void(JsonWriter&)>& write);

// A response whose body is the written JSON, with Content-Type application/json.
Response JsonResponse(int status, JsonWriter&& body);

}  // namespace enishi::api
