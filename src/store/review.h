/* store/review.h: the queue of mentions suggested by ingest.
 *
 * Accepting a mention links it: the matched record (the reviewer's choice,
 * else the suggested one, else, for a person or organization name, a new
 * record of that name) gains a citation {source, excerpt} of the article's
 * source, the excerpt being the sentence around the mention. The change
 * goes through the record writer (revision, visibility, index) and the
 * audit log, in one transaction with the mention's new status. */
#ifndef CW_STORE_REVIEW_H
#define CW_STORE_REVIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "base/err.h"
#include "store/db.h"

struct store_review_item {
	long long mid; /* the mention's id in the queue */
	const char *source, *source_title;
	const char *kind, *text, *value;
	long start, end;
	const char *suggested; /* a record id (visible at the clearance), or NULL */
	const char *status, *linked;
};
typedef int (*store_review_fn)(void *arg, const struct store_review_item *m, cw_err *e);

/* Mentions with status (NULL: "suggested") of sources visible at
 * clearance, optionally of one kind, oldest first; at most limit (0: all). */
int store_review_each(cw_db *db, int clearance, const char *status, const char *kind,
                      long limit, store_review_fn fn, void *arg, cw_err *e);

/* Accept mention mid as record as_id (NULL: the suggested record, else a
 * new person or organization). linked receives the record's id; *created
 * tells whether it was made new. */
int store_review_accept(cw_db *db, long long mid, const char *as_id, const char *actor,
                        char *linked, size_t cap, bool *created, cw_err *e);
int store_review_reject(cw_db *db, long long mid, const char *actor, cw_err *e);

/* The excerpt of text around code points [start, end): the sentence (or
 * about 200 characters) around it. Appends to out. Exposed for tests. */
int store_review_excerpt(const char *text, long start, long end, char **out);

#endif
