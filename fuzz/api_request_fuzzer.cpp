// libFuzzer target over the request-to-handler path: arbitrary bytes become an api::Request
// (method, target, headers, body) and go through Api::Handle on a real in-memory store.
// A 5xx answer or any crash is a finding. Run with `make fuzz`.
//
// Input layout: byte 0 picks the method and whether to authenticate with a real session;
// then "TARGET\nName: value\n...\n\nBODY".

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <regex>
#include <string>
#include <string_view>

#include "api/api.hpp"
#include "core/clock.hpp"
#include "core/log.hpp"
#include "core/metrics.hpp"
#include "crypto/random.hpp"
#include "domain/accounts/account_service.hpp"
#include "domain/mail/outbox_mailer.hpp"
#include "domain/media/image.hpp"
#include "domain/organizations/organization_service.hpp"
#include "domain/cluster/change_feed.hpp"
#include "domain/graph/graph_index.hpp"
#include "domain/personas/persona_service.hpp"
#include "domain/profiles/profile_service.hpp"
#include "domain/introductions/introduction_service.hpp"
#include "domain/messaging/messaging_service.hpp"
#include "domain/notifications/notification_service.hpp"
#include "domain/relationships/relationship_service.hpp"
#include "domain/search/search_service.hpp"
#include "intl/icu_local_time.hpp"
#include "intl/icu_text_forms.hpp"
#include "storage/store.hpp"

namespace {

using namespace enishi;

// Image decoding has its own target (image_fuzzer.cpp); here an upload that starts with the
// JPEG magic bytes is an image, kept as sent, and anything else is refused as libvips would.
class MagicImageProcessor final : public media::ImageProcessor {
 public:
  Result<media::Image> Normalize(std::string_view upload) override {
    if (upload.size() > media::kMaxUploadBytes || !upload.starts_with("\xFF\xD8\xFF")) {
      return InvalidArgument("not a JPEG, PNG or WebP image", "image");
    }
    media::Image image;
    image.content_type = "image/jpeg";
    image.bytes = std::string(upload);
    return image;
  }
};

struct World {
  std::unique_ptr<storage::Store> store;
  std::unique_ptr<mail::OutboxMailer> mailer;
  std::unique_ptr<accounts::AccountService> accounts;
  MagicImageProcessor images;
  graph::GraphIndex graph;
  cluster::LocalChangeFeed changes;
  intl::IcuLocalTime local_time;
  intl::IcuTextForms text_forms;
  std::unique_ptr<notifications::NotificationService> notifications;
  std::unique_ptr<relationships::RelationshipService> relationships;
  std::unique_ptr<profiles::ProfileService> profiles;
  std::unique_ptr<organizations::OrganizationService> organizations;
  std::unique_ptr<personas::PersonaService> personas;
  std::unique_ptr<messaging::MessagingService> messaging;
  std::unique_ptr<introductions::IntroductionService> introductions;
  std::unique_ptr<search::SearchService> search;
  Metrics metrics;
  std::unique_ptr<api::Api> api;
  std::string bearer;  // A real session, so authenticated handlers are reached too.
  std::string cookie;
  std::string csrf;
};

api::Response Call(World& world, api::Method method, std::string target, std::string body) {
  api::Request request;
  request.method = method;
  request.target = std::move(target);
  request.body = std::move(body);
  request.headers = {{"content-type", "application/json"}};
  request.client_ip = "127.0.0.1";
  return world.api->Handle(request);
}

World& TheWorld() {
  static World* world = [] {
    if (!crypto::Initialize()) std::abort();
    log::SetMinimumLevel(log::Level::kError);  // An access line per input would drown the run.
    auto* w = new World;
    storage::StoreOptions store_options;
    store_options.url = "sqlite::memory:";
    store_options.text_forms = &w->text_forms;
    w->store = std::move(storage::OpenStore(store_options)).value();
    w->mailer = std::make_unique<mail::OutboxMailer>(w->store->outbox());
    accounts::AccountServiceOptions account_options;
    account_options.password_cost = {1, 8 * 1024};  // Fast: the fuzzer hashes a lot.
    w->accounts = std::make_unique<accounts::AccountService>(w->store->accounts(), *w->mailer,
                                                             SystemClock(), account_options);
    w->notifications = std::make_unique<notifications::NotificationService>(
        w->store->notifications(), w->local_time, SystemClock());
    w->relationships = std::make_unique<relationships::RelationshipService>(
        w->store->relationships(), w->store->accounts(), w->store->profiles(), w->graph,
        w->changes, nullptr, SystemClock());
    w->profiles = std::make_unique<profiles::ProfileService>(
        w->store->profiles(), w->store->organizations(), w->store->images(), w->images,
        *w->relationships, *w->mailer, SystemClock());
    w->organizations = std::make_unique<organizations::OrganizationService>(
        w->store->organizations(), SystemClock());
    w->personas = std::make_unique<personas::PersonaService>(
        w->store->personas(), w->store->images(), w->images, SystemClock());
    w->messaging = std::make_unique<messaging::MessagingService>(
        w->store->messaging(), *w->relationships, *w->notifications, SystemClock());
    w->introductions = std::make_unique<introductions::IntroductionService>(
        w->store->introductions(), *w->relationships, *w->profiles, *w->messaging,
        *w->notifications, w->store->accounts(), SystemClock());
    w->search = std::make_unique<search::SearchService>(w->store->search(), w->store->profiles(),
                                                        *w->profiles, *w->relationships,
                                                        w->text_forms, SystemClock());
    api::ApiOptions api_options;
    api_options.web_root = "";
    api_options.rate_limits.per_client.per_minute = 0;  // Off: throttling would hide paths.
    api_options.rate_limits.per_account.per_minute = 0;
    w->api = std::make_unique<api::Api>(
        api_options,
        api::DomainServices{*w->accounts, *w->profiles, *w->organizations, *w->personas,
                            *w->relationships, *w->messaging, *w->introductions,
                            *w->notifications, *w->search,
                            w->store->streams(), w->changes},
        SystemClock(), w->metrics, [] { return Ok(); });

    // Sign up one member through the API, as a client would.
    Call(*w, api::Method::kPost, "/api/v1/signup",
         R"({"login":"fuzz@enishi.example","password":"fuzzing passphrase","display_name":"縁","locale":"ja"})");
    auto mail = w->store->outbox().ListRecent(1);
    std::smatch code;
    std::string body = mail && !mail->empty() ? mail->back().body : "";
    if (!std::regex_search(body, code, std::regex("[0-9]{6}"))) std::abort();
    api::Response verified =
        Call(*w, api::Method::kPost, "/api/v1/signup/verify",
             R"({"login":"fuzz@enishi.example","client":"api","code":")" + code.str() + "\"}");
    std::smatch token;
    if (!std::regex_search(verified.body, token, std::regex("\"token\":\"([^\"]+)\""))) {
      std::abort();
    }
    w->bearer = token[1];
    return w;
  }();
  return *world;
}

