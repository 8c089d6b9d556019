/* match/match.h: person names: normalization, transliteration, keys and
 * pairwise scoring (DESIGN.md "match").
 *
 * Everything here is a pure function of its input: no database, no
 * printing, no exit, no global state the caller can see (ICU's normalizer
 * singletons and, for scripts other than Latin and Cyrillic, one ICU
 * transliterator per thread are opened lazily and kept).
 *
 * Pipeline for one name (docs/names.md tells the whole story):
 *   1. limits: at most CW_MAX_NAME_BYTES bytes of valid UTF-8 and at most
 *      CW_MAX_NAME_TOKENS tokens, else CW_ELIMIT / CW_EINVAL;
 *   2. ICU NFKC case folding (unorm2 NFKC_Casefold);
 *   3. tokens: runs of letters; apostrophes inside a token are dropped,
 *      a possessive 's is removed ("Rittman's" -> rittman), hyphens, dots,
 *      commas and spaces separate; a one-letter token is an initial, and
 *      so is a romanized digraph written with a dot (Zh. Sh. Kh. Ye. Дж.);
 *   4. transliteration to lowercase ASCII with OUR tables (translit.c,
 *      versioned by MATCH_TRANSLIT_VERSION): Russian, Ukrainian,
 *      Belarusian and Kazakh Cyrillic, Latin diacritics including the
 *      Kazakh Latin alphabets of 2018 (á ǵ ı ń ó ú ý) and 2021 (ä ğ ı ñ ö ş
 *      ū ü); other scripts go through ICU "Any-Latin; Latin-ASCII";
 *   5. folding to a skeleton: romanization variants merged (kh/h/g/gh,
 *      zh/j/dzh/dj, sh/sch/shch/sz, ch/tch/tsch/cz, ts/tz/c, y/i/j, q/k,
 *      w/v, x/ks, ph/f, th/t), doubled letters collapsed, glides between
 *      vowels dropped. The skeleton alphabet is pinyin-like: x = sh/shch,
 *      q = ch, c = ts, j = zh/dzh, g = g/h/kh/gh.
 * Scoring (match_name_score) compares skeletons token by token in any
 * word order with a weighted edit distance (cheap vowel changes, cheap
 * voicing pairs), lets initials match full tokens, ignores a patronymic
 * (-ovich/-ovna/-ұлы/-қызы ...) or title present on one side only, and
 * keeps female and male surname forms apart (Utepova != Utepov). */
#ifndef CW_MATCH_MATCH_H
#define CW_MATCH_MATCH_H

#include <stddef.h>

#include "base/buf.h"
#include "base/err.h"

/* Version of the key rules. Every key text starts with "<version>:", so a
 * migration can find and rebuild stored keys made by older rules. Bump it
 * whenever translit.c or the folding rules change what a key looks like. */
#define MATCH_KEY_VERSION 3
#define MATCH_TRANSLIT_VERSION 1

/* Scores at or above this mean "same person" (name-score prints same). */
#define MATCH_DEFAULT_THRESHOLD 0.80

/* Limits of this module (on top of base/limits.h). */
#define MATCH_MAX_TOKEN_BYTES 128 /* one transliterated token */
#define MATCH_MAX_KEYS 80         /* keys of one name */

/* ---- normalization of a whole name ---- */

/* Readable transliteration: tokens in lowercase ASCII, separated by one
 * space ("Асқар Қайырбек" -> "asqar qaiyrbek"). Appends to out. */
int match_translit(const char *name, size_t len, cw_buf *out, cw_err *e);

/* Folded skeleton of every token, in input order, separated by one space
 * ("Asqar Qaiyrbek" and "Askar Kaiyrbek" -> "askar kairbek"). */
int match_fold_name(const char *name, size_t len, cw_buf *out, cw_err *e);

/* ---- one token ---- */

/* Transliterated and folded form of one token: what a full-text index of
 * names stores so that `Kaiyrbek` finds `Қайырбек`. The token may carry
 * punctuation (it is tokenized like a name); when it holds several
 * tokens their skeletons are joined without space. Appends to out;
 * an empty result (no letters) is not an error. */
int match_fold_token(const char *tok, size_t len, cw_buf *out, cw_err *e);

/* Strip a Russian or Kazakh case ending or an English possessive from one
 * token found in running text, for matching text mentions against names:
 *   Кайырбека -> Кайырбек, Қайырбекке -> Қайырбек, Rittman's -> Rittman,
 *   Утеповым -> Утепов.
 * The token keeps its script and case; out receives the stem (the token
 * itself when no ending applies). Endings that are also nominative forms
 * are kept: -ова/-ева/-ина/-ская (female surnames) and vowel-final tokens
 * after a vowel stay as they are. A bare -а/-я/-у/-е/-ю is stripped only
 * after a consonant and when at least three letters remain, so a female
 * first name in the nominative (Анна) would lose it: mention matchers
 * should compare both the token and its stem. */
int match_strip_inflection(const char *tok, size_t len, cw_buf *out, cw_err *e);

/* ---- keys for blocking and people indexes ---- */

/* A small set of keys for a name. Each key is a NUL-terminated string
 * "<MATCH_KEY_VERSION>:<kind>:<text>", kinds:
 *   t  skeleton of one token (not initials, titles or patronymics)
 *   c  consonant skeleton of one token (vowels dropped: tolerant of
 *      Өтепова/Утепова/Otepova), for blocking
 *   s  sorted skeletons of the name's main tokens joined by '_'
 * Keys hold no spaces (lowercase ASCII letters, digits, ':' and '_').
 * Keys are unique within one set and listed in that order. */
struct match_keys {
	size_t n;
	size_t off[MATCH_MAX_KEYS]; /* start of key i in text.data */
	cw_buf text;                /* the keys, each followed by a NUL */
};

void match_keys_init(struct match_keys *k);
void match_keys_release(struct match_keys *k);
/* Key i (i < k->n); owned by k, valid until the next call on k. */
const char *match_keys_get(const struct match_keys *k, size_t i);
/* Fill out (which the caller has initialized; it is reset first). */
int match_name_keys(const char *name, size_t len, struct match_keys *out, cw_err *e);

/* ---- scoring ---- */

/* Similarity of two names in [0, 1]; invalid or over-limit input scores 0.
 * Symmetric. Use match_name_compare to learn why an input was refused. */
double match_name_score(const char *a, size_t alen, const char *b, size_t blen);
/* The same with errors: 0 and *score on success, -1 and e filled when
 * either name is invalid UTF-8 or over a limit. */
int match_name_compare(const char *a, size_t alen, const char *b, size_t blen,
                       double *score, cw_err *e);

/* Similarity of two folded skeletons (as match_fold_token makes) in [0, 1]:
 * the token-level measure behind match_name_score. */
double match_skeleton_sim(const char *a, size_t alen, const char *b, size_t blen);

#endif
