/* cli/cli.c: the command table, shared options and dispatch. */
#include "cli/cli.h"

#include <assert.h>
#include <errno.h>
#include <getopt.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/jsonout.h"
#include "base/limits.h"
#include "cli/key.h"
#include "store/vocab.h"
#include "version.h"

/* Keep sorted by name: `casewatch help` lists them in this order. The
 * flags say what each needs of the database (cli.h). dedup opens it for
 * writing (a writable open brings stored name keys up to the current key
 * rules); review writes only with --accept or --reject; export only its
 * audit entry, above public. */
static const struct cli_command commands[] = {
	{ "add", cmd_add, CMD_DB_WRITE,
	  "add one record: add TYPE FIELD=VALUE..." },
	{ "audit", cmd_audit, CMD_DB_READ,
	  "list the audit log, or print its head hash" },
	{ "backup", cmd_backup, CMD_DB_WRITE,
	  "write a verified, consistent copy of the database" },
	{ "consent", cmd_consent, CMD_DB_READ,
	  "list sources whose consent forbids publishing or sharing" },
	{ "dedup", cmd_dedup, CMD_DB_WRITE,
	  "list people who may be the same person, best first" },
	{ "diff", cmd_diff, CMD_DB_READ,
	  "show what changed in a record between two revisions" },
	{ "edit", cmd_edit, CMD_DB_WRITE,
	  "edit a record in $VISUAL/$EDITOR, checked on save" },
	{ "export", cmd_export, CMD_DB_WRITE,
	  "write records out (JSON Lines or CSV) at a clearance" },
	{ "extract", cmd_extract, 0,
	  "print the article text and metadata of web pages or text" },
	{ "extract-worker", cmd_extract_worker, 0,
	  "internal: the extraction process ingest starts" },
	{ "findings", cmd_findings, CMD_DB_READ,
	  "count people and cases under a provision, with sources" },
	{ "help", cmd_help, 0,
	  "show help for casewatch or one command" },
	{ "history", cmd_history, CMD_DB_READ,
	  "list a record's revisions: when, who, what changed" },
	{ "import", cmd_import, CMD_DB_WRITE,
	  "import records (JSON Lines, JSON, CSV, foreign CSV)" },
	{ "ingest", cmd_ingest, CMD_DB_WRITE,
	  "ingest media articles as sources, with mentions to review" },
	{ "init", cmd_init, CMD_DB_CREATE,
	  "create a database (encrypted with a passphrase)" },
	{ "list", cmd_list, CMD_DB_READ,
	  "list the records of one type, with their key fields" },
	{ "merge", cmd_merge, CMD_DB_WRITE,
	  "record that two people are one (reversible)" },
	{ "mentions", cmd_mentions, 0,
	  "find provisions, sentences, dates, names... in an article" },
	{ "name-key", cmd_name_key, 0,
	  "print the match keys of person names" },
	{ "name-score", cmd_name_score, 0,
	  "score whether two person names are the same person" },
	{ "purge", cmd_purge, CMD_DB_WRITE,
	  "destroy a record and every trace of it" },
	{ "rekey", cmd_rekey, CMD_DB_WRITE,
	  "change the passphrase (copy, verify, rename)" },
	{ "revert", cmd_revert, CMD_DB_WRITE,
	  "make a record what it was at an earlier revision (a new one)" },
	{ "review", cmd_review, CMD_DB_WRITE,
	  "review the mentions suggested by ingest: accept or reject" },
	{ "search", cmd_search, CMD_DB_READ,
	  "full-text search over people, cases and sources" },
	{ "set", cmd_set, CMD_DB_WRITE,
	  "change fields of a record: set ID FIELD=VALUE..." },
	{ "show", cmd_show, CMD_DB_READ,
	  "show a person, case, source... with the citation behind each fact" },
	{ "stats", cmd_stats, CMD_DB_READ,
	  "count what the database holds" },
	{ "unmerge", cmd_unmerge, CMD_DB_WRITE,
	  "undo a merge, restoring both people exactly" },
	{ "unset", cmd_unset, CMD_DB_WRITE,
	  "remove fields of a record: unset ID FIELD..." },
	{ "verify", cmd_verify, CMD_DB_READ,
	  "check integrity, the audit chain and documents" },
	{ "version", cmd_version, 0,
	  "print the version" },
};