constexpr api::Method kMethods[] = {api::Method::kGet,   api::Method::kPost,
                                    api::Method::kPatch, api::Method::kDelete,
                                    api::Method::kPut,   api::Method::kHead,
                                    api::Method::kOptions, api::Method::kOther};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  World& world = TheWorld();
  if (size == 0) return 0;
  std::string_view input(reinterpret_cast<const char*>(data + 1), size - 1);

  api::Request request;
  request.method = kMethods[data[0] & 7];
  request.client_ip = "127.0.0.1";
  size_t blank = input.find("\n\n");
  std::string_view head = input.substr(0, blank);
  if (blank != std::string_view::npos) request.body = std::string(input.substr(blank + 2));
  size_t line_end = head.find('\n');
  request.target = std::string(head.substr(0, line_end));
  while (line_end != std::string_view::npos) {
    head.remove_prefix(line_end + 1);
    line_end = head.find('\n');
    std::string_view line = head.substr(0, line_end);
    size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    std::string name(line.substr(0, colon));
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::string_view value = line.substr(colon + 1);
    while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    request.headers.emplace_back(std::move(name), std::string(value));
  }
  if (data[0] & 8) request.headers.emplace_back("authorization", "Bearer " + world.bearer);

  api::Response response = world.api->Handle(request);
  // A 503 would mean the in-memory store failed, which fuzzing cannot cause; any 5xx is a bug.
  if (response.status >= 500) __builtin_trap();
  return 0;
}
