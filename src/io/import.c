/* io/import.c: see import.h. */
#include "io/import.h"

#include <assert.h>
#include <errno.h>
#include <pthread.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/csv.h"
#include "base/grow.h"
#include "base/jsonout.h"
#include "base/jsonrec.h"
#include "base/limits.h"
#include "base/utf8.h"
#include "io/edit.h"
#include "io/schema.h"
#include "io/sheet.h"
#include "store/audit.h"
#include "store/record.h"
#include "store/vocab.h"

int io_format_parse(const char *s, enum io_format *f)
{
	if (!strcmp(s, "jsonl") || !strcmp(s, "ndjson"))
		*f = IO_FORMAT_JSONL;
	else if (!strcmp(s, "json"))
		*f = IO_FORMAT_JSON;
	else if (!strcmp(s, "csv"))
		*f = IO_FORMAT_CSV;
	else if (!strcmp(s, "xlsx") || !strcmp(s, "ods"))
		*f = IO_FORMAT_SHEET;
	else
		return -1;
	return 0;
}

const char *io_count_type(int i)
{
	return io_types[i];
}

static int type_index(const char *type)
{
	for (int i = 0; io_types[i]; i++)
		if (!strcmp(io_types[i], type))
			return i;
	return -1;
}

static bool ends_with(const char *s, const char *suf)
{
	size_t n = strlen(s), m = strlen(suf);
	return n >= m && !strcasecmp(s + n - m, suf);
}

/* Lines rejected in an earlier attempt (dangling references found only at
 * the end), so the next attempt leaves them out. */
struct excluded {
	int file;
	long line;
	char *reason;
};

struct run {
	cw_db *db;
	const struct io_import_opts *o;
	struct io_import_counts *c;
	store_writer *w;
	store_vocab *vocab;
	struct io_canon_opts canon;
	struct excluded *ex;
	size_t nex, capex;
	const char *const *files;
	bool failed;  /* a bad record was reported: nothing is imported */
	cw_err stop;  /* what stopped the import, when not bad input (code != CW_OK) */
	long reported;
	cw_buf body; /* the canonical body being written (reused) */
	int cur_file; /* the line being written, for the update hook */
	long cur_line;
	FILE *const *fps; /* for progress: the files, their total size */
	long long total, before; /* bytes of all files; of those done */
	long handled;
	/* the sheet a row comes from, for messages naming its cell */
	const char *sheet;
	char *const *sheet_fields;
	size_t sheet_nfields;
};

int io_diag_text(cw_buf *b, const struct io_diag *d)
{
	if (d->column > 0 && cw_buf_addf(b, "column %ld: ", d->column))
		return -1;
	if (d->severity == IO_WARNING && cw_buf_adds(b, "warning: "))
		return -1;
	if (d->field && cw_buf_addf(b, "%s: ", d->field))
		return -1;
	return cw_buf_adds(b, d->message);
}

static void diag(struct run *r, const char *file, long line, long column, const char *field,
                 enum io_severity severity, enum cw_code code, const char *message)
{
	struct io_diag d = { file, line, column, field, severity, code, message };

	if (r->o->diag)
		r->o->diag(r->o->report_arg, &d);
	if (r->o->report) {
		cw_buf text = CW_BUF_INIT;
		io_diag_text(&text, &d); /* out of memory: a shorter text */
		r->o->report(r->o->report_arg, file, line, text.data);
		cw_buf_release(&text);
	}
}

/* What is wrong with the input, as opposed to what stops an import (out
 * of memory, a read or database error, an unknown encoding). */
static bool bad_input(const cw_err *e)
{
	return e->code == CW_EINVAL || e->code == CW_ELIMIT;
}

/* A bad record (or file): counted, and reported unless too many were.
 * line is where the record starts; where the error says it is wins. */
static void bad(struct run *r, const char *file, long line, const cw_err *e)
{
	long max = r->o->max_errors ? r->o->max_errors : CW_MAX_ERRORS;

	assert(bad_input(e)); /* anything else stops the import (stop()) */
	r->c->errors++;
	r->failed = true;
	if (r->reported++ < max && r->sheet) {
		/* in a sheet, the cell: "People!D7: born: ..." */
		char ref[24], msg[CW_ERR_MSG_MAX + 300];
		unsigned col = 0;
		bool found = false;
		for (size_t i = 0; e->field[0] && i < r->sheet_nfields && !found; i++)
			if (r->sheet_fields[i] && !strcmp(r->sheet_fields[i], e->field)) {
				col = (unsigned)i;
				found = true;
			}
		io_sheet_ref(col, (unsigned)line, ref);
		if (found)
			snprintf(msg, sizeof(msg), "%.200s!%s: %s: %s", r->sheet, ref, e->field,
			         cw_err_text(e));
		else
			snprintf(msg, sizeof(msg), "%.200s row %ld: %s", r->sheet, line, e->msg);
		diag(r, file, line, 0, NULL, IO_ERROR, e->code, msg);
	} else if (r->reported <= max)
		diag(r, file, e->line ? e->line : line, e->column, e->field[0] ? e->field : NULL,
		     IO_ERROR, e->code, cw_err_text(e));
	else if (r->reported == max + 1)
		diag(r, file, 0, 0, NULL, IO_NOTE, CW_OK, "too many errors; not showing more");
}

/* A file that does not open as records (empty, not in its encoding): a
 * bad file, reported at its line 1 with the reader's whole message, which
 * may name a line of its own ("FILE:1: line 1: invalid UTF-8 …", as the
 * import has always said). */
