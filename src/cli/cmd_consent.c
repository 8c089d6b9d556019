/* cli/cmd_consent.c: casewatch consent — sources whose consent restricts use. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "base/buf.h"
#include "base/jsonout.h"
#include "cli/cli.h"
#include "store/consent.h"
#include "store/record.h"

static const char usage[] =
	"usage: casewatch consent [--clearance LEVEL | --public] [--json]\n"
	"\n"
	"List the sources whose consent forbids publishing or sharing, or was\n"
	"withdrawn, and interviews with no consent recorded, each with the records\n"
	"that cite them, so that nothing is published or shared by mistake.\n"
	"A source whose consent was withdrawn is left out of every output below\n"
	"confidential, its citations too. A problem is flagged where a source's\n"
	"level would publish what its consent forbids.\n"
	"\n"
	"  --clearance LEVEL  public, internal or confidential (default)\n"
	"  --public           the same as --clearance public\n"
	"  --json             one JSON array of sources\n";

struct cctx {
	int clearance;
	bool json;
	long n;
	cw_buf out;
};

/* The problems of one source, as sentences (NULL-terminated). */
static size_t problems(const struct store_consent *c, const char *out[4])
{
	size_t n = 0;

	if (!c->recorded)
		out[n++] = "interview without consent recorded";
	if (c->level == CW_PUBLIC && !c->withdrawn && c->publish == STORE_NO)
		out[n++] = "public level, but consent forbids publishing";
	if (c->level == CW_PUBLIC && !c->withdrawn && c->share == STORE_NO)
		out[n++] = "public level, but consent forbids sharing";
	out[n] = NULL;
	return n;
}

static const char *yesno(enum store_tristate t)
{
	return t == STORE_YES ? "yes" : t == STORE_NO ? "no" : "not recorded";
}

static int jstr(cw_buf *b, const char *s)
{
	return s ? cw_json_write_str(b, s, strlen(s)) : cw_buf_adds(b, "null");
}

static const char *jbool(enum store_tristate t)
{
	return t == STORE_YES ? "true" : t == STORE_NO ? "false" : "null";
}

static int on_source(void *arg, const struct store_consent *c, cw_err *e)
{
	struct cctx *x = arg;
	cw_buf *b = &x->out;
	const char *p[4];
	size_t np = problems(c, p);

	(void)e;
	cw_buf_reset(b);
	if (x->json) {
		cw_buf_adds(b, x->n ? ",\n{\"id\":" : "{\"id\":");
		jstr(b, c->id);
		cw_buf_adds(b, ",\"kind\":");
		jstr(b, c->kind);
		cw_buf_adds(b, ",\"title\":");
		jstr(b, c->title);
		cw_buf_addf(b, ",\"confidentiality\":\"%s\",\"mode\":", cw_level_name(c->level));
		jstr(b, c->mode);
		cw_buf_addf(b, ",\"publish\":%s,\"share\":%s,\"withdrawn\":", jbool(c->publish),
		            jbool(c->share));
		jstr(b, c->withdrawn);
		cw_buf_adds(b, ",\"cited_by\":[");
		for (size_t i = 0; i < c->ncited; i++) {
			cw_buf_adds(b, i ? ",{\"type\":" : "{\"type\":");
			jstr(b, c->cited_by[i].type);
			cw_buf_adds(b, ",\"id\":");
			jstr(b, c->cited_by[i].id);
			cw_buf_addch(b, '}');
		}
		cw_buf_adds(b, "],\"problems\":[");
		for (size_t i = 0; i < np; i++) {
			if (i)
				cw_buf_addch(b, ',');
			jstr(b, p[i]);
		}
		cw_buf_adds(b, "]}");
	} else {
		cw_buf_addf(b, "%s  %s  %s", c->id, c->kind ? c->kind : "-",
		            cw_level_name(c->level));
		if (c->title)
			cw_buf_addf(b, "  \"%s\"", c->title);
		cw_buf_addch(b, '\n');
		if (c->recorded)
			cw_buf_addf(b, "  consent: %s, publish: %s, share: %s\n",
			            c->mode ? c->mode : "mode not recorded", yesno(c->publish),
			            yesno(c->share));
		if (c->withdrawn)
			cw_buf_addf(b, "  withdrawn on %s: left out of every output below "
			               "confidential\n",
			            c->withdrawn);
		cw_buf_adds(b, "  cited by:");
		for (size_t i = 0; i < c->ncited; i++)
			cw_buf_addf(b, "%s %s %s", i ? "," : "", c->cited_by[i].type,
			            c->cited_by[i].id);
		cw_buf_adds(b, c->ncited ? "\n" : " nothing\n");
		for (size_t i = 0; i < np; i++)
			cw_buf_addf(b, "  problem: %s\n", p[i]);
	}
	x->n++;
	fwrite(b->data, 1, b->len, stdout);
	return 0;
}

static int run(struct cli_ctx *ctx, cw_db *db, void *arg)
{
	struct cctx *x = arg;
	cw_err e = CW_ERR_INIT;
	int rc;

	(void)ctx;
	if (x->json)
		fputs("[", stdout);
	rc = store_consent_each(db, x->clearance, on_source, x, &e);
	if (x->json)
		fputs("]\n", stdout);
	else if (!rc && !x->n)
		printf("no source restricts publishing or sharing\n");
	return rc ? cli_fail(&e) : CLI_OK;
}

int cmd_consent(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct option opts[] = {
		CLI_CLEARANCE_OPTIONS,
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct cctx x = { CLI_DEFAULT_CLEARANCE, false, 0, CW_BUF_INIT };
	int c, rc;

	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case CLI_OPT_CLEARANCE:
		case CLI_OPT_PUBLIC:
			if (cli_clearance_opt("consent", c, optarg, &x.clearance))
				return CLI_USAGE;
			break;
		case 'j': x.json = true; break;
		case 'h': fputs(usage, stdout); return CLI_OK;
		default: return cli_usage("consent", "unknown option");
		}
	}
	if (optind < argc)
		return cli_usage("consent", "unexpected argument '%s'", argv[optind]);
	rc = cli_run(ctx, run, &x);
	cw_buf_release(&x.out);
	return rc;
}
