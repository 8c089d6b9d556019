#!/bin/sh
# Consent (docs/threat-model.md, P5). A source whose consent is withdrawn
# is left out of every output below confidential, its citations and
# documents too, whatever its stored level; `casewatch consent` lists the
# sources whose consent forbids publishing or sharing, or was withdrawn,
# and interviews without recorded consent, with what cites them.
. "$(dirname "$0")/lib.sh"

printf 'WD-DOCBYTES recording\n' >doc.txt
SHA=$(sha256sum doc.txt | cut -d' ' -f1)
B64=$(base64 -w0 doc.txt)
cat >consent.jsonl <<EOF
{"type":"provision","id":"KZ-CC-405","jurisdiction":"KZ","article":"405"}
{"type":"source","id":"s-ok","kind":"media","title":"Public article"}
{"type":"source","id":"s-named","kind":"interview","title":"Named interview","consent":{"mode":"named","publish":true,"share":true}}
{"type":"source","id":"s-nopub","kind":"interview","title":"Pseudonymous talk","confidentiality":"confidential","consent":{"mode":"pseudonym","publish":false,"share":false}}
{"type":"source","id":"s-conflict","kind":"interview","title":"Careless level","consent":{"mode":"anonymous","publish":false,"share":true}}
{"type":"source","id":"s-noconsent","kind":"interview","title":"Unrecorded","confidentiality":"internal"}
{"type":"document","sha256":"$SHA","content_base64":"$B64","media_type":"text/plain","text":"WD-DOCTEXT"}
{"type":"source","id":"s-wd","kind":"interview","title":"WD-TITLE","sha256":"$SHA","consent":{"mode":"named","publish":true,"share":true,"withdrawn":"2024-03-01"}}
{"type":"person","id":"p-1","names":["Test Person"],"region":"Almaty"}
{"type":"case","id":"c-1","person":"p-1","charges":[{"provision":"KZ-CC-405","sources":[{"source":"s-wd","excerpt":"WD-CHARGE-EXCERPT"}]}],"sources":["s-ok",{"source":"s-wd","excerpt":"WD-EXCERPT","locator":"WD-LOCATOR"},"s-conflict"]}
{"type":"event","id":"e-1","case":"c-1","kind":"detained","date":"2020-02","sources":[{"source":"s-wd","excerpt":"WD-EVENT-EXCERPT"},"s-nopub"]}
EOF
WD="WD- s-wd $SHA $B64"

$CW --db t.db init --no-encrypt >/dev/null
$CW --db t.db import consent.jsonl >/dev/null

# none_of FILE WORDS...
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

for c in public internal; do
	$CW --db t.db export --clearance $c >out.$c
	# shellcheck disable=SC2086
	check "$c export leaves out the withdrawn source, its citations and document" none_of out.$c $WD
	check "$c export keeps the case that cited it" grep -q '"id":"c-1"' out.$c
	check "$c export keeps the case's other citations" grep -qF '"sources":["s-ok","s-conflict"]' out.$c
	check "$c export keeps the event" grep -q '"id":"e-1"' out.$c
done
check "the public export's case is clean" \
	grep -qF '{"type":"case","id":"c-1","charges":["KZ-CC-405"],"confidentiality":"public","person":"p-1","sources":["s-ok","s-conflict"]}' out.public
$CW --db r.db init --no-encrypt >/dev/null
check "the public export re-imports cleanly" sh -c "$CW --db r.db import out.public >/dev/null"
$CW --db t.db export >out.confidential
check "the confidential export keeps the withdrawn source" grep -q '"id":"s-wd"' out.confidential
check "with its citations" grep -q WD-EXCERPT out.confidential
check "and its document" grep -q "\"sha256\":\"$SHA\"" out.confidential
check "the stored level is unchanged" grep -q '"id":"s-wd",.*"confidentiality":"public"' out.confidential

# Other output paths: show and findings apply the same rule.
if $CW help show >/dev/null 2>&1; then
	for c in public internal; do
		expect_fail "show --clearance $c of the withdrawn source is not found" 1 "'s-wd' not found" \
			$CW --db t.db show s-wd --clearance $c
		$CW --db t.db show c-1 --clearance $c >out.show 2>&1
		# shellcheck disable=SC2086
		check "show c-1 --clearance $c has no trace of it" none_of out.show $WD
		$CW --db t.db show e-1 --clearance $c --json >out.show 2>&1
		# shellcheck disable=SC2086
		check "show e-1 --clearance $c --json has no trace of it" none_of out.show $WD
	done
	check "show at confidential has it" sh -c "$CW --db t.db show s-wd | grep -q WD-TITLE"
