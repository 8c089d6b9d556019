/* io/ingest.c: the ingest pipeline. See ingest.h.
 *
 * io_ingest() lists the files (ingest_walk.c), learns what the database
 * already holds (document hashes and URLs) and has the workers
 * (ingest_supervise.c, running ingest_worker.c) extract every file it
 * does not know yet. Here, in the process that holds the database:
 * reading each file under the size limit, recognizing one already known
 * by its hash before any worker sees it, and writing each answer as a
 * source record, its document and its mentions (with the people they
 * suggest, ingest_link.c), in batches of INGEST_BATCH articles per
 * transaction, each batch with one audit entry. */
#include "io/ingest.h"

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/date.h"
#include "base/grow.h"
#include "base/jsonout.h"
#include "base/limits.h"
#include "base/map.h"
#include "io/edit.h"
#include "io/ingest_format.h"
#include "io/ingest_link.h"
#include "io/ingest_supervise.h"
#include "io/ingest_walk.h"
#include "io/ingest_worker.h"
#include "io/schema.h"
#include "store/audit.h"
#include "store/ingest.h"
#include "store/record.h"
#include "store/vocab.h"

struct ingest {
	cw_db *db;
	const struct io_ingest_opts *o;
	struct io_ingest_counts *c;
	struct ingest_files files;
	size_t done;
	/* What the database holds and this run wrote: document hashes and
	 * URLs. Their keys live in strings. */
	cw_map shas, urls; /* values: the source's id (in strings) */
	cw_arena strings;
	char **redate; /* sources to give --published's date (known_again) */
	size_t nredate, capredate;
	store_writer *w;
	store_vocab *vocab;
	long batch_created, batch_unchanged, batch_skipped, batch_mentions;
	char today[16];
	const char *level;
	cw_buf body;
};

/* The id of the source known by hash or URL k, "" for one of this run
 * not yet given an id, NULL when unknown. */
static const char *known(const cw_map *m, const char *k)
{
	cw_map_val *v = k ? cw_map_get(m, k, strlen(k)) : NULL;
	return v ? (v->p ? (const char *)v->p : "") : NULL;
}

static int remember(struct ingest *g, cw_map *m, const char *k, const char *id)
{
	cw_map_val *v;
	int r = cw_map_put(m, k, strlen(k), &v);
	if (r < 0)
		return -1;
	if (r > 0 && id && !(v->p = cw_arena_strdup(&g->strings, id)))
		return -1;
	return 0;
}

/* A file already ingested as source id: with --published, its date is
 * to be set (after the run, through the record write path). */
static int known_again(struct ingest *g, const char *id)
{
	if (!g->o->published || !id || !*id)
		return 0;
	for (size_t i = 0; i < g->nredate; i++)
		if (!strcmp(g->redate[i], id))
			return 0;
	if (cw_grow(&g->redate, &g->capredate, g->nredate + 1, sizeof(*g->redate), 8) ||
	    !(g->redate[g->nredate] = strdup(id)))
		return -1;
	g->nredate++;
	return 0;
}

/* Set the publication date of the sources ingested again with
 * --published: a merge patch, so a revision keeps the earlier date. */
static int redate(struct ingest *g, cw_err *e)
{
	struct io_edit_opts o = { g->o->actor, "ingest --published", CW_CONFIDENTIAL, 0, 0 };
	json_t *patch = json_pack("{ss}", "published", g->o->published);
	int rc = 0;

	if (!patch)
		return cw_err_set(e, CW_ENOMEM, "out of memory");
	for (size_t i = 0; i < g->nredate && !rc; i++) {
		struct io_edit_result r;
		rc = io_record_patch(g->db, g->redate[i], patch, &o, &r, e);
		if (!rc && r.changed)
			g->c->redated++;
	}
	json_decref(patch);
	return rc;
}

static void set_str(json_t *o, const char *k, const char *v)
{
	if (v)
		json_object_set_new(o, k, json_string(v));
}

