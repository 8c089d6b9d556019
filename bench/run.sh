#!/bin/sh
# bench/run.sh CASEWATCH: run every benchmark, each printing its ratio
# against a named peer run in the same command. Slow (minutes): this is
# `make bench`, never part of `make check`.
set -eu
CW=${1:-build/casewatch}
HERE=$(cd "$(dirname "$0")" && pwd)
for b in import extract names search dedup; do
	if [ -f "$HERE/$b/run.sh" ]; then
		echo "== bench/$b"
		sh "$HERE/$b/run.sh" "$CW"
		echo
	fi
done
