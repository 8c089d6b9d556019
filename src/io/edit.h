/* io/edit.h: changing one record at a time, validated like an import.
 *
 * Every front end that writes one record (the CLI's add, set, unset, edit
 * and revert; review; the team server's POST, PUT and PATCH) calls these.
 * Each one reads what it needs, builds the new record, checks and
 * canonicalizes it exactly as an import line (io_canonicalize: fields,
 * vocabularies, dates, references) and writes it through
 * store_record_write (store/edit.h): optimistic concurrency on the
 * expected revision, the earlier version kept, one audit entry, one
 * transaction. Errors come back in e with a code a front end maps:
 *   CW_EINVAL    bad value ("born: '1985-13': impossible date"), a
 *                reference to a missing (or unseen) record
 *   CW_ENOTFOUND no such record, or not visible at the clearance (404)
 *   CW_ECONFLICT the record changed since o->expected (409/412), or the
 *                id of a new record is taken
 *   CW_EPERM     a level above the writer's clearance (403)
 *
 * Expected revisions: o->expected is the revision the caller read (an
 * ETag / If-Match, or `--revision N`). For the read-modify-write calls
 * (patch, assign, revert) 0 means "the revision read here": the read and
 * the write then check each other, so a change made in between is still
 * refused. io_record_put needs a real one: STORE_REV_NEW to create, a
 * revision to replace; STORE_REV_ANY is for imports only.
 *
 * Field paths are dotted (`sentence.months`, `banned.date`), with list
 * indexes (`names.1.lang`); descending into a list entry given in short
 * form (a name string, a source id) turns it into its object form. */
#ifndef CW_IO_EDIT_H
#define CW_IO_EDIT_H

#include <jansson.h>
#include <stdbool.h>

#include "base/err.h"
#include "base/limits.h"
#include "store/db.h"
#include "store/edit.h"

struct io_edit_opts {
	const char *actor;  /* the account, or the OS user / $CASEWATCH_USER */
	const char *how;    /* the command, kept in history and audit: "set", ... */
	int clearance;      /* the writer's; the CLI's is CW_CONFIDENTIAL */
	int default_level;  /* a new record without confidentiality gets it */
	long long expected; /* see above */
};

struct io_edit_result {
	char id[CW_MAX_ID + 1];
	char type[32];
	long long revision; /* after the write (unchanged: the current one) */
	bool created, changed;
};

/* Write the whole record rec (interchange JSON; a new record without id
 * gets one derived from its content). rec is not changed. */
int io_record_put(cw_db *db, json_t *rec, const struct io_edit_opts *o,
                  struct io_edit_result *r, cw_err *e);

/* Apply an RFC 7386 JSON merge patch to record id (as visible at the
 * clearance: what the writer cannot see is kept as it was). "type" and
 * "id" in the patch must match. */
int io_record_patch(cw_db *db, const char *id, json_t *patch,
                    const struct io_edit_opts *o, struct io_edit_result *r, cw_err *e);

/* Assignments, as the CLI's set and add take them:
 *   PATH=VALUE   a text value (converted by the field's kind: "18" for
 *                months, "true", a date); a list field splits on '|'
 *                as in CSV (names=Asqar Qaiyrbek|Асқар Қайырбек)
 *   PATH:=JSON   a JSON value (sources:=[{"source":"s-1","locator":"p. 2"}])
 *   PATH+=VALUE  append to a list (names+=Askar Kaiyrbek)
 *   PATH-=VALUE  remove the entries naming VALUE from a list
 * io_record_assign changes record id; io_record_unset removes paths;
 * io_record_new creates a record of type (STORE_REV_NEW). */
int io_record_assign(cw_db *db, const char *id, char *const *assign, size_t n,
                     const struct io_edit_opts *o, struct io_edit_result *r, cw_err *e);
int io_record_unset(cw_db *db, const char *id, char *const *paths, size_t n,
                    const struct io_edit_opts *o, struct io_edit_result *r, cw_err *e);
int io_record_new(cw_db *db, const char *type, char *const *assign, size_t n,
                  const struct io_edit_opts *o, struct io_edit_result *r, cw_err *e);

/* A new revision of id equal to its revision rev (as stored). */
int io_record_revert(cw_db *db, const char *id, long long rev,
                     const struct io_edit_opts *o, struct io_edit_result *r, cw_err *e);

/* ---- pure helpers (no database) ---- */

/* RFC 7386: target with patch applied, as a new reference. */
json_t *io_merge_patch(json_t *target, json_t *patch);
/* One assignment (see above) to rec, a record object of its "type". */
int io_path_assign(json_t *rec, const char *assignment, cw_err *e);
/* Remove a path; CW_EINVAL "PATH: not set" when it is not there. */
int io_path_unset(json_t *rec, const char *path, cw_err *e);

/* The differences between two records, field by field: nested objects
 * by their dotted paths, lists and values whole. old or neu is NULL for
 * a field one side lacks. fn returning non-zero stops (and is returned). */
typedef int (*io_diff_fn)(void *arg, const char *path, json_t *old, json_t *neu);
int io_diff(json_t *a, json_t *b, io_diff_fn fn, void *arg);

/* The fields of a replaced record that a new version drops (dotted
 * paths, ", "-separated, into out; "" when none): what an import that
 * replaces records reports. */
void io_dropped_fields(json_t *old, json_t *neu, char *out, size_t cap);

/* Fields casewatch attaches itself, which an import that replaces a
 * record keeps unless its line names them: a source's document
 * (sha256, from ingest) and a person's merged_into (from merge). Sets
 * them from old into rec (in place) and tells whether it did. */
bool io_keep_attached(json_t *old, json_t *rec);

#endif
