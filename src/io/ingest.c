/* io/ingest.c: see ingest.h. Two halves: the worker (io_ingest_worker_main,
 * run as `casewatch extract-worker`) and the parent (io_ingest).
 *
 * Protocol, one document at a time over the worker's stdin and stdout:
 *   request:  "SIZE PUBLISHED\n" and SIZE bytes (PUBLISHED a date or "-")
 *   response: "LEN RAWLEN RECYCLE\n", LEN bytes of JSON, RAWLEN bytes
 * The JSON is the article (io/article.h: "title", "text", "published",
 * "author", "language", "url", null when unknown) followed by "is_html"
 * and "mentions":[{"kind","text","start","end","value"}], or
 * {"error": MESSAGE}. RAWLEN > 0 carries the uncompressed document when
 * the request was gzip'd (the parent hashes and stores the uncompressed
 * bytes, and never inflates untrusted data itself). RECYCLE 1 says the
 * worker exits after this answer (its CPU budget is used up). */
#include "io/ingest.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <poll.h>
#include <signal.h>
#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/date.h"
#include "base/grow.h"
#include "base/jsonout.h"
#include "base/limits.h"
#include "base/map.h"
#include "extract/article.h"
#include "extract/mentions.h"
#include "io/article.h"
#include "io/schema.h"
#include "match/match.h"
#include "store/audit.h"
#include "store/ingest.h"
#include "store/record.h"
#include "store/vocab.h"

#if defined(__SANITIZE_ADDRESS__)
#define CW_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define CW_ASAN 1
#endif
#endif

#define HEADER_MAX 128
/* A worker's answer: the text, mentions and the uncompressed document. */
#define RESULT_MAX ((size_t)CW_MAX_DOCUMENT * 5)
#define WALK_MAX_DEPTH 64

static const char *const worker_env[] = { "PATH=/usr/bin:/bin", "LANG=C.UTF-8", NULL };

const char *const *io_ingest_worker_env(void)
{
	return worker_env;
}

/* ---- the worker ---- */

static int write_all(int fd, const void *p, size_t n)
{
	const char *s = p;

	while (n) {
		ssize_t w = write(fd, s, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		s += w;
		n -= (size_t)w;
	}
	return 0;
}

static int gunzip(const char *in, size_t len, cw_buf *out, cw_err *e)
{
	z_stream z;
	unsigned char chunk[64 * 1024];
	int rc = -1, zr;

	memset(&z, 0, sizeof(z));
	if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK)
		return cw_err_set(e, CW_ENOMEM, "cannot start the gzip decoder");
	z.next_in = (unsigned char *)(uintptr_t)in;
	z.avail_in = (uInt)len;
	for (;;) {
		size_t got;
		z.next_out = chunk;
		z.avail_out = sizeof(chunk);
		zr = inflate(&z, Z_NO_FLUSH);
		if (zr != Z_OK && zr != Z_STREAM_END && zr != Z_BUF_ERROR) {
			cw_err_set(e, CW_EINVAL, "corrupt gzip stream");
			goto out;
		}
		got = sizeof(chunk) - z.avail_out;
		if (out->len + got > CW_MAX_DOCUMENT) {
			cw_err_set(e, CW_ELIMIT, "over %u MB after gunzip", CW_MAX_DOCUMENT >> 20);
			goto out;
		}
		if (cw_buf_add(out, chunk, got)) {
			cw_err_set(e, CW_ENOMEM, "out of memory");
			goto out;
		}
		if (zr == Z_STREAM_END) {
			if (z.avail_in >= 2 && z.next_in[0] == 0x1f && z.next_in[1] == 0x8b) {
				if (inflateReset(&z) != Z_OK)
					goto out;
				continue; /* another gzip member */
			}
			break;
		}
		if (zr == Z_BUF_ERROR || (z.avail_in == 0 && got == 0)) {
			cw_err_set(e, CW_EINVAL, "truncated gzip stream");
			goto out;
		}
	}
	rc = 0;
out:
	inflateEnd(&z);
	return rc;
}

static bool is_gzip(const char *p, size_t n)
{
	return n >= 2 && (unsigned char)p[0] == 0x1f && (unsigned char)p[1] == 0x8b;
}

static void set_str(json_t *o, const char *k, const char *v)
{
	if (v)
		json_object_set_new(o, k, json_string(v));
}

/* How much of text mentions are looked for in: all of it up to
 * INGEST_MENTIONS_MAX bytes, else up to the last paragraph break (or
 * character) before that, and the answer says so. */
