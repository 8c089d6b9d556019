/* store/audit.c: see audit.h. */
#include "store/audit.h"

#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "base/buf.h"
#include "store/internal.h"

static const char genesis[AUDIT_HASH_HEX] =
	"0000000000000000000000000000000000000000000000000000000000000000";

static void entry_hash(const char *prev, long long seq, const char *at, const char *actor,
                       const char *action, const char *target, const char *detail,
                       char out[AUDIT_HASH_HEX])
{
	crypto_hash_sha256_state s;
	unsigned char h[crypto_hash_sha256_BYTES];
	char num[32];
	const char *parts[7];

	snprintf(num, sizeof(num), "%lld", seq);
	parts[0] = prev;
	parts[1] = num;
	parts[2] = at;
	parts[3] = actor;
	parts[4] = action;
	parts[5] = target ? target : "";
	parts[6] = detail ? detail : "";
	crypto_hash_sha256_init(&s);
	for (int i = 0; i < 7; i++) {
		/* length-prefixed, so field boundaries cannot shift */
		char len[24];
		snprintf(len, sizeof(len), "%zu:", strlen(parts[i]));
		crypto_hash_sha256_update(&s, (const unsigned char *)len, strlen(len));
		crypto_hash_sha256_update(&s, (const unsigned char *)parts[i], strlen(parts[i]));
	}
	crypto_hash_sha256_final(&s, h);
	sodium_bin2hex(out, AUDIT_HASH_HEX, h, sizeof(h));
}

int store_audit_head(cw_db *db, char out[AUDIT_HASH_HEX], cw_err *e)
{
	sqlite3_stmt *st = store_prepare(db, "SELECT hash FROM audit ORDER BY seq DESC LIMIT 1", e);
	int s;

	if (!st)
		return -1;
	s = sqlite3_step(st);
	snprintf(out, AUDIT_HASH_HEX, "%s",
	         s == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 0) : genesis);
	sqlite3_finalize(st);
	if (s != SQLITE_ROW && s != SQLITE_DONE)
		return store_sqlerr(db, e, NULL);
	return 0;
}

int store_audit_append(cw_db *db, const char *actor, const char *action,
                       const char *target, const char *detail, cw_err *e)
{
	char prev[AUDIT_HASH_HEX], hash[AUDIT_HASH_HEX], now[32];
	sqlite3_stmt *st = NULL;
	long long seq = 1;
	int rc = -1;

	if (store_audit_head(db, prev, e))
		return -1;
	st = store_prepare(db, "SELECT COALESCE(MAX(seq), 0) + 1 FROM audit", e);
	if (!st)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		seq = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	store_now(now);
	entry_hash(prev, seq, now, actor, action, target, detail, hash);
	st = store_prepare(db,
	                   "INSERT INTO audit(seq, at, actor, action, target, detail, prev, hash)"
	                   " VALUES (?,?,?,?,?,?,?,?)",
	                   e);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, seq);
	store_bind_str(st, 2, now);
	store_bind_str(st, 3, actor);
	store_bind_str(st, 4, action);
	store_bind_str(st, 5, target);
	store_bind_str(st, 6, detail);
	store_bind_str(st, 7, prev);
	store_bind_str(st, 8, hash);
	if (sqlite3_step(st) != SQLITE_DONE)
		store_sqlerr(db, e, "audit");
	else
		rc = 0;
	sqlite3_finalize(st);
	return rc;
}

int store_audit_each(cw_db *db, const char *since, audit_fn fn, void *arg, cw_err *e)
{
	sqlite3_stmt *st = store_prepare(db,
	                                 "SELECT seq, at, actor, action, target, detail, hash"
	                                 " FROM audit WHERE ?1 IS NULL OR at>=?1 ORDER BY seq",
	                                 e);
	int rc = 0;

	if (!st)
		return -1;
	store_bind_str(st, 1, since);
	while (sqlite3_step(st) == SQLITE_ROW) {
		struct audit_entry a = {
			sqlite3_column_int64(st, 0),
			(const char *)sqlite3_column_text(st, 1),
			(const char *)sqlite3_column_text(st, 2),
			(const char *)sqlite3_column_text(st, 3),
			(const char *)sqlite3_column_text(st, 4),
			(const char *)sqlite3_column_text(st, 5),
			(const char *)sqlite3_column_text(st, 6),
		};
		if ((rc = fn(arg, &a)))
			break;
	}
	sqlite3_finalize(st);
	return rc ? -1 : 0;
}

