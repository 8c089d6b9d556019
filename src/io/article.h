/* io/article.h: an extracted article as JSON, the one shape of it.
 *
 * `casewatch extract --format json` prints it, and the ingest worker
 * sends it to the parent (with what ingest adds: the media type and the
 * mentions). Keys in this order: title, text, published, author,
 * language, url; a field extract_article() did not find is null. */
#ifndef CW_IO_ARTICLE_H
#define CW_IO_ARTICLE_H

#include <jansson.h>

#include "extract/article.h"

/* Add the article's fields to the object o, after what o holds. 0, or -1
 * when memory ran out (o may then hold some of them). */
int io_article_json(json_t *o, const struct cw_article *a);

#endif
