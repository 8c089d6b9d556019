/* match/people.c: the people dedup compares, prepared once. See
 * people.h. */
#include "match/people.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/grow.h"
#include "base/map.h"
#include "match/entries.h"
#include "match/match.h"
#include "match/parallel.h"
#include "match/region.h"

struct recorded {
	const char *const *v;
	size_t n;
};

struct dedup_people {
	/* names, folds and lists made here; the fold threads' own */
	cw_arena arena, fold_arena[DEDUP_LOAD_THREADS];
	/* folded words of people's names: hash -> people bearing it */
	struct match_entries words;
	struct dedup_person *p;
	struct recorded *recorded; /* every name as recorded */
	size_t n;
};

size_t dedup_people_count(const dedup_people *p)
{
	return p->n;
}

const struct dedup_person *dedup_people_get(const dedup_people *p, size_t i)
{
	return &p->p[i];
}

const char *const *dedup_people_recorded(const dedup_people *p, size_t i, size_t *n)
{
	*n = p->recorded[i].n;
	return p->recorded[i].v;
}

/* ---------------------------------------------------------------------
 * Names: folded once, one per folded form
 * ------------------------------------------------------------------- */

/* One recorded name of person ent, and its folded form (NULL when the
 * matcher refuses it); seq keeps the recorded order. */
struct item {
	uint32_t ent;
	uint32_t seq;
	const char *fold, *raw;
};

struct fold_job {
	struct item *v;
	cw_arena *arena; /* one a part */
	bool failed[DEDUP_LOAD_THREADS];
};

static void fold_range(void *arg, size_t part, size_t from, size_t to)
{
	struct fold_job *j = arg;
	cw_buf fold = CW_BUF_INIT;

	for (size_t i = from; i < to && !j->failed[part]; i++) {
		cw_err ignored = CW_ERR_INIT;
		cw_buf_reset(&fold);
		/* refused by the matcher, or no letters: no match on this name */
		if (match_fold_name(j->v[i].raw, strlen(j->v[i].raw), &fold, &ignored) ||
		    !fold.len) {
			j->v[i].fold = NULL;
			continue;
		}
		if (!(j->v[i].fold =
		          cw_arena_strndup(&j->arena[part], fold.data, fold.len)))
			j->failed[part] = true;
	}
	cw_buf_release(&fold);
}

/* By person, then folded form, then the order recorded. */
static int item_cmp(const void *a, const void *b)
{
	const struct item *x = a, *y = b;
	int c;

	if (x->ent != y->ent)
		return x->ent < y->ent ? -1 : 1;
	if ((c = strcmp(x->fold, y->fold)))
		return c;
	return (x->seq > y->seq) - (x->seq < y->seq);
}

/* Fold every name (on DEDUP_LOAD_THREADS threads, each into its own
 * arena) and give each person one name per folded form, in the order
 * of the folded forms, the first recorded shown. */
static int fold_names(dedup_people *p, const struct dedup_record *in, cw_err *e)
{
	struct item *v = NULL;
	struct fold_job job = {0};
	size_t n = 0, k = 0;
	int rc = -1;

	for (size_t i = 0; i < p->n; i++)
		n += in[i].nnames;
	if (n >= UINT32_MAX || !(v = malloc((n ? n : 1) * sizeof(*v))))
		goto oom;
	for (size_t i = 0; i < p->n; i++)
		for (size_t j = 0; j < in[i].nnames; j++, k++)
			v[k] =
			    (struct item){(uint32_t)i, (uint32_t)k, NULL, in[i].names[j]};
	job.v = v;
	job.arena = p->fold_arena;
	match_parallel(n, DEDUP_LOAD_THREADS, fold_range, &job);
	for (size_t t = 0; t < DEDUP_LOAD_THREADS; t++)
		if (job.failed[t])
			goto oom;
	/* drop the names the matcher refused */
	k = 0;
	for (size_t i = 0; i < n; i++)
		if (v[i].fold)
			v[k++] = v[i];
	n = k;
	qsort(v, n, sizeof(*v), item_cmp);
	for (size_t i = 0; i < n;) {
		size_t j = i, m = 0;
		struct dedup_person *d = &p->p[v[i].ent];
		const char **folds, **names;
		while (j < n && v[j].ent == v[i].ent)
			j++;
		folds = cw_arena_alloc(&p->arena, (j - i) * sizeof(*folds));
		names = cw_arena_alloc(&p->arena, (j - i) * sizeof(*names));
		if (!folds || !names)
			goto oom;
		for (size_t x = i; x < j; x++) {
			if (m && !strcmp(folds[m - 1], v[x].fold))
				continue;
			folds[m] = v[x].fold;
			names[m++] = v[x].raw;
		}
		d->folds = folds;
		d->names = names;
		d->nnames = m;
		i = j;
	}
	rc = 0;
	goto out;
oom:
	cw_err_set(e, CW_ENOMEM, "out of memory");
out:
	free(v);
	return rc;
}

