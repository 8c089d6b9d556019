#!/bin/sh
# demo/run.sh CASEWATCH: build a demo database from the fictional sample
# data in demo/data.jsonl and show what it holds. Everyone in it is
# invented; no fact here is about a real person.
set -eu
CW=${1:-build/casewatch}
DIR=$(cd "$(dirname "$0")" && pwd)
DB=${CASEWATCH_DEMO_DB:-demo.db}

rm -f "$DB" "$DB-wal" "$DB-shm"
# fictional data: a plain file is enough (real data: plain `init` encrypts)
echo "== casewatch init --no-encrypt --db $DB"
"$CW" --db "$DB" init --no-encrypt
echo
echo "== casewatch import demo/data.jsonl"
"$CW" --db "$DB" import "$DIR/data.jsonl"
echo
echo "== importing it again changes nothing"
"$CW" --db "$DB" import "$DIR/data.jsonl"
echo
echo "== casewatch stats"
"$CW" --db "$DB" stats
echo
echo "== casewatch verify"
"$CW" --db "$DB" verify
echo
echo "== casewatch export --public (first lines)"
"$CW" --db "$DB" export --public | head -n 5
if "$CW" help findings >/dev/null 2>&1; then
	echo
	echo "== casewatch findings --provision KZ-CC-405"
	"$CW" --db "$DB" findings --provision KZ-CC-405
	echo
	echo "== the same for publication: casewatch findings --provision KZ-CC-405 --public"
	"$CW" --db "$DB" findings --provision KZ-CC-405 --public
	echo
	echo "== in Russian, with the unsourced case counted: --lang ru --include-unsourced"
	"$CW" --db "$DB" findings --provision KZ-CC-274 --include-unsourced --lang ru
fi
if "$CW" help show >/dev/null 2>&1; then
	echo
	echo "== casewatch show p-aliya"
	"$CW" --db "$DB" show p-aliya
fi

# A spreadsheet from the field lists Әлия Мысалова twice more (surname
# first in capitals, and with an initial) and a namesake born in 1971 in
# Aktobe. dedup finds the two records of her, not the namesake; merging
# them is a human decision, and findings count her once either way.
echo
echo "== casewatch import demo/spreadsheet.jsonl --default-confidentiality internal"
"$CW" --db "$DB" import "$DIR/spreadsheet.jsonl" --default-confidentiality internal
echo
echo "== casewatch dedup"
"$CW" --db "$DB" dedup
echo
echo "== casewatch merge sheet-17 p-aliya; casewatch merge sheet-18 p-aliya"
"$CW" --db "$DB" merge sheet-17 p-aliya
"$CW" --db "$DB" merge sheet-18 p-aliya
echo
echo "== casewatch dedup (after the merges: nothing left to review)"
"$CW" --db "$DB" dedup
echo
echo "== casewatch findings --provision KZ-CC-405 (still 4 people)"
"$CW" --db "$DB" findings --provision KZ-CC-405 | head -n 1
