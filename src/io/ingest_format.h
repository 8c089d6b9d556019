/* io/ingest_format.h: what kind of document a file is, and which
 * extractor reads it.
 *
 * The ingest worker asks ingest_format_of() about the (inflated) bytes of
 * each document and has the format it names read them; the parent stores
 * the document under the media type the worker reports, and accepts
 * only the types a format here declares (a worker is untrusted). Today
 * one format reads everything: extract_article(), which tells HTML in any
 * encoding from plain text itself and refuses binary data.
 *
 * A new kind (PDF, DOCX/ODT, a Telegram export) is one entry in the
 * table in ingest_format.c, ahead of the catch-all: a test on the first
 * bytes, a reader that fills a cw_article, the media types it stores.
 * A reader runs in the worker, under its limits, and sees only the
 * document. A format whose file holds several articles (a Telegram
 * export: one source per message) needs the answer to carry a list;
 * the protocol (ingest_worker.h) carries one article today. */
#ifndef CW_IO_INGEST_FORMAT_H
#define CW_IO_INGEST_FORMAT_H

#include <stdbool.h>
#include <stddef.h>

#include "base/err.h"
#include "extract/article.h"

struct ingest_format {
	const char *name;
	/* Whether data[0..len) is of this kind; NULL: anything. */
	bool (*is)(const char *data, size_t len);
	/* Extract the article (the caller releases it on success). */
	int (*read)(const char *data, size_t len, struct cw_article *a, cw_err *e);
	/* The media type the document is stored with, given its article. */
	const char *(*media_type)(const struct cw_article *a);
	/* Every media type media_type() may return, NULL-terminated. */
	const char *const *media_types;
};

/* The format that reads data (never NULL: the last one takes anything). */
const struct ingest_format *ingest_format_of(const char *data, size_t len);

/* Is mt a media type some format stores documents with? */
bool ingest_format_media_type_known(const char *mt);

#endif
