#pragma once
// Small helpers that keep the repositories short: run a repository operation as one read or
// write unit, report its timing to the store's observer, and decode query rows.

#include <chrono>
#include <optional>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "core/result.hpp"
#include "storage/sql/sql_database.hpp"
#include "storage/store.hpp"

namespace enishi::storage::sql {

// Runs `sql` and decodes each row with `decode`, which returns std::optional<T>: nullopt for a
// stored value the repositories never write (an unknown enum text, say). kInternal then.
template <class T, class Decode>
Result<std::vector<T>> QueryAll(SqlConnection& connection, std::string_view sql, SqlParams params,
                                Decode&& decode) {
  std::vector<T> rows;
  bool undecodable = false;
  ENISHI_TRY(connection.Query(sql, params, [&](const SqlRow& row) {
    std::optional<T> value = decode(row);
    if (value) {
      rows.push_back(std::move(*value));
    } else {
      undecodable = true;
    }
  }));
  if (undecodable) return Internal("a stored row holds a value this build does not know");
  return rows;
}

// Like QueryAll, for a query that matches at most one row.
template <class T, class Decode>
Result<std::optional<T>> QueryOptional(SqlConnection& connection, std::string_view sql,
                                       SqlParams params, Decode&& decode) {
  auto rows = QueryAll<T>(connection, sql, params, std::forward<Decode>(decode));
  if (!rows) return rows.error();
  if (rows->empty()) return std::optional<T>();
  return std::optional<T>(std::move(rows->front()));
}

// Runs repository operations as units on a SqlDatabase, timing each for the observer.
// Thread-safe as the database is; the database must outlive the runner.
class OperationRunner {
 public:
  OperationRunner(SqlDatabase& database, OperationObserver observer)
      : database_(database), observer_(std::move(observer)) {}

  // Runs `body(SqlConnection&)`, which returns some Result<T>, as one read unit.
  template <class Body>
  auto Read(std::string_view operation, Body&& body) {
    return Observe(operation, [&] { return InUnit(/*write=*/false, body); });
  }
  // Runs `body` as one write unit: its writes commit together when it returns a value, and
  // are undone when it returns an error.
  template <class Body>
  auto Write(std::string_view operation, Body&& body) {
    return Observe(operation, [&] { return InUnit(/*write=*/true, body); });
  }

 private:
  template <class Body>
  auto InUnit(bool write, Body& body) {
    using R = std::invoke_result_t<Body&, SqlConnection&>;
    std::optional<R> outcome;  // Result<T> has no empty state; a unit may run more than once.
    auto unit = [&](SqlConnection& connection) -> Result<void> {
      outcome.emplace(body(connection));
      if (!outcome->has_value()) return outcome->error();
      return Ok();
    };
    Result<void> status = write ? database_.Write(unit) : database_.Read(unit);
    if (!status) return R(status.error());
    return std::move(*outcome);
  }

  template <class Body>
  auto Observe(std::string_view operation, Body&& body) {
    if (!observer_) return body();
    auto start = std::chrono::steady_clock::now();
    auto result = body();
    observer_(operation, std::chrono::steady_clock::now() - start, result.has_value());
    return result;
  }

  SqlDatabase& database_;
  OperationObserver observer_;
};

}  // namespace enishi::storage::sql
