#include "storage/postgres/pg_connection.hpp"

#include <libpq-fe.h>

#include <charconv>
#include <climits>
#include <optional>
#include <vector>

#include "core/log.hpp"
#include "storage/postgres/pg_result.hpp"
#include "storage/postgres/sqlstate.hpp"

namespace enishi::storage::postgres {
namespace {

constexpr std::string_view kBeginTransaction = "BEGIN";
constexpr std::string_view kCommitTransaction = "COMMIT";
constexpr std::string_view kRollbackTransaction = "ROLLBACK";
// The type OID of bytea (pg_type.h, which is not among libpq's public headers).
constexpr Oid kByteaOid = 17;

std::optional<int64_t> ParseInt64(const char* text, int length) {
  int64_t value = 0;
  auto [end, error] = std::from_chars(text, text + length, value);
  if (error != std::errc() || end != text + length) return std::nullopt;
  return value;
}

// A view of one row of a PGresult. Type mismatches are recorded, not thrown, and reported by
// Query() once the callback returns (see SqlRow).
class PgRow final : public sql::SqlRow {
 public:
  PgRow(const PGresult* result, int row) : result_(result), row_(row) {}

  bool IsNull(int column) const override {
    return Check(column) && PQgetisnull(result_, row_, column) == 1;
  }
  int64_t Int64(int column) const override {
    if (!CheckNotNull(column)) return 0;
    auto value = ParseInt64(PQgetvalue(result_, row_, column), PQgetlength(result_, row_, column));
    if (!value) {
      Bad(column);
      return 0;
    }
    return *value;
  }
  std::string Text(int column) const override {
    if (!CheckNotNull(column) || !CheckBytea(column, false)) return {};
    return std::string(PQgetvalue(result_, row_, column),
                       static_cast<size_t>(PQgetlength(result_, row_, column)));
  }
  // Results travel as text, where bytea arrives hex-escaped (\x00ff for two bytes).
  std::string Blob(int column) const override {
    if (!CheckNotNull(column) || !CheckBytea(column, true)) return {};
    size_t size = 0;
    unsigned char* bytes = PQunescapeBytea(
        reinterpret_cast<const unsigned char*>(PQgetvalue(result_, row_, column)), &size);
    if (bytes == nullptr) {
      Bad(column);
      return {};
    }
    std::string blob(reinterpret_cast<const char*>(bytes), size);
    PQfreemem(bytes);
    return blob;
  }

  int bad_column() const { return bad_column_; }

 private:
  bool Check(int column) const {
    if (column >= 0 && column < PQnfields(result_)) return true;
    return Bad(column);
  }
  bool CheckNotNull(int column) const {
    if (!Check(column)) return false;
    return PQgetisnull(result_, row_, column) == 0 || Bad(column);
  }
  // Bytes and text are told apart as on SQLite, where each has a storage class of its own.
  bool CheckBytea(int column, bool expected) const {
    return (PQftype(result_, column) == kByteaOid) == expected || Bad(column);
  }
  bool Bad(int column) const {
    if (bad_column_ < 0) bad_column_ = column;
    return false;
  }

