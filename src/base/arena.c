/* base/arena.c: memory freed all at once. See arena.h. */
#include "base/arena.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct cw_arena_block {
	struct cw_arena_block *next;
	size_t used, cap;
	max_align_t data[];
};

#define ALIGN sizeof(max_align_t)

void cw_arena_init(cw_arena *a, size_t block, size_t max)
{
	a->head = NULL;
	a->block = block;
	a->max = max;
	a->used = 0;
}

void *cw_arena_alloc(cw_arena *a, size_t n)
{
	struct cw_arena_block *b = a->head;
	size_t block = a->block ? a->block : CW_ARENA_BLOCK;
	size_t need;

	if (n > SIZE_MAX - ALIGN)
		return NULL;
	need = (n + ALIGN - 1) & ~(ALIGN - 1);
	if (!need)
		need = ALIGN; /* distinct pointers for zero-sized pieces */
	if (a->max && (need > a->max || a->used > a->max - need))
		return NULL;
	if (!b || b->cap - b->used < need) {
		size_t cap = need > block ? need : block;
		if (cap > SIZE_MAX - sizeof(*b))
			return NULL;
		b = malloc(sizeof(*b) + cap);
		if (!b)
			return NULL;
		b->used = 0;
		b->cap = cap;
		/* A piece that fills a block of its own goes behind the current
		 * block, so the current block's free room stays in use. */
		if (a->head && need >= block && a->head->cap - a->head->used >= ALIGN) {
			b->next = a->head->next;
			a->head->next = b;
		} else {
			b->next = a->head;
			a->head = b;
		}
	}
	b->used += need;
	a->used += need;
	return (char *)b->data + b->used - need;
}

void *cw_arena_calloc(cw_arena *a, size_t n, size_t size)
{
	void *p;

	if (size && n > SIZE_MAX / size)
		return NULL;
	p = cw_arena_alloc(a, n * size);
	if (p)
		memset(p, 0, n * size);
	return p;
}

char *cw_arena_strndup(cw_arena *a, const char *s, size_t n)
{
	char *d;

	if (n == SIZE_MAX || !(d = cw_arena_alloc(a, n + 1)))
		return NULL;
	if (n)
		memcpy(d, s, n);
	d[n] = 0;
	return d;
}

char *cw_arena_strdup(cw_arena *a, const char *s)
{
	return cw_arena_strndup(a, s, strlen(s));
}

char *cw_arena_printf(cw_arena *a, const char *fmt, ...)
{
	va_list ap;
	char *d;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || !(d = cw_arena_alloc(a, (size_t)n + 1)))
		return NULL;
	va_start(ap, fmt);
	vsnprintf(d, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return d;
}

size_t cw_arena_used(const cw_arena *a)
{
	return a->used;
}

void cw_arena_release(cw_arena *a)
{
	while (a->head) {
		struct cw_arena_block *b = a->head;
		a->head = b->next;
		free(b);
	}
	a->used = 0;
}
