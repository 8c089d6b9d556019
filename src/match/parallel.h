/* match/parallel.h: one loop split over threads (internal to match/).
 *
 * Dedup's two heavy loops, folding every name at load and scoring every
 * candidate pair, run on a few threads: [0, n) is cut into `parts`
 * ranges of nearly equal size, part t being [n * t / parts,
 * n * (t + 1) / parts); each part but the last gets a thread, the last
 * runs on the caller's thread, and match_parallel returns when all are
 * done. A part whose thread cannot be started runs on the caller's
 * thread instead, so the work is always done, only slower. fn gets its
 * part's number, so per-part state (an arena, a failure flag) can live
 * in an array the caller owns; parts must not write the same memory. */
#ifndef CW_MATCH_PARALLEL_H
#define CW_MATCH_PARALLEL_H

#include <stddef.h>

#define MATCH_MAX_PARTS 16

typedef void (*match_range_fn)(void *arg, size_t part, size_t from, size_t to);

/* Run fn over [0, n) in parts (1 to MATCH_MAX_PARTS) ranges. */
void match_parallel(size_t n, size_t parts, match_range_fn fn, void *arg);

#endif