static void bad_file(struct run *r, const char *file, const cw_err *e)
{
	cw_err whole = *e;

	whole.line = whole.column = 0;
	whole.field[0] = '\0';
	whole.text = 0;
	bad(r, file, 1, &whole);
}

/* What stops the import: the first such error is kept, with its code and
 * where it happened, and nothing more is read. */
static void stop(struct run *r, const char *file, long line, const cw_err *e)
{
	assert(e->code != CW_OK);
	if (r->stop.code == CW_OK) {
		r->stop = *e;
		if (e->code != CW_EUSAGE && line > 0)
			cw_err_prefix(&r->stop, "%s:%ld", file, line);
		else if (e->code != CW_EUSAGE)
			cw_err_prefix(&r->stop, "%s", file);
	}
	r->failed = true;
}

static const char *excluded_reason(struct run *r, int file, long line)
{
	for (size_t i = 0; i < r->nex; i++)
		if (r->ex[i].file == file && r->ex[i].line == line)
			return r->ex[i].reason;
	return NULL;
}

static int add_excluded(struct run *r, int file, long line, const char *reason)
{
	if (excluded_reason(r, file, line))
		return 0;
	if (cw_grow(&r->ex, &r->capex, r->nex + 1, sizeof(*r->ex), 16))
		return -1;
	r->ex[r->nex].file = file;
	r->ex[r->nex].line = line;
	r->ex[r->nex].reason = strdup(reason);
	r->nex++;
	return 0;
}

/* Write a rejected record as it was, preceded by a comment line with the
 * reason: "# FILE:LINE: reason". */
static void reject(struct run *r, const char *file, long line, const char *raw,
                   size_t rawlen, const char *reason)
{
	r->c->rejected++;
	if (!r->o->rejects)
		return;
	fprintf(r->o->rejects, "# %s:%ld: %s\n", file, line, reason);
	fwrite(raw, 1, rawlen, r->o->rejects);
	if (!rawlen || raw[rawlen - 1] != '\n')
		fputc('\n', r->o->rejects);
}

/* {"type":"document","sha256":…,"content_base64":…,"media_type":…,"text":…} */
static int import_document(struct run *r, json_t *in, cw_err *e)
{
	const char *k, *sha, *b64;
	json_t *v;
	unsigned char *bin = NULL, h[32];
	size_t binlen = 0, b64len;
	char hex[65];
	bool created = false;
	int rc = -1;

	json_object_foreach(in, k, v)
	{
		if (strcmp(k, "type") && strcmp(k, "sha256") && strcmp(k, "content_base64") &&
		    strcmp(k, "media_type") && strcmp(k, "text"))
			return cw_err_field(e, CW_EINVAL, k, "unknown field for a document");
	}
	sha = json_string_value(json_object_get(in, "sha256"));
	b64 = json_string_value(json_object_get(in, "content_base64"));
	if (!sha || !b64)
		return cw_err_field(e, CW_EINVAL, sha ? "content_base64" : "sha256", "missing");
	b64len = strlen(b64);
	bin = malloc(b64len / 4 * 3 + 3);
	if (!bin)
		return cw_err_set(e, CW_ENOMEM, "out of memory");
	if (sodium_base642bin(bin, b64len / 4 * 3 + 3, b64, b64len, NULL, &binlen, NULL,
	                      sodium_base64_VARIANT_ORIGINAL)) {
		cw_err_field(e, CW_EINVAL, "content_base64", "not valid base64");
		goto out;
	}
	crypto_hash_sha256(h, bin, binlen);
	sodium_bin2hex(hex, sizeof(hex), h, sizeof(h));
	if (strcmp(hex, sha)) {
		cw_err_field(e, CW_EINVAL, "sha256", "does not match the content");
		goto out;
	}
	if (r->failed) {
		rc = 0;
		goto out;
	}
	rc = store_put_document(r->w, sha, bin, binlen,
	                        json_string_value(json_object_get(in, "media_type")),
	                        json_string_value(json_object_get(in, "text")), &created, e);
	if (!rc)
		r->c->documents++;
out:
	free(bin);
	return rc;
}

/* {"type":"vocabulary","vocabulary":"event_kind","code":"…","labels":{"en":…,"ru":…,"kk":…}}
 * adds a code (or relabels one); it must come before records that use it. */
