/* store/consent.c: see consent.h. */
#include "store/consent.h"

#include <stdlib.h>
#include <string.h>

#include "base/grow.h"
#include "store/internal.h"
#include "store/record.h"

static enum store_tristate tristate(sqlite3_stmt *st, int col)
{
	if (sqlite3_column_type(st, col) == SQLITE_NULL)
		return STORE_UNSET;
	return sqlite3_column_int(st, col) ? STORE_YES : STORE_NO;
}

int store_consent_each(cw_db *db, int clearance, store_consent_fn fn, void *arg, cw_err *e)
{
	sqlite3_stmt *src = store_prepare(
		db,
		"SELECT r.id, r.level, json_extract(r.body, '$.kind'),"
		" json_extract(r.body, '$.title'), json_type(r.body, '$.consent'),"
		" json_extract(r.body, '$.consent.mode'), json_extract(r.body, '$.consent.publish'),"
		" json_extract(r.body, '$.consent.share'),"
		" json_extract(r.body, '$.consent.withdrawn')"
		" FROM record r WHERE r.type='source' AND r.deleted=0"
		" AND " STORE_OUT_VIS_SQL("r") "<=?1"
		" AND (json_extract(r.body, '$.consent.publish')=0"
		" OR json_extract(r.body, '$.consent.share')=0"
		" OR json_extract(r.body, '$.consent.withdrawn') IS NOT NULL"
		" OR (json_type(r.body, '$.consent') IS NULL"
		" AND json_extract(r.body, '$.kind')='interview'))"
		" ORDER BY r.id",
		e);
	sqlite3_stmt *cites = store_prepare(db,
	                                    "SELECT DISTINCT r.type, r.id FROM cite c JOIN record r"
	                                    " ON r.rid=c.rid WHERE c.source=?1 AND r.deleted=0"
	                                    " AND " STORE_OUT_VIS_SQL("r") "<=?2 ORDER BY r.type, r.id",
	                                    e);
	struct store_consent_cite *cv = NULL;
	char **strs = NULL;
	size_t cap = 0, scap = 0;
	int rc = -1, s = SQLITE_DONE;

	if (!src || !cites)
		goto out;
	sqlite3_bind_int(src, 1, clearance);
	while ((s = sqlite3_step(src)) == SQLITE_ROW) {
		struct store_consent c = { 0 };
		size_t n = 0;
		int cs;
		c.id = (const char *)sqlite3_column_text(src, 0);
		c.level = sqlite3_column_int(src, 1);
		c.kind = (const char *)sqlite3_column_text(src, 2);
		c.title = (const char *)sqlite3_column_text(src, 3);
		c.recorded = sqlite3_column_type(src, 4) != SQLITE_NULL;
		c.mode = (const char *)sqlite3_column_text(src, 5);
		c.publish = tristate(src, 6);
		c.share = tristate(src, 7);
		c.withdrawn = (const char *)sqlite3_column_text(src, 8);
		sqlite3_bind_text(cites, 1, c.id, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int(cites, 2, clearance);
		while ((cs = sqlite3_step(cites)) == SQLITE_ROW) {
			/* strs holds two strings per cite: scap is 2 * cap */
			if (cw_grow(&cv, &cap, n + 1, sizeof(*cv), 16) ||
			    cw_grow(&strs, &scap, 2 * (n + 1), sizeof(*strs), 2 * 16)) {
				sqlite3_reset(cites);
				cw_err_set(e, CW_ENOMEM, "out of memory");
				goto out;
			}
			strs[2 * n] = strdup((const char *)sqlite3_column_text(cites, 0));
			strs[2 * n + 1] = strdup((const char *)sqlite3_column_text(cites, 1));
			cv[n].type = strs[2 * n];
			cv[n].id = strs[2 * n + 1];
			n++;
			if (!strs[2 * n - 2] || !strs[2 * n - 1]) {
				sqlite3_reset(cites);
				for (size_t i = 0; i < 2 * n; i++)
					free(strs[i]);
				cw_err_set(e, CW_ENOMEM, "out of memory");
				goto out;
			}
		}
		sqlite3_reset(cites);
		if (cs != SQLITE_DONE) {
			for (size_t i = 0; i < 2 * n; i++)
				free(strs[i]);
			store_sqlerr(db, e, NULL);
			goto out;
		}
		c.cited_by = cv;
		c.ncited = n;
		cs = fn(arg, &c, e);
		for (size_t i = 0; i < 2 * n; i++)
			free(strs[i]);
		if (cs)
			goto out;
	}
	if (s != SQLITE_DONE) {
		store_sqlerr(db, e, NULL);
		goto out;
	}
	rc = 0;
out:
	free(cv);
	free(strs);
	sqlite3_finalize(src);
	sqlite3_finalize(cites);
	return rc;
}
