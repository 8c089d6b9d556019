#!/bin/sh
# tests/cli/t_names.sh: `casewatch name-key` and `casewatch name-score` on
# the real binary (no database needed).
set -u
CW=${CASEWATCH:-build/casewatch}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

# name-key: one line per name, keys versioned, same keys across scripts.
out=$("$CW" name-key 'Асқар Қайырбек' 'Kaiyrbek Askar') || fail "name-key exit $?"
l1=$(echo "$out" | sed -n 1p | cut -f2 | tr ' ' '\n' | sort | tr '\n' ' ')
l2=$(echo "$out" | sed -n 2p | cut -f2 | tr ' ' '\n' | sort | tr '\n' ' ')
[ -n "$l1" ] && [ "$l1" = "$l2" ] || fail "name-key: keys differ: '$l1' vs '$l2'"
echo "$l1" | grep -q '3:t:askar ' || fail "name-key: no versioned key in '$l1'"

out=$("$CW" name-key --json 'Aıgúl Ótepova') || fail "name-key --json exit $?"
echo "$out" | grep -q '"skeleton":"aigul otepova"' || fail "name-key --json: $out"
echo "$out" | grep -q '"version":3' || fail "name-key --json: no version: $out"

"$CW" name-key >/dev/null 2>&1; [ $? -eq 2 ] || fail "name-key without names: not exit 2"
"$CW" name-key --help | grep -q 'usage: casewatch name-key' || fail "name-key --help"
"$CW" name-key "$(printf 'bad \377')" >/dev/null 2>"$T/err"
rc=$?
[ $rc -eq 1 ] && grep -aq '^error: .*UTF-8' "$T/err" || fail "name-key invalid UTF-8: $(cat "$T/err")"

# name-score A B
out=$("$CW" name-score 'Rittman' 'Rittmann') || fail "name-score exit $?"
[ "$out" = "$(printf '1.0000\tsame')" ] || fail "Rittman/Rittmann: '$out'"
out=$("$CW" name-score 'Utepov' 'Utepova')
echo "$out" | grep -q "	different$" || fail "Utepov/Utepova: '$out'"
out=$("$CW" name-score --threshold 0.1 'Utepov' 'Utepova')
echo "$out" | grep -q "	same$" || fail "--threshold: '$out'"
"$CW" name-score onlyone >/dev/null 2>&1; [ $? -eq 2 ] || fail "name-score one name: not exit 2"
"$CW" name-score --threshold 2 a b >/dev/null 2>&1; [ $? -eq 2 ] || fail "bad threshold: not exit 2"
"$CW" name-score --help | grep -q 'usage: casewatch name-score' || fail "name-score --help"

# --pairs FILE and --pairs - (stdin), in order
printf 'Асқар Қайырбек\tAskar Kaiyrbek\nUtepov\tUtepova\nВ. В. Путин\tVladimir Putin\n' >"$T/pairs.tsv"
out=$("$CW" name-score --pairs "$T/pairs.tsv") || fail "--pairs exit $?"
[ "$(echo "$out" | cut -f2 | tr '\n' ' ')" = "same different same " ] || fail "--pairs: $out"
out2=$("$CW" name-score --pairs - <"$T/pairs.tsv") || fail "--pairs - exit $?"
[ "$out" = "$out2" ] || fail "--pairs - differs from --pairs FILE"
[ "$(echo "$out" | cut -f1 | grep -c '^[01]\.[0-9]\{4\}$')" = 3 ] || fail "scores not in [0,1]: $out"

# a malformed line: error names FILE:LINE, exit 1
printf 'a\tb\nno tab here\nc\td\n' >"$T/bad.tsv"
"$CW" name-score --pairs "$T/bad.tsv" >"$T/out" 2>"$T/err"; rc=$?
[ $rc -eq 1 ] || fail "malformed line: exit $rc"
grep -q "^error: $T/bad.tsv:2: " "$T/err" || fail "malformed line: $(cat "$T/err")"
printf 'a\t\n' | "$CW" name-score --pairs - >/dev/null 2>"$T/err"; rc=$?
[ $rc -eq 1 ] && grep -q '^error: -:1: ' "$T/err" || fail "empty name: exit $rc $(cat "$T/err")"
"$CW" name-score --pairs "$T/missing.tsv" >/dev/null 2>&1; [ $? -eq 1 ] || fail "missing file: not exit 1"

# hostile input: 10,000 words get a clear error, not a hang
big=$(yes ab | head -n 10000 | tr '\n' ' ')
"$CW" name-score "$big" 'ab' >/dev/null 2>"$T/err"; rc=$?
[ $rc -eq 1 ] && grep -q '^error: ' "$T/err" || fail "10,000 words: exit $rc"

[ $fails -eq 0 ] && echo "ok: t_names" || exit 1