/* Fold each person's region, each distinct region once (they repeat):
 * regions maps a recorded region to its folded form, or to NULL when it
 * folds to nothing. */
static int fold_regions(dedup_people *p, cw_err *e)
{
	cw_map regions = CW_MAP_INIT;
	cw_buf tmp = CW_BUF_INIT;
	int rc = -1;

	for (size_t i = 0; i < p->n; i++) {
		const char *raw = p->p[i].region_raw;
		cw_err ignored = CW_ERR_INIT;
		cw_map_val *v;
		int r;
		if (!raw || !*raw)
			continue;
		if ((r = cw_map_put(&regions, raw, strlen(raw), &v)) < 0)
			goto oom;
		if (r > 0) {
			cw_buf_reset(&tmp);
			if (!match_fold_region(raw, strlen(raw), &tmp, &ignored) &&
			    tmp.len &&
			    !(v->p = cw_arena_strndup(&p->arena, tmp.data, tmp.len)))
				goto oom;
		}
		p->p[i].region = v->p;
	}
	rc = 0;
	goto out;
oom:
	cw_err_set(e, CW_ENOMEM, "out of memory");
out:
	cw_map_release(&regions);
	cw_buf_release(&tmp);
	return rc;
}

/* ---------------------------------------------------------------------
 * Initials, fathers, holders and words
 * ------------------------------------------------------------------- */

#define SORTED_WORDS_MAX 64

size_t dedup_sorted_words(const char *fold, bool initials, char *out, size_t cap)
{
	const char *w[SORTED_WORDS_MAX];
	size_t wl[SORTED_WORDS_MAX], n = 0, o = 0;
	const char *s = fold;

	while (*s && n < SORTED_WORDS_MAX) {
		const char *t = strchr(s, ' ');
		size_t l = t ? (size_t)(t - s) : strlen(s);
		if (l > 1 || (l == 1 && initials)) {
			w[n] = s;
			wl[n++] = l;
		}
		s += l;
		while (*s == ' ')
			s++;
	}
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0; j--) {
			size_t m = wl[j] < wl[j - 1] ? wl[j] : wl[j - 1];
			int c = memcmp(w[j - 1], w[j], m);
			if (c < 0 || (c == 0 && wl[j - 1] <= wl[j]))
				break;
			const char *tw = w[j];
			size_t tl = wl[j];
			w[j] = w[j - 1];
			wl[j] = wl[j - 1];
			w[j - 1] = tw;
			wl[j - 1] = tl;
		}
	for (size_t i = 0; i < n && o + wl[i] + 1 < cap; i++) {
		memcpy(out + o, w[i], wl[i]);
		o += wl[i];
		out[o++] = ' ';
	}
	return o;
}

