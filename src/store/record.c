/* store/record.c: the record writer and readers. See record.h. */
#include "store/record.h"

#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "base/grow.h"
#include "base/jsonout.h"
#include "store/internal.h"

static const char *const level_names[] = { "public", "internal", "confidential" };

int cw_level_parse(const char *s, int *level)
{
	for (int i = 0; i < 3; i++)
		if (!strcmp(s, level_names[i])) {
			*level = i;
			return 0;
		}
	return -1;
}

const char *cw_level_name(int level)
{
	return level >= 0 && level < 3 ? level_names[level] : "confidential";
}

enum {
	S_GET,
	S_MARK,
	S_INS,
	S_UPD,
	S_REV,
	S_DEL_NAME,
	S_DEL_PERSON,
	S_DEL_KASE,
	S_DEL_CHARGE,
	S_DEL_EVENT,
	S_DEL_CITE,
	S_DEL_REF,
	S_DEL_NAME_KEY,
	S_NAME,
	S_PERSON,
	S_KASE,
	S_CHARGE,
	S_EVENT,
	S_CITE,
	S_REF,
	S_EXISTS,
	S_PENDING,
	S_SETVIS,
	S_DIRTY,
	S_DIRTY_DEPS,
	S_DOC,
	S_COUNT
};

static const char *const sql[S_COUNT] = {
	[S_GET] = "SELECT rid, type, body, level, vis, version, deleted, batch, batch_at"
	          " FROM record WHERE id=?",
	[S_MARK] = "UPDATE record SET batch=?, batch_at=? WHERE rid=?",
	[S_INS] = "INSERT INTO record(type, id, level, vis, body, updated, batch, batch_at,"
	          " actor, how) VALUES (?,?,?,?,?,?,?,?,?,?) ON CONFLICT(id) DO NOTHING",
	[S_UPD] = "UPDATE record SET level=?, vis=?, body=?, updated=?, version=version+1,"
	          " deleted=0, batch=?, batch_at=?, actor=COALESCE(?, actor), how=COALESCE(?, how) WHERE rid=?",
	[S_REV] = "INSERT INTO revision(rid, version, level, deleted, body, replaced, actor, how,"
	          " written, vis) SELECT rid, version, level, deleted, body, ?, actor, how,"
	          " updated, vis FROM record WHERE rid=?",
	[S_DEL_NAME] = "DELETE FROM name WHERE rid=?",
	[S_DEL_PERSON] = "DELETE FROM person WHERE rid=?",
	[S_DEL_KASE] = "DELETE FROM kase WHERE rid=?",
	[S_DEL_CHARGE] = "DELETE FROM charge WHERE case_rid=?",
	[S_DEL_EVENT] = "DELETE FROM event WHERE rid=?",
	[S_DEL_CITE] = "DELETE FROM cite WHERE rid=?",
	[S_DEL_REF] = "DELETE FROM ref WHERE rid=?",
	[S_DEL_NAME_KEY] = "DELETE FROM name_key WHERE rid=?",
	[S_NAME] = "INSERT INTO name(rid, ord, name, lang, kind) VALUES (?,?,?,?,?)",
	[S_PERSON] = "INSERT INTO person(rid, sex, born, died, region, merged_into)"
	             " VALUES (?,?,?,?,?,?)",
	[S_KASE] = "INSERT INTO kase(rid, person, number, region) VALUES (?,?,?,?)",
	[S_CHARGE] = "INSERT OR IGNORE INTO charge(case_rid, provision) VALUES (?,?)",
	[S_EVENT] = "INSERT INTO event(rid, case_id, kind, date, first_day, last_day, end_date)"
	            " VALUES (?,?,?,?,?,?,?)",
	[S_CITE] = "INSERT INTO cite(rid, ord, what, source, locator, excerpt)"
	           " VALUES (?,?,?,?,?,?)",
	[S_REF] = "INSERT OR IGNORE INTO ref(rid, field, target, dep) VALUES (?,?,?,?)",
	[S_EXISTS] = "SELECT type, vis FROM record WHERE id=? AND deleted=0",
	[S_PENDING] = "INSERT INTO import_pending(rid, field, target, file, line)"
	              " VALUES (?,?,?,?,?)",
	[S_SETVIS] = "UPDATE record SET vis=? WHERE rid=?",
	[S_DIRTY] = "INSERT OR IGNORE INTO import_visdirty(rid) VALUES (?)",
	[S_DIRTY_DEPS] = "INSERT OR IGNORE INTO import_visdirty(rid)"
	                 " SELECT rid FROM ref WHERE target=?1 AND dep=1"
	                 " UNION SELECT rid FROM kase WHERE person=?1"
	                 " UNION SELECT rid FROM event WHERE case_id=?1",
	[S_DOC] = "INSERT OR IGNORE INTO document(sha256, size, media_type, content, text,"
	          " added) VALUES (?,?,?,?,?,?)",
};

