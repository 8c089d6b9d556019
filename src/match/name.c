/* match/name.c: tokenizing names, keys, inflection stripping and pairwise
 * scoring (see match.h). Transliteration tables live in translit.c. */
#include "match/match.h"

#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utrans.h>

#include "base/limits.h"
#include "base/utf8.h"
#include "match/given.h"
#include "match/match_int.h"

/* Token flags. */
#define TOK_INITIAL 1u    /* one letter: "V." */
#define TOK_PATRONYMIC 2u /* -ovich, -ovna, -uly, -kyzy ... */
#define TOK_TITLE 4u      /* president, mr, dr ... and particles ұлы/қызы */
#define TOK_BALTIC 8u     /* every word of the name ends in -s: Vladimiras Putinas */

#define TOK_ROOM (MATCH_MAX_TOKEN_BYTES + 1)

struct mtok {
	char lat[TOK_ROOM];  /* readable lowercase ASCII */
	char skel[TOK_ROOM]; /* folded skeleton */
	size_t lat_len, skel_len;
	unsigned flags;
	int given; /* given-name class (given.h) of a word, 0 for none */
};

struct mname {
	size_t n;
	struct mtok tok[CW_MAX_NAME_TOKENS];
};

/* ---- ICU helpers ---- */

static _Thread_local UTransliterator *any_latin;

/* Other scripts (Greek, Arabic, CJK ...) to ASCII through ICU. */
static int icu_to_ascii(const UChar *s, int32_t n, char *out, size_t cap, size_t *outlen)
{
	UErrorCode st = U_ZERO_ERROR;
	UChar buf[4 * TOK_ROOM];
	int32_t len = n, limit = n;
	size_t o = 0;

	if (!any_latin) {
		static const UChar id[] = {'A', 'n', 'y', '-', 'L', 'a', 't', 'i',
		                           'n', ';', ' ', 'L', 'a', 't', 'i', 'n',
		                           '-', 'A', 'S', 'C', 'I', 'I', 0};
		any_latin = utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0, NULL, &st);
		if (U_FAILURE(st)) {
			any_latin = NULL;
			return -1;
		}
	}
	if (n >= (int32_t)(sizeof(buf) / sizeof(buf[0])) / 2)
		return -1;
	memcpy(buf, s, (size_t)n * sizeof(UChar));
	utrans_transUChars(any_latin, buf, &len, (int32_t)(sizeof(buf) / sizeof(buf[0])),
	                   0, &limit, &st);
	if (U_FAILURE(st))
		return -1;
	for (int32_t i = 0; i < len && i < limit; i++) {
		UChar c = buf[i];
		if (c >= 'A' && c <= 'Z')
			c = (UChar)(c - 'A' + 'a');
		if (c >= 'a' && c <= 'z') {
			if (o + 1 >= cap)
				return -2;
			out[o++] = (char)c;
		}
	}
	out[o] = '\0';
	*outlen = o;
	return 0;
}

/* name -> NFKC_Casefold UTF-16, malloc'd in *u (length *ulen). */
static int normalize(const char *name, size_t len, UChar **u, int32_t *ulen, cw_err *e)
{
	UErrorCode st = U_ZERO_ERROR;
	const UNormalizer2 *cf;
	UChar *src = NULL, *dst = NULL;
	int32_t n = 0, cap, m;
	size_t bad;
	int rc = -1;

	*u = NULL;
	*ulen = 0;
	if (len > CW_MAX_NAME_BYTES) {
		cw_err_set(e, CW_ELIMIT, "name longer than %d bytes", CW_MAX_NAME_BYTES);
		goto out;
	}
	bad = cw_utf8_invalid_at(name, len);
	if (bad < len) {
		cw_err_set(e, CW_EINVAL, "name is not valid UTF-8 (byte %zu)", bad + 1);
		goto out;
	}
	src = malloc((len + 1) * sizeof(UChar));
	if (!src) {
		cw_err_set(e, CW_ENOMEM, "out of memory");
		goto out;
	}
	u_strFromUTF8(src, (int32_t)len + 1, &n, name, (int32_t)len, &st);
	if (U_FAILURE(st)) {
		cw_err_set(e, CW_EINVAL, "name is not valid UTF-8");
		goto out;
	}
	cf = unorm2_getNFKCCasefoldInstance(&st);
	if (U_FAILURE(st)) {
		cw_err_set(e, CW_EIO, "icu: %s", u_errorName(st));
		goto out;
	}
	cap = 2 * n + 16;
	for (int attempt = 0; attempt < 2; attempt++) {
		dst = malloc((size_t)cap * sizeof(UChar));
		if (!dst) {
			cw_err_set(e, CW_ENOMEM, "out of memory");
			goto out;
		}
		st = U_ZERO_ERROR;
		m = unorm2_normalize(cf, src, n, dst, cap, &st);
		if (st == U_BUFFER_OVERFLOW_ERROR) {
			free(dst);
			dst = NULL;
			cap = m + 1;
			continue;
		}
		if (U_FAILURE(st)) {
			cw_err_set(e, CW_EINVAL, "icu: %s", u_errorName(st));
			goto out;
		}
		*u = dst;
		*ulen = m;
		dst = NULL;
		rc = 0;
		break;
	}
	if (rc)
		cw_err_set(e, CW_EINVAL, "name could not be normalized");
out:
	free(src);
	free(dst);
	return rc;
}

static int is_apostrophe(UChar32 c)
{
	return c == '\'' || c == 0x2019 || c == 0x02BC || c == 0x2018 || c == 0x02BB ||
	       c == '`' || c == 0x00B4;
}

static int is_word_cp(UChar32 c)
{
	return u_isalpha(c) || (U_GET_GC_MASK(c) & U_GC_M_MASK);
}

/* Honorifics and titles dropped from names (readable forms). */
static int is_title(const char *lat)
{
	/* clang-format off */
	static const char *const titles[] = {
		"mr", "mrs", "ms", "miss", "dr", "prof", "sir", "madam", "mme", "mlle", "herr",
		"frau", "gospodin", "gospozha", "pan", "pani", "president", "prezident",
		"presidente", "prasident", "predsjednik", "presedintele", "preshedintele",
		"presiden", "elnok", "prezydent", "uly", "uli", "kyzy", "kizi", "ogly", "ogli",
		"oglu", "kyzi", "qyzy",
	};
	/* clang-format on */
	for (size_t i = 0; i < sizeof(titles) / sizeof(titles[0]); i++)
		if (lat[0] == titles[i][0] && !strcmp(lat, titles[i]))
			return 1;
	return 0;
}

