/* match/run.c: one dedup run. See run.h. */
#include "match/run.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/check.h"
#include "match/parallel.h"

static int default_score(void *arg, const struct dedup_person *a,
                         const struct dedup_person *b, int how, struct dedup_result *r,
                         cw_err *e)
{
	(void)arg;
	return dedup_score(a, b, how, r, e);
}

static dedup_score_fn scorer(const struct dedup_opts *o)
{
	return o->score ? o->score : default_score;
}

static double now_s(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

struct scoring {
	const dedup_people *p;
	const struct dedup_opts *o;
	const struct dedup_pair *pairs;
	float *scores;
};

#define SCORE_AHEAD 8 /* pairs */

static void score_range(void *arg, size_t part, size_t from, size_t to)
{
	const struct scoring *j = arg;
	dedup_score_fn score = scorer(j->o);
	struct dedup_result r;
	(void)part;

	for (size_t i = from; i < to; i++) {
		cw_err e = CW_ERR_INIT;
		const struct dedup_person *a = dedup_people_get(j->p, j->pairs[i].a);
		const struct dedup_person *b = dedup_people_get(j->p, j->pairs[i].b);
		/* pairs come sorted by a, so b is anywhere in memory: ask for a
		 * later pair's b, then its list of names, then its first name */
		if (i + 3 * SCORE_AHEAD < to)
			__builtin_prefetch(
			    dedup_people_get(j->p, j->pairs[i + 3 * SCORE_AHEAD].b));
		if (i + 2 * SCORE_AHEAD < to)
			__builtin_prefetch(
			    dedup_people_get(j->p, j->pairs[i + 2 * SCORE_AHEAD].b)
			        ->folds);
		if (i + SCORE_AHEAD < to) {
			const struct dedup_person *n =
			    dedup_people_get(j->p, j->pairs[i + SCORE_AHEAD].b);
			if (n->nnames)
				__builtin_prefetch(n->folds[0]);
		}
		/* a loaded name is one the matcher accepted: scoring it cannot
		 * fail */
		if (CW_NEVER(score(j->o->score_arg, a, b, DEDUP_BULK, &r, &e)))
			r.score = 0;
		else if (r.bound && r.score >= j->o->threshold && /* an upper bound */
		         CW_NEVER(score(j->o->score_arg, a, b, DEDUP_EXACT, &r, &e)))
			r.score = 0;
		j->scores[i] = (float)r.score;
	}
}

/* Scores inside a group: records whose birth dates, sexes or fathers
 * disagree are never grouped (a record without them may join one
 * namesake, not two); different regions only lower the score (people
 * move). */
static int exact_score(void *arg, uint32_t a, uint32_t b, double *score, bool *apart,
                       cw_err *e)
{
	const struct scoring *j = arg;
	struct dedup_result r;

	if (scorer(j->o)(j->o->score_arg, dedup_people_get(j->p, a),
	                 dedup_people_get(j->p, b), DEDUP_EXACT, &r, e))
		return -1;
	*score = r.score;
	*apart = (r.conflicts & (DEDUP_CONFLICT_SEX | DEDUP_CONFLICT_BORN |
	                         DEDUP_CONFLICT_FATHER)) != 0;
	return 0;
}

static int hit_cmp(const void *x, const void *y)
{
	const struct dedup_hit *p = x, *q = y;

	if (p->score != q->score)
		return p->score > q->score ? -1 : 1;
	if (p->a != q->a) /* ties: a stable order */
		return p->a < q->a ? -1 : 1;
	return (p->b > q->b) - (p->b < q->b);
}

int dedup_run(const dedup_people *p, const struct dedup_opts *o, struct dedup_hit **hits,
              size_t *nhits, struct dedup_stats *st, cw_err *e)
{
	struct dedup_pair *pairs = NULL;
	float *scores = NULL;
	struct cluster_link *links = NULL;
	struct cluster_pair *grouped = NULL;
	struct dedup_hit *out = NULL;
	struct scoring sc = {p, o, NULL, NULL};
	size_t npairs = 0, nlinks = 0, ngrouped = 0;
	double t0, t1, t2, t3;
	int rc = -1;

	*hits = NULL;
	*nhits = 0;
	memset(st, 0, sizeof(*st));
	assert(o->jobs >= 1 && o->jobs <= DEDUP_MAX_JOBS);
	t0 = now_s();
	if (dedup_block(p, o->max_block, &pairs, &npairs, &st->block, e))
		goto out;
	t1 = now_s();
	if (!(scores = malloc((npairs ? npairs : 1) * sizeof(*scores))))
		goto oom;
	sc.pairs = pairs;
	sc.scores = scores;
	match_parallel(npairs, o->jobs, score_range, &sc);
	t2 = now_s();
	for (size_t i = 0; i < npairs; i++)
		nlinks += scores[i] >= (float)o->threshold;
	if (!(links = malloc((nlinks ? nlinks : 1) * sizeof(*links))))
		goto oom;
	nlinks = 0;
	for (size_t i = 0; i < npairs; i++)
		if (scores[i] >= (float)o->threshold)
			links[nlinks++] =
			    (struct cluster_link){pairs[i].a, pairs[i].b, scores[i]};
	free(scores);
	scores = NULL;
	free(pairs);
	pairs = NULL;
	if (!o->direct &&
	    cluster_group(dedup_people_count(p), links, nlinks, o->threshold,
	                  CLUSTER_LINK_MIN, CLUSTER_MAX_COMPONENT, exact_score, &sc,
	                  &grouped, &ngrouped, &st->groups, e))
		goto out;
	t3 = now_s();
	if (!(out = malloc((nlinks + ngrouped ? nlinks + ngrouped : 1) * sizeof(*out))))
		goto oom;
	for (size_t i = 0; i < nlinks; i++)
		out[i] = (struct dedup_hit){links[i].a, links[i].b, DEDUP_NO_VIA,
		                            links[i].score};
	for (size_t i = 0; i < ngrouped; i++)
		out[nlinks + i] = (struct dedup_hit){grouped[i].a, grouped[i].b,
		                                     grouped[i].via, grouped[i].score};
	qsort(out, nlinks + ngrouped, sizeof(*out), hit_cmp);
	*hits = out;
	*nhits = nlinks + ngrouped;
	out = NULL;
	st->links = nlinks;
	st->added = ngrouped;
	st->blocking_s = t1 - t0;
	st->scoring_s = t2 - t1;
	st->grouping_s = t3 - t2;
	rc = 0;
	goto out;
oom:
	cw_err_set(e, CW_ENOMEM, "out of memory");
out:
	free(out);
	free(grouped);
	free(links);
	free(scores);
	free(pairs);
	return rc;
}

bool dedup_hit_explain(const dedup_people *p, const struct dedup_opts *o,
                       const struct dedup_hit *h, struct dedup_result *r, double *score,
                       char via[DEDUP_REASON_MAX])
{
	cw_err ignored = CW_ERR_INIT;

	via[0] = '\0';
	/* both were scored before, without failing */
	(void)CW_NEVER(scorer(o)(o->score_arg, dedup_people_get(p, h->a),
	                         dedup_people_get(p, h->b), DEDUP_REASONS, r, &ignored));
	if (h->via == DEDUP_NO_VIA) {
		/* the score it was listed with, now with reasons */
		assert((float)r->score == h->score);
		if (r->score < o->threshold)
			return false; /* (float)r->score rounded up to the threshold */
		*score = r->score;
	} else {
		*score = h->score;
		snprintf(via, DEDUP_REASON_MAX,
		         "linked through '%s' (score by itself %.2f)",
		         dedup_people_get(p, h->via)->id, r->score);
		dedup_utf8_trim(via);
	}
	return true;
}
