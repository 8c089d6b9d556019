/* store/people.c: name keys, loading people and merges. See people.h. */
#include "store/people.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/grow.h"
#include "base/jsonout.h"
#include "base/map.h"
#include "match/match.h"
#include "store/audit.h"
#include "store/internal.h"
#include "store/record.h"

/* ---------------------------------------------------------------------
 * Name keys
 * ------------------------------------------------------------------- */

static const char sql_key_ins[] = "INSERT OR IGNORE INTO name_key(key, rid) VALUES (?1, ?2)";

static int step_done(cw_db *db, sqlite3_stmt *st, cw_err *e)
{
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (rc != SQLITE_DONE)
		return store_sqlerr(db, e, "name keys");
	return 0;
}

/* Key one name of rid. A name the matcher refuses (over a limit) gets no
 * keys: the record itself is still written. */
static int key_name(cw_db *db, sqlite3_stmt *ins, sqlite3_int64 rid, const char *name,
                    struct match_keys *k, cw_err *e)
{
	cw_err ignored = CW_ERR_INIT;

	if (!name || match_name_keys(name, strlen(name), k, &ignored))
		return 0;
	for (size_t i = 0; i < k->n; i++) {
		sqlite3_bind_text(ins, 1, match_keys_get(k, i), -1, SQLITE_STATIC);
		sqlite3_bind_int64(ins, 2, rid);
		if (step_done(db, ins, e))
			return -1;
	}
	return 0;
}

int store_name_keys_index(store_writer *w, sqlite3_int64 rid, json_t *obj, cw_err *e)
{
	cw_db *db = store_writer_db(w);
	const char *type = json_string_value(json_object_get(obj, "type"));
	sqlite3_stmt *ins;
	struct match_keys k;
	json_t *v;
	size_t i;
	int rc = -1;

	if (!type || strcmp(type, "person"))
		return 0;
	/* an update removed the earlier keys with the other projections
	 * (record.c, del_projections) */
	if (!(ins = store_cached(db, STORE_CACHED_NAME_KEY_INS, sql_key_ins, e)))
		return -1;
	match_keys_init(&k);
	json_array_foreach(json_object_get(obj, "names"), i, v)
	{
		const char *name = json_is_string(v)
		                       ? json_string_value(v)
		                       : json_string_value(json_object_get(v, "name"));
		if (key_name(db, ins, rid, name, &k, e))
			goto out;
	}
	rc = 0;
out:
	match_keys_release(&k);
	return rc;
}

int store_name_keys_rebuild(cw_db *db, long *n, cw_err *e)
{
	sqlite3_stmt *names = NULL, *ins = NULL;
	struct match_keys k;
	sqlite3_int64 last = -1;
	char ver[16];
	long count = 0;
	int s, rc = -1;

	match_keys_init(&k);
	if (store_begin(db, e))
		goto done;
	if (store_exec(db, "DELETE FROM name_key", e))
		goto out;
	names =
	    store_prepare(db,
	                  "SELECT n.rid, n.name FROM name n JOIN record r ON r.rid=n.rid"
	                  " WHERE r.type='person' AND r.deleted=0 ORDER BY n.rid, n.ord",
	                  e);
	ins = store_prepare(db, sql_key_ins, e);
	if (!names || !ins)
		goto out;
	while ((s = sqlite3_step(names)) == SQLITE_ROW) {
		sqlite3_int64 rid = sqlite3_column_int64(names, 0);
		if (rid != last) {
			count++;
			last = rid;
		}
		if (key_name(db, ins, rid, (const char *)sqlite3_column_text(names, 1),
		             &k, e))
			goto out;
	}
	if (s != SQLITE_DONE) {
		store_sqlerr(db, e, "name keys");
		goto out;
	}
	sqlite3_finalize(ins);
	ins = store_prepare(db,
	                    "INSERT OR REPLACE INTO meta(key, value) VALUES"
	                    " ('name_key_version', ?1)",
	                    e);
	if (!ins)
		goto out;
	snprintf(ver, sizeof(ver), "%d", MATCH_KEY_VERSION);
	sqlite3_bind_text(ins, 1, ver, -1, SQLITE_STATIC);
	if (sqlite3_step(ins) != SQLITE_DONE) {
		store_sqlerr(db, e, "name keys");
		goto out;
	}
	sqlite3_finalize(names);
	sqlite3_finalize(ins);
	names = ins = NULL;
	if (store_commit(db, e))
		goto done;
	if (n)
		*n = count;
	rc = 0;
	goto done;
out:
	store_rollback(db);
done:
	sqlite3_finalize(names);
	sqlite3_finalize(ins);
	match_keys_release(&k);
	return rc;
}

