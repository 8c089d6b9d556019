/* cli/cmd_set.c: casewatch add, set and unset — one record, one fact at a
 * time, through io/edit.h (validated like an import, revisions, audit). */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "io/edit.h"
#include "io/schema.h"

static const char usage_add[] =
    "usage: casewatch add TYPE FIELD=VALUE... [--json]\n"
    "\n"
    "Add one record of TYPE (person, case, event, source, provision,\n"
    "organization, affiliation). Without id=ID the id is derived from the\n"
    "content and printed. Values are checked as an import checks them.\n"
    "\n"
    "  FIELD=VALUE           a value (a list field splits on '|':\n"
    "                        names=Asqar Qaiyrbek|Асқар Қайырбек)\n"
    "  FIELD.SUB=VALUE       a nested field (sentence.months=18)\n"
    "  FIELD:=JSON           a JSON value (sources:='[{\"source\":\"s-1\"}]')\n"
    "  --confidentiality L   its level when not given (default public)\n"
    "  --json                print {id, type, revision} as JSON\n"
    "  -h, --help            show this help\n"
    "\n"
    "Example: casewatch add event case=c-1 kind=sentenced date=2021-06 \\\n"
    "           sentence.kind=prison sentence.months=18\n";

static const char usage_set[] =
    "usage: casewatch set ID FIELD=VALUE... [--revision N] [--json]\n"
    "\n"
    "Change fields of record ID; the earlier version is kept (see history,\n"
    "revert). Fields are dotted paths: sentence.months=18, names.1.lang=kk.\n"
    "\n"
    "  FIELD=VALUE           set a value (a list field splits on '|')\n"
    "  FIELD:=JSON           set a JSON value\n"
    "  FIELD+=VALUE          add to a list (names+=Askar Kaiyrbek)\n"
    "  FIELD-=VALUE          remove the entries naming VALUE from a list\n"
    "  --revision N          refuse unless ID is still at revision N\n"
    "  --json                print {id, type, revision, changed} as JSON\n"
    "  -h, --help            show this help\n";

static const char usage_unset[] =
    "usage: casewatch unset ID FIELD... [--revision N] [--json]\n"
    "\n"
    "Remove fields of record ID (dotted paths: sentence.regime, names.2);\n"
    "the earlier version is kept.\n"
    "\n"
    "  --revision N          refuse unless ID is still at revision N\n"
    "  --json                print {id, type, revision, changed} as JSON\n"
    "  -h, --help            show this help\n";

enum verb { V_ADD, V_SET, V_UNSET };

struct set_args {
	enum verb verb;
	const char *target; /* the type (add) or id */
	char **items;
	size_t n;
	struct io_edit_opts o;
	bool json;
};

void cli_print_write(const char *verb, const struct io_edit_result *r, bool json)
{
	if (json) {
		struct cli_json j;
		cli_json_start(&j, 0);
		cw_jsonw_obj(&j.w);
		cw_jsonw_kstr(&j.w, "id", r->id);
		cw_jsonw_kstr(&j.w, "type", r->type);
		cw_jsonw_kint(&j.w, "revision", r->revision);
		cw_jsonw_kbool(&j.w, "created", r->created);
		cw_jsonw_kbool(&j.w, "changed", r->changed);
		cw_jsonw_obj_end(&j.w);
		if (cli_json_end(&j))
			cli_nomem();
	} else if (!r->changed) {
		printf("%s %s: nothing changed (revision %lld)\n", r->type, r->id,
		       r->revision);
	} else {
		printf("%s %s %s: revision %lld\n", verb, r->type, r->id, r->revision);
	}
}

