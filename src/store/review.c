/* store/review.c: see review.h. */
#include "store/review.h"

#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/jsonout.h"
#include "base/limits.h"
#include "store/audit.h"
#include "store/internal.h"
#include "store/record.h"

#define EXCERPT_REACH 160 /* code points looked at on each side */

int store_review_each(cw_db *db, int clearance, const char *status, const char *kind,
                      long limit, store_review_fn fn, void *arg, cw_err *e)
{
	sqlite3_stmt *st = store_prepare(
		db,
		"SELECT m.mid, r.id, json_extract(r.body, '$.title'), m.kind, m.text, m.start,"
		" m.end_, m.value,"
		" CASE WHEN EXISTS (SELECT 1 FROM record s WHERE s.id=m.suggested AND s.deleted=0"
		"  AND " STORE_OUT_VIS_SQL("s") "<=?2) THEN m.suggested END,"
		" m.status, m.linked"
		" FROM mention m JOIN record r ON r.rid=m.source_rid"
		" WHERE m.status=?1 AND (?3 IS NULL OR m.kind=?3) AND r.deleted=0"
		" AND " STORE_OUT_VIS_SQL("r") "<=?2 ORDER BY m.mid LIMIT ?4",
		e);
	int rc = 0, s;

	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, status ? status : "suggested", -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, clearance);
	store_bind_str(st, 3, kind);
	sqlite3_bind_int64(st, 4, limit > 0 ? limit : -1);
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		struct store_review_item m;
		m.mid = sqlite3_column_int64(st, 0);
		m.source = (const char *)sqlite3_column_text(st, 1);
		m.source_title = (const char *)sqlite3_column_text(st, 2);
		m.kind = (const char *)sqlite3_column_text(st, 3);
		m.text = (const char *)sqlite3_column_text(st, 4);
		m.start = (long)sqlite3_column_int64(st, 5);
		m.end = (long)sqlite3_column_int64(st, 6);
		m.value = (const char *)sqlite3_column_text(st, 7);
		m.suggested = (const char *)sqlite3_column_text(st, 8);
		m.status = (const char *)sqlite3_column_text(st, 9);
		m.linked = (const char *)sqlite3_column_text(st, 10);
		if ((rc = fn(arg, &m, e)) != 0)
			break;
	}
	if (!rc && s != SQLITE_DONE)
		rc = store_sqlerr(db, e, NULL);
	sqlite3_finalize(st);
	return rc ? -1 : 0;
}

/* Byte offset of code point cp in text[0..len). */
static size_t byte_at(const char *text, size_t len, long cp)
{
	size_t i = 0;
	for (long n = 0; i < len && n < cp; n++) {
		i++;
		while (i < len && ((unsigned char)text[i] & 0xC0) == 0x80)
			i++;
	}
	return i;
}

static bool sentence_end(char c)
{
	return c == '.' || c == '!' || c == '?';
}