int store_name_keys_check(cw_db *db, cw_err *e)
{
	sqlite3_stmt *st;
	char want[16];
	bool same = false;

	if (db->readonly)
		return 0;
	st = store_prepare(db, "SELECT value FROM meta WHERE key='name_key_version'", e);
	if (!st)
		return -1;
	snprintf(want, sizeof(want), "%d", MATCH_KEY_VERSION);
	if (sqlite3_step(st) == SQLITE_ROW)
		same = !strcmp((const char *)sqlite3_column_text(st, 0), want);
	sqlite3_finalize(st);
	return same ? 0 : store_name_keys_rebuild(db, NULL, e);
}

int store_people_with_key(cw_db *db, const char *key, int clearance, store_person_fn fn,
                          void *arg, cw_err *e)
{
	sqlite3_stmt *st =
	    store_prepare(db,
	                  "SELECT DISTINCT r.id FROM name_key k JOIN record r ON"
	                  " r.rid=k.rid WHERE k.key=?1 AND r.type='person' AND"
	                  " r.deleted=0 AND r.vis<=?2 AND NOT EXISTS (SELECT 1 FROM"
	                  " person p WHERE p.rid=r.rid AND p.merged_into IS NOT NULL)"
	                  " ORDER BY r.id",
	                  e);
	int s, rc = 0;

	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, clearance);
	while ((s = sqlite3_step(st)) == SQLITE_ROW)
		if ((rc = fn(arg, (const char *)sqlite3_column_text(st, 0))) != 0)
			break;
	if (!rc && s != SQLITE_DONE)
		rc = store_sqlerr(db, e, "name keys");
	sqlite3_finalize(st);
	return rc;
}

/* ---------------------------------------------------------------------
 * Loading people
 * ------------------------------------------------------------------- */

/* One loaded person record. */
struct rec {
	sqlite3_int64 rid;
	const char *id, *sex, *born, *region, *merged_into;
	uint32_t ent; /* index of its person after merges */
};

/* (person, string) pairs collected from a query, grouped later. */
struct item {
	uint32_t ent;
	const char *s;
};

struct items {
	struct item *v;
	size_t n, cap;
};

/* After loading: what finds a person by a record's id. */
struct found {
	const char *id;
	uint32_t ent;
};

struct store_people {
	cw_arena arena; /* strings and lists, freed at once */
	/* while loading: the records by rid, and their ids -> recs index */
	struct rec *recs;
	size_t nrecs;
	cw_map ids;
	struct found *found; /* nrecs of them, after loading */
	struct store_person *p; /* handed to the caller */
	size_t n;
};

static int items_add(struct items *it, uint32_t ent, const char *s)
{
	if (cw_grow(&it->v, &it->cap, it->n + 1, sizeof(*it->v), 1024))
		return -1;
	it->v[it->n++] = (struct item){ent, s};
	return 0;
}

static long rec_by_id(const store_people *p, const char *id)
{
	const cw_map_val *v = cw_map_get(&p->ids, id, strlen(id));

	return v ? (long)v->u : -1;
}

long store_people_find(const store_people *p, const char *id)
{
	for (size_t i = 0; i < p->nrecs; i++)
		if (!strcmp(p->found[i].id, id))
			return (long)p->found[i].ent;
	return -1;
}

static long rec_by_rid(const store_people *p, sqlite3_int64 rid)
{
	size_t lo = 0, hi = p->nrecs;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (p->recs[mid].rid < rid)
			lo = mid + 1;
		else if (p->recs[mid].rid > rid)
			hi = mid;
		else
			return (long)mid;
	}
	return -1;
}

static const char *col_str(cw_arena *a, sqlite3_stmt *st, int i)
{
	const char *s = (const char *)sqlite3_column_text(st, i);
	return s ? cw_arena_strndup(a, s, (size_t)sqlite3_column_bytes(st, i)) : NULL;
}

#define MERGE_CHAIN_MAX 64

