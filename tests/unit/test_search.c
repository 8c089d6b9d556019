/* tests/unit/test_search.c: ingest workers (environment, limits, a worker
 * that crashes, stalls or answers garbage), the search query builder on
 * hostile input, and review excerpts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/buf.h"
#include "io/ingest.h"
#include "store/db.h"
#include "store/review.h"
#include "store/search.h"

static char dir[256];

static void path_in(char *out, size_t cap, const char *name)
{
	snprintf(out, cap, "%s/%s", dir, name);
}

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "%s/cwsearch-%d", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp",
	         (int)getpid());
	return mkdir(dir, 0700);
}

static int teardown(void **state)
{
	char cmd[400];
	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static void write_file(const char *path, const char *text, mode_t mode)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	assert_int_equal(chmod(path, mode), 0);
}

struct reports {
	int n;
	char last[1024];
};

static void on_report(void *arg, const char *file, const char *msg)
{
	struct reports *r = arg;
	(void)file;
	r->n++;
	snprintf(r->last, sizeof(r->last), "%s", msg);
}

/* Ingest one small article with worker_exe as the worker; returns the
 * counts and the last report. */
static void ingest_with(const char *worker, struct io_ingest_counts *c, struct reports *r)
{
	char db_path[300], art[300];
	cw_err e = CW_ERR_INIT;
	cw_db *db = NULL;
	struct io_ingest_opts o = { 0 };
	const char *paths[1] = { art };

	path_in(db_path, sizeof(db_path), "t.db");
	path_in(art, sizeof(art), "a.html");
	write_file(art, "<html><body><p>A fictional article.</p></body></html>", 0600);
	unlink(db_path);
	assert_int_equal(store_open(db_path, NULL, STORE_CREATE, &db, &e), 0);
	o.worker_exe = worker;
	o.wall_seconds = 1;
	o.actor = "tester";
	o.report = on_report;
	o.arg = r;
	memset(r, 0, sizeof(*r));
	assert_int_equal(io_ingest(db, paths, 1, &o, c, &e), 0);
	store_close(db);
}

static void worker_environment_is_scrubbed(void **state)
{
	const char *const *env = io_ingest_worker_env();
	(void)state;
	assert_string_equal(env[0], "PATH=/usr/bin:/bin");
	assert_string_equal(env[1], "LANG=C.UTF-8");
	assert_null(env[2]);
}

/* A stand-in worker checks what it was given and says so in its exit
 * status: no canary variable, the PATH we set, no inherited descriptor
 * 42, no file writes allowed. */
static void worker_gets_nothing_else(void **state)
{
	char w[300];
	struct io_ingest_counts c;
	struct reports r;
	int fd;
	(void)state;
	path_in(w, sizeof(w), "probe.sh");
	write_file(w,
	           "#!/bin/sh\n"
	           "[ -n \"$CW_CANARY$CASEWATCH_KEY$HOME\" ] && exit 3\n"
	           "[ \"$PATH\" = /usr/bin:/bin ] || exit 4\n"
	           "[ -e /proc/$$/fd/42 ] && exit 5\n"
	           "[ \"$(ulimit -f)\" = 0 ] || exit 6\n"
	           "[ \"$(ulimit -c)\" = 0 ] || exit 7\n"
	           "exit 9\n",
	           0700);
	setenv("CW_CANARY", "secret", 1);
	setenv("CASEWATCH_KEY", "not a real key", 1);
	fd = open("/dev/null", O_RDONLY);
	assert_int_equal(dup2(fd, 42), 42);
	ingest_with(w, &c, &r);
	close(42);
	close(fd);
	unsetenv("CW_CANARY");
	unsetenv("CASEWATCH_KEY");
	assert_int_equal(c.skipped, 1);
	assert_non_null(strstr(r.last, "status 9"));
}

static void crashing_worker_skips_the_file(void **state)
{
	char w[300];
	struct io_ingest_counts c;
	struct reports r;
	(void)state;
	path_in(w, sizeof(w), "crash.sh");
	write_file(w, "#!/bin/sh\nkill -SEGV $$\n", 0700);
	ingest_with(w, &c, &r);
	assert_int_equal(c.skipped, 1);
	assert_int_equal(c.created, 0);
	assert_non_null(strstr(r.last, "crashed"));
}

static void stalling_worker_times_out(void **state)
{
	char w[300];
	struct io_ingest_counts c;
	struct reports r;
	(void)state;
	path_in(w, sizeof(w), "stall.sh");
	write_file(w, "#!/bin/sh\nexec sleep 30\n", 0700);
	ingest_with(w, &c, &r);
	assert_int_equal(c.skipped, 1);
	assert_non_null(strstr(r.last, "took more than 1 s"));
}

static void garbage_answer_skips_the_file(void **state)
{
	char w[300];
	struct io_ingest_counts c;
	struct reports r;
	(void)state;
	path_in(w, sizeof(w), "garbage.sh");
	write_file(w, "#!/bin/sh\nhead -c 10 >/dev/null; echo '5 0 0'; printf 'nope!'; cat >/dev/null\n",
	           0700);
	ingest_with(w, &c, &r);
	assert_int_equal(c.skipped, 1);
	assert_non_null(strstr(r.last, "unreadable answer"));
	path_in(w, sizeof(w), "garbage2.sh");
	write_file(w, "#!/bin/sh\nyes hello | head -c 100000\n", 0700);
	ingest_with(w, &c, &r);
	assert_int_equal(c.skipped, 1);
	assert_non_null(strstr(r.last, "garbled"));
}

