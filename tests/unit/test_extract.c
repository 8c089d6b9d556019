/* tests/unit/test_extract.c: extract/ (encodings, text vs HTML, furniture,
 * gzip, metadata, pathological inputs). Expected values are written by
 * hand; fixtures live in tests/data/extract/. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h> /* after the headers it needs */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zlib.h>

#include "base/buf.h"
#include "base/limits.h"
#include "extract/article.h"
#include "extract/extract_int.h"

/* "Суд приговорил активиста к двум годам ограничения свободы." */
#define RU_UTF8                                                                          \
	"\xD0\xA1\xD1\x83\xD0\xB4 "                                                      \
	"\xD0\xBF\xD1\x80\xD0\xB8\xD0\xB3\xD0\xBE\xD0\xB2\xD0\xBE\xD1"                   \
	"\x80\xD0\xB8\xD0\xBB "                                                          \
	"\xD0\xB0\xD0\xBA\xD1\x82\xD0\xB8\xD0\xB2\xD0\xB8\xD1\x81\xD1\x82"               \
	"\xD0\xB0 \xD0\xBA \xD0\xB4\xD0\xB2\xD1\x83\xD0\xBC "                            \
	"\xD0\xB3\xD0\xBE\xD0\xB4\xD0\xB0"                                               \
	"\xD0\xBC "                                                                      \
	"\xD0\xBE\xD0\xB3\xD1\x80\xD0\xB0\xD0\xBD\xD0\xB8\xD1\x87\xD0\xB5\xD0\xBD\xD0"   \
	"\xB8\xD1\x8F \xD1\x81\xD0\xB2\xD0\xBE\xD0\xB1\xD0\xBE\xD0\xB4\xD1\x8B."
#define RU_CP1251                                                                        \
	"\xD1\xF3\xE4\x20\xEF\xF0\xE8\xE3\xEE\xE2\xEE\xF0\xE8\xEB\x20\xE0\xEA\xF2\xE8"   \
	"\xE2\xE8"                                                                       \
	"\xF1\xF2\xE0\x20\xEA\x20\xE4\xE2\xF3\xEC\x20\xE3\xEE\xE4\xE0\xEC\x20\xEE\xE3"   \
	"\xF0\xE0"                                                                       \
	"\xED\xE8\xF7\xE5\xED\xE8\xFF\x20\xF1\xE2\xEE\xE1\xEE\xE4\xFB\x2E"
#define RU_KOI8                                                                          \
	"\xF3\xD5\xC4\x20\xD0\xD2\xC9\xC7\xCF\xD7\xCF\xD2\xC9\xCC\x20\xC1\xCB\xD4\xC9"   \
	"\xD7\xC9"                                                                       \
	"\xD3\xD4\xC1\x20\xCB\x20\xC4\xD7\xD5\xCD\x20\xC7\xCF\xC4\xC1\xCD\x20\xCF\xC7"   \
	"\xD2\xC1"                                                                       \
	"\xCE\xC9\xDE\xC5\xCE\xC9\xD1\x20\xD3\xD7\xCF\xC2\xCF\xC4\xD9\x2E"

static char *read_fixture(const char *name, size_t *len)
{
	const char *dir = getenv("CW_SOURCE_DIR");
	char path[1024];
	FILE *f;
	char *buf;
	long n;

	snprintf(path, sizeof(path), "%s/tests/data/extract/%s", dir ? dir : ".", name);
	f = fopen(path, "rb");
	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	assert_true(n >= 0);
	rewind(f);
	buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0';
	fclose(f);
	*len = (size_t)n;
	return buf;
}

/* Remove one trailing newline (fixture files end with one). */
static void chomp(char *s)
{
	size_t n = strlen(s);
	if (n > 0 && s[n - 1] == '\n')
		s[n - 1] = '\0';
}

static void extract_ok(const char *data, size_t len, struct cw_article *a)
{
	cw_err e = CW_ERR_INIT;
	int rc = extract_article(data, len, NULL, a, &e);
	if (rc)
		fprintf(stderr, "extract_article: %s\n", e.msg);
	assert_int_equal(rc, 0);
	assert_non_null(a->text);
}

