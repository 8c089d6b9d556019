/* extract/extract_int.h: the pieces behind extract_article(), shared by
 * article.c, decode.c, html.c and text.c. Not for use outside extract/. */
#ifndef CW_EXTRACT_EXTRACT_INT_H
#define CW_EXTRACT_EXTRACT_INT_H

#include <stddef.h>

#include "base/buf.h"
#include "base/err.h"
#include "extract/article.h"

/* Which character encoding the input was read as. */
enum extract_enc {
	EXTRACT_ENC_UTF8 = 0,
	EXTRACT_ENC_DECLARED, /* a BOM, meta charset or XML declaration */
	EXTRACT_ENC_CP1251,   /* guessed: undeclared Cyrillic */
	EXTRACT_ENC_KOI8R,    /* guessed: undeclared Cyrillic */
	EXTRACT_ENC_CP1252,   /* guessed: undeclared Western */
};

struct extract_input {
	cw_buf text;          /* the document as UTF-8 (BOM removed) */
	int is_html;          /* 1 when it looks like HTML */
	enum extract_enc enc; /* how it was decoded */
	char charset[40];     /* the charset converted from, "" for UTF-8 */
};

/* Gunzip if needed, reject binary and oversize input, detect the encoding
 * and convert to UTF-8, tell HTML from text. in->text must be initialized;
 * the caller releases it. */
int extract_decode(const char *data, size_t len, struct extract_input *in, cw_err *e);

/* Guess the single-byte encoding of bytes that are not valid UTF-8:
 * "windows-1251", "KOI8-R" or "windows-1252". */
const char *extract_guess_charset(const char *s, size_t len, enum extract_enc *enc);

/* Find a declared charset in the first bytes of an HTML/XML document
 * (meta charset, http-equiv content, XML declaration). Copies the name,
 * lowercased, into out and returns 1, or returns 0. */
int extract_declared_charset(const char *s, size_t len, char *out, size_t outsz);

/* 1 when the UTF-8 text looks like HTML rather than plain text. */
int extract_looks_html(const char *s, size_t len);

/* The two extraction paths; fill out->text (and what else they find). */
int extract_html(const char *s, size_t len, struct cw_article *out, cw_err *e);
int extract_text(const char *s, size_t len, struct cw_article *out, cw_err *e);

/* Guess a BCP 47 primary language tag from UTF-8 text, or NULL. */
const char *extract_guess_language(const char *s, size_t len);

/* Append s[0..len) to b with runs of whitespace (ASCII and U+00A0)
 * collapsed to one space; *pending_space carries a pending space over
 * calls. Returns 0 or -1 (out of memory / over the maximum). */
int extract_add_collapsed(cw_buf *b, const char *s, size_t len, int *pending_space);

/* A publisher's boilerplate paragraph (copyright, subscribe, who we are).
 * at_edge: the paragraph is among the first or last of the article, where
 * weaker signals count too. */
int extract_boilerplate_para(const char *s, size_t len, int at_edge);

/* Normalize a date found in metadata ("2019-07-07T10:00:00Z",
 * "2019/07/07", "07.07.2019") to YYYY[-MM[-DD]]; malloc'd or NULL. */
char *extract_norm_date(const char *s);

#endif
