# casewatch: the two commands of the README, and a few more.
#   make          optimized build/casewatch (fetches the SQLite3MC amalgamation)
#   make demo     install deps, build, load the demo database, print it
#   make check    install deps, build, run every test (also under ASan+UBSan)
#   make fuzz     build the libFuzzer targets and run each briefly
#   make fuzz-campaign  each target for FUZZ_SECONDS (3600), one at a time
#   make soak     kill -9 and I/O-fault soaks (long; not in make check)
#   make bench    run the benchmarks under bench/

JOBS ?= $(shell nproc 2>/dev/null || echo 2)
BUILD ?= build
ASAN_BUILD ?= build-asan

.PHONY: all deps build demo check check-release check-asan fuzz fuzz-build fuzz-campaign soak bench clean format

all: build

deps:
	@sh scripts/deps.sh

# Build only (no apt): what a developer runs after editing.
build: third_party/sqlite3mc/sqlite3.c
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release -DCW_WERROR=ON >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

third_party/sqlite3mc/sqlite3.c:
	@sh scripts/deps.sh

demo: deps build
	@sh demo/run.sh $(BUILD)/casewatch

# The sanitizer build links the release build's SQLite3MC object, so the
# amalgamation is compiled once.
check: deps build
	@cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DCW_SANITIZE=ON \
		-DCW_SQLITE_OBJ=$(CURDIR)/$(BUILD)/CMakeFiles/sqlite3mc.dir/third_party/sqlite3mc/sqlite3.c.o >/dev/null
	@cmake --build $(ASAN_BUILD) -j $(JOBS)
	@echo "== tests: release build"
	@cd $(BUILD) && ctest --output-on-failure -j $(JOBS)
	@echo "== tests: ASan+UBSan build"
	@cd $(ASAN_BUILD) && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
		UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
		ctest --output-on-failure -j $(JOBS)

fuzz-build: deps
	@cmake -S . -B build-fuzz -DCMAKE_C_COMPILER=clang -DCW_FUZZ=ON -DCW_SANITIZE=ON \
		-DCMAKE_BUILD_TYPE=Debug >/dev/null
	@cmake --build build-fuzz -j $(JOBS)

fuzz: fuzz-build
	@sh tests/fuzz/run.sh build-fuzz $${FUZZ_SECONDS:-60}

# The long campaign: nice 19, one target at a time; figures in
# docs/reliability.md. FUZZ_TARGETS="csv date" for a few.
fuzz-campaign: fuzz-build
	@sh tests/fuzz/campaign.sh build-fuzz $${FUZZ_SECONDS:-3600} $${FUZZ_TARGETS:-}

# Long soaks (not in make check; figures in docs/reliability.md): 200
# kills of each operation, and every I/O call of import, purge, rekey and
# backup failed in each of three ways.
soak: build
	@cd $(BUILD) && CASEWATCH=$(CURDIR)/$(BUILD)/casewatch CW_SOURCE_DIR=$(CURDIR) \
		CW_BUILD_DIR=$(CURDIR)/$(BUILD) CRASH_RUNS=$${CRASH_RUNS:-200} sh $(CURDIR)/tests/cli/t_crash.sh
	@cd $(BUILD) && CASEWATCH=$(CURDIR)/$(BUILD)/casewatch CW_SOURCE_DIR=$(CURDIR) \
		CW_BUILD_DIR=$(CURDIR)/$(BUILD) CW_FAULTSHIM=$(CURDIR)/$(BUILD)/libfaultshim.so \
		FAULT_STRIDE=1 FAULT_MODES="eio enospc kill" sh $(CURDIR)/tests/cli/t_fault.sh

bench: deps build
	@sh bench/run.sh $(BUILD)/casewatch

format:
	@clang-format -i $$(git ls-files 'src/*.c' 'src/*.h' 'tests/*.c' 'tests/*.h')

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) build-fuzz
