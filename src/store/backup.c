/* store/backup.c: see backup.h. */
#include "store/backup.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <fcntl.h>
#include <libgen.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/buf.h"
#include "store/audit.h"
#include "store/internal.h"

int store_fsync_path(const char *path, int flags, cw_err *e)
{
	int fd = open(path, flags | O_CLOEXEC);

	if (fd < 0)
		return cw_err_set(e, CW_EIO, "%s: %s", path, strerror(errno));
	if (fsync(fd) != 0) {
		int err = errno;
		close(fd);
		return cw_err_set(e, CW_EIO, "%s: fsync: %s", path, strerror(err));
	}
	close(fd);
	return 0;
}

/* Make a rename or link to path durable: fsync the folder holding it. */
int store_fsync_dir_of(const char *path, cw_err *e)
{
	char *copy = strdup(path);
	int rc;

	if (!copy)
		return cw_err_set(e, CW_ENOMEM, "out of memory");
	rc = store_fsync_path(dirname(copy), O_RDONLY | O_DIRECTORY, e);
	if (rc)
		cw_err_prefix(e, "%s: cannot make its folder's entry durable", path);
	free(copy);
	return rc;
}

void store_unlink_db(const char *path)
{
	static const char *const suffix[] = { "", "-wal", "-shm", "-journal" };
	cw_buf p = CW_BUF_INIT;

	for (size_t i = 0; i < 4; i++) {
		cw_buf_reset(&p);
		if (cw_buf_addf(&p, "%s%s", path, suffix[i]) == 0)
			unlink(p.data);
	}
	cw_buf_release(&p);
}

/* Copy src's main database into a new file tmp keyed with key/salt (NULL:
 * unencrypted), in one backup step (a consistent snapshot), then run an
 * integrity check on the copy and close it in DELETE journal mode so the
 * copy is one self-contained file. */
static int copy_to(cw_db *src, const char *tmp, const cw_secret *key,
                   const unsigned char *salt, cw_err *e)
{
	sqlite3 *dst = NULL;
	sqlite3_backup *b;
	sqlite3_stmt *st = NULL;
	int rc = -1, s;

	if (sqlite3_open_v2(tmp, &dst,
	                    SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_EXCLUSIVE |
	                            SQLITE_OPEN_NOMUTEX,
	                    NULL) != SQLITE_OK) {
		cw_err_set(e, CW_EIO, "%s: cannot create: %s", tmp, sqlite3_errmsg(dst));
		goto out;
	}
	if (key && store_apply_key(dst, tmp, key, salt, e))
		goto out;
	b = sqlite3_backup_init(dst, "main", src->h, "main");
	if (!b) {
		cw_err_set(e, CW_EDB, "%s: backup: %s", tmp, sqlite3_errmsg(dst));
		goto out;
	}
	do {
		s = sqlite3_backup_step(b, -1);
		if (s == SQLITE_BUSY || s == SQLITE_LOCKED)
			sqlite3_sleep(50);
	} while (s == SQLITE_OK || s == SQLITE_BUSY || s == SQLITE_LOCKED);
	sqlite3_backup_finish(b);
	if (s != SQLITE_DONE) {
		cw_err_set(e, CW_EDB, "%s: backup: %s", tmp, sqlite3_errstr(s));
		goto out;
	}
	if (sqlite3_exec(dst, "PRAGMA journal_mode=DELETE", NULL, NULL, NULL) != SQLITE_OK) {
		cw_err_set(e, CW_EDB, "%s: %s", tmp, sqlite3_errmsg(dst));
		goto out;
	}
	/* the caller verifies the copy in full (verify_copy) */
	rc = 0;
out:
	sqlite3_finalize(st);
	if (dst)
		sqlite3_close(dst);
	return rc;
}

