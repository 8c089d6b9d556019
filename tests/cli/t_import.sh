#!/bin/sh
# The case register: import, export, idempotence, bad input, CSV.
. "$(dirname "$0")/lib.sh"
D=$DATA/import

$CW --db t.db init --no-encrypt >/dev/null
check "demo data imports" sh -c "$CW --db t.db import $CW_SOURCE_DIR/demo/data.jsonl >out1"
check "import prints created counts" grep -q "^event *11 created" out1
check "re-import changes nothing and says so" sh -c "$CW --db t.db import $CW_SOURCE_DIR/demo/data.jsonl | grep -q 'nothing changed'"
$CW --db t.db export >before.jsonl
check "export has every record" test "$(wc -l <before.jsonl)" -eq 32

# Round trip: import the export into a new database, export again.
$CW --db r.db init --no-encrypt >/dev/null
$CW --db r.db import before.jsonl >/dev/null
$CW --db r.db export >again.jsonl
check "export -> import -> export gives the same bytes" cmp -s before.jsonl again.jsonl

# Records in any order: reverse the file.
$CW --db rev.db init --no-encrypt >/dev/null
tac before.jsonl >reversed.jsonl
$CW --db rev.db import reversed.jsonl >/dev/null
$CW --db rev.db export >rev.jsonl
check "records may come in any order" cmp -s before.jsonl rev.jsonl

# Bad input: each case names file and line, exits 1, changes nothing.
bad() { # bad NAME PATTERN FILE [ARGS]
	name=$1 pat=$2 file=$3
	shift 3
	expect_fail "$name: error names the place" 1 "$pat" $CW --db t.db import "$file" "$@"
	$CW --db t.db export >after.jsonl
	check "$name: database unchanged" cmp -s before.jsonl after.jsonl
}
bad "malformed JSON" "malformed.jsonl:2: " $D/malformed.jsonl
bad "unknown type" "unknown_type.jsonl:1: type: unknown type 'persn'" $D/unknown_type.jsonl
bad "unknown field" "unknown_field.jsonl:1: nickname: unknown field" $D/unknown_field.jsonl
bad "missing reference" "dangling.jsonl:2: case: no record 'c-nowhere'" $D/dangling.jsonl
bad "impossible month" "bad_dates.jsonl:1: born: '2019-13-45': impossible date" $D/bad_dates.jsonl
bad "not a leap year" "bad_dates.jsonl:2: born: '1954-02-29': impossible date" $D/bad_dates.jsonl
bad "five-digit year" "bad_dates.jsonl:3: born: '19812'" $D/bad_dates.jsonl
bad "year out of range" "bad_dates.jsonl:4: died: '1700': year outside 1800..2200" $D/bad_dates.jsonl
bad "same id, different content" "dup_id.jsonl:2: id 'p-dup' given twice with different content \\(first at line 1\\)" $D/dup_id.jsonl
bad "invalid UTF-8" "invalid_utf8.jsonl:2: .*UTF-8" $D/invalid_utf8.jsonl
bad "CSV unbalanced quote" "unbalanced.csv:3: .*quote" $D/unbalanced.csv --type person
: >empty.jsonl
bad "empty file" "empty.jsonl.*empty file" empty.jsonl
printf '{"type"\000\001\002\003binary\n' >binary.jsonl
bad "binary file" "binary.jsonl.*binary" binary.jsonl
# a 50 MB field
python3 -c "
import sys
sys.stdout.write('{\"type\":\"person\",\"id\":\"p-big\",\"names\":[\"' + 'a' * (50 << 20) + '\"]}\n')" >big.jsonl
bad "a 50 MB field" "big.jsonl:1: .*(longer|limit|exceed)" big.jsonl
rm -f big.jsonl
expect_fail "several bad records reported at once" 1 "nothing imported: 4 bad records" $CW --db t.db import $D/bad_dates.jsonl

# --skip-bad: good records in, bad ones to the rejects file, as they were.
$CW --db s.db init --no-encrypt >/dev/null
check "skip-bad imports the good records" sh -c "$CW --db s.db import --skip-bad --rejects rej.txt $D/mixed.jsonl >out"
check "skip-bad counts what it rejected" grep -q "rejected *4" out
check "rejects keep each bad record as it was" grep -qF '{"type":"event","id":"e-m2","case":"c-missing","kind":"detained"}' rej.txt
check "rejects give the reason" grep -q "mixed.jsonl:4: case: no record 'c-missing'" rej.txt
check "the good records are there" sh -c "$CW --db s.db export | grep -q '\"id\":\"p-m1\"'"
check "a record that depended on a rejected one is rejected too" sh -c "! $CW --db s.db export | grep -q 'e-m3'"

