/* base/grow.h: growing a malloc'd array (git's ALLOC_GROW, as a function
 * that checks for overflow).
 *
 * The loop it replaces:
 *
 *	if (n == cap) {
 *		size_t nc = cap ? cap * 2 : 16;
 *		struct item *p = realloc(v, nc * sizeof(*p));
 *		if (!p)
 *			return -1;
 *		v = p;
 *		cap = nc;
 *	}
 *	v[n++] = x;
 *
 * becomes
 *
 *	if (cw_grow(&v, &cap, n + 1, sizeof(*v), 16))
 *		return -1;
 *	v[n++] = x;
 *
 * cw_grow makes room for at least `need` elements of `elem` bytes in the
 * array *pp, whose capacity in elements is *cap. It does nothing when
 * need <= *cap. Otherwise the new capacity is `first` if the array is
 * empty (*cap == 0), else *cap, doubled until it is at least `need`; for
 * the usual push (need == *cap + 1) that is exactly "first, then double".
 * The caller's capacity sequence is therefore kept, which matters where a
 * limit is checked against it. New elements are uninitialized (realloc).
 *
 * Returns 0, or -1 when the new size in bytes would overflow size_t or
 * memory runs out; on failure *pp and *cap are unchanged (the old array
 * stays valid and owned by the caller). The caller reports the error.
 *
 * pp is the address of the caller's pointer variable (`&v`, any object
 * pointer type), not a void **: passing &v needs no cast and the helper
 * reads and writes the pointer with memcpy, so no pointer is accessed
 * through an lvalue of another type. *pp may be NULL when *cap is 0.
 * elem and first are greater than 0 (a first of 0 is taken as 1). */
#ifndef CW_BASE_GROW_H
#define CW_BASE_GROW_H

#include <stddef.h>

int cw_grow(void *pp, size_t *cap, size_t need, size_t elem, size_t first);

#endif
