/* tests/unit/test_csv.c: base/csv (streaming CSV reader). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "base/csv.h"
#include "base/limits.h"

static FILE *file_of(const char *s, size_t n)
{
	FILE *f = tmpfile();

	assert_non_null(f);
	assert_int_equal(fwrite(s, 1, n, f), n);
	rewind(f);
	return f;
}

#define S(lit) lit, sizeof(lit) - 1

static void expect_row(struct csv_reader *r, long line, size_t n, const char *const *want)
{
	cw_err e = CW_ERR_INIT;
	size_t len;

	assert_int_equal(csv_next(r, &e), 1);
	assert_int_equal(r->line, line);
	assert_int_equal(r->nfields, n);
	for (size_t i = 0; i < n; i++) {
		const char *v = csv_field(r, i, &len);
		assert_non_null(v);
		assert_string_equal(v, want[i]);
		assert_int_equal(len, strlen(want[i]));
	}
	assert_null(csv_field(r, n, NULL));
}

static void expect_end(struct csv_reader *r)
{
	cw_err e = CW_ERR_INIT;

	assert_int_equal(csv_next(r, &e), 0);
	assert_int_equal(csv_next(r, &e), 0);
}

static void quoting_and_embedded_newlines(void **state)
{
	struct csv_reader r;
	cw_err e = CW_ERR_INIT;
	FILE *f = file_of(S("id,name,note\n"
	                    "p-1,\"Mysalova, Aliya\",\"said \"\"no\"\"\"\n"
	                    "p-2,\"two\nlines\",\n"
	                    ",,\"\"\n"
	                    "p-4,plain,\"\n\n\"\n"
	                    "p-5,last,no newline"));

	(void)state;
	assert_int_equal(csv_open(&r, f, NULL, ',', &e), 0);
	assert_int_equal(r.nheader, 3);
	assert_string_equal(r.header[0], "id");
	assert_string_equal(r.header[1], "name");
	assert_string_equal(r.header[2], "note");
	expect_row(&r, 2, 3,
	           (const char *const[]){"p-1", "Mysalova, Aliya", "said \"no\""});
	expect_row(&r, 3, 3, (const char *const[]){"p-2", "two\nlines", ""});
	expect_row(&r, 5, 3, (const char *const[]){"", "", ""});
	expect_row(&r, 6, 3, (const char *const[]){"p-4", "plain", "\n\n"});
	expect_row(&r, 9, 3, (const char *const[]){"p-5", "last", "no newline"});
	expect_end(&r);
	assert_string_equal(r.header[1], "name"); /* header outlives rows */
	csv_release(&r);
	csv_release(&r);
	fclose(f);
}

static void crlf_blank_lines_and_delimiters(void **state)
{
	struct csv_reader r;
	cw_err e = CW_ERR_INIT;
	FILE *f = file_of(S("a;b\r\n1;\"x\r\ny\"\r\n\r\n\n2;z\r\n\r\n"));

	(void)state;
	assert_int_equal(csv_open(&r, f, NULL, ';', &e), 0);
	assert_int_equal(r.nheader, 2);
	assert_string_equal(r.header[1], "b");
	/* CRLF inside quotes is kept as it is */
	expect_row(&r, 2, 2, (const char *const[]){"1", "x\r\ny"});
	expect_row(&r, 6, 2, (const char *const[]){"2", "z"});
	expect_end(&r);
	csv_release(&r);
	fclose(f);

	f = file_of(S("a\tb\n1\t2,3\n"));
	assert_int_equal(csv_open(&r, f, NULL, '\t', &e), 0);
	expect_row(&r, 2, 2, (const char *const[]){"1", "2,3"});
	expect_end(&r);
	csv_release(&r);
	fclose(f);

	/* default delimiter is ',' */
	f = file_of(S("a,b\n1,2\n"));
	assert_int_equal(csv_open(&r, f, NULL, 0, &e), 0);
	expect_row(&r, 2, 2, (const char *const[]){"1", "2"});
	csv_release(&r);
	fclose(f);
}

