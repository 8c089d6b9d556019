/* base/grow.c: see grow.h. */
#include "base/grow.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int cw_grow(void *pp, size_t *cap, size_t need, size_t elem, size_t first)
{
	void *p;
	size_t nc;

	if (need <= *cap)
		return 0;
	nc = *cap ? *cap : first;
	if (!nc)
		nc = 1;
	while (nc < need)
		nc = nc > SIZE_MAX / 2 ? need : nc * 2;
	if (!elem || nc > SIZE_MAX / elem)
		return -1;
	memcpy(&p, pp, sizeof(p));
	p = realloc(p, nc * elem);
	if (!p)
		return -1;
	memcpy(pp, &p, sizeof(p));
	*cap = nc;
	return 0;
}
