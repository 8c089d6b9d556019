/* store/edit.c: one record at a time, with revisions. See edit.h. */
#include "store/edit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/jsonout.h"
#include "store/audit.h"
#include "store/internal.h"
#include "store/record.h"

#define WITHDRAWN(T) STORE_WITHDRAWN_SQL(T)

/* Ids a record's stored projections name that are hidden at clearance ?2
 * (or gone), for the record with rid ?1: its references, citations, and
 * the dependencies kept in kase/event. Separated by \x1f; NULL: none. */
static const char hidden_sql[] =
    "SELECT group_concat(x, char(31)) FROM ("
    " SELECT t.id AS x FROM ref f JOIN record t ON t.id=f.target WHERE f.rid=?1"
    "  AND (t.vis>?2 OR t.deleted)"
    " UNION SELECT t.id FROM cite c JOIN record t ON t.id=c.source WHERE c.rid=?1"
    "  AND (t.vis>?2 OR t.deleted OR (?2<2 AND " WITHDRAWN(
        "t") "))"
             " UNION SELECT t.id FROM kase k JOIN record t ON t.id=k.person WHERE "
             "k.rid=?1"
             "  AND (t.vis>?2 OR t.deleted)"
             " UNION SELECT t.id FROM event v JOIN record t ON t.id=v.case_id WHERE "
             "v.rid=?1"
             "  AND (t.vis>?2 OR t.deleted))";

/* The same for any body (an earlier version, whose projections are gone):
 * every string in it that is the id of a hidden record, and hidden
 * provisions whose parts it charges. */
static const char hidden_body_sql[] =
    "SELECT group_concat(x, char(31)) FROM ("
    " SELECT t.id AS x FROM json_tree(?1) j JOIN record t ON t.id=j.value"
    "  WHERE j.type='text' AND j.key!='type' AND j.key!='id'"
    "  AND (t.vis>?2 OR t.deleted OR (?2<2 AND " WITHDRAWN(
        "t") "))"
             " UNION SELECT t.id FROM json_tree(?1) j JOIN record t ON t.type='provision'"
             "  AND substr(j.value, 1, length(t.id) + 1)=t.id || '-'"
             "  WHERE j.type='text' AND j.fullkey LIKE '$.charges%' AND (t.vis>?2 OR "
             "t.deleted))";

/* Whether a body's dependencies (a case's person, an event's case, an
 * affiliation's person and organization) are hidden at clearance ?2. */
static const char dep_hidden_sql[] =
    "SELECT EXISTS (SELECT 1 FROM record t WHERE t.id IN (json_extract(?1, '$.person'),"
    " json_extract(?1, '$.case'), json_extract(?1, '$.organization'))"
    " AND (t.vis>?2 OR t.deleted))";

static char *dup_col(sqlite3_stmt *st, int i)
{
	const unsigned char *s = sqlite3_column_text(st, i);
	return s ? strdup((const char *)s) : NULL;
}

/* One string result of sql bound with (text or rid, clearance). */
static int one_text(cw_db *db, const char *sql, const char *text, sqlite3_int64 rid,
                    int clearance, char **out, cw_err *e)
{
	sqlite3_stmt *st = store_prepare(db, sql, e);
	int s;

	*out = NULL;
	if (!st)
		return -1;
	if (text)
		sqlite3_bind_text(st, 1, text, -1, SQLITE_STATIC);
	else
		sqlite3_bind_int64(st, 1, rid);
	sqlite3_bind_int(st, 2, clearance);
	s = sqlite3_step(st);
	if (s == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL) {
		if (!(*out = dup_col(st, 0))) {
			sqlite3_finalize(st);
			return cw_err_set(e, CW_ENOMEM, "out of memory");
		}
	}
	sqlite3_finalize(st);
	if (s != SQLITE_ROW && s != SQLITE_DONE)
		return store_sqlerr(db, e, NULL);
	return 0;
}

