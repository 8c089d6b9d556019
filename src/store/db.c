/* store/db.c: open, key, configure and migrate the database. See db.h. */
#include "store/internal.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* Argon2id parameters. Changing them changes every key: bump with care
 * (a database would need a rekey under the old parameters first). */
#define KDF_OPSLIMIT 3
#define KDF_MEMLIMIT (64u << 20)

static const char sqlite_magic[16] = "SQLite format 3";

int store_file_kind(const char *path, enum store_file_kind *kind, cw_err *e)
{
	unsigned char hdr[100];
	struct stat st;
	ssize_t n;
	int fd;

	if (stat(path, &st) != 0) {
		if (errno == ENOENT) {
			*kind = STORE_FILE_MISSING;
			return 0;
		}
		return cw_err_set(e, CW_EIO, "%s: %s", path, strerror(errno));
	}
	if (!S_ISREG(st.st_mode))
		return cw_err_set(e, CW_ENOTDB, "%s: not a regular file", path);
	if (st.st_size == 0) {
		*kind = STORE_FILE_EMPTY;
		return 0;
	}
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return cw_err_set(e, CW_EIO, "%s: %s", path, strerror(errno));
	n = read(fd, hdr, sizeof(hdr));
	close(fd);
	if (n < (ssize_t)sizeof(hdr) || st.st_size < 512) {
		*kind = STORE_FILE_OTHER;
		return 0;
	}
	if (!memcmp(hdr, sqlite_magic, 16)) {
		*kind = STORE_FILE_PLAIN;
		return 0;
	}
	/* SQLite3MC keeps bytes 16..23 of page 1 in the clear so that SQLite
	 * can read the page size: a power of two page size, and the fixed
	 * payload fractions 64/32/32. Random bytes rarely look like that. */
	{
		unsigned ps = ((unsigned)hdr[16] << 8) | hdr[17];
		bool pow2 = ps == 1 || (ps >= 512 && (ps & (ps - 1)) == 0);
		if (pow2 && hdr[21] == 64 && hdr[22] == 32 && hdr[23] == 32) {
			*kind = STORE_FILE_ENCRYPTED;
			return 0;
		}
	}
	*kind = STORE_FILE_OTHER;
	return 0;
}

int store_derive_key(const cw_secret *pass, const unsigned char salt[STORE_SALT_LEN],
                     cw_secret **key, cw_err *e)
{
	cw_secret *k = cw_secret_new(STORE_KEY_LEN, e);

	if (!k)
		return -1;
	if (crypto_pwhash(k->data, STORE_KEY_LEN, (const char *)pass->data, pass->len,
	                  salt, KDF_OPSLIMIT, KDF_MEMLIMIT, crypto_pwhash_ALG_ARGON2ID13)) {
		cw_secret_free(k);
		return cw_err_set(e, CW_ENOMEM, "key derivation ran out of memory");
	}
	k->len = STORE_KEY_LEN;
	*key = k;
	return 0;
}

/* Hand SQLite3MC "raw:" + hex(key) [+ hex(salt)], built in locked memory. */
int store_apply_key(sqlite3 *h, const char *path, const cw_secret *key,
                    const unsigned char *salt, cw_err *e)
{
	size_t n = 4 + 2 * STORE_KEY_LEN + (salt ? 2 * STORE_SALT_LEN : 0);
	cw_secret *s = cw_secret_new(n + 1, e);
	int rc;

	if (!s)
		return -1;
	memcpy(s->data, "raw:", 4);
	sodium_bin2hex((char *)s->data + 4, 2 * STORE_KEY_LEN + 1, key->data, STORE_KEY_LEN);
	if (salt)
		sodium_bin2hex((char *)s->data + 4 + 2 * STORE_KEY_LEN, 2 * STORE_SALT_LEN + 1,
		               salt, STORE_SALT_LEN);
	s->len = n;
	sqlite3mc_config(h, "cipher", sqlite3mc_cipher_index("chacha20"));
	rc = sqlite3_key_v2(h, "main", s->data, (int)n);
	cw_secret_free(s);
	if (rc != SQLITE_OK)
		return cw_err_set(e, CW_EDB, "%s: cannot set the key: %s", path, sqlite3_errmsg(h));
	return 0;
}

static int apply_key(cw_db *db, const cw_secret *key, const unsigned char *salt,
                     cw_err *e)
{
	return store_apply_key(db->h, db->path, key, salt, e);
}

