#!/bin/sh
# I/O faults: tests/fault/faultshim.c makes the Nth write, pwrite, fsync,
# ftruncate, rename, link or unlink on the database's folder fail with EIO
# or ENOSPC, or kills the process right after it. N walks over every such
# call of an import, a purge, a rekey and a backup. Each time: casewatch
# names the file and what failed and exits non-zero (or, killed, says
# nothing), and the database then opens, verifies and exports exactly the
# old state or exactly the new one. Then the same on a full disk.
#   FAULT_STRIDE=K   walk every Kth call (default: about 8 points an
#                    operation, 4 under ASan; `make soak` walks all, K=1)
#   FAULT_MODES="eio enospc kill"   the modes tried at each point (default:
#                    one a point, in turn)
. "$(dirname "$0")/lib.sh"

# the shim is built with casewatch: its absence is a failure, not a skip
use_faultshim || { echo "not ok 1 - the fault shim $SHIM is built"; exit 1; }
export CASEWATCH_NOW=2026-01-01T00:00:00Z

echo "old passphrase" >old.key
echo "new passphrase" >new.key
python3 "$CW_SOURCE_DIR/bench/import/gen.py" 300 | grep -v '"type": "provision"' >more.jsonl

# The bases, one folder each: the state before the operation.
mkdir -p base/plain base/enc
$CW --db base/plain/t.db init --no-encrypt >/dev/null
$CW --db base/plain/t.db import "$CW_SOURCE_DIR/demo/data.jsonl" >/dev/null
$CW --db base/enc/t.db --key-file old.key init >/dev/null
$CW --db base/enc/t.db --key-file old.key import "$CW_SOURCE_DIR/demo/data.jsonl" >/dev/null

# op_args NAME: the base it starts from, the passphrases that may open it
# afterwards, and the command (run in ./db).
op_args() {
	base=plain keys=-
	case $1 in
	import) args="import $T/more.jsonl" ;;
	purge) args="purge p-aliya --cascade --yes" ;;
	rekey)
		base=enc keys="old.key new.key"
		args="--key-file $T/old.key rekey --new-key-file $T/new.key"
		;;
	backup) args="backup $T/db/b.db" ;;
	esac
}

restore() {
	rm -rf db && mkdir db && cp "base/$base/t.db" db/
}

# state FILE: the key that opens db/t.db and its export, after checking
# that it verifies; "unreadable: ..." otherwise.
state() {
	for k in $keys; do
		kf=
		[ "$k" = - ] || kf="--key-file $k"
		if $CW --db db/t.db $kf verify >/dev/null 2>"$T/verr"; then
			echo "opened with: $k" >"$1"
			$CW --db db/t.db $kf export >>"$1" 2>>"$T/verr" && return 0
		fi
		grep -q "wrong passphrase" "$T/verr" || break
	done
	echo "unreadable: $(head -c 300 "$T/verr")" >"$1"
	return 1
}

