/* cli/cmd_extract.c: `casewatch extract FILE...|-` prints the article of a
 * web page (HTML, .gz) or of flattened text; needs no database. */
#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/buf.h"
#include "base/limits.h"
#include "cli/cli.h"
#include "extract/article.h"
#include "io/article.h"

static void usage_extract(FILE *out)
{
	fprintf(
	    out,
	    "usage: casewatch extract [--format text|json] [--url URL] [--out-dir DIR] "
	    "FILE...|-\n"
	    "\n"
	    "Print the article of each web page (HTML, also .gz) or flattened text "
	    "file:\n"
	    "its text, paragraphs separated by blank lines, without the page furniture.\n"
	    "The character encoding is detected (BOM, meta charset, else a guess that\n"
	    "knows undeclared windows-1251 and KOI8-R). No database is needed.\n"
	    "\n"
	    "Options:\n"
	    "  --format FMT   text (default) or json: an object with title, text,\n"
	    "                 published, author, language and url\n"
	    "  --url URL      the page's address (json 'url'; else its canonical URL)\n"
	    "  --out-dir DIR  write DIR/NAME.txt (or .json) per file, NAME being the\n"
	    "                 file name without .gz and .html/.htm\n"
	    "  -h, --help     show this help\n"
	    "\n"
	    "A file that cannot be read (binary, truncated gzip, over %u MB) is "
	    "reported\n"
	    "and skipped; the others are still processed, and the exit status is 1.\n",
	    CW_MAX_DOCUMENT >> 20);
}


static int strip_suffix(char *s, const char *suf)
{
	size_t n = strlen(s), k = strlen(suf);
	if (n > k && !strcasecmp(s + n - k, suf)) {
		s[n - k] = '\0';
		return 1;
	}
	return 0;
}

/* NAME for --out-dir: the base name without .gz and .html/.htm. */
static char *output_name(const char *path)
{
	const char *base = strrchr(path, '/');
	char *name;

	if (!strcmp(path, "-"))
		return strdup("stdin");
	base = base ? base + 1 : path;
	name = strdup(*base ? base : "page");
	if (!name)
		return NULL;
	strip_suffix(name, ".gz");
	if (!strip_suffix(name, ".html"))
		strip_suffix(name, ".htm");
	return name;
}

/* One line of JSON (the bytes jansson used to write), or NULL when out of
 * memory; the caller frees it. */
static char *article_json(const struct cw_article *a, const char *file)
{
	json_t *o = json_object();
	cw_buf b = CW_BUF_INIT;
	cw_jsonw w;
	char *s = NULL;

	if (!o)
		return NULL;
	if (file)
		json_object_set_new(o, "file", json_string(file));
	cw_jsonw_init(&w, &b, CW_JSON_JANSSON);
	if (io_article_json(o, a) == 0 && cw_jsonw_value(&w, o) == 0)
		s = cw_buf_detach(&b, NULL);
	cw_buf_release(&b);
	json_decref(o);
	return s;
}

static int write_output(const char *dir, const char *path, int json,
                        const struct cw_article *a, cw_err *e)
{
	char *name = output_name(path), *js = NULL;
	cw_buf out_path = CW_BUF_INIT;
	FILE *f = NULL;
	int rc = -1;

	if (!name) {
		cw_err_set(e, CW_ENOMEM, "out of memory");
		goto out;
	}
	if (cw_buf_addf(&out_path, "%s/%s.%s", dir, name, json ? "json" : "txt")) {
		cw_err_set(e, CW_ENOMEM, "out of memory");
		goto out;
	}
	if (json && !(js = article_json(a, NULL))) {
		cw_err_set(e, CW_ENOMEM, "out of memory");
		goto out;
	}
	f = fopen(out_path.data, "w");
	if (!f) {
		cw_err_set(e, CW_EIO, "%s: %s", out_path.data, strerror(errno));
		goto out;
	}
	fputs(json ? js : a->text, f);
	fputc('\n', f);
	if (fclose(f)) {
		f = NULL;
		cw_err_set(e, CW_EIO, "%s: %s", out_path.data, strerror(errno));
		goto out;
	}
	f = NULL;
	rc = 0;
out:
	if (f)
		fclose(f);
	free(js);
	free(name);
	cw_buf_release(&out_path);
	return rc;
}

static int extract_one(const char *path, const char *url, const char *out_dir, int json,
                       int many)
{
	cw_err e = CW_ERR_INIT;
	cw_buf data = CW_BUF_INIT;
	struct cw_article a;
	FILE *f;
	int rc = CLI_FAIL, have = 0;

	memset(&a, 0, sizeof(a));
	f = cli_open_input(path, &e);
	if (!f)
		goto out;
	if (cli_read_document(f, &data, &e)) {
		cw_err_prefix(&e, "%s", path);
		goto out;
	}
	if (extract_article(data.data, data.len, url, &a, &e)) {
		cw_err_prefix(&e, "%s", path);
		goto out;
	}
	have = 1;
	if (out_dir) {
		if (write_output(out_dir, path, json, &a, &e))
			goto out;
	} else if (json) {
		char *js = article_json(&a, many ? path : NULL);
		if (!js) {
			cw_err_set(&e, CW_ENOMEM, "%s: out of memory", path);
			goto out;
		}
		puts(js);
		free(js);
	} else {
		if (many)
			printf("==> %s <==\n", path);
		puts(a.text);
	}
	rc = CLI_OK;
out:
	if (rc != CLI_OK)
		cli_fail(&e);
	if (have)
		cw_article_release(&a);
	if (f && f != stdin)
		fclose(f);
	cw_buf_release(&data);
	return rc;
}

int cmd_extract(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct option opts[] = {
	    {"format", required_argument, NULL, 'f'},
	    {"url", required_argument, NULL, 'u'},
	    {"out-dir", required_argument, NULL, 'o'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	const char *url = NULL, *out_dir = NULL;
	int json = 0, c, rc = CLI_OK;

	(void)ctx;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'f':
			if (!strcmp(optarg, "json"))
				json = 1;
			else if (!strcmp(optarg, "text"))
				json = 0;
			else
				return cli_usage("extract",
				                 "--format: '%s' is not text or json",
				                 optarg);
			break;
		case 'u': url = optarg; break;
		case 'o': out_dir = optarg; break;
		case 'h': usage_extract(stdout); return CLI_OK;
		default:
			return cli_usage("extract", "unknown option '%s'",
			                 argv[optind - 1]);
		}
	}
	if (optind >= argc)
		return cli_usage("extract", "no input: give FILE... or - for stdin");
	if (out_dir && mkdir(out_dir, 0777) && errno != EEXIST) {
		fprintf(stderr, "error: %s: %s\n", out_dir, strerror(errno));
		return CLI_FAIL;
	}
	for (int i = optind; i < argc; i++)
		if (extract_one(argv[i], url, out_dir, json, argc - optind > 1) != CLI_OK)
			rc = CLI_FAIL;
	fflush(stdout);
	return rc;
}