/* A small direct-mapped cache of id -> (type, visibility) for reference
 * checks: imports cite the same few sources and cases over and over.
 * Entries are dropped when their record is written. Fixed size, so memory
 * does not grow with the import. */
#define LOOKUP_CACHE 4096
#define LOOKUP_ID_MAX 64
struct lookup_entry {
	char id[LOOKUP_ID_MAX];
	char type[32];
	int vis;
};

struct store_writer {
	cw_db *db;
	sqlite3_stmt *st[S_COUNT];
	char now[32];
	char exists_type[32];
	sqlite3_int64 batch; /* random id of this writer, marks records it saw */
	struct lookup_entry *cache;
	char *actor, *how; /* who writes, with which command (revisions) */
	store_update_fn on_update;
	void *on_update_arg;
	/* what on_update put in place of the caller's record, freed here */
	json_t *repl_obj;
	char *repl_body;
	long long last_rev; /* revision store_put left the record at */
};

/* Copy a NUL-terminated string into a fixed buffer, truncating. */
static void copy_str(char *dst, size_t cap, const char *src)
{
	size_t n = strlen(src);
	if (n >= cap)
		n = cap - 1;
	memcpy(dst, src, n);
	dst[n] = 0;
}

static unsigned cache_slot(const char *id)
{
	uint32_t h = 2166136261u;
	for (; *id; id++)
		h = (h ^ (unsigned char)*id) * 16777619u;
	return h & (LOOKUP_CACHE - 1);
}

static void cache_drop(store_writer *w, const char *id)
{
	struct lookup_entry *c = &w->cache[cache_slot(id)];
	if (!strcmp(c->id, id))
		c->id[0] = 0;
}

cw_db *store_writer_db(store_writer *w)
{
	return w->db;
}

static void writer_free(store_writer *w)
{
	for (int i = 0; i < S_COUNT; i++)
		sqlite3_finalize(w->st[i]);
	free(w->cache);
	free(w->actor);
	free(w->how);
	json_decref(w->repl_obj);
	free(w->repl_body);
	free(w);
}

int store_writer_actor(store_writer *w, const char *actor, const char *how, cw_err *e)
{
	char *a = actor ? strdup(actor) : NULL, *h = how ? strdup(how) : NULL;

	if ((actor && !a) || (how && !h)) {
		free(a);
		free(h);
		return cw_err_set(e, CW_ENOMEM, "out of memory");
	}
	free(w->actor);
	free(w->how);
	w->actor = a;
	w->how = h;
	return 0;
}

void store_writer_on_update(store_writer *w, store_update_fn fn, void *arg)
{
	w->on_update = fn;
	w->on_update_arg = arg;
}

long long store_writer_last_revision(const store_writer *w)
{
	return w->last_rev;
}

