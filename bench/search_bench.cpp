// People search (F28) against its target: with 1M demo members in SQLite, a name query with
// filters, degree badges for a page of 20 results included, p99 under 50 ms; the same on
// PostgreSQL beside it, in the same run.
//
// The members are the demo world (app/demo_data.hpp), written by the demo loader
// (app/demo_loader.hpp, LoadDemoWorld) through the store's own repositories: accounts, full
// profiles with varied audiences, privacy settings (every fifth member kept out of search) and
// the search index rows, which ProfileRepository::PutProfile derives with intl::IcuTextForms
// as in production. One loader takes about 50 ms a member, most of it waiting for fsync, so
// 256 loaders write at once, five people to a LoadDemoWorld call, and SQLite's writer commits
// their units together. The network is tools/gen_graph.hpp's (10 connections per member, both
// sides rated as members rate, heavy-tailed), its tie rows written in bulk as in
// graph_load_bench.cpp: the loader's own pairing of colleagues is quadratic in the people of a
// call and one write unit per tie. Viewers then meet 1st, 2nd and 3rd degree members.
//
// The SQLite store is kept in ENISHI_SEARCH_BENCH_DIR (default /tmp/enishi-search-bench) and
// built only when missing. ENISHI_SEARCH_BENCH_SIZE picks it: "10k", "100k" or "1m" (the
// default).
//
// PostgreSQL: the store at ENISHI_TEST_PG_URL (scripts/with-postgres starts a throwaway server
// and sets it) receives every row of the SQLite store of its size, table by table, 5,000 rows
// to a statement (json_populate_recordset; the driver binds a fixed list of parameters), its
// secondary indexes dropped before and built after, then VACUUM ANALYZE, which autovacuum
// would run after such a load. Same rows, same ids: both stores must give the same answers, and the
// benchmark compares them query by query. A store that already holds every row is used as it
// is. ENISHI_SEARCH_BENCH_PG_SIZE picks another size for PostgreSQL ("none" skips it).
//
// The services are built as src/app/wiring.cpp builds them, the graph index loaded from the
// store. Each query kind is a fixed set of 200 searches (SearchService::SearchMembers, first
// page of 20; ENISHI_SEARCH_BENCH_QUERIES for another number) by 100 viewers with connections,
// picked at random with a fixed seed, after 20 untimed ones by other viewers; each is timed
// alone, and p50, p90 and p99 are over those. The kinds alternate between the stores. A summary
// table follows the usual output, with the store operations each kind spent its time in.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "app/demo_data.hpp"
#include "app/demo_loader.hpp"
#include "core/clock.hpp"
#include "core/ids.hpp"
#include "core/result.hpp"
#include "crypto/hash.hpp"
#include "domain/accounts/account_repository.hpp"
#include "domain/graph/graph_index.hpp"
#include "domain/graph/search.hpp"
#include "domain/graph/snapshot.hpp"
#include "domain/mail/outbox_mailer.hpp"
#include "domain/profiles/profile_repository.hpp"
#include "domain/profiles/profile_service.hpp"
#include "domain/relationships/relationship_names.hpp"
#include "domain/relationships/relationship_service.hpp"
#include "domain/search/search_service.hpp"
#include "intl/icu_text_forms.hpp"
#include "media/vips_image_processor.hpp"
#include "bench_rng.hpp"
#include "percentiles.hpp"
#include "storage/sql/sql_database.hpp"
#include "storage/sql/sql_store.hpp"
#include "storage/store.hpp"
#include "tools/gen_graph.hpp"

