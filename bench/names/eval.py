#!/usr/bin/python3
"""bench/names/eval.py: quality of casewatch's name matching on evaluation
data (../shared/data/names by default) and on our own Kazakh fixture.

usage: eval.py CASEWATCH [--data DIR] [--min-cross P,R] [--min-clusters P,R]
               [--min-kazakh P,R] [--peer]

Builds the evaluation pairs (see docs/names.md), scores them all with ONE
`casewatch name-score --pairs -` run, and prints precision and recall at the
default threshold. With --peer it also scores them with Jaro-Winkler from
python3-jellyfish over python3-unidecode (for bench/names/run.sh).
Exit 1 when a --min floor is not met, 77 when the data is absent."""
import itertools
import json
import os
import random
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def tokens(name):
    from unidecode import unidecode
    s = unidecode(name).lower()
    return {t for t in "".join(c if c.isalnum() else " " for c in s).split() if len(t) > 1}


def cross_pairs(data):
    out = []
    with open(os.path.join(data, "pairs_cross_script.tsv"), encoding="utf-8") as f:
        next(f)
        for line in f:
            lab, cyr, lat = line.rstrip("\n").split("\t")[:3]
            out.append((cyr, lat, int(lab)))
    return out


def token_pairs(data, seed=2):
    """en_ru_name_tokens.tsv, dev split: each Latin token against its
    Cyrillic token (positive) and against a random other row's Cyrillic
    token (negative)."""
    rows = []
    with open(os.path.join(data, "en_ru_name_tokens.tsv"), encoding="utf-8") as f:
        next(f)
        for line in f:
            split, lat, cyr = line.rstrip("\n").split("\t")[:3]
            if split == "dev":
                rows.append((lat, cyr))
    rnd = random.Random(seed)
    out = [(c, l, 1) for l, c in rows]
    for l, c in rows:
        o = rows[rnd.randrange(len(rows))][1]
        if o != c:
            out.append((o, l, 0))
    return out


def cluster_pairs(clusters, seed=1):
    """clusters: list of name lists. Positives: all pairs within a cluster.
    Negatives: every cross-cluster pair sharing a token after unidecode
    (hard negatives), plus as many random cross-cluster pairs again."""
    pos, hard, rest = [], [], []
    for names in clusters:
        for a, b in itertools.combinations(sorted(set(names)), 2):
            pos.append((a, b, 1))
    index = {}
    allnames = []
    for ci, names in enumerate(clusters):
        for n in sorted(set(names)):
            allnames.append((ci, n))
            for t in tokens(n):
                index.setdefault(t, []).append(len(allnames) - 1)
    seen = set()
    for ids in index.values():
        for i, j in itertools.combinations(ids, 2):
            if allnames[i][0] != allnames[j][0] and (i, j) not in seen:
                seen.add((i, j))
                hard.append((allnames[i][1], allnames[j][1], 0))
    rnd = random.Random(seed)
    want = len(hard) + len(pos)
    tries = 0
    while len(rest) < want and tries < 50 * want:
        tries += 1
        i, j = rnd.randrange(len(allnames)), rnd.randrange(len(allnames))
        if i > j:
            i, j = j, i
        if allnames[i][0] != allnames[j][0] and (i, j) not in seen:
            seen.add((i, j))
            rest.append((allnames[i][1], allnames[j][1], 0))
    return pos + hard + rest, len(hard)


