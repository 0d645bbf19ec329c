# The two commands of README.md, and the ones around them.
#   make run    install what is missing, build, start on data/enishi.db with demo data
#   make test   install what is missing, build, run every test
.PHONY: all setup build web run test test-unit test-browser check-layering bench bench-graph bench-graph-load bench-search bench-ws fuzz fmt clean

BUILD_DIR := build/release
ENISHI    := $(BUILD_DIR)/src/app/enishi
DATA_DIR  := data
STORE     := sqlite:$(DATA_DIR)/enishi.db
JOBS      ?= $(shell nproc)

# Let ccache share results between checkouts in different folders (CI clones afresh).
export CCACHE_BASEDIR  := $(CURDIR)
export CCACHE_NOHASHDIR := 1

all: build web

setup:
	@scripts/setup

build: setup
	@cmake --preset release >/dev/null
	@cmake --build $(BUILD_DIR) -j $(JOBS)

web: setup
	@cd web && npm run --silent build

run: build web
	@if [ ! -f $(DATA_DIR)/enishi.db ]; then \
	  $(ENISHI) demo --store $(STORE); \
	fi
	@$(ENISHI) serve --store $(STORE) --web-root web/dist

test: build web check-layering test-unit test-browser

check-layering:
	@tools/check_layering.sh

# Every C++ test (unit, storage contract on SQLite and a throwaway PostgreSQL, HTTP
# end-to-end, durability) plus the web client's unit tests.
test-unit: build
	@cd web && npm test --silent
	@scripts/with-postgres ctest --test-dir $(BUILD_DIR) --output-on-failure -j $(JOBS)

test-browser: build web
	@cd web && ENISHI_BIN=$(abspath $(ENISHI)) npm run --silent e2e

bench: build web
	@bench/http_bench.sh $(ENISHI)

# The graph index (Google Benchmark, docs/PERFORMANCE.md): 100k members / 2.5M connections,
# then 1M / 50M (about 2 minutes and 2.5 GB of memory). GRAPH_SIZES=100k runs the small one.
GRAPH_SIZES ?= 100k,1m
bench-graph: setup
	@cmake --preset release >/dev/null
	@cmake --build $(BUILD_DIR) -j $(JOBS) --target graph_search_bench
	@ENISHI_GRAPH_BENCH_SIZES=$(GRAPH_SIZES) $(BUILD_DIR)/bench/graph_search_bench

# WebSocket delivery (docs/PERFORMANCE.md): 10,000 sockets on one server, 1,000 messages a second
# between them for a minute (about 3 minutes in all). WS_BENCH_CLIENTS, WS_BENCH_RATE and
# WS_BENCH_SECONDS make it smaller; ENISHI_BIN picks another server binary.
bench-ws: setup
	@cmake --preset release >/dev/null
	@cmake --build $(BUILD_DIR) -j $(JOBS) --target enishi ws_bench
	@$(BUILD_DIR)/bench/ws_bench $(or $(ENISHI_BIN),$(ENISHI))

# Loading the graph index from an SQLite store of 1M members / 50M connections. The store is
# built once (about 20 minutes, about 10 GB in ENISHI_GRAPH_LOAD_DIR) and kept for later runs.
bench-graph-load: setup
	@cmake --preset release >/dev/null
	@cmake --build $(BUILD_DIR) -j $(JOBS) --target graph_load_bench
	@$(BUILD_DIR)/bench/graph_load_bench

# People search on 1M demo members (docs/PERFORMANCE.md), in SQLite and, beside it, in a
# throwaway PostgreSQL that receives a copy of the same rows. The SQLite store is built once
# (ENISHI_SEARCH_BENCH_DIR, default /tmp/enishi-search-bench) and kept for later runs; the
# PostgreSQL copy is made on every run. SEARCH_SIZE=100k (or 10k) runs a smaller world,
# SEARCH_PG_SIZE another size for PostgreSQL (none: SQLite only).
SEARCH_SIZE ?= 1m
SEARCH_PG_SIZE ?= $(SEARCH_SIZE)
bench-search: setup
	@cmake --preset release >/dev/null
	@cmake --build $(BUILD_DIR) -j $(JOBS) --target search_bench
	@ENISHI_SEARCH_BENCH_SIZE=$(SEARCH_SIZE) ENISHI_SEARCH_BENCH_PG_SIZE=$(SEARCH_PG_SIZE) \
	  scripts/with-postgres $(BUILD_DIR)/bench/search_bench

# libFuzzer over the request-to-handler path, then over image uploads (FUZZ_SECONDS each);
# not part of `make test`.
FUZZ_SECONDS ?= 600
fuzz: setup
	@cmake --preset fuzz >/dev/null
	@cmake --build build/fuzz -j $(JOBS)
	@mkdir -p build/fuzz/corpus
	@build/fuzz/fuzz/api_request_fuzzer -max_total_time=$(FUZZ_SECONDS) -max_len=4096 \
	  build/fuzz/corpus fuzz/seeds
	@mkdir -p build/fuzz/image_corpus
	@build/fuzz/fuzz/image_fuzzer -max_total_time=$(FUZZ_SECONDS) -max_len=65536 \
	  build/fuzz/image_corpus fuzz/image_seeds

fmt:
	@git ls-files '*.cpp' '*.hpp' | xargs clang-format -i

clean:
	@rm -rf build web/dist