namespace enishi::search {
namespace {

namespace fs = std::filesystem;
using graph::Degree;
using storage::sql::SqlConnection;
using storage::sql::SqlDatabase;
using storage::sql::SqlRow;
using storage::sql::SqlUnit;
using Stopwatch = std::chrono::steady_clock;

struct BenchSize {
  std::string name;
  int members = 0;
};

const BenchSize kSizes[] = {{"10k", 10'000}, {"100k", 100'000}, {"1m", 1'000'000}};

constexpr uint64_t kSeed = 20261122;  // The demo world's default seed.
// People per LoadDemoWorld call. The loader keeps every fifth person of a call out of search
// and connects the people of a call among themselves, pair by pair; the network comes from
// tools/gen_graph.hpp instead (kConnectionsPerMember).
constexpr size_t kGroupSize = 5;
// Loaders writing at once: SQLite's writer commits the units queued meanwhile together (up to
// 256), so that they share one fsync.
constexpr size_t kLoaderThreads = 256;
constexpr std::string_view kBuildCacheSize = "PRAGMA cache_size = -1048576";  // 1 GiB
// Connections per member (each joins two): 10M among 1M members, 20 per member on average.
constexpr size_t kConnectionsPerMember = 10;
constexpr std::string_view kPassword = "enishi-demo-2026";

constexpr size_t kViewers = 100;
constexpr size_t kMinViewerConnections = 3;
constexpr size_t kDefaultQueriesPerKind = 200;  // ENISHI_SEARCH_BENCH_QUERIES
constexpr size_t kWarmUpQueriesPerKind = 20;
constexpr int kPageSize = 20;
constexpr double kTargetP99Ms = 50;

// The PostgreSQL copy: rows per INSERT, and the memory an index build may use.
constexpr size_t kRowsPerStatement = 5'000;
constexpr std::string_view kIndexBuildMemory = "SET LOCAL maintenance_work_mem = '1GB'";

using bench::Rng;

double Seconds(Stopwatch::duration duration) {
  return std::chrono::duration<double>(duration).count();
}

void Check(const Result<void>& result, const std::string& what) {
  if (!result) {
    std::fprintf(stderr, "%s: %s\n", what.c_str(), result.error().message.c_str());
    std::exit(1);
  }
}

template <class T>
T Must(Result<T> result, const std::string& what) {
  if (!result) {
    std::fprintf(stderr, "%s: %s\n", what.c_str(), result.error().message.c_str());
    std::exit(1);
  }
  return std::move(result).value();
}

// Runs `unit` as a write unit (or a read unit) of `database`; exits naming `what` if it fails.
void WriteUnit(SqlDatabase& database, const std::string& what, const SqlUnit& unit) {
  Check(database.Write(unit), what);
}
void ReadUnit(SqlDatabase& database, const std::string& what, const SqlUnit& unit) {
  Check(database.Read(unit), what);
}

const BenchSize* SizeNamed(const std::string& name) {
  for (const BenchSize& size : kSizes) {
    if (size.name == name) return &size;
  }
  return nullptr;
}

// ENISHI_SEARCH_BENCH_SIZE, or ENISHI_SEARCH_BENCH_PG_SIZE falling back to it.
BenchSize SizeFromEnvironment(const char* variable, const BenchSize& fallback) {
  const char* chosen = std::getenv(variable);
  if (chosen == nullptr || *chosen == '\0') return fallback;
  if (std::string_view(chosen) == "none") return {"none", 0};
  if (const BenchSize* size = SizeNamed(chosen)) return *size;
  std::fprintf(stderr, "unknown %s '%s' (10k, 100k, 1m%s)\n", variable, chosen,
               std::string_view(variable).ends_with("PG_SIZE") ? ", none" : "");
  std::exit(2);
}

// ENISHI_SEARCH_BENCH_QUERIES, the searches timed per kind and store: fewer for a quick look.
size_t QueriesPerKind() {
  static const size_t queries = [] {
    const char* chosen = std::getenv("ENISHI_SEARCH_BENCH_QUERIES");
    const long value = chosen != nullptr ? std::atol(chosen) : 0;
    return value > 0 ? static_cast<size_t>(value) : kDefaultQueriesPerKind;
  }();
  return queries;
}

const TextForms& Forms() {
  static const intl::IcuTextForms forms;
  return forms;
}

// --- Writing the demo world ---

fs::path BenchDirectory() {
  const char* dir = std::getenv("ENISHI_SEARCH_BENCH_DIR");
  return fs::path(dir != nullptr && *dir != '\0' ? dir : "/tmp/enishi-search-bench");
}

fs::path DatabasePath(const BenchSize& size) {
  return BenchDirectory() / ("search-" + size.name + ".db");
}

std::string SqliteUrl(const BenchSize& size) { return "sqlite:" + DatabasePath(size).string(); }

// Runs `work(i)` for every i below `count` on kLoaderThreads threads; `done(finished)` after
// each, under a lock.
void RunLoaders(size_t count, const std::function<void(size_t)>& work,
                const std::function<void(size_t)>& done) {
  std::atomic<size_t> next{0};
  size_t finished = 0;
  std::mutex mutex;
  std::vector<std::thread> loaders;
  for (size_t t = 0; t < kLoaderThreads; ++t) {
    loaders.emplace_back([&] {
      for (size_t i = next++; i < count; i = next++) {
        work(i);
        std::lock_guard lock(mutex);
        done(++finished);
      }
    });
  }
  for (std::thread& loader : loaders) loader.join();
}

// Writes the members of the demo world of `size` into the fresh SQLite store at `url` as
// `enishi demo` does, from many loaders at once; returns their ids in the world's order.
std::vector<MemberId> WriteMembers(const BenchSize& size, const std::string& url,
                                   Stopwatch::time_point started) {
  storage::StoreOptions options;
  options.url = url;
  options.text_forms = &Forms();
  Must(storage::Migrate(options), "migrate " + url);
  // The store as OpenStore makes it, with a larger page cache for its writer (the build's
  // inserts land all over the indexes); the file is the same.
  auto database = Must(storage::sql::OpenDatabase(options), "open " + url);
  WriteUnit(*database, "cache size", [](SqlConnection& db) -> Result<void> {
    ENISHI_TRY(db.Execute(kBuildCacheSize));
    return Ok();
  });
  auto store = std::make_unique<storage::sql::SqlStore>(std::move(database),
                                                        storage::OperationObserver(), &Forms());
  demo::World world = demo::GenerateWorld(kSeed, size.members);
  std::fprintf(stderr, "  world generated in %.0f s\n", Seconds(Stopwatch::now() - started));
  const std::string hash =
      Must(crypto::HashPassword(kPassword, crypto::PasswordCost{1, 8 * 1024}), "hash");
  const enishi::Clock& clock = SystemClock();
  Must(app::LoadDemoWorld(*store, {world.companies, world.schools, {}}, hash, clock),
       "companies and schools");

  // A group per LoadDemoWorld call, its people moved out of the world as it is written.
  const size_t people = world.people.size();
  const size_t groups = (people + kGroupSize - 1) / kGroupSize;
  std::vector<MemberId> members(people);
  RunLoaders(
      groups,
      [&](size_t g) {
        const size_t first = g * kGroupSize, end = std::min(people, first + kGroupSize);
        demo::World group;
        group.people.assign(std::make_move_iterator(world.people.begin() + first),
                            std::make_move_iterator(world.people.begin() + end));
        Must(app::LoadDemoWorld(*store, group, hash, clock), "group " + std::to_string(g));
        for (size_t i = 0; i < group.people.size(); ++i) {
          auto account = Must(store->accounts().FindAccountByLogin(group.people[i].login),
                              "find " + group.people[i].login);
          if (!account) Check(Internal("no account"), group.people[i].login);
          members[first + i] = account->id;
        }
      },
      [&](size_t finished) {
        if (finished * 10 / groups != (finished - 1) * 10 / groups) {
          std::fprintf(stderr, "  %zu%% of the members in %.0f s\n", finished * 100 / groups,
                       Seconds(Stopwatch::now() - started));
        }
      });
  store->Close();
  return members;
}

// Rows go in through json_each, many to a statement, as in graph_load_bench.cpp: the driver
// binds a fixed list of parameters. A pair the demo loader connected already keeps its tie.
constexpr size_t kTiesPerStatement = 20'000;
constexpr std::string_view kInsertTies =
    "INSERT INTO ties (member_id, other_id, stage, rating, note, trusted, provenance, since) "
    "SELECT value ->> 0, value ->> 1, 'connected', NULLIF(value ->> 2, 0), '', 0, $2, $3 "
    "FROM json_each($1) WHERE true ON CONFLICT DO NOTHING";

struct TieRow {
  int64_t member;
  int64_t other;
  uint8_t rating;
};

// Writes the connections of tools/gen_graph.hpp among `members` (both sides of each, with each
// side's rating, as RelationshipRepository::Connect and UpdateTie leave them), in key order,
// the covering index built afterwards in one sort.
size_t WriteConnections(const std::string& url, const std::vector<MemberId>& members) {
  std::vector<TieRow> rows;
  {
    tools::GeneratedNetwork network =
        tools::GenerateNetwork({members.size(), members.size() * kConnectionsPerMember, kSeed});
    rows.reserve(network.connections.size() * 2);
    for (const tools::GeneratedConnection& c : network.connections) {
      const auto a = static_cast<int64_t>(members[c.a].value());
      const auto b = static_cast<int64_t>(members[c.b].value());
      rows.push_back({a, b, c.a_rates_b});
      rows.push_back({b, a, c.b_rates_a});
    }
  }
  std::sort(rows.begin(), rows.end(), [](const TieRow& x, const TieRow& y) {
    return x.member != y.member ? x.member < y.member : x.other < y.other;
  });
  storage::StoreOptions options;
  options.url = url;
  auto database = Must(storage::sql::OpenDatabase(options), "open " + url);
  std::string index_sql;
  WriteUnit(*database, "drop ties_other", [&](SqlConnection& db) -> Result<void> {
    ENISHI_TRY(db.Query("SELECT sql FROM sqlite_master WHERE name = 'ties_other'", {},
                        [&](const SqlRow& row) { index_sql = row.Text(0); }));
    ENISHI_TRY(db.Execute("DROP INDEX ties_other"));
    return Ok();
  });
  const std::string provenance(
      EnumText(relationships::kProvenanceNames, relationships::Provenance::kMetInPerson));
  const int64_t since = ToMicros(SystemClock().Now());
  std::string batch;
  for (size_t next = 0; next < rows.size();) {
    batch = "[";
    for (size_t end = std::min(rows.size(), next + kTiesPerStatement); next < end; ++next) {
      batch += '[' + std::to_string(rows[next].member) + ',' + std::to_string(rows[next].other) +
               ',' + std::to_string(rows[next].rating) + "],";
    }
    batch.back() = ']';
    WriteUnit(*database, "insert ties", [&](SqlConnection& db) -> Result<void> {
      ENISHI_TRY(db.Execute(kInsertTies, {std::string_view(batch), provenance, since}));
      return Ok();
    });
  }
  WriteUnit(*database, "create ties_other",
            [&](SqlConnection& db) { return db.ExecuteScript(index_sql); });
  database->Close();
  return rows.size() / 2;
}

// Builds the store of `size` at `path`: the members, then the connections.
void BuildSqliteStore(const BenchSize& size, const fs::path& path) {
  std::fprintf(stderr, "building %s (%d demo members)...\n", path.c_str(), size.members);
  const Stopwatch::time_point started = Stopwatch::now();
  fs::create_directories(path.parent_path());
  for (const char* suffix : {"", "-wal", "-shm", ".complete"}) fs::remove(path.string() + suffix);
  const std::string url = SqliteUrl(size);
  const std::vector<MemberId> members = WriteMembers(size, url, started);
  const size_t connections = WriteConnections(url, members);
  const double seconds = Seconds(Stopwatch::now() - started);
  std::fprintf(stderr, "  %zu connections written\n", connections);
  std::ofstream(path.string() + ".complete") << size.members << " members, " << connections
                                             << " connections, built in " << seconds << " s\n";
  std::fprintf(stderr, "built %s in %.0f s (%.1f GB)\n", path.c_str(), seconds,
               static_cast<double>(fs::file_size(path)) / 1e9);
}

void EnsureSqliteStore(const BenchSize& size) {
  const fs::path path = DatabasePath(size);
  if (!fs::exists(path.string() + ".complete")) BuildSqliteStore(size, path);
}

// --- Copying the store into PostgreSQL ---

struct PgColumn {
  std::string name;
  std::string type;        // information_schema's data_type.
  bool sequenced = false;  // Filled from a sequence: serial or identity.
};

std::string Joined(const std::vector<PgColumn>& columns) {
  std::string text;
  for (const PgColumn& column : columns) text += (text.empty() ? "" : ", ") + column.name;
  return text;
}

void AppendJsonString(std::string& out, std::string_view text) {
  out += '"';
  for (char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\u%04x", static_cast<unsigned>(c));
      out += escaped;
    } else {
      out += c;
    }
  }
  out += '"';
}

// One SQLite value as JSON for the PostgreSQL column `column`.
void AppendJsonValue(std::string& out, const SqlRow& row, int index, const PgColumn& column) {
  if (row.IsNull(index)) {
    out += "null";
  } else if (column.type == "bigint" || column.type == "integer" || column.type == "smallint") {
    out += std::to_string(row.Int64(index));
  } else if (column.type == "boolean") {
    out += row.Int64(index) != 0 ? "true" : "false";
  } else if (column.type == "bytea") {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string bytes = row.Blob(index);
    out += "\"\\\\x";
    for (unsigned char byte : bytes) {
      out += kHex[byte >> 4];
      out += kHex[byte & 0xF];
    }
    out += '"';
  } else {
    AppendJsonString(out, row.Text(index));
  }
}

std::vector<std::string> PgTables(SqlDatabase& pg) {
  std::vector<std::string> tables;
  ReadUnit(pg, "list the PostgreSQL tables", [&](SqlConnection& db) {
    return db.Query(
        "SELECT table_name::text FROM information_schema.tables WHERE table_schema = "
        "current_schema() AND table_type = 'BASE TABLE' AND table_name <> "
        "'schema_migrations' ORDER BY table_name",
        {}, [&](const SqlRow& row) { tables.push_back(row.Text(0)); });
  });
  return tables;
}

std::vector<PgColumn> PgColumns(SqlDatabase& pg, const std::string& table) {
  std::vector<PgColumn> columns;
  ReadUnit(pg, "list the columns of " + table, [&](SqlConnection& db) {
    return db.Query(
        "SELECT column_name::text, data_type::text, CASE WHEN is_identity::text = 'YES' "
        "OR column_default::text LIKE 'nextval(%' THEN 1 ELSE 0 END "
        "FROM information_schema.columns WHERE table_schema = current_schema() AND "
        "table_name::text = $1 AND is_generated::text = 'NEVER' ORDER BY ordinal_position",
        {table}, [&](const SqlRow& row) {
          columns.push_back({row.Text(0), row.Text(1), row.Int64(2) != 0});
        });
  });
  return columns;
}

int64_t CountRows(SqlDatabase& database, const std::string& table) {
  int64_t count = 0;
  ReadUnit(database, "count " + table, [&](SqlConnection& db) {
    return db.Query("SELECT COUNT(*) FROM " + table, {},
                    [&](const SqlRow& row) { count = row.Int64(0); });
  });
  return count;
}

// Copies every row of `table` from SQLite to PostgreSQL, its non-unique indexes dropped during
// the copy and built again after it. Foreign keys are not checked row by row (the rows come
// from a consistent store): the session runs as a replica, as pg_restore --disable-triggers
// does, which needs a superuser.
void CopyTable(SqlDatabase& sqlite, SqlDatabase& pg, const std::string& table) {
  const std::vector<PgColumn> columns = PgColumns(pg, table);
  std::vector<std::pair<std::string, std::string>> indexes;  // (name, definition)
  WriteUnit(pg, "drop the indexes of " + table, [&](SqlConnection& db) -> Result<void> {
    ENISHI_TRY(db.Query(
        "SELECT c.relname::text, pg_get_indexdef(i.indexrelid) FROM pg_index i "
        "JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = $1::regclass "
        "AND NOT i.indisunique ORDER BY c.relname",
        {table}, [&](const SqlRow& row) { indexes.emplace_back(row.Text(0), row.Text(1)); }));
    for (const auto& [name, definition] : indexes) {
      ENISHI_TRY(db.Execute("DROP INDEX " + name));
    }
    return Ok();
  });

  const std::string names = Joined(columns);
  const std::string select = "SELECT " + names + " FROM " + table;
  const std::string insert = "INSERT INTO " + table + " (" + names +
                             ") OVERRIDING SYSTEM VALUE SELECT " + names +
                             " FROM json_populate_recordset(NULL::" + table + ", $1::json)";
  std::string batch = "[";
  size_t rows = 0;
  auto flush = [&] {
    if (rows == 0) return;
    batch.back() = ']';
    WriteUnit(pg, "insert into " + table, [&](SqlConnection& db) -> Result<void> {
      ENISHI_TRY(db.Execute("SET LOCAL session_replication_role = replica"));
      ENISHI_TRY(db.Execute(insert, {std::string_view(batch)}));
      return Ok();
    });
    batch = "[";
    rows = 0;
  };
  ReadUnit(sqlite, "read " + table + " from SQLite", [&](SqlConnection& db) {
    return db.Query(select, {}, [&](const SqlRow& row) {
      batch += '{';
      for (size_t i = 0; i < columns.size(); ++i) {
        if (i > 0) batch += ',';
        AppendJsonString(batch, columns[i].name);
        batch += ':';
        AppendJsonValue(batch, row, static_cast<int>(i), columns[i]);
      }
      batch += "},";
      if (++rows == kRowsPerStatement) flush();
    });
  });
  flush();

  WriteUnit(pg, "build the indexes of " + table, [&](SqlConnection& db) -> Result<void> {
    ENISHI_TRY(db.Execute(kIndexBuildMemory));
    for (const auto& [name, definition] : indexes) ENISHI_TRY(db.Execute(definition));
    for (const PgColumn& column : columns) {
      if (!column.sequenced) continue;
      ENISHI_TRY(db.Execute("SELECT setval(pg_get_serial_sequence('" + table + "', '" +
                            column.name + "'), COALESCE(MAX(" + column.name +
                            "), 0) + 1, false) FROM " + table));
    }
    return Ok();
  });
}

// Fills the migrated PostgreSQL store at `pg_url` with every row of the SQLite store of `size`,
// unless it holds them all already.
void EnsurePostgresStore(const BenchSize& size, const std::string& pg_url) {
  storage::StoreOptions pg_options;
  pg_options.url = pg_url;
  Must(storage::Migrate(pg_options), "migrate PostgreSQL");
  storage::StoreOptions sqlite_options;
  sqlite_options.url = SqliteUrl(size);
  sqlite_options.pool_size = 1;
  auto sqlite = Must(storage::sql::OpenDatabase(sqlite_options), "open the SQLite store");
  auto pg = Must(storage::sql::OpenDatabase(pg_options), "open PostgreSQL");

  const std::vector<std::string> tables = PgTables(*pg);
  std::vector<std::pair<std::string, int64_t>> counts;
  bool complete = true, empty = true;
  for (const std::string& table : tables) {
    const int64_t source = CountRows(*sqlite, table), target = CountRows(*pg, table);
    counts.emplace_back(table, source);
    complete = complete && source == target;
    empty = empty && target == 0;
  }
  if (complete) {
    std::fprintf(stderr, "PostgreSQL already holds the %s store\n", size.name.c_str());
    return;
  }
  if (!empty) {
    std::fprintf(stderr,
                 "the PostgreSQL store is neither empty nor a copy of the %s store; "
                 "give ENISHI_TEST_PG_URL a fresh database\n",
                 size.name.c_str());
    std::exit(1);
  }
  std::fprintf(stderr, "copying the %s store into PostgreSQL...\n", size.name.c_str());
  const Stopwatch::time_point started = Stopwatch::now();
  int64_t total = 0;
  for (const auto& [table, rows] : counts) {
    if (rows == 0) continue;
    const Stopwatch::time_point table_started = Stopwatch::now();
    CopyTable(*sqlite, *pg, table);
    total += rows;
    std::fprintf(stderr, "  %s: %lld rows in %.0f s\n", table.c_str(), static_cast<long long>(rows),
                 Seconds(Stopwatch::now() - table_started));
  }
  // What autovacuum would do after such a load, done now so that it does not run during the
  // measurement. A read unit, because VACUUM cannot run inside a transaction.
  ReadUnit(*pg, "vacuum", [](SqlConnection& db) { return db.ExecuteScript("VACUUM ANALYZE"); });
  sqlite->Close();
  pg->Close();
  std::fprintf(stderr, "copied %lld rows into PostgreSQL in %.0f s\n",
               static_cast<long long>(total), Seconds(Stopwatch::now() - started));
}

// --- The services, as src/app/wiring.cpp builds them ---

// Time spent in each store operation (the store's OperationObserver), for the summary.
struct OperationTime {
  double seconds = 0;
  size_t calls = 0;
};
std::map<std::string, OperationTime>* g_operations = nullptr;

void ObserveOperation(std::string_view operation, std::chrono::nanoseconds elapsed, bool) {
  if (g_operations == nullptr) return;
  OperationTime& time = (*g_operations)[std::string(operation)];
  time.seconds += std::chrono::duration<double>(elapsed).count();
  ++time.calls;
}

media::ImageProcessor& ImageProcessor() {
  static std::unique_ptr<media::VipsImageProcessor> processor =
      Must(media::VipsImageProcessor::Create(), "image processor");
  return *processor;
}

struct ViewerInfo {
  MemberId member;
  std::optional<CompanyId> company;  // Where they work now (or last worked).
  std::string city;
  size_t connections = 0;
};

struct SearchStack {
  SearchStack(std::string backend_name, std::string size_name,
              std::unique_ptr<storage::Store> opened)
      : backend(std::move(backend_name)),
        size(std::move(size_name)),
        store(std::move(opened)),
        mailer(store->outbox()),
        relationships(store->relationships(), store->accounts(), store->profiles(), graph,
                      store->changes(), nullptr, SystemClock()),
        profiles(store->profiles(), store->organizations(), store->images(), ImageProcessor(),
                 relationships, mailer, SystemClock()),
        search(store->search(), store->profiles(), profiles, relationships, Forms(),
               SystemClock()) {}

