/* cli/cmd_dedup.c: casewatch dedup — list people who may be one person.
 * The matching is match/run.h's dedup_run; this parses options and
 * prints. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/buf.h"
#include "base/jsonout.h"
#include "cli/cli.h"
#include "io/people.h"
#include "match/run.h"
#include "store/record.h"

static const char usage[] =
    "usage: casewatch dedup [--threshold X] [--json] [--clearance LEVEL | --public]\n"
    "                       [--max-block N] [--jobs N] [--direct] [--stats]\n"
    "\n"
    "List pairs of people who may be the same person, best first: same names\n"
    "across scripts, romanizations, word order and typos, weighed against\n"
    "birth dates, sex, region, and shared organizations, case numbers and\n"
    "sources. Homonyms with conflicting birth dates or sex score low. Nothing\n"
    "is changed: merge a pair with 'casewatch merge A B' after checking it.\n"
    "A person merged into another is compared as part of it. Records that\n"
    "match through a third one are grouped (see docs/dedup.md), and their\n"
    "pairs listed too, with the record they are linked through.\n"
    "\n"
    "  --threshold X      list pairs scoring at least X in [0,1] (default 0.80)\n"
    "  --json             print one JSON array of {a, b, score, reasons}\n"
    "  --clearance LEVEL  public, internal or confidential (default)\n"
    "  --public           the same as --clearance public\n"
    "  --max-block N      do not pair up blocks of more than N people sharing\n"
    "                     one name key (default 50; see docs/dedup.md)\n"
    "  --jobs N           score with N threads (default 2)\n"
    "  --direct           list only pairs that score by themselves\n"
    "  --stats            print blocking and timing figures on stderr\n";

static double now_s(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int parse_double(const char *s, double *out)
{
	char *end;

	errno = 0;
	*out = strtod(s, &end);
	return errno || end == s || *end ? -1 : 0;
}

static int parse_size(const char *s, size_t *out, size_t max)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || end == s || *end || *s == '-' || v < 1 || v > max)
		return -1;
	*out = (size_t)v;
	return 0;
}

/* The options cmd_dedup() parses: dedup_run's, and how to print. */
struct dedup_cli {
	struct dedup_opts run;
	bool json, stats;
	int clearance;
};