int store_writer_get(store_writer *w, const char *id, char **type, char **body,
                     long long *revision, cw_err *e)
{
	sqlite3_stmt *st = w->st[S_GET];
	int rc = 0;

	*body = NULL;
	if (type)
		*type = NULL;
	*revision = 0;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW && !sqlite3_column_int(st, 6)) {
		*body = strdup((const char *)sqlite3_column_text(st, 2));
		if (type)
			*type = strdup((const char *)sqlite3_column_text(st, 1));
		*revision = sqlite3_column_int64(st, 5);
		if (!*body || (type && !*type)) {
			free(*body);
			*body = NULL;
			if (type) {
				free(*type);
				*type = NULL;
			}
			rc = cw_err_set(e, CW_ENOMEM, "out of memory");
		} else {
			rc = 1;
		}
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return rc;
}

int store_writer_open(cw_db *db, store_writer **out, cw_err *e)
{
	store_writer *w = calloc(1, sizeof(*w));

	*out = NULL;
	if (!w)
		return cw_err_set(e, CW_ENOMEM, "out of memory");
	w->db = db;
	store_now(w->now);
	w->cache = calloc(LOOKUP_CACHE, sizeof(*w->cache));
	if (!w->cache) {
		cw_err_set(e, CW_ENOMEM, "out of memory");
		goto fail;
	}
	randombytes_buf(&w->batch, sizeof(w->batch));
	w->batch &= 0x3fffffffffffffffLL;
	for (int i = 0; i < S_COUNT; i++)
		if (!(w->st[i] = store_prepare(db, sql[i], e)))
			goto fail;
	if (store_begin(db, e))
		goto fail;
	if (store_exec(db, "DELETE FROM import_pending; DELETE FROM import_visdirty;", e)) {
		store_rollback(db);
		goto fail;
	}
	*out = w;
	return 0;
fail:
	writer_free(w);
	return -1;
}

/* Every statement here is bound, stepped and reset at once (run()), so
 * bound strings can be SQLITE_STATIC: they outlive the step. */
static void bind_str(sqlite3_stmt *st, int i, const char *s)
{
	if (s)
		sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, i);
}

/* Run a prepared statement that returns no rows, then reset it. */
static int run(store_writer *w, int which, cw_err *e)
{
	sqlite3_stmt *st = w->st[which];
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (rc != SQLITE_DONE)
		return store_sqlerr(w->db, e, NULL);
	return 0;
}

static int del_projections(store_writer *w, sqlite3_int64 rid, cw_err *e)
{
	for (int s = S_DEL_NAME; s <= S_DEL_NAME_KEY; s++) {
		sqlite3_bind_int64(w->st[s], 1, rid);
		if (run(w, s, e))
			return -1;
	}
	return 0;
}

/* Look up a live id: its type and visibility. Provision parts resolve to
 * their provision: "KZ-CC-405-2" -> "KZ-CC-405" when only that exists. */
static bool lookup(store_writer *w, const char *id, bool part_ok, char *resolved,
                   size_t rcap, int *vis)
{
	sqlite3_stmt *st = w->st[S_EXISTS];
	struct lookup_entry *c = &w->cache[cache_slot(id)];
	bool found = false;

	if (c->id[0] && !strcmp(c->id, id)) {
		copy_str(w->exists_type, sizeof(w->exists_type), c->type);
		if (vis)
			*vis = c->vis;
		if (resolved)
			copy_str(resolved, rcap, id);
		return true;
	}
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW) {
		found = true;
		copy_str(w->exists_type, sizeof(w->exists_type),
		         (const char *)sqlite3_column_text(st, 0));
		if (vis)
			*vis = sqlite3_column_int(st, 1);
		if (resolved)
			copy_str(resolved, rcap, id);
		if (strlen(id) < LOOKUP_ID_MAX) {
			copy_str(c->id, sizeof(c->id), id);
			copy_str(c->type, sizeof(c->type), w->exists_type);
			c->vis = sqlite3_column_int(st, 1);
		}
	}
	sqlite3_reset(st);
	if (!found && part_ok) {
		const char *dash = strrchr(id, '-');
		char parent[512];
		if (dash && dash > id && dash[1] && (size_t)(dash - id) < sizeof(parent)) {
			memcpy(parent, id, (size_t)(dash - id));
			parent[dash - id] = 0;
			if (lookup(w, parent, false, resolved, rcap, vis) &&
			    !strcmp(w->exists_type, "provision"))
				return true;
			return false;
		}
	}
	return found;
}

