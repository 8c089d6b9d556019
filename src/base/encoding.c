/* base/encoding.c: see encoding.h. */
#include "base/encoding.h"

#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"

static const struct {
	const char *alias;
	const char *iconv_name; /* NULL: UTF-8, validated in place */
} enc_aliases[] = {
    {"utf-8", NULL},
    {"utf8", NULL},
    {"cp1251", "CP1251"},
    {"windows-1251", "CP1251"},
    {"koi8-r", "KOI8-R"},
    {"koi8r", "KOI8-R"},
    {"latin1", "ISO-8859-1"},
    {"iso-8859-1", "ISO-8859-1"},
    {"iso8859-1", "ISO-8859-1"},
    {"utf-16", "UTF-16"},
    {"utf-16le", "UTF-16LE"},
    {"utf-16be", "UTF-16BE"},
};

/* Resolve `name` to an iconv name (into out) or NULL for UTF-8. Returns
 * -1 when the name is unusable. */
static int enc_resolve(const char *name, char *out, size_t outsz, int *is_utf8)
{
	char low[32];
	size_t n, i;

	*is_utf8 = 0;
	if (!name || !*name) {
		*is_utf8 = 1;
		return 0;
	}
	n = strlen(name);
	if (n >= sizeof(low) || n >= outsz)
		return -1;
	for (i = 0; i < n; i++)
		low[i] = (char)tolower((unsigned char)name[i]);
	low[n] = '\0';
	for (i = 0; i < sizeof(enc_aliases) / sizeof(enc_aliases[0]); i++) {
		if (strcmp(low, enc_aliases[i].alias) != 0)
			continue;
		if (!enc_aliases[i].iconv_name) {
			*is_utf8 = 1;
			return 0;
		}
		n = strlen(enc_aliases[i].iconv_name);
		memcpy(out, enc_aliases[i].iconv_name, n + 1);
		return 0;
	}
	memcpy(out, name, n + 1);
	return 0;
}

int enc_known(const char *name)
{
	char iname[32];
	int utf8;
	iconv_t cd;

	if (enc_resolve(name, iname, sizeof(iname), &utf8))
		return 0;
	if (utf8)
		return 1;
	cd = iconv_open("UTF-8", iname);
	if (cd == (iconv_t)-1)
		return 0;
	iconv_close(cd);
	return 1;
}

int enc_reader_open(struct enc_reader *r, FILE *f, const char *encoding, cw_err *e)
{
	char iname[32];
	int utf8;
	iconv_t cd = (iconv_t)-1;

	memset(r, 0, sizeof(*r));
	r->f = f;
	r->line = 1;
	if (enc_resolve(encoding, iname, sizeof(iname), &utf8))
		return cw_err_set(e, CW_EUSAGE, "unknown encoding '%.40s'", encoding);
	if (!utf8) {
		cd = iconv_open("UTF-8", iname);
		if (cd == (iconv_t)-1)
			return cw_err_set(e, CW_EUSAGE, "unknown encoding '%s'",
			                  encoding);
		r->cd = (void *)cd;
		snprintf(r->name, sizeof(r->name), "%s", encoding);
	} else {
		snprintf(r->name, sizeof(r->name), "UTF-8");
	}
	r->in = malloc(ENC_INBUF);
	if (!r->in) {
		enc_reader_release(r);
		return cw_err_set(e, CW_ENOMEM, "out of memory");
	}
	return 0;
}

void enc_reader_release(struct enc_reader *r)
{
	if (r->cd)
		iconv_close((iconv_t)r->cd);
	r->cd = NULL;
	free(r->in);
	r->in = NULL;
	r->inlen = r->inpos = 0;
}

