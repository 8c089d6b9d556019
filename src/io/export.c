/* io/export.c: see export.h. */
#include "io/export.h"

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <libgen.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "base/jsonout.h"
#include "io/schema.h"
#include "store/vocab.h"
#include "store/record.h"

struct jctx {
	FILE *out;
	struct io_export_counts *c;
};

/* Everything an export writes passes through a FILE that adds it to one
 * SHA-256 (for the audit entry) on its way to the real file. */
struct tee {
	FILE *to;
	bool own; /* close `to` with the tee */
	crypto_hash_sha256_state *h;
};

static ssize_t tee_write(void *cookie, const char *buf, size_t n)
{
	struct tee *t = cookie;
	crypto_hash_sha256_update(t->h, (const unsigned char *)buf, n);
	return fwrite(buf, 1, n, t->to) == n ? (ssize_t)n : -1;
}

static int tee_close(void *cookie)
{
	struct tee *t = cookie;
	int rc = t->own ? fclose(t->to) : fflush(t->to);
	free(t);
	return rc ? EOF : 0;
}

static FILE *tee_open(FILE *to, bool own, crypto_hash_sha256_state *h)
{
	static const cookie_io_functions_t fns = { NULL, tee_write, NULL, tee_close };
	struct tee *t = malloc(sizeof(*t));
	FILE *f;

	if (!t)
		return NULL;
	t->to = to;
	t->own = own;
	t->h = h;
	if (!(f = fopencookie(t, "w", fns)))
		free(t);
	return f;
}

static void hash_hex(crypto_hash_sha256_state *h, char out[65])
{
	unsigned char d[crypto_hash_sha256_BYTES];
	crypto_hash_sha256_final(h, d);
	sodium_bin2hex(out, 65, d, sizeof(d));
}

FILE *io_export_create(const char *path, cw_err *e)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	FILE *f;

	/* an existing file keeps its mode through O_TRUNC: narrow it */
	if (fd < 0 || fchmod(fd, 0600) || !(f = fdopen(fd, "wb"))) {
		cw_err_set(e, CW_EIO, "%s: %s", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return NULL;
	}
	return f;
}

static int write_doc(void *arg, const char *sha256, const void *data, size_t len,
                     const char *media_type, const char *text, cw_err *e)
{
	struct jctx *x = arg;
	size_t b64len = sodium_base64_ENCODED_LEN(len, sodium_base64_VARIANT_ORIGINAL);
	char *b64 = malloc(b64len);
	json_t *o;
	char *line;

	if (!b64)
		return cw_err_set(e, CW_ENOMEM, "out of memory");
	sodium_bin2base64(b64, b64len, data, len, sodium_base64_VARIANT_ORIGINAL);
	o = json_object();
	json_object_set_new(o, "type", json_string("document"));
	json_object_set_new(o, "sha256", json_string(sha256));
	json_object_set_new(o, "content_base64", json_string(b64));
	if (media_type)
		json_object_set_new(o, "media_type", json_string(media_type));
	if (text)
		json_object_set_new(o, "text", json_string(text));
	free(b64);
	line = json_dumps(o, JSON_COMPACT);
	json_decref(o);
	if (!line)
		return cw_err_set(e, CW_ENOMEM, "out of memory");
	fputs(line, x->out);
	fputc('\n', x->out);
	free(line);
	x->c->documents++;
	return 0;
}

static int write_rec(void *arg, const char *type, const char *id, const char *body,
                     cw_err *e)
{
	struct jctx *x = arg;
	(void)type;
	(void)id;
	(void)e;
	fputs(body, x->out);
	fputc('\n', x->out);
	x->c->records++;
	return 0;
}

