/* cli/cmd_findings.c: casewatch findings — count people and cases under a
 * provision, with the sources behind every number (DESIGN.md, "Findings"). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/date.h"
#include "base/jsonout.h"
#include "cli/cli.h"
#include "store/edit.h"
#include "findings/findings.h"
#include "report/findings_text.h"
#include "store/findings.h"
#include "store/record.h"
#include "store/vocab.h"

static const char usage[] =
	"usage: casewatch findings --provision P [--from DATE] [--to DATE]\n"
	"                          [--include-unsourced] [--clearance LEVEL | --public]\n"
	"                          [--explain] [--json] [--lang en|ru|kk]\n"
	"\n"
	"Count the people and cases prosecuted under provision P (covering its parts:\n"
	"KZ-CC-405 covers KZ-CC-405-2), as \"at least N\" sentences a report can quote,\n"
	"with the sources behind them. docs/findings.md has the exact rules.\n"
	"\n"
	"  --provision P        the provision id, e.g. KZ-CC-405\n"
	"  --from DATE          count only cases with an event in the period from the\n"
	"  --to DATE            first day of --from to the last day of --to (2019,\n"
	"                       2019-07 or 2019-07-07; either may be left out)\n"
	"  --include-unsourced  also count cases without any citation\n"
	"  --clearance LEVEL    public, internal or confidential (default)\n"
	"  --public             the same as --clearance public\n"
	"  --explain            list the cases, events and citations behind each number\n"
	"  --json               print one JSON object\n"
	"  --lang en|ru|kk      the language of the sentences (default en)\n";

static int parse_date(const char *opt, const char *s, cw_date *d)
{
	cw_err e = CW_ERR_INIT;

	if (cw_date_parse(s, strlen(s), d, &e))
		return cli_usage("findings", "%s: %s", opt, e.msg);
	return 0;
}

struct findings_opts {
	struct findings_query q;
	struct findings_text_opts to;
	bool json, explain;
};

/* Provisions that match what was asked for: its article ("405", "405-2"),
 * or a part of its id ("CC-405"). */
struct near {
	const char *want;
	cw_buf list;
	int count;
};

static int near_provision(void *arg, const char *id, const char *body, cw_err *e)
{
	struct near *n = arg;
	json_t *p = json_loads(body, 0, NULL);
	const char *article = p ? json_string_value(json_object_get(p, "article")) : NULL;
	const char *title = p ? json_string_value(json_object_get(p, "title")) : NULL;
	size_t al = article ? strlen(article) : 0;

	(void)e;
	if (strcasestr(id, n->want) ||
	    (article && !strncmp(n->want, article, al) && (!n->want[al] || n->want[al] == '-'))) {
		if (n->count < 8) {
			cw_buf_addf(&n->list, "%s%s", n->count ? ", " : "", id);
			if (title)
				cw_buf_addf(&n->list, " (%s)", title);
		}
		n->count++;
	}
	json_decref(p);
	return 0;
}

static int run(struct cli_ctx *ctx, cw_db *db, void *arg)
{
	struct findings_opts *o = arg;
	const struct findings_query *q = &o->q;
	struct store_findings data = { 0 };
	struct findings_result res = { 0 };
	bool found = false;
	cw_err e = CW_ERR_INIT;
	store_vocab *vocab = NULL;
	cw_buf out = CW_BUF_INIT;
	json_t *j = NULL;
	int rc = CLI_FAIL;

	(void)ctx;
	if (store_findings_provision(db, q->provision, q->clearance, &found, NULL, &e))
		goto fail;
	if (!found) {
		struct near n = { q->provision, CW_BUF_INIT, 0 };
		if (store_record_each_of(db, "provision", q->clearance, near_provision, &n, &e)) {
			cw_buf_release(&n.list);
			goto fail;
		}
		if (n.count)
			cw_err_set(&e, CW_ENOTFOUND,
			           "provision '%s' not found; %s: %s (give one with --provision ID)",
			           q->provision, n.count == 1 ? "this one matches" : "these match",
			           n.list.data);
		else
			cw_err_set(&e, CW_ENOTFOUND,
			           "provision '%s' not found, and no provision's id or article "
			           "matches it (see 'casewatch list provisions')",
			           q->provision);
		cw_buf_release(&n.list);
		goto fail;
	}
	if (store_findings_load(db, q->provision, q->clearance, &data, &e) ||
	    findings_compute(&data, q, &res, &e))
		goto fail;
	if (o->json) {
		if (!(j = findings_json(&res, q, o->explain)) ||
		    cli_print_value(j, CW_JSON_INDENT | CW_JSON_JANSSON)) {
			cw_err_set(&e, CW_ENOMEM, "out of memory");
			goto fail;
		}
	} else {
		if (!(vocab = store_vocab_open(db, &e)))
			goto fail;
		o->to.label_arg = vocab;
		o->to.title = data.title;
		if (findings_text_render(&out, &res, q, &o->to, &e) ||
		    (o->explain && findings_text_explain(&out, &res, q, &o->to, &e)))
			goto fail;
		fputs(out.data, stdout);
	}
	if (fflush(stdout)) {
		cw_err_set(&e, CW_EIO, "stdout: write error");
		goto fail;
	}
	rc = CLI_OK;
	goto out;
fail:
	rc = cli_fail(&e);
out:
	json_decref(j);
	cw_buf_release(&out);
	findings_result_release(&res);
	store_findings_release(&data);
	store_vocab_free(vocab);
	return rc;
}

int cmd_findings(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct option opts[] = {
		{ "provision", required_argument, NULL, 'P' },
		{ "from", required_argument, NULL, 'f' },
		{ "to", required_argument, NULL, 't' },
		{ "include-unsourced", no_argument, NULL, 'u' },
		CLI_CLEARANCE_OPTIONS,
		{ "explain", no_argument, NULL, 'x' },
		{ "json", no_argument, NULL, 'j' },
		{ "lang", required_argument, NULL, 'l' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct findings_opts o = { .to = { "en", NULL, cli_vocab_label, NULL } };
	struct findings_query *q = &o.q;
	int c;

	q->clearance = CLI_DEFAULT_CLEARANCE;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'P': q->provision = optarg; break;
		case 'f':
			if (parse_date("--from", optarg, &q->from))
				return CLI_USAGE;
			break;
		case 't':
			if (parse_date("--to", optarg, &q->to))
				return CLI_USAGE;
			break;
		case 'u': q->include_unsourced = true; break;
		case CLI_OPT_CLEARANCE:
		case CLI_OPT_PUBLIC:
			if (cli_clearance_opt("findings", c, optarg, &q->clearance))
				return CLI_USAGE;
			break;
		case 'x': o.explain = true; break;
		case 'j': o.json = true; break;
		case 'l':
			if (!report_lang_valid(optarg))
				return cli_usage("findings", "--lang: '%s' is not en, ru or kk", optarg);
			o.to.lang = optarg;
			break;
		case 'h': fputs(usage, stdout); return CLI_OK;
		default: return cli_usage("findings", "unknown option");
		}
	}
	if (optind < argc)
		return cli_usage("findings", "unexpected argument '%s'", argv[optind]);
	if (!q->provision)
		return cli_usage("findings", "--provision is required");
	if (!findings_provision_valid(q->provision))
		return cli_usage("findings", "--provision: '%s' is not a provision id",
		                 q->provision);
	if (q->from.year && q->to.year && cw_date_first_day(&q->from) > cw_date_last_day(&q->to))
		return cli_usage("findings", "--from: the period starts after --to ends");
	return cli_run(ctx, run, &o);
}