static int import_vocabulary(struct run *r, json_t *in, cw_err *e)
{
	const char *k, *vo, *code, *en, *ru, *kk;
	json_t *v, *labels = json_object_get(in, "labels");
	bool changed = false;

	json_object_foreach(in, k, v)
	{
		if (strcmp(k, "type") && strcmp(k, "vocabulary") && strcmp(k, "code") &&
		    strcmp(k, "labels"))
			return cw_err_field(e, CW_EINVAL, k, "unknown field for a vocabulary entry");
	}
	vo = json_string_value(json_object_get(in, "vocabulary"));
	code = json_string_value(json_object_get(in, "code"));
	if (!vo || !store_vocab_known(vo))
		return cw_err_field(e, CW_EINVAL, "vocabulary",
		                    "expected event_kind, source_kind, sentence_kind, "
		                    "regime, role or organization_kind");
	if (!code || !*code || strlen(code) > 64 ||
	    strspn(code, "abcdefghijklmnopqrstuvwxyz0123456789_") != strlen(code))
		return cw_err_field(e, CW_EINVAL, "code",
		                    "expected a lowercase code like 'house_search'");
	if (!json_is_object(labels))
		return cw_err_field(e, CW_EINVAL, "labels",
		                    "expected {\"en\": …, \"ru\": …, \"kk\": …}");
	json_object_foreach(labels, k, v)
	{
		char field[CW_ERR_MSG_MAX];
		snprintf(field, sizeof(field), "labels.%s", k);
		if (strcmp(k, "en") && strcmp(k, "ru") && strcmp(k, "kk"))
			return cw_err_field(e, CW_EINVAL, field, "only en, ru and kk");
		if (!json_is_string(v) || !cw_utf8_valid(json_string_value(v), json_string_length(v)) ||
		    json_string_length(v) > 256)
			return cw_err_field(e, CW_EINVAL, field, "expected a short text");
	}
	en = json_string_value(json_object_get(labels, "en"));
	ru = json_string_value(json_object_get(labels, "ru"));
	kk = json_string_value(json_object_get(labels, "kk"));
	if (!en || !*en)
		return cw_err_field(e, CW_EINVAL, "labels.en", "missing");
	if (store_vocab_put(store_writer_db(r->w), r->vocab, vo, code, en, ru, kk, &changed, e))
		return -1;
	if (changed)
		r->c->vocabulary++;
	return 0;
}

/* A replacing import is about to overwrite a record: keep the fields
 * casewatch attached itself, and report the fields the record loses. */
static int on_update(void *arg, const char *old_body, json_t *obj, const char *body,
                     json_t **nobj, char **nbody, cw_err *e)
{
	struct run *r = arg;
	json_t *old = json_loads(old_body, 0, NULL), *copy = NULL;
	char lost[600];
	int rc = -1;

	(void)body;
	if (!old)
		return cw_err_set(e, CW_ECORRUPT, "'%s': stored JSON unreadable",
		                  cw_json_str(obj, "id"));
	copy = json_deep_copy(obj);
	if (io_keep_attached(old, copy)) {
		struct io_canon_opts co = r->canon;
		cw_buf b = CW_BUF_INIT;
		co.namespace_ = NULL;
		co.from_csv = false;
		co.partial = false;
		if (!(*nobj = io_canonicalize(copy, &co, e)))
			goto out;
		if (cw_json_write(&b, *nobj)) {
			json_decref(*nobj);
			*nobj = NULL;
			cw_buf_release(&b);
			cw_err_set(e, CW_ELIMIT, "record: longer than %u bytes", CW_MAX_RECORD);
			goto out;
		}
		*nbody = cw_buf_detach(&b, NULL);
	}
	io_dropped_fields(old, *nobj ? *nobj : obj, lost, sizeof(lost));
	if (lost[0]) {
		r->c->dropped++;
		char msg[900];
		snprintf(msg, sizeof(msg),
		         "'%s' loses %s (this import replaces whole records; "
		         "--merge changes only the fields given)",
		         cw_json_str(obj, "id"), lost);
		diag(r, r->files[r->cur_file], r->cur_line, 0, NULL, IO_WARNING, CW_OK, msg);
	}
	rc = 0;
out:
	json_decref(copy);
	json_decref(old);
	return rc;
}

/* --merge: the record a line makes, its fields applied to the stored one. */
static json_t *merged_record(struct run *r, json_t *in, cw_err *e)
{
	struct io_canon_opts co = r->canon;
	json_t *patch, *old = NULL, *next, *rec = NULL;
	char *type = NULL, *body = NULL;
	long long rev;
	int s;

	co.partial = true;
	if (!(patch = io_canonicalize(in, &co, e)))
		return NULL;
	s = store_writer_get(r->w, cw_json_str(patch, "id"), &type, &body, &rev, e);
	if (s < 0)
		goto out;
	if (s == 0) { /* a new record: the line as it is */
		rec = io_canonicalize(in, &r->canon, e);
		goto out;
	}
	if (strcmp(type, cw_json_str(patch, "type"))) {
		cw_err_set(e, CW_EINVAL, "id '%s' is already used by a %s", cw_json_str(patch, "id"),
		           type);
		goto out;
	}
	if (!(old = json_loads(body, 0, NULL))) {
		cw_err_set(e, CW_ECORRUPT, "'%s': stored JSON unreadable", cw_json_str(patch, "id"));
		goto out;
	}
	next = io_merge_patch(old, patch);
	co.partial = false;
	co.from_csv = false;
	co.namespace_ = NULL; /* the patch's ids have theirs already */
	rec = io_canonicalize(next, &co, e);
	json_decref(next);
out:
	json_decref(patch);
	json_decref(old);
	free(type);
	free(body);
	return rec;
}

