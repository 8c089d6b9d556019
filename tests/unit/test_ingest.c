/* tests/unit/test_ingest.c: the parts of ingest (io/ingest_*.c) one at a
 * time: the worker protocol's framing, the file walk, the document kinds
 * the parent accepts from a worker, and which person a mention names.
 * tests/unit/test_search.c runs whole ingests with stand-in workers.
 * People here are fictional. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/arena.h"
#include "base/buf.h"
#include "io/import.h"
#include "io/ingest_format.h"
#include "io/ingest_link.h"
#include "io/ingest_walk.h"
#include "io/ingest_worker.h"
#include "store/db.h"
#include "store/people.h"
#include "store/record.h"

static char dir[256];

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "%s/cwingest-%d",
	         getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", (int)getpid());
	return mkdir(dir, 0700);
}

static int teardown(void **state)
{
	char cmd[400];
	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static void path_in(char *out, size_t cap, const char *name)
{
	snprintf(out, cap, "%s/%s", dir, name);
}

static void write_file(const char *path, const char *text, mode_t mode)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	assert_int_equal(chmod(path, mode), 0);
}

/* ---- the protocol ---- */

static void request_header_names_size_and_date(void **state)
{
	char hdr[INGEST_HEADER_MAX];
	(void)state;
	assert_int_equal(ingest_request_header(hdr, 1234, NULL), 7);
	assert_string_equal(hdr, "1234 -\n");
	ingest_request_header(hdr, 5, "2021-07");
	assert_string_equal(hdr, "5 2021-07\n");
}

static void answers_are_framed(void **state)
{
	struct ingest_answer a;
	char big[64];
	(void)state;
	/* complete: header, 2 bytes of JSON, 3 raw bytes */
	assert_int_equal(ingest_answer_parse("2 3 1\n{}abc", 11, &a), 1);
	assert_int_equal(a.header_len, 6);
	assert_int_equal(a.json_len, 2);
	assert_int_equal(a.raw_len, 3);
	assert_int_equal(a.recycle, 1);
	/* more to come */
	assert_int_equal(ingest_answer_parse("2 3 0\n{}a", 9, &a), 0);
	assert_int_equal(ingest_answer_parse("2 3", 3, &a), 0);
	/* garbled: no newline in a header's room, words, trailing junk */
	memset(big, '7', sizeof(big));
	{
		char line[INGEST_HEADER_MAX + 8];
		memset(line, '1', sizeof(line));
		assert_int_equal(ingest_answer_parse(line, sizeof(line), &a), -1);
	}
	assert_int_equal(ingest_answer_parse("two 0 0\n", 8, &a), -1);
	assert_int_equal(ingest_answer_parse("2 0 0 x\n{}", 10, &a), -1);
	assert_int_equal(ingest_answer_parse("2\0 0 0\n{}", 9, &a), -1);
	/* over the limits */
	snprintf(big, sizeof(big), "%zu 0 0\n", INGEST_ANSWER_MAX + 1);
	assert_int_equal(ingest_answer_parse(big, strlen(big), &a), -1);
	snprintf(big, sizeof(big), "2 %u 0\n", CW_MAX_DOCUMENT + 1);
	assert_int_equal(ingest_answer_parse(big, strlen(big), &a), -1);
}

static void gzip_is_told_by_its_magic(void **state)
{
	(void)state;
	assert_true(ingest_is_gzip("\x1f\x8b\x08", 3));
	assert_false(ingest_is_gzip("\x1f", 1));
	assert_false(ingest_is_gzip("<html>", 6));
}

/* ---- the files ---- */

