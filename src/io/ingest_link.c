/* io/ingest_link.c: which known person a mention names. See
 * ingest_link.h. */
#include "io/ingest_link.h"

#include <stdbool.h>
#include <string.h>

#include "base/buf.h"
#include "match/match.h"
#include "store/people.h"

/* Words of fewer letters than this name nobody alone (Li, Kim, Ali). */
#define LINK_MIN_WORD 4

struct holders {
	cw_arena *a;
	const char *first;
	int n;
	bool nomem;
};

static int on_holder(void *arg, const char *id)
{
	struct holders *h = arg;

	if (h->n++ == 0 && !(h->first = cw_arena_strdup(h->a, id))) {
		h->nomem = true;
		return -1;
	}
	return h->n > 1; /* a second holder is enough to know */
}

/* Look key up: 1 when someone holds it (*id the one holder, or NULL for
 * several), 0 when nobody does, -1 on failure. */
static int holders_of(cw_db *db, int clearance, const char *key, cw_arena *a,
                      const char **id, cw_err *e)
{
	struct holders h = {a, NULL, 0, false};
	int r = store_people_with_key(db, key, clearance, on_holder, &h, e);

	if (h.nomem)
		return cw_err_set(e, CW_ENOMEM, "out of memory");
	if (r < 0)
		return -1;
	*id = h.n == 1 ? h.first : NULL;
	return h.n > 0;
}

/* "3:t:kairbek" -> 't'; 0 for a key of another shape. */
static char key_kind(const char *k)
{
	const char *c = strchr(k, ':');
	return c && c[1] && c[2] == ':' ? c[1] : 0;
}

/* Letters of a key's text (after "V:k:"). */
static size_t key_letters(const char *k)
{
	return strlen(k) - (size_t)(strchr(k, ':') + 3 - k);
}

/* Step 1 for the name keyed k: the s key, or the t key of a name of one
 * long word. */
static const char *whole_name_key(const struct match_keys *k)
{
	const char *s = NULL, *t = NULL;
	int nt = 0;

	for (size_t i = 0; i < k->n; i++) {
		const char *key = match_keys_get(k, i);
		if (key_kind(key) == 's')
			s = key;
		else if (key_kind(key) == 't' && nt++ == 0)
			t = key;
	}
	return nt == 1 && key_letters(t) >= LINK_MIN_WORD ? t : s;
}

/* The words of text with a case ending stripped from each. */
static void strip_words(const char *text, cw_buf *stem)
{
	cw_buf tok = CW_BUF_INIT;
	cw_err ig = CW_ERR_INIT;

	for (const char *p = text; *p;) {
		size_t n = strcspn(p, " ");
		cw_buf_reset(&tok);
		if (n && match_strip_inflection(p, n, &tok, &ig) == 0) {
			if (stem->len)
				cw_buf_addch(stem, ' ');
			cw_buf_add(stem, tok.data, tok.len);
		}
		p += n;
		p += strspn(p, " ");
	}
	cw_buf_release(&tok);
}

int ingest_link_person(cw_db *db, int clearance, const char *text, cw_arena *a,
                       const char **id, cw_err *e)
{
	struct match_keys k;
	cw_buf stem = CW_BUF_INIT, key = CW_BUF_INIT;
	cw_err ig = CW_ERR_INIT;
	const char *whole;
	int r = 0;

	*id = NULL;
	match_keys_init(&k);
	/* 1. the whole name, as written */
	if (match_name_keys(text, strlen(text), &k, &ig) == 0 &&
	    (whole = whole_name_key(&k)) &&
	    (r = holders_of(db, clearance, whole, a, id, e)) != 0)
		goto out;
	/* ... and with its case endings stripped */
	strip_words(text, &stem);
	if (!stem.len || match_name_keys(stem.data, stem.len, &k, &ig))
		goto out;
	if ((whole = whole_name_key(&k)) && strcmp(stem.data, text) &&
	    (r = holders_of(db, clearance, whole, a, id, e)) != 0)
		goto out;
	/* 2. one word, the last first, also one or two letters shorter */
	for (size_t i = k.n; i-- > 0;) {
		const char *t = match_keys_get(&k, i);
		size_t letters;
		if (key_kind(t) != 't')
			continue;
		letters = key_letters(t);
		for (size_t cut = 0; cut <= 2 && letters >= LINK_MIN_WORD + cut; cut++) {
			if (cut == 0 && whole && !strcmp(t, whole))
				continue; /* looked up in step 1 */
			cw_buf_reset(&key);
			if (cw_buf_add(&key, t, strlen(t) - cut)) {
				r = cw_err_set(e, CW_ENOMEM, "out of memory");
				goto out;
			}
			if ((r = holders_of(db, clearance, key.data, a, id, e)) != 0)
				goto out;
		}
	}
out:
	match_keys_release(&k);
	cw_buf_release(&stem);
	cw_buf_release(&key);
	return r < 0 ? -1 : 0;
}
