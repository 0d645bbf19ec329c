#include "api/router.hpp"

#include <optional>

#include "core/check.hpp"
#include "domain/media/image.hpp"

namespace enishi::api {
namespace {

bool IsParameter(std::string_view segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

// Walks the '/'-separated segments of a path that starts with '/': "/a/b/" yields "a", "b", "".
class Segments {
 public:
  explicit Segments(std::string_view path) : rest_(path.substr(1)) {}

  // The next segment, or nullopt after the last one.
  std::optional<std::string_view> Next() {
    if (done_) return std::nullopt;
    size_t slash = rest_.find('/');
    std::string_view segment = rest_.substr(0, slash);
    if (slash == std::string_view::npos) {
      done_ = true;
    } else {
      rest_.remove_prefix(slash + 1);
    }
    return segment;
  }

 private:
  std::string_view rest_;
  bool done_ = false;
};

bool MatchPattern(std::string_view pattern, std::string_view path, PathParams& params) {
  if (path.empty() || path.front() != '/') return false;
  Segments want_segments(pattern);
  Segments have_segments(path);
  while (true) {
    std::optional<std::string_view> want = want_segments.Next();
    std::optional<std::string_view> have = have_segments.Next();
    if (!want || !have) return !want && !have;
    if (IsParameter(*want)) {
      if (have->empty()) return false;
      params.Add(want->substr(1, want->size() - 2), *have);
    } else if (*want != *have) {
      return false;
    }
  }
}

void CheckPattern(std::string_view pattern) {
  ENISHI_CHECK(!pattern.empty() && pattern.front() == '/', "route pattern must start with '/'");
  if (pattern == "/") return;
  Segments segments(pattern);
  while (std::optional<std::string_view> segment = segments.Next()) {
    ENISHI_CHECK(!segment->empty(), "route pattern has an empty segment");
    bool braces = segment->find_first_of("{}") != std::string_view::npos;
    ENISHI_CHECK(!braces || IsParameter(*segment), "route parameter must be a whole segment");
  }
}

}  // namespace

Router::Router(std::vector<Route> routes) : routes_(std::move(routes)) {
  for (size_t i = 0; i < routes_.size(); ++i) {
    CheckPattern(routes_[i].pattern);
    ENISHI_CHECK(routes_[i].handler != nullptr, "route without a handler");
    for (size_t j = 0; j < i; ++j) {
      ENISHI_CHECK(
          routes_[i].method != routes_[j].method || routes_[i].pattern != routes_[j].pattern,
          "duplicate route");
    }
  }
}

RouteMatch Router::Match(Method method, std::string_view path) const {
  RouteMatch match;
  Method wanted = method == Method::kHead ? Method::kGet : method;
  std::vector<Method> allowed;
  for (const Route& route : routes_) {
    PathParams params;
    if (!MatchPattern(route.pattern, path, params)) continue;
    if (route.method == wanted) {
      match.route = &route;
      match.params = std::move(params);
      match.pattern = route.pattern;
      match.allow.clear();
      return match;
    }
    if (match.pattern.empty()) match.pattern = route.pattern;
    allowed.push_back(route.method);
    if (route.method == Method::kGet) allowed.push_back(Method::kHead);
  }
  for (Method m : allowed) {
    if (!match.allow.empty()) match.allow += ", ";
    match.allow += MethodName(m);
  }
  return match;
}

size_t Router::BodyLimitFor(Method method, std::string_view target, size_t default_limit) const {
  const Route* route = Match(method, target.substr(0, target.find('?'))).route;
  return route != nullptr && route->body == Body::kImage ? media::kMaxUploadBytes : default_limit;
}

}  // namespace enishi::api
