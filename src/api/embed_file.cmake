# Writes OUTPUT, a C++ source defining `std::string_view NAMESPACE::FUNCTION()` that returns the
# bytes of INPUT. Run at build time by add_custom_command (see CMakeLists.txt), so the file is
# part of the binary and the server needs no data folder.
#   cmake -DINPUT=in.json -DOUTPUT=out.cpp -DNAMESPACE=enishi::api -DFUNCTION=Name -P embed_file.cmake
file(READ "${INPUT}" hex HEX)
string(LENGTH "${hex}" hex_length)
math(EXPR byte_count "${hex_length} / 2")
# Sixteen bytes per line keeps the generated file readable in a diff or a debugger.
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${hex}")
string(REGEX REPLACE "(('\\\\x[0-9a-f][0-9a-f]',){16})" "\\1\n    " bytes "${bytes}")
file(WRITE "${OUTPUT}.tmp"
"// Generated from ${INPUT} by embed_file.cmake. Do not edit.\n"
"#include <string_view>\n\n"
"namespace ${NAMESPACE} {\n"
"namespace {\n"
"constexpr char kBytes[${byte_count} + 1] = {\n    ${bytes}'\\0'};\n"
"}  // namespace\n\n"
"std::string_view ${FUNCTION}() { return std::string_view(kBytes, ${byte_count}); }\n\n"
"}  // namespace ${NAMESPACE}\n")
# Only touch OUTPUT when it changed, so an unrelated rebuild recompiles nothing.
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUTPUT}.tmp")
