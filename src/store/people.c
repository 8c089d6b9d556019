/* store/people.c: name keys, dedup candidates and merges. See people.h. */
#include "store/people.h"

#include <jansson.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/grow.h"
#include "base/jsonout.h"
#include "base/map.h"
#include "match/match.h"
#include "match/region.h"
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
	                  " r.deleted=0 AND r.vis<=?2 ORDER BY r.id",
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
 * Loading people for dedup
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
	const char *s, *raw;
};

struct items {
	struct item *v;
	size_t n, cap;
};

/* (hash key, value) entries, sorted by key for blocks and look-ups. */
struct ent {
	uint64_t key;
	uint32_t val;
	uint32_t pad;
};

struct ents {
	struct ent *v;
	size_t n, cap;
};

/* LSD radix sort of entries by key, 16 bits a pass. */
static int radix_sort(struct ent *v, size_t n)
{
	struct ent *tmp = malloc((n ? n : 1) * sizeof(*tmp));
	size_t *count = malloc(65536 * sizeof(*count));
	struct ent *src = v, *dst = tmp;

	if (!tmp || !count) {
		free(tmp);
		free(count);
		return -1;
	}
	for (int pass = 0; pass < 4; pass++) {
		int shift = pass * 16;
		size_t sum = 0;
		memset(count, 0, 65536 * sizeof(*count));
		for (size_t i = 0; i < n; i++)
			count[(src[i].key >> shift) & 0xffff]++;
		for (size_t b = 0; b < 65536; b++) {
			size_t c = count[b];
			count[b] = sum;
			sum += c;
		}
		for (size_t i = 0; i < n; i++)
			dst[count[(src[i].key >> shift) & 0xffff]++] = src[i];
		struct ent *t = src;
		src = dst;
		dst = t;
	}
	/* four passes: the result is back in v */
	free(tmp);
	free(count);
	return 0;
}

static int ents_add(struct ents *a, uint64_t key, uint32_t val)
{
	if (cw_grow(&a->v, &a->cap, a->n + 1, sizeof(*a->v), 4096))
		return -1;
	a->v[a->n].key = key;
	a->v[a->n].val = val;
	a->v[a->n].pad = 0;
	a->n++;
	return 0;
}

