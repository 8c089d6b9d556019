/* base/jsonrec.c: see jsonrec.h. */
#include "base/jsonrec.h"

#include "base/jsonparse.h"

#include <stdlib.h>
#include <string.h>

#include "base/limits.h"


enum { AS_FIRST, AS_NEXT, AS_DONE };

static int jr_fail(struct jsonrec_reader *r, cw_err *e, enum cw_code code, long line,
                   const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* A non-recoverable error: remembered and repeated by later calls. line >
 * 0: found on that line ("line L: …"). */
static int jr_fail(struct jsonrec_reader *r, cw_err *e, enum cw_code code, long line,
                   const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	enc_input_fail(&r->in, e, code, line, fmt, ap);
	va_end(ap);
	r->recoverable = 0;
	return -1;
}

/* A limit: reported now; the rest of the record is skipped next time. */
static int jr_limit(struct jsonrec_reader *r, cw_err *e, const char *what)
{
	r->skipping = 1;
	r->recoverable = 1;
	if (!strcmp(what, "string"))
		return cw_err_at(e, CW_ELIMIT, r->line, 0, "string longer than %u bytes",
		                 CW_MAX_FIELD);
	if (!strcmp(what, "depth"))
		return cw_err_at(e, CW_ELIMIT, r->line, 0, "nested deeper than %d levels",
		                 JSONREC_MAX_DEPTH);
	return cw_err_at(e, CW_ELIMIT, r->line, 0, "record longer than %u bytes",
	                 CW_MAX_RECORD);
}

static int jr_more(struct jsonrec_reader *r, cw_err *e)
{
	int rc = enc_input_more(&r->in, e);

	if (rc < 0)
		r->recoverable = 0;
	return rc;
}

static int jr_is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Consume one byte at cpos, keeping line and column. */
static void jr_advance(struct jsonrec_reader *r)
{
	char c = r->in.chunk[r->in.cpos++];

	if (c == '\n') {
		r->cur_line++;
		r->col = 1;
	} else if (((unsigned char)c & 0xC0) != 0x80) {
		r->col++;
	}
}

/* Append chunk[from, cpos) to raw, within the record limit. */
static int jr_flush(struct jsonrec_reader *r, size_t from, cw_err *e)
{
	size_t n = r->in.cpos - from;

	if (r->skipping || !n)
		return 0;
	if (r->raw.len + n > CW_MAX_RECORD)
		return jr_limit(r, e, "record");
	if (cw_buf_add(&r->raw, r->in.chunk + from, n))
		return jr_fail(r, e, CW_ENOMEM, 0, "out of memory");
	return 0;
}

static void jr_start_record(struct jsonrec_reader *r)
{
	r->started = 1;
	r->line = r->cur_line;
	r->start_col = r->col;
	r->in_str = r->esc = 0;
	r->depth = 0;
	r->str_len = 0;
	cw_buf_reset(&r->raw);
}

/* Strings and nesting inside a record; -1 on a limit. */
static int jr_track(struct jsonrec_reader *r, char c, cw_err *e)
{
	if (r->in_str) {
		if (r->esc)
			r->esc = 0;
		else if (c == '\\')
			r->esc = 1;
		else if (c == '"')
			r->in_str = 0;
		if (r->in_str && ++r->str_len > CW_MAX_FIELD && !r->skipping)
			return jr_limit(r, e, "string");
		return 0;
	}
	if (c == '"') {
		r->in_str = 1;
		r->str_len = 0;
	} else if (c == '{' || c == '[') {
		if (++r->depth > JSONREC_MAX_DEPTH && !r->skipping)
			return jr_limit(r, e, "depth");
	} else if (c == '}' || c == ']') {
		r->depth--;
	}
	return 0;
}

/* JSON Lines: the next non-blank line into raw. 1, 0 at the end, -1. */
static int jr_scan_line(struct jsonrec_reader *r, cw_err *e)
{
	int rc;

	for (;;) {
		size_t from;

		rc = jr_more(r, e);
		if (rc < 0)
			return -1;
		if (rc == 0)
			break;
		from = r->in.cpos;
		while (r->in.cpos < r->in.clen) {
			char c = r->in.chunk[r->in.cpos];

			if (!r->started) {
				if (jr_is_space(c)) {
					jr_advance(r);
					from = r->in.cpos;
					continue;
				}
				jr_start_record(r);
				from = r->in.cpos;
			}
			if (c == '\n') {
				if (jr_flush(r, from, e))
					return -1;
				jr_advance(r);
				r->started = 0;
				if (r->skipping) {
					r->skipping = 0;
					from = r->in.cpos;
					continue;
				}
				return 1;
			}
			jr_advance(r);
			if (jr_track(r, c, e))
				return -1;
		}
		if (r->started && jr_flush(r, from, e))
			return -1;
	}
	if (r->started) {
		r->started = 0;
		if (r->skipping) {
			r->skipping = 0;
			return 0;
		}
		return 1;
	}
	return 0;
}

/* A JSON array: the next element into raw. 1, 0 after ']', -1. */
static int jr_scan_elem(struct jsonrec_reader *r, cw_err *e)
{
	int rc;

	for (;;) {
		size_t from;

		rc = jr_more(r, e);
		if (rc < 0)
			return -1;
		if (rc == 0)
			break;
		from = r->in.cpos;
		while (r->in.cpos < r->in.clen) {
			char c = r->in.chunk[r->in.cpos];

			if (!r->started) {
				if (jr_is_space(c)) {
					jr_advance(r);
					continue;
				}
				if (r->astate == AS_DONE)
					return jr_fail(r, e, CW_EINVAL, r->cur_line,
					               "data after the end of the array");
				if (c == ']') {
					if (r->astate == AS_NEXT)
						return jr_fail(r, e, CW_EINVAL, r->cur_line,
						               "']' after ',' "
						               "(a missing record)");
					jr_advance(r);
					r->astate = AS_DONE;
					continue;
				}
				if (c == ',')
					return jr_fail(r, e, CW_EINVAL, r->cur_line,
					               "',' where a record was expected");
				jr_start_record(r);
				from = r->in.cpos;
			}
			if (!r->in_str && r->depth == 0 &&
			    (c == ',' || c == ']' || c == '}')) {
				if (c == '}')
					return jr_fail(r, e, CW_EINVAL, r->cur_line,
					               "unexpected '}'");
				if (jr_flush(r, from, e))
					return -1;
				jr_advance(r);
				r->started = 0;
				r->astate = c == ',' ? AS_NEXT : AS_DONE;
				if (r->skipping) {
					r->skipping = 0;
					from = r->in.cpos;
					continue;
				}
				return 1;
			}
			jr_advance(r);
			if (jr_track(r, c, e))
				return -1;
		}
		if (r->started && jr_flush(r, from, e))
			return -1;
	}
	if (r->started)
		return jr_fail(r, e, CW_EINVAL, r->line,
		               "the record starting here is not terminated (missing ']'?)");
	if (r->astate != AS_DONE)
		return jr_fail(r, e, CW_EINVAL, r->cur_line,
		               "unterminated array (missing ']')");
	return 0;
}

int jsonrec_next(struct jsonrec_reader *r, json_t **obj, cw_err *e)
{
	json_error_t jerr;
	json_t *j;
	int rc;

	*obj = NULL;
	if (r->in.failed) {
		if (e)
			*e = r->in.err;
		return -1;
	}
	r->recoverable = 0;
	rc = r->format == JSONREC_ARRAY ? jr_scan_elem(r, e) : jr_scan_line(r, e);
	if (rc <= 0)
		return rc;
	while (r->raw.len && jr_is_space(r->raw.data[r->raw.len - 1]))
		cw_buf_setlen(&r->raw, r->raw.len - 1);
	/* the fast parser takes the plainly valid records; jansson has the
	 * final word (and the message) on everything else */
	j = cw_json_parse_fast(r->raw.data, r->raw.len);
	if (!j)
		j = json_loadb(r->raw.data, r->raw.len,
		               JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, &jerr);
	if (!j) {
		r->recoverable = 1;
		if (jerr.line < 1)
			return cw_err_at(e, CW_EINVAL, r->line, 0, "%s", jerr.text);
		return cw_err_at(
		    e, CW_EINVAL, r->line + jerr.line - 1,
		    jerr.line == 1 ? r->start_col + jerr.column - 1 : (long)jerr.column, "%s",
		    jerr.text);
	}
	if (!json_is_object(j)) {
		json_decref(j);
		r->recoverable = 1;
		return cw_err_at(e, CW_EINVAL, r->line, 0, "record is not an object");
	}
	*obj = j;
	return 1;
}

int jsonrec_open(struct jsonrec_reader *r, FILE *f, const char *encoding, int format,
                 cw_err *e)
{
	int rc;
	char c;

	memset(r, 0, sizeof(*r));
	cw_buf_init(&r->raw, 0);
	r->cur_line = 1;
	r->col = 1;
	r->line = 1;
	if (format != JSONREC_AUTO && format != JSONREC_LINES && format != JSONREC_ARRAY)
		return cw_err_set(e, CW_EUSAGE, "unknown JSON record format %d", format);
	if (enc_input_open(&r->in, f, encoding, e))
		return -1;
	for (;;) {
		rc = jr_more(r, e);
		if (rc < 0)
			goto fail;
		if (rc == 0) {
			cw_err_set(e, CW_EINVAL, "empty file");
			goto fail;
		}
		c = r->in.chunk[r->in.cpos];
		if (!jr_is_space(c))
			break;
		jr_advance(r);
	}
	if (format == JSONREC_AUTO)
		format = c == '[' ? JSONREC_ARRAY : JSONREC_LINES;
	r->format = format;
	if (format == JSONREC_ARRAY) {
		if (c != '[') {
			cw_err_at(e, CW_EINVAL, r->cur_line, 0, "expected '[' (a JSON array)");
			goto fail;
		}
		jr_advance(r);
		r->astate = AS_FIRST;
	}
	return 0;
fail:
	jsonrec_release(r);
	return -1;
}

void jsonrec_release(struct jsonrec_reader *r)
{
	enc_input_release(&r->in);
	cw_buf_release(&r->raw);
}
