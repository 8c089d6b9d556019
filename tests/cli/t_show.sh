#!/bin/sh
# casewatch show on the demo data: what a researcher reads, at each
# clearance, with nothing above the clearance in the output.
. "$(dirname "$0")/lib.sh"
D=$DATA/findings

$CW --db t.db init --no-encrypt >/dev/null
$CW --db t.db import "$CW_SOURCE_DIR/demo/data.jsonl" >/dev/null

# in_order FILE PATTERN...: each pattern matches a line after the previous one.
in_order() {
	f=$1
	shift
	awk -v n="$#" 'BEGIN { for (i = 1; i < ARGC; i++) p[i] = ARGV[i]; ARGC = 1; k = 1 }
		k <= n && index($0, p[k]) { k++ }
		END { exit k <= n }' "$@" <"$f"
}

$CW --db t.db show p-aliya >aliya.txt
check "person: names in every script, with lang and kind" grep -q "names: Әлия Мысалова (kk, primary); Алия Мысалова (ru, transliteration); Aliya Mysalova (en, transliteration)" aliya.txt
check "person: sex, born, region" grep -q "sex: f · born: 1990 · region: Almaty" aliya.txt
check "person: the timeline in date order, partial dates as such" in_order aliya.txt \
	"case c-aliya-1" "November 2018  investigation opened" "13 June 2019  convicted" \
	"13 June 2019  sentenced: 24 months, restricted freedom" "case c-aliya-2" \
	"28 January 2021  detained" "September 2021  sentenced: 36 months, prison, medium security"
check "case: charges with provision titles" grep -q "charges: KZ-CC-405-2 (Participation in a banned extremist organization)" aliya.txt
check "case: participants with roles" grep -q "participants: Gulnar Testbaeva (p-lawyer), lawyer" aliya.txt
check "the citation behind a fact, with locator and excerpt" grep -q 'source s-news-1 (media): "Activist sentenced to restricted freedom", Steppe Courier, 14 June 2019 — paragraph 2: "the court found her guilty"' aliya.txt
check "affiliation with its source" in_order aliya.txt "affiliation: supporter, Free Meadow Movement (o-fm), alleged" "source s-news-1"
check "confidential source shown at confidential" grep -q "s-court-1 (court document)" aliya.txt

$CW --db t.db show p-aliya --public >aliya_pub.txt
check "public: the internal source is left out" sh -c "! grep -q 's-court-1\|Almaly' aliya_pub.txt"
check "public: a fact whose only source is hidden is unsourced" grep -q "September 2021  sentenced: 36 months, prison, medium security \[e-aliya-2b\] \[unsourced\]" aliya_pub.txt

$CW --db t.db show c-unsourced-1 >uns.txt
check "unsourced case and event are marked" sh -c "grep -q '^case c-unsourced-1 · Aktobe \[unsourced\]' uns.txt && grep -q '2023  charged \[e-unsourced-1a\] \[unsourced\]' uns.txt"

$CW --db t.db show p-nurlan >nurlan.txt
check "a person's cases in date order" in_order nurlan.txt "case c-nurlan-1" "2020  searched" "5 October 2020  convicted" "case c-unsourced-1" "2023  charged"
check "probation sentence" grep -q "sentenced: 12 months, probation" nurlan.txt
$CW --db t.db show p-nurlan --lang ru >nurlan_ru.txt
check "russian dates and labels" grep -q "5 октября 2020  приговорён: 12 месяцев, условный срок" nurlan_ru.txt
$CW --db t.db show p-nurlan --lang kk >nurlan_kk.txt
check "kazakh dates and labels" grep -q "2020 ж. 5 қазан  сотталды" nurlan_kk.txt

$CW --db t.db show e-aliya-1b >ev.txt
check "event: shown in its case, marked" grep -q "→ 13 June 2019  convicted \[e-aliya-1b\]" ev.txt

