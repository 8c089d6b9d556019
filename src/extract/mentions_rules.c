/* extract/mentions_rules.c: the recognizers for provisions, sentences,
 * counts and dates (names and places are in mentions_names.c).
 *
 * Every rule starts at one token and looks at a bounded number of tokens
 * around it, so a segment of n tokens costs O(n) whatever its content.
 * Words are compared lowercased (ё folded to е); most vocabulary is given
 * as prefixes, which absorbs Russian and Kazakh endings. */
#include <stdio.h>
#include <string.h>

#include "base/limits.h"
#include "base/utf8.h"
#include "extract/mentions_int.h"

/* Candidate priorities among spans of equal length: the more specific
 * kind wins. */
enum {
	PRIO_PERSON_GUESS = 1,
	PRIO_PLACE = 2,
	PRIO_COUNT = 3,
	PRIO_DATE = 4,
	PRIO_SENTENCE = 5,
	PRIO_PROVISION = 6
};

/* ---- patterns ---------------------------------------------------- */

/* One alternative of a pattern element at token *j:
 *   "#"      a number token
 *   "=word"  the word exactly
 *   "word"   a word starting with "word"
 *   other    that punctuation character
 * Before a word, a hyphen glued to both sides is skipped
 * ("minimum-security", "колония-поселение"). */
static bool alt_match(const struct mention_segment *s, size_t *j, const char *a, size_t n)
{
	size_t k = *j;

	if (k >= s->n || !n)
		return false;
	if (n == 1 && a[0] == '#') {
		if (s->t[k].type != TOKEN_NUMBER)
			return false;
		*j = k + 1;
		return true;
	}
	if ((unsigned char)a[0] < 0x80 && a[0] != '=' && !(a[0] >= 'a' && a[0] <= 'z')) {
		size_t p = 0;
		int32_t cp = cw_utf8_next(a, n, &p);
		if (!token_is_punct(s, k, cp))
			return false;
		*j = k + 1;
		return true;
	}
	if (a[0] == (char)0xE2 || a[0] == (char)0xC2) { /* ’ – — № etc. */
		size_t p = 0;
		int32_t cp = cw_utf8_next(a, n, &p);
		if (!token_is_punct(s, k, cp))
			return false;
		*j = k + 1;
		return true;
	}
	if (token_is_punct(s, k, '-') && k > 0 && token_glued(s, k) &&
	    token_glued(s, k + 1) && s->t[k - 1].type == TOKEN_WORD)
		k++;
	{
		size_t ll;
		const char *l = k < s->n ? token_lower(s, k, &ll) : NULL;
		bool exact = a[0] == '=';
		if (exact) {
			a++;
			n--;
		}
		if (!l || ll < n || memcmp(l, a, n) || (exact && ll != n))
			return false;
	}
	*j = k + 1;
	return true;
}

/* The filter of pattern p, remembered by its address for this call. */
static bool pat_gate(const struct mention_segment *s, size_t i, const char *p)
{
	struct first_char_filters *filters = s->filters;
	size_t h;

	if (!filters || i >= s->n)
		return i < s->n;
	h = (size_t)(((uintptr_t)p >> 3) * 0x9E3779B1u) & (PATTERN_FILTER_CACHE - 1);
	for (size_t probe = 0; probe < 8;
	     probe++, h = (h + 1) & (PATTERN_FILTER_CACHE - 1)) {
		if (filters->pat[h] == p)
			return (filters->pattern_mask[h] & first_char_bit(s->t[i].key)) !=
			       0;
		if (!filters->pat[h]) {
			filters->pat[h] = p;
			filters->pattern_mask[h] = first_char_mask(p);
			return (filters->pattern_mask[h] & first_char_bit(s->t[i].key)) !=
			       0;
		}
	}
	return true; /* cache full here: no filter */
}

size_t pattern_match(const struct mention_segment *s, size_t i, const char *p)
{
	size_t j = i;

	if (!pat_gate(s, i, p))
		return 0;

	while (*p) {
		const char *el = p;
		size_t len;
		bool opt = false, ok = false;

		while (*p && *p != ' ')
			p++;
		len = (size_t)(p - el);
		while (*p == ' ')
			p++;
		if (len > 1 && el[len - 1] == '?') {
			opt = true;
			len--;
		}
		for (size_t a = 0; a < len && !ok;) {
			size_t b = a;
			size_t jj = j;
			while (b < len && el[b] != '|')
				b++;
			if (alt_match(s, &jj, el + a, b - a)) {
				ok = true;
				j = jj;
			}
			a = b + 1;
		}
		if (!ok && !opt)
			return 0;
	}
	return j > i ? j : 0;
}

/* Longest match of any pattern in list (NULL-terminated pairs of pattern
 * and tag); returns the end and sets *tag. */
struct mtag {
	const char *pat;
	const char *tag;
};

static bool gate_tags(const struct mention_segment *s, size_t i, int id,
                      const struct mtag *list)
{
	if (s->filters && !s->filters->ok[id]) {
		uint64_t m = 0;
		for (const struct mtag *t = list; t->pat; t++)
			m |= first_char_mask(t->pat);
		list_filter_set(s, id, m);
	}
	return list_may_start_at(s, i, id);
}

static bool gate_words(const struct mention_segment *s, size_t i, int id,
                       const char *const *words)
{
	if (s->filters && !s->filters->ok[id]) {
		uint64_t m = 0;
		for (const char *const *w = words; *w; w++)
			m |= first_char_mask(*w);
		list_filter_set(s, id, m);
	}
	return list_may_start_at(s, i, id);
}

static size_t longest(const struct mention_segment *s, size_t i, const struct mtag *list,
                      int id, const char **tag)
{
	size_t best = 0;

	if (!gate_tags(s, i, id, list))
		return 0;
	for (const struct mtag *m = list; m->pat; m++) {
		size_t e = pattern_match(s, i, m->pat);
		if (e > best) {
			best = e;
			*tag = m->tag;
		}
	}
	return best;
}

/* ---- numbers ----------------------------------------------------- */

static const struct {
	const char *w;
	int v;
} numwords[] = {
    {"one", 1},           {"two", 2},           {"three", 3},
    {"four", 4},          {"five", 5},          {"six", 6},
    {"seven", 7},         {"eight", 8},         {"nine", 9},
    {"ten", 10},          {"eleven", 11},       {"twelve", 12},
    {"thirteen", 13},     {"fourteen", 14},     {"fifteen", 15},
    {"sixteen", 16},      {"seventeen", 17},    {"eighteen", 18},
    {"nineteen", 19},     {"twenty", 20},       {"thirty", 30},
    {"forty", 40},        {"fifty", 50},        {"sixty", 60},
    {"seventy", 70},      {"eighty", 80},       {"ninety", 90},
    {"hundred", 100},     {"один", 1},          {"одна", 1},
    {"одного", 1},        {"одному", 1},        {"одной", 1},
    {"два", 2},           {"две", 2},           {"двух", 2},
    {"двум", 2},          {"три", 3},           {"трех", 3},
    {"трем", 3},          {"четыре", 4},        {"четырех", 4},
    {"четырем", 4},       {"пять", 5},          {"пяти", 5},
    {"шесть", 6},         {"шести", 6},         {"семь", 7},
    {"семи", 7},          {"восемь", 8},        {"восьми", 8},
    {"девять", 9},        {"девяти", 9},        {"десять", 10},
    {"десяти", 10},       {"одиннадцать", 11},  {"одиннадцати", 11},
    {"двенадцать", 12},   {"двенадцати", 12},   {"тринадцать", 13},
    {"тринадцати", 13},   {"четырнадцать", 14}, {"четырнадцати", 14},
    {"пятнадцать", 15},   {"пятнадцати", 15},   {"шестнадцать", 16},
    {"шестнадцати", 16},  {"семнадцать", 17},   {"семнадцати", 17},
    {"восемнадцать", 18}, {"восемнадцати", 18}, {"девятнадцать", 19},
    {"девятнадцати", 19}, {"двадцать", 20},     {"двадцати", 20},
    {"тридцать", 30},     {"тридцати", 30},     {"сорок", 40},
    {"сорока", 40},       {"пятьдесят", 50},    {"пятидесяти", 50},
    {"шестьдесят", 60},   {"семьдесят", 70},    {"восемьдесят", 80},
    {"девяносто", 90},    {"сто", 100},         {"двое", 2},
    {"двоих", 2},         {"трое", 3},          {"троих", 3},
    {"четверо", 4},       {"четверых", 4},      {"пятеро", 5},
    {"пятерых", 5},       {"шестеро", 6},       {"шестерых", 6},
    {"семеро", 7},        {"семерых", 7},       {"восьмеро", 8},
    {"девятеро", 9},      {"десятеро", 10},     {"десятерых", 10},
    {"бір", 1},           {"екі", 2},           {"үш", 3},
    {"төрт", 4},          {"бес", 5},           {"алты", 6},
    {"жеті", 7},          {"сегіз", 8},         {"тоғыз", 9},
    {"он", 10},           {"жиырма", 20},       {"отыз", 30},
    {"қырық", 40},        {"елу", 50},          {"алпыс", 60},
    {"жетпіс", 70},       {"сексен", 80},       {"тоқсан", 90},
    {"жүз", 100},
};