static const struct cli_command *find_command(const char *name)
{
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (!strcmp(commands[i].name, name))
			return &commands[i];
	return NULL;
}

/* Edit distance of two short words (insertions, deletions, changes and
 * swaps of neighbours), capped: enough to guess what was meant. */
static size_t edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), d[32][32];

	if (la >= 32 || lb >= 32)
		return 99;
	for (size_t i = 0; i <= la; i++)
		d[i][0] = i;
	for (size_t j = 0; j <= lb; j++)
		d[0][j] = j;
	for (size_t i = 1; i <= la; i++)
		for (size_t j = 1; j <= lb; j++) {
			size_t best = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
			if (d[i - 1][j] + 1 < best)
				best = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < best)
				best = d[i][j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    d[i - 2][j - 2] + 1 < best)
				best = d[i - 2][j - 2] + 1;
			d[i][j] = best;
		}
	return d[la][lb];
}

/* "'serch' is not a casewatch command; did you mean 'search'?" */
static int unknown_command(const char *cmd, const char *name)
{
	const char *best = NULL;
	size_t bd = 3;

	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
		size_t d = edit_distance(name, commands[i].name);
		if (!strncmp(commands[i].name, name, strlen(name)) && strlen(name) >= 3)
			d = 1; /* a prefix: "hist" for history */
		if (d < bd) {
			bd = d;
			best = commands[i].name;
		}
	}
	if (best)
		return cli_usage(cmd, "'%s' is not a casewatch command; did you mean '%s'?", name,
		                 best);
	return cli_usage(cmd, "'%s' is not a casewatch command", name);
}

int cli_fail(const cw_err *e)
{
	fprintf(stderr, "error: %s\n", e->msg[0] ? e->msg : "unknown error");
	return e->code == CW_EUSAGE ? CLI_USAGE : CLI_FAIL;
}

int cli_nomem(void)
{
	cw_err e = CW_ERR_INIT;

	cw_err_set(&e, CW_ENOMEM, "out of memory");
	return cli_fail(&e);
}

int cli_usage(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	fputs("error: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n(see 'casewatch %s --help')\n", cmd ? cmd : "help");
	return CLI_USAGE;
}

int cli_run(struct cli_ctx *ctx, cli_run_fn fn, void *arg)
{
	unsigned flags = ctx->cmd ? ctx->cmd->flags : 0;
	cw_err e = CW_ERR_INIT;
	int rc;

	/* a command runs on the database only when its table entry says so,
	 * and once */
	assert(flags & (CMD_DB_READ | CMD_DB_WRITE | CMD_DB_CREATE));
	assert(!ctx->db);
	assert(!ctx->only_reads || (flags & CMD_DB_WRITE));
	if (flags & CMD_DB_CREATE)
		rc = cli_create_db(ctx, ctx->encrypt, &ctx->db, &e);
	else
		rc = cli_open_db(ctx,
		                 (flags & CMD_DB_WRITE) && !ctx->only_reads ? 0 : STORE_READONLY,
		                 &ctx->db, &e);
	if (rc)
		return cli_fail(&e);
	rc = fn(ctx, ctx->db, arg);
	store_close(ctx->db);
	ctx->db = NULL;
	return rc;
}

const char *cli_vocab_label(void *vocab, const char *vocabulary, const char *code,
                            const char *lang)
{
	return store_vocab_label(vocab, vocabulary, code, lang);
}

int cli_level_arg(const char *cmd, const char *opt, const char *arg, int *level)
{
	if (cw_level_parse(arg, level))
		return cli_usage(cmd, "%s: '%s' is not a level", opt, arg);
	return 0;
}

int cli_clearance_opt(const char *cmd, int c, const char *arg, int *clearance)
{
	assert(c == CLI_OPT_CLEARANCE || c == CLI_OPT_PUBLIC);
	if (c == CLI_OPT_PUBLIC) {
		*clearance = CW_PUBLIC;
		return 0;
	}
	return cli_level_arg(cmd, "--clearance", arg, clearance);
}

