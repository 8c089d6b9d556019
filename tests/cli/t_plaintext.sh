#!/bin/sh
# No plaintext on disk (docs/threat-model.md, P1). With a passphrase,
# every command that reads or writes the database leaves nothing readable
# on disk: not in the database folder (database, WAL, -shm, journals,
# backups, rekey copies) and not in TMPDIR (sorts, index builds, VACUUM).
# The passphrase itself is never written either.
. "$(dirname "$0")/lib.sh"

mkdir db tmp input out
export TMPDIR="$T/tmp"
echo "plaintext-test passphrase KNRY-PASS" >input/key
echo "second passphrase KNRY-PASS2" >input/key2
printf 'KNRY-DOCBYTES interview recording\n' >input/doc.txt
SHA=$(sha256sum input/doc.txt | cut -d' ' -f1)
B64=$(base64 -w0 input/doc.txt)
{
	cat <<EOF
{"type":"provision","id":"KZ-CC-405","jurisdiction":"KZ","article":"405","title":"KNRY-PROVTITLE"}
{"type":"document","sha256":"$SHA","content_base64":"$B64","media_type":"text/plain","text":"KNRY-DOCTEXT"}
{"type":"source","id":"s-1","kind":"interview","title":"KNRY-SRCTITLE","sha256":"$SHA","confidentiality":"confidential"}
{"type":"source","id":"s-2","kind":"media","title":"KNRY-MEDIATITLE"}
{"type":"person","id":"p-1","names":["KNRY-NAME Testova","Кнрыева Тестова"],"notes":"KNRY-NOTE","confidentiality":"confidential"}
{"type":"case","id":"c-1","person":"p-1","number":"KNRY-CASENO","charges":["KZ-CC-405"],"sources":[{"source":"s-1","excerpt":"KNRY-EXCERPT"}]}
{"type":"event","id":"e-1","case":"c-1","kind":"detained","date":"2020-03","place":"KNRY-PLACE","sources":["s-2"]}
EOF
	# enough records for sorts and index builds to matter
	i=0
	while [ $i -lt 3000 ]; do
		echo "{\"type\":\"person\",\"id\":\"p-bulk-$i\",\"names\":[\"KNRY-BULK person $i\"],\"region\":\"KNRY-REGION\",\"sources\":[{\"source\":\"s-2\",\"excerpt\":\"KNRY-BULKEXCERPT $i\"}]}"
		i=$((i + 1))
	done
} >input/data.jsonl
CANARIES="KNRY-PASS KNRY-DOCBYTES KNRY-DOCTEXT KNRY-SRCTITLE KNRY-MEDIATITLE KNRY-NAME Кнрыева
KNRY-NOTE KNRY-CASENO KNRY-EXCERPT KNRY-PLACE KNRY-BULK KNRY-REGION KNRY-PROVTITLE p-bulk-"
K="--key-file input/key"
DB="--db db/t.db"

check "init encrypted" sh -c "$CW $DB $K init >/dev/null"
check "import" sh -c "$CW $DB $K import input/data.jsonl >/dev/null"
check "import again (updates, revisions)" \
	sh -c "sed 's/KNRY-REGION/KNRY-REGION2/' input/data.jsonl >input/data2.jsonl && $CW $DB $K import input/data2.jsonl >/dev/null"
check "export to stdout works" test "$($CW $DB $K export | grep -c KNRY-BULK)" -eq 3000
check "public export to stdout works" sh -c "$CW $DB $K export --public | grep -q KNRY-MEDIATITLE"
check "stats" sh -c "$CW $DB $K stats >/dev/null"
check "verify" sh -c "$CW $DB $K verify >/dev/null"
check "audit" sh -c "$CW $DB $K audit >/dev/null && $CW $DB $K audit --json >/dev/null"
check "consent" sh -c "$CW $DB $K consent >/dev/null"
if $CW help findings >/dev/null 2>&1; then
	check "findings --explain" sh -c "$CW $DB $K findings --provision KZ-CC-405 --explain >/dev/null"
fi
if $CW help show >/dev/null 2>&1; then
	check "show" sh -c "$CW $DB $K show p-1 >/dev/null"
fi
check "purge with --cascade" sh -c "$CW $DB $K purge p-1 --cascade --yes >/dev/null 2>&1"
check "purge another" sh -c "$CW $DB $K purge p-bulk-7 --yes >/dev/null 2>&1"
if $CW help backup >/dev/null 2>&1; then
	check "backup" sh -c "$CW $DB $K backup db/backup.db >/dev/null 2>&1"
	check "the backup opens with the passphrase" sh -c "$CW --db db/backup.db $K verify >/dev/null"
