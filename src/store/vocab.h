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
bool store_vocab_has(const store_vocab *v, const char *vocabulary, const char *code);
/* The codes of a vocabulary, ", "-separated into out (cut with ", ..."
 * when it does not fit), for messages. */
void store_vocab_codes(const store_vocab *v, const char *vocabulary, char *out, size_t cap);
/* Label in lang ("en", "ru", "kk"); falls back to English, then the code.
 * The returned string lives until the next call. */
const char *store_vocab_label(store_vocab *v, const char *vocabulary, const char *code,
                              const char *lang);
void store_vocab_free(store_vocab *v);

/* The vocabularies casewatch knows ("event_kind", "source_kind",
 * "sentence_kind", "regime", "role", "organization_kind"). */
bool store_vocab_known(const char *vocabulary);
/* Add or relabel a code (in the caller's transaction); *changed tells
 * whether anything was written. Keeps the checker v (may be NULL) in step. */
int store_vocab_put(cw_db *db, store_vocab *v, const char *vocabulary, const char *code,
                    const char *en, const char *ru, const char *kk, bool *changed,
                    cw_err *e);
/* Entries that differ from the built-in ones (added or relabelled), in
 * vocabulary, code order: what an export must carry. */
typedef int (*store_vocab_fn)(void *arg, const char *vocabulary, const char *code,
                              const char *en, const char *ru, const char *kk);
int store_vocab_each_custom(cw_db *db, store_vocab_fn fn, void *arg, cw_err *e);

#endif
