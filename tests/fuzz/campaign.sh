#!/bin/sh
# tests/fuzz/campaign.sh BUILD_DIR SECONDS [TARGET...]: the long fuzzing
# campaign (`make fuzz-campaign`). One target at a time, at nice 19, for
# SECONDS each under ASan+UBSan (tests/fuzz/run.sh), then what the run
# found is merged into the seed corpus tests/fuzz/corpus/<name>/ with
# libFuzzer's -set_cover_merge=1: the fewest inputs of at most 4 KB that
# reach edges the corpus does not are added, so it stays small. Crashers stay in
# BUILD_DIR/fuzz-one/<name>/fuzz-artifacts/: fix the bug, then copy the
# input into the corpus, where make check replays it.
# Prints one line per target: executions, coverage (edges), features,
# corpus size; and appends them to BUILD_DIR/campaign.tsv.
set -u
if [ $# -lt 2 ]; then
	echo "usage: sh tests/fuzz/campaign.sh BUILD_DIR SECONDS [TARGET...]" >&2
	exit 2
fi
build=$1 seconds=$2
shift 2
here=$(cd "$(dirname "$0")" && pwd)
targets=$*
[ -n "$targets" ] || targets=$(cd "$build" && ls fuzz_* 2>/dev/null | grep -v '\.log$' | sed 's/^fuzz_//')
failed=""
for t in $targets; do
	exe=$build/fuzz_$t
	[ -x "$exe" ] || { echo "campaign: no $exe" >&2; exit 1; }
	mkdir -p "$build/fuzz-one/$t" && ln -sf "$(cd "$build" && pwd)/fuzz_$t" "$build/fuzz-one/$t/"
	# run.sh keeps the scratch corpus in $build/fuzz-one/$t/fuzz-work/$t
	nice -n 19 sh "$here/run.sh" "$build/fuzz-one/$t" "$seconds" || failed="$failed $t"
	log=$build/fuzz-one/$t/fuzz_$t.log
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
	cov=$(grep -Eo 'cov: [0-9]+ ft: [0-9]+' "$log" | tail -1)
	# keep what adds coverage: libFuzzer's greedy set-cover merge adds to
	# the seeds the fewest inputs (of at most 4 KB) that reach the edges
	# they do not (edges only: -use_counters=0, or it keeps hundreds)
	seeds=$here/corpus/$t
	mkdir -p "$seeds"
	nice -n 19 "$exe" -set_cover_merge=1 -use_counters=0 -max_len=4096 -timeout=30 \
		-rss_limit_mb=2048 "$seeds" \
		"$build/fuzz-one/$t/fuzz-work/$t" >"$build/fuzz-one/$t/merge.log" 2>&1 ||
		failed="$failed $t(merge)"
	n=$(ls "$seeds" | wc -l)
	kb=$(du -sk "$seeds" | cut -f1)
	line="$t	${seconds}s	execs ${execs:-?}	${cov:-cov: ?}	corpus $n files ${kb} KB"
	echo "campaign: $line"
	echo "$line" >>"$build/campaign.tsv"
done
[ -z "$failed" ] || { echo "campaign: failed:$failed (see fuzz-artifacts)" >&2; exit 1; }
