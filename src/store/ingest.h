/* store/ingest.h: writing ingested articles (see io/ingest.h).
 *
 * An article is a source record, its document (bytes and extracted text)
 * and its mentions, written together inside a savepoint of the writer's
 * transaction: all of it or nothing. */
#ifndef CW_STORE_INGEST_H
#define CW_STORE_INGEST_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "base/err.h"
#include "store/db.h"
#include "store/record.h"

/* What the database already holds, for deduplication: the id, sha256 and
 * url of every source (sha256 or url may be NULL). */
typedef int (*store_known_fn)(void *arg, const char *id, const char *sha256, const char *url);
int store_ingest_each_known(cw_db *db, store_known_fn fn, void *arg, cw_err *e);

struct store_mention {
	const char *kind, *text;
	long start, end;       /* code points in the document text */
	const char *value;     /* normalized value, or NULL */
	const char *suggested; /* a record id, or NULL */
};

/* Write one article: the document, the source record rec (canonical, with
 * body its serialization) and, when the source is new, its mentions. *res
 * tells whether the source was created. On failure nothing of it stays. */
int store_ingest_put(store_writer *w, json_t *rec, const char *body, const char *sha256,
                     const void *data, size_t len, const char *media_type, const char *text,
                     const struct store_mention *m, size_t nm, enum store_put_result *res,
                     cw_err *e);

#endif
