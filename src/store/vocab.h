/* store/vocab.h: vocabularies (event kinds, source kinds, sentence kinds,
 * regimes, roles, organization kinds) with en/ru/kk labels. */
#ifndef CW_STORE_VOCAB_H
#define CW_STORE_VOCAB_H

#include <stdbool.h>

#include "base/err.h"
#include "store/db.h"

typedef struct store_vocab store_vocab;

/* A cached checker over one connection; free with store_vocab_free. */
store_vocab *store_vocab_open(cw_db *db, cw_err *e);
bool store_vocab_has(void *vocab, const char *vocabulary, const char *code);
/* Label in lang ("en", "ru", "kk"); falls back to English, then the code.
 * The returned string lives until the next call. */
const char *store_vocab_label(store_vocab *v, const char *vocabulary, const char *code,
                              const char *lang);
void store_vocab_free(store_vocab *v);

#endif
