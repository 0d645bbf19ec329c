#pragma once
// personas::PersonaRepository over any SqlDatabase, written once for both backends.
// Thread-safe. Does not own the database, which must outlive it. Errors are those of the port
// (domain/personas/persona_repository.hpp); each operation reports its timing as
// "personas.<method_in_snake_case>".
//
// Handles are unique with ASCII letters compared case-insensitively. An avatar must name a
// stored image (kFailedPrecondition otherwise), and DeletePersona deletes the avatar image too.
// CreatePersona holds the owner's count steady while it decides: SQLite has one writer, and on
// PostgreSQL it locks the owner's account row first.

#include "domain/personas/persona_repository.hpp"
#include "storage/sql/operation_runner.hpp"

namespace enishi::storage::sql {

class SqlPersonaRepository final : public personas::PersonaRepository {
 public:
  SqlPersonaRepository(SqlDatabase& database, OperationObserver observer)
      : dialect_(database.dialect()), run_(database, std::move(observer)) {}

  Result<void> CreatePersona(const personas::Persona& persona, int max_per_owner) override;
  Result<std::vector<personas::Persona>> ListPersonas(MemberId owner) override;
  Result<std::optional<personas::Persona>> FindPersona(PersonaId id) override;
  Result<void> UpdatePersona(const personas::Persona& persona) override;
  Result<bool> DeletePersona(MemberId owner, PersonaId id) override;

 private:
  const Dialect dialect_;
  OperationRunner run_;
};

}  // namespace enishi::storage::sql
