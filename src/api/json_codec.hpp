#pragma once
// Strict JSON for request bodies, and serialisation that cannot fail for answers.
// nlohmann-json stays inside api/ (STYLE.md §2.5): this header names it through json_fwd.hpp,
// and only api/*.cpp include it. Nothing here throws; library exceptions are converted on the
// spot. Thread-safe (stateless).

#include <cstddef>
#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/request.hpp"
#include "core/enum_names.hpp"
#include "core/result.hpp"

namespace enishi::api {

inline constexpr int kMaxJsonDepth = 32;
// A guard against absurd input, not a validation rule: the domain checks real lengths
// (a 256-character password is at most 1 KiB of UTF-8).
inline constexpr size_t kMaxStringBytes = 1024;

// The offset of the first byte of `text` that is not part of valid UTF-8 (no overlongs,
// surrogates or code points past U+10FFFF), or npos.
size_t FirstInvalidUtf8(std::string_view text);

// True for "application/json", optionally with "charset=utf-8" (case and spaces as RFC 9110
// allows); false for anything else, including other charsets.
bool IsJsonContentType(std::string_view content_type);

// Parses a request body that must be exactly one JSON object. kInvalidArgument for an empty
// body, invalid UTF-8 (naming the byte offset), malformed JSON (naming line and column), a
// duplicate key (field: the key), nesting deeper than `max_depth`, or a top level that is not
// an object.
Result<nlohmann::json> ParseJsonObject(std::string_view body, int max_depth = kMaxJsonDepth);

// Reads the fields of a request object by name and type, remembering the first problem, so a
// handler reads every field and then asks Finish() once:
//   FieldReader fields(body);
//   std::string login = fields.RequireString("login");
//   std::optional<std::string> locale = fields.OptionalString("locale");
//   ENISHI_TRY(fields.Finish());
// A field the handler did not read is refused, so a client can never set one it may not
// ("id", "created_at": the mass-assignment guard). Not thread-safe; one per request.
//
// Nested objects are read by child readers, whose problems name the full path
// ("positions[2].title") and reach the reader they came from:
//   for (size_t i = 0; const nlohmann::json& item : fields.RequireArray("positions", 50)) {
//     FieldReader position = fields.Child(item, "positions", i++);
//     ...
//     position.FinishChild();
//   }
class FieldReader {
 public:
  // REQUIRES: `object` outlives the reader. A non-object is refused (at Finish()).
  explicit FieldReader(const nlohmann::json& object);
  FieldReader(const FieldReader&) = delete;
  FieldReader& operator=(const FieldReader&) = delete;
  FieldReader(FieldReader&&) = default;

  // The string `name`; "" (and a remembered error) when it is missing, not a string (null
  // included), longer than `max_bytes` or contains U+0000.
  std::string RequireString(std::string_view name, size_t max_bytes = kMaxStringBytes);
  // Like RequireString, but absent or null yields nullopt without an error.
  std::optional<std::string> OptionalString(std::string_view name,
                                            size_t max_bytes = kMaxStringBytes);
  // A JSON true or false; absent or null yields nullopt.
  std::optional<bool> OptionalBool(std::string_view name);
  // A JSON integer within [min, max]; absent or null yields nullopt.
  std::optional<int64_t> OptionalInt(std::string_view name, int64_t min, int64_t max);
  // An array of at most `max_items` elements; an empty array (and a remembered error) when it
  // is missing, not an array, or too long. The optional form treats absent or null as empty.
  const nlohmann::json& RequireArray(std::string_view name, size_t max_items);
  const nlohmann::json& OptionalArray(std::string_view name, size_t max_items);
  // An object, for Child(); an empty object (and a remembered error) when missing or not one.
  const nlohmann::json& RequireObject(std::string_view name);
  // An object or null (returned as such); a remembered error when missing or anything else.
  const nlohmann::json& RequireObjectOrNull(std::string_view name);
  // The string elements of an array, each at most `max_bytes`. The optional form treats absent
  // or null as empty.
  std::vector<std::string> RequireStringArray(std::string_view name, size_t max_items,
                                              size_t max_bytes = kMaxStringBytes);
  std::vector<std::string> OptionalStringArray(std::string_view name, size_t max_items,
                                               size_t max_bytes = kMaxStringBytes);

  // A reader for `object`, found at field `name` (and index `index` of it, when given); its
  // problems are reported with their full path to this reader.
  FieldReader Child(const nlohmann::json& object, std::string_view name,
                    std::optional<size_t> index = std::nullopt);
  // Refuses, through the parent, the first field of a child's object that nobody read.
  void FinishChild();

  // kInvalidArgument with `field` set: the first problem met while reading, else the first
  // field present in the object that nobody read.
  Result<void> Finish() const;
  // Records a problem found by the caller about field `name` of this object.
  void Fail(std::string_view name, std::string_view problem);

 private:
  FieldReader(const nlohmann::json& object, std::string path, FieldReader* root);
  // The field's value after marking it read, or null when absent.
  const nlohmann::json* Find(std::string_view name);
  std::optional<std::string> ReadString(std::string_view name, size_t max_bytes, bool required);
  const nlohmann::json& ReadArray(std::string_view name, size_t max_items, bool required);
  std::vector<std::string> StringArray(std::string_view name, size_t max_items, size_t max_bytes,
                                       bool required);
  // The path of field `name` as the client wrote it: "name", "parent.name".
  std::string PathOf(std::string_view name) const;
  std::optional<Error> UnreadField() const;
  void Fail(Error error);

  const nlohmann::json* object_;
  std::string path_;
  FieldReader* root_;  // Null for the root itself.
  std::vector<std::string> read_;
  std::optional<Error> first_error_;
};

// The enumerator named by string field `name` of `fields`; `fallback`, and a remembered error,
// when it is missing or names no enumerator of `names`.
template <class E, size_t N>
E ReadEnum(FieldReader& fields, std::string_view name, const EnumNames<E, N>& names, E fallback) {
  std::string text = fields.RequireString(name, 64);
  if (auto value = ParseEnum(names, text)) return *value;
  if (!text.empty()) fields.Fail(name, "is not one of the known values");
  return fallback;
}

// `value` as compact JSON text. Invalid UTF-8 in strings becomes U+FFFD, so this never throws.
std::string DumpJson(const nlohmann::json& value);

// A response whose body is `body` as JSON, with Content-Type application/json.
Response JsonResponse(int status, const nlohmann::json& body);

}  // namespace enishi::api