static bool in_list(const char *list, const char *id)
{
	size_t n = strlen(id);
	const char *p = list;

	while (p && *p) {
		const char *end = strchr(p, '\x1f');
		size_t l = end ? (size_t)(end - p) : strlen(p);
		if (l == n && !memcmp(p, id, n))
			return true;
		p = end ? end + 1 : NULL;
	}
	return false;
}

/* The first id of list b not in list a, copied to out; false when none. */
static bool first_new(const char *a, const char *b, char *out, size_t cap)
{
	const char *p = b;

	while (p && *p) {
		const char *end = strchr(p, '\x1f');
		size_t l = end ? (size_t)(end - p) : strlen(p);
		char id[512];
		if (l < sizeof(id)) {
			memcpy(id, p, l);
			id[l] = 0;
			if (!in_list(a, id)) {
				snprintf(out, cap, "%s", id);
				return true;
			}
		}
		p = end ? end + 1 : NULL;
	}
	return false;
}

/* The id an element of a list names: the string, or its key field. */
static const char *elem_id(json_t *v, const char *key)
{
	return json_is_string(v) ? json_string_value(v) : cw_json_str(v, key);
}

static json_t *find_elem(json_t *arr, const char *key, const char *id)
{
	size_t i;
	json_t *v;

	json_array_foreach(arr, i, v)
	{
		const char *x = elem_id(v, key);
		if (x && !strcmp(x, id))
			return v;
	}
	return NULL;
}

/* Add to neu[field] the elements of old[field] that name a hidden id and
 * that neu lacks: a writer who cannot see them cannot have meant to drop
 * them. Returns whether anything was added. */
static bool carry_list(json_t *old, json_t *neu, const char *field, const char *key,
                       const char *list)
{
	json_t *oa = json_object_get(old, field), *na = json_object_get(neu, field), *v;
	bool added = false;
	size_t i;

	json_array_foreach(oa, i, v)
	{
		const char *id = elem_id(v, key);
		if (!id || !in_list(list, id) || (na && find_elem(na, key, id)))
			continue;
		if (!na) {
			na = json_array();
			json_object_set_new(neu, field, na);
		}
		json_array_append(na, v);
		added = true;
	}
	return added;
}

/* The record to write instead of obj when the writer cannot see parts of
 * the stored one (list): obj with those parts carried over; NULL when
 * nothing needs carrying (or on a stored body that does not parse). */
static json_t *carry_hidden(const char *stored, json_t *obj, const char *list)
{
	json_t *old = json_loads(stored, 0, NULL), *neu, *v, *out = NULL;
	bool added = false;
	size_t i;

	if (!old)
		return NULL;
	neu = json_deep_copy(obj);
	added |= carry_list(old, neu, "sources", "source", list);
	added |= carry_list(old, neu, "participants", "person", list);
	added |= carry_list(old, neu, "charges", "provision", list);
	/* hidden citations of a charge that is still there */
	json_array_foreach(json_object_get(neu, "charges"), i, v)
	{
		json_t *oc = find_elem(json_object_get(old, "charges"), "provision",
		                       elem_id(v, "provision"));
		if (!json_is_object(oc))
			continue;
		if (json_is_string(v)) {
			json_t *c = json_object();
			json_object_set(c, "provision", v);
			json_array_set_new(json_object_get(neu, "charges"), i, c);
			v = c;
		}
		added |= carry_list(oc, v, "sources", "source", list);
	}
	if (added)
		out = cw_json_record_order(neu);
	json_decref(neu);
	json_decref(old);
	return out;
}

struct current {
	bool exists, visible;
	sqlite3_int64 rid;
	long long revision;
	char type[32];
};

