#include "api/json_codec.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <utility>

#include "api/text.hpp"

namespace enishi::api {
namespace {

using nlohmann::json;

// A key as echoed in messages and `field`: a hostile body may hold megabyte-long keys.
std::string Shown(std::string_view name) {
  constexpr size_t kMaxShownBytes = 128;
  return std::string(name.substr(0, kMaxShownBytes));
}

std::string Quoted(std::string_view name) { return "\"" + Shown(name) + "\""; }


// Builds the document like nlohmann's own DOM parser, but refuses duplicate keys (which
// nlohmann silently resolves to the last one, letting two readers of one body disagree) and
// nesting past a depth limit (which the recursive destructor and our readers need).
// Returning false from a callback stops the parse.
class StrictDomBuilder {
 public:
  explicit StrictDomBuilder(int max_depth) : max_depth_(max_depth) {}

  bool null() { return Scalar(nullptr); }
  bool boolean(bool value) { return Scalar(value); }
  bool number_integer(json::number_integer_t value) { return Scalar(value); }
  bool number_unsigned(json::number_unsigned_t value) { return Scalar(value); }
  bool number_float(json::number_float_t value, const json::string_t&) { return Scalar(value); }
  bool string(json::string_t& value) { return Scalar(std::move(value)); }
  bool binary(json::binary_t&) {
    return Stop(InvalidArgument("binary values are not JSON"));  // Unreachable from text.
  }
  bool start_object(size_t) { return Open(json::value_t::object); }
  bool start_array(size_t) { return Open(json::value_t::array); }
  bool end_object() { return Close(); }
  bool end_array() { return Close(); }

  bool key(json::string_t& name) {
    json& object = *open_.back();
    if (object.contains(name)) {
      return Stop(
          InvalidArgument("duplicate key " + Quoted(name) + " in the request body", Shown(name)));
    }
    slot_ = &object[name];
    return true;
  }

  bool parse_error(size_t, const std::string&, const nlohmann::detail::exception& error) {
    // "[json.exception.parse_error.101] parse error at line 1, column 9: syntax error ...":
    // keep the part after the tag, which names the position.
    std::string_view what = error.what();
    if (size_t tag_end = what.find("] "); tag_end != std::string_view::npos) {
      what.remove_prefix(tag_end + 2);
    }
    return Stop(InvalidArgument("malformed JSON: " + std::string(what)));
  }

  json& root() { return root_; }
  const std::optional<Error>& error() const { return error_; }

 private:
  template <class Value>
  bool Scalar(Value&& value) {
    Put(std::forward<Value>(value));
    return true;
  }

  // Stores `value` where the document is at (the root, the next array element, or the slot of
  // the last key) and returns where it went.
  template <class Value>
  json* Put(Value&& value) {
    if (open_.empty()) {
      root_ = json(std::forward<Value>(value));
      return &root_;
    }
    json& container = *open_.back();
    if (container.is_array()) {
      container.emplace_back(std::forward<Value>(value));
      return &container.back();
    }
    *slot_ = json(std::forward<Value>(value));
    return slot_;
  }

  bool Open(json::value_t type) {
    if (static_cast<int>(open_.size()) >= max_depth_) {
      return Stop(InvalidArgument("the request body is nested deeper than " +
                                  std::to_string(max_depth_) + " levels"));
    }
    open_.push_back(Put(type));
    return true;
  }

  bool Close() {
    open_.pop_back();
    return true;
  }

  bool Stop(Error error) {
    if (!error_) error_ = std::move(error);
    return false;
  }

  int max_depth_;
  json root_;
  std::vector<json*> open_;  // Containers being filled, innermost last.
  json* slot_ = nullptr;     // Where the value after the last key goes.
  std::optional<Error> error_;
};

}  // namespace

size_t FirstInvalidUtf8(std::string_view text) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  for (size_t i = 0; i < text.size();) {
    unsigned char lead = byte(i);
    if (lead < 0x80) {
      ++i;
      continue;
    }
    size_t length = (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : (lead >> 3) == 0x1E ? 4 : 0;
    if (length == 0 || i + length > text.size()) return i;
    for (size_t k = 1; k < length; ++k) {
      if ((byte(i + k) & 0xC0) != 0x80) return i;
    }
    if ((length == 2 && lead < 0xC2) || (length == 3 && lead == 0xE0 && byte(i + 1) < 0xA0) ||
        (length == 3 && lead == 0xED && byte(i + 1) >= 0xA0) ||
        (length == 4 && lead == 0xF0 && byte(i + 1) < 0x90) ||
        (length == 4 && (lead > 0xF4 || (lead == 0xF4 && byte(i + 1) >= 0x90)))) {
      return i;
    }
    i += length;
  }
  return std::string_view::npos;
}

bool IsJsonContentType(std::string_view content_type) {
  size_t semicolon = content_type.find(';');
  if (!EqualsIgnoringCase(TrimWhitespace(content_type.substr(0, semicolon)), "application/json")) {
    return false;
  }
  if (semicolon == std::string_view::npos) return true;
  // The only parameter accepted is the charset JSON must use anyway (RFC 8259 §8.1).
  std::string_view parameter = TrimWhitespace(content_type.substr(semicolon + 1));
  size_t equals = parameter.find('=');
  if (equals == std::string_view::npos) return false;
  std::string_view value = TrimWhitespace(parameter.substr(equals + 1));
  if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
    value = value.substr(1, value.size() - 2);
  }
  return EqualsIgnoringCase(TrimWhitespace(parameter.substr(0, equals)), "charset") &&
         EqualsIgnoringCase(value, "utf-8");
}