static int run(struct cli_ctx *ctx, cw_db *db, void *arg)
{
	const struct dedup_cli *o = arg;
	size_t nhits = 0, printed = 0;
	int rc = CLI_FAIL;
	cw_err e = CW_ERR_INIT;
	struct io_people p = {NULL, NULL};
	struct dedup_hit *hits = NULL;
	struct dedup_stats st;
	cw_buf out = CW_BUF_INIT;
	double t0, t1;

	(void)ctx;
	t0 = now_s();
	if (io_people_load(db, o->clearance, &p, &e)) {
		rc = cli_fail(&e);
		goto out;
	}
	t1 = now_s();
	if (dedup_run(p.people, &o->run, &hits, &nhits, &st, &e)) {
		rc = cli_fail(&e);
		goto out;
	}
	if (o->stats) {
		fprintf(stderr,
		        "dedup: %zu people, %zu blocks (%zu over %zu people: whole names "
		        "paired with their neighbours by facts, other keys not paired; "
		        "largest %zu), %zu candidate pairs\n",
		        dedup_people_count(p.people), st.block.blocks,
		        st.block.big_blocks, o->run.max_block, st.block.biggest,
		        st.block.pairs);
		fprintf(stderr,
		        "dedup: load %.1f s, blocking %.1f s, scoring %.1f s, grouping "
		        "%.1f s\n",
		        t1 - t0, st.blocking_s, st.scoring_s, st.grouping_s);
		if (!o->run.direct)
			fprintf(stderr,
			        "dedup: %zu groups of 3 or more records (%zu over %d not "
			        "grouped, largest %zu), %zu pairs scored in them, %zu "
			        "pairs added\n",
			        st.groups.components, st.groups.big_components,
			        CLUSTER_MAX_COMPONENT, st.groups.biggest,
			        st.groups.scored, st.added);
	}
	if (o->json)
		fputc('[', stdout);
	for (size_t i = 0; i < nhits; i++) {
		const struct dedup_person *a = dedup_people_get(p.people, hits[i].a);
		const struct dedup_person *b = dedup_people_get(p.people, hits[i].b);
		struct dedup_result r;
		double score;
		char via[DEDUP_REASON_MAX];

		if (!dedup_hit_explain(p.people, &o->run, &hits[i], &r, &score, via))
			continue;
		cw_buf_reset(&out);
		if (o->json) {
			/* one pair a line, between "[" and "\n]" */
			cw_jsonw w;
			char num[32];
			snprintf(num, sizeof(num), "%.4f", score);
			cw_buf_adds(&out, printed ? ",\n" : "\n");
			cw_jsonw_init(&w, &out, 0);
			cw_jsonw_obj(&w);
			cw_jsonw_kstr(&w, "a", a->id);
			cw_jsonw_kstr(&w, "b", b->id);
			cw_jsonw_key(&w, "score");
			cw_jsonw_raw(&w, num);
			cw_jsonw_key(&w, "reasons");
			cw_jsonw_arr(&w);
			if (*via)
				cw_jsonw_str(&w, via);
			for (size_t k = 0; k < r.nreasons; k++)
				cw_jsonw_str(&w, r.reasons[k]);
			cw_jsonw_arr_end(&w);
			cw_jsonw_obj_end(&w);
			if (w.err) {
				rc = cli_nomem();
				goto out;
			}
		} else {
			cw_buf_addf(&out, "%.2f\t%s\t%s\t%s", score, a->id, b->id, via);
			for (size_t k = 0; k < r.nreasons; k++)
				cw_buf_addf(&out, "%s%s", k || *via ? "; " : "",
				            r.reasons[k]);
			cw_buf_addch(&out, '\n');
		}
		fwrite(out.data, 1, out.len, stdout);
		printed++;
	}
	if (o->json)
		fputs(printed ? "\n]\n" : "]\n", stdout);
	if (o->stats)
		fprintf(stderr, "dedup: %zu pairs at or above %.2f\n", printed,
		        o->run.threshold);
	if (fflush(stdout) || ferror(stdout)) {
		fprintf(stderr, "error: writing the output failed\n");
		goto out;
	}
	rc = CLI_OK;
out:
	cw_buf_release(&out);
	free(hits);
	io_people_release(&p);
	return rc;
}

int cmd_dedup(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct option opts[] = {
	    {"threshold", required_argument, NULL, 't'},
	    {"json", no_argument, NULL, 'j'},
	    CLI_CLEARANCE_OPTIONS,
	    {"max-block", required_argument, NULL, 'm'},
	    {"jobs", required_argument, NULL, 'J'},
	    {"stats", no_argument, NULL, 's'},
	    {"direct", no_argument, NULL, 'd'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	struct dedup_cli o = {.run = DEDUP_OPTS_INIT, .clearance = CLI_DEFAULT_CLEARANCE};
	int c;

	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 't':
			if (parse_double(optarg, &o.run.threshold) ||
			    o.run.threshold < 0 || o.run.threshold > 1)
				return cli_usage(
				    "dedup", "--threshold: '%s' is not a number in [0,1]",
				    optarg);
			break;
		case 'j': o.json = true; break;
		case CLI_OPT_CLEARANCE:
		case CLI_OPT_PUBLIC:
			if (cli_clearance_opt("dedup", c, optarg, &o.clearance))
				return CLI_USAGE;
			break;
		case 'm':
			if (parse_size(optarg, &o.run.max_block, 100000))
				return cli_usage(
				    "dedup",
				    "--max-block: '%s' is not a number from 1 to 100000",
				    optarg);
			break;
		case 'J':
			if (parse_size(optarg, &o.run.jobs, DEDUP_MAX_JOBS))
				return cli_usage(
				    "dedup", "--jobs: '%s' is not a number from 1 to 16",
				    optarg);
			break;
		case 's': o.stats = true; break;
		case 'd': o.run.direct = true; break;
		case 'h': fputs(usage, stdout); return CLI_OK;
		default: return cli_usage("dedup", "unknown option");
		}
	}
	if (optind < argc)
		return cli_usage("dedup", "unexpected argument '%s'", argv[optind]);
	return cli_run(ctx, run, &o);
}