struct put_ctx {
	store_writer *w;
	sqlite3_int64 rid;
	int file;
	long line;
	int vis;
	bool vis_pending;
	cw_err *e;
	int ncite;
};

/* Check that target exists (or note it as pending, to check at the end);
 * with row, also record the reference in ref. */
static int add_ref_row(struct put_ctx *c, const char *field, const char *target, int dep,
                       bool row)
{
	store_writer *w = c->w;
	char resolved[512];
	int tvis = 0;
	bool part_ok = !strcmp(field, "charges");

	if (lookup(w, target, part_ok, resolved, sizeof(resolved), &tvis)) {
		if (dep && tvis > c->vis)
			c->vis = tvis;
		target = resolved;
	} else {
		sqlite3_stmt *p = w->st[S_PENDING];
		sqlite3_bind_int64(p, 1, c->rid);
		sqlite3_bind_text(p, 2, field, -1, SQLITE_STATIC);
		sqlite3_bind_text(p, 3, target, -1, SQLITE_STATIC);
		sqlite3_bind_int(p, 4, c->file);
		sqlite3_bind_int64(p, 5, c->line);
		if (run(w, S_PENDING, c->e))
			return -1;
		if (dep)
			c->vis_pending = true;
	}
	if (!row)
		return 0;
	sqlite3_bind_int64(w->st[S_REF], 1, c->rid);
	sqlite3_bind_text(w->st[S_REF], 2, field, -1, SQLITE_STATIC);
	sqlite3_bind_text(w->st[S_REF], 3, target, -1, SQLITE_STATIC);
	sqlite3_bind_int(w->st[S_REF], 4, dep);
	return run(w, S_REF, c->e);
}

static int add_ref(struct put_ctx *c, const char *field, const char *target, int dep)
{
	return add_ref_row(c, field, target, dep, true);
}

/* "sources": ["s-1", {"source": "s-2", "locator": "p. 3", "excerpt": "…"}] */
static int add_cites(struct put_ctx *c, json_t *sources, const char *what)
{
	store_writer *w = c->w;
	size_t i;
	json_t *v;

	json_array_foreach(sources, i, v)
	{
		const char *src = json_is_string(v) ? json_string_value(v) : cw_json_str(v, "source");
		if (!src)
			continue;
		sqlite3_stmt *st = w->st[S_CITE];
		sqlite3_bind_int64(st, 1, c->rid);
		sqlite3_bind_int(st, 2, c->ncite++);
		sqlite3_bind_text(st, 3, what, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, src, -1, SQLITE_STATIC);
		bind_str(st, 5, json_is_object(v) ? cw_json_str(v, "locator") : NULL);
		bind_str(st, 6, json_is_object(v) ? cw_json_str(v, "excerpt") : NULL);
		if (run(w, S_CITE, c->e) || add_ref_row(c, "sources", src, 0, false))
			return -1;
	}
	return 0;
}

static int project_person(struct put_ctx *c, json_t *obj)
{
	store_writer *w = c->w;
	json_t *names = json_object_get(obj, "names"), *v;
	size_t i;

	json_array_foreach(names, i, v)
	{
		sqlite3_stmt *st = w->st[S_NAME];
		sqlite3_bind_int64(st, 1, c->rid);
		sqlite3_bind_int(st, 2, (int)i);
		bind_str(st, 3, json_is_string(v) ? json_string_value(v) : cw_json_str(v, "name"));
		bind_str(st, 4, json_is_object(v) ? cw_json_str(v, "lang") : NULL);
		bind_str(st, 5, json_is_object(v) ? cw_json_str(v, "kind") : NULL);
		if (run(w, S_NAME, c->e))
			return -1;
	}
	if (!strcmp(cw_json_str(obj, "type"), "person")) {
		sqlite3_stmt *st = w->st[S_PERSON];
		sqlite3_bind_int64(st, 1, c->rid);
		bind_str(st, 2, cw_json_str(obj, "sex"));
		bind_str(st, 3, cw_json_str(obj, "born"));
		bind_str(st, 4, cw_json_str(obj, "died"));
		bind_str(st, 5, cw_json_str(obj, "region"));
		bind_str(st, 6, cw_json_str(obj, "merged_into"));
		if (run(w, S_PERSON, c->e))
			return -1;
		if (cw_json_str(obj, "merged_into") && add_ref(c, "merged_into", cw_json_str(obj, "merged_into"), 0))
			return -1;
	}
	return 0;
}