static int int_cmp(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

/* Known holders of each name (words sorted, initials kept): the
 * birth years of the people bearing it, each run of DEDUP_HOLDER_YEARS
 * consecutive years counted once (an age turned into a year is often a
 * year late, and a miswritten digit makes another year off: one person
 * born in 1979 is written 1978, 1979 and 1980); at least 2 when both
 * sexes bear it (but one record of a sex against several of the other
 * is a sex mistyped); at least 1. A person's name_count is the largest over
 * its names. How many records bear a name says nothing by itself: a
 * prosecuted activist may be in dozens of articles. */

static unsigned holders(const dedup_people *p, const struct match_entry *v, size_t n)
{
	int years[64];
	unsigned count[64]; /* records giving years[i] */
	char days[64][6];   /* "MM-DD" of a full date of years[i], or "" */
	bool gone[64] = {false};
	size_t ny = 0, h = 0, kept = 0;
	size_t m = 0, f = 0; /* records giving each sex */

	for (size_t i = 0; i < n; i++) {
		const struct dedup_person *d = &p->p[v[i].val];
		int y = 0;
		size_t k;
		if (d->sex && !strcmp(d->sex, "m"))
			m++;
		if (d->sex && !strcmp(d->sex, "f"))
			f++;
		if (!d->born || strlen(d->born) < 4)
			continue;
		for (k = 0; k < 4; k++)
			y = y * 10 + (d->born[k] - '0');
		for (k = 0; k < ny && years[k] != y; k++)
			;
		if (k == ny) {
			if (ny == 64)
				continue;
			years[ny] = y;
			count[ny] = 0;
			days[ny++][0] = '\0';
		}
		count[k]++;
		if (!days[k][0] && strlen(d->born) == 10)
			memcpy(days[k], d->born + 5, 6);
	}
	/* full dates of one day whose years differ in a digit (1976-10-14,
	 * 1986-10-14) are one date miswritten: the year fewer records give
	 * (the later of two given as often) is dropped */
	for (size_t i = 0; i < ny; i++)
		for (size_t j = 0; j < ny; j++)
			if (i != j && !gone[i] && !gone[j] && days[i][0] &&
			    !strcmp(days[i], days[j]) &&
			    (count[i] > count[j] ||
			     (count[i] == count[j] && years[i] < years[j])) &&
			    dedup_one_digit_apart(years[i], years[j]))
				gone[j] = true;
	for (size_t i = 0; i < ny; i++)
		if (!gone[i])
			years[kept++] = years[i];
	ny = kept;
	/* a holder for each run of years that spans more than DEDUP_HOLDER_YEARS */
	qsort(years, ny, sizeof(years[0]), int_cmp);
	for (size_t i = 0, anchor = 0; i < ny; i++)
		if (!i || years[i] > years[anchor] + DEDUP_HOLDER_YEARS - 1) {
			h++;
			anchor = i;
		}
	/* both sexes: two people, unless one record says the other sex
	 * against several (a sex mistyped: names of one sex mostly) */
	if (m && f && h < 2 && (m == f || (m >= 2 && f >= 2)))
		return 2;
	return h ? (unsigned)h : 1;
}

/* Initials the database resolves. "Сайгазыев С.Ш." and "Sagat
 * Saigazyev" agree only in part, and alone they stay under the
 * threshold: another Saigazyev may be called S-something. But when the
 * names in the database hold "saigazyev" beside one word starting with
 * "s" and no other ("sagat"), the initial can only be that word: the
 * person gets the name with the initial written out ("sagat saigazyev",
 * other initials dropped) as one more name. Two different words starting
 * with the letter next to the surname (Viktor Kim, Vadim Kim) leave
 * "Kim V." as it is; two spellings of one (Sergey and Serhii Vakhruk,
 * match_skeleton_sim >= DEDUP_INITIAL_SAME_WORD) count as one word. */
#define INITIAL_WORDS 16

struct word {
	const char *s;
	size_t len;
};

static size_t name_words(const char *fold, struct word *w, size_t max)
{
	size_t n = 0;

	for (const char *s = fold; *s && n < max;) {
		size_t l = strcspn(s, " ");
		w[n++] = (struct word){s, l};
		s += l;
		s += strspn(s, " ");
	}
	return n;
}

static uint64_t word_letter_key(const struct word *w, char c)
{
	return cw_hash(w->s, w->len, (unsigned char)c + 41);
}

static int expand_initials(dedup_people *p, bool *ambiguous, cw_err *e)
{
	struct match_entries a = {0};
	struct word *occ = NULL;
	size_t nocc = 0, capocc = 0;
	struct match_entries uniq = {0}; /* key -> occ index of a word; flag: several */
	cw_buf b = CW_BUF_INIT;
	int rc = -1;

	/* every (word, first letter of another full word) of full names */
	for (size_t i = 0; i < p->n; i++)
		for (size_t j = 0; j < p->p[i].nnames; j++) {
			struct word w[INITIAL_WORDS];
			size_t n = name_words(p->p[i].folds[j], w, INITIAL_WORDS);
			for (size_t x = 0; x < n; x++)
				for (size_t y = 0; y < n; y++) {
					if (x == y || w[x].len < 2 || w[y].len < 2)
						continue;
					if (cw_grow(&occ, &capocc, nocc + 1, sizeof(*occ),
					            4096))
						goto oom;
					occ[nocc] = w[y];
					if (nocc >= UINT32_MAX ||
					    match_entries_add(
					        &a, word_letter_key(&w[x], w[y].s[0]),
					        (uint32_t)nocc++))
						goto oom;
				}
		}
	if (match_entries_sort(&a))
		goto oom;
	for (size_t i = 0; i < a.n;) {
		size_t j = i;
		bool one = true;
		const struct word *f = &occ[a.v[i].val];
		for (; j < a.n && a.v[j].key == a.v[i].key; j++) {
			const struct word *o = &occ[a.v[j].val];
			/* the same word, or another spelling of it (Sergey, Serhii) */
			one = one && ((o->len == f->len && !memcmp(o->s, f->s, f->len)) ||
			              match_skeleton_sim(o->s, o->len, f->s, f->len) >=
			                  DEDUP_INITIAL_SAME_WORD);
		}
		if (match_entries_add(&uniq, a.v[i].key, a.v[i].val))
			goto oom;
		uniq.v[uniq.n - 1].flag = !one; /* 1: several words */
		i = j;
	}
	match_entries_release(&a);
	/* names with an initial: write the first initial out when every full
	 * word of the name resolves it to the same word */
	for (size_t i = 0; i < p->n; i++) {
		struct dedup_person *d = &p->p[i];
		size_t nn = d->nnames;
		bool written_out = dedup_names_written_out(d);
		for (size_t j = 0; j < nn; j++) {
			struct word w[INITIAL_WORDS];
			size_t n = name_words(d->folds[j], w, INITIAL_WORDS), first = n,
			       full = 0;
			const struct word *v = NULL;
			bool ok = true;
			for (size_t x = 0; x < n; x++) {
				if (w[x].len == 1 && first == n)
					first = x;
				full += w[x].len > 1;
			}
			if (first == n || !full)
				continue;
			for (size_t x = 0; x < n && ok; x++) {
				const struct match_entry *u;
				if (w[x].len < 2)
					continue;
				u = match_entries_find(
				    &uniq, word_letter_key(&w[x], w[first].s[0]));
				if (!u) {
					ok = false;
				} else if (u->flag) {
					/* M. could be Madina or Marzhan: a name of two
					 * people at least, unless the person's other
					 * names write it out */
					ambiguous[i] = ambiguous[i] || !written_out;
					ok = false;
				} else {
					if (v && (v->len != occ[u->val].len ||
					          memcmp(v->s, occ[u->val].s, v->len)))
						ok = false;
					v = &occ[u->val];
				}
			}
			if (!ok || !v)
				continue;
			cw_buf_reset(&b);
			for (size_t x = 0; x < n; x++) {
				const struct word *t = x == first ? v : &w[x];
				if (x != first && w[x].len < 2)
					continue; /* other initials: a patronymic's */
				if (b.len)
					cw_buf_addch(&b, ' ');
				cw_buf_add(&b, t->s, t->len);
			}
			{
				const char *f =
				    cw_arena_strndup(&p->arena, b.data, b.len);
				const char **folds = cw_arena_alloc(
				    &p->arena, (d->nnames + 1) * sizeof(*folds));
				const char **names = cw_arena_alloc(
				    &p->arena, (d->nnames + 1) * sizeof(*names));
				bool dup = false;
				if (!f || !folds || !names)
					goto oom;
				for (size_t x = 0; x < d->nnames; x++)
					dup = dup || !strcmp(d->folds[x], f);
				if (dup)
					continue;
				memcpy(folds, d->folds, d->nnames * sizeof(*folds));
				memcpy(names, d->names, d->nnames * sizeof(*names));
				folds[d->nnames] = f;
				names[d->nnames] =
				    f; /* the folded form reads as a name */
				d->folds = folds;
				d->names = names;
				d->nnames++;
			}
		}
	}
	rc = 0;
	goto out;
oom:
	cw_err_set(e, CW_ENOMEM, "out of memory");
out:
	match_entries_release(&a);
	match_entries_release(&uniq);
	free(occ);
	cw_buf_release(&b);
	return rc;
}

/* The fathers' names in each person's patronymics (dedup_patronymic). */
static int find_fathers(dedup_people *p, cw_err *e)
{
	for (size_t i = 0; i < p->n; i++) {
		struct dedup_person *d = &p->p[i];
		const char **f = NULL;
		size_t n = 0;
		for (size_t j = 0; j < d->nnames; j++) {
			char root[MATCH_MAX_TOKEN_BYTES + 1];
			size_t l = dedup_patronymic(d->folds[j], root, sizeof(root));
			bool seen = false;
			if (!l)
				continue;
			if (!f &&
			    !(f = cw_arena_alloc(&p->arena, d->nnames * sizeof(*f))))
				return cw_err_set(e, CW_ENOMEM, "out of memory");
			for (size_t k = 0; k < n; k++)
				seen = seen || !strcmp(f[k], root);
			if (!seen && !(f[n++] = cw_arena_strndup(&p->arena, root, l)))
				return cw_err_set(e, CW_ENOMEM, "out of memory");
		}
		d->fathers = f;
		d->nfathers = n;
	}
	return 0;
}

/* How many people's names hold each folded word (two letters or more;
 * a person counts once however many names hold it). */
#define WORD_HASH_SEED 7

static int count_words(dedup_people *p, cw_err *e)
{
	struct match_entries a = {0};
	size_t n = 0;

	for (size_t i = 0; i < p->n; i++) {
		const struct dedup_person *d = &p->p[i];
		size_t first = a.n;
		for (size_t j = 0; j < d->nnames; j++) {
			struct word w[INITIAL_WORDS];
			size_t nw = name_words(d->folds[j], w, INITIAL_WORDS);
			for (size_t x = 0; x < nw; x++) {
				uint64_t h = cw_hash(w[x].s, w[x].len, WORD_HASH_SEED);
				bool seen = false;
				if (w[x].len < 2)
					continue;
				for (size_t k = first; k < a.n && !seen; k++)
					seen = a.v[k].key == h;
				if (!seen && match_entries_add(&a, h, (uint32_t)i))
					goto oom;
			}
		}
	}
	if (match_entries_sort(&a))
		goto oom;
	/* one entry a word, its value the people bearing it */
	for (size_t i = 0; i < a.n; i++) {
		if (!i || a.v[i].key != a.v[n - 1].key)
			a.v[n++] = (struct match_entry){a.v[i].key, 0, 0};
		a.v[n - 1].val++;
	}
	a.n = n;
	p->words = a;
	return 0;
oom:
	match_entries_release(&a);
	return cw_err_set(e, CW_ENOMEM, "out of memory");
}

/* dedup_person.word_count: people bearing a folded word. */
static unsigned word_people(const void *ctx, const char *w, size_t len)
{
	const dedup_people *p = ctx;
	const struct match_entry *x =
	    match_entries_find(&p->words, cw_hash(w, len, WORD_HASH_SEED));

	return x ? x->val : 0;
}

static int count_names(dedup_people *p, cw_err *e)
{
	struct match_entries a = {0};
	char buf[1024];
	int rc = -1;

	for (size_t i = 0; i < p->n; i++) {
		const struct dedup_person *d = &p->p[i];
		for (size_t j = 0; j < d->nnames; j++) {
			size_t l =
			    dedup_sorted_words(d->folds[j], true, buf, sizeof(buf));
			if (match_entries_add(&a, cw_hash(buf, l, 1), (uint32_t)i))
				goto oom;
		}
	}
	if (match_entries_sort(&a))
		goto oom;
	for (size_t i = 0; i < p->n; i++)
		p->p[i].name_count = 1;
	for (size_t i = 0; i < a.n;) {
		size_t j = i;
		unsigned h;
		while (j < a.n && a.v[j].key == a.v[i].key)
			j++;
		h = j - i > 1 ? holders(p, a.v + i, j - i) : 1;
		for (size_t m = i; m < j; m++)
			if (p->p[a.v[m].val].name_count < h)
				p->p[a.v[m].val].name_count = h;
		i = j;
	}
	rc = 0;
	goto out;
oom:
	cw_err_set(e, CW_ENOMEM, "out of memory");
out:
	match_entries_release(&a);
	return rc;
}

int dedup_people_new(const struct dedup_record *in, size_t n, dedup_people **out,
                     cw_err *e)
{
	dedup_people *p = calloc(1, sizeof(*p));
	bool *ambiguous = NULL; /* a name's initial could be several words */
	int rc = -1;

	*out = NULL;
	if (!p || !(p->p = calloc(n ? n : 1, sizeof(*p->p))) ||
	    !(p->recorded = calloc(n ? n : 1, sizeof(*p->recorded))) ||
	    !(ambiguous = calloc(n ? n : 1, sizeof(*ambiguous)))) {
		cw_err_set(e, CW_ENOMEM, "out of memory");
		goto out;
	}
	if (n > DEDUP_MAX_PEOPLE) {
		cw_err_set(e, CW_ELIMIT, "dedup: too many people (%zu)", n);
		goto out;
	}
	p->n = n;
	for (size_t i = 0; i < n; i++) {
		struct dedup_person *d = &p->p[i];
		d->id = in[i].id;
		d->sex = in[i].sex;
		d->born = in[i].born;
		d->region_raw = in[i].region;
		d->orgs = in[i].orgs;
		d->norgs = in[i].norgs;
		d->numbers = in[i].numbers;
		d->nnumbers = in[i].nnumbers;
		d->sources = in[i].sources;
		d->nsources = in[i].nsources;
		p->recorded[i] = (struct recorded){in[i].names, in[i].nnames};
	}
	if (fold_names(p, in, e) || fold_regions(p, e) ||
	    expand_initials(p, ambiguous, e) || find_fathers(p, e) || count_names(p, e) ||
	    count_words(p, e))
		goto out;
	for (size_t i = 0; i < n; i++) {
		struct dedup_person *d = &p->p[i];
		d->word_count = word_people;
		d->word_ctx = p;
		d->written_out = dedup_names_written_out(d) ? 1 : -1;
		if (ambiguous[i] && d->name_count < 2)
			d->name_count = 2;
	}
	*out = p;
	p = NULL;
	rc = 0;
out:
	free(ambiguous);
	dedup_people_free(p);
	return rc;
}

void dedup_people_free(dedup_people *p)
{
	if (!p)
		return;
	cw_arena_release(&p->arena);
	for (size_t t = 0; t < DEDUP_LOAD_THREADS; t++)
		cw_arena_release(&p->fold_arena[t]);
	match_entries_release(&p->words);
	free(p->recorded);
	free(p->p);
	free(p);
}
