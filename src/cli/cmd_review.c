/* cli/cmd_review.c: casewatch review — the queue of suggested mentions. */
#include <assert.h>
#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "store/record.h"
#include "base/grow.h"
#include "io/review.h"
#include "store/review.h"

static const char usage[] =
	"usage: casewatch review [--json] [--kind KIND] [--status STATUS] [--limit N]\n"
	"       casewatch review --accept ID[,ID...] [ID...] [--as RECORD_ID]\n"
	"       casewatch review --reject ID[,ID...] [ID...]\n"
	"\n"
	"List the mentions that 'casewatch ingest' found (people, organizations,\n"
	"provisions, sentences, dates, counts, places), oldest first, each with the\n"
	"sentence around it, or decide on them (several at once: all or nothing).\n"
	"Accepting records what was found in the record (RECORD_ID, else the\n"
	"suggested one, else for a name a new person or organization) and cites the\n"
	"article's source with that sentence as excerpt: a sentence mention sets an\n"
	"event's sentence, a date an undated event's date, a place a region; a\n"
	"value that contradicts the record, or a mention that cannot apply to it (a\n"
	"count is no evidence about one case), is refused with the reason.\n"
	"Rejecting drops it from the queue.\n"
	"\n"
	"  --accept IDS          accept these mentions\n"
	"  --as RECORD_ID        the record the mentions are about\n"
	"  --reject IDS          reject these mentions\n"
	"  --kind KIND           list only one kind (person, provision, date, ...)\n"
	"  --status STATUS       suggested (default), accepted or rejected\n"
	"  --limit N             list at most N (default 100; 0 for all)\n"
	"  --clearance LEVEL     list only mentions in sources LEVEL may see\n"
	"  --public              the same as --clearance public\n"
	"  --json                print a JSON array\n"
	"  -h, --help            show this help\n";

struct out {
	bool json;
	struct cli_json j; /* --json: the list, printed when it is complete */
	long n;
};

static void put_field(const char *s)
{
	for (; s && *s; s++)
		putchar(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s);
}

static int on_item(void *arg, const struct store_review_item *m, cw_err *e)
{
	struct out *o = arg;

	/* NOT NULL in the schema: jansson used to drop such a key silently */
	assert(m->kind && m->text && m->source && m->status);
	o->n++;
	if (o->json) {
		cw_jsonw *w = &o->j.w;
		cw_jsonw_obj(w);
		cw_jsonw_kint(w, "id", m->mid);
		cw_jsonw_kstr(w, "kind", m->kind);
		cw_jsonw_kstr(w, "text", m->text);
		cw_jsonw_kstr(w, "value", m->value);
		cw_jsonw_kstr(w, "suggested", m->suggested);
		cw_jsonw_kstr(w, "source", m->source);
		cw_jsonw_kstr(w, "source_title", m->source_title);
		cw_jsonw_kint(w, "start", m->start);
		cw_jsonw_kint(w, "end", m->end);
		cw_jsonw_kstr(w, "status", m->status);
		cw_jsonw_kstr(w, "linked", m->linked);
		cw_jsonw_kstr(w, "became", m->became);
		cw_jsonw_kstr(w, "excerpt", m->excerpt);
		cw_jsonw_obj_end(w);
		return o->j.w.err ? cw_err_set(e, CW_ENOMEM, "out of memory") : 0;
	}
	printf("%lld\t%s\t", m->mid, m->kind);
	put_field(m->text);
	putchar('\t');
	put_field(m->value ? m->value : "");
	putchar('\t');
	put_field(m->suggested ? m->suggested : "-");
	printf("\t%s\n", m->source);
	/* the sentence around it, and what accepting it did */
	fputs("\t\"", stdout);
	put_field(m->excerpt);
	fputs("\"\n", stdout);
	if (m->linked) {
		printf("\t-> %s: ", m->linked);
		put_field(m->became ? m->became : "cited");
		putchar('\n');
	}
	return 0;
}

static int parse_id(const char *s, long long *out)
{
	char *end;
	errno = 0;
	*out = strtoll(s, &end, 10);
	return errno || *end || !*s || *out < 1 ? -1 : 0;
}

struct review_args {
	struct out o;
	const char *as, *kind, *status;
	long long *ids, limit;
	size_t nids, cap;
	bool accept, reject;
	int clearance;
};

/* "3,4,5" or "3": add the ids; -1 when one is not a mention id. */
static int add_ids(struct review_args *a, const char *s)
{
	char *copy = strdup(s), *save = NULL, *tok;
	int rc = 0;

	if (!copy)
		return -1;
	for (tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		long long id;
		if (parse_id(tok, &id) || cw_grow(&a->ids, &a->cap, a->nids + 1, sizeof(*a->ids), 8)) {
			rc = -1;
			break;
		}
		a->ids[a->nids++] = id;
	}
	free(copy);
	return rc;
}

