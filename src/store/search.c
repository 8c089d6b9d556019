/* store/search.c: keeping `fts` in step with records, and searching it.
 * See search.h. */
#include "store/search.h"

#include <ctype.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "base/jsonout.h"
#include "base/utf8.h"
#include "match/match.h"
#include "store/internal.h"
#include "store/record.h"

#define QUERY_MAX_BYTES 1000
#define QUERY_MAX_TERMS 32

/* Append s with a separator when the buffer is not empty. */
static void add_part(cw_buf *b, const char *s, const char *sep)
{
	if (!s || !*s)
		return;
	if (b->len)
		cw_buf_adds(b, sep);
	cw_buf_adds(b, s);
}

static void index_names(json_t *obj, cw_buf *title, cw_buf *keys)
{
	json_t *names = json_object_get(obj, "names"), *v;
	cw_buf fold = CW_BUF_INIT;
	size_t i;

	json_array_foreach(names, i, v)
	{
		const char *n = json_is_string(v) ? json_string_value(v) : cw_json_str(v, "name");
		cw_err ignore = CW_ERR_INIT;
		if (!n || !*n)
			continue;
		add_part(title, n, " / ");
		cw_buf_reset(&fold);
		/* A name match cannot fold (over a limit) is still found by
		 * its own words in the title. */
		if (match_fold_name(n, strlen(n), &fold, &ignore) == 0)
			add_part(keys, fold.data, " ");
	}
	cw_buf_release(&fold);
}

/* The document text of a source, appended to body. */
static int add_document_text(cw_db *db, const char *sha, cw_buf *body, cw_err *e)
{
	sqlite3_stmt *st = store_cached(db, STORE_CACHED_DOC_TEXT,
	                                "SELECT text FROM document WHERE sha256=?", e);
	int s;

	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, sha, -1, SQLITE_STATIC);
	s = sqlite3_step(st);
	if (s == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL) {
		if (body->len)
			cw_buf_adds(body, "\n\n");
		cw_buf_add(body, sqlite3_column_text(st, 0), (size_t)sqlite3_column_bytes(st, 0));
	}
	sqlite3_reset(st);
	if (s != SQLITE_ROW && s != SQLITE_DONE)
		return store_sqlerr(db, e, "indexing a document");
	return 0;
}

int store_fts_index(store_writer *w, sqlite3_int64 rid, json_t *obj, cw_err *e)
{
	cw_db *db = store_writer_db(w);
	const char *type = cw_json_str(obj, "type");
	cw_buf title = CW_BUF_INIT, body = CW_BUF_INIT, keys = CW_BUF_INIT;
	sqlite3_stmt *st = NULL;
	int rc = -1;

	if (!type)
		return 0;
	if (!strcmp(type, "person") || !strcmp(type, "organization")) {
		index_names(obj, &title, &keys);
		add_part(&body, cw_json_str(obj, "region"), "\n");
	} else if (!strcmp(type, "case")) {
		json_t *v;
		size_t i;
		add_part(&title, cw_json_str(obj, "number") ? cw_json_str(obj, "number") : cw_json_str(obj, "id"), "");
		add_part(&body, cw_json_str(obj, "authority"), "\n");
		add_part(&body, cw_json_str(obj, "region"), "\n");
		json_array_foreach(json_object_get(obj, "charges"), i, v)
			add_part(&body, json_is_string(v) ? json_string_value(v) : cw_json_str(v, "provision"),
			         "\n");
	} else if (!strcmp(type, "source")) {
		add_part(&title, cw_json_str(obj, "title") ? cw_json_str(obj, "title") : cw_json_str(obj, "url"), "");
		add_part(&body, cw_json_str(obj, "author"), "\n");
		add_part(&body, cw_json_str(obj, "publisher"), "\n");
		if (cw_json_str(obj, "sha256") && add_document_text(db, cw_json_str(obj, "sha256"), &body, e))
			goto out;
	} else {
		return 0;
	}
	add_part(&body, cw_json_str(obj, "notes"), "\n\n");
	st = store_cached(db, STORE_CACHED_FTS_PUT,
	                  "INSERT OR REPLACE INTO fts(rowid, type, title, body, keys)"
	                  " VALUES (?,?,?,?,?)",
	                  e);
	if (!st)
		goto out;
	sqlite3_bind_int64(st, 1, rid);
	sqlite3_bind_text(st, 2, type, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, title.data, (int)title.len, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, body.data, (int)body.len, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, keys.data, (int)keys.len, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE) {
		store_sqlerr(db, e, "full-text index");
		goto out;
	}
	rc = 0;
out:
	if (st)
		sqlite3_reset(st);
	cw_buf_release(&title);
	cw_buf_release(&body);
	cw_buf_release(&keys);
	return rc;
}

