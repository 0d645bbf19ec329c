#pragma once
// Strict JSON for request bodies, and serialisation that cannot fail for answers.
// nlohmann-json stays inside api/ (STYLE.md §2.5): this header names it through json_fwd.hpp,
// and only api/*.cpp include it. Nothing here throws; library exceptions are converted on the
// spot. Thread-safe (stateless).

#include <cstddef>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/request.hpp"
#include "core/result.hpp"

namespace enishi::api {

inline constexpr int kMaxJsonDepth = 32;
// A guard against absurd input, not a validation rule: the domain checks real lengths
// (a 256-character password is at most 1 KiB of UTF-8).
inline constexpr size_t kMaxStringBytes = 1024;

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
class FieldReader {
 public:
  // REQUIRES: `object` is a JSON object and outlives the reader.
  explicit FieldReader(const nlohmann::json& object);
  FieldReader(const FieldReader&) = delete;
  FieldReader& operator=(const FieldReader&) = delete;

  // The string `name`; "" (and a remembered error) when it is missing, not a string (null
  // included), longer than `max_bytes` or contains U+0000.
  std::string RequireString(std::string_view name, size_t max_bytes = kMaxStringBytes);
  // Like RequireString, but absent or null yields nullopt without an error.
  std::optional<std::string> OptionalString(std::string_view name,
                                            size_t max_bytes = kMaxStringBytes);

  // kInvalidArgument with `field` set: the first problem met while reading, else the first
  // field present in the object that nobody read.
  Result<void> Finish() const;

 private:
  // The field's value after marking it read, or null when absent.
  const nlohmann::json* Find(std::string_view name);
  std::optional<std::string> ReadString(std::string_view name, size_t max_bytes, bool required);
  void Fail(Error error);

  const nlohmann::json& object_;
  std::vector<std::string> read_;
  std::optional<Error> first_error_;
};

// `value` as compact JSON text. Invalid UTF-8 in strings becomes U+FFFD, so this never throws.
std::string DumpJson(const nlohmann::json& value);

// A response whose body is `body` as JSON, with Content-Type application/json.
Response JsonResponse(int status, const nlohmann::json& body);

}  // namespace enishi::api
