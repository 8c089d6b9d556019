/* match/block.c: candidate pairs by blocking. See block.h. */
#include "match/block.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "base/grow.h"
#include "base/map.h"
#include "match/entries.h"
#include "match/match.h"
#include "match/parallel.h"

struct pairs {
	uint64_t *v;
	size_t n, cap;
};

static int pairs_add(struct pairs *pr, uint32_t a, uint32_t b)
{
	if (cw_grow(&pr->v, &pr->cap, pr->n + 1, sizeof(*pr->v), 65536))
		return -1;
	pr->v[pr->n++] = a < b ? ((uint64_t)a << 32 | b) : ((uint64_t)b << 32 | a);
	return 0;
}

static int u32_cmp(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return x < y ? -1 : x > y;
}

/* Members of a huge block in the order of their facts: birth date, then
 * region, then index (people without a fact last). */
static int fact_cmp(const void *x, const void *y, void *arg)
{
	const dedup_people *p = arg;
	const struct dedup_person *a = dedup_people_get(p, *(const uint32_t *)x);
	const struct dedup_person *b = dedup_people_get(p, *(const uint32_t *)y);
	int c;

	if (!a->born != !b->born)
		return a->born ? -1 : 1;
	if (a->born && (c = strcmp(a->born, b->born)))
		return c;
	if (!a->region != !b->region)
		return a->region ? -1 : 1;
	if (a->region && (c = strcmp(a->region, b->region)))
		return c;
	return u32_cmp(x, y);
}

/* Emit the pairs of one block (members may repeat). A block of more than
 * max_block people is not expanded into all its pairs; with window > 0
 * each member is paired with the next window - 1 in the order of their
 * facts (sorted neighbourhood): a name borne by hundreds of people, or a
 * person recorded hundreds of times under one name, costs pairs in
 * proportion to its members, and records whose facts agree still meet. */
static int block_pairs(const dedup_people *p, uint32_t *m, size_t n, size_t max_block,
                       size_t window, struct pairs *pr, struct dedup_block_stats *st)
{
	size_t k = 0;

	qsort(m, n, sizeof(*m), u32_cmp);
	for (size_t i = 0; i < n; i++)
		if (!k || m[k - 1] != m[i])
			m[k++] = m[i];
	if (k < 2)
		return 0;
	st->blocks++;
	if (k > st->biggest)
		st->biggest = k;
	if (k > max_block) {
		st->big_blocks++;
		if (!window)
			return 0;
		qsort_r(m, k, sizeof(*m), fact_cmp, (void *)p);
		for (size_t i = 0; i < k; i++)
			for (size_t j = i + 1; j < k && j < i + window; j++)
				if (pairs_add(pr, m[i], m[j]))
					return -1;
		return 0;
	}
	for (size_t i = 0; i < k; i++)
		for (size_t j = i + 1; j < k; j++)
			if (pairs_add(pr, m[i], m[j]))
				return -1;
	return 0;
}

/* Blocks of sorted (key, person) entries. */
static int entry_blocks(const dedup_people *p, struct match_entries *a, size_t max_block,
                        size_t window, struct pairs *pr, struct dedup_block_stats *st)
{
	uint32_t *m = NULL;
	size_t cap = 0;
	int rc = -1;

	if (match_entries_sort(a))
		return -1;
	for (size_t i = 0; i < a->n;) {
		size_t j = i;
		while (j < a->n && a->v[j].key == a->v[i].key)
			j++;
		if (j - i > 1) {
			if (j - i > cap) {
				uint32_t *nm = realloc(m, (j - i) * sizeof(*m));
				if (!nm)
					goto out;
				m = nm;
				cap = j - i;
			}
			for (size_t q = i; q < j; q++)
				m[q - i] = a->v[q].val;
			if (block_pairs(p, m, j - i, max_block, window, pr, st))
				goto out;
		}
		i = j;
	}
	rc = 0;
out:
	free(m);
	return rc;
}

/* Compound keys of one folded name: for each ordered pair of its words
 * (u, v), u with v's consonants, u with v's first three letters, u with
 * v's last three letters. They split the huge blocks of common given
 * names and common surnames while tolerating a typo in the other word.
 * Into ini: u with the first letter of v, a word or an initial. */
