#!/bin/sh
# tests/fuzz/run.sh BUILD_DIR SECONDS: run every fuzz_* executable in
# BUILD_DIR for SECONDS each. Seeds come from tests/fuzz/corpus/<name>/
# (fuzz_csv -> corpus/csv/), read only: new inputs go to a scratch corpus
# under BUILD_DIR/fuzz-work/<name>/, crashing inputs to
# BUILD_DIR/fuzz-artifacts/ (add them to the seed corpus as regression
# cases). Exits non-zero when any target crashes, leaks, times out or runs
# out of memory, or when there is no target at all.
set -u

if [ $# -ne 2 ]; then
	echo "usage: sh tests/fuzz/run.sh BUILD_DIR SECONDS" >&2
	exit 2
fi
build=$1
seconds=$2
case $seconds in
'' | *[!0-9]*)
	echo "run.sh: SECONDS must be a number: $seconds" >&2
	exit 2
	;;
esac
here=$(cd "$(dirname "$0")" && pwd)
artifacts=$build/fuzz-artifacts
mkdir -p "$artifacts" || exit 1

found=0
failed=""
for exe in "$build"/fuzz_*; do
	[ -f "$exe" ] && [ -x "$exe" ] || continue
	found=1
	name=$(basename "$exe")
	short=${name#fuzz_}
	work=$build/fuzz-work/$short
	mkdir -p "$work" || exit 1
	seeds=$here/corpus/$short
	set -- "$work"
	[ -d "$seeds" ] && set -- "$work" "$seeds"
	echo "== $name: ${seconds}s"
	ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1} \
	UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1} \
		"$exe" -max_total_time="$seconds" -timeout=30 -rss_limit_mb=2048 \
		-max_len=65536 -print_final_stats=1 \
		-artifact_prefix="$artifacts/$name-" "$@" >"$build/$name.log" 2>&1
	rc=$?
	tail -n 15 "$build/$name.log"
	if [ $rc -ne 0 ]; then
		echo "== $name: FAILED (exit $rc), log: $build/$name.log" >&2
		ls "$artifacts" | grep "^$name-" | sed "s|^|   artifact: $artifacts/|" >&2
		failed="$failed $name"
	else
		echo "== $name: ok"
	fi
done

if [ $found -eq 0 ]; then
	echo "run.sh: no fuzz_* executables in $build (configure with -DCW_FUZZ=ON)" >&2
	exit 1
fi
if [ -n "$failed" ]; then
	echo "fuzz: failed:$failed" >&2
	exit 1
fi
echo "fuzz: all targets ok"
