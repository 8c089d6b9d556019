#!/bin/sh
# casewatch findings on the demo data and the findings fixtures. The
# expected numbers were worked out by hand from demo/data.jsonl (see
# docs/findings.md for the worked example); JSON is compared exactly.
. "$(dirname "$0")/lib.sh"
D=$DATA/findings

$CW --db t.db init --no-encrypt >/dev/null
$CW --db t.db import "$CW_SOURCE_DIR/demo/data.jsonl" >/dev/null

# same_json DESCRIPTION EXPECTED ARGS...: findings --json equals EXPECTED.
same_json() {
	d=$1 want=$2
	shift 2
	printf '%s\n' "$want" >want.json
	if $CW --db t.db findings --json "$@" >got.json 2>err.txt &&
		python3 -c '
import json, sys
a = json.load(open(sys.argv[1])); b = json.load(open(sys.argv[2]))
keys = ["provision", "from", "to", "persons", "cases", "repeat_persons",
        "repeat_person_ids", "by_year", "by_region", "by_event", "sources_by_kind"]
b.pop("explain", None)
sys.exit(0 if a == b and list(b) == keys else 1)' want.json got.json; then
		ok "$d"
	else
		not_ok "$d: got $(tr -d ' \n' <got.json) $(cat err.txt)"
	fi
}

# Confidential (the CLI default): c-aliya-1 (405-2), c-aliya-2 (405),
# c-nurlan-1 (405-1), c-dana-1 (405-2, internal), c-ruslan-1 (405,
# confidential). Aliya was convicted on 2019-06-13, before her second case
# began (2021-01-28): one repeat. Sources: s-news-1, s-news-2 (media),
# s-court-1, s-ngo-1, s-int-1.
same_json "demo KZ-CC-405 at confidential" '{"provision":"KZ-CC-405","from":null,"to":null,
 "persons":4,"cases":5,"repeat_persons":1,"repeat_person_ids":["p-aliya"],
 "by_year":{"2018":1,"2020":1,"2021":1,"2022":2},
 "by_region":{"Aktobe":1,"Almaty":2,"Shymkent":1},
 "by_event":{"arrested":1,"convicted":2,"detained":1,"investigation_opened":1,"questioned":1,"searched":1,"sentenced":2},
 "sources_by_kind":{"court_document":1,"interview":1,"media":2,"ngo_report":1}}' --provision KZ-CC-405

# Public: Dana's case is internal, Ruslan confidential. s-court-1
# (internal) still counts among the sources: it is cited by c-aliya-2.
same_json "demo KZ-CC-405 at public" '{"provision":"KZ-CC-405","from":null,"to":null,
 "persons":2,"cases":3,"repeat_persons":1,"repeat_person_ids":["p-aliya"],
 "by_year":{"2018":1,"2020":1,"2021":1},
 "by_region":{"Aktobe":1,"Almaty":1},
 "by_event":{"convicted":2,"detained":1,"investigation_opened":1,"searched":1,"sentenced":2},
 "sources_by_kind":{"court_document":1,"media":2,"ngo_report":1}}' --provision KZ-CC-405 --public

same_json "demo KZ-CC-405 at internal" '{"provision":"KZ-CC-405","from":null,"to":null,
 "persons":3,"cases":4,"repeat_persons":1,"repeat_person_ids":["p-aliya"],
 "by_year":{"2018":1,"2020":1,"2021":1,"2022":1},
 "by_region":{"Aktobe":1,"Almaty":1,"Shymkent":1},
 "by_event":{"arrested":1,"convicted":2,"detained":1,"investigation_opened":1,"searched":1,"sentenced":2},
 "sources_by_kind":{"court_document":1,"media":2,"ngo_report":1}}' --provision KZ-CC-405 --clearance internal

# Since 2021: Aliya's first case (2018-11, 2019-06-13) and Nurlan's (2020)
# have no event in the period; Aliya's second case alone is no repeat.
same_json "demo KZ-CC-405 from 2021" '{"provision":"KZ-CC-405","from":"2021","to":null,
 "persons":3,"cases":3,"repeat_persons":0,"repeat_person_ids":[],
 "by_year":{"2021":1,"2022":2},
 "by_region":{"Almaty":2,"Shymkent":1},
 "by_event":{"arrested":1,"detained":1,"questioned":1,"sentenced":1},
 "sources_by_kind":{"court_document":1,"interview":1,"media":1}}' --provision KZ-CC-405 --from 2021