static int ends(const char *s, size_t n, const char *suf)
{
	size_t m = strlen(suf);
	return n >= m && !memcmp(s + n - m, suf, m);
}

static int is_patronymic_skel(const char *s, size_t n)
{
	static const char *const suf[] = {"oviq", "eviq",  "iviq",  "aviq",  "ovic",
	                                  "evic", "ovici", "evici", "oviti", "eviti",
	                                  "ovna", "evna",  "ivna",  "avna",  "iqna",
	                                  "uli",  "kizi",  "ogli",  "oglu"};
	if (n < 6)
		return 0;
	for (size_t i = 0; i < sizeof(suf) / sizeof(suf[0]); i++)
		if (ends(s, n, suf[i]))
			return 1;
	return 0;
}

/* A short word written with a dot that spells one Cyrillic letter in a
 * romanization (Zh. for Ж., Shch. for Щ., Ye. for Е., Дж. for Джамбул) is
 * an initial whose letter is that digraph. Without the dot it is a word. */
static int is_digraph_initial(const char *lat)
{
	static const char *const di[] = {"zh", "sh", "ch", "kh",  "ts",  "yu",
	                                 "ya", "ye", "gh", "dzh", "shch"};
	for (size_t i = 0; i < sizeof(di) / sizeof(di[0]); i++)
		if (!strcmp(lat, di[i]))
			return 1;
	return 0;
}

/* -ұлы / -қызы / -оглы: son or daughter of, in Kazakh and its neighbours. */
static int is_kazakh_patronymic(const char *s, size_t n)
{
	return ends(s, n, "uli") || ends(s, n, "kizi") || ends(s, n, "ogli") ||
	       ends(s, n, "oglu");
}

/* Finish one token from its code points; dotted: a dot follows it. */
static int add_token(struct mname *nm, const UChar32 *cp, size_t ncp,
                     enum match_lang lang, int kz_latin, int dotted, cw_err *e)
{
	struct mtok *t;
	size_t o = 0, letters = 0;
	int other = 0;

	if (!ncp)
		return 0;
	for (size_t i = 0; i < ncp; i++)
		if (u_isalpha(cp[i]))
			letters++;
	if (!letters)
		return 0;
	if (nm->n >= CW_MAX_NAME_TOKENS)
		return cw_err_set(e, CW_ELIMIT, "name has more than %d words",
		                  CW_MAX_NAME_TOKENS);
	t = &nm->tok[nm->n];
	memset(t, 0, sizeof(*t));
	for (size_t i = 0; i < ncp; i++) {
		char tmp[8];
		int k;
		/* Belarusian дз is Russian д (Уладзімір = Владимир). */
		if (lang == MATCH_LANG_UK && i && (cp[i] == 0x0437 || cp[i] == 0x0417) &&
		    (cp[i - 1] == 0x0434 || cp[i - 1] == 0x0414))
			continue;
		k = match_translit_cp((uint32_t)cp[i], lang, tmp);
		if (k < 0) {
			other = 1;
			break;
		}
		if (o + (size_t)k >= TOK_ROOM)
			return cw_err_set(e, CW_ELIMIT,
			                  "name has a word longer than %d letters",
			                  MATCH_MAX_TOKEN_BYTES);
		memcpy(t->lat + o, tmp, (size_t)k);
		o += (size_t)k;
	}
	if (other) {
		UChar u[TOK_ROOM * 2];
		int32_t un = 0;
		int r;
		for (size_t i = 0; i < ncp; i++) {
			UBool err = 0;
			if (un + 2 >= (int32_t)(sizeof(u) / sizeof(u[0])))
				return cw_err_set(
				    e, CW_ELIMIT,
				    "name has a word longer than %d letters",
				    MATCH_MAX_TOKEN_BYTES);
			U16_APPEND(u, un, (int32_t)(sizeof(u) / sizeof(u[0])), cp[i],
			           err);
			if (err)
				return cw_err_set(e, CW_EINVAL, "bad code point in name");
		}
		r = icu_to_ascii(u, un, t->lat, TOK_ROOM, &o);
		if (r == -2 || r == -1) {
			if (r == -2)
				return cw_err_set(
				    e, CW_ELIMIT,
				    "name has a word longer than %d letters",
				    MATCH_MAX_TOKEN_BYTES);
			o = 0; /* no transliterator: the token carries nothing */
		}
	}
	t->lat[o] = '\0';
	t->lat_len = o;
	if (!o)
		return 0; /* nothing left (a lone soft sign) */
	t->skel_len = match_fold_ascii(t->lat, o, t->skel, TOK_ROOM, kz_latin);
	if (!t->skel_len)
		return 0;
	if (letters == 1 || (dotted && letters <= 4 && is_digraph_initial(t->lat)))
		t->flags |= TOK_INITIAL;
	/* An initial Ye./Є. is the sound of Е. (Yelena = Elena). */
	if ((t->flags & TOK_INITIAL) && t->skel_len == 2 && !memcmp(t->skel, "ie", 2)) {
		t->skel[0] = 'e';
		t->skel[1] = '\0';
		t->skel_len = 1;
	}
	if (is_title(t->lat))
		t->flags |= TOK_TITLE;
	nm->n++;
	return 0;
}

