#!/bin/sh
# tests/cli/t_extract.sh: `casewatch extract` on the real binary (no
# database): text and JSON output, --out-dir naming, .gz input, bad files
# reported by name and skipped, usage errors.
set -u
CW=${CASEWATCH:-build/casewatch}
SRC=${CW_SOURCE_DIR:-.}
D="$SRC/tests/data/extract"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

# Text output is the article, exactly.
"$CW" extract "$D/article.html" >"$T/out.txt" || fail "extract exit $?"
cmp -s "$T/out.txt" "$D/article.txt" || fail "article.html: $(diff "$T/out.txt" "$D/article.txt")"
"$CW" extract "$D/flattened.txt" >"$T/flat.txt" || fail "flattened exit $?"
cmp -s "$T/flat.txt" "$D/flattened.expected.txt" || fail "flattened: $(diff "$T/flat.txt" "$D/flattened.expected.txt")"

# Standard input.
"$CW" extract - <"$D/article.html" >"$T/stdin.txt" || fail "stdin exit $?"
cmp -s "$T/stdin.txt" "$D/article.txt" || fail "stdin output differs"

# JSON: the metadata, and --url over the canonical URL.
out=$("$CW" extract --format json "$D/article.html") || fail "json exit $?"
for kv in '"title":"Court extends detention of activist"' '"published":"2021-07-07"' \
	'"author":"Jane Example"' '"language":"en"' \
	'"url":"https://news.example.org/2021/07/court-extends-detention"'; do
	echo "$out" | grep -qF "$kv" || fail "json: no $kv in $out"
done
out=$("$CW" extract --format json --url https://x.example/a "$D/article.html")
echo "$out" | grep -qF '"url":"https://x.example/a"' || fail "--url: $out"

# Several files with --out-dir: NAME without .gz and .html; a bad file is
# named on stderr and skipped, the others written, exit 1.
cp "$D/article.html" "$T/page-one.html"
gzip -c "$D/article.html" >"$T/page-two.html.gz"
cp "$D/flattened.txt" "$T/plain.txt"
head -c 300 "$T/page-two.html.gz" >"$T/cut.html.gz"
printf '\211PNG\r\n\032\n\0\0\0\rIHDR\0\0' >"$T/image.htm"
"$CW" extract --out-dir "$T/out" "$T/page-one.html" "$T/cut.html.gz" "$T/page-two.html.gz" \
	"$T/image.htm" "$T/plain.txt" 2>"$T/err"
rc=$?
[ $rc -eq 1 ] || fail "bad files: exit $rc, want 1"
grep -q "^error: $T/cut.html.gz: truncated gzip stream" "$T/err" || fail "truncated gzip: $(cat "$T/err")"
grep -q "^error: $T/image.htm: binary" "$T/err" || fail "binary: $(cat "$T/err")"
cmp -s "$T/out/page-one.txt" "$D/article.txt" || fail "out-dir page-one.txt"
cmp -s "$T/out/page-two.txt" "$D/article.txt" || fail "out-dir page-two.txt (gz)"
cmp -s "$T/out/plain.txt.txt" "$D/flattened.expected.txt" || fail "out-dir plain.txt.txt"
[ ! -e "$T/out/cut.txt" ] && [ ! -e "$T/out/image.txt" ] || fail "bad files left outputs"
"$CW" extract --format json --out-dir "$T/js" "$T/page-one.html" || fail "json out-dir exit $?"
grep -qF '"author":"Jane Example"' "$T/js/page-one.json" || fail "json out-dir"

# Over the document limit (a sparse 65 MB file).
dd if=/dev/zero of="$T/huge.html" bs=1 count=0 seek=65M 2>/dev/null
"$CW" extract "$T/huge.html" >/dev/null 2>"$T/err"
rc=$?
[ $rc -eq 1 ] && grep -q "^error: $T/huge.html: over 64 MB" "$T/err" || fail "huge: $rc $(cat "$T/err")"
"$CW" extract "$T/missing.html" >/dev/null 2>"$T/err"
[ $? -eq 1 ] && grep -q "^error: $T/missing.html: " "$T/err" || fail "missing file"

# Usage.
"$CW" extract >/dev/null 2>&1; [ $? -eq 2 ] || fail "no files: not exit 2"
"$CW" extract --format xml "$D/article.html" >/dev/null 2>&1; [ $? -eq 2 ] || fail "--format xml: not exit 2"
"$CW" extract --bogus "$D/article.html" >/dev/null 2>&1; [ $? -eq 2 ] || fail "--bogus: not exit 2"
"$CW" extract --help | grep -q 'usage: casewatch extract' || fail "extract --help"
"$CW" help extract | grep -q 'usage: casewatch extract' || fail "help extract"

[ $fails -eq 0 ] && echo "ok: extract" || exit 1
