/* cli/cmd_extract_worker.c: `casewatch extract-worker`, internal.
 *
 * The process `casewatch ingest` starts (fork and exec of itself, with a
 * scrubbed environment and resource limits) to extract articles from
 * untrusted pages: it reads documents on standard input and answers on
 * standard output (io/ingest_worker.h describes the protocol). It opens no
 * database and reads no passphrase. Not meant to be run by hand. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "io/ingest.h"

int cmd_extract_worker(int argc, char **argv, struct cli_ctx *ctx)
{
	(void)ctx;
	if (argc > 1 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		fputs("usage: casewatch extract-worker\n"
		      "\n"
		      "Internal: the article extraction worker that 'casewatch ingest' starts.\n"
		      "Reads framed documents on standard input, answers on standard output.\n",
		      stdout);
		return CLI_OK;
	}
	if (argc > 1)
		return cli_usage("extract-worker", "takes no arguments");
	return io_ingest_worker_main(0, 1) ? CLI_FAIL : CLI_OK;
}
