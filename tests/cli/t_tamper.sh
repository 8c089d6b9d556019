#!/bin/sh
# Tamper evidence (docs/threat-model.md, P3). An insider edits an
# unencrypted database behind casewatch's back with Debian's sqlite3 shell
# (3.40): each time `verify` exits 1 and names what is wrong. A head hash
# kept elsewhere catches even a consistently rewritten or truncated chain.
. "$(dirname "$0")/lib.sh"

if ! command -v sqlite3 >/dev/null 2>&1; then
	echo "# the sqlite3 shell is missing: skipped"
	exit 77
fi

printf 'court verdict, page 1\n' >doc.txt
SHA=$(sha256sum doc.txt | cut -d' ' -f1)
B64=$(base64 -w0 doc.txt)
cat >doc.jsonl <<EOF
{"type":"document","sha256":"$SHA","content_base64":"$B64","media_type":"text/plain"}
{"type":"source","id":"s-verdict","kind":"court_document","title":"Verdict","sha256":"$SHA"}
EOF
cat >more.jsonl <<EOF
{"type":"person","id":"p-extra","names":["Extra Person"]}
EOF

$CW --db p.db init --no-encrypt >/dev/null
$CW --db p.db import "$CW_SOURCE_DIR/demo/data.jsonl" >/dev/null
$CW --db p.db import doc.jsonl >/dev/null
$CW --db p.db import more.jsonl >/dev/null
# entries: 1 init, 2-4 imports
check "the pristine database verifies" sh -c "$CW --db p.db verify >/dev/null"
HEAD=$($CW --db p.db audit --head)
check "audit --head prints 64 hex digits" sh -c "echo $HEAD | grep -Eq '^[0-9a-f]{64}$'"
check "verify --head with the current head passes" sh -c "$CW --db p.db verify --head $HEAD >/dev/null"
H2=$(sqlite3 p.db "SELECT hash FROM audit WHERE seq=2")
check "verify --head with an older head passes" sh -c "$CW --db p.db verify --head $H2 >/dev/null"
expect_fail "verify --head rejects a malformed hash" 2 "64 lowercase hex" $CW --db p.db verify --head abc
check "audit lists every entry" test "$($CW --db p.db audit | wc -l)" -eq 4
check "audit --json is one array" sh -c "$CW --db p.db audit --json | python3 -c 'import json,sys; a=json.load(sys.stdin); assert len(a)==4 and a[1][\"action\"]==\"import\"'"
check "audit --since keeps entries from that date" test "$($CW --db p.db audit --since 2001 | wc -l)" -eq 4
check "audit --since filters by date" test "$($CW --db p.db audit --since 2199-12-31 | wc -l)" -eq 0
expect_fail "audit --since rejects a bad date" 2 "since" $CW --db p.db audit --since yesterday
check "audit entries never carry record ids or names" sh -c "! $CW --db p.db audit --json | grep -Eq 'p-aliya|Mysalova|p-extra'"
check "the audit log refuses updates" sh -c "! sqlite3 p.db \"UPDATE audit SET actor='x' WHERE seq=2\" 2>/dev/null"
check "the audit log refuses deletes" sh -c "! sqlite3 p.db 'DELETE FROM audit WHERE seq=2' 2>/dev/null"

fresh() { rm -f t.db t.db-wal t.db-shm; cp p.db t.db; }
# tampered DESCRIPTION PATTERN [VERIFY-ARGS]: verify exits 1 naming PATTERN
tampered() {
	d=$1 pat=$2
	shift 2
	set +e
	$CW --db t.db verify "$@" >"$T/out" 2>"$T/err"
	got=$?
	set -e
	if [ "$got" = 1 ] && grep -Eq -- "$pat" "$T/out"; then
		ok "$d"
	else
		not_ok "$d (exit $got: $(head -c 400 "$T/out"))"
	fi
}
DROP="DROP TRIGGER audit_append_only_u; DROP TRIGGER audit_append_only_d;"
RESTORE="CREATE TRIGGER audit_append_only_u BEFORE UPDATE ON audit  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_append_only_d BEFORE DELETE ON audit  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;"

fresh
sqlite3 t.db "$DROP"
tampered "dropped triggers are named" "append-only trigger 'audit_append_only_u' was removed"

fresh
sqlite3 t.db "$DROP CREATE TRIGGER audit_append_only_u BEFORE UPDATE ON audit WHEN 0 BEGIN SELECT RAISE(ABORT, 'x'); END; $(echo "$RESTORE" | tail -1)"
tampered "a trigger replaced by one that refuses nothing is named" "trigger 'audit_append_only_u' was removed or altered"

