/* cli/cmd_search.c: casewatch search — full-text search over records and
 * documents. */
#include <assert.h>
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "cli/cli.h"
#include "store/record.h"
#include "store/search.h"

static const char usage[] =
	"usage: casewatch search QUERY... [options]\n"
	"\n"
	"Search people, organizations, cases and sources (with their documents' text)\n"
	"in one ranked list. Words may be in any script: case, ё/е and the Kazakh\n"
	"letters (Қ/К, Ө/О, Ғ/Г, Ұ/У, ...) are folded, and names also match their\n"
	"transliterations (Kaiyrbek finds Қайырбек). All words must match.\n"
	"  \"two words\"   a phrase          word*   a prefix\n"
	"Matched words are shown between ** in snippets (bold on a terminal).\n"
	"\n"
	"  --type TYPE          person, organization, case or source\n"
	"  --limit N            at most N results (default 20, at most 1000)\n"
	"  --clearance LEVEL    show only what LEVEL may see (public, internal,\n"
	"                       confidential; default confidential)\n"
	"  --public             the same as --clearance public\n"
	"  --json               a JSON array of {type, id, title, snippet} (sources\n"
	"                       also with url and sha256)\n"
	"  -h, --help           show this help\n";

struct out {
	bool json, color;
	long n;
	struct cli_json j; /* --json: the list, printed when it is complete */
};

/* The snippet with the highlight markers turned into open/close, and
 * control characters into spaces. */
static void render(cw_buf *b, const char *s, const char *open, const char *close)
{
	for (; s && *s; s++) {
		if (*s == STORE_HL_OPEN[0])
			cw_buf_adds(b, open);
		else if (*s == STORE_HL_CLOSE[0])
			cw_buf_adds(b, close);
		else
			cw_buf_addch(b, (unsigned char)*s < 0x20 ? ' ' : *s);
	}
}

static int on_hit(void *arg, const struct store_search_hit *h, cw_err *e)
{
	struct out *o = arg;
	cw_buf snip = CW_BUF_INIT;

	assert(h->type && h->id); /* every hit is a record */
	o->n++;
	if (o->json) {
		cw_jsonw *w = &o->j.w;
		render(&snip, h->snippet, "**", "**");
		cw_jsonw_obj(w);
		cw_jsonw_kstr(w, "type", h->type);
		cw_jsonw_kstr(w, "id", h->id);
		cw_jsonw_kstr(w, "title", h->title);
		cw_jsonw_kstr(w, "snippet", snip.data);
		if (!strcmp(h->type, "source")) {
			char sha[65] = { 0 };
			if (h->sha256) {
				size_t i;
				for (i = 0; h->sha256[i] && i < 64; i++)
					sha[i] = (char)tolower((unsigned char)h->sha256[i]);
				sha[i] = 0;
			}
			cw_jsonw_kstr(w, "url", h->url);
			cw_jsonw_kstr(w, "sha256", h->sha256 ? sha : NULL);
		}
		cw_jsonw_obj_end(w);
		if (w->err) {
			cw_buf_release(&snip);
			return cw_err_set(e, CW_ENOMEM, "out of memory");
		}
	} else {
		render(&snip, h->snippet, o->color ? "\033[1m" : "**", o->color ? "\033[0m" : "**");
		printf("%-12s %s  %s\n", h->type, h->id, h->title ? h->title : "");
		if (snip.len)
			printf("    %s\n", snip.data);
		if (h->url)
			printf("    %s\n", h->url);
	}
	cw_buf_release(&snip);
	return 0;
}

struct search_args {
	struct out o;
	const char *type;
	int clearance, limit;
	cw_buf q;
};

static int run(struct cli_ctx *ctx, cw_db *db, void *arg)
{
	struct search_args *a = arg;
	struct out *o = &a->o;
	cw_err e = CW_ERR_INIT;

	(void)ctx;
	if (o->json) {
		cli_json_start(&o->j, CW_JSON_INDENT | CW_JSON_JANSSON);
		cw_jsonw_arr(&o->j.w);
	}
	if (store_search(db, a->q.data, a->type, a->clearance, a->limit, on_hit, o, &e)) {
		if (o->json)
			cw_buf_release(&o->j.b);
		if (e.code == CW_EINVAL)
			e.code = CW_EUSAGE;
		return cli_fail(&e);
	}
	if (o->json) {
		cw_jsonw_arr_end(&o->j.w);
		if (cli_json_end(&o->j)) {
			cw_err_set(&e, CW_ENOMEM, "out of memory");
			return cli_fail(&e);
		}
	} else if (!o->n) {
		fprintf(stderr, "no matches for '%s'\n", a->q.data);
	}
	return CLI_OK;
}

int cmd_search(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct option opts[] = {
		{ "type", required_argument, NULL, 't' },
		{ "limit", required_argument, NULL, 'l' },
		CLI_CLEARANCE_OPTIONS,
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct search_args a = { .o = { .json = false, .color = ctx->color },
		                 .clearance = CLI_DEFAULT_CLEARANCE,
		                 .limit = 20,
		                 .q = CW_BUF_INIT };
	int c, rc;

	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 't':
			if (strcmp(optarg, "person") && strcmp(optarg, "organization") &&
			    strcmp(optarg, "case") && strcmp(optarg, "source"))
				return cli_usage("search",
				                 "--type: '%s' is not person, organization, case or source",
				                 optarg);
			a.type = optarg;
			break;
		case 'l': {
			char *end;
			long v;
			errno = 0;
			v = strtol(optarg, &end, 10);
			if (errno || *end || v < 1 || v > STORE_SEARCH_MAX_LIMIT)
				return cli_usage("search", "--limit: '%s' is not a number from 1 to %d",
				                 optarg, STORE_SEARCH_MAX_LIMIT);
			a.limit = (int)v;
			break;
		}
		case CLI_OPT_CLEARANCE:
		case CLI_OPT_PUBLIC:
			if (cli_clearance_opt("search", c, optarg, &a.clearance))
				return CLI_USAGE;
			break;
		case 'j': a.o.json = true; break;
		case 'h': fputs(usage, stdout); return CLI_OK;
		default: return cli_usage("search", "unknown option");
		}
	}
	if (optind >= argc)
		return cli_usage("search", "expected a query");
	for (int i = optind; i < argc; i++) {
		if (a.q.len)
			cw_buf_addch(&a.q, ' ');
		cw_buf_adds(&a.q, argv[i]);
	}
	rc = cli_run(ctx, run, &a);
	cw_buf_release(&a.q);
	return rc;
}
