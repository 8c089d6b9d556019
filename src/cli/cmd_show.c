/* cli/cmd_show.c: casewatch show — one record as a researcher reads it
 * (the reading is store_show_get(), the rendering report/record_text.c). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "cli/cli.h"
#include "report/record_text.h"
#include "store/search.h"
#include "store/findings.h"
#include "store/record.h"
#include "store/vocab.h"

static const char usage[] =
	"usage: casewatch show ID [--json] [--clearance LEVEL | --public] [--lang en|ru|kk]\n"
	"\n"
	"Show a person, case, event, source, organization or provision: names in every\n"
	"script, the timeline of cases and events in date order with partial dates as\n"
	"they are known, charges, participants, sentences, and the citation behind each\n"
	"fact; facts without one are marked [unsourced]. For a source: its metadata,\n"
	"consent and what cites it. Records and citations above the clearance never\n"
	"appear; such a record is reported as not found.\n"
	"\n"
	"  --json               print one JSON object\n"
	"  --clearance LEVEL    public, internal or confidential (default)\n"
	"  --public             the same as --clearance public\n"
	"  --lang en|ru|kk      the language of labels and dates (default en)\n";

struct show_args {
	const char *id;
	int clearance;
	bool json;
	const char *lang;
};

static int on_hit(void *arg, const struct store_search_hit *h, cw_err *e)
{
	int *n = arg;
	(void)e;
	if (!(*n)++)
		fputs("  did you mean:\n", stderr);
	fprintf(stderr, "    %-24s %-12s %s\n", h->id, h->type, h->title ? h->title : "");
	return 0;
}

/* After "no record 'Asqar Qaiyrbek'": the records a search for it finds.
 * True when it printed any (and the error line before them). */
static bool offer_search(cw_db *db, const char *q, int clearance)
{
	cw_err e = CW_ERR_INIT;
	int n = 0;

	fprintf(stderr, "error: no record with the id '%s'\n", q);
	if (store_search(db, q, NULL, clearance, 5, on_hit, &n, &e) || !n) {
		fprintf(stderr, "  (ids are case-sensitive; find records with 'casewatch search "
		                "WORDS' or 'casewatch list TYPE')\n");
		return true;
	}
	fprintf(stderr, "  show one of them with 'casewatch show ID'\n");
	return true;
}

static int run(struct cli_ctx *ctx, cw_db *db, void *arg)
{
	const struct show_args *a = arg;
	struct report_labels l = { a->lang, cli_vocab_label, NULL };
	store_vocab *vocab = NULL;
	json_t *all = NULL;
	cw_buf out = CW_BUF_INIT;
	cw_err e = CW_ERR_INIT;
	int rc = CLI_FAIL;

	(void)ctx;
	if (store_show_get(db, a->id, a->clearance, &all, &e)) {
		/* a name, not an id: offer what a search finds */
		if (e.code == CW_ENOTFOUND && strpbrk(a->id, " \t") &&
		    offer_search(db, a->id, a->clearance))
			rc = CLI_FAIL;
		else
			rc = cli_fail(&e);
		goto out;
	}
	if (a->json) {
		if (cli_print_value(all, CW_JSON_INDENT | CW_JSON_JANSSON)) {
			cw_err_set(&e, CW_ENOMEM, "out of memory");
			goto fail;
		}
	} else {
		if (!(vocab = store_vocab_open(db, &e)))
			goto fail;
		l.label_arg = vocab;
		if (report_record_text(&out, all, &l, &e))
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
	cw_buf_release(&out);
	store_vocab_free(vocab);
	json_decref(all);
	return rc;
}

int cmd_show(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		CLI_CLEARANCE_OPTIONS,
		{ "lang", required_argument, NULL, 'l' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct show_args a = { NULL, CLI_DEFAULT_CLEARANCE, false, "en" };
	int c;

	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'j': a.json = true; break;
		case CLI_OPT_CLEARANCE:
		case CLI_OPT_PUBLIC:
			if (cli_clearance_opt("show", c, optarg, &a.clearance))
				return CLI_USAGE;
			break;
		case 'l':
			if (!report_lang_valid(optarg))
				return cli_usage("show", "--lang: '%s' is not en, ru or kk", optarg);
			a.lang = optarg;
			break;
		case 'h': fputs(usage, stdout); return CLI_OK;
		default: return cli_usage("show", "unknown option");
		}
	}
	if (optind >= argc)
		return cli_usage("show", "which record? give its id");
	if (optind + 1 < argc)
		return cli_usage("show", "unexpected argument '%s'", argv[optind + 1]);
	a.id = argv[optind];
	return cli_run(ctx, run, &a);
}
