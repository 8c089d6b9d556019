#!/bin/sh
# Outputs that cannot leak (docs/threat-model.md, P4). Internal and
# confidential canaries (a person, a case, an event, a source's title, a
# citation's excerpt and locator, notes, a document, and the ids of hidden
# records) sit beside public data. No public output may contain any of
# them, and every public record must be there; internal outputs hold the
# internal canaries but no confidential one. A hidden record is "not
# found", exactly like a missing one.
. "$(dirname "$0")/lib.sh"

printf 'LEAK-C-DOCBYTES transcript\n' >doc.txt
SHA=$(sha256sum doc.txt | cut -d' ' -f1)
B64=$(base64 -w0 doc.txt)
cat >leak.jsonl <<EOF
{"type":"provision","id":"KZ-CC-405","jurisdiction":"KZ","code":"Criminal Code","article":"405","title":"Participation"}
{"type":"provision","id":"KZ-CC-leakid-i","jurisdiction":"KZ","article":"999","title":"LEAK-I-PROVTITLE","confidentiality":"internal"}
{"type":"organization","id":"o-pub","names":["Public Movement"],"kind":"movement"}
{"type":"source","id":"s-pub","kind":"media","title":"Public article","publisher":"Steppe Courier"}
{"type":"source","id":"s-leakid-i","kind":"lawyer","title":"LEAK-I-SRCTITLE","confidentiality":"internal"}
{"type":"document","sha256":"$SHA","content_base64":"$B64","media_type":"text/plain","text":"LEAK-C-DOCTEXT"}
{"type":"source","id":"s-leakid-c","kind":"interview","title":"LEAK-C-SRCTITLE","author":"LEAK-C-AUTHOR","sha256":"$SHA","confidentiality":"confidential","consent":{"mode":"anonymous","publish":false,"share":false}}
{"type":"person","id":"p-pub","names":["Public Personova"],"sex":"f","region":"Almaty","notes":"a public note"}
{"type":"person","id":"p-leakid-i","names":["LEAK-I-PERSON"],"region":"Aktobe","notes":"LEAK-I-NOTE","confidentiality":"internal"}
{"type":"person","id":"p-leakid-c","names":["LEAK-C-PERSON",{"name":"LEAK-C-ALIAS","kind":"alias"}],"region":"Shymkent","notes":"LEAK-C-NOTE","confidentiality":"confidential"}
{"type":"case","id":"c-pub","person":"p-pub","number":"1-2/2020","region":"Almaty","charges":[{"provision":"KZ-CC-405","sources":[{"source":"s-leakid-c","excerpt":"LEAK-C-CHARGEEXCERPT"}]},"KZ-CC-leakid-i"],"participants":[{"person":"p-leakid-c","role":"witness"},{"person":"p-leakid-i","role":"lawyer"}],"sources":[{"source":"s-pub","excerpt":"a public excerpt"},{"source":"s-leakid-i","excerpt":"LEAK-I-EXCERPT"},{"source":"s-leakid-c","excerpt":"LEAK-C-EXCERPT","locator":"LEAK-C-LOCATOR"}]}
{"type":"case","id":"c-leakid-i","person":"p-pub","number":"LEAK-I-CASENO","charges":["KZ-CC-405"],"sources":["s-pub"],"confidentiality":"internal"}
{"type":"case","id":"c-leakid-c","person":"p-leakid-c","number":"LEAK-C-CASENO","region":"LEAK-C-REGION","charges":["KZ-CC-405"],"sources":["s-pub"]}
{"type":"event","id":"e-pub","case":"c-pub","kind":"detained","date":"2020-01","sources":["s-pub"]}
{"type":"event","id":"e-leakid-i","case":"c-pub","kind":"sentenced","date":"2021","place":"LEAK-I-PLACE","confidentiality":"internal","sources":["s-pub"]}
{"type":"event","id":"e-leakid-c","case":"c-pub","kind":"questioned","date":"2019-05","place":"LEAK-C-PLACE","notes":"LEAK-C-EVNOTE","confidentiality":"confidential"}
{"type":"event","id":"e-leakid-c-dep","case":"c-leakid-c","kind":"arrested","date":"2022","place":"LEAK-C-DEPPLACE"}
{"type":"affiliation","id":"a-pub","person":"p-pub","organization":"o-pub","role":"member"}
{"type":"affiliation","id":"a-leakid-c","person":"p-pub","organization":"o-pub","role":"LEAK-C-ROLE","confidentiality":"confidential"}
{"type":"affiliation","id":"a-leakid-i-dep","person":"p-leakid-i","organization":"o-pub","role":"LEAK-I-ROLE"}
EOF
INTERNAL="LEAK-I- leakid-i"
CONFIDENTIAL="LEAK-C- leakid-c $SHA $B64"
PUBLIC_IDS="KZ-CC-405 o-pub s-pub p-pub c-pub e-pub a-pub"

$CW --db t.db init --no-encrypt >/dev/null
$CW --db t.db import leak.jsonl >/dev/null
check "setup: the confidential export holds every canary" sh -c "$CW --db t.db export | grep -q LEAK-C-EXCERPT"

# none_of FILE WORDS...: FILE contains none of the words (grep -F, binary too)
none_of() {
	f=$1
	shift
	for w in "$@"; do
		if grep -aqF -- "$w" "$f"; then
			echo "# $f holds '$w': $(grep -aF -- "$w" "$f" | head -c 300)"
			return 1
		fi
	done
	return 0
}
# public_output NAME: the file out.NAME must hold no internal or
# confidential canary
public_output() {
	# shellcheck disable=SC2086
	check "public $1: no internal or confidential canary" none_of "out.$1" $INTERNAL $CONFIDENTIAL
}

