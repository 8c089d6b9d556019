/* tests/unit/test_jsonrec.c: base/jsonrec (JSON Lines and arrays). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/jsonrec.h"
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

/* The next record: its line, raw text and "id" member. */
static void expect_rec(struct jsonrec_reader *r, long line, const char *raw,
                       const char *id)
{
	cw_err e = CW_ERR_INIT;
	json_t *o = NULL;

	assert_int_equal(jsonrec_next(r, &o, &e), 1);
	assert_non_null(o);
	assert_int_equal(r->line, line);
	assert_string_equal(r->raw.data, raw);
	assert_string_equal(json_string_value(json_object_get(o, "id")), id);
	json_decref(o);
}

static void expect_err(struct jsonrec_reader *r, enum cw_code code, int recoverable,
                       const char *msg)
{
	cw_err e = CW_ERR_INIT;
	json_t *o = (json_t *)1;

	assert_int_equal(jsonrec_next(r, &o, &e), -1);
	assert_null(o);
	assert_int_equal(e.code, code);
	assert_int_equal(r->recoverable, recoverable);
	assert_string_equal(e.msg, msg);
}

static void expect_end(struct jsonrec_reader *r)
{
	cw_err e = CW_ERR_INIT;
	json_t *o = NULL;

	assert_int_equal(jsonrec_next(r, &o, &e), 0);
	assert_null(o);
	assert_int_equal(jsonrec_next(r, &o, &e), 0);
}

static void json_lines(void **state)
{
	struct jsonrec_reader r;
	cw_err e = CW_ERR_INIT;
	FILE *f = file_of(S("\xEF\xBB\xBF{\"type\":\"person\",\"id\":\"p-1\"}\n"
	                    "\n   \n"
	                    "  {\"id\":\"p-2\", \"n\": 9007199254740993}  \r\n"
	                    "{\"id\":\"p-3\"}"));
	json_t *o = NULL;

	(void)state;
	assert_int_equal(jsonrec_open(&r, f, NULL, JSONREC_AUTO, &e), 0);
	assert_int_equal(r.format, JSONREC_LINES);
	expect_rec(&r, 1, "{\"type\":\"person\",\"id\":\"p-1\"}", "p-1");
	assert_int_equal(jsonrec_next(&r, &o, &e), 1);
	assert_int_equal(r.line, 4);
	assert_string_equal(r.raw.data, "{\"id\":\"p-2\", \"n\": 9007199254740993}");
	/* integers stay exact */
	assert_true(json_is_integer(json_object_get(o, "n")));
	assert_true(json_integer_value(json_object_get(o, "n")) == 9007199254740993LL);
	json_decref(o);
	expect_rec(&r, 5, "{\"id\":\"p-3\"}", "p-3");
	expect_end(&r);
	jsonrec_release(&r);
	jsonrec_release(&r);
	fclose(f);
}

static void bad_lines_are_recoverable(void **state)
{
	struct jsonrec_reader r;
	cw_err e = CW_ERR_INIT;
	FILE *f = file_of(S("{\"id\":\"p-1\"}\n"
	                    "{\"id\":\"p-2\",}\n"
	                    "[1,2]\n"
	                    "{\"id\":\"p-4\",\"id\":\"again\"}\n"
	                    "{\"id\":\"p-5\"\n"
	                    "{\"id\":\"p-6\"}\n"));

	(void)state;
	assert_int_equal(jsonrec_open(&r, f, NULL, JSONREC_AUTO, &e), 0);
	expect_rec(&r, 1, "{\"id\":\"p-1\"}", "p-1");
	/* jansson points at the last character of the offending token */
	expect_err(&r, CW_EINVAL, 1,
	           "line 2, column 13: string or '}' expected near '}'");
	assert_string_equal(r.raw.data, "{\"id\":\"p-2\",}"); /* as it was */
	expect_err(&r, CW_EINVAL, 1, "line 3: record is not an object");
	assert_string_equal(r.raw.data, "[1,2]");
	expect_err(&r, CW_EINVAL, 1,
	           "line 4, column 16: duplicate object key near '\"id\"'");
	expect_err(&r, CW_EINVAL, 1, "line 5, column 11: '}' expected near end of file");
	expect_rec(&r, 6, "{\"id\":\"p-6\"}", "p-6");
	expect_end(&r);
	jsonrec_release(&r);
	fclose(f);
}

