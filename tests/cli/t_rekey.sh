#!/bin/sh
# rekey: the new passphrase works, the old one does not, and a rekey
# killed at any moment leaves a database that opens with the old or the
# new passphrase, never neither.
. "$(dirname "$0")/lib.sh"

echo "old passphrase" >old
echo "new passphrase" >new
$CW --db e.db --key-file old init >/dev/null
$CW --db e.db --key-file old import "$CW_SOURCE_DIR/demo/data.jsonl" >/dev/null
$CW --db e.db --key-file old export >before.jsonl
$CW --db e.db --key-file old backup old-backup.db >/dev/null
check "rekey succeeds" sh -c "$CW --db e.db --key-file old rekey --new-key-file new >/dev/null"
expect_fail "the old passphrase no longer opens it" 1 "wrong passphrase" $CW --db e.db --key-file old stats
check "the new passphrase opens it and it verifies" sh -c "$CW --db e.db --key-file new verify >/dev/null"
check "nothing was lost" sh -c "$CW --db e.db --key-file new export | cmp -s - before.jsonl"
check "the rekey is in the audit log" sh -c "$CW --db e.db --key-file new audit --json | grep -q '\"action\":\"rekey\"'"
check "an older backup keeps the old passphrase" sh -c "$CW --db old-backup.db --key-file old verify >/dev/null"
check "no temporary copy is left behind" sh -c "! ls -a | grep -q casewatch-tmp"
check "--new-key-fd works" sh -c "$CW --db e.db --key-file new rekey --new-key-fd 3 3<old >/dev/null && $CW --db e.db --key-file old verify >/dev/null"
mv old tmpk && mv new old && mv tmpk new # now "new" is the current one
# a plain database becomes encrypted
$CW --db p.db init --no-encrypt >/dev/null
$CW --db p.db import "$CW_SOURCE_DIR/demo/data.jsonl" >/dev/null
check "rekey encrypts a plain database" sh -c "$CW --db p.db rekey --new-key-file new >/dev/null && ! grep -aq Mysalova p.db && $CW --db p.db --key-file new verify >/dev/null"

# Kill rekey at random moments.
python3 "$CW_SOURCE_DIR/bench/import/gen.py" 20000 >big.jsonl
$CW --db k.db --key-file new init >/dev/null
$CW --db k.db --key-file new import big.jsonl >/dev/null
cur=new other=old
start=$(date +%s%N)
cp k.db probe.db
$CW --db probe.db --key-file new rekey --new-key-file old >/dev/null
span_ms=$(( ($(date +%s%N) - start) / 1000000 ))
rm -f probe.db*
for i in $(seq 1 ${REKEY_RUNS:-12}); do
	delay=$(python3 -c "import random; print(random.randint(1, $span_ms) / 1000)")
	$CW --db k.db --key-file $cur rekey --new-key-file $other >/dev/null 2>&1 &
	pid=$!
	sleep "$delay"
	kill -9 $pid 2>/dev/null || true
	wait $pid 2>/dev/null || true
	if $CW --db k.db --key-file $cur verify >/dev/null 2>&1; then
		ok "run $i: killed after ${delay}s: opens with the old passphrase and verifies"
	elif $CW --db k.db --key-file $other verify >/dev/null 2>&1; then
		ok "run $i: killed after ${delay}s: opens with the new passphrase and verifies"
		t=$cur; cur=$other; other=$t
	else
		not_ok "run $i: killed after ${delay}s: opens with neither passphrase"
	fi
done
check "a later rekey removes copies left by killed ones" sh -c "$CW --db k.db --key-file $cur rekey --new-key-file $other >/dev/null && ! ls -a | grep -q casewatch-tmp"
done_testing
