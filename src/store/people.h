/* store/people.h: people's name keys, duplicate candidates, and merges.
 *
 * Name keys: every person's names are keyed with match_name_keys() and
 * kept in name_key(rid, key), written by store_put through
 * store_name_keys_index() (internal.h). The meta row 'name_key_version'
 * says which MATCH_KEY_VERSION made them; store_name_keys_check() (in
 * internal.h, run by store_open after migrations) rebuilds them all in one
 * transaction when it differs.
 *
 * Dedup: store_people_load() reads every live person visible at a
 * clearance, with what scoring needs (match/dedup.h); a person merged
 * into another counts as part of it (names and facts pooled under the
 * end of its merged_into chain). store_people_candidates() finds pairs by
 * blocking: people sharing a stored whole-name key (s), a compound key
 * built from the word skeletons of one name (a word with the consonant
 * skeleton, first three or last three letters of another word), a fact
 * key (the whole name with the birth year, the region or a case number),
 * or a stored one-word key (t, c) in a block of at most max_block /
 * STORE_DEDUP_WORD_SHARE. A block larger than its cap is not expanded
 * into pairs (a very common given name would cost its size squared); its
 * people are still paired through their rarer keys, and the stats count
 * such blocks. docs/dedup.md has the figures.
 *
 * Merge: store_merge() writes a new version of A with "merged_into": B
 * through the normal writer (the old version stays a revision; nothing
 * else moves); store_unmerge() writes A without it, so A's body is again
 * what it was. Both append an audit entry naming records as 'r:RID'. */
#ifndef CW_STORE_PEOPLE_H
#define CW_STORE_PEOPLE_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "match/dedup.h"
#include "store/db.h"

/* Rebuild every person's name keys now, in one transaction. *n counts
 * the people keyed (may be NULL). */
int store_name_keys_rebuild(cw_db *db, long *n, cw_err *e);

/* The people holding a name key (as match_name_keys makes them, e.g.
 * "3:t:kairbek"), live and visible at clearance, in id order: how
 * mentions in articles and other lookups find known people by any
 * spelling. fn returning non-zero stops (and is returned). */
typedef int (*store_person_fn)(void *arg, const char *id);
int store_people_with_key(cw_db *db, const char *key, int clearance, store_person_fn fn,
                          void *arg, cw_err *e);

typedef struct store_people store_people;

/* Load the people visible at clearance. The caller frees with
 * store_people_free(). */
int store_people_load(cw_db *db, int clearance, store_people **out, cw_err *e);
void store_people_free(store_people *p);
/* Number of people to compare (merged people count with their target). */
size_t store_people_count(const store_people *p);
/* Person i (i < count); owned by p. */
const struct dedup_person *store_people_get(const store_people *p, size_t i);
/* The index of a person by id (also a merged one: its target's index);
 * -1 when not loaded. */
long store_people_find(const store_people *p, const char *id);

struct store_pair {
	uint32_t a, b; /* person indexes, a < b */
};

struct store_block_stats {
	size_t blocks;     /* blocks of two or more people */
	size_t big_blocks; /* blocks over max_block, not expanded */
	size_t biggest;    /* people in the largest block */
	size_t pairs;      /* distinct candidate pairs */
};

#define STORE_DEDUP_MAX_BLOCK 50
/* A whole-name block over max_block pairs each member with the next
 * STORE_DEDUP_WINDOW - 1 in the order of their birth dates and regions. */
#define STORE_DEDUP_WINDOW 8
/* Blocks of one word's keys (people sharing only a surname, or only a
 * given name) are expanded up to max_block / STORE_DEDUP_WORD_SHARE. */
#define STORE_DEDUP_WORD_SHARE 2

/* Candidate pairs, each once, in (a, b) order. *pairs is malloc'd (caller
 * frees). */
int store_people_candidates(cw_db *db, const store_people *p, size_t max_block,
                            struct store_pair **pairs, size_t *npairs,
                            struct store_block_stats *st, cw_err *e);

/* Merge person a into person b (ids), both visible at clearance; refuses
 * ids not found (CW_ENOTFOUND), non-people, a person already merged, a
 * target that is itself merged, and cycles (CW_EINVAL). */
int store_merge(cw_db *db, const char *a, const char *b, int clearance, const char *actor,
                cw_err *e);
/* Undo store_merge(a, b): a must be merged into b. */
int store_unmerge(cw_db *db, const char *a, const char *b, int clearance,
                  const char *actor, cw_err *e);

#endif
