/* extract/mentions.c: see mentions.h.
 *
 * How it works. The text is cut into segments at blank lines (and, for a
 * huge paragraph, at whitespace every SEGMENT_MAX_BYTES bytes), so memory is bounded
 * by the segment. Each segment is tokenized (words, ASCII digit runs,
 * single punctuation characters) with a lowercased copy of every word.
 * The rules in mentions_rules.c look at a bounded window of tokens from
 * each position and propose candidates; here the candidates of a segment
 * are resolved (lexicon matches first, then longest, then the most
 * specific kind) and appended to the result in text order. */
#include "extract/mentions.h"
#include "extract/mentions_int.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>

#include "base/grow.h"
#include "base/limits.h"
#include "base/utf8.h"

const char *mention_kind_name(enum mention_kind k)
{
	switch (k) {
	case MENTION_PROVISION: return "provision";
	case MENTION_SENTENCE: return "sentence";
	case MENTION_COUNT: return "count";
	case MENTION_DATE: return "date";
	case MENTION_ORGANIZATION: return "organization";
	case MENTION_PERSON: return "person";
	case MENTION_PLACE: return "place";
	}
	return "unknown";
}

void mention_list_init(struct mention_list *l)
{
	l->items = NULL;
	l->len = 0;
	l->cap = 0;
}

void mention_list_release(struct mention_list *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->len; i++) {
		free(l->items[i].text);
		free(l->items[i].value);
	}
	free(l->items);
	mention_list_init(l);
}

/* ---- tokenizer ---------------------------------------------------- */

static bool is_letter(int32_t c)
{
	int8_t t;

	if (u_isalpha(c))
		return true;
	t = (int8_t)u_charType(c);
	return t == U_NON_SPACING_MARK || t == U_COMBINING_SPACING_MARK;
}

static bool is_space(int32_t c)
{
	/* NUL is a punctuation token, so no mention (a C string) holds one */
	return u_isUWhiteSpace(c) || c == 0x200B || c == 0xFEFF;
}

static int32_t fold(int32_t c)
{
	c = u_tolower(c);
	if (c == 0x0451) /* ё -> е */
		c = 0x0435;
	return c;
}

/* Tokenize text[b0..b1) whose first code point is number c0. */
int segment_tokenize(struct mention_segment *s, const char *text, size_t b0, size_t b1,
                     size_t c0)
{
	size_t i = b0, ci = c0;
	unsigned pending = 0; /* flags for the next token */

	s->text = text;
	s->n = 0;
	cw_buf_reset(&s->lower);
	while (i < b1) {
		size_t start = i, cstart = ci;
		int32_t c = cw_utf8_next(text, b1, &i);
		struct mention_token t;

		ci++;
		if (is_space(c)) {
			pending |= TOKEN_SPACE_BEFORE;
			if (c == '\n' || c == 0x2028 || c == 0x2029)
				pending |= TOKEN_LINE_BEFORE;
			continue;
		}
		memset(&t, 0, sizeof(t));
		t.b0 = start;
		t.c0 = cstart;
		t.flags = pending;
		pending = 0;
		if (c >= '0' && c <= '9') {
			size_t k = i;
			while (k < b1 && text[k] >= '0' && text[k] <= '9')
				k++;
			ci += k - i;
			i = k;
			t.type = TOKEN_NUMBER;
			t.key = '0';
		} else if (is_letter(c)) {
			size_t k = i;
			bool all_upper = u_isupper(c) != 0;
			size_t letters = 1;
			if (u_isupper(c) || u_istitle(c))
				t.flags |= TOKEN_CAPITALIZED;
			while (k < b1) {
				size_t nk = k;
				int32_t d = cw_utf8_next(text, b1, &nk);
				if (!is_letter(d))
					break;
				if (u_isalpha(d) && !u_isupper(d))
					all_upper = false;
				letters++;
				k = nk;
				ci++;
			}
			i = k;
			t.type = TOKEN_WORD;
			t.key = fold(c);
			if (all_upper && letters > 1)
				t.flags |= TOKEN_ALL_CAPS;
			if (letters > TOKEN_MAX_CHARS) {
				t.flags |= TOKEN_TOO_LONG;
			} else {
				size_t p = t.b0;
				t.lo = s->lower.len;
				while (p < i) {
					char u[4];
					int32_t d = fold(cw_utf8_next(text, i, &p));
					int nb = cw_utf8_put((uint32_t)d, u);
					if (cw_buf_add(&s->lower, u, (size_t)nb))
						return -1;
				}
				t.ll = s->lower.len - t.lo;
			}
		} else {
			t.type = TOKEN_PUNCT;
			t.cp = c;
			t.key = c;
		}
		t.b1 = i;
		t.c1 = ci;
		if (cw_grow(&s->t, &s->cap, s->n + 1, sizeof(*s->t), 256))
			return -1;
		s->t[s->n++] = t;
	}
	return 0;
}

