/* match/cluster.h: from scored pairs to groups of records of one person
 * (docs/dedup.md "Groups").
 *
 * A person recorded four times is six pairs; a pair whose two records
 * share nothing but a common name ("A. Kaiyrbek" in one article, "Asqar
 * Qaiyrbek" born 1979 in another) may score under the threshold although
 * both records match a third one well. cluster_group() finds such pairs:
 *
 *   1. the pairs scoring at or above the threshold (the links) make
 *      connected components;
 *   2. within a component of at most max_component records, every pair is
 *      scored exactly (the caller's function: the same scorer as the
 *      links) and groups are formed by average linkage: two groups join
 *      when a link connects them, no pair between them is apart (facts
 *      that disagree: another birth date, the other sex), and the mean
 *      score over all pairs between them is at least link_min; best
 *      first, until none can;
 *   3. a pair of one group that is not a link scores the widest path
 *      between its records over the group's links (the weakest link on
 *      the best chain), which is at or above the threshold; `via` names
 *      the first record on that chain.
 *
 * Average linkage and the pairs kept apart are what keep chains from
 * running away: a record without a birth date that matches two namesakes
 * born in different years joins one of them, not both; a record that
 * matches one member of a group well and the rest badly pulls the mean
 * down and stays out. Pairs found in step 2 to score at or above the threshold by
 * themselves (blocking never proposed them) are returned too, with no
 * `via`.
 *
 * Pure: no database, no printing. Memory: O(records + links), plus the
 * matrices of one component at a time (max_component squared). */
#ifndef CW_MATCH_CLUSTER_H
#define CW_MATCH_CLUSTER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"

/* Groups join at this mean score: what two records of a name several
 * people bear score with nothing else to tell them apart (dedup.h's
 * DEDUP_COMMON_CAP). Measured between 0.60 and 0.80: docs/dedup.md. */
#define CLUSTER_LINK_MIN 0.75
/* Components larger than this are left as their links (no new pairs). */
#define CLUSTER_MAX_COMPONENT 64

#define CLUSTER_NO_VIA UINT32_MAX

struct cluster_link {
	uint32_t a, b; /* record indexes */
	float score;   /* at or above the threshold */
};

struct cluster_pair {
	uint32_t a, b; /* a < b */
	uint32_t via;  /* the first record on the chain, or CLUSTER_NO_VIA */
	float score;
	float direct; /* the pair's own score */
};

struct cluster_stats {
	size_t components;     /* of three records or more */
	size_t big_components; /* over max_component, left as they are */
	size_t biggest;        /* records in the largest component */
	size_t scored;         /* pairs scored inside components */
};

/* Exact score of records a and b in [0, 1], and whether their facts say
 * they are two people (*apart: never in one group, whatever the other
 * scores); 0 on success, -1 with e set. */
typedef int (*cluster_score_fn)(void *arg, uint32_t a, uint32_t b, double *score,
                                bool *apart, cw_err *e);

/* Group n records (indexes below n) from their links, each pair at most
 * once. On success *out (malloc'd, caller frees; NULL when *nout is 0)
 * holds the new pairs, in no particular order. */
int cluster_group(size_t n, const struct cluster_link *links, size_t nlinks,
                  double threshold, double link_min, size_t max_component,
                  cluster_score_fn score, void *arg, struct cluster_pair **out,
                  size_t *nout, struct cluster_stats *st, cw_err *e);

#endif
