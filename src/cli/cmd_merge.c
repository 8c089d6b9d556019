/* cli/cmd_merge.c: casewatch merge — one person recorded twice (and the code
 * unmerge shares). */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/key.h"
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

int cmd_merge_common(int argc, char **argv, struct cli_ctx *ctx, bool merge)
{
	static const struct option opts[] = {
	    {"clearance", required_argument, NULL, 'c'},
	    {"public", no_argument, NULL, 'p'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	const char *cmd = merge ? "merge" : "unmerge";
	int clearance = CW_CONFIDENTIAL, c, rc = CLI_OK;
	cw_err e = CW_ERR_INIT;
	cw_db *db = NULL;

	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'c':
			if (cw_level_parse(optarg, &clearance))
				return cli_usage(cmd, "--clearance: '%s' is not a level",
				                 optarg);
			break;
		case 'p': clearance = CW_PUBLIC; break;
		case 'h':
			fputs(merge ? merge_usage : unmerge_usage, stdout);
			return CLI_OK;
		default: return cli_usage(cmd, "unknown option");
		}
	}
	if (argc - optind != 2)
		return cli_usage(cmd, "give two person ids: %s A B", cmd);
	if (cli_open_db(ctx, 0, &db, &e))
		return cli_fail(&e);
	if ((merge ? store_merge : store_unmerge)(db, argv[optind], argv[optind + 1],
	                                          clearance, ctx->user, &e))
		rc = cli_fail(&e);
	else if (merge)
		printf("merged '%s' into '%s'\n", argv[optind], argv[optind + 1]);
	else
		printf("unmerged '%s' from '%s'\n", argv[optind], argv[optind + 1]);
	store_close(db);
	return rc;
}

int cmd_merge(int argc, char **argv, struct cli_ctx *ctx)
{
	return cmd_merge_common(argc, argv, ctx, true);
}
