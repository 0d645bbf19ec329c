#pragma once
// The seam between the repositories (written once, in storage/sql/) and the two database
// drivers (storage/sqlite/, storage/postgres/). A backend implements SqlDatabase, which hands
// out SqlConnections for the length of one read unit or one write unit. No driver type or
// driver error text crosses this interface: backends translate errors into ErrorCodes.
//
// Statements use positional parameters `$1..$N` on both backends. Integers are int64, text is
// UTF-8 without NUL bytes, bytes are BLOB (SQLite) or bytea (PostgreSQL), timestamps are int64
// microseconds since the Unix epoch (UTC).

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <variant>

#include "core/result.hpp"
#include "domain/cluster/change_feed.hpp"

namespace enishi::storage::sql {

enum class Dialect { kSqlite, kPostgres };

// Bytes for a BLOB or bytea parameter: any bytes, NUL and invalid UTF-8 included. A type of its
// own, so that bytes are never bound as text by accident (PostgreSQL would reject them).
struct SqlBlob {
  std::string_view bytes;
};

// One statement parameter: NULL, an integer, a text or bytes. Text and bytes are not copied, so
// a SqlValue must not outlive the string it was made from (it is meant for argument lists).
class SqlValue {
 public:
  SqlValue(std::nullptr_t) {}                        // NOLINT: implicit by design
  SqlValue(int64_t value) : value_(value) {}         // NOLINT: implicit by design
  SqlValue(int value) : value_(int64_t{value}) {}    // NOLINT: implicit by design
  SqlValue(std::string_view text) : value_(text) {}  // NOLINT: implicit by design
  SqlValue(const std::string& text) : value_(std::string_view(text)) {}  // NOLINT: implicit
  SqlValue(const char* text) : value_(std::string_view(text)) {}         // NOLINT: implicit
  SqlValue(SqlBlob blob) : value_(blob) {}                               // NOLINT: implicit
  SqlValue(bool) = delete;  // Store flags as explicit integers or enum text.

  bool is_null() const { return std::holds_alternative<std::monostate>(value_); }
  bool is_int64() const { return std::holds_alternative<int64_t>(value_); }
  bool is_blob() const { return std::holds_alternative<SqlBlob>(value_); }
  int64_t int64() const { return std::get<int64_t>(value_); }
  std::string_view text() const { return std::get<std::string_view>(value_); }
  std::string_view blob() const { return std::get<SqlBlob>(value_).bytes; }

 private:
  std::variant<std::monostate, int64_t, std::string_view, SqlBlob> value_;
};

using SqlParams = std::initializer_list<SqlValue>;

// The current row of a query, valid only inside the row callback. Getters never fail loudly:
// reading a column of the wrong type or out of range returns 0 or "" and makes the enclosing
// Query() fail with kInternal, so repositories can decode rows without checking every call.
class SqlRow {
 public:
  virtual ~SqlRow() = default;
  virtual bool IsNull(int column) const = 0;
  virtual int64_t Int64(int column) const = 0;
  virtual std::string Text(int column) const = 0;
  // The bytes of a BLOB or bytea column. A text column is the wrong type, and so is a BLOB
  // column for Text().
  virtual std::string Blob(int column) const = 0;
};

using RowCallback = std::function<void(const SqlRow&)>;

// A connection lent to one unit of work. Not thread-safe; used by one thread at a time and
// never kept beyond the unit. Every method returns kAlreadyExists for a unique or primary key
// violation, kUnavailable when the database is busy or unreachable, kInternal otherwise.
class SqlConnection {
 public:
  virtual ~SqlConnection() = default;

  // Runs one statement and returns how many rows it inserted, updated or deleted.
  virtual Result<int64_t> Execute(std::string_view sql, SqlParams params = {}) = 0;
  // Runs one statement and calls `on_row` for each result row, in order.
  virtual Result<void> Query(std::string_view sql, SqlParams params, const RowCallback& on_row) = 0;
  // Runs several `;`-separated statements without parameters (migrations).
  virtual Result<void> ExecuteScript(std::string_view sql) = 0;
  // Tells every listener of `channel` (SqlDatabase::Listen, on any server) of `message` once
  // the enclosing write unit commits, and never if it does not: PostgreSQL's NOTIFY, and
  // in-process delivery for SQLite. Write units only. At most cluster::ChangeFeed::
  // kMaxMessageBytes.
  virtual Result<void> Notify(std::string_view channel, std::string_view message) = 0;
};

// A unit of work. For a write unit, returning an error undoes everything the unit did.
using SqlUnit = std::function<Result<void>(SqlConnection&)>;

// A database and its connections. Thread-safe: Read() and Write() may be called from any
// number of threads. The owner must not call Close() concurrently with its own destruction.
class SqlDatabase {
 public:
  virtual ~SqlDatabase() = default;

  virtual Dialect dialect() const = 0;
  // "sqlite" or "postgres".
  virtual std::string_view backend() const = 0;

  // Runs `unit` on a connection with no open write transaction. Each statement sees committed
  // data only. Returns the unit's error, or kUnavailable when no connection became free within
  // the acquire timeout or the database is closed.
  virtual Result<void> Read(const SqlUnit& unit) = 0;
  // Runs `unit` in a transaction of its own: when this returns OK, everything the unit wrote is
  // committed durably; when it returns an error, nothing the unit wrote is visible. Blocks the
  // caller until then. kUnavailable when the database is closed or busy.
  virtual Result<void> Write(const SqlUnit& unit) = 0;

  // Hears `channel` (see cluster::ChangeFeed and SqlConnection::Notify) until the listener is
  // destroyed: on a connection of its own (PostgreSQL), or in-process, where only one server
  // can use the database (SQLite). Errors: kUnavailable when the database cannot be reached.
  virtual Result<std::unique_ptr<cluster::ChangeListener>> Listen(
      std::string_view channel, cluster::ChangeListener::Handlers handlers) = 0;
  // Completes queued writes, then closes every connection. Later calls fail with kUnavailable.
  virtual void Close() = 0;
};

}  // namespace enishi::storage::sql