static void array_streams_elements(void **state)
{
	struct jsonrec_reader r;
	cw_err e = CW_ERR_INIT;
	FILE *f = file_of(S("\n  [\n"
	                    "  {\"id\": \"p-1\",\n"
	                    "   \"names\": [\"A, \\\"B\\\"]\", \"}\"]\n"
	                    "  },\n"
	                    "  {\"id\":\"p-2\"}  ,{\"id\":\"p-3\",\n\"x\":{\"y\":[[]]}}\n"
	                    "]\n\n"));

	(void)state;
	assert_int_equal(jsonrec_open(&r, f, NULL, JSONREC_AUTO, &e), 0);
	assert_int_equal(r.format, JSONREC_ARRAY);
	expect_rec(&r, 3,
	           "{\"id\": \"p-1\",\n   \"names\": [\"A, \\\"B\\\"]\", \"}\"]\n  }",
	           "p-1");
	expect_rec(&r, 6, "{\"id\":\"p-2\"}", "p-2");
	expect_rec(&r, 6, "{\"id\":\"p-3\",\n\"x\":{\"y\":[[]]}}", "p-3");
	expect_end(&r);
	jsonrec_release(&r);
	fclose(f);

	f = file_of(S("[]"));
	assert_int_equal(jsonrec_open(&r, f, NULL, JSONREC_AUTO, &e), 0);
	expect_end(&r);
	jsonrec_release(&r);
	fclose(f);
}

static void array_errors(void **state)
{
	struct jsonrec_reader r;
	cw_err e = CW_ERR_INIT;
	FILE *f = file_of(S("[{\"id\":\"p-1\"},\n"
	                    " {\"id\":\n  \"p-2\" \"x\"},\n"
	                    " 42,\n"
	                    " {\"id\":\"p-4\"}\n"
	                    "] trailing"));

	(void)state;
	assert_int_equal(jsonrec_open(&r, f, NULL, JSONREC_ARRAY, &e), 0);
	expect_rec(&r, 1, "{\"id\":\"p-1\"}", "p-1");
	expect_err(&r, CW_EINVAL, 1, "line 3, column 11: '}' expected near '\"x\"'");
	assert_string_equal(r.raw.data, "{\"id\":\n  \"p-2\" \"x\"}");
	expect_err(&r, CW_EINVAL, 1, "line 4: record is not an object");
	expect_rec(&r, 5, "{\"id\":\"p-4\"}", "p-4");
	expect_err(&r, CW_EINVAL, 0, "line 6: data after the end of the array");
	expect_err(&r, CW_EINVAL, 0, "line 6: data after the end of the array");
	jsonrec_release(&r);
	fclose(f);

	f = file_of(S("[{\"id\":\"p-1\"},\n{\"id\":\"p-2\"}\n"));
	assert_int_equal(jsonrec_open(&r, f, NULL, JSONREC_AUTO, &e), 0);
	expect_rec(&r, 1, "{\"id\":\"p-1\"}", "p-1");
	expect_err(&r, CW_EINVAL, 0,
	           "line 2: the record starting here is not terminated (missing ']'?)");
	jsonrec_release(&r);
	fclose(f);

	f = file_of(S("[{\"id\":\"p-1\"}}]"));
	assert_int_equal(jsonrec_open(&r, f, NULL, JSONREC_AUTO, &e), 0);
	expect_err(&r, CW_EINVAL, 0, "line 1: unexpected '}'");
	jsonrec_release(&r);
	fclose(f);

	f = file_of(S("[{\"id\":\"p-1\"},]"));
	assert_int_equal(jsonrec_open(&r, f, NULL, JSONREC_AUTO, &e), 0);
	expect_rec(&r, 1, "{\"id\":\"p-1\"}", "p-1");
	expect_err(&r, CW_EINVAL, 0, "line 1: ']' after ',' (a missing record)");
	jsonrec_release(&r);
	fclose(f);

	f = file_of(S("[\n{\"id\":\"p-1\"},\n\n"));
	assert_int_equal(jsonrec_open(&r, f, NULL, JSONREC_AUTO, &e), 0);
	expect_rec(&r, 2, "{\"id\":\"p-1\"}", "p-1");
	expect_err(&r, CW_EINVAL, 0, "line 4: unterminated array (missing ']')");
	jsonrec_release(&r);
	fclose(f);

	f = file_of(S("\n{\"id\":\"p-1\"}\n"));
	assert_int_equal(jsonrec_open(&r, f, NULL, JSONREC_ARRAY, &e), -1);
	assert_string_equal(e.msg, "line 2: expected '[' (a JSON array)");
	fclose(f);
}