static int compound_keys(const char *fold, uint32_t ent, struct match_entries *a,
                         struct match_entries *ini)
{
	const char *w[16], *iw[16];
	size_t wl[16], n = 0, ni = 0;
	const char *s = fold;

	while (*s && ni < 16) {
		const char *t = strchr(s, ' ');
		size_t l = t ? (size_t)(t - s) : strlen(s);
		if (l > 1) {
			w[n] = s;
			wl[n++] = l;
		}
		if (l)
			iw[ni++] = s; /* every word, initials too */
		s += l;
		while (*s == ' ')
			s++;
	}
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < n; j++) {
			char buf[2 * MATCH_MAX_TOKEN_BYTES + 8];
			size_t o, base;
			if (i == j || wl[i] > MATCH_MAX_TOKEN_BYTES ||
			    wl[j] > MATCH_MAX_TOKEN_BYTES)
				continue;
			memcpy(buf, w[i], wl[i]);
			o = wl[i];
			buf[o++] = '|';
			base = o;
			for (size_t c = 0; c < wl[j]; c++)
				if (!strchr("aeiou", w[j][c]))
					buf[o++] = w[j][c];
			if (match_entries_add(a, cw_hash(buf, o, 11), ent))
				return -1;
			o = base;
			memcpy(buf + o, w[j], wl[j] < 3 ? wl[j] : 3);
			o += wl[j] < 3 ? wl[j] : 3;
			if (match_entries_add(a, cw_hash(buf, o, 12), ent))
				return -1;
			if (wl[j] > 3) {
				o = base;
				memcpy(buf + o, w[j] + wl[j] - 3, 3);
				o += 3;
				if (match_entries_add(a, cw_hash(buf, o, 13), ent))
					return -1;
			}
		}
	/* u with v's first letter, v a word or an initial: "M. Aqbergenova"
	 * and "Madina Aqbergenova" share "akbergenova|m". In their own list,
	 * flagged when v is an initial: only pairs with an initial side are
	 * made from these keys (ini_blocks) */
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < ni; j++) {
			char buf[MATCH_MAX_TOKEN_BYTES + 8];
			bool initial = iw[j][1] == '\0' || iw[j][1] == ' ';
			if (w[i] == iw[j] || wl[i] > MATCH_MAX_TOKEN_BYTES)
				continue;
			memcpy(buf, w[i], wl[i]);
			buf[wl[i]] = '|';
			buf[wl[i] + 1] = iw[j][0];
			if (match_entries_add(ini, cw_hash(buf, wl[i] + 2, 14), ent))
				return -1;
			ini->v[ini->n - 1].flag = initial;
		}
	return 0;
}

/* Blocks of the word-and-first-letter keys: a block with an initial in
 * it pairs each record with an initial with every other member (up to
 * max_block members); pairs of two full names are left to the finer
 * compound keys. */
static int ini_blocks(struct match_entries *a, size_t max_block, struct pairs *pr,
                      struct dedup_block_stats *st)
{
	if (match_entries_sort(a))
		return -1;
	for (size_t i = 0; i < a->n;) {
		size_t j = i;
		bool any = false;
		while (j < a->n && a->v[j].key == a->v[i].key)
			any |= a->v[j++].flag != 0;
		if (any && j - i > 1) {
			st->blocks++;
			if (j - i > st->biggest)
				st->biggest = j - i;
			if (j - i > max_block) {
				st->big_blocks++;
			} else {
				for (size_t x = i; x < j; x++)
					for (size_t y = i; y < j; y++)
						if (a->v[x].flag &&
						    a->v[x].val != a->v[y].val &&
						    (!a->v[y].flag || x < y) &&
						    pairs_add(pr, a->v[x].val,
						              a->v[y].val))
							return -1;
			}
		}
		i = j;
	}
	return 0;
}

/* The whole name (words sorted) with one fact: birth year, region, a
 * case number. They split the blocks of very common names (hundreds of
 * "Nurlan Akhmetov"), where only records that share a fact can be told
 * to be one person anyway. And each word of two letters or more with a
 * case number: a record of the surname alone, or with a typo in the
 * other word, meets the full name in the same case. (Not a word with the
 * birth year: a surname and a year are shared by too many people, and
 * the pairs they add are mostly different people.) */
