#pragma once
// The migration files of src/storage/migrations/, compiled into the binary by CMake
// (embed_migrations.cmake). A file is NNNN_verb_noun.sql, shared by both backends, or
// NNNN_verb_noun.sqlite.sql / .postgres.sql where the dialects differ.

#include <span>
#include <string_view>

namespace enishi::storage {

struct MigrationFile {
  int version;
  std::string_view name;     // "0001_create_accounts.sql".
  std::string_view dialect;  // "", "sqlite" or "postgres".
  std::string_view sql;
};

// Every embedded file, in the order src/storage/CMakeLists.txt lists them (by version).
// Lives for the whole program.
std::span<const MigrationFile> EmbeddedMigrations();

}  // namespace enishi::storage
