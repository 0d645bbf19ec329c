#include "api/json_writer.hpp"

#include "core/check.hpp"

// Misuse of the writer (a value where a key belongs, closing what is not open) would write
// broken JSON in a release build; RapidJSON checks for it with this macro, so the checks stay.
#define RAPIDJSON_ASSERT(condition) ENISHI_CHECK(condition, "JSON is written in a valid order")
#include <rapidjson/writer.h>

#include <nlohmann/json.hpp>
#include <utility>

#include "api/json_codec.hpp"

namespace enishi::api {
namespace {

// A profile view is about 1.5 KB: one allocation for most answers.
constexpr size_t kInitialCapacity = 2048;

rapidjson::SizeType Length(std::string_view text) {
  ENISHI_CHECK(text.size() <= UINT32_MAX, "JSON strings are shorter than 4 GiB");
  return static_cast<rapidjson::SizeType>(text.size());
}

}  // namespace

struct JsonWriter::Impl {
  // RapidJSON's output stream concept over the answer's own string: no copy at the end.
  class StringOutput {
   public:
    using Ch = char;
    explicit StringOutput(std::string& text) : text_(text) {}
    void Put(char c) { text_.push_back(c); }
    void Flush() {}

   private:
    std::string& text_;
  };

  Impl() : output(text), writer(output) { text.reserve(kInitialCapacity); }

  std::string text;
  StringOutput output;
  rapidjson::Writer<StringOutput> writer;
};

JsonWriter::JsonWriter() : impl_(std::make_unique<Impl>()) {}
JsonWriter::~JsonWriter() = default;

JsonWriter& JsonWriter::Key(std::string_view key) {
  impl_->writer.Key(key.data(), Length(key));
  return *this;
}

JsonWriter& JsonWriter::StartObject() {
  impl_->writer.StartObject();
  return *this;
}

JsonWriter& JsonWriter::EndObject() {
  impl_->writer.EndObject();
  return *this;
}

JsonWriter& JsonWriter::StartArray() {
  impl_->writer.StartArray();
  return *this;
}

JsonWriter& JsonWriter::EndArray() {
  impl_->writer.EndArray();
  return *this;
}

JsonWriter& JsonWriter::String(std::string_view value) {
  // Stored text was valid UTF-8 when it was accepted; anything else is mended, not refused.
  if (FirstInvalidUtf8(value) != std::string_view::npos) return Document(std::string(value));
  impl_->writer.String(value.data(), Length(value));
  return *this;
}

JsonWriter& JsonWriter::Int(int64_t value) {
  impl_->writer.Int64(value);
  return *this;
}

JsonWriter& JsonWriter::Bool(bool value) {
  impl_->writer.Bool(value);
  return *this;
}

JsonWriter& JsonWriter::Null() {
  impl_->writer.Null();
  return *this;
}

JsonWriter& JsonWriter::Document(const nlohmann::json& value) {
  std::string text = DumpJson(value);
  // The type only tells the writer whether the value is a container: both are written whole.
  rapidjson::Type type = value.is_structured() ? rapidjson::kObjectType : rapidjson::kStringType;
  impl_->writer.RawValue(text.data(), text.size(), type);
  return *this;
}

std::string JsonWriter::Finish() && {
  ENISHI_CHECK(impl_->writer.IsComplete(), "every JSON object and array is closed");
  return std::move(impl_->text);
}

nlohmann::json ToDocument(JsonWriter&& written) {
  return nlohmann::json::parse(std::move(written).Finish());
}

nlohmann::json WriteDocument(const std::function<void(JsonWriter&)>& write) {
  JsonWriter out;
  write(out);
  return ToDocument(std::move(out));
}

Response JsonResponse(int status, JsonWriter&& body) {
  Response response;
  response.status = status;
  response.body = std::move(body).Finish();
  response.SetHeader("Content-Type", "application/json");
  return response;
}

}  // namespace enishi::api