# --dry-run writes nothing.
$CW --db d.db init --no-encrypt >/dev/null
$CW --db d.db import --dry-run $CW_SOURCE_DIR/demo/data.jsonl >out
check "dry run counts" grep -q "dry run" out
check "dry run writes nothing" test "$($CW --db d.db export | wc -l)" -eq 0

# JSON array, streamed.
$CW --db a.db init --no-encrypt >/dev/null
check "a JSON array imports" sh -c "$CW --db a.db import $D/array.json >/dev/null"
check "JSON array records are there" test "$($CW --db a.db export | wc -l)" -eq 3

# CSV per type, lists with |, nested fields with _.
$CW --db c.db init --no-encrypt >/dev/null
check "CSV files per type import" sh -c "$CW --db c.db import $D/provisions.csv $D/people.csv $D/cases.csv $D/events.csv >/dev/null"
check "CSV lists split on |" sh -c "$CW --db c.db export | grep -qF '\"names\":[\"Test Person\",\"Тест Персонов\"]'"
check "CSV nested fields" sh -c "$CW --db c.db export | grep -qF '\"sentence\":{\"kind\":\"prison\",\"months\":18,\"regime\":\"minimum\"}'"
check "CSV sex synonyms" sh -c "$CW --db c.db export | grep -qF '\"sex\":\"f\"'"
check "CSV re-import changes nothing" sh -c "$CW --db c.db import $D/provisions.csv $D/people.csv $D/cases.csv $D/events.csv | grep -q 'nothing changed'"
# CSV export round trip
$CW --db c.db export --format csv -o csvout 2>/dev/null
$CW --db c2.db init --no-encrypt >/dev/null
$CW --db c2.db import csvout/provisions.csv csvout/people.csv csvout/cases.csv csvout/events.csv >/dev/null
check "CSV export re-imports to the same records" sh -c "$CW --db c.db export >x1; $CW --db c2.db export >x2; cmp -s x1 x2"

# Foreign CSV: cp1251 with ';', a BOM-less Excel file, a column map.
$CW --db f.db init --no-encrypt >/dev/null
check "foreign cp1251 CSV with --map" sh -c "$CW --db f.db import --type person --encoding cp1251 --delimiter ';' --map 'names=ФИО,born=Дата рождения,sex=Пол,region=Регион' $D/foreign_cp1251.csv >out 2>err"
check "unmapped columns are reported" grep -q "Примечание.*ignored" err
check "cp1251 text decoded" sh -c "$CW --db f.db export | grep -q 'Аскар Кайырбек'"
check "dates keep their precision" sh -c "$CW --db f.db export | grep -q '\"born\":\"1969\"'"
n1=$($CW --db f.db export | md5sum)
$CW --db f.db import --type person --encoding cp1251 --delimiter ';' --map 'names=ФИО,born=Дата рождения,sex=Пол,region=Регион' $D/foreign_cp1251.csv >out 2>err
check "rows without ids get stable ids: re-import changes nothing" grep -q "nothing changed" out
check "…and the export is the same" test "$n1" = "$($CW --db f.db export | md5sum)"
check "a UTF-8 BOM is accepted" sh -c "$CW --db f.db import --type person $D/bom.csv >/dev/null"

# Namespaces and default confidentiality.
$CW --db n.db init --no-encrypt >/dev/null
$CW --db n.db import --namespace partner --default-confidentiality internal $CW_SOURCE_DIR/demo/data.jsonl >/dev/null
check "namespace prefixes ids" sh -c "$CW --db n.db export | grep -q '\"id\":\"partner:p-aliya\"'"
check "namespace prefixes references" sh -c "$CW --db n.db export | grep -q '\"person\":\"partner:p-aliya\"'"
check "provisions keep their legal ids" sh -c "$CW --db n.db export | grep -q '\"id\":\"KZ-CC-405\"'"
check "default confidentiality applies to records without one" sh -c "$CW --db n.db export | grep '\"id\":\"partner:o-fm\"' | grep -q '\"confidentiality\":\"internal\"'"
check "explicit levels are kept" sh -c "$CW --db n.db export | grep '\"id\":\"partner:p-aliya\"' | grep -q '\"confidentiality\":\"public\"'"