void cli_warn(const char *fmt, ...)
{
	va_list ap;

	fputs("warning: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

FILE *cli_open_input(const char *path, cw_err *e)
{
	FILE *f;

	if (!strcmp(path, "-"))
		return stdin;
	f = fopen(path, "rb");
	if (!f)
		cw_err_set(e, CW_EIO, "%s: %s", path, strerror(errno));
	return f;
}

int cli_read_document(FILE *f, cw_buf *b, cw_err *e)
{
	char chunk[64 * 1024];
	size_t n;

	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		if (b->len + n > CW_MAX_DOCUMENT)
			return cw_err_set(e, CW_ELIMIT, "over %u MB", CW_MAX_DOCUMENT >> 20);
		if (cw_buf_add(b, chunk, n))
			return cw_err_set(e, CW_ENOMEM, "out of memory");
	}
	if (ferror(f))
		return cw_err_set(e, CW_EIO, "%s", strerror(errno));
	return 0;
}

void cli_print(cw_buf *b)
{
	fwrite(b->data, 1, b->len, stdout);
	cw_buf_reset(b);
}

void cli_json_start(struct cli_json *j, unsigned flags)
{
	cw_buf_init(&j->b, 0);
	cw_jsonw_init(&j->w, &j->b, flags);
}

void cli_json_print(struct cli_json *j)
{
	if (!j->w.err)
		cli_print(&j->b);
}

int cli_json_end(struct cli_json *j)
{
	assert(j->w.err || j->w.depth == 0); /* every command closes what it opens */
	int rc = j->w.err || cw_buf_addch(&j->b, '\n') ? -1 : 0;

	if (!rc)
		cli_print(&j->b);
	cw_buf_release(&j->b);
	return rc;
}

int cli_print_value(json_t *v, unsigned flags)
{
	struct cli_json j;

	cli_json_start(&j, flags);
	cw_jsonw_value(&j.w, v);
	return cli_json_end(&j);
}

static void usage_main(FILE *out)
{
	fprintf(out,
	        "usage: casewatch [--db FILE] [--key-file FILE | --key-fd N] COMMAND [ARGS]\n"
	        "\n"
	        "Document politically motivated prosecutions: cases, sources, findings.\n"
	        "\n"
	        "Commands:\n");
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(out, "  %-12s %s\n", commands[i].name, commands[i].summary);
	fprintf(out,
	        "\n"
	        "Shared options (accepted before or after the command):\n"
	        "  --db FILE        database file (default $CASEWATCH_DB, else casewatch.db)\n"
	        "  --key-file FILE  read the passphrase from the first line of FILE\n"
	        "  --key-fd N       read the passphrase from file descriptor N\n"
	        "  --quiet          no progress on the terminal (long imports, ingests)\n"
	        "  (else $CASEWATCH_KEY, else a terminal prompt for encrypted databases)\n"
	        "\n"
	        "'casewatch COMMAND --help' describes one command; docs/cli.md has them all.\n");
}

int cmd_help(int argc, char **argv, struct cli_ctx *ctx)
{
	if (argc > 1 && strcmp(argv[1], "--help") && strcmp(argv[1], "-h")) {
		const struct cli_command *c = find_command(argv[1]);
		char *args[] = { argv[1], (char *)"--help", NULL };
		if (!c)
			return unknown_command("help", argv[1]);
		ctx->cmd = c;
		return c->fn(2, args, ctx);
	}
	usage_main(stdout);
	return CLI_OK;
}

int cmd_version(int argc, char **argv, struct cli_ctx *ctx)
{
	(void)ctx;
	if (argc > 1 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		printf("usage: casewatch version [--json]\n\nPrint casewatch's version and the database "
		       "schema version it writes\n(an older database is upgraded when opened; a "
		       "newer one is refused).\n\n  --json   print {\"version\", \"schema\"}\n");
		return CLI_OK;
	}
	if (argc > 1 && !strcmp(argv[1], "--json")) {
		struct cli_json j;
		cli_json_start(&j, 0);
		cw_jsonw_obj(&j.w);
		cw_jsonw_kstr(&j.w, "version", CW_VERSION);
		cw_jsonw_kint(&j.w, "schema", store_schema_latest());
		cw_jsonw_obj_end(&j.w);
		return cli_json_end(&j) ? cli_nomem() : CLI_OK;
	}
	/* the schema this binary writes: a database at a higher one was made
	 * by a newer casewatch and is refused; a lower one is upgraded */
	printf("casewatch %s (database schema %d)\n", CW_VERSION, store_schema_latest());
	return CLI_OK;
}

/* Take the shared options out of argv wherever they stand (before "--"),
 * so each command's getopt only sees its own. */
static int take_shared(int *argc, char **argv, struct cli_ctx *ctx)
{
	int out = 1;
	bool done = false;

	for (int i = 1; i < *argc; i++) {
		const char *a = argv[i];
		const char *val = NULL;
		int which = 0;

		if (!done && !strcmp(a, "--")) {
			done = true;
		} else if (!done && !strcmp(a, "--quiet")) {
			ctx->quiet = true;
			continue;
		} else if (!done) {
			static const char *const names[] = { "--db", "--key-file", "--key-fd" };
			for (int k = 0; k < 3; k++) {
				size_t n = strlen(names[k]);
				if (!strncmp(a, names[k], n) && (a[n] == '\0' || a[n] == '=')) {
					which = k + 1;
					if (a[n] == '=') {
						val = a + n + 1;
					} else if (i + 1 < *argc) {
						val = argv[++i];
					} else {
						return cli_usage(NULL, "option '%s' needs a value", names[k]);
					}
					break;
				}
			}
		}
		if (!which) {
			argv[out++] = argv[i];
			continue;
		}
		if (which == 1) {
			ctx->db_path = val;
		} else if (which == 2) {
			ctx->key_file = val;
		} else {
			assert(which == 3); /* --key-fd */
			char *end;
			long fd;
			errno = 0;
			fd = strtol(val, &end, 10);
			if (errno || *end || fd < 0 || fd > 65535)
				return cli_usage(NULL, "--key-fd: '%s' is not a file descriptor", val);
			ctx->key_fd = (int)fd;
		}
	}
	argv[out] = NULL;
	*argc = out;
	return 0;
}

static const char *os_user(void)
{
	const char *u = getenv("CASEWATCH_USER");
	struct passwd *pw;

	if (u && *u)
		return u;
	pw = getpwuid(getuid());
	if (pw && pw->pw_name)
		return pw->pw_name;
	u = getenv("USER");
	return u && *u ? u : "unknown";
}

int cli_main(int argc, char **argv)
{
	struct cli_ctx ctx = { 0 };
	const struct cli_command *c;
	struct rlimit no_core = { 0, 0 };
	const char *env;
	int rc;

	/* The process holds passphrases and keys: never dump core. */
	setrlimit(RLIMIT_CORE, &no_core);

	ctx.key_fd = -1;
	env = getenv("CASEWATCH_DB");
	ctx.db_path = env && *env ? env : "casewatch.db";
	ctx.user = os_user();
	ctx.stderr_tty = isatty(2);
	env = getenv("NO_COLOR");
	ctx.color = isatty(1) && !(env && *env);

	if (take_shared(&argc, argv, &ctx))
		return CLI_USAGE;
	if (argc < 2) {
		usage_main(stderr);
		return CLI_USAGE;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		usage_main(stdout);
		return CLI_OK;
	}
	if (!strcmp(argv[1], "--version"))
		return cmd_version(1, argv + 1, &ctx);
	c = find_command(argv[1]);
	if (!c)
		return unknown_command(NULL, argv[1]);
	optind = 0; /* reset getopt for the command (GNU: full reinit) */
	ctx.cmd = c;
	rc = c->fn(argc - 1, argv + 1, &ctx);
	assert(!ctx.db); /* cli_run() closed it */
	return rc;
}
