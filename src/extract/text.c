/* extract/text.c: flattened text (a scraper's output with the page
 * furniture left in) -> the article; and helpers shared with html.c:
 * whitespace collapsing, date normalization, language guessing.
 *
 * Flattened text: one line per block of the page. Lines that are page
 * furniture everywhere (menus, "Accessibility links", media-player
 * leftovers such as "0:00 0:01:22 0:00" or "16x9 Image") are dropped, as
 * are repeats of a line already seen; the article runs from the first to
 * the last line that reads as prose, and a publisher's boilerplate
 * paragraph at either end of it (copyright, "all rights reserved", who we
 * are) is dropped too. */
#include "extract/extract_int.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "base/grow.h"
#include "base/limits.h"
#include "base/utf8.h"

/* Width of the whitespace sequence at s[i] (0 when none): ASCII space,
 * U+00A0, U+2000..U+200B, U+202F, U+205F, U+3000, U+FEFF. */
static size_t space_at(const unsigned char *s, size_t len, size_t i)
{
	unsigned char c = s[i];

	if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v')
		return 1;
	if (c == 0xC2 && i + 1 < len && s[i + 1] == 0xA0)
		return 2;
	if (c == 0xE2 && i + 2 < len && s[i + 1] == 0x80 &&
	    ((s[i + 2] >= 0x80 && s[i + 2] <= 0x8B) || s[i + 2] == 0xAF))
		return 3;
	if (c == 0xE2 && i + 2 < len && s[i + 1] == 0x81 && s[i + 2] == 0x9F)
		return 3;
	if (c == 0xE3 && i + 2 < len && s[i + 1] == 0x80 && s[i + 2] == 0x80)
		return 3;
	if (c == 0xEF && i + 2 < len && s[i + 1] == 0xBB && s[i + 2] == 0xBF)
		return 3;
	return 0;
}

int extract_add_collapsed(cw_buf *b, const char *str, size_t len, int *pending_space)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;

	while (i < len) {
		size_t w = space_at(s, len, i), j;
		if (w) {
			*pending_space = 1;
			i += w;
			continue;
		}
		j = i;
		while (j < len && !space_at(s, len, j) && s[j] >= 0x20)
			j++;
		if (j == i) { /* a control character: skip it */
			i++;
			continue;
		}
		if (*pending_space && b->len > 0 && b->data[b->len - 1] != '\n') {
			if (cw_buf_addch(b, ' '))
				return -1;
		}
		*pending_space = 0;
		if (cw_buf_add(b, s + i, j - i))
			return -1;
		i = j;
	}
	return 0;
}

static int read_num(const char *s, int *i, int maxd)
{
	int v = 0, d = 0;
	while (s[*i] >= '0' && s[*i] <= '9' && d < maxd) {
		v = v * 10 + (s[*i] - '0');
		(*i)++;
		d++;
	}
	return d ? v : -1;
}

static int month_name(const char *s, int *i)
{
	static const char *const names[] = {"jan", "feb", "mar", "apr", "may", "jun",
	                                    "jul", "aug", "sep", "oct", "nov", "dec"};
	char low[4];
	int k;

	for (k = 0; k < 3 && s[*i + k]; k++)
		low[k] = (char)(s[*i + k] >= 'A' && s[*i + k] <= 'Z' ? s[*i + k] + 32
		                                                     : s[*i + k]);
	if (k < 3)
		return 0;
	low[3] = '\0';
	for (int m = 0; m < 12; m++)
		if (!strcmp(low, names[m])) {
			while ((s[*i] >= 'a' && s[*i] <= 'z') ||
			       (s[*i] >= 'A' && s[*i] <= 'Z'))
				(*i)++;
			if (s[*i] == '.')
				(*i)++;
			return m + 1;
		}
	return 0;
}

