/* store/findings.c: the queries behind `findings` and `show`. See findings.h. */
#include "store/findings.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/grow.h"
#include "store/internal.h"
#include "store/record.h"

/* Chains of merges longer than this are treated as broken (a cycle). */
#define MERGE_CHAIN_MAX 64

struct loader {
	cw_db *db;
	int clearance;
	sqlite3_stmt *events, *cites, *charges, *prov, *person;
	bool oom;
	cw_err *e;
};

static char *dup_col(struct loader *l, sqlite3_stmt *st, int i)
{
	const char *s = (const char *)sqlite3_column_text(st, i);
	char *d;

	if (!s)
		return NULL;
	if (!(d = strdup(s)))
		l->oom = true;
	return d;
}

static char *dup_str(struct loader *l, const char *s)
{
	char *d = s ? strdup(s) : NULL;
	if (s && !d)
		l->oom = true;
	return d;
}

static void cites_free(struct store_fcite *c, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(c[i].what);
		free(c[i].source);
		free(c[i].kind);
		free(c[i].title);
		free(c[i].locator);
		free(c[i].excerpt);
	}
	free(c);
}

static void case_release(struct store_fcase *c)
{
	free(c->id);
	free(c->person);
	free(c->root);
	free(c->person_shown);
	free(c->region);
	free(c->person_region);
	for (size_t i = 0; i < c->ncharges; i++)
		free(c->charges[i]);
	free(c->charges);
	for (size_t i = 0; i < c->nevents; i++) {
		free(c->events[i].id);
		free(c->events[i].kind);
		free(c->events[i].date);
		cites_free(c->events[i].cites, c->events[i].ncites);
	}
	free(c->events);
	cites_free(c->cites, c->ncites);
}

void store_findings_release(struct store_findings *f)
{
	if (!f)
		return;
	for (size_t i = 0; i < f->ncases; i++)
		case_release(&f->cases[i]);
	free(f->cases);
	free(f->provision);
	free(f->title);
	memset(f, 0, sizeof(*f));
}

static int load_cites(struct loader *l, sqlite3_int64 rid, struct store_fcite **out,
                      size_t *n)
{
	sqlite3_stmt *st = l->cites;
	size_t cap = 0;
	int s;

	*out = NULL;
	*n = 0;
	sqlite3_bind_int64(st, 1, rid);
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		struct store_fcite *c;
		if (cw_grow(out, &cap, *n + 1, sizeof(**out), 8)) {
			l->oom = true;
			break;
		}
		c = &(*out)[(*n)++];
		c->what = dup_col(l, st, 0);
		c->source = dup_col(l, st, 1);
		c->locator = dup_col(l, st, 2);
		c->excerpt = dup_col(l, st, 3);
		c->source_vis = sqlite3_column_int(st, 4);
		c->kind = dup_col(l, st, 5);
		c->title = dup_col(l, st, 6);
	}
	sqlite3_reset(st);
	if (l->oom)
		return cw_err_set(l->e, CW_ENOMEM, "out of memory");
	if (s != SQLITE_DONE && s != SQLITE_ROW)
		return store_sqlerr(l->db, l->e, NULL);
	return 0;
}

/* A charge is shown when its provision (or, for a part, the provision it
 * is part of) is visible. */
static bool provision_visible(struct loader *l, const char *prov)
{
	char parent[512];
	const char *dash;
	bool r;

	sqlite3_bind_text(l->prov, 1, prov, -1, SQLITE_STATIC);
	sqlite3_bind_int(l->prov, 2, l->clearance);
	r = sqlite3_step(l->prov) == SQLITE_ROW;
	sqlite3_reset(l->prov);
	if (r)
		return true;
	dash = strrchr(prov, '-');
	if (!dash || dash == prov || (size_t)(dash - prov) >= sizeof(parent))
		return false;
	memcpy(parent, prov, (size_t)(dash - prov));
	parent[dash - prov] = 0;
	sqlite3_bind_text(l->prov, 1, parent, -1, SQLITE_STATIC);
	sqlite3_bind_int(l->prov, 2, l->clearance);
	r = sqlite3_step(l->prov) == SQLITE_ROW;
	sqlite3_reset(l->prov);
	return r;
}

