/* cli/cmd_rekey.c: casewatch rekey — change the passphrase, never in place. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/key.h"
#include "store/backup.h"

static const char usage[] =
	"usage: casewatch rekey [--new-key-file FILE | --new-key-fd N]\n"
	"\n"
	"Change the database's passphrase (or encrypt a plain database). The\n"
	"database is copied under the new key, the copy verified and synced, then\n"
	"renamed over the original: if interrupted, the database opens with the\n"
	"old or the new passphrase, never neither. Close other casewatch\n"
	"processes first. Backups made earlier keep the old passphrase.\n"
	"\n"
	"  --new-key-file FILE   the new passphrase is FILE's first line\n"
	"  --new-key-fd N        read the new passphrase from descriptor N\n"
	"  (else a terminal prompt, twice)\n";

/* newctx holds where the new passphrase comes from. */
static int run(struct cli_ctx *ctx, cw_db *db, void *arg)
{
	struct cli_ctx *newctx = arg;
	cw_err e = CW_ERR_INIT;
	cw_secret *pass = NULL;
	int rc;

	/* The new passphrase: never from CASEWATCH_KEY (that is the old one). */
	if (newctx->key_fd >= 0 || newctx->key_file) {
		rc = cli_passphrase(newctx, false, NULL, false, &pass, &e);
	} else {
		char *saved = getenv("CASEWATCH_KEY") ? strdup(getenv("CASEWATCH_KEY")) : NULL;
		unsetenv("CASEWATCH_KEY");
		rc = cli_passphrase(newctx, true, "New passphrase: ", true, &pass, &e);
		if (saved) {
			setenv("CASEWATCH_KEY", saved, 1);
			free(saved);
		}
	}
	if (rc || !pass) {
		if (!rc)
			cw_err_set(&e, CW_EKEY, "no new passphrase given");
		return cli_fail(&e);
	}
	ctx->db = NULL; /* store_rekey closes it, whatever happens */
	rc = store_rekey(db, pass, ctx->user, &e);
	cw_secret_free(pass);
	if (rc)
		return cli_fail(&e);
	printf("%s: passphrase changed (backups made before keep the old one)\n", ctx->db_path);
	return CLI_OK;
}

int cmd_rekey(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct option opts[] = {
		{ "new-key-file", required_argument, NULL, 'f' },
		{ "new-key-fd", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct cli_ctx newctx = { 0 };
	int c;

	newctx.key_fd = -1;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'f': newctx.key_file = optarg; break;
		case 'd': {
			char *end;
			long fd;
			errno = 0;
			fd = strtol(optarg, &end, 10);
			if (errno || *end || fd < 0 || fd > 65535)
				return cli_usage("rekey", "--new-key-fd: '%s' is not a descriptor", optarg);
			newctx.key_fd = (int)fd;
			break;
		}
		case 'h': fputs(usage, stdout); return CLI_OK;
		default: return cli_usage("rekey", "unknown option");
		}
	}
	if (optind < argc)
		return cli_usage("rekey", "unexpected argument '%s'", argv[optind]);
	return cli_run(ctx, run, &newctx);
}