/* line > 0: found on that line of the input ("line L: …"). */
static int enc_fail(struct enc_reader *r, cw_err *e, enum cw_code code, long line,
                    const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static int enc_fail(struct enc_reader *r, cw_err *e, enum cw_code code, long line,
                    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	if (line > 0)
		cw_err_atv(&r->err, code, line, 0, fmt, ap);
	else
		cw_err_setv(&r->err, code, fmt, ap);
	va_end(ap);
	r->failed = 1;
	if (e)
		*e = r->err;
	return -1;
}

/* Move the unconsumed bytes to the front and read more. */
static int enc_fill(struct enc_reader *r, cw_err *e)
{
	size_t n, want;

	if (r->eof)
		return 0;
	if (r->inpos) {
		memmove(r->in, r->in + r->inpos, r->inlen - r->inpos);
		r->inlen -= r->inpos;
		r->inpos = 0;
	}
	want = ENC_INBUF - r->inlen;
	if (!want)
		return 0;
	n = fread(r->in + r->inlen, 1, want, r->f);
	r->inlen += n;
	if (n < want) {
		if (ferror(r->f))
			return enc_fail(r, e, CW_EIO, 0, "read error: %s", strerror(errno));
		r->eof = 1;
	}
	return 0;
}

static void enc_count_lines(struct enc_reader *r, const char *s, size_t n)
{
	const char *end = s + n;

	while ((s = memchr(s, '\n', (size_t)(end - s))) != NULL) {
		r->line++;
		s++;
	}
}

static long enc_line_at(const struct enc_reader *r, const char *s, size_t n)
{
	long line = r->line;
	const char *end = s + n;

	while ((s = memchr(s, '\n', (size_t)(end - s))) != NULL) {
		line++;
		s++;
	}
	return line;
}

static size_t utf8_seq_len(unsigned char c)
{
	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF)
		return 2;
	if (c >= 0xE0 && c <= 0xEF)
		return 3;
	if (c >= 0xF0 && c <= 0xF4)
		return 4;
	return 0;
}