static int fact_keys(const struct dedup_person *d, const char *fold, uint32_t ent,
                     struct match_entries *a)
{
	char buf[1024];
	size_t l = dedup_sorted_words(fold, false, buf, sizeof(buf) - 16);
	uint64_t h = cw_hash(buf, l, 21);

	for (const char *s = fold; *s;) {
		const char *t = strchr(s, ' ');
		size_t wl = t ? (size_t)(t - s) : strlen(s);
		if (wl > 1) {
			uint64_t hw = cw_hash(s, wl, 22);
			for (size_t i = 0; i < d->nnumbers; i++)
				if (match_entries_add(a,
				                      cw_hash(d->numbers[i],
				                              strlen(d->numbers[i]),
				                              hw + 2),
				                      ent))
					return -1;
		}
		s += wl;
		while (*s == ' ')
			s++;
	}

	if (d->born && strlen(d->born) >= 4 &&
	    match_entries_add(a, cw_hash(d->born, 4, h), ent))
		return -1;
	if (d->region &&
	    match_entries_add(a, cw_hash(d->region, strlen(d->region), h + 1), ent))
		return -1;
	for (size_t i = 0; i < d->nnumbers; i++)
		if (match_entries_add(
		        a, cw_hash(d->numbers[i], strlen(d->numbers[i]), h + 2), ent))
			return -1;
	return 0;
}