/* The first entry with this key in entries sorted by key, or NULL. */
static const struct ent *ents_find(const struct ents *a, uint64_t key)
{
	size_t lo = 0, hi = a->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (a->v[mid].key < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < a->n && a->v[lo].key == key ? &a->v[lo] : NULL;
}

/* Folding names (ICU normalization, transliteration) is most of the
 * loading: it runs on LOAD_THREADS threads, each into its own arena. */
#define LOAD_THREADS 2

struct store_people {
	/* strings and arrays, freed at once; the fold threads' own */
	cw_arena arena, fold_arena[LOAD_THREADS];
	/* folded words of people's names: hash -> people bearing it */
	struct ents words;
	struct rec *recs; /* by rid */
	size_t nrecs;
	cw_map ids; /* id -> recs index */
	struct dedup_person *p;
	size_t n;
};

static int items_add(struct items *it, uint32_t ent, const char *s, const char *raw)
{
	if (cw_grow(&it->v, &it->cap, it->n + 1, sizeof(*it->v), 1024))
		return -1;
	it->v[it->n++] = (struct item){ent, s, raw};
	return 0;
}

static int item_cmp(const void *a, const void *b)
{
	const struct item *x = a, *y = b;

	if (x->ent != y->ent)
		return x->ent < y->ent ? -1 : 1;
	return strcmp(x->s, y->s);
}

size_t store_people_count(const store_people *p)
{
	return p->n;
}

const struct dedup_person *store_people_get(const store_people *p, size_t i)
{
	return &p->p[i];
}

static long rec_by_id(const store_people *p, const char *id)
{
	const cw_map_val *v = cw_map_get(&p->ids, id, strlen(id));

	return v ? (long)v->u : -1;
}

long store_people_find(const store_people *p, const char *id)
{
	long r = rec_by_id(p, id);
	return r < 0 ? -1 : (long)p->recs[r].ent;
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
			struct dedup_person *d = &p->p[p->n];
			d->id = p->recs[i].id;
			d->sex = p->recs[i].sex;
			d->born = p->recs[i].born;
			d->region_raw = p->recs[i].region;
			p->recs[i].ent = (uint32_t)p->n++ | 0x80000000u;
		}
	for (size_t i = 0; i < p->nrecs; i++)
		if (!(p->recs[i].ent & 0x80000000u))
			p->recs[i].ent = p->recs[p->recs[i].ent].ent;
	for (size_t i = 0; i < p->nrecs; i++) {
		struct dedup_person *d;
		p->recs[i].ent &= 0x7fffffffu;
		d = &p->p[p->recs[i].ent];
		/* a merged person's facts fill what its target lacks */
		if (!d->sex)
			d->sex = p->recs[i].sex;
		if (!d->born)
			d->born = p->recs[i].born;
		if (!d->region_raw)
			d->region_raw = p->recs[i].region;
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
		if (!(v = col_str(&p->arena, st, 1)) ||
		    items_add(it, p->recs[r].ent, v, v)) {
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

/* Sort items and hand each person its distinct strings. which: 0 names
 * (s = folded, raw = name), 1 organizations, 2 case numbers, 3 sources. */
static int distribute(store_people *p, struct items *it, int which, cw_err *e)
{
	size_t i = 0;

	qsort(it->v, it->n, sizeof(*it->v), item_cmp);
	while (i < it->n) {
		size_t j = i, k = 0;
		const char **s, **raw = NULL;
		struct dedup_person *d = &p->p[it->v[i].ent];
		while (j < it->n && it->v[j].ent == it->v[i].ent)
			j++;
		s = cw_arena_alloc(&p->arena, (j - i) * sizeof(*s));
		if (which == 0)
			raw = cw_arena_alloc(&p->arena, (j - i) * sizeof(*raw));
		if (!s || (which == 0 && !raw))
			return cw_err_set(e, CW_ENOMEM, "out of memory");
		for (size_t m = i; m < j; m++) {
			if (k && !strcmp(s[k - 1], it->v[m].s))
				continue;
			s[k] = it->v[m].s;
			if (raw)
				raw[k] = it->v[m].raw;
			k++;
		}
		switch (which) {
		case 0:
			d->folds = s;
			d->names = raw;
			d->nnames = k;
			break;
		case 1:
			d->orgs = s;
			d->norgs = k;
			break;
		case 2:
			d->numbers = s;
			d->nnumbers = k;
			break;
		default:
			d->sources = s;
			d->nsources = k;
			break;
		}
		i = j;
	}
	it->n = 0;
	return 0;
}

/* Fold each person's region, each distinct region once (they repeat):
 * regions maps a raw region to its folded form, or to NULL when it
 * folds to nothing. */
static int fold_regions(store_people *p, cw_err *e)
{
	cw_map regions = CW_MAP_INIT;
	cw_buf tmp = CW_BUF_INIT;
	int rc = -1;

	for (size_t i = 0; i < p->n; i++) {
		const char *raw = p->p[i].region_raw;
		cw_err ignored = CW_ERR_INIT;
		cw_map_val *v;
		int r;
		if (!raw || !*raw)
			continue;
		if ((r = cw_map_put(&regions, raw, strlen(raw), &v)) < 0)
			goto oom;
		if (r > 0) {
			cw_buf_reset(&tmp);
			if (!match_fold_region(raw, strlen(raw), &tmp, &ignored) && tmp.len &&
			    !(v->p = cw_arena_strndup(&p->arena, tmp.data, tmp.len)))
				goto oom;
		}
		p->p[i].region = v->p;
	}
	rc = 0;
	goto out;
oom:
	cw_err_set(e, CW_ENOMEM, "out of memory");
out:
	cw_map_release(&regions);
	cw_buf_release(&tmp);
	return rc;
}

/* A visible source among the entries (hash of its id -> index in ids),
 * sorted by hash. */
static bool source_visible(const struct ents *src, const char *const *ids, const char *id)
{
	uint64_t h = cw_hash(id, strlen(id), 5);

	for (const struct ent *x = ents_find(src, h);
	     x && x < src->v + src->n && x->key == h; x++)
		if (!strcmp(ids[x->val], id))
			return true;
	return false;
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
	struct ents cases = {0}; /* case rid -> its person */
	struct ents src = {0};   /* source id hash -> index in ids */
	const char **ids = NULL;
	size_t capi = 0;
	int s, rc = -1;

	st = store_prepare(db,
	                   "SELECT k.rid, k.person, k.number FROM kase k JOIN record r ON"
	                   " r.rid=k.rid WHERE r.deleted=0 AND r.vis<=?1",
	                   e);
	if (!st)
		goto out;
	sqlite3_bind_int(st, 1, clearance);
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		const char *person = (const char *)sqlite3_column_text(st, 1);
		long r = person ? rec_by_id(p, person) : -1;
		if (r < 0)
			continue;
		if (ents_add(&cases, (uint64_t)sqlite3_column_int64(st, 0),
		             p->recs[r].ent))
			goto oom;
		if (sqlite3_column_type(st, 2) != SQLITE_NULL) {
			const char *num = col_str(&p->arena, st, 2);
			if (!num || items_add(it, p->recs[r].ent, num, num))
				goto oom;
		}
	}
	if (s != SQLITE_DONE) {
		store_sqlerr(db, e, "dedup");
		goto out;
	}
	sqlite3_finalize(st);
	st = NULL;
	if (distribute(p, it, 2, e))
		goto out;
	if (radix_sort(cases.v, cases.n))
		goto oom;

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
		if (!id)
			goto oom;
		if (src.n >= UINT32_MAX ||
		    cw_grow(&ids, &capi, src.n + 1, sizeof(*ids), 4096) ||
		    ents_add(&src, cw_hash(id, strlen(id), 5), (uint32_t)src.n))
			goto oom;
		ids[src.n - 1] = id;
	}
	if (s != SQLITE_DONE) {
		store_sqlerr(db, e, "dedup");
		goto out;
	}
	sqlite3_finalize(st);
	st = NULL;
	if (radix_sort(src.v, src.n))
		goto oom;

	st = store_prepare(db, "SELECT rid, source FROM cite", e);
	if (!st)
		goto out;
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		sqlite3_int64 rid = sqlite3_column_int64(st, 0);
		const char *source = (const char *)sqlite3_column_text(st, 1);
		long r;
		uint32_t ent;
		if (!source || !source_visible(&src, ids, source))
			continue;
		if ((r = rec_by_rid(p, rid)) >= 0) {
			ent = p->recs[r].ent; /* the person's own citation */
		} else {
			const struct ent *c = ents_find(&cases, (uint64_t)rid);
			if (!c)
				continue; /* another record's, or not visible */
			ent = c->val;
		}
		{
			const char *v = col_str(&p->arena, st, 1);
			if (!v || items_add(it, ent, v, v))
				goto oom;
		}
	}
	if (s != SQLITE_DONE) {
		store_sqlerr(db, e, "dedup");
		goto out;
	}
	if (distribute(p, it, 3, e))
		goto out;
	rc = 0;
	goto out;
oom:
	cw_err_set(e, CW_ENOMEM, "out of memory");
out:
	sqlite3_finalize(st);
	free(cases.v);
	free(src.v);
	free(ids);
	return rc;
}

struct fold_job {
	struct item *v;
	size_t from, to;
	cw_arena *arena;
	bool failed;
};

