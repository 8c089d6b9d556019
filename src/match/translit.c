/* match/translit.c: our transliteration tables (Cyrillic and Latin with
 * diacritics to lowercase ASCII) and the skeleton folding of romanization
 * variants. MATCH_TRANSLIT_VERSION (match.h) versions these tables: any
 * change here that changes an output must bump it and MATCH_KEY_VERSION.
 *
 * Written by hand for casewatch from the published alphabets (Russian
 * passport-style romanization, Ukrainian and Belarusian national
 * romanizations for г/и/і/ї/є/ў, the Kazakh Cyrillic alphabet and the
 * Kazakh Latin alphabets of 2018 and 2021). */
#include "match/match_int.h"

#include <string.h>

#include <unicode/unorm2.h>
#include <unicode/utypes.h>

/* U+0430..U+045F, lowercase Cyrillic. Russian values; the caller's
 * language hint adjusts г and и. */
/* clang-format off */
static const char *const cyr_basic[0x30] = {
	/* а..п */ "a", "b", "v", "g", "d", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p",
	/* р..я */ "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya",
};
static const char *const cyr_ext[0x10] = {
	/* ѐ ё ђ ѓ є ѕ і ї */ "e", "e", "dj", "g", "ye", "dz", "i", "yi",
	/* ј љ њ ћ ќ ѝ ў џ */ "y", "l", "n", "ch", "k", "i", "u", "dzh",
};
/* clang-format on */

/* Cyrillic Supplement letters of Kazakh and neighbours (lowercase). */
static const struct {
	uint32_t cp;
	const char *s;
} cyr_more[] = {
    {0x0491, "g"},  /* ґ Ukrainian */
    {0x0493, "gh"}, /* ғ Kazakh */
    {0x0497, "zh"}, /* җ Tatar */
    {0x0499, "z"},  /* ҙ Bashkir */
    {0x049B, "q"},  /* қ Kazakh */
    {0x04A3, "ng"}, /* ң Kazakh */
    {0x04A5, "ng"}, /* ҥ */
    {0x04AB, "s"},  /* ҫ */
    {0x04AF, "u"},  /* ү Kazakh */
    {0x04B1, "u"},  /* ұ Kazakh */
    {0x04B3, "h"},  /* ҳ Uzbek, Tajik */
    {0x04B7, "j"},  /* ҷ Tajik */
    {0x04BB, "h"},  /* һ Kazakh */
    {0x04C0, ""},   /* Ӏ palochka */
    {0x04CF, ""},   /* ӏ */
    {0x04D9, "a"},  /* ә Kazakh */
    {0x04E3, "i"},  /* ӣ Tajik */
    {0x04E9, "o"},  /* ө Kazakh */
    {0x04EF, "u"},  /* ӯ Tajik */
};

/* Latin letters whose ASCII form is not their NFD base letter, or whose
 * base letter we replace. Kazakh Latin 2018: á ǵ ı ń ó ú ý (ý = у);
 * 2021: ä ğ ı ñ ö ş ū ü. */
static const struct {
	uint32_t cp;
	const char *s;
} latin_more[] = {
    {0x00DF, "ss"}, /* ß */
    {0x00E6, "ae"}, /* æ */
    {0x00E7, "ch"}, /* ç */
    {0x00F0, "d"},  /* ð */
    {0x00F8, "o"},  /* ø */
    {0x00FD, "u"},  /* ý: Kazakh 2018 у */
    {0x00FE, "th"}, /* þ */
    {0x0107, "ch"}, /* ć */
    {0x010D, "ch"}, /* č */
    {0x0111, "d"},  /* đ */
    {0x011F, "gh"}, /* ğ: Kazakh 2021 ғ */
    {0x0131, "i"},  /* ı: Kazakh 2018 и/й, 2021 і */
    {0x0142, "l"},  /* ł */
    {0x0153, "oe"}, /* œ */
    {0x0159, "r"},  /* ř */
    {0x015F, "sh"}, /* ş: Kazakh 2021 ш */
    {0x0161, "sh"}, /* š */
    {0x017C, "zh"}, /* ż */
    {0x017E, "zh"}, /* ž */
    {0x01F5, "gh"}, /* ǵ: Kazakh 2018 ғ */
    {0x0219, "sh"}, /* ș */
    {0x021B, "ts"}, /* ț */
    {0x0259, "a"},  /* ə: Azerbaijani, Kazakh ә in some fonts */
};

static int put(const char *s, char *out)
{
	size_t n = strlen(s);

	memcpy(out, s, n);
	return (int)n;
}

int match_cp_is_kazakh(uint32_t cp)
{
	switch (cp) {
	case 0x04D9:
	case 0x0493:
	case 0x049B:
	case 0x04A3:
	case 0x04E9:
	case 0x04B1:
	case 0x04AF:
	case 0x04BB: return 1;
	default: return 0;
	}
}

