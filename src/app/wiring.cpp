// The one place that names concrete types: it opens the store, builds the services and the
// API over it, and runs the subcommands.

#include <condition_variable>
#include <cstdio>
#include <functional>
#include <mutex>
#include <optional>
#include <stop_token>
#include <string>
#include <thread>

#include "api/api.hpp"
#include "api/stream_api.hpp"
#include "app/commands.hpp"
#include "app/demo_data.hpp"
#include "app/demo_loader.hpp"
#include "core/clock.hpp"
#include "core/log.hpp"
#include "core/metrics.hpp"
#include "crypto/hash.hpp"
#include "crypto/random.hpp"
#include "domain/accounts/account_repository.hpp"
#include "domain/accounts/account_service.hpp"
#include "domain/graph/graph_index.hpp"
#include "domain/introductions/introduction_service.hpp"
#include "domain/mail/outbox_mailer.hpp"
#include "domain/mail/outbox_sender.hpp"
#include "domain/messaging/messaging_service.hpp"
#include "domain/notifications/email_digest.hpp"
#include "domain/notifications/notification_service.hpp"
#include "domain/organizations/organization_service.hpp"
#include "domain/personas/persona_service.hpp"
#include "domain/profiles/profile_service.hpp"
#include "domain/relationships/relationship_service.hpp"
#include "domain/search/search_service.hpp"
#include "domain/stream/stream_event.hpp"
#include "http/server.hpp"
#include "intl/icu_local_time.hpp"
#include "intl/icu_text_forms.hpp"
#include "media/vips_image_processor.hpp"
#include "smtp/smtp_transport.hpp"
#include "storage/store.hpp"