static int load_charges(struct loader *l, sqlite3_int64 rid, struct store_fcase *c)
{
	sqlite3_stmt *st = l->charges;
	size_t cap = 0;
	int s;

	sqlite3_bind_int64(st, 1, rid);
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		const char *p = (const char *)sqlite3_column_text(st, 0);
		if (!p || !provision_visible(l, p))
			continue;
		if (cw_grow(&c->charges, &cap, c->ncharges + 1, sizeof(*c->charges), 8)) {
			l->oom = true;
			break;
		}
		c->charges[c->ncharges++] = dup_str(l, p);
	}
	sqlite3_reset(st);
	if (l->oom)
		return cw_err_set(l->e, CW_ENOMEM, "out of memory");
	if (s != SQLITE_DONE && s != SQLITE_ROW)
		return store_sqlerr(l->db, l->e, NULL);
	return 0;
}

static int load_events(struct loader *l, struct store_fcase *c)
{
	sqlite3_stmt *st = l->events;
	size_t cap = 0;
	int s;

	sqlite3_bind_text(st, 1, c->id, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, l->clearance);
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		struct store_fevent *ev;
		if (cw_grow(&c->events, &cap, c->nevents + 1, sizeof(*c->events), 8)) {
			l->oom = true;
			break;
		}
		ev = &c->events[c->nevents++];
		memset(ev, 0, sizeof(*ev));
		ev->id = dup_col(l, st, 0);
		ev->vis = sqlite3_column_int(st, 1);
		ev->kind = dup_col(l, st, 2);
		ev->date = dup_col(l, st, 3);
		ev->dated = sqlite3_column_type(st, 4) != SQLITE_NULL &&
		            sqlite3_column_type(st, 5) != SQLITE_NULL;
		ev->first = (long)sqlite3_column_int64(st, 4);
		ev->last = (long)sqlite3_column_int64(st, 5);
		if (load_cites(l, sqlite3_column_int64(st, 6), &ev->cites, &ev->ncites)) {
			sqlite3_reset(st);
			return -1;
		}
	}
	sqlite3_reset(st);
	if (l->oom)
		return cw_err_set(l->e, CW_ENOMEM, "out of memory");
	if (s != SQLITE_DONE && s != SQLITE_ROW)
		return store_sqlerr(l->db, l->e, NULL);
	return 0;
}

/* Follow merged_into from the case's person to the root. person_shown is
 * the last person on the chain visible at the clearance (the case's own
 * person is, since the case is). */
static int resolve_person(struct loader *l, struct store_fcase *c, const char *merged)
{
	char *cur = NULL, *shown = NULL;
	int steps = 0;

	c->root = dup_str(l, c->person);
	c->person_shown = dup_str(l, c->person);
	if (l->oom)
		return cw_err_set(l->e, CW_ENOMEM, "out of memory");
	if (!merged)
		return 0;
	cur = dup_str(l, merged);
	while (cur && steps++ < MERGE_CHAIN_MAX && !l->oom) {
		sqlite3_stmt *st = l->person;
		char *next = NULL;
		int vis = 3;
		bool found = false;

		sqlite3_bind_text(st, 1, cur, -1, SQLITE_STATIC);
		if (sqlite3_step(st) == SQLITE_ROW) {
			found = true;
			next = dup_col(l, st, 0);
			vis = sqlite3_column_int(st, 1);
		}
		sqlite3_reset(st);
		if (!found) { /* a dangling merge: stop at the last person found */
			free(cur);
			cur = NULL;
			break;
		}
		free(c->root);
		c->root = cur;
		if (vis <= l->clearance) {
			shown = dup_str(l, cur);
			free(c->person_shown);
			c->person_shown = shown;
		}
		if (next && !strcmp(next, c->person)) { /* a cycle back to the start */
			free(next);
			next = NULL;
		}
		cur = next;
	}
	free(cur);
	if (l->oom)
		return cw_err_set(l->e, CW_ENOMEM, "out of memory");
	return 0;
}

