/* store/review.h: the queue of mentions suggested by ingest (the SQL side).
 *
 * What accepting a mention does to a record (io/review.h) goes through
 * the one record write path (io/edit.h); this file reads mentions with
 * the sentence around each and marks them decided, inside the caller's
 * transaction. */
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
	const char *became;  /* what accepting it did ("date=2021-07-07"), or NULL */
	const char *excerpt; /* the sentence around it in the source's text */
	int source_level;    /* the source's own confidentiality */
};
typedef int (*store_review_fn)(void *arg, const struct store_review_item *m, cw_err *e);

/* Mentions with status (NULL: "suggested") of sources visible at
 * clearance, optionally of one kind, oldest first; at most limit (0: all). */
int store_review_each(cw_db *db, int clearance, const char *status, const char *kind,
                      long limit, store_review_fn fn, void *arg, cw_err *e);

/* Mention mid, if its source is visible at clearance, through fn; else
 * CW_ENOTFOUND "mention N not found". */
int store_review_get(cw_db *db, long long mid, int clearance, store_review_fn fn, void *arg,
                     cw_err *e);
/* Decide a suggested mention (status "accepted" or "rejected"), with the
 * record it became part of and how (may be NULL); CW_EINVAL when it was
 * decided already. Runs in the caller's transaction. */
int store_review_mark(cw_db *db, long long mid, const char *status, const char *linked,
                      const char *became, cw_err *e);

/* The excerpt of text around code points [start, end): the sentence (or
 * about 200 characters) around it. Appends to out. Exposed for tests. */
int store_review_excerpt(const char *text, long start, long end, char **out);

#endif
