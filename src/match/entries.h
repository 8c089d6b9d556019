/* match/entries.h: sorted (hash, value) entries, the multimap that
 * blocking and the name counts are built on (internal to match/).
 *
 * Dedup groups millions of (key, person) pairs by key: every block of
 * people sharing a name key, every name and the people bearing it. A
 * hash map of lists would cost a node per pair; an array of 16-byte
 * entries, each a 64-bit hash (cw_hash, base/map.h) of the key and a
 * 32-bit value, sorted by hash with an LSD radix sort (16 bits a pass,
 * stable), costs O(pairs) time and memory, and entries of one key then
 * lie side by side:
 *
 *	struct match_entries a = {0};
 *	match_entries_add(&a, cw_hash(key, len, seed), person);  ...
 *	match_entries_sort(&a);
 *	for (size_t i = 0; i < a.n;) {
 *		size_t j = i;
 *		while (j < a.n && a.v[j].key == a.v[i].key)
 *			j++;
 *		... a.v[i..j) is one block ...
 *		i = j;
 *	}
 *	match_entries_release(&a);
 *
 * Keys are compared by hash only: two keys whose 64-bit hashes collide
 * share a block (about one pair in 10^19). */
#ifndef CW_MATCH_ENTRIES_H
#define CW_MATCH_ENTRIES_H

#include <stddef.h>
#include <stdint.h>

struct match_entry {
	uint64_t key;
	uint32_t val;
	uint32_t flag; /* the caller's (0 when added) */
};

struct match_entries {
	struct match_entry *v;
	size_t n, cap;
};

/* Append (key, val) with flag 0. 0, or -1 when memory runs out. */
int match_entries_add(struct match_entries *a, uint64_t key, uint32_t val);
/* Sort by key, keeping the order of equal keys. 0, or -1 (out of memory;
 * the entries are unchanged). */
int match_entries_sort(struct match_entries *a);
/* The first entry with this key in sorted entries, or NULL. */
const struct match_entry *match_entries_find(const struct match_entries *a, uint64_t key);
/* Free the array; a is empty again. */
void match_entries_release(struct match_entries *a);

#endif
