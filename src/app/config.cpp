#include "app/config.hpp"

#include <toml++/toml.h>

#include <CLI/CLI.hpp>
#include <charconv>
#include <cstdlib>
#include <functional>
#include <map>
#include <optional>

namespace enishi::app {
namespace {

// One configuration option: its TOML key ("limits.max_body_bytes"), which is also its
// environment variable (ENISHI_LIMITS_MAX_BODY_BYTES), its flag, and how to show and set it.
struct Option {
  std::string key;
  std::string flag;
  std::string help;
  std::function<std::string(const Config&)> show;
  std::function<Result<void>(Config&, std::string_view)> set;
};

Result<int64_t> ParseInteger(std::string_view text, int64_t min, int64_t max) {
  int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) {
    return InvalidArgument("expected a whole number, got \"" + std::string(text) + "\"");
  }
  if (value < min || value > max) {
    return InvalidArgument("must be between " + std::to_string(min) + " and " +
                           std::to_string(max));
  }
  return value;
}

std::vector<std::string> SplitList(std::string_view text) {
  std::vector<std::string> items;
  size_t start = 0;
  while (start <= text.size()) {
    size_t comma = text.find(',', start);
    if (comma == std::string_view::npos) comma = text.size();
    std::string_view item = text.substr(start, comma - start);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    if (!item.empty()) items.emplace_back(item);
    start = comma + 1;
  }
  return items;
}

std::string JoinList(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ",") + item;
  return out;
}

template <class T>
Option Integer(std::string key, std::string flag, std::string help, T Config::*field, int64_t min,
               int64_t max) {
  return {std::move(key), std::move(flag), std::move(help),
          [field](const Config& c) { return std::to_string(c.*field); },
          [field, min, max](Config& c, std::string_view text) -> Result<void> {
            auto value = ParseInteger(text, min, max);
            if (!value) return value.error();
            c.*field = static_cast<T>(*value);
            return Ok();
          }};
}

Option Text(std::string key, std::string flag, std::string help, std::string Config::*field) {
  return {std::move(key), std::move(flag), std::move(help),
          [field](const Config& c) { return c.*field; },
          [field](Config& c, std::string_view text) -> Result<void> {
            c.*field = std::string(text);
            return Ok();
          }};
}

Option List(std::string key, std::string flag, std::string help,
            std::vector<std::string> Config::*field) {
  return {std::move(key), std::move(flag), std::move(help),
          [field](const Config& c) { return JoinList(c.*field); },
          [field](Config& c, std::string_view text) -> Result<void> {
            c.*field = SplitList(text);
            return Ok();
          }};
}

