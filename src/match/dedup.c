/* match/dedup.c: scoring a candidate pair of people. See dedup.h. */
#include "match/dedup.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "base/date.h"
#include "match/given.h"
#include "match/match.h"
#include "match/region.h"

size_t dedup_shared(const char *const *a, size_t na, const char *const *b, size_t nb)
{
	size_t i = 0, j = 0, n = 0;

	while (i < na && j < nb) {
		int c = strcmp(a[i], b[j]);
		if (c == 0) {
			n++;
			i++;
			j++;
		} else if (c < 0) {
			i++;
		} else {
			j++;
		}
	}
	return n;
}

size_t dedup_patronymic(const char *fold, char *out, size_t cap)
{
	/* folded endings (match_fold_name: ch -> q, y/i/j -> i) */
	static const char *const ends[] = {"oviqna", "eviqna", "iniqna", "iqna", "oviq",
	                                   "eviq",   "ovna",   "evna",   "uli",  "kizi"};
	const char *w[64];
	size_t wl[64], n = 0, root = 0;
	const char *best = NULL;

	for (const char *s = fold; *s && n < 64;) {
		size_t l = strcspn(s, " ");
		w[n] = s;
		wl[n++] = l;
		s += l;
		s += strspn(s, " ");
	}
	if (n < 3)
		return 0;
	for (size_t i = 1; i < n; i++) { /* not the first word: a surname */
		if ((wl[i] == 4 &&
		     (!memcmp(w[i], "ugli", 4) || !memcmp(w[i], "kizi", 4)))) {
			best = w[i - 1]; /* Uzbek: Farrukh ugli */
			root = wl[i - 1];
			continue;
		}
		for (size_t k = 0; k < sizeof(ends) / sizeof(ends[0]); k++) {
			size_t el = strlen(ends[k]);
			if (wl[i] >= el + 3 && !memcmp(w[i] + wl[i] - el, ends[k], el)) {
				best = w[i];
				root = wl[i] - el;
				break;
			}
		}
	}
	if (!best || root < 2 || root + 1 > cap)
		return 0;
	memcpy(out, best, root);
	out[root] = '\0';
	return root;
}

/* The given-name class (match/given.h) of a father's name, the root of
 * a patronymic; 0 for none. */
static int father_class(const char *x, size_t l)
{
	char buf[MATCH_MAX_TOKEN_BYTES + 2];
	int c = match_given_class(x, l);

	/* folding drops a glide between vowels: Ыбырай+ұлы is "ibira|uli" */
	if (!c && l && l <= MATCH_MAX_TOKEN_BYTES && strchr("aeiou", x[l - 1])) {
		memcpy(buf, x, l);
		buf[l] = 'i';
		c = match_given_class(buf, l + 1);
	}
	return c;
}

/* Two fathers' names (dedup_patronymic roots) that can be one name:
 * close in spelling, or forms of one given name in two languages
 * (Ыбырайұлы, Ибрагимович). */
static bool same_father(const char *x, const char *y)
{
	size_t xl = strlen(x), yl = strlen(y);
	int c;

	if (!strcmp(x, y) || match_skeleton_sim(x, xl, y, yl) >= 0.80)
		return true;
	c = father_class(x, xl);
	return c && c == father_class(y, yl);
}

/* Both people name a father and no name of one is close to one of the
 * other's. */
static bool fathers_differ(const struct dedup_person *a, const struct dedup_person *b)
{
	if (!a->nfathers || !b->nfathers)
		return false;
	for (size_t i = 0; i < a->nfathers; i++)
		for (size_t j = 0; j < b->nfathers; j++)
			if (same_father(a->fathers[i], b->fathers[j]))
				return false;
	return true;
}

void dedup_utf8_trim(char *s)
{
	size_t len = strlen(s), k = len, need;
	unsigned char c;

	while (k > 0 && ((unsigned char)s[k - 1] & 0xC0) == 0x80)
		k--;
	if (k == 0)
		return;
	c = (unsigned char)s[k - 1];
	if (c < 0x80)
		return; /* ends with an ASCII byte */
	need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
	if (len - (k - 1) < need)
		s[k - 1] = '\0'; /* the last character is incomplete */
}

