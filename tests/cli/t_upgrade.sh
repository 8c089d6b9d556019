#!/bin/sh
# Upgrades: databases made by our own earlier builds, one for the first
# and the last build of every earlier schema version (tests/data/upgrade/,
# made by scripts/make-upgrade-fixtures.sh from git history), open with
# today's binary, migrate, verify and export the same records as the old
# build did. A migration killed at any of its I/O calls leaves the old
# version intact (or the new one whole). A database from a newer
# casewatch is refused with a clear message, and left as it was.
. "$(dirname "$0")/lib.sh"
UP=$DATA/upgrade
use_faultshim || not_ok "the fault shim $SHIM is built (the kills during the upgrade need it)"

latest=$($CW --db none.db init --no-encrypt >/dev/null && sqlite3 none.db "PRAGMA user_version")
rm -f none.db*
# the same records: the old export and ours, as sets of JSON objects
same_records() {
	python3 - "$1" "$2" <<'EOF'
import json, sys
a, b = ([json.dumps(json.loads(l), sort_keys=True) for l in open(f) if l.strip()]
        for f in sys.argv[1:3])
gone, new = sorted(set(a) - set(b)), sorted(set(b) - set(a))
for l in gone[:3]: print("  lost:", l[:200])
for l in new[:3]: print("  new: ", l[:200])
sys.exit(1 if gone or new or len(a) != len(b) else 0)
EOF
}

n=0
for db in "$UP"/schema*-*.db; do
	name=$(basename "$db" .db)
	case $name in *-enc) continue ;; esac
	n=$((n + 1))
	was=${name#schema}
	was=${was%%-*}
	cp "$db" c.db
	check "$name: made with schema $was" test "$(sqlite3 c.db 'PRAGMA user_version')" = "$was"
	check "$name: a write opens and migrates it" sh -c "$CW --db c.db backup b-$name.db >/dev/null"
	check "$name: now schema $latest" test "$(sqlite3 c.db 'PRAGMA user_version')" = "$latest"
	check "$name: it verifies" sh -c "$CW --db c.db verify >/dev/null"
	$CW --db c.db export >now.jsonl
	if same_records "$UP/$name.jsonl" now.jsonl >diff.txt; then
		ok "$name: it exports the $(wc -l <now.jsonl) records the old build exported"
	else
		not_ok "$name: the records differ from the old build's export: $(cat diff.txt)"
	fi
	# read-only commands on a database not yet migrated
	cp "$db" r.db
	if $CW --db r.db export >ro.jsonl 2>err && same_records "$UP/$name.jsonl" ro.jsonl >diff.txt; then
		ok "$name: export before any write reads it as it is"
	elif grep -Eq "older casewatch|migrat" err; then
		ok "$name: export before any write says to migrate first: $(head -c 100 err)"
	else
		not_ok "$name: export before any write: $(head -c 200 err) $(cat diff.txt 2>/dev/null)"
	fi
	rm -f r.db*

	# the migration killed at each of its I/O calls
	if [ -f "$SHIM" ]; then
		# a write command that opens (and so migrates) the database, then
		# finds nothing to do: the I/O is the migration's
		rm -rf m && mkdir m && cp "$db" m/c.db
		(cd m && CW_FAULT_DIR="$T/m" CW_FAULT_COUNT="$T/count" LD_PRELOAD=$SHIM \
			$CW --db c.db merge p-nobody p-nobody-else >/dev/null 2>&1) || true
		calls=$(cat count)
		stride=${UPGRADE_STRIDE:-$(((calls + 7) / 8))}
		bad=0 old=0 new=0 i=1
		while [ "$i" -le "$calls" ]; do
			rm -rf m && mkdir m && cp "$db" m/c.db
			(cd m && CW_FAULT_DIR="$T/m" CW_FAULT_AT=$i CW_FAULT_MODE=kill LD_PRELOAD=$SHIM \
				$CW --db c.db merge p-nobody p-nobody-else >/dev/null 2>&1 || true
			exit 0) 2>/dev/null # the subshell waits, and says "Killed" to /dev/null
			v=$(sqlite3 m/c.db "PRAGMA user_version" 2>/dev/null || echo unreadable)
			ic=$(sqlite3 m/c.db "PRAGMA integrity_check" 2>/dev/null | head -1)
			if [ "$ic" != ok ]; then
				bad=$((bad + 1))
				not_ok "$name: killed at I/O call $i: integrity_check says $ic"
			elif [ "$v" = "$was" ]; then
				old=$((old + 1))
			elif [ "$v" = "$latest" ]; then
				new=$((new + 1))
			else
				bad=$((bad + 1))
				not_ok "$name: killed at I/O call $i: schema $v"
			fi
			# and today's binary still migrates it and keeps every record
			if ! $CW --db m/c.db backup m/bk2.db >/dev/null 2>err || ! $CW --db m/c.db export >k.jsonl ||
				! same_records "$UP/$name.jsonl" k.jsonl >/dev/null; then
				bad=$((bad + 1))
				not_ok "$name: after a kill at I/O call $i, the upgrade loses records: $(head -c 200 err)"
			fi
			i=$((i + stride))
		done
		[ $bad -eq 0 ] && ok "$name: killed at every ${stride}th of the upgrade's $calls I/O calls: $old times schema $was intact, $new times schema $latest whole"
	fi
done
check "there are fixtures from $n earlier builds" test "$n" -ge 3

# the encrypted one opens with its passphrase and upgrades too
enc=$(ls "$UP"/schema*-enc.db | head -1)
cp "$enc" e.db
check "$(basename "$enc"): encrypted, opens with its passphrase and migrates" sh -c \
	"$CW --db e.db --key-file $UP/upgrade.key backup eb.db >/dev/null && $CW --db e.db --key-file $UP/upgrade.key verify >/dev/null"
$CW --db e.db --key-file "$UP/upgrade.key" export >enc.jsonl
base=$(basename "$enc" -enc.db)
if same_records "$UP/$base.jsonl" enc.jsonl >diff.txt; then
	ok "$(basename "$enc"): the same records as its plain twin"
else
	not_ok "$(basename "$enc"): records differ: $(cat diff.txt)"
fi

# A database from the future: refused, named, and left untouched.
$CW --db f.db init --no-encrypt >/dev/null
$CW --db f.db import "$CW_SOURCE_DIR/demo/data.jsonl" >/dev/null
sqlite3 f.db "PRAGMA journal_mode=DELETE; PRAGMA user_version=$((latest + 1))" >/dev/null
sum=$(sha256sum f.db | cut -d' ' -f1)
expect_fail "a newer schema is refused on write" 1 "made by a newer casewatch \\(schema $((latest + 1)); this one knows $latest\\)" \
	$CW --db f.db import "$CW_SOURCE_DIR/demo/data.jsonl"
expect_fail "a newer schema is refused on read" 1 "made by a newer casewatch" $CW --db f.db export
check "the newer database is left as it was" test "$(sha256sum f.db | cut -d' ' -f1)" = "$sum"
done_testing
