/* cli/cmd_history.c: casewatch history, diff and revert — a record's
 * versions (store/edit.h), the changes between two, and going back. */
#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "cli/cli.h"
#include "io/edit.h"

static const char usage_history[] =
    "usage: casewatch history ID [--json] [--clearance LEVEL | --public]\n"
    "\n"
    "List the versions of record ID, oldest first: revision, when, by whom,\n"
    "with which command, and the fields that changed. Versions above the\n"
    "clearance are left out, even when the record is public now.\n"
    "\n"
    "  --json                print a JSON array\n"
    "  --clearance LEVEL     what LEVEL may see (default: everything)\n"
    "  --public              the same as --clearance public\n"
    "  -h, --help            show this help\n";

static const char usage_diff[] =
    "usage: casewatch diff ID REV [REV2] [--json] [--clearance LEVEL | --public]\n"
    "\n"
    "Show what changed in record ID from revision REV to REV2 (default: the\n"
    "current one), field by field.\n"
    "\n"
    "  --json                print {id, from, to, changes: [{path, old, new}]}\n"
    "  --clearance LEVEL     what LEVEL may see (default: everything)\n"
    "  --public              the same as --clearance public\n"
    "  -h, --help            show this help\n";

static const char usage_revert[] =
    "usage: casewatch revert ID REV [--revision N] [--json]\n"
    "\n"
    "Make record ID what it was at revision REV again, as a new revision (the\n"
    "versions in between are kept; revert is audited).\n"
    "\n"
    "  --revision N          refuse unless ID is still at revision N\n"
    "  --json                print {id, type, revision, changed} as JSON\n"
    "  -h, --help            show this help\n";

enum verb { V_HISTORY, V_DIFF, V_REVERT };

struct hist_args {
	enum verb verb;
	const char *id;
	long long rev[2];
	int clearance;
	bool json;
	struct io_edit_opts o;
};

/* ---- history ---- */

struct hist {
	bool json;
	int n;
	json_t *prev;
	cw_buf changed;
	struct cli_json j;
};

static int json_path(void *arg, const char *path, json_t *old, json_t *neu)
{
	(void)old;
	(void)neu;
	return cw_jsonw_str(arg, path);
}

static int note_path(void *arg, const char *path, json_t *old, json_t *neu)
{
	cw_buf *b = arg;
	(void)old;
	(void)neu;
	if (b->len)
		cw_buf_adds(b, ", ");
	cw_buf_adds(b, path);
	return 0;
}

static int on_version(void *arg, const struct store_version *v, cw_err *e)
{
	struct hist *h = arg;
	json_t *body = json_loads(v->body, 0, NULL);

	if (!body)
		return cw_err_set(e, CW_ECORRUPT, "revision %lld: stored JSON unreadable",
		                  v->revision);
	cw_buf_reset(&h->changed);
	if (h->prev)
		io_diff(h->prev, body, note_path, &h->changed);
	if (h->json) {
		cw_jsonw *w = &h->j.w;
		cw_jsonw_obj(w);
		cw_jsonw_kint(w, "revision", v->revision);
		cw_jsonw_kstr(w, "written", v->written);
		cw_jsonw_kstr(w, "user", v->actor);
		cw_jsonw_kstr(w, "how", v->how);
		cw_jsonw_kbool(w, "current", v->current);
		cw_jsonw_key(w, "changed");
		if (!h->prev) {
			cw_jsonw_null(w);
		} else {
			cw_jsonw_arr(w);
			io_diff(h->prev, body, json_path, w);
			cw_jsonw_arr_end(w);
		}
		cw_jsonw_obj_end(w);
	} else {
		if (!h->n)
			printf("%-9s %-21s %-12s %-15s %s\n", "revision", "written",
			       "user", "how", "changed");
		printf("%-9lld %-21s %-12s %-15s %s\n", v->revision,
		       v->written ? v->written : "?", v->actor ? v->actor : "?",
		       v->how ? v->how : "?",
		       !h->prev         ? "(first version)"
		       : h->changed.len ? h->changed.data
		                        : "(none)");
	}
	h->n++;
	json_decref(h->prev);
	h->prev = body;
	return 0;
}

