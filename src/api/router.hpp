#pragma once
// Matches a method and a path against route patterns such as "/api/v1/sessions/{id}".
// A `{name}` segment matches any one non-empty segment; everything else matches literally,
// so "/api/v1/me/" (trailing slash) and "/api/v1//me" match nothing. HEAD matches GET routes.
// Thread-safe after construction (Match is const).

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "api/handler.hpp"
#include "api/routes.hpp"

namespace enishi::api {

struct RouteMatch {
  // The route for this method and path, or null.
  const Route* route = nullptr;
  PathParams params;
  // When `route` is null but the path matches other methods: their pattern and the Allow value
  // ("GET, HEAD, DELETE"). Both empty when no route has this path.
  std::string_view pattern;
  std::string allow;
};

class Router {
 public:
  // REQUIRES: every pattern starts with '/', has no empty segment, and every parameter segment
  // is a whole "{name}"; no two routes share a method and pattern.
  explicit Router(std::vector<Route> routes);

  RouteMatch Match(Method method, std::string_view path) const;
  // The largest body a request may carry, from its method and target (path, with or without
  // a query): media::kMaxUploadBytes when it matches a Body::kImage route, `default_limit`
  // for any other route and for targets that match none.
  size_t BodyLimitFor(Method method, std::string_view target, size_t default_limit) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

}  // namespace enishi::api
