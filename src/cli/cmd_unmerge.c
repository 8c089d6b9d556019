/* cli/cmd_unmerge.c: casewatch unmerge — undo a merge (see cmd_merge.c). */
#include "cli/cli.h"

int cmd_unmerge(int argc, char **argv, struct cli_ctx *ctx)
{
	return cmd_merge_common(argc, argv, ctx, false);
}
