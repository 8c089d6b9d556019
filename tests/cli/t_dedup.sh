#!/bin/sh
# casewatch dedup, merge and unmerge on tests/data/dedup/people.jsonl: one
# fictional activist recorded five times (Kazakh and Russian Cyrillic,
# English-style and Kazakh-style Latin, surname first), Rittman/Rittmann,
# a Cyrillic/Latin pair with a patronymic and the words in another order,
# and homonyms that must stay apart (another birth date, another sex,
# male/female surname forms).
. "$(dirname "$0")/lib.sh"
F=$DATA/dedup/people.jsonl

$CW --db t.db init --no-encrypt >/dev/null
$CW --db t.db import "$F" >/dev/null

# pairs PYTHON-EXPR: evaluate against the dedup --json output in got.json
pairs_ok() {
	python3 - "$1" got.json <<'PY'
import json, sys
want = json.loads(sys.argv[1])
got = json.load(open(sys.argv[2]))
ok = isinstance(got, list) and all(list(p) == ["a", "b", "score", "reasons"] for p in got)
ok = ok and all(isinstance(p["score"], float) and 0 <= p["score"] <= 1 for p in got)
ok = ok and all(isinstance(p["reasons"], list) and p["reasons"] for p in got)
ok = ok and [p["score"] for p in got] == sorted((p["score"] for p in got), reverse=True)
found = {frozenset((p["a"], p["b"])) for p in got}
ok = ok and {frozenset(x) for x in want} == found
if not ok:
    print("got:", sorted(tuple(sorted(f)) for f in found), file=sys.stderr)
sys.exit(0 if ok else 1)
PY
}

# The expected duplicates, worked out by hand. d-asqar-en ~ d-qaiyrbek-sheet
# does not score by itself: neither has a birth date or region the other
# shares, and the name also belongs to d-askar-homonym (born 1994), so the
# name alone cannot decide it (0.75). Both match the other records of the
# activist well, though, so it is listed through them (docs/dedup.md
# "Groups"); with --direct it is not.
WANT_DIRECT='[["d-asqar-kk","d-askar-ru"],["d-asqar-kk","d-asqar-en"],["d-asqar-kk","d-askar-en"],
 ["d-asqar-kk","d-qaiyrbek-sheet"],["d-askar-ru","d-asqar-en"],["d-askar-ru","d-askar-en"],
 ["d-askar-ru","d-qaiyrbek-sheet"],["d-asqar-en","d-askar-en"],["d-askar-en","d-qaiyrbek-sheet"],
 ["d-rittman","d-rittmann"],["d-nurzhan-1","d-nurzhan-2"],["d-yerlan-1","d-yerlan-2"]]'
WANT=$(echo "$WANT_DIRECT" | sed 's/]]$/],["d-asqar-en","d-qaiyrbek-sheet"]]/')
$CW --db t.db dedup --json >got.json
check "dedup finds the duplicates across scripts, romanizations, order, typos; not the homonyms" \
	pairs_ok "$WANT"
check "the pair found through the group says through which record, and its own score" \
	python3 -c '
