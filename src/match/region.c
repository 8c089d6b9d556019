/* match/region.c: folding and comparing region names. See region.h. */
#include "match/region.h"

#include <pthread.h>
#include <stdint.h>
#include <string.h>

#include "match/match.h"

/* Words that say what kind of place a name is, in the languages of the
 * records (folded at first use, so they match however the folding
 * spells them). */
static const char *const kind_words[] = {
    "city",   "town",   "village", "region", "regional", "province", "district",
    "oblast", "oblys",  "oblysy",  "obl",    "raion",    "rayon",    "audany",
    "audan",  "qalasy", "kalasy",  "krai",   "kray",     "okrug",    "of",
    "the",    "г",      "гор",     "город",  "область",  "обл",      "облысы",
    "облыс",  "район",  "р-н",     "ауданы", "аудан",    "қаласы",   "қ",
    "село",   "ауыл",   "аул",     "пос",    "посёлок",  "поселок",  "край",
    "округ",
};

/* Compass words, as a part of a region's name: Западно-Казахстанская,
 * West Kazakhstan and Батыс Қазақстан are one region. Each row folds to
 * its first word. */
static const char *const compass[][9] = {
    {"west", "western", "zapadno", "zapadnaya", "zapadnyi", "батыс", "западно",
     "западный", NULL},
    {"east", "eastern", "vostochno", "vostochnaya", "vostochnyi", "шығыс", "восточно",
     "восточный", NULL},
    {"north", "northern", "severo", "severnaya", "severnyi", "солтүстік", "северо",
     "северный", NULL},
    {"south", "southern", "yuzhno", "yuzhnaya", "yuzhnyi", "оңтүстік", "южно", "южный",
     NULL},
};

/* One place under several names, first the name it is compared as:
 * renamed cities and regions, the regions' abbreviations, and a
 * region's centre when it is named otherwise (a source writes the city,
 * another the region: Uralsk and West Kazakhstan). The centres named
 * like their regions (Pavlodar, Karaganda ...) need no row. Almaty and
 * its region fold alike already (kind words are dropped). Abai, Ulytau
 * and Zhetisu were carved out of East Kazakhstan, Karaganda and Almaty
 * regions in 2022: their centres are theirs. */
#define RENAMED_MAX 10
static const char *const renamed[][RENAMED_MAX] = {
    {"Astana", "Nur-Sultan", "Нур-Султан", "Tselinograd", NULL},
    {"Almaty", "Alma-Ata", "Алма-Ата", "Verny", "Konaev", "Kapchagay", "Kapshagay",
     "Қонаев", NULL},
    {"Shymkent", "Chimkent", NULL},
    {"Aktobe", "Aktyubinsk", NULL},
    {"Atyrau", "Guryev", "Гурьев", NULL},
    {"Turkistan", "South Kazakhstan", "ЮКО", NULL},
    /* Russian and Kazakh abbreviations (Latin ones would fold alike:
     * WKO and ВКО) */
    {"West Kazakhstan", "ЗКО", "БҚО", "Oral", "Uralsk", "Орал", NULL},
    {"East Kazakhstan", "ВКО", "ШҚО", "Oskemen", "Ust-Kamenogorsk", "Өскемен", NULL},
    {"North Kazakhstan", "СКО", "СҚО", "Petropavl", "Petropavlovsk", NULL},
    {"Zhambyl", "Taraz", "Dzhambul", "Aulie-Ata", NULL},
    {"Mangystau", "Mangyshlak", "Aktau", "Shevchenko", NULL},
    {"Akmola", "Kokshetau", "Kokchetav", NULL},
    {"Abai", "Semey", "Semipalatinsk", NULL},
    {"Ulytau", "Zhezkazgan", "Жезқазған", NULL},
    {"Zhetisu", "Taldykorgan", "Талдықорған", NULL},
};

#define NKIND (sizeof(kind_words) / sizeof(kind_words[0]))
#define NCOMPASS (sizeof(compass) / sizeof(compass[0]))
#define NRENAMED (sizeof(renamed) / sizeof(renamed[0]))
#define WORDS_MAX (NRENAMED * RENAMED_MAX) /* the largest of the tables */

/* A table folded at first use: folded words (or place names), each
 * NUL-ended in text, and what each stands for (an offset in text). */
struct words {
	cw_buf text;
	size_t off[WORDS_MAX];
	size_t to[WORDS_MAX];
	size_t n;
};

static pthread_once_t once = PTHREAD_ONCE_INIT;
/* kind words, each standing for itself; compass words, standing for the
 * first of their row; a place's names, standing for the first */
static struct words kinds = {.text = CW_BUF_INIT};
static struct words points = {.text = CW_BUF_INIT};
static struct words aliases = {.text = CW_BUF_INIT};

/* The entry of t whose text is w[0..l), or -1. */
static long words_find(const struct words *t, const char *w, size_t l)
{
	for (size_t i = 0; i < t->n; i++) {
		const char *k = t->text.data + t->off[i];
		if (strlen(k) == l && !memcmp(k, w, l))
			return (long)i;
	}
	return -1;
}

