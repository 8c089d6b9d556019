/* store/purge.c: destroy a record and every trace of it. See purge.h.
 *
 * The purge works out three sets first, inside the write transaction:
 * the records to purge (the target and, with cascade, what depends on it,
 * by `ref` rows with dep=1), the records that stay but refer to a purged
 * one (`ref` rows with dep=0 and `cite` rows), and the documents only
 * purged sources use. Records that stay are rewritten through the record
 * writer, so their projections are rebuilt by the one code that builds
 * them; the revision the writer keeps of the old body is then dropped,
 * because that body still names what was purged. */
#include "store/purge.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/grow.h"
#include "base/jsonout.h"
#include "store/audit.h"
#include "store/internal.h"
#include "store/record.h"

static const char *const type_names[STORE_PURGE_NTYPES] = {
	"provision", "organization", "source", "person", "affiliation", "case", "event",
};
static const char *const type_plurals[STORE_PURGE_NTYPES] = {
	"provisions", "organizations", "sources", "people", "affiliations", "cases", "events",
};

const char *store_purge_type(int i)
{
	return i >= 0 && i < STORE_PURGE_NTYPES ? type_names[i] : "record";
}

static int type_index(const char *type)
{
	for (int i = 0; i < STORE_PURGE_NTYPES; i++)
		if (!strcmp(type_names[i], type))
			return i;
	return -1;
}

struct item {
	sqlite3_int64 rid;
	char *id;
	char type[32];
	bool deleted;
};

struct set {
	struct item *v;
	size_t n, cap;
};

struct purge {
	cw_db *db;
	cw_err *e;
	struct set gone; /* to purge */
	struct set stay; /* to rewrite */
	char **shas;     /* documents to delete */
	size_t nshas, capshas;
	sqlite3_stmt *exists; /* SELECT 1 FROM record WHERE id=? */
};

static void set_release(struct set *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i].id);
	free(s->v);
	memset(s, 0, sizeof(*s));
}

static bool set_has_rid(const struct set *s, sqlite3_int64 rid)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->v[i].rid == rid)
			return true;
	return false;
}

static const struct item *set_find_id(const struct set *s, const char *id)
{
	for (size_t i = 0; i < s->n; i++)
		if (!strcmp(s->v[i].id, id))
			return &s->v[i];
	return NULL;
}

/* Add a row (rid, type, id, deleted) of st unless present. */
static int set_add(struct set *s, sqlite3_stmt *st, cw_err *e)
{
	struct item *it;
	sqlite3_int64 rid = sqlite3_column_int64(st, 0);

	if (set_has_rid(s, rid))
		return 0;
	if (cw_grow(&s->v, &s->cap, s->n + 1, sizeof(*s->v), 16))
		return cw_err_set(e, CW_ENOMEM, "out of memory");
	it = &s->v[s->n];
	it->rid = rid;
	snprintf(it->type, sizeof(it->type), "%s", (const char *)sqlite3_column_text(st, 1));
	it->deleted = sqlite3_column_int(st, 3) != 0;
	if (!(it->id = strdup((const char *)sqlite3_column_text(st, 2))))
		return cw_err_set(e, CW_ENOMEM, "out of memory");
	s->n++;
	return 0;
}

static void purge_release(struct purge *pu)
{
	set_release(&pu->gone);
	set_release(&pu->stay);
	for (size_t i = 0; i < pu->nshas; i++)
		free(pu->shas[i]);
	free(pu->shas);
	sqlite3_finalize(pu->exists);
}

/* Run a query with one text parameter and add each row (rid, type, id,
 * deleted) to s, skipping rows in `skip`. */
static int add_rows(struct purge *pu, sqlite3_stmt *st, const char *param, struct set *s,
                    const struct set *skip)
{
	int rc = 0, step;

	sqlite3_bind_text(st, 1, param, -1, SQLITE_STATIC);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		if (skip && set_has_rid(skip, sqlite3_column_int64(st, 0)))
			continue;
		if ((rc = set_add(s, st, pu->e)))
			break;
	}
	if (!rc && step != SQLITE_DONE)
		rc = store_sqlerr(pu->db, pu->e, NULL);
	sqlite3_reset(st);
	return rc;
}