static void walk_is_in_name_order_without_hidden_or_links(void **state)
{
	char p[512], q[512];
	struct ingest_files f;
	cw_err e = CW_ERR_INIT;
	(void)state;
	path_in(p, sizeof(p), "w");
	assert_int_equal(mkdir(p, 0700), 0);
	path_in(p, sizeof(p), "w/sub");
	assert_int_equal(mkdir(p, 0700), 0);
	path_in(p, sizeof(p), "w/.hidden");
	assert_int_equal(mkdir(p, 0700), 0);
	path_in(p, sizeof(p), "w/b.txt");
	write_file(p, "b", 0600);
	path_in(p, sizeof(p), "w/a.txt");
	write_file(p, "a", 0600);
	path_in(p, sizeof(p), "w/sub/c.txt");
	write_file(p, "c", 0600);
	path_in(p, sizeof(p), "w/.hidden/d.txt");
	write_file(p, "d", 0600);
	path_in(p, sizeof(p), "w/.e.txt");
	write_file(p, "e", 0600);
	path_in(p, sizeof(p), "w/a.txt");
	path_in(q, sizeof(q), "w/sub/link.txt");
	assert_int_equal(symlink(p, q), 0);
	path_in(q, sizeof(q), "w/loop");
	assert_int_equal(symlink(dir, q), 0);

	memset(&f, 0, sizeof(f));
	path_in(p, sizeof(p), "w");
	assert_int_equal(ingest_files_walk(&f, p, &e), 0);
	assert_int_equal(f.n, 3);
	path_in(p, sizeof(p), "w/a.txt");
	assert_string_equal(f.path[0], p);
	path_in(p, sizeof(p), "w/b.txt");
	assert_string_equal(f.path[1], p);
	path_in(p, sizeof(p), "w/sub/c.txt");
	assert_string_equal(f.path[2], p);
	/* a trailing slash gives the same paths */
	ingest_files_release(&f);
	path_in(p, sizeof(p), "w/");
	assert_int_equal(ingest_files_walk(&f, p, &e), 0);
	path_in(p, sizeof(p), "w/a.txt");
	assert_string_equal(f.path[0], p);
	ingest_files_release(&f);
	assert_int_equal(f.n, 0);
}

static void walk_stops_at_its_depth(void **state)
{
	char p[8192];
	struct ingest_files f;
	cw_err e = CW_ERR_INIT;
	size_t n;
	(void)state;
	path_in(p, sizeof(p), "deep");
	assert_int_equal(mkdir(p, 0700), 0);
	for (int i = 0; i <= INGEST_WALK_MAX_DEPTH; i++) {
		n = strlen(p);
		snprintf(p + n, sizeof(p) - n, "/d");
		assert_int_equal(mkdir(p, 0700), 0);
	}
	memset(&f, 0, sizeof(f));
	path_in(p, sizeof(p), "deep");
	assert_int_equal(ingest_files_walk(&f, p, &e), -1);
	assert_int_equal(e.code, CW_ELIMIT);
	assert_non_null(strstr(e.msg, "nested deeper than 64"));
	ingest_files_release(&f);
	path_in(p, sizeof(p), "no-such-folder");
	assert_int_equal(ingest_files_walk(&f, p, &e), -1);
	assert_int_equal(e.code, CW_EIO);
	ingest_files_release(&f);
}

/* ---- what a worker may say ---- */

static void media_types_are_the_formats(void **state)
{
	const struct ingest_format *f = ingest_format_of("<p>x</p>", 8);
	(void)state;
	assert_non_null(f);
	assert_non_null(f->read);
	assert_true(ingest_format_media_type_known("text/html"));
	assert_true(ingest_format_media_type_known("text/plain"));
	assert_false(ingest_format_media_type_known("application/x-sh"));
	assert_false(ingest_format_media_type_known("text/html; charset=x"));
	assert_false(ingest_format_media_type_known(NULL));
}

/* ---- which person a mention names ---- */

static const char people[] =
    "{\"type\":\"person\",\"id\":\"p-kk\",\"names\":[\"Асқар Қайырбек\"]}\n"
    "{\"type\":\"person\",\"id\":\"p-am\",\"names\":[\"Aliya Mysalova\"]}\n"
    "{\"type\":\"person\",\"id\":\"p-r1\",\"names\":[\"Eva Rittman\"]}\n"
    "{\"type\":\"person\",\"id\":\"p-r2\",\"names\":[\"Jonas Rittman\"]}\n"
    /* a namesake of Dana Testova only a confidential clearance sees */
    "{\"type\":\"person\",\"id\":\"p-dt\",\"names\":[\"Dana Testova\"]}\n"
    "{\"type\":\"person\",\"id\":\"p-dt2\",\"names\":[\"Testova Dana\"],"
    "\"confidentiality\":\"confidential\"}\n"
    "{\"type\":\"person\",\"id\":\"p-hid\",\"names\":[\"Zhanar Hiddenova\"],"
    "\"confidentiality\":\"internal\"}\n"
    /* one person in two records, merged: one person */
    "{\"type\":\"person\",\"id\":\"p-y1\",\"names\":[\"Yerlan Exampleov\"]}\n"
    "{\"type\":\"person\",\"id\":\"p-y2\",\"names\":[\"Yerlan Exampleov\"]}\n"
    /* an organization named like a person competes with nobody */
    "{\"type\":\"organization\",\"id\":\"o-am\",\"names\":[\"Aliya Mysalova\"]}\n";

