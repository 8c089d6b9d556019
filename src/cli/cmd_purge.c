/* cli/cmd_purge.c: casewatch purge — destroy a record and every trace of it. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "base/buf.h"
#include "cli/cli.h"
#include "store/purge.h"

static const char usage[] =
	"usage: casewatch purge ID [--cascade] [--yes] [--json]\n"
	"\n"
	"Destroy the record ID for good: the record, all its revisions, a source's\n"
	"documents, its full-text index entries, and the free pages they used.\n"
	"Only an audit entry remains, naming neither the id nor any content.\n"
	"\n"
	"Without --cascade, a record that others refer to is not purged. With it,\n"
	"what depends on the record goes too (a person's cases, a case's events,\n"
	"affiliations), and references from records that stay (citations of a\n"
	"purged source with their excerpts, participants, charges) are removed\n"
	"from them and from their history.\n"
	"\n"
	"A purge cannot reach backups made before it, exports already written, or\n"
	"disk blocks freed earlier: make a new backup, destroy older ones, and\n"
	"rekey the database afterwards (see docs/threat-model.md).\n"
	"\n"
	"  --cascade   also purge what depends on ID\n"
	"  --yes       do not ask (needed when standard input is not a terminal)\n"
	"  --json      print the counts as one JSON object\n";

/* "1 person, 2 cases" */
static void describe(cw_buf *b, const struct store_purge_counts *c)
{
	static const char *const plural[STORE_PURGE_NTYPES] = {
		"provisions", "organizations", "sources", "people", "affiliations", "cases", "events",
	};
	for (int t = 0; t < STORE_PURGE_NTYPES; t++)
		if (c->records[t])
			cw_buf_addf(b, "%s%ld %s", b->len ? ", " : "", c->records[t],
			            c->records[t] == 1 ? store_purge_type(t) : plural[t]);
}

/* Ask on the terminal; true when the user types the id back. */
static bool confirm(const char *id, const struct store_purge_counts *c)
{
	cw_buf what = CW_BUF_INIT;
	char line[1024];
	bool yes;

	describe(&what, c);
	fprintf(stderr, "This destroys %s (%ld revision%s, %ld document%s).\n", what.data,
	        c->revisions, c->revisions == 1 ? "" : "s", c->documents,
	        c->documents == 1 ? "" : "s");
	if (c->rewritten)
		fprintf(stderr, "%ld other record%s will be rewritten without references to %s.\n",
		        c->rewritten, c->rewritten == 1 ? "" : "s", c->total == 1 ? "it" : "them");
	fprintf(stderr, "It cannot be undone. Type the id '%s' to confirm: ", id);
	cw_buf_release(&what);
	fflush(stderr);
	if (!fgets(line, sizeof(line), stdin))
		return false;
	line[strcspn(line, "\r\n")] = 0;
	yes = !strcmp(line, id);
	return yes;
}

struct purge_args {
	const char *id;
	bool cascade, yes, json;
};

static int run(struct cli_ctx *ctx, cw_db *db, void *arg)
{
	const struct purge_args *a = arg;
	const char *id = a->id;
	struct store_purge_counts counts;
	cw_err e = CW_ERR_INIT;
	cw_buf what = CW_BUF_INIT;
	int rc = CLI_FAIL;

	if (!a->yes) {
		if (store_purge_plan(db, id, a->cascade, &counts, &e)) {
			rc = cli_fail(&e);
			goto out;
		}
		if (!confirm(id, &counts)) {
			fprintf(stderr, "error: not confirmed: nothing purged\n");
			goto out;
		}
	}
	if (store_purge(db, id, a->cascade, ctx->user, &counts, &e)) {
		rc = cli_fail(&e);
		goto out;
	}
	describe(&what, &counts);
	if (a->json) {
		struct cli_json j;
		cli_json_start(&j, 0);
		cw_jsonw_obj(&j.w);
		cw_jsonw_kint(&j.w, "records", counts.total);
		cw_jsonw_kint(&j.w, "revisions", counts.revisions);
		cw_jsonw_kint(&j.w, "documents", counts.documents);
		cw_jsonw_kint(&j.w, "rewritten", counts.rewritten);
		cw_jsonw_kint(&j.w, "revisions_scrubbed", counts.revisions_scrubbed);
		cw_jsonw_kint(&j.w, "mentions_left", counts.mentions_left);
		cw_jsonw_kbool(&j.w, "wal_truncated", !counts.checkpoint_busy);
		cw_jsonw_obj_end(&j.w);
		if (cli_json_end(&j)) {
			rc = cli_nomem();
			goto out;
		}
	} else {
		printf("purged %s: %s, %ld revision%s, %ld document%s", id, what.data,
		       counts.revisions, counts.revisions == 1 ? "" : "s", counts.documents,
		       counts.documents == 1 ? "" : "s");
		if (counts.rewritten)
			printf("; rewrote %ld record%s that referred to %s", counts.rewritten,
			       counts.rewritten == 1 ? "" : "s", counts.total == 1 ? "it" : "them");
		putchar('\n');
	}
	if (counts.checkpoint_busy)
		cli_warn("another process has %s open: purged pages stay in its WAL until "
		         "every process closes it",
		         ctx->db_path);
	if (counts.mentions_left)
		cli_warn("'%s' is still named in the text of %ld record%s or revision%s: edit "
		         "them",
		         id, counts.mentions_left, counts.mentions_left == 1 ? "" : "s",
		         counts.mentions_left == 1 ? "" : "s");
	fprintf(stderr,
	        "note: backups and exports made before the purge still hold it: make a new "
	        "backup, destroy older ones, and rekey (docs/threat-model.md)\n");
	rc = CLI_OK;
out:
	cw_buf_release(&what);
	return rc;
}

int cmd_purge(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct option opts[] = {
		{ "cascade", no_argument, NULL, 'c' },
		{ "yes", no_argument, NULL, 'y' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct purge_args a = { NULL, false, false, false };
	int c;

	while ((c = getopt_long(argc, argv, "hy", opts, NULL)) != -1) {
		switch (c) {
		case 'c': a.cascade = true; break;
		case 'y': a.yes = true; break;
		case 'j': a.json = true; break;
		case 'h': fputs(usage, stdout); return CLI_OK;
		default: return cli_usage("purge", "unknown option");
		}
	}
	if (optind >= argc)
		return cli_usage("purge", "which record? give its id");
	if (optind + 1 < argc)
		return cli_usage("purge", "unexpected argument '%s' (one id at a time)",
		                 argv[optind + 1]);
	a.id = argv[optind];
	if (!a.yes && !isatty(0))
		return cli_usage("purge",
		                 "purge destroys '%s' for good: confirm with --yes when not on a "
		                 "terminal",
		                 a.id);
	return cli_run(ctx, run, &a);
}