fi
if $CW help rekey >/dev/null 2>&1; then
	# rekey is checked by its own tests; here only what it leaves on disk
	if timeout 30 $CW $DB $K rekey --new-key-file input/key2 >/dev/null 2>&1; then
		K="--key-file input/key2"
		check "the rekeyed database verifies" sh -c "$CW $DB $K verify >/dev/null"
	else
		echo "# rekey failed or hung: what it left behind is still checked below"
	fi
fi
check "import after all that" sh -c "$CW $DB $K import input/data.jsonl >/dev/null"

check "files were written in the database folder" test -n "$(ls db)"
ls -la db tmp | sed 's/^/# /'
found=""
for f in $(find db tmp -type f); do
	for c in $CANARIES; do
		if grep -aqF -- "$c" "$f"; then found="$found $c@$f"; fi
	done
	# an unencrypted SQLite file anywhere is plaintext too
	if head -c 16 "$f" | grep -aq 'SQLite format 3'; then found="$found header@$f"; fi
done
check "no canary, passphrase or plain SQLite file in the database folder or TMPDIR (found:${found:- none})" \
	test -z "$found"

# Nothing readable may reach the disk even for a moment (a plaintext copy
# encrypted in place afterwards leaves its blocks on the device): trace
# every write of a small run and look for canaries and plain SQLite
# headers in what went to files under db2/ and TMPDIR.
if command -v strace >/dev/null 2>&1 && strace -f -o /dev/null true 2>/dev/null; then
	mkdir db2
	head -7 input/data.jsonl >input/small.jsonl
	hex() { printf '%s' "$1" | od -An -tx1 | tr -d ' \n' | sed 's/../\\x&/g'; }
	S="strace -f -y -xx -s 70000 -e trace=write,pwrite64,pwritev,pwritev2,writev -o"
	D="--db db2/t.db"
	K1="--key-file input/key"
	# LeakSanitizer cannot run under ptrace: no leak checks while traced
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
	export ASAN_OPTIONS
	$S tr.init $CW $D $K1 init >/dev/null 2>&1 || echo "# traced init failed"
	$S tr.import $CW $D $K1 import input/small.jsonl >/dev/null 2>&1 || echo "# traced import failed"
	$S tr.export $CW $D $K1 export >/dev/null 2>&1 || echo "# traced export failed"
	$S tr.purge $CW $D $K1 purge p-1 --cascade --yes >/dev/null 2>&1 || echo "# traced purge failed"
	if $CW help backup >/dev/null 2>&1; then
		$S tr.backup $CW $D $K1 backup db2/b.db >/dev/null 2>&1 || echo "# backup failed"
	fi
	if $CW help rekey >/dev/null 2>&1; then
		$S tr.rekey timeout 30 $CW $D $K1 rekey --new-key-file input/key2 >/dev/null 2>&1 ||
			echo "# rekey failed or hung"
	fi
	# writes to files in db2/ or TMPDIR only (stdout is plaintext by request)
	# (-xx writes the paths in hex too)
	cat tr.* | grep -F -e "<$(hex "$T/db2/")" -e "<$(hex "$T/tmp/")" >writes.txt || true
	check "the traced run wrote to the database folder" test -s writes.txt
	leaked=""
	for c in $CANARIES "SQLite format 3"; do
		if grep -qF -- "$(hex "$c")" writes.txt; then leaked="$leaked '$c'"; fi
	done
	check "no write to a file, even a temporary one, held plaintext (found:${leaked:- none})" \
		test -z "$leaked"
	# the control: the same trace of an unencrypted database finds them
	mkdir ctl
	$S ctl.trace $CW --db ctl/p.db init --no-encrypt >/dev/null 2>&1 || true
	$S ctl.trace2 $CW --db ctl/p.db import input/small.jsonl >/dev/null 2>&1 || true
	check "control: the trace sees plaintext written to an unencrypted database" \
		sh -c "cat ctl.trace ctl.trace2 | grep -F '<$(hex "$T/ctl/")' | grep -qF '$(hex KNRY-NAME)'"
	rm -rf tr.* ctl.trace* writes.txt ctl
else
	echo "# strace is not available: the write trace was skipped"
fi
done_testing