static char *date_out(int y, int m, int d)
{
	char txt[CW_DATE_TEXT_MAX];
	cw_date dt;
	cw_err e = CW_ERR_INIT;
	char tmp[32];
	int n;

	if (m && d)
		n = snprintf(tmp, sizeof(tmp), "%04d-%02d-%02d", y, m, d);
	else if (m)
		n = snprintf(tmp, sizeof(tmp), "%04d-%02d", y, m);
	else
		n = snprintf(tmp, sizeof(tmp), "%04d", y);
	if (n < 0 || (size_t)n >= sizeof(tmp) || cw_date_parse(tmp, (size_t)n, &dt, &e))
		return NULL;
	cw_date_format(&dt, txt);
	return strdup(txt);
}

char *extract_norm_date(const char *s)
{
	int i = 0, a, b, c, m;

	while (s[i] == ' ' || s[i] == '\t' || s[i] == '\n')
		i++;
	s += i;
	i = 0;
	a = read_num(s, &i, 4);
	if (a < 0) {
		/* "November 25, 2019" */
		m = month_name(s, &i);
		if (!m)
			return NULL;
		while (s[i] == ' ')
			i++;
		b = read_num(s, &i, 2);
		while (s[i] == ',' || s[i] == ' ')
			i++;
		c = read_num(s, &i, 4);
		return b > 0 && c >= 1000 ? date_out(c, m, b) : NULL;
	}
	if (i == 4) {
		/* YYYY-MM-DD, YYYY/MM/DD, YYYY.MM.DD, YYYYMMDD, YYYY-MM, YYYY */
		if (s[i] == '-' || s[i] == '/' || s[i] == '.') {
			char sep = s[i++];
			b = read_num(s, &i, 2);
			if (b < 0)
				return date_out(a, 0, 0);
			if (s[i] == sep) {
				i++;
				c = read_num(s, &i, 2);
				return date_out(a, b, c > 0 ? c : 0);
			}
			return date_out(a, b, 0);
		}
		if (s[i] >= '0' && s[i] <= '9') {
			b = read_num(s, &i, 2);
			c = read_num(s, &i, 2);
			return b > 0 && c > 0 ? date_out(a, b, c) : NULL;
		}
		return date_out(a, 0, 0);
	}
	if (i <= 2 && (s[i] == '.' || s[i] == '/' || s[i] == '-')) {
		char sep = s[i++];
		b = read_num(s, &i, 2);
		if (b < 0 || s[i] != sep)
			return NULL;
		i++;
		c = read_num(s, &i, 4);
		if (c < 1000)
			return NULL;
		if (sep == '/' && a <= 12 && b > 12)
			return date_out(c, a, b); /* M/D/Y */
		return date_out(c, b, a);         /* D.M.Y */
	}
	if (i <= 2 && s[i] == ' ') {
		/* "25 November 2019" */
		i++;
		m = month_name(s, &i);
		if (!m)
			return NULL;
		while (s[i] == ' ' || s[i] == ',')
			i++;
		c = read_num(s, &i, 4);
		return c >= 1000 ? date_out(c, m, a) : NULL;
	}
	return NULL;
}

