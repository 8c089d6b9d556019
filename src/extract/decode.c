/* extract/decode.c: raw bytes -> UTF-8 document.
 *
 * Order of decisions: gunzip (magic 1f 8b) under CW_MAX_DOCUMENT; a UTF-16
 * or UTF-8 byte-order mark; binary input (NUL and control bytes, known
 * binary magic numbers) is refused; valid UTF-8 is taken as UTF-8 whatever
 * the page declares (mis-declared UTF-8 pages are common, while real
 * single-byte text is practically never valid UTF-8); otherwise the
 * declared charset; otherwise a guess between windows-1251, KOI8-R and
 * windows-1252 from the distribution of the high bytes. */
#include "extract/extract_int.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unicode/ucnv.h>
#include <zlib.h>

#include "base/limits.h"
#include "base/utf8.h"

#define SNIFF_LEN (64u * 1024)    /* bytes looked at for binary/HTML checks */
#define CHARSET_SCAN (16u * 1024) /* bytes searched for a declared charset */

static int gunzip(const unsigned char *data, size_t len, cw_buf *out, cw_err *e)
{
	z_stream zs;
	unsigned char chunk[64 * 1024];
	int rc = -1, zrc = Z_OK;

	memset(&zs, 0, sizeof(zs));
	if (inflateInit2(&zs, 16 + MAX_WBITS) != Z_OK)
		return cw_err_set(e, CW_ENOMEM, "cannot start gzip decoder");
	zs.next_in = (unsigned char *)data;
	zs.avail_in = (uInt)(len > UINT32_MAX ? UINT32_MAX : len);
	for (;;) {
		zs.next_out = chunk;
		zs.avail_out = sizeof(chunk);
		zrc = inflate(&zs, Z_NO_FLUSH);
		if (zrc != Z_OK && zrc != Z_STREAM_END && zrc != Z_BUF_ERROR) {
			cw_err_set(e, CW_EINVAL, "corrupt gzip stream");
			goto out;
		}
		if (out->len + (sizeof(chunk) - zs.avail_out) > CW_MAX_DOCUMENT) {
			cw_err_set(e, CW_ELIMIT, "document over %u MB after gunzip",
			           CW_MAX_DOCUMENT >> 20);
			goto out;
		}
		if (cw_buf_add(out, chunk, sizeof(chunk) - zs.avail_out)) {
			cw_err_set(e, CW_ENOMEM, "out of memory");
			goto out;
		}
		if (zrc == Z_STREAM_END) {
			/* Concatenated members: go on with the next one. */
			if (zs.avail_in > 0 && zs.next_in[0] == 0x1f) {
				if (inflateReset(&zs) != Z_OK)
					break;
				continue;
			}
			break;
		}
		if (zrc == Z_BUF_ERROR && zs.avail_out != 0) {
			/* No progress possible: the input ended mid-stream. */
			cw_err_set(e, CW_EINVAL, "truncated gzip stream");
			goto out;
		}
	}
	rc = 0;
out:
	inflateEnd(&zs);
	return rc;
}

static int has_binary_magic(const unsigned char *s, size_t len)
{
	static const struct {
		const char *magic;
		size_t n;
	} m[] = {
	    {"%PDF-", 5},
	    {"PK\x03\x04", 4},
	    {"\x89PNG", 4},
	    {"GIF8", 4},
	    {"\xff\xd8\xff", 3},
	    {"\x7f"
	     "ELF",
	     4},
	    {"BZh", 3},
	    {"\xfd"
	     "7zXZ",
	     5},
	    {"Rar!", 4},
	    {"OggS", 4},
	    {"ID3", 3},
	    {"\x00\x00\x01\x00", 4},
	    {"RIFF", 4},
	    {"\xd0\xcf\x11\xe0", 4},
	};
	for (size_t i = 0; i < sizeof(m) / sizeof(m[0]); i++)
		if (len >= m[i].n && !memcmp(s, m[i].magic, m[i].n))
			return 1;
	return 0;
}

