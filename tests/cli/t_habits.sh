#!/bin/sh
# The habits people expect of a command line (issue 12): options anywhere,
# messages that say how to fix things, exports kept private and audited,
# dates as spreadsheets write them, the schema version.
. "$(dirname "$0")/lib.sh"

$CW --db t.db init --no-encrypt >/dev/null
$CW --db t.db import "$CW_SOURCE_DIR/demo/data.jsonl" >/dev/null

# options anywhere, GNU style; -- ends them
printf '<html><body><article><p>A court in Almaty sentenced an activist on Tuesday to two years.</p></article></body></html>\n' >page.html
check "an option after the file is an option" sh -c "$CW extract page.html --format json | grep -q '\"text\":\"A court in Almaty'"
expect_fail "-- ends the options: what follows is an id" 1 "'--json' not found" $CW --db t.db show -- --json

# messages that say how to fix it
expect_fail "an unknown command suggests the nearest" 2 "'serch' is not a casewatch command; did you mean 'search'\\?" $CW serch Mysalova
expect_fail "findings names the provisions that match" 1 "provision '405' not found; this one matches: KZ-CC-405" $CW --db t.db findings --provision 405
expect_fail "a value outside a vocabulary lists the allowed ones" 1 "'jailed' is not in the event_kind vocabulary \\(one of: acquitted, .*sentenced" $CW --db t.db set e-aliya-1c kind=jailed
printf 'type;id;names\nperson;p-semi;Semi Colon\n' >people.csv
expect_fail "a ;-separated CSV gets the --delimiter hint" 1 "people.csv:1: .*--delimiter ';'" $CW --db t.db import people.csv
check "... which then imports" sh -c "$CW --db t.db import --delimiter ';' people.csv | grep -q 'person *1 created'"
expect_fail "show NAME offers what a search finds" 1 "did you mean:" $CW --db t.db show "Aliya Mysalova"
check "... naming the record" grep -q "p-aliya .*Aliya Mysalova" "$T/err"

# dates as spreadsheets in Russian and Kazakh write them
$CW --db t.db export >before.jsonl
printf 'id,names,born\np-dot,Dot Date,07.03.1985\n' >dot.csv
check "dd.mm.yyyy is read day first" sh -c "$CW --db t.db import --type person dot.csv >/dev/null && $CW --db t.db export | grep '\"id\":\"p-dot\"' | grep -q '\"born\":\"1985-03-07\"'"
$CW --db t.db export >before.jsonl
printf 'id,names,born\np-amb,Amb Iguous,07/03/1985\n' >amb.csv
expect_fail "an ambiguous d/m date is refused with the hint" 1 "amb.csv:2: born: '07/03/1985': day and month could be either way round; say which with --date-order dmy" $CW --db t.db import --type person amb.csv
check "... leaving the database as it was" sh -c "$CW --db t.db export | cmp -s - before.jsonl"
check "--date-order mdy reads it month first" sh -c "$CW --db t.db import --type person --date-order mdy amb.csv >/dev/null && $CW --db t.db export | grep '\"id\":\"p-amb\"' | grep -q '\"born\":\"1985-07-03\"'"
printf 'id,names,born\np-one,One Way,25/07/1985\n' >one.csv
check "a d/m date that reads only one way is read" sh -c "$CW --db t.db import --type person one.csv >/dev/null && $CW --db t.db export | grep '\"id\":\"p-one\"' | grep -q '\"born\":\"1985-07-25\"'"
printf 'id,names,born\np-two,Two Digits,07.03.85\n' >two.csv
expect_fail "a two-digit year is refused" 1 "a two-digit year" $CW --db t.db import --type person two.csv