static int numword(const struct mention_segment *s, size_t i)
{
	size_t ll;
	const char *l;

	if (i >= s->n || s->t[i].type != TOKEN_WORD)
		return 0;
	if (s->filters && !s->filters->ok[LIST_NUMBER_WORDS]) {
		uint64_t m = 0;
		for (size_t k = 0; k < sizeof(numwords) / sizeof(numwords[0]); k++)
			m |= first_char_mask(numwords[k].w);
		list_filter_set(s, LIST_NUMBER_WORDS, m);
	}
	if (!list_may_start_at(s, i, LIST_NUMBER_WORDS))
		return 0;
	l = token_lower(s, i, &ll);
	if (!l)
		return 0;
	for (size_t k = 0; k < sizeof(numwords) / sizeof(numwords[0]); k++)
		if (strlen(numwords[k].w) == ll && !memcmp(numwords[k].w, l, ll))
			return numwords[k].v;
	return 0;
}

/* A number written in words: "seven", "twenty-five", "двадцать пять",
 * "он бір". */
static bool parse_numword(const struct mention_segment *s, size_t i, long long *v,
                          size_t *end)
{
	int a = numword(s, i), b;
	size_t j = i + 1;

	if (!a)
		return false;
	if (a >= 10 && a < 100 && a % 10 == 0) {
		size_t k = j;
		if (token_is_punct(s, k, '-') && token_glued(s, k) &&
		    token_glued(s, k + 1))
			k++;
		b = numword(s, k);
		if (b > 0 && b < 10) {
			a += b;
			j = k + 1;
		}
	}
	*v = a;
	*end = j;
	return true;
}

/* Digits, with thousands groups when groups is set: "500 000",
 * "500,000", "1.500.000". */
static bool parse_digits(const struct mention_segment *s, size_t i, bool groups,
                         long long *v, size_t *end)
{
	long long x;
	size_t j = i + 1;

	if (!token_number(s, i, &x))
		return false;
	while (groups && x < 1000000000000LL) {
		long long g;
		size_t k = j;
		if (token_digits(s, k) == 3 && (s->t[k].flags & TOKEN_SPACE_BEFORE) &&
		    !(s->t[k].flags & TOKEN_LINE_BEFORE) &&
		    s->t[k].b0 - s->t[k - 1].b1 <= 3 && token_digits(s, k - 1) <= 3) {
			/* "500 000" (space or no-break space) */
		} else if ((token_is_punct(s, k, ',') || token_is_punct(s, k, '.')) &&
		           token_glued(s, k) && token_digits(s, k + 1) == 3 &&
		           token_glued(s, k + 1)) {
			k++;
		} else {
			break;
		}
		if (!token_number(s, k, &g))
			break;
		x = x * 1000 + g;
		j = k + 1;
	}
	*v = x;
	*end = j;
	return true;
}

static bool parse_number(const struct mention_segment *s, size_t i, bool groups,
                         long long *v, size_t *end)
{
	return parse_digits(s, i, groups, v, end) || parse_numword(s, i, v, end);
}

/* ---- durations --------------------------------------------------- */

enum unit { U_NONE, U_YEAR, U_MONTH, U_WEEK, U_DAY, U_HOUR };

static enum unit unit_at(const struct mention_segment *s, size_t i)
{
	static const char *const kk_month[] = {"ай",  "айға", "айдан", "айлық",
	                                       "айы", "айын", "айда",  NULL};
	if (i >= s->n || s->t[i].type != TOKEN_WORD)
		return U_NONE;
	if (token_is(s, i, "year") || token_is(s, i, "years") || token_is(s, i, "yr") ||
	    token_is(s, i, "yrs") || token_starts_with(s, i, "год") ||
	    token_is(s, i, "лет") || token_starts_with(s, i, "жыл"))
		return U_YEAR;
	if (token_is(s, i, "month") || token_is(s, i, "months") ||
	    token_starts_with(s, i, "месяц"))
		return U_MONTH;
	for (int k = 0; kk_month[k]; k++)
		if (token_is(s, i, kk_month[k]))
			return U_MONTH;
	if (token_is(s, i, "week") || token_is(s, i, "weeks") ||
	    token_starts_with(s, i, "недел") || token_starts_with(s, i, "апта"))
		return U_WEEK;
	if (token_is(s, i, "day") || token_is(s, i, "days") || token_is(s, i, "день") ||
	    token_is(s, i, "дня") || token_is(s, i, "дней") || token_is(s, i, "суток") ||
	    token_is(s, i, "сутки") || token_starts_with(s, i, "күн"))
		return U_DAY;
	if (token_is(s, i, "hour") || token_is(s, i, "hours") ||
	    token_starts_with(s, i, "час") || token_starts_with(s, i, "сағат"))
		return U_HOUR;
	return U_NONE;
}

/* A quantity before a unit: a number, "a"/"an", "полтора" (in halves). */
static bool parse_qty(const struct mention_segment *s, size_t i, long long *halves,
                      size_t *end)
{
	long long v;

	if (token_is(s, i, "a") || token_is(s, i, "an")) {
		*halves = 2;
		*end = i + 1;
		return true;
	}
	if (token_is(s, i, "полтора") || token_is(s, i, "полутора")) {
		*halves = 3;
		*end = i + 1;
		return true;
	}
	if (token_digits(s, i) > 4 || !parse_number(s, i, false, &v, end))
		return false;
	*halves = v * 2;
	/* "one and a half", "7,5" */
	if (token_is(s, *end, "and") && token_is(s, *end + 1, "a") &&
	    token_is(s, *end + 2, "half")) {
		*halves += 1;
		*end += 3;
	} else if ((token_is_punct(s, *end, ',') || token_is_punct(s, *end, '.')) &&
	           token_glued(s, *end) && token_digits(s, *end + 1) == 1 &&
	           token_glued(s, *end + 1) && s->text[s->t[*end + 1].b0] == '5') {
		*halves += 1;
		*end += 2;
	}
	return true;
}

/* "7 years", "18 months", "two-year", "5 лет и 6 месяцев", "полтора года",
 * "бір жыл алты ай": months, or hours (unit U_HOUR). */
