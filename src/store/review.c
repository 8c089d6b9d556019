/* store/review.c: see review.h. */
#include "store/review.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/limits.h"
#include "store/internal.h"
#include "store/record.h"

#define EXCERPT_REACH 160 /* code points looked at on each side */

/* The mentions of sources visible at ?2, with status ?1 (NULL: any), of
 * kind ?3 (NULL: any), or the one mention ?5; at most ?4. */
static const char each_sql[] =
	"SELECT m.mid, r.id, json_extract(r.body, '$.title'), m.kind, m.text, m.start,"
	" m.end_, m.value,"
	" CASE WHEN EXISTS (SELECT 1 FROM record s WHERE s.id=m.suggested AND s.deleted=0"
	"  AND " STORE_OUT_VIS_SQL("s") "<=?2) THEN m.suggested END,"
	" m.status, m.linked, m.became, r.level,"
	" (SELECT d.text FROM document d WHERE d.sha256=json_extract(r.body, '$.sha256'))"
	" FROM mention m JOIN record r ON r.rid=m.source_rid"
	" WHERE (?1 IS NULL OR m.status=?1) AND (?3 IS NULL OR m.kind=?3) AND r.deleted=0"
	" AND (?5 IS NULL OR m.mid=?5)"
	" AND " STORE_OUT_VIS_SQL("r") "<=?2 ORDER BY m.mid LIMIT ?4";

static int each(cw_db *db, int clearance, const char *status, const char *kind,
                long long mid, long limit, store_review_fn fn, void *arg, cw_err *e)
{
	sqlite3_stmt *st = store_prepare(db, each_sql, e);
	int rc = 0, s;

	if (!st)
		return -1;
	store_bind_str(st, 1, status);
	sqlite3_bind_int(st, 2, clearance);
	store_bind_str(st, 3, kind);
	sqlite3_bind_int64(st, 4, limit > 0 ? limit : -1);
	if (mid)
		sqlite3_bind_int64(st, 5, mid);
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		struct store_review_item m;
		const char *text;
		char *excerpt = NULL;
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
		m.became = (const char *)sqlite3_column_text(st, 11);
		m.source_level = sqlite3_column_int(st, 12);
		text = (const char *)sqlite3_column_text(st, 13);
		if (store_review_excerpt(text ? text : m.text, text ? m.start : 0,
		                         text ? m.end : (long)strlen(m.text), &excerpt)) {
			rc = cw_err_set(e, CW_ENOMEM, "out of memory");
			break;
		}
		m.excerpt = excerpt;
		rc = fn(arg, &m, e);
		free(excerpt);
		if (rc)
			break;
	}
	if (!rc && s != SQLITE_DONE && s != SQLITE_ROW)
		rc = store_sqlerr(db, e, NULL);
	sqlite3_finalize(st);
	return rc ? -1 : 0;
}

int store_review_each(cw_db *db, int clearance, const char *status, const char *kind,
                      long limit, store_review_fn fn, void *arg, cw_err *e)
{
	return each(db, clearance, status ? status : "suggested", kind, 0, limit, fn, arg, e);
}

struct one {
	bool found;
	store_review_fn fn;
	void *arg;
};

static int on_one(void *arg, const struct store_review_item *m, cw_err *e)
{
	struct one *o = arg;
	o->found = true;
	return o->fn(o->arg, m, e);
}

int store_review_get(cw_db *db, long long mid, int clearance, store_review_fn fn, void *arg,
                     cw_err *e)
{
	struct one o = { false, fn, arg };

	if (each(db, clearance, NULL, NULL, mid, 1, on_one, &o, e))
		return -1;
	if (!o.found)
		return cw_err_set(e, CW_ENOTFOUND, "mention %lld not found", mid);
	return 0;
}

int store_review_mark(cw_db *db, long long mid, const char *status, const char *linked,
                      const char *became, cw_err *e)
{
	sqlite3_stmt *st = store_prepare(db,
	                                 "UPDATE mention SET status=?2, linked=?3, became=?4"
	                                 " WHERE mid=?1 AND status='suggested'",
	                                 e);
	int s;

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, mid);
	store_bind_str(st, 2, status);
	store_bind_str(st, 3, linked);
	store_bind_str(st, 4, became);
	s = sqlite3_step(st);
	sqlite3_finalize(st);
	if (s != SQLITE_DONE)
		return store_sqlerr(db, e, NULL);
	if (sqlite3_changes(db->h) != 1)
		return cw_err_set(e, CW_EINVAL, "mention %lld was decided already", mid);
	return 0;
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