# --- export ---
$CW --db t.db export --public >out.export
public_output export
for id in $PUBLIC_IDS; do
	check "public export: '$id' is there" grep -q "\"id\":\"$id\"" out.export
done
check "public export: nothing else" test "$(wc -l <out.export)" -eq 7
check "public export: the public citation stays" grep -qF '"excerpt":"a public excerpt"' out.export
$CW --db t.db export --clearance public -o out.exportfile 2>err.exportfile
public_output exportfile
check "export -o at public clearance gives no plaintext warning" sh -c "! grep -q warning err.exportfile"
$CW --db t.db export --public --format csv -o csv >/dev/null 2>&1
cat csv/*.csv >out.csv
public_output csv
check "public CSV export: the public person is there" grep -q "Public Personova" out.csv
$CW --db t.db export --clearance internal >out.internal
# shellcheck disable=SC2086
check "internal export: no confidential canary" none_of out.internal $CONFIDENTIAL
check "internal export: the internal canaries are there" grep -q LEAK-I-EXCERPT out.internal
check "export -o above public warns about plaintext" \
	sh -c "$CW --db t.db export --clearance internal -o int.jsonl 2>&1 | grep -q 'warning: int.jsonl will hold internal records in plaintext'"
check "export -o at the default clearance warns too" \
	sh -c "$CW --db t.db export -o all.jsonl 2>&1 | grep -q 'warning: all.jsonl will hold confidential records in plaintext'"

# --- findings ---
if $CW help findings >/dev/null 2>&1; then
	$CW --db t.db findings --provision KZ-CC-405 --public >out.findings 2>&1
	public_output findings
	$CW --db t.db findings --provision KZ-CC-405 --public --json >out.findingsjson 2>&1
	public_output findingsjson
	check "public findings count the public case" grep -Eq '"cases": *1,' out.findingsjson
	$CW --db t.db findings --provision KZ-CC-405 --public --explain >out.explain 2>&1
	public_output explain
	check "public findings --explain lists the public case" grep -q c-pub out.explain
	$CW --db t.db findings --provision KZ-CC-405 --public --explain --json >out.explainjson 2>&1
	public_output explainjson
	expect_fail "findings for a hidden provision is not found" 1 "not found" \
		$CW --db t.db findings --provision KZ-CC-leakid-i --public
	check "and says nothing of why" sh -c "! grep -Eqi 'forbidden|confidential|internal|clearance' err"
else
	echo "# casewatch findings does not exist yet: skipped"
fi

# --- show ---
if $CW help show >/dev/null 2>&1; then
	for id in $PUBLIC_IDS; do
		$CW --db t.db show "$id" --public >"out.show-$id" 2>&1
		public_output "show-$id"
		$CW --db t.db show "$id" --public --json >"out.showjson-$id" 2>&1
		public_output "showjson-$id"
	done
	check "show --public of the public person names her" grep -q "Public Personova" out.show-p-pub
	for id in p-leakid-i p-leakid-c c-leakid-i c-leakid-c e-leakid-i e-leakid-c e-leakid-c-dep \
		s-leakid-i s-leakid-c a-leakid-c KZ-CC-leakid-i; do
		expect_fail "show --public '$id' is not found" 1 "'$id' not found" \
			$CW --db t.db show "$id" --public
		sed "s/$id/ID/g" err >err.hidden
		$CW --db t.db show p-nobody --public 2>err.none || true
		sed "s/p-nobody/ID/g" err.none >err.missing
		check "a hidden '$id' reads exactly like a missing record" cmp -s err.hidden err.missing
	done
	check "show at internal clearance reaches internal records" \
		sh -c "$CW --db t.db show p-leakid-i --clearance internal | grep -q LEAK-I-PERSON"
else
	echo "# casewatch show does not exist yet: skipped"
fi

# --- search ---
if $CW help search >/dev/null 2>&1; then
	# queries that match the canaries without being canaries themselves
	# (the "no matches for QUERY" message repeats the query)
	for q in 'LEAK*' PERSON EXCERPT NOTE DOCTEXT SRCTITLE CASENO PLACE 'leakid*' Personova; do
		$CW --db t.db search --public "$q" >"out.search-$q" 2>&1 || true
		public_output "search-$q"
		$CW --db t.db search --public --json "$q" >"out.searchjson-$q" 2>&1 || true
		public_output "searchjson-$q"
	done
	check "public search finds the public person" grep -q p-pub out.search-Personova
	check "control: confidential search finds the hidden person" \
		sh -c "$CW --db t.db search PERSON | grep -q LEAK-C-PERSON"
	check "control: confidential search finds the hidden document's text" \
		sh -c "$CW --db t.db search DOCTEXT | grep -q s-leakid-c"
else
	echo "# casewatch search does not exist yet: skipped"
fi

# --- consent, audit ---
$CW --db t.db consent --public >out.consent 2>&1
public_output consent
$CW --db t.db consent --public --json >out.consentjson 2>&1
public_output consentjson
$CW --db t.db audit --json >out.audit
# shellcheck disable=SC2086
check "the audit log holds no canary at all" none_of out.audit $INTERNAL $CONFIDENTIAL $PUBLIC_IDS Personova
done_testing