static int load_records(cw_db *db, store_people *p, int clearance, cw_err *e)
{
	sqlite3_stmt *st =
	    store_prepare(db,
	                  "SELECT r.rid, r.id, p.sex, p.born, p.region,"
	                  " p.merged_into FROM record r JOIN person p ON"
	                  " p.rid=r.rid WHERE r.type='person' AND r.deleted=0"
	                  " AND r.vis<=?1 ORDER BY r.rid",
	                  e);
	size_t cap = 0;
	int s, rc = -1;

	if (!st)
		return -1;
	sqlite3_bind_int(st, 1, clearance);
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		struct rec *r;
		if (cw_grow(&p->recs, &cap, p->nrecs + 1, sizeof(*p->recs), 1024))
			goto oom;
		r = &p->recs[p->nrecs++];
		r->rid = sqlite3_column_int64(st, 0);
		r->id = col_str(&p->arena, st, 1);
		r->sex = col_str(&p->arena, st, 2);
		r->born = col_str(&p->arena, st, 3);
		r->region = col_str(&p->arena, st, 4);
		r->merged_into = col_str(&p->arena, st, 5);
		r->ent = UINT32_MAX;
		if (!r->id)
			goto oom;
	}
	if (s != SQLITE_DONE) {
		store_sqlerr(db, e, "dedup");
		goto out;
	}
	if (p->nrecs >= UINT32_MAX / 4) {
		cw_err_set(e, CW_ELIMIT, "dedup: too many people (%zu)", p->nrecs);
		goto out;
	}
	if (cw_map_reserve(&p->ids, p->nrecs))
		goto oom;
	for (size_t i = 0; i < p->nrecs; i++) {
		cw_map_val *v;
		/* ids are unique (the record table's key) */
		if (cw_map_put(&p->ids, p->recs[i].id, strlen(p->recs[i].id), &v) < 0)
			goto oom;
		v->u = i;
	}
	rc = 0;
	goto out;
oom:
	cw_err_set(e, CW_ENOMEM, "out of memory");
out:
	sqlite3_finalize(st);
	return rc;
}

/* Give every record its person: the end of its merged_into chain among
 * the loaded records (a merge into someone not visible stops at the last
 * visible person, as findings do). */
static int assign_people(store_people *p, cw_err *e)
{
	size_t n = 0;

	for (size_t i = 0; i < p->nrecs; i++) {
		size_t cur = i;
		for (int steps = 0; steps < MERGE_CHAIN_MAX && p->recs[cur].merged_into;
		     steps++) {
			long next = rec_by_id(p, p->recs[cur].merged_into);
			if (next < 0 || (size_t)next == i)
				break;
			cur = (size_t)next;
		}
		/* cur is i's root; roots get person numbers in rid order */
		p->recs[i].ent = (uint32_t)cur; /* provisional: a record index */
	}
	for (size_t i = 0; i < p->nrecs; i++)
		if (p->recs[i].ent == i)
			n++;
	if (!(p->p = calloc(n ? n : 1, sizeof(*p->p))))
		return cw_err_set(e, CW_ENOMEM, "out of memory");
	p->n = 0;
	for (size_t i = 0; i < p->nrecs; i++)
		if (p->recs[i].ent == i) {
			struct store_person *d = &p->p[p->n];
			d->id = p->recs[i].id;
			d->sex = p->recs[i].sex;
			d->born = p->recs[i].born;
			d->region = p->recs[i].region;
			p->recs[i].ent = (uint32_t)p->n++ | 0x80000000u;
		}
	for (size_t i = 0; i < p->nrecs; i++)
		if (!(p->recs[i].ent & 0x80000000u))
			p->recs[i].ent = p->recs[p->recs[i].ent].ent;
	for (size_t i = 0; i < p->nrecs; i++) {
		struct store_person *d;
		p->recs[i].ent &= 0x7fffffffu;
		d = &p->p[p->recs[i].ent];
		/* a merged person's facts fill what its target lacks */
		if (!d->sex)
			d->sex = p->recs[i].sex;
		if (!d->born)
			d->born = p->recs[i].born;
		if (!d->region)
			d->region = p->recs[i].region;
	}
	return 0;
}

/* Run a query of (rid or person id, text) rows into items. by_id: column
 * 0 is a person id, else a rid. */
static int collect(cw_db *db, store_people *p, const char *sql, int clearance, bool by_id,
                   struct items *it, cw_err *e)
{
	sqlite3_stmt *st = store_prepare(db, sql, e);
	int s, rc = -1;