static int project_case(struct put_ctx *c, json_t *obj)
{
	store_writer *w = c->w;
	sqlite3_stmt *st = w->st[S_KASE];
	json_t *v;
	size_t i;

	sqlite3_bind_int64(st, 1, c->rid);
	bind_str(st, 2, cw_json_str(obj, "person"));
	bind_str(st, 3, cw_json_str(obj, "number"));
	bind_str(st, 4, cw_json_str(obj, "region"));
	/* the dependency lives in kase.person: no ref row */
	if (run(w, S_KASE, c->e) || add_ref_row(c, "person", cw_json_str(obj, "person"), 1, false))
		return -1;
	json_array_foreach(json_object_get(obj, "charges"), i, v)
	{
		const char *prov = json_is_string(v) ? json_string_value(v) : cw_json_str(v, "provision");
		char what[600];
		if (!prov)
			continue;
		sqlite3_bind_int64(w->st[S_CHARGE], 1, c->rid);
		sqlite3_bind_text(w->st[S_CHARGE], 2, prov, -1, SQLITE_STATIC);
		if (run(w, S_CHARGE, c->e) || add_ref(c, "charges", prov, 0))
			return -1;
		snprintf(what, sizeof(what), "charge:%s", prov);
		if (json_is_object(v) && add_cites(c, json_object_get(v, "sources"), what))
			return -1;
	}
	json_array_foreach(json_object_get(obj, "participants"), i, v)
	{
		const char *p = cw_json_str(v, "person");
		if (p && add_ref(c, "participants", p, 0))
			return -1;
	}
	return 0;
}

static int project_event(struct put_ctx *c, json_t *obj)
{
	store_writer *w = c->w;
	sqlite3_stmt *st = w->st[S_EVENT];
	const char *date = cw_json_str(obj, "date");
	cw_date d;

	sqlite3_bind_int64(st, 1, c->rid);
	bind_str(st, 2, cw_json_str(obj, "case"));
	bind_str(st, 3, cw_json_str(obj, "kind"));
	bind_str(st, 4, date);
	if (date && cw_date_parse(date, strlen(date), &d, NULL) == 0) {
		sqlite3_bind_int64(st, 5, cw_date_first_day(&d));
		sqlite3_bind_int64(st, 6, cw_date_last_day(&d));
	}
	bind_str(st, 7, cw_json_str(obj, "end"));
	if (run(w, S_EVENT, c->e))
		return -1;
	/* the dependency lives in event.case_id: no ref row */
	return add_ref_row(c, "case", cw_json_str(obj, "case"), 1, false);
}

static int project(struct put_ctx *c, const char *type, json_t *obj)
{
	if (!strcmp(type, "person") || !strcmp(type, "organization")) {
		if (project_person(c, obj))
			return -1;
	} else if (!strcmp(type, "case")) {
		if (project_case(c, obj))
			return -1;
	} else if (!strcmp(type, "event")) {
		if (project_event(c, obj))
			return -1;
	} else if (!strcmp(type, "affiliation")) {
		if (add_ref(c, "person", cw_json_str(obj, "person"), 1) ||
		    add_ref(c, "organization", cw_json_str(obj, "organization"), 1))
			return -1;
	}
	return add_cites(c, json_object_get(obj, "sources"), "");
}

