/* tests/unit/test_import.c: io/import.c's diagnostics: each bad record
 * reported with its file, line, column, field, severity and code apart
 * (no front end parses message text), and what is not a bad record (a
 * read error, an unknown encoding) failing the import with its own code. */
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

#include "io/import.h"
#include "store/record.h"

static char dir[256], db_path[300];

struct seen {
	struct io_diag d[16];
	char text[16][3][256]; /* file, field, message: copied, they live only in the call */
	int n;
};

static void on_diag(void *arg, const struct io_diag *d)
{
	struct seen *s = arg;
	if (s->n == 16)
		return;
	s->d[s->n] = *d;
	snprintf(s->text[s->n][0], 256, "%s", d->file);
	snprintf(s->text[s->n][1], 256, "%s", d->field ? d->field : "");
	snprintf(s->text[s->n][2], 256, "%s", d->message);
	s->n++;
}

static int setup(void **state)
{
	cw_err e = CW_ERR_INIT;
	cw_db *db = NULL;
	(void)state;
	snprintf(dir, sizeof(dir), "%s/cwimport-%d", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp",
	         (int)getpid());
	mkdir(dir, 0700);
	snprintf(db_path, sizeof(db_path), "%s/t.db", dir);
	assert_int_equal(store_open(db_path, NULL, STORE_CREATE, &db, &e), 0);
	store_close(db);
	return 0;
}

static int teardown(void **state)
{
	char cmd[600];
	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
	return 0;
}

static const char *write_file(const char *name, const char *text)
{
	static char p[16][400];
	static int k;
	char *out = p[k++ % 16];
	FILE *f;

	snprintf(out, 400, "%s/%s", dir, name);
	f = fopen(out, "wb");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	return out;
}

/* Import one file; the return value of io_import, with e and s filled. */
static int import(const char *file, struct io_import_opts *o, struct seen *s, cw_err *e)
{
	const char *files[1] = { file };
	struct io_import_counts c;
	cw_db *db = NULL;
	int rc;

	memset(s, 0, sizeof(*s));
	o->actor = "tester";
	o->diag = on_diag;
	o->report_arg = s;
	assert_int_equal(store_open(db_path, NULL, 0, &db, e), 0);
	rc = io_import(db, files, 1, o, &c, e);
	store_close(db);
	return rc;
}

static void is_diag(const struct seen *s, int i, long line, long column, const char *field,
                    enum io_severity sev, const char *message)
{
	assert_true(i < s->n);
	assert_int_equal(s->d[i].line, line);
	assert_int_equal(s->d[i].column, column);
	assert_string_equal(s->text[i][1], field ? field : "");
	assert_true(field ? s->d[i].field != NULL : s->d[i].field == NULL);
	assert_int_equal(s->d[i].severity, sev);
	assert_string_equal(s->text[i][2], message);
}

static void bad_records_come_in_parts(void **state)
{
	struct io_import_opts o = { 0 };
	struct seen s;
	cw_err e = CW_ERR_INIT;
	const char *f;
	(void)state;

	/* malformed JSON: the line and column of the parser */
	f = write_file("m.jsonl", "{\"type\":\"person\",\"id\":\"p-1\",\"names\":[\"A\"]}\n"
	                          "{\"type\":\"person\",\"id\":\"p-2\",\"names\":[\"B\" }\n");
	assert_int_equal(import(f, &o, &s, &e), -1);
	assert_int_equal(e.code, CW_EINVAL);
	assert_string_equal(e.msg, "nothing imported: 1 bad record");
	assert_int_equal(s.n, 1);
	assert_string_equal(s.text[0][0], f);
	is_diag(&s, 0, 2, 42, NULL, IO_ERROR, "']' expected near '}'");
	assert_int_equal(s.d[0].code, CW_EINVAL);

	/* a field's value, a missing reference, an unknown nested field */
	f = write_file("f.jsonl",
	               "{\"type\":\"person\",\"id\":\"p-3\",\"names\":[\"C\"],\"born\":\"2019-13\"}\n"
	               "{\"type\":\"event\",\"id\":\"e-1\",\"case\":\"c-none\",\"kind\":\"detained\"}\n"
	               "{\"type\":\"event\",\"id\":\"e-2\",\"case\":\"c-none\",\"kind\":\"sentenced\","
	               "\"sentence\":{\"kind\":\"prison\",\"years\":2}}\n");
	assert_int_equal(import(f, &o, &s, &e), -1);
	assert_int_equal(s.n, 3);
	is_diag(&s, 0, 1, 0, "born", IO_ERROR, "'2019-13': impossible date (no month 13)");
	is_diag(&s, 1, 3, 0, "sentence.years", IO_ERROR, "unknown field");
	is_diag(&s, 2, 2, 0, "case", IO_ERROR, "no record 'c-none'"); /* checked last */

	f = write_file("d.jsonl",
	               "{\"type\":\"event\",\"id\":\"e-1\",\"case\":\"c-none\",\"kind\":\"detained\"}\n");
	assert_int_equal(import(f, &o, &s, &e), -1);
	assert_int_equal(s.n, 1);
	is_diag(&s, 0, 1, 0, "case", IO_ERROR, "no record 'c-none'");

	/* CSV: a row with the wrong field count, the reader's line */
	o.type = "person";
	f = write_file("p.csv", "id,names\np-4,D\np-5,E,extra\n");
	assert_int_equal(import(f, &o, &s, &e), -1);
	assert_int_equal(s.n, 1);
	is_diag(&s, 0, 3, 0, NULL, IO_ERROR, "3 fields, the header has 2");
	o.type = NULL;
}

