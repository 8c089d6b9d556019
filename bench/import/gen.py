#!/usr/bin/env python3
"""Generate fictional interchange-format data: N events with their people
and cases: one case per 6 events (detained, charged, hearings, verdict,
sentence, appeal) and one person per 10 events (some people are
prosecuted more than once). As in real registers and in casewatch's own
exports, a case's events are listed together.

usage: gen.py N_EVENTS [--csv OUT.csv] > data.jsonl
--csv also writes the same rows flattened as one CSV table (for the
sqlite3 shell's .import baseline of bench/import)."""
import json
import random
import sys

KINDS = ["detained", "searched", "questioned", "charged", "hearing", "convicted",
         "sentenced", "released", "appeal_rejected"]
REGIONS = ["Almaty", "Astana", "Aktobe", "Shymkent", "Atyrau", "Oral", "Taraz"]
FIRST = ["Asqar", "Aliya", "Nurlan", "Dana", "Ruslan", "Gulnar", "Erlan", "Madina"]
LAST = ["Testbek", "Mysalova", "Exampleov", "Obraztsova", "Primerov", "Sample"]


def main():
    n = int(sys.argv[1])
    csv = open(sys.argv[3], "w") if len(sys.argv) > 3 and sys.argv[2] == "--csv" else None
    rnd = random.Random(42)
    out = sys.stdout
    w = out.write
    w(json.dumps({"type": "provision", "id": "KZ-CC-405", "jurisdiction": "KZ",
                  "code": "Criminal Code", "article": "405"}) + "\n")
    w(json.dumps({"type": "source", "id": "s-bench", "kind": "media",
                  "title": "Generated source", "published": "2020"}) + "\n")
    npeople = max(1, n // 10)
    ncases = max(1, n // 6)
    if csv:
        csv.write("type,id,ref,kind,date,name,region\n")
    for i in range(npeople):
        name = f"{rnd.choice(FIRST)} {rnd.choice(LAST)} {i}"
        region = rnd.choice(REGIONS)
        w(json.dumps({"type": "person", "id": f"p{i}", "names": [name],
                      "born": str(1950 + i % 50), "region": region},
                     ensure_ascii=False) + "\n")
        if csv:
            csv.write(f"person,p{i},,,{1950 + i % 50},{name},{region}\n")
    for i in range(ncases):
        w(json.dumps({"type": "case", "id": f"c{i}", "person": f"p{i * npeople // ncases}",
                      "charges": ["KZ-CC-405-2"], "sources": ["s-bench"]}) + "\n")
        if csv:
            csv.write(f"case,c{i},p{i * npeople // ncases},,,,\n")
    for i in range(n):
        y = 2015 + rnd.randrange(10)
        m = 1 + rnd.randrange(12)
        date = f"{y}-{m:02d}" if i % 3 else f"{y}-{m:02d}-{1 + rnd.randrange(28):02d}"
        kind = rnd.choice(KINDS)
        w(json.dumps({"type": "event", "id": f"e{i}", "case": f"c{i * ncases // n}",
                      "kind": kind, "date": date, "sources": ["s-bench"]}) + "\n")
        if csv:
            csv.write(f"event,e{i},c{i * ncases // n},{kind},{date},,\n")


if __name__ == "__main__":
    main()