static cw_db *people_db(void)
{
	char db_path[300], file[300];
	const char *files[1] = {file};
	struct io_import_opts o;
	struct io_import_counts c;
	cw_err e = CW_ERR_INIT;
	cw_db *db = NULL;

	path_in(db_path, sizeof(db_path), "link.db");
	path_in(file, sizeof(file), "people.jsonl");
	write_file(file, people, 0600);
	unlink(db_path);
	assert_int_equal(store_open(db_path, NULL, STORE_CREATE, &db, &e), 0);
	memset(&o, 0, sizeof(o));
	o.actor = "tester";
	assert_int_equal(io_import(db, files, 1, &o, &c, &e), 0);
	assert_int_equal(store_merge(db, "p-y2", "p-y1", CW_CONFIDENTIAL, "tester", &e),
	                 0);
	return db;
}

static void names(cw_db *db, int clearance, const char *text, const char *want)
{
	cw_arena a = CW_ARENA_INIT;
	cw_err e = CW_ERR_INIT;
	const char *id = "unset";

	assert_int_equal(ingest_link_person(db, clearance, text, &a, &id, &e), 0);
	if (want ? !id || strcmp(id, want) : id != NULL)
		fail_msg("'%s' at clearance %d names %s, want %s", text, clearance,
		         id ? id : "nobody", want ? want : "nobody");
	cw_arena_release(&a);
}

static void a_mention_names_the_one_person_holding_its_keys(void **state)
{
	cw_db *db = people_db();
	(void)state;
	/* any script, an initial, a case ending, word order */
	names(db, CW_CONFIDENTIAL, "Асқар Қайырбек", "p-kk");
	names(db, CW_CONFIDENTIAL, "K. Qaiyrbek", "p-kk");
	names(db, CW_CONFIDENTIAL, "Askar Kaiyrbek", "p-kk");
	names(db, CW_CONFIDENTIAL, "Қайырбека", "p-kk");
	names(db, CW_CONFIDENTIAL, "Аскара Кайырбека", "p-kk");
	names(db, CW_CONFIDENTIAL, "Mysalova Aliya", "p-am");
	names(db, CW_CONFIDENTIAL, "Aliya Mysalova's", "p-am");
	/* a name several people share names none of them; the whole name
	 * still tells them apart */
	names(db, CW_CONFIDENTIAL, "Rittman", NULL);
	names(db, CW_CONFIDENTIAL, "Mr Rittman", NULL);
	names(db, CW_CONFIDENTIAL, "Jonas Rittman", "p-r2");
	/* nobody of that name */
	names(db, CW_CONFIDENTIAL, "Gulnar Nobodyeva", NULL);
	names(db, CW_CONFIDENTIAL, "Ali", NULL); /* too short alone */
	names(db, CW_CONFIDENTIAL, "\xff\xfe", NULL);
	/* merged records are one person: the one they were merged into */
	names(db, CW_CONFIDENTIAL, "Yerlan Exampleov", "p-y1");
	store_close(db);
}

static void a_mention_names_only_whom_the_caller_may_see(void **state)
{
	cw_db *db = people_db();
	(void)state;
	names(db, CW_CONFIDENTIAL, "Zhanar Hiddenova", "p-hid");
	names(db, CW_INTERNAL, "Zhanar Hiddenova", "p-hid");
	names(db, CW_PUBLIC, "Zhanar Hiddenova", NULL);
	/* a namesake the caller cannot see neither shows nor hides anyone */
	names(db, CW_CONFIDENTIAL, "Dana Testova", NULL);
	names(db, CW_PUBLIC, "Dana Testova", "p-dt");
	store_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(request_header_names_size_and_date),
	    cmocka_unit_test(answers_are_framed),
	    cmocka_unit_test(gzip_is_told_by_its_magic),
	    cmocka_unit_test(walk_is_in_name_order_without_hidden_or_links),
	    cmocka_unit_test(walk_stops_at_its_depth),
	    cmocka_unit_test(media_types_are_the_formats),
	    cmocka_unit_test(a_mention_names_the_one_person_holding_its_keys),
	    cmocka_unit_test(a_mention_names_only_whom_the_caller_may_see),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