static int add_sha(struct purge *pu, const char *sha)
{
	for (size_t i = 0; i < pu->nshas; i++)
		if (!strcmp(pu->shas[i], sha))
			return 0;
	if (cw_grow(&pu->shas, &pu->capshas, pu->nshas + 1, sizeof(*pu->shas), 8))
		return cw_err_set(pu->e, CW_ENOMEM, "out of memory");
	if (!(pu->shas[pu->nshas] = strdup(sha)))
		return cw_err_set(pu->e, CW_ENOMEM, "out of memory");
	pu->nshas++;
	return 0;
}

/* Documents of the purged sources (current and earlier versions) that no
 * source staying uses. */
static int collect_documents(struct purge *pu)
{
	sqlite3_stmt *mine = store_prepare(pu->db,
	                                   "SELECT json_extract(body, '$.sha256') FROM record"
	                                   " WHERE rid=?1 UNION SELECT json_extract(body,"
	                                   " '$.sha256') FROM revision WHERE rid=?1",
	                                   pu->e);
	sqlite3_stmt *used = store_prepare(pu->db,
	                                   "SELECT rid FROM record WHERE type='source' AND"
	                                   " instr(body, ?1)>0 AND"
	                                   " json_extract(body, '$.sha256')=?1",
	                                   pu->e);
	int rc = -1;

	if (!mine || !used)
		goto out;
	for (size_t i = 0; i < pu->gone.n; i++) {
		if (strcmp(pu->gone.v[i].type, "source"))
			continue;
		sqlite3_bind_int64(mine, 1, pu->gone.v[i].rid);
		while (sqlite3_step(mine) == SQLITE_ROW) {
			const char *sha = (const char *)sqlite3_column_text(mine, 0);
			bool elsewhere = false;
			if (!sha)
				continue;
			sqlite3_bind_text(used, 1, sha, -1, SQLITE_TRANSIENT);
			while (sqlite3_step(used) == SQLITE_ROW)
				if (!set_has_rid(&pu->gone, sqlite3_column_int64(used, 0)))
					elsewhere = true;
			sqlite3_reset(used);
			if (!elsewhere && add_sha(pu, sha)) {
				sqlite3_reset(mine);
				goto out;
			}
		}
		sqlite3_reset(mine);
	}
	rc = 0;
out:
	sqlite3_finalize(mine);
	sqlite3_finalize(used);
	return rc;
}

/* Work out what to purge and what to rewrite. */
static int collect(struct purge *pu, const char *id, bool cascade,
                   struct store_purge_counts *c)
{
	sqlite3_stmt *get = NULL, *deps = NULL, *refs = NULL;
	int rc = -1;