/* Control bytes other than whitespace are rare in text of any encoding. */
static int looks_binary(const unsigned char *s, size_t len)
{
	size_t n = len < SNIFF_LEN ? len : SNIFF_LEN, bad = 0, nul = 0;

	if (has_binary_magic(s, len))
		return 1;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = s[i];
		if (c == 0)
			nul++;
		else if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' &&
		         c != 0x1b && c != '\v')
			bad++;
	}
	if (nul > n / 1000 + 1)
		return 1;
	return bad * 100 > n * 2 + 100;
}

static int ascii_lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

static const char *find_ci(const char *s, size_t len, const char *needle)
{
	size_t n = strlen(needle);

	if (n > len)
		return NULL;
	for (size_t i = 0; i + n <= len; i++) {
		size_t k = 0;
		while (k < n && ascii_lower((unsigned char)s[i + k]) == needle[k])
			k++;
		if (k == n)
			return s + i;
	}
	return NULL;
}

/* Read the value after a "charset"/"encoding" keyword at p: spaces, '=',
 * quotes, then the name. */
static int charset_value(const char *p, const char *end, char *out, size_t outsz)
{
	size_t k = 0;

	while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
		p++;
	if (p >= end || *p != '=')
		return 0;
	p++;
	while (p < end && (*p == ' ' || *p == '"' || *p == '\'' || *p == '\t'))
		p++;
	while (p < end && k + 1 < outsz &&
	       ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
	        (*p >= '0' && *p <= '9') || *p == '-' || *p == '_' || *p == '.' ||
	        *p == ':'))
		out[k++] = (char)ascii_lower((unsigned char)*p++);
	out[k] = '\0';
	return k > 0;
}

int extract_declared_charset(const char *s, size_t len, char *out, size_t outsz)
{
	size_t n = len < CHARSET_SCAN ? len : CHARSET_SCAN;
	const char *p = s, *end = s + n;

	if (outsz == 0)
		return 0;
	/* XML declaration first: <?xml version="1.0" encoding="..."?> */
	if (n > 5 && !memcmp(s, "<?xml", 5)) {
		const char *q = memchr(s, '>', n);
		const char *enc = q ? find_ci(s, (size_t)(q - s), "encoding") : NULL;
		if (enc && charset_value(enc + 8, q, out, outsz))
			return 1;
	}
	while (p < end) {
		const char *c = find_ci(p, (size_t)(end - p), "charset");
		if (!c)
			return 0;
		p = c + 7;
		if (charset_value(p, end, out, outsz))
			return 1;
	}
	return 0;
}

/* Letters ordered by frequency in Russian text: о е а и н т с р в л. Their
 * code points in windows-1251 and in KOI8-R. */
static const unsigned char freq_1251[] = {0xEE, 0xE5, 0xE0, 0xE8, 0xED,
                                          0xF2, 0xF1, 0xF0, 0xE2, 0xEB};
static const unsigned char freq_koi8[] = {0xCF, 0xC5, 0xC1, 0xC9, 0xCE,
                                          0xD4, 0xD3, 0xD2, 0xD7, 0xCC};

const char *extract_guess_charset(const char *str, size_t len, enum extract_enc *enc)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t high = 0, runs = 0, f1251 = 0, fkoi8 = 0;
	unsigned int hist[256] = {0};

	for (size_t i = 0; i < len; i++) {
		hist[s[i]]++;
		if (s[i] >= 0x80) {
			high++;
			if (i > 0 && s[i - 1] >= 0x80)
				runs++;
		}
	}
	for (size_t k = 0; k < sizeof(freq_1251); k++) {
		f1251 += hist[freq_1251[k]];
		fkoi8 += hist[freq_koi8[k]];
	}
	/* Cyrillic words are runs of high bytes; Western text has isolated
	 * accented letters between ASCII ones. */
	if (high >= 8 && runs * 2 >= high) {
		if (fkoi8 > f1251) {
			*enc = EXTRACT_ENC_KOI8R;
			return "KOI8-R";
		}
		*enc = EXTRACT_ENC_CP1251;
		return "windows-1251";
	}
	*enc = EXTRACT_ENC_CP1252;
	return "windows-1252";
}

/* The WHATWG encoding standard maps these labels to windows-1252. */
static const char *charset_alias(const char *cs)
{
	if (!strcmp(cs, "iso-8859-1") || !strcmp(cs, "latin1") ||
	    !strcmp(cs, "us-ascii") || !strcmp(cs, "ascii") || !strcmp(cs, "iso8859-1") ||
	    !strcmp(cs, "l1"))
		return "windows-1252";
	if (!strcmp(cs, "cp1251") || !strcmp(cs, "win-1251") || !strcmp(cs, "x-cp1251"))
		return "windows-1251";
	return cs;
}