/* ---- token helpers used by the rules ------------------------------- */

const char *token_lower(const struct mention_segment *s, size_t i, size_t *len)
{
	const struct mention_token *t = &s->t[i];

	if (t->type != TOKEN_WORD || (t->flags & TOKEN_TOO_LONG)) {
		*len = 0;
		return NULL;
	}
	*len = t->ll;
	return s->lower.data + t->lo;
}

bool token_is(const struct mention_segment *s, size_t i, const char *w)
{
	size_t n, wl = strlen(w);
	const char *l;

	if (i >= s->n)
		return false;
	l = token_lower(s, i, &n);
	return l && n == wl && !memcmp(l, w, n);
}

bool token_starts_with(const struct mention_segment *s, size_t i, const char *w)
{
	size_t n, wl = strlen(w);
	const char *l;

	if (i >= s->n)
		return false;
	l = token_lower(s, i, &n);
	return l && n >= wl && !memcmp(l, w, wl);
}

bool token_is_punct(const struct mention_segment *s, size_t i, int32_t cp)
{
	return i < s->n && s->t[i].type == TOKEN_PUNCT && s->t[i].cp == cp;
}

bool token_glued(const struct mention_segment *s, size_t i)
{
	return i < s->n && !(s->t[i].flags & TOKEN_SPACE_BEFORE);
}

bool token_number(const struct mention_segment *s, size_t i, long long *v)
{
	const struct mention_token *t;
	long long x = 0;

	if (i >= s->n)
		return false;
	t = &s->t[i];
	if (t->type != TOKEN_NUMBER || t->b1 - t->b0 > 15)
		return false;
	for (size_t k = t->b0; k < t->b1; k++)
		x = x * 10 + (s->text[k] - '0');
	*v = x;
	return true;
}

size_t token_digits(const struct mention_segment *s, size_t i)
{
	if (i >= s->n || s->t[i].type != TOKEN_NUMBER)
		return 0;
	return s->t[i].b1 - s->t[i].b0;
}

int segment_add_candidate(struct mention_segment *s, size_t t0, size_t t1,
                          enum mention_kind kind, int prio, const char *value,
                          size_t vlen, const char *code, bool known)
{
	struct mention_candidate c;

	if (t1 <= t0 || t1 > s->n)
		return 0;
	c.t0 = t0;
	c.t1 = t1;
	c.kind = kind;
	c.prio = prio;
	c.known = known;
	c.code = code;
	c.has_value = value != NULL;
	c.voff = s->vals.len;
	c.vlen = value ? vlen : 0;
	if (value && cw_buf_add(&s->vals, value, vlen))
		return -1;
	if (cw_grow(&s->c, &s->ccap, s->nc + 1, sizeof(*s->c), 64))
		return -1;
	s->c[s->nc++] = c;
	return 0;
}

uint64_t first_char_bit(int32_t cp)
{
	return 1ULL << (((uint32_t)cp * 0x9E3779B1u) >> 26);
}

/* The first character a list entry can start with: a pattern's first
 * element ("=word|word|#|."), or a plain word. An optional first element
 * can start with anything. */
uint64_t first_char_mask(const char *p)
{
	uint64_t m = 0;
	const char *end = p;

	while (*end && *end != ' ')
		end++;
	if (end > p + 1 && end[-1] == '?')
		return ~0ULL;
	while (p < end) {
		size_t i = 0;
		int32_t cp;
		if (*p == '=')
			p++;
		if (*p == '#') {
			m |= first_char_bit('0');
		} else {
			cp = cw_utf8_next(p, (size_t)(end - p), &i);
			m |= first_char_bit(fold(cp));
		}
		while (p < end && *p != '|')
			p++;
		if (p < end)
			p++;
	}
	return m;
}