static int write_vocab(void *arg, const char *vocabulary, const char *code, const char *en,
                       const char *ru, const char *kk)
{
	struct jctx *x = arg;
	cw_buf b = CW_BUF_INIT;
	json_t *o = json_object(), *l = json_object();
	int rc;

	json_object_set_new(o, "type", json_string("vocabulary"));
	json_object_set_new(o, "vocabulary", json_string(vocabulary));
	json_object_set_new(o, "code", json_string(code));
	json_object_set_new(l, "en", json_string(en));
	if (ru)
		json_object_set_new(l, "ru", json_string(ru));
	if (kk)
		json_object_set_new(l, "kk", json_string(kk));
	json_object_set_new(o, "labels", l);
	rc = cw_json_write(&b, o);
	if (!rc) {
		fputs(b.data, x->out);
		fputc('\n', x->out);
	}
	cw_buf_release(&b);
	json_decref(o);
	return rc;
}

int io_export_jsonl(cw_db *db, int clearance, FILE *out, struct io_export_counts *c,
                    cw_err *e)
{
	crypto_hash_sha256_state h;
	struct jctx x = { NULL, c };
	int rc = -1;

	memset(c, 0, sizeof(*c));
	crypto_hash_sha256_init(&h);
	if (!(x.out = tee_open(out, false, &h)))
		return cw_err_set(e, CW_ENOMEM, "out of memory");
	/* vocabulary entries first: the records after them may use them */
	if (store_vocab_each_custom(db, write_vocab, &x, e) ||
	    store_each_document(db, clearance, write_doc, &x, e) ||
	    store_each_record(db, clearance, write_rec, &x, e))
		goto out;
	if (fflush(x.out) || ferror(x.out) || ferror(out)) {
		cw_err_set(e, CW_EIO, "write error: %s", strerror(errno));
		goto out;
	}
	rc = 0;
out:
	if (fclose(x.out) && !rc)
		rc = cw_err_set(e, CW_EIO, "write error: %s", strerror(errno));
	hash_hex(&h, c->sha256);
	return rc;
}

struct cctx {
	const char *dir;
	FILE *f;
	char type[32];
	struct io_export_counts *c;
	crypto_hash_sha256_state h;
};

static void csv_cell(FILE *f, const char *s)
{
	if (!strpbrk(s, ",\"\r\n")) {
		fputs(s, f);
		return;
	}
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	fputc('"', f);
}

static const char *plural(const char *type)
{
	return !strcmp(type, "person") ? "people" : NULL;
}

static int csv_rec(void *arg, const char *type, const char *id, const char *body,
                   cw_err *e)
{
	struct cctx *x = arg;
	const char *const *cols = io_csv_columns(type);
	json_t *rec;

	(void)id;
	if (!cols)
		return 0;
	if (strcmp(x->type, type)) {
		char path[4096];
		if (x->f && fclose(x->f))
			return cw_err_set(e, CW_EIO, "%s: write error", x->dir);
		if (plural(type))
			snprintf(path, sizeof(path), "%s/%s.csv", x->dir, plural(type));
		else
			snprintf(path, sizeof(path), "%s/%ss.csv", x->dir, type);
		{
			FILE *real = io_export_create(path, e);
			if (!real)
				return -1;
			if (!(x->f = tee_open(real, true, &x->h))) {
				fclose(real);
				return cw_err_set(e, CW_ENOMEM, "out of memory");
			}
		}
		snprintf(x->type, sizeof(x->type), "%s", type);
		for (size_t i = 0; cols[i]; i++) {
			if (i)
				fputc(',', x->f);
			fputs(cols[i], x->f);
		}
		fputc('\n', x->f);
	}
	rec = json_loads(body, 0, NULL);
	if (!rec)
		return cw_err_set(e, CW_ECORRUPT, "stored record unreadable");
	for (size_t i = 0; cols[i]; i++) {
		char *cell = io_csv_cell(rec, cols[i]);
		if (i)
			fputc(',', x->f);
		csv_cell(x->f, cell ? cell : "");
		free(cell);
	}
	fputc('\n', x->f);
	json_decref(rec);
	x->c->records++;
	return 0;
}