static int is_utf8_name(const char *cs)
{
	return !strcmp(cs, "utf-8") || !strcmp(cs, "utf8");
}

static int convert(const char *from, const char *s, size_t len, cw_buf *out, cw_err *e)
{
	UErrorCode st = U_ZERO_ERROR;
	size_t cap;
	int32_t n;

	if (len > (size_t)INT32_MAX / 4)
		return cw_err_set(e, CW_ELIMIT, "document too large to convert");
	cap = len * 3 + 16;
	cw_buf_reset(out);
	if (cw_buf_grow(out, cap))
		return cw_err_set(e, CW_ENOMEM, "out of memory");
	n = ucnv_convert("UTF-8", from, out->data, (int32_t)cap, s, (int32_t)len, &st);
	if (st == U_BUFFER_OVERFLOW_ERROR && n > 0) {
		st = U_ZERO_ERROR;
		if (cw_buf_grow(out, (size_t)n + 1))
			return cw_err_set(e, CW_ENOMEM, "out of memory");
		n = ucnv_convert("UTF-8", from, out->data, n + 1, s, (int32_t)len, &st);
	}
	if (U_FAILURE(st) || n < 0)
		return cw_err_set(e, CW_EINVAL, "cannot convert from %s", from);
	out->len = (size_t)n;
	out->data[n] = '\0';
	return 0;
}

/* windows-1252 at 0x80..0x9F (0 where undefined). */
static const uint16_t cp1252_c1[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
    0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178,
};

/* Count valid multi-byte sequences and invalid bytes. */
static void utf8_census(const char *s, size_t len, size_t *multi, size_t *bad)
{
	size_t i = 0;

	*multi = *bad = 0;
	while (i < len) {
		size_t at = i;
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		if (cw_utf8_next(s, len, &i) < 0)
			(*bad)++;
		else if (i - at > 1)
			(*multi)++;
	}
}

/* Mostly UTF-8 with stray single-byte characters (pages assembled from
 * parts in two encodings): keep the UTF-8, read each invalid byte as
 * windows-1252. */
static int repair_utf8(const char *s, size_t len, cw_buf *out, cw_err *e)
{
	size_t i = 0;

	cw_buf_reset(out);
	while (i < len) {
		size_t at = i;
		int32_t cp = cw_utf8_next(s, len, &i);
		char enc[4];
		int n;
		if (cp >= 0) {
			if (cw_buf_add(out, s + at, i - at))
				return cw_err_set(e, CW_ENOMEM, "out of memory");
			continue;
		}
		i = at + 1;
		cp = (unsigned char)s[at];
		if (cp < 0xA0)
			cp = cp1252_c1[cp - 0x80] ? cp1252_c1[cp - 0x80] : 0xFFFD;
		n = cw_utf8_put((uint32_t)cp, enc);
		if (cw_buf_add(out, enc, (size_t)n))
			return cw_err_set(e, CW_ENOMEM, "out of memory");
	}
	return 0;
}

int extract_looks_html(const char *s, size_t len)
{
	static const char *const strong[] = {"<!doctype", "<html", "<head", "<body",
	                                     "<?xml",     "<meta", "<title"};
	static const char *const weak[] = {
	    "<p>",  "<p ",    "</p>", "<div", "<br",   "<a href", "<span", "<li>",
	    "</a>", "<table", "<h1",  "<h2",  "<img ", "<script", "</"};
	size_t n = len < SNIFF_LEN ? len : SNIFF_LEN, i = 0, hits = 0;

	while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n'))
		i++;
	for (size_t k = 0; k < sizeof(strong) / sizeof(strong[0]); k++)
		if (find_ci(s + i, n - i < 2048 ? n - i : 2048, strong[k]))
			return 1;
	if (i < n && s[i] == '<' && i + 1 < n &&
	    (s[i + 1] == '!' || (ascii_lower((unsigned char)s[i + 1]) >= 'a' &&
	                         ascii_lower((unsigned char)s[i + 1]) <= 'z')))
		hits += 2;
	for (size_t k = 0; k < sizeof(weak) / sizeof(weak[0]) && hits < 4; k++) {
		const char *p = s + i, *end = s + n;
		while (hits < 4 && (p = find_ci(p, (size_t)(end - p), weak[k])) != NULL) {
			hits++;
			p++;
		}
	}
	return hits >= 4;
}

