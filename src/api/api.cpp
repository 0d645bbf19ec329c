#include "api/api.hpp"

#include <chrono>
#include <nlohmann/json.hpp>
#include <optional>
#include <utility>

#include "api/error_mapping.hpp"
#include "api/json_codec.hpp"
#include "api/middleware.hpp"
#include "api/router.hpp"
#include "api/routes.hpp"
#include "api/static_files.hpp"
#include "api/stream_api.hpp"
#include "api/stream_hub.hpp"
#include "core/log.hpp"
#include "core/metrics.hpp"
#include "crypto/hash.hpp"
#include "domain/accounts/account_service.hpp"
#include "domain/stream/stream_notice.hpp"

namespace enishi::api {
namespace {

// Route labels for requests that match no route; never the raw path, which is unbounded and
// may hold ids or tokens.
constexpr std::string_view kStaticLabel = "static";
constexpr std::string_view kUnmatchedLabel = "unmatched";

constexpr std::string_view kCsrfHeader = "x-csrf-token";

struct Outcome {
  Response response;
  std::string_view route;  // Pattern or one of the labels above.
};

}  // namespace

struct Api::Impl {
  Impl(ApiOptions options_in, DomainServices domain, const Clock& clock, Metrics& metrics,
       ReadinessProbe readiness)
      : options(std::move(options_in)),
        stream_hub(domain.streams,
                   [this](const stream::StreamEvent& event) { return RenderEvent(services, event); }),
        searches(clock, options.daily_caps.searches_per_day),
        profile_views(clock, options.daily_caps.profile_views_per_day),
        services{domain.accounts,      domain.profiles,      domain.organizations,
                 domain.personas,      domain.relationships, domain.messaging,
                 domain.introductions, domain.notifications, domain.search,
                 stream_hub,           domain.changes,       clock,
                 metrics,              std::move(readiness), options,
                 searches,             profile_views},
        router(RouteTable()),
        static_files(options.web_root),
        client_limiter(clock, options.rate_limits.per_client, options.rate_limits.max_tracked_keys),
        account_limiter(clock, options.rate_limits.per_account,
                        options.rate_limits.max_tracked_keys),
        requests(metrics.AddCounter("enishi_http_requests_total",
                                    "HTTP requests answered, by route pattern, method and status.",
                                    {"route", "method", "status"})),
        latency(metrics.AddHistogram("enishi_http_request_duration_seconds",
                                     "Time to answer an HTTP request, by route pattern.",
                                     {"route"})) {}

  // Routes the request: 400 for a target that is not a path, the per-client limit on /api,
  // 405/404 for routes that do not match, static files outside /api.
  Outcome Dispatch(const Request& request);
  // Runs the middleware of a matched route, then its handler.
  Response RunRoute(const Route& route, PathParams params, const Request& request);
  // The caller's session, or nullopt for an anonymous caller (no, a bad or a misused token);
  // sets `source` when there is a session. Fails only when the store cannot answer.
  Result<std::optional<accounts::AuthenticatedSession>> Identify(const Request& request,
                                                                 CredentialSource& source);
  // The per-account limit and, for cookie-authenticated unsafe requests, the CSRF token.
  // REQUIRES: call.session is set.
  Result<void> AdmitMember(const Call& call, bool unsafe);
  // Adds the headers every answer gets, counts the request and writes the access log.
  void Finish(const Request& request, Outcome& outcome,
              std::chrono::steady_clock::duration elapsed);

