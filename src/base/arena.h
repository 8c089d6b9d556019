/* base/arena.h: memory freed all at once (h2o's mem pools).
 *
 * An arena hands out pieces of big blocks and frees them together: the
 * loaded people of a dedup run, the strings of one ingest batch, and (in
 * the server) everything one request allocates, released when the
 * request completes. Nothing is freed piece by piece.
 *
 *	cw_arena a;
 *	cw_arena_init(&a, 0, CW_LIMIT_REQUEST_MEMORY);
 *	char *s = cw_arena_strndup(&a, p, n);
 *	...
 *	cw_arena_release(&a);
 *
 * Pieces are aligned for any type (max_align_t). A piece larger than the
 * block size gets a block of its own. An arena may carry a maximum: an
 * allocation that would take the bytes handed out past it fails (NULL),
 * which is how a request's memory is bounded. Every allocation returns
 * NULL when memory runs out or the size overflows; the arena stays valid.
 *
 * `CW_ARENA_INIT` (or zeroing) gives an arena with the default block
 * size and no maximum. An arena is used by one thread at a time. */
#ifndef CW_BASE_ARENA_H
#define CW_BASE_ARENA_H

#include <stdarg.h>
#include <stddef.h>

/* Default block size: large enough that a million small strings take a
 * few hundred mallocs. */
#define CW_ARENA_BLOCK (1u << 20)

struct cw_arena_block;

typedef struct cw_arena {
	struct cw_arena_block *head; /* newest block first */
	size_t block;                /* 0 = CW_ARENA_BLOCK */
	size_t max;                  /* 0 = no maximum */
	size_t used;                 /* bytes handed out, with alignment */
} cw_arena;

#define CW_ARENA_INIT { NULL, 0, 0, 0 }

/* block 0 takes CW_ARENA_BLOCK; max 0 means no maximum. */
void cw_arena_init(cw_arena *a, size_t block, size_t max);

/* n bytes, uninitialized. n == 0 gives a valid, unique pointer. */
void *cw_arena_alloc(cw_arena *a, size_t n);
/* n elements of size bytes, zeroed; NULL on overflow. */
void *cw_arena_calloc(cw_arena *a, size_t n, size_t size);
/* A NUL-terminated copy of the n bytes at s (which may hold NULs). */
char *cw_arena_strndup(cw_arena *a, const char *s, size_t n);
char *cw_arena_strdup(cw_arena *a, const char *s);
char *cw_arena_printf(cw_arena *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Bytes handed out so far (what the maximum is checked against). */
size_t cw_arena_used(const cw_arena *a);

/* Free every block. The arena is empty again and keeps its block size
 * and maximum; it may be used again. */
void cw_arena_release(cw_arena *a);

#endif
