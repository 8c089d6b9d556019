/* io/ingest_link.h: which known record a mention of a person or an
 * organization names, for ingest to suggest it for review.
 *
 * The names of live people and organizations (not merged into another)
 * are folded with the name matcher (match_fold_name), each whole and each
 * of its words of four letters or more. A mention is looked up folded as
 * written, then with case endings stripped from its words (Кайырбека ->
 * Кайырбек), then word by word, the last (the surname) first, also one or
 * two letters shorter (a case ending the stripper kept). A name or word
 * that several records share suggests none of them. */
#ifndef CW_IO_INGEST_LINK_H
#define CW_IO_INGEST_LINK_H

#include "base/arena.h"
#include "base/err.h"
#include "base/map.h"
#include "store/db.h"

struct ingest_names {
	cw_map map;       /* folded name or word -> record id, or ambiguous */
	cw_arena strings; /* the map's keys and ids */
};

/* Load the names from db. 0, or -1 (e set). */
int ingest_names_load(struct ingest_names *n, cw_db *db, cw_err *e);
/* The record id the mention text names, owned by n; NULL when none or
 * several. */
const char *ingest_names_suggest(const struct ingest_names *n, const char *text);
void ingest_names_release(struct ingest_names *n);

#endif