static void skip(struct ingest *g, size_t fi, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void skip(struct ingest *g, size_t fi, const char *fmt, ...)
{
	char msg[CW_ERR_MSG_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	g->c->skipped++;
	g->batch_skipped++;
	if (g->o->report)
		g->o->report(g->o->arg, g->files.path[fi], msg);
}

static void sha256_hex(const void *p, size_t n, char out[65])
{
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(h, p, n);
	sodium_bin2hex(out, 65, h, sizeof(h));
}

/* ---- batches ---- */

static int commit_batch(struct ingest *g, cw_err *e)
{
	struct store_dangling *d = NULL;
	size_t nd = 0;
	int s;

	if (!g->w)
		return 0;
	s = store_writer_check(g->w, &d, &nd, e);
	store_dangling_free(d, nd);
	if (s) {
		if (s > 0)
			cw_err_set(e, CW_EDB, "ingest: unexpected dangling reference");
		goto fail;
	}
	if (g->batch_created) {
		char detail[256];
		snprintf(detail, sizeof(detail),
		         "{\"created\":%ld,\"unchanged\":%ld,\"skipped\":%ld,"
		         "\"mentions\":%ld}",
		         g->batch_created, g->batch_unchanged, g->batch_skipped,
		         g->batch_mentions);
		if (store_audit_append(g->db, g->o->actor, "ingest", NULL, detail, e))
			goto fail;
	}
	s = store_writer_commit(g->w, e);
	g->w = NULL;
	g->batch_created = g->batch_unchanged = g->batch_skipped = g->batch_mentions = 0;
	return s;
fail:
	store_writer_abort(g->w);
	g->w = NULL;
	return -1;
}

/* ---- one file ---- */

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');
	return s ? s + 1 : path;
}

/* The mentions of a worker's answer, with the people they suggest. The
 * strings are borrowed from ms and a. -1 on a database or memory
 * failure (e set). */
static int mentions_of(struct ingest *g, json_t *ms, cw_arena *a,
                       struct store_mention **out, size_t *n, cw_err *e)
{
	size_t len = json_array_size(ms), k = 0, i;
	struct store_mention *m;
	json_t *x;

	*out = NULL;
	*n = 0;
	if (!len)
		return 0;
	if (!(m = calloc(len, sizeof(*m))))
		return cw_err_set(e, CW_ENOMEM, "out of memory");
	json_array_foreach(ms, i, x)
	{
		const char *kind = cw_json_str(x, "kind"), *text = cw_json_str(x, "text");
		json_t *s = json_object_get(x, "start"), *en = json_object_get(x, "end");
		if (!kind || !text || !json_is_integer(s) || !json_is_integer(en))
			continue;
		m[k].kind = kind;
		m[k].text = text;
		m[k].start = (long)json_integer_value(s);
		m[k].end = (long)json_integer_value(en);
		m[k].value = cw_json_str(x, "value");
		if (!strcmp(kind, "person") &&
		    ingest_link_person(g->db, g->o->clearance, text, a, &m[k].suggested,
		                       e)) {
			free(m);
			return -1;
		}
		k++;
	}
	*out = m;
	*n = k;
	return 0;
}

/* Read file fi into d and decide whether it needs a worker at all: -1
 * memory failure, 0 handled here (skipped or known), 1 ready. */
static int load(void *arg, size_t fi, struct ingest_doc *d, cw_err *e)
{
	struct ingest *g = arg;
	const char *file = g->files.path[fi];
	struct stat sb;
	int fd = -1, rc = 0;

	fd = open(file, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &sb)) {
		skip(g, fi, "%s", strerror(errno));
		goto out;
	}
	if (!S_ISREG(sb.st_mode)) {
		skip(g, fi, "not a regular file");
		goto out;
	}
	if ((unsigned long long)sb.st_size > CW_MAX_DOCUMENT) {
		skip(g, fi, "over %u MB", CW_MAX_DOCUMENT >> 20);
		goto out;
	}
	if (cw_buf_grow(&d->bytes, (size_t)sb.st_size + 1)) {
		rc = cw_err_set(e, CW_ENOMEM, "out of memory");
		goto out;
	}
	for (;;) {
		char chunk[65536];
		ssize_t n = read(fd, chunk, sizeof(chunk));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			skip(g, fi, "%s", strerror(errno));
			goto out;
		}
		if (n == 0)
			break;
		if (d->bytes.len + (size_t)n > CW_MAX_DOCUMENT) {
			skip(g, fi, "over %u MB", CW_MAX_DOCUMENT >> 20);
			goto out;
		}
		if (cw_buf_add(&d->bytes, chunk, (size_t)n)) {
			rc = cw_err_set(e, CW_ENOMEM, "out of memory");
			goto out;
		}
	}
	if (!d->bytes.len) {
		skip(g, fi, "empty file");
		goto out;
	}
	d->gz = ingest_is_gzip(d->bytes.data, d->bytes.len);
	if (!d->gz) {
		sha256_hex(d->bytes.data, d->bytes.len, d->sha);
		const char *was = known(&g->shas, d->sha);
		if (was) { /* the same bytes again: nothing to do but a new date */
			g->c->unchanged++;
			g->batch_unchanged++;
			if (known_again(g, was))
				rc = cw_err_set(e, CW_ENOMEM, "out of memory");
			goto out;
		}
	}
	rc = 1;
