/* store/people.h: people's name keys, loading people, and merges.
 *
 * Name keys: every person's names are keyed with match_name_keys() and
 * kept in name_key(rid, key), written by store_put through
 * store_name_keys_index() (internal.h). The meta row 'name_key_version'
 * says which MATCH_KEY_VERSION made them; store_name_keys_check() (in
 * internal.h, run by store_open after migrations) rebuilds them all in one
 * transaction when it differs.
 *
 * Loading: store_people_load() reads every live person visible at a
 * clearance as plain strings (struct store_person), what matching
 * (match/people.h) reads: a person merged into another counts as part
 * of it (its names and facts pooled under the end of its merged_into
 * chain). Nothing here interprets a name.
 *
 * Merge: store_merge() writes a new version of A with "merged_into": B
 * through the normal writer (the old version stays a revision; nothing
 * else moves); store_unmerge() writes A without it, so A's body is again
 * what it was. Both append an audit entry naming records as 'r:RID'. */
#ifndef CW_STORE_PEOPLE_H
#define CW_STORE_PEOPLE_H

#include <stddef.h>

#include "base/err.h"
#include "store/db.h"

/* Rebuild every person's name keys now, in one transaction. *n counts
 * the people keyed (may be NULL). */
int store_name_keys_rebuild(cw_db *db, long *n, cw_err *e);

/* The people holding a name key (as match_name_keys makes them, e.g.
 * "3:t:kairbek"), live (not deleted, not merged into another) and
 * visible at clearance, in id order: how mentions in articles find known
 * people by any spelling (io/ingest_link.h). fn returning non-zero stops
 * (and is returned). */
typedef int (*store_person_fn)(void *arg, const char *id);
int store_people_with_key(cw_db *db, const char *key, int clearance, store_person_fn fn,
                          void *arg, cw_err *e);

/* One person: a person record and the records merged into it, visible
 * at the clearance, as stored. */
struct store_person {
	const char *id; /* the record the others are merged into */
	/* the person record's own, else the first merged record's (by rid)
	 * that gives one; NULL when none does */
	const char *sex, *born, *region;
	/* every name of the records, as stored */
	const char *const *names;
	size_t nnames;
	/* sorted (strcmp), without duplicates: */
	const char *const *orgs; /* organizations of visible affiliations */
	size_t norgs;
	const char *const *numbers; /* numbers of visible cases */
	size_t nnumbers;
	/* visible sources cited by the records or their visible cases */
	const char *const *sources;
	size_t nsources;
};

typedef struct store_people store_people;

/* Load the people visible at clearance, in the order of their records'
 * rids: *persons (malloc'd; the caller frees it, at any time) holds *n.
 * Their strings and lists belong to *out, which the caller frees with
 * store_people_free() after the last use of any of them. */
int store_people_load(cw_db *db, int clearance, store_people **out,
                      struct store_person **persons, size_t *n, cw_err *e);
void store_people_free(store_people *p);
/* The index of a person by id (also a merged one: its target's index);
 * -1 when not loaded. A scan of the loaded records: for a few
 * look-ups, not one per pair. */
long store_people_find(const store_people *p, const char *id);

/* Merge person a into person b (ids), both visible at clearance; refuses
 * ids not found (CW_ENOTFOUND), non-people, a person already merged, a
 * target that is itself merged, and cycles (CW_EINVAL). */
int store_merge(cw_db *db, const char *a, const char *b, int clearance, const char *actor,
                cw_err *e);
/* Undo store_merge(a, b): a must be merged into b. */
int store_unmerge(cw_db *db, const char *a, const char *b, int clearance,
                  const char *actor, cw_err *e);

#endif