static int get_current(cw_db *db, const char *id, int clearance, struct current *c,
                       cw_err *e)
{
	sqlite3_stmt *st =
	    store_prepare(db,
	                  "SELECT r.rid, r.version, r.type, r.vis, " WITHDRAWN(
	                      "r") " FROM record r WHERE r.id=? AND"
	                           " r.deleted=0",
	                  e);
	int s;

	memset(c, 0, sizeof(*c));
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	s = sqlite3_step(st);
	if (s == SQLITE_ROW) {
		c->exists = true;
		c->rid = sqlite3_column_int64(st, 0);
		c->revision = sqlite3_column_int64(st, 1);
		snprintf(c->type, sizeof(c->type), "%s",
		         (const char *)sqlite3_column_text(st, 2));
		c->visible = sqlite3_column_int(st, 3) <= clearance &&
		             !(clearance < 2 && sqlite3_column_int(st, 4));
	}
	sqlite3_finalize(st);
	if (s != SQLITE_ROW && s != SQLITE_DONE)
		return store_sqlerr(db, e, NULL);
	return 0;
}

int store_record_write(cw_db *db, const struct store_write *w,
                       struct store_write_result *r, cw_err *e)
{
	const char *type = cw_json_str(w->obj, "type"), *id = cw_json_str(w->obj, "id");
	const char *lvl = cw_json_str(w->obj, "confidentiality");
	store_writer *wr = NULL;
	struct store_dangling *d = NULL;
	struct current cur;
	enum store_put_result res;
	char *old_hidden = NULL, *new_hidden = NULL, target[48], detail[64], bad[512];
	size_t nd = 0;
	int level = 0, rc = -1, s;
	json_t *carried = NULL;
	cw_buf cbody = CW_BUF_INIT;

	memset(r, 0, sizeof(*r));
	if (!type || !id || !w->body)
		return cw_err_set(e, CW_EINVAL, "record without type or id");
	if (lvl && cw_level_parse(lvl, &level))
		return cw_err_set(e, CW_EINVAL, "confidentiality: '%s' is not a level",
		                  lvl);
	if (level > w->clearance)
		return cw_err_set(e, CW_EPERM,
		                  "confidentiality: '%s' is above your clearance (%s)",
		                  lvl, cw_level_name(w->clearance));
	if (store_writer_open(db, &wr, e))
		return -1;
	if (store_writer_actor(wr, w->actor, w->how, e) ||
	    get_current(db, id, w->clearance, &cur, e))
		goto out;
	if (cur.exists && !cur.visible) {
		if (w->expected == STORE_REV_NEW || w->expected == STORE_REV_ANY)
			cw_err_set(e, CW_ECONFLICT, "'%s' exists already", id);
		else
			cw_err_set(e, CW_ENOTFOUND, "no record '%s'", id);
		goto out;
	}
	if (w->expected == STORE_REV_NEW && cur.exists) {
		cw_err_set(e, CW_ECONFLICT, "'%s' exists already (revision %lld)", id,
		           cur.revision);
		goto out;
	}
	if (w->expected > 0 && !cur.exists) {
		cw_err_set(e, CW_ENOTFOUND, "no record '%s'", id);
		goto out;
	}
	if (w->expected > 0 && cur.revision != w->expected) {
		cw_err_set(
		    e, CW_ECONFLICT,
		    "'%s' changed since revision %lld (it is at revision %lld now): read "
		    "it again and redo the change",
		    id, w->expected, cur.revision);
		goto out;
	}
	if (cur.exists && strcmp(cur.type, type)) {
		cw_err_set(e, CW_EINVAL, "id '%s' is already used by a %s", id, cur.type);
		goto out;
	}
	if (cur.exists && w->clearance < 2 &&
	    one_text(db, hidden_sql, NULL, cur.rid, w->clearance, &old_hidden, e))
		goto out;
	if (old_hidden) {
		char *stored = NULL, *t = NULL;
		long long rev;
		if (store_writer_get(wr, id, &t, &stored, &rev, e) < 0)
			goto out;
		free(t);
		if (stored)
			carried = carry_hidden(stored, w->obj, old_hidden);
		free(stored);
		if (carried && cw_json_write(&cbody, carried)) {
			cw_err_set(e, CW_ENOMEM, "out of memory");
			goto out;
		}
	}
	if (store_put(wr, carried ? carried : w->obj, carried ? cbody.data : w->body, 0,
	              0, &res, e))
		goto out;
	s = store_writer_check(wr, &d, &nd, e);
	if (s < 0)
		goto out;
	if (s > 0) {
		cw_err_set(e, CW_EINVAL, "%s: no record '%s'", d[0].field, d[0].target);
		goto out;
	}
	if (res == STORE_UNCHANGED) {
		r->revision = cur.revision;
		rc = 0;
		goto out; /* nothing to commit */
	}
	if (!cur.exists) {
		struct current now;
		if (get_current(db, id, w->clearance, &now, e))
			goto out;
		cur.rid = now.rid;
	}
	if (w->clearance < 2) {
		if (one_text(db, hidden_sql, NULL, cur.rid, w->clearance, &new_hidden, e))
			goto out;
		if (first_new(old_hidden, new_hidden, bad, sizeof(bad))) {
			cw_err_set(e, CW_EINVAL, "no record '%s'", bad);
			goto out;
		}
		if (get_current(db, id, w->clearance, &(struct current){0}, e))
			goto out;
	}
	r->revision = store_writer_last_revision(wr);
	r->created = res == STORE_CREATED;
	r->changed = true;
	snprintf(target, sizeof(target), "r:%lld", (long long)cur.rid);
	snprintf(detail, sizeof(detail), "{\"revision\":%lld}", r->revision);
	if (store_audit_append(db, w->actor, w->how ? w->how : "write", target, detail,
	                       e))
		goto out;
	rc = store_writer_commit(wr, e);
	wr = NULL;
	if (rc)
		memset(r, 0, sizeof(*r));
out:
	store_writer_abort(wr);
	store_dangling_free(d, nd);
	free(old_hidden);
	free(new_hidden);
	json_decref(carried);
	cw_buf_release(&cbody);
	return rc;
}

