/* cli/progress.h: progress of long work on stderr, for a person watching.
 *
 * Shown only when stderr is a terminal and --quiet was not given; throttled
 * to a few updates a second; one line, rewritten in place:
 *   "ingest: 41,200 of 120,000 files (34%), 815/s, 0:09 left"
 *   "import: 41,200 records (34%), 8,150/s, 0:09 left"
 * A message printed meanwhile first clears the line (cli_progress_clear).
 * Nothing here affects what a command prints on stdout. */
#ifndef CW_CLI_PROGRESS_H
#define CW_CLI_PROGRESS_H

#include <stdbool.h>

#include "cli/cli.h"

struct cli_progress {
	bool on;
	bool shown;
	bool every; /* no throttling ($CASEWATCH_PROGRESS=always, for tests) */
	const char *what, *unit; /* "import", "records" */
	long long total;         /* 0: unknown */
	long long t0, last;      /* milliseconds */
};

void cli_progress_start(struct cli_progress *p, const struct cli_ctx *ctx,
                        const char *what, const char *unit, long long total);
void cli_progress_update(struct cli_progress *p, long long done);
/* The same when the amount done is measured otherwise (bytes of the input)
 * than what is counted (records): count and its rate are shown, the share
 * and time left come from done of total. */
void cli_progress_update2(struct cli_progress *p, long long count, long long done,
                          long long total);
/* Clear the line (before printing something else, and at the end). */
void cli_progress_clear(struct cli_progress *p);

#endif