int store_put(store_writer *w, json_t *obj, const char *body, int file, long line,
              enum store_put_result *res, cw_err *e)
{
	const char *type = cw_json_str(obj, "type"), *id = cw_json_str(obj, "id");
	const char *lvl = cw_json_str(obj, "confidentiality");
	sqlite3_stmt *st;
	struct put_ctx c = { w, 0, file, line, 0, false, e, 0 };
	int level = 0, old_vis = -1;
	bool exists = false;

	if (!type || !id)
		return cw_err_set(e, CW_EINVAL, "record without type or id");
	if (lvl && cw_level_parse(lvl, &level))
		return cw_err_set(e, CW_EINVAL, "confidentiality: '%s' is not a level", lvl);
	c.vis = level;

	cache_drop(w, id);
	/* Most records of an import are new: insert first, look up on conflict. */
	st = w->st[S_INS];
	sqlite3_bind_text(st, 1, type, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, id, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 3, level);
	sqlite3_bind_int(st, 4, level);
	sqlite3_bind_text(st, 5, body, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, w->now, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 7, w->batch);
	sqlite3_bind_int64(st, 8, ((sqlite3_int64)file << 32) | line);
	bind_str(st, 9, w->actor);
	bind_str(st, 10, w->how);
	if (run(w, S_INS, e))
		return -1;
	if (sqlite3_changes(w->db->h) == 1) {
		c.rid = sqlite3_last_insert_rowid(w->db->h);
		*res = STORE_CREATED;
		w->last_rev = 1;
		goto project;
	}
	st = w->st[S_GET];
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW) {
		const char *otype = (const char *)sqlite3_column_text(st, 1);
		bool same;
		if (w->on_update && !sqlite3_column_int(st, 6) && !strcmp(otype, type)) {
			json_t *nobj = NULL;
			char *nbody = NULL;
			if (w->on_update(w->on_update_arg, (const char *)sqlite3_column_text(st, 2),
			                 obj, body, &nobj, &nbody, e)) {
				sqlite3_reset(st);
				return -1;
			}
			if (nobj) {
				json_decref(w->repl_obj);
				free(w->repl_body);
				w->repl_obj = obj = nobj;
				w->repl_body = nbody;
				body = nbody;
				lvl = cw_json_str(obj, "confidentiality");
				if (lvl && cw_level_parse(lvl, &level)) {
					sqlite3_reset(st);
					return cw_err_set(e, CW_EINVAL,
					                  "confidentiality: '%s' is not a level", lvl);
				}
				c.vis = level;
			}
		}
		same = !sqlite3_column_int(st, 6) &&
		       !strcmp((const char *)sqlite3_column_text(st, 2), body);
		exists = true;
		c.rid = sqlite3_column_int64(st, 0);
		old_vis = sqlite3_column_int(st, 4);
		w->last_rev = sqlite3_column_int64(st, 5) + (same ? 0 : 1);
		if (sqlite3_column_type(st, 7) != SQLITE_NULL &&
		    sqlite3_column_int64(st, 7) == w->batch) {
			/* The same id twice in one import: fine if identical. */
			long first = (long)(sqlite3_column_int64(st, 8) & 0xffffffff);
			sqlite3_reset(st);
			if (!same)
				return cw_err_set(e, CW_EINVAL,
				                  "id '%s' given twice with different content (first "
				                  "at line %ld)",
				                  id, first);
			*res = STORE_UNCHANGED;
			return 0;
		}
		if (strcmp(otype, type)) {
			cw_err_set(e, CW_EINVAL, "id '%s' is already used by a %s", id, otype);
			sqlite3_reset(st);
			return -1;
		}
		sqlite3_reset(st);
		if (same) {
			sqlite3_bind_int64(w->st[S_MARK], 1, w->batch);
			sqlite3_bind_int64(w->st[S_MARK], 2, ((sqlite3_int64)file << 32) | line);
			sqlite3_bind_int64(w->st[S_MARK], 3, c.rid);
			if (run(w, S_MARK, e))
				return -1;
			*res = STORE_UNCHANGED;
			return 0;
		}
	} else {
		sqlite3_reset(st);
	}

	if (exists) {
		sqlite3_bind_text(w->st[S_REV], 1, w->now, -1, SQLITE_STATIC);
		sqlite3_bind_int64(w->st[S_REV], 2, c.rid);
		if (run(w, S_REV, e) || del_projections(w, c.rid, e))
			return -1;
		st = w->st[S_UPD];
		sqlite3_bind_int(st, 1, level);
		sqlite3_bind_int(st, 2, level);
		sqlite3_bind_text(st, 3, body, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, w->now, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 5, w->batch);
		sqlite3_bind_int64(st, 6, ((sqlite3_int64)file << 32) | line);
		bind_str(st, 7, w->actor);
		bind_str(st, 8, w->how);
		sqlite3_bind_int64(st, 9, c.rid);
		if (run(w, S_UPD, e))
			return -1;
		*res = STORE_UPDATED;
	} else {
		/* a deleted row was there and the insert conflicted: cannot happen
		 * (tombstones keep their row and take the update path) */
		return cw_err_set(e, CW_EDB, "record '%s': inconsistent store", id);
	}
