/* cli/cmd_mentions.c: `casewatch mentions FILE|-` prints the mentions
 * (provisions, sentences, counts, dates, places, people, organizations)
 * found in an article; needs no database. */
#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/date.h"
#include "base/grow.h"
#include "base/limits.h"
#include "base/utf8.h"
#include "cli/cli.h"
#include "extract/article.h"
#include "extract/mentions.h"

static void usage_mentions(FILE *out)
{
	fprintf(
	    out,
	    "usage: casewatch mentions [--json] [--published DATE] [--lexicon FILE] "
	    "FILE|-\n"
	    "\n"
	    "Print the mentions found in an article (HTML, also .gz, or UTF-8 text):\n"
	    "provisions, sentences, counts, dates, places, and person or organization\n"
	    "names. No database is needed.\n"
	    "\n"
	    "Each line is START-END<TAB>KIND<TAB>TEXT<TAB>VALUE, START and END being\n"
	    "offsets in Unicode characters (code points, not bytes) into the article\n"
	    "text: the file itself for text input (after a UTF-8 byte-order mark), the\n"
	    "text printed by 'casewatch extract' for HTML. VALUE is the normalized\n"
	    "value, empty when unknown. docs/mentions.md lists what is recognized.\n"
	    "\n"
	    "Options:\n"
	    "  --json            print a JSON array of objects with kind, text, start,\n"
	    "                    end, value (null when unknown) and, for provisions\n"
	    "                    naming their code, code\n"
	    "  --published DATE  publication date (YYYY[-MM[-DD]]) that relative dates\n"
	    "                    (\"yesterday\", \"в прошлом месяце\") are resolved "
	    "against;\n"
	    "                    default: the date an HTML page declares\n"
	    "  --lexicon FILE    known people and organizations, as interchange JSON\n"
	    "                    Lines (person and organization records with id and\n"
	    "                    names; other lines are ignored): their names are found\n"
	    "                    also inflected, the value being the record's id\n"
	    "  -h, --help        show this help\n");
}


/* HTML or gzip: what extract_article() is for; anything else is text. */
static int looks_like_markup(const char *p, size_t n)
{
	size_t i = 0;

	if (n >= 2 && (unsigned char)p[0] == 0x1f && (unsigned char)p[1] == 0x8b)
		return 1;
	if (n >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3))
		i = 3;
	while (i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r' || p[i] == '\n'))
		i++;
	return i < n && p[i] == '<';
}

/* The lexicon: names borrowed from the kept JSON values. */
struct lexicon {
	struct mention_lexicon_entry *e;
	size_t n, cap;
	json_t *keep; /* array holding every parsed record */
};

/* 0, CW_ELIMIT past MENTIONS_MAX_LEXICON names, or CW_ENOMEM. */
static int lex_push(struct lexicon *lx, const char *name, const char *id,
                    enum mention_kind k)
{
	if (lx->n >= MENTIONS_MAX_LEXICON)
		return CW_ELIMIT;
	if (cw_grow(&lx->e, &lx->cap, lx->n + 1, sizeof(*lx->e), 64))
		return CW_ENOMEM;
	lx->e[lx->n].name = name;
	lx->e[lx->n].id = id;
	lx->e[lx->n].kind = k;
	lx->n++;
	return 0;
}

static int load_lexicon(const char *path, struct lexicon *lx, cw_err *e)
{
	FILE *f = fopen(path, "rb");
	char *line = NULL;
	size_t cap = 0;
	ssize_t got;
	long lineno = 0;
	int rc = -1, full = 0;

	if (!f)
		return cw_err_set(e, CW_EIO, "%s: %s", path, strerror(errno));
	lx->keep = json_array();
	if (!lx->keep) {
		cw_err_set(e, CW_ENOMEM, "out of memory");
		goto out;
	}
	while ((got = getline(&line, &cap, f)) > 0) {
		json_error_t je;
		json_t *o, *names, *v;
		const char *type, *id;
		enum mention_kind k;
		size_t i;

		lineno++;
		if ((size_t)got > CW_MAX_RECORD) {
			cw_err_set(e, CW_ELIMIT, "%s:%ld: record over the size limit",
			           path, lineno);
			goto out;
		}
		if (strspn(line, " \t\r\n") == (size_t)got)
			continue;
		o = json_loadb(line, (size_t)got, 0, &je);
		if (!o) {
			cw_err_set(e, CW_EINVAL, "%s:%ld: %s", path, lineno, je.text);
			goto out;
		}
		json_array_append_new(lx->keep, o);
		type = json_string_value(json_object_get(o, "type"));
		id = json_string_value(json_object_get(o, "id"));
		if (!type || !id)
			continue;
		if (!strcmp(type, "person"))
			k = MENTION_PERSON;
		else if (!strcmp(type, "organization"))
			k = MENTION_ORGANIZATION;
		else
			continue;
		names = json_object_get(o, "names");
		if (json_is_string(names)) {
			if ((full = lex_push(lx, json_string_value(names), id, k)))
				goto full;
			continue;
		}
		json_array_foreach(names, i, v)
		{
			const char *nm =
			    json_is_object(v)
			        ? json_string_value(json_object_get(v, "name"))
			        : json_string_value(v);
			if (nm && *nm && (full = lex_push(lx, nm, id, k)))
				goto full;
		}
	}
	if (ferror(f)) {
		cw_err_set(e, CW_EIO, "%s: %s", path, strerror(errno));
		goto out;
	}
	rc = 0;
	goto out;
full:
	if (full == CW_ELIMIT)
		cw_err_set(e, CW_ELIMIT, "%s:%ld: too many names (limit %d)", path, lineno,
		           MENTIONS_MAX_LEXICON);
	else
		cw_err_set(e, CW_ENOMEM, "out of memory");
out:
	free(line);
	fclose(f);
	return rc;
}