# 2019-07 .. 2020-12-31: only Nurlan's case (its "2020" search and its
# 2020-10-05 verdict); Aliya's verdict of 2019-06-13 is just before.
same_json "demo KZ-CC-405 from 2019-07 to 2020" '{"provision":"KZ-CC-405","from":"2019-07","to":"2020",
 "persons":1,"cases":1,"repeat_persons":0,"repeat_person_ids":[],
 "by_year":{"2020":1},"by_region":{"Aktobe":1},
 "by_event":{"convicted":1,"searched":1,"sentenced":1},
 "sources_by_kind":{"ngo_report":1}}' --provision KZ-CC-405 --from 2019-07 --to 2020

same_json "a part: KZ-CC-405-2" '{"provision":"KZ-CC-405-2","from":null,"to":null,
 "persons":2,"cases":2,"repeat_persons":0,"repeat_person_ids":[],
 "by_year":{"2018":1,"2022":1},"by_region":{"Almaty":1,"Shymkent":1},
 "by_event":{"arrested":1,"convicted":1,"investigation_opened":1,"sentenced":1},
 "sources_by_kind":{"court_document":1,"media":1}}' --provision KZ-CC-405-2

same_json "unsourced case not counted" '{"provision":"KZ-CC-274","from":null,"to":null,
 "persons":0,"cases":0,"repeat_persons":0,"repeat_person_ids":[],
 "by_year":{},"by_region":{},"by_event":{},"sources_by_kind":{}}' --provision KZ-CC-274

same_json "--include-unsourced counts it" '{"provision":"KZ-CC-274","from":null,"to":null,
 "persons":1,"cases":1,"repeat_persons":0,"repeat_person_ids":[],
 "by_year":{"2023":1},"by_region":{"Aktobe":1},"by_event":{"charged":1},
 "sources_by_kind":{}}' --provision KZ-CC-274 --include-unsourced

check "an unsourced case left out is said" sh -c "$CW --db t.db findings --provision KZ-CC-274 | grep -qx '1 unsourced case left out (--include-unsourced counts it).'"
check "no note when there is none" sh -c "! $CW --db t.db findings --provision KZ-CC-405 | grep -q unsourced"

# The sentences.
$CW --db t.db findings --provision KZ-CC-405 >en.txt
check "english headline" grep -q "^At least 4 people were targeted under KZ-CC-405 (Participation in a banned extremist organization) in 5 cases since 2018\." en.txt
check "english repeat sentence" grep -q "At least 1 of them was prosecuted again after an earlier conviction\." en.txt
check "english sources sentence" grep -q "Documented by 5 sources (court document: 1, interview: 1, media: 2, NGO report: 1)\." en.txt
check "english by year" grep -q "2022: 2 cases" en.txt
$CW --db t.db findings --provision KZ-CC-405 --lang ru >ru.txt
check "russian: 4 человека подверглись" grep -q "^Как минимум 4 человека подверглись уголовному преследованию по KZ-CC-405" ru.txt
check "russian: 5 уголовных дел" grep -q "в рамках 5 уголовных дел с 2018 года\." ru.txt
check "russian: 1 из них подвергся" grep -q "Как минимум 1 из них подвергся повторному преследованию" ru.txt
check "russian: vocabulary labels" grep -q "осуждён — 2 человека" ru.txt
check "russian: 1 человек" grep -q "Aktobe — 1 человек," ru.txt
$CW --db t.db findings --provision KZ-CC-405 --public --lang ru >ru_pub.txt
check "russian: 2 человека at public" grep -q "^Как минимум 2 человека подверглись" ru_pub.txt
$CW --db t.db findings --provision KZ-CC-405 --lang kk >kk.txt
check "kazakh headline" grep -q "^Кемінде 4 адам 2018 жылдан бері KZ-CC-405" kk.txt
check "kazakh source labels" grep -q "БАҚ — 2" kk.txt
$CW --db t.db findings --provision KZ-CC-405 --from 2019-07 --to 2020 >period.txt
check "english period" grep -q "in 1 case between July 2019 and 2020\." period.txt

# --explain at public: the numbers' cases and citations, nothing hidden.
$CW --db t.db findings --provision KZ-CC-405 --public --explain >ex.txt
check "explain lists the counted cases" sh -c 'grep -q "^case c-aliya-1" ex.txt && grep -q "^case c-aliya-2" ex.txt && grep -q "^case c-nurlan-1" ex.txt'
check "explain shows citations with locators" grep -q 'paragraph 2: "the court found her guilty"' ex.txt
check "explain marks the repeat" grep -q "c-aliya-2.*repeat prosecution" ex.txt
for hidden in s-court-1 s-int-1 c-dana-1 c-ruslan-1 p-dana p-ruslan "Almaly" "Relatives"; do
	check "explain at public never shows $hidden" sh -c "! grep -q '$hidden' ex.txt"