namespace enishi::app {
namespace {

constexpr std::string_view kDemoPassword = "enishi-demo-2026";

// What every command's store indexes profiles for search with.
const search::TextForms& TextForms() {
  static const intl::IcuTextForms forms;
  return forms;
}

storage::StoreOptions StoreOptionsFrom(const Config& config) {
  storage::StoreOptions options;
  options.url = config.store_url;
  options.pool_size = config.store_pool_size;
  options.text_forms = &TextForms();
  return options;
}

// Opens the store or logs why not.
std::unique_ptr<storage::Store> OpenStoreOrLog(const storage::StoreOptions& options) {
  auto store = storage::OpenStore(options);
  if (!store) {
    log::Error("store_open_failed", {{"error", store.error().message}});
    return nullptr;
  }
  return std::move(store).value();
}

// "127.0.0.1:8080" or "[::1]:8080" into address and port.
Result<std::pair<std::string, uint16_t>> ParseListen(std::string_view listen) {
  size_t colon = listen.rfind(':');
  if (colon == std::string_view::npos || colon + 1 == listen.size()) {
    return InvalidArgument("server.listen must be HOST:PORT", "server.listen");
  }
  std::string host(listen.substr(0, colon));
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  unsigned port = 0;
  for (char c : listen.substr(colon + 1)) {
    if (c < '0' || c > '9' || (port = port * 10 + unsigned(c - '0')) > 65535) {
      return InvalidArgument("server.listen has an invalid port", "server.listen");
    }
  }
  return std::pair{host, static_cast<uint16_t>(port)};
}

accounts::AccountServiceOptions AccountOptionsFrom(const Config& config) {
  accounts::AccountServiceOptions options;
  options.password_cost.ops_limit = static_cast<unsigned long long>(config.argon2_iterations);
  options.password_cost.mem_limit_bytes = static_cast<size_t>(config.argon2_memory_kib) * 1024;
  options.device_token_key = config.device_token_key;
  return options;
}

api::ApiOptions ApiOptionsFrom(const Config& config) {
  api::ApiOptions options;
  options.web_root = config.web_root;
  options.allowed_origins = config.allowed_origins;
  options.rate_limits.per_client = {.per_minute = config.ip_requests_per_minute,
                                    .burst = config.ip_burst};
  options.rate_limits.per_account = {.per_minute = config.account_requests_per_minute,
                                     .burst = config.account_burst};
  options.daily_caps = {.searches_per_day = config.searches_per_day,
                        .profile_views_per_day = config.profile_views_per_day};
  options.max_body_bytes = static_cast<size_t>(config.max_body_bytes);
  options.email_delivery = !config.smtp_url.empty();
  return options;
}

http::ServerOptions ServerOptionsFrom(const Config& config, std::string host, uint16_t port) {
  http::ServerOptions options;
  options.listen_address = std::move(host);
  options.port = port;
  options.threads = config.threads;
  options.handler_threads = config.handler_threads;
  options.tls_certificate_file = config.tls_certificate;
  options.tls_private_key_file = config.tls_private_key;
  options.trusted_proxies = config.trusted_proxies;
  options.limits.max_body_bytes = static_cast<size_t>(config.max_body_bytes);
  options.limits.max_header_bytes = static_cast<size_t>(config.max_header_bytes);
  options.limits.read_timeout = std::chrono::seconds(config.read_timeout_seconds);
  options.limits.write_timeout = std::chrono::seconds(config.write_timeout_seconds);
  options.limits.idle_timeout = std::chrono::seconds(config.idle_timeout_seconds);
  options.limits.stream_frame_bytes = static_cast<size_t>(config.stream_frame_bytes);
  options.limits.stream_queue_bytes = static_cast<size_t>(config.stream_queue_bytes);
  options.limits.stream_idle_timeout = std::chrono::seconds(config.stream_idle_timeout_seconds);
  options.limits.pipeline_depth = static_cast<size_t>(config.pipeline_depth);
  options.limits.max_connections = static_cast<size_t>(config.max_connections);
  options.limits.shutdown_grace = std::chrono::seconds(config.shutdown_grace_seconds);
  return options;
}

// Runs `step` on a thread of its own until stopped: again at once while it returns true (more
// is waiting), otherwise after `period`.
std::jthread Repeat(std::chrono::seconds period, std::function<bool()> step) {
  return std::jthread([period, step = std::move(step)](std::stop_token stop) {
    std::mutex mutex;
    std::condition_variable_any wake;
    std::unique_lock lock(mutex);
    while (!stop.stop_requested()) {
      if (step()) continue;
      // Sleeps for `period`, or less when the server stops.
      wake.wait_for(lock, stop, period, [] { return false; });
    }
  });
}

// Removes expired sessions and sign-ups.
bool RemoveExpired(accounts::AccountRepository& accounts) {
  auto removed = accounts.DeleteExpired(SystemClock().Now());
  if (!removed) {
    log::Warn("expiry_failed", {{"error", removed.error().message}});
  } else if (*removed > 0) {
    log::Info("expired_removed", {log::Number("count", *removed)});
  }
  return false;
}

// Sends a batch of due mail; true when the batch was full, so more may be due at once. A
// delivery in flight delays the server's stop by up to the SMTP time-out; whatever it was
// sending is retried after its lease.
bool DeliverMail(mail::OutboxSender& sender) {
  auto claimed = sender.DeliverDue();
  if (!claimed) log::Warn("mail_outbox_unavailable", {{"error", claimed.error().message}});
  return claimed && *claimed == mail::OutboxSenderOptions{}.batch_size;
}

bool SendDigests(notifications::EmailDigest& digest) {
  auto sent = digest.SendDue();
  if (!sent) {
    log::Warn("digests_not_sent", {{"error", sent.error().message}});
  } else if (*sent > 0) {
    log::Info("digests_sent", {log::Number("count", *sent)});
  }
  return false;
}

// Asking the network, an intermediary's turn that ran out passes to the next route.
bool AdvanceIntroductions(introductions::IntroductionService& introductions) {
  auto ended = introductions.AdvanceOverdue();
  if (!ended) {
    log::Warn("introduction_turns_not_advanced", {{"error", ended.error().message}});
    return false;
  }
  return *ended == introductions::IntroductionLimits{}.overdue_batch;  // More may be due.
}

// Indexes for search what was saved before the index existed, or renamed through the account;
// true when the batch was full, so more may be waiting.
bool IndexForSearch(search::SearchService& search) {
  constexpr size_t kBatch = 500;
  auto indexed = search.IndexPending(kBatch);
  if (!indexed) {
    log::Warn("search_index_not_updated", {{"error", indexed.error().message}});
    return false;
  }
  if (*indexed > 0) log::Info("search_indexed", {log::Number("count", *indexed)});
  return *indexed >= kBatch;
}

bool StoreSessionActivity(accounts::AccountService& accounts) {
  if (auto stored = accounts.StoreSessionActivity(); !stored) {
    log::Warn("session_activity_not_stored", {{"error", stored.error().message}});
  }
  return false;
}

}  // namespace

void ApplyLogLevel(const Config& config) {
  log::Level level = config.log_level == "debug"   ? log::Level::kDebug
                     : config.log_level == "warn"  ? log::Level::kWarn
                     : config.log_level == "error" ? log::Level::kError
                                                   : log::Level::kInfo;
  log::SetMinimumLevel(level);
}

int Serve(const Config& config) {
  auto listen = ParseListen(config.listen);
  if (!listen) {
    log::Error("config_invalid", {{"error", listen.error().message}});
    return 2;
  }
  Metrics metrics;
  HistogramFamily& store_latency =
      metrics.AddHistogram("enishi_store_operation_duration_seconds",
                           "Store operations by name and outcome", {"operation", "outcome"});
  storage::StoreOptions store_options = StoreOptionsFrom(config);
  store_options.observer = [&store_latency](std::string_view operation,
                                            std::chrono::nanoseconds elapsed, bool ok) {
    store_latency.WithLabels({operation, ok ? "ok" : "error"})
        .Observe(std::chrono::duration<double>(elapsed).count());
  };
  std::unique_ptr<storage::Store> store = OpenStoreOrLog(store_options);
  if (!store) return 1;

  std::unique_ptr<smtp::SmtpTransport> smtp;
  if (!config.smtp_url.empty()) {
    auto transport = smtp::SmtpTransport::Create({.url = config.smtp_url,
                                                  .user = config.smtp_user,
                                                  .password = config.smtp_password,
                                                  .from = config.mail_from});
    if (!transport) {
      log::Error("config_invalid", {{"error", transport.error().message}});
      store->Close();
      return 2;
    }
    smtp = std::move(transport).value();
  }

  auto image_processor = media::VipsImageProcessor::Create();
  if (!image_processor) {
    log::Error("image_processor_failed", {{"error", image_processor.error().message}});
    store->Close();
    return 1;
  }
  Clock& clock = SystemClock();
  mail::OutboxMailer mailer(store->outbox());
  accounts::AccountService accounts(store->accounts(), mailer, clock, AccountOptionsFrom(config));
  graph::GraphIndex graph;
  intl::IcuLocalTime local_time;
  notifications::NotificationService notifications(store->notifications(), local_time, clock);
  notifications::RequestNotifications request_notifications(notifications);
  relationships::RelationshipService relationships(store->relationships(), store->accounts(),
                                                   store->profiles(), graph, store->changes(),
                                                   &request_notifications, clock);
  // Other servers on the same store announce their changes; listening starts before the load,
  // so that nothing committed in between is missed.
  auto listener = store->Listen(
      relationships::kRelationshipChannel,
      {.on_message =
           [&relationships](std::string_view message) { relationships.HearChange(message); },
       .on_gap =
           [&relationships] {
             if (auto reloaded = relationships.Load(); !reloaded) {
               log::Error("graph_reload_failed", {{"error", reloaded.error().message}});
             }
           }});
  if (!listener) {
    log::Error("listen_failed", {{"error", listener.error().message}});
    store->Close();
    return 1;
  }
  if (auto loaded = relationships.Load(); !loaded) {
    log::Error("graph_load_failed", {{"error", loaded.error().message}});
    listener->reset();
    store->Close();
    return 1;
  }
  // The relationship service tells the privacy engine how a viewer stands with a member.
  profiles::ProfileService profiles(store->profiles(), store->organizations(), store->images(),
                                    **image_processor, relationships, mailer, clock,
                                    {.cached_profiles = config.profile_copies});
  organizations::OrganizationService organizations(store->organizations(), clock);
  personas::PersonaService personas(store->personas(), store->images(), **image_processor, clock);
  messaging::MessagingService messaging(store->messaging(), relationships, notifications, clock);
  introductions::IntroductionService introductions(store->introductions(), relationships, profiles,
                                                   messaging, notifications, store->accounts(),
                                                   clock);
  search::SearchService search(store->search(), store->profiles(), profiles, relationships,
                               TextForms(), clock);
  if (auto loaded = search.LoadIndex(); !loaded) {
    log::Error("search_index_load_failed", {{"error", loaded.error().message}});
    listener->reset();
    store->Close();
    return 1;
  }
  api::Api api(ApiOptionsFrom(config),
               {accounts, profiles, organizations, personas, relationships, messaging,
                introductions, notifications, search, store->streams(), store->changes()},
               clock, metrics, [&store] { return store->Ping(); });
  // Members' streams grow through any server on the store, and each server's sockets catch
  // up. Typing indicators and ended sessions reach every server's sockets the same way. (A
  // gap on the sessions channel leaves a revoked session's socket open until it reconnects.)
  std::vector<std::unique_ptr<cluster::ChangeListener>> stream_listeners;
  for (auto& [channel, handlers] :
       std::vector<std::pair<std::string_view, cluster::ChangeListener::Handlers>>{
           {stream::kStreamChannel,
            {.on_message = [&api](std::string_view notice) { api.HearStreamNotice(notice); },
            .on_gap = [&api] { api.HearStreamGap(); }}},
           {api::kTypingChannel,
            {.on_message = [&api](std::string_view message) { api.HearTyping(message); },
            .on_gap = [] {}}},
           {accounts::kSessionsEndedChannel,
            {.on_message = [&api](std::string_view message) { api.HearSessionsEnded(message); },
            .on_gap = [] {}}}}) {
    auto heard = store->Listen(channel, std::move(handlers));
    if (!heard) {
      log::Error("listen_failed",
                 {{"channel", std::string(channel)}, {"error", heard.error().message}});
      stream_listeners.clear();
      listener->reset();
      store->Close();
      return 1;
    }
    stream_listeners.push_back(std::move(*heard));
  }

  http::ServerOptions server_options = ServerOptionsFrom(config, listen->first, listen->second);
  // Image uploads may be larger than limits.max_body_bytes; the route decides.
  server_options.body_limit = [&api](api::Method method, std::string_view target) {
    return api.BodyLimitFor(method, target);
  };
  server_options.answers_at_once = [&api](api::Method method, std::string_view target) {
    return api.AnswersAtOnce(method, target);
  };
  auto server = http::Server::Start(server_options,
                                    [&api](api::Request& request) { return api.Handle(request); });
  if (!server) {
    log::Error("server_start_failed", {{"error", server.error().message}});
    stream_listeners.clear();
    listener->reset();
    store->Close();
    return 1;
  }
  std::string scheme = config.tls_certificate.empty() ? "http" : "https";
  std::string host =
      listen->first.find(':') != std::string::npos ? "[" + listen->first + "]" : listen->first;
  std::printf("Enishi is running at %s://%s:%u/ (store: %s)\n", scheme.c_str(), host.c_str(),
              unsigned((*server)->port()), std::string(store->backend()).c_str());
  std::fflush(stdout);

  {
    std::jthread expiry =
        Repeat(std::chrono::minutes(10), [&store] { return RemoveExpired(store->accounts()); });
    std::jthread session_activity =
        Repeat(std::chrono::seconds(10), [&accounts] { return StoreSessionActivity(accounts); });
    std::jthread introduction_turns = Repeat(
        std::chrono::minutes(1), [&introductions] { return AdvanceIntroductions(introductions); });
    std::jthread search_indexing =
        Repeat(std::chrono::minutes(10), [&search] { return IndexForSearch(search); });
    // Mail leaves only when SMTP is configured; the e-mail digest is made only then, too.
    std::optional<mail::OutboxSender> mail_sender;
    std::optional<notifications::EmailDigest> digest;
    std::jthread mail_sending, digest_sending;
    if (smtp) {
      mail_sender.emplace(store->outbox(), *smtp, clock);
      mail_sending =
          Repeat(std::chrono::seconds(5), [&mail_sender] { return DeliverMail(*mail_sender); });
      digest.emplace(store->notifications(), store->accounts(), mailer, local_time, clock);
      digest_sending = Repeat(std::chrono::minutes(5), [&digest] { return SendDigests(*digest); });
    }
    (*server)->Run();
  }  // The background jobs stop here, before the store closes.
  StoreSessionActivity(accounts);
  // Nothing more to hear, and nothing to reload from a closed store.
  stream_listeners.clear();
  listener->reset();
  store->Close();
  log::Info("shutdown_complete");
  return 0;
}

int RunMigrations(const Config& config) {
  auto version = storage::Migrate(StoreOptionsFrom(config));
  if (!version) {
    log::Error("migration_failed", {{"error", version.error().message}});
    return 1;
  }
  std::printf("schema version %d\n", *version);
  return 0;
}

int LoadDemo(const Config& config, const DemoOptions& options) {
  std::unique_ptr<storage::Store> store = OpenStoreOrLog(StoreOptionsFrom(config));
  if (!store) return 1;
  // Every demo member shares one password, so one Argon2id hash (salted once) serves all.
  auto hash = crypto::HashPassword(kDemoPassword, AccountOptionsFrom(config).password_cost);
  if (!hash) {
    log::Error("demo_failed", {{"error", hash.error().message}});
    return 1;
  }
  demo::World world = demo::GenerateWorld(options.seed, options.people);
  auto counts = LoadDemoWorld(*store, world, *hash, SystemClock());
  if (!counts) {
    log::Error("demo_failed", {{"error", counts.error().message}});
    store->Close();
    return 1;
  }
  int created = counts->created, existing = counts->existing;
  store->Close();
  std::printf("demo: %d members created, %d already there; every demo password is \"%s\"\n",
              created, existing, std::string(kDemoPassword).c_str());
  if (!world.people.empty()) {
    std::printf("demo: for example, log in as %s\n", world.people.front().login.c_str());
  }
  return 0;
}

int PrintOutbox(const Config& config, const OutboxOptions& options) {
  storage::StoreOptions store_options = StoreOptionsFrom(config);
  std::unique_ptr<storage::Store> store = OpenStoreOrLog(store_options);
  if (!store) return 1;
  auto messages = store->outbox().ListRecent(options.limit);
  store->Close();
  if (!messages) {
    log::Error("outbox_failed", {{"error", messages.error().message}});
    return 1;
  }
  for (const mail::Message& message : *messages) {
    std::string channel = message.channel == mail::Channel::kSms ? "sms" : "email";
    if (options.json) {
      std::string line = "{\"channel\":\"" + channel + "\",\"to\":\"";
      log::AppendJsonEscaped(line, message.to);
      line += "\",\"subject\":\"";
      log::AppendJsonEscaped(line, message.subject);
      line += "\",\"body\":\"";
      log::AppendJsonEscaped(line, message.body);
      line += "\",\"created_at\":\"" + FormatRfc3339(message.created_at) + "\"}";
      std::printf("%s\n", line.c_str());
    } else {
      std::printf("── %s  %s to %s\n%s\n\n%s\n\n", FormatRfc3339(message.created_at).c_str(),
                  channel.c_str(), message.to.c_str(), message.subject.c_str(),
                  message.body.c_str());
    }
  }
  return 0;
}

int AdministerCompany(const Config& config, const CompanyAdminOptions& options) {
  std::unique_ptr<storage::Store> store = OpenStoreOrLog(StoreOptionsFrom(config));
  if (!store) return 1;
  Clock& clock = SystemClock();
  organizations::OrganizationService service(store->organizations(), clock);
  auto fail = [&](const Error& error) {
    std::fprintf(stderr, "enishi: %s\n", error.message.c_str());
    store->Close();
    return 1;
  };
  if (!options.search.empty()) {
    auto companies = service.SuggestCompanies(options.search);
    if (!companies) return fail(companies.error());
    for (const organizations::Company& company : *companies) {
      std::printf("%s  %s / %s / %s\n", company.id.ToString().c_str(), company.names.ja.c_str(),
                  company.names.zh.c_str(), company.names.en.c_str());
    }
  }
  if (!options.id.empty()) {
    auto parse = [](const std::string& text) -> Result<CompanyId> {
      if (auto id = CompanyId::Parse(text)) return *id;
      return InvalidArgument("not a company id: " + text);
    };
    auto id = parse(options.id);
    if (!id) return fail(id.error());
    if (!options.add_domain.empty()) {
      if (auto added = service.AddDomain(*id, options.add_domain); !added) {
        return fail(added.error());
      }
    }
    if (!options.parent.empty()) {
      auto parent = parse(options.parent);
      if (!parent) return fail(parent.error());
      if (auto set = service.SetParent(*id, *parent); !set) return fail(set.error());
    }
    if (!options.add_affiliate.empty()) {
      auto affiliate = parse(options.add_affiliate);
      if (!affiliate) return fail(affiliate.error());
      if (auto added = service.AddAffiliate(*id, *affiliate); !added) return fail(added.error());
    }
    std::printf("company %s updated\n", options.id.c_str());
  }
  store->Close();
  return 0;
}

}  // namespace enishi::app
