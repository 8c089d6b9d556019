#!/bin/sh
# casewatch search: one ranked list over people, organizations, cases and
# sources (with their documents), folding Kazakh/Russian letters and
# transliterations, honouring clearance. People are fictional.
. "$(dirname "$0")/lib.sh"

$CW --db t.db init --no-encrypt >/dev/null
cat >recs.jsonl <<'EOF2'
{"type":"provision","id":"KZ-CC-405","jurisdiction":"KZ","code":"Criminal Code","article":"405"}
{"type":"organization","id":"o-fm","names":["Free Meadow Movement","Еркін Шалғын"],"kind":"movement"}
{"type":"person","id":"p-kk","names":["Қайырбек Асқарұлы"],"region":"Шымкент","confidentiality":"public"}
{"type":"person","id":"p-ru","names":["Кайырбеков Ерлан"],"notes":"Живёт в Алматы, ёлочный базар","confidentiality":"public"}
{"type":"person","id":"p-int","names":["Internalia Testova"],"notes":"knows the hidden quokkaword","confidentiality":"internal"}
{"type":"person","id":"p-conf","names":["Secretia Testova"],"notes":"confidential quokkaword witness","confidentiality":"confidential"}
{"type":"case","id":"c-1","person":"p-kk","number":"2021-405-0777","charges":["KZ-CC-405"],"region":"Shymkent"}
{"type":"case","id":"c-conf","person":"p-conf","number":"2022-405-0999","charges":["KZ-CC-405"]}
{"type":"source","id":"s-wd","kind":"interview","title":"Withdrawn quokkaword interview","confidentiality":"public","consent":{"mode":"named","publish":true,"withdrawn":"2024-01-01"}}
EOF2
$CW --db t.db import recs.jsonl >/dev/null
$CW --db t.db ingest "$DATA/ingest/articles" >/dev/null

ids() { # ids ARGS...: the ids of the JSON results, one per line
	$CW --db t.db search --json "$@" | sed -n 's/^    "id": "\(.*\)",$/\1/p'
}
has() { # has ID ARGS...: search ARGS finds ID
	id=$1
	shift
	ids "$@" | grep -qx -- "$id"
}
lacks() { # lacks PATTERN ARGS...: no id of search ARGS matches PATTERN
	pat=$1
	shift
	! ids "$@" | grep -q -- "$pat"
}
count() { ids "$@" | wc -l; }

check "Кайырбек (Russian) finds Қайырбек (Kazakh)" has p-kk Кайырбек
check "Қайырбеков (Kazakh) finds Кайырбеков (Russian)" has p-ru Қайырбеков
check "upper case folds too: ҚАЙЫРБЕК" has p-kk ҚАЙЫРБЕК
check "живет finds Живёт (ё/е)" has p-ru живет
check "ЕЛОЧНЫЙ finds ёлочный" has p-ru ЕЛОЧНЫЙ
check "Latin Kaiyrbek finds a person recorded only as Қайырбек (keys)" has p-kk Kaiyrbek
check "Latin Asqaruly too" has p-kk Asqaruly
check "Еркин Шалгын finds the organization by its Kazakh name" has o-fm Еркин Шалгын
check "an article's text is searched" has src-a677eb227799542b zanzibarquux
check "a Kazakh name in a Russian article (gzip'd)" has src-132f8bc83796bba9 Кайырбек
check "phrase query" has src-a677eb227799542b '"restricted freedom"'
check "a phrase in the wrong order does not match" lacks src- '"freedom restricted"'
check "prefix query" has src-a677eb227799542b 'zanzibar*'
check "Cyrillic prefix query" has p-ru 'Кайырбе*'
check "all words must match" lacks . zanzibarquux Кайырбек
check "a case by its number" has c-1 2021-405-0777

check "--type person keeps people only" sh -c "[ \"\$($CW --db t.db search --json --type person Кайырбек | grep -c '\"type\": \"person\"')\" = \"\$($CW --db t.db search --json --type person Кайырбек | grep -c '\"type\":')\" ]"
check "--type source leaves people out" lacks '^p-' --type source Кайырбек
check "--type case" has c-1 --type case 405
check "--limit" test "$(count --limit 1 Кайырбек)" = 1

check "the default clearance (confidential) sees everything" has p-conf quokkaword
check "--clearance internal hides confidential records" lacks p-conf --clearance internal quokkaword
check "... but sees internal ones" has p-int --clearance internal quokkaword
check "--public hides internal and confidential records" lacks . --public quokkaword
check "--public hides their snippets too" sh -c "! $CW --db t.db search --public --json quokkaword | grep -q quokkaword"
check "a case of a confidential person is confidential" lacks c-conf --public 2022-405-0999
check "a withdrawn source counts as confidential below confidential" lacks s-wd --clearance internal quokkaword
check "... and shows at confidential" has s-wd quokkaword

$CW --db t.db search --json zanzibarquux >j.json
check "JSON: an array of results" sh -c "head -c1 j.json | grep -q '\['"
check "JSON: type, id, title, snippet" sh -c "grep -q '\"type\": \"source\"' j.json && grep -q '\"id\": \"src-a677eb227799542b\"' j.json && grep -q '\"title\": \"Court sentences activist Aliya Mysalova\"' j.json && grep -q '\"snippet\":' j.json"
check "JSON: sources carry url and lowercase sha256" sh -c "grep -q '\"url\": \"https://herald.example/2021/07/mysalova-sentenced\"' j.json && grep -Eq '\"sha256\": \"[0-9a-f]{64}\"' j.json"
check "snippets highlight the matched word" grep -q '\*\*zanzibarquux\*\*' j.json
check "JSON: people have no url" sh -c "! $CW --db t.db search --json --type person Кайырбек | grep -q '\"url\"'"
check "text output shows the snippet" sh -c "$CW --db t.db search zanzibarquux | grep -q '\*\*zanzibarquux\*\*'"
check "no match: an empty array" sh -c "[ \"\$($CW --db t.db search --json nosuchwordanywhere)\" = '[]' ]"

# Hostile queries: an error that says so, or results; never a crash.
for q in '"unbalanced' 'AND OR NOT (' 'NEAR(a b)' 'title:x' '{title}:y' '*' '^x' '"' 'a"b"c' ')(' 'a:b:c' '+x' '--'; do
	set +e
	$CW --db t.db search -- "$q" >out 2>err
	rc=$?
	set -e
	if [ $rc = 0 ] || { [ $rc = 2 ] && grep -q '^error: bad query: ' err; }; then
		ok "hostile query '$q' (exit $rc)"
	else
		not_ok "hostile query '$q' (exit $rc: $(cat err))"
	fi
done
expect_fail "punctuation only is a bad query" 2 "bad query: .* has nothing to search for" $CW --db t.db search '( ) *'
expect_fail "an unknown --type is a usage error" 2 "--type: 'event'" $CW --db t.db search --type event x
expect_fail "a query is needed" 2 "expected a query" $CW --db t.db search

# The index follows changes: an update and a purge.
printf '%s\n' '{"type":"person","id":"p-ru","names":["Кайырбеков Ерлан"],"notes":"moved to Taraz","confidentiality":"public"}' >upd.jsonl
$CW --db t.db import upd.jsonl >/dev/null
check "an updated record is found by its new text" has p-ru Taraz
check "... and no longer by its old text" lacks p-ru живет
$CW --db t.db purge p-int --yes >/dev/null 2>&1
check "a purged record is gone from the index" lacks p-int quokkaword
check "the database verifies" sh -c "$CW --db t.db verify >/dev/null"

done_testing
