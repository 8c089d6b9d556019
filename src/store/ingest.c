/* store/ingest.c: see ingest.h. */
#include "store/ingest.h"

#include <string.h>

#include "store/internal.h"

int store_ingest_each_known(cw_db *db, store_known_fn fn, void *arg, cw_err *e)
{
	sqlite3_stmt *st = store_prepare(db,
	                                 "SELECT json_extract(body, '$.sha256'),"
	                                 " json_extract(body, '$.url'), id FROM record"
	                                 " WHERE type='source' AND deleted=0",
	                                 e);
	int rc = 0, s;

	if (!st)
		return -1;
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		const char *sha = (const char *)sqlite3_column_text(st, 0);
		const char *url = (const char *)sqlite3_column_text(st, 1);
		if ((sha || url) &&
		    (rc = fn(arg, (const char *)sqlite3_column_text(st, 2), sha, url)) != 0)
			break;
	}
	if (!rc && s != SQLITE_DONE)
		rc = store_sqlerr(db, e, NULL);
	else if (rc)
		rc = cw_err_set(e, CW_ENOMEM, "out of memory");
	sqlite3_finalize(st);
	return rc ? -1 : 0;
}

static int put_mentions(cw_db *db, const char *id, const struct store_mention *m, size_t nm,
                        cw_err *e)
{
	sqlite3_stmt *rid = store_prepare(db, "SELECT rid FROM record WHERE id=?", e);
	sqlite3_stmt *ins = store_prepare(db,
	                                  "INSERT INTO mention(source_rid, kind, text, start,"
	                                  " end_, value, suggested) VALUES (?,?,?,?,?,?,?)",
	                                  e);
	sqlite3_int64 srid;
	int rc = -1;

	if (!rid || !ins)
		goto out;
	sqlite3_bind_text(rid, 1, id, -1, SQLITE_STATIC);
	if (sqlite3_step(rid) != SQLITE_ROW) {
		store_sqlerr(db, e, "mentions");
		goto out;
	}
	srid = sqlite3_column_int64(rid, 0);
	for (size_t i = 0; i < nm; i++) {
		sqlite3_bind_int64(ins, 1, srid);
		store_bind_str(ins, 2, m[i].kind);
		store_bind_str(ins, 3, m[i].text ? m[i].text : "");
		sqlite3_bind_int64(ins, 4, m[i].start);
		sqlite3_bind_int64(ins, 5, m[i].end);
		store_bind_str(ins, 6, m[i].value);
		store_bind_str(ins, 7, m[i].suggested);
		if (sqlite3_step(ins) != SQLITE_DONE) {
			store_sqlerr(db, e, "mentions");
			goto out;
		}
		sqlite3_reset(ins);
	}
	rc = 0;
out:
	sqlite3_finalize(rid);
	sqlite3_finalize(ins);
	return rc;
}

int store_ingest_put(store_writer *w, json_t *rec, const char *body, const char *sha256,
                     const void *data, size_t len, const char *media_type, const char *text,
                     const struct store_mention *m, size_t nm, enum store_put_result *res,
                     cw_err *e)
{
	cw_db *db = store_writer_db(w);
	const char *id = json_string_value(json_object_get(rec, "id"));

	if (!id)
		return cw_err_set(e, CW_EINVAL, "source without an id");
	if (store_exec(db, "SAVEPOINT cw_ingest", e))
		return -1;
	/* The document first: indexing the source reads its text. */
	if (store_put_document(w, sha256, data, len, media_type, text, NULL, e) ||
	    store_put(w, rec, body, 0, 0, res, e))
		goto fail;
	if (*res == STORE_CREATED && nm && put_mentions(db, id, m, nm, e))
		goto fail;
	if (store_exec(db, "RELEASE cw_ingest", e))
		goto fail;
	return 0;
fail:
	store_exec(db, "ROLLBACK TO cw_ingest; RELEASE cw_ingest", NULL);
	return -1;
}
