#pragma once
// RAII owner of a PGresult, declared without libpq-fe.h so PgConnection's header can name it.

#include <memory>

struct pg_result;

namespace enishi::storage::postgres {

struct PgResultDeleter {
  void operator()(pg_result* result) const;  // PQclear.
};
using PgResult = std::unique_ptr<pg_result, PgResultDeleter>;

}  // namespace enishi::storage::postgres
