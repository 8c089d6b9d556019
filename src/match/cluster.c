/* match/cluster.c: grouping records of one person. See cluster.h. */
#include "match/cluster.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "base/grow.h"

static uint32_t find(uint32_t *up, uint32_t x)
{
	while (up[x] != x) {
		up[x] = up[up[x]];
		x = up[x];
	}
	return x;
}

struct out {
	struct cluster_pair *v;
	size_t n, cap;
};

static int out_add(struct out *o, uint32_t a, uint32_t b, uint32_t via, double score,
                   double direct)
{
	if (cw_grow(&o->v, &o->cap, o->n + 1, sizeof(*o->v), 1024))
		return -1;
	o->v[o->n++] = (struct cluster_pair){a < b ? a : b, a < b ? b : a, via,
	                                     (float)score, (float)direct};
	return 0;
}

/* The work space of one component of k records (k <= max). */
struct comp {
	size_t max;
	double *s;     /* exact pair scores, k x k */
	double *w;     /* widest path within a group, k x k */
	double *sum;   /* score sums between groups, k x k */
	uint8_t *link; /* 1: an input link, 2: a pair found to score enough */
	uint8_t *glink;
	uint8_t *apart; /* pairs of records, then of groups, kept apart */
	uint32_t *grp;  /* group of each record */
	uint32_t *size; /* records of each group; 0: merged away */
};

static void comp_release(struct comp *c)
{
	free(c->s);
	free(c->w);
	free(c->sum);
	free(c->link);
	free(c->glink);
	free(c->apart);
	free(c->grp);
	free(c->size);
}

static int comp_init(struct comp *c, size_t max)
{
	memset(c, 0, sizeof(*c));
	c->max = max;
	c->s = malloc(max * max * sizeof(double));
	c->w = malloc(max * max * sizeof(double));
	c->sum = malloc(max * max * sizeof(double));
	c->link = malloc(max * max);
	c->glink = malloc(max * max);
	c->apart = malloc(max * max);
	c->grp = malloc(max * sizeof(uint32_t));
	c->size = malloc(max * sizeof(uint32_t));
	if (!c->s || !c->w || !c->sum || !c->link || !c->glink || !c->apart || !c->grp ||
	    !c->size) {
		comp_release(c);
		return -1;
	}
	return 0;
}

/* Average linkage: join the pair of linked groups, none of whose pairs
 * is apart, with the best mean score while it is at least link_min. */
static void join_groups(struct comp *c, size_t k, double link_min)
{
	for (size_t i = 0; i < k; i++) {
		c->grp[i] = (uint32_t)i;
		c->size[i] = 1;
		for (size_t j = 0; j < k; j++) {
			c->sum[i * k + j] = c->s[i * k + j];
			c->glink[i * k + j] = c->link[i * k + j] != 0;
		}
	}
	for (;;) {
		double best = -1;
		size_t bg = 0, bh = 0;
		for (size_t g = 0; g < k; g++) {
			if (!c->size[g])
				continue;
			for (size_t h = g + 1; h < k; h++) {
				double mean;
				if (!c->size[h] || !c->glink[g * k + h] ||
				    c->apart[g * k + h])
					continue;
				mean =
				    c->sum[g * k + h] / ((double)c->size[g] * c->size[h]);
				if (mean > best) {
					best = mean;
					bg = g;
					bh = h;
				}
			}
		}
		if (best < link_min)
			break;
		for (size_t x = 0; x < k; x++) {
			c->sum[bg * k + x] += c->sum[bh * k + x];
			c->sum[x * k + bg] = c->sum[bg * k + x];
			c->glink[bg * k + x] |= c->glink[bh * k + x];
			c->glink[x * k + bg] = c->glink[bg * k + x];
			c->apart[bg * k + x] |= c->apart[bh * k + x];
			c->apart[x * k + bg] = c->apart[bg * k + x];
		}
		c->size[bg] += c->size[bh];
		c->size[bh] = 0;
		for (size_t i = 0; i < k; i++)
			if (c->grp[i] == bh)
				c->grp[i] = (uint32_t)bg;
	}
}

/* Widest paths over the links inside each group (Floyd-Warshall with
 * min/max); pairs of different groups stay 0. */
static void widest_paths(struct comp *c, size_t k)
{
	for (size_t i = 0; i < k; i++)
		for (size_t j = 0; j < k; j++)
			c->w[i * k + j] =
			    i != j && c->link[i * k + j] && c->grp[i] == c->grp[j]
			        ? c->s[i * k + j]
			        : 0;
	for (size_t m = 0; m < k; m++)
		for (size_t i = 0; i < k; i++) {
			double wim = c->w[i * k + m];
			if (wim <= 0)
				continue;
			for (size_t j = 0; j < k; j++) {
				double v = c->w[m * k + j] < wim ? c->w[m * k + j] : wim;
				if (j != i && v > c->w[i * k + j])
					c->w[i * k + j] = v;
			}
		}
}

