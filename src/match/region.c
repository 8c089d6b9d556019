/* match/region.c: folding and comparing region names. See region.h. */
#include "match/region.h"

#include <pthread.h>
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
#define COMPASS_MAX (NCOMPASS * 8)
#define NRENAMED (sizeof(renamed) / sizeof(renamed[0]))
#define ALIAS_MAX (NRENAMED * RENAMED_MAX)

static pthread_once_t once = PTHREAD_ONCE_INIT;
static cw_buf kinds = CW_BUF_INIT; /* folded kind words, each NUL-ended */
static size_t kind_off[NKIND];     /* their offsets in kinds */
static size_t nkinds;
static cw_buf points = CW_BUF_INIT; /* folded compass word, NUL */
static size_t point_off[COMPASS_MAX];
static size_t point_row[COMPASS_MAX];
static size_t npoints;
static size_t row_first[NCOMPASS];   /* offset of each row's first word */
static cw_buf aliases = CW_BUF_INIT; /* folded former name, NUL, current, NUL */
static size_t alias_off[ALIAS_MAX];
static size_t naliases;

static bool is_kind(const char *w, size_t l)
{
	for (size_t i = 0; i < nkinds; i++) {
		const char *k = kinds.data + kind_off[i];
		if (strlen(k) == l && !memcmp(k, w, l))
			return true;
	}
	return false;
}

/* The row of compass[] a folded word is in, or -1. */
static int compass_row(const char *w, size_t l)
{
	for (size_t i = 0; i < npoints; i++) {
		const char *k = points.data + point_off[i];
		if (strlen(k) == l && !memcmp(k, w, l))
			return (int)point_row[i];
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

/* Folded words without kind words and initials, adjectives cut. */
static int fold_words(const char *s, size_t len, cw_buf *out, cw_err *e)
{
	cw_buf tmp = CW_BUF_INIT;
	size_t start = out->len;
	int rc = -1;

	if (match_fold_name(s, len, &tmp, e))
		goto out;
	for (const char *w = tmp.data; *w;) {
		size_t l = strcspn(w, " ");
		if (l > 1 && !is_kind(w, l)) {
			int row = compass_row(w, l);
			if (out->len > start)
				cw_buf_addch(out, ' ');
			if (row >= 0) {
				const char *c = points.data + row_first[row];
				cw_buf_add(out, c, strlen(c));
			} else {
				cw_buf_add(out, w, cut_adjective(w, l));
			}
		}
		w += l;
		w += strspn(w, " ");
	}
	rc = 0;
out:
	cw_buf_release(&tmp);
	return rc;
}

static void init(void)
{
	cw_err e = CW_ERR_INIT;

	for (size_t i = 0; i < NKIND; i++) {
		size_t off = kinds.len;
		if (match_fold_token(kind_words[i], strlen(kind_words[i]), &kinds, &e) ||
		    kinds.len == off) {
			cw_buf_setlen(&kinds, off);
			continue;
		}
		cw_buf_addch(&kinds, '\0');
		kind_off[nkinds++] = off;
	}
	for (size_t i = 0; i < NCOMPASS; i++)
		for (size_t j = 0; compass[i][j] && npoints < COMPASS_MAX; j++) {
			size_t off = points.len;
			if (match_fold_token(compass[i][j], strlen(compass[i][j]),
			                     &points, &e) ||
			    points.len == off) {
				cw_buf_setlen(&points, off);
				continue;
			}
			cw_buf_addch(&points, '\0');
			if (!j)
				row_first[i] = off;
			point_off[npoints] = off;
			point_row[npoints++] = i;
		}
	for (size_t i = 0; i < NRENAMED; i++) {
		cw_buf cur = CW_BUF_INIT;
		if (fold_words(renamed[i][0], strlen(renamed[i][0]), &cur, &e))
			continue;
		for (size_t j = 1;
		     j < RENAMED_MAX && renamed[i][j] && naliases < ALIAS_MAX; j++) {
			size_t off = aliases.len;
			if (fold_words(renamed[i][j], strlen(renamed[i][j]), &aliases,
			               &e)) {
				cw_buf_setlen(&aliases, off);
				continue;
			}
			cw_buf_addch(&aliases, '\0');
			cw_buf_add(&aliases, cur.data, cur.len);
			cw_buf_addch(&aliases, '\0');
			alias_off[naliases++] = off;
		}
		cw_buf_release(&cur);
	}
}

int match_fold_region(const char *s, size_t len, cw_buf *out, cw_err *e)
{
	size_t start = out->len;

	pthread_once(&once, init);
	if (fold_words(s, len, out, e))
		return -1;
	for (size_t i = 0; i < naliases; i++) {
		const char *old = aliases.data + alias_off[i];
		size_t l = strlen(old);
		if (out->len - start == l && !memcmp(out->data + start, old, l)) {
			const char *cur = old + l + 1;
			cw_buf_setlen(out, start);
			cw_buf_add(out, cur, strlen(cur));
			break;
		}
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
