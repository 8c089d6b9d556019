/* match/region.h: is this the same region? (docs/dedup.md "Regions")
 *
 * Records name places as their sources do: "г. Алматы", "Almaty city",
 * "Алматы", "Павлодарская область", "Pavlodar", "Turkestan", "Turkistan",
 * "Nur-Sultan" (Astana's name in 2019-2022). A folded region is the
 * place's skeleton (match_fold_name) without the words that say what
 * kind of place it is (city, г., область, oblysy, region, district ...)
 * or initials, with Russian adjective endings cut (павлодарская ->
 * pavlodar), compass words made one word in every language (Западно-,
 * Батыс, West), and other names of one place mapped to the one it is
 * compared as: renamed cities (Alma-Ata -> Almaty, Nur-Sultan and
 * Tselinograd -> Astana), abbreviations (ЗКО -> West Kazakhstan) and a
 * region's centre named otherwise (Uralsk, Oral -> West Kazakhstan;
 * Aktau -> Mangystau). Two folded regions are the same when they are
 * equal, or have as many words and each pair of words is equal, one a
 * prefix of the other (four letters at least), the same but for at most
 * two last letters after a common start of five (akmola, akmolin-skaia),
 * or close in spelling (match_skeleton_sim >= MATCH_REGION_SIM).
 *
 * Loose on purpose: a region that differs is evidence against a pair, so
 * it must not come from spelling. A city and its own province (Pavlodar,
 * Павлодарская область; Uralsk, West Kazakhstan) count as one region.
 *
 * Pure functions; the alias table is folded once (thread-safe). */
#ifndef CW_MATCH_REGION_H
#define CW_MATCH_REGION_H

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"
#include "base/err.h"

#define MATCH_REGION_SIM 0.80

/* Fold a region name; appends to out (empty when nothing is left, e.g.
 * "region"). -1 with e set on invalid UTF-8 or a name over the limits. */
int match_fold_region(const char *s, size_t len, cw_buf *out, cw_err *e);

/* Two folded regions (match_fold_region) name one place. */
bool match_region_same(const char *a, const char *b);

#endif