static void cp1251_undeclared_text(void **state)
{
	struct cw_article a;
	(void)state;
	extract_ok(RU_CP1251, strlen(RU_CP1251), &a);
	assert_int_equal(a.is_html, 0);
	assert_string_equal(a.text, RU_UTF8);
	assert_string_equal(a.language, "ru");
	cw_article_release(&a);
}

static void cp1251_undeclared_html(void **state)
{
	const char *page =
	    "<html><head><title>x</title></head><body><p>" RU_CP1251 "</p></body></html>";
	struct cw_article a;
	(void)state;
	extract_ok(page, strlen(page), &a);
	assert_int_equal(a.is_html, 1);
	assert_string_equal(a.text, RU_UTF8);
	cw_article_release(&a);
}

static void koi8r_undeclared(void **state)
{
	const char *page = "<html><body><div><p>" RU_KOI8 "</p></div></body></html>";
	struct cw_article a;
	struct extract_input in;
	cw_err e = CW_ERR_INIT;
	(void)state;
	extract_ok(page, strlen(page), &a);
	assert_string_equal(a.text, RU_UTF8);
	cw_article_release(&a);
	/* The guess itself names KOI8-R. */
	cw_buf_init(&in.text, 0);
	assert_int_equal(extract_decode(RU_KOI8, strlen(RU_KOI8), &in, &e), 0);
	assert_int_equal(in.enc, EXTRACT_ENC_KOI8R);
	assert_string_equal(in.charset, "KOI8-R");
	cw_buf_release(&in.text);
}

static void declared_meta_charset(void **state)
{
	/* Declared Latin-1: "Café crème brûlée, señor." */
	const char *latin =
	    "<html><head><meta http-equiv=\"Content-Type\" "
	    "content=\"text/html; charset=ISO-8859-1\"></head><body><p>"
	    "\x43\x61\x66\xE9\x20\x63\x72\xE8\x6D\x65\x20\x62\x72\xFB\x6C\xE9"
	    "\x65\x2C\x20\x73\x65\xF1\x6F\x72\x2E</p></body></html>";
	/* Declared KOI8-R via <meta charset>. */
	const char *koi = "<html><head><meta charset=\"koi8-r\"></head><body><p>" RU_KOI8
	                  "</p></body></html>";
	char cs[40];
	struct cw_article a;
	(void)state;
	assert_int_equal(extract_declared_charset(latin, strlen(latin), cs, sizeof(cs)),
	                 1);
	assert_string_equal(cs, "iso-8859-1");
	extract_ok(latin, strlen(latin), &a);
	assert_string_equal(a.text, "Caf\xC3\xA9 cr\xC3\xA8me br\xC3\xBBl\xC3\xA9"
	                            "e, se\xC3\xB1or.");
	cw_article_release(&a);
	extract_ok(koi, strlen(koi), &a);
	assert_string_equal(a.text, RU_UTF8);
	cw_article_release(&a);
}

static void byte_order_marks(void **state)
{
	/* UTF-8 BOM + text; UTF-16LE BOM + "Привет". */
	const char utf8bom[] = "\xEF\xBB\xBFPlain text after a byte-order mark.";
	const char utf16[] = "\xFF\xFE\x1F\x04\x40\x04\x38\x04\x32\x04\x35\x04\x42\x04";
	struct cw_article a;
	(void)state;
	extract_ok(utf8bom, sizeof(utf8bom) - 1, &a);
	assert_string_equal(a.text, "Plain text after a byte-order mark.");
	cw_article_release(&a);
	extract_ok(utf16, sizeof(utf16) - 1, &a);
	assert_string_equal(a.text, "\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82");
	cw_article_release(&a);
}

static void text_vs_html(void **state)
{
	static const struct {
		const char *in;
		int html;
	} cases[] = {
	    {"<!DOCTYPE html><p>x</p>", 1},
	    {"  \n<html><body>hello</body></html>", 1},
	    {"<div><p>One</p><p>Two</p><br></div>", 1},
	    {"Plain text where 3 < 4 and 5 > 2.\nSecond line.", 0},
	    {"Breaking News\nA court in Almaty ruled today.", 0},
	    {"<b>bold</b> claims", 0}, /* one tag does not make a page */
	};
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_int_equal(extract_looks_html(cases[i].in, strlen(cases[i].in)),
		                 cases[i].html);
}

