#pragma once
// How the repositories put domain values into SQL and read them back: ids as BIGINT keys,
// months as integers, lists of ids or texts as one text value, enums and audiences as text,
// case-insensitive keys and LIKE patterns, and a reader that walks a row's columns. Enums are
// stored by the names the domain's tables give them (core/enum_names.hpp): those names are part
// of the schema, so one is never changed, only added.

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/clock.hpp"
#include "core/enum_names.hpp"
#include "core/ids.hpp"
#include "domain/privacy/audience.hpp"
#include "domain/profiles/profile.hpp"
#include "storage/sql/sql_database.hpp"

namespace enishi::storage::sql {

// Ids are 63-bit, so they fit a signed BIGINT unchanged.
template <class Tag>
int64_t Key(Id<Tag> id) {
  return static_cast<int64_t>(id.value());
}
// NULL for an invalid (zero) id, as for a company without a parent.
template <class Tag>
SqlValue KeyOrNull(Id<Tag> id) {
  return id.valid() ? SqlValue(Key(id)) : SqlValue(nullptr);
}
template <class Tag>
SqlValue KeyOrNull(std::optional<Id<Tag>> id) {
  return id ? KeyOrNull(*id) : SqlValue(nullptr);
}
inline SqlValue Nullable(std::optional<int64_t> value) {
  return value ? SqlValue(*value) : SqlValue(nullptr);
}
inline SqlValue TimeOrNull(const std::optional<Timestamp>& time) {
  return time ? SqlValue(ToMicros(*time)) : SqlValue(nullptr);
}

// Months are stored as year * 12 + month - 1, which orders like the months themselves.
inline int64_t MonthKey(profiles::YearMonth month) {
  return int64_t{month.year} * 12 + month.month - 1;
}
inline SqlValue MonthKeyOrNull(const std::optional<profiles::YearMonth>& month) {
  return month ? SqlValue(MonthKey(*month)) : SqlValue(nullptr);
}
inline profiles::YearMonth MonthOf(int64_t key) {
  return {static_cast<int>(key / 12), static_cast<int>(key % 12) + 1};
}

// An UPDATE or DELETE that must have found its row: kNotFound naming `what` when it did not.
inline Result<void> ExpectFound(Result<int64_t> changed, std::string_view what) {
  if (!changed) return changed.error();
  if (*changed == 0) return NotFound(std::string(what) + " not found");
  return Ok();
}

// Whether a write changed any row.
inline Result<bool> ChangedAny(Result<int64_t> changed) {
  if (!changed) return changed.error();
  return *changed > 0;
}

// A list of ids as one text parameter, for queries that take any number of ids: each id as
// exactly kIdListWidth decimal digits, back to back. A fixed width lets SQL cut the list apart
// with substr() alone, which SQLite and PostgreSQL share (see kIdListCte). Only digits reach
// the SQL text, so nothing can be injected.
inline constexpr int kIdListWidth = 19;  // The digits of the largest 63-bit id.
template <class Tag>
std::string IdList(std::span<const Id<Tag>> ids) {
  std::string list;
  list.reserve(ids.size() * kIdListWidth);
  for (Id<Tag> id : ids) {
    // Larger values are no ids of ours and would not fit the width; no row can match them.
    if (id.value() > static_cast<uint64_t>(INT64_MAX)) continue;
    std::string digits = std::to_string(id.value());
    list.append(kIdListWidth - digits.size(), '0');
    list += digits;
  }
  return list;
}
template <class Tag>
std::string IdList(const std::vector<Id<Tag>>& ids) {
  return IdList(std::span<const Id<Tag>>(ids));
}

// A WITH RECURSIVE table `ids(n, id)` holding the ids of the IdList() bound to $1, which must
// not be empty. Queries join it with SqlConcat().
inline constexpr char kIdListCte[] =
    "ids(n, id) AS ("
    "SELECT 1, CAST(substr(CAST($1 AS TEXT), 1, 19) AS BIGINT) "
    "UNION ALL "
    "SELECT n + 1, CAST(substr(CAST($1 AS TEXT), n * 19 + 1, 19) AS BIGINT) FROM ids "
    "WHERE n * 19 < length(CAST($1 AS TEXT)))";

// The characters of UTF-8 `text`: its bytes that do not continue a sequence.
inline int64_t CodePoints(std::string_view text) {
  int64_t count = 0;
  for (char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++count;
  }
  return count;
}

// A list of texts as one parameter: each text as its length in characters, in kTextListDigits
// decimal digits, then the text. substr() counts characters in both dialects, so SQL can walk
// the list with it alone (see kTextListCte). Texts too long for the prefix are left out.
inline constexpr int kTextListDigits = 4;
inline std::string TextList(const std::vector<std::string>& texts) {
  std::string list;
  for (const std::string& text : texts) {
    std::string length = std::to_string(CodePoints(text));
    if (length.size() > kTextListDigits) continue;
    list.append(kTextListDigits - length.size(), '0');
    list += length;
    list += text;
  }
  return list;
}

// The texts of a TextList(), for a list stored in a column; nullopt when `list` is not one.
inline std::optional<std::vector<std::string>> ParseTextList(std::string_view list) {
  std::vector<std::string> texts;
  while (!list.empty()) {
    if (list.size() < kTextListDigits) return std::nullopt;
    size_t characters = 0;
    for (char digit : list.substr(0, kTextListDigits)) {
      if (digit < '0' || digit > '9') return std::nullopt;
      characters = characters * 10 + static_cast<size_t>(digit - '0');
    }
    list.remove_prefix(kTextListDigits);
    // The length counts characters, so walk that many UTF-8 sequences.
    size_t bytes = 0;
    for (size_t i = 0; i < characters; ++i) {
      if (bytes == list.size()) return std::nullopt;
      ++bytes;
      while (bytes < list.size() && (static_cast<unsigned char>(list[bytes]) & 0xC0) == 0x80) {
        ++bytes;
      }
    }
    texts.emplace_back(list.substr(0, bytes));
    list.remove_prefix(bytes);
  }
  return texts;
}

// A WITH RECURSIVE table `texts(rest, item)` whose non-NULL items are the texts of the
// TextList() bound to $1.
inline constexpr char kTextListCte[] =
    "texts(rest, item) AS ("
    "SELECT CAST($1 AS TEXT), CAST(NULL AS TEXT) "
    "UNION ALL "
    "SELECT substr(rest, 5 + CAST(substr(rest, 1, 4) AS INTEGER)), "
    "substr(rest, 5, CAST(substr(rest, 1, 4) AS INTEGER)) FROM texts WHERE rest <> '')";

// Joins string literals at compile time, so that queries sharing a fragment are still each one
// named constant: `constexpr auto kText = SqlConcat(kPart, "..."); SqlText(kText)`.
template <size_t... N>
constexpr auto SqlConcat(const char (&... parts)[N]) {
  std::array<char, (N + ...) - sizeof...(N) + 1> text{};
  size_t at = 0;
  auto append = [&](const char* part, size_t size) {
    for (size_t i = 0; i + 1 < size; ++i) text[at++] = part[i];
  };
  (append(parts, N), ...);
  return text;
}
template <size_t N>
constexpr std::string_view SqlText(const std::array<char, N>& text) {
  return std::string_view(text.data(), N - 1);
}

// `text` with ASCII letters in lower case; other bytes, UTF-8 included, unchanged. The key of
// anything matched case-insensitively (handles, search names, domains).
inline std::string AsciiLower(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return lower;
}

// A LIKE pattern (with ESCAPE '\') matching every text that starts with `prefix`.
inline std::string LikePrefix(std::string_view prefix) {
  std::string pattern;
  pattern.reserve(prefix.size() + 1);
  for (char c : prefix) {
    if (c == '%' || c == '_' || c == '\\') pattern += '\\';
    pattern += c;
  }
  pattern += '%';
  return pattern;
}

// Reads a row's columns in order, from `first`. A stored value this build cannot decode (an
// unknown enum name or audience) reads as the type's default and clears ok(); decoders then
// answer nullopt, which QueryAll turns into kInternal.
class RowReader {
 public:
  explicit RowReader(const SqlRow& row, int first = 0) : row_(row), next_(first) {}

