/* io/ingest_worker.h: the extraction worker and the protocol it speaks.
 *
 * The worker (io_ingest_worker_main, declared in ingest.h, run as
 * `casewatch extract-worker` by io/ingest_supervise.c) reads untrusted
 * documents on its standard input and answers on its standard output, one
 * document at a time:
 *   request:  "SIZE PUBLISHED\n" and SIZE bytes (PUBLISHED a date or "-")
 *   answer:   "LEN RAWLEN RECYCLE\n", LEN bytes of JSON, RAWLEN bytes
 * The JSON is the article (io/article.h: "title", "text", "published",
 * "author", "language", "url", null when unknown) followed by
 * "media_type" (as io/ingest_format.h names it) and
 * "mentions":[{"kind","text","start","end","value"}], or
 * {"error": MESSAGE}. RAWLEN > 0 carries the uncompressed document when
 * the request was gzip'd (the parent hashes and stores the uncompressed
 * bytes, and never inflates untrusted data itself). RECYCLE 1 says the
 * worker exits after this answer (its CPU budget is used up).
 *
 * The worker inflates gzip, has the extractor of the document's kind
 * (ingest_format.h) read the article, and finds its mentions without a
 * lexicon: it never sees a name from the database. This header
 * is shared by the two ends of the protocol; nothing outside
 * src/io/ingest*.c uses it. */
#ifndef CW_IO_INGEST_WORKER_H
#define CW_IO_INGEST_WORKER_H

#include <stdbool.h>
#include <stddef.h>

#include "base/limits.h"

/* The longest request or answer header line, newline included. */
#define INGEST_HEADER_MAX 128
/* The longest answer's JSON: the text, mentions and metadata. */
#define INGEST_ANSWER_MAX ((size_t)CW_MAX_DOCUMENT * 5)

/* Does the document start like a gzip stream (which the worker inflates)? */
bool ingest_is_gzip(const char *p, size_t n);

/* The request header for a document of len bytes into hdr (at least
 * INGEST_HEADER_MAX bytes); published NULL for none. Its length. */
size_t ingest_request_header(char *hdr, size_t len, const char *published);

/* An answer's framing, from its header line. */
struct ingest_answer {
	size_t header_len; /* the header line with its newline */
	size_t json_len;   /* JSON bytes after it */
	size_t raw_len;    /* inflated document bytes after the JSON */
	int recycle;       /* the worker exits after this answer */
};

/* Parse the answer whose first n bytes have arrived in p: 1 when all of
 * it is there (*a filled), 0 when more is to come, -1 when the header is
 * garbled or announces more than the limits allow. */
int ingest_answer_parse(const char *p, size_t n, struct ingest_answer *a);

#endif
