#pragma once
// Percent-decoding of request targets, shared by path segments and query parameters.
// Pure functions; thread-safe.

#include <span>
#include <optional>
#include <string>
#include <string_view>

#include "api/request.hpp"
#include "core/result.hpp"

namespace enishi::api {

// `raw` with %XX escapes decoded (and '+' as a space when `plus_is_space`, as in a query);
// nullopt for a malformed escape. The result may hold any byte, NUL included.
std::optional<std::string> PercentDecode(std::string_view raw, bool plus_is_space);

// The decoded value of query parameter `name` in `request.target`, nullopt when absent.
// kInvalidArgument (field `name`) for a malformed escape, a NUL or invalid UTF-8.
Result<std::optional<std::string>> QueryParam(const Request& request, std::string_view name);

// The first query parameter of `request.target` whose name is not among `known`, nullopt when
// every one is known. Names are compared as they appear, escapes and all.
std::optional<std::string> UnknownQueryParam(const Request& request,
                                             std::span<const std::string_view> known);

// A path parameter percent-decoded; kNotFound-worthy failures are the caller's to decide, so a
// malformed escape is nullopt.
std::optional<std::string> DecodePathParam(std::string_view raw);

}  // namespace enishi::api