static void *fold_range(void *arg)
{
	struct fold_job *j = arg;
	cw_buf fold = CW_BUF_INIT;

	for (size_t i = j->from; i < j->to && !j->failed; i++) {
		cw_err ignored = CW_ERR_INIT;
		cw_buf_reset(&fold);
		/* refused by the matcher, or no letters: no match on this name */
		if (match_fold_name(j->v[i].raw, strlen(j->v[i].raw), &fold, &ignored) ||
		    !fold.len) {
			j->v[i].s = NULL;
			continue;
		}
		if (!(j->v[i].s = cw_arena_strndup(j->arena, fold.data, fold.len)))
			j->failed = true;
	}
	cw_buf_release(&fold);
	return NULL;
}

static int load_names(cw_db *db, store_people *p, int clearance, struct items *it,
                      cw_err *e)
{
	sqlite3_stmt *st =
	    store_prepare(db,
	                  "SELECT n.rid, n.name FROM name n JOIN record r ON"
	                  " r.rid=n.rid WHERE r.type='person' AND r.deleted=0"
	                  " AND r.vis<=?1",
	                  e);
	struct fold_job jobs[LOAD_THREADS];
	pthread_t th[LOAD_THREADS];
	bool started[LOAD_THREADS] = {false};
	size_t first = it->n, k;
	int s, rc = -1;

	memset(jobs, 0, sizeof(jobs));
	if (!st)
		return -1;
	sqlite3_bind_int(st, 1, clearance);
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		long r = rec_by_rid(p, sqlite3_column_int64(st, 0));
		const char *name = (const char *)sqlite3_column_text(st, 1);
		const char *raw;
		if (r < 0 || !name)
			continue;
		raw = cw_arena_strndup(&p->arena, name, (size_t)sqlite3_column_bytes(st, 1));
		if (!raw || items_add(it, p->recs[r].ent, NULL, raw)) {
			cw_err_set(e, CW_ENOMEM, "out of memory");
			goto out;
		}
	}
	if (s != SQLITE_DONE) {
		store_sqlerr(db, e, "dedup");
		goto out;
	}
	for (size_t t = 0; t < LOAD_THREADS; t++) {
		size_t n = it->n - first;
		jobs[t] = (struct fold_job){it->v, first + n * t / LOAD_THREADS,
		                            first + n * (t + 1) / LOAD_THREADS,
		                            &p->fold_arena[t], false};
		if (t + 1 < LOAD_THREADS &&
		    !pthread_create(&th[t], NULL, fold_range, &jobs[t]))
			started[t] = true;
		else
			fold_range(&jobs[t]); /* the last range, or no thread */
	}
	for (size_t t = 0; t < LOAD_THREADS; t++)
		if (started[t])
			pthread_join(th[t], NULL);
	/* drop the names the matcher refused */
	k = first;
	for (size_t i = first; i < it->n; i++)
		if (it->v[i].s)
			it->v[k++] = it->v[i];
	it->n = k;
	rc = 0;
	for (size_t t = 0; t < LOAD_THREADS; t++)
		if (jobs[t].failed)
			rc = cw_err_set(e, CW_ENOMEM, "out of memory");
out:
	sqlite3_finalize(st);
	return rc;
}

#define SORTED_WORDS_MAX 64

/* Sort the words of a folded name: the name's key regardless of order.
 * initials: keep one-letter words ("m akbergenova" is not everyone
 * called Akbergenova). */
static size_t sorted_words(const char *fold, bool initials, char *out, size_t cap)
{
	const char *w[SORTED_WORDS_MAX];
	size_t wl[SORTED_WORDS_MAX], n = 0, o = 0;
	const char *s = fold;

	while (*s && n < SORTED_WORDS_MAX) {
		const char *t = strchr(s, ' ');
		size_t l = t ? (size_t)(t - s) : strlen(s);
		if (l > 1 || (l == 1 && initials)) {
			w[n] = s;
			wl[n++] = l;
		}
		s += l;
		while (*s == ' ')
			s++;
	}
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0; j--) {
			size_t m = wl[j] < wl[j - 1] ? wl[j] : wl[j - 1];
			int c = memcmp(w[j - 1], w[j], m);
			if (c < 0 || (c == 0 && wl[j - 1] <= wl[j]))
				break;
			const char *tw = w[j];
			size_t tl = wl[j];
			w[j] = w[j - 1];
			wl[j] = wl[j - 1];
			w[j - 1] = tw;
			wl[j - 1] = tl;
		}
	for (size_t i = 0; i < n && o + wl[i] + 1 < cap; i++) {
		memcpy(out + o, w[i], wl[i]);
		o += wl[i];
		out[o++] = ' ';
	}
	return o;
}

