/* cli/cmd_audit.c: casewatch audit — list the audit log or print its head. */
#include <getopt.h>
#include <string.h>

#include "cli/cli.h"
#include "base/date.h"
#include "store/audit.h"

static const char usage[] =
	"usage: casewatch audit [--since DATE] [--json] | --head\n"
	"\n"
	"List the audit log: who did what to which record (by opaque internal id,\n"
	"never by content), oldest first.\n"
	"\n"
	"  --since DATE   entries from DATE (YYYY-MM-DD or a timestamp prefix) on\n"
	"  --head         print only the newest entry's hash, to keep elsewhere and\n"
	"                 check later with 'casewatch verify --head HASH'\n"
	"  --json         one JSON array of entries\n";

/* Text for a terminal: control characters as \xNN, so that an actor name
 * (from $CASEWATCH_USER) cannot move the cursor and hide other entries. */
static void tstr(const char *s, int width)
{
	int n = 0;

	for (; s && *s; s++, n++) {
		unsigned char c = (unsigned char)*s;
		if (c < 0x20 || c == 0x7f)
			printf("\\x%02x", c);
		else
			putchar(c);
	}
	for (; n < width; n++)
		putchar(' ');
}

struct actx {
	const char *since;
	bool head, json;
	struct cli_json j; /* --json: one array, an entry a line */
};

static int on_entry(void *arg, const struct audit_entry *a)
{
	struct actx *x = arg;
	if (x->json) {
		cw_jsonw *w = &x->j.w;
		cw_jsonw_obj(w);
		cw_jsonw_kint(w, "seq", a->seq);
		cw_jsonw_kstr(w, "at", a->at);
		cw_jsonw_kstr(w, "actor", a->actor);
		cw_jsonw_kstr(w, "action", a->action);
		cw_jsonw_kstr(w, "target", a->target);
		cw_jsonw_key(w, "detail");
		cw_jsonw_raw(w, a->detail); /* stored as JSON */
		cw_jsonw_kstr(w, "hash", a->hash);
		cw_jsonw_obj_end(w);
		cli_json_print(&x->j);
	} else {
		printf("%6lld  ", a->seq);
		tstr(a->at, 0);
		fputs("  ", stdout);
		tstr(a->actor, 12);
		putchar(' ');
		tstr(a->action, 10);
		putchar(' ');
		tstr(a->target ? a->target : "-", 0);
		putchar(' ');
		tstr(a->detail, 0);
		putchar('\n');
	}
	return 0;
}

static int run(struct cli_ctx *ctx, cw_db *db, void *arg)
{
	struct actx *x = arg;
	cw_err e = CW_ERR_INIT;
	int rc;

	(void)ctx;
	if (x->head) {
		char h[AUDIT_HASH_HEX];
		rc = store_audit_head(db, h, &e);
		if (!rc)
			printf("%s\n", h);
	} else {
		if (x->json) {
			cli_json_start(&x->j, CW_JSON_LINES);
			cw_jsonw_arr(&x->j.w);
			cli_json_print(&x->j);
		}
		rc = store_audit_each(db, x->since, on_entry, x, &e);
		if (x->json) {
			cw_jsonw_arr_end(&x->j.w);
			if (cli_json_end(&x->j) && !rc)
				rc = cw_err_set(&e, CW_ENOMEM, "out of memory");
		}
	}
	return rc ? cli_fail(&e) : CLI_OK;
}

int cmd_audit(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct option opts[] = {
		{ "since", required_argument, NULL, 's' },
		{ "head", no_argument, NULL, 'H' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct actx x = { .since = NULL };
	int c;

	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 's': {
			/* a partial date, optionally followed by a time */
			cw_date d;
			size_t n = strcspn(optarg, "T");
			if (cw_date_parse(optarg, n, &d, NULL))
				return cli_usage("audit",
				                 "--since: '%s' is not a date (YYYY, YYYY-MM or "
				                 "YYYY-MM-DD[Thh:mm:ss])",
				                 optarg);
			x.since = optarg;
			break;
		}
		case 'H': x.head = true; break;
		case 'j': x.json = true; break;
		case 'h': fputs(usage, stdout); return CLI_OK;
		default: return cli_usage("audit", "unknown option");
		}
	}
	if (optind < argc)
		return cli_usage("audit", "unexpected argument '%s'", argv[optind]);
	return cli_run(ctx, run, &x);
}