void store_rec_release(struct store_rec *r)
{
	if (!r)
		return;
	free(r->type);
	free(r->id);
	free(r->body);
	free(r->hidden);
	free(r->updated);
	free(r->actor);
	free(r->how);
	memset(r, 0, sizeof(*r));
}

/* body filtered by list, or a copy when there is nothing to leave out. */
static char *filtered(const char *body, const char *list, cw_err *e)
{
	char *out = list ? store_filter_body(body, list) : strdup(body);
	if (!out)
		cw_err_set(e, list ? CW_ECORRUPT : CW_ENOMEM,
		           list ? "stored JSON unreadable" : "out of memory");
	return out;
}

int store_record_get(cw_db *db, const char *id, int clearance, struct store_rec *r,
                     cw_err *e)
{
	sqlite3_stmt *st =
	    store_prepare(db,
	                  "SELECT r.rid, r.type, r.body, r.version, r.updated,"
	                  " r.actor, r.how, r.level, r.vis FROM record r WHERE"
	                  " r.id=?1 AND r.deleted=0 AND r.vis<=?2 AND NOT (?2<2"
	                  " AND " WITHDRAWN("r") ")",
	                  e);
	int s, rc = -1;

	memset(r, 0, sizeof(*r));
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, clearance);
	s = sqlite3_step(st);
	if (s != SQLITE_ROW) {
		if (s == SQLITE_DONE)
			cw_err_set(e, CW_ENOTFOUND, "no record '%s'", id);
		else
			store_sqlerr(db, e, NULL);
		goto out;
	}
	r->type = dup_col(st, 1);
	r->id = strdup(id);
	r->updated = dup_col(st, 4);
	r->actor = dup_col(st, 5);
	r->how = dup_col(st, 6);
	r->revision = sqlite3_column_int64(st, 3);
	r->level = sqlite3_column_int(st, 7);
	r->vis = sqlite3_column_int(st, 8);
	if (!r->type || !r->id || !r->updated) {
		cw_err_set(e, CW_ENOMEM, "out of memory");
		goto out;
	}
	if (one_text(db, hidden_sql, NULL, sqlite3_column_int64(st, 0), clearance,
	             &r->hidden, e))
		goto out;
	if (!(r->body =
	          filtered((const char *)sqlite3_column_text(st, 2), r->hidden, e))) {
		cw_err_prefix(e, "record '%s'", id);
		goto out;
	}
	rc = 0;