out:
	if (fd >= 0)
		close(fd);
	return rc;
}

/* The worker's answer for d: write the article. -1 only on a database
 * or memory failure (the run stops). */
static int answer(void *arg, struct ingest_doc *d, const char *js, size_t jlen,
                  const char *raw, size_t rawlen, cw_err *e)
{
	struct ingest *g = arg;
	size_t fi = d->file;
	const char *file = g->files.path[fi];
	const char *bytes = rawlen ? raw : d->bytes.data;
	size_t blen = rawlen ? rawlen : d->bytes.len;
	json_t *r = NULL, *src = NULL, *rec = NULL;
	struct store_mention *m = NULL;
	size_t nm = 0;
	char sha[65], id[32];
	const char *url, *title, *pub, *text, *media_type, *was;
	enum store_put_result res;
	cw_err we = CW_ERR_INIT;
	json_error_t je;
	cw_arena links = CW_ARENA_INIT; /* the ids mentions suggest */
	int rc = 0;

	r = json_loadb(js, jlen, 0, &je);
	if (!json_is_object(r)) {
		skip(g, fi, "extraction failed: unreadable answer from the worker");
		goto out;
	}
	if (cw_json_str(r, "error")) {
		skip(g, fi, "%s", cw_json_str(r, "error"));
		goto out;
	}
	text = cw_json_str(r, "text");
	media_type = cw_json_str(r, "media_type");
	if (!text || !ingest_format_media_type_known(media_type) || (d->gz && !rawlen)) {
		skip(g, fi, "extraction failed: incomplete answer from the worker");
		goto out;
	}
	if (d->gz)
		sha256_hex(bytes, blen, sha);
	else
		memcpy(sha, d->sha, sizeof(sha));
	url = g->o->url ? g->o->url : cw_json_str(r, "url");
	if ((was = known(&g->shas, sha)) || (was = known(&g->urls, url))) {
		g->c->unchanged++;
		g->batch_unchanged++;
		if (known_again(g, was))
			rc = cw_err_set(e, CW_ENOMEM, "out of memory");
		goto out;
	}
	memcpy(id, "src-", 4);
	memcpy(id + 4, sha, 16);
	id[20] = 0;
	title = cw_json_str(r, "title") && *cw_json_str(r, "title")
	            ? cw_json_str(r, "title")
	            : base_name(file);
	pub = g->o->published ? g->o->published : cw_json_str(r, "published");
	src = json_object();
	json_object_set_new(src, "type", json_string("source"));
	json_object_set_new(src, "id", json_string(id));
	json_object_set_new(src, "kind", json_string(g->o->kind ? g->o->kind : "media"));
	set_str(src, "title", title);
	set_str(src, "author", cw_json_str(r, "author"));
	set_str(src, "url", url);
	if (pub && cw_date_parse(pub, strlen(pub), &(cw_date){0}, NULL) == 0)
		set_str(src, "published", pub);
	set_str(src, "language", cw_json_str(r, "language"));
	json_object_set_new(src, "obtained", json_string(g->today));
	json_object_set_new(src, "sha256", json_string(sha));
	json_object_set_new(src, "confidentiality", json_string(g->level));
	{
		struct io_canon_opts co = {0};
		co.vocab = store_vocab_has;
		co.vocab_arg = g->vocab;
		rec = io_canonicalize(src, &co, &we);
	}
	if (!rec) {
		skip(g, fi, "%s", we.msg);
		goto out;
	}
	cw_buf_reset(&g->body);
	if (cw_json_write(&g->body, rec)) {
		skip(g, fi, "source record too large");
		goto out;
	}
	if (mentions_of(g, json_object_get(r, "mentions"), &links, &m, &nm, e)) {
		rc = -1;
		goto out;
	}
	if (!g->w && (store_writer_open(g->db, &g->w, e) ||
	              store_writer_actor(g->w, g->o->actor, "ingest", e))) {
		rc = -1;
		goto out;
	}
	if (store_ingest_put(g->w, rec, g->body.data, sha, bytes, blen, media_type, text,
	                     m, nm, &res, &we)) {
		if (we.code == CW_EINVAL) {
			skip(g, fi, "%s", we.msg);
			goto out;
		}
		*e = we;
		rc = -1;
		goto out;
	}
	if (remember(g, &g->shas, sha, id) || (url && remember(g, &g->urls, url, id))) {
		rc = cw_err_set(e, CW_ENOMEM, "out of memory");
		goto out;
	}
	if (res == STORE_CREATED) {
		g->c->created++;
		g->batch_created++;
		g->c->mentions += (long)nm;
		g->batch_mentions += (long)nm;
	} else {
		g->c->unchanged++;
		g->batch_unchanged++;
	}
	if (g->batch_created >= INGEST_BATCH)
		rc = commit_batch(g, e);
out:
	free(m);
	cw_arena_release(&links);
	json_decref(rec);
	json_decref(src);
	json_decref(r);
	return rc;
}