  bool ok() const { return ok_; }
  bool NextIsNull() const { return row_.IsNull(next_); }
  void Skip() { ++next_; }

  int64_t Int64() { return row_.Int64(next_++); }
  int Int() { return static_cast<int>(Int64()); }
  bool Flag() { return Int64() != 0; }
  std::string Text() { return row_.Text(next_++); }
  std::string Blob() { return row_.Blob(next_++); }
  Timestamp Time() { return FromMicros(Int64()); }
  template <class IdType>
  IdType Id() {
    return IdType(static_cast<uint64_t>(Int64()));
  }
  std::optional<int64_t> OptionalInt64() {
    if (NextIsNull()) {
      Skip();
      return std::nullopt;
    }
    return Int64();
  }
  std::optional<Timestamp> OptionalTime() {
    auto micros = OptionalInt64();
    if (!micros) return std::nullopt;
    return FromMicros(*micros);
  }
  template <class IdType>
  std::optional<IdType> OptionalId() {
    auto key = OptionalInt64();
    if (!key) return std::nullopt;
    return IdType(static_cast<uint64_t>(*key));
  }
  template <class E, size_t N>
  E Enum(const EnumNames<E, N>& names) {
    auto value = ParseEnum(names, Text());
    if (!value) ok_ = false;
    return value.value_or(E{});
  }
  privacy::Audience Audience() {
    auto audience = privacy::ParseAudience(Text());
    if (!audience) ok_ = false;
    return audience.value_or(privacy::Audience{});
  }

 private:
  const SqlRow& row_;
  int next_;
  bool ok_ = true;
};

}  // namespace enishi::storage::sql
