/* io/review.h: deciding the mentions ingest suggested.
 *
 * Accepting a mention records what was found, through the one record
 * write path (io/edit.h: validated, a revision kept, audited):
 *  - person / organization: the suggested (or --as) record of that type
 *    cites the source; without one a new record of that name is made
 *    (its level the source's own);
 *  - sentence ("prison:84", "restricted_freedom:18", "regime:minimum",
 *    "fine:500000 KZT"): onto an event of a sentencing kind, the event's
 *    sentence gets those fields;
 *  - date: onto an event without a date, the date;
 *  - place: a case's or person's region, an event's place, when unset;
 *  - provision: cites a provision, or a case charged under that article;
 *  - count ("at least 135 people"): only a provision (the figure is about
 *    the article, never evidence about one case or person).
 * A value that would contradict what the record says (an event dated
 * 2021-06 given 2021-07-07) is refused with the reason and the `set`
 * command that would change it, never overwritten; so is a mention that
 * cannot apply to the chosen record. Each accepted mention adds the
 * citation {source, excerpt: the sentence around it} unless the record
 * has that very citation already. Several mentions are decided all or
 * nothing, in one transaction. */
#ifndef CW_IO_REVIEW_H
#define CW_IO_REVIEW_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "base/err.h"
#include "base/limits.h"
#include "store/db.h"

struct io_review_outcome {
	long long mid;
	char record[CW_MAX_ID + 1]; /* the record it became part of */
	char became[256];           /* "sentence.months=18", "cited", ... */
	bool created;               /* a new person or organization */
	long long revision;         /* the record's revision after it */
};

/* Accept mentions mids[0..n) (as record as_id, or each one's suggested
 * record); out has n entries. On error nothing was written, and e names
 * the mention ("mention 3: ..."). */
int io_review_accept(cw_db *db, const long long *mids, size_t n, const char *as_id,
                     const char *actor, struct io_review_outcome *out, cw_err *e);
int io_review_reject(cw_db *db, const long long *mids, size_t n, const char *actor,
                     cw_err *e);

/* What accepting a mention (kind, value, text as written) means for rec,
 * a record object (changed in place); *became says it. Pure. */
int io_mention_apply(const char *kind, const char *value, const char *text, json_t *rec,
                     char *became, size_t cap, cw_err *e);

#endif
