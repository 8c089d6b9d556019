/* store/internal.h: what the store files share; nothing outside the store sees it. */
#ifndef CW_STORE_INTERNAL_H
#define CW_STORE_INTERNAL_H

#include <sqlite3.h>

#include "store/db.h"

/* Slots of statements kept prepared on a connection. */
enum store_cached_slot {
	STORE_CACHED_NAME_KEY_INS,
	STORE_CACHED_FTS_PUT,
	STORE_CACHED_DOC_TEXT,
	STORE_CACHED_COUNT
};

struct cw_db {
	sqlite3 *h;
	char *path;
	bool encrypted;
	bool readonly;
	int depth; /* transaction nesting (only 0/1 used) */
	/* The derived key and the file's salt (encrypted databases only), in
	 * locked memory, for backups and rekeying; wiped on close. */
	cw_secret *key;
	unsigned char salt[STORE_SALT_LEN];
	/* Statements kept prepared for the life of the connection (see
	 * store_cached): per-record work in store_put must not re-prepare. */
	sqlite3_stmt *cached[STORE_CACHED_COUNT];
};

/* The statement in slot (prepared from sql on first use, then reset and
 * reused); finalized by store_close. Callers reset it after use. */
sqlite3_stmt *store_cached(cw_db *db, enum store_cached_slot slot, const char *sql,
                           cw_err *e);

/* Fill e from the connection's last error: "PATH: MESSAGE". */
int store_sqlerr(cw_db *db, cw_err *e, const char *what);
/* Run SQL with no results. */
int store_exec(cw_db *db, const char *sql, cw_err *e);
/* Prepare, or fill e. */
sqlite3_stmt *store_prepare(cw_db *db, const char *sql, cw_err *e);
/* Bind helpers: text with length (NULL binds NULL). */
void store_bind_text(sqlite3_stmt *st, int i, const char *s, size_t len);
void store_bind_str(sqlite3_stmt *st, int i, const char *s);

/* db.c: key a fresh connection with key (and salt, for a new file). */
int store_apply_key(sqlite3 *h, const char *path, const cw_secret *key,
                    const unsigned char *salt, cw_err *e);

/* fts.c: our FTS5 tokenizer, "casewatch". It wraps FTS5's unicode61 and
 * folds what readers treat as the same letter: ё/е, and the Kazakh
 * letters to their Russian look-alikes (Қ/К, Ө/О, Ғ/Г, Ұ/У, Ү/У, Һ/Х,
 * І/И, Ә/А, Ң/Н), in indexed text and in queries alike. Registered on
 * every connection. */
int store_fts_register(sqlite3 *h, cw_err *e);
/* Fold one UTF-8 token as the tokenizer does; out needs len+1 bytes (the
 * folding never lengthens). Returns the folded length. */
size_t store_fts_fold(const char *in, size_t len, char *out);

/* search.c: index (or re-index) record rid from its canonical JSON obj,
 * as search.h describes; records of types that are not indexed are left
 * alone. Called by store_put inside the writer's transaction. */
struct store_writer;
struct json_t;
int store_fts_index(struct store_writer *w, sqlite3_int64 rid, struct json_t *obj,
                    cw_err *e);
/* Remove record rid's row. Called by purge for every purged record while
 * its rows (and its documents) still exist, inside the purge's
 * transaction. Full-text tables must use FTS5's secure-delete option, or
 * deleted terms stay readable in the index. */
int store_fts_delete(cw_db *db, sqlite3_int64 rid, cw_err *e);

/* people.c: keep the name keys of a person written by store_put. */
int store_name_keys_index(struct store_writer *w, sqlite3_int64 rid, struct json_t *obj,
                          cw_err *e);
/* people.c: at open, rebuild the name keys when MATCH_KEY_VERSION changed;
 * at close, finalize the statements the key writer keeps. */
int store_name_keys_check(cw_db *db, cw_err *e);

/* read.c: body without the citations, participants and charges naming
 * an id of list (ids separated by \x1f; a provision there also hides its
 * parts), as exports write it. NULL when body is not JSON. malloc'd. */
char *store_filter_body(const char *body, const char *list);

/* schema.c */
int store_migrate(cw_db *db, cw_err *e);
/* backup.c: files put in place whole. A temporary name next to dest
 * (.casewatch-tmp-PID-RANDOM.db; stale ones are removed first), fsync of
 * a file, and of the folder holding path (after a rename or link). */
int store_temp_name(const char *dest, char *out, size_t cap, cw_err *e);
int store_fsync_path(const char *path, int flags, cw_err *e);
int store_fsync_dir_of(const char *path, cw_err *e);
/* Remove path and its -wal, -shm and -journal files. */
void store_unlink_db(const char *path);
int store_seed_vocabularies(cw_db *db, cw_err *e);
/* Whether this entry is exactly a built-in one. */
bool store_vocab_builtin(const char *vocabulary, const char *code, const char *en,
                         const char *ru, const char *kk);

#endif
