/* tests/unit/test_store.c: store/ (open, migrate, write, revisions, audit). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/audit.h"
#include "store/internal.h"
#include "store/record.h"

int store_migrate_to(cw_db *db, int target, cw_err *e);

static char path[256];

static int setup(void **state)
{
	(void)state;
	snprintf(path, sizeof(path), "%s/cwstore-%d.db", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp",
	         (int)getpid());
	unlink(path);
	return 0;
}

static int teardown(void **state)
{
	char p[300];
	(void)state;
	unlink(path);
	snprintf(p, sizeof(p), "%s-wal", path);
	unlink(p);
	snprintf(p, sizeof(p), "%s-shm", path);
	unlink(p);
	return 0;
}

static long count(cw_db *db, const char *sql)
{
	sqlite3_stmt *st;
	long n = -1;
	assert_int_equal(sqlite3_prepare_v2(db->h, sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = (long)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

/* An older database (schema 1, made by hand here the way an older
 * casewatch made it) is upgraded in place when opened. */
static void older_schema_is_migrated(void **state)
{
	cw_err e = CW_ERR_INIT;
	cw_db *db = NULL;
	sqlite3 *h;
	(void)state;

	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	sqlite3_close(h);
	unlink(path);
	/* create at the latest, roll back to "version 1" by building one */
	{
		cw_db tmp = { 0 };
		tmp.path = path;
		assert_int_equal(sqlite3_open(path, &tmp.h), SQLITE_OK);
		assert_int_equal(store_migrate_to(&tmp, 1, &e), 0);
		assert_int_equal(store_schema_version(&tmp), 1);
		sqlite3_exec(tmp.h,
		             "INSERT INTO record(type,id,body,updated) VALUES"
		             " ('person','p-old','{}','2020-01-01T00:00:00Z')",
		             NULL, NULL, NULL);
		sqlite3_close(tmp.h);
	}
	assert_int_equal(store_open(path, NULL, 0, &db, &e), 0);
	assert_int_equal(store_schema_version(db), store_schema_latest());
	assert_true(store_schema_latest() >= 2);
	/* the data survived, and the new tables exist */
	assert_int_equal(count(db, "SELECT count(*) FROM record WHERE id='p-old'"), 1);
	assert_int_equal(count(db, "SELECT count(*) FROM user"), 0);
	store_close(db);
}

static void newer_schema_is_refused(void **state)
{
	cw_err e = CW_ERR_INIT;
	cw_db *db = NULL;
	(void)state;

	assert_int_equal(store_open(path, NULL, STORE_CREATE, &db, &e), 0);
	assert_int_equal(store_exec(db, "PRAGMA user_version=999", &e), 0);
	store_close(db);
	assert_int_equal(store_open(path, NULL, 0, &db, &e), -1);
	assert_int_equal(e.code, CW_ENOTDB);
	assert_non_null(strstr(e.msg, "newer casewatch"));
}

static int put(store_writer *w, const char *json, enum store_put_result *res)
{
	cw_err e = CW_ERR_INIT;
	json_t *o = json_loads(json, 0, NULL);
	char *body = json_dumps(o, JSON_COMPACT);
	int rc = store_put(w, o, body, 0, 1, res, &e);
	free(body);
	json_decref(o);
	return rc;
}

static void updates_keep_revisions(void **state)
{
	cw_err e = CW_ERR_INIT;
	cw_db *db = NULL;
	store_writer *w = NULL;
	enum store_put_result res;
	struct store_dangling *d;
	size_t nd;
	(void)state;

	assert_int_equal(store_open(path, NULL, STORE_CREATE, &db, &e), 0);
	assert_int_equal(store_writer_open(db, &w, &e), 0);
	assert_int_equal(put(w, "{\"type\":\"person\",\"id\":\"p1\",\"names\":[\"A\"]}", &res), 0);
	assert_int_equal(res, STORE_CREATED);
	assert_int_equal(store_writer_check(w, &d, &nd, &e), 0);
	assert_int_equal(store_writer_commit(w, &e), 0);
	/* a first version has no revision row */
	assert_int_equal(count(db, "SELECT count(*) FROM revision"), 0);

	assert_int_equal(store_writer_open(db, &w, &e), 0);
	assert_int_equal(put(w, "{\"type\":\"person\",\"id\":\"p1\",\"names\":[\"B\"]}", &res), 0);
	assert_int_equal(res, STORE_UPDATED);
	assert_int_equal(store_writer_check(w, &d, &nd, &e), 0);
	assert_int_equal(store_writer_commit(w, &e), 0);
	assert_int_equal(count(db, "SELECT count(*) FROM revision WHERE body LIKE '%\"A\"%'"), 1);
	assert_int_equal(count(db, "SELECT version FROM record WHERE id='p1'"), 2);

	/* unchanged content writes nothing */
	assert_int_equal(store_writer_open(db, &w, &e), 0);
	assert_int_equal(put(w, "{\"type\":\"person\",\"id\":\"p1\",\"names\":[\"B\"]}", &res), 0);
	assert_int_equal(res, STORE_UNCHANGED);
	assert_int_equal(store_writer_check(w, &d, &nd, &e), 0);
	assert_int_equal(store_writer_commit(w, &e), 0);
	assert_int_equal(count(db, "SELECT count(*) FROM revision"), 1);

	/* a dangling reference is found at check */
	assert_int_equal(store_writer_open(db, &w, &e), 0);
	assert_int_equal(put(w, "{\"type\":\"case\",\"id\":\"c1\",\"person\":\"nobody\"}", &res), 0);
	assert_int_equal(store_writer_check(w, &d, &nd, &e), 1);
	assert_int_equal(nd, 1);
	assert_string_equal(d[0].target, "nobody");
	assert_string_equal(d[0].field, "person");
	store_dangling_free(d, nd);
	store_writer_abort(w);
	assert_int_equal(count(db, "SELECT count(*) FROM record WHERE id='c1'"), 0);
	store_close(db);
}

static void audit_chain_detects_tampering(void **state)
{
	cw_err e = CW_ERR_INIT;
	cw_db *db = NULL;
	char head[AUDIT_HASH_HEX];
	long problems = 0;
	(void)state;

	assert_int_equal(store_open(path, NULL, STORE_CREATE, &db, &e), 0);
	for (int i = 0; i < 3; i++) {
		assert_int_equal(store_begin(db, &e), 0);
		assert_int_equal(store_audit_append(db, "tester", "import", NULL, "{\"n\":1}", &e), 0);
		assert_int_equal(store_commit(db, &e), 0);
	}
	assert_int_equal(store_audit_head(db, head, &e), 0);
	assert_int_equal(store_verify(db, head, NULL, NULL, &problems, &e), 0);
	assert_int_equal(problems, 0);
	/* behind casewatch's back: drop the triggers and alter entry 2 */
	assert_int_equal(store_exec(db,
	                            "DROP TRIGGER audit_append_only_u;"
	                            "UPDATE audit SET actor='someone else' WHERE seq=2",
	                            &e),
	                 0);
	assert_int_equal(store_verify(db, head, NULL, NULL, &problems, &e), 0);
	assert_true(problems >= 1);
	store_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(older_schema_is_migrated, setup, teardown),
		cmocka_unit_test_setup_teardown(newer_schema_is_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(updates_keep_revisions, setup, teardown),
		cmocka_unit_test_setup_teardown(audit_chain_detects_tampering, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