def shared_clusters(data):
    out = []
    with open(os.path.join(data, "name_clusters.jsonl"), encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            names = [n for n in d["names"] if d["scripts"].get(n) in ("latin", "cyrillic")]
            if names:
                out.append(names)
    return out


def kazakh_clusters():
    path = os.path.join(ROOT, "tests", "data", "names", "kazakh_clusters.tsv")
    cl = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip() or line.startswith("#"):
                continue
            cid, name = line.rstrip("\n").split("\t")[:2]
            cl.setdefault(cid, []).append(name)
    return list(cl.values())


def score_casewatch(binary, pairs, repeat=1):
    inp = "".join(f"{a}\t{b}\n" for a, b, _ in pairs * repeat).encode()
    t0 = time.perf_counter()
    r = subprocess.run([binary, "name-score", "--pairs", "-"], input=inp,
                       capture_output=True, check=False)
    dt = time.perf_counter() - t0
    if r.returncode != 0:
        sys.exit("casewatch failed: " + r.stderr.decode())
    res = [l.split("\t")[1] == "same" for l in r.stdout.decode().splitlines()]
    assert len(res) == len(pairs) * repeat
    return res[:len(pairs)], dt / repeat


def peer_scores(pairs, repeat=1):
    """Jaro-Winkler (python3-jellyfish) over unidecode transliteration,
    lowercased, words sorted (so word order does not count against it)."""
    import warnings
    warnings.simplefilter("ignore")
    import jellyfish
    from unidecode import unidecode
    t0 = time.perf_counter()
    for _ in range(repeat):
        res = []
        for a, b, _ in pairs:
            x = " ".join(sorted(unidecode(a).lower().replace(",", " ").split()))
            y = " ".join(sorted(unidecode(b).lower().replace(",", " ").split()))
            res.append(jellyfish.jaro_winkler_similarity(x, y))
    return res, (time.perf_counter() - t0) / repeat


def best_threshold(pairs, scores):
    """The peer's threshold: best F1 on this set (generous to the peer)."""
    best = (-1, 0.9)
    for i in range(60, 100):
        t = i / 100
        res = [s >= t for s in scores]
        p, r = pr(pairs, res)
        f = 2 * p * r / (p + r) if p + r else 0
        if f > best[0]:
            best = (f, t)
    return best[1]


def pr(pairs, res):
    tp = sum(1 for (_, _, l), s in zip(pairs, res) if l and s)
    fp = sum(1 for (_, _, l), s in zip(pairs, res) if not l and s)
    fn = sum(1 for (_, _, l), s in zip(pairs, res) if l and not s)
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r


def main():
    args = sys.argv[1:]
    if not args:
        sys.exit(__doc__)
    binary = args.pop(0)
    data = os.path.join(ROOT, "..", "shared", "data", "names")
    floors = {}
    peer = False
    repeat = 1
    show_errors = False
    while args:
        a = args.pop(0)
        if a == "--data":
            data = args.pop(0)
        elif a.startswith("--min-"):
            floors[a[6:]] = tuple(float(x) for x in args.pop(0).split(","))
        elif a == "--peer":
            peer = True
        elif a == "--repeat":
            repeat = int(args.pop(0))
        elif a == "--errors":
            show_errors = True
        else:
            sys.exit("unknown argument " + a)
    sets = []
    if os.path.isdir(data):
        sets.append(("cross", "pairs_cross_script.tsv (cyrillic-latin)", cross_pairs(data)))
        sets.append(("tokens", "en_ru_name_tokens.tsv dev split (one word each)", token_pairs(data)))
        cp, nh = cluster_pairs(shared_clusters(data))
        sets.append(("clusters", f"name_clusters.jsonl latin+cyrillic ({nh} hard negatives)", cp))
    elif "cross" in floors or "clusters" in floors:
        print("skipped: ../shared/data/names not found")
        sys.exit(77)
    kp, nh = cluster_pairs(kazakh_clusters())
    sets.append(("kazakh", f"tests/data/names/kazakh_clusters.tsv ({nh} hard negatives)", kp))

    failed = False
    peer_t = None
    hdr = f"{'set':9} {'pairs':>6} {'pos':>5}  {'P':>6} {'R':>6} {'pairs/s':>9}"
    if peer:
        hdr += f"  | {'peer P':>6} {'peer R':>6} {'pairs/s':>9}  speed ratio"
    print(hdr)
    for key, desc, pairs in sets:
        res, dt = score_casewatch(binary, pairs, repeat)
        p, r = pr(pairs, res)
        line = f"{key:9} {len(pairs):6d} {sum(l for *_, l in pairs):5d}  {p:6.3f} {r:6.3f} {len(pairs) / dt:9.0f}"
        if peer:
            psc, pdt = peer_scores(pairs, repeat)
            if peer_t is None:
                peer_t = best_threshold(pairs, psc)
            pp, prr = pr(pairs, [x >= peer_t for x in psc])
            line += f"  | {pp:6.3f} {prr:6.3f} {len(pairs) / pdt:9.0f}  {pdt / dt:6.2f}x"
        print(line + "   " + desc)
        if show_errors:
            for (a, b, l), s in zip(pairs, res):
                if bool(l) != s:
                    print(f"   {'FN' if l else 'FP'}\t{a}\t{b}")
        if key in floors:
            fp_, fr_ = floors[key]
            if p < fp_ or r < fr_:
                print(f"FAIL: {key}: precision {p:.3f} (floor {fp_}) recall {r:.3f} (floor {fr_})")
                failed = True
    if peer:
        print(f"peer: Jaro-Winkler >= {peer_t:.2f} (its best F1 on the first set); "
              "speed ratio = casewatch pairs/s over peer pairs/s")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
