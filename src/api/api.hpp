#pragma once
// The HTTP API and the web client's files behind one call: http/ turns each request into an
// api::Request and sends back whatever Handle() answers. No sockets, Beast or JSON types here.
//
// Handle runs, in order: the per-client-address rate limit (on every /api path, known or
// not), routing (404 JSON for an unknown /api path, 405 with Allow for a known path and
// another method, the web client's files outside /api), then for a route: the Origin check on
// unsafe methods, authentication (session cookie or bearer token), the per-account rate
// limit, the CSRF check on cookie-authenticated unsafe requests, strict JSON decoding, the
// handler, and error mapping (api/error_mapping.cpp). Every answer then gets the security
// headers and, unless it is a cacheable static file, Cache-Control: no-store; every request
// is counted in the metrics and written to the access log as one JSON line (with the route
// pattern, never the raw path, which may hold ids or tokens).
//
// Thread-safety: Handle may be called concurrently from any number of threads. The Api holds
// only immutable state, thread-safe rate limiters, and references to the thread-safe services
// it was given. Ownership: the references passed to the constructor must outlive the Api.
// Handle never throws on any input and never answers 500 for client mistakes; a 500 means a
// bug (or a kInternal error from below), and its detail goes only to the log.

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "api/cookies.hpp"
#include "api/daily_cap.hpp"
#include "api/rate_limiter.hpp"
#include "api/request.hpp"
#include "core/result.hpp"

namespace enishi {
class Clock;
class Metrics;
}  // namespace enishi
namespace enishi::accounts {
class AccountService;
}  // namespace enishi::accounts
namespace enishi::organizations {
class OrganizationService;
}  // namespace enishi::organizations
namespace enishi::personas {
class PersonaService;
}  // namespace enishi::personas
namespace enishi::profiles {
class ProfileService;
}  // namespace enishi::profiles
namespace enishi::relationships {
class RelationshipService;
}  // namespace enishi::relationships
namespace enishi::messaging {
class MessagingService;
}  // namespace enishi::messaging
namespace enishi::introductions {
class IntroductionService;
}  // namespace enishi::introductions
namespace enishi::notifications {
class NotificationService;
}  // namespace enishi::notifications
namespace enishi::search {
class SearchService;
}  // namespace enishi::search
namespace enishi::stream {
class StreamRepository;
}  // namespace enishi::stream
namespace enishi::cluster {
class ChangeFeed;
}  // namespace enishi::cluster

namespace enishi::api {

// Answers whether the server can serve traffic (the app passes Store::Ping). Thread-safe.
using ReadinessProbe = std::function<Result<void>()>;

// Strict for a single-page app built by Vite into hashed files: everything from our own
// origin, nothing inline, no plugins, and no framing by anyone.
inline constexpr std::string_view kDefaultContentSecurityPolicy =
    "default-src 'self'; base-uri 'none'; object-src 'none'; form-action 'self'; "
    "frame-ancestors 'none'";

struct RateLimitOptions {
  // Every /api request, keyed by client address (IPv6 by /64).
  RateLimit per_client{.per_minute = 600, .burst = 120};
  // Every authenticated /api request, keyed by account, on top of the per-client limit.
  RateLimit per_account{.per_minute = 600, .burst = 120};
  // Buckets kept per limiter; the least recently used are forgotten beyond this.
  size_t max_tracked_keys = 100'000;
};

struct ApiOptions {
  // Folder of the built web client (index.html, assets/). Empty or missing: pages answer a
  // notice that the client is not built.
  std::string web_root = "web/dist";
  // Origins allowed to send unsafe requests besides the one the request's Host names
  // ("https://enishi.example"): needed behind a proxy that rewrites Host, or that ends TLS
  // without http/ trusting it to say so. (A client on another origin would also need CORS,
  // which the API does not offer.)
  std::vector<std::string> allowed_origins;
  CookieOptions cookies;
  RateLimitOptions rate_limits;
  // Searches and views of other members' profiles per account and day.
  DailyCapOptions daily_caps;
  std::string content_security_policy = std::string(kDefaultContentSecurityPolicy);
  // Strict-Transport-Security max-age on answers to TLS requests; 0 sends no header.
  std::chrono::seconds hsts_max_age = std::chrono::days(365);
  // When set, GET /metrics requires "Authorization: Bearer <metrics_token>"; when empty it is
  // open (keep it off the public interface, or block it at the proxy).
  std::string metrics_token;
  int max_json_depth = 32;
  // The largest body of any request but an image upload (Body::kImage routes take up to
  // media::kMaxUploadBytes). Enforced by http/ through Api::BodyLimitFor.
  size_t max_body_bytes = 1024 * 1024;
  // Whether the server sends e-mail (SMTP is configured): what the daily e-mail digest needs.
  bool email_delivery = false;
};

// The domain's use cases the handlers call. Each must be thread-safe and outlive the Api.
struct DomainServices {
  accounts::AccountService& accounts;
  profiles::ProfileService& profiles;
  organizations::OrganizationService& organizations;
  personas::PersonaService& personas;
  relationships::RelationshipService& relationships;
  messaging::MessagingService& messaging;
  introductions::IntroductionService& introductions;
  notifications::NotificationService& notifications;
  search::SearchService& search;
  // Where members' stream events are read, and how typing reaches other servers' sockets.
  stream::StreamRepository& streams;
  cluster::ChangeFeed& changes;
};

class Api {
 public:
  // `readiness` answers GET /readyz (the app passes Store::Ping); empty means always ready.
  Api(ApiOptions options, DomainServices domain, const Clock& clock, Metrics& metrics,
      ReadinessProbe readiness);
  ~Api();
  Api(const Api&) = delete;
  Api& operator=(const Api&) = delete;

  // Answers one request (see the file comment). `request` is not modified. A HEAD request is
  // answered as its GET would be, body included: http/ sends the headers only, with the
  // Content-Length the body (or file_path) would have.
  Response Handle(Request& request);

  // The largest body a request for `method` and `target` (path and query, as received) may
  // carry: media::kMaxUploadBytes for an image upload route, options.max_body_bytes for
  // anything else. http/ asks once a request's header is in, before reading its body.
  // Thread-safe; never fails.
  size_t BodyLimitFor(Method method, std::string_view target) const;
  // Whether answering `method` on `target` only reads keys, so that http/ may answer it on the
  // I/O thread: GET, HEAD and OPTIONS, except scanning reads (IsScanningRead). Writes wait on
  // a durable commit and scans take longer; both belong on the handler threads. Thread-safe.
  bool AnswersAtOnce(Method method, std::string_view target) const;

  // What the store's channels say (see StreamHub): members' streams grew
  // (stream::kStreamChannel), someone is typing (kTypingChannel), a member's sessions ended
  // (accounts::kSessionsEndedChannel), or messages may have been missed. Thread-safe; the app
  // connects them to Store::Listen.
  void HearStreamNotice(std::string_view notice);
  void HearTyping(std::string_view message);
  void HearSessionsEnded(std::string_view message);
  void HearStreamGap();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace enishi::api