static void cp1251_excel_export(void **state)
{
	struct csv_reader r;
	cw_err e = CW_ERR_INIT;
	/* "id;ФИО\r\np-1;Иванов Иван\r\n" in cp1251, as Excel (ru) saves it */
	FILE *f = file_of(
	    S("id;\xD4\xC8\xCE\r\np-1;\xC8\xE2\xE0\xED\xEE\xE2 \xC8\xE2\xE0\xED\r\n"));

	(void)state;
	assert_int_equal(csv_open(&r, f, "cp1251", ';', &e), 0);
	assert_string_equal(r.header[1], "\xD0\xA4\xD0\x98\xD0\x9E");
	expect_row(&r, 2, 2,
	           (const char *const[]){
	               "p-1", "\xD0\x98\xD0\xB2\xD0\xB0\xD0\xBD\xD0\xBE\xD0\xB2 "
	                      "\xD0\x98\xD0\xB2\xD0\xB0\xD0\xBD"});
	expect_end(&r);
	csv_release(&r);
	fclose(f);
}

static void bom_is_not_part_of_the_header(void **state)
{
	struct csv_reader r;
	cw_err e = CW_ERR_INIT;
	FILE *f = file_of(S("\xEF\xBB\xBFid,name\np-1,A\n"));

	(void)state;
	assert_int_equal(csv_open(&r, f, NULL, ',', &e), 0);
	assert_string_equal(r.header[0], "id");
	expect_row(&r, 2, 2, (const char *const[]){"p-1", "A"});
	csv_release(&r);
	fclose(f);
}

static void unbalanced_quote_names_its_line(void **state)
{
	struct csv_reader r;
	cw_err e = CW_ERR_INIT;
	FILE *f = file_of(S("id,note\np-1,ok\np-2,\"starts here\nand\nnever ends\n"));

	(void)state;
	assert_int_equal(csv_open(&r, f, NULL, ',', &e), 0);
	expect_row(&r, 2, 2, (const char *const[]){"p-1", "ok"});
	assert_int_equal(csv_next(&r, &e), -1);
	assert_int_equal(e.code, CW_EINVAL);
	assert_false(r.recoverable);
	assert_string_equal(e.msg,
	                    "line 3: unbalanced quote (the quoted field starts here)");
	cw_err_clear(&e);
	assert_int_equal(csv_next(&r, &e), -1); /* sticky */
	assert_string_equal(e.msg,
	                    "line 3: unbalanced quote (the quoted field starts here)");
	csv_release(&r);
	fclose(f);
}

static void stray_quotes_are_errors(void **state)
{
	struct csv_reader r;
	cw_err e = CW_ERR_INIT;
	FILE *f = file_of(S("id,note\np-1,ok\np-2,5\" tall\n"));

	(void)state;
	assert_int_equal(csv_open(&r, f, NULL, ',', &e), 0);
	expect_row(&r, 2, 2, (const char *const[]){"p-1", "ok"});
	assert_int_equal(csv_next(&r, &e), -1);
	assert_string_equal(
	    e.msg, "line 3: stray quote in unquoted field (quote the whole field)");
	assert_false(r.recoverable);
	csv_release(&r);
	fclose(f);

	f = file_of(S("id,note\n\"p-1\"x,ok\n"));
	assert_int_equal(csv_open(&r, f, NULL, ',', &e), 0);
	assert_int_equal(csv_next(&r, &e), -1);
	assert_string_equal(e.msg, "line 2: unexpected character after a closing quote");
	csv_release(&r);
	fclose(f);
}

static void field_count_mismatch_is_recoverable(void **state)
{
	struct csv_reader r;
	cw_err e = CW_ERR_INIT;
	FILE *f = file_of(S("a,b,c\n1,2,3\n1,2\n\"x\ny\",2,3,4\n7,8,9\n"));

	(void)state;
	assert_int_equal(csv_open(&r, f, NULL, ',', &e), 0);
	expect_row(&r, 2, 3, (const char *const[]){"1", "2", "3"});
	assert_int_equal(csv_next(&r, &e), -1);
	assert_true(r.recoverable);
	assert_string_equal(e.msg, "line 3: 2 fields, the header has 3");
	assert_int_equal(csv_next(&r, &e), -1);
	assert_true(r.recoverable);
	assert_string_equal(e.msg, "line 4: 4 fields, the header has 3");
	expect_row(&r, 6, 3, (const char *const[]){"7", "8", "9"});
	expect_end(&r);
	csv_release(&r);
	fclose(f);
}