static int int_cmp(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

/* Known holders of each name (words sorted, initials kept): the
 * birth years of the people bearing it, each run of HOLDER_YEARS
 * consecutive years counted once (an age turned into a year is often a
 * year late, and a miswritten digit makes another year off: one person
 * born in 1979 is written 1978, 1979 and 1980); at least 2 when both
 * sexes bear it (but one record of a sex against several of the other
 * is a sex mistyped); at least 1. A person's name_count is the largest over
 * its names. How many records bear a name says nothing by itself: a
 * prosecuted activist may be in dozens of articles. */
#define HOLDER_YEARS 3

static unsigned holders(const store_people *p, const struct ent *v, size_t n)
{
	int years[64];
	unsigned count[64]; /* records giving years[i] */
	char days[64][6];   /* "MM-DD" of a full date of years[i], or "" */
	bool gone[64] = {false};
	size_t ny = 0, h = 0, kept = 0;
	size_t m = 0, f = 0; /* records giving each sex */

	for (size_t i = 0; i < n; i++) {
		const struct dedup_person *d = &p->p[v[i].val];
		int y = 0;
		size_t k;
		if (d->sex && !strcmp(d->sex, "m"))
			m++;
		if (d->sex && !strcmp(d->sex, "f"))
			f++;
		if (!d->born || strlen(d->born) < 4)
			continue;
		for (k = 0; k < 4; k++)
			y = y * 10 + (d->born[k] - '0');
		for (k = 0; k < ny && years[k] != y; k++)
			;
		if (k == ny) {
			if (ny == 64)
				continue;
			years[ny] = y;
			count[ny] = 0;
			days[ny++][0] = '\0';
		}
		count[k]++;
		if (!days[k][0] && strlen(d->born) == 10)
			memcpy(days[k], d->born + 5, 6);
	}
	/* full dates of one day whose years differ in a digit (1976-10-14,
	 * 1986-10-14) are one date miswritten: the year fewer records give
	 * (the later of two given as often) is dropped */
	for (size_t i = 0; i < ny; i++)
		for (size_t j = 0; j < ny; j++)
			if (i != j && !gone[i] && !gone[j] && days[i][0] &&
			    !strcmp(days[i], days[j]) &&
			    (count[i] > count[j] ||
			     (count[i] == count[j] && years[i] < years[j])) &&
			    dedup_one_digit_apart(years[i], years[j]))
				gone[j] = true;
	for (size_t i = 0; i < ny; i++)
		if (!gone[i])
			years[kept++] = years[i];
	ny = kept;
	/* a holder for each run of years that spans more than HOLDER_YEARS */
	qsort(years, ny, sizeof(years[0]), int_cmp);
	for (size_t i = 0, anchor = 0; i < ny; i++)
		if (!i || years[i] > years[anchor] + HOLDER_YEARS - 1) {
			h++;
			anchor = i;
		}
	/* both sexes: two people, unless one record says the other sex
	 * against several (a sex mistyped: names of one sex mostly) */
	if (m && f && h < 2 && (m == f || (m >= 2 && f >= 2)))
		return 2;
	return h ? (unsigned)h : 1;
}

/* Initials the database resolves. "Сайгазыев С.Ш." and "Sagat
 * Saigazyev" agree only in part, and alone they stay under the
 * threshold: another Saigazyev may be called S-something. But when the
 * names in the database hold "saigazyev" beside one word starting with
 * "s" and no other ("sagat"), the initial can only be that word: the
 * person gets the name with the initial written out ("sagat saigazyev",
 * other initials dropped) as one more name. Two different words starting
 * with the letter next to the surname (Viktor Kim, Vadim Kim) leave
 * "Kim V." as it is; two spellings of one (Sergey and Serhii Vakhruk,
 * match_skeleton_sim >= INITIAL_SAME_WORD) count as one word. */
#define INITIAL_WORDS 16
#define INITIAL_SAME_WORD 0.80

struct word {
	const char *s;
	size_t len;
};

static size_t name_words(const char *fold, struct word *w, size_t max)
{
	size_t n = 0;

	for (const char *s = fold; *s && n < max;) {
		size_t l = strcspn(s, " ");
		w[n++] = (struct word){s, l};
		s += l;
		s += strspn(s, " ");
	}
	return n;
}

static uint64_t word_letter_key(const struct word *w, char c)
{
	return cw_hash(w->s, w->len, (unsigned char)c + 41);
}

static int expand_initials(store_people *p, bool *ambiguous, cw_err *e)
{
	struct ents a = {0};
	struct word *occ = NULL;
	size_t nocc = 0, capocc = 0;
	struct ents uniq = {0}; /* key -> occ index of a word; pad: several */
	cw_buf b = CW_BUF_INIT;
	int rc = -1;

	/* every (word, first letter of another full word) of full names */
	for (size_t i = 0; i < p->n; i++)
		for (size_t j = 0; j < p->p[i].nnames; j++) {
			struct word w[INITIAL_WORDS];
			size_t n = name_words(p->p[i].folds[j], w, INITIAL_WORDS);
			for (size_t x = 0; x < n; x++)
				for (size_t y = 0; y < n; y++) {
					if (x == y || w[x].len < 2 || w[y].len < 2)
						continue;
					if (cw_grow(&occ, &capocc, nocc + 1, sizeof(*occ), 4096))
						goto oom;
					occ[nocc] = w[y];
					if (nocc >= UINT32_MAX ||
					    ents_add(&a, word_letter_key(&w[x], w[y].s[0]),
					             (uint32_t)nocc++))
						goto oom;
				}
		}
	if (radix_sort(a.v, a.n))
		goto oom;
	for (size_t i = 0; i < a.n;) {
		size_t j = i;
		bool one = true;
		const struct word *f = &occ[a.v[i].val];
		for (; j < a.n && a.v[j].key == a.v[i].key; j++) {
			const struct word *o = &occ[a.v[j].val];
			/* the same word, or another spelling of it (Sergey, Serhii) */
			one = one && ((o->len == f->len && !memcmp(o->s, f->s, f->len)) ||
			              match_skeleton_sim(o->s, o->len, f->s, f->len) >=
			                  INITIAL_SAME_WORD);
		}
		if (ents_add(&uniq, a.v[i].key, a.v[i].val))
			goto oom;
		uniq.v[uniq.n - 1].pad = !one; /* 1: several words */
		i = j;
	}
	free(a.v);
	a.v = NULL;
	/* names with an initial: write the first initial out when every full
	 * word of the name resolves it to the same word */
	for (size_t i = 0; i < p->n; i++) {
		struct dedup_person *d = &p->p[i];
		size_t nn = d->nnames;
		bool written_out = dedup_names_written_out(d);
		for (size_t j = 0; j < nn; j++) {
			struct word w[INITIAL_WORDS];
			size_t n = name_words(d->folds[j], w, INITIAL_WORDS), first = n, full = 0;
			const struct word *v = NULL;
			bool ok = true;
			for (size_t x = 0; x < n; x++) {
				if (w[x].len == 1 && first == n)
					first = x;
				full += w[x].len > 1;
			}
			if (first == n || !full)
				continue;
			for (size_t x = 0; x < n && ok; x++) {
				const struct ent *u;
				if (w[x].len < 2)
					continue;
				u = ents_find(&uniq, word_letter_key(&w[x], w[first].s[0]));
				if (!u) {
					ok = false;
				} else if (u->pad) {
					/* M. could be Madina or Marzhan: a name of two
					 * people at least, unless the person's other
					 * names write it out */
					ambiguous[i] = ambiguous[i] || !written_out;
					ok = false;
				} else {
					if (v && (v->len != occ[u->val].len ||
					          memcmp(v->s, occ[u->val].s, v->len)))
						ok = false;
					v = &occ[u->val];
				}
			}
			if (!ok || !v)
				continue;
			cw_buf_reset(&b);
			for (size_t x = 0; x < n; x++) {
				const struct word *t = x == first ? v : &w[x];
				if (x != first && w[x].len < 2)
					continue; /* other initials: a patronymic's */
				if (b.len)
					cw_buf_addch(&b, ' ');
				cw_buf_add(&b, t->s, t->len);
			}
			{
				const char *f = cw_arena_strndup(&p->arena, b.data, b.len);
				const char **folds =
				    cw_arena_alloc(&p->arena, (d->nnames + 1) * sizeof(*folds));
				const char **names =
				    cw_arena_alloc(&p->arena, (d->nnames + 1) * sizeof(*names));
				bool dup = false;
				if (!f || !folds || !names)
					goto oom;
				for (size_t x = 0; x < d->nnames; x++)
					dup = dup || !strcmp(d->folds[x], f);
				if (dup)
					continue;
				memcpy(folds, d->folds, d->nnames * sizeof(*folds));
				memcpy(names, d->names, d->nnames * sizeof(*names));
				folds[d->nnames] = f;
				names[d->nnames] = f; /* the folded form reads as a name */
				d->folds = folds;
				d->names = names;
				d->nnames++;
			}
		}
	}
	rc = 0;
	goto out;
oom:
	cw_err_set(e, CW_ENOMEM, "out of memory");
out:
	free(a.v);
	free(uniq.v);
	free(occ);
	cw_buf_release(&b);
	return rc;
}

/* The fathers' names in each person's patronymics (dedup_patronymic). */
static int find_fathers(store_people *p, cw_err *e)
{
	for (size_t i = 0; i < p->n; i++) {
		struct dedup_person *d = &p->p[i];
		const char **f = NULL;
		size_t n = 0;
		for (size_t j = 0; j < d->nnames; j++) {
			char root[MATCH_MAX_TOKEN_BYTES + 1];
			size_t l = dedup_patronymic(d->folds[j], root, sizeof(root));
			bool seen = false;
			if (!l)
				continue;
			if (!f && !(f = cw_arena_alloc(&p->arena, d->nnames * sizeof(*f))))
				return cw_err_set(e, CW_ENOMEM, "out of memory");
			for (size_t k = 0; k < n; k++)
				seen = seen || !strcmp(f[k], root);
			if (!seen && !(f[n++] = cw_arena_strndup(&p->arena, root, l)))
				return cw_err_set(e, CW_ENOMEM, "out of memory");
		}
		d->fathers = f;
		d->nfathers = n;
	}
	return 0;
}

/* How many people's names hold each folded word (two letters or more;
 * a person counts once however many names hold it). */
#define WORD_HASH_SEED 7

static int count_words(store_people *p, cw_err *e)
{
	struct ents a = {0};
	size_t n = 0;

	for (size_t i = 0; i < p->n; i++) {
		const struct dedup_person *d = &p->p[i];
		size_t first = a.n;
		for (size_t j = 0; j < d->nnames; j++) {
			struct word w[INITIAL_WORDS];
			size_t nw = name_words(d->folds[j], w, INITIAL_WORDS);
			for (size_t x = 0; x < nw; x++) {
				uint64_t h = cw_hash(w[x].s, w[x].len, WORD_HASH_SEED);
				bool seen = false;
				if (w[x].len < 2)
					continue;
				for (size_t k = first; k < a.n && !seen; k++)
					seen = a.v[k].key == h;
				if (!seen && ents_add(&a, h, (uint32_t)i))
					goto oom;
			}
		}
	}
	if (radix_sort(a.v, a.n))
		goto oom;
	/* one entry a word, its value the people bearing it */
	for (size_t i = 0; i < a.n; i++) {
		if (!i || a.v[i].key != a.v[n - 1].key)
			a.v[n++] = (struct ent){a.v[i].key, 0, 0};
		a.v[n - 1].val++;
	}
	a.n = n;
	p->words = a;
	return 0;
oom:
	free(a.v);
	return cw_err_set(e, CW_ENOMEM, "out of memory");
}

/* dedup_person.word_count: people bearing a folded word. */
static unsigned word_people(const void *ctx, const char *w, size_t len)
{
	const store_people *p = ctx;
	const struct ent *x = ents_find(&p->words, cw_hash(w, len, WORD_HASH_SEED));

	return x ? x->val : 0;
}

static int count_names(store_people *p, cw_err *e)
{
	struct ents a = {0};
	char buf[1024];
	int rc = -1;

	for (size_t i = 0; i < p->n; i++) {
		const struct dedup_person *d = &p->p[i];
		for (size_t j = 0; j < d->nnames; j++) {
			size_t l = sorted_words(d->folds[j], true, buf, sizeof(buf));
			if (ents_add(&a, cw_hash(buf, l, 1), (uint32_t)i))
				goto oom;
		}
	}
	if (radix_sort(a.v, a.n))
		goto oom;
	for (size_t i = 0; i < p->n; i++)
		p->p[i].name_count = 1;
	for (size_t i = 0; i < a.n;) {
		size_t j = i;
		unsigned h;
		while (j < a.n && a.v[j].key == a.v[i].key)
			j++;
		h = j - i > 1 ? holders(p, a.v + i, j - i) : 1;
		for (size_t m = i; m < j; m++)
			if (p->p[a.v[m].val].name_count < h)
				p->p[a.v[m].val].name_count = h;
		i = j;
	}
	rc = 0;
	goto out;
oom:
	cw_err_set(e, CW_ENOMEM, "out of memory");
out:
	free(a.v);
	return rc;
}

int store_people_load(cw_db *db, int clearance, store_people **out, cw_err *e)
{
	store_people *p = calloc(1, sizeof(*p));
	struct items it = {0};
	bool *ambiguous = NULL; /* a name's initial could be several words */
	int rc = -1;

	*out = NULL;
	if (!p) {
		cw_err_set(e, CW_ENOMEM, "out of memory");
		goto out;
	}
	if (load_records(db, p, clearance, e) || assign_people(p, e))
		goto out;
	if (load_names(db, p, clearance, &it, e) || distribute(p, &it, 0, e))
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
	    distribute(p, &it, 1, e))
		goto out;
	if (load_cases_and_sources(db, p, clearance, &it, e))
		goto out;
	if (fold_regions(p, e))
		goto out;
	if (!(ambiguous = calloc(p->n ? p->n : 1, sizeof(*ambiguous)))) {
		cw_err_set(e, CW_ENOMEM, "out of memory");
		goto out;
	}
	if (expand_initials(p, ambiguous, e) || find_fathers(p, e) || count_names(p, e) ||
	    count_words(p, e))
		goto out;
	for (size_t i = 0; i < p->n; i++) {
		struct dedup_person *d = &p->p[i];
		d->word_count = word_people;
		d->word_ctx = p;
		d->written_out = dedup_names_written_out(d) ? 1 : -1;
	}
	for (size_t i = 0; i < p->n; i++)
		if (ambiguous[i] && p->p[i].name_count < 2)
			p->p[i].name_count = 2;
	*out = p;
	p = NULL;
	rc = 0;
out:
	free(ambiguous);
	free(it.v);
	store_people_free(p);
	return rc;
}

