/* store/backup.h: backups and changing the passphrase.
 *
 * Both write a complete copy next to its destination under a temporary
 * name, check that the copy opens and verifies, fsync it, rename it into
 * place and fsync the folder: an interruption at any moment leaves the
 * destination as it was or complete, never half-written. */
#ifndef CW_STORE_BACKUP_H
#define CW_STORE_BACKUP_H

#include "base/err.h"
#include "base/secret.h"
#include "store/db.h"

/* A consistent online copy of db at dest (which must not exist), while
 * others may be writing: encrypted under the same key when db is, so it
 * opens with the same passphrase. */
int store_backup(cw_db *db, const char *dest, cw_err *e);

/* Re-encrypt the database under newpass (never in place): under the
 * write lock, checkpoint, copy under the new key, verify the copy, fsync,
 * rename over the original, fsync the folder. Other connections must be
 * closed first (casewatch checks that the checkpoint was complete).
 * The copy's audit log gets a 'rekey' entry by actor. The old passphrase
 * stops working; db is closed and freed either way. */
int store_rekey(cw_db *db, const cw_secret *newpass, const char *actor, cw_err *e);

/* Remove temporary copies (.casewatch-tmp-PID-*.db) left in the folder of
 * `near` by processes that no longer run. */
void store_clean_stale_temps(const char *near);

#endif