/* Text for one tab-separated column: tabs and line breaks become spaces. */
static void put_field(const char *s)
{
	for (; *s; s++)
		putchar(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s);
}

static int print_json(const struct mention_list *l, cw_err *e)
{
	struct cli_json j;

	cli_json_start(&j, CW_JSON_INDENT | CW_JSON_JANSSON);
	cw_jsonw_arr(&j.w);
	for (size_t i = 0; i < l->len; i++) {
		const struct mention *m = &l->items[i];
		cw_jsonw_obj(&j.w);
		cw_jsonw_kstr(&j.w, "kind", mention_kind_name(m->kind));
		cw_jsonw_kstr(&j.w, "text", m->text);
		cw_jsonw_kint(&j.w, "start", (long long)m->start);
		cw_jsonw_kint(&j.w, "end", (long long)m->end);
		cw_jsonw_kstr(&j.w, "value", m->value);
		if (m->code)
			cw_jsonw_kstr(&j.w, "code", m->code);
		cw_jsonw_obj_end(&j.w);
	}
	cw_jsonw_arr_end(&j.w);
	if (cli_json_end(&j))
		return cw_err_set(e, CW_ENOMEM, "out of memory");
	return 0;
}

int cmd_mentions(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct option opts[] = {
	    {"json", no_argument, NULL, 'j'},
	    {"published", required_argument, NULL, 'p'},
	    {"lexicon", required_argument, NULL, 'l'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	cw_err e = CW_ERR_INIT;
	cw_buf data = CW_BUF_INIT;
	struct cw_article a;
	struct mentions_opts mo;
	struct mention_list l;
	struct lexicon lx = {NULL, 0, 0, NULL};
	const char *path, *published = NULL, *lexicon = NULL, *text;
	size_t len;
	int c, json = 0, have = 0, rc = CLI_FAIL;
	FILE *f = NULL;

	(void)ctx;
	memset(&a, 0, sizeof(a));
	memset(&mo, 0, sizeof(mo));
	mention_list_init(&l);
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'j': json = 1; break;
		case 'p': published = optarg; break;
		case 'l': lexicon = optarg; break;
		case 'h': usage_mentions(stdout); return CLI_OK;
		default: return cli_usage("mentions", "unknown option");
		}
	}
	if (optind + 1 != argc)
		return cli_usage("mentions",
		                 "expected one FILE (or - for standard input)");
	path = argv[optind];
	if (published && cw_date_parse(published, strlen(published), &mo.published, &e)) {
		cw_err_prefix(&e, "--published");
		e.code = CW_EUSAGE;
		return cli_fail(&e);
	}
	if (lexicon) {
		if (load_lexicon(lexicon, &lx, &e))
			goto out;
		mo.lexicon = lx.e;
		mo.lexicon_len = lx.n;
	}
	f = cli_open_input(path, &e);
	if (!f)
		goto out;
	if (cli_read_document(f, &data, &e)) {
		cw_err_prefix(&e, "%s", path);
		goto out;
	}
	text = data.data;
	len = data.len;
	if (looks_like_markup(text, len)) {
		if (extract_article(text, len, NULL, &a, &e)) {
			cw_err_prefix(&e, "%s", path);
			goto out;
		}
		have = 1;
		text = a.text;
		len = strlen(a.text);
		if (!published && a.published)
			cw_date_parse(a.published, strlen(a.published), &mo.published,
			              NULL);
	} else if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3)) {
		text += 3;
		len -= 3;
	}
	if (mentions_find(text, len, &mo, &l, &e)) {
		cw_err_prefix(&e, "%s", path);
		goto out;
	}
	if (json) {
		if (print_json(&l, &e))
			goto out;
	} else {
		for (size_t i = 0; i < l.len; i++) {
			const struct mention *m = &l.items[i];
			printf("%zu-%zu\t%s\t", m->start, m->end,
			       mention_kind_name(m->kind));
			put_field(m->text);
			putchar('\t');
			put_field(m->value ? m->value : "");
			putchar('\n');
		}
	}
	if (fflush(stdout)) {
		cw_err_set(&e, CW_EIO, "standard output: %s", strerror(errno));
		goto out;
	}
	rc = CLI_OK;
out:
	if (rc != CLI_OK)
		rc = cli_fail(&e);
	mention_list_release(&l);
	if (have)
		cw_article_release(&a);
	if (f && f != stdin)
		fclose(f);
	cw_buf_release(&data);
	free(lx.e);
	json_decref(lx.keep);
	return rc;
}