/* Language from the script and, for Latin text, from function words. */
const char *extract_guess_language(const char *s, size_t len)
{
	static const struct {
		const char *lang;
		const char *words[8];
	} latin[] = {
	    {"en", {"the", "and", "of", "to", "is", "that", "with", "was"}},
	    {"de", {"der", "die", "und", "das", "nicht", "mit", "ist", "von"}},
	    {"pl", {"się", "nie", "że", "jest", "na", "do", "oraz", "przez"}},
	    {"fr", {"le", "les", "et", "est", "des", "une", "dans", "pour"}},
	    {"es", {"el", "los", "que", "y", "en", "las", "por", "una"}},
	    {"it", {"il", "che", "di", "per", "non", "della", "sono", "gli"}},
	    {"nl", {"het", "een", "van", "en", "niet", "dat", "zijn", "voor"}},
	    {"tr", {"ve", "bir", "bu", "için", "ile", "olarak", "da", "çok"}},
	    {"pt", {"não", "que", "os", "uma", "com", "para", "mais", "foi"}},
	    {"kk", {"және", "мен", "бұл", "үшін", "деп", "жылы", "бойынша", "туралы"}},
	};
	size_t lim = len < 200000 ? len : 200000, i = 0;
	long cyr = 0, kz = 0, uk = 0, be = 0, latin_n = 0, greek = 0, arab = 0,
	     hebrew = 0;
	long kana = 0, han = 0, hangul = 0, georgian = 0, armenian = 0;
	long score[sizeof(latin) / sizeof(latin[0])] = {0};
	char word[32];
	size_t wl = 0;

	while (i < lim) {
		size_t start = i;
		int32_t cp = cw_utf8_next(s, lim, &i);
		int letter = 0;
		if (cp < 0)
			continue;
		if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
		    (cp >= 0xC0 && cp <= 0x24F)) {
			latin_n++;
			letter = 1;
		} else if (cp >= 0x400 && cp <= 0x4FF) {
			cyr++;
			letter = 1;
			if (cp == 0x4D9 || cp == 0x4D8 || cp == 0x493 || cp == 0x492 ||
			    cp == 0x49B || cp == 0x49A || cp == 0x4A3 || cp == 0x4A2 ||
			    cp == 0x4E9 || cp == 0x4E8 || cp == 0x4B1 || cp == 0x4B0 ||
			    cp == 0x4AF || cp == 0x4AE || cp == 0x4BB || cp == 0x4BA)
				kz++;
			else if (cp == 0x457 || cp == 0x454 || cp == 0x491 ||
			         cp == 0x407 || cp == 0x404)
				uk++;
			else if (cp == 0x45E || cp == 0x40E)
				be++;
		} else if (cp >= 0x370 && cp <= 0x3FF) {
			greek++;
		} else if (cp >= 0x600 && cp <= 0x6FF) {
			arab++;
		} else if (cp >= 0x590 && cp <= 0x5FF) {
			hebrew++;
		} else if (cp >= 0x3040 && cp <= 0x30FF) {
			kana++;
		} else if (cp >= 0x4E00 && cp <= 0x9FFF) {
			han++;
		} else if (cp >= 0xAC00 && cp <= 0xD7AF) {
			hangul++;
		} else if (cp >= 0x10A0 && cp <= 0x10FF) {
			georgian++;
		} else if (cp >= 0x530 && cp <= 0x58F) {
			armenian++;
		}
		if (letter && wl + (i - start) < sizeof(word)) {
			for (size_t k = start; k < i; k++) {
				char ch = s[k];
				word[wl++] =
				    (char)(ch >= 'A' && ch <= 'Z' ? ch + 32 : ch);
			}
		} else if (!letter) {
			if (wl > 0) {
				for (size_t l = 0; l < sizeof(latin) / sizeof(latin[0]);
				     l++)
					for (size_t k = 0; k < 8; k++)
						if (strlen(latin[l].words[k]) == wl &&
						    !memcmp(latin[l].words[k], word, wl))
							score[l]++;
			}
			wl = 0;
		}
	}
	{
		long most = latin_n;
		const char *lang = NULL;
		if (cyr > most) {
			most = cyr;
			if (kz * 200 > cyr)
				lang = "kk";
			else if (uk * 300 > cyr)
				lang = "uk";
			else if (be * 300 > cyr)
				lang = "be";
			else
				lang = "ru";
		}
		if (greek > most) {
			most = greek;
			lang = "el";
		}
		if (arab > most) {
			most = arab;
			lang = "ar";
		}
		if (hebrew > most) {
			most = hebrew;
			lang = "he";
		}
		if (georgian > most) {
			most = georgian;
			lang = "ka";
		}
		if (armenian > most) {
			most = armenian;
			lang = "hy";
		}
		if (hangul > most) {
			most = hangul;
			lang = "ko";
		}
		if (kana * 10 > han && kana > 0 && kana + han > most) {
			most = kana + han;
			lang = "ja";
		}
		if (han > most) {
			most = han;
			lang = "zh";
		}
		if (most < 20)
			return NULL;
		if (lang)
			return lang;
		{
			long best = 0;
			for (size_t l = 0; l + 1 < sizeof(latin) / sizeof(latin[0]); l++)
				if (score[l] > best) {
					best = score[l];
					lang = latin[l].lang;
				}
			return best >= 3 ? lang : NULL;
		}
	}
}

