# Entry points for newcomers and CI. `make run` and `make test` do all set-up themselves.
PYTHON := /usr/bin/python3
JOBS ?= $(shell nproc)
RELEASE_DIR := build/release
ASAN_DIR := build/asan
CMAKE_COMMON := -G Ninja -DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DPython3_EXECUTABLE=$(PYTHON)
ROWS ?= 200000

.PHONY: setup release asan run test test-cpp-asan test-python killtest bench clean

setup:
	@bash scripts/setup.sh

$(RELEASE_DIR)/build.ninja:
	cmake -S . -B $(RELEASE_DIR) $(CMAKE_COMMON) -DCMAKE_BUILD_TYPE=Release -DEMBER_TESTS=OFF

$(ASAN_DIR)/build.ninja:
	cmake -S . -B $(ASAN_DIR) $(CMAKE_COMMON) -DCMAKE_BUILD_TYPE=Debug -DEMBER_SANITIZE=ON -DEMBER_PYTHON=OFF

release: setup $(RELEASE_DIR)/build.ninja
	cmake --build $(RELEASE_DIR) -j $(JOBS)

asan: setup $(ASAN_DIR)/build.ninja
	cmake --build $(ASAN_DIR) -j $(JOBS)

# The main job: the SaaS ETL on generated clickstream data, then show() of the result.
run: release
	@mkdir -p build/data
	$(PYTHON) examples/generate_clickstream.py --rows $(ROWS) --out build/data/events
	bin/ember submit examples/saas_etl.py build/data/events build/data/daily_usage --show

test-cpp-asan: asan
	cd $(ASAN_DIR) && ctest --output-on-failure -j $(JOBS)

test-python: release
	$(PYTHON) -m pytest -q tests/python tests/e2e tests/tpch

test: test-cpp-asan test-python fuzz-smoke

# Writers killed with SIGKILL at random moments; readers must see the old or the new data.
killtest: release
	$(PYTHON) tests/python/kill_writes.py --runs 40
	$(PYTHON) tests/python/kill_writes.py --runs 30 --s3

bench: release
	$(PYTHON) bench/etl_bench.py

clean:
	rm -rf build

# TPC-H on Ember, DuckDB and Polars (bench/tpch/run.py; method and results in bench/README.md).
.PHONY: bench-tpch
bench-tpch: release
	$(PYTHON) bench/tpch/run.py --scale 1 10

# Sorting, grouping and joining TPC-H lineitem under spark.driver.memory=2g against DuckDB with a
# 2 GB limit (bench/memory_sort.py, memory_agg.py, memory_join.py; SCALE=10 for the issue's case).
SCALE ?= 1
.PHONY: bench-memory
bench-memory: release
	$(PYTHON) bench/memory_sort.py --scale $(SCALE) --memory 2g

.PHONY: bench-memory-agg
bench-memory-agg: release
	$(PYTHON) bench/memory_agg.py --scale $(SCALE) --memory 2g

.PHONY: bench-memory-join
bench-memory-join: release
	$(PYTHON) bench/memory_join.py --scale $(SCALE) --memory 2g

# libFuzzer runs of the Parquet, CSV and JSON readers (tests/fuzz), built by clang with ASan/UBSan.
# fuzz-smoke (part of `make test`) runs each target briefly; `make fuzz` runs FUZZ_SECONDS each.
FUZZ_DIR := build/fuzz
FUZZ_SECONDS ?= 600
FUZZ_FORMATS := parquet csv json
.PHONY: fuzz-build fuzz-smoke fuzz
$(FUZZ_DIR)/build.ninja:
	cmake -S . -B $(FUZZ_DIR) $(CMAKE_COMMON) -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
	  -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS=-O1 -DEMBER_FUZZ=ON -DEMBER_TESTS=OFF -DEMBER_PYTHON=OFF

fuzz-build: setup $(FUZZ_DIR)/build.ninja
	cmake --build $(FUZZ_DIR) -j $(JOBS) --target $(addprefix ember_,$(addsuffix _fuzz,$(FUZZ_FORMATS)))

fuzz-smoke: fuzz-build
	@for f in $(FUZZ_FORMATS); do scripts/run_fuzz.sh $(FUZZ_DIR) $$f 20 || exit 1; done

fuzz: fuzz-build
	@for f in $(FUZZ_FORMATS); do scripts/run_fuzz.sh $(FUZZ_DIR) $$f $(FUZZ_SECONDS) || exit 1; done

# CSV reads, a partitioned Parquet write and a filtered partitioned read of TPC-H lineitem against
# DuckDB (bench/file_sources.py; results in bench/README.md).
.PHONY: bench-file-sources
bench-file-sources: release
	$(PYTHON) bench/file_sources.py --scale $(SCALE) --threads 2 --runs 3

# Ten string, date and collection functions over 10M rows of Parquet against DuckDB
# (bench/functions_bench.py; table in bench/README.md). FUNCTIONS_ROWS=1000000 for a quick check.
FUNCTIONS_ROWS ?= 10000000
.PHONY: bench-functions
bench-functions: release
	$(PYTHON) bench/functions_bench.py --rows $(FUNCTIONS_ROWS) --threads 2 --runs 3

# Window functions on TPC-H SF1 against DuckDB (bench/window_bench.py; table in bench/README.md).
.PHONY: bench-window
bench-window: release
	$(PYTHON) bench/window_bench.py --scale $(SCALE) --runs 3 --threads 2