static bool parse_duration(const struct mention_segment *s, size_t i, long long *amount,
                           enum unit *unit, size_t *end)
{
	long long h, h2;
	size_t j, k;
	enum unit u;

	if (!parse_qty(s, i, &h, &j))
		return false;
	if (token_is_punct(s, j, '-') && token_glued(s, j) && token_glued(s, j + 1)) {
		j++;
		/* "7-ми годам", "5-ти лет" */
		if (s->t[i].type == TOKEN_NUMBER && s->t[j].type == TOKEN_WORD &&
		    s->t[j].ll <= 4 && unit_at(s, j) == U_NONE)
			j++;
	}
	u = unit_at(s, j);
	if (u == U_YEAR) {
		if (h > 200)
			return false;
		*amount = h * 6;
	} else if (u == U_MONTH) {
		if (h > 2400 || h % 2)
			return false;
		*amount = h / 2;
	} else if (u == U_HOUR) {
		if (h > 20000 || h % 2)
			return false;
		*amount = h / 2;
	} else {
		return false;
	}
	*unit = u == U_HOUR ? U_HOUR : U_MONTH;
	j++;
	if (u == U_YEAR) {
		/* "and a half", "с половиной", "жарым" */
		if (token_is(s, j, "and") && token_is(s, j + 1, "a") &&
		    token_is(s, j + 2, "half")) {
			*amount += 6;
			j += 3;
		} else if (token_is(s, j, "с") &&
		           token_starts_with(s, j + 1, "половин")) {
			*amount += 6;
			j += 2;
		} else if (token_is(s, j, "жарым")) {
			*amount += 6;
			j++;
		}
		k = j;
		if (token_is(s, k, "and") || token_is(s, k, "и") ||
		    token_is(s, k, "және") || token_is_punct(s, k, ','))
			k++;
		if (parse_qty(s, k, &h2, &k) && unit_at(s, k) == U_MONTH && h2 % 2 == 0 &&
		    h2 < 24) {
			*amount += h2 / 2;
			j = k + 1;
		}
	}
	*end = j;
	return true;
}

/* ---- provisions -------------------------------------------------- */

static const struct mtag code_after[] = {
    {"=of? =the? kazakhstan|kazakh|kazakhstani? '|’? =s? =criminal =code",
     "Criminal Code"},
    {"=of? =the? kazakhstan|kazakh|kazakhstani? '|’? =s? =criminal =procedure =code",
     "Criminal Procedure Code"},
    {"=of? =the? =code =of =administrative =offences|=offenses",
     "Code of Administrative Offences"},
    {"=of? =the? =administrative =code", "Code of Administrative Offences"},
    {"=cc", "Criminal Code"},
    {"=ук =рк|=рф?", "Criminal Code"},
    {"=уголовного =кодекса =рк|=республики? =казахстан?", "Criminal Code"},
    {"=упк =рк?", "Criminal Procedure Code"},
    {"=коап =рк?", "Code of Administrative Offences"},
    {"=қр? =қк", "Criminal Code"},
    {"=қр? қылмыстық =кодексі|=кодекстің", "Criminal Code"},
    {"=қр? =әқбтк", "Code of Administrative Offences"},
    {NULL, NULL},
};

static const char *code_before(const struct mention_segment *s, size_t i, size_t *t0)
{
	size_t j = i;

	/* "ҚК-нің 405-бабы": skip a glued case ending */
	if (j >= 3 && token_is_punct(s, j - 2, '-') && token_glued(s, j - 2) &&
	    token_glued(s, j - 1) && s->t[j - 1].type == TOKEN_WORD)
		j -= 2;
	if (j >= 1 && (token_is(s, j - 1, "қк") || token_is(s, j - 1, "ук"))) {
		*t0 = j - 1;
		if (j >= 2 && (token_is(s, j - 2, "қр") || token_is(s, j - 2, "рк")))
			*t0 = j - 2;
		return "Criminal Code";
	}
	if (j >= 2 && token_starts_with(s, j - 1, "кодекс") &&
	    token_starts_with(s, j - 2, "қылмыстық")) {
		*t0 = j - 2;
		if (j >= 3 && token_is(s, j - 3, "қр"))
			*t0 = j - 3;
		return "Criminal Code";
	}
	if (j >= 1 && token_is(s, j - 1, "әқбтк")) {
		*t0 = j - 1;
		return "Code of Administrative Offences";
	}
	return NULL;
}

static int add_provision(struct mention_segment *s, size_t t0, size_t t1, long long art,
                         long long part, const char *code)
{
	char v[48];
	int n;

	if (part > 0)
		n = snprintf(v, sizeof(v), "%lld-%lld", art, part);
	else
		n = snprintf(v, sizeof(v), "%lld", art);
	return segment_add_candidate(s, t0, t1, MENTION_PROVISION, PRIO_PROVISION, v,
	                             (size_t)n, code, false);
}

/* Article number: 1-4 digits. */
static bool art_num(const struct mention_segment *s, size_t i, long long *v)
{
	size_t d = token_digits(s, i);

	return d >= 1 && d <= 4 && token_number(s, i, v) && *v > 0;
}

static bool part_num(const struct mention_segment *s, size_t i, long long *v)
{
	size_t d = token_digits(s, i);

	return d >= 1 && d <= 2 && token_number(s, i, v) && *v > 0;
}

/* "article" word (with optional dot) at i; returns the token after it. */
static size_t art_word(const struct mention_segment *s, size_t i)
{
	return pattern_match(s, i, "=article|=articles|=art|стать|=ст|=статей .?");
}

static size_t part_word(const struct mention_segment *s, size_t i)
{
	return pattern_match(
	    s, i, "=part|=parts|=paragraph|=para|=section|=ч|част|=п|=пункт|=пункта .?");
}

static int rule_provision(struct mention_segment *s, size_t i)
{
	long long art, part = 0, p2;
	size_t j, k, end;
	const char *code = NULL, *tag = NULL;
	size_t t0 = i;

	/* "part 2 of Article 405", "ч. 2 ст. 405", "части 2 статьи 405" */
	j = part_word(s, i);
	if (j && part_num(s, j, &part) &&
	    !(i >= 2 && s->t[i - 1].type == TOKEN_NUMBER &&
	      (art_word(s, i - 2) == i - 1 || (i >= 3 && art_word(s, i - 3) == i - 1)))) {
		k = j + 1;
		if (token_is(s, k, "of"))
			k++;
		k = art_word(s, k);
		if (k && art_num(s, k, &art)) {
			end = k + 1;
			k = longest(s, end, code_after, LIST_CODES, &tag);
			if (k) {
				end = k;
				code = tag;
			}
			return add_provision(s, i, end, art, part, code);
		}
		part = 0;
	}
	/* "Article 405", "Art. 405 part 2", "article 405(2)", "статья 405 ч. 2" */
	j = art_word(s, i);
	if (j && art_num(s, j, &art)) {
		/* "Criminal Code Article 174" */
		if (i >= 2 && token_is(s, i - 2, "criminal") &&
		    token_is(s, i - 1, "code")) {
			t0 = i - 2;
			code = "Criminal Code";
		} else if (i >= 1 && token_is(s, i - 1, "cc")) {
			t0 = i - 1;
			code = "Criminal Code";
		}
		end = j + 1;
		if (token_is_punct(s, end, '(') && part_num(s, end + 1, &p2) &&
		    token_is_punct(s, end + 2, ')')) {
			part = p2;
			end += 3;
		} else {
			k = end;
			if (token_is_punct(s, k, ','))
				k++;
			k = part_word(s, k);
			if (k && part_num(s, k, &p2)) {
				part = p2;
				end = k + 1;
			}
		}
		k = code ? 0 : longest(s, end, code_after, LIST_CODES, &tag);
		if (k) {
			end = k;
			code = tag;
		}
		/* "Articles 174 and 405": the second number on its own */
		if (!part && !code &&
		    (token_is(s, end, "and") || token_is(s, end, "и") ||
		     token_is(s, end, "және") || token_is_punct(s, end, ',')) &&
		    art_num(s, end + 1, &p2) && !unit_at(s, end + 2)) {
			/* "статьям 174 и 405 УК": the code after the list is both's */
			size_t e2 = end + 2;
			k = longest(s, e2, code_after, LIST_CODES, &tag);
			if (k) {
				e2 = k;
				code = tag;
			}
			if (add_provision(s, t0, end, art, 0, code))
				return -1;
			return add_provision(s, end + 1, e2, p2, 0, code);
		}
		return add_provision(s, t0, end, art, part, code);
	}
	/* Kazakh: "405-бап", "405-баптың 2-бөлігі", "ҚК-нің 405-бабы" */
	if (art_num(s, i, &art) && token_is_punct(s, i + 1, '-') &&
	    token_glued(s, i + 1) && token_glued(s, i + 2) &&
	    (token_starts_with(s, i + 2, "бап") || token_starts_with(s, i + 2, "баб"))) {
		end = i + 3;
		if (part_num(s, end, &p2) && token_is_punct(s, end + 1, '-') &&
		    token_glued(s, end + 1) && token_glued(s, end + 2) &&
		    (token_starts_with(s, end + 2, "бөлі") ||
		     token_starts_with(s, end + 2, "тармақ"))) {
			part = p2;
			end += 3;
		}
		code = code_before(s, i, &t0);
		if (!code) {
			k = longest(s, end, code_after, LIST_CODES, &tag);
			if (k) {
				end = k;
				code = tag;
			}
		}
		return add_provision(s, t0, end, art, part, code);
	}
	return 0;
}