static size_t mentions_len(const char *text, json_t *o)
{
	size_t len = strlen(text), cut = INGEST_MENTIONS_MAX;

	if (len <= INGEST_MENTIONS_MAX)
		return len;
	while (cut > INGEST_MENTIONS_MAX / 2 && !(text[cut - 1] == '\n' && text[cut - 2] == '\n'))
		cut--;
	if (cut <= INGEST_MENTIONS_MAX / 2)
		for (cut = INGEST_MENTIONS_MAX; cut > 0 && ((unsigned char)text[cut] & 0xC0) == 0x80;)
			cut--;
	json_object_set_new(o, "mentions_cut_at", json_integer((json_int_t)cut));
	return cut;
}

/* Extract one document into a JSON answer; raw receives the uncompressed
 * bytes of a gzip'd document. */
static json_t *work_one(const char *data, size_t len, const char *published, cw_buf *raw)
{
	struct cw_article a;
	struct mention_list l;
	struct mentions_opts mo;
	cw_err e = CW_ERR_INIT;
	json_t *o = NULL, *ms;

	memset(&a, 0, sizeof(a));
	memset(&mo, 0, sizeof(mo));
	mention_list_init(&l);
	if (is_gzip(data, len)) {
		if (gunzip(data, len, raw, &e))
			goto fail;
		data = raw->data;
		len = raw->len;
	}
	if (extract_article(data, len, NULL, &a, &e))
		goto fail;
	if (published)
		cw_date_parse(published, strlen(published), &mo.published, NULL);
	else if (a.published)
		cw_date_parse(a.published, strlen(a.published), &mo.published, NULL);
	o = json_object();
	ms = json_array();
	if (!o || !ms || io_article_json(o, &a)) {
		json_decref(ms);
		cw_err_set(&e, CW_ENOMEM, "out of memory");
		goto fail;
	}
	json_object_set_new(o, "is_html", json_boolean(a.is_html));
	json_object_set_new(o, "mentions", ms);
	/* Mentions are a bonus: an article whose mentions cannot be found
	 * is still ingested. */
	if (a.text && mentions_find(a.text, mentions_len(a.text, o), &mo, &l, &e) == 0) {
		for (size_t i = 0; i < l.len; i++) {
			const struct mention *m = &l.items[i];
			json_t *x = json_object();
			if (!x)
				break;
			json_object_set_new(x, "kind", json_string(mention_kind_name(m->kind)));
			json_object_set_new(x, "text", json_string(m->text));
			json_object_set_new(x, "start", json_integer((json_int_t)m->start));
			json_object_set_new(x, "end", json_integer((json_int_t)m->end));
			if (m->value)
				json_object_set_new(x, "value", json_string(m->value));
			json_array_append_new(ms, x);
		}
	} else if (a.text) {
		json_object_set_new(o, "mentions_error", json_string(e.msg));
	}
	mention_list_release(&l);
	cw_article_release(&a);
	return o;
fail:
	mention_list_release(&l);
	cw_article_release(&a);
	json_decref(o);
	o = json_object();
	if (o)
		json_object_set_new(o, "error", json_string(e.msg[0] ? e.msg : "extraction failed"));
	cw_buf_reset(raw);
	return o;
}

static bool cpu_spent(void)
{
	struct rusage ru;

	if (getrusage(RUSAGE_SELF, &ru))
		return true;
	return ru.ru_utime.tv_sec + ru.ru_stime.tv_sec >= INGEST_WORKER_RECYCLE_CPU;
}

int io_ingest_worker_main(int in_fd, int out_fd)
{
	FILE *in = fdopen(in_fd, "rb");
	cw_buf doc = CW_BUF_INIT, raw = CW_BUF_INIT;
	char line[HEADER_MAX];
	int rc = -1;

	if (!in)
		return -1;
	for (;;) {
		unsigned long long size;
		char pub[HEADER_MAX], *end, hdr[96];
		json_t *ans;
		char *js;
		bool recycle;
		int n;

		if (!fgets(line, sizeof(line), in)) {
			rc = feof(in) ? 0 : -1;
			break;
		}
		errno = 0;
		size = strtoull(line, &end, 10);
		if (errno || end == line || *end != ' ' || size > CW_MAX_DOCUMENT ||
		    sscanf(end + 1, "%127s", pub) != 1)
			break;
		cw_buf_reset(&doc);
		cw_buf_reset(&raw);
		if (cw_buf_grow(&doc, (size_t)size))
			break;
		if (fread(doc.data, 1, (size_t)size, in) != size)
			break;
		doc.len = (size_t)size;
		doc.data[doc.len] = 0;
		ans = work_one(doc.data, doc.len, strcmp(pub, "-") ? pub : NULL, &raw);
		js = ans ? json_dumps(ans, JSON_COMPACT) : NULL;
		json_decref(ans);
		if (!js)
			break;
		recycle = cpu_spent();
		n = snprintf(hdr, sizeof(hdr), "%zu %zu %d\n", strlen(js), raw.len, recycle ? 1 : 0);
		if (write_all(out_fd, hdr, (size_t)n) || write_all(out_fd, js, strlen(js)) ||
		    write_all(out_fd, raw.data, raw.len)) {
			free(js);
			break;
		}
		free(js);
		if (recycle) {
			rc = 0;
			break;
		}
	}
	fclose(in);
	cw_buf_release(&doc);
	cw_buf_release(&raw);
	return rc;
}