int store_sqlerr(cw_db *db, cw_err *e, const char *what)
{
	int rc = sqlite3_extended_errcode(db->h);
	enum cw_code code = CW_EDB;

	if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED)
		code = CW_EBUSY;
	else if ((rc & 0xff) == SQLITE_CORRUPT)
		code = CW_ECORRUPT;
	else if ((rc & 0xff) == SQLITE_NOTADB)
		code = CW_ENOTDB;
	return cw_err_set(e, code, "%s: %s%s%s", db->path, what ? what : "",
	                  what ? ": " : "", sqlite3_errmsg(db->h));
}

int store_exec(cw_db *db, const char *sql, cw_err *e)
{
	if (sqlite3_exec(db->h, sql, NULL, NULL, NULL) != SQLITE_OK)
		return store_sqlerr(db, e, NULL);
	return 0;
}

sqlite3_stmt *store_prepare(cw_db *db, const char *sql, cw_err *e)
{
	sqlite3_stmt *st = NULL;

	if (sqlite3_prepare_v3(db->h, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) !=
	    SQLITE_OK) {
		store_sqlerr(db, e, NULL);
		return NULL;
	}
	return st;
}

sqlite3_stmt *store_cached(cw_db *db, enum store_cached_slot slot, const char *sql,
                           cw_err *e)
{
	if (!db->cached[slot])
		db->cached[slot] = store_prepare(db, sql, e);
	return db->cached[slot];
}

void store_bind_text(sqlite3_stmt *st, int i, const char *s, size_t len)
{
	if (s)
		sqlite3_bind_text(st, i, s, (int)len, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, i);
}

void store_bind_str(sqlite3_stmt *st, int i, const char *s)
{
	if (s)
		sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, i);
}

static int read_salt(const char *path, unsigned char salt[STORE_SALT_LEN], cw_err *e)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return cw_err_set(e, CW_EIO, "%s: %s", path, strerror(errno));
	n = read(fd, salt, STORE_SALT_LEN);
	close(fd);
	if (n != STORE_SALT_LEN)
		return cw_err_set(e, CW_ENOTDB, "%s: not a casewatch database", path);
	return 0;
}

