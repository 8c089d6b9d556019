/* cli/cmd_dedup.c: casewatch dedup — list people who may be one person. */
#include <errno.h>
#include <getopt.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/buf.h"
#include "base/jsonout.h"
#include "cli/cli.h"
#include "match/cluster.h"
#include "match/dedup.h"
#include "store/people.h"
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

struct job {
	const store_people *p;
	const struct store_pair *pairs;
	size_t from, to;
	float *scores;
	double threshold;
};

#define SCORE_AHEAD 8 /* pairs */

static void *score_range(void *arg)
{
	struct job *j = arg;
	struct dedup_result r;

	for (size_t i = j->from; i < j->to; i++) {
		cw_err e = CW_ERR_INIT;
		const struct dedup_person *a = store_people_get(j->p, j->pairs[i].a);
		const struct dedup_person *b = store_people_get(j->p, j->pairs[i].b);
		/* pairs come sorted by a, so b is anywhere in memory: ask for a
		 * later pair's b, then its list of names, then its first name */
		if (i + 3 * SCORE_AHEAD < j->to)
			__builtin_prefetch(
			    store_people_get(j->p, j->pairs[i + 3 * SCORE_AHEAD].b));
		if (i + 2 * SCORE_AHEAD < j->to)
			__builtin_prefetch(
			    store_people_get(j->p, j->pairs[i + 2 * SCORE_AHEAD].b)
			        ->folds);
		if (i + SCORE_AHEAD < j->to) {
			const struct dedup_person *n =
			    store_people_get(j->p, j->pairs[i + SCORE_AHEAD].b);
			if (n->nnames)
				__builtin_prefetch(n->folds[0]);
		}
		if (dedup_score(a, b, DEDUP_BULK, &r, &e))
			r.score = 0;
		else if (r.bound && r.score >= j->threshold && /* an upper bound */
		         dedup_score(a, b, DEDUP_EXACT, &r, &e))
			r.score = 0;
		j->scores[i] = (float)r.score;
	}
	return NULL;
}

/* A pair to list: direct (via CLUSTER_NO_VIA) or linked through via. */
struct hit {
	uint32_t a, b, via;
	float score;
};

static int hit_cmp(const void *x, const void *y)
{
	const struct hit *p = x, *q = y;

	if (p->score != q->score)
		return p->score > q->score ? -1 : 1;
	if (p->a != q->a) /* ties: a stable order */
		return p->a < q->a ? -1 : 1;
	return (p->b > q->b) - (p->b < q->b);
}

/* Scores inside a group: records whose birth dates, sexes or fathers
 * disagree are never grouped (a record without them may join one
 * namesake, not two); different regions only lower the score (people
 * move). */
static int exact_score(void *arg, uint32_t a, uint32_t b, double *score, bool *apart,
                       cw_err *e)
{
	const store_people *p = arg;
	struct dedup_result r;

	if (dedup_score(store_people_get(p, a), store_people_get(p, b), DEDUP_EXACT, &r,
	                e))
		return -1;
	*score = r.score;
	*apart = (r.conflicts & (DEDUP_CONFLICT_SEX | DEDUP_CONFLICT_BORN |
	                         DEDUP_CONFLICT_FATHER)) != 0;
	return 0;
}

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

static int score_all(const store_people *p, const struct store_pair *pairs, size_t n,
                     size_t jobs, double threshold, float *scores, cw_err *e)
{
	pthread_t th[16];
	struct job jb[16];
	size_t started = 0;

	for (size_t t = 0; t < jobs; t++) {
		jb[t] = (struct job){.p = p,
		                     .pairs = pairs,
		                     .from = n * t / jobs,
		                     .to = n * (t + 1) / jobs,
		                     .scores = scores,
		                     .threshold = threshold};
		if (t + 1 == jobs || pthread_create(&th[t], NULL, score_range, &jb[t])) {
			/* the last range (or one a thread could not take) runs here */
			score_range(&jb[t]);
			continue;
		}
		started |= (size_t)1 << t;
	}
	for (size_t t = 0; t < jobs; t++)
		if (started & ((size_t)1 << t))
			pthread_join(th[t], NULL);
	(void)e;
	return 0;
}

