#!/bin/sh
# Backups: consistent while others write, encrypted under the same key,
# accepted by verify, and a working database.
. "$(dirname "$0")/lib.sh"

echo "backup pass" >key
$CW --db e.db --key-file key init >/dev/null
$CW --db e.db --key-file key import "$CW_SOURCE_DIR/demo/data.jsonl" >/dev/null
check "backup of an encrypted database" sh -c "$CW --db e.db --key-file key backup b1.db >/dev/null"
check "the backup is encrypted" sh -c "! head -c 16 b1.db | grep -q 'SQLite format' && ! grep -aq Mysalova b1.db"
check "the backup opens with the same passphrase and verifies" sh -c "$CW --db b1.db --key-file key verify >/dev/null"
check "the backup holds the same records" sh -c "$CW --db e.db --key-file key export >a; $CW --db b1.db --key-file key export >b; cmp -s a b"
check "the backup is a working database" sh -c "echo '{\"type\":\"person\",\"id\":\"p-new\",\"names\":[\"New Person\"]}' >new.jsonl && $CW --db b1.db --key-file key import new.jsonl >/dev/null && $CW --db b1.db --key-file key verify >/dev/null"
expect_fail "a backup never overwrites" 1 "already exists" $CW --db e.db --key-file key backup b1.db
check "the original records the backup in its audit log" sh -c "$CW --db e.db --key-file key audit --json | grep -q '\"action\":\"backup\"'"

# Consistency while another process imports: every backup verifies and
# holds either none or all of each import.
python3 "$CW_SOURCE_DIR/bench/import/gen.py" 5000 | grep -v '"type": "provision"' >big.jsonl
n0=$($CW --db e.db --key-file key export | wc -l)
nbig=$(wc -l <big.jsonl)
$CW --db e.db --key-file key import big.jsonl >/dev/null &
pid=$!
i=0
good=0
while [ $i -lt 5 ]; do
	i=$((i + 1))
	rm -f "c$i.db"
	if $CW --db e.db --key-file key backup "c$i.db" >/dev/null 2>&1; then
		n=$($CW --db "c$i.db" --key-file key export | wc -l)
		if $CW --db "c$i.db" --key-file key verify >/dev/null && { [ "$n" -eq "$n0" ] || [ "$n" -eq $((n0 + nbig)) ]; }; then
			good=$((good + 1))
		else
			echo "# backup $i: $n records (expected $n0 or $((n0 + nbig)))"
		fi
	else
		good=$((good + 1)) # busy is an acceptable answer; a bad copy is not
	fi
done
wait $pid
check "backups taken during an import are consistent ($good of 5)" test "$good" -eq 5

# A plain database's backup is plain.
$CW --db p.db init --no-encrypt >/dev/null
$CW --db p.db import "$CW_SOURCE_DIR/demo/data.jsonl" >/dev/null
check "backup of a plain database" sh -c "$CW --db p.db backup pb.db >/dev/null && $CW --db pb.db verify >/dev/null"
done_testing