int store_fts_delete(cw_db *db, sqlite3_int64 rid, cw_err *e)
{
	sqlite3_stmt *st = store_prepare(db, "DELETE FROM fts WHERE rowid=?", e);
	int s;

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, rid);
	s = sqlite3_step(st);
	sqlite3_finalize(st);
	if (s != SQLITE_DONE)
		return store_sqlerr(db, e, "full-text index");
	return 0;
}

/* ---- queries ---- */

/* Whether s[0..n) holds something a tokenizer keeps (a letter or digit;
 * any non-ASCII character counts, the tokenizer decides). */
static bool searchable(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x80 || isalnum(c))
			return true;
	}
	return false;
}

/* A quoted FTS5 string: "..." with inner quotes doubled. */
static void add_quoted(cw_buf *out, const char *s, size_t n)
{
	cw_buf_addch(out, '"');
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '"')
			cw_buf_addch(out, '"');
		cw_buf_addch(out, s[i]);
	}
	cw_buf_addch(out, '"');
}

/* One term or phrase: ("text"[*] OR keys:"skeleton"[*]). */
static int add_term(cw_buf *out, const char *s, size_t n, bool phrase, bool prefix, cw_err *e)
{
	cw_buf skel = CW_BUF_INIT;
	cw_err ignore = CW_ERR_INIT;
	int rc;

	if (phrase)
		rc = match_fold_name(s, n, &skel, &ignore);
	else
		rc = match_fold_token(s, n, &skel, &ignore);
	if (out->len)
		cw_buf_adds(out, " AND ");
	cw_buf_addch(out, '(');
	add_quoted(out, s, n);
	if (prefix)
		cw_buf_adds(out, " *");
	if (rc == 0 && skel.len && searchable(skel.data, skel.len)) {
		cw_buf_adds(out, " OR keys:");
		add_quoted(out, skel.data, skel.len);
		if (prefix)
			cw_buf_adds(out, " *");
	}
	cw_buf_addch(out, ')');
	cw_buf_release(&skel);
	(void)e;
	return 0;
}

int store_search_query(const char *q, cw_buf *out, cw_err *e)
{
	size_t len = strlen(q), i = 0, start = out->len;
	int terms = 0;

	if (len > QUERY_MAX_BYTES)
		return cw_err_set(e, CW_EINVAL, "bad query: longer than %d bytes", QUERY_MAX_BYTES);
	if (!cw_utf8_valid(q, len))
		return cw_err_set(e, CW_EINVAL, "bad query: not valid UTF-8");
	while (i < len) {
		const char *s;
		size_t n;
		bool phrase = false, prefix = false;

		if (isspace((unsigned char)q[i])) {
			i++;
			continue;
		}
		if (q[i] == '"') {
			const char *end = memchr(q + i + 1, '"', len - i - 1);
			phrase = true;
			s = q + i + 1;
			n = end ? (size_t)(end - s) : len - i - 1;
			i = end ? (size_t)(end - q) + 1 : len;
			if (i < len && q[i] == '*') {
				prefix = true;
				while (i < len && q[i] == '*')
					i++;
			}
		} else {
			s = q + i;
			while (i < len && !isspace((unsigned char)q[i]) && q[i] != '"')
				i++;
			n = (size_t)(q + i - s);
			while (n && s[n - 1] == '*') {
				prefix = true;
				n--;
			}
		}
		if (!searchable(s, n))
			continue;
		if (++terms > QUERY_MAX_TERMS) {
			cw_buf_setlen(out, start);
			return cw_err_set(e, CW_EINVAL, "bad query: more than %d words",
			                  QUERY_MAX_TERMS);
		}
		if (add_term(out, s, n, phrase, prefix, e)) {
			cw_buf_setlen(out, start);
			return -1;
		}
	}
	if (!terms)
		return cw_err_set(e, CW_EINVAL, "bad query: '%s' has nothing to search for", q);
	return 0;
}

