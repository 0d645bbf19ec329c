#include "api/static_files.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <utility>

#include "api/error_mapping.hpp"
#include "api/text.hpp"
#include "api/url.hpp"

namespace enishi::api {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kImmutable = "public, max-age=31536000, immutable";
constexpr std::string_view kRevalidate = "no-cache";
// Vite puts content-hashed bundles here; a changed file gets a new name, so they never go stale.
constexpr std::string_view kHashedAssetsPrefix = "assets/";

// Percent-decodes one path segment; nullopt for a bad escape or a decoded byte that could
// change how the path is read ('/', '\\', control characters, NUL).
std::optional<std::string> DecodeSegment(std::string_view raw) {
  std::optional<std::string> decoded = PercentDecode(raw, /*plus_is_space=*/false);
  if (!decoded) return std::nullopt;
  for (char c : *decoded) {
    auto byte = static_cast<unsigned char>(c);
    if (c == '/' || c == '\\' || byte < 0x20 || byte == 0x7F) return std::nullopt;
  }
  return decoded;
}

// The path relative to the web root ("assets/app-1a2b.js"; "" for "/"), or nullopt when it
// must not be served: ".." and "." segments, dot-files, and whatever DecodeSegment refuses.
std::optional<std::string> RelativePath(std::string_view path) {
  std::string relative;
  while (!path.empty()) {
    size_t slash = path.find('/');
    std::string_view raw = path.substr(0, slash);
    path = slash == std::string_view::npos ? std::string_view() : path.substr(slash + 1);
    if (raw.empty()) continue;  // "//" and the leading "/".
    std::optional<std::string> segment = DecodeSegment(raw);
    if (!segment || segment->empty() || segment->front() == '.') return std::nullopt;
    if (!relative.empty()) relative += '/';
    relative += *segment;
  }
  return relative;
}

bool HasExtension(std::string_view relative) {
  std::string_view last = relative.substr(relative.rfind('/') + 1);
  return last.find('.') != std::string_view::npos;
}

bool IsInside(const fs::path& file, const fs::path& root) {
  auto [root_end, file_it] = std::mismatch(root.begin(), root.end(), file.begin(), file.end());
  return root_end == root.end() && file_it != file.end();
}

// The canonical path of `relative` under `root` when it is a regular file inside the root
// (after following every symlink), else nullopt.
std::optional<fs::path> ResolveFile(const fs::path& root, const std::string& relative) {
  std::error_code error;
  fs::path resolved = fs::canonical(root / relative, error);
  if (error || !IsInside(resolved, root)) return std::nullopt;
  if (!fs::is_regular_file(resolved, error) || error) return std::nullopt;
  return resolved;
}

// A validator that changes whenever the file is rewritten: size and modification time.
std::string ETagFor(const fs::path& file) {
  std::error_code error;
  auto size = fs::file_size(file, error);
  if (error) return {};
  auto modified = fs::last_write_time(file, error);
  if (error) return {};
  // Ticks may be negative (the file clock's epoch is not 1970); the tag only needs to change.
  auto ticks = static_cast<uint64_t>(modified.time_since_epoch().count());
  char tag[48];
  std::snprintf(tag, sizeof tag, "W/\"%jx-%jx\"", static_cast<uintmax_t>(size),
                static_cast<uintmax_t>(ticks));
  return tag;
}

// Whether an If-None-Match header ("*" or a list of entity tags) names `etag`.
bool NoneMatch(std::string_view if_none_match, std::string_view etag) {
  if (if_none_match.empty() || etag.empty()) return false;
  if (TrimWhitespace(if_none_match) == "*") return true;
  while (!if_none_match.empty()) {
    size_t comma = if_none_match.find(',');
    std::string_view candidate = TrimWhitespace(if_none_match.substr(0, comma));
    // Weak comparison (RFC 9110 §13.1.2): the W/ prefix does not matter.
    auto strip = [](std::string_view tag) { return tag.starts_with("W/") ? tag.substr(2) : tag; };
    if (strip(candidate) == strip(etag)) return true;
    if (comma == std::string_view::npos) break;
    if_none_match.remove_prefix(comma + 1);
  }
  return false;
}

Response FileResponse(const Request& request, const fs::path& file, std::string_view relative) {
  Response response;
  std::string etag = ETagFor(file);
  response.SetHeader(
      "Cache-Control",
      std::string(relative.starts_with(kHashedAssetsPrefix) ? kImmutable : kRevalidate));
  if (!etag.empty()) response.SetHeader("ETag", etag);
  if (NoneMatch(request.Header("if-none-match"), etag)) {
    response.status = 304;
    return response;
  }
  response.SetHeader("Content-Type", std::string(MimeType(file.filename().string())));
  response.file_path = file.string();
  return response;
}

Response NotBuiltNotice() {
  Response response;
  response.SetHeader("Content-Type", "text/plain; charset=utf-8");
  response.body =
      "Enishi is running, but its web client is not built.\n"
      "Run `make` in the repository (or `npm run build` in web/) and reload this page.\n"
      "The API answers under /api/v1/ (see /api/v1/openapi.json).\n";
  return response;
}

}  // namespace

StaticFiles::StaticFiles(std::string web_root) : web_root_(std::move(web_root)) {}

Response StaticFiles::Serve(const Request& request, std::string_view path) const {
  auto not_found = [] { return ErrorResponse(NotFound("no such page")); };
  std::optional<std::string> relative = RelativePath(path);
  if (!relative) return not_found();

  std::error_code error;
  fs::path root = web_root_.empty() ? fs::path() : fs::canonical(web_root_, error);
  if (!root.empty() && !error) {
    if (!relative->empty()) {
      if (auto file = ResolveFile(root, *relative)) return FileResponse(request, *file, *relative);
    }
    if (relative->empty() || !HasExtension(*relative)) {
      if (auto index = ResolveFile(root, "index.html")) {
        return FileResponse(request, *index, "index.html");
      }
    }
  }
  if (relative->empty() || !HasExtension(*relative)) return NotBuiltNotice();
  return not_found();
}

std::string_view MimeType(std::string_view file_name) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 15> kTypes = {{
      {"html", "text/html; charset=utf-8"},
      {"js", "text/javascript; charset=utf-8"},
      {"mjs", "text/javascript; charset=utf-8"},
      {"css", "text/css; charset=utf-8"},
      {"svg", "image/svg+xml"},
      {"png", "image/png"},
      {"jpg", "image/jpeg"},
      {"jpeg", "image/jpeg"},
      {"webp", "image/webp"},
      {"ico", "image/x-icon"},
      {"json", "application/json"},
      {"webmanifest", "application/manifest+json"},
      {"woff2", "font/woff2"},
      {"txt", "text/plain; charset=utf-8"},
      {"map", "application/json"},
  }};
  size_t dot = file_name.rfind('.');
  if (dot == std::string_view::npos) return "application/octet-stream";
  std::string extension = AsciiLowercase(file_name.substr(dot + 1));
  for (const auto& [known, type] : kTypes) {
    if (known == extension) return type;
  }
  return "application/octet-stream";
}

}  // namespace enishi::api
