/* store/record.h: writing and reading records of the data model.
 *
 * Records are kept as canonical JSON (the interchange form) plus
 * projections (names, cases, charges, events, citations, references) that
 * the store derives from that JSON on every write. Writes go through a
 * store_writer: one per import or edit, inside one transaction, with its
 * own prepared statements. The writer:
 *  - tells created / updated / unchanged apart by comparing canonical
 *    bodies, and keeps the earlier version in `revision` on update;
 *  - rejects one id given twice with different content in one writer;
 *  - checks references at finish (records may come in any order);
 *  - computes each record's effective visibility from its own level and
 *    the records it depends on (a case's person; an event's case; an
 *    affiliation's person and organization). */
#ifndef CW_STORE_RECORD_H
#define CW_STORE_RECORD_H

#include <jansson.h>
#include <stdbool.h>

#include "base/err.h"
#include "store/db.h"

enum cw_level { CW_PUBLIC = 0, CW_INTERNAL = 1, CW_CONFIDENTIAL = 2 };

int cw_level_parse(const char *s, int *level);
const char *cw_level_name(int level);

enum store_put_result { STORE_CREATED, STORE_UPDATED, STORE_UNCHANGED };

typedef struct store_writer store_writer;

/* A dangling reference found at finish. */
struct store_dangling {
	char *id;     /* the referring record */
	char *field;  /* "person", "case", "charges", "sources", ... */
	char *target; /* the missing id */
	int file;     /* the file index and line passed to store_put */
	long line;
};

/* Begin a transaction and prepare the writer. */
int store_writer_open(cw_db *db, store_writer **out, cw_err *e);
/* Who writes (the account or operating-system user) and with which
 * command ("import", "set", "merge", ...): kept with every version the
 * writer writes, for `history`. Copied; NULL leaves them unknown. */
int store_writer_actor(store_writer *w, const char *actor, const char *how, cw_err *e);
/* Called by store_put when it is about to replace a live record of the
 * same type: old_body is the stored body, obj/body the new record. To
 * write something else instead, set *nobj (a new reference) and *nbody
 * (malloc'd); the writer owns and frees them. Non-zero fails the put. */
typedef int (*store_update_fn)(void *arg, const char *old_body, json_t *obj,
                               const char *body, json_t **nobj, char **nbody, cw_err *e);
void store_writer_on_update(store_writer *w, store_update_fn fn, void *arg);
/* The live record id as the writer sees it (its own writes included):
 * 1 with *body (and *type, when type is not NULL; both malloc'd) and
 * *revision set, 0 when there is none, -1 on error. */
int store_writer_get(store_writer *w, const char *id, char **type, char **body,
                     long long *revision, cw_err *e);
/* The revision the last store_put left its record at (1 when created). */
long long store_writer_last_revision(const store_writer *w);
/* Write one record. obj is the canonical record (with "type" and "id"),
 * body its canonical serialization. file and line locate it for messages. */
int store_put(store_writer *w, json_t *obj, const char *body, int file, long line,
              enum store_put_result *res, cw_err *e);
/* Check references and compute visibility. Returns 0 when all references
 * resolve; otherwise fills *dangling (caller frees with
 * store_dangling_free) and returns 1. -1 on error. Does not commit. */
int store_writer_check(store_writer *w, struct store_dangling **dangling, size_t *n,
                       cw_err *e);
void store_dangling_free(struct store_dangling *d, size_t n);
/* Commit and free the writer. On failure, everything is rolled back. */
int store_writer_commit(store_writer *w, cw_err *e);
/* Roll back and free. */
void store_writer_abort(store_writer *w);
cw_db *store_writer_db(store_writer *w);

/* Add a document's bytes (addressed by SHA-256, lowercase hex). Does
 * nothing when the same bytes are there already. */
int store_put_document(store_writer *w, const char *sha256, const void *data,
                       size_t len, const char *media_type, const char *text,
                       bool *created, cw_err *e);

/* Iterate visible records for export, in a deterministic order: by type
 * (provision, organization, source, person, affiliation, case, event),
 * then by id. The callback gets the canonical body and the record's type;
 * returning non-zero stops. */
typedef int (*store_record_fn)(void *arg, const char *type, const char *id,
                               const char *body, cw_err *e);
int store_each_record(cw_db *db, int clearance, store_record_fn fn, void *arg,
                      cw_err *e);
/* Visible documents (of visible sources) in sha256 order. */
typedef int (*store_document_fn)(void *arg, const char *sha256, const void *data,
                                 size_t len, const char *media_type, const char *text,
                                 cw_err *e);
int store_each_document(cw_db *db, int clearance, store_document_fn fn, void *arg,
                        cw_err *e);
/* For store files only (only the store speaks SQL): the SQL condition
 * "record T is a source whose consent was withdrawn", and the level at
 * which record T may be output: its effective level, raised to
 * confidential for a withdrawn source. A source row s is visible at
 * clearance C when STORE_OUT_VIS_SQL("s") <= C. */
#define STORE_WITHDRAWN_SQL(T)                                                            \
	"(" T ".type='source' AND instr(" T ".body, '\"withdrawn\":')>0 AND"             \
	" json_extract(" T ".body, '$.consent.withdrawn') IS NOT NULL)"
#define STORE_OUT_VIS_SQL(T)                                                              \
	"(CASE WHEN " STORE_WITHDRAWN_SQL(T) " THEN MAX(" T ".vis, 2) ELSE " T ".vis END)"
/* Counts per type of live records, for `casewatch stats`. */
typedef int (*store_count_fn)(void *arg, const char *type, long count);
int store_count_by_type(cw_db *db, store_count_fn fn, void *arg, cw_err *e);

#endif