	get = store_prepare(pu->db, "SELECT rid, type, id, deleted FROM record WHERE id=?1",
	                    pu->e);
	deps = store_prepare(pu->db,
	                     "SELECT r.rid, r.type, r.id, r.deleted FROM record r WHERE r.rid IN"
	                     " (SELECT rid FROM ref WHERE target=?1 AND dep=1"
	                     " UNION SELECT rid FROM kase WHERE person=?1"
	                     " UNION SELECT rid FROM event WHERE case_id=?1) ORDER BY r.rid",
	                     pu->e);
	refs = store_prepare(pu->db,
	                     "SELECT r.rid, r.type, r.id, r.deleted FROM record r WHERE r.rid IN"
	                     " (SELECT rid FROM ref WHERE target=?1 UNION"
	                     " SELECT rid FROM kase WHERE person=?1 UNION"
	                     " SELECT rid FROM event WHERE case_id=?1 UNION"
	                     " SELECT rid FROM cite WHERE source=?1) ORDER BY r.rid",
	                     pu->e);
	if (!get || !deps || !refs)
		goto out;
	if (add_rows(pu, get, id, &pu->gone, NULL))
		goto out;
	if (!pu->gone.n) {
		cw_err_set(pu->e, CW_ENOTFOUND, "'%s' not found", id);
		goto out;
	}
	snprintf(c->type, sizeof(c->type), "%s", pu->gone.v[0].type);
	/* Breadth first: gone grows while we walk it. */
	for (size_t i = 0; cascade && i < pu->gone.n; i++)
		if (add_rows(pu, deps, pu->gone.v[i].id, &pu->gone, NULL))
			goto out;
	for (size_t i = 0; i < pu->gone.n; i++)
		if (add_rows(pu, refs, pu->gone.v[i].id, &pu->stay, &pu->gone))
			goto out;
	for (size_t i = 0; i < pu->gone.n; i++) {
		int t = type_index(pu->gone.v[i].type);
		if (t >= 0)
			c->records[t]++;
		c->total++;
	}
	c->rewritten = (long)pu->stay.n;
	if (!cascade && pu->stay.n) {
		long by[STORE_PURGE_NTYPES] = { 0 };
		cw_buf b = CW_BUF_INIT;
		for (size_t i = 0; i < pu->stay.n; i++) {
			int t = type_index(pu->stay.v[i].type);
			if (t >= 0)
				by[t]++;
		}
		for (int t = 0; t < STORE_PURGE_NTYPES; t++)
			if (by[t])
				cw_buf_addf(&b, "%s%ld %s", b.len ? ", " : "", by[t],
				            by[t] == 1 ? type_names[t] : type_plurals[t]);
		cw_err_set(pu->e, CW_EINVAL,
		           "'%s' is referred to by %zu record%s (%s): purge %s first, or use "
		           "--cascade",
		           id, pu->stay.n, pu->stay.n == 1 ? "" : "s", b.data,
		           pu->stay.n == 1 ? "it" : "them");
		cw_buf_release(&b);
		goto out;
	}
	if (collect_documents(pu))
		goto out;
	c->documents = (long)pu->nshas;
	rc = 0;
out:
	sqlite3_finalize(get);
	sqlite3_finalize(deps);
	sqlite3_finalize(refs);
	return rc;
}

/* ---- scrubbing bodies ---- */

/* Whether a charge's provision is purged: itself, or as a part ("X-2"
 * of a purged provision "X") that is no record of its own. */
static bool charge_purged(struct purge *pu, const char *prov)
{
	const char *dash = strrchr(prov, '-');
	const struct item *it;
	bool own = false;

	if (set_find_id(&pu->gone, prov))
		return true;
	if (!dash || dash == prov)
		return false;
	for (size_t i = 0; i < pu->gone.n; i++) {
		it = &pu->gone.v[i];
		size_t n = strlen(it->id);
		if (!strcmp(it->type, "provision") && !strncmp(prov, it->id, n) &&
		    prov[n] == '-') {
			sqlite3_bind_text(pu->exists, 1, prov, -1, SQLITE_STATIC);
			own = sqlite3_step(pu->exists) == SQLITE_ROW;
			sqlite3_reset(pu->exists);
			return !own;
		}
	}
	return false;
}

enum { KEEP_LIST_SOURCES, KEEP_LIST_PARTICIPANTS, KEEP_LIST_CHARGES };

/* Remove entries naming a purged record from the list at obj[key].
 * Returns how many were removed. */
static int scrub_list(struct purge *pu, json_t *obj, const char *key, const char *field,
                      int kind)
{
	json_t *arr = json_object_get(obj, key);
	size_t i = 0;
	int removed = 0;

	if (!json_is_array(arr))
		return 0;
	while (i < json_array_size(arr)) {
		json_t *v = json_array_get(arr, i);
		const char *ref = json_is_string(v) ? json_string_value(v)
		                                    : json_string_value(json_object_get(v, field));
		bool gone = ref && (kind == KEEP_LIST_CHARGES ? charge_purged(pu, ref)
		                                              : set_find_id(&pu->gone, ref) != NULL);
		if (gone) {
			json_array_remove(arr, i);
			removed++;
			continue;
		}
		if (kind == KEEP_LIST_CHARGES && json_is_object(v)) {
			removed += scrub_list(pu, v, "sources", "source", KEEP_LIST_SOURCES);
			if (json_object_get(v, "sources") &&
			    !json_array_size(json_object_get(v, "sources")))
				json_object_del(v, "sources");
			/* {"provision": X} alone is written as "X" (canonical form) */
			if (json_object_size(v) == 1 && json_object_get(v, "provision"))
				json_array_set(arr, i, json_object_get(v, "provision"));
		}
		i++;
	}
	if (removed && !json_array_size(arr))
		json_object_del(obj, key);
	return removed;
}

