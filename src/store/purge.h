/* store/purge.h: destroy a record and every trace of it.
 *
 * A purge is the one deliberate way to lose committed data (a source
 * withdrew consent, a record should never have been entered). In one
 * transaction, store_purge() deletes:
 *  - the record, its projections and all its revisions;
 *  - for a source, its documents (current and earlier versions' bytes and
 *    text) that no other source uses;
 *  - with cascade, every record that depends on it (a person's cases, a
 *    case's events, affiliations of a person or organization),
 *    recursively; references from records that stay (citations of a
 *    purged source with their locators and excerpts, participants,
 *    charges under a purged provision) are removed from their bodies and
 *    from all their revisions, without a new revision; a revision that
 *    depended on a purged record (a case's earlier person) is deleted;
 *  - full-text index entries (store_fts_delete), name keys, and the
 *    mentions of a purged source; mentions elsewhere suggested for or
 *    accepted as a purged record are unlinked (accepted ones rejected);
 * then appends one audit entry ("purge", "r:RID", counts only), commits,
 * and checkpoints the WAL with TRUNCATE. secure_delete (always on) zeroes
 * what was freed inside the file. Without cascade, a record that anything
 * refers to is not purged: CW_EINVAL naming how many records refer to it.
 * A missing id fails with CW_ENOTFOUND "'ID' not found".
 *
 * Purge ignores clearance: it is an administrator's act. */
#ifndef CW_STORE_PURGE_H
#define CW_STORE_PURGE_H

#include <stdbool.h>

#include "base/err.h"
#include "store/db.h"

/* Record types, in the order of store_purge_counts.records. */
#define STORE_PURGE_NTYPES 7
const char *store_purge_type(int i);

struct store_purge_counts {
	char type[32];                     /* the target's type */
	long records[STORE_PURGE_NTYPES];  /* purged records by type */
	long total;                        /* purged records */
	long revisions;                    /* their revisions, deleted */
	long documents;                    /* documents deleted */
	long rewritten;                    /* records that stay, rewritten */
	long revisions_scrubbed;           /* revisions of those, scrubbed or deleted */
	long mentions_left;                /* records still naming the id in free text */
	bool checkpoint_busy;              /* the WAL could not be truncated (a reader) */
};

/* What a purge would do, without doing it: fills c (rewritten counts the
 * records that would be rewritten with cascade, or that block the purge
 * without it). */
int store_purge_plan(cw_db *db, const char *id, bool cascade, struct store_purge_counts *c,
                     cw_err *e);
/* Purge id (see above). actor names who did it in the audit log. */
int store_purge(cw_db *db, const char *id, bool cascade, const char *actor,
                struct store_purge_counts *c, cw_err *e);

#endif
