#include "api/ops_api.hpp"

#include <nlohmann/json.hpp>

#include "api/api.hpp"
#include "api/json_codec.hpp"
#include "api/middleware.hpp"
#include "core/metrics.hpp"
#include "crypto/hash.hpp"

namespace enishi::api {

Result<Response> Healthz(Call&) { return JsonResponse(200, {{"status", "ok"}}); }

Result<Response> Readyz(Call& call) {
  if (call.services.readiness) {
    auto ready = call.services.readiness();
    // Whatever the probe saw, a load balancer should only stop sending traffic here.
    if (!ready) return Unavailable("not ready: " + ready.error().message);
  }
  return JsonResponse(200, {{"status", "ready"}});
}

Result<Response> MetricsText(Call& call) {
  const std::string& token = call.services.options.metrics_token;
  if (!token.empty()) {
    Credential credential = ReadCredential(call.request);
    if (credential.source != CredentialSource::kBearer ||
        !crypto::ConstantTimeEquals(credential.token, token)) {
      return Unauthenticated("metrics need the configured bearer token");
    }
  }
  Response response;
  response.SetHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
  response.body = call.services.metrics.RenderText();
  return response;
}

Result<Response> OpenApi(Call&) {
  Response response;
  response.SetHeader("Content-Type", "application/json");
  response.body = std::string(OpenApiDocument());
  return response;
}

}  // namespace enishi::api