Result<json> ParseJsonObject(std::string_view body, int max_depth) {
  if (body.empty()) return InvalidArgument("the request body is empty; expected a JSON object");
  if (size_t bad = FirstInvalidUtf8(body); bad != std::string_view::npos) {
    return InvalidArgument("the request body is not valid UTF-8 (byte " + std::to_string(bad) +
                           ")");
  }
  StrictDomBuilder builder(max_depth);
  try {
    bool ok = json::sax_parse(body.begin(), body.end(), &builder, json::input_format_t::json,
                              /*strict=*/true, /*ignore_comments=*/false);
    if (!ok || builder.error()) {
      return builder.error().value_or(InvalidArgument("malformed JSON"));
    }
  } catch (const json::exception& e) {
    // sax_parse reports problems through parse_error(); this is only a safety net.
    return InvalidArgument(std::string("malformed JSON: ") + e.what());
  }
  if (!builder.root().is_object()) {
    return InvalidArgument("the request body must be a JSON object");
  }
  return std::move(builder.root());
}

FieldReader::FieldReader(const json& object) : FieldReader(object, "", nullptr) {}

FieldReader::FieldReader(const json& object, std::string path, FieldReader* root)
    : object_(&object), path_(std::move(path)), root_(root) {}

std::string FieldReader::PathOf(std::string_view name) const {
  if (path_.empty()) return Shown(name);
  return path_ + "." + Shown(name);
}

const json* FieldReader::Find(std::string_view name) {
  read_.emplace_back(name);
  if (!object_->is_object()) return nullptr;
  auto it = object_->find(name);
  return it == object_->end() ? nullptr : &*it;
}

void FieldReader::Fail(Error error) {
  if (root_ != nullptr) return root_->Fail(std::move(error));
  if (!first_error_) first_error_ = std::move(error);
}

void FieldReader::Fail(std::string_view name, std::string_view problem) {
  std::string field = PathOf(name);
  Fail(InvalidArgument(field + " " + std::string(problem), field));
}

std::optional<std::string> FieldReader::ReadString(std::string_view name, size_t max_bytes,
                                                   bool required) {
  const json* value = Find(name);
  std::string field = PathOf(name);
  if (value == nullptr) {
    if (required) Fail(InvalidArgument("missing field \"" + field + "\"", field));
    return std::nullopt;
  }
  if (value->is_null() && !required) return std::nullopt;
  if (!value->is_string()) {
    Fail(InvalidArgument("field \"" + field + "\" must be a string", field));
    return std::nullopt;
  }
  const std::string& text = value->get_ref<const std::string&>();
  if (text.size() > max_bytes) {
    Fail(InvalidArgument(
        "field \"" + field + "\" is too long (at most " + std::to_string(max_bytes) + " bytes)",
        field));
    return std::nullopt;
  }
  // A NUL would be cut short by every C API downstream, so two layers would see two values.
  if (text.find('\0') != std::string::npos) {
    Fail(InvalidArgument("field \"" + field + "\" must not contain U+0000", field));
    return std::nullopt;
  }
  return text;
}

std::string FieldReader::RequireString(std::string_view name, size_t max_bytes) {
  return ReadString(name, max_bytes, true).value_or(std::string());
}

std::optional<std::string> FieldReader::OptionalString(std::string_view name, size_t max_bytes) {
  return ReadString(name, max_bytes, false);
}

std::optional<bool> FieldReader::OptionalBool(std::string_view name) {
  const json* value = Find(name);
  if (value == nullptr || value->is_null()) return std::nullopt;
  if (!value->is_boolean()) {
    Fail(name, "must be true or false");
    return std::nullopt;
  }
  return value->get<bool>();
}