/* ---- the parent ---- */

struct worker {
	pid_t pid;
	int to, from;
	bool busy;
	size_t file;
	char hdr[HEADER_MAX];
	size_t hdrlen;
	cw_buf doc;  /* the file's bytes */
	size_t sent; /* of hdrlen + doc.len */
	cw_buf recv;
	long long deadline;
	bool gz;
	char sha[65]; /* of doc, when not gzip'd */
};

struct ingest {
	cw_db *db;
	const struct io_ingest_opts *o;
	struct io_ingest_counts *c;
	char **files;
	size_t nfiles, capfiles, done;
	/* What the database holds and this run wrote: document hashes and
	 * URLs (sets), folded names and their words (to a record id, or
	 * &ambiguous). Keys and ids live in strings. */
	cw_map shas, urls, names;
	cw_arena strings;
	store_writer *w;
	store_vocab *vocab;
	long batch_created, batch_unchanged, batch_skipped, batch_mentions;
	struct worker *wk;
	int nwk;
	char today[16];
	const char *level;
	cw_buf body;
};

/* The value of a name several records share. */
static char ambiguous;

static bool known(const cw_map *m, const char *k)
{
	return k && cw_map_get(m, k, strlen(k)) != NULL;
}

static int remember(cw_map *m, const char *k)
{
	cw_map_val *v;
	return cw_map_put(m, k, strlen(k), &v) < 0 ? -1 : 0;
}

/* Name k belongs to record id; a name of two records belongs to none. */
static int name_put(struct ingest *g, const char *k, const char *id)
{
	cw_map_val *v;
	int r = cw_map_put(&g->names, k, strlen(k), &v);

	if (r < 0)
		return -1;
	if (r > 0)
		return (v->p = cw_arena_strdup(&g->strings, id)) ? 0 : -1;
	if (v->p != &ambiguous && strcmp(v->p, id))
		v->p = &ambiguous;
	return 0;
}

/* The record id of name k: NULL when unknown (*found false) or
 * ambiguous. */
static const char *name_get(const struct ingest *g, const char *k, bool *found)
{
	cw_map_val *v = cw_map_get(&g->names, k, strlen(k));

	*found = v != NULL;
	return v && v->p != &ambiguous && *(const char *)v->p ? v->p : NULL;
}

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
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
		g->o->report(g->o->arg, g->files[fi], msg);
}

static void file_done(struct ingest *g)
{
	g->done++;
	if (g->o->progress)
		g->o->progress(g->o->arg, g->done, g->nfiles);
}

static int add_file(struct ingest *g, const char *path, cw_err *e)
{
	if (cw_grow(&g->files, &g->capfiles, g->nfiles + 1, sizeof(*g->files), 64))
		return cw_err_set(e, CW_ENOMEM, "out of memory");
	if (!(g->files[g->nfiles] = strdup(path)))
		return cw_err_set(e, CW_ENOMEM, "out of memory");
	g->nfiles++;
	return 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Files under dir, in name order; hidden entries and symbolic links are
 * left out (no loops, nothing outside the folder). */
static int walk(struct ingest *g, const char *dir, int depth, cw_err *e)
{
	DIR *d;
	struct dirent *de;
	char **names = NULL;
	size_t n = 0, cap = 0;
	int rc = -1;

	if (depth > WALK_MAX_DEPTH)
		return cw_err_set(e, CW_ELIMIT, "%s: folders nested deeper than %d", dir,
		                  WALK_MAX_DEPTH);
	if (!(d = opendir(dir)))
		return cw_err_set(e, CW_EIO, "%s: %s", dir, strerror(errno));
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		if (cw_grow(&names, &cap, n + 1, sizeof(*names), 64))
			goto nomem;
		if (!(names[n] = strdup(de->d_name)))
			goto nomem;
		n++;
	}
	qsort(names, n, sizeof(*names), cmp_str);
	for (size_t i = 0; i < n; i++) {
		cw_buf p = CW_BUF_INIT;
		struct stat sb;
		int r = 0;
		if (cw_buf_addf(&p, "%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/",
		                names[i])) {
			cw_buf_release(&p);
			goto nomem;
		}
		if (lstat(p.data, &sb) == 0 && S_ISDIR(sb.st_mode))
			r = walk(g, p.data, depth + 1, e);
		else if (lstat(p.data, &sb) == 0 && S_ISREG(sb.st_mode))
			r = add_file(g, p.data, e);
		cw_buf_release(&p);
		if (r)
			goto out;
	}
	rc = 0;
	goto out;
nomem:
	cw_err_set(e, CW_ENOMEM, "out of memory");
out:
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	closedir(d);
	return rc;
}