fresh
sqlite3 t.db "$DROP UPDATE audit SET actor='someone-else' WHERE seq=2; $RESTORE"
tampered "an altered entry is named (triggers put back)" "entry 2 was altered"

fresh
sqlite3 t.db "$DROP UPDATE audit SET detail='{\"files\":[],\"records\":0}' WHERE seq=3; $RESTORE"
tampered "an altered detail is named" "entry 3 was altered"

fresh
sqlite3 t.db "$DROP DELETE FROM audit WHERE seq=2; $RESTORE"
tampered "a deleted entry is named" "entry 2 missing"

fresh
sqlite3 t.db "$DROP UPDATE audit SET seq=-1 WHERE seq=2; UPDATE audit SET seq=2 WHERE seq=3; UPDATE audit SET seq=3 WHERE seq=-1; $RESTORE"
tampered "reordered entries are named" "entry 2 does not follow entry 1|entry 2 was altered"

fresh
sqlite3 t.db "UPDATE document SET content=CAST('court verdict, page 2' || char(10) AS BLOB)"
tampered "changed document bytes are named" "document ${SHA%${SHA#????????????????}}…: content does not match its SHA-256"

fresh
sqlite3 t.db "UPDATE document SET content=CAST('x' AS BLOB)||content"
tampered "a document with bytes added is named" "content does not match"

# Rewrite the chain consistently from entry 2 on, recomputing every hash
# the way casewatch does (SHA-256 over length-prefixed fields).
field() { printf '%s:%s' "$(printf '%s' "$1" | wc -c | tr -d ' ')" "$1"; }
rehash() { # rehash FROM
	prev=$(sqlite3 t.db "SELECT hash FROM audit WHERE seq=$(($1 - 1))")
	for s in $(sqlite3 t.db "SELECT seq FROM audit WHERE seq>=$1 ORDER BY seq"); do
		h=$({
			field "$prev"
			field "$s"
			for col in at actor action "coalesce(target,'')" "coalesce(detail,'')"; do
				field "$(sqlite3 t.db "SELECT $col FROM audit WHERE seq=$s")"
			done
		} | sha256sum | cut -d' ' -f1)
		sqlite3 t.db "UPDATE audit SET prev='$prev', hash='$h' WHERE seq=$s"
		prev=$h
	done
}
fresh
sqlite3 t.db "$DROP UPDATE audit SET actor='someone-else' WHERE seq=2"
rehash 2
sqlite3 t.db "$RESTORE"
check "a consistently rewritten chain passes plain verify (the documented limit)" \
	sh -c "$CW --db t.db verify >/dev/null"
tampered "but verify --head with the old head names the rewrite" \
	"head ${HEAD%${HEAD#????????????????}}… is not in the verified chain" --head "$HEAD"

fresh
sqlite3 t.db "$DROP DELETE FROM audit WHERE seq=(SELECT max(seq) FROM audit); $RESTORE"
check "a truncated chain passes plain verify (the documented limit)" sh -c "$CW --db t.db verify >/dev/null"
tampered "but verify --head with the old head names the truncation" "is not in the verified chain" --head "$HEAD"

# An actor name with terminal escapes cannot redraw the audit listing.
fresh
echo '{"type":"person","id":"p-mallory","names":["Mallory Person"]}' >mallory.jsonl
CASEWATCH_USER="$(printf 'mallory\033[2K\033[1A\r')" $CW --db t.db import mallory.jsonl >/dev/null
check "audit escapes control characters in actor names" \
	sh -c "$CW --db t.db audit | grep -q 'mallory.x1b.2K.x1b.1A.x0d' && ! $CW --db t.db audit | grep -q \"$(printf '\033')\""
check "and the entry still verifies (the name is what was recorded)" sh -c "$CW --db t.db verify >/dev/null"

fresh
check "after all that, a fresh copy of the pristine database still verifies" \
	sh -c "$CW --db t.db verify --head $HEAD >/dev/null"
check "verify --json reports ok" sh -c "$CW --db t.db verify --json | grep -q '\"ok\":true'"
sqlite3 t.db "$DROP DELETE FROM audit WHERE seq=2; $RESTORE"
check "verify --json lists the problem" sh -c "$CW --db t.db verify --json | grep -q '\"ok\":false'"
done_testing
