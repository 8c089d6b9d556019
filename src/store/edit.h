/* store/edit.h: one record at a time, with revisions (the SQL side).
 *
 * This is the write path of every front end that changes one record: the
 * CLI's add/set/unset/edit/revert, review, and the team server's PUT,
 * PATCH and POST. Front ends do not call it directly but through
 * io/edit.h, which validates the record like an import (io_canonicalize)
 * first; this layer checks and writes:
 *
 *  - optimistic concurrency: the caller says which revision it read
 *    (`expected`). STORE_REV_NEW: the id must be free. A number: the
 *    record must be at exactly that revision, else CW_ECONFLICT ("changed
 *    since revision 3 (now at 4)"); nothing is ever silently overwritten.
 *    STORE_REV_ANY replaces whatever is there: only import's replacing
 *    semantics use it.
 *  - clearance: a record not visible at the writer's clearance answers
 *    CW_ENOTFOUND exactly as a missing one ("no record 'X'"); creating an
 *    id that exists, visible or not, is CW_ECONFLICT "'X' exists already"
 *    (ids are unique, so that much is unavoidable). A record may not be
 *    given a level above the writer's clearance (CW_EPERM), nor a new
 *    reference to a record the writer cannot see (CW_EINVAL, worded as a
 *    missing record).
 *  - the earlier version is kept as a revision, with who wrote it, when
 *    and how; one audit entry names the record by its opaque 'r:RID' with
 *    {"revision":N} (never content). Writing the same body again changes
 *    nothing: no revision, no audit entry, `changed` false.
 *  - one transaction (BEGIN IMMEDIATE): all of it or nothing.
 *
 * Revisions are numbered from 1 (the first version) up; the current
 * version is the record's revision. Reading history at a clearance skips
 * every version that was above it when written (its own level, its
 * dependencies' levels then, a withdrawn consent) and every version whose
 * dependencies are hidden now, even when the record is public today; the
 * bodies given out have citations of hidden sources (and hidden
 * participants and charges) left out, as in an export.
 *
 * Strings in results are owned by the result (release with the matching
 * _release) or, in callbacks, valid during the call only. */
#ifndef CW_STORE_EDIT_H
#define CW_STORE_EDIT_H

#include <jansson.h>
#include <stdbool.h>

#include "base/err.h"
#include "store/db.h"

#define STORE_REV_ANY (-1LL) /* no expected revision: replace (import only) */
#define STORE_REV_NEW 0LL    /* the id must not be taken */

struct store_write {
	json_t *obj;      /* the canonical record, with type and id */
	const char *body; /* its canonical serialization */
	long long expected;
	const char *actor; /* account or operating-system user */
	const char *how;   /* the command: "add", "set", "edit", "revert", "put", ... */
	int clearance;     /* the writer's (CW_CONFIDENTIAL for the CLI) */
};

struct store_write_result {
	long long revision; /* the record's revision after the write */
	bool created;       /* a new record */
	bool changed;       /* false: the body was the same, nothing written */
};

int store_record_write(cw_db *db, const struct store_write *w,
                       struct store_write_result *r, cw_err *e);

/* A record as a reader at some clearance sees it. */
struct store_rec {
	char *type, *id;
	char *body;    /* canonical JSON, hidden citations etc. left out */
	char *hidden;  /* ids left out of body, separated by \x1f; NULL: none */
	char *updated; /* when the current revision was written */
	char *actor;   /* by whom (NULL: unknown) */
	char *how;     /* with which command (NULL: unknown) */
	long long revision;
	int level; /* its own confidentiality */
	int vis;   /* with its dependencies' levels */
};

/* CW_ENOTFOUND "no record 'ID'" when missing, deleted or not visible. */
int store_record_get(cw_db *db, const char *id, int clearance, struct store_rec *r,
                     cw_err *e);
void store_rec_release(struct store_rec *r);

/* One version of a record, for history. */
struct store_version {
	long long revision;
	const char *written; /* ISO time; NULL when unknown (before schema 4) */
	const char *actor;   /* NULL when unknown */
	const char *how;     /* NULL when unknown */
	const char *body;    /* filtered for the clearance, as in store_rec */
	bool deleted;        /* a tombstone */
	bool current;
};
typedef int (*store_version_fn)(void *arg, const struct store_version *v, cw_err *e);

/* The versions of id visible at clearance, oldest first, the current one
 * last. CW_ENOTFOUND when the record itself is not visible. */
int store_record_history(cw_db *db, const char *id, int clearance, store_version_fn fn,
                         void *arg, cw_err *e);

/* Revision rev of id: *body malloc'd (filtered for the clearance, or the
 * body exactly as it was stored with full, which revert uses) and *type.
 * CW_ENOTFOUND "'ID' has no revision N" when there is none or it is
 * hidden at clearance. */
int store_record_version(cw_db *db, const char *id, long long rev, int clearance,
                         bool full, char **type, char **body, cw_err *e);

/* Live records of one type visible at clearance, in id order, with their
 * filtered bodies; fn returning non-zero stops (and is returned). */
typedef int (*store_rec_fn)(void *arg, const char *id, const char *body, cw_err *e);
int store_record_each_of(cw_db *db, const char *type, int clearance, store_rec_fn fn,
                         void *arg, cw_err *e);

#endif