int io_export_csv(cw_db *db, int clearance, const char *dir, struct io_export_counts *c,
                  cw_err *e)
{
	struct cctx x;
	int rc;

	memset(&x, 0, sizeof(x));
	x.dir = dir;
	x.c = c;
	memset(c, 0, sizeof(*c));
	crypto_hash_sha256_init(&x.h);
	if (mkdir(dir, 0700) && errno != EEXIST)
		return cw_err_set(e, CW_EIO, "%s: %s", dir, strerror(errno));
	rc = store_each_record(db, clearance, csv_rec, &x, e);
	if (x.f && fclose(x.f) && !rc)
		rc = cw_err_set(e, CW_EIO, "%s: write error", dir);
	hash_hex(&x.h, c->sha256);
	return rc;
}

/* ---- xlsx ---- */

static int hash_file(const char *path, char out[65], cw_err *e)
{
	crypto_hash_sha256_state h;
	unsigned char buf[65536];
	FILE *f = fopen(path, "rb");
	size_t n;

	if (!f)
		return cw_err_set(e, CW_EIO, "%s: %s", path, strerror(errno));
	crypto_hash_sha256_init(&h);
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		crypto_hash_sha256_update(&h, buf, n);
	fclose(f);
	hash_hex(&h, out);
	return 0;
}

#define XLSX_CELL_MAX 32767 /* characters a cell holds */

static const char *const sheet_types[] = { "provision", "organization", "source", "person",
	                                   "affiliation", "case", "event" };

struct xctx {
	lxw_workbook *wb;
	lxw_format *head;
	lxw_worksheet *ws[7];
	unsigned row[7];
	size_t names_max[7]; /* columns for names (each name its own) */
	bool counting;
	struct io_export_counts *c;
	char bad[600];
};

static int type_at(const char *type)
{
	for (int i = 0; i < 7; i++)
		if (!strcmp(sheet_types[i], type))
			return i;
	return -1;
}

static int count_names(void *arg, const char *type, const char *id, const char *body,
                       cw_err *e)
{
	struct xctx *x = arg;
	int t = type_at(type);
	json_t *rec;
	size_t n;

	(void)id;
	(void)e;
	if (t < 0 || !(rec = json_loads(body, 0, NULL)))
		return 0;
	n = json_array_size(json_object_get(rec, "names"));
	if (n > x->names_max[t])
		x->names_max[t] = n;
	json_decref(rec);
	return 0;
}

/* A name as a readable cell: "Әлия Мысалова [kk]" (io_csv_set reads it). */
static char *name_cell(json_t *v)
{
	json_t *one = json_array();
	char *s;

	json_array_append(one, v);
	{
		json_t *rec = json_object();
		json_object_set_new(rec, "names", one);
		s = io_csv_cell(rec, "names");
		json_decref(rec);
	}
	return s;
}

static int xlsx_put(struct xctx *x, int t, unsigned col, const char *id, const char *column,
               json_t *v, const char *text)
{
	lxw_error err;

	if (json_is_integer(v))
		err = worksheet_write_number(x->ws[t], x->row[t], (lxw_col_t)col,
		                             (double)json_integer_value(v), NULL);
	else if (json_is_real(v))
		err = worksheet_write_number(x->ws[t], x->row[t], (lxw_col_t)col, json_real_value(v),
		                             NULL);
	else
		err = worksheet_write_string(x->ws[t], x->row[t], (lxw_col_t)col, text, NULL);
	if (err == LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED) {
		snprintf(x->bad, sizeof(x->bad),
		         "'%s': %s is longer than a spreadsheet cell holds (%d characters): export "
		         "as jsonl",
		         id, column, XLSX_CELL_MAX);
		return -1;
	}
	if (err) {
		snprintf(x->bad, sizeof(x->bad), "'%s': %s", id, lxw_strerror(err));
		return -1;
	}
	return 0;
}