out:
	sqlite3_finalize(st);
	if (rc)
		store_rec_release(r);
	return rc;
}

/* Versions of a record: the revisions, then the current one. A version
 * is visible at ?2 when it was (its level and visibility then) and its
 * source's consent was not withdrawn in it (below confidential). */
static const char versions_sql[] =
    "SELECT v.version, COALESCE(v.written, (SELECT p.replaced FROM revision p WHERE"
    " p.rid=v.rid AND p.version=v.version-1)), v.actor, v.how, v.body, v.deleted, 0"
    " FROM revision v WHERE v.rid=?1 AND COALESCE(v.vis, v.level)<=?2"
    " AND NOT (?2<2 AND ?3='source' AND instr(v.body, '\"withdrawn\":')>0 AND"
    " json_extract(v.body, '$.consent.withdrawn') IS NOT NULL)"
    " UNION ALL SELECT r.version, r.updated, r.actor, r.how, r.body, r.deleted, 1"
    " FROM record r WHERE r.rid=?1"
    " ORDER BY 1";

/* Is this version (body) visible at clearance, and its body as shown. */
static int version_view(cw_db *db, const char *body, int clearance, bool *visible,
                        char **out, cw_err *e)
{
	char *list = NULL, *dep = NULL;
	int rc = -1;

	*visible = false;
	*out = NULL;
	if (clearance >= 2) {
		*visible = true;
		if (!(*out = strdup(body)))
			return cw_err_set(e, CW_ENOMEM, "out of memory");
		return 0;
	}
	if (one_text(db, dep_hidden_sql, body, 0, clearance, &dep, e))
		return -1;
	if (dep && strcmp(dep, "0")) {
		rc = 0;
		goto out;
	}
	if (one_text(db, hidden_body_sql, body, 0, clearance, &list, e))
		goto out;
	if (!(*out = filtered(body, list, e)))
		goto out;
	*visible = true;
	rc = 0;
out:
	free(dep);
	free(list);
	return rc;
}

int store_record_history(cw_db *db, const char *id, int clearance, store_version_fn fn,
                         void *arg, cw_err *e)
{
	struct store_rec cur;
	sqlite3_stmt *st = NULL;
	int rc = -1, s;
	sqlite3_int64 rid;

	if (store_record_get(db, id, clearance, &cur, e))
		return -1;
	st = store_prepare(db, "SELECT rid FROM record WHERE id=?", e);
	if (!st)
		goto out;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_ROW) {
		cw_err_set(e, CW_ENOTFOUND, "no record '%s'", id);
		goto out;
	}
	rid = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (!(st = store_prepare(db, versions_sql, e)))
		goto out;
	sqlite3_bind_int64(st, 1, rid);
	sqlite3_bind_int(st, 2, clearance);
	sqlite3_bind_text(st, 3, cur.type, -1, SQLITE_STATIC);
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		struct store_version v = {0};
		bool visible;
		char *body = NULL;
		v.revision = sqlite3_column_int64(st, 0);
		v.written = (const char *)sqlite3_column_text(st, 1);
		v.actor = (const char *)sqlite3_column_text(st, 2);
		v.how = (const char *)sqlite3_column_text(st, 3);
		v.deleted = sqlite3_column_int(st, 5);
		v.current = sqlite3_column_int(st, 6);
		if (v.current) {
			v.body = cur.body;
			visible = true;
		} else {
			if (version_view(db, (const char *)sqlite3_column_text(st, 4),
			                 clearance, &visible, &body, e))
				goto out;
			v.body = body;
		}
		if (visible && (rc = fn(arg, &v, e)) != 0) {
			free(body);
			rc = -1;
			goto out;
		}
		free(body);
	}
	if (s != SQLITE_DONE) {
		store_sqlerr(db, e, NULL);
		goto out;
	}
	rc = 0;
