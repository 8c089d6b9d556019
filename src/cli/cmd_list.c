/* cli/cmd_list.c: casewatch list — the records of one type, with their key
 * fields, optionally only those whose fields have given values. */
#include <getopt.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "base/grow.h"
#include "base/jsonout.h"
#include "cli/cli.h"
#include "io/schema.h"
#include "store/edit.h"

static const char usage[] =
    "usage: casewatch list TYPE [--where FIELD=VALUE]... [--json]\n"
    "       [--clearance LEVEL | --public]\n"
    "\n"
    "List the records of TYPE (people, cases, events, sources, provisions,\n"
    "organizations, affiliations) in id order with their key fields.\n"
    "\n"
    "  --where FIELD=VALUE   only records whose FIELD (a dotted path:\n"
    "                        sentence.kind) is VALUE; for a list field, one of\n"
    "                        its entries (names, charges, sources). Repeat to\n"
    "                        require several.\n"
    "  --ids                 print only the ids, one a line\n"
    "  --json                print a JSON array of the whole records\n"
    "  --clearance LEVEL     what LEVEL may see (default: everything)\n"
    "  --public              the same as --clearance public\n"
    "  -h, --help            show this help\n";

/* The columns shown per type, after the id. */
static const struct {
	const char *type;
	const char *cols[5];
} key_fields[] = {
    {"provision", {"article", "part", "title", NULL}},
    {"organization", {"names", "kind", NULL}},
    {"source", {"kind", "published", "publisher", "title", NULL}},
    {"person", {"names", "born", "sex", "region", NULL}},
    {"affiliation", {"person", "organization", "role", NULL}},
    {"case", {"person", "charges", "number", "region", NULL}},
    {"event", {"case", "kind", "date", "sentence", NULL}},
};

struct list_args {
	const char *type;
	char **where;
	size_t nwhere;
	int clearance;
	bool json, ids;
	int n;
	struct cli_json j;
};

/* The value at a dotted path, or NULL. */
static json_t *at_path(json_t *v, const char *path)
{
	char seg[128];

	while (v && *path) {
		size_t n = strcspn(path, ".");
		if (n >= sizeof(seg))
			return NULL;
		memcpy(seg, path, n);
		seg[n] = 0;
		v = json_is_object(v) ? json_object_get(v, seg) : NULL;
		path += n + (path[n] == '.');
	}
	return v;
}

/* Does v (a scalar, an entry in short or object form) read as s? */
static bool value_is(json_t *v, const char *s)
{
	static const char *const keys[] = {"name", "source", "provision", "person"};
	char buf[64];

	if (json_is_string(v))
		return !strcmp(json_string_value(v), s);
	if (json_is_integer(v)) {
		snprintf(buf, sizeof(buf), "%lld", (long long)json_integer_value(v));
		return !strcmp(buf, s);
	}
	if (json_is_boolean(v))
		return !strcmp(json_is_true(v) ? "true" : "false", s);
	if (json_is_object(v))
		for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
			if (json_object_get(v, keys[i]))
				return value_is(json_object_get(v, keys[i]), s);
	return false;
}

static bool matches(json_t *rec, char *const *where, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const char *eq = strchr(where[i], '=');
		char *path = strndup(where[i], (size_t)(eq - where[i]));
		json_t *v = path ? at_path(rec, path) : NULL, *x;
		bool ok = false;
		size_t k;
		free(path);
		if (json_is_array(v)) {
			json_array_foreach(v, k, x)
			{
				if (value_is(x, eq + 1)) {
					ok = true;
					break;
				}
			}
		} else if (v) {
			ok = value_is(v, eq + 1);
		}
		if (!ok)
			return false;
	}
	return true;
}

/* s, then spaces up to width characters (code points, not bytes) and one. */
static void pad(const char *s, size_t width)
{
	size_t n = 0;

	fputs(s, stdout);
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	if (!width)
		return;
	for (; n < width; n++)
		putchar(' ');
	putchar(' ');
}

/* One cell: a name list shows its first name, other lists their entries
 * joined with '|', objects compactly. */
