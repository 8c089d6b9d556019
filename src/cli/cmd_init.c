/* cli/cmd_init.c: casewatch init — create a database and its vocabularies. */
#include <getopt.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/key.h"
#include "store/audit.h"
#include "store/db.h"

static const char usage[] =
	"usage: casewatch init [--no-encrypt] [--db FILE] [--json]\n"
	"\n"
	"Create a new casewatch database (default ./casewatch.db) with its\n"
	"vocabularies, encrypted with a passphrase: from --key-fd N, --key-file FILE\n"
	"(its first line) or CASEWATCH_KEY, else asked twice on the terminal.\n"
	"Without a terminal or a passphrase it refuses. Forget the passphrase and\n"
	"the data is gone: keep it somewhere safe.\n"
	"\n"
	"  --no-encrypt   a plain, unencrypted file (tests, throwaway data)\n"
	"  --encrypt      the default, accepted for scripts that say it\n"
	"  --json         print {\"path\", \"encrypted\", \"schema\"}\n"
	"  -h, --help     show this help\n";

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
		{ "no-encrypt", no_argument, NULL, 'n' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	bool json = false, plain = false, asked = false;
	int c;

	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'e': asked = true; break;
		case 'n': plain = true; break;
		case 'j': json = true; break;
		case 'h': fputs(usage, stdout); return CLI_OK;
		default: return cli_usage("init", "unknown option");
		}
	}
	if (optind < argc)
		return cli_usage("init", "unexpected argument '%s'", argv[optind]);
	if (plain && asked)
		return cli_usage("init", "--encrypt and --no-encrypt: which one?");
	if (plain && cli_key_given(ctx))
		return cli_usage("init", "--no-encrypt, but a passphrase is given (--key-fd, "
		                         "--key-file or CASEWATCH_KEY): which one?");
	if (!plain && !cli_key_given(ctx) && (!isatty(0) || !isatty(2))) {
		fprintf(stderr,
		        "error: %s: casewatch encrypts new databases, and there is no passphrase "
		        "and no terminal to ask for one\n"
		        "  give one with --key-file FILE, --key-fd N or CASEWATCH_KEY, run init on "
		        "a terminal,\n"
		        "  or pass --no-encrypt for a plain (unencrypted) file\n",
		        ctx->db_path);
		return CLI_FAIL;
	}
	ctx->encrypt = !plain;
	return cli_run(ctx, run, &json);
}
