#!/bin/sh
# One fact at a time: add, set, unset, edit, list, history, diff, revert;
# and the trial of issue 12 (an ingested article's date imported over its
# source) undone with revert, byte for byte.
. "$(dirname "$0")/lib.sh"

$CW --db t.db init --no-encrypt >/dev/null
$CW --db t.db import "$CW_SOURCE_DIR/demo/data.jsonl" >/dev/null

# The trial: ingest an article, import its date the way the researcher did.
cat >rferl.html <<'EOF'
<html><head><title>Kazakh activist sentenced under Article 405</title></head>
<body><article><h1>Kazakh activist sentenced under Article 405</h1>
<p>A court in Almaty sentenced a member of the Free Meadow movement to 18 months
of restricted freedom on 7 July 2021 under Article 405 of the Criminal Code.</p>
<p>Her lawyer said the verdict would be appealed. At least 135 people have been
prosecuted under the article since 2018, according to rights groups.</p>
</article></body></html>
EOF
$CW --db t.db ingest --url https://example.org/rferl-405 rferl.html >/dev/null 2>&1
SRC=$($CW --db t.db list sources --ids --where url=https://example.org/rferl-405)
check "the ingested article is a source" test -n "$SRC"
$CW --db t.db export >before.jsonl
$CW --db t.db show "$SRC" --json >show1.json
printf '{"type":"source","id":"%s","published":"2021-07","publisher":"RFE/RL"}\n' "$SRC" >date.jsonl
$CW --db t.db import date.jsonl >out 2>err
check "the replacing import says what the source loses" grep -q "warning: '$SRC' loses .*title" err
check "the document stays linked" sh -c "$CW --db t.db export | grep '\"id\":\"$SRC\"' | grep -q sha256"
$CW --db t.db history "$SRC" >hist
check "history lists both versions" test "$(grep -c '^[12] ' hist)" -eq 2
check "history names who and how" grep -q "^2 .* tester *import" hist
check "history names the changed fields" grep -q "published, publisher" hist
$CW --db t.db diff "$SRC" 1 >diff
check "diff shows a removed field" grep -q '^- title: "Kazakh activist sentenced under Article 405"' diff
check "diff shows an added field" grep -q '^+ publisher: "RFE/RL"' diff
$CW --db t.db diff "$SRC" 1 2 --json >diff.json
check "diff --json is JSON" python3 -c "import json,sys; d=json.load(open('diff.json')); sys.exit(0 if d['from']==1 and d['to']==2 and d['changes'] else 1)"
check "revert makes revision 3" sh -c "$CW --db t.db revert $SRC 1 | grep -q 'revision 3'"
$CW --db t.db export >after.jsonl
check "revert gives the source back byte for byte" cmp -s before.jsonl after.jsonl
check "search finds the article again" sh -c "$CW --db t.db search 'restricted freedom' | grep -q '$SRC'"
check "the revert is audited" sh -c "$CW --db t.db audit --json | grep -q '\"action\":\"revert\"'"
$CW --db t.db set p-aliya "sources+=$SRC" >/dev/null
check "show never gives the obtained date as the publication date" sh -c "$CW --db t.db show p-aliya | grep 'source $SRC' | grep -q ', obtained '"
$CW --db t.db ingest --published 2021-07-07 rferl.html >out 2>&1
check "ingest --published on a known file dates its source" sh -c "$CW --db t.db export | grep '\"id\":\"$SRC\"' | grep -q '\"published\":\"2021-07-07\"'"
check "and says so" grep -q "1 source already there given the date 2021-07-07" out
check "the earlier version is kept" sh -c "$CW --db t.db history $SRC | grep -q 'ingest --published'"
check "show gives the publication date now" sh -c "$CW --db t.db show p-aliya | grep 'source $SRC' | grep -q '7 July 2021'"
$CW --db t.db revert "$SRC" 1 >/dev/null
$CW --db t.db import --merge date.jsonl >/dev/null 2>err
check "import --merge adds the date and keeps the rest" sh -c "$CW --db t.db export | grep '\"id\":\"$SRC\"' | grep -q '\"published\":\"2021-07\".*\"title\"'"
expect_fail "revert to a revision that does not exist" 1 "has no revision 9" $CW --db t.db revert "$SRC" 9

# add / set / unset
$CW --db t.db add person names='Test Person|Тест Персонов' born=1985 --json >add.json
PID=$(python3 -c "import json; print(json.load(open('add.json'))['id'])")
check "add derives and prints an id" sh -c "echo '$PID' | grep -q '^person-[0-9a-f]\{12\}$'"
check "add with an id" sh -c "$CW --db t.db add case id=c-t person=$PID charges=KZ-CC-405 | grep -q 'added case c-t: revision 1'"
check "add an event with a nested sentence" sh -c "$CW --db t.db add event id=e-t case=c-t kind=sentenced date=2021-07-07 sentence.kind=restricted_freedom sentence.months=18 >/dev/null"
check "the nested fields are stored typed" sh -c "$CW --db t.db export | grep -q '\"sentence\":{\"kind\":\"restricted_freedom\",\"months\":18}'"
check "set changes one field" sh -c "$CW --db t.db set e-t sentence.months=24 | grep -q 'revision 2'"
check "set appends to a list" sh -c "$CW --db t.db set $PID 'names+=Test Personov' >/dev/null && $CW --db t.db export | grep -q 'Test Personov'"
check "unset removes a nested field" sh -c "$CW --db t.db unset e-t sentence.kind >/dev/null && ! $CW --db t.db export | grep '\"id\":\"e-t\"' | grep -q restricted"
$CW --db t.db export >mid.jsonl
expect_fail "a stale --revision is refused" 1 "changed since revision 1 \\(it is at revision 3 now\\)" $CW --db t.db set e-t sentence.months=30 --revision 1
expect_fail "a bad date is refused with the field" 1 "born: '1985-13-01': impossible date" $CW --db t.db set "$PID" born=1985-13-01
expect_fail "a value outside a vocabulary is refused" 1 "kind: 'jailed' is not in the event_kind vocabulary" $CW --db t.db set e-t kind=jailed
expect_fail "an unknown field is refused" 1 "nickname: unknown field" $CW --db t.db set "$PID" nickname=T
expect_fail "a missing reference is refused" 1 "no record 'c-nowhere'" $CW --db t.db set e-t case=c-nowhere
expect_fail "a taken id is refused" 1 "'c-t' exists already" $CW --db t.db add case id=c-t person=$PID
expect_fail "set on a missing record" 1 "no record 'p-nowhere'" $CW --db t.db set p-nowhere born=1990
expect_fail "set needs FIELD=VALUE" 2 "expected FIELD=VALUE" $CW --db t.db set e-t months
$CW --db t.db export >mid2.jsonl
check "bad input leaves the database exactly as it was" cmp -s mid.jsonl mid2.jsonl

# list
check "list people shows names" sh -c "$CW --db t.db list people | grep -q 'Test Person'"
check "list --where on a list field" sh -c "$CW --db t.db list cases --where charges=KZ-CC-405 --ids | grep -qx c-t"
check "list --where on a nested field" sh -c "$CW --db t.db list events --where sentence.months=24 --ids | grep -qx e-t"
check "list --where narrows" sh -c "test -z \"\$($CW --db t.db list events --where sentence.months=25 --ids)\""
check "list --json is an array of records" sh -c "$CW --db t.db list provisions --json | python3 -c 'import json,sys; a=json.load(sys.stdin); sys.exit(0 if a and all(r[\"type\"]==\"provision\" for r in a) else 1)'"
check "list --public leaves out confidential people" sh -c "! $CW --db t.db list people --public --ids | grep -q p-ruslan"
expect_fail "list of an unknown type" 2 "which type" $CW --db t.db list peeple

# history at a clearance: a version that was confidential stays hidden
$CW --db t.db add person id=p-c names='Hidden Name' confidentiality=confidential >/dev/null
$CW --db t.db set p-c names='Public Name' confidentiality=public >/dev/null
check "history at public clearance leaves out the confidential version" sh -c "$CW --db t.db history p-c --public | grep -c '^[0-9]' | grep -qx 1"
expect_fail "diff at public clearance cannot reach it" 1 "'p-c' has no revision 1" $CW --db t.db diff p-c 1 --public
check "history --json at full clearance has both" sh -c "$CW --db t.db history p-c --json | python3 -c 'import json,sys; sys.exit(0 if len(json.load(sys.stdin))==2 else 1)'"

# edit: a scripted editor; a mistake reopens the file with the error on top
cat >ed.sh <<'EOF'
#!/bin/sh
n=$(cat "$EDIT_STATE" 2>/dev/null || echo 0)
n=$((n + 1)); echo $n >"$EDIT_STATE"
cp "$1" "$EDIT_STATE.seen$n"
case $n in
1) sed -i 's/"born": "1985"/"born": "1985-13"/' "$1" ;;
2) sed -i '/^#/d; s/"born": "1985-13"/"born": "1985-02"/' "$1" ;;
esac
EOF
chmod +x ed.sh
export EDIT_STATE=$T/edstate
EDITOR=$T/ed.sh script -qec "$CW --db t.db edit $PID" /dev/null >edit.out 2>&1 </dev/null
check "edit writes the corrected record" sh -c "$CW --db t.db export | grep '\"id\":\"$PID\"' | grep -q '\"born\":\"1985-02\"'"
check "the editor was reopened once" test "$(cat "$EDIT_STATE")" -eq 2
check "with the error on top" grep -q "^# error: born: '1985-13'" "$EDIT_STATE.seen2"
check "edit says the new revision" grep -q "edited person $PID: revision" edit.out
printf '#!/bin/sh\n: >"$1"\n' >empty.sh
chmod +x empty.sh
$CW --db t.db export >e1.jsonl
EDITOR=$T/empty.sh script -qec "$CW --db t.db edit $PID" /dev/null >edit.out 2>&1 </dev/null
check "emptying the file cancels" grep -q "edit cancelled" edit.out
check "and changes nothing" sh -c "$CW --db t.db export | cmp -s - e1.jsonl"
expect_fail "edit refuses without a terminal" 1 "edit needs a terminal" $CW --db t.db edit "$PID"

# every new command has --help
for c in add set unset edit list history diff revert; do
	check "$c --help" sh -c "$CW $c --help | grep -q '^usage: casewatch $c'"
done
check "verify passes after all this" sh -c "$CW --db t.db verify >/dev/null"
done_testing
