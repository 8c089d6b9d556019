/* match/match_int.h: internals shared by the files of match/ (not for
 * other modules: use match.h). translit.c owns the transliteration tables
 * and the skeleton folding; name.c owns tokenizing, keys and scoring. */
#ifndef CW_MATCH_MATCH_INT_H
#define CW_MATCH_MATCH_INT_H

#include <stddef.h>
#include <stdint.h>

/* Language hints for the Cyrillic table, detected once per name. */
enum match_lang {
	MATCH_LANG_RU = 0, /* Russian and anything not recognized */
	MATCH_LANG_UK = 1, /* Ukrainian or Belarusian: г -> h, и -> y */
	MATCH_LANG_KK = 2, /* Kazakh */
};

/* Lowercase ASCII for one code point of a case-folded (NFKC_Casefold)
 * token, written to out (room for 8 bytes, not NUL-terminated). Returns
 * the byte count: 0 when the code point contributes nothing (marks, hard
 * and soft signs), -1 when this table does not know it (another script). */
int match_translit_cp(uint32_t cp, enum match_lang lang, char *out);

/* Is cp a Cyrillic letter that only Kazakh (resp. Ukrainian/Belarusian)
 * uses? For the language hint. */
int match_cp_is_kazakh(uint32_t cp);
int match_cp_is_ukrainian(uint32_t cp);

/* Input bytes folded per token (longer input is cut). */
#define MATCH_FOLD_MAX_IN 128

/* Fold lowercase ASCII letters in[0..n) to the skeleton (see match.h) in
 * out (cap bytes, NUL-terminated); returns its length. Other bytes of in
 * are ignored. kz_latin: the name is in a Kazakh Latin alphabet (j = ж).
 * out may need up to 2 * n + 1 bytes (x -> ks). */
size_t match_fold_ascii(const char *in, size_t n, char *out, size_t cap, int kz_latin);

/* Is cp a letter only the Kazakh Latin alphabets (2018, 2021) or Turkic
 * Latin use? Then j in that name is ж. */
int match_cp_is_kazakh_latin(uint32_t cp);

#endif