/* One lookup of a provision by its exact id. */
static int provision_get(sqlite3_stmt *st, const char *id, int clearance, bool *found,
                         char **title)
{
	int s;

	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, clearance);
	s = sqlite3_step(st);
	if (s == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(st, 0);
		*found = true;
		if (title && t && !(*title = strdup(t))) {
			sqlite3_reset(st);
			return -2;
		}
	}
	sqlite3_reset(st);
	return s == SQLITE_ROW || s == SQLITE_DONE ? 0 : -1;
}

int store_findings_provision(cw_db *db, const char *provision, int clearance, bool *found,
                             char **title, cw_err *e)
{
	sqlite3_stmt *st = store_prepare(db,
	                                 "SELECT json_extract(body, '$.title') FROM record"
	                                 " WHERE id=?1 AND type='provision' AND deleted=0"
	                                 " AND vis<=?2",
	                                 e);
	const char *dash = strrchr(provision, '-');
	int s;

	*found = false;
	if (title)
		*title = NULL;
	if (!st)
		return -1;
	s = provision_get(st, provision, clearance, found, title);
	/* A part ("KZ-CC-405-2") exists when its provision does. */
	if (!s && !*found && dash && dash > provision && dash[1]) {
		char *parent = strndup(provision, (size_t)(dash - provision));
		if (!parent)
			s = -2;
		else
			s = provision_get(st, parent, clearance, found, title);
		free(parent);
	}
	sqlite3_finalize(st);
	if (s == -2)
		return cw_err_set(e, CW_ENOMEM, "out of memory");
	if (s)
		return store_sqlerr(db, e, NULL);
	return 0;
}

int store_findings_load(cw_db *db, const char *provision, int clearance,
                        struct store_findings *out, cw_err *e)
{
	/* charge(provision) is indexed: the range [P, P.) holds P and every
	 * "P-…" ('.' follows '-'), and the substr test keeps exactly those. */
	static const char *const q_cases =
		"SELECT r.rid, r.id, r.vis, k.person, k.region, p.region, p.merged_into"
		" FROM charge c JOIN record r ON r.rid=c.case_rid"
		" JOIN kase k ON k.rid=r.rid"
		" LEFT JOIN record pr ON pr.id=k.person AND pr.deleted=0"
		" LEFT JOIN person p ON p.rid=pr.rid"
		" WHERE c.provision>=?1 AND c.provision<?1||'.'"
		" AND (c.provision=?1 OR substr(c.provision, length(?1)+1, 1)='-')"
		" AND r.deleted=0 AND r.vis<=?2"
		" GROUP BY r.rid ORDER BY r.id";
	static const char *const q_events =
		"SELECT r.id, r.vis, e.kind, e.date, e.first_day, e.last_day, r.rid"
		" FROM event e JOIN record r ON r.rid=e.rid"
		" WHERE e.case_id=?1 AND r.deleted=0 AND r.vis<=?2"
		" ORDER BY e.first_day IS NULL, e.first_day, e.last_day, r.id";
	static const char *const q_cites =
		"SELECT c.what, c.source, c.locator, c.excerpt, " STORE_OUT_VIS_SQL("s") ","
		" json_extract(s.body, '$.kind'), json_extract(s.body, '$.title')"
		" FROM cite c JOIN record s ON s.id=c.source AND s.deleted=0"
		" WHERE c.rid=?1 ORDER BY c.ord";
	struct loader l = { db, clearance, NULL, NULL, NULL, NULL, NULL, false, e };
	sqlite3_stmt *cases = NULL;
	size_t cap = 0;
	int rc = -1, s;