static int run_history(cw_db *db, struct hist_args *a)
{
	struct hist h;
	cw_err e = CW_ERR_INIT;
	int rc;

	memset(&h, 0, sizeof(h));
	h.json = a->json;
	cw_buf_init(&h.changed, 0);
	if (a->json) {
		cli_json_start(&h.j, CW_JSON_LINES);
		cw_jsonw_arr(&h.j.w);
	}
	rc = store_record_history(db, a->id, a->clearance, on_version, &h, &e);
	json_decref(h.prev);
	cw_buf_release(&h.changed);
	if (rc) {
		if (a->json)
			cw_buf_release(&h.j.b);
		return cli_fail(&e);
	}
	if (a->json) {
		cw_jsonw_arr_end(&h.j.w);
		if (cli_json_end(&h.j))
			return cli_nomem();
	}
	return CLI_OK;
}

/* ---- diff ---- */

struct diffout {
	bool json;
	int n;
	struct cli_json j;
};

static void put_value(json_t *v)
{
	cw_buf b = CW_BUF_INIT;
	fputs(cw_json_write(&b, v) ? "?" : b.data, stdout);
	cw_buf_release(&b);
}

static int on_change(void *arg, const char *path, json_t *old, json_t *neu)
{
	struct diffout *d = arg;

	if (d->json) {
		cw_jsonw *w = &d->j.w;
		cw_jsonw_obj(w);
		cw_jsonw_kstr(w, "path", path);
		cw_jsonw_key(w, "old");
		old ? cw_jsonw_value(w, old) : cw_jsonw_null(w);
		cw_jsonw_key(w, "new");
		neu ? cw_jsonw_value(w, neu) : cw_jsonw_null(w);
		cw_jsonw_obj_end(w);
	} else if (!old) {
		printf("+ %s: ", path);
		put_value(neu);
		putchar('\n');
	} else if (!neu) {
		printf("- %s: ", path);
		put_value(old);
		putchar('\n');
	} else {
		printf("~ %s: ", path);
		put_value(old);
		fputs(" -> ", stdout);
		put_value(neu);
		putchar('\n');
	}
	d->n++;
	return 0;
}

static int run_diff(cw_db *db, struct hist_args *a)
{
	struct diffout d = {.json = false};
	cw_err e = CW_ERR_INIT;
	char *type = NULL, *body[2] = {NULL, NULL};
	json_t *j[2] = {NULL, NULL};
	int rc = CLI_FAIL;

	if (a->rev[1] == 0) {
		struct store_rec cur;
		if (store_record_get(db, a->id, a->clearance, &cur, &e))
			return cli_fail(&e);
		a->rev[1] = cur.revision;
		store_rec_release(&cur);
	}
	for (int i = 0; i < 2; i++) {
		if (store_record_version(db, a->id, a->rev[i], a->clearance, false, &type,
		                         &body[i], &e)) {
			rc = cli_fail(&e);
			goto out;
		}
		free(type);
		if (!(j[i] = json_loads(body[i], 0, NULL))) {
			cw_err_set(&e, CW_ECORRUPT,
			           "'%s' revision %lld: stored JSON unreadable", a->id,
			           a->rev[i]);
			rc = cli_fail(&e);
			goto out;
		}
	}
	d.json = a->json;
	if (a->json) {
		cli_json_start(&d.j, 0);
		cw_jsonw_obj(&d.j.w);
		cw_jsonw_kstr(&d.j.w, "id", a->id);
		cw_jsonw_kint(&d.j.w, "from", a->rev[0]);
		cw_jsonw_kint(&d.j.w, "to", a->rev[1]);
		cw_jsonw_key(&d.j.w, "changes");
		cw_jsonw_arr(&d.j.w);
	}
	io_diff(j[0], j[1], on_change, &d);
	if (a->json) {
		cw_jsonw_arr_end(&d.j.w);
		cw_jsonw_obj_end(&d.j.w);
		if (cli_json_end(&d.j)) {
			rc = cli_nomem();
			goto out;
		}
	} else if (!d.n)
		printf("no differences between revisions %lld and %lld\n", a->rev[0],
		       a->rev[1]);
	rc = CLI_OK;
out:
	for (int i = 0; i < 2; i++) {
		json_decref(j[i]);
		free(body[i]);
	}
	return rc;
}

