/* cli/cmd_backup.c: casewatch backup FILE — a verified online copy. */
#include <getopt.h>
#include <unistd.h>

#include "cli/cli.h"
#include "store/audit.h"
#include "store/backup.h"

static const char usage[] =
	"usage: casewatch backup FILE\n"
	"\n"
	"Write a consistent copy of the database to FILE while others may be\n"
	"writing. An encrypted database's backup is encrypted under the same key\n"
	"and opens with the same passphrase. The copy is verified before it is\n"
	"put in place; FILE must not exist.\n";

static int run(struct cli_ctx *ctx, cw_db *db, void *arg)
{
	const char *file = arg;
	cw_err e = CW_ERR_INIT;

	if (store_backup(db, file, &e))
		return cli_fail(&e);
	/* A backup the audit log does not record is not kept: the command
	 * fails as a whole. */
	if (store_begin(db, &e) || store_audit_append(db, ctx->user, "backup", NULL, NULL, &e) ||
	    store_commit(db, &e)) {
		store_rollback(db);
		if (unlink(file) == 0)
			cw_err_prefix(&e, "%s: removed again, the audit log could not record it",
			              file);
		return cli_fail(&e);
	}
	printf("backup written to %s (%s, verified)\n", file,
	       store_encrypted(db) ? "encrypted under the same key" : "not encrypted");
	return CLI_OK;
}

int cmd_backup(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct option opts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'h': fputs(usage, stdout); return CLI_OK;
		default: return cli_usage("backup", "unknown option");
		}
	}
	if (optind + 1 != argc)
		return cli_usage("backup", "give one FILE to write the backup to");
	return cli_run(ctx, run, argv[optind]);
}