	memset(out, 0, sizeof(*out));
	if (!(out->provision = strdup(provision)))
		return cw_err_set(e, CW_ENOMEM, "out of memory");
	if (store_findings_provision(db, provision, clearance, &(bool){ false }, &out->title,
	                             e))
		goto out;
	if (!(cases = store_prepare(db, q_cases, e)) ||
	    !(l.events = store_prepare(db, q_events, e)) ||
	    !(l.cites = store_prepare(db, q_cites, e)) ||
	    !(l.charges = store_prepare(db,
	                                "SELECT provision FROM charge WHERE case_rid=?1"
	                                " ORDER BY provision",
	                                e)) ||
	    !(l.prov = store_prepare(db,
	                             "SELECT 1 FROM record WHERE id=?1 AND type='provision'"
	                             " AND deleted=0 AND vis<=?2",
	                             e)) ||
	    !(l.person = store_prepare(db,
	                               "SELECT p.merged_into, r.vis FROM record r JOIN person p"
	                               " ON p.rid=r.rid WHERE r.id=?1 AND r.deleted=0",
	                               e)))
		goto out;
	sqlite3_bind_text(cases, 1, provision, -1, SQLITE_STATIC);
	sqlite3_bind_int(cases, 2, clearance);
	while ((s = sqlite3_step(cases)) == SQLITE_ROW) {
		struct store_fcase *c;
		sqlite3_int64 rid = sqlite3_column_int64(cases, 0);
		const char *merged = (const char *)sqlite3_column_text(cases, 6);

		if (cw_grow(&out->cases, &cap, out->ncases + 1, sizeof(*out->cases), 8)) {
			cw_err_set(e, CW_ENOMEM, "out of memory");
			goto out;
		}
		c = &out->cases[out->ncases++];
		memset(c, 0, sizeof(*c));
		c->id = dup_col(&l, cases, 1);
		c->vis = sqlite3_column_int(cases, 2);
		c->person = dup_col(&l, cases, 3);
		c->region = dup_col(&l, cases, 4);
		c->person_region = dup_col(&l, cases, 5);
		if (l.oom || !c->id || !c->person) {
			cw_err_set(e, CW_ENOMEM, "out of memory");
			goto out;
		}
		if (resolve_person(&l, c, merged) || load_charges(&l, rid, c) ||
		    load_cites(&l, rid, &c->cites, &c->ncites) || load_events(&l, c))
			goto out;
	}
	if (s != SQLITE_DONE) {
		store_sqlerr(db, e, NULL);
		goto out;
	}
	rc = 0;
out:
	sqlite3_finalize(cases);
	sqlite3_finalize(l.events);
	sqlite3_finalize(l.cites);
	sqlite3_finalize(l.charges);
	sqlite3_finalize(l.prov);
	sqlite3_finalize(l.person);
	if (rc)
		store_findings_release(out);
	return rc;
}

/* ---- show ---- */

#define SHOW_TYPE_MAX 32

struct show_ctx {
	cw_db *db;
	int clearance;
	sqlite3_stmt *get;
	json_t *sources, *people, *provisions, *organizations;
	cw_err *e;
};

/* The parsed body of id when it is live and visible, else NULL (also on
 * a lookup error, which then is in ctx->e and *err). */
static json_t *show_fetch(struct show_ctx *x, const char *id, char *type, int *err)
{
	sqlite3_stmt *st = x->get;
	json_t *body = NULL;
	int s;

	sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 2, x->clearance);
	s = sqlite3_step(st);
	if (s == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(st, 0);
		if (type)
			snprintf(type, SHOW_TYPE_MAX, "%s", t ? t : "");
		body = json_loads((const char *)sqlite3_column_text(st, 1), 0, NULL);
		if (!body) {
			cw_err_set(x->e, CW_ECORRUPT, "record '%s': stored JSON unreadable", id);
			*err = -1;
		}
	} else if (s != SQLITE_DONE) {
		store_sqlerr(x->db, x->e, NULL);
		*err = -1;
	}
	sqlite3_reset(st);
	return body;
}