/* ---- sentences --------------------------------------------------- */

static const struct mtag sentence_kinds[] = {
    {"=prison|=imprisonment|=jail|=incarceration", "prison"},
    {"=behind =bars", "prison"},
    {"=penal? =colony", "prison"},
    {"лишени свобод", "prison"},
    {"заключени", "prison"},
    {"колони", "prison"},
    {"тюрем|тюрьм", "prison"},
    {"=бас бостандығынан айыр", "prison"},
    {"түрме", "prison"},
    {"restrict =of? =freedom|=liberty", "restricted_freedom"},
    {"limit =of? =freedom|=liberty", "restricted_freedom"},
    {"огранич свобод", "restricted_freedom"},
    {"=бас бостандығын шекте", "restricted_freedom"},
    {"=probation", "probation"},
    {"=suspended =prison? =sentence|=term?", "probation"},
    {"=conditional =sentence", "probation"},
    {"условн =срок?", "probation"},
    {"пробаци", "probation"},
    {"шартты", "probation"},
    {"=compulsory|=correctional|=forced =labour|=labor|=work", "compulsory_labour"},
    {"=community =service|=work", "compulsory_labour"},
    {"исправительн работ", "compulsory_labour"},
    {"обязательн работ", "compulsory_labour"},
    {"принудительн работ|труд", "compulsory_labour"},
    {"общественн работ", "compulsory_labour"},
    {"қоғамдық жұмыс", "compulsory_labour"},
    {"түзеу жұмыс", "compulsory_labour"},
    {"мәжбүрлі еңбек", "compulsory_labour"},
    {NULL, NULL},
};

static const struct mtag regimes[] = {
    {"=minimum|=minimal|=low =security =prison|=colony|=facility?", "minimum"},
    {"=medium =security =prison|=colony|=facility?", "medium"},
    {"=general =regime =prison|=colony|=facility?", "medium"},
    {"=maximum|=high|=strict =security|=regime =prison|=colony|=facility?", "maximum"},
    {"=special =regime =prison|=colony|=facility?", "special"},
    {"=extreme =security =prison|=colony|=facility?", "special"},
    {"=settlement =colony", "settlement"},
    {"=colony =settlement", "settlement"},
    {"минимальн безопасн", "minimum"},
    {"средн безопасн", "medium"},
    {"максимальн безопасн", "maximum"},
    {"чрезвычайн безопасн", "special"},
    {"=общего|=общий|=общем режим", "medium"},
    {"строг режим", "maximum"},
    {"особ режим", "special"},
    {"колони поселени", "settlement"},
    {"қауіпсіздігі барынша төмен мекеме?", "minimum"},
    {"қауіпсіздігі орташа мекеме?", "medium"},
    {"қауіпсіздігі барынша жоғары мекеме?", "maximum"},
    {"қауіпсіздігі төтенше мекеме?", "special"},
    {"=жалпы режим", "medium"},
    {"қатаң режим", "maximum"},
    {"ерекше режим", "special"},
    {"колония қоныс", "settlement"},
    {NULL, NULL},
};

static bool connector(const struct mention_segment *s, size_t i)
{
	static const char *const w[] = {"of",   "in",       "a",       "an",     "the",
	                                "for",  "to",       "at",      "term",   "period",
	                                "в",    "на",       "к",       "сроком", "срок",
	                                "виде", "мерзімге", "мерзімі", NULL};
	if (i >= s->n)
		return false;
	if (token_is_punct(s, i, '\'') || token_is_punct(s, i, 0x2019) ||
	    token_is_punct(s, i, ',') || token_is_punct(s, i, ':') ||
	    token_is_punct(s, i, 0x2014) || token_is_punct(s, i, 0x2013))
		return true;
	for (int k = 0; w[k]; k++)
		if (token_is(s, i, w[k]))
			return true;
	return false;
}

/* "sentenced to", "jailed for", "приговорили к", "осужден на" before i. */
static bool sentence_cue_before(const struct mention_segment *s, size_t i)
{
	static const char *const verbs[] = {"sentenc", "jail",  "imprison", "приговор",
	                                    "осужд",   "осуди", "назнач",   NULL};
	size_t j;

	if (i < 2)
		return false;
	if (!(token_is(s, i - 1, "to") || token_is(s, i - 1, "for") ||
	      token_is(s, i - 1, "к") || token_is(s, i - 1, "на")))
		return false;
	for (j = i - 2;; j--) {
		for (int k = 0; verbs[k]; k++)
			if (token_starts_with(s, j, verbs[k]))
				return true;
		/* "sentenced him to", "jailed Teymur Akhmedov, 61, for" */
		if (j + 8 == i || j == 0 ||
		    (s->t[j].type == TOKEN_PUNCT && s->t[j].cp != ',' &&
		     s->t[j].cp != '.'))
			break;
		if (token_is_punct(s, j, '.') &&
		    !(j > 0 && s->t[j - 1].ll <= 2 && s->t[j - 1].type == TOKEN_WORD))
			break; /* a full stop, not an initial "A." */
	}
	return false;
}

static bool sentence_cue_after(const struct mention_segment *s, size_t i)
{
	return token_starts_with(s, i, "сотталд") ||
	       token_starts_with(s, i, "сотталған") ||
	       token_starts_with(s, i, "соттад") || token_starts_with(s, i, "кесілд");
}

static int add_sentence(struct mention_segment *s, size_t t0, size_t t1, const char *kind,
                        long long amount, enum unit u)
{
	char v[64];
	int n = snprintf(v, sizeof(v), "%s:%lld%s", kind, amount, u == U_HOUR ? "h" : "");

	return segment_add_candidate(s, t0, t1, MENTION_SENTENCE, PRIO_SENTENCE, v,
	                             (size_t)n, NULL, false);
}