static int u64_cmp(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

/* Sort pairs packed as (a << 32 | b), a < b < people: repacked as
 * (a << bits | b) with bits enough for people, then an LSD radix sort of
 * as many 16-bit digits as that needs (3 for a million people, not 4),
 * and unpacked. */
static int sort_pairs(uint64_t *v, size_t n, size_t people)
{
	unsigned bits = 1, passes;
	uint64_t *tmp, *src = v, *dst;
	size_t *count;

	while (bits < 32 && ((size_t)1 << bits) < people)
		bits++;
	passes = (2 * bits + 15) / 16;
	tmp = malloc(n * sizeof(*tmp));
	count = malloc(65536 * sizeof(*count));
	if (!tmp || !count) {
		free(tmp);
		free(count);
		return -1;
	}
	dst = tmp;
	for (size_t i = 0; i < n; i++)
		v[i] = (v[i] >> 32) << bits | (v[i] & 0xffffffffu);
	for (unsigned pass = 0; pass < passes; pass++) {
		unsigned shift = pass * 16;
		size_t sum = 0;
		uint64_t *t;
		memset(count, 0, 65536 * sizeof(*count));
		for (size_t i = 0; i < n; i++)
			count[(src[i] >> shift) & 0xffff]++;
		for (size_t b = 0; b < 65536; b++) {
			size_t c = count[b];
			count[b] = sum;
			sum += c;
		}
		for (size_t i = 0; i < n; i++)
			dst[count[(src[i] >> shift) & 0xffff]++] = src[i];
		t = src;
		src = dst;
		dst = t;
	}
	if (src != v)
		memcpy(v, src, n * sizeof(*v));
	for (size_t i = 0; i < n; i++)
		v[i] = (v[i] >> bits) << 32 | (v[i] & (((uint64_t)1 << bits) - 1));
	free(tmp);
	free(count);
	return 0;
}

/* The name keys (match_name_keys) of every recorded name, the same keys
 * the store keeps in name_key, computed on DEDUP_LOAD_THREADS threads
 * into entries of their own: whole-name keys (s) apart from one word's
 * (t, c). */
struct key_job {
	const dedup_people *p;
	struct match_entries whole[DEDUP_LOAD_THREADS], word[DEDUP_LOAD_THREADS];
	bool failed[DEDUP_LOAD_THREADS];
};

static void key_range(void *arg, size_t part, size_t from, size_t to)
{
	struct key_job *j = arg;
	struct match_keys k;

	match_keys_init(&k);
	for (size_t i = from; i < to && !j->failed[part]; i++) {
		size_t nn;
		const char *const *names = dedup_people_recorded(j->p, i, &nn);
		for (size_t n = 0; n < nn && !j->failed[part]; n++) {
			cw_err ignored = CW_ERR_INIT;
			/* a name the matcher refuses has no keys */
			if (match_name_keys(names[n], strlen(names[n]), &k, &ignored))
				continue;
			for (size_t x = 0; x < k.n; x++) {
				const char *key = match_keys_get(&k, x);
				const char *kind = strchr(key, ':') + 1;
				if (match_entries_add(
				        *kind == 's' ? &j->whole[part] : &j->word[part],
				        cw_hash(key, strlen(key), 3), (uint32_t)i)) {
					j->failed[part] = true;
					break;
				}
			}
		}
	}
	match_keys_release(&k);
}

/* Append b's entries to a and release b. */
static int entries_join(struct match_entries *a, struct match_entries *b)
{
	if (cw_grow(&a->v, &a->cap, a->n + b->n, sizeof(*a->v), 4096))
		return -1;
	if (b->n)
		memcpy(a->v + a->n, b->v, b->n * sizeof(*b->v));
	a->n += b->n;
	match_entries_release(b);
	return 0;
}

static int name_keys(const dedup_people *p, struct match_entries *whole,
                     struct match_entries *word)
{
	struct key_job j;
	int rc = 0;

	memset(&j, 0, sizeof(j));
	j.p = p;
	match_parallel(dedup_people_count(p), DEDUP_LOAD_THREADS, key_range, &j);
	for (size_t t = 0; t < DEDUP_LOAD_THREADS; t++) {
		if (!rc && (j.failed[t] || entries_join(whole, &j.whole[t]) ||
		            entries_join(word, &j.word[t])))
			rc = -1;
		match_entries_release(&j.whole[t]);
		match_entries_release(&j.word[t]);
	}
	return rc;
}

int dedup_block(const dedup_people *p, size_t max_block, struct dedup_pair **pairs,
                size_t *npairs, struct dedup_block_stats *st, cw_err *e)
{
	struct match_entries a = {0}, w = {0}, ini = {0}, whole = {0};
	struct pairs pr = {0};
	size_t n = dedup_people_count(p);
	int rc = -1;

	*pairs = NULL;
	*npairs = 0;
	memset(st, 0, sizeof(*st));
	/* one word's keys (t, c) pair people who share only that word: worth
	 * it in small blocks only; whole-name keys (s) in any block, huge
	 * ones by their facts' order */
	if (name_keys(p, &whole, &w))
		goto oom;
	for (size_t i = 0; i < n; i++) {
		const struct dedup_person *d = dedup_people_get(p, i);
		for (size_t j = 0; j < d->nnames; j++)
			if (compound_keys(d->folds[j], (uint32_t)i, &a, &ini) ||
			    fact_keys(d, d->folds[j], (uint32_t)i, &a))
				goto oom;
	}
	if (ini_blocks(&ini, max_block, &pr, st))
		goto oom;
	match_entries_release(&ini);
	if (entry_blocks(p, &whole, max_block, DEDUP_WINDOW, &pr, st) ||
	    entry_blocks(p, &a, max_block, 0, &pr, st) ||
	    entry_blocks(p, &w, (max_block + DEDUP_WORD_SHARE - 1) / DEDUP_WORD_SHARE, 0,
	                 &pr, st))
		goto oom;
	match_entries_release(&whole);
	match_entries_release(&w);
	match_entries_release(&a);
	/* each pair once */
	if (pr.n > (1u << 16)) {
		if (sort_pairs(pr.v, pr.n, n))
			goto oom;
	} else {
		qsort(pr.v, pr.n, sizeof(*pr.v), u64_cmp);
	}
	{
		size_t k = 0;
		struct dedup_pair *out;
		for (size_t i = 0; i < pr.n; i++)
			if (!k || pr.v[k - 1] != pr.v[i])
				pr.v[k++] = pr.v[i];
		out = malloc((k ? k : 1) * sizeof(*out));
		if (!out)
			goto oom;
		for (size_t i = 0; i < k; i++) {
			out[i].a = (uint32_t)(pr.v[i] >> 32);
			out[i].b = (uint32_t)pr.v[i];
		}
		*pairs = out;
		*npairs = k;
		st->pairs = k;
	}
	rc = 0;
	goto out;
oom:
	cw_err_set(e, CW_ENOMEM, "out of memory");
out:
	match_entries_release(&a);
	match_entries_release(&w);
	match_entries_release(&ini);
	match_entries_release(&whole);
	free(pr.v);
	return rc;
}
