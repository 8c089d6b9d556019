/* tests/unit/test_encoding.c: base/encoding (UTF-8 checking, conversion). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/encoding.h"

static FILE *file_of(const char *s, size_t n)
{
	FILE *f = tmpfile();

	assert_non_null(f);
	assert_int_equal(fwrite(s, 1, n, f), n);
	rewind(f);
	return f;
}

/* Read all of (s, n) in `enc` with reads of `cap` bytes into out;
 * returns 0 or -1 (error in e). */
static int read_all(const char *s, size_t n, const char *enc, size_t cap, cw_buf *out,
                    cw_err *e)
{
	struct enc_reader r;
	FILE *f = file_of(s, n);
	char *buf = malloc(cap);
	ssize_t k;
	int rc = -1;

	assert_non_null(buf);
	if (enc_reader_open(&r, f, enc, e))
		goto out;
	while ((k = enc_reader_read(&r, buf, cap, e)) > 0)
		assert_int_equal(cw_buf_add(out, buf, (size_t)k), 0);
	rc = k < 0 ? -1 : 0;
	enc_reader_release(&r);
out:
	free(buf);
	fclose(f);
	return rc;
}

#define S(lit) lit, sizeof(lit) - 1

static void utf8_passes_and_bom_is_skipped(void **state)
{
	cw_buf out = CW_BUF_INIT;
	cw_err e = CW_ERR_INIT;

	(void)state;
	assert_int_equal(
	    read_all(S("\xEF\xBB\xBFid,name\n1,\xD0\x90\n"), NULL, 4096, &out, &e), 0);
	assert_string_equal(out.data, "id,name\n1,\xD0\x90\n");
	cw_buf_reset(&out);
	assert_int_equal(read_all(S("x\xEF\xBB\xBF"), "UTF-8", 4096, &out, &e), 0);
	assert_string_equal(out.data, "x\xEF\xBB\xBF"); /* only at the start */
	cw_buf_release(&out);
}

static void invalid_utf8_names_line_and_offset(void **state)
{
	cw_buf out = CW_BUF_INIT;
	cw_err e = CW_ERR_INIT;

	(void)state;
	assert_int_equal(read_all(S("a\nbc\n\xFF\n"), NULL, 4096, &out, &e), -1);
	assert_int_equal(e.code, CW_EINVAL);
	assert_string_equal(e.msg,
	                    "line 3: invalid UTF-8 at byte offset 5 (use --encoding)");
	cw_buf_reset(&out);
	/* overlong encoding of '/', after a BOM (offsets count the BOM) */
	assert_int_equal(read_all(S("\xEF\xBB\xBF"
	                            "ok\n\xC0\xAF"),
	                          NULL, 4096, &out, &e),
	                 -1);
	assert_string_equal(e.msg,
	                    "line 2: invalid UTF-8 at byte offset 6 (use --encoding)");
	cw_buf_reset(&out);
	assert_int_equal(read_all(S("ab\xD0"), NULL, 4096, &out, &e), -1);
	assert_string_equal(e.msg,
	                    "line 1: truncated UTF-8 at byte offset 2 (use --encoding)");
	cw_buf_release(&out);
}

static void sequences_split_across_reads(void **state)
{
	cw_buf in = CW_BUF_INIT, out = CW_BUF_INIT;
	cw_err e = CW_ERR_INIT;
	size_t caps[] = {4, 5, 7, 4096, 65536};

	(void)state;
	/* "П" (2 bytes), "€" (3), "😀" (4) straddling the 64 KB input buffer */
	for (size_t i = 0; i < (64u << 10) - 3; i++)
		assert_int_equal(cw_buf_addch(&in, 'a'), 0);
	for (int i = 0; i < 1000; i++)
		assert_int_equal(
		    cw_buf_adds(&in, "\xD0\x9F\xE2\x82\xAC\xF0\x9F\x98\x80\n"), 0);
	for (size_t c = 0; c < sizeof(caps) / sizeof(caps[0]); c++) {
		cw_buf_reset(&out);
		assert_int_equal(read_all(in.data, in.len, NULL, caps[c], &out, &e), 0);
		assert_int_equal(out.len, in.len);
		assert_memory_equal(out.data, in.data, in.len);
	}
	cw_buf_release(&in);
	cw_buf_release(&out);
}