static int rule_sentence(struct mention_segment *s, size_t i)
{
	long long amount;
	enum unit u;
	size_t end, j, k;
	const char *tag = NULL;

	/* duration first: "7 лет лишения свободы", "two years of restricted freedom" */
	if (parse_duration(s, i, &amount, &u, &end)) {
		for (j = end; j < end + 4 && j < s->n; j++) {
			k = longest(s, j, sentence_kinds, LIST_SENTENCE_KINDS, &tag);
			if (k) {
				if (u == U_HOUR && strcmp(tag, "compulsory_labour"))
					break;
				return add_sentence(s, i, k, tag, amount, u);
			}
			if (longest(s, j, regimes, LIST_REGIMES, &tag) && u != U_HOUR)
				return add_sentence(s, i, end, "prison", amount, u);
			if (!connector(s, j))
				break;
		}
		if (u != U_HOUR &&
		    (sentence_cue_before(s, i) || sentence_cue_after(s, end)))
			return add_sentence(s, i, end, "prison", amount, u);
		return 0;
	}
	/* kind first: "ограничение свободы на 3 года", "probation for two years" */
	k = longest(s, i, sentence_kinds, LIST_SENTENCE_KINDS, &tag);
	if (k) {
		for (j = k; j < k + 4 && j < s->n; j++) {
			if (parse_duration(s, j, &amount, &u, &end)) {
				if (u == U_HOUR && strcmp(tag, "compulsory_labour"))
					return 0;
				return add_sentence(s, i, end, tag, amount, u);
			}
			if (!connector(s, j))
				break;
		}
		/* no term: perhaps a regime ("колонии-поселении") */
	}
	/* life */
	k = pattern_match(s, i, "=life =imprisonment|=sentence|=term");
	if (!k)
		k = pattern_match(s, i, "пожизненн лишени|заключени свобод?");
	if (!k)
		k = pattern_match(s, i, "=өмір =бойы =бас? бостандығынан? айыр");
	if (k)
		return segment_add_candidate(s, i, k, MENTION_SENTENCE, PRIO_SENTENCE,
		                             "prison:life", 11, NULL, false);
	k = longest(s, i, regimes, LIST_REGIMES, &tag);
	if (k) {
		char v[32];
		int n = snprintf(v, sizeof(v), "regime:%s", tag);
		return segment_add_candidate(s, i, k, MENTION_SENTENCE, PRIO_SENTENCE, v,
		                             (size_t)n, NULL, false);
	}
	return 0;
}

/* ---- fines ------------------------------------------------------- */

static const char *currency_at(const struct mention_segment *s, size_t i, size_t *end)
{
	static const struct mtag cur[] = {
	    {"=tenge|=kzt|тенге|теңге|₸", "KZT"},
	    {"=usd|=dollar|=dollars|доллар|$", "USD"},
	    {"=eur|=euro|=euros|=евро|€", "EUR"},
	    {"=rub|=rubles|=roubles|рубл", "RUB"},
	    {"=mci|=мрп|=аек", "MCI"},
	    {"=monthly =calculation =index|=indices|=indexes", "MCI"},
	    {"месячн расчетн показател", "MCI"},
	    {"айлық есептік көрсеткіш", "MCI"},
	    {NULL, NULL},
	};
	const char *tag = NULL;

	*end = longest(s, i, cur, LIST_CURRENCIES, &tag);
	return *end ? tag : NULL;
}

/* "500 000 тенге", "KZT 500,000", "$1,000", "1.5 million tenge",
 * "2 млн тенге", "100 MCI". */
static bool parse_amount(const struct mention_segment *s, size_t i, long long *v,
                         const char **cur, size_t *end)
{
	size_t j = i, k;
	const char *pre = currency_at(s, i, &k);
	long long x, mult = 1, frac = 0, fdiv = 1;

	if (pre)
		j = k;
	if (!parse_digits(s, j, true, &x, &k))
		return false;
	j = k;
	if ((token_is_punct(s, j, '.') || token_is_punct(s, j, ',')) &&
	    token_glued(s, j) && token_glued(s, j + 1) && token_digits(s, j + 1) >= 1 &&
	    token_digits(s, j + 1) <= 2) {
		size_t d = token_digits(s, j + 1);
		long long f;
		if (token_number(s, j + 1, &f)) {
			frac = f;
			fdiv = d == 1 ? 10 : 100;
			j += 2;
		}
	}
	if (token_is(s, j, "million") || token_is(s, j, "млн") ||
	    token_starts_with(s, j, "миллион") || token_is(s, j, "миллион")) {
		mult = 1000000;
		j++;
		if (token_is_punct(s, j, '.') && token_glued(s, j))
			j++;
	} else if (token_is(s, j, "thousand") || token_is(s, j, "тыс") ||
	           token_starts_with(s, j, "тысяч") || token_is(s, j, "мың")) {
		mult = 1000;
		j++;
		if (token_is_punct(s, j, '.') && token_glued(s, j))
			j++;
	} else if (frac) {
		return false; /* "1.5 tenge": not an amount we normalize */
	}
	if (x > 1000000000000LL)
		return false;
	*v = x * mult + frac * mult / fdiv;
	if (!pre) {
		pre = currency_at(s, j, &k);
		if (!pre)
			return false;
		j = k;
	}
	*cur = pre;
	*end = j;
	return true;
}

static bool fine_cue(const struct mention_segment *s, size_t i)
{
	return token_is(s, i, "fine") || token_is(s, i, "fined") ||
	       token_is(s, i, "fines") || token_starts_with(s, i, "штраф") ||
	       token_starts_with(s, i, "оштраф") || token_starts_with(s, i, "айыппұл");
}

static int add_fine(struct mention_segment *s, size_t t0, size_t t1, long long v,
                    const char *cur)
{
	char b[64];
	int n = snprintf(b, sizeof(b), "fine:%lld %s", v, cur);

	return segment_add_candidate(s, t0, t1, MENTION_SENTENCE, PRIO_SENTENCE, b,
	                             (size_t)n, NULL, false);
}

static int rule_fine(struct mention_segment *s, size_t i)
{
	long long v;
	const char *cur;
	size_t end;

	if (fine_cue(s, i)) {
		for (size_t j = i + 1; j < i + 6 && j < s->n; j++) {
			if (parse_amount(s, j, &v, &cur, &end))
				return add_fine(s, i, end, v, cur);
			if (!(token_is(s, j, "of") || token_is(s, j, "a") ||
			      token_is(s, j, "an") || token_is(s, j, "the") ||
			      token_is(s, j, "in") || token_is(s, j, "amount") ||
			      token_starts_with(s, j, "amounting") ||
			      token_is(s, j, "to") || token_is(s, j, "в") ||
			      token_is(s, j, "на") || token_starts_with(s, j, "размер") ||
			      token_starts_with(s, j, "сумм") ||
			      token_starts_with(s, j, "him") ||
			      token_starts_with(s, j, "her") ||
			      token_starts_with(s, j, "them") ||
			      token_starts_with(s, j, "его") ||
			      token_starts_with(s, j, "ее") ||
			      token_starts_with(s, j, "их") ||
			      token_is_punct(s, j, ':') || token_is_punct(s, j, 0x2014)))
				break;
		}
		return 0;
	}
	if (parse_amount(s, i, &v, &cur, &end)) {
		size_t j = end;
		if (token_starts_with(s, j, "көлем") || token_is(s, j, "in"))
			j++;
		if (fine_cue(s, j))
			return add_fine(s, i, j + 1, v, cur);
	}
	return 0;
}

/* ---- counts ------------------------------------------------------ */