  std::string backend;  // "sqlite" or "postgres"
  std::string size;
  std::unique_ptr<storage::Store> store;
  mail::OutboxMailer mailer;
  graph::GraphIndex graph;
  relationships::RelationshipService relationships;
  profiles::ProfileService profiles;
  SearchService search;
  double load_seconds = 0;         // The graph index.
  double search_load_seconds = 0;  // The search postings.
  std::vector<ViewerInfo> viewers;
};

std::unique_ptr<SearchStack> OpenStack(const std::string& backend, const BenchSize& size,
                                       const std::string& url) {
  storage::StoreOptions options;
  options.url = url;
  options.text_forms = &Forms();
  options.observer = ObserveOperation;
  auto stack = std::make_unique<SearchStack>(backend, size.name,
                                             Must(storage::OpenStore(options), "open " + url));
  const Stopwatch::time_point started = Stopwatch::now();
  Check(stack->relationships.Load(), "load the graph index");
  stack->load_seconds = Seconds(Stopwatch::now() - started);
  const Stopwatch::time_point search_started = Stopwatch::now();
  Check(stack->search.LoadIndex(), "load the search postings");
  stack->search_load_seconds = Seconds(Stopwatch::now() - search_started);
  return stack;
}

// --- The queries ---

// One kind of query: the texts it asks in turn, and the filters it adds for the viewer.
struct QueryKind {
  std::string name;
  std::string label;      // For the summary.
  bool filtered = false;  // A name query with filters: what the target speaks of.
  std::vector<std::string> texts;
  std::function<void(const ViewerInfo&, MemberQuery&)> filter = [](const ViewerInfo&,
                                                                   MemberQuery&) {};

