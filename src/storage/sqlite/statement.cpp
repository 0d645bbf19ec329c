#include "storage/sqlite/statement.hpp"

#include <sqlite3.h>

#include <charconv>
#include <string>

#include "storage/sqlite/sqlite_error.hpp"

namespace enishi::storage::sqlite {
namespace {

// A view of the statement's current row. Type mismatches are recorded, not thrown, and
// reported by Step() once the callback returns (see SqlRow).
class SqliteRow final : public sql::SqlRow {
 public:
  explicit SqliteRow(sqlite3_stmt* statement)
      : statement_(statement), columns_(sqlite3_column_count(statement)) {}

  bool IsNull(int column) const override {
    return Check(column) && sqlite3_column_type(statement_, column) == SQLITE_NULL;
  }
  int64_t Int64(int column) const override {
    if (!CheckType(column, SQLITE_INTEGER)) return 0;
    return sqlite3_column_int64(statement_, column);
  }
  std::string Text(int column) const override {
    if (!CheckType(column, SQLITE_TEXT)) return {};
    const unsigned char* text = sqlite3_column_text(statement_, column);
    int bytes = sqlite3_column_bytes(statement_, column);
    return std::string(reinterpret_cast<const char*>(text), static_cast<size_t>(bytes));
  }
  std::string Blob(int column) const override {
    if (!CheckType(column, SQLITE_BLOB)) return {};
    // The pointer first, then the size, as SQLite documents.
    const void* bytes = sqlite3_column_blob(statement_, column);
    int size = sqlite3_column_bytes(statement_, column);
    if (size == 0) return {};  // An empty BLOB has a null pointer.
    return std::string(static_cast<const char*>(bytes), static_cast<size_t>(size));
  }

  // The first column read with the wrong type or out of range, or -1.
  int bad_column() const { return bad_column_; }

 private:
  bool Check(int column) const {
    if (column >= 0 && column < columns_) return true;
    if (bad_column_ < 0) bad_column_ = column;
    return false;
  }
  bool CheckType(int column, int type) const {
    if (!Check(column)) return false;
    if (sqlite3_column_type(statement_, column) == type) return true;
    if (bad_column_ < 0) bad_column_ = column;
    return false;
  }

  sqlite3_stmt* statement_;
  int columns_;
  mutable int bad_column_ = -1;
};

// Resets the statement and drops its bindings on every exit path, so a cached statement
// never holds a read transaction open or points at a caller's dead strings.
class ResetOnExit {
 public:
  explicit ResetOnExit(sqlite3_stmt* statement) : statement_(statement) {}
  ResetOnExit(const ResetOnExit&) = delete;
  ResetOnExit& operator=(const ResetOnExit&) = delete;
  ~ResetOnExit() {
    sqlite3_reset(statement_);
    sqlite3_clear_bindings(statement_);
  }

 private:
  sqlite3_stmt* statement_;
};

int BindValue(sqlite3_stmt* statement, int index, const sql::SqlValue& value) {
  if (value.is_null()) return sqlite3_bind_null(statement, index);
  if (value.is_int64()) return sqlite3_bind_int64(statement, index, value.int64());
  if (value.is_blob()) {
    // As for text, a null pointer would bind NULL rather than an empty BLOB.
    std::string_view bytes = value.blob();
    const void* data = bytes.data() != nullptr ? bytes.data() : "";
    return sqlite3_bind_blob64(statement, index, data, bytes.size(), nullptr);
  }
  std::string_view text = value.text();
  // A null data pointer would bind NULL, not the empty string. A null destructor is
  // SQLITE_STATIC: the text outlives the step because bindings are cleared on exit.
  const char* data = text.data() != nullptr ? text.data() : "";
  return sqlite3_bind_text64(statement, index, data, text.size(), nullptr, SQLITE_UTF8);
}

}  // namespace

SqliteStatement::~SqliteStatement() { sqlite3_finalize(statement_); }

Result<void> SqliteStatement::Run(sql::SqlParams params, const sql::RowCallback* on_row) {
  ResetOnExit reset(statement_);
  ENISHI_TRY(Bind(params));
  return Step(on_row);
}

Result<void> SqliteStatement::Bind(sql::SqlParams params) {
  // Binding by name lets a statement use $2 before $1, or $1 twice, exactly as on PostgreSQL.
  if (sqlite3_bind_parameter_count(statement_) != static_cast<int>(params.size())) {
    return Internal("statement parameters do not match the arguments");
  }
  int number = 0;
  for (const sql::SqlValue& value : params) {
    char name[16] = "$";
    ++number;
    std::to_chars(name + 1, name + sizeof(name) - 1, number);
    int index = sqlite3_bind_parameter_index(statement_, name);
    if (index == 0) return Internal("statement does not use parameter " + std::string(name));
    int rc = BindValue(statement_, index, value);
    if (rc != SQLITE_OK) return SqliteError(db_, rc, "binding a parameter");
  }
  return Ok();
}

Result<void> SqliteStatement::Step(const sql::RowCallback* on_row) {
  while (true) {
    int rc = sqlite3_step(statement_);
    if (rc == SQLITE_DONE) return Ok();
    if (rc != SQLITE_ROW) return SqliteError(db_, rc, "running a statement");
    if (on_row == nullptr) continue;
    SqliteRow row(statement_);
    (*on_row)(row);
    if (row.bad_column() >= 0) {
      return Internal("unexpected value in result column " + std::to_string(row.bad_column()));
    }
  }
}

}  // namespace enishi::storage::sqlite
