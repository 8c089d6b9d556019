#!/bin/sh
# import: what is not a bad record is not reported as one. A read error or
# an unknown encoding fails the import with its own message and exit code,
# is never rejected with --skip-bad, and leaves the database as it was.
. "$(dirname "$0")/lib.sh"

$CW --db t.db init --no-encrypt >/dev/null
$CW --db t.db import "$CW_SOURCE_DIR/demo/data.jsonl" >/dev/null
$CW --db t.db export >before.jsonl
unchanged() {
	$CW --db t.db export >after.jsonl
	check "$1: database unchanged" cmp -s before.jsonl after.jsonl
}

mkdir folder
expect_fail "a read error says so" 1 "^error: folder: read error: Is a directory$" \
	$CW --db t.db import folder
check "a read error is not a bad record" sh -c "! grep -q 'bad record' '$T/err'"
check "a read error gets no line number" sh -c "! grep -q '^folder:1' '$T/err'"
unchanged "read error"

expect_fail "--skip-bad does not skip a read error" 1 "^error: folder: read error" \
	$CW --db t.db import --skip-bad --rejects rej.txt "$CW_SOURCE_DIR/demo/spreadsheet.jsonl" folder
check "nothing was rejected" test ! -s rej.txt
unchanged "read error with --skip-bad"

expect_fail "an unknown encoding is a usage error" 2 "^error: unknown encoding 'no-such'" \
	$CW --db t.db import --encoding no-such "$DATA/import/people.csv"
check "an unknown encoding is not a bad record" sh -c "! grep -q 'bad record' '$T/err'"
unchanged "unknown encoding"

# Bad records still read as they always have.
expect_fail "malformed JSON: file, line and column" 1 \
	"^.*malformed.jsonl:2: column 49: ']' expected near '\}'$" \
	$CW --db t.db import "$DATA/import/malformed.jsonl"
expect_fail "a bad file still says how many" 1 "^error: nothing imported: 1 bad record$" \
	$CW --db t.db import "$DATA/import/malformed.jsonl"
unchanged "bad record"

done_testing