/* ---- workers ---- */

static void set_limit(int res, rlim_t soft, rlim_t hard)
{
	struct rlimit r = { soft, hard };
	setrlimit(res, &r);
}

static int spawn(struct ingest *g, struct worker *w, cw_err *e)
{
	const char *exe = g->o->worker_exe ? g->o->worker_exe : "/proc/self/exe";
	char *const argv[] = { (char *)"casewatch", (char *)"extract-worker", NULL };
	int in[2] = { -1, -1 }, out[2] = { -1, -1 };
	pid_t pid;

	if (pipe2(in, O_CLOEXEC) || pipe2(out, O_CLOEXEC)) {
		cw_err_set(e, CW_EIO, "cannot start a worker: %s", strerror(errno));
		goto fail;
	}
	pid = fork();
	if (pid < 0) {
		cw_err_set(e, CW_EIO, "cannot start a worker: %s", strerror(errno));
		goto fail;
	}
	if (pid == 0) {
		/* The child: only async-signal-safe calls until exec. */
		int null = open("/dev/null", O_WRONLY | O_CLOEXEC);
		if (dup2(in[0], 0) < 0 || dup2(out[1], 1) < 0 || null < 0 || dup2(null, 2) < 0)
			_exit(127);
		close_range(3, ~0U, 0); /* nothing else inherited: no database, no key */
		signal(SIGPIPE, SIG_DFL);
		set_limit(RLIMIT_CPU, INGEST_WORKER_RECYCLE_CPU + INGEST_WORKER_CPU_SECONDS,
		          INGEST_WORKER_RECYCLE_CPU + INGEST_WORKER_CPU_SECONDS + 1);
#ifndef CW_ASAN
		/* ASan reserves terabytes of shadow address space: under the
		 * sanitizer the address-space limit is left off. */
		set_limit(RLIMIT_AS, INGEST_WORKER_AS_BYTES, INGEST_WORKER_AS_BYTES);
#endif
		set_limit(RLIMIT_FSIZE, 0, 0);
		set_limit(RLIMIT_CORE, 0, 0);
		set_limit(RLIMIT_NOFILE, INGEST_WORKER_NOFILE, INGEST_WORKER_NOFILE);
		execve(exe, argv, (char *const *)worker_env);
		_exit(127);
	}
	close(in[0]);
	close(out[1]);
	w->pid = pid;
	w->to = in[1];
	w->from = out[0];
	fcntl(w->to, F_SETFL, fcntl(w->to, F_GETFL) | O_NONBLOCK);
	fcntl(w->from, F_SETFL, fcntl(w->from, F_GETFL) | O_NONBLOCK);
	return 0;
fail:
	for (int i = 0; i < 2; i++) {
		if (in[i] >= 0)
			close(in[i]);
		if (out[i] >= 0)
			close(out[i]);
	}
	return -1;
}

/* Stop worker w (killed unless it ends by itself) and describe how it
 * ended into why. */
static void reap(struct worker *w, bool kill_it, char *why, size_t cap)
{
	int st = 0;

	if (w->to >= 0)
		close(w->to);
	if (w->from >= 0)
		close(w->from);
	w->to = w->from = -1;
	if (w->pid > 0) {
		if (kill_it)
			kill(w->pid, SIGKILL);
		while (waitpid(w->pid, &st, 0) < 0 && errno == EINTR)
			;
	}
	w->pid = 0;
	if (!why)
		return;
	if (WIFSIGNALED(st) && WTERMSIG(st) == SIGXCPU)
		snprintf(why, cap, "extraction used more than %d s of CPU",
		         INGEST_WORKER_CPU_SECONDS);
	else if (WIFSIGNALED(st))
		snprintf(why, cap, "extraction crashed (%s)", strsignal(WTERMSIG(st)));
	else if (WIFEXITED(st) && WEXITSTATUS(st) == 127)
		snprintf(why, cap, "extraction worker could not start");
	else
		snprintf(why, cap, "extraction worker ended unexpectedly (status %d)",
		         WIFEXITED(st) ? WEXITSTATUS(st) : -1);
}

/* ---- results ---- */

static void sha256_hex(const void *p, size_t n, char out[65])
{
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(h, p, n);
	sodium_bin2hex(out, 65, h, sizeof(h));
}