/* One parsed record: canonicalize and write. raw is for rejects. */
static void handle(struct run *r, int fi, long line, json_t *in, const char *raw,
                   size_t rawlen)
{
	const char *file = r->files[fi];
	const char *why = excluded_reason(r, fi, line);

	if (r->o->progress && ++r->handled % 1000 == 0) {
		long pos = ftell(r->fps[fi]);
		r->o->progress(r->o->progress_arg, r->handled, r->before + (pos > 0 ? pos : 0),
		               r->total);
	}
	cw_err e = CW_ERR_INIT;
	json_t *rec;
	const char *body;
	enum store_put_result res;
	int ti;

	if (why) {
		reject(r, file, line, raw, rawlen, why);
		return;
	}
	if (json_is_object(in) &&
	    !strcmp(json_string_value(json_object_get(in, "type")) ?: "", "vocabulary")) {
		if (import_vocabulary(r, in, &e))
			goto bad;
		return;
	}
	if (json_is_object(in) &&
	    !strcmp(json_string_value(json_object_get(in, "type")) ?: "", "document")) {
		if (import_document(r, in, &e))
			goto bad;
		return;
	}
	rec = r->o->merge && json_is_object(in) ? merged_record(r, in, &e)
	                                        : io_canonicalize(in, &r->canon, &e);
	if (!rec)
		goto bad; /* a database failure stops the import there */
	cw_buf_reset(&r->body);
	if (cw_json_write(&r->body, rec)) {
		json_decref(rec);
		cw_err_set(&e, CW_ELIMIT, "record: longer than %u bytes", CW_MAX_RECORD);
		goto bad;
	}
	body = r->body.data;
	r->cur_file = fi;
	r->cur_line = line;
	if (store_put(r->w, rec, body, fi, line, &res, &e)) {
		json_decref(rec);
		goto bad;
	}
	ti = type_index(json_string_value(json_object_get(rec, "type")));
	if (ti >= 0) {
		if (res == STORE_CREATED)
			r->c->created[ti]++;
		else if (res == STORE_UPDATED)
			r->c->updated[ti]++;
		else
			r->c->unchanged[ti]++;
	}
	json_decref(rec);
	return;
bad:
	if (!bad_input(&e)) { /* out of memory, a database failure: not the record */
		stop(r, file, line, &e);
		return;
	}
	if (r->o->skip_bad) {
		reject(r, file, line, raw, rawlen, e.msg);
		return;
	}
	bad(r, file, line, &e);
}

static int import_json(struct run *r, int fi, FILE *f, enum io_format fmt, cw_err *e)
{
	struct jsonrec_reader jr;
	const char *file = r->files[fi];
	json_t *obj;
	int s;

	if (jsonrec_open(&jr, f, r->o->encoding,
	                 fmt == IO_FORMAT_JSONL ? JSONREC_LINES : JSONREC_AUTO, e)) {
		if (bad_input(e))
			bad_file(r, file, e);
		else
			stop(r, file, 0, e);
		return 0;
	}
	while (r->stop.code == CW_OK) {
		cw_err re = CW_ERR_INIT;
		s = jsonrec_next(&jr, &obj, &re);
		if (s == 0)
			break;
		if (s < 0) {
			if (!bad_input(&re)) { /* out of memory, a read error */
				stop(r, file, 0, &re);
				break;
			}
			if (jr.recoverable && r->o->skip_bad) {
				reject(r, file, jr.line, jr.raw.data, jr.raw.len, re.msg);
				continue;
			}
			bad(r, file, 0, &re);
			if (!jr.recoverable)
				break;
			continue;
		}
		handle(r, fi, jr.line, obj, jr.raw.data, jr.raw.len);
		json_decref(obj);
	}
	jsonrec_release(&jr);
	return 0;
}

/* "ours=Theirs,born=Date of Birth" -> the field for a header name. */
static const char *mapped(const char *map, const char *header, char *out, size_t cap)
{
	const char *p = map;

	while (p && *p) {
		const char *comma = strchr(p, ','), *eq = strchr(p, '=');
		const char *end = comma ? comma : p + strlen(p);
		if (eq && eq < end) {
			size_t tl = (size_t)(end - eq - 1), ol = (size_t)(eq - p);
			if (tl == strlen(header) && !memcmp(eq + 1, header, tl) && ol < cap) {
				memcpy(out, p, ol);
				out[ol] = 0;
				return out;
			}
		}
		p = comma ? comma + 1 : NULL;
	}
	return NULL;
}

/* One CSV cell, quoted when it must be. */
static void csv_add_cell(cw_buf *b, const char *f, size_t len, char delim)
{
	bool q = memchr(f, '"', len) || memchr(f, '\r', len) || memchr(f, '\n', len) ||
	         memchr(f, delim, len);

	if (!q) {
		cw_buf_add(b, f, len);
		return;
	}
	cw_buf_addch(b, '"');
	for (size_t k = 0; k < len; k++) {
		if (f[k] == '"')
			cw_buf_addch(b, '"');
		cw_buf_addch(b, f[k]);
	}
	cw_buf_addch(b, '"');
}

static void csv_raw(cw_buf *b, const struct csv_reader *cr, char delim)
{
	cw_buf_reset(b);
	for (size_t i = 0; i < cr->nfields; i++) {
		size_t len;
		const char *f = csv_field(cr, i, &len);
		if (i)
			cw_buf_addch(b, delim);
		csv_add_cell(b, f, len, delim);
	}
}

/* Values as one CSV line (for the rejects file). */
static void csv_line(cw_buf *b, const char *const *vals, const size_t *lens, size_t n,
                     char delim)
{
	cw_buf_reset(b);
	for (size_t i = 0; i < n; i++) {
		if (i)
			cw_buf_addch(b, delim);
		if (vals[i])
			csv_add_cell(b, vals[i], lens[i], delim);
	}
}

/* The field each header column sets (NULL for a column --map leaves out,
 * reported) and the column of "type" (-1 when none). NULL on no memory. */