/* Parse a name into tokens. */
static int parse_name(const char *name, size_t len, struct mname *nm, cw_err *e)
{
	UChar *u = NULL;
	int32_t ulen = 0, i = 0;
	UChar32 cp[TOK_ROOM * 2];
	size_t ncp = 0;
	enum match_lang lang = MATCH_LANG_RU;
	int has_i = 0, kz_latin = 0, rc = -1;
	size_t main_n = 0;

	nm->n = 0;
	if (normalize(name, len, &u, &ulen, e))
		goto out;
	/* Language hint for the Cyrillic table. */
	while (i < ulen) {
		UChar32 c;
		U16_NEXT(u, i, ulen, c);
		if (match_cp_is_kazakh_latin((uint32_t)c))
			kz_latin = 1;
		if (match_cp_is_kazakh((uint32_t)c))
			lang = MATCH_LANG_KK;
		if (lang != MATCH_LANG_KK && match_cp_is_ukrainian((uint32_t)c))
			lang = MATCH_LANG_UK;
		if (c == 0x0456)
			has_i = 1;
	}
	if (lang != MATCH_LANG_KK && has_i)
		lang = MATCH_LANG_UK;

	i = 0;
	while (i < ulen) {
		UChar32 c;
		U16_NEXT(u, i, ulen, c);
		if (is_word_cp(c)) {
			if (ncp >= sizeof(cp) / sizeof(cp[0])) {
				cw_err_set(e, CW_ELIMIT,
				           "name has a word longer than %d letters",
				           MATCH_MAX_TOKEN_BYTES);
				goto out;
			}
			cp[ncp++] = c;
			continue;
		}
		if (is_apostrophe(c) && ncp) {
			/* Possessive 's at the end of a word: drop both. */
			if (i < ulen && (u[i] == 's') &&
			    (i + 1 >= ulen || !is_word_cp(u[i + 1]))) {
				i++;
			}
			continue; /* O'Brien, Мар'яна: the apostrophe goes */
		}
		if (add_token(nm, cp, ncp, lang, kz_latin, c == '.', e))
			goto out;
		ncp = 0;
	}
	if (add_token(nm, cp, ncp, lang, kz_latin, 0, e))
		goto out;
	/* Baltic forms: two or more words, all ending in s. */
	{
		size_t words = 0, with_s = 0;
		for (size_t k = 0; k < nm->n; k++) {
			const struct mtok *t = &nm->tok[k];
			if (t->flags & (TOK_TITLE | TOK_INITIAL))
				continue;
			words++;
			if (t->skel[t->skel_len - 1] == 's')
				with_s++;
		}
		if (words >= 2 && with_s == words)
			for (size_t k = 0; k < nm->n; k++)
				nm->tok[k].flags |= TOK_BALTIC;
	}
	/* Patronymics need two other words beside them. */
	for (size_t k = 0; k < nm->n; k++)
		if (!(nm->tok[k].flags & (TOK_TITLE | TOK_INITIAL)))
			main_n++;
	if (main_n >= 3)
		for (size_t k = 0; k < nm->n; k++) {
			struct mtok *t = &nm->tok[k];
			if (!(t->flags & (TOK_TITLE | TOK_INITIAL)) &&
			    is_patronymic_skel(t->skel, t->skel_len))
				t->flags |= TOK_PATRONYMIC;
		}
	/* A name has one patronymic at most and keeps two other words: a
	 * Kazakh -ұлы/-қызы word beside a Russian -ович/-овна patronymic, or
	 * one that would leave a single other word, is the surname
	 * (Алибек Жолбергенович Жаксыханулы). Of two -ұлы/-қызы words the
	 * patronymic is the one after the given name: the last word when the
	 * name starts with the given name (Жанна Нұрболқызы Жанғалиқызы),
	 * else the first is the surname (Жанғалиқызы Жанна Нұрболқызы). */
	for (;;) {
		size_t npat = 0, nkz = 0, first_kz = SIZE_MAX, last_kz = SIZE_MAX,
		       last = SIZE_MAX, first_main = SIZE_MAX, drop;
		for (size_t k = 0; k < nm->n; k++) {
			const struct mtok *t = &nm->tok[k];
			if (t->flags & (TOK_TITLE | TOK_INITIAL))
				continue;
			if (first_main == SIZE_MAX)
				first_main = k;
			if (!(t->flags & TOK_PATRONYMIC))
				continue;
			npat++;
			last = k;
			if (is_kazakh_patronymic(t->skel, t->skel_len)) {
				nkz++;
				if (first_kz == SIZE_MAX)
					first_kz = k;
				last_kz = k;
			}
		}
		if (!npat || (npat == 1 && main_n - npat >= 2))
			break;
		if (nkz && nkz < npat)
			drop = last_kz; /* beside a Russian patronymic */
		else if (nkz >= 2)
			drop = (nm->tok[first_main].flags & TOK_PATRONYMIC) ? first_kz
			                                                    : last_kz;
		else
			drop = last;
		nm->tok[drop].flags &= ~TOK_PATRONYMIC;
	}
	rc = 0;
out:
	free(u);
	return rc;
}

static struct mname *mname_new(cw_err *e)
{
	struct mname *nm = malloc(sizeof(*nm));

	if (!nm)
		cw_err_set(e, CW_ENOMEM, "out of memory");
	else
		nm->n = 0;
	return nm;
}

/* ---- whole names ---- */

static int emit_tokens(const char *name, size_t len, cw_buf *out, int skel, int join,
                       cw_err *e)
{
	struct mname *nm = mname_new(e);
	int rc = -1;

	if (!nm)
		return -1;
	if (parse_name(name, len, nm, e))
		goto out;
	for (size_t k = 0; k < nm->n; k++) {
		const struct mtok *t = &nm->tok[k];
		if (k && join && cw_buf_addch(out, ' '))
			goto nomem;
		if (cw_buf_add(out, skel ? t->skel : t->lat,
		               skel ? t->skel_len : t->lat_len))
			goto nomem;
	}
	rc = 0;
	goto out;
nomem:
	cw_err_set(e, CW_ENOMEM, "out of memory");
out:
	free(nm);
	return rc;
}

int match_translit(const char *name, size_t len, cw_buf *out, cw_err *e)
{
	return emit_tokens(name, len, out, 0, 1, e);
}

int match_fold_name(const char *name, size_t len, cw_buf *out, cw_err *e)
{
	return emit_tokens(name, len, out, 1, 1, e);
}

int match_fold_token(const char *tok, size_t len, cw_buf *out, cw_err *e)
{
	return emit_tokens(tok, len, out, 1, 0, e);
}

/* ---- inflection ---- */

static int utf8_ends(const char *s, size_t n, const char *suf)
{
	size_t m = strlen(suf);
	return n > m && !memcmp(s + n - m, suf, m);
}

static size_t utf8_count(const char *s, size_t n)
{
	size_t c = 0;
	for (size_t i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			c++;
	return c;
}

/* Lowercase Cyrillic vowel (UTF-8) that ends s[0..n)? */
static int ends_cyr_vowel(const char *s, size_t n)
{
	static const char *const v[] = {"а", "е", "ё", "и", "о", "у", "ы", "э", "ю",
	                                "я", "ә", "ө", "ұ", "ү", "і", "А", "Е", "И",
	                                "О", "У", "Ы", "Э", "Ю", "Я", "Ә", "Ө", "Ұ",
	                                "Ү", "І", "й", "Й", "ь", "ъ"};
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++)
		if (n >= strlen(v[i]) &&
		    !memcmp(s + n - strlen(v[i]), v[i], strlen(v[i])))
			return 1;
	return 0;
}

