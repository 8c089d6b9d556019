#!/bin/sh
# bench/names/run.sh CASEWATCH: name matching quality and speed, side by
# side with a peer: Jaro-Winkler from Debian's python3-jellyfish over
# python3-unidecode transliteration, on the same pairs.
#   sh bench/names/run.sh build/casewatch
# Data: ../shared/data/names (relative to the repository root) and our
# tests/data/names/kazakh_clusters.tsv. casewatch is timed through one
# `name-score --pairs -` process per set (start-up included), the peer
# in-process; each set is repeated REPEAT times (default 20) for timing.
set -e
CW=${1:?usage: bench/names/run.sh path/to/casewatch}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
"$PY" -c 'import jellyfish, unidecode' 2>/dev/null ||
	{ echo "error: python3-jellyfish and python3-unidecode are needed" >&2; exit 1; }
echo "casewatch: $("$CW" version)"
echo "peer: python3-jellyfish $(dpkg-query -W -f='${Version}' python3-jellyfish 2>/dev/null)," \
	"python3-unidecode $(dpkg-query -W -f='${Version}' python3-unidecode 2>/dev/null)"
exec "$PY" "$ROOT/bench/names/eval.py" "$CW" --peer --repeat "${REPEAT:-20}"