static char **header_fields(struct run *r, const char *file, const char *const *hdr, size_t n,
                            int *type_col)
{
	char **fields = calloc(n + 1, sizeof(*fields));

	*type_col = -1;
	if (!fields)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		char buf[128];
		const char *h = hdr[i];
		const char *m = r->o->map ? mapped(r->o->map, h, buf, sizeof(buf)) : h;
		if (!*h)
			continue;
		if (!m) {
			/* reported, not an error: foreign files carry extra columns */
			char w[300];
			snprintf(w, sizeof(w), "column '%s' is not in --map: ignored", h);
			diag(r, file, 1, 0, NULL, IO_WARNING, CW_OK, w);
			continue;
		}
		if (!strcmp(m, "type"))
			*type_col = (int)i;
		if (!(fields[i] = strdup(m))) {
			for (size_t k = 0; k < i; k++)
				free(fields[k]);
			free(fields);
			return NULL;
		}
	}
	return fields;
}

static void free_fields(char **fields, size_t n)
{
	for (size_t i = 0; fields && i < n; i++)
		free(fields[i]);
	free(fields);
}

/* One row (a CSV line, a spreadsheet row) as a record: each column's value
 * set by its field (io_csv_set), then checked and written like any line.
 * raw is the row as CSV, for the rejects file. */
static void import_row(struct run *r, int fi, long line, const char *rtype,
                       char *const *fields, size_t nfields, int type_col,
                       const char *const *vals, const size_t *lens, size_t nvals,
                       const char *raw, size_t rawlen)
{
	const char *file = r->files[fi];
	json_t *obj;

	if (!io_type_known(rtype)) {
		cw_err te = CW_ERR_INIT;
		cw_err_field(&te, CW_EINVAL, "type", "unknown type '%s'", rtype);
		if (r->o->skip_bad)
			reject(r, file, line, raw, rawlen, te.msg);
		else
			bad(r, file, line, &te);
		return;
	}
	obj = json_object();
	json_object_set_new(obj, "type", json_string(rtype));
	for (size_t i = 0; i < nvals && i < nfields; i++) {
		cw_err fe = CW_ERR_INIT;
		if (!fields[i] || (int)i == type_col || !vals[i])
			continue;
		if (io_csv_set(obj, rtype, fields[i], vals[i], lens[i], &fe)) {
			if (!bad_input(&fe))
				stop(r, file, line, &fe);
			else if (r->o->skip_bad)
				reject(r, file, line, raw, rawlen, fe.msg);
			else
				bad(r, file, line, &fe);
			json_decref(obj);
			return;
		}
	}
	r->canon.from_csv = true;
	handle(r, fi, line, obj, raw, rawlen);
	r->canon.from_csv = false;
	json_decref(obj);
}

/* The record type a file or sheet name says ("people.csv", "Cases"). */
static const char *type_of_name(const char *name)
{
	const char *base = strrchr(name, '/');
	char word[64];
	size_t n;

	base = base ? base + 1 : name;
	n = strcspn(base, ".");
	if (n >= sizeof(word))
		return NULL;
	for (size_t i = 0; i < n; i++)
		word[i] = (char)((base[i] >= 'A' && base[i] <= 'Z') ? base[i] + 32 : base[i]);
	word[n] = 0;
	return io_type_from_word(word);
}

static int import_csv(struct run *r, int fi, FILE *f, cw_err *e)
{
	struct csv_reader cr;
	const char *file = r->files[fi];
	char delim = r->o->delimiter ? r->o->delimiter : ends_with(file, ".tsv") ? '\t' : ',';
	const char *type = r->o->type;
	char **fields = NULL;
	const char **vals = NULL;
	size_t *lens = NULL;
	int type_col = -1;
	cw_buf raw = CW_BUF_INIT;

	if (csv_open(&cr, f, r->o->encoding, delim, e)) {
		if (bad_input(e))
			bad_file(r, file, e);
		else
			stop(r, file, 0, e);
		return 0;
	}
	if (!type)
		type = type_of_name(file); /* people.csv, cases.csv, ... */
	fields = header_fields(r, file, (const char *const *)cr.header, cr.nheader, &type_col);
	vals = calloc(cr.nheader + 1, sizeof(*vals));
	lens = calloc(cr.nheader + 1, sizeof(*lens));
	if (!fields || !vals || !lens) {
		free_fields(fields, cr.nheader);
		free(vals);
		free(lens);
		csv_release(&cr);
		return cw_err_set(e, CW_ENOMEM, "out of memory");
	}
	if (cr.nheader == 1 && delim != ';' && strchr(cr.header[0], ';')) {
		cw_err te = CW_ERR_INIT;
		cw_err_set(&te, CW_EINVAL,
		           "the header is one column with ';' in it: the file is separated by ';' "
		           "(as Excel writes it in a Russian locale); import it with --delimiter ';'");
		bad(r, file, 1, &te);
		goto out;
	}
	if (!type && type_col < 0) {
		cw_err te = CW_ERR_INIT;
		cw_err_field(&te, CW_EINVAL, "type",
		             "cannot tell the record type (use --type, a 'type' column, or name "
		             "the file people.csv, cases.csv, ...)");
		bad(r, file, 1, &te);
		goto out;
	}
	if (type && !io_type_known(type)) {
		cw_err te = CW_ERR_INIT;
		cw_err_field(&te, CW_EINVAL, "type", "unknown type '%s'", type);
		bad(r, file, 1, &te);
		goto out;
	}
	while (r->stop.code == CW_OK) {
		cw_err re = CW_ERR_INIT;
		int st = csv_next(&cr, &re);
		size_t n = cr.nfields < cr.nheader ? cr.nfields : cr.nheader;
		if (st == 0)
			break;
		if (st < 0) {
			if (!bad_input(&re)) { /* out of memory, a read error */
				stop(r, file, 0, &re);
				break;
			}
			if (cr.recoverable && r->o->skip_bad) {
				reject(r, file, cr.line, "", 0, re.msg);
				continue;
			}
			bad(r, file, 0, &re);
			if (!cr.recoverable)
				break;
			continue;
		}
		for (size_t i = 0; i < n; i++)
			vals[i] = csv_field(&cr, i, &lens[i]);
		csv_raw(&raw, &cr, delim);
		import_row(r, fi, cr.line,
		           type_col >= 0 ? csv_field(&cr, (size_t)type_col, NULL) : type, fields,
		           cr.nheader, type_col, vals, lens, n, raw.data, raw.len);
	}
out:
	free_fields(fields, cr.nheader);
	free(vals);
	free(lens);
	cw_buf_release(&raw);
	csv_release(&cr);
	return 0;
}

