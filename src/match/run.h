/* match/run.h: one dedup run, from the prepared people to the pairs to
 * list (docs/dedup.md).
 *
 * dedup_run() is what a front end's "dedup" does between loading the
 * people and printing:
 *   1. blocking (block.h): the candidate pairs;
 *   2. scoring every candidate on opts->jobs threads; a pair scoring at
 *      or above the threshold is a link. A bulk score that is only an
 *      upper bound (dedup.h, DEDUP_BULK) is scored exactly when it
 *      reaches the threshold;
 *   3. unless opts->direct, grouping (cluster.h): the links make groups
 *      of the records of one person, which adds the pairs of a group
 *      that are not links, linked through a third record;
 *   4. the pairs to list, best first (ties in order of a, then b).
 * dedup_hit_explain() gives one listed pair's reasons.
 *
 * The scorer is the one seam a model plugs into: dedup_score (the rules
 * of dedup.h) unless opts->score says otherwise. It sees two prepared
 * people (people.h: folded names, known holders, fathers, word counts)
 * and answers a score in [0, 1], the facts that disagree (which keep
 * records out of one group) and, when asked, the reasons; blocking,
 * grouping and listing do not change with it.
 *
 * Pure: no database, no printing. Memory: the candidate pairs (8 bytes
 * each) and their scores (4 bytes each), then the links and the hits. */
#ifndef CW_MATCH_RUN_H
#define CW_MATCH_RUN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "match/block.h"
#include "match/cluster.h"
#include "match/dedup.h"
#include "match/people.h"

/* Score the pair (a, b) as dedup_score does (the same how, the same
 * result): DEDUP_BULK may answer an upper bound with r->bound set;
 * r->conflicts holds the DEDUP_CONFLICT_* facts that disagree. 0, or -1
 * with e set. Called from several threads at once. */
typedef int (*dedup_score_fn)(void *arg, const struct dedup_person *a,
                              const struct dedup_person *b, int how,
                              struct dedup_result *r, cw_err *e);

/* Scoring threads at most (match/parallel.h's MATCH_MAX_PARTS). */
#define DEDUP_MAX_JOBS 16

struct dedup_opts {
	double threshold;     /* list pairs scoring at least this, in [0, 1] */
	size_t max_block;     /* blocks of more people are not expanded */
	size_t jobs;          /* scoring threads, 1 to DEDUP_MAX_JOBS */
	bool direct;          /* only pairs that score by themselves: no groups */
	dedup_score_fn score; /* NULL: dedup_score */
	void *score_arg;
};

#define DEDUP_OPTS_INIT                                                                  \
	{                                                                                \
		DEDUP_DEFAULT_THRESHOLD, DEDUP_MAX_BLOCK, 2, false, NULL, NULL           \
	}

#define DEDUP_NO_VIA CLUSTER_NO_VIA

/* A pair to list. */
struct dedup_hit {
	uint32_t a, b; /* person indexes, a < b */
	/* the first record on the chain of links that joins them, or
	 * DEDUP_NO_VIA: the pair scores by itself */
	uint32_t via;
	/* its own score, or the group's: the weakest link on the best chain */
	float score;
};

struct dedup_stats {
	struct dedup_block_stats block;
	struct cluster_stats groups; /* zero with direct */
	size_t links;                /* candidates at or above the threshold */
	size_t added;                /* pairs the groups added */
	double blocking_s, scoring_s, grouping_s;
};

/* Run dedup on p. *hits (malloc'd, the caller frees it) holds *nhits
 * pairs, best first. */
int dedup_run(const dedup_people *p, const struct dedup_opts *o, struct dedup_hit **hits,
              size_t *nhits, struct dedup_stats *st, cw_err *e);

/* A hit as it is listed: r gets the pair's own score and reasons
 * (DEDUP_REASONS); *score is the score to list (the pair's own, or the
 * group's); via gets the first reason of a pair found through a group,
 * "linked through 'ID' (score by itself S)", else "". False when the
 * pair is not listed after all: a pair scoring by itself whose score,
 * just under the threshold, rounded up to it in a float. */
bool dedup_hit_explain(const dedup_people *p, const struct dedup_opts *o,
                       const struct dedup_hit *h, struct dedup_result *r, double *score,
                       char via[DEDUP_REASON_MAX]);

#endif
