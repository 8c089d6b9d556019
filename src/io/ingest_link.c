/* io/ingest_link.c: linking mentions to known records. See ingest_link.h. */
#include "io/ingest_link.h"

#include <stdbool.h>
#include <string.h>

#include "base/buf.h"
#include "match/match.h"
#include "store/ingest.h"

/* The value of a name several records share. */
static char ambiguous;

/* Name k belongs to record id; a name of two records belongs to none. */
static int name_put(struct ingest_names *n, const char *k, const char *id)
{
	cw_map_val *v;
	int r = cw_map_put(&n->map, k, strlen(k), &v);

	if (r < 0)
		return -1;
	if (r > 0)
		return (v->p = cw_arena_strdup(&n->strings, id)) ? 0 : -1;
	if (v->p != &ambiguous && strcmp(v->p, id))
		v->p = &ambiguous;
	return 0;
}

/* The record id of name k: NULL when unknown (*found false) or
 * ambiguous. */
static const char *name_get(const struct ingest_names *n, const char *k, bool *found)
{
	cw_map_val *v = cw_map_get(&n->map, k, strlen(k));

	*found = v != NULL;
	return v && v->p != &ambiguous && *(const char *)v->p ? v->p : NULL;
}

static int on_name(void *arg, const char *type, const char *id, const char *name)
{
	struct ingest_names *n = arg;
	cw_buf fold = CW_BUF_INIT;
	cw_err ig = CW_ERR_INIT;
	int rc = 0;

	(void)type;
	if (match_fold_name(name, strlen(name), &fold, &ig) == 0 && fold.len) {
		rc = name_put(n, fold.data, id);
		/* Each word too (a surname alone, "Қайырбека"); a word that
		 * several records share suggests none of them. */
		for (char *p = fold.data; !rc && *p;) {
			size_t len = strcspn(p, " ");
			char save = p[len];
			if (len >= 4 && len < fold.len) {
				p[len] = 0;
				rc = name_put(n, p, id);
				p[len] = save;
			}
			p += len;
			p += strspn(p, " ");
		}
	}
	cw_buf_release(&fold);
	return rc;
}

int ingest_names_load(struct ingest_names *n, cw_db *db, cw_err *e)
{
	cw_arena_init(&n->strings, 0, 0);
	cw_map_init(&n->map, &n->strings);
	return store_ingest_each_name(db, on_name, n, e);
}

const char *ingest_names_suggest(const struct ingest_names *n, const char *text)
{
	cw_buf fold = CW_BUF_INIT, stem = CW_BUF_INIT, tok = CW_BUF_INIT;
	const char *id = NULL;
	bool found = false;
	cw_err ig = CW_ERR_INIT;

	if (!cw_map_count(&n->map))
		return NULL;
	if (match_fold_name(text, strlen(text), &fold, &ig) == 0)
		id = name_get(n, fold.data, &found);
	if (!found) {
		const char *p = text;
		while (*p) {
			size_t len = strcspn(p, " ");
			cw_buf_reset(&tok);
			if (len && match_strip_inflection(p, len, &tok, &ig) == 0) {
				if (stem.len)
					cw_buf_addch(&stem, ' ');
				cw_buf_add(&stem, tok.data, tok.len);
			}
			p += len;
			p += strspn(p, " ");
		}
		cw_buf_reset(&fold);
		if (stem.len && match_fold_name(stem.data, stem.len, &fold, &ig) == 0)
			id = name_get(n, fold.data, &found);
	}
	/* One word of a name, last (the surname) first, also without a case
	 * ending the stripper kept (Қайырбека): kairbeka, kairbek, kairbe. */
	for (size_t end = fold.len; !found && end > 0;) {
		size_t start = end;
		while (start > 0 && fold.data[start - 1] != ' ')
			start--;
		for (size_t cut = 0; !found && cut <= 2 && end - start - cut >= 4;
		     cut++) {
			char save = fold.data[end - cut];
			fold.data[end - cut] = 0;
			id = name_get(n, fold.data + start, &found);
			fold.data[end - cut] = save;
		}
		end = start > 0 ? start - 1 : 0;
	}
	cw_buf_release(&fold);
	cw_buf_release(&stem);
	cw_buf_release(&tok);
	return id;
}

void ingest_names_release(struct ingest_names *n)
{
	cw_map_release(&n->map);
	cw_arena_release(&n->strings);
}
