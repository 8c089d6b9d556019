/* base/map.h: one hash map from byte strings to a value.
 *
 * Open addressing with linear probing; the table doubles when it is half
 * full. Keys are (pointer, length) and may hold any bytes. The map does
 * not own its keys unless it is given an arena: with `keys` set, a new
 * key is copied into that arena (NUL-terminated); without it, the caller
 * keeps every key's bytes alive and unchanged as long as the map.
 *
 * A value is a pointer or a 64-bit number (cw_map_val). The usual upsert:
 *
 *	cw_map_val *v;
 *	int r = cw_map_put(&m, name, len, &v);
 *	if (r < 0)
 *		return cw_err_set(e, CW_ENOMEM, "out of memory");
 *	if (r > 0)           // new key: *v is zeroed
 *		v->u = first;
 *	else                 // existing key
 *		v->u++;
 *
 * A pointer returned by cw_map_get or cw_map_put stays valid until the
 * next cw_map_put of a new key or cw_map_del (the table may move).
 * Iteration order is the table's order: stable for a given sequence of
 * insertions, but callers that print must sort. One thread at a time.
 *
 * cw_hash is the hash the map uses, exported for callers that keep
 * sorted (hash, value) arrays of their own (dedup's blocks). */
#ifndef CW_BASE_MAP_H
#define CW_BASE_MAP_H

#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"

typedef union cw_map_val {
	void *p;
	uint64_t u;
} cw_map_val;

struct cw_map_entry {
	const char *key; /* NULL marks an empty slot */
	size_t len;
	uint64_t hash;
	cw_map_val val;
};

typedef struct cw_map {
	struct cw_map_entry *slot;
	size_t cap; /* a power of two, or 0 */
	size_t n;
	cw_arena *keys; /* where new keys are copied, or NULL */
} cw_map;

#define CW_MAP_INIT { NULL, 0, 0, NULL }

/* FNV-1a over the bytes, its basis XORed with seed, then the first
 * three steps of murmur3's fmix64, so the low bits that pick a slot are
 * well mixed. The same hash dedup has always used for its blocks. */
uint64_t cw_hash(const void *p, size_t n, uint64_t seed);

/* keys may be NULL: the caller owns the keys' memory. */
void cw_map_init(cw_map *m, cw_arena *keys);
/* Room for n keys without growing. 0 or -1 (out of memory). */
int cw_map_reserve(cw_map *m, size_t n);
/* The value of key, or NULL when it is not in the map. */
cw_map_val *cw_map_get(const cw_map *m, const void *key, size_t len);
/* Find or add key; *val points at its value. Returns 1 when the key is
 * new (its value zeroed), 0 when it was there, -1 when memory ran out
 * (the map is unchanged). */
int cw_map_put(cw_map *m, const void *key, size_t len, cw_map_val **val);
/* Remove key. 1 when it was there, 0 when not. */
int cw_map_del(cw_map *m, const void *key, size_t len);
size_t cw_map_count(const cw_map *m);
/* The entry after position *it (start with *it = 0), or NULL at the end:
 *	for (size_t it = 0; (en = cw_map_next(&m, &it));) */
const struct cw_map_entry *cw_map_next(const cw_map *m, size_t *it);
/* Free the table (not keys held in an arena, nor what values point at);
 * the map is empty and may be used again. */
void cw_map_release(cw_map *m);

#endif