static int run(struct cli_ctx *ctx, cw_db *db, void *arg)
{
	struct hist_args *a = arg;
	struct io_edit_result r;
	cw_err e = CW_ERR_INIT;

	(void)ctx;
	if (a->verb == V_HISTORY)
		return run_history(db, a);
	if (a->verb == V_DIFF)
		return run_diff(db, a);
	if (io_record_revert(db, a->id, a->rev[0], &a->o, &r, &e))
		return cli_fail(&e);
	cli_print_write("reverted", &r, a->json);
	return CLI_OK;
}

static int common(int argc, char **argv, struct cli_ctx *ctx, enum verb verb)
{
	static const char *const names[] = {"history", "diff", "revert"};
	static const char *const usages[] = {usage_history, usage_diff, usage_revert};
	static const struct option opts[] = {
	    {"json", no_argument, NULL, 'j'},
	    {"revision", required_argument, NULL, 'r'},
	    CLI_CLEARANCE_OPTIONS,
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	const char *cmd = names[verb];
	struct hist_args a = {0};
	int c, nargs;

	a.verb = verb;
	a.clearance = CLI_DEFAULT_CLEARANCE;
	a.o.actor = ctx->user;
	a.o.how = "revert";
	a.o.clearance = CW_CONFIDENTIAL;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'j': a.json = true; break;
		case 'r':
			if (verb != V_REVERT)
				return cli_usage(cmd, "unknown option '--revision'");
			if (cli_revision_arg(cmd, "--revision", optarg, &a.o.expected))
				return CLI_USAGE;
			break;
		case CLI_OPT_CLEARANCE:
		case CLI_OPT_PUBLIC:
			if (verb == V_REVERT)
				return cli_usage(cmd,
				                 "revert works with everything visible");
			if (cli_clearance_opt(cmd, c, optarg, &a.clearance))
				return CLI_USAGE;
			break;
		case 'h': fputs(usages[verb], stdout); return CLI_OK;
		default: return cli_usage(cmd, "unknown option");
		}
	}
	nargs = argc - optind;
	if (nargs < 1)
		return cli_usage(cmd, "which record? give its id");
	a.id = argv[optind];
	if (verb == V_HISTORY && nargs > 1)
		return cli_usage(cmd, "unexpected argument '%s'", argv[optind + 1]);
	if (verb != V_HISTORY) {
		if (nargs < 2)
			return cli_usage(
			    cmd, "which revision? (see 'casewatch history %s')", a.id);
		if (nargs > (verb == V_DIFF ? 3 : 2))
			return cli_usage(cmd, "unexpected argument '%s'",
			                 argv[optind + (verb == V_DIFF ? 3 : 2)]);
		for (int i = 1; i < nargs; i++)
			if (cli_revision_arg(cmd, "REV", argv[optind + i], &a.rev[i - 1]))
				return CLI_USAGE;
	}
	return cli_run(ctx, run, &a);
}

int cmd_history(int argc, char **argv, struct cli_ctx *ctx)
{
	return common(argc, argv, ctx, V_HISTORY);
}

int cmd_diff(int argc, char **argv, struct cli_ctx *ctx)
{
	return common(argc, argv, ctx, V_DIFF);
}

int cmd_revert(int argc, char **argv, struct cli_ctx *ctx)
{
	return common(argc, argv, ctx, V_REVERT);
}
