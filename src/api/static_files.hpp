#pragma once
// Serves the built web client (web/dist) from a folder: hashed assets cached for a year, other
// files revalidated, and the single-page app's index.html for client-side routes.
// Files are never read here: the answer names the file (Response::file_path) and http/
// streams it. No path can leave the folder: percent-encoded or literal "..", NUL, backslashes,
// dot-files and symlinks that resolve outside it all answer 404.
// Thread-safe (immutable; the folder is looked at on every request, so a rebuilt client is
// served without a restart).

#include <string>
#include <string_view>

#include "api/request.hpp"

namespace enishi::api {

class StaticFiles {
 public:
  // `web_root` may be empty or missing: then every page answers the "not built" notice.
  explicit StaticFiles(std::string web_root);

  // The answer to a GET or HEAD for `path` (as received, without the query):
  //   a file under the root          200, file_path set, Content-Type by extension
  //   a matching If-None-Match       304
  //   no file, and the last segment has no extension (a client-side route such as /settings)
  //                                  index.html, or the "not built" notice without one
  //   anything else                  404 (the JSON error answer)
  // REQUIRES: the method is GET or HEAD and `path` is not an /api path.
  Response Serve(const Request& request, std::string_view path) const;

 private:
  std::string web_root_;
};

// The Content-Type for a file name by its extension; application/octet-stream when unknown.
std::string_view MimeType(std::string_view file_name);

}  // namespace enishi::api