/* ---- flattened text ---- */

static int ci_equal(const char *a, size_t alen, const char *b)
{
	size_t bl = strlen(b);
	if (alen != bl)
		return 0;
	for (size_t i = 0; i < bl; i++) {
		char x = a[i] >= 'A' && a[i] <= 'Z' ? a[i] + 32 : a[i];
		if (x != b[i])
			return 0;
	}
	return 1;
}

/* Case-insensitive (ASCII) substring search. */
static int ci_contains(const char *s, size_t len, const char *needle)
{
	size_t n = strlen(needle);
	for (size_t i = 0; i + n <= len; i++) {
		size_t k = 0;
		while (k < n) {
			char x =
			    s[i + k] >= 'A' && s[i + k] <= 'Z' ? s[i + k] + 32 : s[i + k];
			if (x != needle[k])
				break;
			k++;
		}
		if (k == n)
			return 1;
	}
	return 0;
}

/* A whole line that is page furniture on any site. */
static int furniture_line(const char *s, size_t len)
{
	static const char *const exact[] = {
	    "accessibility links",
	    "skip to main content",
	    "skip to content",
	    "skip to navigation",
	    "breaking news",
	    "please wait",
	    "loading",
	    "loading...",
	    "no media source currently available",
	    "share",
	    "print",
	    "email",
	    "e-mail",
	    "comments",
	    "comment",
	    "embed",
	    "copy link",
	    "copy",
	    "tweet",
	    "facebook",
	    "twitter",
	    "whatsapp",
	    "telegram",
	    "linkedin",
	    "image",
	    "photo",
	    "video",
	    "audio",
	    "advertisement",
	    "menu",
	    "search",
	    "close",
	    "next",
	    "previous",
	    "back to top",
	    "the code has been copied to your clipboard.",
	    "the url has been copied to your clipboard",
	    "the url has been copied to your clipboard.",
	    "share this",
	    "follow us",
	    "see all",
	    "see comments",
	    "read more",
	    "related",
	    "more",
	    "home",
	    "subscribe",
	    "sign in",
	    "log in",
	    "download",
	    "listen",
	    "watch",
	    "play",
	    "pause",
	    "mute",
	    "unmute",
	    "fullscreen",
	    "exit fullscreen",
	    "previous next",
	    "print this page",
	    "поделиться",
	    "Реклама",
	    "Поделиться",
	    "Читайте также",
	    "Читайте также:",
	    "Жарнама",
	    "жарнама",
	    "Бөлісу",
	    "реклама",
	    "комментарии",
	    "читать далее",
	    "подписаться",
	    "пожалуйста, подождите",
	    "бөлісу",
	    "пікірлер",
	};
	int only_time = 1, has_colon = 0, digits = 0;

	for (size_t i = 0; i < sizeof(exact) / sizeof(exact[0]); i++)
		if (ci_equal(s, len, exact[i]))
			return 1;
	/* Media-player time codes: "0:00 0:01:22 0:00". */
	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		if (c >= '0' && c <= '9')
			digits++;
		else if (c == ':')
			has_colon = 1;
		else if (c != ' ' && c != '/')
			only_time = 0;
	}
	if (only_time && has_colon && digits > 0)
		return 1;
	/* "16x9 Image", "4x3 Image" */
	{
		size_t i = 0;
		while (i < len && s[i] >= '0' && s[i] <= '9')
			i++;
		if (i > 0 && i < len && (s[i] == 'x' || s[i] == 'X')) {
			size_t j = i + 1;
			while (j < len && s[j] >= '0' && s[j] <= '9')
				j++;
			if (j > i + 1 &&
			    (j == len || ci_equal(s + j, len - j, " image") ||
			     ci_equal(s + j, len - j, " video")))
				return 1;
		}
	}
	return 0;
}