/* s[0..n) starts a sequence that is cut off by the end of the data. */
static int utf8_incomplete(const char *s, size_t n)
{
	size_t need = utf8_seq_len((unsigned char)s[0]);

	if (need < 2 || n >= need)
		return 0;
	for (size_t i = 1; i < n; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			return 0;
	return 1;
}

static ssize_t enc_read_utf8(struct enc_reader *r, char *buf, size_t cap, cw_err *e)
{
	for (;;) {
		size_t avail = r->inlen - r->inpos, n, p;
		const char *s, *z;

		if (avail < 4 && !r->eof) {
			if (enc_fill(r, e))
				return -1;
			continue;
		}
		if (!avail)
			return 0;
		n = avail < cap ? avail : cap;
		s = r->in + r->inpos;
		p = cw_utf8_invalid_at(s, n);
		z = memchr(s, '\0', p);
		if (z)
			p = (size_t)(z - s);
		if (!p) {
			if (z)
				return enc_fail(r, e, CW_EINVAL, 0,
				                "binary file (NUL byte on line %ld)",
				                r->line);
			if (n < avail || !r->eof || !utf8_incomplete(s, n))
				return enc_fail(r, e, CW_EINVAL, r->line,
				                "invalid UTF-8 at byte offset "
				                "%llu (use --encoding)",
				                r->offset);
			return enc_fail(r, e, CW_EINVAL, r->line,
			                "truncated UTF-8 at byte offset %llu "
			                "(use --encoding)",
			                r->offset);
		}
		memcpy(buf, s, p);
		enc_count_lines(r, s, p);
		r->inpos += p;
		r->offset += p;
		r->out += p;
		return (ssize_t)p;
	}
}

static ssize_t enc_read_iconv(struct enc_reader *r, char *buf, size_t cap, cw_err *e)
{
	iconv_t cd = (iconv_t)r->cd;

	for (;;) {
		char *ip = r->in + r->inpos, *op = buf, *z;
		size_t il = r->inlen - r->inpos, ol = cap, rc, produced, consumed;
		int err = 0;

		if (!il && !r->eof) {
			if (enc_fill(r, e))
				return -1;
			continue;
		}
		rc = iconv(cd, il ? &ip : NULL, &il, &op, &ol);
		if (rc == (size_t)-1)
			err = errno;
		consumed = (size_t)(ip - (r->in + r->inpos));
		produced = (size_t)(op - buf);
		r->inpos += consumed;
		r->offset += consumed;
		if (!produced) {
			if (err == EILSEQ)
				return enc_fail(r, e, CW_EINVAL, r->line,
				                "invalid %s at byte offset "
				                "%llu (wrong --encoding?)",
				                r->name, r->offset);
			if (err == EINVAL) {
				if (r->eof)
					return enc_fail(r, e, CW_EINVAL, r->line,
					                "truncated %s "
					                "character at end of file",
					                r->name);
				if (enc_fill(r, e))
					return -1;
				continue;
			}
			if (err == E2BIG)
				return enc_fail(r, e, CW_EINVAL, 0, "read buffer too small");
			if (r->inpos == r->inlen && r->eof)
				return 0;
			continue;
		}
		if (!r->started && produced >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) {
			memmove(buf, buf + 3, produced - 3);
			produced -= 3;
		}
		r->started = 1;
		z = memchr(buf, '\0', produced);
		if (z) {
			long line = enc_line_at(r, buf, (size_t)(z - buf));
			produced = (size_t)(z - buf);
			cw_err_set(&r->err, CW_EINVAL,
			           "binary file (NUL byte on line %ld)", line);
			r->failed = 1;
			if (!produced) {
				if (e)
					*e = r->err;
				return -1;
			}
		}
		if (!produced)
			continue;
		enc_count_lines(r, buf, produced);
		r->out += produced;
		return (ssize_t)produced;
	}
}

ssize_t enc_reader_read(struct enc_reader *r, char *buf, size_t cap, cw_err *e)
{
	if (r->failed) {
		if (e)
			*e = r->err;
		return -1;
	}
	if (!r->in)
		return cw_err_set(e, CW_EINVAL, "encoding reader not open");
	if (cap < 4)
		return cw_err_set(e, CW_EINVAL, "read buffer too small");
	if (!r->cd && !r->started) {
		while (r->inlen < 3 && !r->eof)
			if (enc_fill(r, e))
				return -1;
		if (r->inlen >= 3 && memcmp(r->in, "\xEF\xBB\xBF", 3) == 0) {
			r->inpos = 3;
			r->offset = 3;
		}
		/* Invalid UTF-8 and a NUL in the first 64 KB: call it a binary
		 * file rather than complain about its encoding. */
		{
			const char *s = r->in + r->inpos;
			size_t n = r->inlen - r->inpos;
			const char *z = memchr(s, '\0', n);

			if (z && cw_utf8_invalid_at(s, n) < n)
				return enc_fail(r, e, CW_EINVAL, 0,
				                "binary file (NUL byte on line %ld)",
				                enc_line_at(r, s, (size_t)(z - s)));
		}
		r->started = 1;
	}
	return r->cd ? enc_read_iconv(r, buf, cap, e) : enc_read_utf8(r, buf, cap, e);
}

int enc_input_open(struct enc_input *in, FILE *f, const char *encoding, cw_err *e)
{
	memset(in, 0, sizeof(*in));
	if (enc_reader_open(&in->enc, f, encoding, e))
		return -1;
	in->chunk = malloc(ENC_CHUNK);
	if (!in->chunk) {
		enc_reader_release(&in->enc);
		return cw_err_set(e, CW_ENOMEM, "out of memory");
	}
	return 0;
}

int enc_input_fail(struct enc_input *in, cw_err *e, enum cw_code code, long line,
                   const char *fmt, va_list ap)
{
	if (line > 0)
		cw_err_atv(&in->err, code, line, 0, fmt, ap);
	else
		cw_err_setv(&in->err, code, fmt, ap);
	in->failed = 1;
	if (e)
		*e = in->err;
	return -1;
}

int enc_input_more(struct enc_input *in, cw_err *e)
{
	ssize_t n;

	if (in->cpos < in->clen)
		return 1;
	if (in->eof)
		return 0;
	n = enc_reader_read(&in->enc, in->chunk, ENC_CHUNK, &in->err);
	if (n < 0) {
		in->failed = 1;
		if (e)
			*e = in->err;
		return -1;
	}
	if (n == 0) {
		in->eof = 1;
		return 0;
	}
	in->clen = (size_t)n;
	in->cpos = 0;
	return 1;
}

void enc_input_release(struct enc_input *in)
{
	enc_reader_release(&in->enc);
	free(in->chunk);
	in->chunk = NULL;
	in->clen = in->cpos = 0;
}