/* Russian and Ukrainian adjective endings in their folded forms
 * (-ская, -ский, -ское, -цкая ...): "pavlodarska" -> "pavlodar". */
static size_t cut_adjective(const char *w, size_t l)
{
	static const char *const ends[] = {"skogo", "skoe", "skoi", "ska", "ski",
	                                   "sko",   "sk",   "cka",  "cki", "ck"};

	for (size_t i = 0; i < sizeof(ends) / sizeof(ends[0]); i++) {
		size_t n = strlen(ends[i]);
		if (l >= n + 3 && !memcmp(w + l - n, ends[i], n))
			return l - n;
	}
	return l;
}

/* Folded words without kind words and initials, adjectives cut, compass
 * words made the first of their row. */
static int fold_words(const char *s, size_t len, cw_buf *out, cw_err *e)
{
	cw_buf tmp = CW_BUF_INIT;
	size_t start = out->len;
	int rc = -1;

	if (match_fold_name(s, len, &tmp, e))
		goto out;
	for (const char *w = tmp.data; *w;) {
		size_t l = strcspn(w, " ");
		if (l > 1 && words_find(&kinds, w, l) < 0) {
			long p = words_find(&points, w, l);
			if (out->len > start)
				cw_buf_addch(out, ' ');
			if (p >= 0)
				cw_buf_adds(out, points.text.data + points.to[p]);
			else
				cw_buf_add(out, w, cut_adjective(w, l));
		}
		w += l;
		w += strspn(w, " ");
	}
	rc = 0;
out:
	cw_buf_release(&tmp);
	return rc;
}

/* Add s to t, folded as a word (match_fold_token) or as a place name
 * (fold_words), standing for the entry at offset to, or for itself when
 * to is SIZE_MAX. Returns the new entry's offset; SIZE_MAX when s folds
 * to nothing, is refused or t is full. */
static size_t words_add(struct words *t, const char *s, bool place, size_t to)
{
	cw_err e = CW_ERR_INIT;
	size_t off = t->text.len;
	int rc = t->n == WORDS_MAX ? -1
	         : place           ? fold_words(s, strlen(s), &t->text, &e)
	                           : match_fold_token(s, strlen(s), &t->text, &e);

	if (rc || t->text.len == off || cw_buf_addch(&t->text, '\0')) {
		cw_buf_setlen(&t->text, off);
		return SIZE_MAX;
	}
	t->off[t->n] = off;
	t->to[t->n++] = to == SIZE_MAX ? off : to;
	return off;
}

static void init(void)
{
	for (size_t i = 0; i < NKIND; i++)
		words_add(&kinds, kind_words[i], false, SIZE_MAX);
	for (size_t i = 0; i < NCOMPASS; i++) {
		size_t first = SIZE_MAX;
		for (size_t j = 0; compass[i][j]; j++) {
			size_t o = words_add(&points, compass[i][j], false, first);
			if (first == SIZE_MAX)
				first = o;
		}
	}
	/* after kinds and points: fold_words uses them */
	for (size_t i = 0; i < NRENAMED; i++) {
		size_t cur = words_add(&aliases, renamed[i][0], true, SIZE_MAX);
		for (size_t j = 1; cur != SIZE_MAX && j < RENAMED_MAX && renamed[i][j];
		     j++)
			words_add(&aliases, renamed[i][j], true, cur);
	}
}

int match_fold_region(const char *s, size_t len, cw_buf *out, cw_err *e)
{
	size_t start = out->len;
	long i;

	pthread_once(&once, init);
	if (fold_words(s, len, out, e))
		return -1;
	if ((i = words_find(&aliases, out->data + start, out->len - start)) >= 0) {
		cw_buf_setlen(out, start);
		cw_buf_adds(out, aliases.text.data + aliases.to[i]);
	}
	return 0;
}

static bool words_close(const char *a, size_t al, const char *b, size_t bl)
{
	size_t m = al < bl ? al : bl, cp = 0;

	if (al == bl && !memcmp(a, b, al))
		return true;
	if (m >= 4 && !memcmp(a, b, m))
		return true; /* almati ~ almatin(skaia) */
	while (cp < m && a[cp] == b[cp])
		cp++;
	if (cp >= 5 && al - cp <= 2 && bl - cp <= 2)
		return true; /* akmola ~ akmolin(skaia), kizilorda ~ kizilordin(skaia) */
	return m >= 6 && match_skeleton_sim(a, al, b, bl) >= MATCH_REGION_SIM;
}

bool match_region_same(const char *a, const char *b)
{
	if (!strcmp(a, b))
		return true;
	for (;;) {
		size_t al = strcspn(a, " "), bl = strcspn(b, " ");
		if (!al || !bl)
			return !al && !bl;
		if (!words_close(a, al, b, bl))
			return false;
		a += al;
		a += strspn(a, " ");
		b += bl;
		b += strspn(b, " ");
	}
}
