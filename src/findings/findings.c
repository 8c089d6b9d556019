/* findings/findings.c: the counting. See findings.h and DESIGN.md. */
#include "findings/findings.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/grow.h"

#define SEP '\x1f'

bool findings_covers(const char *p, const char *charge)
{
	size_t n = strlen(p);

	if (strncmp(p, charge, n))
		return false;
	return charge[n] == '\0' || (charge[n] == '-' && charge[n + 1] != '\0');
}

bool findings_provision_valid(const char *id)
{
	size_t n = strlen(id);

	if (n == 0 || n > 200 || id[0] == '-' || id[n - 1] == '-')
		return false;
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)id[i];
		bool ok = (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') ||
		          (ch >= '0' && ch <= '9') || ch == '-' || ch == '.' || ch == '_';
		if (!ok || (ch == '-' && id[i + 1] == '-'))
			return false;
	}
	return true;
}

long findings_get(const struct findings_count *list, size_t n, const char *key)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(list[i].key, key))
			return list[i].n;
	return 0;
}

/* A growing list of malloc'd strings "key\x1fmember". */
struct pairs {
	char **v;
	size_t n, cap;
	bool oom;
};

static void pairs_add(struct pairs *p, const char *key, const char *member)
{
	cw_buf b = CW_BUF_INIT;

	if (p->oom)
		return;
	if (cw_grow(&p->v, &p->cap, p->n + 1, sizeof(*p->v), 16)) {
		p->oom = true;
		return;
	}
	if (cw_buf_adds(&b, key) || cw_buf_addch(&b, SEP) || cw_buf_adds(&b, member)) {
		cw_buf_release(&b);
		p->oom = true;
		return;
	}
	p->v[p->n++] = cw_buf_detach(&b, NULL);
}

static void pairs_release(struct pairs *p)
{
	for (size_t i = 0; i < p->n; i++)
		free(p->v[i]);
	free(p->v);
	memset(p, 0, sizeof(*p));
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sort, drop duplicates, and count distinct members per key. */
static int pairs_count(struct pairs *p, struct findings_count **out, size_t *nout)
{
	size_t n = 0, cap = 0;
	struct findings_count *c = NULL;

	*out = NULL;
	*nout = 0;
	if (p->oom)
		return -1;
	if (p->n)
		qsort(p->v, p->n, sizeof(*p->v), cmp_str);
	for (size_t i = 0; i < p->n; i++) {
		const char *s = p->v[i], *sep = strchr(s, SEP);
		size_t klen = (size_t)(sep - s);
		if (i > 0 && !strcmp(s, p->v[i - 1]))
			continue;
		if (n > 0 && strlen(c[n - 1].key) == klen && !memcmp(c[n - 1].key, s, klen)) {
			c[n - 1].n++;
			continue;
		}
		if (cw_grow(&c, &cap, n + 1, sizeof(*c), 8))
			goto fail;
		if (!(c[n].key = strndup(s, klen)))
			goto fail;
		c[n++].n = 1;
	}
	*out = c;
	*nout = n;
	return 0;
fail:
	for (size_t i = 0; i < n; i++)
		free(c[i].key);
	free(c);
	return -1;
}

static void counts_free(struct findings_count *c, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(c[i].key);
	free(c);
}

void findings_result_release(struct findings_result *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->nrepeat_ids; i++)
		free(r->repeat_person_ids[i]);
	free(r->repeat_person_ids);
	counts_free(r->by_year, r->nby_year);
	counts_free(r->by_region, r->nby_region);
	counts_free(r->by_event, r->nby_event);
	counts_free(r->sources_by_kind, r->nsources_by_kind);
	for (size_t i = 0; i < r->ncounted; i++)
		free(r->counted[i].event_counted);
	free(r->counted);
	memset(r, 0, sizeof(*r));
}

static bool case_covered(const struct store_fcase *c, const char *p)
{
	for (size_t i = 0; i < c->ncharges; i++)
		if (findings_covers(p, c->charges[i]))
			return true;
	return false;
}

static bool case_sourced(const struct store_fcase *c, int clearance)
{
	if (c->ncites)
		return true;
	for (size_t i = 0; i < c->nevents; i++)
		if (c->events[i].vis <= clearance && c->events[i].ncites)
			return true;
	return false;
}

