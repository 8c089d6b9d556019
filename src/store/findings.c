/* store/findings.c: the queries behind `findings` and `show`. See findings.h. */
#include "store/findings.h"

#include <stdlib.h>
#include <string.h>

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

/* Grow *arr (of elements of size sz) to hold n+1. */
static int grow(void **arr, size_t *cap, size_t n, size_t sz)
{
	if (n < *cap)
		return 0;
	size_t nc = *cap ? *cap * 2 : 8;
	void *p = realloc(*arr, nc * sz);
	if (!p)
		return -1;
	*arr = p;
	*cap = nc;
	return 0;
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
		if (grow((void **)out, &cap, *n, sizeof(**out))) {
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
		if (grow((void **)&c->charges, &cap, c->ncharges, sizeof(char *))) {
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
		if (grow((void **)&c->events, &cap, c->nevents, sizeof(*c->events))) {
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

int store_findings_provision(cw_db *db, const char *provision, int clearance, bool *found,
                             char **title, cw_err *e)
{
	sqlite3_stmt *st = store_prepare(db,
	                                 "SELECT json_extract(body, '$.title') FROM record"
	                                 " WHERE id=?1 AND type='provision' AND deleted=0"
	                                 " AND vis<=?2",
	                                 e);
	int s;

	*found = false;
	if (title)
		*title = NULL;
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, provision, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, clearance);
	s = sqlite3_step(st);
	if (s == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(st, 0);
		*found = true;
		if (title && t && !(*title = strdup(t))) {
			sqlite3_finalize(st);
			return cw_err_set(e, CW_ENOMEM, "out of memory");
		}
	}
	sqlite3_finalize(st);
	if (s != SQLITE_ROW && s != SQLITE_DONE)
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
		"SELECT c.what, c.source, c.locator, c.excerpt, s.vis,"
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

		if (grow((void **)&out->cases, &cap, out->ncases, sizeof(*out->cases))) {
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
