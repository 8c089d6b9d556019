/* store/read.c: reading records back for export and display. See record.h. */
#include <stdlib.h>
#include <string.h>

#include "base/jsonout.h"
#include "store/internal.h"
#include "store/record.h"

/* A source whose consent was withdrawn counts as confidential for every
 * output below confidential, whatever its stored level (the stored level
 * is left alone). T is the table alias; see STORE_OUT_VIS_SQL in
 * record.h. */
#define WITHDRAWN(T) STORE_WITHDRAWN_SQL(T)

#define TYPE_ORDER                                                                        \
	"CASE r.type WHEN 'provision' THEN 1 WHEN 'organization' THEN 2"                  \
	" WHEN 'source' THEN 3 WHEN 'person' THEN 4 WHEN 'affiliation' THEN 5"            \
	" WHEN 'case' THEN 6 WHEN 'event' THEN 7 ELSE 8 END"

/* Is target among the hidden ids (separated by \x1f)? For charges, a
 * hidden provision also hides its parts ("X" hides "X-2"). */
static bool hidden(const char *list, const char *target, bool parts)
{
	size_t tl = strlen(target);
	const char *p = list;

	while (p && *p) {
		const char *end = strchr(p, '\x1f');
		size_t n = end ? (size_t)(end - p) : strlen(p);
		if (n == tl && !memcmp(p, target, n))
			return true;
		if (parts && tl > n && !memcmp(p, target, n) && target[n] == '-')
			return true;
		p = end ? end + 1 : NULL;
	}
	return false;
}

static void filter_array(json_t *arr, const char *list, const char *key, bool parts)
{
	size_t i = 0;

	while (i < json_array_size(arr)) {
		json_t *v = json_array_get(arr, i);
		const char *id = json_is_string(v) ? json_string_value(v)
		                                   : json_string_value(json_object_get(v, key));
		if (id && hidden(list, id, parts)) {
			json_array_remove(arr, i);
			continue;
		}
		i++;
	}
}

/* Leave out citations of hidden sources, participants who are hidden
 * people, and charges under hidden provisions. */
char *store_filter_body(const char *body, const char *list)
{
	json_t *obj = json_loads(body, 0, NULL), *v;
	char *out;
	size_t i;

	if (!obj)
		return NULL;
	filter_array(json_object_get(obj, "sources"), list, "source", false);
	filter_array(json_object_get(obj, "participants"), list, "person", false);
	filter_array(json_object_get(obj, "charges"), list, "provision", true);
	json_array_foreach(json_object_get(obj, "charges"), i, v)
	{
		filter_array(json_object_get(v, "sources"), list, "source", false);
		if (json_is_object(v) && !json_array_size(json_object_get(v, "sources")))
			json_object_del(v, "sources");
		if (json_is_object(v) && json_object_size(v) == 1 &&
		    json_object_get(v, "provision"))
			json_array_set(json_object_get(obj, "charges"), i,
			               json_object_get(v, "provision"));
	}
	/* Lists emptied by the filter go, as an import would leave them out. */
	if (!json_array_size(json_object_get(obj, "sources")))
		json_object_del(obj, "sources");
	if (!json_array_size(json_object_get(obj, "participants")))
		json_object_del(obj, "participants");
	if (!json_array_size(json_object_get(obj, "charges")))
		json_object_del(obj, "charges");
	{
		cw_buf b = CW_BUF_INIT;
		out = cw_json_write(&b, obj) ? NULL : cw_buf_detach(&b, NULL);
		cw_buf_release(&b);
	}
	json_decref(obj);
	return out;
}

static const char *const export_order[] = { "provision", "organization", "source", "person",
	                                    "affiliation", "case", "event" };