static const struct mtag qualifiers[] = {
    {"=at =least", "at_least"},
    {"=no =fewer|=less =than", "at_least"},
    {"=не =менее", "at_least"},
    {"=по =меньшей =мере", "at_least"},
    {"=по =крайней =мере", "at_least"},
    {"=как =минимум", "at_least"},
    {"=минимум", "at_least"},
    {"=кемінде", "at_least"},
    {"=кем =дегенде", "at_least"},
    {"=ең =кемі|=аз =дегенде?", "at_least"},
    {"=more =than", "more_than"},
    {"=over", "more_than"},
    {"=in =excess =of", "more_than"},
    {"=более =чем?", "more_than"},
    {"=больше =чем?", "more_than"},
    {"=свыше", "more_than"},
    {"=about|=around|=approximately|=roughly|=some", "about"},
    {"=около|=примерно|=порядка|=приблизительно", "about"},
    {"=шамамен", "about"},
    {"=almost|=nearly", "nearly"},
    {"=почти", "nearly"},
    {"=up =to", "up_to"},
    {"=as =many =as", "up_to"},
    {"=до", "up_to"},
    {"=fewer|=less =than", "fewer_than"},
    {"=менее|=меньше", "fewer_than"},
    {NULL, NULL},
};

static bool count_noun(const struct mention_segment *s, size_t i)
{
	static const char *const pre[] = {
	    "people",     "person",      "individual", "activist",    "defendant",
	    "prisoner",   "supporter",   "member",     "journalist",  "blogger",
	    "lawyer",     "citizen",     "resident",   "protester",   "protestor",
	    "detainee",   "case",        "believer",   "muslim",      "christian",
	    "witness",    "women",       "woman",      "men",         "user",
	    "employee",   "worker",      "student",    "children",    "human",
	    "suspect",    "convict",     "victim",     "человек",     "люд",
	    "лиц",        "активист",    "граждан",    "задержан",    "сторонник",
	    "участник",   "журналист",   "блогер",     "дел",         "верующ",
	    "протестующ", "женщин",      "мужчин",     "пользовател", "обвиняем",
	    "осужден",    "подозреваем", "заключенн",  "адвокат",     "жител",
	    "пострадавш", "фигурант",    "адам",       "белсенді",    "азамат",
	    "іс",         "жақтауш",     "тұтқын",     "сотталған",   "журналис",
	    "қамал",      "ұсталған",    NULL};
	if (i >= s->n || s->t[i].type != TOKEN_WORD || !gate_words(s, i, LIST_NOUNS, pre))
		return false;
	for (int k = 0; pre[k]; k++)
		if (token_starts_with(s, i, pre[k]))
			return true;
	return false;
}

/* Words that end a noun phrase: a count's number and noun are never
 * separated by them ("Article 405 against activists"). */
static bool function_word(const struct mention_segment *s, size_t i)
{
	static const char *const w[] = {
	    "for", "against", "of",      "in",  "on",    "to",   "by",   "with", "and",
	    "or",  "the",     "a",       "an",  "from",  "at",   "as",   "is",   "are",
	    "was", "were",    "that",    "who", "which", "и",    "в",    "на",   "по",
	    "за",  "против",  "для",     "от",  "с",     "из",   "к",    "о",    "об",
	    "что", "как",     "или",     "а",   "но",    "үшін", "және", "мен",  "бен",
	    "пен", "туралы",  "бойынша", NULL};
	for (int k = 0; w[k]; k++)
		if (token_is(s, i, w[k]))
			return true;
	return false;
}

static int rule_count(struct mention_segment *s, size_t i)
{
	const char *qual = NULL;
	size_t j = longest(s, i, qualifiers, LIST_QUALIFIERS, &qual), end, k;
	long long v;
	char b[64];
	int n;

	if (!j) {
		j = i;
		qual = NULL;
	}
	if (token_digits(s, j) == 4 && !qual)
		return 0; /* a bare year is not a count */
	if (!qual && i > 0 &&
	    (art_word(s, i - 1) || part_word(s, i - 1) || token_is_punct(s, i - 1, '.')))
		return 0; /* "Article 405", "ст. 405" */
	if (!parse_number(s, j, true, &v, &end))
		return 0;
	if (!qual && v < 2 && s->t[j].type == TOKEN_WORD)
		return 0; /* "one defendant", "ещё одному фигуранту": not a count */
	/* Kazakh qualifiers after the number: "135-тен астам", "135 адамға жуық" */
	k = end;
	if (!qual) {
		size_t q = k;
		if (token_is_punct(s, q, '-') && token_glued(s, q) &&
		    token_glued(s, q + 1) && s->t[q + 1].type == TOKEN_WORD)
			q += 2;
		if (token_is(s, q, "астам") || token_is(s, q, "артық")) {
			qual = "more_than";
			k = q + 1;
		} else if (token_is(s, q, "жуық")) {
			qual = "nearly";
			k = q + 1;
		}
	}
	/* the noun, possibly after an adjective or two */
	for (size_t a = 0; a < 3; a++, k++) {
		if (count_noun(s, k))
			break;
		if (k >= s->n || s->t[k].type != TOKEN_WORD ||
		    (s->t[k].flags & TOKEN_CAPITALIZED) || unit_at(s, k) != U_NONE ||
		    function_word(s, k))
			return 0;
	}
	if (!count_noun(s, k))
		return 0;
	k++;
	if (!qual && (token_is(s, k, "жуық") || token_starts_with(s, k, "жуығы"))) {
		qual = "nearly";
		k++;
	}
	if (qual)
		n = snprintf(b, sizeof(b), "%s:%lld", qual, v);
	else
		n = snprintf(b, sizeof(b), "%lld", v);
	return segment_add_candidate(s, i, k, MENTION_COUNT, PRIO_COUNT, b, (size_t)n,
	                             NULL, false);
}

/* ---- dates ------------------------------------------------------- */

static int month_at(const struct mention_segment *s, size_t i)
{
	static const char *const en[] = {"january",   "february", "march",    "april",
	                                 "may",       "june",     "july",     "august",
	                                 "september", "october",  "november", "december"};
	static const char *const en3[] = {"jan", "feb", "mar", "apr", "may", "jun",
	                                  "jul", "aug", "sep", "oct", "nov", "dec"};
	static const char *const ru[] = {"январ",   "феврал", "март",  "апрел",
	                                 "ма",      "июн",    "июл",   "август",
	                                 "сентябр", "октябр", "ноябр", "декабр"};
	static const char *const kk[] = {"қаңтар",   "ақпан",  "наурыз", "сәуір",
	                                 "мамыр",    "маусым", "шілде",  "тамыз",
	                                 "қыркүйек", "қазан",  "қараша", "желтоқсан"};
	if (i >= s->n || s->t[i].type != TOKEN_WORD)
		return 0;
	for (int m = 0; m < 12; m++) {
		if (token_is(s, i, en[m]) || token_is(s, i, en3[m]))
			return m + 1;
		if (m == 4) {
			if (token_is(s, i, "май") || token_is(s, i, "мая") ||
			    token_is(s, i, "мае"))
				return 5;
		} else if (token_starts_with(s, i, ru[m]) &&
		           !token_starts_with(s, i, "мартыш")) {
			return m + 1;
		}
		if (token_starts_with(s, i, kk[m]))
			return m + 1;
	}
	if (token_is(s, i, "sept"))
		return 9;
	return 0;
}

/* Month word at i with an optional abbreviation dot: the next token. */
static size_t month_end(const struct mention_segment *s, size_t i)
{
	static const char *const abbr[] = {"jan", "feb", "mar", "apr",  "jun",
	                                   "jul", "aug", "sep", "sept", "oct",
	                                   "nov", "dec", NULL};

	if (token_is_punct(s, i + 1, '.') && token_glued(s, i + 1))
		for (int k = 0; abbr[k]; k++)
			if (token_is(s, i, abbr[k]))
				return i + 2;
	return i + 1;
}

