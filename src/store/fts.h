/* store/fts.h: full-text search plumbing: our FTS5 tokenizer.
 *
 * The "casewatch" tokenizer wraps FTS5's unicode61 and folds what readers
 * treat as the same letter: ё/е, and the Kazakh letters to their Russian
 * look-alikes (Қ/К, Ө/О, Ғ/Г, Ұ/У, Ү/У, Һ/Х, І/И, Ә/А, Ң/Н), in indexed
 * text and in queries alike. Registered on every connection. */
#ifndef CW_STORE_FTS_H
#define CW_STORE_FTS_H

#include <sqlite3.h>
#include <stddef.h>

#include "base/err.h"

int store_fts_register(sqlite3 *h, cw_err *e);
/* Fold one UTF-8 token as the tokenizer does; out needs len+1 bytes (the
 * folding never lengthens). Returns the folded length. Exposed for tests. */
size_t store_fts_fold(const char *in, size_t len, char *out);

#endif