__attribute__((format(printf, 3, 4))) static void reason(struct dedup_result *r, int want,
                                                         const char *fmt, ...)
{
	va_list ap;
	int n;

	if (!want || r->nreasons >= DEDUP_MAX_REASONS)
		return;
	va_start(ap, fmt);
	n = vsnprintf(r->reasons[r->nreasons], DEDUP_REASON_MAX, fmt, ap);
	va_end(ap);
	if (n >= DEDUP_REASON_MAX) /* cut: never in the middle of a character */
		dedup_utf8_trim(r->reasons[r->nreasons]);
	r->nreasons++;
}

static double add(double s, double bonus)
{
	return s + bonus * (1.0 - s);
}

/* Words of a folded name: written out (two letters or more) and
 * initials. */
static void count_words(const char *fold, size_t *full, size_t *initials)
{
	*full = *initials = 0;
	for (const char *s = fold; *s;) {
		size_t l = strcspn(s, " ");
		if (l > 1)
			(*full)++;
		else
			(*initials)++;
		s += l;
		s += strspn(s, " ");
	}
}

/* A folded name of two words written out or more (not initials). */
static bool written_out(const char *fold)
{
	size_t full, initials;

	count_words(fold, &full, &initials);
	return full >= 2;
}

/* A folded name that says more than a surname: two words written out,
 * or a word and two initials (a name's and a patronymic's: Dosqulov
 * N.N.); "Шалханов" and "K. Shalkhanov" fit many people. */
static bool specific(const char *fold)
{
	size_t full, initials;

	count_words(fold, &full, &initials);
	return full >= 2 || (full == 1 && initials >= 2);
}

bool dedup_names_written_out(const struct dedup_person *p)
{
	for (size_t i = 0; i < p->nnames; i++)
		if (written_out(p->folds[i]))
			return true;
	return false;
}

static bool has_written_out(const struct dedup_person *p)
{
	return p->written_out ? p->written_out > 0 : dedup_names_written_out(p);
}

/* The best name score over pairs of names; *ia, *ib the pair. When both
 * people have a name written out, only such names are compared: "A.
 * Dauletbergenov" in two records says nothing when one is Aitqali and
 * the other Askar. */
static int best_names(const struct dedup_person *a, const struct dedup_person *b,
                      double *best, size_t *ia, size_t *ib, cw_err *e)
{
	bool full = has_written_out(a) && has_written_out(b);

	*best = 0;
	*ia = *ib = 0;
	/* identical folded forms score 1 without the full comparison */
	for (size_t i = 0; i < a->nnames; i++)
		for (size_t j = 0; j < b->nnames; j++)
			if ((!full ||
			     (written_out(a->folds[i]) && written_out(b->folds[j]))) &&
			    !strcmp(a->folds[i], b->folds[j])) {
				*best = 1.0;
				*ia = i;
				*ib = j;
				return 0;
			}
	for (size_t i = 0; i < a->nnames; i++)
		for (size_t j = 0; j < b->nnames; j++) {
			double s;
			if (full &&
			    (!written_out(a->folds[i]) || !written_out(b->folds[j])))
				continue;
			if (match_name_compare(a->names[i], strlen(a->names[i]),
			                       b->names[j], strlen(b->names[j]), &s, e))
				return -1;
			if (s > *best) {
				*best = s;
				*ia = i;
				*ib = j;
			}
		}
	return 0;
}

/* Two names that differ in a word whose two spellings are both common
 * are two names, not one name and a typo (Бисенов ~ Бейсенов,
 * Dauletkhanov ~ Dauletzhanov): each spelling is borne by
 * DEDUP_COMMON_SPELLING people or more, and the rarer by at least
 * 1/DEDUP_SPELLING_RATIO as many as the other (a typo repeated by a few
 * sources stays a typo of a name borne by hundreds). Vowels changed in
 * place are not two names: they are how Kazakh names come through
 * Russian (Өмірзақ, Умирзак; Төлеқұлов, Толекулов). Words of one side
 * only are paired with close words of the other (skeletons at least
 * DEDUP_SPELLING_SIM alike); w[] receive the two words. */
#define DEDUP_SPELLING_SIM 0.60
#define DEDUP_SPELLING_RATIO 10