import json, sys
p = [p for p in json.load(open("got.json")) if {p["a"], p["b"]} == {"d-asqar-en", "d-qaiyrbek-sheet"}][0]
r = p["reasons"][0]
sys.exit(0 if r.startswith("linked through '"'"'d-") and "by itself 0.75" in r and p["score"] >= 0.8 else 1)'
$CW --db t.db dedup --json --direct >got.json
check "--direct lists only pairs that score by themselves" pairs_ok "$WANT_DIRECT"
$CW --db t.db dedup --json >got.json
$CW --db t.db dedup --json --threshold 0 >all.json
check "homonyms with another birth date or sex score low" python3 -c '
import json, sys
low = {("d-askar-en", "d-askar-homonym"), ("d-asqar-kk", "d-askar-homonym"),
       ("d-sasha-f", "d-sasha-m"), ("d-utepov", "d-utepova")}
got = {tuple(sorted((p["a"], p["b"]))): p["score"] for p in json.load(open("all.json"))}
sys.exit(0 if all(got.get(k, 0) < 0.5 for k in low) else 1)'
check "reasons name the evidence" grep -q '"shared case numbers: 1"' got.json
$CW --db t.db dedup >text.out
check "text output: one line a pair, score first" \
	sh -c 'test "$(wc -l <text.out)" = 13 && head -1 text.out | grep -Eq "^1\.00	d-"'
$CW --db t.db dedup --public --json >pub.json
check "a confidential person is not listed at public clearance" sh -c '! grep -q d-hidden pub.json'
check "an internal source is not counted at public clearance" sh -c \
	'! grep -q "d-qaiyrbek-sheet.*shared sources" pub.json'
expect_fail "a bad threshold is a usage error" 2 "threshold" $CW --db t.db dedup --threshold 2

# merge, findings, unmerge
$CW --db t.db export >before.jsonl
persons() { $CW --db t.db findings --provision KZ-CC-405 --json |
	python3 -c 'import json,sys; print(json.load(sys.stdin)["persons"])'; }
check "findings count two people before the merge" test "$(persons)" = 2
check "merge" $CW --db t.db merge d-askar-ru d-asqar-kk
check "findings count a merged person once" test "$(persons)" = 1
check "the merged record says so" sh -c \
	"$CW --db t.db export | grep '\"id\":\"d-askar-ru\"' | grep -q '\"merged_into\":\"d-asqar-kk\"'"
$CW --db t.db dedup --json >got.json
check "dedup compares a merged person as part of its target" python3 -c '
import json, sys
got = json.load(open("got.json"))
ids = {x for p in got for x in (p["a"], p["b"])}
sys.exit(0 if "d-askar-ru" not in ids and "d-asqar-kk" in ids else 1)'
expect_fail "merging into a merged person is refused" 1 "itself merged into 'd-asqar-kk'" \
	$CW --db t.db merge d-askar-en d-askar-ru
expect_fail "a cycle is refused" 1 "cycle" $CW --db t.db merge d-asqar-kk d-askar-ru
expect_fail "merging twice is refused" 1 "already merged" \
	$CW --db t.db merge d-askar-ru d-askar-en
expect_fail "a nonexistent id is not found" 1 "'d-nobody' not found" \
	$CW --db t.db merge d-nobody d-asqar-kk
expect_fail "a hidden id is not found" 1 "'d-hidden' not found" \
	$CW --db t.db merge --public d-hidden d-askar-en
expect_fail "merging a non-person is refused" 1 "is a organization, not a person|not a person" \
	$CW --db t.db merge o-bzk d-asqar-kk
expect_fail "merging into itself is refused" 1 "into itself" \
	$CW --db t.db merge d-rittman d-rittman
expect_fail "unmerging what is not merged is refused" 1 "not merged into" \
	$CW --db t.db unmerge d-rittman d-rittmann
expect_fail "merge needs two ids" 2 "two person ids" $CW --db t.db merge d-rittman
check "unmerge" $CW --db t.db unmerge d-askar-ru d-asqar-kk
$CW --db t.db export >after.jsonl
check "unmerge restores both exactly (export before merge = after unmerge)" \
	cmp -s before.jsonl after.jsonl
check "findings count two people again" test "$(persons)" = 2

# audit: one entry each, naming records only as r:RID
$CW --db t.db audit --json >audit.json
check "merge and unmerge are audited with opaque targets" python3 -c '
import json, sys
a = json.load(open("audit.json"))
m = [e for e in a if e["action"] in ("merge", "unmerge")]
ok = [e["action"] for e in m] == ["merge", "unmerge"]
ok = ok and all(e["target"].startswith("r:") for e in m)
ok = ok and list(m[0]["detail"]) == ["into"] and list(m[1]["detail"]) == ["from"]
ok = ok and all(v.startswith("r:") for e in m for v in e["detail"].values())
sys.exit(0 if ok else 1)'
check "the audit log holds no ids or names" sh -c '! grep -Eq "d-ask|d-asq|Askar|Асқар" audit.json'
check "the database verifies" $CW --db t.db verify

# the name keys are rebuilt at open when their version is not this one's
# (an older casewatch's keys, or none): drop them and stamp an old version
python3 -c '
import sqlite3, sys
c = sqlite3.connect("t.db")
c.execute("DELETE FROM name_key")
c.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (\"name_key_version\", \"0\")")
c.commit()'
$CW --db t.db dedup --json --threshold 0 >rebuilt.json
check "name keys of another version are rebuilt at open" cmp -s rebuilt.json all.json
check "the rebuild stamps the current version" python3 -c '
import sqlite3, sys
c = sqlite3.connect("t.db")
v = c.execute("SELECT value FROM meta WHERE key=\"name_key_version\"").fetchone()[0]
n = c.execute("SELECT count(*) FROM name_key WHERE key LIKE v || \":%\"".replace("v ||", "? ||"), (v,)).fetchone()[0]
sys.exit(0 if v != "0" and n > 0 else 1)'

# One activist recorded 60 times under one name, in two scripts, a third
# of the records with a birth year and a quarter with a region: the name's
# blocks are over --max-block (50), yet every pair is listed (sorted
# neighbourhood in the block, then the group). A block of 60 namesakes
# born in different years lists none of their pairs.
python3 -c '
import json
for i in range(60):
    r = {"type": "person", "id": "big%02d" % i,
         "names": ["Асқар Қайырбек" if i % 2 else "Askar Kaiyrbek"]}
    if i % 3 == 0: r["born"] = "1979"
    if i % 4 == 0: r["region"] = "Almaty"
    print(json.dumps(r, ensure_ascii=False))
for i in range(60):
    print(json.dumps({"type": "person", "id": "ns%02d" % i, "names": ["Nurlan Akhmetov"],
                      "born": str(1940 + i), "sex": "m"}))' >big.jsonl
$CW --db big.db init --no-encrypt >/dev/null
$CW --db big.db import big.jsonl >/dev/null
$CW --db big.db dedup --json >big.json
check "a person recorded 60 times under one name: all 1,770 pairs" python3 -c '
import json, sys
got = json.load(open("big.json"))
big = [p for p in got if p["a"].startswith("big") and p["b"].startswith("big")]
ns = [p for p in got if p["a"].startswith("ns") or p["b"].startswith("ns")]
sys.exit(0 if len(big) == 1770 and not ns else 1)'

# What the database itself says about names and dates.
python3 -c '
import json
def p(i, names, **kw):
    print(json.dumps(dict(type="person", id=i, names=names, **kw), ensure_ascii=False))
# one man whose birth year sources give as 1978, 1979 and 1980 (an age
# turned into a year, a digit miswritten) is one holder of his name: a
# record without facts pairs with him
p("vs-78", ["Vasiliy Simonov"], born="1978", sex="m")
p("vs-79", ["Василий Симонов"], born="1979-11-09", sex="m")
p("vs-80", ["Simonov Vasilii"], born="1980")
p("vs-none", ["Василий Симонов"])
# two people whose initials are alike: the full names decide
p("da-1", ["Aitqali Dauletbergenov", "A. Dauletbergenov"])
p("da-2", ["Асқар Дәулетбергенов", "Dauletbergenov A."])
# "Фролов А." could be Anatoliy or Aleksandr, but this record also
# writes the name out, so it is not a name of two people
p("fr-1", ["Anatoliy Frolov", "Фролов А.С."])
p("fr-2", ["Анатолий Фролов"])
p("fr-other", ["Aleksandr Frolov"], born="1960")
# Бисенов and Бейсенов are both borne by several people: two surnames,
# not a typo; a spelling nobody else has (Бейснов) is a typo
for i, g in enumerate(["Ерлан", "Марат", "Нурлан"]):
    p("bi-%d" % i, ["Бисенов " + g], born=str(1950 + 10 * i))
    p("be-%d" % i, ["Бейсенов " + g], born=str(1951 + 10 * i))
p("bi-b", ["Бисенов Бауыржан"])
p("be-b", ["Бейсенов Бауыржан"])
p("be-typo", ["Бауыржан Бейснов"])
# full dates of one day and month, years one digit apart: a typo
p("rk-1", ["Ренат Калиакынов"], born="1976-10-14", region="Almaty")
p("rk-2", ["Renat Kaliakynov"], born="1986-10-14", region="г. Алматы")
p("rk-3", ["Ренат Калиакынов"], born="1986-10-14")
p("rk-4", ["Renat Kaliakynov"], born="1987")  # an age turned into a year
p("rk-none", ["Ренат Калиакынов"])  # so the name has one holder, not two
# one record giving the other sex among several is a mistyped sex, not a
# second holder of the name; two records of each sex are two people
p("vg-1", ["Vadim Grachev"], sex="m", region="Shymkent")
p("vg-2", ["Вадим Грачёв"], sex="m")
p("vg-3", ["Грачев Вадим Федорович"], sex="m", born="1974")
p("vg-f", ["Vadim Grachyov"], sex="f")
p("vg-none", ["Vadim Grachev"])
p("ab-m1", ["Жанар Асылбай"], sex="m", born="1980")
p("ab-m2", ["Zhanar Asylbai"], sex="m")
p("ab-f1", ["Жанар Асылбай"], sex="f", born="1981")
p("ab-f2", ["Zhanar Asylbai"], sex="f")
p("ab-none", ["Жанар Асылбай"])
# a surname alone, or with one initial, fits too many people to pair
# without a second fact; with the initial of a patronymic it says enough
p("sh-full", ["Кайрат Шалханов", "К. Шалханов"], born="1984-08-12")
p("sh-alone", ["Шалханов"])
p("sh-alone-born", ["Shalkhanov"], born="1984-08-12")
p("sh-ini", ["K. Shalkhanov"])
p("sh-other", ["Куаныш Шалханов"], born="1950")  # so K. is not only Kairat
p("dq-1", ["Dosqulov N.N."], region="Almaty")
p("dq-2", ["ДОСКУЛОВ Н.Н."], region="Almaty city")
# names that agree in part because one is misspelt (Улаонва: nobody else
# is called that) pass with the same region as second fact; not without
# it, and not when both spellings are names several people bear
p("nu-1", ["Назерке Уланова"], region="Karaganda")
p("nu-typo", ["Назерке Улаонва"], region="Карагандинская область")
p("nu-typo-2", ["Nazerke Ulaonva"])
for i, g in enumerate(["Айгерим", "Дана", "Жанар"]):
    p("nu-u%d" % i, ["%s Уланова" % g], born=str(1950 + i))
    p("nu-k%d" % i, ["%s Куланова" % g], born=str(1960 + i))
p("nu-k", ["Назерке Куланова"], region="Karaganda")
# regions written as abbreviations or in another language are one region
p("zk-1", ["Магжан Куатгали"], region="ЗКО", born="1990")
p("zk-2", ["Magzhan Kuatgali"], region="West Kazakhstan", born="1990")
' >facts.jsonl
$CW --db facts.db init --no-encrypt >/dev/null
$CW --db facts.db import facts.jsonl >/dev/null
$CW --db facts.db dedup --json --threshold 0 >facts.json
# listed PAIR...: each pair scores at or above 0.80; not PAIR: below
scores() {
	python3 - "$@" <<'PY'
import json, sys
got = {frozenset((p["a"], p["b"])): p for p in json.load(open("facts.json"))}
ok = True
want = True
for arg in sys.argv[1:]:
    if arg == "not":
        want = False
        continue
    a, b = arg.split("~")
    p = got.get(frozenset((a, b)))
    s = p["score"] if p else 0
    if (s >= 0.8) != want:
        print("%s: %.4f %s" % (arg, s, p["reasons"] if p else ""), file=sys.stderr)
        ok = False
sys.exit(0 if ok else 1)
PY
}
check "birth years 1978-1980 are one holder: a record without facts pairs" \
	scores vs-none~vs-79 vs-none~vs-78
check "initials alike, full names different: not a pair" scores not da-1~da-2
check "an ambiguous initial beside a written-out name: the full name decides" \
	scores fr-1~fr-2 not fr-other~fr-1 fr-other~fr-2
check "two common spellings are two surnames; a rare one is a typo" \
	scores be-b~be-typo not bi-b~be-b
check "the reason names both spellings" python3 -c '
import json, sys
p = [p for p in json.load(open("facts.json")) if {p["a"], p["b"]} == {"bi-b", "be-b"}][0]
sys.exit(0 if any("both common spellings" in r and "bisenov" in r and "beisenov" in r
                  for r in p["reasons"]) else 1)'
check "full dates of one day, years one digit apart: one person" \
	scores rk-1~rk-2 rk-none~rk-1 rk-none~rk-2 rk-none~rk-3 rk-none~rk-4
check "one record of the other sex against three: a typo, not a namesake" \
	scores vg-none~vg-1 vg-none~vg-3 not vg-f~vg-1
check "two records of each sex: two people, a record without facts pairs with neither" \
	scores not ab-none~ab-m1 ab-none~ab-f1 ab-none~ab-m2 ab-none~ab-f2
check "a misspelt name in the same region pairs; not elsewhere, nor two common names" \
	scores nu-1~nu-typo not nu-1~nu-typo-2 nu-1~nu-k
check "the reason names the misspelling" python3 -c '
import json, sys
p = [p for p in json.load(open("facts.json")) if {p["a"], p["b"]} == {"nu-1", "nu-typo"}][0]
sys.exit(0 if any("is a spelling nobody else has" in r for r in p["reasons"]) else 1)'
check "a surname alone or with one initial needs a second fact" \
	scores sh-full~sh-alone-born dq-1~dq-2 not sh-full~sh-alone sh-full~sh-ini sh-alone~sh-ini
check "ЗКО is West Kazakhstan" python3 -c '
import json, sys
p = [p for p in json.load(open("facts.json")) if {p["a"], p["b"]} == {"zk-1", "zk-2"}][0]
sys.exit(0 if any(r.startswith("same region") for r in p["reasons"]) else 1)'

done_testing