/* A foreign CSV's unmapped column is a warning; the import goes on. */
static void warnings_are_not_errors(void **state)
{
	struct io_import_opts o = { 0 };
	struct seen s;
	cw_err e = CW_ERR_INIT;
	const char *f;
	(void)state;

	o.type = "person";
	o.map = "id=ID,names=Name";
	f = write_file("w.csv", "ID,Name,Shoe size\nw-1,Warned Person,42\n");
	assert_int_equal(import(f, &o, &s, &e), 0);
	assert_int_equal(s.n, 1);
	is_diag(&s, 0, 1, 0, NULL, IO_WARNING, "column 'Shoe size' is not in --map: ignored");
}

/* Past max_errors, one note says the rest is not shown. */
static void too_many_errors_are_noted(void **state)
{
	struct io_import_opts o = { 0 };
	struct seen s;
	cw_err e = CW_ERR_INIT;
	const char *f;
	(void)state;

	o.max_errors = 2;
	f = write_file("n.jsonl", "{\"type\":\"persn\"}\n{\"type\":\"persn\"}\n{\"type\":\"persn\"}\n");
	assert_int_equal(import(f, &o, &s, &e), -1);
	assert_string_equal(e.msg, "nothing imported: 3 bad records");
	assert_int_equal(s.n, 3);
	is_diag(&s, 0, 1, 0, "type", IO_ERROR, "unknown type 'persn'");
	is_diag(&s, 1, 2, 0, "type", IO_ERROR, "unknown type 'persn'");
	is_diag(&s, 2, 0, 0, NULL, IO_NOTE, "too many errors; not showing more");
}

/* A read error and an unknown encoding are not bad records: no
 * diagnostic, not rejected with --skip-bad, and the import fails with
 * their code. */
static void other_failures_keep_their_code(void **state)
{
	struct io_import_opts o = { 0 };
	struct seen s;
	cw_err e = CW_ERR_INIT;
	char rejects[400];
	const char *f;
	(void)state;

	assert_int_equal(import(dir, &o, &s, &e), -1); /* a folder: read() fails */
	assert_int_equal(e.code, CW_EIO);
	assert_non_null(strstr(e.msg, "read error"));
	assert_int_equal(s.n, 0);

	snprintf(rejects, sizeof(rejects), "%s/rejects.txt", dir);
	o.skip_bad = true;
	o.rejects = fopen(rejects, "w");
	assert_non_null(o.rejects);
	assert_int_equal(import(dir, &o, &s, &e), -1);
	assert_int_equal(e.code, CW_EIO);
	assert_int_equal(ftell(o.rejects), 0);
	fclose(o.rejects);
	o.skip_bad = false;
	o.rejects = NULL;

	f = write_file("ok.jsonl", "{\"type\":\"person\",\"id\":\"p-9\",\"names\":[\"F\"]}\n");
	o.encoding = "no-such-encoding";
	assert_int_equal(import(f, &o, &s, &e), -1);
	assert_int_equal(e.code, CW_EUSAGE);
	assert_int_equal(s.n, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(bad_records_come_in_parts),
		cmocka_unit_test(warnings_are_not_errors),
		cmocka_unit_test(too_many_errors_are_noted),
		cmocka_unit_test(other_failures_keep_their_code),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
