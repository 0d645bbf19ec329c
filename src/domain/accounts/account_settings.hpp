#pragma once
// The settings a member chooses: display name and locale. Pure functions; thread-safe.

#include <string>
#include <string_view>

#include "core/result.hpp"

namespace enishi::accounts {

inline constexpr size_t kMaxDisplayNameLength = 100;  // Unicode code points.

// `display_name` without surrounding spaces (ASCII, no-break and ideographic), when that is 1 to
// 100 code points of valid UTF-8 with no control characters, bidirectional overrides or
// line/paragraph separators. kInvalidArgument with field "display_name" otherwise.
Result<std::string> NormaliseDisplayName(std::string_view display_name);

// The canonical spelling ("ja", "zh-Hans" or "en") of `locale`, matched ignoring ASCII case as
// BCP 47 tags are. kInvalidArgument with field "locale" for any other tag.
Result<std::string> NormaliseLocale(std::string_view locale);

}  // namespace enishi::accounts