/* cw_rank(w0, w1, ...): BM25 without the inverse document frequency.
 * FTS5's bm25() first counts, for every phrase of the query, the rows
 * that contain it: a pass over the whole posting list of each word,
 * tens of milliseconds for a common word (or a phrase) at 100,000
 * articles. Every word of our queries must match anyway, so rarity
 * weighs little; the per-column term frequency with length
 * normalization (k1 1.2, b 0.75) and the column weights stay. */
#define RANK_COLS 8
static void cw_rank(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx,
                    int nval, sqlite3_value **val)
{
	int ninst = 0, ncol = api->xColumnCount(fts);
	double tf[RANK_COLS] = { 0 }, score = 0;
	sqlite3_int64 nrow = 0;

	if (ncol > RANK_COLS)
		ncol = RANK_COLS;
	if (api->xInstCount(fts, &ninst) != SQLITE_OK ||
	    api->xRowCount(fts, &nrow) != SQLITE_OK) {
		sqlite3_result_error(ctx, "cw_rank: cannot read the match", -1);
		return;
	}
	for (int i = 0; i < ninst; i++) {
		int phrase, col, off;
		if (api->xInst(fts, i, &phrase, &col, &off) == SQLITE_OK && col >= 0 && col < ncol)
			tf[col] += 1;
	}
	for (int c = 0; c < ncol; c++) {
		double w = c < nval ? sqlite3_value_double(val[c]) : 1.0, avg;
		sqlite3_int64 total = 0;
		int len = 0;
		if (tf[c] == 0 || w == 0)
			continue;
		api->xColumnTotalSize(fts, c, &total);
		api->xColumnSize(fts, c, &len);
		avg = nrow > 0 && total > 0 ? (double)total / (double)nrow : 1.0;
		score += w * tf[c] * 2.2 / (tf[c] + 1.2 * (0.25 + 0.75 * (double)len / avg));
	}
	sqlite3_result_double(ctx, -score); /* FTS5 sorts rank ascending */
}

static const char rank_marker[] = "cw_rank";

/* Register cw_rank on the connection, once. */
static int rank_register(cw_db *db, cw_err *e)
{
	fts5_api *api = NULL;
	sqlite3_stmt *st;

	if (sqlite3_get_clientdata(db->h, rank_marker))
		return 0;
	if (sqlite3_prepare_v2(db->h, "SELECT fts5(?1)", -1, &st, NULL) != SQLITE_OK)
		return store_sqlerr(db, e, "full-text search");
	sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
	sqlite3_step(st);
	sqlite3_finalize(st);
	if (!api || api->xCreateFunction(api, "cw_rank", NULL, cw_rank, NULL) != SQLITE_OK)
		return cw_err_set(e, CW_EDB, "full-text search: cannot register the ranking");
	sqlite3_set_clientdata(db->h, rank_marker, (void *)rank_marker, NULL);
	return 0;
}

/* Ranking every match of a very common word (BM25 reads each match's
 * positions) costs time in proportion to the matches: tens of
 * milliseconds at 100,000 articles. When there are more than
 * RANK_WINDOW visible matches, only the RANK_WINDOW most recently written
 * ones are ranked (FTS5 walks matches in rowid order and stops early). */
#define RANK_WINDOW 1000

