/* cli/cli.h: the command-line front end.
 *
 * cli.c owns the command table, the options every command shares (--db,
 * --key-file, --key-fd, and the clearance options of the commands that
 * read records) and the database handle; each command lives in
 * cmd_<name>.c as `int cmd_<name>(int argc, char **argv, struct cli_ctx
 * *ctx)`, parses its own options with getopt_long (argv[0] is the command
 * name), prints results on stdout and diagnostics on stderr, and returns
 * the exit code: 0 ok, 1 failure, 2 usage error. Only front ends print.
 *
 * A command never opens the database itself: its table entry says what it
 * needs (CMD_DB_READ, CMD_DB_WRITE, CMD_DB_CREATE), and once its arguments
 * are checked it calls cli_run(), which opens the database that way, hands
 * the open handle to the command's run function and closes it after. So
 * `--help` and usage errors never need a database or a passphrase. */
#ifndef CW_CLI_CLI_H
#define CW_CLI_CLI_H

#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>

#include "base/buf.h"
#include "base/err.h"
#include "base/jsonout.h"
#include "store/db.h"
#include "store/record.h"

enum cli_exit { CLI_OK = 0, CLI_FAIL = 1, CLI_USAGE = 2 };

/* What a command needs of the database: the command table's flags. A
 * command with none needs no database (extract, name-key, ...). */
enum cli_flags {
	CMD_DB_READ = 1 << 0,   /* opens it read-only: never writes, never migrates */
	CMD_DB_WRITE = 1 << 1,  /* opens it for writing (an older schema is migrated) */
	CMD_DB_CREATE = 1 << 2, /* creates it (init) */
};

struct cli_command;

struct cli_ctx {
	const char *db_path;  /* --db, else $CASEWATCH_DB, else "casewatch.db" */
	const char *key_file; /* --key-file FILE (first line is the passphrase) */
	int key_fd;           /* --key-fd N, or -1 */
	const char *user;     /* $CASEWATCH_USER, else the operating-system user */
	bool stderr_tty;      /* progress bars only on a terminal */
	bool color;           /* stdout is a terminal and NO_COLOR is unset */
	bool quiet;           /* --quiet: no progress on stderr */
	const struct cli_command *cmd; /* the command running */
	/* Set by the command before cli_run(): */
	bool only_reads; /* a CMD_DB_WRITE command whose arguments only read (review
	                    without --accept or --reject): open it read-only */
	bool encrypt;    /* CMD_DB_CREATE: encrypt, asking for a passphrase if none
	                    is given (init --encrypt) */
	/* The handle cli_run() opened, closed when the run function returns. A
	 * run function that hands it to a call that closes it (store_rekey)
	 * sets it to NULL. */
	cw_db *db;
};

typedef int (*cli_fn)(int argc, char **argv, struct cli_ctx *ctx);

struct cli_command {
	const char *name;
	cli_fn fn;
	unsigned flags; /* enum cli_flags */
	const char *summary;
};

int cli_main(int argc, char **argv);

/* The part of a command that works on the database, with arg the
 * command's parsed options. Returns the exit code. */
typedef int (*cli_run_fn)(struct cli_ctx *ctx, cw_db *db, void *arg);
/* Open the database as the running command's table entry says, call
 * fn(ctx, db, arg), close the database and return fn's exit code; when
 * the database does not open, print why and return 1 (2 for CW_EUSAGE).
 * Called once per command, after its arguments are checked. */
int cli_run(struct cli_ctx *ctx, cli_run_fn fn, void *arg);

/* A report_label_fn (report/labels.h) over an open store_vocab: the
 * renderers' vocabulary labels from the database. */
const char *cli_vocab_label(void *vocab, const char *vocabulary, const char *code,
                            const char *lang);

/* The clearance options of every command that reads records: --clearance
 * LEVEL and --public (the same as --clearance public). Put
 * CLI_CLEARANCE_OPTIONS in the command's getopt_long table and hand both
 * codes to cli_clearance_opt(). The CLI's default clearance is
 * confidential (DESIGN.md). */
enum { CLI_OPT_CLEARANCE = 0x100, CLI_OPT_PUBLIC };
#define CLI_CLEARANCE_OPTIONS                                                      \
	{ "clearance", required_argument, NULL, CLI_OPT_CLEARANCE },              \
	{ "public", no_argument, NULL, CLI_OPT_PUBLIC }
#define CLI_DEFAULT_CLEARANCE CW_CONFIDENTIAL
/* Set *clearance from getopt's code c (CLI_OPT_CLEARANCE with arg, or
 * CLI_OPT_PUBLIC). 0, or after printing the usage error CLI_USAGE. */
int cli_clearance_opt(const char *cmd, int c, const char *arg, int *clearance);
/* Parse a confidentiality level given to option opt ("--clearance",
 * "--confidentiality"): 0, or after printing "OPT: 'ARG' is not a level"
 * CLI_USAGE. */
int cli_level_arg(const char *cmd, const char *opt, const char *arg, int *level);

/* Print "error: MSG" to stderr and return the exit code for e (2 for
 * CW_EUSAGE, else 1). */
int cli_fail(const cw_err *e);
/* Print "error: out of memory" and return 1. */
int cli_nomem(void);
/* Print "error: ..." (formatted) and return 2. */
int cli_usage(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Print "warning: ..." to stderr. */
void cli_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Read all of f into b, failing past the document limit (CW_MAX_DOCUMENT). */
int cli_read_document(FILE *f, cw_buf *b, cw_err *e);

/* Write b to standard output and empty it. */
void cli_print(cw_buf *b);

/* A JSON document for standard output, written with base/jsonout.h's
 * writer like all JSON casewatch prints: cli_json_start(), cw_jsonw calls
 * on &j->w, cli_json_print() to print what is written so far (a streamed
 * list, an element at a time), cli_json_end() to print the rest and a
 * newline. */
struct cli_json {
	cw_buf b;
	cw_jsonw w;
};
void cli_json_start(struct cli_json *j, unsigned flags);
void cli_json_print(struct cli_json *j);
/* 0, or -1 when the writer failed (out of memory): then nothing more is
 * printed. The buffer is released either way. */
int cli_json_end(struct cli_json *j);
/* A whole jansson value as one document, laid out as flags say. */
int cli_print_value(json_t *v, unsigned flags);

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
/* one record at a time (cmd_set.c, cmd_history.c, cmd_edit.c, cmd_list.c) */
int cmd_add(int argc, char **argv, struct cli_ctx *ctx);
int cmd_set(int argc, char **argv, struct cli_ctx *ctx);
int cmd_unset(int argc, char **argv, struct cli_ctx *ctx);
int cmd_edit(int argc, char **argv, struct cli_ctx *ctx);
int cmd_list(int argc, char **argv, struct cli_ctx *ctx);
int cmd_history(int argc, char **argv, struct cli_ctx *ctx);
int cmd_diff(int argc, char **argv, struct cli_ctx *ctx);
int cmd_revert(int argc, char **argv, struct cli_ctx *ctx);
/* cmd_set.c: print the outcome of a write ("set person p-1: revision 3",
 * or JSON {id, type, revision, created, changed}); parse a revision
 * number given as what ("--revision", "REV"): 0, or CLI_USAGE printed. */
struct io_edit_result;
void cli_print_write(const char *verb, const struct io_edit_result *r, bool json);
int cli_revision_arg(const char *cmd, const char *what, const char *arg, long long *rev);
int cmd_search(int argc, char **argv, struct cli_ctx *ctx);

#endif