/* ---- spreadsheets (.xlsx, .ods): each sheet like a CSV file ---- */

struct sheet_run {
	struct run *r;
	int fi;
	const char *sheet, *type;
	char **fields;
	size_t nfields;
	int type_col;
	bool header;
	const char **vals;
	size_t *lens;
	cw_buf raw;
};

static int on_sheet_row(void *arg, const struct io_sheet_row *row, cw_err *e)
{
	struct sheet_run *s = arg;
	struct run *r = s->r;
	const char *file = r->files[s->fi];
	size_t n = 0;

	if (r->stop.code != CW_OK)
		return 1;
	if (!s->header) {
		/* the first row with anything in it names the columns */
		size_t cols = row->cells[row->n - 1].col + 1;
		const char **hdr = calloc(cols + 1, sizeof(*hdr));
		if (!hdr)
			return cw_err_set(e, CW_ENOMEM, "out of memory");
		for (size_t i = 0; i < cols; i++)
			hdr[i] = "";
		for (size_t i = 0; i < row->n; i++)
			hdr[row->cells[i].col] = row->cells[i].text;
		s->fields = header_fields(r, file, hdr, cols, &s->type_col);
		free(hdr);
		s->nfields = cols;
		s->vals = calloc(cols + 1, sizeof(*s->vals));
		s->lens = calloc(cols + 1, sizeof(*s->lens));
		if (!s->fields || !s->vals || !s->lens)
			return cw_err_set(e, CW_ENOMEM, "out of memory");
		s->header = true;
		if (!s->type && s->type_col < 0) {
			cw_err te = CW_ERR_INIT;
			cw_err_set(&te, CW_EINVAL,
			           "sheet '%s': type: cannot tell the record type (use --type, a "
			           "'type' column, or name the sheet people, cases, ...)",
			           s->sheet);
			bad(r, file, row->row, &te);
			return 1;
		}
		return 0;
	}
	memset(s->vals, 0, s->nfields * sizeof(*s->vals));
	for (size_t i = 0; i < row->n; i++) {
		unsigned c = row->cells[i].col;
		if (c >= s->nfields) {
			char ref[24];
			cw_err te = CW_ERR_INIT;
			io_sheet_ref(c, row->row, ref);
			cw_err_set(&te, CW_EINVAL, "%s!%s: a value in a column without a header",
			           s->sheet, ref);
			bad(r, file, row->row, &te);
			return 0;
		}
		s->vals[c] = row->cells[i].text;
		s->lens[c] = row->cells[i].len;
		if (c + 1 > n)
			n = c + 1;
	}
	csv_line(&s->raw, s->vals, s->lens, s->nfields, ',');
	r->sheet = s->sheet;
	r->sheet_fields = s->fields;
	r->sheet_nfields = s->nfields;
	import_row(r, s->fi, row->row,
	           s->type_col >= 0 ? (s->vals[s->type_col] ? s->vals[s->type_col] : "") : s->type,
	           s->fields, s->nfields, s->type_col, s->vals, s->lens, n, s->raw.data,
	           s->raw.len);
	r->sheet = NULL;
	return 0;
}

static int import_sheets(struct run *r, int fi, FILE *f, cw_err *e)
{
	const char *file = r->files[fi];
	io_sheet *wb = NULL;
	cw_err se = CW_ERR_INIT;
	size_t nread = 0;

	(void)e;
	if (io_sheet_open_fd(file, fileno(f), &wb, &se)) {
		if (bad_input(&se))
			bad_file(r, file, &se);
		else
			stop(r, file, 0, &se);
		return 0;
	}
	for (size_t i = 0; i < io_sheet_count(wb) && r->stop.code == CW_OK; i++) {
		struct sheet_run s;
		const char *name = io_sheet_name(wb, i);
		const char *type = r->o->type ? r->o->type : type_of_name(name);
		if (r->o->sheet ? strcasecmp(name, r->o->sheet) != 0
		                : !type && (nread || i + 1 < io_sheet_count(wb)))
			continue; /* not a sheet of records (or not the one asked for) */
		if (!r->o->sheet && r->o->type && nread)
			break; /* --type: the first sheet */
		memset(&s, 0, sizeof(s));
		s.r = r;
		s.fi = fi;
		s.sheet = name;
		s.type = type;
		s.type_col = -1;
		if (io_sheet_read(wb, i, on_sheet_row, &s, &se) < 0) {
			if (bad_input(&se))
				bad_file(r, file, &se);
			else
				stop(r, file, 0, &se);
		}
		free_fields(s.fields, s.nfields);
		free(s.vals);
		free(s.lens);
		cw_buf_release(&s.raw);
		nread++;
	}
	if (!nread) {
		cw_err te = CW_ERR_INIT;
		if (r->o->sheet)
			cw_err_set(&te, CW_EINVAL, "no sheet named '%s'", r->o->sheet);
		else
			cw_err_set(&te, CW_EINVAL,
			           "no sheet is named for a record type (people, cases, events, "
			           "sources, ...): name them so, or give --sheet NAME --type TYPE");
		bad_file(r, file, &te);
	}
	io_sheet_close(wb);
	return 0;
}