/* A record id for a mention's name: its folded form, also with case
 * endings stripped (Кайырбека -> Кайырбек); NULL when none or several. */
static const char *suggest(struct ingest *g, const char *text)
{
	cw_buf fold = CW_BUF_INIT, stem = CW_BUF_INIT, tok = CW_BUF_INIT;
	const char *id = NULL;
	bool found = false;
	cw_err ig = CW_ERR_INIT;

	if (!cw_map_count(&g->names))
		return NULL;
	if (match_fold_name(text, strlen(text), &fold, &ig) == 0)
		id = name_get(g, fold.data, &found);
	if (!found) {
		const char *p = text;
		while (*p) {
			size_t n = strcspn(p, " ");
			cw_buf_reset(&tok);
			if (n && match_strip_inflection(p, n, &tok, &ig) == 0) {
				if (stem.len)
					cw_buf_addch(&stem, ' ');
				cw_buf_add(&stem, tok.data, tok.len);
			}
			p += n;
			p += strspn(p, " ");
		}
		cw_buf_reset(&fold);
		if (stem.len && match_fold_name(stem.data, stem.len, &fold, &ig) == 0)
			id = name_get(g, fold.data, &found);
	}
	/* One word of a name, last (the surname) first, also without a case
	 * ending the stripper kept (Қайырбека): kairbeka, kairbek, kairbe. */
	for (size_t end = fold.len; !found && end > 0;) {
		size_t start = end;
		while (start > 0 && fold.data[start - 1] != ' ')
			start--;
		for (size_t cut = 0; !found && cut <= 2 && end - start - cut >= 4; cut++) {
			char save = fold.data[end - cut];
			fold.data[end - cut] = 0;
			id = name_get(g, fold.data + start, &found);
			fold.data[end - cut] = save;
		}
		end = start > 0 ? start - 1 : 0;
	}
	cw_buf_release(&fold);
	cw_buf_release(&stem);
	cw_buf_release(&tok);
	return id;
}

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
		         "{\"created\":%ld,\"unchanged\":%ld,\"skipped\":%ld,\"mentions\":%ld}",
		         g->batch_created, g->batch_unchanged, g->batch_skipped, g->batch_mentions);
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

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');
	return s ? s + 1 : path;
}

static int mentions_of(struct ingest *g, json_t *ms, struct store_mention **out, size_t *n)
{
	size_t len = json_array_size(ms), k = 0, i;
	struct store_mention *m;
	json_t *x;

	*out = NULL;
	*n = 0;
	if (!len)
		return 0;
	if (!(m = calloc(len, sizeof(*m))))
		return -1;
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
		if (!strcmp(kind, "person") || !strcmp(kind, "organization"))
			m[k].suggested = m[k].value ? m[k].value : suggest(g, text);
		k++;
	}
	*out = m;
	*n = k;
	return 0;
}

/* The worker's answer for file fi: write the article. -1 only on a
 * database failure (the run stops). */