static void html_article_and_metadata(void **state)
{
	size_t len, elen;
	char *page = read_fixture("article.html", &len);
	char *expected = read_fixture("article.txt", &elen);
	struct cw_article a;
	(void)state;
	chomp(expected);
	extract_ok(page, len, &a);
	assert_string_equal(a.text, expected);
	assert_string_equal(a.title, "Court extends detention of activist");
	assert_string_equal(a.published, "2021-07-07");
	assert_string_equal(a.author, "Jane Example");
	assert_string_equal(a.language, "en");
	assert_string_equal(a.url,
	                    "https://news.example.org/2021/07/court-extends-detention");
	assert_null(strstr(a.text, "comment"));
	assert_null(strstr(a.text, "newsletter"));
	assert_null(strstr(a.text, "tracking"));
	cw_article_release(&a);
	/* url_hint wins over the canonical link. */
	{
		cw_err e = CW_ERR_INIT;
		assert_int_equal(
		    extract_article(page, len, "https://mirror.example/x", &a, &e), 0);
		assert_string_equal(a.url, "https://mirror.example/x");
		cw_article_release(&a);
	}
	free(page);
	free(expected);
}

/* An old table layout in windows-1251 (declared): the menu and ad cells
 * are left out, <br><br> separates paragraphs. */
static void table_layout_cp1251(void **state)
{
	size_t len, elen;
	char *page = read_fixture("table_cp1251.html", &len);
	char *expected = read_fixture("table_cp1251.txt", &elen);
	struct cw_article a;
	(void)state;
	chomp(expected);
	extract_ok(page, len, &a);
	assert_string_equal(a.text, expected);
	/* "Суд продлил арест активиста" */
	assert_string_equal(a.title,
	                    "\xD0\xA1\xD1\x83\xD0\xB4 \xD0\xBF\xD1\x80\xD0\xBE\xD0\xB4"
	                    "\xD0\xBB\xD0\xB8\xD0\xBB \xD0\xB0\xD1\x80\xD0\xB5\xD1\x81"
	                    "\xD1\x82 \xD0\xB0\xD0\xBA\xD1\x82\xD0\xB8\xD0\xB2\xD0\xB8"
	                    "\xD1\x81\xD1\x82\xD0\xB0");
	assert_string_equal(a.language, "ru");
	free(page);
	free(expected);
	cw_article_release(&a);
}

static void flattened_text_furniture(void **state)
{
	size_t len, elen;
	char *text = read_fixture("flattened.txt", &len);
	char *expected = read_fixture("flattened.expected.txt", &elen);
	struct cw_article a;
	(void)state;
	chomp(expected);
	extract_ok(text, len, &a);
	assert_int_equal(a.is_html, 0);
	assert_string_equal(a.text, expected);
	assert_string_equal(a.title,
	                    "Activist Sentenced To Restricted Freedom In Almaty");
	free(text);
	free(expected);
	cw_article_release(&a);
}

static size_t gzip_mem(const char *in, size_t len, unsigned char *out, size_t cap)
{
	z_stream zs;
	memset(&zs, 0, sizeof(zs));
	assert_int_equal(
	    deflateInit2(&zs, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY),
	    Z_OK);
	zs.next_in = (unsigned char *)in;
	zs.avail_in = (uInt)len;
	zs.next_out = out;
	zs.avail_out = (uInt)cap;
	assert_int_equal(deflate(&zs, Z_FINISH), Z_STREAM_END);
	deflateEnd(&zs);
	return cap - zs.avail_out;
}

static void gzip_input(void **state)
{
	size_t len, elen, zlen;
	char *page = read_fixture("article.html", &len);
	char *expected = read_fixture("article.txt", &elen);
	unsigned char *z = malloc(len + 1024);
	struct cw_article a;
	cw_err e = CW_ERR_INIT;
	(void)state;
	chomp(expected);
	zlen = gzip_mem(page, len, z, len + 1024);
	extract_ok((const char *)z, zlen, &a);
	assert_string_equal(a.text, expected);
	cw_article_release(&a);
	/* Cut the stream in half: a clear error, not a partial article. */
	assert_int_equal(extract_article((const char *)z, zlen / 2, NULL, &a, &e), -1);
	assert_int_equal(e.code, CW_EINVAL);
	assert_string_equal(e.msg, "truncated gzip stream");
	assert_null(a.text);
	free(z);
	free(page);
	free(expected);
}