/* Scrub obj of references to purged records. Returns 0 unchanged, 1
 * changed, 2 when obj depends on a purged record (it must go). */
static int scrub(struct purge *pu, json_t *obj)
{
	static const char *const dep_fields[] = { "person", "case", "organization" };
	int removed = 0;

	for (size_t i = 0; i < sizeof(dep_fields) / sizeof(dep_fields[0]); i++) {
		const char *t = json_string_value(json_object_get(obj, dep_fields[i]));
		if (t && set_find_id(&pu->gone, t))
			return 2;
	}
	removed += scrub_list(pu, obj, "sources", "source", KEEP_LIST_SOURCES);
	removed += scrub_list(pu, obj, "participants", "person", KEEP_LIST_PARTICIPANTS);
	removed += scrub_list(pu, obj, "charges", "provision", KEEP_LIST_CHARGES);
	return removed ? 1 : 0;
}

static char *serialize(json_t *obj, cw_err *e)
{
	cw_buf b = CW_BUF_INIT;
	char *s = NULL;

	if (cw_json_write(&b, obj))
		cw_err_set(e, CW_ENOMEM, "out of memory");
	else if (!(s = cw_buf_detach(&b, NULL)))
		cw_err_set(e, CW_ENOMEM, "out of memory");
	cw_buf_release(&b);
	return s;
}

/* Rewrite a record that stays without its references to purged ones. */
static int rewrite_record(struct purge *pu, store_writer *w, const struct item *it)
{
	sqlite3_stmt *get = NULL, *upd = NULL;
	json_t *obj = NULL;
	char *body = NULL;
	enum store_put_result res;
	int rc = -1, how;

	get = store_prepare(pu->db, "SELECT body FROM record WHERE rid=?", pu->e);
	if (!get)
		goto out;
	sqlite3_bind_int64(get, 1, it->rid);
	if (sqlite3_step(get) != SQLITE_ROW) {
		store_sqlerr(pu->db, pu->e, "purge");
		goto out;
	}
	obj = json_loads((const char *)sqlite3_column_text(get, 0), 0, NULL);
	if (!obj) {
		cw_err_set(pu->e, CW_ECORRUPT, "record '%s': stored JSON unreadable", it->id);
		goto out;
	}
	how = scrub(pu, obj);
	if (how == 2) { /* cannot happen: dependents are purged with cascade */
		cw_err_set(pu->e, CW_EDB, "record '%s' depends on a purged record", it->id);
		goto out;
	}
	if (how == 0) {
		rc = 0;
		goto out;
	}
	if (!(body = serialize(obj, pu->e)))
		goto out;
	if (it->deleted) {
		/* a tombstone keeps its body but no projections: rewrite it */
		upd = store_prepare(pu->db, "UPDATE record SET body=? WHERE rid=?", pu->e);
		if (!upd)
			goto out;
		sqlite3_bind_text(upd, 1, body, -1, SQLITE_STATIC);
		sqlite3_bind_int64(upd, 2, it->rid);
		if (sqlite3_step(upd) != SQLITE_DONE) {
			store_sqlerr(pu->db, pu->e, "purge");
			goto out;
		}
		rc = 0;
		goto out;
	}
	if (store_put(w, obj, body, 0, 0, &res, pu->e))
		goto out;
	if (res == STORE_UPDATED) {
		/* The writer kept the old body, which names what is purged. */
		upd = store_prepare(pu->db,
		                    "DELETE FROM revision WHERE rid=?1 AND version="
		                    "(SELECT version-1 FROM record WHERE rid=?1)",
		                    pu->e);
		if (!upd)
			goto out;
		sqlite3_bind_int64(upd, 1, it->rid);
		if (sqlite3_step(upd) != SQLITE_DONE) {
			store_sqlerr(pu->db, pu->e, "purge");
			goto out;
		}
		sqlite3_finalize(upd);
		upd = store_prepare(pu->db, "UPDATE record SET version=version-1 WHERE rid=?",
		                    pu->e);
		if (!upd)
			goto out;
		sqlite3_bind_int64(upd, 1, it->rid);
		if (sqlite3_step(upd) != SQLITE_DONE) {
			store_sqlerr(pu->db, pu->e, "purge");
			goto out;
		}
	}
	rc = 0;
out:
	sqlite3_finalize(get);
	sqlite3_finalize(upd);
	json_decref(obj);
	free(body);
	return rc;
}

