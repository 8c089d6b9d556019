/* store/vocab.c: see vocab.h. */
#include "store/vocab.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/grow.h"
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
	char buf[1024];
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
		if (cw_grow(&v->codes, &cap, v->n + 1, sizeof(*v->codes), 64))
			break;
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

bool store_vocab_has(const store_vocab *v, const char *vocabulary, const char *code)
{
	for (size_t i = 0; i < v->n; i++)
		if (!strcmp(v->codes[i].code, code) && !strcmp(v->codes[i].vocabulary, vocabulary))
			return true;
	return false;
}

void store_vocab_codes(const store_vocab *v, const char *vocabulary, char *out, size_t cap)
{
	size_t len = 0;

	if (!cap)
		return;
	out[0] = 0;
	for (size_t i = 0; i < v->n; i++) {
		int n;
		if (strcmp(v->codes[i].vocabulary, vocabulary))
			continue;
		n = snprintf(out + len, cap - len, "%s%s", len ? ", " : "", v->codes[i].code);
		if (n < 0 || (size_t)n >= cap - len) {
			if (cap > 6)
				snprintf(out + (len < cap - 6 ? len : cap - 6), 6, ", ...");
			break;
		}
		len += (size_t)n;
	}
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

bool store_vocab_known(const char *vocabulary)
{
	static const char *const known[] = { "event_kind", "source_kind", "sentence_kind",
		                             "regime", "role", "organization_kind" };
	for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		if (!strcmp(known[i], vocabulary))
			return true;
	return false;
}

int store_vocab_put(cw_db *db, store_vocab *v, const char *vocabulary, const char *code,
                    const char *en, const char *ru, const char *kk, bool *changed,
                    cw_err *e)
{
	sqlite3_stmt *st = store_prepare(db,
	                                 "INSERT INTO vocab(vocabulary, code, label_en, label_ru,"
	                                 " label_kk) VALUES (?1,?2,?3,?4,?5)"
	                                 " ON CONFLICT(vocabulary, code) DO UPDATE SET"
	                                 " label_en=?3, label_ru=?4, label_kk=?5 WHERE"
	                                 " label_en IS NOT ?3 OR label_ru IS NOT ?4"
	                                 " OR label_kk IS NOT ?5",
	                                 e);
	int rc = 0;

	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, vocabulary, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, code, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, en, -1, SQLITE_STATIC);
	store_bind_str(st, 4, ru);
	store_bind_str(st, 5, kk);
	if (sqlite3_step(st) != SQLITE_DONE)
		rc = store_sqlerr(db, e, "vocabulary");
	*changed = sqlite3_changes(db->h) > 0;
	sqlite3_finalize(st);
	if (!rc && v && !store_vocab_has(v, vocabulary, code)) {
		struct vocab_code *p = realloc(v->codes, (v->n + 1) * sizeof(*p));
		if (p) {
			v->codes = p;
			p[v->n].vocabulary = strdup(vocabulary);
			p[v->n].code = strdup(code);
			if (p[v->n].vocabulary && p[v->n].code)
				v->n++;
		}
	}
	return rc;
}

int store_vocab_each_custom(cw_db *db, store_vocab_fn fn, void *arg, cw_err *e)
{
	sqlite3_stmt *st = store_prepare(db,
	                                 "SELECT vocabulary, code, label_en, label_ru, label_kk"
	                                 " FROM vocab ORDER BY vocabulary, code",
	                                 e);
	int rc = 0;

	if (!st)
		return -1;
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *vo = (const char *)sqlite3_column_text(st, 0);
		const char *co = (const char *)sqlite3_column_text(st, 1);
		const char *en = (const char *)sqlite3_column_text(st, 2);
		const char *ru = (const char *)sqlite3_column_text(st, 3);
		const char *kk = (const char *)sqlite3_column_text(st, 4);
		if (store_vocab_builtin(vo, co, en, ru, kk))
			continue;
		if ((rc = fn(arg, vo, co, en, ru, kk)))
			break;
	}
	sqlite3_finalize(st);
	return rc ? -1 : 0;
}
