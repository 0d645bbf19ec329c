# enishi_gen_graph: the synthetic network generator (tools/gen_graph.hpp), shared by the graph
# tests and benchmarks. Included from both, so it is defined by whichever comes first.
include_guard(GLOBAL)
add_library(enishi_gen_graph STATIC ${PROJECT_SOURCE_DIR}/tools/gen_graph.cpp)
target_include_directories(enishi_gen_graph PUBLIC ${PROJECT_SOURCE_DIR})
target_link_libraries(enishi_gen_graph PUBLIC enishi_core PRIVATE enishi_warnings)
