#pragma once
// Databases for the storage tests: temporary folders for SQLite files, and a private schema
// per test in the PostgreSQL server named by ENISHI_TEST_PG_URL (scripts/with-postgres sets
// it). A schema per test means every test starts empty and CTest may run them in parallel.

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <utility>

#include "core/result.hpp"
#include "storage/sql/sql_store.hpp"

namespace enishi::storage::testing {

// The schema version the embedded migrations reach.
inline constexpr int kLatestSchemaVersion = 13;

// Why the PostgreSQL variants skip when PostgresTestUrl() has no answer.
#if ENISHI_WITH_POSTGRES
inline constexpr char kNoPostgresReason[] =
    "ENISHI_TEST_PG_URL is not set; run under scripts/with-postgres to test PostgreSQL";
#else
inline constexpr char kNoPostgresReason[] = "built with ENISHI_WITH_POSTGRES=OFF";
#endif

inline std::string RandomSuffix() {
  std::random_device device;
  std::uniform_int_distribution<unsigned long long> digits;
  char text[17];
  std::snprintf(text, sizeof(text), "%016llx", digits(device));
  return text;
}

// A fresh folder, removed with everything in it on destruction.
class TempDir {
 public:
  TempDir()
      : path_(std::filesystem::temp_directory_path() / ("enishi-storage-test-" + RandomSuffix())) {
    std::filesystem::create_directories(path_);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// ENISHI_TEST_PG_URL, or nullopt when it is unset or empty or PostgreSQL is not built in.
inline std::optional<std::string> PostgresTestUrl() {
  if (!ENISHI_WITH_POSTGRES) return std::nullopt;
  const char* url = std::getenv("ENISHI_TEST_PG_URL");
  if (url == nullptr || *url == '\0') return std::nullopt;
  return std::string(url);
}

// Runs a script on the server named by `url`, outside any test schema.
inline Result<void> RunScript(const std::string& url, const std::string& script) {
  StoreOptions options;
  options.url = url;
  options.pool_size = 1;
  auto database = sql::OpenDatabase(options);
  if (!database) return database.error();
  return (*database)->Write([&](sql::SqlConnection& db) { return db.ExecuteScript(script); });
}

// An empty schema of its own on the test server; dropped, with its tables, on destruction.
class PgTestSchema {
 public:
  static Result<std::unique_ptr<PgTestSchema>> Create(const std::string& server_url) {
    std::string name = "enishi_test_" + RandomSuffix();
    ENISHI_TRY(RunScript(server_url, "CREATE SCHEMA " + name));
    return std::unique_ptr<PgTestSchema>(new PgTestSchema(server_url, std::move(name)));
  }
  PgTestSchema(const PgTestSchema&) = delete;
  PgTestSchema& operator=(const PgTestSchema&) = delete;
  ~PgTestSchema() { (void)RunScript(server_url_, "DROP SCHEMA " + name_ + " CASCADE"); }

  // The server URL with search_path set to this schema, so unqualified tables land in it.
  const std::string& url() const { return url_; }

 private:
  PgTestSchema(std::string server_url, std::string name)
      : server_url_(std::move(server_url)), name_(std::move(name)) {
    url_ = server_url_ + (server_url_.find('?') == std::string::npos ? "?" : "&") +
           "options=-csearch_path%3D" + name_;
  }

  std::string server_url_;
  std::string name_;
  std::string url_;
};

}  // namespace enishi::storage::testing