static void problem(verify_fn fn, void *arg, long *n, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void problem(verify_fn fn, void *arg, long *n, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	(*n)++;
	if (fn)
		fn(arg, msg);
}

static int verify_audit(cw_db *db, const char *head, verify_fn fn, void *arg, long *n,
                        cw_err *e)
{
	sqlite3_stmt *st = store_prepare(db,
	                                 "SELECT seq, at, actor, action, target, detail, prev,"
	                                 " hash FROM audit ORDER BY seq",
	                                 e);
	char prev[AUDIT_HASH_HEX], calc[AUDIT_HASH_HEX];
	long long expect_seq = 1;
	bool head_found = head == NULL, broken = false;

	if (!st)
		return -1;
	memcpy(prev, genesis, sizeof(prev));
	while (sqlite3_step(st) == SQLITE_ROW) {
		long long seq = sqlite3_column_int64(st, 0);
		const char *sprev = (const char *)sqlite3_column_text(st, 6);
		const char *shash = (const char *)sqlite3_column_text(st, 7);
#define COL(i) ((const char *)sqlite3_column_text(st, i))
		if (seq != expect_seq && !broken) {
			problem(fn, arg, n, "audit log: entry %lld missing (found %lld next)",
			        expect_seq, seq);
			broken = true;
		}
		if (!broken && (!sprev || strcmp(sprev, prev))) {
			problem(fn, arg, n,
			        "audit log: entry %lld does not follow entry %lld (chain broken)", seq,
			        expect_seq - 1);
			broken = true;
		}
		entry_hash(sprev ? sprev : "", seq, COL(1) ? COL(1) : "", COL(2) ? COL(2) : "",
		           COL(3) ? COL(3) : "", COL(4), COL(5), calc);
#undef COL
		if (!shash || strcmp(calc, shash)) {
			problem(fn, arg, n, "audit log: entry %lld was altered (hash mismatch)", seq);
			broken = true;
		}
		if (head && shash && !strcmp(shash, head))
			head_found = !broken;
		snprintf(prev, sizeof(prev), "%s", shash ? shash : "");
		expect_seq = seq + 1;
	}
	sqlite3_finalize(st);
	if (!head_found)
		problem(fn, arg, n,
		        "audit log: head %.16s… is not in the verified chain (entries before it "
		        "were rewritten or removed)",
		        head);
	return 0;
}

/* The append-only triggers must be there exactly as the schema made them
 * (a trigger with a WHEN clause or another body refuses nothing):
 * dropping or replacing them is how the log gets edited behind
 * casewatch's back. */
static int verify_triggers(cw_db *db, verify_fn fn, void *arg, long *n, cw_err *e)
{
	static const char *const names[] = { "audit_append_only_u", "audit_append_only_d" };
	static const char *const sql[] = {
		"CREATE TRIGGER audit_append_only_u BEFORE UPDATE ON audit  BEGIN SELECT"
		" RAISE(ABORT, 'the audit log is append-only'); END",
		"CREATE TRIGGER audit_append_only_d BEFORE DELETE ON audit  BEGIN SELECT"
		" RAISE(ABORT, 'the audit log is append-only'); END",
	};
	sqlite3_stmt *st = store_prepare(db,
	                                 "SELECT 1 FROM sqlite_master WHERE type='trigger'"
	                                 " AND tbl_name='audit' AND name=?1 AND sql=?2",
	                                 e);

	if (!st)
		return -1;
	for (int i = 0; i < 2; i++) {
		sqlite3_bind_text(st, 1, names[i], -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, sql[i], -1, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_ROW)
			problem(fn, arg, n,
			        "audit log: the append-only trigger '%s' was removed or altered",
			        names[i]);
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	return 0;
}

static int verify_documents(cw_db *db, verify_fn fn, void *arg, long *n, cw_err *e)
{
	sqlite3_stmt *st = store_prepare(db, "SELECT rowid, sha256, content, size FROM document", e);

	if (!st)
		return -1;
	while (sqlite3_step(st) == SQLITE_ROW) {
		unsigned char h[crypto_hash_sha256_BYTES];
		char hex[AUDIT_HASH_HEX];
		const char *want = (const char *)sqlite3_column_text(st, 1);
		int len = sqlite3_column_bytes(st, 2);
		crypto_hash_sha256(h, sqlite3_column_blob(st, 2), (unsigned long long)len);
		sodium_bin2hex(hex, sizeof(hex), h, sizeof(h));
		if (!want || strcmp(hex, want))
			problem(fn, arg, n, "document %.16s…: content does not match its SHA-256",
			        want ? want : "?");
		else if (sqlite3_column_int64(st, 3) != len)
			problem(fn, arg, n, "document %.16s…: size does not match", want);
	}
	sqlite3_finalize(st);
	return 0;
}

int store_verify(cw_db *db, const char *head, verify_fn fn, void *arg, long *problems,
                 cw_err *e)
{
	sqlite3_stmt *st;

	*problems = 0;
	st = store_prepare(db, "PRAGMA integrity_check", e);
	if (!st)
		return -1;
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *r = (const char *)sqlite3_column_text(st, 0);
		if (r && strcmp(r, "ok"))
			problem(fn, arg, problems, "database: %s", r);
	}
	sqlite3_finalize(st);
	st = store_prepare(db, "PRAGMA foreign_key_check", e);
	if (!st)
		return -1;
	while (sqlite3_step(st) == SQLITE_ROW)
		problem(fn, arg, problems, "database: a row of %s points to a missing %s row",
		        (const char *)sqlite3_column_text(st, 0),
		        (const char *)sqlite3_column_text(st, 2));
	sqlite3_finalize(st);
	if (verify_triggers(db, fn, arg, problems, e) ||
	    verify_audit(db, head, fn, arg, problems, e))
		return -1;
	return verify_documents(db, fn, arg, problems, e);
}