static void binary_and_oversize(void **state)
{
	static const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10";
	unsigned char noise[4096];
	struct cw_article a;
	cw_err e = CW_ERR_INIT;
	char *big;
	uint32_t x = 12345;
	(void)state;
	assert_int_equal(extract_article(png, sizeof(png) - 1, NULL, &a, &e), -1);
	assert_int_equal(e.code, CW_EINVAL);
	for (size_t i = 0; i < sizeof(noise); i++) {
		x = x * 1103515245u + 12345u;
		noise[i] = (unsigned char)(x >> 16);
	}
	cw_err_clear(&e);
	assert_int_equal(
	    extract_article((const char *)noise, sizeof(noise), NULL, &a, &e), -1);
	assert_int_equal(e.code, CW_EINVAL);
	assert_non_null(strstr(e.msg, "binary"));
	/* One byte over the document limit. */
	big = malloc(CW_MAX_DOCUMENT + 1u);
	assert_non_null(big);
	memset(big, 'a', CW_MAX_DOCUMENT + 1u);
	cw_err_clear(&e);
	assert_int_equal(extract_article(big, CW_MAX_DOCUMENT + 1u, NULL, &a, &e), -1);
	assert_int_equal(e.code, CW_ELIMIT);
	free(big);
}

static double seconds_since(const struct timespec *t0)
{
	struct timespec t1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) +
	       (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

static void deep_nesting(void **state)
{
	const int depth = 10000;
	const char *para = "<p>The only paragraph, deep inside, with a comma.</p>";
	cw_buf b = CW_BUF_INIT;
	struct cw_article a;
	struct timespec t0;
	(void)state;
	cw_buf_adds(&b, "<html><body>");
	for (int i = 0; i < depth; i++)
		cw_buf_adds(&b, "<div>");
	cw_buf_adds(&b, para);
	for (int i = 0; i < depth; i++)
		cw_buf_adds(&b, "</div>");
	cw_buf_adds(&b, "</body></html>");
	clock_gettime(CLOCK_MONOTONIC, &t0);
	extract_ok(b.data, b.len, &a);
	/* Bounded: generous enough for sanitizer builds on a busy machine. */
	assert_true(seconds_since(&t0) < 20.0);
	assert_string_equal(a.text, "The only paragraph, deep inside, with a comma.");
	cw_article_release(&a);
	/* Unclosed nesting of mixed elements, ten times deeper. */
	cw_buf_reset(&b);
	for (int i = 0; i < 10 * depth; i++)
		cw_buf_adds(&b, i % 2 ? "<span>" : "<div>");
	cw_buf_adds(&b, "end of the page");
	clock_gettime(CLOCK_MONOTONIC, &t0);
	extract_ok(b.data, b.len, &a);
	assert_true(seconds_since(&t0) < 20.0);
	assert_non_null(strstr(a.text, "end of the page"));
	cw_article_release(&a);
	cw_buf_release(&b);
}

static void huge_single_line(void **state)
{
	const size_t n = 20u << 20;
	char *s = malloc(n + 64);
	struct cw_article a;
	struct timespec t0;
	(void)state;
	assert_non_null(s);
	for (size_t i = 0; i < n; i += 5)
		memcpy(s + i, "word ", 5);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	extract_ok(s, n, &a); /* as text */
	assert_true(seconds_since(&t0) < 30.0);
	assert_int_equal(a.is_html, 0);
	assert_int_equal(strlen(a.text), n - 1); /* trailing space trimmed */
	cw_article_release(&a);
	/* The same line inside one HTML paragraph. */
	memcpy(s, "<html><body><p>", 15);
	memcpy(s + n - 18, "</p></body></html>", 18);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	extract_ok(s, n, &a);
	assert_true(seconds_since(&t0) < 30.0);
	assert_int_equal(a.is_html, 1);
	assert_true(strlen(a.text) > n - 100);
	cw_article_release(&a);
	free(s);
}

static void dates_normalized(void **state)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
	    {"2021-07-07T09:30:00+06:00", "2021-07-07"},
	    {"2019/11/25", "2019-11-25"},
	    {"07.07.2021", "2021-07-07"},
	    {"November 25, 2019", "2019-11-25"},
	    {"25 Nov 2019", "2019-11-25"},
	    {"2019-07", "2019-07"},
	    {"20190707", "2019-07-07"},
	    {"2019-13-45", NULL},
	    {"yesterday", NULL},
	};
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *d = extract_norm_date(cases[i].in);
		if (cases[i].out) {
			assert_non_null(d);
			assert_string_equal(d, cases[i].out);
		} else {
			assert_null(d);
		}
		free(d);
	}
}