static int run(struct cli_ctx *ctx, cw_db *db, void *arg)
{
	struct set_args *a = arg;
	struct io_edit_result r;
	cw_err e = CW_ERR_INIT;
	int rc;

	(void)ctx;
	if (a->verb == V_ADD)
		rc = io_record_new(db, a->target, a->items, a->n, &a->o, &r, &e);
	else if (a->verb == V_SET)
		rc = io_record_assign(db, a->target, a->items, a->n, &a->o, &r, &e);
	else
		rc = io_record_unset(db, a->target, a->items, a->n, &a->o, &r, &e);
	if (rc)
		return cli_fail(&e);
	cli_print_write(a->verb == V_ADD   ? "added"
	                : a->verb == V_SET ? "set"
	                                   : "unset",
	                &r, a->json);
	return CLI_OK;
}

int cli_revision_arg(const char *cmd, const char *what, const char *arg, long long *rev)
{
	char *end;
	long long n;

	errno = 0;
	n = strtoll(arg, &end, 10);
	if (errno || !*arg || *end || n < 1)
		return cli_usage(
		    cmd, "%s: '%s' is not a revision number (see 'casewatch history ID')",
		    what, arg);
	*rev = n;
	return 0;
}

static int common(int argc, char **argv, struct cli_ctx *ctx, enum verb verb)
{
	static const char *const names[] = {"add", "set", "unset"};
	static const char *const usages[] = {usage_add, usage_set, usage_unset};
	static const struct option opts[] = {
	    {"json", no_argument, NULL, 'j'},
	    {"revision", required_argument, NULL, 'r'},
	    {"confidentiality", required_argument, NULL, 'c'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	const char *cmd = names[verb];
	struct set_args a = {0};
	int c;

	a.verb = verb;
	a.o.actor = ctx->user;
	a.o.how = cmd;
	a.o.clearance = CW_CONFIDENTIAL;
	/* '+' would stop at the first FIELD=VALUE; values never start with '-'
	 * as options do, except negative numbers, which need '--' first */
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'j': a.json = true; break;
		case 'r':
			if (verb == V_ADD)
				return cli_usage(cmd,
				                 "--revision: a new record has none");
			if (cli_revision_arg(cmd, "--revision", optarg, &a.o.expected))
				return CLI_USAGE;
			break;
		case 'c':
			if (verb != V_ADD)
				return cli_usage(
				    cmd,
				    "--confidentiality: use %s ID confidentiality=LEVEL",
				    cmd);
			if (cli_level_arg(cmd, "--confidentiality", optarg,
			                  &a.o.default_level))
				return CLI_USAGE;
			break;
		case 'h': fputs(usages[verb], stdout); return CLI_OK;
		default: return cli_usage(cmd, "unknown option");
		}
	}
	if (optind >= argc)
		return cli_usage(
		    cmd, verb == V_ADD ? "which type? (person, case, event, source, ...)"
		                       : "which record? give its id");
	a.target = argv[optind];
	if (verb == V_ADD) {
		const char *t = io_type_from_word(a.target);
		if (!t)
			return cli_usage(
			    cmd,
			    "'%s' is not a record type (provision, organization, "
			    "source, person, affiliation, case, event)",
			    a.target);
		a.target = t;
	}
	a.items = argv + optind + 1;
	a.n = (size_t)(argc - optind - 1);
	if (!a.n && verb != V_ADD)
		return cli_usage(cmd, verb == V_SET ? "what to set? give FIELD=VALUE"
		                                    : "which field? give its name");
	for (size_t i = 0; verb != V_UNSET && i < a.n; i++)
		if (!strchr(a.items[i], '=') || a.items[i][0] == '=')
			return cli_usage(cmd, "'%s': expected FIELD=VALUE", a.items[i]);
	return cli_run(ctx, run, &a);
}

int cmd_add(int argc, char **argv, struct cli_ctx *ctx)
{
	return common(argc, argv, ctx, V_ADD);
}

int cmd_set(int argc, char **argv, struct cli_ctx *ctx)
{
	return common(argc, argv, ctx, V_SET);
}

int cmd_unset(int argc, char **argv, struct cli_ctx *ctx)
{
	return common(argc, argv, ctx, V_UNSET);
}