/* Earliest first day over the case's visible dated events; LONG_MAX if none. */
static long case_earliest(const struct store_fcase *c, int clearance)
{
	long best = LONG_MAX;

	for (size_t i = 0; i < c->nevents; i++) {
		const struct store_fevent *ev = &c->events[i];
		if (ev->vis <= clearance && ev->dated && ev->first < best)
			best = ev->first;
	}
	return best;
}

/* Earliest last day of a dated convicted/sentenced event; LONG_MAX if none. */
static long case_conviction(const struct store_fcase *c, int clearance)
{
	long best = LONG_MAX;

	for (size_t i = 0; i < c->nevents; i++) {
		const struct store_fevent *ev = &c->events[i];
		if (ev->vis > clearance || !ev->dated)
			continue;
		if ((!strcmp(ev->kind, "convicted") || !strcmp(ev->kind, "sentenced")) &&
		    ev->last < best)
			best = ev->last;
	}
	return best;
}

static const char *case_region(const struct store_fcase *c)
{
	if (c->region && *c->region)
		return c->region;
	if (c->person_region && *c->person_region)
		return c->person_region;
	return "unknown";
}

static int cmp_by_root(const void *a, const void *b)
{
	const struct findings_case *x = a, *y = b;
	int r = strcmp(x->c->root, y->c->root);
	return r ? r : strcmp(x->c->id, y->c->id);
}

static int cmp_by_id(const void *a, const void *b)
{
	const struct findings_case *x = a, *y = b;
	return strcmp(x->c->id, y->c->id);
}

/* repeat_persons: within each person's counted cases, B is a repeat when
 * another case A has a conviction or sentence strictly before B's
 * earliest dated event. Sorts r->counted by person (restored by caller). */
static int find_repeats(struct findings_result *r, int clearance, struct pairs *ids)
{
	size_t i = 0;

	qsort(r->counted, r->ncounted, sizeof(*r->counted), cmp_by_root);
	while (i < r->ncounted) {
		size_t j = i;
		bool any = false;
		while (j < r->ncounted && !strcmp(r->counted[j].c->root, r->counted[i].c->root))
			j++;
		for (size_t b = i; j - i > 1 && b < j; b++) {
			long earliest = case_earliest(r->counted[b].c, clearance);
			if (earliest == LONG_MAX)
				continue;
			for (size_t a = i; a < j; a++) {
				if (a != b && case_conviction(r->counted[a].c, clearance) < earliest) {
					r->counted[b].repeat = true;
					any = true;
					break;
				}
			}
		}
		if (any) {
			/* Name the person by the id visible at this clearance. */
			pairs_add(ids, r->counted[i].c->person_shown, "");
			r->repeat_persons++;
		}
		i = j;
	}
	qsort(r->counted, r->ncounted, sizeof(*r->counted), cmp_by_id);
	return ids->oom ? -1 : 0;
}

int findings_compute(const struct store_findings *data, const struct findings_query *q,
                     struct findings_result *out, cw_err *e)
{
	struct pairs persons = { 0 }, years = { 0 }, regions = { 0 }, events = { 0 },
		     sources = { 0 }, repeat_ids = { 0 };
	struct findings_count *pc = NULL;
	size_t npc = 0;
	bool period = q->from.year || q->to.year;
	long pfrom = q->from.year ? cw_date_first_day(&q->from) : LONG_MIN;
	long pto = q->to.year ? cw_date_last_day(&q->to) : LONG_MAX;
	int rc = -1;

