/* base/secret.h: passphrases and keys in locked memory.
 *
 * A cw_secret's bytes live in libsodium's guarded, mlock'd memory
 * (sodium_malloc), are never swapped or dumped, and are wiped when freed.
 * Owner: whoever created it frees it with cw_secret_free(). */
#ifndef CW_BASE_SECRET_H
#define CW_BASE_SECRET_H

#include <stddef.h>

#include "base/err.h"

typedef struct cw_secret {
	unsigned char *data; /* sodium_malloc'd; NUL-terminated for convenience */
	size_t len;
	size_t cap;
} cw_secret;

/* Initialize libsodium once (safe to call repeatedly). */
int cw_secret_global_init(cw_err *e);
/* A new empty secret able to hold cap bytes. NULL on failure. */
cw_secret *cw_secret_new(size_t cap, cw_err *e);
/* Copy n bytes in; fails if they don't fit. */
int cw_secret_set(cw_secret *s, const void *p, size_t n, cw_err *e);
void cw_secret_free(cw_secret *s);

#endif
