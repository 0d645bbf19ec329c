#pragma once
// The server's configuration, from three sources in rising precedence: a TOML file
// (--config or ENISHI_CONFIG), ENISHI_* environment variables, command-line flags. Every
// option is declared once in config.cpp's table, which drives all three and `--help`.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "api/daily_cap.hpp"
#include "core/result.hpp"
#include "domain/profiles/profile_cache.hpp"

namespace CLI {
class App;
}

namespace enishi::app {

struct Config {
  // [server]
  std::string listen = "127.0.0.1:8080";
  int threads = 0;          // I/O threads; 0: one per core.
  int handler_threads = 0;  // 0: http::kDefaultHandlerThreads.
  std::string web_root = "web/dist";
  std::string tls_certificate;
  std::string tls_private_key;
  std::vector<std::string> trusted_proxies;
  std::vector<std::string> allowed_origins;
  // [limits]
  int64_t max_body_bytes = 1024 * 1024;
  int64_t max_header_bytes = 16 * 1024;
  int read_timeout_seconds = 30;
  int write_timeout_seconds = 30;
  int idle_timeout_seconds = 60;
  int pipeline_depth = 16;
  int max_connections = 10000;
  int shutdown_grace_seconds = 10;
  int64_t stream_frame_bytes = 16 * 1024;
  int64_t stream_queue_bytes = 256 * 1024;
  int stream_idle_timeout_seconds = 60;
  size_t profile_copies = profiles::kDefaultCachedProfiles;
  // [rate_limit]: token buckets, refilled per minute.
  int ip_requests_per_minute = 600;
  int ip_burst = 120;
  int account_requests_per_minute = 600;
  int account_burst = 120;
  int searches_per_day = api::DailyCapOptions{}.searches_per_day;
  int profile_views_per_day = api::DailyCapOptions{}.profile_views_per_day;
  // [store]
  std::string store_url = "sqlite:data/enishi.db";
  int store_pool_size = 4;
  // [accounts]: Argon2id cost (OWASP: 19 MiB, 2 iterations).
  int argon2_memory_kib = 19 * 1024;
  int argon2_iterations = 2;
  // Signs the device cookies that exempt known browsers from per-login throttling. Servers
  // sharing a database must share it; empty means a random key per process.
  std::string device_token_key;
  // [mail]: SMTP delivery of the outbox, on when smtp_url is set (docs/OPERATIONS.md).
  std::string smtp_url;
  std::string smtp_user;
  std::string smtp_password;
  std::string mail_from;
  // [log]
  std::string log_level = "info";
};

// Collects flags on `command` for every option in `groups` ("server", "limits", "store", ...;
// empty means all), with their defaults shown in --help. Call Resolve() after CLI11 parsed.
class ConfigLoader {
 public:
  ConfigLoader(CLI::App& command, std::vector<std::string> groups = {});
  ~ConfigLoader();
  ConfigLoader(const ConfigLoader&) = delete;
  ConfigLoader& operator=(const ConfigLoader&) = delete;

  // Defaults, then the TOML file, then the environment, then flags. kInvalidArgument naming
  // the option (and the source) for an unknown key, a malformed value or an unreadable file.
  Result<Config> Resolve() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace enishi::app
