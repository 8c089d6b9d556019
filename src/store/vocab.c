/* store/vocab.c: see vocab.h. */
#include "store/vocab.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/internal.h"

struct store_vocab {
	cw_db *db;
	sqlite3_stmt *has, *label;
	char buf[256];
};

store_vocab *store_vocab_open(cw_db *db, cw_err *e)
{
	store_vocab *v = calloc(1, sizeof(*v));

	if (!v) {
		cw_err_set(e, CW_ENOMEM, "out of memory");
		return NULL;
	}
	v->db = db;
	v->has = store_prepare(db, "SELECT 1 FROM vocab WHERE vocabulary=? AND code=?", e);
	v->label = store_prepare(db,
	                         "SELECT label_en, label_ru, label_kk FROM vocab WHERE"
	                         " vocabulary=? AND code=?",
	                         e);
	if (!v->has || !v->label) {
		store_vocab_free(v);
		return NULL;
	}
	return v;
}

bool store_vocab_has(void *arg, const char *vocabulary, const char *code)
{
	store_vocab *v = arg;
	bool r;

	sqlite3_bind_text(v->has, 1, vocabulary, -1, SQLITE_STATIC);
	sqlite3_bind_text(v->has, 2, code, -1, SQLITE_STATIC);
	r = sqlite3_step(v->has) == SQLITE_ROW;
	sqlite3_reset(v->has);
	return r;
}

const char *store_vocab_label(store_vocab *v, const char *vocabulary, const char *code,
                              const char *lang)
{
	int col = lang && !strcmp(lang, "ru") ? 1 : lang && !strcmp(lang, "kk") ? 2 : 0;

	snprintf(v->buf, sizeof(v->buf), "%s", code);
	sqlite3_bind_text(v->label, 1, vocabulary, -1, SQLITE_STATIC);
	sqlite3_bind_text(v->label, 2, code, -1, SQLITE_STATIC);
	if (sqlite3_step(v->label) == SQLITE_ROW) {
		const char *s = (const char *)sqlite3_column_text(v->label, col);
		if (!s)
			s = (const char *)sqlite3_column_text(v->label, 0);
		if (s)
			snprintf(v->buf, sizeof(v->buf), "%s", s);
	}
	sqlite3_reset(v->label);
	return v->buf;
}

void store_vocab_free(store_vocab *v)
{
	if (!v)
		return;
	sqlite3_finalize(v->has);
	sqlite3_finalize(v->label);
	free(v);
}