/* A worker is untrusted: the media type it gives a document must be one
 * a format declares (io/ingest_format.h). */
static void answering_worker(const char *path, const char *json)
{
	cw_buf s = CW_BUF_INIT;
	cw_buf_addf(&s,
	            "#!/bin/sh\n"
	            "while read -r size pub; do\n"
	            "  head -c \"$size\" >/dev/null\n"
	            "  printf '%%s 0 0\\n%%s' '%zu' '%s'\n"
	            "done\n",
	            strlen(json), json);
	write_file(path, s.data, 0700);
	cw_buf_release(&s);
}

static void unknown_media_type_skips_the_file(void **state)
{
	char w[300];
	struct io_ingest_counts c;
	struct reports r;
	(void)state;
	path_in(w, sizeof(w), "good.sh");
	answering_worker(w, "{\"title\":\"T\",\"text\":\"A note.\",\"media_type\":"
	                    "\"text/plain\",\"mentions\":[]}");
	ingest_with(w, &c, &r);
	assert_int_equal(c.created, 1);
	assert_int_equal(c.skipped, 0);
	path_in(w, sizeof(w), "evil.sh");
	answering_worker(w, "{\"title\":\"T\",\"text\":\"A note.\",\"media_type\":"
	                    "\"application/x-sh\",\"mentions\":[]}");
	ingest_with(w, &c, &r);
	assert_int_equal(c.created, 0);
	assert_int_equal(c.skipped, 1);
	assert_non_null(strstr(r.last, "incomplete answer"));
}

static void hostile_queries_never_break_fts(void **state)
{
	static const char *const queries[] = {
		"\"unbalanced", "AND OR NOT (", "NEAR(a b, 3)", "title:x", "{title body}: y",
		"a*b*", "***x", "^start", "\"\"\"", "x\" OR \"y", "-minus +plus", "Қайыр*",
		"\"phrase with * inside\"*", "col:umn:\"", ")(", "a AND", "OR", "'single'",
	};
	char db_path[300];
	cw_err e = CW_ERR_INIT;
	cw_db *db = NULL;
	(void)state;
	path_in(db_path, sizeof(db_path), "q.db");
	assert_int_equal(store_open(db_path, NULL, STORE_CREATE, &db, &e), 0);
	for (size_t i = 0; i < sizeof(queries) / sizeof(queries[0]); i++) {
		cw_err qe = CW_ERR_INIT;
		int rc = store_search(db, queries[i], NULL, 2, 10, NULL, NULL, &qe);
		/* no rows in an empty index; only "nothing to search for" may fail */
		if (rc)
			assert_non_null(strstr(qe.msg, "nothing to search for"));
	}
	{
		cw_err qe = CW_ERR_INIT;
		assert_int_equal(store_search(db, "( ) * \"", NULL, 2, 10, NULL, NULL, &qe), -1);
		assert_non_null(strstr(qe.msg, "bad query"));
		assert_int_equal(store_search(db, "\xff\xfe", NULL, 2, 10, NULL, NULL, &qe), -1);
		assert_non_null(strstr(qe.msg, "not valid UTF-8"));
	}
	store_close(db);
}

static void query_quotes_every_word(void **state)
{
	cw_buf b = CW_BUF_INIT;
	cw_err e = CW_ERR_INIT;
	(void)state;
	assert_int_equal(store_search_query("court \"supreme court\" gov*", &b, &e), 0);
	assert_non_null(strstr(b.data, "(\"court\""));
	assert_non_null(strstr(b.data, "(\"supreme court\""));
	assert_non_null(strstr(b.data, "(\"gov\" *"));
	cw_buf_reset(&b);
	assert_int_equal(store_search_query("x\"y", &b, &e), 0);
	assert_null(strstr(b.data, "\"y\"\""));
	cw_buf_release(&b);
}

static void excerpt_is_the_sentence(void **state)
{
	const char *text = "First sentence here. The court in Алматы sentenced Асқар Қайырбек "
	                   "to prison. Last one.\n\nAnother paragraph.";
	char *x = NULL;
	(void)state;
	/* "Асқар Қайырбек" starts at code point 52 */
	assert_int_equal(store_review_excerpt(text, 52, 66, &x), 0);
	assert_string_equal(x, "The court in Алматы sentenced Асқар Қайырбек to prison.");
	free(x);
	assert_int_equal(store_review_excerpt("line one\nline two", 10, 14, &x), 0);
	assert_string_equal(x, "line one line two");
	free(x);
	assert_int_equal(store_review_excerpt("short", 50, 60, &x), 0);
	free(x);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(worker_environment_is_scrubbed),
		cmocka_unit_test(worker_gets_nothing_else),
		cmocka_unit_test(crashing_worker_skips_the_file),
		cmocka_unit_test(stalling_worker_times_out),
		cmocka_unit_test(garbage_answer_skips_the_file),
		cmocka_unit_test(unknown_media_type_skips_the_file),
		cmocka_unit_test(hostile_queries_never_break_fts),
		cmocka_unit_test(query_quotes_every_word),
		cmocka_unit_test(excerpt_is_the_sentence),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
