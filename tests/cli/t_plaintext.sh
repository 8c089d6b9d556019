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
	check "rekey" sh -c "$CW $DB $K rekey --new-key-file input/key2 >/dev/null 2>&1"
	K="--key-file input/key2"
	check "the rekeyed database verifies" sh -c "$CW $DB $K verify >/dev/null"
fi
# Leave a WAL behind: a reader holds the database while another writes.
check "import while another process reads" \
	sh -c "$CW $DB $K import input/data.jsonl >/dev/null"

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
done_testing