	if (!st)
		return -1;
	sqlite3_bind_int(st, 1, clearance);
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		long r = by_id ? rec_by_id(p, (const char *)sqlite3_column_text(st, 0))
		               : rec_by_rid(p, sqlite3_column_int64(st, 0));
		const char *v;
		if (r < 0 || sqlite3_column_type(st, 1) == SQLITE_NULL)
			continue;
		if (!(v = col_str(&p->arena, st, 1)) || items_add(it, p->recs[r].ent, v)) {
			cw_err_set(e, CW_ENOMEM, "out of memory");
			goto out;
		}
	}
	if (s != SQLITE_DONE) {
		store_sqlerr(db, e, "dedup");
		goto out;
	}
	rc = 0;
out:
	sqlite3_finalize(st);
	return rc;
}

static int str_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

enum list { LIST_NAMES, LIST_ORGS, LIST_NUMBERS, LIST_SOURCES };

/* Hand each person its strings among the items, in the order collected
 * (a counting sort by person), and empty it. Names are kept as they
 * are; the other lists are sorted and rid of duplicates. */
static int distribute(store_people *p, struct items *it, enum list which, cw_err *e)
{
	size_t *start = calloc(p->n + 1, sizeof(*start));
	const char **all = cw_arena_alloc(&p->arena, (it->n ? it->n : 1) * sizeof(*all));

	if (!start || !all) {
		free(start);
		return cw_err_set(e, CW_ENOMEM, "out of memory");
	}
	for (size_t i = 0; i < it->n; i++)
		start[it->v[i].ent + 1]++;
	for (size_t i = 0; i < p->n; i++)
		start[i + 1] += start[i];
	for (size_t i = 0; i < it->n; i++)
		all[start[it->v[i].ent]++] = it->v[i].s;
	/* start[i] is now where person i + 1's strings begin */
	for (size_t i = 0, from = 0; i < p->n; from = start[i++]) {
		struct store_person *d = &p->p[i];
		const char **s = all + from;
		size_t k = start[i] - from;
		if (which != LIST_NAMES && k > 1) {
			size_t m = 1;
			qsort(s, k, sizeof(*s), str_cmp);
			for (size_t j = 1; j < k; j++)
				if (strcmp(s[m - 1], s[j]))
					s[m++] = s[j];
			k = m;
		}
		switch (which) {
		case LIST_NAMES: d->names = s, d->nnames = k; break;
		case LIST_ORGS: d->orgs = s, d->norgs = k; break;
		case LIST_NUMBERS: d->numbers = s, d->nnumbers = k; break;
		case LIST_SOURCES: d->sources = s, d->nsources = k; break;
		}
	}
	free(start);
	it->n = 0;
	return 0;
}

/* Case numbers and cited sources of each person. Cases: visible ones,
 * by their person. Sources: cited by the person or by one of its visible
 * cases, and visible at the clearance (a withdrawn consent counts as
 * confidential: STORE_OUT_VIS_SQL). One pass over the cite table with the
 * visible cases and sources in memory: joining cite with record row by
 * row read every record body (8.5 s of 15 at 1,000,000 people). */
static int load_cases_and_sources(cw_db *db, store_people *p, int clearance,
                                  struct items *it, cw_err *e)
{
	sqlite3_stmt *st = NULL;
	cw_arena rids = CW_ARENA_INIT;
	cw_map cases, src = CW_MAP_INIT; /* case rid -> its person; visible source ids */
	int s, rc = -1;

