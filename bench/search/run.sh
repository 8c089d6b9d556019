#!/bin/sh
# bench/search/run.sh CASEWATCH [N_GENERATED]
#
# Ingests the real articles of ../shared/data/zyte/html and
# ../shared/data/trafilatura/html plus N_GENERATED (default 100,000)
# generated fictional ones (gen.py) into a new unencrypted database and
# prints the ingest rate and peak memory; then runs 1,000 queries (words,
# names in three scripts, phrases, prefixes), each as one `casewatch
# search` process, and prints p50/p99 latency side by side with the peer:
# Debian's sqlite3 shell querying a plain FTS5 table (unicode61) of the
# same titles and texts, one process per query too (query.py).
# Set CW_SHARED_DATA to where the shared data lives if not ../shared/data.
set -eu
CW=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
N=${2:-100000}
HERE=$(cd "$(dirname "$0")" && pwd)
SHARED=${CW_SHARED_DATA:-$HERE/../../../shared/data}
W=$(mktemp -d "${TMPDIR:-/tmp}/cwbench-search.XXXXXX")
trap 'rm -rf "$W"' EXIT
cd "$W"

echo "generating $N articles..."
python3 "$HERE/gen.py" "$N" gen
set -- gen/articles
for d in "$SHARED/zyte/html" "$SHARED/trafilatura/html"; do
	[ -d "$d" ] && set -- "$@" "$d"
done
files=$(find "$@" -type f -name '*.htm*' | wc -l)
echo "$files articles ($(du -shL "$@" | awk '{print $1}' | paste -sd+ -)), $(nproc) cores"

now_ms() { date +%s%3N; }
"$CW" --db b.db init --no-encrypt >/dev/null
"$CW" --db b.db import gen/people.jsonl >/dev/null
t0=$(now_ms)
set +e
/usr/bin/time -v "$CW" --db b.db ingest --json "$@" >counts.json 2>time.txt
set -e
t1=$(now_ms)
ms=$((t1 - t0))
created=$(sed 's/.*"created":\([0-9]*\).*/\1/' counts.json)
echo "ingest: $(cat counts.json)"
echo "ingest: $files files in $ms ms = $((files * 1000 / ms)) articles/s," \
	"peak RSS of the parent $(($(sed -n 's/.*Maximum resident set size (kbytes): //p' time.txt) / 1024)) MB," \
	"database $(du -m b.db | cut -f1) MB"
grep -v "Command being timed\|^	" time.txt | grep "skipped" | head -5 || true

t0=$(now_ms)
"$CW" --db b.db ingest "$@" >again.txt 2>/dev/null || true
t1=$(now_ms)
echo "re-ingest (all already there): $((t1 - t0)) ms: $(cat again.txt)"

sqlite3 peer.db "ATTACH 'b.db' AS c; CREATE VIRTUAL TABLE p USING fts5(title, body);
INSERT INTO p SELECT json_extract(r.body, '\$.title'), d.text FROM c.record r
JOIN c.document d ON d.sha256=json_extract(r.body, '\$.sha256') WHERE r.type='source';"
echo "peer table: $(sqlite3 peer.db 'SELECT count(*) FROM p') rows"
python3 "$HERE/query.py" "$CW" b.db peer.db gen/queries.txt
[ "$created" -gt 0 ]