static void single_byte_encodings_convert(void **state)
{
	cw_buf out = CW_BUF_INIT;
	cw_err e = CW_ERR_INIT;

	(void)state;
	/* "Привет" in cp1251 */
	assert_int_equal(
	    read_all(S("\xCF\xF0\xE8\xE2\xE5\xF2\n"), "cp1251", 4096, &out, &e), 0);
	assert_string_equal(out.data,
	                    "\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82\n");
	cw_buf_reset(&out);
	assert_int_equal(read_all(S("\xCF\xF0\xE8"), "Windows-1251", 4, &out, &e), 0);
	assert_string_equal(out.data, "\xD0\x9F\xD1\x80\xD0\xB8");
	cw_buf_reset(&out);
	/* "Привет" in KOI8-R */
	assert_int_equal(
	    read_all(S("\xF0\xD2\xC9\xD7\xC5\xD4"), "koi8-r", 4096, &out, &e), 0);
	assert_string_equal(out.data, "\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82");
	cw_buf_reset(&out);
	assert_int_equal(read_all(S("caf\xE9"), "latin1", 4096, &out, &e), 0);
	assert_string_equal(out.data, "caf\xC3\xA9");
	cw_buf_reset(&out);
	/* 0x98 is unassigned in cp1251 */
	assert_int_equal(read_all(S("a\nb\n\x98"), "cp1251", 4096, &out, &e), -1);
	assert_int_equal(e.code, CW_EINVAL);
	assert_string_equal(
	    e.msg, "line 3: invalid cp1251 at byte offset 4 (wrong --encoding?)");
	cw_buf_release(&out);
}

static void utf16_with_bom(void **state)
{
	cw_buf out = CW_BUF_INIT;
	cw_err e = CW_ERR_INIT;

	(void)state;
	/* little-endian BOM, "A", "П", "\n" */
	assert_int_equal(read_all(S("\xFF\xFE"
	                            "A\x00\x1F\x04\n\x00"),
	                          "utf-16", 4096, &out, &e),
	                 0);
	assert_string_equal(out.data, "A\xD0\x9F\n");
	cw_buf_reset(&out);
	assert_int_equal(read_all(S("\xFF\xFE"
	                            "A\x00\x1F\x04"),
	                          "utf-16le", 4096, &out, &e),
	                 0);
	assert_string_equal(out.data, "A\xD0\x9F");
	cw_buf_reset(&out);
	assert_int_equal(read_all(S("\xFE\xFF\x00"
	                            "A"),
	                          "UTF-16", 4096, &out, &e),
	                 0);
	assert_string_equal(out.data, "A");
	cw_buf_reset(&out);
	/* an odd byte at the end */
	assert_int_equal(read_all(S("\xFF\xFE"
	                            "A\x00"
	                            "B"),
	                          "utf-16", 4096, &out, &e),
	                 -1);
	assert_string_equal(e.msg, "line 1: truncated utf-16 character at end of file");
	cw_buf_reset(&out);
	/* U+0000 in UTF-16 is still a binary file */
	assert_int_equal(read_all(S("\xFF\xFE"
	                            "A\x00\n\x00\x00\x00"),
	                          "utf-16", 4096, &out, &e),
	                 -1);
	assert_string_equal(e.msg, "binary file (NUL byte on line 2)");
	cw_buf_release(&out);
}

static void nul_bytes_mean_binary(void **state)
{
	cw_buf out = CW_BUF_INIT;
	cw_err e = CW_ERR_INIT;

	(void)state;
	assert_int_equal(read_all(S("ab\ncd\x00"
	                            "ef"),
	                          NULL, 4096, &out, &e),
	                 -1);
	assert_int_equal(e.code, CW_EINVAL);
	assert_string_equal(e.msg, "binary file (NUL byte on line 2)");
	cw_buf_reset(&out);
	/* a PNG-like header: binary, not "invalid UTF-8" */
	assert_int_equal(
	    read_all(S("\x89PNG\r\n\x1A\n\x00\x00\x00\x0DIHDR"), NULL, 4096, &out, &e),
	    -1);
	assert_string_equal(e.msg, "binary file (NUL byte on line 3)");
	cw_buf_release(&out);
}

static void known_encodings(void **state)
{
	struct enc_reader r;
	cw_err e = CW_ERR_INIT;

	(void)state;
	assert_true(enc_known(NULL));
	assert_true(enc_known("utf-8"));
	assert_true(enc_known("UTF8"));
	assert_true(enc_known("cp1251"));
	assert_true(enc_known("windows-1251"));
	assert_true(enc_known("KOI8-R"));
	assert_true(enc_known("iso-8859-1"));
	assert_true(enc_known("utf-16"));
	assert_false(enc_known("klingon"));
	assert_false(enc_known("a-very-long-name-that-is-no-encoding-at-all"));
	assert_int_equal(enc_reader_open(&r, stdin, "klingon", &e), -1);
	assert_int_equal(e.code, CW_EUSAGE);
	assert_string_equal(e.msg, "unknown encoding 'klingon'");
	enc_reader_release(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(utf8_passes_and_bom_is_skipped),
	    cmocka_unit_test(invalid_utf8_names_line_and_offset),
	    cmocka_unit_test(sequences_split_across_reads),
	    cmocka_unit_test(single_byte_encodings_convert),
	    cmocka_unit_test(utf16_with_bom),
	    cmocka_unit_test(nul_bytes_mean_binary),
	    cmocka_unit_test(known_encodings),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