static void languages_guessed(void **state)
{
	(void)state;
	assert_string_equal(extract_guess_language(RU_UTF8, strlen(RU_UTF8)), "ru");
	/* "Сот белсендіге екі жыл бас бостандығын шектеу жазасын тағайындады." */
	{
		const char *kk =
		    "\xD0\xA1\xD0\xBE\xD1\x82 \xD0\xB1\xD0\xB5\xD0\xBB\xD1\x81\xD0\xB5"
		    "\xD0\xBD\xD0\xB4\xD1\x96\xD0\xB3\xD0\xB5 \xD0\xB5\xD0\xBA\xD1\x96 "
		    "\xD0\xB6\xD1\x8B\xD0\xBB \xD0\xB1\xD0\xB0\xD1\x81 \xD0\xB1\xD0\xBE"
		    "\xD1\x81\xD1\x82\xD0\xB0\xD0\xBD\xD0\xB4\xD1\x8B\xD2\x93\xD1\x8B"
		    "\xD0\xBD \xD1\x88\xD0\xB5\xD0\xBA\xD1\x82\xD0\xB5\xD1\x83 \xD0\xB6"
		    "\xD0\xB0\xD0\xB7\xD0\xB0\xD1\x81\xD1\x8B\xD0\xBD \xD1\x82\xD0\xB0"
		    "\xD2\x93\xD0\xB0\xD0\xB9\xD1\x8B\xD0\xBD\xD0\xB4\xD0\xB0\xD0\xB4"
		    "\xD1\x8B.";
		assert_string_equal(extract_guess_language(kk, strlen(kk)), "kk");
	}
	{
		const char *en =
		    "The court said that the activist was detained and that the case "
		    "is under review with the prosecutor.";
		const char *de =
		    "Das Gericht hat die Haft verl\xC3\xA4ngert und der Anwalt ist mit "
		    "der Entscheidung nicht einverstanden, sagte er.";
		const char *pl = "S\xC4\x85"
		                 "d przed\xC5\x82u\xC5\xBCy\xC5\x82 areszt, a adwokat "
		                 "m\xC3\xB3wi, \xC5\xBC"
		                 "e nie jest to zgodne z prawem i \xC5\xBC"
		                 "e si\xC4\x99 odwo\xC5\x82"
		                 "a do s\xC4\x85"
		                 "du.";
		assert_string_equal(extract_guess_language(en, strlen(en)), "en");
		assert_string_equal(extract_guess_language(de, strlen(de)), "de");
		assert_string_equal(extract_guess_language(pl, strlen(pl)), "pl");
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(cp1251_undeclared_text),
	    cmocka_unit_test(cp1251_undeclared_html),
	    cmocka_unit_test(koi8r_undeclared),
	    cmocka_unit_test(declared_meta_charset),
	    cmocka_unit_test(byte_order_marks),
	    cmocka_unit_test(text_vs_html),
	    cmocka_unit_test(html_article_and_metadata),
	    cmocka_unit_test(table_layout_cp1251),
	    cmocka_unit_test(flattened_text_furniture),
	    cmocka_unit_test(gzip_input),
	    cmocka_unit_test(binary_and_oversize),
	    cmocka_unit_test(deep_nesting),
	    cmocka_unit_test(huge_single_line),
	    cmocka_unit_test(dates_normalized),
	    cmocka_unit_test(languages_guessed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
