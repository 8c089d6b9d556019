/* cli/cli.h: the command-line front end.
 *
 * cli.c owns the command table and the options every command shares
 * (--db, --key-file, --key-fd); each command lives in cmd_<name>.c as
 * `int cmd_<name>(int argc, char **argv, struct cli_ctx *ctx)`, parses its
 * own options with getopt_long (argv[0] is the command name), prints
 * results on stdout and diagnostics on stderr, and returns the exit code:
 * 0 ok, 1 failure, 2 usage error. Only front ends print. */
#ifndef CW_CLI_CLI_H
#define CW_CLI_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "base/err.h"

enum cli_exit { CLI_OK = 0, CLI_FAIL = 1, CLI_USAGE = 2 };

struct cli_ctx {
	const char *db_path;  /* --db, else $CASEWATCH_DB, else "casewatch.db" */
	const char *key_file; /* --key-file FILE (first line is the passphrase) */
	int key_fd;           /* --key-fd N, or -1 */
	const char *user;     /* $CASEWATCH_USER, else the operating-system user */
	bool stderr_tty;      /* progress bars only on a terminal */
	bool color;           /* stdout is a terminal and NO_COLOR is unset */
};

typedef int (*cli_fn)(int argc, char **argv, struct cli_ctx *ctx);

struct cli_command {
	const char *name;
	cli_fn fn;
	const char *summary;
};

int cli_main(int argc, char **argv);

/* Print "error: MSG" to stderr and return the exit code for e (2 for
 * CW_EUSAGE, else 1). */
int cli_fail(const cw_err *e);
/* Print "error: ..." (formatted) and return 2. */
int cli_usage(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Print "warning: ..." to stderr. */
void cli_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Read all of f into b, failing past the document limit (CW_MAX_DOCUMENT). */
struct cw_buf;
int cli_read_document(FILE *f, struct cw_buf *b, cw_err *e);

/* Print s to out as a JSON string literal (null for NULL), escaped by
 * base/jsonout.c like every JSON casewatch writes. */
void cli_json_str(FILE *out, const char *s);

/* Open FILE for reading, "-" meaning stdin. */
FILE *cli_open_input(const char *path, cw_err *e);

/* The commands. */
int cmd_help(int argc, char **argv, struct cli_ctx *ctx);
int cmd_version(int argc, char **argv, struct cli_ctx *ctx);
int cmd_audit(int argc, char **argv, struct cli_ctx *ctx);
int cmd_backup(int argc, char **argv, struct cli_ctx *ctx);
int cmd_rekey(int argc, char **argv, struct cli_ctx *ctx);
int cmd_export(int argc, char **argv, struct cli_ctx *ctx);
int cmd_import(int argc, char **argv, struct cli_ctx *ctx);
int cmd_init(int argc, char **argv, struct cli_ctx *ctx);
int cmd_show(int argc, char **argv, struct cli_ctx *ctx);
int cmd_stats(int argc, char **argv, struct cli_ctx *ctx);
int cmd_verify(int argc, char **argv, struct cli_ctx *ctx);
int cmd_extract(int argc, char **argv, struct cli_ctx *ctx);
int cmd_findings(int argc, char **argv, struct cli_ctx *ctx);
int cmd_mentions(int argc, char **argv, struct cli_ctx *ctx);
int cmd_name_key(int argc, char **argv, struct cli_ctx *ctx);
int cmd_name_score(int argc, char **argv, struct cli_ctx *ctx);
int cmd_consent(int argc, char **argv, struct cli_ctx *ctx);
int cmd_purge(int argc, char **argv, struct cli_ctx *ctx);
int cmd_dedup(int argc, char **argv, struct cli_ctx *ctx);
int cmd_merge(int argc, char **argv, struct cli_ctx *ctx);
int cmd_unmerge(int argc, char **argv, struct cli_ctx *ctx);
/* merge and unmerge share their code (cmd_merge.c) */
int cmd_merge_common(int argc, char **argv, struct cli_ctx *ctx, bool merge);
int cmd_ingest(int argc, char **argv, struct cli_ctx *ctx);
int cmd_extract_worker(int argc, char **argv, struct cli_ctx *ctx);
int cmd_review(int argc, char **argv, struct cli_ctx *ctx);
int cmd_search(int argc, char **argv, struct cli_ctx *ctx);

#endif
