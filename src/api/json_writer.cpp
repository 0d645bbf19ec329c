#include "api/json_writer.hpp"

#include <rapidjson/writer.h>

#include <limits>
#include <nlohmann/json.hpp>
#include <utility>
#include <vector>

#include "api/json_codec.hpp"
#include "core/check.hpp"

namespace enishi::api {
namespace {

// A profile view is about 1.5 KB: one allocation for most answers.
constexpr size_t kInitialCapacity = 2048;

rapidjson::SizeType CheckedLength(std::string_view text) {
  ENISHI_CHECK(text.size() <= std::numeric_limits<rapidjson::SizeType>::max(),
               "a JSON string fits RapidJSON's length type");
  return static_cast<rapidjson::SizeType>(text.size());
}

// What RapidJSON calls the type of a value written whole.
rapidjson::Type TypeOf(const nlohmann::json& value) {
  if (value.is_object()) return rapidjson::kObjectType;
  if (value.is_array()) return rapidjson::kArrayType;
  if (value.is_string()) return rapidjson::kStringType;
  if (value.is_number()) return rapidjson::kNumberType;
  if (value.is_boolean()) return value.get<bool>() ? rapidjson::kTrueType : rapidjson::kFalseType;
  return rapidjson::kNullType;
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

  enum class Open : char { kObject, kArray };

  Impl() : output(text), writer(output) { text.reserve(kInitialCapacity); }

  // RapidJSON checks the order of what is written only with assert(), which release builds
  // leave out, and not at all for a key without a value. These checks stay in every build.
  void BeforeKey() {
    ENISHI_CHECK(!open.empty() && open.back() == Open::kObject && !after_key,
                 "a key is written only where an object's next member starts");
    after_key = true;
  }
  void BeforeValue() {
    if (open.empty()) {
      ENISHI_CHECK(!has_root, "JSON text holds one value");
      has_root = true;
    } else if (open.back() == Open::kObject) {
      ENISHI_CHECK(after_key, "an object's value follows its key");
    }
    after_key = false;
  }
  void Close(Open what) {
    ENISHI_CHECK(!open.empty() && open.back() == what && !after_key,
                 "only the innermost open object or array is closed, after a whole member");
    open.pop_back();
  }

  std::string text;
  StringOutput output;
  rapidjson::Writer<StringOutput> writer;
  std::vector<Open> open;
  bool after_key = false;
  bool has_root = false;
};

JsonWriter::JsonWriter() : impl_(std::make_unique<Impl>()) {}
JsonWriter::~JsonWriter() = default;

JsonWriter& JsonWriter::Key(std::string_view key) {
  impl_->BeforeKey();
  impl_->writer.Key(key.data(), CheckedLength(key));
  return *this;
}

JsonWriter& JsonWriter::StartObject() {
  impl_->BeforeValue();
  impl_->open.push_back(Impl::Open::kObject);
  impl_->writer.StartObject();
  return *this;
}

JsonWriter& JsonWriter::EndObject() {
  impl_->Close(Impl::Open::kObject);
  impl_->writer.EndObject();
  return *this;
}

JsonWriter& JsonWriter::StartArray() {
  impl_->BeforeValue();
  impl_->open.push_back(Impl::Open::kArray);
  impl_->writer.StartArray();
  return *this;
}

JsonWriter& JsonWriter::EndArray() {
  impl_->Close(Impl::Open::kArray);
  impl_->writer.EndArray();
  return *this;
}

JsonWriter& JsonWriter::String(std::string_view value) {
  // Stored text was valid UTF-8 when it was accepted; anything else is mended, not refused.
  if (FirstInvalidUtf8(value) != std::string_view::npos) return Document(std::string(value));
  impl_->BeforeValue();
  impl_->writer.String(value.data(), CheckedLength(value));
  return *this;
}

JsonWriter& JsonWriter::Int(int64_t value) {
  impl_->BeforeValue();
  impl_->writer.Int64(value);
  return *this;
}

JsonWriter& JsonWriter::Bool(bool value) {
  impl_->BeforeValue();
  impl_->writer.Bool(value);
  return *this;
}

JsonWriter& JsonWriter::Null() {
  impl_->BeforeValue();
  impl_->writer.Null();
  return *this;
}

JsonWriter& JsonWriter::Document(const nlohmann::json& value) {
  impl_->BeforeValue();
  std::string text = DumpJson(value);
  impl_->writer.RawValue(text.data(), text.size(), TypeOf(value));
  return *this;
}

std::string JsonWriter::Finish() && {
  ENISHI_CHECK(impl_->has_root && impl_->open.empty(), "every JSON object and array is closed");
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
