// Loading the graph index from the SQLite store at start-up, against the target of 60 s for
// 1M members / 50M connections (100M tie rows, one per side).
//
// The store is an ordinary migrated SQLite file whose ties table holds the network of
// tools/gen_graph.hpp; building it takes about 20 minutes, so it is kept between runs in
// ENISHI_GRAPH_LOAD_DIR (default /tmp/enishi-graph-load, about 10 GB at 1M) and rebuilt only
// when missing. ENISHI_GRAPH_LOAD_SIZE picks the network: "100k" (2.5M connections) or "1m"
// (50M, the default).
//
// Two benchmarks, three repetitions each, in one run:
//   LoadGraphIndex     what `enishi serve` does at start: GraphIndex::Load over the store.
//   ScanConnections    the reference: the same store scan with nothing built, the cost floor
//                      that the index's own work comes on top of.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "domain/graph/connection_source.hpp"
#include "domain/graph/graph_index.hpp"
#include "domain/graph/snapshot.hpp"
#include "storage/sql/sql_database.hpp"
#include "storage/sql/sql_store.hpp"
#include "storage/store.hpp"
#include "tools/gen_graph.hpp"

namespace enishi::graph {
namespace {

namespace fs = std::filesystem;
using storage::sql::SqlConnection;
using Clock = std::chrono::steady_clock;

struct LoadSize {
  std::string name;
  size_t members;
  size_t connections;
};

LoadSize SizeFromEnvironment() {
  const char* chosen = std::getenv("ENISHI_GRAPH_LOAD_SIZE");
  std::string name = chosen != nullptr ? chosen : "1m";
  if (name == "100k") return {name, 100'000, 2'500'000};
  if (name != "1m") std::fprintf(stderr, "unknown ENISHI_GRAPH_LOAD_SIZE %s; using 1m\n", chosen);
  return {"1m", 1'000'000, 50'000'000};
}

fs::path DatabasePath(const LoadSize& size) {
  const char* dir = std::getenv("ENISHI_GRAPH_LOAD_DIR");
  return fs::path(dir != nullptr ? dir : "/tmp/enishi-graph-load") / ("ties-" + size.name + ".db");
}

void Check(const Result<void>& result, const char* what) {
  if (!result) {
    std::fprintf(stderr, "%s: %s\n", what, result.error().message.c_str());
    std::exit(1);
  }
}

// Rows go in through json_each, many to a statement: the driver binds a fixed list of
// parameters, and one statement per row would take far longer than the load being measured.
constexpr size_t kRowsPerStatement = 20'000;
constexpr size_t kStatementsPerTransaction = 10;
constexpr std::string_view kInsertAccounts =
    "INSERT INTO accounts (id, login, login_kind, display_name, locale, password_hash, "
    "created_at) SELECT value, 'm' || value || '@example.com', 'email', 'Member', 'ja', '-', $2 "
    "FROM json_each($1)";
constexpr std::string_view kInsertTies =
    "INSERT INTO ties (member_id, other_id, stage, rating, note, trusted, provenance, since) "
    "SELECT value ->> 0, value ->> 1, 'connected', NULLIF(value ->> 2, 0), '', 0, "
    "'same_group', $2 FROM json_each($1)";

struct TieRow {
  int64_t member;
  int64_t other;
  uint8_t rating;
};

// Writes the network into a fresh migrated store at `path`: both sides of every connection, in
// key order so that the primary key grows at its end, and the covering index built afterwards
// in one sort rather than row by row.
void BuildStore(const LoadSize& size, const fs::path& path) {
  std::fprintf(stderr, "building %s (%zu members, %zu connections)...\n", path.c_str(),
               size.members, size.connections);
  Clock::time_point started = Clock::now();
  fs::create_directories(path.parent_path());
  fs::remove(path);
  storage::StoreOptions options;
  options.url = "sqlite:" + path.string();
  auto migrated = storage::Migrate(options);
  if (!migrated) Check(migrated.error(), "migrate");

  std::vector<TieRow> rows;
  std::vector<int64_t> members;
  {
    tools::GeneratedNetwork network =
        tools::GenerateNetwork({size.members, size.connections, /*seed=*/1});
    for (MemberId member : network.members) members.push_back(static_cast<int64_t>(member.value()));
    rows.reserve(network.connections.size() * 2);
    for (const tools::GeneratedConnection& c : network.connections) {
      int64_t a = members[c.a];
      int64_t b = members[c.b];
      rows.push_back({a, b, c.a_rates_b});
      rows.push_back({b, a, c.b_rates_a});
    }
  }
  std::sort(rows.begin(), rows.end(), [](const TieRow& x, const TieRow& y) {
    return x.member != y.member ? x.member < y.member : x.other < y.other;
  });

  auto database = storage::sql::OpenDatabase(options);
  if (!database) Check(database.error(), "open");
  std::string index_sql;
  Check((*database)->Write([&](SqlConnection& db) -> Result<void> {
          ENISHI_TRY(db.Query("SELECT sql FROM sqlite_master WHERE name = 'ties_other'", {},
                              [&](const storage::sql::SqlRow& row) { index_sql = row.Text(0); }));
          ENISHI_TRY(db.Execute("DROP INDEX ties_other"));
          return Ok();
        }),
        "drop index");
  const int64_t since = 1'700'000'000'000'000;
  // Writes `count` items in statements of kRowsPerStatement, each a JSON array that `append`
  // fills with the items from `first` on.
  auto insert = [&](std::string_view sql, size_t count, auto append) {
    std::string batch;
    for (size_t next = 0; next < count;) {
      Check((*database)->Write([&](SqlConnection& db) -> Result<void> {
              for (size_t s = 0; s < kStatementsPerTransaction && next < count; ++s) {
                batch = "[";
                for (size_t end = std::min(count, next + kRowsPerStatement); next < end; ++next) {
                  append(batch, next);
                  batch += ',';
                }
                batch.back() = ']';
                ENISHI_TRY(db.Execute(sql, {std::string_view(batch), since}));
              }
              return Ok();
            }),
            "insert");
    }
  };
  insert(kInsertAccounts, members.size(), [&](std::string& batch, size_t i) {
    batch += std::to_string(members[i]);
  });
  insert(kInsertTies, rows.size(), [&](std::string& batch, size_t i) {
    const TieRow& row = rows[i];
    batch += '[' + std::to_string(row.member) + ',' + std::to_string(row.other) + ',' +
             std::to_string(row.rating) + ']';
  });
  rows = {};
  Check((*database)->Write([&](SqlConnection& db) -> Result<void> {
          ENISHI_TRY(db.Execute(index_sql));
          ENISHI_TRY(db.Execute("ANALYZE"));
          return Ok();
        }),
        "create index");
  (*database)->Close();
  std::ofstream(path.string() + ".complete") << size.connections << "\n";
  std::fprintf(stderr, "built in %.0f s\n",
               std::chrono::duration<double>(Clock::now() - started).count());
}

std::unique_ptr<storage::Store> OpenBenchStore(const LoadSize& size) {
  fs::path path = DatabasePath(size);
  if (!fs::exists(path.string() + ".complete")) BuildStore(size, path);
  storage::StoreOptions options;
  options.url = "sqlite:" + path.string();
  auto store = storage::OpenStore(options);
  if (!store) Check(store.error(), "open store");
  return std::move(store).value();
}

storage::Store& BenchStore() {
  static const LoadSize size = SizeFromEnvironment();
  static std::unique_ptr<storage::Store> store = OpenBenchStore(size);
  return *store;
}

void LoadGraphIndex(benchmark::State& state) {
  ConnectionSource& source = BenchStore().relationships();
  size_t connections = 0;
  size_t memory_bytes = 0;
  for (auto _ : state) {
    GraphIndex index;
    Check(index.Load(source), "load");
    std::shared_ptr<const Snapshot> loaded = index.snapshot();
    connections = loaded->connection_count();
    memory_bytes = loaded->memory_bytes();
  }
  state.counters["connections"] = static_cast<double>(connections);
  state.counters["index_MiB"] = static_cast<double>(memory_bytes) / (1 << 20);
}

void ScanConnections(benchmark::State& state) {
  ConnectionSource& source = BenchStore().relationships();
  size_t connections = 0;
  for (auto _ : state) {
    connections = 0;
    Check(source.ForEachConnection([&](const ConnectionRecord& record) -> Result<void> {
            benchmark::DoNotOptimize(record);
            ++connections;
            return Ok();
          }),
          "scan");
  }
  state.counters["connections"] = static_cast<double>(connections);
}

BENCHMARK(LoadGraphIndex)->Iterations(1)->Repetitions(3)->Unit(benchmark::kSecond)->UseRealTime();
BENCHMARK(ScanConnections)->Iterations(1)->Repetitions(3)->Unit(benchmark::kSecond)->UseRealTime();

}  // namespace
}  // namespace enishi::graph

BENCHMARK_MAIN();