	memset(out, 0, sizeof(*out));
	if (data->ncases && !(out->counted = calloc(data->ncases, sizeof(*out->counted))))
		goto oom;
	for (size_t i = 0; i < data->ncases; i++) {
		const struct store_fcase *c = &data->cases[i];
		struct findings_case *fc = &out->counted[out->ncounted];
		bool meets = !period;
		long earliest;

		if (c->vis > q->clearance || !case_covered(c, q->provision))
			continue;
		if (c->nevents && !(fc->event_counted = calloc(c->nevents, sizeof(bool))))
			goto oom;
		for (size_t k = 0; k < c->nevents; k++) {
			const struct store_fevent *ev = &c->events[k];
			bool in = ev->vis <= q->clearance &&
			          (!period || (ev->dated && ev->first <= pto && ev->last >= pfrom));
			fc->event_counted[k] = in;
			if (in && period)
				meets = true;
		}
		if (meets && !q->include_unsourced && !case_sourced(c, q->clearance)) {
			out->unsourced++;
			meets = false;
		}
		if (!meets) {
			free(fc->event_counted);
			fc->event_counted = NULL;
			continue;
		}
		fc->c = c;
		fc->region = case_region(c);
		earliest = case_earliest(c, q->clearance);
		if (earliest != LONG_MAX) {
			int y, m, d;
			cw_civil_from_days(earliest, &y, &m, &d);
			fc->year = y;
		}
		out->ncounted++;
	}

	for (size_t i = 0; i < out->ncounted; i++) {
		const struct findings_case *fc = &out->counted[i];
		const struct store_fcase *c = fc->c;
		char year[16];

		pairs_add(&persons, "", c->root);
		if (fc->year) {
			snprintf(year, sizeof(year), "%d", fc->year);
			pairs_add(&years, year, c->id);
		}
		pairs_add(&regions, fc->region, c->root);
		for (size_t k = 0; k < c->ncites; k++)
			pairs_add(&sources, c->cites[k].source,
			          c->cites[k].kind && *c->cites[k].kind ? c->cites[k].kind : "other");
		for (size_t k = 0; k < c->nevents; k++) {
			const struct store_fevent *ev = &c->events[k];
			if (ev->vis > q->clearance)
				continue;
			if (fc->event_counted[k])
				pairs_add(&events, ev->kind, c->root);
			for (size_t m = 0; m < ev->ncites; m++)
				pairs_add(&sources, ev->cites[m].source,
				          ev->cites[m].kind && *ev->cites[m].kind ? ev->cites[m].kind
				                                                  : "other");
		}
	}
	out->cases = (long)out->ncounted;
	if (pairs_count(&persons, &pc, &npc))
		goto oom;
	out->persons = npc ? pc[0].n : 0;
	counts_free(pc, npc);
	if (pairs_count(&years, &out->by_year, &out->nby_year) ||
	    pairs_count(&regions, &out->by_region, &out->nby_region) ||
	    pairs_count(&events, &out->by_event, &out->nby_event))
		goto oom;
	/* Sources: distinct by id (one kind each), then counted by kind. */
	if (pairs_count(&sources, &pc, &npc))
		goto oom;
	out->sources = (long)npc;
	counts_free(pc, npc);
	{
		struct pairs bykind = { 0 };
		for (size_t i = 0; i < sources.n; i++) {
			const char *sep = strchr(sources.v[i], SEP);
			char *src = strndup(sources.v[i], (size_t)(sep - sources.v[i]));
			if (!src) {
				pairs_release(&bykind);
				goto oom;
			}
			pairs_add(&bykind, sep + 1, src);
			free(src);
		}
		if (pairs_count(&bykind, &out->sources_by_kind, &out->nsources_by_kind)) {
			pairs_release(&bykind);
			goto oom;
		}
		pairs_release(&bykind);
	}
	if (find_repeats(out, q->clearance, &repeat_ids))
		goto oom;
	if (pairs_count(&repeat_ids, &pc, &npc))
		goto oom;
	if (npc && !(out->repeat_person_ids = calloc(npc, sizeof(char *)))) {
		counts_free(pc, npc);
		goto oom;
	}
	for (size_t i = 0; i < npc; i++) {
		out->repeat_person_ids[i] = pc[i].key; /* take the key */
		pc[i].key = NULL;
	}
	out->nrepeat_ids = npc;
	counts_free(pc, npc);
	rc = 0;
	goto out;
oom:
	cw_err_set(e, CW_ENOMEM, "out of memory");
	findings_result_release(out);
out:
	pairs_release(&persons);
	pairs_release(&years);
	pairs_release(&regions);
	pairs_release(&events);
	pairs_release(&sources);
	pairs_release(&repeat_ids);
	return rc;
}
