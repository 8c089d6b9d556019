/* tests/unit/test_cluster.c: match/cluster.c, grouping records of one
 * person from scored pairs. Scores come from a hand-written matrix, so
 * every expectation follows from the rules in cluster.h: a pair joins
 * through a third record, average linkage keeps a record that matches one
 * member and not the rest out, pairs kept apart are never grouped. */
/* cmocka.h needs these first. */
/* clang-format off */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
/* clang-format on */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "match/cluster.h"

#define N 8
#define T 0.80

struct world {
	double s[N][N];
	bool apart[N][N];
	size_t calls;
};

static void set(struct world *w, uint32_t a, uint32_t b, double s)
{
	w->s[a][b] = w->s[b][a] = s;
}

static int score_fn(void *arg, uint32_t a, uint32_t b, double *score, bool *apart,
                    cw_err *e)
{
	struct world *w = arg;
	(void)e;
	w->calls++;
	*score = w->s[a][b];
	*apart = w->apart[a][b];
	return 0;
}

/* Links: every pair of the world at or above the threshold. */
static size_t links_of(const struct world *w, size_t n, struct cluster_link *l)
{
	size_t k = 0;
	for (uint32_t a = 0; a < n; a++)
		for (uint32_t b = a + 1; b < n; b++)
			if (w->s[a][b] >= T)
				l[k++] = (struct cluster_link){a, b, (float)w->s[a][b]};
	return k;
}

static const struct cluster_pair *find(const struct cluster_pair *v, size_t n, uint32_t a,
                                       uint32_t b)
{
	for (size_t i = 0; i < n; i++)
		if (v[i].a == a && v[i].b == b)
			return &v[i];
	return NULL;
}

static void run(struct world *w, size_t n, struct cluster_pair **out, size_t *nout,
                struct cluster_stats *st)
{
	struct cluster_link l[N * N];
	cw_err e = CW_ERR_INIT;
	size_t k = links_of(w, n, l);
	assert_int_equal(cluster_group(n, l, k, T, CLUSTER_LINK_MIN,
	                               CLUSTER_MAX_COMPONENT, score_fn, w, out, nout, st,
	                               &e),
	                 0);
}

/* A-B and B-C score well, A-C alone does not (an initial against a full
 * name, nothing else agrees): A-C is listed through B at the weaker link. */
static void chain_through_a_third(void **state)
{
	struct world w = {0};
	struct cluster_pair *v;
	size_t n;
	struct cluster_stats st;
	const struct cluster_pair *p;
	(void)state;
	set(&w, 0, 1, 0.95);
	set(&w, 1, 2, 0.90);
	set(&w, 0, 2, 0.75);
	run(&w, 3, &v, &n, &st);
	assert_int_equal(n, 1);
	p = find(v, n, 0, 2);
	assert_non_null(p);
	assert_int_equal(p->via, 1);
	assert_true(p->score > 0.899 && p->score < 0.901); /* the weaker link */
	assert_true(p->direct > 0.749 && p->direct < 0.751);
	assert_int_equal(st.components, 1);
	assert_int_equal(st.scored, 3);
	free(v);
}

/* A record without a birth date (2) matches two namesakes born in
 * different years (0 and 1, kept apart): it may join one, never both,
 * so 0-1 is never listed. */
static void apart_never_grouped(void **state)
{
	struct world w = {0};
	struct cluster_pair *v;
	size_t n;
	struct cluster_stats st;
	(void)state;
	set(&w, 0, 2, 0.90);
	set(&w, 1, 2, 0.90);
	set(&w, 0, 1, 0.30);
	w.apart[0][1] = w.apart[1][0] = true;
	run(&w, 3, &v, &n, &st);
	assert_null(find(v, n, 0, 1));
	assert_int_equal(n, 0);
	free(v);
	/* without the conflict a mean of (0.9 + 0.3) / 2 is still too low */
	w.apart[0][1] = w.apart[1][0] = false;
	run(&w, 3, &v, &n, &st);
	assert_int_equal(n, 0);
	free(v);
	/* and with a fair score it joins */
	set(&w, 0, 1, 0.70);
	run(&w, 3, &v, &n, &st);
	assert_int_equal(n, 1);
	assert_non_null(find(v, n, 0, 1));
	free(v);
}