void store_people_free(store_people *p)
{
	if (!p)
		return;
	cw_arena_release(&p->arena);
	for (size_t t = 0; t < LOAD_THREADS; t++)
		cw_arena_release(&p->fold_arena[t]);
	free(p->words.v);
	free(p->recs);
	cw_map_release(&p->ids);
	free(p->p);
	free(p);
}

/* ---------------------------------------------------------------------
 * Candidates
 * ------------------------------------------------------------------- */

struct pairs {
	uint64_t *v;
	size_t n, cap;
};

static int pairs_add(struct pairs *pr, uint32_t a, uint32_t b)
{
	if (cw_grow(&pr->v, &pr->cap, pr->n + 1, sizeof(*pr->v), 65536))
		return -1;
	pr->v[pr->n++] = a < b ? ((uint64_t)a << 32 | b) : ((uint64_t)b << 32 | a);
	return 0;
}

static int u32_cmp(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return x < y ? -1 : x > y;
}

/* Members of a huge block in the order of their facts: birth date, then
 * region, then index (people without a fact last). */
static int fact_cmp(const void *x, const void *y, void *arg)
{
	const store_people *p = arg;
	const struct dedup_person *a = &p->p[*(const uint32_t *)x];
	const struct dedup_person *b = &p->p[*(const uint32_t *)y];
	int c;

	if (!a->born != !b->born)
		return a->born ? -1 : 1;
	if (a->born && (c = strcmp(a->born, b->born)))
		return c;
	if (!a->region != !b->region)
		return a->region ? -1 : 1;
	if (a->region && (c = strcmp(a->region, b->region)))
		return c;
	return u32_cmp(x, y);
}