static bool is_vowel(char c)
{
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

static bool vowels_changed(const char *x, size_t xl, const char *y, size_t yl)
{
	if (xl != yl)
		return false;
	for (size_t i = 0; i < xl; i++)
		if (x[i] != y[i] && !(is_vowel(x[i]) && is_vowel(y[i])))
			return false;
	return true;
}

static bool two_names(const struct dedup_person *a, const char *x, size_t xl,
                      const char *y, size_t yl)
{
	unsigned cx, cy;

	if (match_skeleton_sim(x, xl, y, yl) < DEDUP_SPELLING_SIM ||
	    vowels_changed(x, xl, y, yl))
		return false;
	cx = a->word_count(a->word_ctx, x, xl);
	cy = a->word_count(a->word_ctx, y, yl);
	if (cx < DEDUP_COMMON_SPELLING || cy < DEDUP_COMMON_SPELLING)
		return false;
	return cx <= cy ? (uint64_t)cx * DEDUP_SPELLING_RATIO >= cy
	                : (uint64_t)cy * DEDUP_SPELLING_RATIO >= cx;
}

/* fold holds the word w (l bytes) as a whole word. */
static bool has_word(const char *fold, const char *w, size_t l)
{
	for (const char *s = fold; *s;) {
		size_t sl = strcspn(s, " ");
		if (sl == l && !memcmp(s, w, l))
			return true;
		s += sl;
		s += strspn(s, " ");
	}
	return false;
}

/* The next word of two letters or more that fold holds and other does
 * not, from *s on (*s moves past it); NULL when there is none. */
static const char *own_word(const char **s, const char *other, size_t *len)
{
	while (**s) {
		const char *w = *s;
		size_t l = strcspn(w, " ");
		*s += l;
		*s += strspn(*s, " ");
		if (l >= 2 && !has_word(other, w, l)) {
			*len = l;
			return w;
		}
	}
	return NULL;
}

static bool common_spellings(const struct dedup_person *a, const char *fa, const char *fb,
                             const char **wa, size_t *la, const char **wb, size_t *lb)
{
	const char *x, *y;

	for (const char *sa = fa; (x = own_word(&sa, fb, la));)
		for (const char *sb = fb; (y = own_word(&sb, fa, lb));)
			if (two_names(a, x, *la, y, *lb)) {
				*wa = x;
				*wb = y;
				return true;
			}
	return false;
}

/* A word of fa, two letters or more, not in fb, that at most
 * DEDUP_RARE_SPELLING people bear: a misspelling (Эльмиар, Nszira), not
 * another name. */
static bool rare_spelling(const struct dedup_person *a, const char *fa, const char *fb,
                          const char **w, size_t *wl)
{
	for (const char *s = fa; (*w = own_word(&s, fb, wl));)
		if (a->word_count(a->word_ctx, *w, *wl) <= DEDUP_RARE_SPELLING)
			return true;
	return false;
}

enum born_rel { BORN_UNKNOWN, BORN_SAME, BORN_COMPATIBLE, BORN_NEAR, BORN_CONFLICT };

bool dedup_one_digit_apart(int x, int y)
{
	int diff = 0;

	if (x < 1000 || y < 1000 || x > 9999 || y > 9999)
		return false;
	for (int i = 0; i < 4; i++, x /= 10, y /= 10)
		diff += x % 10 != y % 10;
	return diff == 1;
}

static enum born_rel born_relation(const char *a, const char *b)
{
	cw_date da, db;

	if (!a || !b || cw_date_parse(a, strlen(a), &da, NULL) ||
	    cw_date_parse(b, strlen(b), &db, NULL))
		return BORN_UNKNOWN;
	if (cw_date_last_day(&da) < cw_date_first_day(&db) ||
	    cw_date_last_day(&db) < cw_date_first_day(&da)) {
		/* one digit of the year miswritten: the years one apart, the
		 * month (and the day, when both give it) the same */
		if ((da.year - db.year == 1 || db.year - da.year == 1) &&
		    (!da.month || !db.month ||
		     (da.month == db.month && (!da.day || !db.day || da.day == db.day))))
			return BORN_NEAR;
		/* two full dates of one day and month whose years differ in one
		 * digit (1976-10-14, 1986-10-14): a miswritten digit is far
		 * likelier than two people born on one day of the year */
		if (da.day && db.day && da.month == db.month && da.day == db.day &&
		    dedup_one_digit_apart(da.year, db.year))
			return BORN_NEAR;
		return BORN_CONFLICT;
	}
	if (da.day && db.day)
		return BORN_SAME; /* both full dates and they meet: equal */
	return BORN_COMPATIBLE;
}

static bool sex_known(const char *s)
{
	return s && (!strcmp(s, "m") || !strcmp(s, "f"));
}

/* An upper bound of the score when sex or birth dates conflict and no
 * evidence is shared, whatever the names: 1 times the penalty plus the
 * birth date and region bonuses that could still apply; 0 otherwise. */
static double conflict_bound(const struct dedup_person *a, const struct dedup_person *b)
{
	double u;

	if (dedup_shared(a->numbers, a->nnumbers, b->numbers, b->nnumbers) ||
	    dedup_shared(a->orgs, a->norgs, b->orgs, b->norgs) ||
	    dedup_shared(a->sources, a->nsources, b->sources, b->nsources))
		return 0;
	if (born_relation(a->born, b->born) == BORN_CONFLICT)
		u = DEDUP_BORN_CONFLICT;
	else if (fathers_differ(a, b))
		u = add(DEDUP_FATHER_CONFLICT, DEDUP_BORN_SAME);
	else if (sex_known(a->sex) && sex_known(b->sex) && strcmp(a->sex, b->sex))
		u = add(DEDUP_SEX_CONFLICT, DEDUP_BORN_SAME);
	else
		return 0;
	return add(u, DEDUP_REGION_SAME);
}

int dedup_score(const struct dedup_person *a, const struct dedup_person *b, int how,
                struct dedup_result *r, cw_err *e)
{
	const int want_reasons = how == DEDUP_REASONS;
	size_t ia, ib, n;
	double s;
	bool corroborated = false, same_region = false, other_region = false;
	bool partial = false; /* names agree only in part */
	bool typo = false;    /* ... because one of them is misspelt */
	const char *typo_word = NULL;
	size_t typo_len = 0;
	enum born_rel br;

	/* the reasons are read up to nreasons: 1.6 KB less to clear a pair */
	memset(r, 0, offsetof(struct dedup_result, reasons));
	if (!a->nnames || !b->nnames)
		return 0;
	if (how == DEDUP_BULK && (s = conflict_bound(a, b)) > 0) {
		/* bulk scoring: a conflict keeps the pair low whatever the
		 * names; skip comparing them */
		r->score = r->name = s;
		r->bound = 1;
		return 0;
	}
	if (best_names(a, b, &s, &ia, &ib, e))
		return -1;
	r->name = s;
	reason(r, want_reasons, "names %.2f: '%s' ~ '%s'", s, a->names[ia], b->names[ib]);
	if (!specific(a->folds[ia]) || !specific(b->folds[ib]))
		partial = true; /* a surname alone, or with one initial */
	if (s < 1.0 && s >= DEDUP_PARTIAL_NAME && a->word_count) {
		const char *wa, *wb;
		size_t la, lb;
		if (common_spellings(a, a->folds[ia], b->folds[ib], &wa, &la, &wb, &lb)) {
			partial = true;
			reason(r, want_reasons,
			       "'%.*s' and '%.*s' are both common spellings", (int)la, wa,
			       (int)lb, wb);
		}
	}
	/* names that agree in part because one of them is misspelt: a word
	 * of one name that no more than DEDUP_RARE_SPELLING people bear */
	if (!partial && s < DEDUP_PARTIAL_NAME && s >= DEDUP_TYPO_NAME && a->word_count)
		typo =
		    rare_spelling(a, a->folds[ia], b->folds[ib], &typo_word, &typo_len) ||
		    rare_spelling(a, b->folds[ib], a->folds[ia], &typo_word, &typo_len);

	if (sex_known(a->sex) && sex_known(b->sex) && strcmp(a->sex, b->sex)) {
		s *= DEDUP_SEX_CONFLICT;
		r->conflicts |= DEDUP_CONFLICT_SEX;
		reason(r, want_reasons, "sex differs: %s vs %s", a->sex, b->sex);
	}

	if (fathers_differ(a, b)) {
		s *= DEDUP_FATHER_CONFLICT;
		r->conflicts |= DEDUP_CONFLICT_FATHER;
		reason(r, want_reasons, "patronymics differ: %s vs %s", a->fathers[0],
		       b->fathers[0]);
	}

	br = born_relation(a->born, b->born);
	if (br == BORN_CONFLICT && r->name >= DEDUP_PARTIAL_NAME - 0.05 &&
	    dedup_shared(a->numbers, a->nnumbers, b->numbers, b->nnumbers)) {
		/* one case, one name: a birth date was written wrong somewhere */
		reason(r, want_reasons, "born differs (%s vs %s) despite one case number",
		       a->born, b->born);
	} else if (br == BORN_CONFLICT) {
		s *= DEDUP_BORN_CONFLICT;
		r->conflicts |= DEDUP_CONFLICT_BORN;
		reason(r, want_reasons, "born differs: %s vs %s", a->born, b->born);
	} else if (br == BORN_NEAR) {
		/* neither a conflict nor a corroboration */
		reason(r, want_reasons, "birth dates nearly agree: %s ~ %s", a->born,
		       b->born);
	} else if (br == BORN_SAME && r->name >= DEDUP_EVIDENCE_MIN_NAME) {
		s = add(s, DEDUP_BORN_SAME);
		corroborated = true;
		reason(r, want_reasons, "same birth date: %s", a->born);
	} else if (br == BORN_COMPATIBLE && r->name >= DEDUP_EVIDENCE_MIN_NAME) {
		s = add(s, DEDUP_BORN_COMPATIBLE);
		/* a birth year says little about a name borne in many years */
		corroborated = a->name_count < DEDUP_YEAR_HOLDERS &&
		               b->name_count < DEDUP_YEAR_HOLDERS;
		reason(r, want_reasons, "birth dates compatible: %s ~ %s", a->born,
		       b->born);
	}

	if (a->region && b->region && *a->region && *b->region) {
		if (!match_region_same(a->region, b->region)) {
			s *= DEDUP_REGION_DIFFERENT;
			other_region = true;
			r->conflicts |= DEDUP_CONFLICT_REGION;
			reason(r, want_reasons, "regions differ: %s vs %s", a->region_raw,
			       b->region_raw);
		} else if (r->name >= DEDUP_EVIDENCE_MIN_NAME) {
			s = add(s, DEDUP_REGION_SAME);
			same_region = true;
			reason(r, want_reasons, "same region: %s", a->region_raw);
		}
	}

	if (r->name >= DEDUP_EVIDENCE_MIN_NAME) {
		if ((n = dedup_shared(a->orgs, a->norgs, b->orgs, b->norgs))) {
			s = add(s, DEDUP_ORG_SHARED * (double)(n > 2 ? 2 : n));
			corroborated = true;
			reason(r, want_reasons, "shared organizations: %zu", n);
		}
		if ((n = dedup_shared(a->numbers, a->nnumbers, b->numbers,
		                      b->nnumbers))) {
			s = add(s, DEDUP_NUMBER_SHARED);
			corroborated = true;
			reason(r, want_reasons, "shared case numbers: %zu", n);
		}
		if ((n = dedup_shared(a->sources, a->nsources, b->sources,
		                      b->nsources))) {
			s = add(s, DEDUP_SOURCE_SHARED * (double)(n > 2 ? 2 : n));
			corroborated = true;
			reason(r, want_reasons, "shared sources: %zu", n);
		}
	}

	/* a name known to belong to several people needs more than itself */
	n = a->name_count > b->name_count ? a->name_count : b->name_count;
	if (n >= 2 && (corroborated || n < DEDUP_AMBIGUOUS))
		reason(r, want_reasons, "name held by %zu known people", n);
	if (!corroborated && !(same_region && n < DEDUP_COMMON_NAME) &&
	    n >= DEDUP_AMBIGUOUS && s > DEDUP_COMMON_CAP) {
		s = DEDUP_COMMON_CAP;
		reason(r, want_reasons,
		       "name shared by at least %zu people, nothing else agrees", n);
	}
	/* names that agree only in part (a word on one side only, a typo),
	 * or records in different regions, need a second fact: a birth date
	 * or shared evidence */
	partial = partial || r->name < DEDUP_PARTIAL_NAME;
	if (partial && typo && same_region) {
		/* a misspelt name in the same region: the region is the second
		 * fact */
		partial = false;
		reason(r, want_reasons, "'%.*s' is a spelling nobody else has",
		       (int)typo_len, typo_word);
	}
	if (!corroborated && (other_region || partial) && s > DEDUP_COMMON_CAP) {
		s = DEDUP_COMMON_CAP;
		reason(r, want_reasons, "%s, nothing else agrees",
		       other_region ? "different regions" : "names agree only in part");
	}
	if (s < 0)
		s = 0;
	if (s > 1)
		s = 1;
	r->score = s;
	return 0;
}
