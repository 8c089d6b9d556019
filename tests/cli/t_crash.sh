#!/bin/sh
# kill -9 at random moments during import, ingest, merge, unmerge, purge,
# rekey and backup, each on a database that already holds data. After
# every kill the database verifies, everything committed before is there,
# and the interrupted operation is wholly there or wholly absent (the
# export equals the one before it or the one after it ran in full). An
# operation that returned success before the kill is wholly there.
#   CRASH_RUNS=N     kills per operation (default 3; `make soak`: 200)
#   CRASH_EVENTS=N   events in the import killed (default 5000; soak 20000)
#   CRASH_OPS="import purge"   the operations (default: all seven)
. "$(dirname "$0")/lib.sh"
export CASEWATCH_NOW=2026-01-01T00:00:00Z
RUNS=${CRASH_RUNS:-3}

echo "old passphrase" >old.key
echo "new passphrase" >new.key
# the demo data already defines KZ-CC-405: leave the generated one out
python3 "$CW_SOURCE_DIR/bench/import/gen.py" "${CRASH_EVENTS:-5000}" | grep -v '"type": "provision"' >big.jsonl
# 3,000 more events under other ids (m-p0, m-c0, ...)
python3 "$CW_SOURCE_DIR/bench/import/gen.py" 3000 | python3 -c '
import json, sys
for line in sys.stdin:
    r = json.loads(line)
    if r["type"] == "provision":
        continue
    for k in ("id", "person", "case"):
        if k in r and r[k] != "s-bench":
            r[k] = "m-" + r[k]
    print(json.dumps(r))' >mid.jsonl

# The bases: plain, holding the demo data and 3,000 events; the same
# encrypted; the plain one with Aliya merged into Dana.
mkdir -p base
$CW --db base/plain.db init --no-encrypt >/dev/null
$CW --db base/plain.db import "$CW_SOURCE_DIR/demo/data.jsonl" mid.jsonl >/dev/null
$CW --db base/enc.db --key-file old.key init >/dev/null
$CW --db base/enc.db --key-file old.key import "$CW_SOURCE_DIR/demo/data.jsonl" mid.jsonl >/dev/null
cp base/plain.db base/merged.db
$CW --db base/merged.db merge p-aliya p-dana >/dev/null

# op NAME: sets base (the database it starts from), keys (passphrases
# that may open the result; - for none) and args (the command).
op() {
	base=plain keys=-
	case $1 in
	import) args="import $T/big.jsonl" ;;
	ingest) args="ingest $DATA/ingest/articles" ;;
	merge) args="merge p-aliya p-dana" ;;
	unmerge) base=merged args="unmerge p-aliya p-dana" ;;
	purge) args="purge p-aliya --cascade --yes" ;;
	rekey) base=enc keys="old.key new.key" args="--key-file $T/old.key rekey --new-key-file $T/new.key" ;;
	backup) args="backup $T/b.db" ;;
	esac
}

# state FILE: which passphrase opens t.db, and its export; "unreadable"
# and the reason when it does not open or verify.
state() {
	for k in $keys; do
		kf=
		[ "$k" = - ] || kf="--key-file $k"
		if $CW --db t.db $kf verify >/dev/null 2>verr; then
			echo "opened with: $k" >"$1"
			$CW --db t.db $kf export >>"$1" 2>>verr && return 0
		fi
		grep -q "wrong passphrase" verr || break
	done
	echo "unreadable: $(head -c 300 verr)" >"$1"
	return 1
}

fresh() {
	rm -f t.db t.db-wal t.db-shm b.db
	cp "base/$base.db" t.db
}

total_kills=0
for name in ${CRASH_OPS:-import ingest merge unmerge purge rekey backup}; do
	op "$name"
	fresh
	state before.jsonl
	# How long does it take here? In a soak the shortest of three runs (a
	# busy machine makes one run slow, and kills after the end test
	# nothing). Kill within that span.
	span_ms=
	for _ in $(seq 1 $((RUNS > 3 ? 3 : 1))); do
		fresh
		start=$(date +%s%N)
		$CW --db t.db $args >/dev/null 2>err || not_ok "$name: runs ($(head -c 200 err))"
		ms=$((($(date +%s%N) - start) / 1000000))
		[ -n "$span_ms" ] && [ "$span_ms" -le "$ms" ] || span_ms=$ms
	done
	[ "$span_ms" -gt 20 ] || span_ms=20
	state after.jsonl
	if [ "$name" != backup ] && cmp -s before.jsonl after.jsonl; then
		not_ok "$name: changes the database"
	fi
	# the delays, drawn before: no interpreter starts between fork and kill
	delays=$(python3 -c "import random
for _ in range($RUNS): print('%.3f' % (random.randint(1, $span_ms) / 1000))")
	old=0 new=0 bad=0 done_=0
	for delay in $delays; do
		fresh
		# its own process group: the kill takes ingest's workers too
		setsid $CW --db t.db $args >/dev/null 2>&1 &
		pid=$!
		sleep "$delay"
		kill -9 -- "-$pid" 2>/dev/null || kill -9 "$pid" 2>/dev/null || true
		rc=0
		wait "$pid" 2>/dev/null || rc=$?
		total_kills=$((total_kills + 1))
		what="$name: killed at ${delay} s of ${span_ms} ms"
		if [ "$name" = backup ] && state now.jsonl && cmp -s now.jsonl before.jsonl; then
			# the database is as it was; the backup is there or not
			if [ -e b.db ]; then new=$((new + 1)); else old=$((old + 1)); fi
			[ $rc -ne 0 ] || done_=$((done_ + 1))
		elif ! state now.jsonl; then
			not_ok "$what: $(cat now.jsonl)"
			bad=$((bad + 1))
		elif cmp -s now.jsonl after.jsonl; then
			new=$((new + 1))
			[ $rc -ne 0 ] || done_=$((done_ + 1))
		elif [ $rc -eq 0 ]; then
			not_ok "$what: it returned success, but the export is not the one after it"
			bad=$((bad + 1))
		elif cmp -s now.jsonl before.jsonl; then
			old=$((old + 1))
		else
			not_ok "$what: partly done: $(diff before.jsonl now.jsonl | wc -l) lines differ from before, $(diff after.jsonl now.jsonl | wc -l) from after"
			bad=$((bad + 1))
		fi
		# a backup that exists is a whole one
		if [ "$name" = backup ] && [ -e b.db ] && ! $CW --db b.db verify >/dev/null 2>&1; then
			not_ok "$what: b.db exists but does not verify"
			bad=$((bad + 1))
		fi
	done
	if [ "$name" = backup ] || [ "$name" = rekey ]; then
		# copies left by killed processes are cleaned by the next run
		fresh
		$CW --db t.db $args >/dev/null 2>&1 || true
		check "$name: no temporary copy is left after the next run" sh -c "! ls -a | grep -q casewatch-tmp"
	fi
	[ $bad -eq 0 ] && ok "$name: $RUNS kills within ${span_ms} ms: $old left it undone, $new done ($done_ finished before the kill), none partly"
	echo "# $name: $RUNS kills, span ${span_ms} ms, undone $old, done $new, finished $done_, bad $bad"
done
echo "# $total_kills kills in all"
done_testing