/* Emit the pairs of one block (members may repeat). A block of more than
 * max_block people is not expanded into all its pairs; with window > 0
 * each member is paired with the next window - 1 in the order of their
 * facts (sorted neighbourhood): a name borne by hundreds of people, or a
 * person recorded hundreds of times under one name, costs pairs in
 * proportion to its members, and records whose facts agree still meet. */
static int block_pairs(const store_people *p, uint32_t *m, size_t n, size_t max_block,
                       size_t window, struct pairs *pr, struct store_block_stats *st)
{
	size_t k = 0;

	qsort(m, n, sizeof(*m), u32_cmp);
	for (size_t i = 0; i < n; i++)
		if (!k || m[k - 1] != m[i])
			m[k++] = m[i];
	if (k < 2)
		return 0;
	st->blocks++;
	if (k > st->biggest)
		st->biggest = k;
	if (k > max_block) {
		st->big_blocks++;
		if (!window)
			return 0;
		qsort_r(m, k, sizeof(*m), fact_cmp, (void *)p);
		for (size_t i = 0; i < k; i++)
			for (size_t j = i + 1; j < k && j < i + window; j++)
				if (pairs_add(pr, m[i], m[j]))
					return -1;
		return 0;
	}
	for (size_t i = 0; i < k; i++)
		for (size_t j = i + 1; j < k; j++)
			if (pairs_add(pr, m[i], m[j]))
				return -1;
	return 0;
}

/* Blocks of sorted (key, person) entries. */
static int ents_blocks(const store_people *p, struct ents *a, size_t max_block,
                       size_t window, struct pairs *pr, struct store_block_stats *st)
{
	uint32_t *m = NULL;
	size_t cap = 0;
	int rc = -1;

	if (radix_sort(a->v, a->n))
		return -1;
	for (size_t i = 0; i < a->n;) {
		size_t j = i;
		while (j < a->n && a->v[j].key == a->v[i].key)
			j++;
		if (j - i > 1) {
			if (j - i > cap) {
				uint32_t *nm = realloc(m, (j - i) * sizeof(*m));
				if (!nm)
					goto out;
				m = nm;
				cap = j - i;
			}
			for (size_t q = i; q < j; q++)
				m[q - i] = a->v[q].val;
			if (block_pairs(p, m, j - i, max_block, window, pr, st))
				goto out;
		}
		i = j;
	}
	rc = 0;
out:
	free(m);
	return rc;
}

