/* tests/unit/test_mentions.c: extract/mentions (the mention finder).
 *
 * Most cases live in tests/data/mentions/spec.txt (input, options and
 * every expected mention, written by hand); this file runs them and adds
 * what a spec line cannot say: offsets in code points, errors, hostile
 * input. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/date.h"
#include "extract/mentions.h"

/* ---- the spec file ----------------------------------------------- */

#define MAX_LEX 16

struct spec_case {
	char title[256];
	long line;
	cw_buf text;
	cw_buf expected; /* "kind | text | value\n" lines */
	cw_date published;
	struct mention_lexicon_entry lex[MAX_LEX];
	char *lex_store[MAX_LEX * 2];
	size_t nlex;
};

static void case_release(struct spec_case *c)
{
	cw_buf_release(&c->text);
	cw_buf_release(&c->expected);
	for (size_t i = 0; i < c->nlex * 2; i++)
		free(c->lex_store[i]);
	memset(c, 0, sizeof(*c));
	cw_buf_init(&c->text, 0);
	cw_buf_init(&c->expected, 0);
}

static void render(const struct mention_list *l, cw_buf *out)
{
	cw_buf_reset(out);
	for (size_t i = 0; i < l->len; i++) {
		const struct mention *m = &l->items[i];
		cw_buf_addf(out, "%s | %s | %s\n", mention_kind_name(m->kind), m->text,
		            m->value ? m->value : "-");
	}
}

static int run_case(struct spec_case *c)
{
	struct mentions_opts o;
	struct mention_list l;
	cw_err e = CW_ERR_INIT;
	cw_buf got = CW_BUF_INIT;
	int bad = 0;

	memset(&o, 0, sizeof(o));
	o.published = c->published;
	o.lexicon = c->lex;
	o.lexicon_len = c->nlex;
	mention_list_init(&l);
	if (mentions_find(c->text.data, c->text.len, &o, &l, &e)) {
		print_error("spec.txt:%ld: %s: error %s\n", c->line, c->title, e.msg);
		return 1;
	}
	render(&l, &got);
	if (strcmp(got.data, c->expected.data)) {
		print_error("spec.txt:%ld: %s\n--- expected\n%s--- got\n%s", c->line,
		            c->title, c->expected.data, got.data);
		bad = 1;
	}
	/* invariants: sorted, disjoint, offsets consistent with the text */
	for (size_t i = 0; i < l.len; i++) {
		const struct mention *m = &l.items[i];
		if (m->end <= m->start || (i && l.items[i - 1].end > m->start) ||
		    m->byte_end - m->byte_start != strlen(m->text) ||
		    memcmp(c->text.data + m->byte_start, m->text, strlen(m->text))) {
			print_error("spec.txt:%ld: %s: bad span %zu\n", c->line, c->title,
			            i);
			bad = 1;
		}
	}
	mention_list_release(&l);
	cw_buf_release(&got);
	return bad;
}