static void deep_nesting_fails_cleanly(void **state)
{
	struct jsonrec_reader r;
	cw_err e = CW_ERR_INIT;
	size_t depth = 100000;
	FILE *f = tmpfile();
	char msg[128];

	(void)state;
	/* JSON Lines: an unterminated 100000-deep line, then a good one */
	for (size_t i = 0; i < depth; i++)
		fputc('[', f);
	fputs("\n{\"id\":\"p-2\"}\n", f);
	rewind(f);
	assert_int_equal(jsonrec_open(&r, f, NULL, JSONREC_LINES, &e), 0);
	snprintf(msg, sizeof(msg), "line 1: nested deeper than %d levels",
	         JSONREC_MAX_DEPTH);
	expect_err(&r, CW_ELIMIT, 1, msg);
	expect_rec(&r, 2, "{\"id\":\"p-2\"}", "p-2");
	expect_end(&r);
	jsonrec_release(&r);
	fclose(f);

	/* an array: a balanced 100000-deep element is skipped whole */
	f = tmpfile();
	fputs("[{\"id\":\"p-1\"},\n{\"x\":", f);
	for (size_t i = 0; i < depth; i++)
		fputs("{\"a\":[", f);
	for (size_t i = 0; i < depth; i++)
		fputs("]}", f);
	fputs("},\n{\"id\":\"p-3\"}]", f);
	rewind(f);
	assert_int_equal(jsonrec_open(&r, f, NULL, JSONREC_AUTO, &e), 0);
	expect_rec(&r, 1, "{\"id\":\"p-1\"}", "p-1");
	snprintf(msg, sizeof(msg), "line 2: nested deeper than %d levels",
	         JSONREC_MAX_DEPTH);
	expect_err(&r, CW_ELIMIT, 1, msg);
	expect_rec(&r, 3, "{\"id\":\"p-3\"}", "p-3");
	expect_end(&r);
	jsonrec_release(&r);
	fclose(f);

	/* an unterminated one cannot be skipped */
	f = tmpfile();
	for (size_t i = 0; i < depth; i++)
		fputc('[', f);
	rewind(f);
	assert_int_equal(jsonrec_open(&r, f, NULL, JSONREC_AUTO, &e), 0);
	snprintf(msg, sizeof(msg), "line 1: nested deeper than %d levels",
	         JSONREC_MAX_DEPTH);
	expect_err(&r, CW_ELIMIT, 1, msg);
	expect_err(&r, CW_EINVAL, 0,
	           "line 1: the record starting here is not terminated (missing ']'?)");
	jsonrec_release(&r);
	fclose(f);

	/* just under our limit, jansson parses it */
	f = tmpfile();
	fputs("{\"id\":\"deep\",\"x\":", f);
	for (int i = 0; i < JSONREC_MAX_DEPTH - 1; i++)
		fputc('[', f);
	for (int i = 0; i < JSONREC_MAX_DEPTH - 1; i++)
		fputc(']', f);
	fputs("}\n", f);
	rewind(f);
	assert_int_equal(jsonrec_open(&r, f, NULL, JSONREC_AUTO, &e), 0);
	{
		json_t *o = NULL;
		assert_int_equal(jsonrec_next(&r, &o, &e), 1);
		json_decref(o);
	}
	jsonrec_release(&r);
	fclose(f);
}

static void huge_strings_and_records(void **state)
{
	struct jsonrec_reader r;
	cw_err e = CW_ERR_INIT;
	size_t big = 50u << 20, chunk = 1u << 20;
	char *buf = malloc(chunk);
	FILE *f = tmpfile();

	(void)state;
	assert_non_null(buf);
	memset(buf, 'x', chunk);
	/* a 50 MB string in a line, then a 20 MB record of 512 KB strings */
	fputs("{\"id\":\"p-1\",\"note\":\"", f);
	for (size_t i = 0; i < big / chunk; i++)
		assert_int_equal(fwrite(buf, 1, chunk, f), chunk);
	fputs("\"}\n{\"id\":\"p-2\"}\n{\"id\":\"p-3\"", f);
	for (int i = 0; i < 40; i++) {
		fprintf(f, ",\"k%d\":\"", i);
		assert_int_equal(fwrite(buf, 1, chunk / 2, f), chunk / 2);
		fputc('"', f);
	}
	fputs("}\n{\"id\":\"p-4\"}\n", f);
	free(buf);
	rewind(f);
	assert_int_equal(jsonrec_open(&r, f, NULL, JSONREC_AUTO, &e), 0);
	expect_err(&r, CW_ELIMIT, 1, "line 1: string longer than 1048576 bytes");
	assert_true(r.raw.len <= CW_MAX_RECORD);
	expect_rec(&r, 2, "{\"id\":\"p-2\"}", "p-2");
	expect_err(&r, CW_ELIMIT, 1, "line 3: record longer than 16777216 bytes");
	expect_rec(&r, 4, "{\"id\":\"p-4\"}", "p-4");
	expect_end(&r);
	jsonrec_release(&r);
	fclose(f);
}

