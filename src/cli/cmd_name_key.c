/* cli/cmd_name_key.c: `casewatch name-key [--json] NAME...`: the
 * transliteration, skeleton and keys of each name (match/match.h). */
#include <getopt.h>
#include <stdio.h>
#include <string.h>


#include "base/utf8.h"
#include "cli/cli.h"
#include "match/match.h"

static void usage(FILE *out)
{
	fprintf(
	    out,
	    "usage: casewatch name-key [--json] NAME...\n"
	    "\n"
	    "Print the keys casewatch stores for each person name: its transliteration,\n"
	    "its folded skeleton and its blocking keys (key rules version %d).\n"
	    "Without --json, one line per name: NAME<TAB>KEY KEY ...\n"
	    "\n"
	    "  --json     one JSON object per name (name, latin, skeleton, version, "
	    "keys)\n"
	    "  -h, --help show this help\n",
	    MATCH_KEY_VERSION);
}

static int one(const char *name, int json, cw_err *e)
{
	struct match_keys k;
	cw_buf lat = CW_BUF_INIT, skel = CW_BUF_INIT;
	struct cli_json j;
	int rc = -1;

	match_keys_init(&k);
	if (match_translit(name, strlen(name), &lat, e) ||
	    match_fold_name(name, strlen(name), &skel, e) ||
	    match_name_keys(name, strlen(name), &k, e)) {
		if (cw_utf8_valid(name, strlen(name)) && strlen(name) <= 200)
			cw_err_prefix(e, "'%s'", name);
		goto out;
	}
	if (!json) {
		printf("%s\t", name);
		for (size_t i = 0; i < k.n; i++)
			printf("%s%s", i ? " " : "", match_keys_get(&k, i));
		putchar('\n');
		rc = 0;
		goto out;
	}
	cli_json_start(&j, CW_JSON_JANSSON);
	cw_jsonw_obj(&j.w);
	cw_jsonw_kstr(&j.w, "name", name);
	cw_jsonw_kstr(&j.w, "latin", lat.data);
	cw_jsonw_kstr(&j.w, "skeleton", skel.data);
	cw_jsonw_kint(&j.w, "version", MATCH_KEY_VERSION);
	cw_jsonw_key(&j.w, "keys");
	cw_jsonw_arr(&j.w);
	for (size_t i = 0; i < k.n; i++)
		cw_jsonw_str(&j.w, match_keys_get(&k, i));
	cw_jsonw_arr_end(&j.w);
	cw_jsonw_obj_end(&j.w);
	if (cli_json_end(&j)) {
		cw_err_set(e, CW_ENOMEM, "out of memory");
		goto out;
	}
	rc = 0;
out:
	cw_buf_release(&lat);
	cw_buf_release(&skel);
	match_keys_release(&k);
	return rc;
}

int cmd_name_key(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct option opts[] = {
	    {"json", no_argument, NULL, 'j'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	int json = 0, c, rc = CLI_OK;

	(void)ctx;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'j': json = 1; break;
		case 'h': usage(stdout); return CLI_OK;
		default: return cli_usage("name-key", "unknown option");
		}
	}
	if (optind >= argc)
		return cli_usage("name-key", "name-key needs at least one NAME");
	for (int i = optind; i < argc; i++) {
		cw_err e = CW_ERR_INIT;
		if (one(argv[i], json, &e))
			rc = cli_fail(&e);
	}
	return rc;
}
