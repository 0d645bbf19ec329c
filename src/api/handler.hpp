#pragma once
// What a route handler receives: the request, what the middleware learnt about it (path
// parameters, the parsed body, the caller's session) and the services it may call.
// A Call lives for one request on one thread; Services is shared by all threads and holds
// only thread-safe objects.

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "api/api.hpp"
#include "api/request.hpp"
#include "core/result.hpp"

namespace enishi::accounts {
struct SessionWithAccount;
using AuthenticatedSession = SessionWithAccount;
}  // namespace enishi::accounts

namespace enishi::api {

class StreamHub;

struct Services {
  accounts::AccountService& accounts;
  profiles::ProfileService& profiles;
  organizations::OrganizationService& organizations;
  personas::PersonaService& personas;
  relationships::RelationshipService& relationships;
  messaging::MessagingService& messaging;
  introductions::IntroductionService& introductions;
  notifications::NotificationService& notifications;
  search::SearchService& search;
  StreamHub& stream_hub;  // This server's open streams.
  cluster::ChangeFeed& changes;
  const Clock& clock;
  Metrics& metrics;
  ReadinessProbe readiness;  // May be empty: always ready.
  const ApiOptions& options;
  DailyCap& searches;       // Per account and day.
  DailyCap& profile_views;  // Of other members' profiles, per account and day.
};

// The values of a route's `{name}` segments, as they appeared in the path (not decoded).
class PathParams {
 public:
  void Add(std::string_view name, std::string_view value) { values_.emplace_back(name, value); }
  // The value of `{name}`, or empty when the route has no such segment.
  std::string_view Get(std::string_view name) const {
    for (const auto& [key, value] : values_) {
      if (key == name) return value;
    }
    return {};
  }

 private:
  std::vector<std::pair<std::string_view, std::string>> values_;
};

// How the caller proved who they are; CSRF tokens matter only for cookies.
enum class CredentialSource { kNone, kCookie, kBearer };

struct Call {
  const Request& request;
  Services& services;
  PathParams params;
  // With Body::kJson: the parsed request object. Otherwise null. (With Body::kImage the
  // upload is request.body: non-empty, within media::kMaxUploadBytes, sent as an image type,
  // and not yet decoded: only media::ImageProcessor::Normalize may say what it really is.)
  const nlohmann::json* body = nullptr;
  // The caller's session: always set on Access::kMember routes, set on kPersonalised routes
  // when the caller is signed in, never on kPublic routes.
  const accounts::AuthenticatedSession* session = nullptr;
  CredentialSource credential = CredentialSource::kNone;
};

// A route handler. Errors become answers in api/error_mapping.cpp.
using Handler = Result<Response> (*)(Call& call);

}  // namespace enishi::api
