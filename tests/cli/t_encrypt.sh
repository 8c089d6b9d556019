#!/bin/sh
# Encryption at rest, and the three different errors for a wrong
# passphrase, a missing one, and a file that is not a casewatch database.
. "$(dirname "$0")/lib.sh"

echo "correct horse battery" >key1
echo "wrong horse battery" >key2
check "init with a key file encrypts" sh -c "$CW --db e.db --key-file key1 init | grep -q '(encrypted'"
$CW --db e.db --key-file key1 import "$CW_SOURCE_DIR/demo/data.jsonl" >/dev/null
check "the file has no SQLite header" sh -c "! head -c 16 e.db | grep -q 'SQLite format'"
check "names are not readable in the file" sh -c "! grep -aq 'Mysalova' e.db"
check "nor in any WAL left behind" sh -c "! cat e.db-wal 2>/dev/null | grep -aq 'Mysalova'"
check "the right passphrase opens it" sh -c "$CW --db e.db --key-file key1 verify >/dev/null"
check "--key-fd works" sh -c "$CW --db e.db --key-fd 3 stats 3<key1 | grep -q 'person *5'"
check "CASEWATCH_KEY works" sh -c "CASEWATCH_KEY='correct horse battery' $CW --db e.db stats | grep -q 'event *11'"
expect_fail "a wrong passphrase is named as such" 1 "e.db: wrong passphrase" $CW --db e.db --key-file key2 stats
expect_fail "a missing passphrase is named as such" 1 "e.db: database is encrypted: a passphrase is needed" sh -c "$CW --db e.db stats </dev/null"
echo "just some text, long enough to look like something" >notdb
head -c 8192 /dev/urandom >>notdb
expect_fail "a random file is not a casewatch database" 1 "notdb: not a casewatch database" $CW --db notdb stats
sqlite3 other.sqlite "CREATE TABLE t(x); INSERT INTO t VALUES (1);"
expect_fail "another program's SQLite file is not a casewatch database" 1 "other.sqlite: not a casewatch database" $CW --db other.sqlite stats
: >empty.db
expect_fail "an empty file is not a casewatch database" 1 "empty.db: not a casewatch database" $CW --db empty.db stats
expect_fail "a missing database says how to make one" 1 "no such database" $CW --db missing.db stats
expect_fail "wrong passphrase on import changes nothing" 1 "wrong passphrase" $CW --db e.db --key-file key2 import "$CW_SOURCE_DIR/demo/data.jsonl"
check "export under the right key is complete" test "$($CW --db e.db --key-file key1 export | wc -l)" -eq 32
# an encrypted database round-trips through export and import
$CW --db e2.db --key-file key2 init >/dev/null
$CW --db e.db --key-file key1 export >a.jsonl
$CW --db e2.db --key-file key2 import a.jsonl >/dev/null
check "export/import between encrypted databases is lossless" sh -c "$CW --db e2.db --key-file key2 export | cmp -s - a.jsonl"
expect_fail "init refuses to overwrite" 1 "already exists" $CW --db e.db --key-file key1 init
expect_fail "an empty key file is refused" 1 "empty passphrase" sh -c ": >k0; $CW --db e3.db --key-file k0 init"
check "a plain database stays plain" sh -c "$CW --db p.db init --no-encrypt | grep -q 'not encrypted' && head -c 15 p.db | grep -q 'SQLite format'"
# init encrypts by default: without a passphrase or a terminal it refuses and says how
expect_fail "init without a passphrase or terminal refuses" 1 "no passphrase and no terminal" sh -c "$CW --db n.db init </dev/null"
check "... and names the ways out" grep -q -- "--key-file FILE, --key-fd N or CASEWATCH_KEY" "$T/err"
check "... and --no-encrypt" grep -q -- "--no-encrypt" "$T/err"
check "... and creates nothing" test ! -e n.db
check "CASEWATCH_KEY alone encrypts a new database" sh -c "CASEWATCH_KEY=k $CW --db ek.db init | grep -q '(encrypted'"
expect_fail "--no-encrypt with a passphrase is a contradiction" 2 "which one" sh -c "$CW --db n.db --key-file key1 init --no-encrypt"
# (the prompt flushes typed-ahead input, so the answers wait for it)
(sleep 1; echo 'pass one'; sleep 1; echo 'pass one'; sleep 1) | script -qec "$CW --db tty.db init" /dev/null >tty.out 2>&1 || true
check "on a terminal init asks twice and encrypts" sh -c "grep -q 'Repeat the passphrase' tty.out && grep -q '(encrypted' tty.out"
done_testing
