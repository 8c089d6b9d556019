/* store/db.h: the casewatch database: open, key, migrate, transactions.
 *
 * The store is the only module that speaks SQL. A cw_db wraps one SQLite3
 * Multiple Ciphers connection. Encrypted databases are keyed with a raw
 * 32-byte key that casewatch derives with Argon2id from the passphrase and
 * the file's 16-byte salt (the cipher's own salt, stored in the clear at
 * the start of the file); the passphrase is never handed to SQLite3MC.
 * Temporary files stay in memory (SQLITE_TEMP_STORE=3), secure_delete is
 * always on, foreign keys are on, the journal is WAL. */
#ifndef CW_STORE_DB_H
#define CW_STORE_DB_H

#include <stdbool.h>
#include <stdint.h>

#include "base/err.h"
#include "base/secret.h"

typedef struct cw_db cw_db;

/* What a file on disk is, judged without a key. */
enum store_file_kind {
	STORE_FILE_MISSING,
	STORE_FILE_EMPTY,     /* zero bytes */
	STORE_FILE_PLAIN,     /* an unencrypted SQLite database */
	STORE_FILE_ENCRYPTED, /* an SQLite3MC (ChaCha20) encrypted database */
	STORE_FILE_OTHER,     /* anything else */
};

enum store_open_flags {
	STORE_CREATE = 1 << 0,   /* create a new database (fails if it exists) */
	STORE_READONLY = 1 << 1, /* no writes (verify, export, show) */
	STORE_NO_MIGRATE = 1 << 2,
};

/* Application id written into every casewatch database ("CWDB"). */
#define STORE_APPLICATION_ID 0x43574442

int store_file_kind(const char *path, enum store_file_kind *kind, cw_err *e);

/* Open (or with STORE_CREATE create) the database at path. pass may be
 * NULL: then the file must be unencrypted (or will be created so). An
 * encrypted file without a passphrase fails with CW_EKEY "…: database is
 * encrypted: a passphrase is needed"; a wrong one with CW_EKEY "…: wrong
 * passphrase"; a file that is not a casewatch database with CW_ENOTDB.
 * Opening migrates an older schema in place unless STORE_NO_MIGRATE or
 * STORE_READONLY. The caller frees the result with store_close(). */
int store_open(const char *path, const cw_secret *pass, unsigned flags, cw_db **out,
               cw_err *e);
void store_close(cw_db *db);

const char *store_path(const cw_db *db);
bool store_encrypted(const cw_db *db);
int store_schema_version(cw_db *db);
/* The schema version this casewatch writes. */
int store_schema_latest(void);

/* Transactions. begin takes the write lock at once (BEGIN IMMEDIATE).
 * They nest: inside a transaction, begin makes a savepoint that commit
 * releases and rollback undoes, leaving the outer transaction to decide
 * (review accepting several mentions, each one a record write). */
int store_begin(cw_db *db, cw_err *e);
int store_commit(cw_db *db, cw_err *e);
void store_rollback(cw_db *db);

/* Derive the 32-byte database key for a salt (exposed for rekey/backup). */
#define STORE_KEY_LEN 32
#define STORE_SALT_LEN 16
int store_derive_key(const cw_secret *pass, const unsigned char salt[STORE_SALT_LEN],
                     cw_secret **key, cw_err *e);

/* Now as ISO 8601 UTC text, "2026-11-25T19:51:12Z". Honours
 * $CASEWATCH_NOW for reproducible tests and demos. */
void store_now(char out[32]);

#endif