static void empty_binary_and_encodings(void **state)
{
	struct jsonrec_reader r;
	cw_err e = CW_ERR_INIT;
	static const struct {
		const char *in;
		size_t n;
		const char *msg;
	} cases[] = {
	    {"", 0, "empty file"},
	    {"\xEF\xBB\xBF", 3, "empty file"},
	    {" \n\t\r\n", 5, "empty file"},
	    {"\x00\x00\x00\x01", 4, "binary file (NUL byte on line 1)"},
	    {"{\"a\":1}\n\x00", 9, "binary file (NUL byte on line 2)"},
	    {"{\"id\":\"\xC3\x28\"}", 11,
	     "line 1: invalid UTF-8 at byte offset 7 (use --encoding)"},
	};
	FILE *f;

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		json_t *o = NULL;
		int rc;

		f = file_of(cases[i].in, cases[i].n);
		rc = jsonrec_open(&r, f, NULL, JSONREC_AUTO, &e);
		if (rc == 0) {
			while ((rc = jsonrec_next(&r, &o, &e)) == 1)
				json_decref(o);
			jsonrec_release(&r);
		}
		assert_int_equal(rc, -1);
		assert_int_equal(e.code, CW_EINVAL);
		assert_string_equal(e.msg, cases[i].msg);
		fclose(f);
	}

	/* cp1251 JSON Lines: {"id":"Иван"} */
	f = file_of(S("{\"id\":\"\xC8\xE2\xE0\xED\"}\n"));
	assert_int_equal(jsonrec_open(&r, f, "cp1251", JSONREC_AUTO, &e), 0);
	expect_rec(&r, 1, "{\"id\":\"\xD0\x98\xD0\xB2\xD0\xB0\xD0\xBD\"}",
	           "\xD0\x98\xD0\xB2\xD0\xB0\xD0\xBD");
	expect_end(&r);
	jsonrec_release(&r);
	fclose(f);
}

/* Records across the reader's 64 KB chunks, with escapes and brackets in
 * strings on the boundaries. */
static void records_across_chunk_boundaries(void **state)
{
	struct jsonrec_reader r;
	cw_err e = CW_ERR_INIT;
	FILE *f = tmpfile();
	int n = 20000;

	(void)state;
	fputs("[", f);
	for (int i = 0; i < n; i++)
		fprintf(
		    f, "%s\n {\"id\":\"p-%d\",\"s\":\"],}\\\"\\\\\",\n  \"a\":[[{}],%d]}",
		    i ? "," : "", i, i);
	fputs("\n]\n", f);
	rewind(f);
	assert_int_equal(jsonrec_open(&r, f, NULL, JSONREC_AUTO, &e), 0);
	for (int i = 0; i < n; i++) {
		json_t *o = NULL;
		char id[32];

		assert_int_equal(jsonrec_next(&r, &o, &e), 1);
		assert_int_equal(r.line, 2 + 2 * i);
		snprintf(id, sizeof(id), "p-%d", i);
		assert_string_equal(json_string_value(json_object_get(o, "id")), id);
		assert_string_equal(json_string_value(json_object_get(o, "s")),
		                    "],}\"\\");
		assert_int_equal(
		    json_integer_value(json_array_get(json_object_get(o, "a"), 1)), i);
		json_decref(o);
	}
	expect_end(&r);
	jsonrec_release(&r);
	fclose(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(json_lines),
	    cmocka_unit_test(bad_lines_are_recoverable),
	    cmocka_unit_test(array_streams_elements),
	    cmocka_unit_test(array_errors),
	    cmocka_unit_test(deep_nesting_fails_cleanly),
	    cmocka_unit_test(huge_strings_and_records),
	    cmocka_unit_test(empty_binary_and_encodings),
	    cmocka_unit_test(records_across_chunk_boundaries),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
