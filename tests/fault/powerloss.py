#!/usr/bin/env python3
"""tests/fault/powerloss.py: what a power cut could leave on disk.

usage: powerloss.py LOG DIR EXPECTED CASEWATCH KEYFILE

LOG is what tests/fault/faultshim.c recorded (CW_FAULT_LOG) while a run
of casewatch commands worked in DIR, which was empty at the start; the
test wrote "M k" into it after the k-th command returned success.
EXPECTED is a folder holding k.jsonl, the export after command k
("none" when there was no database yet).

The model of a power cut is the strictest POSIX allows: a file's bytes
survive only as they were at its last fsync; a name (a created file, a
rename, a link, an unlink) survives only as the folder was at its last
fsync. Every point right after an fsync is a moment the power could go.
For each distinct state that leaves, the database must open, verify,
and export exactly what it held after the last command that returned
success, or after the one in flight (all or nothing); a backup file that
survives must verify too. POWERLOSS_EVERY=K checks every Kth distinct
state only. Prints one line per state and a summary; exit
status 1 when any state fails."""
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile


def parse(log):
    """Events: (op, args...) with bytes for writes."""
    data = open(log, "rb").read()
    i, ev = 0, []
    while i < len(data):
        j = data.index(b"\n", i)
        line = data[i:j].decode("utf-8", "surrogateescape")
        i = j + 1
        op, rest = line[0], line[2:]
        if op == "W":
            path, off, n = rest.rsplit(" ", 2)
            ev.append(("W", path, int(off), data[i:i + int(n)]))
            i += int(n)
        elif op == "T":
            path, n = rest.rsplit(" ", 1)
            ev.append(("T", path, int(n)))
        elif op in "RL":
            # both paths are absolute and under DIR, which has no spaces
            a, b = rest.split(" ", 1)
            ev.append((op, a, b))
        elif op in "SUC":
            ev.append((op, rest))
        elif op == "M":
            ev.append(("M", int(rest)))
        else:
            raise SystemExit(f"powerloss: bad log line {line!r}")
    return ev


class Disk:
    def __init__(self, folder):
        self.folder = folder
        self.inodes = {}  # id -> [current bytearray, durable bytes]
        self.cur, self.dur = {}, {}  # name -> inode, now and as synced
        self.next = 0

    def _new(self, path):
        self.next += 1
        self.inodes[self.next] = [bytearray(), b""]
        self.cur[path] = self.next
        return self.next

    def _ino(self, path):
        if path.endswith(" (deleted)"):
            return None  # an unlinked file: nothing reaches a name
        return self.cur.get(path) or self._new(path)

    def apply(self, e):
        op = e[0]
        if op == "W":
            ino = self._ino(e[1])
            if ino:
                buf, off, b = self.inodes[ino][0], e[2], e[3]
                if len(buf) < off:
                    buf.extend(b"\0" * (off - len(buf)))
                buf[off:off + len(b)] = b
        elif op == "T":
            ino = self._ino(e[1])
            if ino:
                buf = self.inodes[ino][0]
                del buf[e[2]:]
                buf.extend(b"\0" * (e[2] - len(buf)))
        elif op == "S":
            if e[1] == self.folder:
                self.dur = dict(self.cur)
            else:
                ino = self._ino(e[1])
                if ino:
                    self.inodes[ino][1] = bytes(self.inodes[ino][0])
        elif op == "C":
            self._new(e[1])
        elif op == "R":
            if e[1] in self.cur:
                self.cur[e[2]] = self.cur.pop(e[1])
        elif op == "L":
            if e[1] in self.cur:
                self.cur[e[2]] = self.cur[e[1]]
        elif op == "U":
            self.cur.pop(e[1], None)

    def crash(self):
        """The files a power cut leaves: name -> bytes (no -shm: SQLite
        rebuilds it from the WAL)."""
        out = {}
        for path, ino in self.dur.items():
            name = os.path.basename(path)
            if not name.endswith("-shm"):
                out[name] = self.inodes[ino][1]
        return out


def run(cw, args):
    p = subprocess.run([cw] + args, capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


def export(cw, db, keyfile):
    """(opened with, export) or (None, reason)."""
    for key in (None, keyfile):
        k = ["--key-file", key] if key else []
        rc, _, err = run(cw, ["--db", db] + k + ["verify"])
        if rc == 0:
            rc, out, err = run(cw, ["--db", db] + k + ["export"])
            if rc == 0:
                return key or "-", out
        if "passphrase" not in err:
            return None, err.strip()
    return None, err.strip()


def main():
    log, folder, expected, cw, keyfile = sys.argv[1:6]
    ev = parse(log)
    exp = {}
    for f in os.listdir(expected):
        if f.endswith(".jsonl"):
            exp[int(f[:-6])] = open(os.path.join(expected, f)).read()
    disk = Disk(folder)
    seen, states, bad, marker, sampled = set(), 0, 0, 0, 0
    every = int(os.environ.get("POWERLOSS_EVERY", "1"))
    points = [i for i, e in enumerate(ev) if e[0] == "S"] + [len(ev) - 1]
    scratch = tempfile.mkdtemp(prefix="cwpower.")
    at = -1
    try:
        for p in points:
            while at < p:
                at += 1
                disk.apply(ev[at])
                if ev[at][0] == "M":
                    marker = ev[at][1]
            files = disk.crash()
            h = hashlib.sha256(repr(sorted(files.items())).encode()).hexdigest()
            if (h, marker) in seen:
                continue
            seen.add((h, marker))
            sampled += 1
            if (sampled - 1) % every:
                continue
            states += 1
            d = os.path.join(scratch, str(states))
            os.mkdir(d)
            for name, b in files.items():
                with open(os.path.join(d, name), "wb") as f:
                    f.write(b)
            db = os.path.join(d, "t.db")
            if "t.db" not in files:
                got = "none"
                why = "no database"
            else:
                key, got = export(cw, db, keyfile)
                why = f"opened with {key}" if key else f"unreadable: {got[:200]}"
            ok = got in (exp.get(marker), exp.get(marker + 1))
            if ok and "b.db" in files:
                key, b = export(cw, os.path.join(d, "b.db"), keyfile)
                if not key:
                    ok, why = False, f"b.db survives but does not open: {b[:200]}"
                else:
                    why += ", b.db verifies"
            state = ("after %d" % marker if got == exp.get(marker)
                     else "after %d" % (marker + 1) if got == exp.get(marker + 1)
                     else "neither")
            print(f"{'ok' if ok else 'NOT OK'}: power cut after event {p} "
                  f"(command {marker + 1} in flight): {sorted(files)}, {why}, "
                  f"holds the state {state}")
            if not ok:
                bad += 1
                keep = os.path.join(os.path.dirname(log), f"failed-state-{states}")
                shutil.copytree(d, keep)
            shutil.rmtree(d)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    print(f"powerloss: {len(ev)} events, {len(points)} power cuts, {sampled} distinct "
          f"states, {states} checked, {bad} bad")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
