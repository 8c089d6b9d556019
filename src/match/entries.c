/* match/entries.c: sorted (hash, value) entries. See entries.h. */
#include "match/entries.h"

#include <stdlib.h>
#include <string.h>

#include "base/grow.h"

int match_entries_add(struct match_entries *a, uint64_t key, uint32_t val)
{
	if (cw_grow(&a->v, &a->cap, a->n + 1, sizeof(*a->v), 4096))
		return -1;
	a->v[a->n++] = (struct match_entry){key, val, 0};
	return 0;
}

/* LSD radix sort, 16 bits a pass: four passes, so the result is back in
 * a->v. */
int match_entries_sort(struct match_entries *a)
{
	size_t n = a->n;
	struct match_entry *tmp = malloc((n ? n : 1) * sizeof(*tmp));
	size_t *count = malloc(65536 * sizeof(*count));
	struct match_entry *src = a->v, *dst = tmp;

	if (!tmp || !count) {
		free(tmp);
		free(count);
		return -1;
	}
	for (int pass = 0; pass < 4; pass++) {
		int shift = pass * 16;
		size_t sum = 0;
		struct match_entry *t;
		memset(count, 0, 65536 * sizeof(*count));
		for (size_t i = 0; i < n; i++)
			count[(src[i].key >> shift) & 0xffff]++;
		for (size_t b = 0; b < 65536; b++) {
			size_t c = count[b];
			count[b] = sum;
			sum += c;
		}
		for (size_t i = 0; i < n; i++)
			dst[count[(src[i].key >> shift) & 0xffff]++] = src[i];
		t = src;
		src = dst;
		dst = t;
	}
	free(tmp);
	free(count);
	return 0;
}

const struct match_entry *match_entries_find(const struct match_entries *a, uint64_t key)
{
	size_t lo = 0, hi = a->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (a->v[mid].key < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < a->n && a->v[lo].key == key ? &a->v[lo] : NULL;
}

void match_entries_release(struct match_entries *a)
{
	free(a->v);
	a->v = NULL;
	a->n = a->cap = 0;
}