int match_cp_is_kazakh_latin(uint32_t cp)
{
	switch (cp) {
	case 'q':
	case 'Q':
	case 0x00E1:
	case 0x01F5:
	case 0x0131:
	case 0x0144:
	case 0x00F3:
	case 0x00FA:
	case 0x00FD:
	case 0x00E4:
	case 0x011F:
	case 0x00F1:
	case 0x00F6:
	case 0x015F:
	case 0x016B:
	case 0x00FC: return 1;
	default: return 0;
	}
}

int match_cp_is_ukrainian(uint32_t cp)
{
	/* є ї ґ ў; і is shared with Kazakh and decided by the caller. */
	return cp == 0x0454 || cp == 0x0457 || cp == 0x0491 || cp == 0x045E;
}

int match_translit_cp(uint32_t cp, enum match_lang lang, char *out)
{
	if (cp < 0x80) {
		if (cp >= 'a' && cp <= 'z') {
			out[0] = (char)cp;
			return 1;
		}
		if (cp >= 'A' && cp <= 'Z') {
			out[0] = (char)(cp - 'A' + 'a');
			return 1;
		}
		return 0;
	}
	if (cp >= 0x0410 && cp <= 0x042F) /* uppercase, if not folded */
		cp += 0x20;
	if (cp >= 0x0400 && cp <= 0x040F)
		cp += 0x50;
	if (cp >= 0x0430 && cp <= 0x044F) {
		if (lang == MATCH_LANG_UK && cp == 0x0433)
			return put("h", out);
		if (lang == MATCH_LANG_UK && cp == 0x0438)
			return put("y", out);
		if (lang == MATCH_LANG_KK && cp == 0x0439) /* й: Qaiyrbek */
			return put("i", out);
		return put(cyr_basic[cp - 0x0430], out);
	}
	if (cp >= 0x0450 && cp <= 0x045F)
		return put(cyr_ext[cp - 0x0450], out);
	if (cp >= 0x0460 && cp <= 0x04FF) {
		uint32_t lc = cp | 1; /* pairs: even upper, odd lower */
		for (size_t i = 0; i < sizeof(cyr_more) / sizeof(cyr_more[0]); i++)
			if (cyr_more[i].cp == lc || cyr_more[i].cp == cp)
				return put(cyr_more[i].s, out);
		return -1;
	}
	if (cp >= 0x0300 && cp <= 0x036F) /* combining marks (stress, etc.) */
		return 0;
	for (size_t i = 0; i < sizeof(latin_more) / sizeof(latin_more[0]); i++)
		if (latin_more[i].cp == cp)
			return put(latin_more[i].s, out);
	if ((cp >= 0x00C0 && cp <= 0x024F) || (cp >= 0x1E00 && cp <= 0x1EFF)) {
		/* Other Latin letters: the base letter of the canonical
		 * decomposition (é -> e, ń -> n, ü -> u). */
		UErrorCode st = U_ZERO_ERROR;
		const UNormalizer2 *nfd = unorm2_getNFDInstance(&st);
		UChar d[8];
		int32_t n;

		if (U_FAILURE(st))
			return -1;
		n = unorm2_getDecomposition(nfd, (UChar32)cp, d, 8, &st);
		if (U_SUCCESS(st) && n > 0 && d[0] < 0x80)
			return match_translit_cp(d[0], lang, out);
		return -1;
	}
	if (cp >= 0x1AB0 && cp <= 0x1AFF)
		return 0;
	if (cp >= 0x20D0 && cp <= 0x20FF)
		return 0;
	if (cp >= 0xFE20 && cp <= 0xFE2F)
		return 0;
	return -1;
}

/* ---- skeleton folding ---- */