  const PGresult* result_;
  int row_;
  mutable int bad_column_ = -1;
};

bool Succeeded(const PGresult* result) {
  ExecStatusType status = PQresultStatus(result);
  return status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;
}

// Server notices ("relation already exists, skipping") would otherwise go to stderr.
void LogNotice(void* /*unused*/, const char* message) {
  log::Write(log::Level::kDebug, "postgres_notice", {{"detail", message}});
}

}  // namespace

void PgResultDeleter::operator()(PGresult* result) const { PQclear(result); }

Result<std::unique_ptr<PgConnection>> PgConnection::Connect(const std::string& url) {
  std::unique_ptr<PgConnection> connection(new PgConnection(PQconnectdb(url.c_str())));
  PGconn* raw = connection->connection_;
  if (raw == nullptr) return Unavailable("cannot allocate a PostgreSQL connection");
  if (PQstatus(raw) != CONNECTION_OK) {
    log::Warn("postgres_connect_failed", {{"detail", PQerrorMessage(raw)}});
    return Unavailable("cannot connect to PostgreSQL");
  }
  PQsetNoticeProcessor(raw, LogNotice, nullptr);
  if (PQsetClientEncoding(raw, "UTF8") != 0) {
    return Internal("cannot set the PostgreSQL client encoding to UTF8");
  }
  return connection;
}

PgConnection::~PgConnection() { PQfinish(connection_); }

Result<void> PgConnection::EnsureUsable() {
  if (PQstatus(connection_) == CONNECTION_OK) return Ok();
  statements_.clear();  // Prepared statements die with the server session.
  PQreset(connection_);
  if (PQstatus(connection_) == CONNECTION_OK) return Ok();
  log::Warn("postgres_reconnect_failed", {{"detail", PQerrorMessage(connection_)}});
  return Unavailable("cannot reconnect to PostgreSQL");
}

Error PgConnection::Fail(const PGresult* result, std::string_view what) {
  if (PQstatus(connection_) == CONNECTION_BAD) {
    log::Warn("postgres_connection_lost",
              {{"while", std::string(what)}, {"detail", PQerrorMessage(connection_)}});
    // Reset now so the next unit on this connection starts afresh; this call still fails,
    // because whatever it was doing may or may not have happened.
    (void)EnsureUsable();
    return Unavailable("lost the connection to PostgreSQL");
  }
  const char* sqlstate = result != nullptr ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  const char* detail =
      result != nullptr ? PQresultErrorMessage(result) : PQerrorMessage(connection_);
  return PgError(sqlstate != nullptr ? sqlstate : "", detail, what);
}

Result<std::string> PgConnection::StatementName(std::string_view sql) {
  std::string text(sql);
  if (auto it = statements_.find(text); it != statements_.end()) return it->second;
  std::string name = "enishi_" + std::to_string(next_statement_++);
  // Parameter types are left for the server to infer from where each $N appears.
  PgResult prepared(PQprepare(connection_, name.c_str(), text.c_str(), 0, nullptr));
  if (prepared == nullptr || !Succeeded(prepared.get())) {
    return Fail(prepared.get(), "preparing a statement");
  }
  statements_.emplace(std::move(text), name);
  return name;
}

Result<PgResult> PgConnection::Run(std::string_view sql, sql::SqlParams params) {
  auto name = StatementName(sql);
  if (!name) return name.error();
  // Text-format parameters must be NUL-terminated, so each value is copied once. Bytes go in
  // binary format, which is bytea's raw bytes: no escaping, and NUL is fine.
  std::vector<std::string> texts;
  std::vector<const char*> values;
  std::vector<int> lengths(params.size(), 0);
  std::vector<int> formats(params.size(), 0);
  texts.reserve(params.size());
  values.reserve(params.size());
  for (const sql::SqlValue& param : params) {
    if (param.is_null()) {
      values.push_back(nullptr);
    } else if (param.is_blob()) {
      std::string_view bytes = param.blob();
      if (bytes.size() > static_cast<size_t>(INT_MAX)) return Internal("a parameter is too large");
      lengths[values.size()] = static_cast<int>(bytes.size());
      formats[values.size()] = 1;
      values.push_back(bytes.data() != nullptr ? bytes.data() : "");  // Null would be NULL.
    } else {
      texts.push_back(param.is_int64() ? std::to_string(param.int64()) : std::string(param.text()));
      values.push_back(texts.back().c_str());
    }
  }
  PgResult result(PQexecPrepared(connection_, name->c_str(), static_cast<int>(values.size()),
                                 values.data(), lengths.data(), formats.data(),
                                 /*resultFormat=*/0));
  if (result == nullptr || !Succeeded(result.get())) {
    return Fail(result.get(), "running a statement");
  }
  return result;
}

Result<int64_t> PgConnection::Execute(std::string_view sql, sql::SqlParams params) {
  auto result = Run(sql, params);
  if (!result) return result.error();
  std::string_view tuples = PQcmdTuples(result->get());  // "" for statements without a count.
  if (tuples.empty()) return int64_t{0};
  auto count = ParseInt64(tuples.data(), static_cast<int>(tuples.size()));
  if (!count) return Internal("unexpected row count from PostgreSQL");
  return *count;
}

Result<void> PgConnection::Query(std::string_view sql, sql::SqlParams params,
                                 const sql::RowCallback& on_row) {
  auto result = Run(sql, params);
  if (!result) return result.error();
  for (int row = 0, rows = PQntuples(result->get()); row < rows; ++row) {
    PgRow view(result->get(), row);
    on_row(view);
    if (view.bad_column() >= 0) {
      return Internal("unexpected value in result column " + std::to_string(view.bad_column()));
    }
  }
  return Ok();
}

Result<void> PgConnection::ExecuteScript(std::string_view sql) {
  PgResult result(PQexec(connection_, std::string(sql).c_str()));
  if (result == nullptr || !Succeeded(result.get())) return Fail(result.get(), "running a script");
  return Ok();
}

Result<void> PgConnection::Begin() { return ExecuteScript(kBeginTransaction); }

Result<void> PgConnection::Commit() {
  if (PQtransactionStatus(connection_) == PQTRANS_INERROR) {
    Rollback();
    return Internal("a statement of the transaction failed");
  }
  return ExecuteScript(kCommitTransaction);
}

void PgConnection::Rollback() {
  PGTransactionStatusType status = PQtransactionStatus(connection_);
  if (status == PQTRANS_IDLE) return;
  if (status == PQTRANS_UNKNOWN) {
    (void)EnsureUsable();
    return;
  }
  (void)ExecuteScript(kRollbackTransaction);
}

Result<void> PgConnection::Notify(std::string_view channel, std::string_view message) {
  ENISHI_TRY(Execute("SELECT pg_notify($1, $2)", {channel, message}));
  return Ok();
}

}  // namespace enishi::storage::postgres
