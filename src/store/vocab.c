/* store/vocab.c: see vocab.h. */
#include "store/vocab.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/internal.h"

/* The vocabularies are small (tens of codes): kept in memory for checks. */
struct vocab_code {
	char *vocabulary, *code;
};

struct store_vocab {
	cw_db *db;
	sqlite3_stmt *label;
	struct vocab_code *codes;
	size_t n;
	char buf[256];
};

store_vocab *store_vocab_open(cw_db *db, cw_err *e)
{
	store_vocab *v = calloc(1, sizeof(*v));

	if (!v) {
		cw_err_set(e, CW_ENOMEM, "out of memory");
		return NULL;
	}
	sqlite3_stmt *all;
	size_t cap = 0;

	v->db = db;
	v->label = store_prepare(db,
	                         "SELECT label_en, label_ru, label_kk FROM vocab WHERE"
	                         " vocabulary=? AND code=?",
	                         e);
	all = store_prepare(db, "SELECT vocabulary, code FROM vocab", e);
	if (!v->label || !all) {
		sqlite3_finalize(all);
		store_vocab_free(v);
		return NULL;
	}
	while (sqlite3_step(all) == SQLITE_ROW) {
		if (v->n == cap) {
			size_t nc = cap ? cap * 2 : 64;
			struct vocab_code *p = realloc(v->codes, nc * sizeof(*p));
			if (!p)
				break;
			v->codes = p;
			cap = nc;
		}
		v->codes[v->n].vocabulary = strdup((const char *)sqlite3_column_text(all, 0));
		v->codes[v->n].code = strdup((const char *)sqlite3_column_text(all, 1));
		if (!v->codes[v->n].vocabulary || !v->codes[v->n].code) {
			free(v->codes[v->n].vocabulary);
			free(v->codes[v->n].code);
			break;
		}
		v->n++;
	}
	sqlite3_finalize(all);
	return v;
}

bool store_vocab_has(void *arg, const char *vocabulary, const char *code)
{
	store_vocab *v = arg;

	for (size_t i = 0; i < v->n; i++)
		if (!strcmp(v->codes[i].code, code) && !strcmp(v->codes[i].vocabulary, vocabulary))
			return true;
	return false;
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
	for (size_t i = 0; i < v->n; i++) {
		free(v->codes[i].vocabulary);
		free(v->codes[i].code);
	}
	free(v->codes);
	sqlite3_finalize(v->label);
	free(v);
}