  const ApiOptions options;
  StreamHub stream_hub;  // Before services, which refer to it, as do the caps.
  DailyCap searches;
  DailyCap profile_views;
  Services services;
  const Router router;
  const StaticFiles static_files;
  RateLimiter client_limiter;
  RateLimiter account_limiter;
  CounterFamily& requests;
  HistogramFamily& latency;
};

Api::Api(ApiOptions options, DomainServices domain, const Clock& clock, Metrics& metrics,
         ReadinessProbe readiness)
    : impl_(std::make_unique<Impl>(std::move(options), domain, clock, metrics,
                                   std::move(readiness))) {}

Api::~Api() = default;

Response Api::Handle(Request& request) {
  auto started = std::chrono::steady_clock::now();
  Outcome outcome = impl_->Dispatch(request);
  impl_->Finish(request, outcome, std::chrono::steady_clock::now() - started);
  return std::move(outcome.response);
}

void Api::HearStreamNotice(std::string_view notice) {
  impl_->stream_hub.Poke(stream::DecodeStreamNotice(notice));
}

void Api::HearTyping(std::string_view message) { HearTypingNotice(impl_->services, message); }

void Api::HearSessionsEnded(std::string_view message) {
  api::HearSessionsEnded(impl_->services, message);
}

void Api::HearStreamGap() { impl_->stream_hub.PokeAll(); }

size_t Api::BodyLimitFor(Method method, std::string_view target) const {
  return impl_->router.BodyLimitFor(method, target, impl_->options.max_body_bytes);
}

bool Api::AnswersAtOnce(Method method, std::string_view target) const {
  const bool safe = method == Method::kGet || method == Method::kHead || method == Method::kOptions;
  return safe && !IsScanningRead(target.substr(0, target.find('?')));
}

Outcome Api::Impl::Dispatch(const Request& request) {
  std::string_view path = request.target;
  path = path.substr(0, path.find('?'));
  if (path.empty() || path.front() != '/') {
    return {ErrorResponse(InvalidArgument("the request target must be a path starting with '/'"),
                          request.request_id),
            kUnmatchedLabel};
  }
  bool api = IsApiPath(path);
  RouteMatch match = router.Match(request.method, path);
  std::string_view label = match.route              ? match.route->pattern
                           : !match.pattern.empty() ? match.pattern
                           : api                    ? kUnmatchedLabel
                                                    : kStaticLabel;
  if (api) {
    // Before anything that costs: unknown /api paths are counted too, as scanners hit them.
    if (auto allowed = client_limiter.Acquire(ClientKey(request.client_ip)); !allowed) {
      return {ErrorResponse(allowed.error(), request.request_id), label};
    }
  }
  if (match.route) return {RunRoute(*match.route, std::move(match.params), request), label};
  if (!match.allow.empty()) {
    Response response = ProtocolErrorResponse(
        ProtocolError::kMethodNotAllowed,
        std::string(MethodName(request.method)) + " is not allowed here; use " + match.allow);
    response.SetHeader("Allow", match.allow);
    return {std::move(response), label};
  }
  if (api) return {ErrorResponse(NotFound("no such endpoint"), request.request_id), label};
  if (request.method != Method::kGet && request.method != Method::kHead) {
    Response response =
        ProtocolErrorResponse(ProtocolError::kMethodNotAllowed, "pages answer only GET and HEAD");
    response.SetHeader("Allow", "GET, HEAD");
    return {std::move(response), label};
  }
  return {static_files.Serve(request, path), label};
}

Response Api::Impl::RunRoute(const Route& route, PathParams params, const Request& request) {
  auto fail = [&](const Error& error) { return ErrorResponse(error, request.request_id); };
  bool unsafe = IsUnsafeMethod(request.method);
  // Refuses cross-site writes before they touch an account, signed in or not (login CSRF).
  if (unsafe && !OriginAllowed(request, options.allowed_origins)) {
    return fail(PermissionDenied("requests from this origin are not allowed"));
  }

  Call call{request, services, std::move(params)};
  std::optional<accounts::AuthenticatedSession> session;
  if (route.access != Access::kPublic) {
    auto identified = Identify(request, call.credential);
    if (!identified) return fail(identified.error());
    session = std::move(identified).value();
    if (session) call.session = &*session;
    if (route.access == Access::kMember && !session) {
      return fail(Unauthenticated("sign in first"));
    }
  }
  if (session) {
    if (auto admitted = AdmitMember(call, unsafe); !admitted) return fail(admitted.error());
  }

  nlohmann::json body;
  if (route.body == Body::kJson) {
    if (!IsJsonContentType(request.Header("content-type"))) {
      return ProtocolErrorResponse(ProtocolError::kUnsupportedMediaType,
                                   "send the body as Content-Type: application/json");
    }
    auto parsed = ParseJsonObject(request.body, options.max_json_depth);
    if (!parsed) return fail(parsed.error());
    body = std::move(parsed).value();
    call.body = &body;
  } else if (route.body == Body::kImage) {
    if (std::optional<Response> refused = CheckImageBody(request)) return std::move(*refused);
  } else if (!request.body.empty()) {
    return fail(InvalidArgument("this endpoint takes no request body"));
  }

  Result<Response> answer = route.handler(call);
  if (!answer) return fail(answer.error());
  return std::move(answer).value();
}

Result<std::optional<accounts::AuthenticatedSession>> Api::Impl::Identify(
    const Request& request, CredentialSource& source) {
  Credential credential = ReadCredential(request);
  if (credential.source == CredentialSource::kNone || credential.token.empty()) {
    return std::optional<accounts::AuthenticatedSession>();
  }
  auto authenticated = services.accounts.Authenticate(credential.token);
  if (!authenticated) {
    // A bad token only means "anonymous"; a store that cannot answer is not the caller's fault.
    if (authenticated.error().code == ErrorCode::kUnauthenticated) {
      return std::optional<accounts::AuthenticatedSession>();
    }
    return authenticated.error();
  }
  // A token works only the way it was issued: a browser session's token cannot be replayed as
  // a bearer token to skip the CSRF check, nor an API token be planted as a cookie.
  auto issued_as = credential.source == CredentialSource::kCookie ? accounts::SessionKind::kBrowser
                                                                  : accounts::SessionKind::kApi;
  if (authenticated->session.kind != issued_as) {
    return std::optional<accounts::AuthenticatedSession>();
  }
  source = credential.source;
  return std::optional<accounts::AuthenticatedSession>(std::move(authenticated).value());
}

Result<void> Api::Impl::AdmitMember(const Call& call, bool unsafe) {
  ENISHI_TRY(account_limiter.Acquire(call.session->account.id.ToString()));
  // Cookies ride along on cross-site requests, but only our own pages can read enishi_csrf and
  // echo it. Browsers never attach bearer tokens on their own, so those need no check.
  if (unsafe && call.credential == CredentialSource::kCookie &&
      !crypto::ConstantTimeEquals(call.request.Header(kCsrfHeader),
                                  call.session->session.csrf_token)) {
    return PermissionDenied("missing or wrong CSRF token");
  }
  return Ok();
}

void Api::Impl::Finish(const Request& request, Outcome& outcome,
                       std::chrono::steady_clock::duration elapsed) {
  Response& response = outcome.response;
  AddSecurityHeaders(response, options.content_security_policy, options.hsts_max_age,
                     request.secure);
  // Whatever did not say it may be cached must not be: API answers hold personal data.
  if (ResponseHeader(response, "cache-control").empty()) {
    response.SetHeader("Cache-Control", "no-store");
  }

  std::string_view method = MethodName(request.method);
  std::string status = std::to_string(response.status);
  double seconds = std::chrono::duration<double>(elapsed).count();
  requests.WithLabels({outcome.route, method, status}).Increment();
  latency.WithLabels({outcome.route}).Observe(seconds);
  log::Info("http_request", {{"method", std::string(method)},
                             {"route", std::string(outcome.route)},
                             log::Number("status", response.status),
                             log::Number("duration_ms", seconds * 1000),
                             {"request_id", request.request_id},
                             {"client_ip", request.client_ip}});
}

}  // namespace enishi::api
