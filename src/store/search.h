/* store/search.h: the full-text index (table `fts`) and searching it.
 *
 * One fts row per searchable record, rowid = record.rid:
 *   person, organization  title = the names joined by " / "; body = notes;
 *                         keys = the folded skeleton of every name
 *                         (match_fold_name), so a query in any script
 *                         or romanization finds them;
 *   case                  title = the case number (else the id); body =
 *                         authority, region, charges, notes;
 *   source                title = the title (else the url); body = author,
 *                         publisher, the document's extracted text (when
 *                         the source has a sha256 and the document is
 *                         stored) and notes.
 * Events, provisions and affiliations are not indexed (bulk imports stay
 * fast). Citation excerpts are never indexed: they may quote a source the
 * reader cannot see. The `casewatch` tokenizer (fts.c) folds case, ё/е
 * and the Kazakh letters in text and queries alike. store_put keeps the
 * index in step (store_fts_index, internal.h). */
#ifndef CW_STORE_SEARCH_H
#define CW_STORE_SEARCH_H

#include <stdbool.h>

#include "base/buf.h"
#include "base/err.h"
#include "store/db.h"

/* Turn a user's query into an FTS5 expression that cannot be a syntax
 * error: words are quoted terms (all must match); "a phrase" stays a
 * phrase (an unbalanced quote closes at the end); word* is a prefix
 * query; a word also matches the folded name keys, so Latin `Kaiyrbek`
 * finds Cyrillic `Қайырбек`. Punctuation-only words are dropped. Appends
 * to out; fails with CW_EINVAL "bad query: ..." when nothing searchable
 * is left. */
int store_search_query(const char *q, cw_buf *out, cw_err *e);

#define STORE_SEARCH_MAX_LIMIT 1000
/* Markers around matched terms in snippets. */
#define STORE_HL_OPEN "\x01"
#define STORE_HL_CLOSE "\x02"

struct store_search_hit {
	const char *type, *id, *title;
	const char *snippet; /* terms between STORE_HL_OPEN and STORE_HL_CLOSE */
	const char *url, *sha256; /* sources only, else NULL */
	double score;             /* rank: lower is better */
};
/* Called for each hit, best first; strings are valid during the call. */
typedef int (*store_search_fn)(void *arg, const struct store_search_hit *h, cw_err *e);

/* Search for the user's query q among records visible at clearance (live,
 * their level with dependencies allows, a withdrawn source counting as
 * confidential below confidential), optionally of one type ("person",
 * "case", "source", "organization"), at most limit hits. */
int store_search(cw_db *db, const char *q, const char *type, int clearance, int limit,
                 store_search_fn fn, void *arg, cw_err *e);

#endif
