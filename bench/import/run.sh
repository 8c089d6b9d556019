#!/bin/sh
# bench/import/run.sh CASEWATCH [N_EVENTS]
#
# Generates N_EVENTS (default 1,000,000) fictional events with their
# people and cases, imports them into a new unencrypted and a new
# encrypted database, and prints records/s and peak memory side by side
# with the raw insert ceiling: Debian's sqlite3 shell importing the same
# rows as CSV into one plain table (`.import`), in the same run.
set -eu
CW=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
N=${2:-1000000}
HERE=$(cd "$(dirname "$0")" && pwd)
W=$(mktemp -d "${TMPDIR:-/tmp}/cwbench.XXXXXX")
trap 'rm -rf "$W"' EXIT
cd "$W"

echo "generating $N events with their people and cases..."
python3 "$HERE/gen.py" "$N" --csv rows.csv >data.jsonl
records=$(wc -l <data.jsonl)
echo "$records records, $(du -m data.jsonl | cut -f1) MB of JSON Lines"

now_ms() { date +%s%3N; }
peak_kb() { sed -n 's/.*Maximum resident set size (kbytes): //p' "$1"; }

run_cw() { # run_cw LABEL [key args]
	label=$1
	shift
	rm -f b.db b.db-wal b.db-shm
	"$CW" --db b.db "$@" init $([ $# -eq 0 ] && echo --no-encrypt) >/dev/null
	t0=$(now_ms)
	/usr/bin/time -v "$CW" --db b.db "$@" import data.jsonl >/dev/null 2>time.txt
	t1=$(now_ms)
	ms=$((t1 - t0))
	rate=$((records * 1000 / ms))
	echo "$label: $records records in ${ms} ms = $rate records/s, peak RSS $(($(peak_kb time.txt) / 1024)) MB"
	LAST_RATE=$rate
}

rm -f s.db
t0=$(now_ms)
sqlite3 s.db ".mode csv" ".import rows.csv rows" >/dev/null
t1=$(now_ms)
sms=$((t1 - t0))
srows=$(($(wc -l <rows.csv) - 1))
srate=$((srows * 1000 / sms))
echo "peer: sqlite3 $(sqlite3 --version | cut -d' ' -f1) shell .import: $srows rows in ${sms} ms = $srate rows/s"

run_cw "casewatch, unencrypted"
plain=$LAST_RATE
echo "bench passphrase" >key
run_cw "casewatch, encrypted" --key-file key
enc=$LAST_RATE
python3 -c "print(f'ratio vs sqlite3 .import: unencrypted {$plain/$srate:.2f}x, encrypted {$enc/$srate:.2f}x')"
echo "targets: >= 100000 records/s unencrypted, >= 80000 encrypted, peak RSS < 256 MB"