int store_review_excerpt(const char *text, long start, long end, char **out)
{
	size_t len = strlen(text), bs, be, l, r;
	cw_buf b = CW_BUF_INIT;
	bool cut_l = false, cut_r = false;
	int n;

	if (start < 0 || end < start)
		start = end = 0;
	bs = byte_at(text, len, start);
	be = bs + byte_at(text + bs, len - bs, end - start);
	/* back to the start of the sentence, or EXCERPT_REACH characters */
	for (l = bs, n = 0;; n++) {
		size_t p;
		if (l == 0)
			break;
		if (n >= EXCERPT_REACH) {
			cut_l = true;
			break;
		}
		p = l - 1;
		while (p > 0 && ((unsigned char)text[p] & 0xC0) == 0x80)
			p--;
		if ((text[p] == '\n' && p > 0 && text[p - 1] == '\n') ||
		    (sentence_end(text[p]) && p + 1 < bs &&
		     (text[p + 1] == ' ' || text[p + 1] == '\n')))
			break;
		l = p;
	}
	/* on to the end of the sentence */
	for (r = be, n = 0;; n++) {
		if (r >= len || (text[r] == '\n' && r + 1 < len && text[r + 1] == '\n'))
			break;
		if (n >= EXCERPT_REACH) {
			cut_r = true;
			break;
		}
		if (sentence_end(text[r]) && (r + 1 >= len || text[r + 1] == ' ' ||
		                              text[r + 1] == '\n')) {
			r++;
			break;
		}
		r++;
		while (r < len && ((unsigned char)text[r] & 0xC0) == 0x80)
			r++;
	}
	while (l < r && (text[l] == ' ' || text[l] == '\t' || text[l] == '\n'))
		l++;
	while (r > l && (text[r - 1] == ' ' || text[r - 1] == '\t' || text[r - 1] == '\n'))
		r--;
	if (cut_l)
		cw_buf_adds(&b, "…");
	for (size_t i = l; i < r; i++) /* lines of one paragraph join */
		cw_buf_addch(&b, text[i] == '\n' || text[i] == '\r' || text[i] == '\t' ? ' '
		                                                                        : text[i]);
	if (cut_r)
		cw_buf_adds(&b, "…");
	*out = cw_buf_detach(&b, NULL);
	return *out ? 0 : -1;
}

/* Add {"excerpt", "source"} to obj's "sources" (keeping the canonical key
 * order: type, id, then sorted). Returns 1 when it was there already. */
static int add_citation(json_t **objp, const char *source, const char *excerpt)
{
	json_t *obj = *objp, *src = json_object_get(obj, "sources"), *c, *v;
	size_t i;

	json_array_foreach(src, i, v)
	{
		const char *s = json_is_string(v) ? json_string_value(v)
		                                  : json_string_value(json_object_get(v, "source"));
		const char *x = json_string_value(json_object_get(v, "excerpt"));
		if (s && !strcmp(s, source) && x && !strcmp(x, excerpt))
			return 1;
	}
	c = json_object();
	json_object_set_new(c, "excerpt", json_string(excerpt));
	json_object_set_new(c, "source", json_string(source));
	if (src) {
		json_array_append_new(src, c);
		return 0;
	}
	/* Rebuild the object with "sources" in its sorted place. */
	{
		json_t *n = json_object(), *arr = json_array();
		const char *k;
		bool placed = false;
		json_array_append_new(arr, c);
		json_object_foreach(obj, k, v)
		{
			if (!placed && strcmp(k, "type") && strcmp(k, "id") && strcmp(k, "sources") > 0) {
				json_object_set_new(n, "sources", arr);
				placed = true;
			}
			json_object_set(n, k, v);
		}
		if (!placed)
			json_object_set_new(n, "sources", arr);
		json_decref(obj);
		*objp = n;
	}
	return 0;
}

static void derive_id(char *out, size_t cap, const char *type, const char *source,
                      long start, const char *text)
{
	crypto_hash_sha256_state s;
	unsigned char h[32];
	char hex[65], pos[32];

	snprintf(pos, sizeof(pos), "%ld", start);
	crypto_hash_sha256_init(&s);
	crypto_hash_sha256_update(&s, (const unsigned char *)source, strlen(source) + 1);
	crypto_hash_sha256_update(&s, (const unsigned char *)pos, strlen(pos) + 1);
	crypto_hash_sha256_update(&s, (const unsigned char *)text, strlen(text));
	crypto_hash_sha256_final(&s, h);
	sodium_bin2hex(hex, sizeof(hex), h, sizeof(h));
	snprintf(out, cap, "%s-%.12s", type, hex);
}