else
	echo "# casewatch show does not exist yet: skipped"
fi
if $CW help findings >/dev/null 2>&1; then
	for c in public internal; do
		$CW --db t.db findings --provision KZ-CC-405 --clearance $c --explain >out.f 2>&1
		# shellcheck disable=SC2086
		check "findings --explain --clearance $c has no trace of it" none_of out.f $WD
		$CW --db t.db findings --provision KZ-CC-405 --clearance $c --explain --json >out.f 2>&1
		# shellcheck disable=SC2086
		check "findings --explain --json --clearance $c has no trace of it" none_of out.f $WD
	done
else
	echo "# casewatch findings does not exist yet: skipped"
fi

if $CW help search >/dev/null 2>&1; then
	for c in public internal; do
		$CW --db t.db search --clearance $c TITLE >out.s 2>&1 || true
		$CW --db t.db search --clearance $c --json DOCTEXT >>out.s 2>&1 || true
		# shellcheck disable=SC2086
		check "search --clearance $c does not find the withdrawn source" none_of out.s $WD
	done
	check "search at confidential does" sh -c "$CW --db t.db search DOCTEXT | grep -q s-wd"
else
	echo "# casewatch search does not exist yet: skipped"
fi

# casewatch consent
$CW --db t.db consent >out.consent
check "consent lists the source that may not be published" grep -q '^s-nopub  interview  confidential' out.consent
check "consent lists the withdrawn source" grep -q '^s-wd  interview  public' out.consent
check "consent says when it was withdrawn" grep -q 'withdrawn on 2024-03-01' out.consent
check "consent lists what cites it" grep -q 'cited by: case c-1, event e-1' out.consent
check "consent lists an interview without recorded consent" grep -q '^s-noconsent' out.consent
check "and flags it" grep -q 'problem: interview without consent recorded' out.consent
check "consent flags a public source that may not be published" \
	sh -c "grep -A4 '^s-conflict' out.consent | grep -q 'problem: public level, but consent forbids publishing'"
check "consent leaves out sources without restrictions" sh -c "! grep -Eq '^s-(ok|named) ' out.consent"
$CW --db t.db consent --json >out.json
check "consent --json is valid JSON with every field" python3 -c "
import json
a = json.load(open('out.json'))
ids = [s['id'] for s in a]
assert ids == ['s-conflict', 's-noconsent', 's-nopub', 's-wd'], ids
wd = a[3]
assert wd['withdrawn'] == '2024-03-01' and wd['publish'] is True and wd['mode'] == 'named', wd
assert wd['cited_by'] == [{'type': 'case', 'id': 'c-1'}, {'type': 'event', 'id': 'e-1'}], wd
assert a[0]['problems'] == ['public level, but consent forbids publishing'], a[0]
assert a[1]['publish'] is None and a[1]['problems'] == ['interview without consent recorded']
"
$CW --db t.db consent --public >out.pub
check "consent --public shows the public conflict" grep -q '^s-conflict' out.pub
# shellcheck disable=SC2086
check "consent --public leaves out the withdrawn source" none_of out.pub $WD
check "consent --public leaves out confidential and internal sources" sh -c "! grep -Eq 's-nopub|s-noconsent' out.pub"
expect_fail "consent rejects an unknown clearance" 2 "'secret' is not a level" $CW --db t.db consent --clearance secret

# Withdrawing consent later takes effect on the next output.
cat >withdraw.jsonl <<EOF
{"type":"source","id":"s-named","kind":"interview","title":"Named interview","consent":{"mode":"named","publish":true,"share":true,"withdrawn":"2025-01-10"}}
EOF
check "a public source before withdrawal is exported" sh -c "$CW --db t.db export --public | grep -q s-named"
$CW --db t.db import withdraw.jsonl >/dev/null
check "after withdrawal it is not" sh -c "! $CW --db t.db export --public | grep -q s-named"
check "and consent lists it" sh -c "$CW --db t.db consent | grep -q '^s-named'"
done_testing