/* Pragmas every connection runs. */
static int configure(cw_db *db, cw_err *e)
{
	sqlite3_busy_timeout(db->h, 10000);
	if (store_exec(db,
	               "PRAGMA secure_delete=ON;"
	               "PRAGMA foreign_keys=ON;"
	               "PRAGMA temp_store=MEMORY;"
	               "PRAGMA cache_size=-65536;",
	               e))
		return -1;
	if (!db->readonly && store_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;", e))
		return -1;
	return 0;
}

/* Check the file really opened and is ours. */
static int check_ours(cw_db *db, enum store_file_kind kind, bool keyed, cw_err *e)
{
	sqlite3_stmt *st = NULL;
	int rc, appid = -1;

	rc = sqlite3_prepare_v2(db->h, "PRAGMA application_id", -1, &st, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		appid = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW) {
		int xrc = sqlite3_errcode(db->h);
		if (xrc == SQLITE_NOTADB && kind == STORE_FILE_ENCRYPTED && keyed)
			return cw_err_set(e, CW_EKEY, "%s: wrong passphrase", db->path);
		if (xrc != SQLITE_NOTADB && xrc != SQLITE_CORRUPT)
			return store_sqlerr(db, e, NULL); /* busy, I/O error, full disk */
		return cw_err_set(e, CW_ENOTDB, "%s: not a casewatch database", db->path);
	}
	if (appid != STORE_APPLICATION_ID)
		return cw_err_set(e, CW_ENOTDB,
		                  "%s: not a casewatch database (an SQLite database of another "
		                  "program)",
		                  db->path);
	return 0;
}

/* A read-only connection cannot roll back a hot journal (one a crash left
 * while the journal mode was changing to WAL, e.g. on the first open after
 * init or rekey): roll it back through a read-write connection first.
 * Errors are left for the real open to find. */
static void roll_back_journal(cw_db *db)
{
	char j[4200];
	struct stat st;
	sqlite3 *h = NULL;
	cw_err ignored = CW_ERR_INIT;

	if ((size_t)snprintf(j, sizeof(j), "%s-journal", db->path) >= sizeof(j) ||
	    stat(j, &st) != 0 || st.st_size == 0)
		return;
	if (sqlite3_open_v2(db->path, &h, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) ==
	            SQLITE_OK &&
	    (!db->encrypted || store_apply_key(h, db->path, db->key, NULL, &ignored) == 0))
		sqlite3_exec(h, "PRAGMA application_id", NULL, NULL, NULL);
	sqlite3_close(h);
}

/* store_open without STORE_CREATE's temporary file. key: the key of an
 * encrypted file already derived (taken over), or NULL to derive it. */
static int open_file(const char *path, const cw_secret *pass, cw_secret *key_in,
                     unsigned flags, cw_db **out, cw_err *e)
{
	enum store_file_kind kind;
	unsigned char salt[STORE_SALT_LEN];
	cw_secret *key = key_in;
	cw_db *db = NULL;
	int oflags;
	bool create = flags & STORE_CREATE;

	*out = NULL;
	if (cw_secret_global_init(e) || store_file_kind(path, &kind, e)) {
		cw_secret_free(key);
		return -1;
	}
	if (create && kind != STORE_FILE_MISSING) {
		cw_secret_free(key);
		return cw_err_set(e, CW_EINVAL, "%s: already exists", path);
	}
	if (!create && kind != STORE_FILE_ENCRYPTED && key) {
		cw_secret_free(key); /* the file is not the one the key was made for */
		return cw_err_set(e, CW_ENOTDB, "%s: not a casewatch database", path);
	}
	if (!create) {
		switch (kind) {
		case STORE_FILE_MISSING:
			return cw_err_set(e, CW_ENOTFOUND,
			                  "%s: no such database (create one with 'casewatch init')",
			                  path);
		case STORE_FILE_EMPTY:
		case STORE_FILE_OTHER:
			return cw_err_set(e, CW_ENOTDB, "%s: not a casewatch database", path);
		case STORE_FILE_ENCRYPTED:
			if (!pass)
				return cw_err_set(e, CW_EKEY,
				                  "%s: database is encrypted: a passphrase is needed "
				                  "(--key-file, --key-fd or CASEWATCH_KEY)",
				                  path);
			break;
		case STORE_FILE_PLAIN:
			break;
		}
	}

	db = calloc(1, sizeof(*db));
	if (!db || !(db->path = strdup(path))) {
		free(db);
		cw_secret_free(key);
		return cw_err_set(e, CW_ENOMEM, "out of memory");
	}
	db->readonly = flags & STORE_READONLY;
	oflags = db->readonly ? SQLITE_OPEN_READONLY
	                      : SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0);
	/* one connection per thread: no mutexes needed */
	oflags |= SQLITE_OPEN_NOFOLLOW | SQLITE_OPEN_EXRESCODE | SQLITE_OPEN_NOMUTEX;
	if (sqlite3_open_v2(path, &db->h, oflags, NULL) != SQLITE_OK) {
		store_sqlerr(db, e, "cannot open");
		goto fail;
	}
	sqlite3mc_config(db->h, "cipher", sqlite3mc_cipher_index("chacha20"));

	if (create && pass) {
		randombytes_buf(salt, sizeof(salt));
		if (store_derive_key(pass, salt, &key, e) || apply_key(db, key, salt, e))
			goto fail;
		db->encrypted = true;
	} else if (kind == STORE_FILE_ENCRYPTED) {
		if (read_salt(path, salt, e) || (!key && store_derive_key(pass, salt, &key, e)) ||
		    apply_key(db, key, NULL, e))
			goto fail;
		db->encrypted = true;
	}
	if (db->encrypted)
		memcpy(db->salt, salt, STORE_SALT_LEN);
	db->key = key; /* kept in locked memory for backup and rekey */
	key = NULL;

	if (create) {
		if (store_exec(db, "PRAGMA page_size=4096;", e) || configure(db, e) ||
		    store_fts_register(db->h, e) ||
		    store_migrate(db, e) || store_seed_vocabularies(db, e))
			goto fail;
	} else {
		if (db->readonly)
			roll_back_journal(db);
		if (check_ours(db, kind, pass != NULL, e))
			goto fail;
		/* before anything writes (configure turns on WAL): a newer
		 * casewatch's file is left exactly as it was */
		if (store_schema_version(db) > store_schema_latest()) {
			cw_err_set(e, CW_ENOTDB,
			           "%s: made by a newer casewatch (schema %d; this one knows %d)",
			           path, store_schema_version(db), store_schema_latest());
			goto fail;
		}
		if (store_fts_register(db->h, e) || configure(db, e))
			goto fail;
		if (!(flags & (STORE_NO_MIGRATE | STORE_READONLY)) && store_migrate(db, e))
			goto fail;
	}
	if (!(flags & (STORE_NO_MIGRATE | STORE_READONLY)) && store_name_keys_check(db, e))
		goto fail;
	*out = db;
	return 0;
fail:
	cw_secret_free(key);
	if (create && db->h) {
		sqlite3_close(db->h);
		db->h = NULL;
		unlink(path);
	}
	store_close(db);
	return -1;
}

/* A new database is made whole under a temporary name next to path, then
 * linked into place and its folder synced: a crash or power cut during
 * init leaves no database, never a half-made one. */