int cluster_group(size_t n, const struct cluster_link *links, size_t nlinks,
                  double threshold, double link_min, size_t max_component,
                  cluster_score_fn score, void *arg, struct cluster_pair **out,
                  size_t *nout, struct cluster_stats *st, cw_err *e)
{
	uint32_t *up = NULL, *start = NULL, *members = NULL;
	size_t *lstart = NULL, *loc = NULL;
	struct cluster_link *bycomp = NULL;
	struct comp c = {0};
	struct out o = {0};
	int rc = -1;

	*out = NULL;
	*nout = 0;
	memset(st, 0, sizeof(*st));
	if (max_component < 3)
		max_component = 3;
	if (n >= UINT32_MAX) {
		cw_err_set(e, CW_ELIMIT, "too many records to group");
		return -1;
	}
	up = malloc((n ? n : 1) * sizeof(*up));
	start = calloc(n + 1, sizeof(*start));
	members = malloc((n ? n : 1) * sizeof(*members));
	loc = malloc((n ? n : 1) * sizeof(*loc));
	lstart = calloc(n + 1, sizeof(*lstart));
	bycomp = malloc((nlinks ? nlinks : 1) * sizeof(*bycomp));
	if (!up || !start || !members || !loc || !lstart || !bycomp ||
	    comp_init(&c, max_component))
		goto oom;
	for (size_t i = 0; i < n; i++)
		up[i] = (uint32_t)i;
	for (size_t i = 0; i < nlinks; i++)
		if (links[i].a >= n || links[i].b >= n || links[i].a == links[i].b) {
			cw_err_set(e, CW_EINVAL, "link %zu: bad record index", i);
			goto out;
		}
	for (size_t i = 0; i < nlinks; i++) {
		uint32_t ra = find(up, links[i].a), rb = find(up, links[i].b);
		if (ra != rb)
			up[ra < rb ? rb : ra] = ra < rb ? ra : rb;
	}
	/* every record on its root; then the members of each component
	 * (start[r] .. start[r + 1]: counts are kept at root + 1, so the
	 * prefix sums give each root its range) and its links, by root */
	for (size_t i = 0; i < n; i++)
		up[i] = find(up, (uint32_t)i);
	for (size_t i = 0; i < n; i++)
		start[up[i] + 1]++;
	for (size_t i = 0; i < nlinks; i++)
		lstart[up[links[i].a] + 1]++;
	for (size_t i = 0; i < n; i++) {
		start[i + 1] += start[i];
		lstart[i + 1] += lstart[i];
	}
	for (size_t i = 0; i < n; i++) /* loc: a cursor here */
		loc[i] = start[i];
	for (size_t i = 0; i < n; i++)
		members[loc[up[i]]++] = (uint32_t)i;
	for (size_t i = 0; i < n; i++)
		loc[i] = lstart[i];
	for (size_t i = 0; i < nlinks; i++)
		bycomp[loc[up[links[i].a]]++] = links[i];

	for (size_t r = 0; r < n; r++) {
		size_t k = start[r + 1] - start[r], first = start[r];
		if (k < 3)
			continue;
		st->components++;
		if (k > st->biggest)
			st->biggest = k;
		if (k > max_component) {
			st->big_components++;
			continue;
		}
		for (size_t i = 0; i < k; i++)
			loc[members[first + i]] = i;
		memset(c.link, 0, k * k);
		for (size_t i = lstart[r]; i < lstart[r + 1]; i++) {
			size_t x = loc[bycomp[i].a], y = loc[bycomp[i].b];
			c.link[x * k + y] = c.link[y * k + x] = 1;
		}
		for (size_t i = 0; i < k; i++) {
			c.s[i * k + i] = 1;
			c.apart[i * k + i] = 0;
			for (size_t j = i + 1; j < k; j++) {
				double v;
				bool apart = false;
				if (score(arg, members[first + i], members[first + j], &v,
				          &apart, e))
					goto out;
				st->scored++;
				c.s[i * k + j] = c.s[j * k + i] = v;
				c.apart[i * k + j] = c.apart[j * k + i] = apart;
				if (v >= threshold && !c.link[i * k + j]) {
					/* blocking never proposed it: a link of its own
					 */
					c.link[i * k + j] = c.link[j * k + i] = 2;
					if (out_add(&o, members[first + i],
					            members[first + j], CLUSTER_NO_VIA, v,
					            v))
						goto oom;
				}
			}
		}
		join_groups(&c, k, link_min);
		widest_paths(&c, k);
		for (size_t i = 0; i < k; i++)
			for (size_t j = i + 1; j < k; j++) {
				double wij = c.w[i * k + j];
				uint32_t via = CLUSTER_NO_VIA;
				if (c.link[i * k + j] || c.grp[i] != c.grp[j] ||
				    wij < threshold)
					continue;
				for (size_t m = 0; m < k && via == CLUSTER_NO_VIA; m++) {
					double v;
					if (m == i || m == j || !c.link[i * k + m] ||
					    c.grp[m] != c.grp[i])
						continue;
					v = c.s[i * k + m] < c.w[m * k + j]
					        ? c.s[i * k + m]
					        : c.w[m * k + j];
					if (v >= wij)
						via = members[first + m];
				}
				if (out_add(&o, members[first + i], members[first + j],
				            via, wij, c.s[i * k + j]))
					goto oom;
			}
	}
	*out = o.v;
	*nout = o.n;
	o.v = NULL;
	rc = 0;
	goto out;
oom:
	cw_err_set(e, CW_ENOMEM, "out of memory");
out:
	free(o.v);
	comp_release(&c);
	free(up);
	free(start);
	free(members);
	free(loc);
	free(lstart);
	free(bycomp);
	return rc;
}