static char *dup_s(const char *s, size_t n)
{
	char *d = malloc(n + 1);
	assert_non_null(d);
	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

static void spec_cases(void **state)
{
	const char *dir = getenv("CW_SOURCE_DIR");
	cw_buf path = CW_BUF_INIT;
	struct spec_case c;
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	long lineno = 0;
	int failures = 0, cases = 0, in_case = 0, after = 0;
	FILE *f;

	(void)state;
	cw_buf_addf(&path, "%s/tests/data/mentions/spec.txt", dir ? dir : ".");
	f = fopen(path.data, "r");
	assert_non_null(f);
	memset(&c, 0, sizeof(c));
	case_release(&c);
	for (;;) {
		n = getline(&line, &cap, f);
		if (n > 0 && line[n - 1] == '\n')
			line[--n] = '\0';
		if (n < 0 || !strncmp(line, "== ", 3)) {
			if (in_case) {
				if (c.text.len && c.text.data[c.text.len - 1] == '\n')
					cw_buf_setlen(&c.text, c.text.len - 1);
				failures += run_case(&c);
				cases++;
			}
			if (n < 0)
				break;
			case_release(&c);
			snprintf(c.title, sizeof(c.title), "%s", line + 3);
			c.line = lineno + 1;
			in_case = 1;
			after = 0;
			lineno++;
			continue;
		}
		lineno++;
		if (!in_case)
			continue;
		if (!after && !strncmp(line, "@published ", 11)) {
			cw_err e = CW_ERR_INIT;
			assert_int_equal(
			    cw_date_parse(line + 11, strlen(line + 11), &c.published, &e),
			    0);
		} else if (!after && !strncmp(line, "@lexicon ", 9)) {
			char *id = line + 9, *kind = strchr(id, ' '), *name;
			assert_non_null(kind);
			name = strchr(kind + 1, ' ');
			assert_non_null(name);
			assert_true(c.nlex < MAX_LEX);
			c.lex_store[c.nlex * 2] = dup_s(id, (size_t)(kind - id));
			c.lex_store[c.nlex * 2 + 1] = dup_s(name + 1, strlen(name + 1));
			c.lex[c.nlex].id = c.lex_store[c.nlex * 2];
			c.lex[c.nlex].name = c.lex_store[c.nlex * 2 + 1];
			c.lex[c.nlex].kind = !strncmp(kind + 1, "person", 6)
			                         ? MENTION_PERSON
			                         : MENTION_ORGANIZATION;
			c.nlex++;
		} else if (!after && !strcmp(line, "--")) {
			after = 1;
		} else if (!after) {
			cw_buf_add(&c.text, line, (size_t)n);
			cw_buf_addch(&c.text, '\n');
		} else if (n > 0) {
			cw_buf_add(&c.expected, line, (size_t)n);
			cw_buf_addch(&c.expected, '\n');
		}
	}
	print_message("mentions spec: %d cases, %d failed\n", cases, failures);
	fclose(f);
	free(line);
	case_release(&c);
	cw_buf_release(&c.text);
	cw_buf_release(&c.expected);
	cw_buf_release(&path);
	assert_true(cases >= 60);
	assert_int_equal(failures, 0);
}

/* ---- offsets, errors, hostile input ------------------------------ */

static void find(const char *text, size_t len, struct mention_list *l)
{
	cw_err e = CW_ERR_INIT;

	mention_list_init(l);
	assert_int_equal(mentions_find(text, len, NULL, l, &e), 0);
}

static void offsets_are_code_points(void **state)
{
	/* "Суд" is 3 code points, 6 bytes; "ст. 405" starts at code point 4 */
	const char *t = "Суд ст. 405 — 7 лет лишения свободы";
	struct mention_list l;

	(void)state;
	find(t, strlen(t), &l);
	assert_int_equal(l.len, 2);
	assert_int_equal(l.items[0].kind, MENTION_PROVISION);
	assert_int_equal(l.items[0].start, 4);
	assert_int_equal(l.items[0].end, 11);
	assert_int_equal(l.items[0].byte_start, 7);
	assert_int_equal(l.items[0].byte_end, 16);
	assert_int_equal(l.items[1].kind, MENTION_SENTENCE);
	assert_int_equal(l.items[1].start, 14);
	assert_int_equal(l.items[1].end, 35);
	assert_string_equal(l.items[1].text, "7 лет лишения свободы");
	mention_list_release(&l);
}

static void offsets_after_paragraphs(void **state)
{
	/* offsets keep counting across blank lines (segments) */
	const char *t = "Қазақ тілі.\n\nжәне\n\nв Алматы";
	struct mention_list l;

	(void)state;
	find(t, strlen(t), &l);
	assert_int_equal(l.len, 1);
	assert_int_equal(l.items[0].start, 21);
	assert_int_equal(l.items[0].end, 27);
	assert_string_equal(l.items[0].value, "Almaty");
	mention_list_release(&l);
}

static void provision_code_hint(void **state)
{
	const char *t = "по ст. 405 УК РК и по ҚК 405-бабы и Article 174 of the Code of "
	                "Administrative Offences";
	struct mention_list l;

	(void)state;
	find(t, strlen(t), &l);
	assert_int_equal(l.len, 3);
	assert_string_equal(l.items[0].code, "Criminal Code");
	assert_string_equal(l.items[1].code, "Criminal Code");
	assert_string_equal(l.items[1].text, "ҚК 405-бабы");
	assert_string_equal(l.items[2].code, "Code of Administrative Offences");
	mention_list_release(&l);
}

static void invalid_utf8_is_an_error(void **state)
{
	const char t[] = "Article 405 \xD0 broken";
	struct mention_list l;
	cw_err e = CW_ERR_INIT;

	(void)state;
	mention_list_init(&l);
	assert_int_equal(mentions_find(t, sizeof(t) - 1, NULL, &l, &e), -1);
	assert_int_equal(e.code, CW_EINVAL);
	assert_string_equal(e.msg, "invalid UTF-8 at byte 12");
	assert_int_equal(l.len, 0);
}

static void nul_bytes_split_mentions(void **state)
{
	/* found by fuzzing: a NUL is no space, so no mention holds one */
	const char t[] = "On 4 Jul\0\0"
	                 "2021 and in 2019";
	struct mention_list l;

	(void)state;
	find(t, sizeof(t) - 1, &l);
	assert_int_equal(l.len, 2);
	assert_string_equal(l.items[0].text, "4 Jul");
	assert_null(l.items[0].value);
	assert_string_equal(l.items[1].text, "2019");
	mention_list_release(&l);
}

static void impossible_publication_date(void **state)
{
	struct mentions_opts o;
	struct mention_list l;
	cw_err e = CW_ERR_INIT;

	(void)state;
	memset(&o, 0, sizeof(o));
	o.published.year = 2021;
	o.published.month = 13;
	mention_list_init(&l);
	assert_int_equal(mentions_find("yesterday", 9, &o, &l, &e), -1);
	assert_int_equal(e.code, CW_EINVAL);
	o.published.month = 2;
	o.published.day = 29;
	assert_int_equal(mentions_find("yesterday", 9, &o, &l, &e), -1);
	o.published.day = 28;
	assert_int_equal(mentions_find("yesterday", 9, &o, &l, &e), 0);
	assert_int_equal(l.len, 1);
	assert_string_equal(l.items[0].value, "2021-02-27");
	mention_list_release(&l);
}

static void empty_text(void **state)
{
	struct mention_list l;

	(void)state;
	find("", 0, &l);
	assert_int_equal(l.len, 0);
	mention_list_release(&l);
}

static void hostile_digits(void **state)
{
	size_t n = 100000;
	char *t = malloc(n + 32);
	struct mention_list l;

	(void)state;
	assert_non_null(t);
	memset(t, '7', n);
	memcpy(t + n, " people in 2019", 15);
	find(t, n + 15, &l);
	/* the huge number is no count; the year is still found */
	assert_int_equal(l.len, 1);
	assert_string_equal(l.items[0].value, "2019");
	assert_int_equal(l.items[0].start, n + 11);
	mention_list_release(&l);
	free(t);
}

static void hostile_no_spaces(void **state)
{
	size_t n = 1 << 20;
	char *t = malloc(n);
	struct mention_list l;

	(void)state;
	assert_non_null(t);
	for (size_t i = 0; i < n; i += 2)
		memcpy(t + i, "ж", 2); /* 2-byte letters, one 512K-letter word */
	find(t, n, &l);
	assert_int_equal(l.len, 0);
	mention_list_release(&l);
	/* many short tokens without spaces: "1.1.1.1..." */
	for (size_t i = 0; i < n; i++)
		t[i] = (i % 2) ? '.' : '1';
	find(t, n, &l);
	mention_list_release(&l);
	/* "Article405(2)(2)(2)..." and a mixture of every cue */
	for (size_t i = 0; i < n; i++)
		t[i] = "Art. 4 (2) at least 7 years in 2019 "[i % 36];
	find(t, n, &l);
	assert_true(l.len > 1000);
	mention_list_release(&l);
	free(t);
}

static void many_lexicon_names(void **state)
{
	enum { N = 5000 };
	struct mention_lexicon_entry *lex = calloc(N, sizeof(*lex));
	char(*names)[32] = calloc(N, 32);
	struct mentions_opts o;
	struct mention_list l;
	cw_err e = CW_ERR_INIT;
	const char *t = "Встреча с Тестбеком4999 и Тестбеку17.";

	(void)state;
	assert_non_null(lex);
	assert_non_null(names);
	for (int i = 0; i < N; i++) {
		snprintf(names[i], 32, "Тестбек%d", i);
		lex[i].name = names[i];
		lex[i].id = names[i];
		lex[i].kind = MENTION_PERSON;
	}
	memset(&o, 0, sizeof(o));
	o.lexicon = lex;
	o.lexicon_len = N;
	mention_list_init(&l);
	assert_int_equal(mentions_find(t, strlen(t), &o, &l, &e), 0);
	/* the words inflect, the numbers match exactly */
	assert_int_equal(l.len, 2);
	assert_string_equal(l.items[0].value, "Тестбек4999");
	assert_string_equal(l.items[1].value, "Тестбек17");
	assert_true(l.items[0].known);
	mention_list_release(&l);
	free(lex);
	free(names);
}

static void list_release_null_and_reuse(void **state)
{
	struct mention_list l;

	(void)state;
	mention_list_release(NULL);
	find("in 2019 and in 2020", 19, &l);
	assert_int_equal(l.len, 2);
	{
		cw_err e = CW_ERR_INIT;
		/* appending keeps what was there */
		assert_int_equal(mentions_find("in 2021", 7, NULL, &l, &e), 0);
		assert_int_equal(l.len, 3);
	}
	mention_list_release(&l);
	assert_int_equal(l.len, 0);
	assert_string_equal(mention_kind_name(MENTION_ORGANIZATION), "organization");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(spec_cases),
	    cmocka_unit_test(offsets_are_code_points),
	    cmocka_unit_test(offsets_after_paragraphs),
	    cmocka_unit_test(provision_code_hint),
	    cmocka_unit_test(invalid_utf8_is_an_error),
	    cmocka_unit_test(empty_text),
	    cmocka_unit_test(impossible_publication_date),
	    cmocka_unit_test(nul_bytes_split_mentions),
	    cmocka_unit_test(hostile_digits),
	    cmocka_unit_test(hostile_no_spaces),
	    cmocka_unit_test(many_lexicon_names),
	    cmocka_unit_test(list_release_null_and_reuse),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