	cw_map_init(&cases, &rids);
	st = store_prepare(db,
	                   "SELECT k.rid, k.person, k.number FROM kase k JOIN record r ON"
	                   " r.rid=k.rid WHERE r.deleted=0 AND r.vis<=?1",
	                   e);
	if (!st)
		goto out;
	sqlite3_bind_int(st, 1, clearance);
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		const char *person = (const char *)sqlite3_column_text(st, 1);
		sqlite3_int64 rid = sqlite3_column_int64(st, 0);
		long r = person ? rec_by_id(p, person) : -1;
		cw_map_val *v;
		if (r < 0)
			continue;
		if (cw_map_put(&cases, &rid, sizeof(rid), &v) < 0)
			goto oom;
		v->u = p->recs[r].ent;
		if (sqlite3_column_type(st, 2) != SQLITE_NULL) {
			const char *num = col_str(&p->arena, st, 2);
			if (!num || items_add(it, p->recs[r].ent, num))
				goto oom;
		}
	}
	if (s != SQLITE_DONE) {
		store_sqlerr(db, e, "dedup");
		goto out;
	}
	sqlite3_finalize(st);
	st = NULL;
	if (distribute(p, it, LIST_NUMBERS, e))
		goto out;

	st = store_prepare(db,
	                   "SELECT s.id FROM (SELECT DISTINCT source FROM cite) d JOIN"
	                   " record s ON s.id=d.source WHERE s.deleted=0 AND "
	                   STORE_OUT_VIS_SQL("s") "<=?1",
	                   e);
	if (!st)
		goto out;
	sqlite3_bind_int(st, 1, clearance);
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		const char *id = col_str(&p->arena, st, 0);
		cw_map_val *v;
		if (!id || cw_map_put(&src, id, strlen(id), &v) < 0)
			goto oom;
	}
	if (s != SQLITE_DONE) {
		store_sqlerr(db, e, "dedup");
		goto out;
	}
	sqlite3_finalize(st);
	st = NULL;

	st = store_prepare(db, "SELECT rid, source FROM cite", e);
	if (!st)
		goto out;
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		sqlite3_int64 rid = sqlite3_column_int64(st, 0);
		const char *source = (const char *)sqlite3_column_text(st, 1);
		long r;
		uint32_t ent;
		if (!source || !cw_map_get(&src, source, strlen(source)))
			continue;
		if ((r = rec_by_rid(p, rid)) >= 0) {
			ent = p->recs[r].ent; /* the person's own citation */
		} else {
			const cw_map_val *c = cw_map_get(&cases, &rid, sizeof(rid));
			if (!c)
				continue; /* another record's, or not visible */
			ent = (uint32_t)c->u;
		}
		{
			const char *v = col_str(&p->arena, st, 1);
			if (!v || items_add(it, ent, v))
				goto oom;
		}
	}
	if (s != SQLITE_DONE) {
		store_sqlerr(db, e, "dedup");
		goto out;
	}
	if (distribute(p, it, LIST_SOURCES, e))
		goto out;
	rc = 0;
	goto out;
oom:
	cw_err_set(e, CW_ENOMEM, "out of memory");
out:
	sqlite3_finalize(st);
	cw_map_release(&cases);
	cw_map_release(&src);
	cw_arena_release(&rids);
	return rc;
}

int store_people_load(cw_db *db, int clearance, store_people **out,
                      struct store_person **persons, size_t *n, cw_err *e)
{
	store_people *p = calloc(1, sizeof(*p));
	struct items it = {0};
	int rc = -1;

	*out = NULL;
	*persons = NULL;
	*n = 0;
	if (!p) {
		cw_err_set(e, CW_ENOMEM, "out of memory");
		goto out;
	}
	if (load_records(db, p, clearance, e) || assign_people(p, e))
		goto out;
	if (collect(db, p,
	            "SELECT n.rid, n.name FROM name n JOIN record r ON"
	            " r.rid=n.rid WHERE r.type='person' AND r.deleted=0"
	            " AND r.vis<=?1",
	            clearance, false, &it, e) ||
	    distribute(p, &it, LIST_NAMES, e))
		goto out;
	/* organizations: visible affiliations (their visibility covers the
	 * person and the organization) */
	if (collect(
	        db, p,
	        "SELECT fp.target, fo.target FROM record r JOIN ref fp ON fp.rid=r.rid "
	        "AND"
	        " fp.field='person' JOIN ref fo ON fo.rid=r.rid AND fo.field="
	        "'organization' WHERE r.type='affiliation' AND r.deleted=0 AND r.vis<=?1",
	        clearance, true, &it, e) ||
	    distribute(p, &it, LIST_ORGS, e))
		goto out;
	if (load_cases_and_sources(db, p, clearance, &it, e))
		goto out;
	/* what only loading needs goes (at a million people, 64 MB of
	 * map and 40 MB of records) */
	if (!(p->found = malloc((p->nrecs ? p->nrecs : 1) * sizeof(*p->found)))) {
		cw_err_set(e, CW_ENOMEM, "out of memory");
		goto out;
	}
	for (size_t i = 0; i < p->nrecs; i++)
		p->found[i] = (struct found){p->recs[i].id, p->recs[i].ent};
	free(p->recs);
	p->recs = NULL;
	cw_map_release(&p->ids);
	*persons = p->p;
	*n = p->n;
	p->p = NULL;
	*out = p;
	p = NULL;
	rc = 0;
out:
	free(it.v);
	store_people_free(p);
	return rc;
}