static int run(struct cli_ctx *ctx, cw_db *db, void *arg)
{
	struct review_args *a = arg;
	struct out *o = &a->o;
	cw_err e = CW_ERR_INIT;
	int rc = CLI_FAIL;

	if (a->accept) {
		struct io_review_outcome *res = calloc(a->nids, sizeof(*res));
		if (!res) {
			cw_err_set(&e, CW_ENOMEM, "out of memory");
			goto out;
		}
		if (io_review_accept(db, a->ids, a->nids, a->as, ctx->user, res, &e)) {
			free(res);
			goto out;
		}
		if (o->json) {
			cli_json_start(&o->j, 0);
			cw_jsonw_arr(&o->j.w);
		}
		for (size_t i = 0; i < a->nids; i++) {
			if (o->json) {
				cw_jsonw *w = &o->j.w;
				cw_jsonw_obj(w);
				cw_jsonw_kint(w, "accepted", res[i].mid);
				cw_jsonw_kstr(w, "record", res[i].record);
				cw_jsonw_kbool(w, "created", res[i].created);
				cw_jsonw_kstr(w, "became", res[i].became);
				cw_jsonw_kint(w, "revision", res[i].revision);
				cw_jsonw_obj_end(w);
			} else {
				printf("accepted mention %lld as %s%s: %s\n", res[i].mid, res[i].record,
				       res[i].created ? " (new record)" : "", res[i].became);
			}
		}
		free(res);
		if (o->json) {
			cw_jsonw_arr_end(&o->j.w);
			if (cli_json_end(&o->j)) {
				cw_err_set(&e, CW_ENOMEM, "out of memory");
				goto out;
			}
		}
	} else if (a->reject) {
		if (io_review_reject(db, a->ids, a->nids, ctx->user, &e))
			goto out;
		if (o->json) {
			cli_json_start(&o->j, 0);
			cw_jsonw_arr(&o->j.w);
			for (size_t i = 0; i < a->nids; i++) {
				cw_jsonw_obj(&o->j.w);
				cw_jsonw_kint(&o->j.w, "rejected", a->ids[i]);
				cw_jsonw_obj_end(&o->j.w);
			}
			cw_jsonw_arr_end(&o->j.w);
			if (cli_json_end(&o->j)) {
				cw_err_set(&e, CW_ENOMEM, "out of memory");
				goto out;
			}
		} else {
			for (size_t i = 0; i < a->nids; i++)
				printf("rejected mention %lld\n", a->ids[i]);
		}
	} else {
		if (o->json) {
			cli_json_start(&o->j, CW_JSON_INDENT | CW_JSON_JANSSON);
			cw_jsonw_arr(&o->j.w);
		}
		if (store_review_each(db, a->clearance, a->status, a->kind, (long)a->limit, on_item,
		                      o, &e)) {
			if (o->json)
				cw_buf_release(&o->j.b);
			goto out;
		}
		if (o->json) {
			cw_jsonw_arr_end(&o->j.w);
			if (cli_json_end(&o->j)) {
				cw_err_set(&e, CW_ENOMEM, "out of memory");
				goto out;
			}
		}
	}
	rc = CLI_OK;
out:
	if (rc != CLI_OK)
		rc = cli_fail(&e);
	return rc;
}

int cmd_review(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct option opts[] = {
		{ "accept", required_argument, NULL, 'a' },
		{ "as", required_argument, NULL, 'A' },
		{ "reject", required_argument, NULL, 'r' },
		{ "kind", required_argument, NULL, 'k' },
		{ "status", required_argument, NULL, 's' },
		{ "limit", required_argument, NULL, 'l' },
		CLI_CLEARANCE_OPTIONS,
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct review_args a = { .o = { .json = false },
		                 .limit = 100,
		                 .clearance = CLI_DEFAULT_CLEARANCE };
	int c, rc;

	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'a':
		case 'r':
			if (c == 'a')
				a.accept = true;
			else
				a.reject = true;
			if (add_ids(&a, optarg)) {
				free(a.ids);
				return cli_usage("review", "--%s: '%s' is not a mention id (or a list of "
				                 "them: 3,4,5)",
				                 c == 'a' ? "accept" : "reject", optarg);
			}
			break;
		case 'A': a.as = optarg; break;
		case 'k': a.kind = optarg; break;
		case 's':
			if (strcmp(optarg, "suggested") && strcmp(optarg, "accepted") &&
			    strcmp(optarg, "rejected"))
				return cli_usage("review", "--status: '%s' is not suggested, accepted or "
				                 "rejected", optarg);
			a.status = optarg;
			break;
		case 'l':
			if (!strcmp(optarg, "0"))
				a.limit = 0;
			else if (parse_id(optarg, &a.limit))
				return cli_usage("review", "--limit: '%s' is not a number", optarg);
			break;
		case CLI_OPT_CLEARANCE:
		case CLI_OPT_PUBLIC:
			if (cli_clearance_opt("review", c, optarg, &a.clearance))
				return CLI_USAGE;
			break;
		case 'j': a.o.json = true; break;
		case 'h': fputs(usage, stdout); return CLI_OK;
		default: return cli_usage("review", "unknown option");
		}
	}
	/* more ids after --accept/--reject: review --accept 3 4 5 */
	for (; optind < argc; optind++) {
		if (!a.accept && !a.reject) {
			free(a.ids);
			return cli_usage("review", "unexpected argument '%s'", argv[optind]);
		}
		if (add_ids(&a, argv[optind])) {
			free(a.ids);
			return cli_usage("review", "'%s' is not a mention id", argv[optind]);
		}
	}
	if (a.accept && a.reject) {
		free(a.ids);
		return cli_usage("review", "--accept and --reject: one at a time");
	}
	if (a.as && !a.accept) {
		free(a.ids);
		return cli_usage("review", "--as goes with --accept");
	}
	ctx->only_reads = !a.accept && !a.reject;
	rc = cli_run(ctx, run, &a);
	free(a.ids);
	return rc;
}