walked=0
walk() {
	name=$1
	op_args "$name"
	restore
	state before.jsonl
	# the count run, with no fault: the new state
	(cd db && CW_FAULT_DIR="$T/db" CW_FAULT_COUNT="$T/count" LD_PRELOAD=$SHIM \
		$CW --db t.db $args >/dev/null 2>"$T/err") ||
		not_ok "$name: runs under the shim ($(cat "$T/err"))"
	total=$(cat count)
	state after.jsonl
	if cmp -s before.jsonl after.jsonl && [ "$name" != backup ]; then
		not_ok "$name: the operation changes the database"
	fi
	points=$((SANITIZED ? 4 : 8))
	stride=${FAULT_STRIDE:-$(((total + points - 1) / points))}
	[ "$stride" -ge 1 ] || stride=1
	bad=0 pts=0 old=0 new=0 i=0 kept=0
	n=1
	while [ "$n" -le "$total" ]; do
		for mode in ${FAULT_MODES:-$(echo eio enospc kill | cut -d' ' -f$((i % 3 + 1)))}; do
			i=$((i + 1))
			pts=$((pts + 1))
			restore
			rm -f note
			set +e
			(cd db && CW_FAULT_DIR="$T/db" CW_FAULT_AT=$n CW_FAULT_MODE=$mode \
				CW_FAULT_NOTE="$T/note" LD_PRELOAD=$SHIM \
				$CW --db t.db $args >/dev/null 2>"$T/err"
			# not exec'd: this subshell waits, and its "Killed" goes nowhere
			rc=$?
			exit $rc) 2>/dev/null
			rc=$?
			set -e
			what="$name: call $n ($(cut -d' ' -f2- note 2>/dev/null | sed "s|$T/||"), $mode)"
			if ! state now.jsonl; then
				not_ok "$what: the database afterwards: $(cat now.jsonl)"
				bad=$((bad + 1))
				continue
			fi
			if cmp -s now.jsonl after.jsonl; then
				new=$((new + 1))
			elif cmp -s now.jsonl before.jsonl && [ $rc -ne 0 ]; then
				old=$((old + 1))
			else
				not_ok "$what: exit $rc, neither the old nor the new state"
				bad=$((bad + 1))
				continue
			fi
			# a backup that says it succeeded verifies; a failed one
			# leaves nothing behind
			if [ "$name" = backup ]; then
				[ ! -e db/b.db ] || kept=$((kept + 1))
				if [ $rc -eq 0 ] && ! $CW --db db/b.db verify >/dev/null 2>&1; then
					not_ok "$what: backup reported written but does not verify"
					bad=$((bad + 1))
				elif [ $rc -ne 0 ] && [ "$mode" != kill ] && [ -e db/b.db ]; then
					not_ok "$what: a failed backup left db/b.db"
					bad=$((bad + 1))
				fi
			fi
			if [ "$mode" != kill ] && [ $rc -ne 0 ]; then
				# the message names a file and the failure
				if [ $rc -ne 1 ] || ! grep -Eq "^error: .*(t\\.db|b\\.db|casewatch-tmp)[^ ]*: .*(disk I/O error|database or disk is full|No space left|Input/output error)" err; then
					not_ok "$what: exit $rc, unclear message: $(head -c 300 err)"
					bad=$((bad + 1))
				fi
			fi
			if [ "$mode" = kill ] && [ $rc -ne 137 ] && [ -s note ]; then
				not_ok "$what: the process was to be killed, exit $rc"
				bad=$((bad + 1))
			fi
		done
		n=$((n + stride))
	done
	walked=$((walked + pts))
	if [ "$name" = backup ]; then
		# the database itself is the same before and after
		old=$((pts - kept)) new=$kept
	fi
	[ $bad -eq 0 ] && ok "$name: $pts faults over $total I/O calls (every ${stride}th): $old left the old state, $new the new, none anything else"
	echo "# $name: $total I/O calls, $pts faults injected, old $old, new $new, bad $bad"
}

for op in ${FAULT_OPS:-import purge rekey backup}; do
	walk "$op"
done

# A full disk: a 2 MB tmpfs (in a private mount namespace, so it cannot
# outlive the test), else a 2 MB RLIMIT_FSIZE. The import does not fit.
python3 "$CW_SOURCE_DIR/bench/import/gen.py" 12000 | grep -v '"type": "provision"' >huge.jsonl
base=plain keys=-
restore
state before.jsonl
size=$(($(wc -c <db/t.db) / 1024 + 2048))
cat >full.sh <<EOF
mount -t tmpfs -o size=${size}k tmpfs "$T/db" 2>/dev/null || exit 3
cp "$T/base/plain/t.db" "$T/db/"
cd "$T/db" && "$CW" --db t.db import "$T/huge.jsonl" >/dev/null 2>"$T/err"
rc=\$?
cp t.db "$T/full.db" && rm -f "$T/full.db-wal" && { [ ! -e t.db-wal ] || cp t.db-wal "$T/full.db-wal"; }
exit \$rc
EOF
set +e
if [ "$(id -u)" = 0 ] && unshare -m true 2>/dev/null; then
	unshare -m sh full.sh
	rc=$?
	how="a ${size} KB tmpfs"
else
	rc=3
fi
if [ $rc -eq 3 ]; then
	how="RLIMIT_FSIZE of ${size} KB"
	(trap '' XFSZ && ulimit -f $((size * 1024 / 512)) && cd db &&
		"$CW" --db t.db import "$T/huge.jsonl" >/dev/null 2>"$T/err")
	rc=$?
	cp db/t.db full.db && { [ ! -e db/t.db-wal ] || cp db/t.db-wal full.db-wal; }
fi
set -e
rm -rf db && mkdir db && cp full.db db/t.db && { [ ! -e full.db-wal ] || cp full.db-wal db/t.db-wal; }
if [ $rc -eq 1 ] && grep -Eq "^error: .*t\\.db[^ ]*: .*(database or disk is full|No space left|File too large|disk I/O error)" err; then
	ok "a full disk ($how): exit 1, and the message says so: $(head -c 120 err)"
else
	not_ok "a full disk ($how): exit $rc, message: $(head -c 300 err)"
fi
state now.jsonl
check "after the full disk, the database verifies and holds the old state" cmp -s now.jsonl before.jsonl

echo "# $walked faults injected in all"
done_testing