static bool year_at(const struct mention_segment *s, size_t i, int *y)
{
	long long v;

	if (token_digits(s, i) != 4 || !token_number(s, i, &v) || v < CW_YEAR_MIN ||
	    v > CW_YEAR_MAX)
		return false;
	*y = (int)v;
	return true;
}

static bool day_at(const struct mention_segment *s, size_t i, int *d)
{
	long long v;
	size_t n = token_digits(s, i);

	if (n < 1 || n > 2 || !token_number(s, i, &v) || v < 1 || v > 31)
		return false;
	*d = (int)v;
	return true;
}

/* After a year: "года", "году", "г.", "year", "жылы", "жылғы", ... */
static size_t year_suffix(const struct mention_segment *s, size_t i)
{
	size_t k = pattern_match(s, i, "=года|=году|=год|=годом|=годах|=годы|=годов");
	if (k)
		return k;
	k = pattern_match(s, i, "=г|=гг .?");
	if (k)
		return k;
	if (token_starts_with(s, i, "жыл") && s->t[i].type == TOKEN_WORD)
		return i + 1;
	if (token_is_punct(s, i, '-') && token_glued(s, i) && token_glued(s, i + 1) &&
	    (token_starts_with(s, i + 1, "жыл") || token_is(s, i + 1, "го") ||
	     token_is(s, i + 1, "м")))
		return i + 2;
	return 0;
}

static int add_date(struct mention_segment *s, size_t t0, size_t t1, int y, int m, int d)
{
	char v[CW_DATE_TEXT_MAX];
	cw_date dt = {y, m, d};

	if (y < CW_YEAR_MIN || y > CW_YEAR_MAX)
		return 0;
	if (d && (m < 1 || m > 12 || d > cw_days_in_month(y, m)))
		return 0;
	cw_date_format(&dt, v);
	return segment_add_candidate(s, t0, t1, MENTION_DATE, PRIO_DATE, v, strlen(v),
	                             NULL, false);
}

static int add_date_null(struct mention_segment *s, size_t t0, size_t t1)
{
	return segment_add_candidate(s, t0, t1, MENTION_DATE, PRIO_DATE, NULL, 0, NULL,
	                             false);
}

/* Day and month without a year, placed on or before the publication date. */
static int add_date_infer(struct mention_segment *s, size_t t0, size_t t1, int m, int d,
                          const cw_date *pub)
{
	int y;

	if (!pub->year || !pub->month)
		return add_date_null(s, t0, t1);
	y = pub->year;
	if (m > pub->month || (m == pub->month && pub->day && d > pub->day))
		y--;
	if (d > cw_days_in_month(y, m))
		return 0;
	return add_date(s, t0, t1, y, m, d);
}

static bool year_cue_before(const struct mention_segment *s, size_t i)
{
	static const char *const w[] = {
	    "in",      "since",  "by",     "until",    "till",  "from", "of",
	    "between", "during", "before", "after",    "early", "late", "mid",
	    "в",       "с",      "до",     "к",        "после", "по",   "от",
	    "со",      "начале", "конце",  "середине", NULL};
	/* "in 2020 and 2021", "в 2019-2020 годах": hop back over a few years */
	for (int hop = 0; hop < 4 && i > 0; hop++) {
		for (int k = 0; w[k]; k++)
			if (token_is(s, i - 1, w[k]))
				return true;
		if (i >= 2 && token_digits(s, i - 2) == 4 &&
		    (token_is(s, i - 1, "and") || token_is(s, i - 1, "or") ||
		     token_is(s, i - 1, "и") || token_is(s, i - 1, "және") ||
		     token_is_punct(s, i - 1, '-') || token_is_punct(s, i - 1, 0x2013) ||
		     token_is_punct(s, i - 1, ',')))
			i -= 2;
		else
			return false;
	}
	return false;
}

static int rule_date_absolute(struct mention_segment *s, size_t i, const cw_date *pub)
{
	int y, m, d;
	size_t j, k;
	long long a, b;

	/* 2021-07-07 */
	if (year_at(s, i, &y) && token_is_punct(s, i + 1, '-') && token_glued(s, i + 1) &&
	    token_digits(s, i + 2) == 2 && token_glued(s, i + 2) &&
	    token_is_punct(s, i + 3, '-') && token_glued(s, i + 3) &&
	    token_digits(s, i + 4) == 2 && token_glued(s, i + 4) &&
	    token_number(s, i + 2, &a) && token_number(s, i + 4, &b))
		return add_date(s, i, i + 5, y, (int)a, (int)b);
	/* 07.07.2021 */
	if (day_at(s, i, &d) && token_is_punct(s, i + 1, '.') && token_glued(s, i + 1) &&
	    token_digits(s, i + 2) >= 1 && token_digits(s, i + 2) <= 2 &&
	    token_glued(s, i + 2) && token_is_punct(s, i + 3, '.') &&
	    token_glued(s, i + 3) && token_glued(s, i + 4) && year_at(s, i + 4, &y) &&
	    token_number(s, i + 2, &a)) {
		j = i + 5;
		k = year_suffix(s, j);
		return add_date(s, i, k ? k : j, y, (int)a, d);
	}
	/* 7 July 2021, 7th of July, 7 июля 2021 года, 7 шілде 2021 */
	if (day_at(s, i, &d)) {
		j = i + 1;
		if (token_is(s, j, "st") || token_is(s, j, "nd") ||
		    token_is(s, j, "rd") || token_is(s, j, "th"))
			j++;
		else if (token_is_punct(s, j, '-') && token_glued(s, j) &&
		         token_glued(s, j + 1) && s->t[j + 1].type == TOKEN_WORD &&
		         !month_at(s, j + 1))
			j += 2; /* "7-го", "7-ші" */
		if (token_is(s, j, "of"))
			j++;
		m = month_at(s, j);
		if (m) {
			j = month_end(s, j);
			k = j;
			if (token_is_punct(s, k, ','))
				k++;
			if (year_at(s, k, &y)) {
				k++;
				j = year_suffix(s, k);
				return add_date(s, i, j ? j : k, y, m, d);
			}
			return add_date_infer(s, i, j, m, d, pub);
		}
	}
	/* July 7, 2021; July 2021; марте 2020 года */
	m = month_at(s, i);
	if (m && (s->t[i].flags & TOKEN_CAPITALIZED || s->t[i].type == TOKEN_WORD)) {
		bool cyr = (unsigned char)s->text[s->t[i].b0] >= 0xC0;
		j = month_end(s, i);
		if (!cyr && day_at(s, j, &d)) {
			k = j + 1;
			if (token_is(s, k, "st") || token_is(s, k, "nd") ||
			    token_is(s, k, "rd") || token_is(s, k, "th"))
				k++;
			j = k;
			if (token_is_punct(s, k, ','))
				k++;
			if (year_at(s, k, &y))
				return add_date(s, i, k + 1, y, m, d);
			if (s->t[i].flags & TOKEN_CAPITALIZED)
				return add_date_infer(s, i, j, m, d, pub);
			return 0;
		}
		if (token_is_punct(s, j, ','))
			j++;
		if (year_at(s, j, &y)) {
			k = year_suffix(s, j + 1);
			return add_date(s, i, k ? k : j + 1, y, m, 0);
		}
	}
	/* Kazakh: "наурыздың 15-і" (the 15th of March) */
	m = month_at(s, i);
	if (m && (unsigned char)s->text[s->t[i].b0] >= 0xC0 && day_at(s, i + 1, &d) &&
	    token_is_punct(s, i + 2, '-') && token_glued(s, i + 2) &&
	    token_glued(s, i + 3) && s->t[i + 3].type == TOKEN_WORD &&
	    (token_starts_with(s, i, "") && !token_starts_with(s, i + 3, "го")))
		return add_date_infer(s, i, i + 4, m, d, pub);
	/* Kazakh: 2021 жылғы 7 шілде, 2021 жылы шілдеде, 2021 жылы */
	if (year_at(s, i, &y)) {
		k = year_suffix(s, i + 1);
		if (k && token_starts_with(s, k - 1, "жыл")) {
			if (day_at(s, k, &d)) {
				j = k + 1;
				if (token_is_punct(s, j, '-') && token_glued(s, j) &&
				    token_glued(s, j + 1))
					j += 2;
				m = month_at(s, j);
				if (m)
					return add_date(s, i, j + 1, y, m, d);
			}
			m = month_at(s, k);
			if (m)
				return add_date(s, i, k + 1, y, m, 0);
		}
		if (k || year_cue_before(s, i))
			return add_date(s, i, k ? k : i + 1, y, 0, 0);
	}
	return 0;
}