/* Group {0,1,2} agrees throughout; 3 links to 0 only and scores low with
 * 1 and 2: average linkage keeps it out, so no 3-1 or 3-2 pair. */
static void average_keeps_stragglers_out(void **state)
{
	struct world w = {0};
	struct cluster_pair *v;
	size_t n;
	struct cluster_stats st;
	(void)state;
	set(&w, 0, 1, 0.95);
	set(&w, 0, 2, 0.95);
	set(&w, 1, 2, 0.76);
	set(&w, 0, 3, 0.85);
	set(&w, 1, 3, 0.20);
	set(&w, 2, 3, 0.20);
	run(&w, 4, &v, &n, &st);
	assert_int_equal(n, 1); /* 1-2, through 0 */
	assert_non_null(find(v, n, 1, 2));
	assert_int_equal(find(v, n, 1, 2)->via, 0);
	free(v);
}

/* A pair blocking never proposed that scores enough by itself is listed
 * as it is, without a via. */
static void unproposed_pair_found(void **state)
{
	struct world w = {0};
	struct cluster_link l[2] = {{0, 1, 0.9f}, {1, 2, 0.9f}};
	struct cluster_pair *v;
	size_t n;
	struct cluster_stats st;
	cw_err e = CW_ERR_INIT;
	(void)state;
	set(&w, 0, 1, 0.9);
	set(&w, 1, 2, 0.9);
	set(&w, 0, 2, 0.85); /* not among the links given */
	assert_int_equal(cluster_group(3, l, 2, T, CLUSTER_LINK_MIN,
	                               CLUSTER_MAX_COMPONENT, score_fn, &w, &v, &n, &st,
	                               &e),
	                 0);
	assert_int_equal(n, 1);
	assert_int_equal(v[0].via, CLUSTER_NO_VIA);
	assert_true(v[0].score > 0.849 && v[0].score < 0.851);
	free(v);
}

/* Components over the limit are left as their links; two separate
 * components do not meet; bad indexes are refused. */
static void limits_and_errors(void **state)
{
	struct world w = {0};
	struct cluster_link l[N * N];
	struct cluster_pair *v;
	size_t n, k;
	struct cluster_stats st;
	cw_err e = CW_ERR_INIT;
	(void)state;
	for (uint32_t i = 0; i + 1 < 5; i++)
		set(&w, i, i + 1, 0.9); /* a chain of five */
	k = links_of(&w, 5, l);
	assert_int_equal(
	    cluster_group(5, l, k, T, CLUSTER_LINK_MIN, 4, score_fn, &w, &v, &n, &st, &e),
	    0);
	assert_int_equal(n, 0);
	assert_int_equal(st.big_components, 1);
	assert_int_equal(st.biggest, 5);
	assert_int_equal(st.scored, 0);
	free(v);
	/* two groups of three: pairs only inside each */
	memset(&w, 0, sizeof(w));
	set(&w, 0, 1, 0.9);
	set(&w, 1, 2, 0.9);
	set(&w, 3, 4, 0.9);
	set(&w, 4, 5, 0.9);
	run(&w, 6, &v, &n, &st);
	assert_int_equal(n, 0); /* 0-2 and 3-5 score 0 by themselves */
	free(v);
	set(&w, 0, 2, 0.7);
	set(&w, 3, 5, 0.7);
	run(&w, 6, &v, &n, &st);
	assert_int_equal(n, 2);
	assert_non_null(find(v, n, 0, 2));
	assert_non_null(find(v, n, 3, 5));
	assert_int_equal(st.components, 2);
	free(v);
	l[0] = (struct cluster_link){0, 9, 0.9f};
	assert_int_equal(
	    cluster_group(6, l, 1, T, CLUSTER_LINK_MIN, 8, score_fn, &w, &v, &n, &st, &e),
	    -1);
	assert_int_equal(e.code, CW_EINVAL);
	/* nothing at all */
	assert_int_equal(cluster_group(0, NULL, 0, T, CLUSTER_LINK_MIN, 8, score_fn, &w,
	                               &v, &n, &st, &e),
	                 0);
	assert_int_equal(n, 0);
	free(v);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(chain_through_a_third),
	    cmocka_unit_test(apart_never_grouped),
	    cmocka_unit_test(average_keeps_stragglers_out),
	    cmocka_unit_test(unproposed_pair_found),
	    cmocka_unit_test(limits_and_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