static void cell(json_t *v, const char *col, bool last)
{
	char *s = NULL;

	if (json_is_array(v) && !strcmp(col, "names")) {
		json_t *first = json_array_get(v, 0);
		s = strdup(json_is_string(first) ? json_string_value(first)
		                                 : cw_json_str(first, "name"));
	} else if (json_is_array(v)) {
		cw_buf b = CW_BUF_INIT;
		size_t i;
		json_t *x;
		json_array_foreach(v, i, x)
		{
			const char *t = json_is_string(x) ? json_string_value(x) : NULL;
			if (i)
				cw_buf_addch(&b, '|');
			if (!t)
				t = cw_json_str(x, "provision")
				        ? cw_json_str(x, "provision")
				        : cw_json_str(x, "source");
			cw_buf_adds(&b, t ? t : "?");
		}
		s = cw_buf_detach(&b, NULL);
		cw_buf_release(&b);
	} else if (json_is_string(v)) {
		s = strdup(json_string_value(v));
	} else if (v) {
		cw_buf b = CW_BUF_INIT;
		s = cw_json_write(&b, v) ? NULL : cw_buf_detach(&b, NULL);
		cw_buf_release(&b);
	}
	pad(s ? s : "-", last ? 0 : 20);
	free(s);
}

static int on_record(void *arg, const char *id, const char *body, cw_err *e)
{
	struct list_args *a = arg;
	json_t *rec = json_loads(body, 0, NULL);

	if (!rec)
		return cw_err_set(e, CW_ECORRUPT, "record '%s': stored JSON unreadable",
		                  id);
	if (matches(rec, a->where, a->nwhere)) {
		if (a->json) {
			cw_jsonw_raw(&a->j.w, body);
			cli_json_print(&a->j); /* a record at a time */
		} else if (a->ids) {
			puts(id);
		} else {
			pad(id, 24);
			for (size_t t = 0; t < sizeof(key_fields) / sizeof(key_fields[0]);
			     t++) {
				if (strcmp(key_fields[t].type, a->type))
					continue;
				for (int c = 0; key_fields[t].cols[c]; c++)
					cell(json_object_get(rec, key_fields[t].cols[c]),
					     key_fields[t].cols[c],
					     !key_fields[t].cols[c + 1]);
			}
			putchar('\n');
		}
		a->n++;
	}
	json_decref(rec);
	return 0;
}

static int run(struct cli_ctx *ctx, cw_db *db, void *arg)
{
	struct list_args *a = arg;
	cw_err e = CW_ERR_INIT;
	int rc;

	(void)ctx;
	if (a->json) {
		cli_json_start(&a->j, CW_JSON_LINES);
		cw_jsonw_arr(&a->j.w);
	}
	rc = store_record_each_of(db, a->type, a->clearance, on_record, a, &e);
	if (a->json) {
		cw_jsonw_arr_end(&a->j.w);
		if (rc)
			cw_buf_release(&a->j.b);
		else if (cli_json_end(&a->j))
			return cli_nomem();
	} else if (!rc && !a->n && !a->ids)
		fprintf(stderr, "no %s%s\n", a->type,
		        a->nwhere ? " matches" : " records");
	return rc ? cli_fail(&e) : CLI_OK;
}

int cmd_list(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct option opts[] = {
	    {"where", required_argument, NULL, 'w'}, {"json", no_argument, NULL, 'j'},
	    {"ids", no_argument, NULL, 'i'},         CLI_CLEARANCE_OPTIONS,
	    {"help", no_argument, NULL, 'h'},        {NULL, 0, NULL, 0},
	};
	struct list_args a = {0};
	size_t cap = 0;
	int c, rc;

	a.clearance = CLI_DEFAULT_CLEARANCE;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'w':
			if (!strchr(optarg, '=') || optarg[0] == '=') {
				free(a.where);
				return cli_usage("list",
				                 "--where: '%s': expected FIELD=VALUE",
				                 optarg);
			}
			if (cw_grow(&a.where, &cap, a.nwhere + 1, sizeof(*a.where), 4)) {
				free(a.where);
				fputs("error: out of memory\n", stderr);
				return CLI_FAIL;
			}
			a.where[a.nwhere++] = optarg;
			break;
		case 'j': a.json = true; break;
		case 'i': a.ids = true; break;
		case CLI_OPT_CLEARANCE:
		case CLI_OPT_PUBLIC:
			if (cli_clearance_opt("list", c, optarg, &a.clearance)) {
				free(a.where);
				return CLI_USAGE;
			}
			break;
		case 'h':
			free(a.where);
			fputs(usage, stdout);
			return CLI_OK;
		default: free(a.where); return cli_usage("list", "unknown option");
		}
	}
	if (optind >= argc || optind + 1 < argc ||
	    !(a.type = io_type_from_word(argv[optind]))) {
		free(a.where);
		if (optind + 1 < argc)
			return cli_usage("list", "unexpected argument '%s'",
			                 argv[optind + 1]);
		return cli_usage(
		    "list", "which type? people, cases, events, sources, provisions, "
		            "organizations or affiliations");
	}
	rc = cli_run(ctx, run, &a);
	free(a.where);
	return rc;
}
