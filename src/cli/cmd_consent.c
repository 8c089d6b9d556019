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
	cw_buf out;        /* the text of one source */
	struct cli_json j; /* --json: one array, a source a line */
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

/* true, false, or null when not recorded */
static void jtristate(cw_jsonw *w, const char *key, enum store_tristate t)
{
	cw_jsonw_key(w, key);
	cw_jsonw_raw(w, t == STORE_YES ? "true" : t == STORE_NO ? "false" : NULL);
}

static int on_source(void *arg, const struct store_consent *c, cw_err *e)
{
	struct cctx *x = arg;
	cw_buf *b = &x->out;
	const char *p[4];
	size_t np = problems(c, p);

	(void)e;
	if (x->json) {
		cw_jsonw *w = &x->j.w;
		cw_jsonw_obj(w);
		cw_jsonw_kstr(w, "id", c->id);
		cw_jsonw_kstr(w, "kind", c->kind);
		cw_jsonw_kstr(w, "title", c->title);
		cw_jsonw_kstr(w, "confidentiality", cw_level_name(c->level));
		cw_jsonw_kstr(w, "mode", c->mode);
		jtristate(w, "publish", c->publish);
		jtristate(w, "share", c->share);
		cw_jsonw_kstr(w, "withdrawn", c->withdrawn);
		cw_jsonw_key(w, "cited_by");
		cw_jsonw_arr(w);
		for (size_t i = 0; i < c->ncited; i++) {
			cw_jsonw_obj(w);
			cw_jsonw_kstr(w, "type", c->cited_by[i].type);
			cw_jsonw_kstr(w, "id", c->cited_by[i].id);
			cw_jsonw_obj_end(w);
		}
		cw_jsonw_arr_end(w);
		cw_jsonw_key(w, "problems");
		cw_jsonw_arr(w);
		for (size_t i = 0; i < np; i++)
			cw_jsonw_str(w, p[i]);
		cw_jsonw_arr_end(w);
		cw_jsonw_obj_end(w);
		cli_json_print(&x->j);
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
		cli_print(b);
	}
	x->n++;
	return 0;
}

static int run(struct cli_ctx *ctx, cw_db *db, void *arg)
{
	struct cctx *x = arg;
	cw_err e = CW_ERR_INIT;
	int rc;

	(void)ctx;
	if (x->json) {
		cli_json_start(&x->j, CW_JSON_LINES);
		cw_jsonw_arr(&x->j.w);
		cli_json_print(&x->j);
	}
	rc = store_consent_each(db, x->clearance, on_source, x, &e);
	if (x->json) {
		cw_jsonw_arr_end(&x->j.w);
		if (cli_json_end(&x->j) && !rc)
			rc = cw_err_set(&e, CW_ENOMEM, "out of memory");
	} else if (!rc && !x->n)
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
	struct cctx x = { .clearance = CLI_DEFAULT_CLEARANCE, .out = CW_BUF_INIT };
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
