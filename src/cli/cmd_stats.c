/* cli/cmd_stats.c: casewatch stats — what the database holds. */
#include <assert.h>
#include <getopt.h>

#include "cli/cli.h"
#include "store/record.h"

static const char usage[] =
	"usage: casewatch stats [--json]\n"
	"\n"
	"Count the records of each type in the database.\n";

struct sctx {
	bool json;
	struct cli_json j; /* --json: one object, type to count */
};

static int on_count(void *arg, const char *type, long count)
{
	struct sctx *s = arg;
	assert(type);
	if (s->json) {
		cw_jsonw_kint(&s->j.w, type, count);
		cli_json_print(&s->j);
	} else {
		printf("%-13s %ld\n", type, count);
	}
	return 0;
}

static int run(struct cli_ctx *ctx, cw_db *db, void *arg)
{
	struct sctx *s = arg;
	cw_err e = CW_ERR_INIT;
	int rc;

	if (s->json) {
		cli_json_start(&s->j, 0);
		cw_jsonw_obj(&s->j.w);
		cli_json_print(&s->j);
	} else {
		printf("%s (%s)\n", ctx->db_path, store_encrypted(db) ? "encrypted" : "not encrypted");
	}
	rc = store_count_by_type(db, on_count, s, &e);
	if (s->json) {
		cw_jsonw_obj_end(&s->j.w);
		if (cli_json_end(&s->j) && !rc)
			rc = cw_err_set(&e, CW_ENOMEM, "out of memory");
	}
	return rc ? cli_fail(&e) : CLI_OK;
}

int cmd_stats(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct sctx s = { .json = false };
	int c;

	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'j': s.json = true; break;
		case 'h': fputs(usage, stdout); return CLI_OK;
		default: return cli_usage("stats", "unknown option");
		}
	}
	return cli_run(ctx, run, &s);
}
