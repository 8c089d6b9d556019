#!/bin/sh
# Spreadsheets: .xlsx and .ods import like CSV (first row the header, a
# sheet per type or --sheet), export --format xlsx writes readable sheets
# that import back to the same records; CSV stays round-trip safe but
# writes names readably. The workbooks are made by make_sheets.py.
. "$(dirname "$0")/lib.sh"

python3 "$CW_SOURCE_DIR/tests/cli/make_sheets.py" "$T"
$CW --db t.db init --no-encrypt >/dev/null

check "an .xlsx imports, its sheets by their names" sh -c "$CW --db t.db import people.xlsx >out 2>err && grep -q '^person *2 created' out"
check "a sheet not named for a type is left alone" sh -c "! grep -q 'not records' out err"
$CW --db t.db export >e1.jsonl
check "shared strings, both names, a date cell, the sex" grep -q '"id":"p-x1","born":"1985-07-07","confidentiality":"public","names":\["Xeniya Sheetova","Ксения Шитова"\],"region":"Almaty","sex":"f"' e1.jsonl
check "a custom dd.mm.yyyy date format is a date" grep -q '"id":"p-x2".*"born":"1968-06-11"' e1.jsonl
check "a formula's value" grep -q '"id":"p-x2".*"region":"Shymkent"' e1.jsonl
check "re-importing changes nothing" sh -c "$CW --db t.db import people.xlsx | grep -q 'nothing changed'"
expect_fail "a bad cell is named by sheet and cell" 1 "bad.xlsx:3: People!D3: born: '1985-13-01': impossible date" $CW --db t.db import bad.xlsx
check "... and nothing was imported" sh -c "$CW --db t.db export | cmp -s - e1.jsonl"
check "an .ods imports (repeated rows and cells, dates, numbers)" sh -c "$CW --db t.db import cases.ods >out && grep -q '^case *2 created' out && grep -q '^event *1 created' out"
check "ods values: a float as written, spaces kept" sh -c "$CW --db t.db export | grep -q '\"id\":\"c-x1\",\"confidentiality\":\"public\",\"number\":\"405\",\"person\":\"p-x1\",\"region\":\"Almaty  Region\"'"
check "ods: a date-time's date, a number of months" sh -c "$CW --db t.db export | grep -q '\"id\":\"e-x1\".*\"date\":\"2021-07-07\".*\"sentence\":{\"months\":18}'"
$CW --db s.db init --no-encrypt >/dev/null
$CW --db s.db import people.xlsx >/dev/null
check "--sheet picks one sheet" sh -c "$CW --db s.db import --sheet events cases.ods 2>&1 | grep -q \"event: no record\\|case: no record 'c-x1'\""
expect_fail "--sheet that is not there" 1 "no sheet named 'Nope'" $CW --db s.db import --sheet Nope cases.ods
printf 'not a zip' >fake.xlsx
expect_fail "a file that is not a spreadsheet" 1 "fake.xlsx: not a spreadsheet" $CW --db s.db import fake.xlsx

# export --format xlsx: readable, private, and it imports back the same
$CW --db d.db init --no-encrypt >/dev/null
$CW --db d.db import "$CW_SOURCE_DIR/demo/data.jsonl" >/dev/null
$CW --db d.db export | grep -v '"type":"document"' | grep -v '"type":"vocabulary"' >demo.jsonl
check "export --format xlsx" sh -c "$CW --db d.db export --format xlsx -o demo.xlsx 2>/dev/null && test \"\$(stat -c %a demo.xlsx)\" = 600"
check "a sheet per type, a column per name" python3 -c "
import zipfile, re, sys
z = zipfile.ZipFile('demo.xlsx')
wb = z.read('xl/workbook.xml').decode()
names = re.findall(r'<sheet name=\"([^\"]+)\"', wb)
ss = z.read('xl/sharedStrings.xml').decode()
sys.exit(0 if names[:4] == ['provisions', 'organizations', 'sources', 'people'] and 'Әлия Мысалова [kk, primary]' in ss and '&quot;lang&quot;' not in ss and '\"lang\"' not in ss else 1)"
$CW --db x.db init --no-encrypt >/dev/null
check "the workbook imports" sh -c "$CW --db x.db import demo.xlsx >/dev/null"
$CW --db x.db export | grep -v '"type":"document"' >x.jsonl
check "export xlsx -> import -> export gives the same records" cmp -s demo.jsonl x.jsonl

# CSV: round-trip safe, names readable
$CW --db d.db export --format csv -o csv 2>/dev/null
check "CSV names are readable, not JSON" sh -c "grep -q 'Әлия Мысалова \\[kk, primary\\]' csv/people.csv && ! grep -q '{\"\"lang' csv/people.csv"
$CW --db c.db init --no-encrypt >/dev/null
check "the CSV files import" sh -c "$CW --db c.db import csv/provisions.csv csv/organizations.csv csv/sources.csv csv/people.csv csv/affiliations.csv csv/cases.csv csv/events.csv >/dev/null"
$CW --db c.db export | grep -v '"type":"document"' >c.jsonl
check "export csv -> import -> export gives the same records" cmp -s demo.jsonl c.jsonl
printf 'id,names\np-br,"Ivanov [kz]|{""name"":""Petrov [kz]""}"\n' >br.csv
$CW --db c.db import --type person br.csv >/dev/null
check "a name that looks like '[lang]' is read as such in CSV" sh -c "$CW --db c.db export | grep '\"id\":\"p-br\"' | grep -q '{\"lang\":\"kz\",\"name\":\"Ivanov\"},\"Petrov \\[kz\\]\"'"
$CW --db c.db export --format csv -o csv2 2>/dev/null
$CW --db c2.db init --no-encrypt >/dev/null
$CW --db c2.db import --type person csv2/people.csv >/dev/null 2>&1 || true
check "and a name that really ends in brackets survives the round trip" sh -c "$CW --db c2.db export | grep '\"id\":\"p-br\"' | grep -q '\"Petrov \\[kz\\]\"'"
done_testing
