/* cli/cmd_ingest.c: casewatch ingest — media articles into sources. */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "base/check.h"
#include "base/date.h"
#include "cli/cli.h"
#include "cli/progress.h"
#include "io/ingest.h"
#include "store/record.h"

static const char usage[] =
	"usage: casewatch ingest PATH... [options]\n"
	"\n"
	"Ingest articles (HTML, gzip'd HTML or text; folders are read recursively):\n"
	"each becomes a source holding the page's bytes (addressed by the SHA-256 of\n"
	"the uncompressed page), the extracted text and metadata; the mentions found\n"
	"in it (people, provisions, sentences, dates...) wait in 'casewatch review'.\n"
	"An article whose bytes or URL are already in the database changes nothing.\n"
	"Pages are parsed in worker processes with no key and no database, one per\n"
	"core. A file that cannot be ingested (binary, truncated gzip, over 64 MB,\n"
	"crashing or stalling its worker) is reported and skipped; the others are\n"
	"ingested, and the exit status is 1.\n"
	"\n"
	"  --kind KIND                  source kind (default media)\n"
	"  --url URL                    the article's address (one file only)\n"
	"  --published DATE             publication date (default: the page's)\n"
	"  --confidentiality LEVEL      level of the new sources (default public)\n"
	"  --jobs N                     worker processes (default: one per core)\n"
	"  --json                       print the counts as JSON\n"
	"  -h, --help                   show this help\n";

static void report(void *arg, const char *file, const char *msg)
{
	cli_progress_clear(arg);
	fprintf(stderr, "%s: skipped: %s\n", file, msg);
}

static void progress(void *arg, size_t done, size_t total)
{
	struct cli_progress *p = arg;

	if (CW_NEVER(done > total)) /* the pipeline counts what it was given */
		return;
	p->total = (long long)total;
	cli_progress_update(p, (long long)done);
}

struct ingest_args {
	struct io_ingest_opts o;
	const char *const *paths;
	size_t npaths;
	bool json;
};

static int run(struct cli_ctx *ctx, cw_db *db, void *arg)
{
	struct ingest_args *a = arg;
	struct io_ingest_counts n;
	cw_err e = CW_ERR_INIT;
	int rc;

	(void)ctx;
	rc = io_ingest(db, a->paths, a->npaths, &a->o, &n, &e);
	cli_progress_clear(a->o.arg);
	if (rc)
		return cli_fail(&e);
	if (a->json) {
		struct cli_json j;
		cw_jsonw *w = &j.w;
		cli_json_start(&j, 0);
		cw_jsonw_obj(w);
		cw_jsonw_kint(w, "files", n.files);
		cw_jsonw_kint(w, "created", n.created);
		cw_jsonw_kint(w, "unchanged", n.unchanged);
		cw_jsonw_kint(w, "skipped", n.skipped);
		cw_jsonw_kint(w, "mentions", n.mentions);
		cw_jsonw_kint(w, "redated", n.redated);
		cw_jsonw_obj_end(w);
		if (cli_json_end(&j))
			return cli_nomem();
	} else {
		printf("%ld file%s: %ld ingested, %ld already there, %ld skipped; %ld mentions "
		       "to review\n",
		       n.files, n.files == 1 ? "" : "s", n.created, n.unchanged, n.skipped,
		       n.mentions);
		if (n.redated)
			printf("%ld source%s already there given the date %s (see history)\n",
			       n.redated, n.redated == 1 ? "" : "s", a->o.published);
	}
	return n.skipped ? CLI_FAIL : CLI_OK;
}

int cmd_ingest(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct option opts[] = {
		{ "kind", required_argument, NULL, 'k' },
		{ "url", required_argument, NULL, 'u' },
		{ "published", required_argument, NULL, 'p' },
		{ "confidentiality", required_argument, NULL, 'c' },
		{ "jobs", required_argument, NULL, 'J' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct ingest_args a = { { 0 }, NULL, 0, false };
	struct io_ingest_opts *o = &a.o;
	struct cli_progress pr;
	int c, lvl;

	cli_progress_start(&pr, ctx, "ingest", "files", 0);
	o->actor = ctx->user;
	o->clearance = CW_CONFIDENTIAL; /* the CLI's: everything */
	o->report = report;
	o->progress = progress;
	o->arg = &pr;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'k': o->kind = optarg; break;
		case 'u': o->url = optarg; break;
		case 'p': {
			cw_date d;
			if (cw_date_parse(optarg, strlen(optarg), &d, NULL))
				return cli_usage("ingest", "--published: '%s' is not a date", optarg);
			o->published = optarg;
			break;
		}
		case 'c':
			if (cli_level_arg("ingest", "--confidentiality", optarg, &lvl))
				return CLI_USAGE;
			o->confidentiality = optarg;
			break;
		case 'J': {
			char *end;
			long v;
			errno = 0;
			v = strtol(optarg, &end, 10);
			if (errno || *end || v < 1 || v > 256)
				return cli_usage("ingest", "--jobs: '%s' is not a number from 1 to 256",
				                 optarg);
			o->jobs = (int)v;
			break;
		}
		case 'j': a.json = true; break;
		case 'h': fputs(usage, stdout); return CLI_OK;
		default: return cli_usage("ingest", "unknown option");
		}
	}
	if (optind >= argc)
		return cli_usage("ingest", "expected at least one file or folder");
	if (o->url && argc - optind != 1)
		return cli_usage("ingest", "--url needs exactly one file");
	a.paths = (const char *const *)argv + optind;
	a.npaths = (size_t)(argc - optind);
	return cli_run(ctx, run, &a);
}