# Clearance: public export leaves out internal and confidential records.
$CW --db t.db export --public >pub.jsonl
check "public export leaves out internal people" sh -c "! grep -q 'p-dana' pub.jsonl"
check "public export leaves out confidential people and their cases" sh -c "! grep -Eq 'p-ruslan|c-ruslan|e-ruslan' pub.jsonl"
check "public export drops citations of hidden sources" sh -c "! grep -q 's-court-1' pub.jsonl"
check "public export keeps public records" grep -q '"id":"c-aliya-2"' pub.jsonl
$CW --db p.db init --no-encrypt >/dev/null
check "a public export re-imports cleanly" sh -c "$CW --db p.db import pub.jsonl >/dev/null"
$CW --db t.db export --clearance internal >int.jsonl
check "internal export has internal records" grep -q 'p-dana' int.jsonl
check "internal export leaves out confidential ones" sh -c "! grep -q 'p-ruslan' int.jsonl"

# Vocabularies are data: a new event kind, with labels, travels with exports.
$CW --db v.db init --no-encrypt >/dev/null
check "a vocabulary entry and a record using it import" sh -c "$CW --db v.db import $D/vocabulary.jsonl | grep -q 'vocabulary *1 added'"
expect_fail "an event kind outside the vocabulary is refused" 1 "unknown_kind.jsonl:1: kind: 'vanished' is not in the event_kind vocabulary" $CW --db v.db import $D/unknown_kind.jsonl
$CW --db v.db export >v1.jsonl
check "the export carries the new entry first" sh -c "head -1 v1.jsonl | grep -q '\"code\":\"disappeared\"'"
check "built-in entries are not exported" test "$(grep -c '"type":"vocabulary"' v1.jsonl)" -eq 1
$CW --db v2.db init --no-encrypt >/dev/null
$CW --db v2.db import v1.jsonl >/dev/null
check "vocabulary round trip gives the same bytes" sh -c "$CW --db v2.db export | cmp -s - v1.jsonl"
check "re-importing the entry changes nothing" sh -c "$CW --db v2.db import v1.jsonl | grep -q 'nothing changed'"

# A replacing import says which fields a record loses; --merge changes only
# the fields given; fields casewatch attached (a source's document) stay.
$CW --db m.db init --no-encrypt >/dev/null
cat >src1.jsonl <<'EOF'
{"type":"source","id":"s-m","kind":"media","title":"An article","url":"https://example.org/a","sha256":"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"}
EOF
printf '{"type":"source","id":"s-m","published":"2021-07","publisher":"RFE/RL"}\n' >date.jsonl
$CW --db m.db import src1.jsonl >/dev/null
$CW --db m.db export >m1.jsonl
$CW --db m.db import --dry-run date.jsonl >out 2>err
check "a dry run names the fields a replacing line drops" grep -q "date.jsonl:1: warning: 's-m' loses kind, title, url" err
check "and counts the records" grep -q "1 record loses fields" out
check "a dry run leaves the record as it was" sh -c "$CW --db m.db export | cmp -s - m1.jsonl"
$CW --db m.db import --merge date.jsonl >out 2>err
check "--merge updates the record" grep -q "^source *0 created *1 updated" out
check "--merge reports no loss" sh -c "! grep -q loses err"
check "--merge keeps the other fields" sh -c "$CW --db m.db export | grep -q '\"title\":\"An article\".*\"url\"'"
check "--merge sets the given ones" sh -c "$CW --db m.db export | grep -q '\"published\":\"2021-07\",\"publisher\":\"RFE/RL\"'"
printf '{"type":"source","id":"s-m","publisher":null}\n' >unpub.jsonl
$CW --db m.db import --merge unpub.jsonl >/dev/null
check "--merge with null removes a field" sh -c "! $CW --db m.db export | grep -q publisher"
$CW --db m.db import date.jsonl >/dev/null 2>err
check "a replacing import keeps the document link" sh -c "$CW --db m.db export | grep -q '\"sha256\":\"9f86'"
printf '{"type":"person","id":"p-m","names":["A"]}\n{"type":"person","id":"p-m","born":"1990"}\n' >bad_merge.jsonl
$CW --db m.db export >m2.jsonl
expect_fail "--merge still checks each line" 1 "bad_merge.jsonl:2: id 'p-m' given twice" $CW --db m.db import --merge bad_merge.jsonl
check "a bad --merge leaves the database as it was" sh -c "$CW --db m.db export | cmp -s - m2.jsonl"

# Verify and audit.
check "verify passes" sh -c "$CW --db t.db verify >/dev/null"
check "one audit entry per import that changed something" test "$($CW --db t.db audit --json | grep -c '"action":"import"')" -eq 1
check "audit names no record content" sh -c "! $CW --db t.db audit --json | grep -Eq 'Mysalova|p-aliya'"
done_testing