/* Encrypt a fresh, private, rollback-journal copy in place. */
static int encrypt_copy(const char *tmp, const cw_secret *key, const unsigned char *salt,
                        cw_err *e)
{
	size_t n = 4 + 2 * STORE_KEY_LEN + 2 * STORE_SALT_LEN;
	cw_secret *s = cw_secret_new(n + 1, e);
	sqlite3 *h = NULL;
	int rc = -1;

	if (!s)
		return -1;
	memcpy(s->data, "raw:", 4);
	sodium_bin2hex((char *)s->data + 4, 2 * STORE_KEY_LEN + 1, key->data, STORE_KEY_LEN);
	sodium_bin2hex((char *)s->data + 4 + 2 * STORE_KEY_LEN, 2 * STORE_SALT_LEN + 1, salt,
	               STORE_SALT_LEN);
	s->len = n;
	if (sqlite3_open_v2(tmp, &h, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) !=
	    SQLITE_OK) {
		cw_err_set(e, CW_EIO, "%s: cannot open the copy", tmp);
		goto out;
	}
	sqlite3mc_config(h, "cipher", sqlite3mc_cipher_index("chacha20"));
	if (sqlite3_rekey_v2(h, "main", s->data, (int)n) != SQLITE_OK) {
		cw_err_set(e, CW_EDB, "%s: cannot encrypt the copy: %s", tmp, sqlite3_errmsg(h));
		goto out;
	}
	rc = 0;
out:
	if (h)
		sqlite3_close(h);
	cw_secret_free(s);
	return rc;
}

/* Open the finished copy the way casewatch will and verify it fully. */
static int verify_copy(const char *tmp, const cw_secret *pass_or_null, const cw_secret *key,
                       const unsigned char *salt, cw_err *e)
{
	cw_db *c = NULL;
	long problems = 0;
	int rc;

	(void)salt;
	if (pass_or_null) {
		rc = store_open(tmp, pass_or_null, STORE_READONLY, &c, e);
	} else if (key) {
		/* same key as the source: open by hand with the raw key */
		c = calloc(1, sizeof(*c));
		if (!c || !(c->path = strdup(tmp))) {
			free(c);
			return cw_err_set(e, CW_ENOMEM, "out of memory");
		}
		c->readonly = true;
		c->encrypted = true;
		if (sqlite3_open_v2(tmp, &c->h, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) !=
		            SQLITE_OK ||
		    store_apply_key(c->h, tmp, key, NULL, e) || store_fts_register(c->h, e)) {
			store_close(c);
			return cw_err_set(e, CW_EDB, "%s: cannot open the copy", tmp);
		}
		rc = 0;
	} else {
		rc = store_open(tmp, NULL, STORE_READONLY, &c, e);
	}
	if (rc)
		return -1;
	rc = store_verify(c, NULL, NULL, NULL, &problems, e);
	store_close(c);
	if (rc)
		return -1;
	if (problems)
		return cw_err_set(e, CW_ECORRUPT, "%s: the copy has %ld problems", tmp, problems);
	return 0;
}

/* Temporary copies are named .casewatch-tmp-PID-RANDOM.db next to their
 * destination. A copy left by a killed process still holds (encrypted)
 * data that a later purge would not reach: remove those whose process is
 * gone. */
void store_clean_stale_temps(const char *near)
{
	char *copy = strdup(near);
	const char *dir;
	DIR *d;
	struct dirent *de;

	if (!copy)
		return;
	dir = dirname(copy);
	d = opendir(dir);
	while (d && (de = readdir(d))) {
		long pid;
		char *end;
		cw_buf p = CW_BUF_INIT;
		if (strncmp(de->d_name, ".casewatch-tmp-", 15))
			continue;
		pid = strtol(de->d_name + 15, &end, 10);
		if (end == de->d_name + 15 || *end != '-' || pid <= 0)
			continue;
		if (kill((pid_t)pid, 0) == 0 || errno != ESRCH)
			continue; /* still running, or not ours to judge */
		if (cw_buf_addf(&p, "%s/%s", dir, de->d_name) == 0)
			unlink(p.data);
		cw_buf_release(&p);
	}
	if (d)
		closedir(d);
	free(copy);
}

int store_temp_name(const char *dest, char *out, size_t cap, cw_err *e)
{
	unsigned char r[6];
	char hex[13];
	char *copy = strdup(dest);

	if (!copy)
		return cw_err_set(e, CW_ENOMEM, "out of memory");
	store_clean_stale_temps(dest);
	randombytes_buf(r, sizeof(r));
	sodium_bin2hex(hex, sizeof(hex), r, sizeof(r));
	snprintf(out, cap, "%s/.casewatch-tmp-%ld-%s.db", dirname(copy), (long)getpid(), hex);
	free(copy);
	return 0;
}