int store_each_record(cw_db *db, int clearance, store_record_fn fn, void *arg, cw_err *e)
{
	/* One pass per type, each in id order along the id index. */
	sqlite3_stmt *st = store_prepare(
		db,
		"SELECT r.type, r.id, r.body, (SELECT group_concat(x, char(31)) FROM"
		" (SELECT t.id AS x FROM ref f JOIN record t ON t.id=f.target WHERE f.rid=r.rid"
		" AND (t.vis>?1 OR t.deleted) UNION SELECT t.id FROM cite c JOIN record t ON"
		" t.id=c.source WHERE c.rid=r.rid AND (t.vis>?1 OR t.deleted OR (?1<2 AND "
		WITHDRAWN("t") "))))"
		" FROM record r INDEXED BY sqlite_autoindex_record_1 WHERE r.type=?2"
		" AND r.deleted=0 AND r.vis<=?1 AND NOT (?1<2 AND " WITHDRAWN("r") ")"
		" ORDER BY r.id",
		e);
	int rc = 0, s = SQLITE_DONE;

	if (!st)
		return -1;
	for (size_t k = 0; k < sizeof(export_order) / sizeof(export_order[0]) && !rc; k++) {
		sqlite3_bind_int(st, 1, clearance);
		sqlite3_bind_text(st, 2, export_order[k], -1, SQLITE_STATIC);
		while ((s = sqlite3_step(st)) == SQLITE_ROW) {
			const char *type = (const char *)sqlite3_column_text(st, 0);
			const char *id = (const char *)sqlite3_column_text(st, 1);
			const char *body = (const char *)sqlite3_column_text(st, 2);
			const char *list = (const char *)sqlite3_column_text(st, 3);
			if (list) {
				char *f = store_filter_body(body, list);
				if (!f) {
					rc = cw_err_set(e, CW_ECORRUPT,
					                "record '%s': stored JSON unreadable", id);
					break;
				}
				rc = fn(arg, type, id, f, e);
				free(f);
			} else {
				rc = fn(arg, type, id, body, e);
			}
			if (rc)
				break;
		}
		if (!rc && s != SQLITE_DONE)
			rc = store_sqlerr(db, e, NULL);
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	return rc ? -1 : 0;
}

int store_each_document(cw_db *db, int clearance, store_document_fn fn, void *arg,
                        cw_err *e)
{
	sqlite3_stmt *st = store_prepare(
		db,
		"SELECT d.sha256, d.content, d.media_type, d.text FROM document d WHERE EXISTS"
		" (SELECT 1 FROM record r WHERE r.type='source' AND r.deleted=0 AND r.vis<=?1"
		" AND NOT (?1<2 AND " WITHDRAWN("r") ")"
		" AND json_extract(r.body, '$.sha256')=d.sha256) ORDER BY d.sha256",
		e);
	int rc = 0, s;

	if (!st)
		return -1;
	sqlite3_bind_int(st, 1, clearance);
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		rc = fn(arg, (const char *)sqlite3_column_text(st, 0), sqlite3_column_blob(st, 1),
		        (size_t)sqlite3_column_bytes(st, 1), (const char *)sqlite3_column_text(st, 2),
		        (const char *)sqlite3_column_text(st, 3), e);
		if (rc)
			break;
	}
	if (!rc && s != SQLITE_DONE)
		rc = store_sqlerr(db, e, NULL);
	sqlite3_finalize(st);
	return rc ? -1 : 0;
}

int store_count_by_type(cw_db *db, store_count_fn fn, void *arg, cw_err *e)
{
	sqlite3_stmt *st = store_prepare(db,
	                                 "SELECT r.type, count(*) FROM record r WHERE"
	                                 " r.deleted=0 GROUP BY r.type ORDER BY " TYPE_ORDER,
	                                 e);
	int rc = 0;

	if (!st)
		return -1;
	while (sqlite3_step(st) == SQLITE_ROW)
		if ((rc = fn(arg, (const char *)sqlite3_column_text(st, 0),
		             (long)sqlite3_column_int64(st, 1))))
			break;
	sqlite3_finalize(st);
	return rc ? -1 : 0;
}
