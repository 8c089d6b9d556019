#!/bin/sh
# casewatch ingest: articles become sources with their bytes, text and
# mentions; bad files are reported and skipped, the rest is ingested;
# re-ingesting (same bytes, or the same URL) changes nothing.
. "$(dirname "$0")/lib.sh"
ART=$DATA/ingest/articles

$CW --db t.db init --no-encrypt >/dev/null

# A folder of bad files next to the good ones.
mkdir bad
printf '\211PNG\r\n\032\n\0\0\0\rIHDR\0\0\0\1\0\0\0\1\10\6\0\0\0' >bad/picture.html
head -c 200 "$ART/ru/kz-arrest.html.gz" >bad/cut.html.gz
# 10,000-deep nesting: handled (ingested) or reported, never a crash
awk 'BEGIN { printf "<html><head><title>Deep</title></head><body>";
	for (i = 0; i < 10000; i++) printf "<div>";
	printf "<p>Deep nesting text about Free Meadow.</p>";
	for (i = 0; i < 10000; i++) printf "</div>";
	print "</body></html>" }' >bad/deep.html
# a 200 MB page (sparse: refused by its size before it is read)
printf '<html><body>' >bad/huge.html
truncate -s 200M bad/huge.html

expect_fail "bad files make the exit status 1" 1 "skipped" $CW --db t.db ingest "$ART" bad
cp "$T/out" run1.out
cp "$T/err" run1.err
rm -f bad/huge.html
check "the binary file is reported" grep -q "bad/picture.html: skipped: binary" run1.err
check "the truncated gzip is reported" grep -q "bad/cut.html.gz: skipped: .*truncated gzip" run1.err
check "the 200 MB page is reported" grep -q "bad/huge.html: skipped: over 64 MB" run1.err
check "the deep page is ingested or reported" \
	sh -c "grep -q 'bad/deep.html: skipped' run1.err || $CW --db t.db search Deep nesting --type source | grep -q src-"
check "the good ones are ingested" grep -Eq "^7 files: [34] ingested, 0 already there, [34] skipped" run1.out
check "no progress bar when stderr is not a terminal" sh -c "! grep -q \"\$(printf '\\r')\" run1.err"
check "the database verifies" sh -c "$CW --db t.db verify >/dev/null"

$CW --db t.db export >exp1.jsonl
check "one source per article" sh -c "[ \$(grep -c '\"type\":\"source\"' exp1.jsonl) -ge 3 ]"
check "title, url, author and date come from the page" grep -q \
	'"author":"Dana Examplova".*"published":"2021-07-07".*"title":"Court sentences activist Aliya Mysalova","url":"https://herald.example/2021/07/mysalova-sentenced"' exp1.jsonl
RU_SHA=$(gzip -dc "$ART/ru/kz-arrest.html.gz" | sha256sum | cut -d' ' -f1)
check "a .gz article is addressed by the SHA-256 of the uncompressed page" \
	grep -q "\"sha256\":\"$RU_SHA\"" exp1.jsonl
check "the document holds the uncompressed bytes" sh -c "grep '\"type\":\"document\"' exp1.jsonl | grep '$RU_SHA' | grep -q \"\$(gzip -dc '$ART/ru/kz-arrest.html.gz' | base64 -w0 | head -c 40)\""
check "the document keeps the extracted text" sh -c "grep '\"type\":\"document\"' exp1.jsonl | grep -q 'zanzibarquux evidence had never been shown'"
check "kind media by default" sh -c "grep '\"type\":\"source\"' exp1.jsonl | grep -q '\"kind\":\"media\"'"
check "mentions wait for review" sh -c "$CW --db t.db review --json --limit 0 | grep -q '\"kind\": \"provision\"'"
check "mentions are suggestions" sh -c "$CW --db t.db review --status accepted --json | grep -q '^\[\]'"
check "the article is found by its text" sh -c "$CW --db t.db search zanzibarquux | grep -q 'Court sentences'"
A1=$($CW --db t.db audit | wc -l)

# Again: nothing changes.
check "re-ingesting the good files exits 0" sh -c "$CW --db t.db ingest '$ART' >run2.out 2>run2.err"
check "re-ingesting reports them as already there" grep -q "3 files: 0 ingested, 3 already there, 0 skipped" run2.out
$CW --db t.db export >exp2.jsonl
check "re-ingesting changes no record" cmp -s exp1.jsonl exp2.jsonl
check "re-ingesting writes no audit entry" sh -c "[ \$($CW --db t.db audit | wc -l) = $A1 ]"

# The same URL with other bytes (a re-fetched page) is not a second source.
sed 's/Her lawyer said/Her lawyer told reporters/' "$ART/en-court.html" >refetched.html
check "the same canonical URL with different bytes is already there" \
	sh -c "$CW --db t.db ingest refetched.html | grep -q '0 ingested, 1 already there'"
printf 'A short note about the same article.\n' >same-url.txt
check "--url names the article's URL" \
	sh -c "$CW --db t.db ingest --url https://herald.example/2021/07/mysalova-sentenced same-url.txt | grep -q '1 already there'"
$CW --db t.db export >exp3.jsonl
check "still one source per article" cmp -s exp1.jsonl exp3.jsonl

# Options.
printf 'Interview transcript: the witness spoke of the search in 2019.\n' >talk.txt
check "--kind, --published and --confidentiality set the source's fields" \
	sh -c "$CW --db t.db ingest --kind interview --published 2019-05 --confidentiality confidential --url https://x.example/talk talk.txt >/dev/null"
check "... as given" sh -c "$CW --db t.db export | grep '\"kind\":\"interview\"' | grep '\"published\":\"2019-05\"' | grep -q '\"confidentiality\":\"confidential\"'"
check "... and hidden from public search" sh -c "! $CW --db t.db search transcript --public | grep -q src-"
expect_fail "an unknown kind is a usage error" 2 "not a source kind" $CW --db t.db ingest --kind gossip talk.txt
expect_fail "a bad date is a usage error" 2 "--published: 'soon' is not a date" $CW --db t.db ingest --published soon talk.txt
expect_fail "--url with two files is a usage error" 2 "--url needs exactly one file" $CW --db t.db ingest --url https://x.example/ a b
expect_fail "a missing file is reported and skipped" 1 "nothere.html: skipped: No such file" $CW --db t.db ingest nothere.html
check "--help" sh -c "$CW ingest --help | grep -q 'usage: casewatch ingest'"
check "--jobs 1 works too" sh -c "$CW --db t.db ingest --jobs 1 '$ART' | grep -q '3 already there'"
check "the database still verifies" sh -c "$CW --db t.db verify >/dev/null"

# Encrypted: the article text never reaches the disk in the clear.
echo "ingest test passphrase" >key
$CW --db e.db --key-file key init >/dev/null
check "ingest into an encrypted database" sh -c "$CW --db e.db --key-file key ingest '$ART' >/dev/null"
check "no plaintext of the article on disk" sh -c "! grep -aq zanzibarquux e.db e.db-wal 2>/dev/null"
check "and it is searchable with the key" sh -c "$CW --db e.db --key-file key search zanzibarquux | grep -q src-"

done_testing