done
$CW --db t.db findings --provision KZ-CC-405 --public --explain --json >ex.json
check "explain json has one entry per counted case" python3 -c '
import json, sys
o = json.load(open("ex.json"))
ids = [c["id"] for c in o["explain"]]
assert ids == ["c-aliya-1", "c-aliya-2", "c-nurlan-1"], ids
c = o["explain"][0]
assert c["person"] == "p-aliya" and c["region"] == "Almaty" and c["charges"] == ["KZ-CC-405-2"]
assert [e["date"] for e in c["events"]] == ["2018-11", "2019-06-13", "2019-06-13"]
assert {"record": "e-aliya-1b", "source": "s-news-1", "kind": "media", "locator": "paragraph 2",
        "excerpt": "the court found her guilty"} in c["citations"]
assert o["explain"][1]["repeat"] is True
'
for hidden in s-court-1 s-int-1 c-dana-1 c-ruslan-1 p-dana p-ruslan; do
	check "explain json at public never shows $hidden" sh -c "! grep -q '$hidden' ex.json"
done
$CW --db t.db findings --provision KZ-CC-405 --explain >ex_conf.txt
check "explain at confidential shows the interview" grep -q "s-int-1" ex_conf.txt

# Usage errors name the option (exit 2); a missing provision is exit 1.
expect_fail "malformed provision" 2 "--provision: 'KZ CC' is not a provision id" $CW --db t.db findings --provision "KZ CC"
expect_fail "malformed --from" 2 "--from: '2019-13'" $CW --db t.db findings --provision KZ-CC-405 --from 2019-13
expect_fail "malformed --to" 2 "--to: '20x9'" $CW --db t.db findings --provision KZ-CC-405 --to 20x9
expect_fail "--from after --to" 2 "--from" $CW --db t.db findings --provision KZ-CC-405 --from 2021 --to 2020
expect_fail "no --provision" 2 "--provision is required" $CW --db t.db findings
expect_fail "bad --lang" 2 "--lang: 'de'" $CW --db t.db findings --provision KZ-CC-405 --lang de
expect_fail "bad --clearance" 2 "--clearance: 'secret'" $CW --db t.db findings --provision KZ-CC-405 --clearance secret
expect_fail "unknown provision" 1 "^error: provision 'KZ-CC-999' not found" $CW --db t.db findings --provision KZ-CC-999
expect_fail "a prefix is not a provision" 1 "provision 'KZ-CC-40' not found" $CW --db t.db findings --provision KZ-CC-40
check "--help" sh -c "$CW findings --help | grep -q 'usage: casewatch findings'"

# Fixtures: visibility (hidden source counted, not listed) and prefixes.
$CW --db v.db init --no-encrypt >/dev/null
$CW --db v.db import "$D/visibility.jsonl" >/dev/null
$CW --db v.db findings --provision KZ-CC-405 --public --json --explain >v.json
check "fixture: hidden source counted at public, never listed" python3 -c '
import json
o = json.load(open("v.json"))
assert (o["persons"], o["cases"]) == (1, 1), o
assert o["sources_by_kind"] == {"interview": 1}, o
assert o["by_event"] == {"detained": 1}, o
assert o["explain"][0]["citations"] == [], o
assert "s-hid" not in open("v.json").read()
'
$CW --db p.db init --no-encrypt >/dev/null
$CW --db p.db import "$D/prefix.jsonl" >/dev/null
check "fixture: KZ-CC-40 is not a prefix of KZ-CC-405" sh -c "$CW --db p.db findings --provision KZ-CC-40 --json | python3 -c 'import json,sys; o=json.load(sys.stdin); sys.exit(not (o[\"cases\"] == 2 and o[\"by_region\"] == {\"Almaty\": 2}))'"
check "fixture: undated case counted, not in by_year" sh -c "$CW --db p.db findings --provision KZ-CC-405 --json | python3 -c 'import json,sys; o=json.load(sys.stdin); sys.exit(not (o[\"cases\"] == 2 and o[\"by_year\"] == {\"2020\": 1} and o[\"by_region\"] == {\"Shymkent\": 1, \"unknown\": 1}))'"

done_testing
