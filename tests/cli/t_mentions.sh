#!/bin/sh
# tests/cli/t_mentions.sh: `casewatch mentions` on the fixtures in
# tests/data/mentions/ (NAME.txt or NAME.html, optional NAME.args with one
# argument per line, NAME.expected the exact output), plus JSON output,
# errors and exit codes.
# Env: CASEWATCH (the binary), CW_SOURCE_DIR (the repository root).
set -u

: "${CASEWATCH:?set CASEWATCH to the casewatch binary}"
SRC=${CW_SOURCE_DIR:-.}
DATA=$SRC/tests/data/mentions
TMP=$(mktemp -d "${TMPDIR:-/tmp}/t_mentions.XXXXXX") || exit 1
trap 'rm -rf "$TMP"' EXIT INT TERM
fails=0
n=0

fail() {
	echo "FAIL: $*" >&2
	fails=$((fails + 1))
}

cd "$SRC" || exit 1

# 1. every fixture with an .expected file
for exp in "$DATA"/*.expected; do
	name=${exp%.expected}
	base=$(basename "$name")
	if [ -f "$name.txt" ]; then input=$name.txt; else input=$name.html; fi
	set --
	if [ -f "$name.args" ]; then
		while IFS= read -r a; do set -- "$@" "$a"; done <"$name.args"
	fi
	n=$((n + 1))
	if ! "$CASEWATCH" mentions "$@" "$input" >"$TMP/out" 2>"$TMP/err"; then
		fail "$base: exit status $? ($(cat "$TMP/err"))"
		continue
	fi
	if ! cmp -s "$exp" "$TMP/out"; then
		fail "$base: output differs"
		diff -u "$exp" "$TMP/out" >&2
	fi
done

# 2. --json, and standard input gives the same as a file
n=$((n + 1))
"$CASEWATCH" mentions --json --published 2021-07-10 - <"$DATA/ru-article.txt" >"$TMP/json" ||
	fail "json: exit status $?"
cmp -s "$DATA/ru-article.json" "$TMP/json" || {
	fail "json: output differs"
	diff -u "$DATA/ru-article.json" "$TMP/json" >&2
}

# 3. relative dates without a publication date: kept, with no value
n=$((n + 1))
printf 'Вчера и two weeks ago\n' >"$TMP/rel.txt"
"$CASEWATCH" mentions "$TMP/rel.txt" >"$TMP/out" || fail "relative: exit status $?"
printf '0-5\tdate\tВчера\t\n8-21\tdate\ttwo weeks ago\t\n' >"$TMP/want"
cmp -s "$TMP/want" "$TMP/out" || fail "relative: output differs: $(cat "$TMP/out")"
"$CASEWATCH" mentions --json "$TMP/rel.txt" | grep -q '"value": null' ||
	fail "relative: json value is not null"

# 4. a UTF-8 byte-order mark is not counted in offsets
n=$((n + 1))
printf '\357\273\277in 2019\n' >"$TMP/bom.txt"
"$CASEWATCH" mentions "$TMP/bom.txt" >"$TMP/out" || fail "bom: exit status $?"
printf '3-7\tdate\t2019\t2019\n' >"$TMP/want"
cmp -s "$TMP/want" "$TMP/out" || fail "bom: output differs: $(cat "$TMP/out")"

# 5. errors: invalid UTF-8 (1), bad date (2), missing file (1), no file (2)
n=$((n + 1))
printf 'Article 405 \320 broken\n' >"$TMP/bad.txt"
"$CASEWATCH" mentions "$TMP/bad.txt" >"$TMP/out" 2>"$TMP/err"
st=$?
[ "$st" -eq 1 ] || fail "invalid utf-8: exit status $st, want 1"
grep -q "bad.txt: invalid UTF-8 at byte 12" "$TMP/err" || fail "invalid utf-8: message: $(cat "$TMP/err")"
[ -s "$TMP/out" ] && fail "invalid utf-8: printed mentions"

"$CASEWATCH" mentions --published 2021-13-45 "$DATA/en-article.txt" >/dev/null 2>"$TMP/err"
st=$?
[ "$st" -eq 2 ] || fail "bad --published: exit status $st, want 2"
grep -q "published" "$TMP/err" || fail "bad --published: message: $(cat "$TMP/err")"

"$CASEWATCH" mentions "$TMP/no-such-file" >/dev/null 2>"$TMP/err"
st=$?
[ "$st" -eq 1 ] || fail "missing file: exit status $st, want 1"
grep -q "no-such-file" "$TMP/err" || fail "missing file: message: $(cat "$TMP/err")"

"$CASEWATCH" mentions >/dev/null 2>&1
st=$?
[ "$st" -eq 2 ] || fail "no file: exit status $st, want 2"

printf '{"type":"person","id":\n' >"$TMP/lex.jsonl"
"$CASEWATCH" mentions --lexicon "$TMP/lex.jsonl" "$DATA/en-article.txt" >/dev/null 2>"$TMP/err"
st=$?
[ "$st" -eq 1 ] || fail "bad lexicon: exit status $st, want 1"
grep -q "lex.jsonl:1:" "$TMP/err" || fail "bad lexicon: message: $(cat "$TMP/err")"

# A lexicon as big as MENTIONS_MAX_LEXICON allows (once refused at
# 524,288 names, where its capacity doubled past the limit) is read and
# used; one name more is refused with the file and line.
big() {
	awk -v n="$1" 'BEGIN {
		printf "{\"type\":\"person\",\"id\":\"p-many\",\"names\":["
		for (i = 0; i < n; i++) printf "%s\"Zz%07d Qq\"", (i ? "," : ""), i
		print "]}"
		print "{\"type\":\"person\",\"id\":\"p-aliya\",\"names\":[\"Aliya Mysalova\"]}"
	}' >"$TMP/big.jsonl"
}
n=$((n + 1))
big 999999
if "$CASEWATCH" mentions --json --lexicon "$TMP/big.jsonl" "$DATA/en-article.txt" \
	>"$TMP/out" 2>"$TMP/err"; then
	grep -q '"p-aliya"' "$TMP/out" || fail "big lexicon: Aliya Mysalova not found"
else
	fail "big lexicon (1,000,000 names): exit status $? ($(cat "$TMP/err"))"
fi
big 1000000
"$CASEWATCH" mentions --lexicon "$TMP/big.jsonl" "$DATA/en-article.txt" >/dev/null 2>"$TMP/err"
st=$?
[ "$st" -eq 1 ] || fail "lexicon over the limit: exit status $st, want 1"
grep -q "big.jsonl:2: too many names (limit 1000000)" "$TMP/err" ||
	fail "lexicon over the limit: message: $(cat "$TMP/err")"

# 6. --help
n=$((n + 1))
"$CASEWATCH" mentions --help >"$TMP/out" || fail "--help: exit status $?"
grep -q "code points" "$TMP/out" || fail "--help does not document offsets"

# 7. a long text without spaces finishes and finds nothing
n=$((n + 1))
awk 'BEGIN { s = "ж"; for (i = 0; i < 19; i++) s = s s; print s }' >"$TMP/long.txt"
"$CASEWATCH" mentions "$TMP/long.txt" >"$TMP/out" || fail "long word: exit status $?"
[ -s "$TMP/out" ] && fail "long word: found mentions"

if [ "$fails" -ne 0 ]; then
	echo "t_mentions: $fails failure(s) in $n groups" >&2
	exit 1
fi
echo "t_mentions: $n groups ok"
