# Writes OUTPUT, a C++ source defining EmbeddedMigrations() (migrations.hpp) with the text of
# every file in INPUTS (comma-separated, in version order). Run with cmake -P at build time.
string(REPLACE "," ";" INPUTS "${INPUTS}")
set(delimiter "enishi_sql")
set(entries "")
foreach(input IN LISTS INPUTS)
  get_filename_component(name "${input}" NAME)
  if(NOT name MATCHES "^([0-9][0-9][0-9][0-9])_[a-z0-9_]+(\\.(sqlite|postgres))?\\.sql$")
    message(FATAL_ERROR "migration file name '${name}' is not NNNN_verb_noun[.sqlite|.postgres].sql")
  endif()
  math(EXPR version "${CMAKE_MATCH_1}")
  set(dialect "${CMAKE_MATCH_3}")
  file(READ "${input}" text)
  string(FIND "${text}" ")${delimiter}\"" clash)
  if(NOT clash EQUAL -1)
    message(FATAL_ERROR "${name} contains the raw-string delimiter )${delimiter}\"")
  endif()
  string(APPEND entries "    {${version}, \"${name}\", \"${dialect}\", R\"${delimiter}(${text})${delimiter}\"},\n")
endforeach()
file(WRITE "${OUTPUT}.tmp" "// Generated from src/storage/migrations/ by embed_migrations.cmake. Do not edit.
#include \"storage/migrations/migrations.hpp\"

namespace enishi::storage {

std::span<const MigrationFile> EmbeddedMigrations() {
  static constexpr MigrationFile kFiles[] = {
${entries}  };
  return kFiles;
}

}  // namespace enishi::storage
")
# Only touch OUTPUT when it changed, so an unrelated re-run does not recompile it.
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUTPUT}.tmp")