static void invalid_utf8_names_its_line(void **state)
{
	struct csv_reader r;
	cw_err e = CW_ERR_INIT;
	FILE *f = file_of(S("id,name\np-1,A\np-2,\"B\nC\xE9\"\n"));

	(void)state;
	assert_int_equal(csv_open(&r, f, NULL, ',', &e), 0);
	expect_row(&r, 2, 2, (const char *const[]){"p-1", "A"});
	assert_int_equal(csv_next(&r, &e), -1);
	assert_int_equal(e.code, CW_EINVAL);
	assert_string_equal(e.msg,
	                    "line 4: invalid UTF-8 at byte offset 22 (use --encoding)");
	assert_false(r.recoverable);
	csv_release(&r);
	fclose(f);
}

static void empty_and_binary_files(void **state)
{
	struct csv_reader r;
	cw_err e = CW_ERR_INIT;
	static const struct {
		const char *in;
		size_t n;
		const char *msg;
	} cases[] = {
	    {"", 0, "empty file"},
	    {"\xEF\xBB\xBF", 3, "empty file"},
	    {"\n\r\n\n", 4, "empty file"},
	    {"id,name\np-1,\x00\x01\x02", 15, "binary file (NUL byte on line 2)"},
	    {"\x7F"
	     "ELF\x02\x01\x01\x00\x00",
	     9, "binary file (NUL byte on line 1)"},
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		FILE *f = file_of(cases[i].in, cases[i].n);
		int rc = csv_open(&r, f, NULL, ',', &e);
		if (rc == 0) { /* the header was fine; the error comes with a row */
			rc = csv_next(&r, &e);
			csv_release(&r);
		}
		assert_int_equal(rc, -1);
		assert_int_equal(e.code, CW_EINVAL);
		assert_string_equal(e.msg, cases[i].msg);
		fclose(f);
	}
}

