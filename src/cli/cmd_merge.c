/* cli/cmd_merge.c: casewatch merge — one person recorded twice (and the code
 * unmerge shares). */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "store/people.h"
#include "store/record.h"

static const char merge_usage[] =
    "usage: casewatch merge A B [--clearance LEVEL | --public]\n"
    "\n"
    "Record that person A is the same person as person B: A gets a new\n"
    "version saying \"merged_into\": B, and findings count them as one\n"
    "person. Nothing else moves: A keeps its names, cases and citations, and\n"
    "'casewatch unmerge A B' restores both exactly. The merge is audited.\n"
    "Refused when A or B is not a visible person, A is already merged, B is\n"
    "itself merged (merge into the person B was merged into), or the merge\n"
    "would make a cycle.\n"
    "\n"
    "  --clearance LEVEL  A and B must be visible at LEVEL (default confidential)\n"
    "  --public           the same as --clearance public\n";

static const char unmerge_usage[] =
    "usage: casewatch unmerge A B [--clearance LEVEL | --public]\n"
    "\n"
    "Undo 'casewatch merge A B': A is written again without \"merged_into\",\n"
    "exactly as it was before the merge, with every name, case and citation\n"
    "where it was. The unmerge is audited.\n"
    "\n"
    "  --clearance LEVEL  A and B must be visible at LEVEL (default confidential)\n"
    "  --public           the same as --clearance public\n";

struct merge_args {
	const char *a, *b;
	int clearance;
	bool merge;
};

static int run(struct cli_ctx *ctx, cw_db *db, void *arg)
{
	const struct merge_args *m = arg;
	cw_err e = CW_ERR_INIT;

	if ((m->merge ? store_merge : store_unmerge)(db, m->a, m->b, m->clearance, ctx->user,
	                                             &e))
		return cli_fail(&e);
	if (m->merge)
		printf("merged '%s' into '%s'\n", m->a, m->b);
	else
		printf("unmerged '%s' from '%s'\n", m->a, m->b);
	return CLI_OK;
}

int cmd_merge_common(int argc, char **argv, struct cli_ctx *ctx, bool merge)
{
	static const struct option opts[] = {
	    CLI_CLEARANCE_OPTIONS,
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	const char *cmd = merge ? "merge" : "unmerge";
	struct merge_args m = {NULL, NULL, CLI_DEFAULT_CLEARANCE, merge};
	int c;

	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case CLI_OPT_CLEARANCE:
		case CLI_OPT_PUBLIC:
			if (cli_clearance_opt(cmd, c, optarg, &m.clearance))
				return CLI_USAGE;
			break;
		case 'h':
			fputs(merge ? merge_usage : unmerge_usage, stdout);
			return CLI_OK;
		default: return cli_usage(cmd, "unknown option");
		}
	}
	if (argc - optind != 2)
		return cli_usage(cmd, "give two person ids: %s A B", cmd);
	m.a = argv[optind];
	m.b = argv[optind + 1];
	return cli_run(ctx, run, &m);
}

int cmd_merge(int argc, char **argv, struct cli_ctx *ctx)
{
	return cmd_merge_common(argc, argv, ctx, true);
}