/* Remember a visible record in map (id -> body); false when not visible. */
static bool show_note(struct show_ctx *x, json_t *map, const char *id, int *err)
{
	json_t *b;

	if (json_object_get(map, id))
		return true;
	if (!(b = show_fetch(x, id, NULL, err)))
		return false;
	json_object_set_new(map, id, b);
	return true;
}

/* Drop citations of hidden sources from a "sources" array (in place). */
static void show_filter_sources(struct show_ctx *x, json_t *arr, int *err)
{
	size_t i = 0;

	while (i < json_array_size(arr)) {
		json_t *v = json_array_get(arr, i);
		const char *id = json_is_string(v) ? json_string_value(v)
		                                   : json_string_value(json_object_get(v, "source"));
		if (!id || !show_note(x, x->sources, id, err)) {
			json_array_remove(arr, i);
			continue;
		}
		i++;
	}
}

/* Filter one record body for the clearance, noting what it refers to. */
static void show_filter(struct show_ctx *x, json_t *obj, int *err)
{
	json_t *arr, *v;
	size_t i;
	const char *s;

	show_filter_sources(x, json_object_get(obj, "sources"), err);
	if (!json_array_size(json_object_get(obj, "sources")))
		json_object_del(obj, "sources");
	arr = json_object_get(obj, "participants");
	for (i = 0; i < json_array_size(arr);) {
		const char *p = json_string_value(json_object_get(json_array_get(arr, i), "person"));
		if (!p || !show_note(x, x->people, p, err)) {
			json_array_remove(arr, i);
			continue;
		}
		i++;
	}
	arr = json_object_get(obj, "charges");
	for (i = 0; i < json_array_size(arr);) {
		v = json_array_get(arr, i);
		const char *p = json_is_string(v) ? json_string_value(v)
		                                  : json_string_value(json_object_get(v, "provision"));
		const char *dash = p ? strrchr(p, '-') : NULL;
		bool ok = p && show_note(x, x->provisions, p, err);
		if (p && !ok && dash && dash > p) {
			char *parent = strndup(p, (size_t)(dash - p));
			ok = parent && show_note(x, x->provisions, parent, err);
			free(parent);
		}
		if (!ok) {
			json_array_remove(arr, i);
			continue;
		}
		if (json_is_object(v)) {
			show_filter_sources(x, json_object_get(v, "sources"), err);
			if (!json_array_size(json_object_get(v, "sources")))
				json_object_del(v, "sources");
		}
		i++;
	}
	if ((s = json_string_value(json_object_get(obj, "person"))))
		show_note(x, x->people, s, err);
	if ((s = json_string_value(json_object_get(obj, "organization"))))
		show_note(x, x->organizations, s, err);
	if ((s = json_string_value(json_object_get(obj, "merged_into"))) &&
	    !show_note(x, x->people, s, err))
		json_object_del(obj, "merged_into"); /* merged into someone hidden */
}

/* Append the visible events of case id, in date order, to arr. */
static int show_events(struct show_ctx *x, const char *case_id, json_t *arr, int *err)
{
	sqlite3_stmt *st = store_prepare(x->db,
	                                 "SELECT r.body FROM event e JOIN record r ON"
	                                 " r.rid=e.rid WHERE e.case_id=?1 AND r.deleted=0"
	                                 " AND r.vis<=?2 ORDER BY e.first_day IS NULL,"
	                                 " e.first_day, e.last_day, r.id",
	                                 x->e);
	int s;

	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, case_id, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 2, x->clearance);
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		json_t *b = json_loads((const char *)sqlite3_column_text(st, 0), 0, NULL);
		if (!b)
			continue;
		show_filter(x, b, err);
		json_array_append_new(arr, b);
	}
	if (s != SQLITE_DONE)
		store_sqlerr(x->db, x->e, NULL);
	sqlite3_finalize(st);
	return s == SQLITE_DONE && !*err ? 0 : -1;
}