const std::vector<Option>& Options() {
  static const std::vector<Option> options = {
      Text("server.listen", "--listen", "Address and port to listen on (HOST:PORT)",
           &Config::listen),
      Integer("server.threads", "--threads", "I/O threads for sockets; 0 means one per core",
              &Config::threads, 0, 256),
      Integer("server.handler_threads", "--handler-threads",
              "Threads that answer writes (POST, PUT, DELETE...), which wait on the store; "
              "0 means 32",
              &Config::handler_threads, 0, 1024),
      Text("server.web_root", "--web-root", "Folder of the built web client", &Config::web_root),
      Text("server.tls_certificate", "--tls-certificate",
           "PEM certificate chain; TLS is on when this and the key are set",
           &Config::tls_certificate),
      Text("server.tls_private_key", "--tls-private-key", "PEM private key",
           &Config::tls_private_key),
      List("server.trusted_proxies", "--trusted-proxies",
           "Comma-separated IPs or CIDR ranges whose X-Forwarded-For/-Proto are believed",
           &Config::trusted_proxies),
      List("server.allowed_origins", "--allowed-origins",
           "Comma-separated origins allowed to send cookie-authenticated writes, besides the "
           "server's own",
           &Config::allowed_origins),
      Integer("limits.max_body_bytes", "--max-body-bytes",
              "Largest request body, except image uploads (up to 5 MiB)", &Config::max_body_bytes,
              1024, int64_t{1} << 30),
      Integer("limits.max_header_bytes", "--max-header-bytes", "Largest request header block",
              &Config::max_header_bytes, 1024, 1024 * 1024),
      Integer("limits.read_timeout_seconds", "--read-timeout",
              "Seconds a client has to send one whole request", &Config::read_timeout_seconds, 1,
              3600),
      Integer("limits.write_timeout_seconds", "--write-timeout",
              "Seconds a client has to receive one whole response", &Config::write_timeout_seconds,
              1, 3600),
      Integer("limits.idle_timeout_seconds", "--idle-timeout",
              "Seconds an idle keep-alive connection stays open", &Config::idle_timeout_seconds, 1,
              3600),
      Integer("limits.pipeline_depth", "--pipeline-depth",
              "Requests read ahead of their responses on one connection", &Config::pipeline_depth,
              1, 1024),
      Integer("limits.max_connections", "--max-connections", "Concurrent connections",
              &Config::max_connections, 1, 1000000),
      Integer("limits.shutdown_grace_seconds", "--shutdown-grace",
              "Seconds in-flight requests get to finish at shutdown",
              &Config::shutdown_grace_seconds, 0, 600),
      Integer("limits.stream_frame_bytes", "--stream-frame-bytes",
              "Largest WebSocket message a client may send", &Config::stream_frame_bytes, 1024,
              16 * 1024 * 1024),
      Integer("limits.stream_queue_bytes", "--stream-queue-bytes",
              "WebSocket bytes queued for one client before it is disconnected as too slow",
              &Config::stream_queue_bytes, 1024, int64_t{1} << 30),
      Integer("limits.stream_idle_timeout_seconds", "--stream-idle-timeout",
              "Seconds a silent WebSocket stays open (pinged at half)",
              &Config::stream_idle_timeout_seconds, 2, 3600),
      Integer("limits.profile_copies", "--profile-copies",
              "Recently viewed members' profiles kept in memory, a few KB each; 0 keeps none",
              &Config::profile_copies, 0, 10000000),
      Integer("rate_limit.ip_requests_per_minute", "--ip-requests-per-minute",
              "API requests per minute per client IP; 0 turns the limit off",
              &Config::ip_requests_per_minute, 0, 1000000),
      Integer("rate_limit.ip_burst", "--ip-burst", "Burst allowance per client IP",
              &Config::ip_burst, 1, 1000000),
      Integer("rate_limit.account_requests_per_minute", "--account-requests-per-minute",
              "API requests per minute per signed-in account; 0 turns the limit off",
              &Config::account_requests_per_minute, 0, 1000000),
      Integer("rate_limit.account_burst", "--account-burst", "Burst allowance per account",
              &Config::account_burst, 1, 1000000),
      Integer("rate_limit.searches_per_day", "--searches-per-day",
              "People searches per account and UTC day; 0 turns the cap off",
              &Config::searches_per_day, 0, 1000000),
      Integer("rate_limit.profile_views_per_day", "--profile-views-per-day",
              "Views of other members' profiles per account and UTC day; 0 turns the cap off",
              &Config::profile_views_per_day, 0, 1000000),
      Text("store.url", "--store", "Storage URL: sqlite:PATH, or postgresql://... for PostgreSQL",
           &Config::store_url),
      Integer("store.pool_size", "--store-pool-size",
              "Database connections (SQLite: readers; PostgreSQL: the pool)",
              &Config::store_pool_size, 1, 256),
      Integer("accounts.argon2_memory_kib", "--argon2-memory-kib",
              "Argon2id memory per password hash, KiB", &Config::argon2_memory_kib, 8, 1 << 22),
      Integer("accounts.argon2_iterations", "--argon2-iterations", "Argon2id iterations",
              &Config::argon2_iterations, 1, 64),
      Text("accounts.device_token_key", "--device-token-key",
           "Secret that signs device cookies; servers sharing a database must share it",
           &Config::device_token_key),
      Text("mail.smtp_url", "--smtp-url",
           "SMTP server, smtp://HOST:587 (STARTTLS) or smtps://HOST:465; empty keeps mail in "
           "the outbox",
           &Config::smtp_url),
      Text("mail.smtp_user", "--smtp-user", "SMTP user name; empty means no authentication",
           &Config::smtp_user),
      Text("mail.smtp_password", "--smtp-password",
           "SMTP password; prefer the environment or the file to a flag", &Config::smtp_password),
      Text("mail.from", "--mail-from", "Sender of outgoing mail: \"Enishi <no-reply@DOMAIN>\"",
           &Config::mail_from),
      Text("log.level", "--log-level", "debug, info, warn or error", &Config::log_level),
  };
  return options;
}