# export -o: private file, audited above public
umask 022
: >old.jsonl
chmod 644 old.jsonl
$CW --db t.db export -o old.jsonl 2>/dev/null
check "export -o makes the file readable by its owner only" test "$(stat -c %a old.jsonl)" = 600
$CW --db t.db export -o new.jsonl 2>/dev/null
check "... also a new one" test "$(stat -c %a new.jsonl)" = 600
$CW --db t.db audit --json >audit.json
SHA=$(sha256sum new.jsonl | cut -d' ' -f1)
check "an export above public is audited with the output's SHA-256" grep -q "\"action\":\"export\".*$SHA" audit.json
check "... its clearance and counts, no content" sh -c "grep '\"action\":\"export\"' audit.json | tail -1 | grep -q 'confidential.*records' && ! grep '\"action\":\"export\"' audit.json | grep -q Mysalova"
N=$(grep -c '"action":"export"' audit.json)
$CW --db t.db export --public -o pub.jsonl 2>/dev/null
$CW --db t.db export >/dev/null
check "nor is a public one, or one to standard output" test "$($CW --db t.db audit --json | grep -c '"action":"export"')" = "$N"
$CW --db t.db export --format csv -o csvdir 2>/dev/null
check "a CSV export's folder and files are private" sh -c "test \"\$(stat -c %a csvdir)\" = 700 && test \"\$(stat -c %a csvdir/people.csv)\" = 600"

# progress: on a terminal only, with counts, rate and time left; --quiet
python3 -c "
for i in range(3000): print('{\"type\":\"person\",\"id\":\"p-many-%d\",\"names\":[\"Many %d\"]}' % (i, i))" >many.jsonl
$CW --db pr.db init --no-encrypt >/dev/null
CASEWATCH_PROGRESS=always script -qec "$CW --db pr.db import many.jsonl" /dev/null >tty.out 2>&1 </dev/null || true
check "an import on a terminal shows progress" grep -q "import: 2,000 records (.*%), .*/s, .*left" tty.out
rm -f pr.db*
$CW --db pr.db init --no-encrypt >/dev/null
CASEWATCH_PROGRESS=always script -qec "$CW --db pr.db --quiet import many.jsonl" /dev/null >tty.out 2>&1 </dev/null || true
check "--quiet silences it" sh -c "! grep -q 'records (' tty.out && grep -q 'person *3000 created' tty.out"
rm -f pr.db*
$CW --db pr.db init --no-encrypt >/dev/null
CASEWATCH_PROGRESS=always $CW --db pr.db import many.jsonl >out 2>err
check "no progress when stderr is not a terminal" test ! -s err

# bash completion: commands, options, record ids
cat >comp.bash <<EOF
. "$CW_SOURCE_DIR/scripts/casewatch.bash"
casewatch() { "$CW" "\$@"; }
t() { COMP_WORDS=("\$@"); COMP_CWORD=\$((\${#COMP_WORDS[@]} - 1)); COMPREPLY=(); _casewatch; echo "\${COMPREPLY[*]}"; }
t casewatch sea
t casewatch import --dr
t casewatch --db t.db show p-al
t casewatch list pe
EOF
if command -v bash >/dev/null; then
	bash comp.bash >comp.out 2>&1
	check "completion: a command" sh -c "sed -n 1p comp.out | grep -qx search"
	check "completion: an option of the command" sh -c "sed -n 2p comp.out | grep -qx -- --dry-run"
	check "completion: a record id from list" sh -c "sed -n 3p comp.out | grep -qx p-aliya"
	check "completion: a type" sh -c "sed -n 4p comp.out | grep -qx 'people person'"
fi

# version says the schema it writes
check "version prints the schema version" sh -c "$CW version | grep -Eq '^casewatch [0-9.]+ \\(database schema [0-9]+\\)'"
check "version --json" sh -c "$CW version --json | python3 -c 'import json,sys; d=json.load(sys.stdin); sys.exit(0 if d[\"schema\"] >= 5 else 1)'"
check "the schema version is the one init writes" sh -c "test \"\$($CW version --json | python3 -c 'import json,sys; print(json.load(sys.stdin)[\"schema\"])')\" = \"\$($CW --db v.db init --no-encrypt --json | python3 -c 'import json,sys; print(json.load(sys.stdin)[\"schema\"])')\""
done_testing
