#!/bin/sh
# tests/cli/t_extract_quality.sh: article extraction quality on the shared
# evaluation data (../shared/data/{zyte,trafilatura}, never copied here),
# scored by the datasets' own scorers, with floors just under what the
# extractor achieves (docs/extract.md records the numbers). Skips (77)
# without the data.
set -u
CW=${CASEWATCH:-build/casewatch}
SRC=${CW_SOURCE_DIR:-.}
DATA=$SRC/../shared/data
ZYTE_FLOOR=0.972
TRAF_FLOOR=0.913

if [ ! -d "$DATA/zyte/html" ] || [ ! -d "$DATA/trafilatura/html" ]; then
	echo "skipped: ../shared/data not found"
	exit 77
fi
command -v python3 >/dev/null 2>&1 || { echo "skipped: python3 not found"; exit 77; }
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

"$CW" extract --out-dir "$T/zyte" "$DATA"/zyte/html/* 2>"$T/zyte.err" ||
	fail "zyte: extract failed: $(head -5 "$T/zyte.err")"
"$CW" extract --out-dir "$T/traf" "$DATA"/trafilatura/html/* 2>"$T/traf.err" ||
	fail "trafilatura: extract failed: $(head -5 "$T/traf.err")"

z=$(python3 "$DATA/zyte/score.py" "$T/zyte" --n-bootstrap 20 --json) || fail "zyte scorer"
zf1=$(printf '%s' "$z" | python3 -c 'import json,sys; print("%.4f" % json.load(sys.stdin)["f1"])')
t=$(python3 "$DATA/trafilatura/score_snippets.py" "$T/traf") || fail "trafilatura scorer"
tf1=$(printf '%s\n' "$t" | sed -n 's/.*F1 \([0-9.]*\).*/\1/p' | tail -1)
echo "zyte F1 $zf1 (floor $ZYTE_FLOOR), trafilatura F1 $tf1 (floor $TRAF_FLOOR)"
python3 -c "import sys; sys.exit(0 if float('$zf1') >= $ZYTE_FLOOR else 1)" ||
	fail "zyte F1 $zf1 below $ZYTE_FLOOR"
python3 -c "import sys; sys.exit(0 if float('${tf1:-0}') >= $TRAF_FLOOR else 1)" ||
	fail "trafilatura F1 $tf1 below $TRAF_FLOOR"

[ $fails -eq 0 ] && echo "ok: extract quality" || exit 1