int match_strip_inflection(const char *tok, size_t len, cw_buf *out, cw_err *e)
{
	/* Kazakh case endings (after either vowel harmony), then Russian
	 * ones, longest first. Nominative female surname endings are kept. */
	static const char *const kk[] = {
	    "ның", "нің", "дың", "дің", "тың", "тің", "ға",  "ге",  "қа",
	    "ке",  "на",  "не",  "ны",  "ні",  "ды",  "ді",  "ты",  "ті",
	    "да",  "де",  "та",  "те",  "нда", "нде", "дан", "ден", "тан",
	    "тен", "нан", "нен", "мен", "бен", "пен", "ғы",  "гі",
	};
	static const char *const ru_long[] = {"ами", "ыми", "ому", "ему", "ого",
	                                      "его", "ым",  "ом",  "ем",  "ой",
	                                      "ей",  "ах",  "ам"};
	static const char *const ru_short[] = {"а", "я", "у", "ю", "е"};
	static const char *const keep[] = {"ова", "ева",  "ёва",  "ина",
	                                   "ына", "ская", "цкая", "ая"};
	size_t bad = cw_utf8_invalid_at(tok, len);
	size_t n = len;
	int kazakh = 0;

	if (len > CW_MAX_NAME_BYTES)
		return cw_err_set(e, CW_ELIMIT, "word longer than %d bytes",
		                  CW_MAX_NAME_BYTES);
	if (bad < len)
		return cw_err_set(e, CW_EINVAL, "word is not valid UTF-8 (byte %zu)",
		                  bad + 1);
	/* English possessive. */
	if (utf8_ends(tok, n, "'s") || utf8_ends(tok, n, "’s")) {
		n -= utf8_ends(tok, n, "'s") ? 2 : strlen("’s");
		goto done;
	}
	if (utf8_ends(tok, n, "'") || utf8_ends(tok, n, "’")) {
		n -= utf8_ends(tok, n, "'") ? 1 : strlen("’");
		goto done;
	}
	for (size_t i = 0; i + 1 < n; i++) {
		size_t k = i;
		int32_t c = cw_utf8_next(tok, n, &k);
		if (c >= 0 && match_cp_is_kazakh((uint32_t)u_tolower(c)))
			kazakh = 1;
		if (c == 0x0456 || c == 0x0406)
			kazakh = 1;
	}
	for (size_t i = 0; i < sizeof(keep) / sizeof(keep[0]); i++)
		if (utf8_ends(tok, n, keep[i]))
			goto done;
	if (kazakh) {
		/* Kazakh: the suffix follows the stem; at least 3 letters stay. */
		size_t best = 0;
		for (size_t i = 0; i < sizeof(kk) / sizeof(kk[0]); i++) {
			size_t m = strlen(kk[i]);
			if (utf8_ends(tok, n, kk[i]) && m > best &&
			    utf8_count(tok, n - m) >= 3)
				best = m;
		}
		n -= best;
		goto done;
	}
	/* Oblique cases of female surnames: -овой/-евой/-иной -> -ова/-ева/-ина. */
	if ((utf8_ends(tok, n, "овой") || utf8_ends(tok, n, "евой") ||
	     utf8_ends(tok, n, "иной") || utf8_ends(tok, n, "ыной")) &&
	    utf8_count(tok, n) >= 6) {
		if (cw_buf_add(out, tok, n - strlen("ой")) || cw_buf_adds(out, "а"))
			return cw_err_set(e, CW_ENOMEM, "out of memory");
		return 0;
	}
	for (size_t i = 0; i < sizeof(ru_long) / sizeof(ru_long[0]); i++) {
		size_t m = strlen(ru_long[i]);
		if (utf8_ends(tok, n, ru_long[i]) && utf8_count(tok, n - m) >= 3 &&
		    !ends_cyr_vowel(tok, n - m)) {
			n -= m;
			goto done;
		}
	}
	for (size_t i = 0; i < sizeof(ru_short) / sizeof(ru_short[0]); i++) {
		size_t m = strlen(ru_short[i]);
		if (utf8_ends(tok, n, ru_short[i]) && utf8_count(tok, n - m) >= 3 &&
		    !ends_cyr_vowel(tok, n - m)) {
			n -= m;
			goto done;
		}
	}
done:
	if (cw_buf_add(out, tok, n))
		return cw_err_set(e, CW_ENOMEM, "out of memory");
	return 0;
}

/* ---- token similarity ---- */