project:
	if (project(&c, type, obj) || store_fts_index(w, c.rid, obj, e))
		return -1;
	if (store_name_keys_index(w, c.rid, obj, e)) /* people.c */
		return -1;
	if (c.vis != level || c.vis_pending) {
		/* Write the dependent visibility now, or fix it at check. */
		sqlite3_bind_int(w->st[S_SETVIS], 1, c.vis);
		sqlite3_bind_int64(w->st[S_SETVIS], 2, c.rid);
		if (run(w, S_SETVIS, e))
			return -1;
		if (c.vis_pending) {
			sqlite3_bind_int64(w->st[S_DIRTY], 1, c.rid);
			if (run(w, S_DIRTY, e))
				return -1;
		}
	}
	if (exists && old_vis != c.vis) {
		sqlite3_bind_text(w->st[S_DIRTY_DEPS], 1, id, -1, SQLITE_STATIC);
		if (run(w, S_DIRTY_DEPS, e))
			return -1;
	}
	return 0;
}

int store_put_document(store_writer *w, const char *sha256, const void *data,
                       size_t len, const char *media_type, const char *text,
                       bool *created, cw_err *e)
{
	sqlite3_stmt *st = w->st[S_DOC];

	sqlite3_bind_text(st, 1, sha256, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)len);
	bind_str(st, 3, media_type);
	sqlite3_bind_blob64(st, 4, data, len, SQLITE_STATIC);
	bind_str(st, 5, text);
	sqlite3_bind_text(st, 6, w->now, -1, SQLITE_STATIC);
	if (run(w, S_DOC, e))
		return -1;
	if (created)
		*created = sqlite3_changes(w->db->h) > 0;
	return 0;
}

void store_dangling_free(struct store_dangling *d, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(d[i].id);
		free(d[i].field);
		free(d[i].target);
	}
	free(d);
}

/* Recompute visibility of dirty records and, transitively, of what depends
 * on them; dependency chains are typed, so updating in type order
 * (cases before events and affiliations) settles every chain. */
