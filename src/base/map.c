/* base/map.c: one hash map from byte strings to a value. See map.h. */
#include "base/map.h"

#include <stdlib.h>
#include <string.h>

#define MAP_FIRST 16

uint64_t cw_hash(const void *p, size_t n, uint64_t seed)
{
	const unsigned char *s = p;
	uint64_t h = 1469598103934665603ull ^ seed;

	for (size_t i = 0; i < n; i++)
		h = (h ^ s[i]) * 1099511628211ull;
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdull;
	h ^= h >> 33;
	return h;
}

void cw_map_init(cw_map *m, cw_arena *keys)
{
	m->slot = NULL;
	m->cap = 0;
	m->n = 0;
	m->keys = keys;
}

/* The slot holding key, or the empty slot where it would go. The table
 * is never full (at most half), so the probe ends. */
static size_t find_slot(const cw_map *m, const void *key, size_t len, uint64_t h)
{
	size_t mask = m->cap - 1, i = (size_t)h & mask;

	for (; m->slot[i].key; i = (i + 1) & mask) {
		const struct cw_map_entry *en = &m->slot[i];
		if (en->hash == h && en->len == len &&
		    (!len || !memcmp(en->key, key, len)))
			break;
	}
	return i;
}

static int resize(cw_map *m, size_t cap)
{
	struct cw_map_entry *old = m->slot, *nw = calloc(cap, sizeof(*nw));
	size_t ocap = m->cap;

	if (!nw)
		return -1;
	m->slot = nw;
	m->cap = cap;
	for (size_t i = 0; i < ocap; i++)
		if (old[i].key) {
			size_t mask = cap - 1, j = (size_t)old[i].hash & mask;
			while (nw[j].key)
				j = (j + 1) & mask;
			nw[j] = old[i];
		}
	free(old);
	return 0;
}

int cw_map_reserve(cw_map *m, size_t n)
{
	size_t cap = m->cap ? m->cap : MAP_FIRST;

	if (n > SIZE_MAX / 4 / sizeof(struct cw_map_entry))
		return -1;
	while (cap < 2 * n)
		cap *= 2;
	return cap == m->cap ? 0 : resize(m, cap);
}

cw_map_val *cw_map_get(const cw_map *m, const void *key, size_t len)
{
	size_t i;

	if (!m->n)
		return NULL;
	i = find_slot(m, key, len, cw_hash(key, len, 0));
	return m->slot[i].key ? &m->slot[i].val : NULL;
}

int cw_map_put(cw_map *m, const void *key, size_t len, cw_map_val **val)
{
	uint64_t h = cw_hash(key, len, 0);
	struct cw_map_entry *en;
	const char *k = key;
	size_t i;

	if (m->cap) {
		i = find_slot(m, key, len, h);
		if (m->slot[i].key) {
			*val = &m->slot[i].val;
			return 0;
		}
	}
	if ((m->n + 1) * 2 > m->cap) {
		if (m->cap > SIZE_MAX / 4 / sizeof(*m->slot) ||
		    resize(m, m->cap ? m->cap * 2 : MAP_FIRST))
			return -1;
	}
	i = find_slot(m, key, len, h);
	if (m->keys) {
		if (!(k = cw_arena_strndup(m->keys, key, len)))
			return -1;
	} else if (!k) {
		k = ""; /* an empty key given as NULL: the slot needs a mark */
	}
	en = &m->slot[i];
	en->key = k;
	en->len = len;
	en->hash = h;
	en->val.u = 0;
	m->n++;
	*val = &en->val;
	return 1;
}

int cw_map_del(cw_map *m, const void *key, size_t len)
{
	size_t mask, i, j;

	if (!m->n)
		return 0;
	mask = m->cap - 1;
	i = find_slot(m, key, len, cw_hash(key, len, 0));
	if (!m->slot[i].key)
		return 0;
	/* Backward-shift deletion: move later entries of the probe run into
	 * the hole when their home slot allows, so no tombstones are kept. */
	for (j = (i + 1) & mask; m->slot[j].key; j = (j + 1) & mask) {
		size_t home = (size_t)m->slot[j].hash & mask;
		/* j may move to i when home is not cyclically in (i, j] */
		if (i <= j ? (home <= i || home > j) : (home <= i && home > j)) {
			m->slot[i] = m->slot[j];
			i = j;
		}
	}
	m->slot[i].key = NULL;
	m->n--;
	return 1;
}

size_t cw_map_count(const cw_map *m)
{
	return m->n;
}

const struct cw_map_entry *cw_map_next(const cw_map *m, size_t *it)
{
	while (*it < m->cap) {
		const struct cw_map_entry *en = &m->slot[(*it)++];
		if (en->key)
			return en;
	}
	return NULL;
}

void cw_map_release(cw_map *m)
{
	free(m->slot);
	m->slot = NULL;
	m->cap = 0;
	m->n = 0;
}