/* Scrub every revision (of records that stay) that names a purged
 * record. */
static int scrub_revisions(struct purge *pu, struct store_purge_counts *c)
{
	sqlite3_stmt *find = store_prepare(pu->db,
	                                   "SELECT rid, version, body FROM revision WHERE"
	                                   " instr(body, ?1)>0",
	                                   pu->e);
	sqlite3_stmt *upd = store_prepare(pu->db,
	                                  "UPDATE revision SET body=?3 WHERE rid=?1 AND version=?2",
	                                  pu->e);
	sqlite3_stmt *del = store_prepare(pu->db,
	                                  "DELETE FROM revision WHERE rid=?1 AND version=?2",
	                                  pu->e);
	struct hit {
		sqlite3_int64 rid;
		int version;
		char *body;
	} *hits = NULL;
	size_t nhits = 0, cap = 0;
	cw_buf quoted = CW_BUF_INIT;
	int rc = -1;

	if (!find || !upd || !del)
		goto out;
	for (size_t g = 0; g < pu->gone.n; g++) {
		/* the id as it appears in JSON, quotes included */
		cw_buf_reset(&quoted);
		if (cw_json_write_str(&quoted, pu->gone.v[g].id, strlen(pu->gone.v[g].id))) {
			cw_err_set(pu->e, CW_ENOMEM, "out of memory");
			goto out;
		}
		sqlite3_bind_text(find, 1, quoted.data, (int)quoted.len, SQLITE_STATIC);
		while (sqlite3_step(find) == SQLITE_ROW) {
			if (set_has_rid(&pu->gone, sqlite3_column_int64(find, 0)))
				continue;
			if (cw_grow(&hits, &cap, nhits + 1, sizeof(*hits), 16)) {
				sqlite3_reset(find);
				cw_err_set(pu->e, CW_ENOMEM, "out of memory");
				goto out;
			}
			hits[nhits].rid = sqlite3_column_int64(find, 0);
			hits[nhits].version = sqlite3_column_int(find, 1);
			hits[nhits].body = strdup((const char *)sqlite3_column_text(find, 2));
			if (!hits[nhits].body) {
				sqlite3_reset(find);
				cw_err_set(pu->e, CW_ENOMEM, "out of memory");
				goto out;
			}
			nhits++;
		}
		sqlite3_reset(find);
	}
	for (size_t i = 0; i < nhits; i++) {
		json_t *obj = json_loads(hits[i].body, 0, NULL);
		int how;
		if (!obj) {
			cw_err_set(pu->e, CW_ECORRUPT, "a revision's stored JSON is unreadable");
			goto out;
		}
		how = scrub(pu, obj);
		if (how == 1) {
			char *b = serialize(obj, pu->e);
			if (!b) {
				json_decref(obj);
				goto out;
			}
			sqlite3_bind_int64(upd, 1, hits[i].rid);
			sqlite3_bind_int(upd, 2, hits[i].version);
			sqlite3_bind_text(upd, 3, b, -1, free);
			if (sqlite3_step(upd) != SQLITE_DONE) {
				json_decref(obj);
				store_sqlerr(pu->db, pu->e, "purge");
				goto out;
			}
			sqlite3_reset(upd);
			c->revisions_scrubbed++;
		} else if (how == 2) {
			sqlite3_bind_int64(del, 1, hits[i].rid);
			sqlite3_bind_int(del, 2, hits[i].version);
			if (sqlite3_step(del) != SQLITE_DONE) {
				json_decref(obj);
				store_sqlerr(pu->db, pu->e, "purge");
				goto out;
			}
			sqlite3_reset(del);
			c->revisions_scrubbed++;
		}
		json_decref(obj);
	}
	rc = 0;
out:
	for (size_t i = 0; i < nhits; i++)
		free(hits[i].body);
	free(hits);
	cw_buf_release(&quoted);
	sqlite3_finalize(find);
	sqlite3_finalize(upd);
	sqlite3_finalize(del);
	return rc;
}

