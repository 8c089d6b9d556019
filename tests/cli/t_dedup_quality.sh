#!/bin/sh
# Pairwise precision and recall of `casewatch dedup` at the default
# threshold on a generated realistic set (bench/dedup/gen.py: 4,000
# fictional person records in Kazakh and Russian Cyrillic, several Latin
# romanizations, surname first, typos, initials, homonyms, sparse and
# partial facts). The set scores precision 0.9967, recall 0.8932
# (docs/dedup.md); the floors sit just under.
. "$(dirname "$0")/lib.sh"
command -v python3 >/dev/null || { echo "skip: python3 missing"; exit 77; }
G=$CW_SOURCE_DIR/bench/dedup

python3 "$G/gen.py" 4000 people.jsonl truth.tsv --seed 3
$CW --db q.db init >/dev/null
$CW --db q.db import people.jsonl >/dev/null
$CW --db q.db dedup --json >pairs.json
python3 "$G/eval.py" truth.tsv pairs.json >eval.txt
cat eval.txt
check "precision at least 0.99" python3 -c '
import sys; t = open("eval.txt").read().split()
sys.exit(0 if float(t[t.index("precision") + 1]) >= 0.99 else 1)'
check "recall at least 0.88" python3 -c '
import sys; t = open("eval.txt").read().split()
sys.exit(0 if float(t[t.index("recall") + 1]) >= 0.88 else 1)'
done_testing