static void failed(void *arg, const struct ingest_doc *d, const char *why)
{
	skip(arg, d->file, "%s", why);
}

static void file_done(void *arg)
{
	struct ingest *g = arg;

	g->done++;
	if (g->o->progress)
		g->o->progress(g->o->arg, g->done, g->files.n);
}

/* ---- the run ---- */

static int on_known(void *arg, const char *id, const char *sha, const char *url)
{
	struct ingest *g = arg;
	if (sha && remember(g, &g->shas, sha, id))
		return -1;
	if (url && remember(g, &g->urls, url, id))
		return -1;
	return 0;
}

int io_ingest(cw_db *db, const char *const *paths, size_t npaths,
              const struct io_ingest_opts *o, struct io_ingest_counts *c, cw_err *e)
{
	static const struct ingest_supervise_ops ops = {load, answer, failed, file_done};
	struct ingest_supervise_opts so = {0};
	struct ingest g;
	int rc = -1, lvl = 0;
	char now[32];

	memset(&g, 0, sizeof(g));
	memset(c, 0, sizeof(*c));
	g.db = db;
	g.o = o;
	g.c = c;
	cw_arena_init(&g.strings, 0, 0);
	cw_map_init(&g.shas, &g.strings);
	cw_map_init(&g.urls, &g.strings);
	g.level = o->confidentiality ? o->confidentiality : "public";
	if (cw_level_parse(g.level, &lvl))
		return cw_err_set(e, CW_EUSAGE, "'%s' is not a confidentiality level",
		                  g.level);
	if (o->url && npaths != 1)
		return cw_err_set(e, CW_EUSAGE, "--url needs exactly one file");
	store_now(now);
	memcpy(g.today, now, 10);
	g.today[10] = 0;
	cw_buf_init(&g.body, CW_MAX_RECORD);

	for (size_t i = 0; i < npaths; i++) {
		struct stat sb;
		if (stat(paths[i], &sb) == 0 && S_ISDIR(sb.st_mode)) {
			if (o->url) {
				cw_err_set(e, CW_EUSAGE,
				           "--url needs a file, not a folder");
				goto out;
			}
			if (ingest_files_walk(&g.files, paths[i], e))
				goto out;
		} else if (ingest_files_add(&g.files, paths[i], e)) {
			goto out;
		}
	}
	c->files = (long)g.files.n;
	if (store_ingest_each_known(db, on_known, &g, e))
		goto out;
	if (!(g.vocab = store_vocab_open(db, e)))
		goto out;
	if (o->kind && !store_vocab_has(g.vocab, "source_kind", o->kind)) {
		cw_err_set(e, CW_EUSAGE, "--kind: '%s' is not a source kind", o->kind);
		goto out;
	}
	so.worker_exe = o->worker_exe;
	so.jobs = o->jobs;
	so.wall_seconds = o->wall_seconds;
	so.published = o->published;
	if (ingest_supervise(g.files.n, &so, &ops, &g, e))
		goto out;
	rc = commit_batch(&g, e);
	if (!rc && g.nredate)
		rc = redate(&g, e);
out:
	for (size_t i = 0; i < g.nredate; i++)
		free(g.redate[i]);
	free(g.redate);
	if (g.w)
		store_writer_abort(g.w);
	store_vocab_free(g.vocab);
	cw_map_release(&g.shas);
	cw_map_release(&g.urls);
	cw_arena_release(&g.strings);
	ingest_files_release(&g.files);
	cw_buf_release(&g.body);
	return rc;
}