static int show_case(struct show_ctx *x, json_t *body, json_t *cases, int *err)
{
	json_t *c = json_object(), *evs = json_array();
	const char *id = json_string_value(json_object_get(body, "id"));

	json_object_set(c, "record", body);
	json_object_set_new(c, "events", evs);
	json_array_append_new(cases, c);
	return id ? show_events(x, id, evs, err) : 0;
}

/* Rows of (body) from sql bound with (?1 id, ?2 clearance), filtered. */
static int show_rows(struct show_ctx *x, const char *sql, const char *id, json_t *arr,
                     bool as_cases, int *err)
{
	sqlite3_stmt *st = store_prepare(x->db, sql, x->e);
	int s, rc = 0;

	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 2, x->clearance);
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		json_t *b = json_loads((const char *)sqlite3_column_text(st, 0), 0, NULL);
		if (!b)
			continue;
		show_filter(x, b, err);
		if (as_cases)
			rc = show_case(x, b, arr, err);
		else
			json_array_append(arr, b);
		json_decref(b);
		if (rc)
			break;
	}
	if (!rc && s != SQLITE_DONE && s != SQLITE_ROW)
		rc = store_sqlerr(x->db, x->e, NULL);
	sqlite3_finalize(st);
	return rc || *err ? -1 : 0;
}