/* Mentions in sources that stay may point at a purged record (suggested
 * or accepted as it): they point at nothing now, and an accepted one is
 * marked rejected so that review does not offer to link it again. The
 * mentions of a purged source go with it (ON DELETE CASCADE). */
static int scrub_mentions(struct purge *pu)
{
	sqlite3_stmt *sug = store_prepare(pu->db,
	                                  "UPDATE mention SET suggested=NULL WHERE suggested=?1",
	                                  pu->e);
	sqlite3_stmt *lnk = store_prepare(pu->db,
	                                  "UPDATE mention SET linked=NULL, status='rejected'"
	                                  " WHERE linked=?1",
	                                  pu->e);
	int rc = -1;

	if (!sug || !lnk)
		goto out;
	for (size_t i = 0; i < pu->gone.n; i++) {
		sqlite3_bind_text(sug, 1, pu->gone.v[i].id, -1, SQLITE_STATIC);
		sqlite3_bind_text(lnk, 1, pu->gone.v[i].id, -1, SQLITE_STATIC);
		if (sqlite3_step(sug) != SQLITE_DONE || sqlite3_step(lnk) != SQLITE_DONE) {
			store_sqlerr(pu->db, pu->e, "purge");
			goto out;
		}
		sqlite3_reset(sug);
		sqlite3_reset(lnk);
	}
	rc = 0;
out:
	sqlite3_finalize(sug);
	sqlite3_finalize(lnk);
	return rc;
}

/* Does text name id as a word of its own (not as part of a longer id)? */
static bool names_id(const char *text, const char *id)
{
	size_t n = strlen(id);

	for (const char *p = strstr(text, id); p; p = strstr(p + 1, id)) {
		bool before = p == text || !(isalnum((unsigned char)p[-1]) || p[-1] == '-' ||
		                             p[-1] == '_');
		bool after = !(isalnum((unsigned char)p[n]) || p[n] == '-' || p[n] == '_');
		if (before && after)
			return true;
	}
	return false;
}

/* Records (and revisions) that still name the purged id in free text. */
static int count_mentions(struct purge *pu, const char *id, struct store_purge_counts *c)
{
	sqlite3_stmt *st = store_prepare(pu->db,
	                                 "SELECT body FROM record WHERE instr(body, ?1)>0"
	                                 " UNION ALL SELECT body FROM revision WHERE"
	                                 " instr(body, ?1)>0",
	                                 pu->e);
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW)
		if (names_id((const char *)sqlite3_column_text(st, 0), id))
			c->mentions_left++;
	sqlite3_finalize(st);
	return 0;
}

static int run_sql_rid(struct purge *pu, sqlite3_stmt *st, sqlite3_int64 rid, long *changes)
{
	sqlite3_bind_int64(st, 1, rid);
	if (sqlite3_step(st) != SQLITE_DONE) {
		sqlite3_reset(st);
		return store_sqlerr(pu->db, pu->e, "purge");
	}
	sqlite3_reset(st);
	if (changes)
		*changes += sqlite3_changes(pu->db->h);
	return 0;
}

int store_purge_plan(cw_db *db, const char *id, bool cascade, struct store_purge_counts *c,
                     cw_err *e)
{
	struct purge pu = { db, e, { 0 }, { 0 }, NULL, 0, 0, NULL };
	sqlite3_stmt *st = NULL;
	int rc = -1;

	memset(c, 0, sizeof(*c));
	if (!(pu.exists = store_prepare(db, "SELECT 1 FROM record WHERE id=?", e)))
		goto out;
	if (collect(&pu, id, cascade, c))
		goto out;
	if (!(st = store_prepare(db, "SELECT count(*) FROM revision WHERE rid=?", e)))
		goto out;
	for (size_t i = 0; i < pu.gone.n; i++) {
		sqlite3_bind_int64(st, 1, pu.gone.v[i].rid);
		if (sqlite3_step(st) == SQLITE_ROW)
			c->revisions += (long)sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
	}
	rc = 0;
out:
	sqlite3_finalize(st);
	purge_release(&pu);
	return rc;
}