int extract_boilerplate_para(const char *s, size_t len, int at_edge)
{
	static const char *const strong[] = {
	    "all rights reserved",
	    "©",
	    "(c) ",
	    "copyright",
	    "все права защищены",
	    "барлық құқықтар қорғалған",
	    "alle rechte vorbehalten",
	    "wszelkie prawa zastrzeżone",
	    "при использовании материалов",
	    "при цитировании",
	    "terms of use",
	    "privacy policy",
	    "cookie",
	};
	static const char *const edge[] = {
	    "subscribe",
	    "sign up for",
	    "follow us",
	    "download our app",
	    "newsletter",
	    "does not necessarily reflect",
	    "views expressed",
	    "is a private",
	    "nonprofit",
	    "non-profit",
	    "501(c)",
	    "funded by",
	    "reprinted with",
	    "radio free europe",
	    "rfe/rl",
	    "independent media",
	    "Подписывайтесь",
	    "Подпишитесь",
	    "Читайте нас",
	    "Жазылыңыз",
	    "Присоединяйтесь",
	    "подписывайтесь",
	    "подпишитесь",
	    "жазылыңыз",
	    "our journalists",
	    "contact us",
	    "reproduction",
	    "republish",
	    "editorial policy",
	    "send us your",
	    "tips to",
	    "abonnieren",
	    "subskrybuj",
	    "suscrí",
	    "hazte miembro",
	    "únete",
	    "abonnez-vous",
	    "download the",
	    "our app",
	    "letter to the editor",
	    "escríbenos",
	    "escribirnos",
	    "to view the full story",
	    "already a subscriber",
	    "log in for",
	    "канал в telegram",
	    "наш telegram",
	    "telegram channel",
	    "whatsapp channel",
	};
	if (len > 2000) /* boilerplate is short; keep this linear */
		return 0;
	for (size_t i = 0; i < sizeof(strong) / sizeof(strong[0]); i++)
		if (ci_contains(s, len, strong[i]) && (at_edge || len < 300))
			return 1;
	if (at_edge)
		for (size_t i = 0; i < sizeof(edge) / sizeof(edge[0]); i++)
			if (ci_contains(s, len, edge[i]))
				return 1;
	return 0;
}

/* Prose: a long line, or a sentence of several words. */
static int prose_line(const char *s, size_t len)
{
	size_t chars = 0, words = 1;
	char last = len ? s[len - 1] : 0;

	for (size_t i = 0; i < len; i++) {
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			chars++;
		if (s[i] == ' ')
			words++;
	}
	if (chars >= 100 && words >= 12)
		return 1;
	return words >= 6 && (last == '.' || last == '!' || last == '?' || last == '"' ||
	                      last == ':' || (unsigned char)last == 0xBB /* » */ ||
	                      (unsigned char)last == 0x9D /* ” */);
}

struct line {
	size_t off, len; /* in the collapsed copy */
	int keep;
};