int store_review_accept(cw_db *db, long long mid, const char *as_id, const char *actor,
                        char *linked, size_t cap, bool *created, cw_err *e)
{
	sqlite3_stmt *m = NULL, *t = NULL, *u = NULL;
	store_writer *w = NULL;
	json_t *obj = NULL;
	char *excerpt = NULL, *mtext = NULL, *source = NULL, newid[64], target_s[48];
	const char *target = as_id, *kind;
	cw_buf body = CW_BUF_INIT;
	enum store_put_result res;
	struct store_dangling *d = NULL;
	size_t nd = 0;
	int rc = -1, level = 0, s;

	*created = false;
	if (store_writer_open(db, &w, e))
		return -1;
	if (store_writer_actor(w, actor, "review", e)) {
		store_writer_abort(w);
		return -1;
	}
	m = store_prepare(db,
	                  "SELECT m.kind, m.text, m.start, m.end_, m.status, m.suggested, r.id,"
	                  " d.text, r.level FROM mention m JOIN record r ON r.rid=m.source_rid"
	                  " LEFT JOIN document d ON d.sha256=json_extract(r.body, '$.sha256')"
	                  " WHERE m.mid=? AND r.deleted=0",
	                  e);
	if (!m)
		goto out;
	sqlite3_bind_int64(m, 1, mid);
	if (sqlite3_step(m) != SQLITE_ROW) {
		cw_err_set(e, CW_ENOTFOUND, "mention %lld not found", mid);
		goto out;
	}
	kind = (const char *)sqlite3_column_text(m, 0);
	if (strcmp((const char *)sqlite3_column_text(m, 4), "suggested")) {
		cw_err_set(e, CW_EINVAL, "mention %lld was %s already", mid,
		           (const char *)sqlite3_column_text(m, 4));
		goto out;
	}
	if (!target)
		target = (const char *)sqlite3_column_text(m, 5);
	mtext = strdup((const char *)sqlite3_column_text(m, 1));
	source = strdup((const char *)sqlite3_column_text(m, 6));
	level = sqlite3_column_int(m, 8);
	if (!mtext || !source ||
	    store_review_excerpt(sqlite3_column_type(m, 7) == SQLITE_TEXT
	                             ? (const char *)sqlite3_column_text(m, 7)
	                             : mtext,
	                         sqlite3_column_type(m, 7) == SQLITE_TEXT
	                             ? (long)sqlite3_column_int64(m, 2)
	                             : 0,
	                         sqlite3_column_type(m, 7) == SQLITE_TEXT
	                             ? (long)sqlite3_column_int64(m, 3)
	                             : (long)strlen(mtext),
	                         &excerpt)) {
		cw_err_set(e, CW_ENOMEM, "out of memory");
		goto out;
	}
	if (strlen(excerpt) > CW_MAX_FIELD)
		excerpt[CW_MAX_FIELD] = 0;
	if (target) {
		const char *type;
		t = store_prepare(db, "SELECT type, body FROM record WHERE id=? AND deleted=0", e);
		if (!t)
			goto out;
		sqlite3_bind_text(t, 1, target, -1, SQLITE_STATIC);
		if (sqlite3_step(t) != SQLITE_ROW) {
			cw_err_set(e, CW_ENOTFOUND, "'%s' not found", target);
			goto out;
		}
		type = (const char *)sqlite3_column_text(t, 0);
		if (!strcmp(type, "source")) {
			cw_err_set(e, CW_EINVAL, "'%s' is a source: accept the mention as a record "
			                         "that the source documents", target);
			goto out;
		}
		obj = json_loads((const char *)sqlite3_column_text(t, 1), 0, NULL);
		if (!obj) {
			cw_err_set(e, CW_ECORRUPT, "record '%s': stored JSON unreadable", target);
			goto out;
		}
	} else if (!strcmp(kind, "person") || !strcmp(kind, "organization")) {
		json_t *names = json_array();
		derive_id(newid, sizeof(newid), kind, source, (long)sqlite3_column_int64(m, 2), mtext);
		target = newid;
		obj = json_object();
		json_array_append_new(names, json_string(mtext));
		json_object_set_new(obj, "type", json_string(kind));
		json_object_set_new(obj, "id", json_string(newid));
		json_object_set_new(obj, "confidentiality", json_string(cw_level_name(level)));
		json_object_set_new(obj, "names", names);
		*created = true;
	} else {
		cw_err_set(e, CW_EUSAGE, "mention %lld (%s) has no suggested record: say which "
		           "with --as RECORD_ID", mid, kind);
		goto out;
	}
	snprintf(linked, cap, "%s", target);
	if (add_citation(&obj, source, excerpt) == 0) {
		if (cw_json_write(&body, obj)) {
			cw_err_set(e, CW_ENOMEM, "out of memory");
			goto out;
		}
		if (store_put(w, obj, body.data, 0, 0, &res, e))
			goto out;
	}
	u = store_prepare(db, "UPDATE mention SET status='accepted', linked=?2 WHERE mid=?1", e);
	if (!u)
		goto out;
	sqlite3_bind_int64(u, 1, mid);
	sqlite3_bind_text(u, 2, linked, -1, SQLITE_STATIC);
	if (sqlite3_step(u) != SQLITE_DONE) {
		store_sqlerr(db, e, NULL);
		goto out;
	}
	s = store_writer_check(w, &d, &nd, e);
	if (s) {
		if (s > 0)
			cw_err_set(e, CW_EINVAL, "'%s': %s: no record '%s'", d[0].id, d[0].field,
			           d[0].target);
		goto out;
	}
	/* The audit names the record by its opaque rid, never by id. */
	sqlite3_finalize(t);
	t = store_prepare(db, "SELECT rid FROM record WHERE id=?", e);
	if (!t)
		goto out;
	sqlite3_bind_text(t, 1, linked, -1, SQLITE_STATIC);
	snprintf(target_s, sizeof(target_s), "r:%lld",
	         sqlite3_step(t) == SQLITE_ROW ? (long long)sqlite3_column_int64(t, 0) : -1LL);
	if (store_audit_append(db, actor, "review-accept", target_s,
	                       *created ? "{\"created\":1}" : "{\"created\":0}", e))
		goto out;
	sqlite3_finalize(m);
	sqlite3_finalize(t);
	sqlite3_finalize(u);
	m = t = u = NULL;
	rc = store_writer_commit(w, e);
	w = NULL;
out:
	sqlite3_finalize(m);
	sqlite3_finalize(t);
	sqlite3_finalize(u);
	store_writer_abort(w);
	store_dangling_free(d, nd);
	json_decref(obj);
	cw_buf_release(&body);
	free(excerpt);
	free(mtext);
	free(source);
	return rc;
}

