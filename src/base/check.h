/* base/check.h: conditions the code relies on (SQLite's ALWAYS and NEVER).
 *
 * Where the code handles a case that cannot happen (an invariant another
 * part keeps), the branch stays, so a release build survives a broken
 * invariant as it always did; a debug build (make check's sanitizer
 * build) stops there instead of silently going on:
 *
 *	if (CW_NEVER(i >= n))   // i < n: the caller counted them
 *		return 0;
 *
 * CW_ALWAYS(x) and CW_NEVER(x) are x as 0 or 1; without NDEBUG they
 * assert that x is true (ALWAYS) or false (NEVER). Plain assert() is for
 * invariants with no branch to keep. */
#ifndef CW_BASE_CHECK_H
#define CW_BASE_CHECK_H

#include <assert.h>

#ifdef NDEBUG
#define CW_ALWAYS(x) ((x) ? 1 : 0)
#define CW_NEVER(x) ((x) ? 1 : 0)
#else
#define CW_ALWAYS(x) ((x) ? 1 : (assert(!"CW_ALWAYS: " #x), 0))
#define CW_NEVER(x) ((x) ? (assert(!"CW_NEVER: " #x), 1) : 0)
#endif

#endif