void store_people_free(store_people *p)
{
	if (!p)
		return;
	cw_arena_release(&p->arena);
	free(p->recs);
	cw_map_release(&p->ids);
	free(p->found);
	free(p->p);
	free(p);
}

/* ---------------------------------------------------------------------
 * Merge and unmerge
 * ------------------------------------------------------------------- */

struct person_row {
	sqlite3_int64 rid;
	char *body;
	char *merged_into;
};

static void person_row_release(struct person_row *r)
{
	free(r->body);
	free(r->merged_into);
}

/* A live person visible at clearance, else CW_ENOTFOUND / CW_EINVAL. */
static int get_person(cw_db *db, const char *id, int clearance, struct person_row *out,
                      cw_err *e)
{
	sqlite3_stmt *st =
	    store_prepare(db,
	                  "SELECT r.rid, r.type, r.body, p.merged_into FROM"
	                  " record r LEFT JOIN person p ON p.rid=r.rid WHERE"
	                  " r.id=?1 AND r.deleted=0 AND r.vis<=?2",
	                  e);
	int s, rc = -1;

	memset(out, 0, sizeof(*out));
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, clearance);
	s = sqlite3_step(st);
	if (s == SQLITE_DONE) {
		cw_err_set(e, CW_ENOTFOUND, "'%s' not found", id);
		goto out;
	}
	if (s != SQLITE_ROW) {
		store_sqlerr(db, e, NULL);
		goto out;
	}
	if (strcmp((const char *)sqlite3_column_text(st, 1), "person")) {
		cw_err_set(e, CW_EINVAL, "'%s' is a %s, not a person", id,
		           (const char *)sqlite3_column_text(st, 1));
		goto out;
	}
	out->rid = sqlite3_column_int64(st, 0);
	out->body = strdup((const char *)sqlite3_column_text(st, 2));
	if (sqlite3_column_type(st, 3) != SQLITE_NULL)
		out->merged_into = strdup((const char *)sqlite3_column_text(st, 3));
	if (!out->body ||
	    (sqlite3_column_type(st, 3) != SQLITE_NULL && !out->merged_into)) {
		cw_err_set(e, CW_ENOMEM, "out of memory");
		goto out;
	}
	rc = 0;
out:
	sqlite3_finalize(st);
	if (rc)
		person_row_release(out);
	return rc;
}

/* Whether following merged_into from `from` reaches `to`. */
static int chain_reaches(cw_db *db, const char *from, const char *to, bool *hit,
                         cw_err *e)
{
	sqlite3_stmt *st =
	    store_prepare(db,
	                  "SELECT p.merged_into FROM record r JOIN person p ON"
	                  " p.rid=r.rid WHERE r.id=?1 AND r.deleted=0",
	                  e);
	char *cur = strdup(from);

	*hit = false;
	if (!st || !cur) {
		sqlite3_finalize(st);
		free(cur);
		return st ? cw_err_set(e, CW_ENOMEM, "out of memory") : -1;
	}
	for (int steps = 0; cur && steps < MERGE_CHAIN_MAX; steps++) {
		char *next = NULL;
		if (!strcmp(cur, to)) {
			*hit = true;
			break;
		}
		sqlite3_bind_text(st, 1, cur, -1, SQLITE_TRANSIENT);
		if (sqlite3_step(st) == SQLITE_ROW &&
		    sqlite3_column_type(st, 0) != SQLITE_NULL)
			next = strdup((const char *)sqlite3_column_text(st, 0));
		sqlite3_reset(st);
		free(cur);
		cur = next;
	}
	free(cur);
	sqlite3_finalize(st);
	return 0;
}

/* body with merged_into set to into (or removed when into is NULL), in
 * canonical order: type, id, then the other fields sorted by name. */