out:
	sqlite3_finalize(st);
	store_rec_release(&cur);
	return rc;
}

int store_record_version(cw_db *db, const char *id, long long rev, int clearance,
                         bool full, char **type, char **body, cw_err *e)
{
	struct store_rec cur;
	sqlite3_stmt *st = NULL;
	int rc = -1, s;

	*type = *body = NULL;
	if (store_record_get(db, id, clearance, &cur, e))
		return -1;
	if (rev == cur.revision && !full) {
		*type = cur.type;
		*body = cur.body;
		cur.type = cur.body = NULL;
		store_rec_release(&cur);
		return 0;
	}
	st = store_prepare(
	    db,
	    "SELECT v.body FROM (SELECT version, body, level, vis, deleted"
	    " FROM revision WHERE rid=(SELECT rid FROM record WHERE id=?1)"
	    " UNION ALL SELECT version, body, level, vis, deleted FROM record"
	    " WHERE id=?1) v WHERE v.version=?2 AND v.deleted=0"
	    " AND COALESCE(v.vis, v.level)<=?3"
	    " AND NOT (?3<2 AND ?4='source' AND instr(v.body, '\"withdrawn\":')>0"
	    " AND json_extract(v.body, '$.consent.withdrawn') IS NOT NULL)",
	    e);
	if (!st)
		goto out;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, rev);
	sqlite3_bind_int(st, 3, clearance);
	sqlite3_bind_text(st, 4, cur.type, -1, SQLITE_STATIC);
	s = sqlite3_step(st);
	if (s == SQLITE_ROW) {
		bool visible;
		const char *stored = (const char *)sqlite3_column_text(st, 0);
		if (version_view(db, stored, clearance, &visible, body, e))
			goto out;
		if (visible && full) {
			free(*body);
			if (!(*body = strdup(stored))) {
				cw_err_set(e, CW_ENOMEM, "out of memory");
				goto out;
			}
		}
		if (!visible) {
			free(*body);
			*body = NULL;
		}
	} else if (s != SQLITE_DONE) {
		store_sqlerr(db, e, NULL);
		goto out;
	}
	if (!*body) {
		cw_err_set(e, CW_ENOTFOUND, "'%s' has no revision %lld", id, rev);
		goto out;
	}
	*type = cur.type;
	cur.type = NULL;
	rc = 0;
out:
	sqlite3_finalize(st);
	store_rec_release(&cur);
	if (rc) {
		free(*body);
		*body = NULL;
	}
	return rc;
}

int store_record_each_of(cw_db *db, const char *type, int clearance, store_rec_fn fn,
                         void *arg, cw_err *e)
{
	sqlite3_stmt *st =
	    store_prepare(db,
	                  "SELECT r.rid, r.id, r.body FROM record r WHERE"
	                  " r.type=?1 AND r.deleted=0 AND r.vis<=?2 AND NOT"
	                  " (?2<2 AND " WITHDRAWN("r") ") ORDER BY r.id",
	                  e);
	int rc = 0, s;

	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, type, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, clearance);
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		const char *id = (const char *)sqlite3_column_text(st, 1);
		char *list = NULL, *body;
		if (clearance < 2 &&
		    one_text(db, hidden_sql, NULL, sqlite3_column_int64(st, 0), clearance,
		             &list, e)) {
			rc = -1;
			break;
		}
		body = filtered((const char *)sqlite3_column_text(st, 2), list, e);
		free(list);
		if (!body) {
			cw_err_prefix(e, "record '%s'", id);
			rc = -1;
			break;
		}
		rc = fn(arg, id, body, e);
		free(body);
		if (rc)
			break;
	}
	if (!rc && s != SQLITE_DONE && s != SQLITE_ROW)
		rc = store_sqlerr(db, e, NULL);
	sqlite3_finalize(st);
	return rc;
}