static int is_vowel(int c)
{
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

static int starts(const char *s, size_t n, size_t i, const char *p)
{
	size_t k = 0;

	for (; p[k]; k++)
		if (i + k >= n || s[i + k] != p[k])
			return 0;
	return 1;
}

size_t match_fold_ascii(const char *in, size_t n, char *out, size_t cap, int kz_latin)
{
	/* Multigraphs, longest first at each position. */
	static const struct {
		const char *from;
		char to;
	} multi[] = {
	    /* dz: Japanese Одзава, Polish; Belarusian дз is read as д
	     * before we get here. tj: Vladimirovitj, Tjahjono. */
	    {"shch", 'x'}, {"szcz", 'x'}, {"tsch", 'q'}, {"sch", 'x'}, {"tch", 'q'},
	    {"dzh", 'j'},  {"sh", 'x'},   {"sz", 'x'},   {"dz", 'z'},  {"ch", 'q'},
	    {"cz", 'q'},   {"cs", 'q'},   {"zh", 'j'},   {"dj", 'j'},  {"tj", 'q'},
	    {"kh", 'g'},   {"gh", 'g'},   {"ph", 'f'},   {"th", 't'},  {"ts", 'c'},
	    {"tz", 'c'},   {"ck", 'k'},   {"ou", 'u'},
	};
	char a[2 * MATCH_FOLD_MAX_IN + 2];
	char b[2 * MATCH_FOLD_MAX_IN + 2];
	size_t na = 0, nb, i;
	char l[MATCH_FOLD_MAX_IN + 1];
	size_t nl = 0;

	/* Keep only ASCII letters. */
	for (i = 0; i < n && nl < MATCH_FOLD_MAX_IN; i++)
		if (in[i] >= 'a' && in[i] <= 'z')
			l[nl++] = in[i];
	l[nl] = '\0';

	for (i = 0; i < nl;) {
		size_t k;
		int done = 0;

		/* t before sh/zh is a t (Бақытжан = Baqytzhan, not ts + h). */
		if (l[i] == 't' &&
		    (starts(l, nl, i + 1, "sh") || starts(l, nl, i + 1, "zh"))) {
			a[na++] = 't';
			i++;
			continue;
		}

		for (k = 0; k < sizeof(multi) / sizeof(multi[0]); k++) {
			if (multi[k].from[0] == l[i] && starts(l, nl, i, multi[k].from)) {
				if (kz_latin && multi[k].to == 'q' &&
				    multi[k].from[1] == 'j')
					continue; /* Baqytjan: t + ж */
				a[na++] = multi[k].to;
				i += strlen(multi[k].from);
				done = 1;
				break;
			}
		}
		if (done)
			continue;
		/* Hungarian gy before a vowel is дь (Vlagyimir). */
		if (starts(l, nl, i, "gy") && i + 2 < nl && is_vowel(l[i + 2])) {
			a[na++] = 'd';
			i += 2;
			continue;
		}
		/* Dutch oe before a consonant is u (Poetin). */
		if (starts(l, nl, i, "oe") && i + 2 < nl && !is_vowel(l[i + 2])) {
			a[na++] = 'u';
			i += 2;
			continue;
		}
		/* ng not before a vowel: ң / ñ / ń written as ng. */
		if (starts(l, nl, i, "ng") && (i + 2 >= nl || !is_vowel(l[i + 2]))) {
			a[na++] = 'n';
			i += 2;
			continue;
		}
		switch (l[i]) {
		case 'h':
		case 'g': a[na++] = 'g'; break;
		case 'q': a[na++] = 'k'; break;
		case 'w': a[na++] = 'v'; break;
		case 'x':
			a[na++] = 'k';
			a[na++] = 's';
			break;
		case 'y': a[na++] = 'i'; break;
		case 'c':
			a[na++] = (i + 1 < nl && (l[i + 1] == 'e' || l[i + 1] == 'i' ||
			                          l[i + 1] == 'y'))
			              ? 'c'
			              : 'k';
			break;
		case 'j':
			/* j before a vowel at the start is ж (Kazakh 2021, English
			 * Jamal); elsewhere it is the glide й (Vitalij, Sergej),
			 * except in the Kazakh Latin alphabets, where j is always ж. */
			a[na++] = kz_latin ? 'j'
			          : (i == 0 && i + 1 < nl && is_vowel(l[i + 1]) &&
			             l[i + 1] != 'i' && l[i + 1] != 'y')
			              ? 'j'
			              : 'i';
			break;
		default: a[na++] = l[i]; break;
		}
		i++;
	}

	/* Collapse doubles, drop i between vowels, collapse again. */
	nb = 0;
	for (i = 0; i < na; i++)
		if (!nb || b[nb - 1] != a[i])
			b[nb++] = a[i];
	na = 0;
	for (i = 0; i < nb; i++) {
		if (b[i] == 'i' && na && is_vowel(a[na - 1]) && i + 1 < nb &&
		    is_vowel(b[i + 1]))
			continue;
		/* Consonant + yo/io is ё, written e in passports: Pyotr = Petr. */
		if (b[i] == 'i' && na && !is_vowel(a[na - 1]) && i + 1 < nb &&
		    b[i + 1] == 'o') {
			a[na++] = 'e';
			i++;
			continue;
		}
		/* Consonant + ie/ye/'e is the soft e: Yuryevich = Yurevich. */
		if (b[i] == 'i' && na && !is_vowel(a[na - 1]) && i + 1 < nb &&
		    b[i + 1] == 'e')
			continue;
		if (na && a[na - 1] == b[i])
			continue;
		a[na++] = b[i];
	}
	/* Leading ie/ye -> e (Yelena, Ievgenii). */
	i = 0;
	if (na > 2 && a[0] == 'i' && a[1] == 'e')
		i = 1;
	nb = 0;
	for (; i < na && nb + 1 < cap; i++)
		out[nb++] = a[i];
	if (cap)
		out[nb] = '\0';
	return nb;
}