int extract_decode(const char *data, size_t len, struct extract_input *in, cw_err *e)
{
	cw_buf raw = CW_BUF_INIT;
	const char *s = data;
	size_t n = len;
	char cs[40];
	int rc = -1;

	in->is_html = 0;
	in->enc = EXTRACT_ENC_UTF8;
	in->charset[0] = '\0';
	if (len >= 2 && (unsigned char)data[0] == 0x1f &&
	    (unsigned char)data[1] == 0x8b) {
		if (gunzip((const unsigned char *)data, len, &raw, e))
			goto out;
		s = raw.data;
		n = raw.len;
	}
	if (n > CW_MAX_DOCUMENT) {
		cw_err_set(e, CW_ELIMIT, "document over %u MB", CW_MAX_DOCUMENT >> 20);
		goto out;
	}
	/* Byte-order marks. */
	if (n >= 2 && (((unsigned char)s[0] == 0xFF && (unsigned char)s[1] == 0xFE) ||
	               ((unsigned char)s[0] == 0xFE && (unsigned char)s[1] == 0xFF))) {
		const char *from = (unsigned char)s[0] == 0xFF ? "UTF-16LE" : "UTF-16BE";
		if (convert(from, s + 2, n - 2, &in->text, e))
			goto out;
		in->enc = EXTRACT_ENC_DECLARED;
		snprintf(in->charset, sizeof(in->charset), "%s", from);
		if (looks_binary((const unsigned char *)in->text.data, in->text.len)) {
			cw_err_set(e, CW_EINVAL, "binary data, not a web page or text");
			goto out;
		}
		goto detect;
	}
	if (n >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3)) {
		s += 3;
		n -= 3;
	}
	if (n == 0) {
		cw_err_set(e, CW_EINVAL, "empty document");
		goto out;
	}
	if (looks_binary((const unsigned char *)s, n)) {
		cw_err_set(e, CW_EINVAL, "binary data, not a web page or text");
		goto out;
	}
	if (cw_utf8_valid(s, n)) {
		if (cw_buf_add(&in->text, s, n)) {
			cw_err_set(e, CW_ENOMEM, "out of memory");
			goto out;
		}
		goto detect;
	}
	{
		size_t multi, bad;
		int declared = extract_declared_charset(s, n, cs, sizeof(cs));
		utf8_census(s, n, &multi, &bad);
		if ((declared && is_utf8_name(cs)) || multi > bad) {
			if (repair_utf8(s, n, &in->text, e))
				goto out;
			goto detect;
		}
	}
	if (extract_declared_charset(s, n, cs, sizeof(cs)) && !is_utf8_name(cs) &&
	    convert(charset_alias(cs), s, n, &in->text, NULL) == 0) {
		in->enc = EXTRACT_ENC_DECLARED;
		snprintf(in->charset, sizeof(in->charset), "%s", charset_alias(cs));
		/* A page declared Western but written in Cyrillic is still
		 * Cyrillic: trust the bytes over a Latin-1 label. */
		if (!strcmp(in->charset, "windows-1252")) {
			enum extract_enc g;
			const char *guess = extract_guess_charset(s, n, &g);
			if (g != EXTRACT_ENC_CP1252 &&
			    convert(guess, s, n, &in->text, e) == 0) {
				in->enc = g;
				snprintf(in->charset, sizeof(in->charset), "%s", guess);
			}
		}
		goto detect;
	}
	{
		enum extract_enc g;
		const char *guess = extract_guess_charset(s, n, &g);
		if (convert(guess, s, n, &in->text, e))
			goto out;
		in->enc = g;
		snprintf(in->charset, sizeof(in->charset), "%s", guess);
	}
detect:
	in->is_html = extract_looks_html(in->text.data, in->text.len);
	rc = 0;
out:
	cw_buf_release(&raw);
	return rc;
}