/* Relative dates. kind: 'd' days back, 'w' weeks back, 'm' months back,
 * 'y' years back. */
static const struct {
	const char *pat;
	char unit;
	int n;
} relatives[] = {
    {"=yesterday", 'd', 1},
    {"=today", 'd', 0},
    {"=the? =day =before =yesterday", 'd', 2},
    {"=last =week", 'w', 1},
    {"=last =month", 'm', 1},
    {"=last =year", 'y', 1},
    {"=this|=earlier =this? =month", 'm', 0},
    {"=this|=earlier =this? =year", 'y', 0},
    {"=вчера", 'd', 1},
    {"=сегодня", 'd', 0},
    {"=позавчера", 'd', 2},
    {"=на =прошлой =неделе", 'w', 1},
    {"=в =прошлом =месяце", 'm', 1},
    {"=в =прошлом =году", 'y', 1},
    {"=в =этом =месяце", 'm', 0},
    {"=в =этом =году", 'y', 0},
    {"=в =текущем =году", 'y', 0},
    {"=кеше", 'd', 1},
    {"=бүгін", 'd', 0},
    {"=алдыңғы =күні", 'd', 2},
    {"=өткен =аптада", 'w', 1},
    {"=өткен =айда", 'm', 1},
    {"=өткен =жылы", 'y', 1},
    {"=былтыр", 'y', 1},
    {"=биыл", 'y', 0},
};

static int add_relative(struct mention_segment *s, size_t t0, size_t t1, char unit,
                        long long n, const cw_date *pub)
{
	long day;
	int y, m, d;

	if (!pub->year)
		return add_date_null(s, t0, t1);
	if (n > 3000)
		return 0;
	if (unit == 'y')
		return add_date(s, t0, t1, pub->year - (int)n, 0, 0);
	if (!pub->month)
		return add_date_null(s, t0, t1);
	if (unit == 'm') {
		long mm = (long)pub->year * 12 + (pub->month - 1) - (long)n;
		return add_date(s, t0, t1, (int)(mm / 12), (int)(mm % 12) + 1, 0);
	}
	if (!pub->day)
		return add_date_null(s, t0, t1);
	day = cw_days_from_civil(pub->year, pub->month, pub->day) -
	      (unit == 'w' ? 7 : 1) * (long)n;
	cw_civil_from_days(day, &y, &m, &d);
	/* a week back names a month, not a day */
	return add_date(s, t0, t1, y, m, unit == 'w' ? 0 : d);
}

/* "on Monday", "в понедельник", "дүйсенбі күні": the latest such day on
 * or before the publication date (news convention). */
static int weekday_at(const struct mention_segment *s, size_t i)
{
	static const char *const en[] = {"monday", "tuesday",  "wednesday", "thursday",
	                                 "friday", "saturday", "sunday"};
	static const char *const ru[] = {"понедельник", "вторник", "сред",      "четверг",
	                                 "пятниц",      "суббот",  "воскресень"};
	static const char *const kk[] = {"дүйсенбі", "сейсенбі", "сәрсенбі", "бейсенбі",
	                                 "жұма",     "сенбі",    "жексенбі"};
	for (int d = 0; d < 7; d++) {
		if (token_is(s, i, en[d]) || token_starts_with(s, i, ru[d]) ||
		    (token_starts_with(s, i, kk[d]) &&
		     (d != 4 || token_is(s, i + 1, "күні"))))
			return d + 1;
	}
	return 0;
}

static int rule_weekday(struct mention_segment *s, size_t i, const cw_date *pub)
{
	int wd = weekday_at(s, i), y, m, d, dd;
	size_t k = i + 1;
	long day;

	if (!wd)
		return 0;
	/* "среда" is also "environment": only after в/во/on/last, or kk "күні" */
	if (!(i > 0 && (token_is(s, i - 1, "on") || token_is(s, i - 1, "last") ||
	                token_is(s, i - 1, "в") || token_is(s, i - 1, "во") ||
	                token_is(s, i - 1, "this"))) &&
	    !token_is(s, k, "күні"))
		return 0;
	if (token_is_punct(s, k, ','))
		k++;
	if (day_at(s, k, &dd) || month_at(s, k) || year_at(s, k, &y))
		return 0; /* "Monday, March 3": the date says it */
	if (!pub->year || !pub->month || !pub->day)
		return add_date_null(s, i, i + 1);
	day = cw_days_from_civil(pub->year, pub->month, pub->day);
	/* 1970-01-01 was a Thursday: Monday = 1 */
	day -= (((day + 3) % 7 + 7) % 7 + 1 - wd + 7) % 7;
	cw_civil_from_days(day, &y, &m, &d);
	return add_date(s, i, i + 1, y, m, d);
}

static int rule_date_relative(struct mention_segment *s, size_t i, const cw_date *pub)
{
	size_t best = 0, k;
	char unit = 0;
	int n = 0;
	long long q;

	for (size_t r = 0; r < sizeof(relatives) / sizeof(relatives[0]); r++) {
		k = pattern_match(s, i, relatives[r].pat);
		if (k > best) {
			best = k;
			unit = relatives[r].unit;
			n = relatives[r].n;
		}
	}
	if (best)
		return add_relative(s, i, best, unit, n, pub);
	/* "two weeks ago", "3 месяца назад", "2 жыл бұрын" */
	if (token_is(s, i, "a") || token_is(s, i, "an")) {
		q = 1;
		k = i + 1;
	} else if (token_digits(s, i) > 4 || !parse_number(s, i, false, &q, &k)) {
		return 0;
	}
	switch (unit_at(s, k)) {
	case U_DAY: unit = 'd'; break;
	case U_WEEK: unit = 'w'; break;
	case U_MONTH: unit = 'm'; break;
	case U_YEAR: unit = 'y'; break;
	default: return 0;
	}
	k++;
	if (token_is(s, k, "ago") || token_is(s, k, "назад") || token_is(s, k, "бұрын") ||
	    token_is(s, k, "бурын"))
		return add_relative(s, i, k + 1, unit, q, pub);
	return 0;
}

/* ---- driver ------------------------------------------------------ */

int mention_rules_run(struct mention_segment *s, const struct mention_context *ctx)
{
	s->gaz = &ctx->gaz;
	for (size_t i = 0; i < s->n; i++) {
		const struct mention_token *t = &s->t[i];
		if (t->type == TOKEN_PUNCT && t->cp != '$' && t->cp != 0x20AC &&
		    t->cp != 0x20B8)
			continue;
		if (t->flags & TOKEN_TOO_LONG)
			continue;
		if (rule_provision(s, i) || rule_sentence(s, i) || rule_fine(s, i) ||
		    rule_count(s, i) || rule_date_absolute(s, i, &ctx->published) ||
		    rule_date_relative(s, i, &ctx->published) ||
		    rule_weekday(s, i, &ctx->published) || mention_names_at(s, i, ctx))
			return -1;
	}
	return 0;
}
