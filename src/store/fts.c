/* store/fts.c: the "casewatch" FTS5 tokenizer (internal.h). */
#include "store/internal.h"

#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"

static uint32_t fold_cp(uint32_t c)
{
	switch (c) {
	case 0x0451: case 0x0401: return 0x0435; /* ё Ё -> е */
	case 0x049B: case 0x049A: return 0x043A; /* қ -> к */
	case 0x04E9: case 0x04E8: return 0x043E; /* ө -> о */
	case 0x0493: case 0x0492: return 0x0433; /* ғ -> г */
	case 0x04B1: case 0x04B0: return 0x0443; /* ұ -> у */
	case 0x04AF: case 0x04AE: return 0x0443; /* ү -> у */
	case 0x04BB: case 0x04BA: return 0x0445; /* һ -> х */
	case 0x0456: case 0x0406: return 0x0438; /* і -> и */
	case 0x04D9: case 0x04D8: return 0x0430; /* ә -> а */
	case 0x04A3: case 0x04A2: return 0x043D; /* ң -> н */
	}
	if (c >= 0x0410 && c <= 0x042F) /* Cyrillic capitals, in case */
		return c + 0x20;
	return c;
}

size_t store_fts_fold(const char *in, size_t len, char *out)
{
	size_t i = 0, o = 0;

	while (i < len) {
		size_t at = i;
		int32_t c = cw_utf8_next(in, len, &i);
		if (c < 0) { /* keep invalid bytes as they are */
			memcpy(out + o, in + at, i - at);
			o += i - at;
			continue;
		}
		uint32_t f = fold_cp((uint32_t)c);
		char tmp[4];
		int n = cw_utf8_put(f, tmp);
		/* all our foldings keep or shorten the encoding */
		if ((size_t)n > i - at) {
			memcpy(out + o, in + at, i - at);
			o += i - at;
		} else {
			memcpy(out + o, tmp, (size_t)n);
			o += (size_t)n;
		}
	}
	out[o] = 0;
	return o;
}

struct tok {
	fts5_tokenizer inner;
	Fts5Tokenizer *inner_tok;
};

struct tok_ctx {
	void *ctx;
	int (*xToken)(void *, int, const char *, int, int, int);
};

static int on_token(void *p, int tflags, const char *t, int n, int s, int e)
{
	struct tok_ctx *c = p;
	char small[256];
	char *buf = (size_t)n < sizeof(small) ? small : malloc((size_t)n + 1);
	int rc;

	if (!buf)
		return SQLITE_NOMEM;
	size_t m = store_fts_fold(t, (size_t)n, buf);
	rc = c->xToken(c->ctx, tflags, buf, (int)m, s, e);
	if (buf != small)
		free(buf);
	return rc;
}

static int tok_create(void *user, const char **argv, int argc, Fts5Tokenizer **out)
{
	fts5_api *api = user;
	struct tok *t = calloc(1, sizeof(*t));
	void *ud = NULL;
	int rc;

	(void)argv;
	(void)argc;
	if (!t)
		return SQLITE_NOMEM;
	rc = api->xFindTokenizer(api, "unicode61", &ud, &t->inner);
	if (rc == SQLITE_OK) {
		static const char *args[] = { "remove_diacritics", "2" };
		rc = t->inner.xCreate(ud, args, 2, &t->inner_tok);
	}
	if (rc != SQLITE_OK) {
		free(t);
		return rc;
	}
	*out = (Fts5Tokenizer *)t;
	return SQLITE_OK;
}

static void tok_delete(Fts5Tokenizer *p)
{
	struct tok *t = (struct tok *)p;
	if (!t)
		return;
	t->inner.xDelete(t->inner_tok);
	free(t);
}

static int tok_tokenize(Fts5Tokenizer *p, void *ctx, int flags, const char *text, int n,
                        int (*xToken)(void *, int, const char *, int, int, int))
{
	struct tok *t = (struct tok *)p;
	struct tok_ctx c = { ctx, xToken };
	return t->inner.xTokenize(t->inner_tok, &c, flags, text, n, on_token);
}

int store_fts_register(sqlite3 *h, cw_err *e)
{
	fts5_api *api = NULL;
	sqlite3_stmt *st = NULL;
	fts5_tokenizer tk = { tok_create, tok_delete, tok_tokenize };

	if (sqlite3_prepare_v2(h, "SELECT fts5(?1)", -1, &st, NULL) != SQLITE_OK)
		return cw_err_set(e, CW_EDB, "full-text search unavailable: %s", sqlite3_errmsg(h));
	sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
	sqlite3_step(st);
	sqlite3_finalize(st);
	if (!api)
		return cw_err_set(e, CW_EDB, "full-text search unavailable");
	if (api->xCreateTokenizer(api, "casewatch", api, &tk, NULL) != SQLITE_OK)
		return cw_err_set(e, CW_EDB, "cannot register the casewatch tokenizer");
	return 0;
}