static json_t *with_merged_into(const char *body, const char *into, cw_err *e)
{
	json_t *in = json_loads(body, 0, NULL), *out;

	if (!in) {
		cw_err_set(e, CW_ECORRUPT, "stored JSON unreadable");
		return NULL;
	}
	if (into)
		json_object_set_new(in, "merged_into", json_string(into));
	else
		json_object_del(in, "merged_into");
	if (!(out = cw_json_record_order(in)))
		cw_err_set(e, CW_ENOMEM, "out of memory");
	json_decref(in);
	return out;
}

static int write_person(cw_db *db, const char *id, const char *body, const char *into,
                        const char *actor, const char *action, const char *how,
                        sqlite3_int64 rid, sqlite3_int64 other, cw_err *e)
{
	store_writer *w = NULL;
	json_t *obj = NULL;
	cw_buf b = CW_BUF_INIT;
	struct store_dangling *d = NULL;
	size_t nd = 0;
	enum store_put_result res;
	char target[32], detail[64];
	int rc = -1;

	if (!(obj = with_merged_into(body, into, e))) {
		cw_err_prefix(e, "'%s'", id);
		return -1;
	}
	if (cw_json_write(&b, obj)) {
		cw_err_set(e, CW_ENOMEM, "out of memory");
		goto out;
	}
	if (store_writer_open(db, &w, e))
		goto out;
	if (store_writer_actor(w, actor, action, e) || store_put(w, obj, b.data, 0, 0, &res, e))
		goto out;
	if ((rc = store_writer_check(w, &d, &nd, e)) != 0) {
		if (rc > 0)
			cw_err_set(e, CW_EINVAL,
			           "'%s' refers to '%s', which does not exist", d[0].id,
			           d[0].target);
		rc = -1;
		goto out;
	}
	rc = -1;
	snprintf(target, sizeof(target), "r:%lld", (long long)rid);
	snprintf(detail, sizeof(detail), "{\"%s\":\"r:%lld\"}", how, (long long)other);
	if (store_audit_append(db, actor, action, target, detail, e))
		goto out;
	rc = store_writer_commit(w, e);
	w = NULL;
out:
	store_writer_abort(w);
	store_dangling_free(d, nd);
	cw_buf_release(&b);
	json_decref(obj);
	return rc;
}

int store_merge(cw_db *db, const char *a, const char *b, int clearance, const char *actor,
                cw_err *e)
{
	struct person_row ra, rb;
	bool cycle = false;
	int rc = -1;

	memset(&rb, 0, sizeof(rb));
	if (get_person(db, a, clearance, &ra, e))
		return -1;
	if (get_person(db, b, clearance, &rb, e))
		goto out;
	if (!strcmp(a, b)) {
		cw_err_set(e, CW_EINVAL, "cannot merge '%s' into itself", a);
		goto out;
	}
	if (chain_reaches(db, b, a, &cycle, e))
		goto out;
	if (cycle) {
		cw_err_set(e, CW_EINVAL,
		           "'%s' is merged into '%s': merging '%s' into '%s' would"
		           " make a cycle",
		           b, a, a, b);
		goto out;
	}
	if (ra.merged_into) {
		cw_err_set(e, CW_EINVAL,
		           "'%s' is already merged into '%s' (unmerge it first)", a,
		           ra.merged_into);
		goto out;
	}
	if (rb.merged_into) {
		cw_err_set(e, CW_EINVAL,
		           "'%s' is itself merged into '%s': merge into '%s'", b,
		           rb.merged_into, rb.merged_into);
		goto out;
	}
	rc = write_person(db, a, ra.body, b, actor, "merge", "into", ra.rid, rb.rid, e);
out:
	person_row_release(&ra);
	person_row_release(&rb);
	return rc;
}

int store_unmerge(cw_db *db, const char *a, const char *b, int clearance,
                  const char *actor, cw_err *e)
{
	struct person_row ra, rb;
	int rc = -1;

	memset(&rb, 0, sizeof(rb));
	if (get_person(db, a, clearance, &ra, e))
		return -1;
	if (get_person(db, b, clearance, &rb, e))
		goto out;
	if (!ra.merged_into || strcmp(ra.merged_into, b)) {
		cw_err_set(e, CW_EINVAL, "'%s' is not merged into '%s'", a, b);
		goto out;
	}
	rc = write_person(db, a, ra.body, NULL, actor, "unmerge", "from", ra.rid, rb.rid,
	                  e);
out:
	person_row_release(&ra);
	person_row_release(&rb);
	return rc;
}