$CW --db t.db show s-int-1 >src.txt
check "source: metadata" sh -c "grep -q '^source s-int-1 — interview: \"Interview with a relative\"' src.txt && grep -q 'obtained: 20 January 2022' src.txt"
check "source: consent" grep -q "consent: pseudonym; may publish: no; may share with partners: no" src.txt
check "source: what cites it" in_order src.txt "cited by:" "case c-ruslan-1" "event e-ruslan-1a"
$CW --db t.db show s-court-1 --clearance internal >court.txt
check "source at internal: cited by visible records" sh -c "grep -q 'case c-dana-1' court.txt && grep -q 'event e-aliya-2b' court.txt"
$CW --db t.db show s-news-1 --public >news.txt
check "source: citation locators" grep -q 'event e-aliya-1b — paragraph 2: "the court found her guilty"' news.txt

$CW --db t.db show o-fm >org.txt
check "organization: names and ban" sh -c "grep -q 'Движение «Свободный луг» (ru)' org.txt && grep -q 'banned: 13 March 2018, Esil District Court of Astana, 2-1234/2018' org.txt"
$CW --db t.db show KZ-CC-405 >prov.txt
check "provision: title and case count" sh -c "grep -q '^provision KZ-CC-405: Participation in a banned extremist organization' prov.txt && grep -q 'cases: 5' prov.txt"
$CW --db t.db show KZ-CC-405 --public >prov_pub.txt
check "provision at public counts visible cases" grep -q "cases: 3" prov_pub.txt

# Above the clearance is the same as missing: "not found", never "forbidden".
expect_fail "confidential person at public" 1 "^error: 'p-ruslan' not found$" $CW --db t.db show p-ruslan --public
expect_fail "internal case at public" 1 "^error: 'c-dana-1' not found$" $CW --db t.db show c-dana-1 --public
expect_fail "confidential source at internal" 1 "^error: 's-int-1' not found$" $CW --db t.db show s-int-1 --clearance internal
expect_fail "event of a hidden case" 1 "^error: 'e-ruslan-1a' not found$" $CW --db t.db show e-ruslan-1a --clearance internal
expect_fail "missing record" 1 "^error: 'p-nobody' not found$" $CW --db t.db show p-nobody
check "no 'forbidden' anywhere" sh -c "! grep -qi forbid err"
check "internal case at internal" sh -c "$CW --db t.db show c-dana-1 --clearance internal | grep -q 'arrested'"
expect_fail "no id" 2 "which record" $CW --db t.db show
expect_fail "bad --lang" 2 "--lang: 'fr'" $CW --db t.db show p-aliya --lang fr
check "--help" sh -c "$CW show --help | grep -q 'usage: casewatch show'"

# --json: one object, the same content, nothing hidden.
$CW --db t.db show p-aliya --public --json >aliya.json
check "json: one object with the person's cases and events" python3 -c '
import json
o = json.load(open("aliya.json"))
assert o["type"] == "person" and o["id"] == "p-aliya"
assert [c["record"]["id"] for c in o["cases"]] == ["c-aliya-1", "c-aliya-2"]
assert [e["id"] for e in o["cases"][0]["events"]] == ["e-aliya-1a", "e-aliya-1b", "e-aliya-1c"]
assert o["cases"][1]["record"]["sources"] == ["s-news-2"]
assert "s-news-1" in o["sources"] and "p-lawyer" in o["people"]
'
check "json at public: nothing hidden" sh -c "! grep -q 's-court-1\|s-int-1\|p-ruslan' aliya.json"
$CW --db t.db show p-ruslan --json >ruslan.json
check "json at confidential: notes shown" grep -q "Relatives asked" ruslan.json

# Fixture: a citation on a charge.
$CW --db u.db init --no-encrypt >/dev/null
$CW --db u.db import "$D/unsourced.jsonl" >/dev/null
$CW --db u.db show u3 >u3.txt
check "a charge's own citation" in_order u3.txt "charges: KZ-CC-405-2" "source s1 (lawyer)"
check "a case cited only on its charge is sourced" grep -qx "case u3" u3.txt
$CW --db u.db show u1 >u1.txt
check "a case without any citation is unsourced" grep -qx "case u1 \[unsourced\]" u1.txt

done_testing