static int create_file(const char *path, const cw_secret *pass, unsigned flags,
                       cw_db **out, cw_err *e)
{
	enum store_file_kind kind;
	char tmp[4200];
	cw_secret *key = NULL;
	cw_db *t = NULL;

	*out = NULL;
	if (store_file_kind(path, &kind, e))
		return -1;
	if (kind != STORE_FILE_MISSING)
		return cw_err_set(e, CW_EINVAL, "%s: already exists", path);
	if (store_temp_name(path, tmp, sizeof(tmp), e) || open_file(tmp, pass, NULL, flags, &t, e))
		return -1;
	/* the WAL back into the file: one self-contained file to link */
	if (store_exec(t, "PRAGMA journal_mode=DELETE", e))
		goto fail;
	key = t->key;
	t->key = NULL;
	store_close(t);
	t = NULL;
	if (store_fsync_path(tmp, O_RDONLY, e))
		goto fail;
	if (link(tmp, path) != 0) { /* never replaces a file made meanwhile */
		if (errno == EEXIST)
			cw_err_set(e, CW_EINVAL, "%s: already exists", path);
		else
			cw_err_set(e, CW_EIO, "%s: %s", path, strerror(errno));
		goto fail;
	}
	unlink(tmp);
	if (store_fsync_dir_of(path, e)) {
		unlink(path);
		cw_secret_free(key);
		return -1;
	}
	return open_file(path, pass, key, flags & ~(unsigned)STORE_CREATE, out, e);
fail:
	store_close(t);
	cw_secret_free(key);
	store_unlink_db(tmp);
	return -1;
}

int store_open(const char *path, const cw_secret *pass, unsigned flags, cw_db **out,
               cw_err *e)
{
	if (cw_secret_global_init(e))
		return -1;
	if (flags & STORE_CREATE)
		return create_file(path, pass, flags, out, e);
	return open_file(path, pass, NULL, flags, out, e);
}

void store_close(cw_db *db)
{
	if (!db)
		return;
	for (int i = 0; i < STORE_CACHED_COUNT; i++)
		sqlite3_finalize(db->cached[i]);
	if (db->h)
		sqlite3_close_v2(db->h);
	cw_secret_free(db->key);
	sodium_memzero(db->salt, sizeof(db->salt));
	free(db->path);
	free(db);
}

const char *store_path(const cw_db *db)
{
	return db->path;
}

bool store_encrypted(const cw_db *db)
{
	return db->encrypted;
}

int store_schema_version(cw_db *db)
{
	sqlite3_stmt *st = NULL;
	int v = -1;

	if (sqlite3_prepare_v2(db->h, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

int store_begin(cw_db *db, cw_err *e)
{
	char sql[48];

	if (db->depth == 0 || sqlite3_get_autocommit(db->h)) {
		if (store_exec(db, "BEGIN IMMEDIATE", e))
			return -1;
		db->depth = 1;
		return 0;
	}
	/* inside a transaction: a savepoint, so that the inner work commits
	 * or rolls back on its own and the outer one decides in the end */
	snprintf(sql, sizeof(sql), "SAVEPOINT cw_nest_%d", db->depth);
	if (store_exec(db, sql, e))
		return -1;
	db->depth++;
	return 0;
}

int store_commit(cw_db *db, cw_err *e)
{
	char sql[48];

	if (db->depth > 1) {
		snprintf(sql, sizeof(sql), "RELEASE cw_nest_%d", db->depth - 1);
		if (store_exec(db, sql, e)) {
			store_rollback(db);
			return -1;
		}
		db->depth--;
		return 0;
	}
	if (store_exec(db, "COMMIT", e)) {
		store_rollback(db);
		return -1;
	}
	db->depth = 0;
	return 0;
}

void store_rollback(cw_db *db)
{
	char sql[80];

	if (db->depth > 1 && !sqlite3_get_autocommit(db->h)) {
		snprintf(sql, sizeof(sql), "ROLLBACK TO cw_nest_%d; RELEASE cw_nest_%d",
		         db->depth - 1, db->depth - 1);
		sqlite3_exec(db->h, sql, NULL, NULL, NULL);
		db->depth--;
		return;
	}
	if (!sqlite3_get_autocommit(db->h))
		sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
	db->depth = 0;
}

void store_now(char out[32])
{
	const char *fixed = getenv("CASEWATCH_NOW");
	time_t t;
	struct tm tm;

	if (fixed && *fixed) {
		snprintf(out, 32, "%s", fixed);
		return;
	}
	t = time(NULL);
	gmtime_r(&t, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}