/* Compound keys of one folded name: for each ordered pair of its words
 * (u, v), u with v's consonants, u with v's first three letters, u with
 * v's last three letters. They split the huge blocks of common given
 * names and common surnames while tolerating a typo in the other word.
 * Into ini: u with the first letter of v, a word or an initial. */
static int compound_keys(const char *fold, uint32_t ent, struct ents *a, struct ents *ini)
{
	const char *w[16], *iw[16];
	size_t wl[16], n = 0, ni = 0;
	const char *s = fold;

	while (*s && ni < 16) {
		const char *t = strchr(s, ' ');
		size_t l = t ? (size_t)(t - s) : strlen(s);
		if (l > 1) {
			w[n] = s;
			wl[n++] = l;
		}
		if (l)
			iw[ni++] = s; /* every word, initials too */
		s += l;
		while (*s == ' ')
			s++;
	}
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < n; j++) {
			char buf[2 * MATCH_MAX_TOKEN_BYTES + 8];
			size_t o, base;
			if (i == j || wl[i] > MATCH_MAX_TOKEN_BYTES ||
			    wl[j] > MATCH_MAX_TOKEN_BYTES)
				continue;
			memcpy(buf, w[i], wl[i]);
			o = wl[i];
			buf[o++] = '|';
			base = o;
			for (size_t c = 0; c < wl[j]; c++)
				if (!strchr("aeiou", w[j][c]))
					buf[o++] = w[j][c];
			if (ents_add(a, cw_hash(buf, o, 11), ent))
				return -1;
			o = base;
			memcpy(buf + o, w[j], wl[j] < 3 ? wl[j] : 3);
			o += wl[j] < 3 ? wl[j] : 3;
			if (ents_add(a, cw_hash(buf, o, 12), ent))
				return -1;
			if (wl[j] > 3) {
				o = base;
				memcpy(buf + o, w[j] + wl[j] - 3, 3);
				o += 3;
				if (ents_add(a, cw_hash(buf, o, 13), ent))
					return -1;
			}
		}
	/* u with v's first letter, v a word or an initial: "M. Aqbergenova"
	 * and "Madina Aqbergenova" share "akbergenova|m". In their own list,
	 * flagged when v is an initial: only pairs with an initial side are
	 * made from these keys (ini_blocks) */
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < ni; j++) {
			char buf[MATCH_MAX_TOKEN_BYTES + 8];
			bool initial = iw[j][1] == '\0' || iw[j][1] == ' ';
			if (w[i] == iw[j] || wl[i] > MATCH_MAX_TOKEN_BYTES)
				continue;
			memcpy(buf, w[i], wl[i]);
			buf[wl[i]] = '|';
			buf[wl[i] + 1] = iw[j][0];
			if (ents_add(ini, cw_hash(buf, wl[i] + 2, 14), ent))
				return -1;
			ini->v[ini->n - 1].pad = initial;
		}
	return 0;
}

/* Blocks of the word-and-first-letter keys: a block with an initial in
 * it pairs each record with an initial with every other member (up to
 * max_block members); pairs of two full names are left to the finer
 * compound keys. */
static int ini_blocks(struct ents *a, size_t max_block, struct pairs *pr,
                      struct store_block_stats *st)
{
	if (radix_sort(a->v, a->n))
		return -1;
	for (size_t i = 0; i < a->n;) {
		size_t j = i;
		bool any = false;
		while (j < a->n && a->v[j].key == a->v[i].key)
			any |= a->v[j++].pad != 0;
		if (any && j - i > 1) {
			st->blocks++;
			if (j - i > st->biggest)
				st->biggest = j - i;
			if (j - i > max_block) {
				st->big_blocks++;
			} else {
				for (size_t x = i; x < j; x++)
					for (size_t y = i; y < j; y++)
						if (a->v[x].pad &&
						    a->v[x].val != a->v[y].val &&
						    (!a->v[y].pad || x < y) &&
						    pairs_add(pr, a->v[x].val,
						              a->v[y].val))
							return -1;
			}
		}
		i = j;
	}
	return 0;
}

/* The whole name (words sorted) with one fact: birth year, region, a
 * case number. They split the blocks of very common names (hundreds of
 * "Nurlan Akhmetov"), where only records that share a fact can be told
 * to be one person anyway. And each word of two letters or more with a
 * case number: a record of the surname alone, or with a typo in the
 * other word, meets the full name in the same case. (Not a word with the
 * birth year: a surname and a year are shared by too many people, and
 * the pairs they add are mostly different people.) */
static int fact_keys(const struct dedup_person *d, const char *fold, uint32_t ent,
                     struct ents *a)
{
	char buf[1024];
	size_t l = sorted_words(fold, false, buf, sizeof(buf) - 16);
	uint64_t h = cw_hash(buf, l, 21);

	for (const char *s = fold; *s;) {
		const char *t = strchr(s, ' ');
		size_t wl = t ? (size_t)(t - s) : strlen(s);
		if (wl > 1) {
			uint64_t hw = cw_hash(s, wl, 22);
			for (size_t i = 0; i < d->nnumbers; i++)
				if (ents_add(a,
				             cw_hash(d->numbers[i],
				                        strlen(d->numbers[i]), hw + 2),
				             ent))
					return -1;
		}
		s += wl;
		while (*s == ' ')
			s++;
	}

	if (d->born && strlen(d->born) >= 4 &&
	    ents_add(a, cw_hash(d->born, 4, h), ent))
		return -1;
	if (d->region &&
	    ents_add(a, cw_hash(d->region, strlen(d->region), h + 1), ent))
		return -1;
	for (size_t i = 0; i < d->nnumbers; i++)
		if (ents_add(a, cw_hash(d->numbers[i], strlen(d->numbers[i]), h + 2),
		             ent))
			return -1;
	return 0;
}