/* The options cmd_dedup() parses. */
struct dedup_opts {
	double threshold;
	size_t max_block, jobs;
	bool json, stats, direct;
	int clearance;
};

static int run(struct cli_ctx *ctx, cw_db *db, void *arg)
{
	const struct dedup_opts *o = arg;
	double threshold = o->threshold;
	size_t max_block = o->max_block, jobs = o->jobs, npairs = 0, nhits = 0,
	       printed = 0;
	bool json = o->json, stats = o->stats;
	int clearance = o->clearance, rc = CLI_FAIL;
	cw_err e = CW_ERR_INIT;
	store_people *p = NULL;
	struct store_pair *pairs = NULL;
	struct store_block_stats bs;
	float *scores = NULL;
	struct hit *hits = NULL;
	struct cluster_link *links = NULL;
	struct cluster_pair *grouped = NULL;
	struct cluster_stats cs;
	size_t ngrouped = 0;
	bool direct = o->direct;
	cw_buf out = CW_BUF_INIT;
	double t0, t1, t2, t3, t4;

	(void)ctx;
	t0 = now_s();
	if (store_people_load(db, clearance, &p, &e)) {
		rc = cli_fail(&e);
		goto out;
	}
	t1 = now_s();
	if (store_people_candidates(db, p, max_block, &pairs, &npairs, &bs, &e)) {
		rc = cli_fail(&e);
		goto out;
	}
	t2 = now_s();
	if (stats)
		fprintf(stderr,
		        "dedup: %zu people, %zu blocks (%zu over %zu people: whole names "
		        "paired with their neighbours by facts, other keys not paired; "
		        "largest %zu), %zu candidate pairs\n",
		        store_people_count(p), bs.blocks, bs.big_blocks, max_block,
		        bs.biggest, npairs);
	scores = malloc((npairs ? npairs : 1) * sizeof(*scores));
	if (!scores) {
		cw_err_set(&e, CW_ENOMEM, "out of memory");
		rc = cli_fail(&e);
		goto out;
	}
	score_all(p, pairs, npairs, jobs, threshold, scores, &e);
	t3 = now_s();
	for (size_t i = 0; i < npairs; i++)
		nhits += scores[i] >= (float)threshold;
	links = malloc((nhits ? nhits : 1) * sizeof(*links));
	if (!links) {
		cw_err_set(&e, CW_ENOMEM, "out of memory");
		rc = cli_fail(&e);
		goto out;
	}
	nhits = 0;
	for (size_t i = 0; i < npairs; i++)
		if (scores[i] >= (float)threshold)
			links[nhits++] =
			    (struct cluster_link){pairs[i].a, pairs[i].b, scores[i]};
	free(scores);
	scores = NULL;
	free(pairs);
	pairs = NULL;
	if (!direct && cluster_group(store_people_count(p), links, nhits, threshold,
	                             CLUSTER_LINK_MIN, CLUSTER_MAX_COMPONENT, exact_score,
	                             p, &grouped, &ngrouped, &cs, &e)) {
		rc = cli_fail(&e);
		goto out;
	}
	t4 = now_s();
	if (stats) {
		fprintf(stderr,
		        "dedup: load %.1f s, blocking %.1f s, scoring %.1f s, grouping "
		        "%.1f s\n",
		        t1 - t0, t2 - t1, t3 - t2, t4 - t3);
		if (!direct)
			fprintf(stderr,
			        "dedup: %zu groups of 3 or more records (%zu over %d not "
			        "grouped, largest %zu), %zu pairs scored in them, %zu "
			        "pairs added\n",
			        cs.components, cs.big_components, CLUSTER_MAX_COMPONENT,
			        cs.biggest, cs.scored, ngrouped);
	}
	hits = malloc((nhits + ngrouped ? nhits + ngrouped : 1) * sizeof(*hits));
	if (!hits) {
		cw_err_set(&e, CW_ENOMEM, "out of memory");
		rc = cli_fail(&e);
		goto out;
	}
	for (size_t i = 0; i < nhits; i++)
		hits[i] =
		    (struct hit){links[i].a, links[i].b, CLUSTER_NO_VIA, links[i].score};
	for (size_t i = 0; i < ngrouped; i++)
		hits[nhits + i] = (struct hit){grouped[i].a, grouped[i].b, grouped[i].via,
		                               grouped[i].score};
	nhits += ngrouped;
	qsort(hits, nhits, sizeof(*hits), hit_cmp);
	if (json)
		fputc('[', stdout);
	for (size_t i = 0; i < nhits; i++) {
		const struct dedup_person *a = store_people_get(p, hits[i].a);
		const struct dedup_person *b = store_people_get(p, hits[i].b);
		struct dedup_result r;
		cw_err ignored = CW_ERR_INIT;
		double score;
		char via[DEDUP_REASON_MAX] = "";

		dedup_score(a, b, DEDUP_REASONS, &r, &ignored);
		if (hits[i].via == CLUSTER_NO_VIA) {
			if (r.score < threshold)
				continue; /* cannot happen: the bulk score is exact here
				           */
			score = r.score;
		} else {
			score = hits[i].score;
			snprintf(via, sizeof(via),
			         "linked through '%s' (score by itself %.2f)",
			         store_people_get(p, hits[i].via)->id, r.score);
			dedup_utf8_trim(via);
		}
		cw_buf_reset(&out);
		if (json) {
			cw_buf_adds(&out, printed ? ",\n{\"a\":" : "\n{\"a\":");
			cw_json_write_str(&out, a->id, strlen(a->id));
			cw_buf_adds(&out, ",\"b\":");
			cw_json_write_str(&out, b->id, strlen(b->id));
			cw_buf_addf(&out, ",\"score\":%.4f,\"reasons\":[", score);
			if (*via) {
				cw_json_write_str(&out, via, strlen(via));
				if (r.nreasons)
					cw_buf_addch(&out, ',');
			}
			for (size_t k = 0; k < r.nreasons; k++) {
				if (k)
					cw_buf_addch(&out, ',');
				cw_json_write_str(&out, r.reasons[k],
				                  strlen(r.reasons[k]));
			}
			cw_buf_adds(&out, "]}");
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
	if (json)
		fputs(printed ? "\n]\n" : "]\n", stdout);
	if (stats)
		fprintf(stderr, "dedup: %zu pairs at or above %.2f\n", printed,
		        threshold);
	if (fflush(stdout) || ferror(stdout)) {
		fprintf(stderr, "error: writing the output failed\n");
		goto out;
	}
	rc = CLI_OK;
out:
	cw_buf_release(&out);
	free(hits);
	free(links);
	free(grouped);
	free(scores);
	free(pairs);
	store_people_free(p);
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
	struct dedup_opts o = {.threshold = DEDUP_DEFAULT_THRESHOLD,
	                       .max_block = STORE_DEDUP_MAX_BLOCK,
	                       .jobs = 2,
	                       .clearance = CLI_DEFAULT_CLEARANCE};
	int c;

	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 't':
			if (parse_double(optarg, &o.threshold) || o.threshold < 0 ||
			    o.threshold > 1)
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
			if (parse_size(optarg, &o.max_block, 100000))
				return cli_usage(
				    "dedup",
				    "--max-block: '%s' is not a number from 1 to 100000",
				    optarg);
			break;
		case 'J':
			if (parse_size(optarg, &o.jobs, 16))
				return cli_usage(
				    "dedup", "--jobs: '%s' is not a number from 1 to 16",
				    optarg);
			break;
		case 's': o.stats = true; break;
		case 'd': o.direct = true; break;
		case 'h': fputs(usage, stdout); return CLI_OK;
		default: return cli_usage("dedup", "unknown option");
		}
	}
	if (optind < argc)
		return cli_usage("dedup", "unexpected argument '%s'", argv[optind]);
	return cli_run(ctx, run, &o);
}
