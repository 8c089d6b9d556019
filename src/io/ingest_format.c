/* io/ingest_format.c: the kinds of document ingest reads. See
 * ingest_format.h. */
#include "io/ingest_format.h"

#include <string.h>

/* ---- web pages and text ---- */

static int read_page(const char *data, size_t len, struct cw_article *a, cw_err *e)
{
	return extract_article(data, len, NULL, a, e);
}

static const char *page_type(const struct cw_article *a)
{
	return a->is_html ? "text/html" : "text/plain";
}

static const char *const page_types[] = {"text/html", "text/plain", NULL};

/* ---- the table: the first whose test passes reads the document ---- */

static const struct ingest_format formats[] = {
    /* HTML in any encoding, or plain text: extract_article tells them
     * apart, and refuses binary data. */
    {"web page or text", NULL, read_page, page_type, page_types},
};

#define NFORMATS (sizeof(formats) / sizeof(formats[0]))

const struct ingest_format *ingest_format_of(const char *data, size_t len)
{
	for (size_t i = 0; i + 1 < NFORMATS; i++)
		if (formats[i].is(data, len))
			return &formats[i];
	return &formats[NFORMATS - 1];
}

bool ingest_format_media_type_known(const char *mt)
{
	for (size_t i = 0; mt && i < NFORMATS; i++)
		for (const char *const *t = formats[i].media_types; *t; t++)
			if (!strcmp(*t, mt))
				return true;
	return false;
}
