/* io/ingest_worker.c: the extraction worker and its protocol. See
 * ingest_worker.h. */
#include "io/ingest_worker.h"

#include <errno.h>
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>
#include <zlib.h>

#include "base/buf.h"
#include "base/date.h"
#include "extract/article.h"
#include "extract/mentions.h"
#include "io/article.h"
#include "io/ingest.h"
#include "io/ingest_format.h"

/* ---- the protocol ---- */

bool ingest_is_gzip(const char *p, size_t n)
{
	return n >= 2 && (unsigned char)p[0] == 0x1f && (unsigned char)p[1] == 0x8b;
}

size_t ingest_request_header(char *hdr, size_t len, const char *published)
{
	return (size_t)snprintf(hdr, INGEST_HEADER_MAX, "%zu %s\n", len,
	                        published ? published : "-");
}

int ingest_answer_parse(const char *p, size_t n, struct ingest_answer *a)
{
	const char *nl = memchr(p, '\n', n < INGEST_HEADER_MAX ? n : INGEST_HEADER_MAX);
	char line[INGEST_HEADER_MAX];
	unsigned long long jl, rl;
	int r, used = 0;

	if (!nl)
		return n >= INGEST_HEADER_MAX ? -1 : 0;
	memcpy(line, p, (size_t)(nl - p));
	line[nl - p] = 0;
	r = sscanf(line, "%llu %llu %d%n", &jl, &rl, &a->recycle, &used);
	if (r != 3 || used != nl - p || jl > INGEST_ANSWER_MAX || rl > CW_MAX_DOCUMENT)
		return -1;
	a->header_len = (size_t)(nl - p) + 1;
	a->json_len = (size_t)jl;
	a->raw_len = (size_t)rl;
	return n >= a->header_len + a->json_len + a->raw_len ? 1 : 0;
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
			cw_err_set(e, CW_ELIMIT, "over %u MB after gunzip",
			           CW_MAX_DOCUMENT >> 20);
			goto out;
		}
		if (cw_buf_add(out, chunk, got)) {
			cw_err_set(e, CW_ENOMEM, "out of memory");
			goto out;
		}
		if (zr == Z_STREAM_END) {
			if (z.avail_in >= 2 && z.next_in[0] == 0x1f &&
			    z.next_in[1] == 0x8b) {
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

/* How much of text mentions are looked for in: all of it up to
 * INGEST_MENTIONS_MAX bytes, else up to the last paragraph break (or
 * character) before that, and the answer says so. */
static size_t mentions_len(const char *text, json_t *o)
{
	size_t len = strlen(text), cut = INGEST_MENTIONS_MAX;

	if (len <= INGEST_MENTIONS_MAX)
		return len;
	while (cut > INGEST_MENTIONS_MAX / 2 &&
	       !(text[cut - 1] == '\n' && text[cut - 2] == '\n'))
		cut--;
	if (cut <= INGEST_MENTIONS_MAX / 2)
		for (cut = INGEST_MENTIONS_MAX;
		     cut > 0 && ((unsigned char)text[cut] & 0xC0) == 0x80;)
			cut--;
	json_object_set_new(o, "mentions_cut_at", json_integer((json_int_t)cut));
	return cut;
}

/* Extract one document into a JSON answer: inflate it if it is gzip'd
 * (raw receives the bytes), read it with the extractor of its kind, find
 * its mentions. */
static json_t *work_one(const char *data, size_t len, const char *published, cw_buf *raw)
{
	struct cw_article a;
	struct mention_list l;
	struct mentions_opts mo;
	cw_err e = CW_ERR_INIT;
	const struct ingest_format *f;
	json_t *o = NULL, *ms;

	memset(&a, 0, sizeof(a));
	memset(&mo, 0, sizeof(mo));
	mention_list_init(&l);
	if (ingest_is_gzip(data, len)) {
		if (gunzip(data, len, raw, &e))
			goto fail;
		data = raw->data;
		len = raw->len;
	}
	f = ingest_format_of(data, len);
	if (f->read(data, len, &a, &e))
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
	json_object_set_new(o, "media_type", json_string(f->media_type(&a)));
	json_object_set_new(o, "mentions", ms);
	/* Mentions are a bonus: an article whose mentions cannot be found
	 * is still ingested. */
	if (a.text && mentions_find(a.text, mentions_len(a.text, o), &mo, &l, &e) == 0) {
		for (size_t i = 0; i < l.len; i++) {
			const struct mention *m = &l.items[i];
			json_t *x = json_object();
			if (!x)
				break;
			json_object_set_new(x, "kind",
			                    json_string(mention_kind_name(m->kind)));
			json_object_set_new(x, "text", json_string(m->text));
			json_object_set_new(x, "start",
			                    json_integer((json_int_t)m->start));
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
		json_object_set_new(o, "error",
		                    json_string(e.msg[0] ? e.msg : "extraction failed"));
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
	char line[INGEST_HEADER_MAX];
	int rc = -1;

	if (!in)
		return -1;
	for (;;) {
		unsigned long long size;
		char pub[INGEST_HEADER_MAX], *end, hdr[96];
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
		n = snprintf(hdr, sizeof(hdr), "%zu %zu %d\n", strlen(js), raw.len,
		             recycle ? 1 : 0);
		if (write_all(out_fd, hdr, (size_t)n) ||
		    write_all(out_fd, js, strlen(js)) ||
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
