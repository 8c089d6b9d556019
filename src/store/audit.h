/* store/audit.h: the append-only, hash-chained audit log, and `verify`.
 *
 * Each entry records who (the account or operating-system user) did what
 * (an action word) to which record (an opaque 'r:RID', never the user's
 * id or any content), with a detail of counts and file hashes. Its hash is
 * SHA-256 over the previous entry's hash and its own fields, so rewriting,
 * deleting or reordering entries breaks the chain from that point on.
 * store_audit_append() must run inside the transaction of the change it
 * records. */
#ifndef CW_STORE_AUDIT_H
#define CW_STORE_AUDIT_H

#include "base/err.h"
#include "store/db.h"

#define AUDIT_HASH_HEX 65 /* 64 hex digits + NUL */

int store_audit_append(cw_db *db, const char *actor, const char *action,
                       const char *target, const char *detail, cw_err *e);
/* The newest entry's hash (64 zeros for an empty log). */
int store_audit_head(cw_db *db, char out[AUDIT_HASH_HEX], cw_err *e);

struct audit_entry {
	long long seq;
	const char *at, *actor, *action, *target, *detail, *hash;
};
typedef int (*audit_fn)(void *arg, const struct audit_entry *a);
/* Entries at or after `since` (ISO date or timestamp prefix; NULL = all). */
int store_audit_each(cw_db *db, const char *since, audit_fn fn, void *arg, cw_err *e);

/* verify: each problem found is reported through fn (a sentence);
 * *problems counts them. Returns -1 only when verification itself could
 * not run. head, when given, must be a hash found in the chain. */
typedef void (*verify_fn)(void *arg, const char *problem);
int store_verify(cw_db *db, const char *head, verify_fn fn, void *arg, long *problems,
                 cw_err *e);

#endif
