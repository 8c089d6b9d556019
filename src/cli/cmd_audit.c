/* cli/cmd_audit.c: casewatch audit — list the audit log or print its head. */
#include <getopt.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/key.h"
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

static void jstr(const char *s)
{
	if (!s) {
		fputs("null", stdout);
		return;
	}
	putchar('"');
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			putchar('\\');
		if ((unsigned char)*s < 0x20)
			printf("\\u%04x", *s);
		else
			putchar(*s);
	}
	putchar('"');
}

struct actx {
	bool json;
	long n;
};

static int on_entry(void *arg, const struct audit_entry *a)
{
	struct actx *x = arg;
	if (x->json) {
		fputs(x->n++ ? ",\n" : "", stdout);
		printf("{\"seq\":%lld,\"at\":", a->seq);
		jstr(a->at);
		fputs(",\"actor\":", stdout);
		jstr(a->actor);
		fputs(",\"action\":", stdout);
		jstr(a->action);
		fputs(",\"target\":", stdout);
		jstr(a->target);
		fputs(",\"detail\":", stdout);
		if (a->detail)
			fputs(a->detail, stdout); /* stored as JSON */
		else
			fputs("null", stdout);
		fputs(",\"hash\":", stdout);
		jstr(a->hash);
		putchar('}');
	} else {
		printf("%6lld  %s  %-12s %-10s %s %s\n", a->seq, a->at, a->actor, a->action,
		       a->target ? a->target : "-", a->detail ? a->detail : "");
	}
	return 0;
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
	const char *since = NULL;
	bool head = false;
	struct actx x = { false, 0 };
	cw_err e = CW_ERR_INIT;
	cw_db *db = NULL;
	int c, rc;

	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 's': since = optarg; break;
		case 'H': head = true; break;
		case 'j': x.json = true; break;
		case 'h': fputs(usage, stdout); return CLI_OK;
		default: return cli_usage("audit", "unknown option");
		}
	}
	if (optind < argc)
		return cli_usage("audit", "unexpected argument '%s'", argv[optind]);
	if (cli_open_db(ctx, STORE_READONLY, &db, &e))
		return cli_fail(&e);
	if (head) {
		char h[AUDIT_HASH_HEX];
		rc = store_audit_head(db, h, &e);
		if (!rc)
			printf("%s\n", h);
	} else {
		if (x.json)
			putchar('[');
		rc = store_audit_each(db, since, on_entry, &x, &e);
		if (x.json)
			puts("]");
	}
	store_close(db);
	return rc ? cli_fail(&e) : CLI_OK;
}
