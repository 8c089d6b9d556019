/* cli/cmd_init.c: casewatch init — create a database and its vocabularies. */
#include <getopt.h>
#include <string.h>

#include "cli/cli.h"
#include "store/audit.h"
#include "store/db.h"

static const char usage[] =
	"usage: casewatch init [--encrypt] [--db FILE]\n"
	"\n"
	"Create a new casewatch database (default ./casewatch.db) with its\n"
	"vocabularies. It is encrypted when a passphrase is given (--key-file,\n"
	"--key-fd or CASEWATCH_KEY), or with --encrypt, which asks for a new one.\n"
	"\n"
	"  --encrypt   encrypt; ask for a passphrase when none is given\n"
	"  --json      print {\"path\", \"encrypted\", \"schema\"}\n";

static int run(struct cli_ctx *ctx, cw_db *db, void *arg)
{
	const bool *json = arg;
	cw_err e = CW_ERR_INIT;

	if (store_begin(db, &e) || store_audit_append(db, ctx->user, "init", NULL, NULL, &e) ||
	    store_commit(db, &e))
		return cli_fail(&e);
	if (*json) {
		struct cli_json j;
		cw_jsonw *w = &j.w;
		cli_json_start(&j, 0);
		cw_jsonw_obj(w);
		cw_jsonw_kstr(w, "path", ctx->db_path);
		cw_jsonw_kbool(w, "encrypted", store_encrypted(db));
		cw_jsonw_kint(w, "schema", store_schema_version(db));
		cw_jsonw_obj_end(w);
		if (cli_json_end(&j))
			return cli_nomem();
	} else {
		printf("created %s (%s, schema %d)\n", ctx->db_path,
		       store_encrypted(db) ? "encrypted" : "not encrypted",
		       store_schema_version(db));
	}
	return CLI_OK;
}

int cmd_init(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct option opts[] = {
		{ "encrypt", no_argument, NULL, 'e' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	bool json = false;
	int c;

	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'e': ctx->encrypt = true; break;
		case 'j': json = true; break;
		case 'h': fputs(usage, stdout); return CLI_OK;
		default: return cli_usage("init", "unknown option");
		}
	}
	if (optind < argc)
		return cli_usage("init", "unexpected argument '%s'", argv[optind]);
	return cli_run(ctx, run, &json);
}