bool list_may_start_at(const struct mention_segment *s, size_t i, int id)
{
	if (i >= s->n)
		return false;
	if (!s->filters || !s->filters->ok[id])
		return true; /* not computed yet: the caller computes it */
	return (s->filters->mask[id] & first_char_bit(s->t[i].key)) != 0;
}

void list_filter_set(const struct mention_segment *s, int id, uint64_t mask)
{
	if (s->filters) {
		s->filters->mask[id] = mask;
		s->filters->ok[id] = true;
	}
}

/* ---- resolution -------------------------------------------------- */

static size_t cand_chars(const struct mention_segment *s,
                         const struct mention_candidate *c)
{
	return s->t[c->t1 - 1].c1 - s->t[c->t0].c0;
}

static int cmp_rank(const void *a, const void *b, void *arg)
{
	const struct mention_candidate *x = a, *y = b;
	const struct mention_segment *sort_seg = arg;
	size_t lx, ly;

	if (x->known != y->known)
		return x->known ? -1 : 1;
	lx = cand_chars(sort_seg, x);
	ly = cand_chars(sort_seg, y);
	if (lx != ly)
		return lx > ly ? -1 : 1;
	if (x->prio != y->prio)
		return x->prio > y->prio ? -1 : 1;
	if (x->t0 != y->t0)
		return x->t0 < y->t0 ? -1 : 1;
	return 0;
}

static int cmp_start(const void *a, const void *b)
{
	const struct mention_candidate *x = a, *y = b;

	if (x->t0 != y->t0)
		return x->t0 < y->t0 ? -1 : 1;
	return 0;
}

static char *dup_n(const char *p, size_t n)
{
	char *d = malloc(n + 1);

	if (d) {
		memcpy(d, p, n);
		d[n] = '\0';
	}
	return d;
}

static int resolve(struct mention_segment *s, struct mention_list *out)
{
	size_t kept = 0;

	if (!s->nc)
		return 0;
	if (s->ucap < s->n) {
		unsigned char *nu = realloc(s->used, s->n);
		if (!nu)
			return -1;
		s->used = nu;
		s->ucap = s->n;
	}
	memset(s->used, 0, s->n);
	/* qsort is not stable, but cmp_rank is a total order on distinct
	 * spans; equal spans of one kind are interchangeable. */
	qsort_r(s->c, s->nc, sizeof(s->c[0]), cmp_rank, s);
	for (size_t k = 0; k < s->nc; k++) {
		struct mention_candidate *c = &s->c[k];
		bool free_span = true;
		for (size_t t = c->t0; t < c->t1; t++) {
			if (s->used[t]) {
				free_span = false;
				break;
			}
		}
		if (!free_span)
			continue;
		memset(s->used + c->t0, 1, c->t1 - c->t0);
		s->c[kept++] = *c;
	}
	qsort(s->c, kept, sizeof(s->c[0]), cmp_start);
	if (cw_grow(&out->items, &out->cap, out->len + kept, sizeof(*out->items), 16))
		return -1;
	for (size_t k = 0; k < kept; k++) {
		const struct mention_candidate *c = &s->c[k];
		struct mention *m = &out->items[out->len];
		const struct mention_token *a = &s->t[c->t0], *b = &s->t[c->t1 - 1];

		memset(m, 0, sizeof(*m));
		m->kind = c->kind;
		m->start = a->c0;
		m->end = b->c1;
		m->byte_start = a->b0;
		m->byte_end = b->b1;
		m->code = c->code;
		m->known = c->known;
		m->text = dup_n(s->text + a->b0, b->b1 - a->b0);
		if (!m->text)
			return -1;
		if (c->has_value) {
			m->value = dup_n(s->vals.data + c->voff, c->vlen);
			if (!m->value) {
				free(m->text);
				return -1;
			}
		}
		out->len++;
	}
	return 0;
}

/* ---- segments and the entry point -------------------------------- */

/* End of the segment starting at b: the first blank line, or a cut at
 * whitespace (else at a code point boundary) near SEGMENT_MAX_BYTES bytes. */
