#!/bin/sh
# bench/dedup/run.sh: generate N fictional people with realistic name
# variants and the truth (gen.py), import them, run `casewatch dedup`, and
# print its wall time, peak RSS (/usr/bin/time -v) and pairwise precision
# and recall against the truth (eval.py).
#
#   sh bench/dedup/run.sh path/to/casewatch [N] [WORKDIR]
#   GEN=holdout sh bench/dedup/run.sh path/to/casewatch [N] [WORKDIR]
#
# N defaults to 1000000; WORKDIR (default a temporary folder, removed
# afterwards) keeps the generated file, the database and the output.
# GEN=holdout uses gen_holdout.py, a second generator written
# independently of the scorer (docs/dedup.md "Quality"), instead of gen.py.
# Needs python3 and GNU time (/usr/bin/time). Targets (docs/dedup.md):
# the dedup step under 60 s and 2 GB at 1,000,000 people, under 30 s at
# 200,000.
set -eu
CW=${1:?usage: run.sh path/to/casewatch [N] [WORKDIR]}
N=${2:-1000000}
HERE=$(cd "$(dirname "$0")" && pwd)
CW=$(cd "$(dirname "$CW")" && pwd)/$(basename "$CW")
if [ -n "${3:-}" ]; then
	W=$3
	mkdir -p "$W"
else
	W=$(mktemp -d "${TMPDIR:-/tmp}/cwdedup.XXXXXX")
	trap 'rm -rf "$W"' EXIT
fi
[ -x /usr/bin/time ] || { echo "run.sh: GNU time (/usr/bin/time) is needed" >&2; exit 1; }
cd "$W"
unset CASEWATCH_KEY
rm -f b.db b.db-wal b.db-shm

echo "casewatch: $("$CW" version)"
case ${GEN:-gen} in
gen) G=gen.py ;;
holdout) G=gen_holdout.py ;;
*) echo "run.sh: GEN is gen or holdout" >&2; exit 2 ;;
esac
echo "people: $N (seed 1, $G)"
python3 "$HERE/$G" "$N" people.jsonl truth.tsv --seed 1 2>/dev/null
"$CW" --db b.db init --no-encrypt >/dev/null 2>&1
/usr/bin/time -f "%e %M" -o import.time "$CW" --db b.db import people.jsonl >import.out
echo "import: $(cut -d' ' -f1 import.time) s, peak RSS $(($(cut -d' ' -f2 import.time) / 1024)) MB (not part of the target)"
/usr/bin/time -v -o dedup.time "$CW" --db b.db dedup --json --stats >pairs.json 2>dedup.err
cat dedup.err
wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' dedup.time)
rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' dedup.time)
echo "dedup: wall $wall (m:ss), peak RSS $((rss / 1024)) MB"
python3 "$HERE/eval.py" truth.tsv pairs.json