static int sk_vowel(int c)
{
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

/* Edit costs in tenths of a consonant insertion. */
#define VOWEL_SUB 5 /* a vowel for another, but o/u, e/i, a/o */
#define I_INDEL 3   /* inserting or dropping i (y, й glides) */

/* Costs in tenths, looked up in tables made once. */
static int sub_cost_slow(int x, int y)
{
	static const char *const near[] = {"bp", "dt", "vf", "zs", "gk", "jx", "cq", "cs",
	                                   "xs", "jz", "mn", "xq", "ct", "uv", "pf", "qg",
	                                   "zc", "jg", "dz", "tq", "ij", "ck"};
	if (x == y)
		return 0;
	if (sk_vowel(x) && sk_vowel(y)) {
		if ((x == 'o' && y == 'u') || (x == 'u' && y == 'o') ||
		    (x == 'e' && y == 'i') || (x == 'i' && y == 'e'))
			return 2;
		if ((x == 'a' && y == 'o') || (x == 'o' && y == 'a'))
			return 3;
		return VOWEL_SUB;
	}
	for (size_t i = 0; i < sizeof(near) / sizeof(near[0]); i++)
		if ((near[i][0] == x && near[i][1] == y) ||
		    (near[i][0] == y && near[i][1] == x))
			return 5;
	return 13; /* more than an insertion: consonant changes weigh most */
}

static int indel_cost_slow(int x)
{
	if (x == 'i')
		return I_INDEL;
	if (sk_vowel(x))
		return 3;
	if (x == 'g') /* h is often silent in Latin spellings (John) */
		return 5;
	if (x == 'v')
		return 7;
	return 10;
}

/* Keyboard typos: a vowel struck for a neighbouring consonant key or the
 * reverse (Nazira typed Nszira). Names never vary that way, so on the
 * letters as written it costs like a near sound; consonant neighbours
 * keep their full cost, as they also tell names apart (Zhanar/Zhanat). */
#define TYPO_SUB 5
#define TYPO_MIN_LEN 4 /* letters of a word, else no typo allowance */

static int qwerty_adjacent(int x, int y)
{
	static const char *const rows[] = {"qwertyuiop", "asdfghjkl", "zxcvbnm"};
	int rx = -1, ry = -1, cx = 0, cy = 0;

	if (!x || !y) /* strchr would find the terminator */
		return 0;
	for (int r = 0; r < 3; r++) {
		const char *p;
		if ((p = strchr(rows[r], x)) != NULL) {
			rx = r;
			cx = (int)(p - rows[r]);
		}
		if ((p = strchr(rows[r], y)) != NULL) {
			ry = r;
			cy = (int)(p - rows[r]);
		}
	}
	if (rx < 0 || ry < 0 || x == y)
		return 0;
	if (rx == ry)
		return cx - cy == 1 || cy - cx == 1;
	if (rx - ry == 1 || ry - rx == 1) {
		/* Each row is shifted half a key right of the one above: key c
		 * of the lower row touches keys c and c+1 of the upper row. */
		int lower = rx > ry ? cx : cy, upper = rx > ry ? cy : cx;
		return upper == lower || upper == lower + 1;
	}
	return 0;
}

static unsigned char sub_tab[128][128];
static unsigned char typo_tab[128][128]; /* sub_tab with keyboard typos */
static unsigned char indel_tab[128];
static pthread_once_t cost_once = PTHREAD_ONCE_INIT;

static void cost_init(void)
{
	for (int x = 0; x < 128; x++) {
		indel_tab[x] = (unsigned char)indel_cost_slow(x);
		for (int y = 0; y < 128; y++) {
			int c = sub_cost_slow(x, y);
			sub_tab[x][y] = (unsigned char)c;
			if (sk_vowel(x) != sk_vowel(y) && qwerty_adjacent(x, y) &&
			    c > TYPO_SUB)
				c = TYPO_SUB;
			typo_tab[x][y] = (unsigned char)c;
		}
	}
}

static int indel_cost(int x)
{
	return indel_tab[x & 127];
}

/* Do a and b (n letters each) differ somewhere but at the end by a
 * keyboard typo? */
static int has_typo(const char *a, const char *b, size_t n)
{
	pthread_once(&cost_once, cost_init);
	for (size_t i = 0; i + 1 < n; i++) {
		int ca = a[i] & 127, cb = b[i] & 127;
		if (typo_tab[ca][cb] < sub_tab[ca][cb])
			return 1;
	}
	return 0;
}

/* Weighted edit distance of a and b normalized to a similarity in [0, 1].
 * typo: allow keyboard typos (typo_tab) except on the last letters, where
 * a change is an ending (Aleksandra, Latvian Aleksandrs). */
static double edit_sim(const char *a, size_t alen, const char *b, size_t blen, int typo)
{
	int row0[TOK_ROOM + 1], row1[TOK_ROOM + 1];
	int *prev = row0, *cur = row1;
	const unsigned char(*tab)[128] = typo ? typo_tab : sub_tab;
	size_t mx;

	if (alen > MATCH_MAX_TOKEN_BYTES)
		alen = MATCH_MAX_TOKEN_BYTES;
	if (blen > MATCH_MAX_TOKEN_BYTES)
		blen = MATCH_MAX_TOKEN_BYTES;
	mx = alen > blen ? alen : blen;
	if (!mx || (alen == blen && !memcmp(a, b, alen)))
		return 1.0;
	pthread_once(&cost_once, cost_init);
	prev[0] = 0;
	for (size_t j = 1; j <= blen; j++)
		prev[j] = prev[j - 1] + indel_cost(b[j - 1]);
	for (size_t i = 1; i <= alen; i++) {
		int *t;
		cur[0] = prev[0] + indel_cost(a[i - 1]);
		for (size_t j = 1; j <= blen; j++) {
			int ca = a[i - 1] & 127, cb = b[j - 1] & 127;
			int d = prev[j - 1] +
			        (i == alen && j == blen ? sub_tab[ca][cb] : tab[ca][cb]);
			int x = prev[j] + indel_cost(ca);
			int y = cur[j - 1] + indel_cost(cb);
			if (x < d)
				d = x;
			if (y < d)
				d = y;
			cur[j] = d;
		}
		t = prev;
		prev = cur;
		cur = t;
	}
	{
		/* Normalized by the mean length of the two. */
		double s = 1.0 - (double)prev[blen] / (5.0 * (double)(alen + blen));
		return s < 0 ? 0 : s;
	}
}

double match_skeleton_sim(const char *a, size_t alen, const char *b, size_t blen)
{
	return edit_sim(a, alen, b, blen, 0);
}

/* 'f', 'm' or 0: the gender a Slavic surname ending shows. */
static int skel_gender(const char *s, size_t n)
{
	if (n < 4)
		return 0;
	if (ends(s, n, "ova") || ends(s, n, "eva") || ends(s, n, "ina") ||
	    ends(s, n, "ska") || ends(s, n, "cka"))
		return 'f';
	if (ends(s, n, "ov") || ends(s, n, "ev") || ends(s, n, "in") ||
	    ends(s, n, "ski") || ends(s, n, "cki") || ends(s, n, "skoi"))
		return 'm';
	return 0;
}

/* Initials compare by sound: Ю./Y./J. share i, У./V. share v at the
 * start (Belarusian Уладзімір). */
static int init_letter(char c, size_t pos)
{
	if (c == 'j')
		return 'i';
	if (!pos && c == 'u')
		return 'v';
	return c;
}

/* Does the skeleton of an initial, x[0..n), start the skeleton y[0..yn)? */
static int initial_starts(const char *x, size_t n, const char *y, size_t yn)
{
	size_t k = 0;

	if (n > yn)
		return 0;
	while (k < n && init_letter(x[k], k) == init_letter(y[k], k))
		k++;
	return k == n;
}

/* Does the initial x stand for the token y (a word or a longer initial)?
 * The initial's skeleton is one letter or a digraph's (j for Ж./Zh., iu
 * for Ю./Yu.) and must start y's skeleton: Zh. fits Zharas, not Zarina;
 * Yu. fits Yuri, not Ivan. Y. and I. also fit a word whose leading ye/ie
 * folded to e (Yerlan = Erlan). */
static int initial_fits(const struct mtok *x, const struct mtok *y)
{
	size_t n = x->skel_len;

	if (initial_starts(x->skel, n, y->skel, y->skel_len))
		return 1;
	return n == 1 && init_letter(x->skel[0], 0) == 'i' && y->skel[0] == 'e' &&
	       !(y->flags & TOK_INITIAL) && (y->lat[0] == 'y' || y->lat[0] == 'i');
}

/* An initial also stands for the other forms of a word's given name
 * (given.h): a Ukrainian source writes О. for Aleksandr (Олександр), М. for
 * Nikolai (Микола). */
static int initial_fits_given(const struct mtok *x, const struct mtok *y)
{
	const char *f;

	if (!y->given)
		return 0;
	for (size_t i = 0; (f = match_given_form(y->given, i)) != NULL; i++)
		if (initial_starts(x->skel, x->skel_len, f, strlen(f)))
			return 1;
	return 0;
}

/* A surname with and without the Russian -ов/-ова: Kazakhs often drop
 * it (Omirzaq = Omyrzakov, Baqmurat = Baqmuratova). Scores BARE_SIM times
 * the similarity of the stems, below the same spelling and above the
 * threshold; 0 when the shorter word is no bare stem. The male and female
 * forms of the surname stay apart (Utepov/Utepova, in tok_sim). */
#define BARE_SIM 0.88

static double bare_sim(const struct mtok *x, const struct mtok *y)
{
	static const char *const suf[] = {"ova", "eva", "ov", "ev"};
	const struct mtok *lo = x->skel_len > y->skel_len ? x : y;
	const struct mtok *sh = lo == x ? y : x;
	size_t n = sh->skel_len;

	if (n < 4 || sh->skel[n - 1] == 'a')
		return 0;
	for (size_t k = 0; k < sizeof(suf) / sizeof(suf[0]); k++)
		if (ends(sh->skel, n, suf[k]))
			return 0;
	for (size_t k = 0; k < sizeof(suf) / sizeof(suf[0]); k++) {
		size_t m = strlen(suf[k]);
		if (lo->skel_len >= n + m - 1 && ends(lo->skel, lo->skel_len, suf[k]))
			return BARE_SIM * match_skeleton_sim(sh->skel, n, lo->skel,
			                                     lo->skel_len - m);
	}
	return 0;
}

/* Similarity of two whole words that are forms of one given name in
 * different languages (given.h): like a close spelling variant (Petro /
 * Pyotr 0.93, Oleksii / Aleksei 0.91), below the same spelling, and high
 * enough to leave room for one more small difference in the name (with a
 * surname 0.88 apart, 0.92 x 0.88 = 0.81 is still the same person). */
#define GIVEN_SIM 0.92
#define GIVEN_OTHER 0.45 /* two different given names of the table */

static double tok_sim(const struct mtok *x, const struct mtok *y)
{
	int xi = (x->flags & TOK_INITIAL) != 0, yi = (y->flags & TOK_INITIAL) != 0;
	double s, t;
	int gx, gy, bare = 0;

	/* A patronymic pairs only with a patronymic or an initial:
	 * Kairbekovich is not the surname Kairbek. But an -ұлы/-қызы word
	 * is often the legal surname, so it may pair with the same word that
	 * the other name holds as its surname (Жанна Нұрболқызы). */
	if (((x->flags ^ y->flags) & TOK_PATRONYMIC) && !xi && !yi &&
	    !(is_kazakh_patronymic(x->skel, x->skel_len) &&
	      is_kazakh_patronymic(y->skel, y->skel_len)))
		return 0;
	if (xi && yi)
		return initial_fits(x, y) || initial_fits(y, x) ? 1.0 : 0;
	if (xi || yi) {
		const struct mtok *in = xi ? x : y, *w = xi ? y : x;
		return initial_fits(in, w) || initial_fits_given(in, w) ? 0.9 : 0;
	}
	s = match_skeleton_sim(x->skel, x->skel_len, y->skel, y->skel_len);
	if (s < 0.9) {
		/* Baltic nominative endings on foreign names (Putinas, Putins). */
		static const char *const balt[] = {"as", "is", "us", "s"};
		for (int side = 0; side < 2; side++) {
			const struct mtok *lo = side ? y : x, *sh = side ? x : y;
			for (size_t k = 0; k < sizeof(balt) / sizeof(balt[0]); k++) {
				size_t m = strlen(balt[k]);
				if (!(lo->flags & TOK_BALTIC) || lo->skel_len <= m + 3 ||
				    !ends(lo->skel, lo->skel_len, balt[k]) ||
				    ends(sh->skel, sh->skel_len, balt[k]))
					continue;
				t = 0.97 * match_skeleton_sim(lo->skel, lo->skel_len - m,
				                              sh->skel, sh->skel_len);
				if (t > s)
					s = t;
				break;
			}
		}
	}
	/* A keyboard typo, one key struck for another, shows on the letters
	 * as written (the sz of Nszira folds to ш); only a typo counts there,
	 * not the spelling. */
	if (s < 0.9 && x->lat_len == y->lat_len && x->lat_len >= TYPO_MIN_LEN &&
	    has_typo(x->lat, y->lat, x->lat_len)) {
		t = edit_sim(x->lat, x->lat_len, y->lat, y->lat_len, 1);
		if (t > s && t > edit_sim(x->lat, x->lat_len, y->lat, y->lat_len, 0))
			s = t;
	}
	t = bare_sim(x, y);
	if (t > s) {
		s = t;
		bare = 1;
	}
	{
		/* Female form = male form + a (Aleksandr/Aleksandra,
		 * Utepov/Utepova) or -i/-ia (Evgeni/Evgenia). */
		const struct mtok *lo = x->skel_len > y->skel_len ? x : y;
		const struct mtok *sh = lo == x ? y : x;
		size_t n = sh->skel_len;
		if (n >= 3 && lo->skel_len == n + 1 && lo->skel[n] == 'a' &&
		    !memcmp(lo->skel, sh->skel, n) &&
		    (!sk_vowel(sh->skel[n - 1]) || sh->skel[n - 1] == 'i') && s > 0.45)
			s = 0.45;
	}
	/* A word ending in -a against one ending in a consonant: in Slavic
	 * and Kazakh given names mostly female against male (Olga/Oleg). */
	if (x->skel_len >= 3 && y->skel_len >= 3 && !bare) {
		char ex = x->skel[x->skel_len - 1], ey = y->skel[y->skel_len - 1];
		if ((ex == 'a' && !sk_vowel(ey)) || (ey == 'a' && !sk_vowel(ex)))
			s *= 0.85;
	}
	gx = skel_gender(x->skel, x->skel_len);
	gy = skel_gender(y->skel, y->skel_len);
	if (gx && gy && gx != gy && s > 0.45)
		s = 0.45;
	/* Two forms of one given name (Павло/Павел, Жүсіп/Юсуф): as close as
	 * a close spelling variant. A class holds one sex, so the caps above
	 * do not apply. */
	if (x->given && x->given == y->given && s < GIVEN_SIM)
		s = GIVEN_SIM;
	/* Two given names the table knows as different names: Егор is not
	 * Игорь, Анатолий not Наталья, Олександр not Александра. */
	if (x->given && y->given && x->given != y->given && s > GIVEN_OTHER)
		s = GIVEN_OTHER;
	return s;
}

static double tok_weight(const struct mtok *t)
{
	if (t->flags & TOK_INITIAL)
		return 0.5;
	if (t->flags & TOK_PATRONYMIC)
		return 0.5;
	return 1.0;
}

#define PAIR_MIN 0.6
#define ANCHOR_MIN 0.8

static double score_names(const struct mname *A, const struct mname *B)
{
	static _Thread_local float sim[CW_MAX_NAME_TOKENS][CW_MAX_NAME_TOKENS];
	int usedA[CW_MAX_NAME_TOKENS] = {0}, usedB[CW_MAX_NAME_TOKENS] = {0};
	double logp = 0, score;
	int anchors = 0, init_pairs = 0;
	size_t leftA = 0, leftB = 0;

	for (size_t i = 0; i < A->n; i++)
		for (size_t j = 0; j < B->n; j++)
			sim[i][j] = (A->tok[i].flags | B->tok[j].flags) & TOK_TITLE
			                ? -1.0f
			                : (float)tok_sim(&A->tok[i], &B->tok[j]);
	for (size_t i = 0; i < A->n; i++)
		usedA[i] = (A->tok[i].flags & TOK_TITLE) != 0;
	for (size_t j = 0; j < B->n; j++)
		usedB[j] = (B->tok[j].flags & TOK_TITLE) != 0;

	/* Greedy best pairs above PAIR_MIN; full words before initials. */
	for (;;) {
		double best = -1;
		size_t bi = 0, bj = 0;
		for (size_t i = 0; i < A->n; i++) {
			if (usedA[i])
				continue;
			for (size_t j = 0; j < B->n; j++) {
				double s;
				if (usedB[j])
					continue;
				s = sim[i][j];
				if ((A->tok[i].flags | B->tok[j].flags) & TOK_INITIAL)
					s -= 0.2; /* after the full words */
				if (s > best) {
					best = s;
					bi = i;
					bj = j;
				}
			}
		}
		if (best < 0 || sim[bi][bj] < PAIR_MIN)
			break;
		{
			const struct mtok *x = &A->tok[bi], *y = &B->tok[bj];
			double w =
			    tok_weight(x) < tok_weight(y) ? tok_weight(x) : tok_weight(y);
			logp += w * log(sim[bi][bj]);
			if (!((x->flags | y->flags) & (TOK_INITIAL | TOK_PATRONYMIC)) &&
			    sim[bi][bj] >= ANCHOR_MIN)
				anchors++;
			if ((x->flags | y->flags) & TOK_INITIAL)
				init_pairs++;
		}
		usedA[bi] = usedB[bj] = 1;
	}

	/* Conflicts: words left on both sides are pairs that do not match. */
	{
		size_t ma = 0, mb = 0, ia = 0, ib = 0, pa = 0, pb = 0;
		for (size_t i = 0; i < A->n; i++) {
			if (usedA[i])
				continue;
			if (A->tok[i].flags & TOK_INITIAL)
				ia++;
			else if (A->tok[i].flags & TOK_PATRONYMIC)
				pa++;
			else
				ma++;
		}
		for (size_t j = 0; j < B->n; j++) {
			if (usedB[j])
				continue;
			if (B->tok[j].flags & TOK_INITIAL)
				ib++;
			else if (B->tok[j].flags & TOK_PATRONYMIC)
				pb++;
			else
				mb++;
		}
		/* Best remaining similarity for each forced pair of main words. */
		{
			size_t k = ma < mb ? ma : mb;
			for (size_t c = 0; c < k; c++) {
				double best = -1;
				size_t bi = 0, bj = 0;
				for (size_t i = 0; i < A->n; i++) {
					if (usedA[i] || (A->tok[i].flags &
					                 (TOK_INITIAL | TOK_PATRONYMIC)))
						continue;
					for (size_t j = 0; j < B->n; j++) {
						if (usedB[j] ||
						    (B->tok[j].flags &
						     (TOK_INITIAL | TOK_PATRONYMIC)))
							continue;
						if (sim[i][j] > best) {
							best = sim[i][j];
							bi = i;
							bj = j;
						}
					}
				}
				if (best < 0)
					break;
				/* a forced pair of different words */
				logp += log(best > 0.01 ? best * 0.5 : 0.005);
				usedA[bi] = usedB[bj] = 1;
			}
			leftA = ma - k;
			leftB = mb - k;
		}
		/* Initials that disagree with what is left on the other side. */
		if (ia && (ib || mb || pb))
			logp += log(0.6);
		if (ib && (ia || ma || pa))
			logp += log(0.6);
		/* Two different patronymics. */
		if (pa && pb)
			logp += log(0.7);
		/* An initial facing nothing, or a full word with no partner, is
		 * just less information. */
	}
	score = exp(logp);
	if (!anchors)
		return score < 0.5 ? score : 0.5;
	/* Words only one side has. */
	{
		size_t left = leftA + leftB;
		if (left) {
			if (anchors >= 2)
				for (size_t k = 0; k < left; k++)
					score *= 0.97;
			else if (init_pairs)
				score *= 0.95;
			else
				score *= 0.9;
		}
	}
	return score;
}

static int mname_cmp(const struct mname *A, const struct mname *B)
{
	for (size_t i = 0; i < A->n && i < B->n; i++) {
		int c = strcmp(A->tok[i].skel, B->tok[i].skel);
		if (c)
			return c;
		if (A->tok[i].flags != B->tok[i].flags)
			return A->tok[i].flags < B->tok[i].flags ? -1 : 1;
	}
	return A->n < B->n ? -1 : A->n > B->n;
}

/* Look up the given-name class of each word for scoring. Not in
 * parse_name: the table is folded with match_fold_token, which parses. */
static void mark_given(struct mname *nm)
{
	for (size_t k = 0; k < nm->n; k++) {
		struct mtok *t = &nm->tok[k];
		if (!(t->flags & (TOK_TITLE | TOK_INITIAL | TOK_PATRONYMIC)))
			t->given = match_given_class(t->skel, t->skel_len);
	}
}

/* The names parsed last on this thread, with their text: dedup compares
 * one person's names with many others' in a row, and parsing (ICU
 * normalization, transliteration, folding) costs more than scoring. The
 * least recently used slot is parsed into. */
#define PARSE_CACHE 4

struct parsed {
	int valid;
	size_t len;
	unsigned long used;
	char text[CW_MAX_NAME_BYTES];
	struct mname nm;
};

static _Thread_local struct parsed parse_cache[PARSE_CACHE];
static _Thread_local unsigned long parse_clock;

/* The parsed form of s, from the cache or parsed into a slot that does
 * not hold keep; NULL with e set when s is refused. */
static const struct mname *parsed_name(const char *s, size_t len, const struct mname *keep,
                                       cw_err *e)
{
	struct parsed *p = NULL;

	for (int i = 0; i < PARSE_CACHE; i++) {
		struct parsed *c = &parse_cache[i];
		if (c->valid && c->len == len && !memcmp(c->text, s, len)) {
			c->used = ++parse_clock;
			return &c->nm;
		}
		if (&c->nm != keep && (!p || !c->valid || (p->valid && c->used < p->used)))
			p = c;
	}
	p->valid = 0;
	if (parse_name(s, len, &p->nm, e))
		return NULL;
	mark_given(&p->nm);
	if (len <= sizeof(p->text)) { /* longer names were refused above */
		memcpy(p->text, s, len);
		p->len = len;
		p->used = ++parse_clock;
		p->valid = 1;
	}
	return &p->nm;
}

int match_name_compare(const char *a, size_t alen, const char *b, size_t blen,
                       double *score, cw_err *e)
{
	const struct mname *A, *B;

	*score = 0;
	if (!(A = parsed_name(a, alen, NULL, e)) || !(B = parsed_name(b, blen, A, e)))
		return -1;
	/* The greedy pairing breaks ties by position: put the two names in a
	 * canonical order so that the score is symmetric. */
	*score = mname_cmp(A, B) <= 0 ? score_names(A, B) : score_names(B, A);
	if (*score > 1)
		*score = 1;
	return 0;
}

double match_name_score(const char *a, size_t alen, const char *b, size_t blen)
{
	cw_err e = CW_ERR_INIT;
	double s;

	if (match_name_compare(a, alen, b, blen, &s, &e))
		return 0;
	return s;
}

/* ---- keys ---- */

void match_keys_init(struct match_keys *k)
{
	k->n = 0;
	cw_buf_init(&k->text, 0);
}

void match_keys_release(struct match_keys *k)
{
	cw_buf_release(&k->text);
	k->n = 0;
}

const char *match_keys_get(const struct match_keys *k, size_t i)
{
	return i < k->n ? k->text.data + k->off[i] : NULL;
}

static int keys_add(struct match_keys *k, char kind, const char *s, size_t n)
{
	size_t start = k->text.len;

	if (k->n >= MATCH_MAX_KEYS)
		return 0; /* enough keys */
	if (cw_buf_addf(&k->text, "%d:%c:", MATCH_KEY_VERSION, kind) ||
	    cw_buf_add(&k->text, s, n))
		return -1;
	for (size_t i = 0; i < k->n; i++) {
		if (!strcmp(k->text.data + k->off[i], k->text.data + start)) {
			cw_buf_setlen(&k->text, start);
			return 0;
		}
	}
	if (cw_buf_addch(&k->text, '\0'))
		return -1;
	k->off[k->n++] = start;
	return 0;
}

static int cmp_str(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

int match_name_keys(const char *name, size_t len, struct match_keys *out, cw_err *e)
{
	struct mname *nm = mname_new(e);
	const char *sorted[CW_MAX_NAME_TOKENS];
	size_t ns = 0;
	cw_buf s = CW_BUF_INIT;
	int rc = -1;

	out->n = 0;
	cw_buf_reset(&out->text);
	if (!nm)
		return -1;
	if (parse_name(name, len, nm, e))
		goto out;
	for (size_t k = 0; k < nm->n; k++) {
		const struct mtok *t = &nm->tok[k];
		if (t->flags & (TOK_TITLE | TOK_INITIAL | TOK_PATRONYMIC))
			continue;
		if (keys_add(out, 't', t->skel, t->skel_len))
			goto nomem;
		sorted[ns++] = t->skel;
	}
	for (size_t k = 0; k < nm->n; k++) {
		const struct mtok *t = &nm->tok[k];
		char c[TOK_ROOM];
		size_t nc = 0;
		if (t->flags & (TOK_TITLE | TOK_INITIAL | TOK_PATRONYMIC))
			continue;
		for (size_t i = 0; i < t->skel_len; i++)
			if (!sk_vowel(t->skel[i]))
				c[nc++] = t->skel[i];
		if (nc && keys_add(out, 'c', c, nc))
			goto nomem;
	}
	if (ns) {
		qsort(sorted, ns, sizeof(sorted[0]), cmp_str);
		for (size_t k = 0; k < ns; k++)
			if ((k && cw_buf_addch(&s, '_')) || cw_buf_adds(&s, sorted[k]))
				goto nomem;
		if (keys_add(out, 's', s.data, s.len))
			goto nomem;
	}
	rc = 0;
	goto out;
nomem:
	cw_err_set(e, CW_ENOMEM, "out of memory");
out:
	cw_buf_release(&s);
	free(nm);
	return rc;
}