static enum io_format sniff(const char *file, FILE *f, enum io_format given)
{
	int c;

	if (given != IO_FORMAT_AUTO)
		return given;
	if (ends_with(file, ".jsonl") || ends_with(file, ".ndjson"))
		return IO_FORMAT_JSONL;
	if (ends_with(file, ".json"))
		return IO_FORMAT_JSON;
	if (ends_with(file, ".csv") || ends_with(file, ".tsv"))
		return IO_FORMAT_CSV;
	if (io_sheet_is(file))
		return IO_FORMAT_SHEET;
	/* Look at the first non-space byte (after a BOM). */
	while ((c = getc(f)) != EOF) {
		if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == 0xEF || c == 0xBB ||
		    c == 0xBF)
			continue;
		break;
	}
	rewind(f);
	return c == '{' || c == '[' ? IO_FORMAT_JSON : IO_FORMAT_CSV;
}

/* SHA-256 of each file's bytes, for the audit entry, computed on a second
 * core while the import runs: pread() leaves the import's file offsets
 * alone. */
struct hasher {
	FILE **fps;
	size_t n;
	char (*hashes)[65];
	int failed;
	pthread_t thread;
	bool started;
};

static void *hash_files(void *arg)
{
	struct hasher *h = arg;
	unsigned char *buf = malloc(1 << 20);

	if (!buf) {
		h->failed = 1;
		return NULL;
	}
	for (size_t i = 0; i < h->n; i++) {
		crypto_hash_sha256_state st;
		unsigned char out[32];
		int fd = fileno(h->fps[i]);
		off_t off = 0;
		ssize_t r;

		crypto_hash_sha256_init(&st);
		while ((r = pread(fd, buf, 1 << 20, off)) > 0) {
			crypto_hash_sha256_update(&st, buf, (unsigned long long)r);
			off += r;
		}
		if (r < 0)
			h->failed = 1;
		crypto_hash_sha256_final(&st, out);
		sodium_bin2hex(h->hashes[i], 65, out, sizeof(out));
	}
	free(buf);
	return NULL;
}

static int hasher_join(struct hasher *h)
{
	if (h->started) {
		pthread_join(h->thread, NULL);
		h->started = false;
	}
	return h->failed ? -1 : 0;
}

/* Standard input can't be read twice: copy it to memory (never to disk). */
static FILE *stdin_copy(cw_err *e)
{
	int fd = memfd_create("casewatch-stdin", MFD_CLOEXEC);
	FILE *f;
	char buf[65536];
	size_t n;

	if (fd < 0 || !(f = fdopen(fd, "w+b"))) {
		if (fd >= 0)
			close(fd);
		cw_err_set(e, CW_EIO, "-: %s", strerror(errno));
		return NULL;
	}
	while ((n = fread(buf, 1, sizeof(buf), stdin)) > 0)
		if (fwrite(buf, 1, n, f) != n) {
			fclose(f);
			cw_err_set(e, CW_EIO, "-: %s", strerror(errno));
			return NULL;
		}
	rewind(f);
	return f;
}

static int one_attempt(struct run *r, FILE **fps, size_t nfiles, cw_err *e)
{
	memset(r->c, 0, sizeof(*r->c));
	r->failed = false;
	cw_err_clear(&r->stop);
	r->reported = 0;
	if (store_writer_open(r->db, &r->w, e))
		return -1;
	if (store_writer_actor(r->w, r->o->actor, r->o->merge ? "import --merge" : "import", e)) {
		store_writer_abort(r->w);
		r->w = NULL;
		return -1;
	}
	if (!r->o->merge)
		store_writer_on_update(r->w, on_update, r);
	if (!(r->vocab = store_vocab_open(r->db, e))) {
		store_writer_abort(r->w);
		return -1;
	}
	r->canon.vocab = store_vocab_has;
	r->canon.vocab_arg = r->vocab;
	r->canon.vocab_codes = store_vocab_codes;
	r->canon.date_order = r->o->date_order;
	r->fps = fps;
	r->before = 0;
	for (size_t i = 0; i < nfiles && r->stop.code == CW_OK; i++) {
		enum io_format fmt = sniff(r->files[i], fps[i], r->o->format);
		struct stat sb;
		rewind(fps[i]);
		if (fmt == IO_FORMAT_SHEET)
			import_sheets(r, (int)i, fps[i], e);
		else if (fmt == IO_FORMAT_CSV)
			import_csv(r, (int)i, fps[i], e);
		else
			import_json(r, (int)i, fps[i], fmt, e);
		if (fstat(fileno(fps[i]), &sb) == 0)
			r->before += (long long)sb.st_size;
	}
	return 0;
}

