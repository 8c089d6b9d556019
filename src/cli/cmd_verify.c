/* cli/cmd_verify.c: casewatch verify — integrity, audit chain, documents. */
#include <getopt.h>
#include <string.h>

#include "cli/cli.h"
#include "store/audit.h"

static const char usage[] =
	"usage: casewatch verify [--head HASH] [--json]\n"
	"\n"
	"Check the database's integrity, the audit log's hash chain and every\n"
	"document against its SHA-256. Exit 0 when all hold; 1 and an account of\n"
	"each problem otherwise.\n"
	"\n"
	"  --head HASH   also prove the chain up to HASH (from 'casewatch audit\n"
	"                --head', kept elsewhere) was not rewritten\n"
	"  --json        print {\"ok\": bool, \"problems\": [...]}\n";

struct vctx {
	const char *head;
	bool json;
	struct cli_json j; /* --json: {"problems": [...], "ok": bool} */
};

static void on_problem(void *arg, const char *p)
{
	struct vctx *v = arg;
	if (v->json) {
		cw_jsonw_str(&v->j.w, p);
		cli_json_print(&v->j);
	} else {
		fprintf(stdout, "problem: %s\n", p);
	}
}

static int run(struct cli_ctx *ctx, cw_db *db, void *arg)
{
	struct vctx *v = arg;
	cw_err e = CW_ERR_INIT;
	long problems = 0;

	if (v->json) {
		cli_json_start(&v->j, 0);
		cw_jsonw_obj(&v->j.w);
		cw_jsonw_key(&v->j.w, "problems");
		cw_jsonw_arr(&v->j.w);
		cli_json_print(&v->j);
	}
	if (store_verify(db, v->head, on_problem, v, &problems, &e)) {
		if (v->json)
			cw_buf_release(&v->j.b);
		return cli_fail(&e);
	}
	if (v->json) {
		cw_jsonw_arr_end(&v->j.w);
		cw_jsonw_kbool(&v->j.w, "ok", !problems);
		cw_jsonw_obj_end(&v->j.w);
		if (cli_json_end(&v->j))
			return cli_nomem();
	} else if (!problems)
		printf("ok: %s verifies (integrity, audit chain%s, documents)\n", ctx->db_path,
		       v->head ? " up to the given head" : "");
	else
		fprintf(stderr, "error: %s: %ld problem%s found\n", ctx->db_path, problems,
		        problems == 1 ? "" : "s");
	return problems ? CLI_FAIL : CLI_OK;
}

int cmd_verify(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct option opts[] = {
		{ "head", required_argument, NULL, 'H' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct vctx v = { .head = NULL };
	int c;

	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'H':
			if (strlen(optarg) != 64 || strspn(optarg, "0123456789abcdef") != 64)
				return cli_usage("verify", "--head: expected 64 lowercase hex digits");
			v.head = optarg;
			break;
		case 'j': v.json = true; break;
		case 'h': fputs(usage, stdout); return CLI_OK;
		default: return cli_usage("verify", "unknown option");
		}
	}
	if (optind < argc)
		return cli_usage("verify", "unexpected argument '%s'", argv[optind]);
	return cli_run(ctx, run, &v);
}