int extract_text(const char *s, size_t len, struct cw_article *out, cw_err *e)
{
	cw_buf lines = CW_BUF_INIT, res = CW_BUF_INIT;
	struct line *v = NULL;
	size_t n = 0, cap = 0, i = 0;
	int rc = -1;
	long first = -1, last = -1;
	size_t *table = NULL, tsize;

	cw_buf_init(&lines, CW_MAX_DOCUMENT * 2u);
	cw_buf_init(&res, CW_MAX_DOCUMENT * 2u);
	/* Split into collapsed, trimmed lines. */
	while (i <= len) {
		size_t j = i;
		int sp = 0;
		struct line L;
		while (j < len && s[j] != '\n' && s[j] != '\r')
			j++;
		L.off = lines.len;
		if (extract_add_collapsed(&lines, s + i, j - i, &sp)) {
			cw_err_set(e, CW_ENOMEM, "out of memory");
			goto out;
		}
		L.len = lines.len - L.off;
		L.keep = L.len > 0;
		if (cw_grow(&v, &cap, n + 1, sizeof(*v), 256)) {
			cw_err_set(e, CW_ENOMEM, "out of memory");
			goto out;
		}
		v[n++] = L;
		if (j < len && s[j] == '\r' && j + 1 < len && s[j + 1] == '\n')
			j++;
		i = j + 1;
	}
	/* Furniture and repeated lines (a hash set of the lines seen). */
	tsize = 16;
	while (tsize < 2 * n)
		tsize *= 2;
	table = calloc(tsize, sizeof(*table));
	if (!table) {
		cw_err_set(e, CW_ENOMEM, "out of memory");
		goto out;
	}
	for (size_t k = 0; k < n; k++) {
		const char *t = lines.data + v[k].off;
		uint64_t h = 1469598103934665603ull;
		size_t slot;
		if (!v[k].keep)
			continue;
		if (furniture_line(t, v[k].len)) {
			v[k].keep = 0;
			continue;
		}
		for (size_t q = 0; q < v[k].len; q++)
			h = (h ^ (unsigned char)t[q]) * 1099511628211ull;
		for (slot = (size_t)h & (tsize - 1); table[slot];
		     slot = (slot + 1) & (tsize - 1)) {
			const struct line *o = &v[table[slot] - 1];
			if (o->len == v[k].len &&
			    !memcmp(lines.data + o->off, t, v[k].len)) {
				v[k].keep = 0;
				break;
			}
		}
		if (v[k].keep)
			table[slot] = k + 1;
	}
	/* The article: from the first to the last line of prose. */
	for (size_t k = 0; k < n; k++)
		if (v[k].keep && prose_line(lines.data + v[k].off, v[k].len)) {
			if (first < 0)
				first = (long)k;
			last = (long)k;
		}
	if (first >= 0) {
		/* A title-like line just before the first prose line is the title. */
		for (long k = first - 1; k >= 0; k--) {
			if (!v[k].keep)
				continue;
			if (v[k].len >= 15 && v[k].len < 300 && !out->title)
				out->title = strndup(lines.data + v[k].off, v[k].len);
			break;
		}
		for (long k = 0; k < (long)n; k++)
			if (k < first || k > last)
				v[k].keep = 0;
		/* Boilerplate at either end (up to three paragraphs deep). */
		{
			long kept = 0;
			for (long k = last; k >= first && kept < 3; k--) {
				if (!v[k].keep)
					continue;
				kept++;
				if (extract_boilerplate_para(lines.data + v[k].off,
				                             v[k].len, 1))
					v[k].keep = 0;
			}
			kept = 0;
			for (long k = first; k <= last && kept < 2; k++) {
				if (!v[k].keep)
					continue;
				kept++;
				if (extract_boilerplate_para(lines.data + v[k].off,
				                             v[k].len, 0))
					v[k].keep = 0;
			}
		}
	}
	for (size_t k = 0; k < n; k++) {
		if (!v[k].keep)
			continue;
		if ((res.len > 0 && cw_buf_adds(&res, "\n\n")) ||
		    cw_buf_add(&res, lines.data + v[k].off, v[k].len)) {
			cw_err_set(e, CW_ENOMEM, "out of memory");
			goto out;
		}
	}
	out->text = cw_buf_detach(&res, NULL);
	if (!out->text) {
		cw_err_set(e, CW_ENOMEM, "out of memory");
		goto out;
	}
	rc = 0;
out:
	free(table);
	free(v);
	cw_buf_release(&lines);
	cw_buf_release(&res);
	return rc;
}
