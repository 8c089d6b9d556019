/* base/secret.c: see secret.h. */
#include "base/secret.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

int cw_secret_global_init(cw_err *e)
{
	if (sodium_init() < 0)
		return cw_err_set(e, CW_EIO, "libsodium failed to initialize");
	return 0;
}

cw_secret *cw_secret_new(size_t cap, cw_err *e)
{
	cw_secret *s;

	if (cw_secret_global_init(e))
		return NULL;
	s = calloc(1, sizeof(*s));
	if (!s)
		goto nomem;
	s->data = sodium_malloc(cap + 1);
	if (!s->data) {
		free(s);
		goto nomem;
	}
	s->cap = cap;
	s->data[0] = 0;
	return s;
nomem:
	cw_err_set(e, CW_ENOMEM, "cannot allocate locked memory for a key");
	return NULL;
}

int cw_secret_set(cw_secret *s, const void *p, size_t n, cw_err *e)
{
	if (n > s->cap)
		return cw_err_set(e, CW_ELIMIT, "passphrase longer than %zu bytes", s->cap);
	memcpy(s->data, p, n);
	s->data[n] = 0;
	s->len = n;
	return 0;
}

void cw_secret_free(cw_secret *s)
{
	if (!s)
		return;
	sodium_free(s->data); /* wipes before freeing */
	free(s);
}