int io_import(cw_db *db, const char *const *files, size_t nfiles,
              const struct io_import_opts *o, struct io_import_counts *c, cw_err *e)
{
	struct run r = { 0 };
	struct hasher hasher = { 0 };
	FILE **fps = calloc(nfiles, sizeof(*fps));
	char (*hashes)[65] = calloc(nfiles, 65);
	int rc = -1;

	r.db = db;
	r.o = o;
	r.c = c;
	r.files = files;
	r.canon.default_level = o->default_level;
	r.canon.namespace_ = o->namespace_;
	cw_buf_init(&r.body, CW_MAX_RECORD);
	if (!fps || !hashes) {
		cw_err_set(e, CW_ENOMEM, "out of memory");
		goto out;
	}
	for (size_t i = 0; i < nfiles; i++) {
		fps[i] = !strcmp(files[i], "-") ? stdin_copy(e) : fopen(files[i], "rb");
		if (!fps[i]) {
			if (strcmp(files[i], "-"))
				cw_err_set(e, CW_EIO, "%s: %s", files[i], strerror(errno));
			goto out;
		}
	}
	for (size_t i = 0; i < nfiles; i++) {
		struct stat sb;
		if (fstat(fileno(fps[i]), &sb) == 0)
			r.total += (long long)sb.st_size;
	}
	hasher.fps = fps;
	hasher.n = nfiles;
	hasher.hashes = hashes;
	if (pthread_create(&hasher.thread, NULL, hash_files, &hasher) == 0)
		hasher.started = true;
	else
		hash_files(&hasher); /* no thread: hash here */

	for (int attempt = 0;; attempt++) {
		struct store_dangling *d = NULL;
		size_t nd = 0;
		int s;

		if (one_attempt(&r, fps, nfiles, e))
			goto out;
		if (r.stop.code != CW_OK) {
			*e = r.stop;
			goto abort;
		}
		/* Bad records were written too (all of it is rolled back), so
		 * that dangling references are reported along with them. */
		s = store_writer_check(r.w, &d, &nd, e);
		if (s < 0)
			goto abort;
		if (s == 0 && r.failed) {
			cw_err_set(e, CW_EINVAL, "nothing imported: %ld bad record%s", c->errors,
			           c->errors == 1 ? "" : "s");
			goto abort;
		}
		if (s == 0)
			break;
		/* Dangling references. */
		for (size_t i = 0; i < nd; i++) {
			cw_err why = CW_ERR_INIT;
			cw_err_field(&why, CW_EINVAL, d[i].field, "no record '%s'", d[i].target);
			if (o->skip_bad && !r.failed && attempt < 64) {
				add_excluded(&r, d[i].file, d[i].line, why.msg);
			} else {
				bad(&r, files[d[i].file], d[i].line, &why);
			}
		}
		store_dangling_free(d, nd);
		if (!o->skip_bad || r.failed || attempt >= 64) {
			cw_err_set(e, CW_EINVAL, "nothing imported: %ld bad record%s", c->errors,
			           c->errors == 1 ? "" : "s");
			goto abort;
		}
		/* Again without them (and whatever depended on them). */
		store_vocab_free(r.vocab);
		r.vocab = NULL;
		store_writer_abort(r.w);
		r.w = NULL;
		if (o->rejects) {
			fflush(o->rejects);
			if (ftruncate(fileno(o->rejects), 0) == 0)
				rewind(o->rejects);
		}
		for (size_t i = 0; i < nfiles; i++)
			rewind(fps[i]);
	}

	{
		long changed = c->vocabulary;
		for (int i = 0; i < IO_NTYPES; i++)
			changed += c->created[i] + c->updated[i];
		if (hasher_join(&hasher)) {
			cw_err_set(e, CW_EIO, "read error while hashing the input");
			goto abort;
		}
		if (changed && !o->dry_run) {
			cw_buf detail = CW_BUF_INIT;
			long cr = 0, up = 0, un = 0;
			for (int i = 0; i < IO_NTYPES; i++) {
				cr += c->created[i];
				up += c->updated[i];
				un += c->unchanged[i];
			}
			cw_buf_adds(&detail, "{\"files\":[");
			for (size_t i = 0; i < nfiles; i++)
				cw_buf_addf(&detail, "%s\"sha256:%s\"", i ? "," : "", hashes[i]);
			cw_buf_addf(&detail,
			            "],\"created\":%ld,\"updated\":%ld,\"unchanged\":%ld,"
			            "\"rejected\":%ld}",
			            cr, up, un, c->rejected);
			rc = store_audit_append(db, o->actor, "import", NULL, detail.data, e);
			cw_buf_release(&detail);
			if (rc)
				goto abort;
		}
		if (o->dry_run) {
			store_vocab_free(r.vocab);
			r.vocab = NULL;
			store_writer_abort(r.w);
			r.w = NULL;
			rc = 0;
			goto out;
		}
	}
	store_vocab_free(r.vocab);
	r.vocab = NULL;
	rc = store_writer_commit(r.w, e);
	r.w = NULL;
	goto out;
abort:
	store_vocab_free(r.vocab);
	r.vocab = NULL;
	store_writer_abort(r.w);
	r.w = NULL;
	rc = -1;
out:
	hasher_join(&hasher);
	if (fps)
		for (size_t i = 0; i < nfiles; i++)
			if (fps[i])
				fclose(fps[i]);
	free(fps);
	free(hashes);
	for (size_t i = 0; i < r.nex; i++)
		free(r.ex[i].reason);
	free(r.ex);
	cw_buf_release(&r.body);
	return rc;
}