  // Query i: text i (in turn) with the filters for `viewer`, first page.
  MemberQuery Make(const ViewerInfo& viewer, size_t i) const {
    MemberQuery query;
    query.text = texts[i % texts.size()];
    query.limit = kPageSize;
    filter(viewer, query);
    return query;
  }
};

std::vector<QueryKind> QueryKinds() {
  const std::vector<std::string> names = {"佐藤", "tanaka", "王", "smith", "さとう", "chen"};
  auto company = [](const ViewerInfo& viewer, MemberQuery& q) { q.company = viewer.company; };
  auto senior_in_city = [](const ViewerInfo& viewer, MemberQuery& q) {
    q.seniority = profiles::Seniority::kSenior;
    q.location = viewer.city;
  };
  return {
      {"FamilyName",
       "family name in kanji or hanzi",
       false,
       {"佐藤", "田中", "鈴木", "高橋", "渡辺", "王", "李", "张"}},
      {"Reading",
       "reading in kana",
       false,
       {"さとう", "たなか", "すずき", "タカハシ", "わたなべ", "やまもと"}},
      {"Latin",
       "romaji, pinyin or English",
       false,
       {"tanaka", "suzuki", "watanabe", "zhang", "smith", "yamamoto"}},
      {"FullName",
       "full name",
       false,
       {"佐藤 陽菜", "田中 翔太", "王 伟", "Emily Smith", "たなか ゆい", "zhang wei"}},
      {"NameCompany", "name + the viewer's company", true, names, company},
      {"NameSeniorCity", "name + seniority senior + the viewer's city", true, names,
       senior_in_city},
      {"NameDegree12", "name + degree 1st or 2nd", true, names,
       [](const ViewerInfo&, MemberQuery& q) {
         q.degrees = {Degree::kFirst, Degree::kSecond};
       }},
      {"NameAllFilters", "name + company + senior + city + degree 1st-3rd", true, names,
       [=](const ViewerInfo& viewer, MemberQuery& q) {
         company(viewer, q);
         senior_in_city(viewer, q);
         q.degrees = {Degree::kFirst, Degree::kSecond, Degree::kThird};
       }},
  };
}

// Viewers with connections, drawn from the loaded graph with a fixed seed; their company and
// city from their profiles.
std::vector<ViewerInfo> PickViewers(SearchStack& stack) {
  std::shared_ptr<const graph::Snapshot> snapshot = stack.graph.snapshot();
  Rng rng(kSeed);
  std::vector<ViewerInfo> viewers;
  while (viewers.size() < kViewers) {
    const auto node = static_cast<graph::NodeIndex>(rng.Below(snapshot->node_count()));
    const size_t connections = snapshot->Adjacent(node).nodes.size();
    if (connections < kMinViewerConnections) continue;
    ViewerInfo viewer{snapshot->MemberAt(node), std::nullopt, "", connections};
    if (std::any_of(viewers.begin(), viewers.end(),
                    [&](const ViewerInfo& v) { return v.member == viewer.member; })) {
      continue;
    }
    auto profile = Must(stack.store->profiles().FindProfile(viewer.member), "viewer profile");
    if (!profile) continue;
    viewer.city = profile->location.value;
    std::optional<CompanyId> current;
    for (const profiles::Position& position : profile->positions) {
      viewer.company = position.company;
      if (!position.end) current = position.company;
    }
    if (current) viewer.company = current;
    viewers.push_back(std::move(viewer));
  }
  return viewers;
}

// --- Timing and the summary ---

struct Percentiles {
  double p50_ms = 0;
  double p90_ms = 0;
  double p99_ms = 0;
  double max_ms = 0;
  double mean_ms = 0;
};

// Nearest-rank percentiles.
Percentiles PercentilesOf(std::vector<double> millis) {
  if (millis.empty()) return {};
  std::sort(millis.begin(), millis.end());
  double sum = 0;
  for (double ms : millis) sum += ms;
  return {bench::NearestRank(millis, 0.50), bench::NearestRank(millis, 0.90),
          bench::NearestRank(millis, 0.99), millis.back(),
          sum / static_cast<double>(millis.size())};
}

// One page's answer, for comparing the stores: per hit the member, its badge and its mutual
// count, then whether there is a next page.
using Digest = std::vector<uint64_t>;

Digest DigestOf(const MemberPage& page) {
  Digest digest;
  for (const MemberHit& hit : page.hits) {
    digest.insert(digest.end(),
                  {hit.member.value(), static_cast<uint64_t>(hit.degree), hit.mutual_count});
  }
  digest.push_back(page.next_cursor ? 1 : 0);
  return digest;
}

struct KindResult {
  Percentiles latency;
  std::map<std::string, std::vector<double>> by_text;  // Milliseconds by query text.
  double mean_hits = 0;
  size_t full_pages = 0;
  size_t badges[5] = {};  // Hits by graph::Degree.
  std::map<std::string, OperationTime> operations;
  std::vector<Digest> answers;
  std::optional<size_t> disagreements;  // With the SQLite store's answers (PostgreSQL only).
};

// Results by "<size> <backend>", then by query kind.
std::map<std::string, std::map<std::string, KindResult>> g_results;

struct Workload {
  BenchSize size;
  std::vector<QueryKind> kinds;
  std::unique_ptr<SearchStack> sqlite;
  std::unique_ptr<SearchStack> postgres;
};

// Query i of a kind: viewer i (of kViewers, in turn) asking with text i (in turn).
const ViewerInfo& ViewerOf(const SearchStack& stack, size_t i) {
  return stack.viewers[i % stack.viewers.size()];
}

MemberQuery QueryOf(const SearchStack& stack, const QueryKind& kind, size_t i) {
  return kind.Make(ViewerOf(stack, i), i);
}

// A few searches of every kind by other viewers, untimed: what a running server has read
// before, and past the point where PostgreSQL settles on its plans for prepared statements.
void WarmUp(const Workload& workload, SearchStack& stack) {
  for (const QueryKind& kind : workload.kinds) {
    for (size_t i = 0; i < kWarmUpQueriesPerKind; ++i) {
      const size_t other = i + stack.viewers.size() / 2;
      Must(stack.search.SearchMembers(ViewerOf(stack, other).member, QueryOf(stack, kind, other)),
           "warm-up " + kind.name);
    }
  }
}

void RunKind(benchmark::State& state, Workload& workload, SearchStack& stack,
             const QueryKind& kind) {
  KindResult result;
  std::vector<double> millis;
  size_t hits = 0;
  g_operations = &result.operations;
  size_t i = 0;
  for (auto _ : state) {
    const MemberQuery query = QueryOf(stack, kind, i);
    const MemberId viewer = ViewerOf(stack, i).member;
    const Stopwatch::time_point start = Stopwatch::now();
    auto page = stack.search.SearchMembers(viewer, query);
    const double seconds = Seconds(Stopwatch::now() - start);
    if (!page) {
      g_operations = nullptr;
      state.SkipWithError(
          (kind.name + " query " + std::to_string(i) + ": " + page.error().message).c_str());
      return;
    }
    state.SetIterationTime(seconds);
    millis.push_back(seconds * 1e3);
    result.by_text[query.text].push_back(seconds * 1e3);
    hits += page->hits.size();
    if (page->hits.size() == static_cast<size_t>(kPageSize)) ++result.full_pages;
    for (const MemberHit& hit : page->hits) ++result.badges[static_cast<size_t>(hit.degree)];
    result.answers.push_back(DigestOf(*page));
    ++i;
  }
  g_operations = nullptr;
  result.latency = PercentilesOf(millis);
  result.mean_hits = static_cast<double>(hits) / static_cast<double>(std::max<size_t>(i, 1));
  state.counters["p50_ms"] = result.latency.p50_ms;
  state.counters["p90_ms"] = result.latency.p90_ms;
  state.counters["p99_ms"] = result.latency.p99_ms;
  state.counters["hits"] = result.mean_hits;
  if (&stack == workload.postgres.get() && workload.sqlite && workload.sqlite->size == stack.size) {
    auto& sqlite_results = g_results[stack.size + " sqlite"];
    if (auto found = sqlite_results.find(kind.name); found != sqlite_results.end()) {
      size_t differing = 0;
      for (size_t q = 0; q < result.answers.size(); ++q) {
        if (q >= found->second.answers.size() || result.answers[q] != found->second.answers[q]) {
          ++differing;
        }
      }
      result.disagreements = differing;
      state.counters["differ"] = static_cast<double>(differing);
    }
  }
  g_results[stack.size + " " + stack.backend][kind.name] = std::move(result);
}

Workload& TheWorkload() {
  static Workload workload;
  return workload;
}

void Prepare(Workload& workload, const BenchSize& size, const BenchSize& pg_size) {
  workload.size = size;
  workload.kinds = QueryKinds();
  EnsureSqliteStore(size);
  workload.sqlite = OpenStack("sqlite", size, SqliteUrl(size));
  workload.sqlite->viewers = PickViewers(*workload.sqlite);
  const char* pg_url = std::getenv("ENISHI_TEST_PG_URL");
  if (pg_size.name == "none") {
    std::fprintf(stderr, "PostgreSQL skipped (ENISHI_SEARCH_BENCH_PG_SIZE=none)\n");
  } else if (pg_url == nullptr || *pg_url == '\0') {
    std::fprintf(stderr,
                 "PostgreSQL skipped: ENISHI_TEST_PG_URL is not set "
                 "(run under scripts/with-postgres)\n");
  } else {
    EnsureSqliteStore(pg_size);
    EnsurePostgresStore(pg_size, pg_url);
    workload.postgres = OpenStack("postgres", pg_size, pg_url);
    // The same rows and ids as the SQLite store of its size: the same viewers when that is
    // the one measured, else its own, drawn alike.
    workload.postgres->viewers =
        pg_size.name == size.name ? workload.sqlite->viewers : PickViewers(*workload.postgres);
  }
}

void RegisterAll(Workload& workload) {
  for (const QueryKind& kind : workload.kinds) {
    for (SearchStack* stack : {workload.sqlite.get(), workload.postgres.get()}) {
      if (stack == nullptr) continue;
      benchmark::RegisterBenchmark(
          ("SearchMembers/" + kind.name + "/" + stack->backend + "/" + stack->size).c_str(),
          [&workload, stack, kind](benchmark::State& state) {
            RunKind(state, workload, *stack, kind);
          })
          ->Iterations(static_cast<benchmark::IterationCount>(QueriesPerKind()))
          ->UseManualTime()
          ->Unit(benchmark::kMillisecond);
    }
  }
}

std::string Ms(double millis) {
  char text[32];
  std::snprintf(text, sizeof text, millis < 10 ? "%.2f" : "%.1f", millis);
  return text;
}

std::string Badges(const KindResult& result) {
  size_t total = 0;
  for (size_t count : result.badges) total += count;
  if (total == 0) return "no hits";
  std::string text;
  const char* const names[] = {"self", "1st", "2nd", "3rd", "beyond"};
  for (size_t d = 1; d < 5; ++d) {
    char share[32];
    std::snprintf(share, sizeof share, "%s%s %.0f%%", text.empty() ? "" : ", ", names[d],
                  100.0 * static_cast<double>(result.badges[d]) / static_cast<double>(total));
    text += share;
  }
  return text;
}

// The store operations a query kind spent most time in, per query, after the mean time of a
// query and the part of it spent in the store.
std::string TopOperations(const KindResult& result, size_t queries) {
  std::vector<std::pair<std::string, OperationTime>> sorted(result.operations.begin(),
                                                            result.operations.end());
  std::sort(sorted.begin(), sorted.end(),
            [](const auto& a, const auto& b) { return a.second.seconds > b.second.seconds; });
  double store_seconds = 0;
  for (const auto& [name, time] : sorted) store_seconds += time.seconds;
  std::string text = "mean " + Ms(result.latency.mean_ms) + " ms, store " +
                     Ms(store_seconds * 1e3 / static_cast<double>(queries)) + " ms: ";
  for (size_t i = 0; i < std::min<size_t>(4, sorted.size()); ++i) {
    const auto& [name, time] = sorted[i];
    char part[128];
    std::snprintf(part, sizeof part, "%s%s %.2f ms (%.1f calls)", i == 0 ? "" : "; ", name.c_str(),
                  time.seconds * 1e3 / static_cast<double>(queries),
                  static_cast<double>(time.calls) / static_cast<double>(queries));
    text += part;
  }
  return text;
}

void PrintSummary(const Workload& workload) {
  const std::string sqlite_key = workload.size.name + " sqlite";
  const std::string pg_key = workload.postgres ? workload.postgres->size + " postgres" : "";
  const auto& sqlite = g_results[sqlite_key];
  const auto* pg = workload.postgres ? &g_results[pg_key] : nullptr;
  std::printf("\nPeople search, first page of %d, %zu queries per kind by %zu viewers\n", kPageSize,
              QueriesPerKind(), kViewers);
  std::printf("SQLite: %s members (graph index loaded in %.1f s, search postings in %.1f s)",
              workload.size.name.c_str(), workload.sqlite->load_seconds,
              workload.sqlite->search_load_seconds);
  if (workload.postgres) {
    std::printf("; PostgreSQL: %s members (graph index loaded in %.1f s, search postings in %.1f s)",
                workload.postgres->size.c_str(), workload.postgres->load_seconds,
                workload.postgres->search_load_seconds);
  }
  std::printf(
      "\n\n| query | SQLite p50 | p90 | p99 | PostgreSQL p50 | p90 | p99 | hits/page |"
      " target p99 < %.0f ms |\n|---|---|---|---|---|---|---|---|---|\n",
      kTargetP99Ms);
  for (const QueryKind& kind : workload.kinds) {
    auto s = sqlite.find(kind.name);
    if (s == sqlite.end()) continue;
    const Percentiles& a = s->second.latency;
    std::string pg_cells = "| — | — | —";
    std::string verdict = kind.filtered ? (a.p99_ms < kTargetP99Ms ? "SQLite ✓" : "SQLite ✗") : "—";
    if (pg != nullptr) {
      if (auto p = pg->find(kind.name); p != pg->end()) {
        const Percentiles& b = p->second.latency;
        pg_cells = "| " + Ms(b.p50_ms) + " ms | " + Ms(b.p90_ms) + " ms | " + Ms(b.p99_ms) + " ms";
        if (kind.filtered) verdict += b.p99_ms < kTargetP99Ms ? ", PostgreSQL ✓" : ", PostgreSQL ✗";
      }
    }
    std::printf("| %s | %s ms | %s ms | %s ms %s | %.1f | %s |\n", kind.label.c_str(),
                Ms(a.p50_ms).c_str(), Ms(a.p90_ms).c_str(), Ms(a.p99_ms).c_str(), pg_cells.c_str(),
                s->second.mean_hits, verdict.c_str());
  }
  std::printf("\n");
  for (const QueryKind& kind : workload.kinds) {
    auto s = sqlite.find(kind.name);
    if (s == sqlite.end()) continue;
    std::printf("%s: max %s ms (SQLite); %zu of %zu pages full; badges %s\n", kind.name.c_str(),
                Ms(s->second.latency.max_ms).c_str(), s->second.full_pages, QueriesPerKind(),
                Badges(s->second).c_str());
    std::printf("  SQLite: %s\n", TopOperations(s->second, QueriesPerKind()).c_str());
    auto p = pg != nullptr ? pg->find(kind.name) : sqlite.end();
    const bool with_pg = pg != nullptr && p != pg->end();
    std::string by_text;
    for (const std::string& text : kind.texts) {
      auto median = [&](const KindResult& result) {
        auto found = result.by_text.find(text);
        return found == result.by_text.end() ? 0.0 : PercentilesOf(found->second).p50_ms;
      };
      by_text += (by_text.empty() ? "" : ", ") + text + " " + Ms(median(s->second)) +
                 (with_pg ? " / " + Ms(median(p->second)) : "");
    }
    std::printf("  median by text, ms (SQLite%s): %s\n", with_pg ? " / PostgreSQL" : "",
                by_text.c_str());
    if (!with_pg) continue;
    std::printf("  PostgreSQL: %s\n", TopOperations(p->second, QueriesPerKind()).c_str());
    if (p->second.disagreements) {
      std::printf("  answers: %s\n",
                  *p->second.disagreements == 0
                      ? "the same on both stores"
                      : (std::to_string(*p->second.disagreements) + " of " +
                         std::to_string(QueriesPerKind()) + " differ between the stores")
                            .c_str());
    }
  }
}

}  // namespace
}  // namespace enishi::search

int main(int argc, char** argv) {
  using namespace enishi::search;
  benchmark::Initialize(&argc, argv);
  const BenchSize size = SizeFromEnvironment("ENISHI_SEARCH_BENCH_SIZE", kSizes[2]);
  if (size.name == "none") {
    std::fprintf(stderr, "ENISHI_SEARCH_BENCH_SIZE must be 10k, 100k or 1m\n");
    return 2;
  }
  const BenchSize pg_size = SizeFromEnvironment("ENISHI_SEARCH_BENCH_PG_SIZE", size);
  Workload& workload = TheWorkload();
  Prepare(workload, size, pg_size);
  for (SearchStack* stack : {workload.sqlite.get(), workload.postgres.get()}) {
    if (stack != nullptr) WarmUp(workload, *stack);
  }
  RegisterAll(workload);
  benchmark::RunSpecifiedBenchmarks();
  PrintSummary(workload);
  benchmark::Shutdown();
  return 0;
}