static int xlsx_rec(void *arg, const char *type, const char *id, const char *body,
                    cw_err *e)
{
	struct xctx *x = arg;
	int t = type_at(type);
	const char *const *cols = io_csv_columns(type);
	json_t *rec;
	unsigned col = 0;
	int rc = 0;

	if (t < 0 || !cols)
		return 0;
	if (!(rec = json_loads(body, 0, NULL)))
		return cw_err_set(e, CW_ECORRUPT, "record '%s': stored JSON unreadable", id);
	x->row[t]++;
	for (size_t i = 0; cols[i] && !rc; i++) {
		if (!strcmp(cols[i], "names")) {
			json_t *names = json_object_get(rec, "names"), *v;
			size_t k;
			json_array_foreach(names, k, v)
			{
				char *s = name_cell(v);
				rc = xlsx_put(x, t, col + (unsigned)k, id, "names", NULL, s ? s : "");
				free(s);
				if (rc)
					break;
			}
			col += (unsigned)x->names_max[t];
			continue;
		}
		{
			char *s = io_csv_cell(rec, cols[i]);
			json_t *v = json_object_get(rec, cols[i]);
			if (s && *s)
				rc = xlsx_put(x, t, col, id, cols[i], v, s);
			free(s);
		}
		col++;
	}
	json_decref(rec);
	if (rc)
		return cw_err_set(e, CW_ELIMIT, "%s", x->bad);
	x->c->records++;
	return 0;
}

int io_export_xlsx(cw_db *db, int clearance, const char *path, struct io_export_counts *c,
                   cw_err *e)
{
	struct xctx x;
	char *dirbuf = strdup(path);
	lxw_workbook_options wo = { 0 };
	FILE *f;
	lxw_error err;
	int rc = -1;

	memset(&x, 0, sizeof(x));
	memset(c, 0, sizeof(*c));
	x.c = c;
	if (!dirbuf)
		return cw_err_set(e, CW_ENOMEM, "out of memory");
	/* the file exists with mode 0600 before the library writes into it */
	if (!(f = io_export_create(path, e))) {
		free(dirbuf);
		return -1;
	}
	fclose(f);
	if (store_each_record(db, clearance, count_names, &x, e))
		goto out;
	/* the library writes each part to a temporary file before zipping it:
	 * next to the output, not in a shared /tmp */
	wo.tmpdir = dirname(dirbuf);
	if (!(x.wb = workbook_new_opt(path, &wo))) {
		cw_err_set(e, CW_EIO, "%s: cannot create the workbook", path);
		goto out;
	}
	x.head = workbook_add_format(x.wb);
	format_set_bold(x.head);
	for (int t = 0; t < 7; t++) {
		const char *const *cols = io_csv_columns(sheet_types[t]);
		const char *word = !strcmp(sheet_types[t], "person") ? "people" : NULL;
		char name[32];
		unsigned col = 0;
		snprintf(name, sizeof(name), word ? "%s" : "%ss", word ? word : sheet_types[t]);
		x.ws[t] = workbook_add_worksheet(x.wb, name);
		for (size_t i = 0; cols && cols[i]; i++) {
			size_t reps = !strcmp(cols[i], "names") ? x.names_max[t] : 1;
			for (size_t k = 0; k < reps; k++)
				worksheet_write_string(x.ws[t], 0, (lxw_col_t)col++, cols[i], x.head);
		}
		worksheet_freeze_panes(x.ws[t], 1, 0);
		worksheet_set_column(x.ws[t], 0, (lxw_col_t)(col ? col - 1 : 0), 18, NULL);
	}
	if (store_each_record(db, clearance, xlsx_rec, &x, e))
		goto out;
	err = workbook_close(x.wb);
	x.wb = NULL;
	if (err) {
		cw_err_set(e, CW_EIO, "%s: %s", path, lxw_strerror(err));
		goto out;
	}
	if (hash_file(path, c->sha256, e))
		goto out;
	rc = 0;
out:
	if (x.wb) {
		/* close it to free it, then leave no half-written workbook */
		workbook_close(x.wb);
		remove(path);
	} else if (rc) {
		remove(path);
	}
	free(dirbuf);
	return rc;
}