static int fix_visibility(store_writer *w, cw_err *e)
{
	/* Dependencies: a case's person (kase.person), an event's case
	 * (event.case_id), an affiliation's person and organization (ref). */
	static const char *const closure =
		"INSERT OR IGNORE INTO import_visdirty(rid)"
		" SELECT f.rid FROM ref f JOIN record t ON t.id=f.target WHERE f.dep=1"
		" AND t.rid IN (SELECT rid FROM import_visdirty)"
		" UNION SELECT k.rid FROM kase k JOIN record t ON t.id=k.person"
		" WHERE t.rid IN (SELECT rid FROM import_visdirty)"
		" UNION SELECT v.rid FROM event v JOIN record t ON t.id=v.case_id"
		" WHERE t.rid IN (SELECT rid FROM import_visdirty)";
	static const char *const upd =
		"UPDATE record SET vis=MAX(level,"
		" COALESCE((SELECT MAX(t.vis) FROM ref f JOIN record t ON t.id=f.target"
		"   WHERE f.rid=record.rid AND f.dep=1), 0),"
		" COALESCE((SELECT t.vis FROM kase k JOIN record t ON t.id=k.person"
		"   WHERE k.rid=record.rid), 0),"
		" COALESCE((SELECT t.vis FROM event v JOIN record t ON t.id=v.case_id"
		"   WHERE v.rid=record.rid), 0))"
		" WHERE rid IN (SELECT rid FROM import_visdirty) AND type=?";
	static const char *const order[] = { "person", "organization", "case", "event",
		                             "affiliation" };
	sqlite3_stmt *st = NULL;
	int rc = -1;

	do {
		if (store_exec(w->db, closure, e))
			return -1;
	} while (sqlite3_changes(w->db->h) > 0);
	if (!(st = store_prepare(w->db, upd, e)))
		return -1;
	for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
		sqlite3_bind_text(st, 1, order[i], -1, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_DONE) {
			store_sqlerr(w->db, e, NULL);
			goto out;
		}
		sqlite3_reset(st);
	}
	rc = store_exec(w->db, "DELETE FROM import_visdirty", e);
out:
	sqlite3_finalize(st);
	return rc;
}

int store_writer_check(store_writer *w, struct store_dangling **dangling, size_t *n,
                       cw_err *e)
{
	sqlite3_stmt *st = NULL, *fix = NULL;
	struct store_dangling *d = NULL;
	size_t nd = 0, cap = 0;
	int rc = -1;

	*dangling = NULL;
	*n = 0;
	st = store_prepare(w->db,
	                   "SELECT p.rid, p.field, p.target, p.file, p.line, r.id FROM"
	                   " import_pending p JOIN record r ON r.rid=p.rid ORDER BY p.file,"
	                   " p.line, p.rowid",
	                   e);
	fix = store_prepare(w->db, "UPDATE ref SET target=?1 WHERE rid=?2 AND target=?3", e);
	if (!st || !fix)
		goto out;
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *field = (const char *)sqlite3_column_text(st, 1);
		const char *target = (const char *)sqlite3_column_text(st, 2);
		char resolved[512];
		if (lookup(w, target, !strcmp(field, "charges"), resolved, sizeof(resolved),
		           NULL)) {
			if (strcmp(resolved, target)) {
				sqlite3_bind_text(fix, 1, resolved, -1, SQLITE_STATIC);
				sqlite3_bind_int64(fix, 2, sqlite3_column_int64(st, 0));
				sqlite3_bind_text(fix, 3, target, -1, SQLITE_STATIC);
				sqlite3_step(fix);
				sqlite3_reset(fix);
			}
			continue;
		}
		if (cw_grow(&d, &cap, nd + 1, sizeof(*d), 16)) {
			cw_err_set(e, CW_ENOMEM, "out of memory");
			goto out;
		}
		d[nd].id = strdup((const char *)sqlite3_column_text(st, 5));
		d[nd].field = strdup(field);
		d[nd].target = strdup(target);
		d[nd].file = sqlite3_column_int(st, 3);
		d[nd].line = (long)sqlite3_column_int64(st, 4);
		nd++;
	}
	if (nd) {
		*dangling = d;
		*n = nd;
		d = NULL;
		nd = 0;
		rc = 1;
		goto out;
	}
	if (fix_visibility(w, e) ||
	    store_exec(w->db, "DELETE FROM import_pending; DELETE FROM import_visdirty;", e))
		goto out;
	rc = 0;
out:
	sqlite3_finalize(st);
	sqlite3_finalize(fix);
	store_dangling_free(d, nd);
	return rc;
}

int store_writer_commit(store_writer *w, cw_err *e)
{
	int rc = store_commit(w->db, e);
	writer_free(w);
	return rc;
}

void store_writer_abort(store_writer *w)
{
	if (!w)
		return;
	store_rollback(w->db);
	writer_free(w);
}