static int u64_cmp(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

/* Sort pairs packed as (a << 32 | b), a < b < people: repacked as
 * (a << bits | b) with bits enough for people, then an LSD radix sort of
 * as many 16-bit digits as that needs (3 for a million people, not 4),
 * and unpacked. */
static int sort_pairs(uint64_t *v, size_t n, size_t people)
{
	unsigned bits = 1, passes;
	uint64_t *tmp, *src = v, *dst;
	size_t *count;

	while (bits < 32 && ((size_t)1 << bits) < people)
		bits++;
	passes = (2 * bits + 15) / 16;
	tmp = malloc(n * sizeof(*tmp));
	count = malloc(65536 * sizeof(*count));
	if (!tmp || !count) {
		free(tmp);
		free(count);
		return -1;
	}
	dst = tmp;
	for (size_t i = 0; i < n; i++)
		v[i] = (v[i] >> 32) << bits | (v[i] & 0xffffffffu);
	for (unsigned pass = 0; pass < passes; pass++) {
		unsigned shift = pass * 16;
		size_t sum = 0;
		uint64_t *t;
		memset(count, 0, 65536 * sizeof(*count));
		for (size_t i = 0; i < n; i++)
			count[(src[i] >> shift) & 0xffff]++;
		for (size_t b = 0; b < 65536; b++) {
			size_t c = count[b];
			count[b] = sum;
			sum += c;
		}
		for (size_t i = 0; i < n; i++)
			dst[count[(src[i] >> shift) & 0xffff]++] = src[i];
		t = src;
		src = dst;
		dst = t;
	}
	if (src != v)
		memcpy(v, src, n * sizeof(*v));
	for (size_t i = 0; i < n; i++)
		v[i] = (v[i] >> bits) << 32 | (v[i] & (((uint64_t)1 << bits) - 1));
	free(tmp);
	free(count);
	return 0;
}

int store_people_candidates(cw_db *db, const store_people *p, size_t max_block,
                            struct store_pair **pairs, size_t *npairs,
                            struct store_block_stats *st, cw_err *e)
{
	sqlite3_stmt *q = NULL;
	struct ents a = {0}, w = {0}, ini = {0}, whole = {0};
	struct pairs pr = {0};
	char prefix[16];
	size_t plen;
	int s, rc = -1;

	*pairs = NULL;
	*npairs = 0;
	memset(st, 0, sizeof(*st));
	/* the stored keys of the current version, in key order */
	plen = (size_t)snprintf(prefix, sizeof(prefix), "%d:", MATCH_KEY_VERSION);
	q = store_prepare(db, "SELECT key, rid FROM name_key WHERE key>=?1 AND key<?2",
	                  e);
	if (!q)
		goto out;
	{
		char hi[16];
		memcpy(hi, prefix, plen + 1);
		hi[plen - 1] = ';'; /* the character after ':' */
		sqlite3_bind_text(q, 1, prefix, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(q, 2, hi, -1, SQLITE_TRANSIENT);
	}
	while ((s = sqlite3_step(q)) == SQLITE_ROW) {
		long r = rec_by_rid(p, sqlite3_column_int64(q, 1));
		const char *key = (const char *)sqlite3_column_text(q, 0);
		if (r < 0 || !key)
			continue;
		/* one word's keys (t, c) pair people who share only that word:
		 * worth it in small blocks only; whole-name keys (s) in any
		 * block, huge ones by their facts' order */
		if (ents_add(key[plen] == 's' ? &whole : &w,
		             cw_hash(key, (size_t)sqlite3_column_bytes(q, 0), 3),
		             p->recs[r].ent))
			goto oom;
	}
	if (s != SQLITE_DONE) {
		store_sqlerr(db, e, "dedup");
		goto out;
	}
	for (size_t i = 0; i < p->n; i++)
		for (size_t j = 0; j < p->p[i].nnames; j++)
			if (compound_keys(p->p[i].folds[j], (uint32_t)i, &a, &ini) ||
			    fact_keys(&p->p[i], p->p[i].folds[j], (uint32_t)i, &a))
				goto oom;
	if (ini_blocks(&ini, max_block, &pr, st))
		goto oom;
	free(ini.v);
	ini.v = NULL;
	if (ents_blocks(p, &whole, max_block, STORE_DEDUP_WINDOW, &pr, st) ||
	    ents_blocks(p, &a, max_block, 0, &pr, st) ||
	    ents_blocks(p, &w,
	                (max_block + STORE_DEDUP_WORD_SHARE - 1) / STORE_DEDUP_WORD_SHARE,
	                0, &pr, st))
		goto oom;
	free(whole.v);
	whole.v = NULL;
	free(w.v);
	w.v = NULL;
	free(a.v);
	a.v = NULL;
	/* each pair once */
	if (pr.n > (1u << 16)) {
		if (sort_pairs(pr.v, pr.n, p->n))
			goto oom;
	} else {
		qsort(pr.v, pr.n, sizeof(*pr.v), u64_cmp);
	}
	{
		size_t k = 0;
		struct store_pair *out;
		for (size_t i = 0; i < pr.n; i++)
			if (!k || pr.v[k - 1] != pr.v[i])
				pr.v[k++] = pr.v[i];
		out = malloc((k ? k : 1) * sizeof(*out));
		if (!out)
			goto oom;
		for (size_t i = 0; i < k; i++) {
			out[i].a = (uint32_t)(pr.v[i] >> 32);
			out[i].b = (uint32_t)pr.v[i];
		}
		*pairs = out;
		*npairs = k;
		st->pairs = k;
	}
	rc = 0;
	goto out;
oom:
	cw_err_set(e, CW_ENOMEM, "out of memory");
out:
	sqlite3_finalize(q);
	free(a.v);
	free(w.v);
	free(ini.v);
	free(whole.v);
	free(pr.v);
	return rc;
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
