#!/usr/bin/env python3
"""Time queries for bench/search: each query is one `casewatch search`
process (what a user waits for: start, open, search, print), and the
same query on the peer, Debian's sqlite3 shell over a plain FTS5 table
(unicode61) of the same titles and texts, also one process per query.

usage: query.py CASEWATCH DB PEER_DB QUERIES"""
import statistics
import subprocess
import sys
import time


def peer_expr(q):
    """The query in FTS5 syntax: quoted words (AND), phrases, prefixes."""
    out, i = [], 0
    while i < len(q):
        if q[i].isspace():
            i += 1
            continue
        if q[i] == '"':
            j = q.find('"', i + 1)
            j = len(q) if j < 0 else j
            term, i = q[i + 1:j], j + 1
            pre = i < len(q) and q[i] == "*"
        else:
            j = i
            while j < len(q) and not q[j].isspace():
                j += 1
            term, i = q[i:j], j
            pre = term.endswith("*")
            term = term.rstrip("*")
        if any(c.isalnum() for c in term):
            out.append('"' + term.replace('"', '""') + '"' + (" *" if pre else ""))
    return " AND ".join(out)


def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


def main():
    cw, db, peer, qfile = sys.argv[1:5]
    queries = [l.rstrip("\n") for l in open(qfile, encoding="utf-8") if l.strip()]
    ours, theirs, hits = [], [], 0
    for q in queries:
        t0 = time.perf_counter()
        r = subprocess.run([cw, "--db", db, "search", "--limit", "20", "--", q],
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        ours.append((time.perf_counter() - t0) * 1000)
        hits += r.stdout.count(b"\n    ") > 0
        sql = ("SELECT rowid, title, snippet(p, 1, '**', '**', '…', 16) FROM p"
               " WHERE p MATCH '%s' ORDER BY rank LIMIT 20"
               % peer_expr(q).replace("'", "''"))
        t0 = time.perf_counter()
        subprocess.run(["sqlite3", peer, sql], stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        theirs.append((time.perf_counter() - t0) * 1000)
    for label, xs in (("casewatch search", ours), ("peer: sqlite3 shell, plain FTS5", theirs)):
        print(f"{label}: {len(xs)} queries, p50 {pct(xs, 50):.1f} ms, "
              f"p99 {pct(xs, 99):.1f} ms, max {max(xs):.1f} ms, mean {statistics.mean(xs):.1f} ms")
    print(f"queries with results: {hits}/{len(queries)}")
    print(f"ratio p50 casewatch/peer: {pct(ours, 50) / pct(theirs, 50):.2f}x, "
          f"p99: {pct(ours, 99) / pct(theirs, 99):.2f}x")
    print(f"target: casewatch p99 under 20 ms: {'met' if pct(ours, 99) < 20 else 'NOT met'}")


if __name__ == "__main__":
    main()
