#pragma once
// Names of enumerators, one table per enumeration, shared by the wire and the store so that a
// value is spelled the same everywhere. Constant-time enough for the short tables used here.

#include <array>
#include <optional>
#include <string_view>
#include <utility>

namespace enishi {

template <class E, size_t N>
using EnumNames = std::array<std::pair<E, std::string_view>, N>;

// The name of `value`; "" for a value the table does not list (a table lists every value).
template <class E, size_t N>
constexpr std::string_view EnumText(const EnumNames<E, N>& names, E value) {
  for (const auto& [known, name] : names) {
    if (known == value) return name;
  }
  return {};
}

// The value named `text`; nullopt for a name the table does not hold.
template <class E, size_t N>
constexpr std::optional<E> ParseEnum(const EnumNames<E, N>& names, std::string_view text) {
  for (const auto& [value, name] : names) {
    if (name == text) return value;
  }
  return std::nullopt;
}

}  // namespace enishi