std::string EnvironmentName(std::string_view key) {
  std::string name = "ENISHI_";
  for (char c : key) {
    name += c == '.' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return name;
}

// A TOML value as the same text a flag or environment variable would carry.
std::optional<std::string> TomlValueText(const toml::node& node) {
  if (auto text = node.value<std::string>()) return *text;
  if (auto integer = node.value_exact<int64_t>()) return std::to_string(*integer);
  if (const toml::array* array = node.as_array()) {
    std::vector<std::string> items;
    for (const toml::node& item : *array) {
      auto text = item.value<std::string>();
      if (!text) return std::nullopt;
      items.push_back(*text);
    }
    return JoinList(items);
  }
  return std::nullopt;
}

bool InGroups(const Option& option, const std::vector<std::string>& groups) {
  if (groups.empty()) return true;
  std::string group = option.key.substr(0, option.key.find('.'));
  for (const auto& g : groups) {
    if (g == group) return true;
  }
  return false;
}

}  // namespace

struct ConfigLoader::State {
  std::vector<std::string> groups;
  std::string config_file;
  std::map<std::string, std::string> flag_values;  // Option key -> raw flag text.
  std::map<std::string, CLI::Option*> flags;
};

ConfigLoader::ConfigLoader(CLI::App& command, std::vector<std::string> groups)
    : state_(std::make_unique<State>(State{std::move(groups), {}, {}, {}})) {
  command.add_option("--config", state_->config_file, "TOML configuration file")
      ->envname("ENISHI_CONFIG");
  const Config defaults;
  for (const Option& option : Options()) {
    if (!InGroups(option, state_->groups)) continue;
    std::string help =
        option.help + " [env " + EnvironmentName(option.key) + ", file " + option.key + "]";
    state_->flags[option.key] =
        command.add_option(option.flag, state_->flag_values[option.key], help)
            ->default_str(option.show(defaults));
  }
}

ConfigLoader::~ConfigLoader() = default;

Result<Config> ConfigLoader::Resolve() const {
  Config config;
  auto apply = [&](const Option& option, std::string_view text,
                   std::string_view source) -> Result<void> {
    auto set = option.set(config, text);
    if (!set) return InvalidArgument(std::string(source) + ": " + set.error().message, option.key);
    return Ok();
  };

  if (!state_->config_file.empty()) {
    toml::table table;
    try {
      table = toml::parse_file(state_->config_file);
    } catch (const toml::parse_error& error) {
      return InvalidArgument("configuration file " + state_->config_file + ": " +
                             std::string(error.description()));
    }
    // Refuse keys we do not know: a typo must not silently fall back to a default.
    for (const auto& [group, node] : table) {
      const toml::table* section = node.as_table();
      if (section == nullptr) {
        return InvalidArgument("configuration file: \"" + std::string(group.str()) +
                               "\" is not a [section]");
      }
      for (const auto& [name, value] : *section) {
        std::string key = std::string(group.str()) + "." + std::string(name.str());
        const Option* known = nullptr;
        for (const Option& option : Options()) {
          if (option.key == key) known = &option;
        }
        if (known == nullptr) return InvalidArgument("configuration file: unknown key " + key);
        auto text = TomlValueText(value);
        if (!text) return InvalidArgument("configuration file: " + key + " has the wrong type");
        ENISHI_TRY(apply(*known, *text, "configuration file " + key));
      }
    }
  }
  for (const Option& option : Options()) {
    if (const char* env = std::getenv(EnvironmentName(option.key).c_str())) {
      ENISHI_TRY(apply(option, env, EnvironmentName(option.key)));
    }
  }
  for (const Option& option : Options()) {
    auto flag = state_->flags.find(option.key);
    if (flag != state_->flags.end() && flag->second->count() > 0) {
      ENISHI_TRY(apply(option, state_->flag_values.at(option.key), option.flag));
    }
  }
  if (config.log_level != "debug" && config.log_level != "info" && config.log_level != "warn" &&
      config.log_level != "error") {
    return InvalidArgument("log.level must be debug, info, warn or error", "log.level");
  }
  if (!config.smtp_url.empty() && config.mail_from.empty()) {
    return InvalidArgument("mail.smtp_url needs mail.from", "mail.from");
  }
  if (config.tls_certificate.empty() != config.tls_private_key.empty()) {
    return InvalidArgument("TLS needs both server.tls_certificate and server.tls_private_key",
                           "server.tls_certificate");
  }
  return config;
}

}  // namespace enishi::app
