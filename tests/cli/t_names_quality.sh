#!/bin/sh
# tests/cli/t_names_quality.sh: name matching quality on the shared
# evaluation data (../shared/data/names, never copied here) and on our
# Kazakh fixture, with floors just under what the matcher achieves
# (docs/names.md records the numbers). Skips (77) without the data.
CW=${CASEWATCH:-build/casewatch}
SRC=${CW_SOURCE_DIR:-.}
DATA="$SRC/../shared/data/names"
if [ ! -d "$DATA" ]; then
	echo "skipped: ../shared/data/names not found"
	exit 77
fi
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
exec "$PY" "$SRC/bench/names/eval.py" "$CW" --data "$DATA" \
	--min-cross 0.99,0.945 --min-clusters 0.99,0.945 --min-tokens 0.99,0.89 \
	--min-kazakh 0.95,0.98
