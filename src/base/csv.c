/* base/csv.c: see csv.h. */
#include "base/csv.h"

#include <stdlib.h>
#include <string.h>

#include "base/grow.h"
#include "base/limits.h"


enum { ST_START, ST_UNQ, ST_Q, ST_QQ };

static int csv_fail(struct csv_reader *r, cw_err *e, enum cw_code code, long line,
                    const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* A non-recoverable error: remembered and repeated by later calls. line >
 * 0: found on that line ("line L: …"). */
static int csv_fail(struct csv_reader *r, cw_err *e, enum cw_code code, long line,
                    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	enc_input_fail(&r->in, e, code, line, fmt, ap);
	va_end(ap);
	r->recoverable = 0;
	return -1;
}

static void csv_reset_row(struct csv_reader *r)
{
	cw_buf_reset(&r->rec);
	r->fstart = 0;
	r->nfields = 0;
	r->state = ST_START;
	r->row_started = 0;
	r->skipping = 0;
	r->line = r->cur_line;
}

/* The name of the field being read, for messages. */
static void csv_field_name(const struct csv_reader *r, char *out, size_t outsz)
{
	if (r->nfields < r->nheader)
		snprintf(out, outsz, "'%.100s'", r->header[r->nfields]);
	else
		snprintf(out, outsz, "%zu", r->nfields + 1);
}

/* Exceeding a limit: report now, skip the rest of the row on the next call. */
static int csv_limit(struct csv_reader *r, cw_err *e, const char *what)
{
	char name[128];

	csv_field_name(r, name, sizeof(name));
	r->skipping = 1;
	r->recoverable = 1;
	if (!strcmp(what, "field"))
		return cw_err_at(e, CW_ELIMIT, r->line, 0, "field %s longer than %u bytes", name,
		                 CW_MAX_FIELD);
	if (!strcmp(what, "fields"))
		return cw_err_at(e, CW_ELIMIT, r->line, 0, "more than %d fields",
		                 CSV_MAX_FIELDS);
	return cw_err_at(e, CW_ELIMIT, r->line, 0, "record longer than %u bytes",
	                 CW_MAX_RECORD);
}

static int csv_add(struct csv_reader *r, const char *s, size_t n, cw_err *e)
{
	if (r->skipping || !n)
		return 0;
	if (r->rec.len - r->fstart + n > CW_MAX_FIELD)
		return csv_limit(r, e, "field");
	if (r->rec.len + n + 1 > CW_MAX_RECORD)
		return csv_limit(r, e, "record");
	if (cw_buf_add(&r->rec, s, n))
		return csv_fail(r, e, CW_ENOMEM, 0, "out of memory");
	return 0;
}

static int csv_end_field(struct csv_reader *r, cw_err *e)
{
	if (r->skipping)
		return 0;
	if (r->nfields >= CSV_MAX_FIELDS)
		return csv_limit(r, e, "fields");
	if (r->rec.len + 1 > CW_MAX_RECORD)
		return csv_limit(r, e, "record");
	if (r->nfields == r->cap) {
		/* offs and lens share r->cap: it changes once both have grown */
		size_t ocap = r->cap, lcap = r->cap;
		if (cw_grow(&r->offs, &ocap, r->nfields + 1, sizeof(*r->offs), 16) ||
		    cw_grow(&r->lens, &lcap, r->nfields + 1, sizeof(*r->lens), 16))
			return csv_fail(r, e, CW_ENOMEM, 0, "out of memory");
		r->cap = ocap;
	}
	r->offs[r->nfields] = r->fstart;
	r->lens[r->nfields] = r->rec.len - r->fstart;
	r->nfields++;
	if (cw_buf_addch(&r->rec, '\0'))
		return csv_fail(r, e, CW_ENOMEM, 0, "out of memory");
	r->fstart = r->rec.len;
	r->state = ST_START;
	return 0;
}

/* More decoded text: 1, 0 at the end, -1 on error. */
static int csv_more(struct csv_reader *r, cw_err *e)
{
	int rc = enc_input_more(&r->in, e);

	if (rc < 0)
		r->recoverable = 0;
	return rc;
}

/* A line ended (or the file): 1 when a row is ready, 0 when the line was
 * blank or the rest of a skipped row, -1 on error. */
static int csv_row_end(struct csv_reader *r, cw_err *e)
{
	if (!r->row_started || r->skipping) {
		csv_reset_row(r);
		return 0;
	}
	if (csv_end_field(r, e))
		return -1;
	if (r->skipping) { /* the last field hit a limit */
		csv_reset_row(r);
		return -1;
	}
	return 1;
}

/* Read one row without checking its field count. */
static int csv_read_row(struct csv_reader *r, cw_err *e)
{
	const char delim = r->delim;
	int rc;

	if (r->in.failed) {
		if (e)
			*e = r->in.err;
		return -1;
	}
	if (!r->skipping)
		csv_reset_row(r);
	for (;;) {
		rc = csv_more(r, e);
		if (rc < 0)
			return -1;
		if (rc == 0)
			break;
		while (r->in.cpos < r->in.clen) {
			const char *s = r->in.chunk + r->in.cpos;
			const char *end = r->in.chunk + r->in.clen, *p;
			char c = *s;

			if (r->pending_cr) {
				r->pending_cr = 0;
				if (c != '\n') {
					if (r->state == ST_QQ)
						return csv_fail(r, e, CW_EINVAL, r->cur_line,
						                "unexpected character "
						                "after a closing quote");
					r->row_started = 1;
					r->state = ST_UNQ;
					if (csv_add(r, "\r", 1, e))
						return -1;
				}
			}
			if (c == '\n' && r->state != ST_Q) {
				r->in.cpos++;
				r->cur_line++;
				rc = csv_row_end(r, e);
				if (rc)
					return rc;
				continue;
			}
			switch (r->state) {
			case ST_START:
				if (c == delim) {
					r->row_started = 1;
					r->in.cpos++;
					if (csv_end_field(r, e))
						return -1;
				} else if (c == '"') {
					r->row_started = 1;
					r->quote_line = r->cur_line;
					r->state = ST_Q;
					r->in.cpos++;
				} else if (c == '\r') {
					r->pending_cr = 1;
					r->in.cpos++;
				} else {
					r->row_started = 1;
					r->state = ST_UNQ;
				}
				break;
			case ST_UNQ:
				for (p = s; p < end && *p != delim && *p != '"' &&
				            *p != '\n' && *p != '\r';
				     p++)
					;
				r->in.cpos += (size_t)(p - s);
				if (csv_add(r, s, (size_t)(p - s), e))
					return -1;
				if (p == end)
					break;
				if (*p == '"')
					return csv_fail(r, e, CW_EINVAL, r->cur_line,
					                "stray quote in unquoted field "
					                "(quote the whole field)");
				if (*p == '\r') {
					r->pending_cr = 1;
					r->in.cpos++;
				} else if (*p == delim) {
					r->in.cpos++;
					if (csv_end_field(r, e))
						return -1;
				}
				break;
			case ST_Q:
				for (p = s; p < end && *p != '"'; p++)
					if (*p == '\n')
						r->cur_line++;
				r->in.cpos += (size_t)(p - s);
				if (csv_add(r, s, (size_t)(p - s), e))
					return -1;
				if (p < end) {
					r->state = ST_QQ;
					r->in.cpos++;
				}
				break;
			case ST_QQ:
				if (c == '"') {
					r->state = ST_Q;
					r->in.cpos++;
					if (csv_add(r, "\"", 1, e))
						return -1;
				} else if (c == delim) {
					r->in.cpos++;
					if (csv_end_field(r, e))
						return -1;
				} else if (c == '\r') {
					r->pending_cr = 1;
					r->in.cpos++;
				} else {
					return csv_fail(r, e, CW_EINVAL, r->cur_line,
					                "unexpected character "
					                "after a closing quote");
				}
				break;
			}
		}
	}
	/* End of file. */
	r->pending_cr = 0;
	if (r->state == ST_Q)
		return csv_fail(r, e, CW_EINVAL, r->quote_line,
		                "unbalanced quote (the quoted field starts here)");
	rc = csv_row_end(r, e);
	return rc;
}

int csv_next(struct csv_reader *r, cw_err *e)
{
	int rc;

	r->recoverable = 0;
	rc = csv_read_row(r, e);
	if (rc != 1)
		return rc;
	if (r->nfields != r->nheader) {
		r->recoverable = 1;
		return cw_err_at(e, CW_EINVAL, r->line, 0, "%zu field%s, the header has %zu",
		                 r->nfields, r->nfields == 1 ? "" : "s", r->nheader);
	}
	return 1;
}

const char *csv_field(const struct csv_reader *r, size_t i, size_t *len)
{
	if (i >= r->nfields)
		return NULL;
	if (len)
		*len = r->lens[i];
	return r->rec.data + r->offs[i];
}

int csv_open(struct csv_reader *r, FILE *f, const char *encoding, char delim, cw_err *e)
{
	int rc;
	size_t i;

	memset(r, 0, sizeof(*r));
	cw_buf_init(&r->rec, 0);
	cw_buf_init(&r->hdr, 0);
	r->delim = delim ? delim : ',';
	r->cur_line = 1;
	r->line = 1;
	if (r->delim == '"' || r->delim == '\n' || r->delim == '\r')
		return cw_err_set(e, CW_EUSAGE, "bad delimiter");
	if (enc_input_open(&r->in, f, encoding, e))
		return -1;
	rc = csv_read_row(r, e);
	if (rc < 0)
		goto fail;
	if (rc == 0) {
		cw_err_set(e, CW_EINVAL, "empty file");
		goto fail;
	}
	r->header = calloc(r->nfields, sizeof(*r->header));
	if (!r->header || cw_buf_add(&r->hdr, r->rec.data, r->rec.len)) {
		cw_err_set(e, CW_ENOMEM, "out of memory");
		goto fail;
	}
	for (i = 0; i < r->nfields; i++)
		r->header[i] = r->hdr.data + r->offs[i];
	r->nheader = r->nfields;
	return 0;
fail:
	csv_release(r);
	return -1;
}

void csv_release(struct csv_reader *r)
{
	enc_input_release(&r->in);
	free(r->offs);
	free(r->lens);
	r->offs = r->lens = NULL;
	r->cap = 0;
	r->nfields = 0;
	free(r->header);
	r->header = NULL;
	r->nheader = 0;
	cw_buf_release(&r->rec);
	cw_buf_release(&r->hdr);
}