int store_purge(cw_db *db, const char *id, bool cascade, const char *actor,
                struct store_purge_counts *c, cw_err *e)
{
	struct purge pu = { db, e, { 0 }, { 0 }, NULL, 0, 0, NULL };
	sqlite3_stmt *del_rev = NULL, *del_rec = NULL, *del_doc = NULL, *ck = NULL;
	store_writer *w = NULL;
	struct store_dangling *dangling = NULL;
	size_t ndangling = 0;
	char detail[256], target[32];
	int rc = -1, s;

	memset(c, 0, sizeof(*c));
	if (store_writer_open(db, &w, e))
		return -1;
	if (!(pu.exists = store_prepare(db, "SELECT 1 FROM record WHERE id=?", e)))
		goto out;
	if (collect(&pu, id, cascade, c))
		goto out;
	del_rev = store_prepare(db, "DELETE FROM revision WHERE rid=?", e);
	del_rec = store_prepare(db, "DELETE FROM record WHERE rid=?", e);
	del_doc = store_prepare(db, "DELETE FROM document WHERE sha256=?", e);
	if (!del_rev || !del_rec || !del_doc)
		goto out;
	/* Index entries first: external-content FTS5 tables need the rows. */
	for (size_t i = 0; i < pu.gone.n; i++)
		if (store_fts_delete(db, pu.gone.v[i].rid, e))
			goto out;
	for (size_t i = 0; i < pu.nshas; i++) {
		sqlite3_bind_text(del_doc, 1, pu.shas[i], -1, SQLITE_STATIC);
		s = sqlite3_step(del_doc);
		sqlite3_reset(del_doc);
		if (s != SQLITE_DONE) {
			store_sqlerr(db, e, "purge");
			goto out;
		}
	}
	/* Projections go with the record (ON DELETE CASCADE). */
	for (size_t i = 0; i < pu.gone.n; i++)
		if (run_sql_rid(&pu, del_rev, pu.gone.v[i].rid, &c->revisions) ||
		    run_sql_rid(&pu, del_rec, pu.gone.v[i].rid, NULL))
			goto out;
	for (size_t i = 0; i < pu.stay.n; i++)
		if (rewrite_record(&pu, w, &pu.stay.v[i]))
			goto out;
	if (scrub_revisions(&pu, c) || scrub_mentions(&pu))
		goto out;
	s = store_writer_check(w, &dangling, &ndangling, e);
	if (s < 0)
		goto out;
	if (s > 0) {
		cw_err_set(e, CW_EDB, "purge would leave '%s' pointing at missing '%s'",
		           dangling[0].id, dangling[0].target);
		goto out;
	}
	if (count_mentions(&pu, id, c))
		goto out;
	snprintf(target, sizeof(target), "r:%lld", (long long)pu.gone.v[0].rid);
	snprintf(detail, sizeof(detail),
	         "{\"records\":%ld,\"revisions\":%ld,\"documents\":%ld,\"rewritten\":%ld,"
	         "\"revisions_scrubbed\":%ld}",
	         c->total, c->revisions, c->documents, c->rewritten, c->revisions_scrubbed);
	if (store_audit_append(db, actor, "purge", target, detail, e))
		goto out;
	sqlite3_finalize(del_rev);
	sqlite3_finalize(del_rec);
	sqlite3_finalize(del_doc);
	sqlite3_finalize(pu.exists);
	del_rev = del_rec = del_doc = pu.exists = NULL;
	rc = store_writer_commit(w, e);
	w = NULL;
	if (rc)
		goto out;
	/* Copy the zeroed pages into the file and empty the WAL, whose old
	 * frames still hold what was purged. */
	ck = store_prepare(db, "PRAGMA wal_checkpoint(TRUNCATE)", e);
	if (!ck) {
		rc = -1;
		goto out;
	}
	s = sqlite3_step(ck);
	if (s == SQLITE_ROW)
		c->checkpoint_busy = sqlite3_column_int(ck, 0) != 0;
	else
		c->checkpoint_busy = true;
out:
	sqlite3_finalize(ck);
	sqlite3_finalize(del_rev);
	sqlite3_finalize(del_rec);
	sqlite3_finalize(del_doc);
	store_dangling_free(dangling, ndangling);
	if (w)
		store_writer_abort(w);
	purge_release(&pu);
	return rc;
}