std::optional<int64_t> FieldReader::OptionalInt(std::string_view name, int64_t min, int64_t max) {
  const json* value = Find(name);
  if (value == nullptr || value->is_null()) return std::nullopt;
  bool in_range = false;
  int64_t number = 0;
  if (value->is_number_integer()) {
    // Unsigned values beyond int64 are out of range whatever `max` says.
    in_range = !value->is_number_unsigned() || value->get<uint64_t>() <= uint64_t(INT64_MAX);
    if (in_range) number = value->get<int64_t>();
  }
  if (!value->is_number_integer()) {
    Fail(name, "must be an integer");
    return std::nullopt;
  }
  if (!in_range || number < min || number > max) {
    Fail(name, "must be between " + std::to_string(min) + " and " + std::to_string(max));
    return std::nullopt;
  }
  return number;
}

const json& FieldReader::ReadArray(std::string_view name, size_t max_items, bool required) {
  static const json kEmpty = json::array();
  const json* value = Find(name);
  if (value == nullptr || (!required && value->is_null())) {
    if (required) Fail(name, "is missing");
    return kEmpty;
  }
  if (!value->is_array()) {
    Fail(name, "must be an array");
    return kEmpty;
  }
  if (value->size() > max_items) {
    Fail(name, "has too many entries (at most " + std::to_string(max_items) + ")");
    return kEmpty;
  }
  return *value;
}

const json& FieldReader::RequireArray(std::string_view name, size_t max_items) {
  return ReadArray(name, max_items, true);
}

const json& FieldReader::OptionalArray(std::string_view name, size_t max_items) {
  return ReadArray(name, max_items, false);
}

const json& FieldReader::RequireObject(std::string_view name) {
  static const json kEmpty = json::object();
  const json* value = Find(name);
  if (value == nullptr) {
    Fail(name, "is missing");
    return kEmpty;
  }
  if (!value->is_object()) {
    Fail(name, "must be an object");
    return kEmpty;
  }
  return *value;
}

const json& FieldReader::RequireObjectOrNull(std::string_view name) {
  static const json kNull = nullptr;
  const json* value = Find(name);
  if (value == nullptr) {
    Fail(name, "is missing");
    return kNull;
  }
  if (!value->is_null() && !value->is_object()) {
    Fail(name, "must be an object or null");
    return kNull;
  }
  return *value;
}

std::vector<std::string> FieldReader::RequireStringArray(std::string_view name, size_t max_items,
                                                         size_t max_bytes) {
  return StringArray(name, max_items, max_bytes, true);
}

std::vector<std::string> FieldReader::OptionalStringArray(std::string_view name, size_t max_items,
                                                          size_t max_bytes) {
  return StringArray(name, max_items, max_bytes, false);
}

std::vector<std::string> FieldReader::StringArray(std::string_view name, size_t max_items,
                                                  size_t max_bytes, bool required) {
  std::vector<std::string> strings;
  const json& array = ReadArray(name, max_items, required);
  for (size_t i = 0; i < array.size(); ++i) {
    std::string item = std::string(name) + "[" + std::to_string(i) + "]";
    const json& value = array[i];
    if (!value.is_string()) {
      Fail(item, "must be a string");
    } else if (value.get_ref<const std::string&>().size() > max_bytes ||
               value.get_ref<const std::string&>().find('\0') != std::string::npos) {
      Fail(item, "is too long or contains U+0000");
    } else {
      strings.push_back(value.get<std::string>());
    }
  }
  return strings;
}

FieldReader FieldReader::Child(const json& object, std::string_view name,
                               std::optional<size_t> index) {
  std::string path = PathOf(name);
  if (index) path += "[" + std::to_string(*index) + "]";
  FieldReader child(object, path, root_ != nullptr ? root_ : this);
  if (!object.is_object()) child.Fail(InvalidArgument(path + " must be an object", path));
  return child;
}

std::optional<Error> FieldReader::UnreadField() const {
  if (!object_->is_object()) return std::nullopt;
  for (const auto& [key, value] : object_->items()) {
    if (std::find(read_.begin(), read_.end(), key) == read_.end()) {
      std::string field = PathOf(key);
      return InvalidArgument("unknown field \"" + field + "\"", field);
    }
  }
  return std::nullopt;
}

void FieldReader::FinishChild() {
  if (auto unread = UnreadField()) Fail(std::move(*unread));
}

Result<void> FieldReader::Finish() const {
  if (first_error_) return *first_error_;
  if (auto unread = UnreadField()) return *unread;
  return Ok();
}

std::string DumpJson(const json& value) {
  return value.dump(-1, ' ', /*ensure_ascii=*/false, json::error_handler_t::replace);
}

Response JsonResponse(int status, const json& body) {
  Response response;
  response.status = status;
  response.body = DumpJson(body);
  response.SetHeader("Content-Type", "application/json");
  return response;
}

}  // namespace enishi::api