static int handle_result(struct ingest *g, struct worker *w, const char *js, size_t jlen,
                         const char *raw, size_t rawlen, cw_err *e)
{
	size_t fi = w->file;
	const char *file = g->files[fi];
	const char *bytes = rawlen ? raw : w->doc.data;
	size_t blen = rawlen ? rawlen : w->doc.len;
	json_t *r = NULL, *src = NULL, *rec = NULL;
	struct store_mention *m = NULL;
	size_t nm = 0;
	char sha[65], id[32];
	const char *url, *title, *pub, *text;
	enum store_put_result res;
	cw_err we = CW_ERR_INIT;
	int rc = 0;

	json_error_t je;
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
	if (!text || (w->gz && !rawlen)) {
		skip(g, fi, "extraction failed: incomplete answer from the worker");
		goto out;
	}
	if (w->gz)
		sha256_hex(bytes, blen, sha);
	else
		memcpy(sha, w->sha, sizeof(sha));
	url = g->o->url ? g->o->url : cw_json_str(r, "url");
	if (known(&g->shas, sha) || known(&g->urls, url)) {
		g->c->unchanged++;
		g->batch_unchanged++;
		goto out;
	}
	memcpy(id, "src-", 4);
	memcpy(id + 4, sha, 16);
	id[20] = 0;
	title = cw_json_str(r, "title") && *cw_json_str(r, "title") ? cw_json_str(r, "title") : base_name(file);
	pub = g->o->published ? g->o->published : cw_json_str(r, "published");
	src = json_object();
	json_object_set_new(src, "type", json_string("source"));
	json_object_set_new(src, "id", json_string(id));
	json_object_set_new(src, "kind", json_string(g->o->kind ? g->o->kind : "media"));
	set_str(src, "title", title);
	set_str(src, "author", cw_json_str(r, "author"));
	set_str(src, "url", url);
	if (pub && cw_date_parse(pub, strlen(pub), &(cw_date){ 0 }, NULL) == 0)
		set_str(src, "published", pub);
	set_str(src, "language", cw_json_str(r, "language"));
	json_object_set_new(src, "obtained", json_string(g->today));
	json_object_set_new(src, "sha256", json_string(sha));
	json_object_set_new(src, "confidentiality", json_string(g->level));
	{
		struct io_canon_opts co = { 0 };
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
	if (mentions_of(g, json_object_get(r, "mentions"), &m, &nm)) {
		rc = cw_err_set(e, CW_ENOMEM, "out of memory");
		goto out;
	}
	if (!g->w && (store_writer_open(g->db, &g->w, e) ||
	              store_writer_actor(g->w, g->o->actor, "ingest", e))) {
		rc = -1;
		goto out;
	}
	if (store_ingest_put(g->w, rec, g->body.data, sha, bytes, blen,
	                     json_is_true(json_object_get(r, "is_html")) ? "text/html"
	                                                                : "text/plain",
	                     text, m, nm, &res, &we)) {
		if (we.code == CW_EINVAL) {
			skip(g, fi, "%s", we.msg);
			goto out;
		}
		*e = we;
		rc = -1;
		goto out;
	}
	if (remember(&g->shas, sha) || (url && remember(&g->urls, url))) {
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
	json_decref(rec);
	json_decref(src);
	json_decref(r);
	return rc;
}

/* Read file fi into w and decide whether it needs a worker at all: -1
 * database/memory failure, 0 handled here (skipped or known), 1 ready. */
static int prepare(struct ingest *g, struct worker *w, size_t fi, cw_err *e)
{
	const char *file = g->files[fi];
	struct stat sb;
	int fd = -1, rc = 0;

	cw_buf_reset(&w->doc);
	w->file = fi;
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
	if (cw_buf_grow(&w->doc, (size_t)sb.st_size + 1)) {
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
		if (w->doc.len + (size_t)n > CW_MAX_DOCUMENT) {
			skip(g, fi, "over %u MB", CW_MAX_DOCUMENT >> 20);
			goto out;
		}
		if (cw_buf_add(&w->doc, chunk, (size_t)n)) {
			rc = cw_err_set(e, CW_ENOMEM, "out of memory");
			goto out;
		}
	}
	if (!w->doc.len) {
		skip(g, fi, "empty file");
		goto out;
	}
	w->gz = is_gzip(w->doc.data, w->doc.len);
	if (!w->gz) {
		sha256_hex(w->doc.data, w->doc.len, w->sha);
		if (known(&g->shas, w->sha)) { /* the same bytes again: nothing to do */
			g->c->unchanged++;
			g->batch_unchanged++;
			goto out;
		}
	}
	w->hdrlen = (size_t)snprintf(w->hdr, sizeof(w->hdr), "%zu %s\n", w->doc.len,
	                             g->o->published ? g->o->published : "-");
	w->sent = 0;
	cw_buf_reset(&w->recv);
	rc = 1;
out:
	if (fd >= 0)
		close(fd);
	return rc;
}

/* Parse a complete response in w->recv: 1 complete, 0 not yet, -1 garbage. */
static int response_ready(struct worker *w, size_t *hl, size_t *jl, size_t *rl, int *recycle)
{
	char *nl = memchr(w->recv.data, '\n', w->recv.len < HEADER_MAX ? w->recv.len : HEADER_MAX);
	unsigned long long a, b;
	int r, used = 0;

	if (!nl)
		return w->recv.len >= HEADER_MAX ? -1 : 0;
	*nl = 0;
	r = sscanf(w->recv.data, "%llu %llu %d%n", &a, &b, recycle, &used);
	*nl = '\n';
	if (r != 3 || w->recv.data + used != nl || a > RESULT_MAX || b > CW_MAX_DOCUMENT)
		return -1;
	*hl = (size_t)(nl - w->recv.data) + 1;
	*jl = (size_t)a;
	*rl = (size_t)b;
	return w->recv.len >= *hl + *jl + *rl ? 1 : 0;
}

/* Service one worker after poll: -1 fatal, 0 otherwise. */
static int service(struct ingest *g, struct worker *w, short rev, cw_err *e)
{
	size_t total = w->hdrlen + w->doc.len;
	char why[256];

	if (w->sent < total && (rev & (POLLOUT | POLLERR))) {
		while (w->sent < total) {
			const char *p = w->sent < w->hdrlen ? w->hdr + w->sent
			                                    : w->doc.data + (w->sent - w->hdrlen);
			size_t n = w->sent < w->hdrlen ? w->hdrlen - w->sent : total - w->sent;
			ssize_t k = write(w->to, p, n);
			if (k < 0 && errno == EINTR)
				continue;
			if (k < 0 && errno == EAGAIN)
				break;
			if (k <= 0) { /* the worker is gone */
				reap(w, true, why, sizeof(why));
				w->busy = false;
				skip(g, w->file, "%s", why);
				file_done(g);
				return 0;
			}
			w->sent += (size_t)k;
		}
	}
	if (rev & (POLLIN | POLLHUP | POLLERR)) {
		for (;;) {
			char chunk[65536];
			ssize_t k = read(w->from, chunk, sizeof(chunk));
			size_t hl, jl, rl;
			int recycle = 0, s;
			if (k < 0 && errno == EINTR)
				continue;
			if (k < 0 && errno == EAGAIN)
				break;
			if (k <= 0) {
				reap(w, true, why, sizeof(why));
				w->busy = false;
				skip(g, w->file, "%s", why);
				file_done(g);
				return 0;
			}
			if (w->recv.len + (size_t)k > RESULT_MAX + 2 * HEADER_MAX ||
			    cw_buf_add(&w->recv, chunk, (size_t)k)) {
				reap(w, true, NULL, 0);
				w->busy = false;
				skip(g, w->file, "extraction failed: answer too large");
				file_done(g);
				return 0;
			}
			s = response_ready(w, &hl, &jl, &rl, &recycle);
			if (s < 0) {
				reap(w, true, NULL, 0);
				w->busy = false;
				skip(g, w->file, "extraction failed: garbled answer from the worker");
				file_done(g);
				return 0;
			}
			if (s == 0)
				continue;
			w->busy = false;
			if (w->recv.len != hl + jl + rl || w->sent < total) {
				reap(w, true, NULL, 0);
				skip(g, w->file, "extraction failed: garbled answer from the worker");
				file_done(g);
				return 0;
			}
			if (recycle)
				reap(w, false, NULL, 0);
			s = handle_result(g, w, w->recv.data + hl, jl, w->recv.data + hl + jl, rl, e);
			file_done(g);
			return s;
		}
	}
	return 0;
}

static int wall_seconds(const struct ingest *g)
{
	return g->o->wall_seconds > 0 ? g->o->wall_seconds : INGEST_WORKER_WALL_SECONDS;
}

static int run(struct ingest *g, cw_err *e)
{
	struct pollfd *pf = calloc((size_t)g->nwk * 2, sizeof(*pf));
	int *who = calloc((size_t)g->nwk * 2, sizeof(*who));
	size_t next = 0;
	int rc = -1;

	if (!pf || !who) {
		cw_err_set(e, CW_ENOMEM, "out of memory");
		goto out;
	}
	for (;;) {
		int np = 0, busy = 0, timeout = -1;
		long long now;

		for (int i = 0; i < g->nwk; i++) {
			struct worker *w = &g->wk[i];
			while (!w->busy && next < g->nfiles) {
				int s = prepare(g, w, next++, e);
				if (s < 0)
					goto out;
				if (s == 0) {
					file_done(g);
					continue;
				}
				if (!w->pid && spawn(g, w, e))
					goto out;
				w->busy = true;
				w->deadline = now_ms() + wall_seconds(g) * 1000LL;
			}
		}
		now = now_ms();
		for (int i = 0; i < g->nwk; i++) {
			struct worker *w = &g->wk[i];
			long long left;
			if (!w->busy)
				continue;
			busy++;
			if (w->sent < w->hdrlen + w->doc.len) {
				pf[np].fd = w->to;
				pf[np].events = POLLOUT;
				who[np++] = i;
			}
			pf[np].fd = w->from;
			pf[np].events = POLLIN;
			who[np++] = i;
			left = w->deadline - now;
			if (left < 0)
				left = 0;
			if (timeout < 0 || left < timeout)
				timeout = (int)left;
		}
		if (!busy)
			break;
		if (poll(pf, (nfds_t)np, timeout) < 0 && errno != EINTR) {
			cw_err_set(e, CW_EIO, "poll: %s", strerror(errno));
			goto out;
		}
		for (int k = 0; k < np; k++) {
			struct worker *w = &g->wk[who[k]];
			if (!pf[k].revents || !w->busy)
				continue;
			if (service(g, w, pf[k].revents, e))
				goto out;
		}
		now = now_ms();
		for (int i = 0; i < g->nwk; i++) {
			struct worker *w = &g->wk[i];
			if (w->busy && now >= w->deadline) {
				reap(w, true, NULL, 0);
				w->busy = false;
				skip(g, w->file, "extraction took more than %d s", wall_seconds(g));
				file_done(g);
			}
		}
	}
	rc = 0;
out:
	free(pf);
	free(who);
	return rc;
}

static int on_known(void *arg, const char *sha, const char *url)
{
	struct ingest *g = arg;
	if (sha && remember(&g->shas, sha))
		return -1;
	if (url && remember(&g->urls, url))
		return -1;
	return 0;
}

static int on_name(void *arg, const char *type, const char *id, const char *name)
{
	struct ingest *g = arg;
	cw_buf fold = CW_BUF_INIT;
	cw_err ig = CW_ERR_INIT;
	int rc = 0;

	(void)type;
	if (match_fold_name(name, strlen(name), &fold, &ig) == 0 && fold.len) {
		rc = name_put(g, fold.data, id);
		/* Each word too (a surname alone, "Қайырбека"); a word that
		 * several records share suggests none of them. */
		for (char *p = fold.data; !rc && *p;) {
			size_t n = strcspn(p, " ");
			char save = p[n];
			if (n >= 4 && n < fold.len) {
				p[n] = 0;
				rc = name_put(g, p, id);
				p[n] = save;
			}
			p += n;
			p += strspn(p, " ");
		}
	}
	cw_buf_release(&fold);
	return rc;
}

int io_ingest(cw_db *db, const char *const *paths, size_t npaths,
              const struct io_ingest_opts *o, struct io_ingest_counts *c, cw_err *e)
{
	struct ingest g;
	struct sigaction ign, old;
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
	cw_map_init(&g.names, &g.strings);
	g.level = o->confidentiality ? o->confidentiality : "public";
	if (cw_level_parse(g.level, &lvl))
		return cw_err_set(e, CW_EUSAGE, "'%s' is not a confidentiality level", g.level);
	if (o->url && npaths != 1)
		return cw_err_set(e, CW_EUSAGE, "--url needs exactly one file");
	store_now(now);
	memcpy(g.today, now, 10);
	g.today[10] = 0;
	cw_buf_init(&g.body, CW_MAX_RECORD);
	memset(&ign, 0, sizeof(ign));
	ign.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &ign, &old); /* a dead worker is an EPIPE, not our death */

	for (size_t i = 0; i < npaths; i++) {
		struct stat sb;
		if (stat(paths[i], &sb) == 0 && S_ISDIR(sb.st_mode)) {
			if (o->url) {
				cw_err_set(e, CW_EUSAGE, "--url needs a file, not a folder");
				goto out;
			}
			if (walk(&g, paths[i], 0, e))
				goto out;
		} else if (add_file(&g, paths[i], e)) {
			goto out;
		}
	}
	c->files = (long)g.nfiles;
	if (store_ingest_each_known(db, on_known, &g, e) ||
	    store_ingest_each_name(db, on_name, &g, e))
		goto out;
	if (!(g.vocab = store_vocab_open(db, e)))
		goto out;
	if (o->kind && !store_vocab_has(g.vocab, "source_kind", o->kind)) {
		cw_err_set(e, CW_EUSAGE, "--kind: '%s' is not a source kind", o->kind);
		goto out;
	}
	g.nwk = o->jobs > 0 ? o->jobs : (int)sysconf(_SC_NPROCESSORS_ONLN);
	if (g.nwk < 1)
		g.nwk = 1;
	if ((size_t)g.nwk > g.nfiles)
		g.nwk = g.nfiles ? (int)g.nfiles : 1;
	if (!(g.wk = calloc((size_t)g.nwk, sizeof(*g.wk)))) {
		cw_err_set(e, CW_ENOMEM, "out of memory");
		goto out;
	}
	for (int i = 0; i < g.nwk; i++) {
		g.wk[i].to = g.wk[i].from = -1;
		cw_buf_init(&g.wk[i].doc, 0);
		cw_buf_init(&g.wk[i].recv, 0);
	}
	if (run(&g, e))
		goto out;
	rc = commit_batch(&g, e);
out:
	if (g.w)
		store_writer_abort(g.w);
	for (int i = 0; g.wk && i < g.nwk; i++) {
		/* An idle worker exits at the end of its input; a busy one
		 * (after a failure) is stopped. */
		reap(&g.wk[i], g.wk[i].busy, NULL, 0);
		cw_buf_release(&g.wk[i].doc);
		cw_buf_release(&g.wk[i].recv);
	}
	free(g.wk);
	store_vocab_free(g.vocab);
	cw_map_release(&g.shas);
	cw_map_release(&g.urls);
	cw_map_release(&g.names);
	cw_arena_release(&g.strings);
	for (size_t i = 0; i < g.nfiles; i++)
		free(g.files[i]);
	free(g.files);
	cw_buf_release(&g.body);
	sigaction(SIGPIPE, &old, NULL);
	return rc;
}
