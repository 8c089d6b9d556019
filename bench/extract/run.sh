#!/bin/sh
# bench/extract/run.sh CASEWATCH: article extraction throughput and peak
# memory of `casewatch extract --out-dir` over every page in ../shared/data
# (zyte + trafilatura), side by side with Mozilla Readability 0.6 on jsdom
# (pinned in package.json / package-lock.json, installed here with npm ci)
# extracting the same pages in one node process. Prints pages/s, MB/s
# (uncompressed HTML), peak RSS and the throughput ratio.
set -u
if [ $# -ne 1 ]; then
	echo "usage: sh bench/extract/run.sh path/to/casewatch" >&2
	exit 2
fi
CW=$1
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
data=$root/../shared/data
[ -d "$data/zyte/html" ] && [ -d "$data/trafilatura/html" ] || {
	echo "bench: $data not found" >&2
	exit 1
}
[ -x /usr/bin/time ] || { echo "bench: /usr/bin/time (GNU time) needed" >&2; exit 1; }
if [ ! -d "$here/node_modules/@mozilla/readability" ] || [ ! -d "$here/node_modules/jsdom" ]; then
	(cd "$here" && npm ci --no-audit --no-fund >/dev/null) || {
		echo "bench: npm ci failed" >&2
		exit 1
	}
fi
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

# The pages (names may hold spaces: keep them as arguments), and their
# size as uncompressed HTML.
set -- "$data"/zyte/html/* "$data"/trafilatura/html/*
pages=$#
bytes=$(gzip -dcf "$@" | wc -c)

# run NAME CMD...: elapsed seconds and peak RSS (KB) into $T/NAME.time
run() {
	name=$1
	shift
	/usr/bin/time -v -o "$T/$name.time" "$@" >/dev/null 2>"$T/$name.err"
	rc=$?
	if [ $rc -ne 0 ]; then echo "bench: $name exited $rc" >&2; tail -5 "$T/$name.err" >&2; fi
}
secs() { sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$T/$1.time" |
	awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }'; }
rss() { sed -n 's/.*Maximum resident set size (kbytes): //p' "$T/$1.time"; }

# Both tools take every page in one process.
run casewatch "$CW" extract --out-dir "$T/cw" "$@"
run readability node "$here/readability.js" "$T/rd" "$@"

cw_s=$(secs casewatch)
rd_s=$(secs readability)
awk -v p="$pages" -v b="$bytes" -v cs="$cw_s" -v rs="$rd_s" -v cm="$(rss casewatch)" \
	-v rm="$(rss readability)" 'BEGIN {
	mb = b / 1048576
	printf "pages: %d (%.1f MB of HTML)\n", p, mb
	printf "%-22s %8s %9s %8s %12s\n", "", "seconds", "pages/s", "MB/s", "peak RSS MB"
	printf "%-22s %8.2f %9.1f %8.2f %12.1f\n", "casewatch extract", cs, p / cs, mb / cs, cm / 1024
	printf "%-22s %8.2f %9.1f %8.2f %12.1f\n", "readability 0.6+jsdom", rs, p / rs, mb / rs, rm / 1024
	printf "throughput ratio (casewatch / readability): %.1fx\n", rs / cs
}'