int store_backup(cw_db *db, const char *dest, cw_err *e)
{
	char tmp[4200];
	struct stat st;

	if (stat(dest, &st) == 0)
		return cw_err_set(e, CW_EINVAL, "%s: already exists", dest);
	if (store_temp_name(dest, tmp, sizeof(tmp), e))
		return -1;
	/* Same key and same salt: the copy opens with the same passphrase. */
	if (copy_to(db, tmp, db->encrypted ? db->key : NULL, db->encrypted ? db->salt : NULL,
	            e) ||
	    verify_copy(tmp, NULL, db->encrypted ? db->key : NULL, NULL, e) ||
	    store_fsync_path(tmp, O_RDONLY, e))
		goto fail;
	if (link(tmp, dest) != 0) { /* never replaces an existing file */
		cw_err_set(e, CW_EIO, "%s: %s", dest, strerror(errno));
		goto fail;
	}
	unlink(tmp);
	if (store_fsync_dir_of(dest, e)) {
		unlink(dest);
		return -1;
	}
	return 0;
fail:
	store_unlink_db(tmp);
	return -1;
}

int store_rekey(cw_db *db, const cw_secret *newpass, const char *actor, cw_err *e)
{
	char tmp[4200];
	unsigned char salt[STORE_SALT_LEN];
	cw_secret *key = NULL;
	sqlite3_stmt *st = NULL;
	sqlite3 *lock = NULL;
	int busy = 1, rc = -1;

	/* Everything into the main file first; a reader elsewhere would hold
	 * frames back and could miss the rename: refuse then. */
	if (sqlite3_prepare_v2(db->h, "PRAGMA wal_checkpoint(TRUNCATE)", -1, &st, NULL) !=
	            SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_ROW) {
		/* not busy (that is a row saying so): an I/O error or the like */
		store_sqlerr(db, e, "checkpoint");
		sqlite3_finalize(st);
		goto out;
	}
	busy = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (busy) {
		cw_err_set(e, CW_EBUSY, "%s: in use by another process; close it and try again",
		           db->path);
		goto out;
	}
	/* The write lock, held on a second connection until the rename (the
	 * backup reads through the first; a connection that is writing can't
	 * be a backup source). */
	if (sqlite3_open_v2(db->path, &lock, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) !=
	            SQLITE_OK ||
	    (db->encrypted && store_apply_key(lock, db->path, db->key, NULL, e))) {
		cw_err_set(e, CW_EDB, "%s: cannot lock", db->path);
		goto out;
	}
	sqlite3_busy_timeout(lock, 10000);
	if (sqlite3_exec(lock, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK) {
		cw_err_set(e, CW_EBUSY, "%s: cannot lock: %s", db->path, sqlite3_errmsg(lock));
		goto out;
	}
	if (store_temp_name(db->path, tmp, sizeof(tmp), e))
		goto out;
	randombytes_buf(salt, sizeof(salt));
	if (store_derive_key(newpass, salt, &key, e))
		goto out;
	if (db->encrypted) {
		if (copy_to(db, tmp, key, salt, e))
			goto fail;
	} else if (copy_to(db, tmp, NULL, NULL, e) || encrypt_copy(tmp, key, salt, e)) {
		/* a plain database: copy it, then encrypt the private copy in
		 * place (no WAL there, and the original is untouched) */
		goto fail;
	}
	{
		/* the copy's audit log records the rekey */
		cw_db *c = NULL;
		if (store_open(tmp, newpass, STORE_NO_MIGRATE, &c, e))
			goto fail;
		if (store_exec(c, "PRAGMA journal_mode=DELETE", e) || store_begin(c, e) ||
		    store_audit_append(c, actor, "rekey", NULL, NULL, e) || store_commit(c, e)) {
			store_close(c);
			goto fail;
		}
		store_close(c);
	}
	if (verify_copy(tmp, newpass, NULL, NULL, e) || store_fsync_path(tmp, O_RDONLY, e))
		goto fail;
	if (rename(tmp, db->path) != 0) {
		cw_err_set(e, CW_EIO, "%s: %s", db->path, strerror(errno));
		goto fail;
	}
	if (store_fsync_dir_of(db->path, e)) {
		/* the copy is in place: only its durability is in doubt */
		cw_err_prefix(e, "the new passphrase is in effect");
		goto out;
	}
	rc = 0;
	goto out;
fail:
	store_unlink_db(tmp);
out:
	cw_secret_free(key);
	if (lock)
		sqlite3_close(lock); /* rolls back, releasing the lock */
	store_close(db);
	return rc;
}