int store_review_reject(cw_db *db, long long mid, const char *actor, cw_err *e)
{
	sqlite3_stmt *st = NULL;
	int rc = -1, s;
	char detail[64];

	if (store_begin(db, e))
		return -1;
	st = store_prepare(db, "SELECT status FROM mention WHERE mid=?", e);
	if (!st)
		goto out;
	sqlite3_bind_int64(st, 1, mid);
	s = sqlite3_step(st);
	if (s != SQLITE_ROW) {
		cw_err_set(e, CW_ENOTFOUND, "mention %lld not found", mid);
		goto out;
	}
	if (strcmp((const char *)sqlite3_column_text(st, 0), "suggested")) {
		cw_err_set(e, CW_EINVAL, "mention %lld was %s already", mid,
		           (const char *)sqlite3_column_text(st, 0));
		goto out;
	}
	sqlite3_finalize(st);
	st = store_prepare(db, "UPDATE mention SET status='rejected' WHERE mid=?", e);
	if (!st)
		goto out;
	sqlite3_bind_int64(st, 1, mid);
	if (sqlite3_step(st) != SQLITE_DONE) {
		store_sqlerr(db, e, NULL);
		goto out;
	}
	snprintf(detail, sizeof(detail), "{\"mentions\":1}");
	if (store_audit_append(db, actor, "review-reject", NULL, detail, e))
		goto out;
	sqlite3_finalize(st);
	st = NULL;
	rc = store_commit(db, e);
	if (rc)
		return -1;
	return 0;
out:
	sqlite3_finalize(st);
	store_rollback(db);
	return rc;
}