static size_t segment_end(const char *text, size_t len, size_t b, size_t *next)
{
	size_t limit = len - b > SEGMENT_MAX_BYTES ? b + SEGMENT_MAX_BYTES : len;
	const char *p = text + b;

	while ((p = memchr(p, '\n', (size_t)(text + limit - p))) != NULL) {
		const char *q = p + 1;
		while (q < text + len && (*q == ' ' || *q == '\t' || *q == '\r'))
			q++;
		if (q < text + len && *q == '\n') {
			*next = (size_t)(q - text) + 1;
			return (size_t)(p - text);
		}
		p++;
		if (p >= text + limit)
			break;
	}
	if (limit == len) {
		*next = len;
		return len;
	}
	for (size_t k = limit; k > limit - SEGMENT_LOOK_BACK; k--) {
		char ch = text[k - 1];
		if (ch == ' ' || ch == '\n' || ch == '\t') {
			*next = k;
			return k;
		}
	}
	while (limit > b && ((unsigned char)text[limit] & 0xC0) == 0x80)
		limit--;
	*next = limit;
	return limit;
}

static size_t count_chars(const char *s, size_t from, size_t to)
{
	size_t n = 0;

	for (size_t i = from; i < to; i++)
		n += ((unsigned char)s[i] & 0xC0) != 0x80;
	return n;
}

int mentions_find(const char *text, size_t len, const struct mentions_opts *opts,
                  struct mention_list *out, cw_err *e)
{
	struct mention_segment s;
	struct first_char_filters filters;
	struct mention_context ctx;
	size_t bad, b = 0, chars = 0, old_len = out->len;
	int ret = -1;

	memset(&s, 0, sizeof(s));
	memset(&filters, 0, sizeof(filters));
	s.filters = &filters;
	cw_buf_init(&s.lower, 0);
	cw_buf_init(&s.vals, 0);
	memset(&ctx, 0, sizeof(ctx));
	if (len > CW_MAX_DOCUMENT) {
		cw_err_set(e, CW_ELIMIT,
		           "text of %zu bytes is over the limit of %u bytes", len,
		           (unsigned)CW_MAX_DOCUMENT);
		goto out;
	}
	if (opts && opts->lexicon_len > MENTIONS_MAX_LEXICON) {
		cw_err_set(e, CW_ELIMIT, "lexicon of %zu names is over the limit of %d",
		           opts->lexicon_len, MENTIONS_MAX_LEXICON);
		goto out;
	}
	if (opts && opts->published.year) {
		const cw_date *p = &opts->published;
		if (p->year < CW_YEAR_MIN || p->year > CW_YEAR_MAX || p->month < 0 ||
		    p->month > 12 || p->day < 0 ||
		    (p->day &&
		     (!p->month || p->day > cw_days_in_month(p->year, p->month)))) {
			cw_err_set(e, CW_EINVAL,
			           "publication date %d-%d-%d is impossible", p->year,
			           p->month, p->day);
			goto out;
		}
	}
	bad = cw_utf8_invalid_at(text, len);
	if (bad < len) {
		cw_err_set(e, CW_EINVAL, "invalid UTF-8 at byte %zu", bad);
		goto out;
	}
	if (mention_context_init(&ctx, opts, e))
		goto out;
	while (b < len) {
		size_t next, end = segment_end(text, len, b, &next);
		if (segment_tokenize(&s, text, b, end, chars))
			goto nomem;
		s.nc = 0;
		cw_buf_reset(&s.vals);
		if (mention_rules_run(&s, &ctx))
			goto nomem;
		if (resolve(&s, out))
			goto nomem;
		chars += count_chars(text, b, next);
		b = next;
	}
	ret = 0;
	goto out;
nomem:
	cw_err_set(e, CW_ENOMEM, "out of memory finding mentions");
out:
	if (ret) {
		for (size_t i = old_len; i < out->len; i++) {
			free(out->items[i].text);
			free(out->items[i].value);
		}
		out->len = old_len;
	}
	mention_context_release(&ctx);
	free(s.t);
	free(s.c);
	free(s.used);
	cw_buf_release(&s.lower);
	cw_buf_release(&s.vals);
	return ret;
}
