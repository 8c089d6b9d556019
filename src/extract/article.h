/* extract/article.h: HTML or flattened text -> the article and its metadata.
 *
 * A pure function of its input: no database, no files, no globals that
 * outlive a call. It is what the ingest workers run on untrusted pages.
 * The input may be HTML (any declared or undeclared encoding), gzip'd HTML
 * or plain text; extract_article() tells them apart itself. */
#ifndef CW_EXTRACT_ARTICLE_H
#define CW_EXTRACT_ARTICLE_H

#include <stddef.h>

#include "base/err.h"

struct cw_article {
	/* Each field is a malloc'd, NUL-terminated UTF-8 string or NULL when
	 * unknown; text is never NULL after success ("" when nothing found).
	 * Paragraphs in text are separated by one blank line. */
	char *title;
	char *text;
	char *published; /* partial date, YYYY[-MM[-DD]] */
	char *author;
	char *language;  /* BCP 47 primary tag, "en", "ru", "kk", ... */
	char *url;       /* url_hint if given, else the page's canonical URL */
	int is_html;     /* 1 when the input was parsed as HTML */
};

/* Extract from data[0..len). url_hint may be NULL. Input over
 * CW_MAX_DOCUMENT (after gunzip) fails with CW_ELIMIT; a binary file or a
 * truncated gzip stream fails with CW_EINVAL. On success the caller owns
 * *out and releases it with cw_article_release(). */
int extract_article(const char *data, size_t len, const char *url_hint,
                    struct cw_article *out, cw_err *e);
void cw_article_release(struct cw_article *a);

#endif