int store_show_get(cw_db *db, const char *id, int clearance, json_t **out, cw_err *e)
{
	static const char *const q_person_cases =
		"SELECT r.body FROM kase k JOIN record r ON r.rid=k.rid WHERE k.person=?1"
		" AND r.deleted=0 AND r.vis<=?2 ORDER BY (SELECT MIN(e.first_day) FROM event e"
		" JOIN record er ON er.rid=e.rid WHERE e.case_id=r.id AND er.deleted=0"
		" AND er.vis<=?2) IS NULL, (SELECT MIN(e.first_day) FROM event e JOIN record er"
		" ON er.rid=e.rid WHERE e.case_id=r.id AND er.deleted=0 AND er.vis<=?2), r.id";
	static const char *const q_affiliations =
		"SELECT r.body FROM ref f JOIN record r ON r.rid=f.rid WHERE f.target=?1"
		" AND f.field IN ('person','organization') AND r.type='affiliation'"
		" AND r.deleted=0 AND r.vis<=?2 ORDER BY r.id";
	static const char *const q_merged =
		"SELECT r.body FROM person p JOIN record r ON r.rid=p.rid WHERE"
		" p.merged_into=?1 AND r.deleted=0 AND r.vis<=?2 ORDER BY r.id";
	struct show_ctx x = { db, clearance, NULL, NULL, NULL, NULL, NULL, e };
	json_t *o = NULL, *rec = NULL, *cases = NULL, *list = NULL;
	char tcopy[SHOW_TYPE_MAX] = "";
	int err = 0, rc = -1;

	*out = NULL;
	if (!(x.get = store_prepare(db,
	                            "SELECT type, body FROM record WHERE id=?1 AND deleted=0"
	                            " AND " STORE_OUT_VIS_SQL("record") "<=?2",
	                            e)))
		return -1;
	x.sources = json_object();
	x.people = json_object();
	x.provisions = json_object();
	x.organizations = json_object();
	cases = json_array();
	if (!(rec = show_fetch(&x, id, tcopy, &err))) {
		if (!err)
			cw_err_set(e, CW_ENOTFOUND, "'%s' not found", id);
		goto out;
	}
	show_filter(&x, rec, &err);
	if (err)
		goto out;
	o = json_object();
	json_object_set_new(o, "type", json_string(tcopy));
	json_object_set_new(o, "id", json_string(id));
	json_object_set(o, "record", rec);
	if (!strcmp(tcopy, "person")) {
		if (show_rows(&x, q_person_cases, id, cases, true, &err))
			goto out;
		json_object_del(x.people, id);
		json_object_set_new(o, "cases", cases);
		cases = NULL;
		list = json_array();
		json_object_set_new(o, "affiliations", list);
		if (show_rows(&x, q_affiliations, id, list, false, &err))
			goto out;
		list = json_array();
		json_object_set_new(o, "merged", list);
		if (show_rows(&x, q_merged, id, list, false, &err))
			goto out;
	} else if (!strcmp(tcopy, "organization")) {
		list = json_array();
		json_object_set_new(o, "affiliations", list);
		if (show_rows(&x, q_affiliations, id, list, false, &err))
			goto out;
	} else if (!strcmp(tcopy, "case")) {
		if (show_case(&x, rec, cases, &err))
			goto out;
		json_object_set_new(o, "cases", cases);
		cases = NULL;
	} else if (!strcmp(tcopy, "event")) {
		const char *cid = json_string_value(json_object_get(rec, "case"));
		json_t *c = cid ? show_fetch(&x, cid, NULL, &err) : NULL;
		if (c) {
			show_filter(&x, c, &err);
			rc = show_case(&x, c, cases, &err);
			json_decref(c);
			if (rc)
				goto out;
			rc = -1;
		}
		json_object_set_new(o, "cases", cases);
		cases = NULL;
	} else if (!strcmp(tcopy, "source")) {
		sqlite3_stmt *st = store_prepare(db,
		                                 "SELECT r.type, r.id, c.what, c.locator, c.excerpt"
		                                 " FROM cite c JOIN record r ON r.rid=c.rid WHERE"
		                                 " c.source=?1 AND r.deleted=0 AND r.vis<=?2"
		                                 " ORDER BY r.type, r.id, c.ord",
		                                 e);
		int s;
		if (!st)
			goto out;
		list = json_array();
		json_object_set_new(o, "cited_by", list);
		sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int(st, 2, clearance);
		while ((s = sqlite3_step(st)) == SQLITE_ROW) {
			json_t *c = json_object();
			json_object_set_new(c, "type", json_string((const char *)sqlite3_column_text(st, 0)));
			json_object_set_new(c, "id", json_string((const char *)sqlite3_column_text(st, 1)));
			if (sqlite3_column_bytes(st, 2))
				json_object_set_new(c, "what",
				                    json_string((const char *)sqlite3_column_text(st, 2)));
			if (sqlite3_column_type(st, 3) != SQLITE_NULL)
				json_object_set_new(c, "locator",
				                    json_string((const char *)sqlite3_column_text(st, 3)));
			if (sqlite3_column_type(st, 4) != SQLITE_NULL)
				json_object_set_new(c, "excerpt",
				                    json_string((const char *)sqlite3_column_text(st, 4)));
			json_array_append_new(list, c);
		}
		if (s != SQLITE_DONE)
			store_sqlerr(db, e, NULL);
		sqlite3_finalize(st);
		if (s != SQLITE_DONE)
			goto out;
	} else if (!strcmp(tcopy, "provision")) {
		sqlite3_stmt *st = store_prepare(db,
		                                 "SELECT count(DISTINCT c.case_rid) FROM charge c"
		                                 " JOIN record r ON r.rid=c.case_rid WHERE"
		                                 " c.provision>=?1 AND c.provision<?1||'.' AND"
		                                 " (c.provision=?1 OR substr(c.provision,"
		                                 " length(?1)+1, 1)='-') AND r.deleted=0"
		                                 " AND r.vis<=?2",
		                                 e);
		if (!st)
			goto out;
		sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int(st, 2, clearance);
		if (sqlite3_step(st) == SQLITE_ROW)
			json_object_set_new(o, "cases_count", json_integer(sqlite3_column_int64(st, 0)));
		sqlite3_finalize(st);
	}
	if (err)
		goto out;
	json_object_set(o, "sources", x.sources);
	json_object_set(o, "people", x.people);
	json_object_set(o, "provisions", x.provisions);
	json_object_set(o, "organizations", x.organizations);
	*out = o;
	o = NULL;
	rc = 0;
out:
	json_decref(o);
	json_decref(rec);
	json_decref(cases);
	json_decref(x.sources);
	json_decref(x.people);
	json_decref(x.provisions);
	json_decref(x.organizations);
	sqlite3_finalize(x.get);
	return rc;
}
