#!/bin/sh
# kill -9 at random moments during a large import into a database that
# already holds data: every time the database verifies, the earlier data
# is intact, and the import is either wholly there or wholly absent.
. "$(dirname "$0")/lib.sh"

# the demo data already defines KZ-CC-405: leave the generated one out
python3 "$CW_SOURCE_DIR/bench/import/gen.py" 30000 | grep -v "\"type\": \"provision\"" >big.jsonl
total=$(wc -l <big.jsonl)
$CW --db t.db init >/dev/null
$CW --db t.db import "$CW_SOURCE_DIR/demo/data.jsonl" >/dev/null
$CW --db t.db export >before.jsonl
nbefore=$(wc -l <before.jsonl)

# How long does a full import take here? Kill within that span.
cp t.db probe.db
start=$(date +%s%N)
$CW --db probe.db import big.jsonl >/dev/null
span_ms=$(( ($(date +%s%N) - start) / 1000000 ))
rm -f probe.db*
[ "$span_ms" -gt 20 ] || span_ms=20

present=0 absent=0
for i in $(seq 1 ${CRASH_RUNS:-20}); do
	delay_ms=$(python3 -c "import random; print(random.randint(1, $span_ms))")
	$CW --db t.db import big.jsonl >/dev/null 2>&1 &
	pid=$!
	sleep "$(python3 -c "print($delay_ms / 1000)")"
	kill -9 "$pid" 2>/dev/null || true
	wait "$pid" 2>/dev/null || true
	if ! $CW --db t.db verify >/dev/null 2>verr; then
		not_ok "run $i: verify failed after kill at ${delay_ms}ms: $(cat verr)"
		continue
	fi
	$CW --db t.db export >now.jsonl
	n=$(wc -l <now.jsonl)
	# earlier records unchanged
	if ! grep -Fxq -f before.jsonl now.jsonl || [ "$(grep -Fxc -f before.jsonl now.jsonl)" -ne "$nbefore" ]; then
		not_ok "run $i: earlier data changed ($n records, $(grep -Fxc -f before.jsonl now.jsonl) of $nbefore earlier ones)"
		continue
	fi
	if [ "$n" -eq "$nbefore" ]; then
		absent=$((absent + 1))
		ok "run $i: killed at ${delay_ms}ms: import absent, earlier data intact"
	elif [ "$n" -eq $((nbefore + total)) ]; then
		present=$((present + 1))
		ok "run $i: killed at ${delay_ms}ms: import wholly present, earlier data intact"
		# start over from the earlier state for the next run
		rm -f t.db t.db-wal t.db-shm
		$CW --db t.db init >/dev/null
		$CW --db t.db import "$CW_SOURCE_DIR/demo/data.jsonl" >/dev/null
	else
		not_ok "run $i: partial import: $n records (expected $nbefore or $((nbefore + total)))"
	fi
done
echo "# $absent runs absent, $present present (full import takes ${span_ms}ms here)"
done_testing