#define SEARCH_FILTER                                                                     \
	" FROM fts JOIN record r ON r.rid=fts.rowid WHERE fts MATCH ?1"                   \
	" AND (?2 IS NULL OR fts.type=?2) AND r.deleted=0"                                \
	" AND " STORE_OUT_VIS_SQL("r") "<=?3"

int store_search(cw_db *db, const char *q, const char *type, int clearance, int limit,
                 store_search_fn fn, void *arg, cw_err *e)
{
	static const char window_sql[] =
		"SELECT fts.rowid" SEARCH_FILTER " ORDER BY fts.rowid DESC LIMIT 1 OFFSET ?4";
	/* FTS5 ranks (bm25: names weigh most, then keys, then text) and
	 * sorts; visibility is checked on the record row of each match. */
	static const char sql[] =
		"SELECT r.type, r.id, fts.title,"
		" snippet(fts, 2, '" STORE_HL_OPEN "', '" STORE_HL_CLOSE "', '…', 16),"
		" snippet(fts, 1, '" STORE_HL_OPEN "', '" STORE_HL_CLOSE "', '…', 16),"
		" CASE WHEN r.type='source' THEN json_extract(r.body, '$.url') END,"
		" CASE WHEN r.type='source' THEN json_extract(r.body, '$.sha256') END,"
		" fts.rank" SEARCH_FILTER
		" AND fts.rank MATCH 'cw_rank(0.0, 10.0, 1.0, 4.0)' AND fts.rowid>=?5"
		" ORDER BY fts.rank LIMIT ?4";
	cw_buf expr = CW_BUF_INIT;
	sqlite3_stmt *st = NULL;
	sqlite3_int64 from = 0;
	int rc = -1, s;

	if (limit <= 0 || limit > STORE_SEARCH_MAX_LIMIT)
		limit = limit <= 0 ? 20 : STORE_SEARCH_MAX_LIMIT;
	if (store_search_query(q, &expr, e) || rank_register(db, e))
		goto out;
	if (!(st = store_prepare(db, window_sql, e)))
		goto out;
	sqlite3_bind_text(st, 1, expr.data, (int)expr.len, SQLITE_STATIC);
	store_bind_str(st, 2, type);
	sqlite3_bind_int(st, 3, clearance);
	sqlite3_bind_int(st, 4, RANK_WINDOW);
	s = sqlite3_step(st);
	if (s == SQLITE_ROW)
		from = sqlite3_column_int64(st, 0);
	else if (s != SQLITE_DONE)
		goto bad;
	sqlite3_finalize(st);
	if (!(st = store_prepare(db, sql, e)))
		goto out;
	sqlite3_bind_text(st, 1, expr.data, (int)expr.len, SQLITE_STATIC);
	store_bind_str(st, 2, type);
	sqlite3_bind_int(st, 3, clearance);
	sqlite3_bind_int(st, 4, limit);
	sqlite3_bind_int64(st, 5, from);
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		struct store_search_hit h;
		const char *body_snip = (const char *)sqlite3_column_text(st, 3);
		h.type = (const char *)sqlite3_column_text(st, 0);
		h.id = (const char *)sqlite3_column_text(st, 1);
		h.title = (const char *)sqlite3_column_text(st, 2);
		/* The text's snippet when a term matched there, else the title's. */
		h.snippet = body_snip && strstr(body_snip, STORE_HL_OPEN)
		                    ? body_snip
		                    : (const char *)sqlite3_column_text(st, 4);
		h.url = (const char *)sqlite3_column_text(st, 5);
		h.sha256 = (const char *)sqlite3_column_text(st, 6);
		h.score = sqlite3_column_double(st, 7);
		if (fn(arg, &h, e))
			goto out;
	}
	if (s == SQLITE_DONE) {
		rc = 0;
		goto out;
	}
bad:
	/* The expression is ours and always well-formed; report whatever
	 * FTS5 says as a query problem all the same. */
	cw_err_set(e, CW_EINVAL, "bad query: %s", sqlite3_errmsg(db->h));
out:
	sqlite3_finalize(st);
	cw_buf_release(&expr);
	return rc;
}
