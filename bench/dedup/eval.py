#!/usr/bin/env python3
"""bench/dedup/eval.py: pairwise precision and recall of `casewatch dedup
--json` output against the generator's truth.

    eval.py TRUTH.tsv DEDUP.json

A predicted pair is right when both records belong to one person; recall
counts every pair of records of one person, also pairs blocking never
proposed. Prints: pairs, true pairs, predicted, correct, precision, recall."""
import json
import sys
from collections import Counter

truth = {}
for line in open(sys.argv[1]):
    rid, h = line.rstrip("\n").split("\t")
    truth[rid] = h
sizes = Counter(truth.values())
true_pairs = sum(k * (k - 1) // 2 for k in sizes.values())
pred = json.load(open(sys.argv[2]))
correct = sum(1 for p in pred if truth.get(p["a"]) is not None and truth.get(p["a"]) == truth.get(p["b"]))
precision = correct / len(pred) if pred else 1.0
recall = correct / true_pairs if true_pairs else 1.0
print("records %d  true pairs %d  predicted %d  correct %d  precision %.4f  recall %.4f"
      % (len(truth), true_pairs, len(pred), correct, precision, recall))
