/* tests/unit/test_cli.c: cli/ (the command table's database handling and
 * the shared clearance options). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "store/audit.h"
#include "store/record.h"

static char path[256];

static int setup(void **state)
{
	(void)state;
	snprintf(path, sizeof(path), "%s/cwcli-%d.db", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp",
	         (int)getpid());
	unlink(path);
	unsetenv("CASEWATCH_KEY");
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

static int fake_cmd(int argc, char **argv, struct cli_ctx *ctx)
{
	(void)argc;
	(void)argv;
	(void)ctx;
	return CLI_OK;
}

static struct cli_ctx ctx_for(const struct cli_command *c)
{
	struct cli_ctx ctx = { 0 };
	ctx.db_path = path;
	ctx.key_fd = -1;
	ctx.user = "tester";
	ctx.cmd = c;
	return ctx;
}

struct seen {
	int calls;
	cw_db *db;
	int write_rc; /* what an audited write returned */
};

/* Try a write: 0 when the handle may write. */
static int try_write(cw_db *db)
{
	cw_err e = CW_ERR_INIT;
	if (store_begin(db, &e))
		return -1;
	if (store_audit_append(db, "tester", "test", NULL, NULL, &e) ||
	    store_commit(db, &e)) {
		store_rollback(db);
		return -1;
	}
	return 0;
}

static int run_write(struct cli_ctx *ctx, cw_db *db, void *arg)
{
	struct seen *s = arg;
	s->calls++;
	s->db = db;
	assert_ptr_equal(ctx->db, db); /* the handle cli_run will close */
	s->write_rc = try_write(db);
	return 7; /* handed back as the exit code */
}

/* Whether the audit log has an entry (the write run_write made). */
static bool audited(void)
{
	char head[AUDIT_HASH_HEX];
	cw_err e = CW_ERR_INIT;
	cw_db *db = NULL;
	bool yes;

	assert_int_equal(store_open(path, NULL, STORE_READONLY, &db, &e), 0);
	assert_int_equal(store_audit_head(db, head, &e), 0);
	yes = strspn(head, "0") != strlen(head); /* 64 zeros: an empty log */
	store_close(db);
	return yes;
}

/* Each flag opens the database its way, the run function gets the open
 * handle and its exit code, and cli_run closes the handle after. */
static void run_opens_as_the_flag_says(void **state)
{
	struct cli_command create = { "init", fake_cmd, CMD_DB_CREATE, "" };
	struct cli_command reads = { "show", fake_cmd, CMD_DB_READ, "" };
	struct cli_command writes = { "import", fake_cmd, CMD_DB_WRITE, "" };
	struct cli_ctx ctx;
	struct seen s = { 0 };
	(void)state;

	ctx = ctx_for(&create);
	assert_int_equal(cli_run(&ctx, run_write, &s), 7);
	assert_int_equal(s.calls, 1);
	assert_non_null(s.db);
	assert_int_equal(s.write_rc, 0);
	assert_null(ctx.db);
	assert_int_equal(access(path, F_OK), 0);
	assert_true(audited());

	memset(&s, 0, sizeof(s));
	ctx = ctx_for(&reads);
	assert_int_equal(cli_run(&ctx, run_write, &s), 7);
	assert_int_equal(s.calls, 1);
	assert_int_not_equal(s.write_rc, 0); /* read-only: the write is refused */
	assert_null(ctx.db);

	memset(&s, 0, sizeof(s));
	ctx = ctx_for(&writes);
	assert_int_equal(cli_run(&ctx, run_write, &s), 7);
	assert_int_equal(s.write_rc, 0);
	assert_null(ctx.db);

	/* a writing command whose arguments only read gets a read-only handle */
	memset(&s, 0, sizeof(s));
	ctx = ctx_for(&writes);
	ctx.only_reads = true;
	assert_int_equal(cli_run(&ctx, run_write, &s), 7);
	assert_int_not_equal(s.write_rc, 0);
	assert_null(ctx.db);
}

/* A database that does not open is an error of its own: the run function
 * is not called, and creating refuses a file that exists. */
static void run_reports_what_does_not_open(void **state)
{
	struct cli_command create = { "init", fake_cmd, CMD_DB_CREATE, "" };
	struct cli_command reads = { "show", fake_cmd, CMD_DB_READ, "" };
	struct cli_ctx ctx;
	struct seen s = { 0 };
	(void)state;

	ctx = ctx_for(&reads);
	assert_int_equal(cli_run(&ctx, run_write, &s), CLI_FAIL);
	assert_int_equal(s.calls, 0);
	assert_int_not_equal(access(path, F_OK), 0); /* reading never creates */

	ctx = ctx_for(&create);
	assert_int_equal(cli_run(&ctx, run_write, &s), 7);
	ctx = ctx_for(&create);
	assert_int_equal(cli_run(&ctx, run_write, &s), CLI_FAIL);
	assert_int_equal(s.calls, 1);
	assert_null(ctx.db);
}

/* --public and --clearance LEVEL, the same for every command. */
static void clearance_options(void **state)
{
	int level = CW_CONFIDENTIAL;
	(void)state;

	assert_int_equal(cli_clearance_opt("show", CLI_OPT_PUBLIC, NULL, &level), 0);
	assert_int_equal(level, CW_PUBLIC);
	assert_int_equal(cli_clearance_opt("show", CLI_OPT_CLEARANCE, "internal", &level), 0);
	assert_int_equal(level, CW_INTERNAL);
	assert_int_equal(cli_clearance_opt("show", CLI_OPT_CLEARANCE, "confidential", &level),
	                 0);
	assert_int_equal(level, CW_CONFIDENTIAL);
	assert_int_equal(cli_clearance_opt("show", CLI_OPT_CLEARANCE, "secret", &level),
	                 CLI_USAGE);
	assert_int_equal(level, CW_CONFIDENTIAL); /* unchanged */
	assert_int_equal(cli_level_arg("ingest", "--confidentiality", "public", &level), 0);
	assert_int_equal(level, CW_PUBLIC);
	assert_int_equal(cli_level_arg("ingest", "--confidentiality", "", &level), CLI_USAGE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(run_opens_as_the_flag_says, setup, teardown),
		cmocka_unit_test_setup_teardown(run_reports_what_does_not_open, setup, teardown),
		cmocka_unit_test(clearance_options),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