static long maxrss_kb(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

/* A 50 MB field: a limit error, the row skipped, memory stays small. */
static void huge_field_is_a_limit(void **state)
{
	struct csv_reader r;
	cw_err e = CW_ERR_INIT;
	size_t chunk = 1u << 20;
	char *buf = malloc(chunk);
	FILE *f = tmpfile();
	long before;

	(void)state;
	assert_non_null(buf);
	assert_non_null(f);
	memset(buf, 'x', chunk);
	fputs("id,note\np-1,\"", f);
	for (int i = 0; i < 50; i++)
		assert_int_equal(fwrite(buf, 1, chunk, f), chunk);
	fputs("\"\np-2,small\n", f);
	/* the same without quotes */
	fputs("p-3,", f);
	for (int i = 0; i < 50; i++)
		assert_int_equal(fwrite(buf, 1, chunk, f), chunk);
	fputs("\np-4,end\n", f);
	free(buf);
	rewind(f);

	before = maxrss_kb();
	assert_int_equal(csv_open(&r, f, NULL, ',', &e), 0);
	assert_int_equal(csv_next(&r, &e), -1);
	assert_int_equal(e.code, CW_ELIMIT);
	assert_true(r.recoverable);
	assert_string_equal(e.msg, "line 2: field 'note' longer than 1048576 bytes");
	expect_row(&r, 3, 2, (const char *const[]){"p-2", "small"});
	assert_int_equal(csv_next(&r, &e), -1);
	assert_int_equal(e.code, CW_ELIMIT);
	assert_string_equal(e.msg, "line 4: field 'note' longer than 1048576 bytes");
	expect_row(&r, 5, 2, (const char *const[]){"p-4", "end"});
	expect_end(&r);
	csv_release(&r);
	fclose(f);
	/* a field buffer of at most 2 MB, never the 50 MB */
	assert_true(maxrss_kb() - before < 20 * 1024);
}

/* Many fields under the field limit that add up past the record limit. */
static void huge_record_is_a_limit(void **state)
{
	struct csv_reader r;
	cw_err e = CW_ERR_INIT;
	size_t fl = 512u << 10;
	char *buf = malloc(fl);
	FILE *f = tmpfile();

	(void)state;
	assert_non_null(buf);
	memset(buf, 'y', fl);
	fputs("a\n", f);
	for (int i = 0; i < 40; i++) { /* 20 MB in one row */
		if (i)
			fputc(',', f);
		assert_int_equal(fwrite(buf, 1, fl, f), fl);
	}
	fputs("\nok\n", f);
	free(buf);
	rewind(f);
	assert_int_equal(csv_open(&r, f, NULL, ',', &e), 0);
	assert_int_equal(csv_next(&r, &e), -1);
	assert_int_equal(e.code, CW_ELIMIT);
	assert_true(r.recoverable);
	assert_string_equal(e.msg, "line 2: record longer than 16777216 bytes");
	expect_row(&r, 3, 1, (const char *const[]){"ok"});
	expect_end(&r);
	csv_release(&r);
	fclose(f);
}

static void many_empty_fields_are_a_limit(void **state)
{
	struct csv_reader r;
	cw_err e = CW_ERR_INIT;
	FILE *f = tmpfile();

	(void)state;
	fputs("a\n", f);
	for (int i = 0; i < CSV_MAX_FIELDS + 5; i++)
		fputc(',', f);
	fputs("\nz\n", f);
	rewind(f);
	assert_int_equal(csv_open(&r, f, NULL, ',', &e), 0);
	assert_int_equal(csv_next(&r, &e), -1);
	assert_int_equal(e.code, CW_ELIMIT);
	assert_string_equal(e.msg, "line 2: more than 16384 fields");
	assert_true(r.recoverable);
	expect_row(&r, 3, 1, (const char *const[]){"z"});
	csv_release(&r);
	fclose(f);
}

/* Rows across the reader's 64 KB chunks: every state (CR before LF, a
 * doubled quote, a quoted newline) falls on a chunk boundary somewhere. */
static void rows_across_chunk_boundaries(void **state)
{
	struct csv_reader r;
	cw_err e = CW_ERR_INIT;
	FILE *f = tmpfile();
	char want[64];
	int n = 20000;

	(void)state;
	fputs("id,text,end\r\n", f);
	for (int i = 0; i < n; i++)
		fprintf(f, "%d,\"a,\r\n\"\"%d\"\"\",%s\r\n", i, i % 7,
		        i % 3 ? "e" : "\"e\"\"\"");
	rewind(f);
	assert_int_equal(csv_open(&r, f, NULL, ',', &e), 0);
	for (int i = 0; i < n; i++) {
		size_t len;
		char id[16];

		assert_int_equal(csv_next(&r, &e), 1);
		assert_int_equal(r.line, 2 + 2 * i);
		assert_int_equal(r.nfields, 3);
		snprintf(id, sizeof(id), "%d", i);
		assert_string_equal(csv_field(&r, 0, NULL), id);
		snprintf(want, sizeof(want), "a,\r\n\"%d\"", i % 7);
		assert_string_equal(csv_field(&r, 1, &len), want);
		assert_int_equal(len, strlen(want));
		assert_string_equal(csv_field(&r, 2, NULL), i % 3 ? "e" : "e\"");
	}
	expect_end(&r);
	csv_release(&r);
	fclose(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(quoting_and_embedded_newlines),
	    cmocka_unit_test(crlf_blank_lines_and_delimiters),
	    cmocka_unit_test(cp1251_excel_export),
	    cmocka_unit_test(bom_is_not_part_of_the_header),
	    cmocka_unit_test(unbalanced_quote_names_its_line),
	    cmocka_unit_test(stray_quotes_are_errors),
	    cmocka_unit_test(field_count_mismatch_is_recoverable),
	    cmocka_unit_test(invalid_utf8_names_its_line),
	    cmocka_unit_test(empty_and_binary_files),
	    cmocka_unit_test(huge_field_is_a_limit),
	    cmocka_unit_test(huge_record_is_a_limit),
	    cmocka_unit_test(many_empty_fields_are_a_limit),
	    cmocka_unit_test(rows_across_chunk_boundaries),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
